#include "poisoning/unicode.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace mcpguard::poisoning {
namespace {

struct CodePoint {
  char32_t cp;
  size_t begin;
  size_t end;
};

// Invalid bytes decode as U+FFFD one byte at a time, so offsets stay exact.
std::vector<CodePoint> Decode(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = len != 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      ok = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (!ok) {
      out.push_back({0xFFFD, i, i + 1});
      ++i;
      continue;
    }
    out.push_back({cp, i, i + len});
    i += len;
  }
  return out;
}

bool IsRtl(char32_t cp) { return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC); }
bool IsAsciiAlnum(char32_t cp) { return cp < 0x80 && std::isalnum(static_cast<int>(cp)) != 0; }
bool IsEmojiBase(char32_t cp) {
  return cp >= 0x1F000 || (cp >= 0x2190 && cp <= 0x2BFF) || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C ||
         cp == 0x2049 || cp == 0x2122 || cp == 0x2139;
}
bool IsCjk(char32_t cp) { return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x20000 && cp <= 0x3FFFF); }
bool IsTagFlagChar(char32_t cp) { return (cp >= 0xE0030 && cp <= 0xE0039) || (cp >= 0xE0061 && cp <= 0xE007A); }

std::string Hex(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

void AppendUtf8(std::string& out, std::string_view text, const CodePoint& c) {
  out.append(text.substr(c.begin, c.end - c.begin));
}

// Whether the hidden character at index i is a legitimate use (see HiddenRun).
bool Legitimate(const std::vector<CodePoint>& cps, size_t i, bool rtl_text) {
  const char32_t cp = cps[i].cp;
  const char32_t prev = i > 0 ? cps[i - 1].cp : 0;
  const char32_t next = i + 1 < cps.size() ? cps[i + 1].cp : 0;
  if (cp == 0xFEFF && i == 0) return true;
  if ((cp == 0x200D || cp == 0x200C) && (prev >= 0x0590 || prev == 0xFE0F)) return true;
  if ((cp == 0x200E || cp == 0x200F || cp == 0x061C) && rtl_text) return true;
  if (cp >= 0xFE00 && cp <= 0xFE0F && Classify(next) != Hidden::kVariationSelector &&
      Classify(prev) != Hidden::kVariationSelector &&
      (IsEmojiBase(prev) || IsCjk(prev) || (prev < 0x80 && (std::isdigit(static_cast<int>(prev)) || prev == '#' || prev == '*'))))
    return true;
  if (cp >= 0xE0100 && cp <= 0xE01EF && IsCjk(prev) && Classify(next) != Hidden::kVariationSelector) return true;
  return false;
}

// The tag characters of a subdivision flag: 🏴 then 2-6 lower-case letters or
// digits as tags then CANCEL TAG. Returns the index after it, or i.
size_t SkipFlagTags(const std::vector<CodePoint>& cps, size_t i) {
  if (i == 0 || cps[i - 1].cp != 0x1F3F4) return i;
  size_t j = i;
  while (j < cps.size() && IsTagFlagChar(cps[j].cp) && j - i < 7) ++j;
  if (j - i >= 2 && j < cps.size() && cps[j].cp == 0xE007F) return j + 1;
  return i;
}

// Cyrillic, Greek and Armenian letters drawn like a Latin letter.
char Confusable(char32_t cp) {
  switch (cp) {
    case 0x0430: case 0x03B1: return 'a';
    case 0x0441: case 0x03F2: return 'c';
    case 0x0501: return 'd';
    case 0x0435: case 0x03B5: return 'e';
    case 0x04BB: case 0x0570: return 'h';
    case 0x0456: case 0x03B9: return 'i';
    case 0x0458: return 'j';
    case 0x03BA: return 'k';
    case 0x04CF: return 'l';
    case 0x043E: case 0x03BF: case 0x0585: return 'o';
    case 0x0440: case 0x03C1: return 'p';
    case 0x0455: return 's';
    case 0x03C4: return 't';
    case 0x03C5: case 0x057D: return 'u';
    case 0x03BD: case 0x0475: return 'v';
    case 0x0461: case 0x051D: return 'w';
    case 0x0445: case 0x03C7: return 'x';
    case 0x0443: case 0x03B3: return 'y';
    case 0x0410: case 0x0391: return 'A';
    case 0x0412: case 0x0392: return 'B';
    case 0x0421: case 0x03F9: return 'C';
    case 0x0415: case 0x0395: return 'E';
    case 0x041D: case 0x0397: return 'H';
    case 0x0406: case 0x0399: return 'I';
    case 0x0408: return 'J';
    case 0x041A: case 0x039A: return 'K';
    case 0x041C: case 0x039C: return 'M';
    case 0x039D: return 'N';
    case 0x041E: case 0x039F: case 0x0555: return 'O';
    case 0x0420: case 0x03A1: return 'P';
    case 0x0405: return 'S';
    case 0x0422: case 0x03A4: return 'T';
    case 0x0425: case 0x03A7: return 'X';
    case 0x04AE: case 0x03A5: return 'Y';
    case 0x0396: return 'Z';
    default: return 0;
  }
}

bool IsOtherScriptLetter(char32_t cp) {
  return (cp >= 0x0370 && cp <= 0x03FF) || (cp >= 0x0400 && cp <= 0x052F) || (cp >= 0x0530 && cp <= 0x058F);
}
bool IsFullwidthAscii(char32_t cp) { return cp >= 0xFF01 && cp <= 0xFF5E; }

}  // namespace

std::string Skeleton(std::string_view text) {
  std::string out;
  for (const CodePoint& c : Decode(text)) {
    if (const char latin = Confusable(c.cp); latin != 0) {
      out += latin;
    } else if (IsFullwidthAscii(c.cp)) {
      out += static_cast<char>(c.cp - 0xFF01 + 0x21);
    } else {
      out.append(text.substr(c.begin, c.end - c.begin));
    }
  }
  return out;
}

std::string MixedScriptWord(std::string_view text) {
  const std::vector<CodePoint> cps = Decode(text);
  for (size_t i = 0; i < cps.size();) {
    const auto in_word = [&](char32_t cp) {
      return IsAsciiAlnum(cp) || cp == '_' || IsOtherScriptLetter(cp) || IsFullwidthAscii(cp);
    };
    if (!in_word(cps[i].cp)) {
      ++i;
      continue;
    }
    size_t j = i;
    bool latin = false, other = false, fullwidth = false;
    for (; j < cps.size() && in_word(cps[j].cp); ++j) {
      latin |= cps[j].cp < 0x80 && std::isalpha(static_cast<int>(cps[j].cp)) != 0;
      other |= IsOtherScriptLetter(cps[j].cp);
      fullwidth |= IsFullwidthAscii(cps[j].cp);
    }
    if ((latin && other) || fullwidth) {
      return std::string(text.substr(cps[i].begin, cps[j - 1].end - cps[i].begin));
    }
    i = j;
  }
  return {};
}

Hidden Classify(char32_t cp) {
  if (cp >= 0xE0000 && cp <= 0xE007F) return Hidden::kTag;
  if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return Hidden::kBidi;
  if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F || cp == 0x2060 ||
      cp == 0xFEFF || cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x180E || cp == 0x115F ||
      cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || (cp >= 0x2061 && cp <= 0x2065) || (cp >= 0x206A && cp <= 0x206F))
    return Hidden::kZeroWidth;
  if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) return Hidden::kVariationSelector;
  if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD))
    return Hidden::kPrivateUse;
  if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
    return Hidden::kControl;
  return Hidden::kNone;
}

std::vector<HiddenRun> FindHidden(std::string_view text) {
  const std::vector<CodePoint> cps = Decode(text);
  const bool rtl = std::any_of(cps.begin(), cps.end(), [](const CodePoint& c) { return IsRtl(c.cp); });
  std::vector<HiddenRun> runs;
  for (size_t i = 0; i < cps.size();) {
    const Hidden kind = Classify(cps[i].cp);
    if (kind == Hidden::kNone || Legitimate(cps, i, rtl)) {
      ++i;
      continue;
    }
    if (kind == Hidden::kTag) {
      if (const size_t after = SkipFlagTags(cps, i); after != i) {
        i = after;
        continue;
      }
    }
    HiddenRun run;
    run.kind = kind;
    run.begin = cps[i].begin;
    size_t j = i;
    for (; j < cps.size() && Classify(cps[j].cp) == kind; ++j) {
      if (kind == Hidden::kTag && cps[j].cp >= 0xE0020 && cps[j].cp <= 0xE007E) {
        run.decoded += static_cast<char>(cps[j].cp - 0xE0000);
      }
    }
    run.end = cps[j - 1].end;
    run.count = j - i;
    run.in_word = i > 0 && j < cps.size() && IsAsciiAlnum(cps[i - 1].cp) && IsAsciiAlnum(cps[j].cp);
    // A lone variation selector after something that is not a plain letter
    // was judged legitimate above; one after a letter is still reported.
    runs.push_back(std::move(run));
    i = j;
  }
  return runs;
}

Stripped StripInvisible(std::string_view text) {
  Stripped out;
  out.text.reserve(text.size());
  out.offsets.reserve(text.size() + 1);
  for (const CodePoint& c : Decode(text)) {
    const Hidden h = Classify(c.cp);
    if (h == Hidden::kTag || h == Hidden::kZeroWidth || h == Hidden::kBidi || h == Hidden::kVariationSelector) continue;
    for (size_t b = c.begin; b < c.end; ++b) {
      out.text += text[b];
      out.offsets.push_back(b);
    }
  }
  out.offsets.push_back(text.size());
  return out;
}

std::string TagText(std::string_view text) {
  std::string out;
  for (const HiddenRun& r : FindHidden(text)) {
    if (r.kind != Hidden::kTag || r.decoded.empty()) continue;
    if (!out.empty()) out += ' ';
    out += r.decoded;
  }
  return out;
}

std::string MakeVisible(std::string_view text, size_t begin, size_t end, size_t max_bytes) {
  end = std::min(end, text.size());
  begin = std::min(begin, end);
  const size_t before = std::min<size_t>(60, max_bytes / 3);
  size_t from = begin > before ? begin - before : 0;
  size_t to = std::min(text.size(), from + max_bytes);
  auto align = [&](size_t p) {
    while (p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) ++p;
    return p;
  };
  from = align(from);
  to = align(to);
  // A run of padding counts as one "⟨N spaces⟩", so it is never cut.
  while (to < text.size() && to > from && (text[to] == ' ' || text[to] == '\n') && text[to - 1] == text[to]) ++to;
  // So is a run of tag characters (up to 400 of them), so its decoded text is whole.
  const auto is_tag = [&](size_t p) {
    return p + 3 < text.size() && text[p] == '\xF3' && text[p + 1] == '\xA0' &&
           (static_cast<unsigned char>(text[p + 2]) & 0xFE) == 0x80;
  };
  for (int n = 0; n < 400 && to > from && is_tag(to) && is_tag(to - 4); ++n) to += 4;
  const std::string_view window = text.substr(from, to - from);
  const std::vector<CodePoint> cps = Decode(window);
  std::string out = from > 0 ? "…" : "";
  for (size_t i = 0; i < cps.size();) {
    const char32_t cp = cps[i].cp;
    size_t j = i;
    if (cp == ' ' || cp == '\n') {
      while (j < cps.size() && cps[j].cp == cp) ++j;
      const size_t n = j - i;
      if (n >= (cp == ' ' ? 8u : 3u)) {
        out += "⟨" + std::to_string(n) + (cp == ' ' ? " spaces⟩" : " newlines⟩");
        i = j;
        continue;
      }
      j = i;
    }
    const Hidden h = Classify(cp);
    if (h == Hidden::kTag) {
      std::string decoded;
      for (j = i; j < cps.size() && Classify(cps[j].cp) == Hidden::kTag; ++j) {
        if (cps[j].cp >= 0xE0020 && cps[j].cp <= 0xE007E) decoded += static_cast<char>(cps[j].cp - 0xE0000);
      }
      out += "⟨tags \"" + decoded + "\"⟩";
      i = j;
      continue;
    }
    if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == 0x1B) {
      out += "⟨ESC⟩";
    } else if (cp == 0x7F) {
      out += "⟨DEL⟩";
    } else if (cp == 0x9B) {
      out += "⟨CSI⟩";
    } else if (h != Hidden::kNone || cp == 0xFFFD) {
      out += "⟨" + Hex(cp) + "⟩";
    } else {
      AppendUtf8(out, window, cps[i]);
    }
    ++i;
  }
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace mcpguard::poisoning
