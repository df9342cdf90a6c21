// An incremental Server-Sent Events parser (WHATWG HTML, "Server-sent
// events", §9.2.6 "Interpreting an event stream"). MCP servers speak SSE on
// both HTTP transports: the answer to a Streamable HTTP POST may be an SSE
// stream, and the legacy HTTP+SSE transport sends everything on one.
//
// Bytes go in as they arrive from the socket, in chunks of any size (a CRLF
// may be split between two chunks, and so may the byte-order mark); whole
// events come out. The parser does no I/O and keeps no more than one line and
// one event in memory, each capped, because the peer is untrusted: a line or
// an event over its cap is an error, not a reason to grow.
//
// Where the spec leaves the reader free, this one chooses:
//  - An event is dispatched only when its data buffer is non-empty, as the
//    spec says; `data:` with an empty value does dispatch, with empty data
//    (MCP servers send such "priming" events to carry an id).
//  - Bytes are passed through undecoded: the spec decodes UTF-8 with
//    replacement characters, but every MCP payload is JSON, and the JSON
//    parser that reads it next rejects bad UTF-8 with a clearer message.
//  - The spec discards an unfinished event at the end of the stream; so does
//    Finish(), but it says so, because for MCP an answer cut off mid-event is
//    worth reporting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace mcpguard::probe {

struct SseEvent {
  std::string event = "message";  // the `event:` field; "message" when absent
  std::string data;               // `data:` lines joined with "\n"
  std::string id;                 // the last event ID in force (it persists across events)
  std::optional<uint64_t> retry;  // the reconnection time in ms in force, if the stream set one
};

class SseParser {
 public:
  // Caps in bytes: one line (terminator excluded) and one event's data.
  explicit SseParser(size_t max_line_bytes, size_t max_event_bytes);

  // Parses `chunk` and returns the events it completed, in order. After an
  // error (kTooLarge) the parser is spent: every later call fails the same way.
  Result<std::vector<SseEvent>> Feed(std::string_view chunk);

  // True when the bytes fed so far end in the middle of an event: a partial
  // line, or fields read since the last blank line. At the end of the stream
  // that event is lost (the spec discards it).
  bool InsideEvent() const;

 private:
  Result<void> TakeLine(std::vector<SseEvent>& out);
  Result<void> ProcessField(std::string_view field, std::string_view value);
  void StripBom();
  Result<void> Failed(std::string message);

  size_t max_line_;
  size_t max_event_;
  std::string line_;          // the current, unterminated line
  bool bom_checked_ = false;  // the first line's leading BOM was looked at
  bool after_cr_ = false;     // the last byte was CR: an LF right after it belongs to it
  bool fields_seen_ = false;  // a field line since the last blank line
  std::string data_;
  std::string event_type_;
  std::string last_id_;
  std::optional<uint64_t> retry_;
  std::optional<Error> failed_;
};

}  // namespace mcpguard::probe
