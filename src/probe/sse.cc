#include "probe/sse.h"

#include <charconv>
#include <utility>

namespace mcpguard::probe {
namespace {

// An Error with no file position: these are about a peer, not a file.
Error Err(Errc code, std::string message) { return Error{code, std::move(message), {}, 0, 0}; }


constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

SseParser::SseParser(size_t max_line_bytes, size_t max_event_bytes)
    : max_line_(max_line_bytes), max_event_(max_event_bytes) {}

bool SseParser::InsideEvent() const { return !line_.empty() || fields_seen_; }

Result<void> SseParser::Failed(std::string message) {
  failed_ = Err(Errc::kTooLarge, std::move(message));
  return tl::make_unexpected(*failed_);
}

// Only the stream's very first bytes can be a BOM; by the time the first
// line holds three bytes (or ends sooner) the question is settled for good.
void SseParser::StripBom() {
  if (bom_checked_) return;
  bom_checked_ = true;
  if (line_.compare(0, kBom.size(), kBom) == 0) line_.erase(0, kBom.size());
}

Result<std::vector<SseEvent>> SseParser::Feed(std::string_view chunk) {
  if (failed_) return tl::make_unexpected(*failed_);
  std::vector<SseEvent> out;
  size_t i = 0;
  while (i < chunk.size()) {
    if (after_cr_) {
      // CR LF is one terminator even when the chunk boundary falls between them.
      after_cr_ = false;
      if (chunk[i] == '\n') {
        ++i;
        continue;
      }
    }
    const size_t end = chunk.find_first_of("\r\n", i);
    const size_t stop = end == std::string_view::npos ? chunk.size() : end;
    line_.append(chunk.substr(i, stop - i));
    if (line_.size() >= kBom.size()) StripBom();
    if (line_.size() > max_line_)
      return tl::make_unexpected(
          Failed("SSE line longer than " + std::to_string(max_line_) + " bytes").error());
    if (end == std::string_view::npos) break;
    after_cr_ = chunk[end] == '\r';
    i = end + 1;
    if (auto taken = TakeLine(out); !taken) return tl::make_unexpected(taken.error());
  }
  return out;
}

Result<void> SseParser::TakeLine(std::vector<SseEvent>& out) {
  StripBom();
  const std::string line = std::exchange(line_, {});
  if (line.empty()) {
    // A blank line dispatches the event, if it has data (spec: "dispatch the event").
    fields_seen_ = false;
    if (data_.empty()) {
      event_type_.clear();
      return {};
    }
    data_.pop_back();  // the LF appended after the last data line
    SseEvent event;
    if (!event_type_.empty()) event.event = std::exchange(event_type_, {});
    event.data = std::exchange(data_, {});
    event.id = last_id_;
    event.retry = retry_;
    out.push_back(std::move(event));
    return {};
  }
  if (line.front() == ':') return {};  // a comment (servers send them as keep-alives)
  fields_seen_ = true;
  const std::string_view view = line;
  const size_t colon = view.find(':');
  if (colon == std::string_view::npos) return ProcessField(view, {});
  std::string_view value = view.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return ProcessField(view.substr(0, colon), value);
}

Result<void> SseParser::ProcessField(std::string_view field, std::string_view value) {
  if (field == "event") {
    event_type_ = value;
  } else if (field == "data") {
    // data_ carries one LF per line; the event's data has one fewer.
    if (data_.size() + value.size() > max_event_)
      return Failed("SSE event larger than " + std::to_string(max_event_) + " bytes");
    data_.append(value);
    data_.push_back('\n');
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_id_ = value;
  } else if (field == "retry") {
    uint64_t ms = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
    if (AllDigits(value) && ec == std::errc() && end == value.data() + value.size()) retry_ = ms;
  }
  // Any other field is ignored, as the spec says.
  return {};
}

}  // namespace mcpguard::probe
