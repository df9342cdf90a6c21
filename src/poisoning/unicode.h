// Characters a person cannot see but a model reads (threats.md §2.2
// TP-INVIS-*, TP-BIDI, TP-VS, TP-PUA, TP-ANSI): finding them, decoding the
// ASCII smuggled in tag characters, removing them before pattern matching,
// and rendering them visibly in evidence.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mcpguard::poisoning {

enum class Hidden {
  kNone,
  kTag,                // U+E0000-U+E007F: invisible ASCII ("ASCII smuggling")
  kZeroWidth,          // ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen, LRM/RLM, Hangul fillers...
  kBidi,               // U+202A-U+202E, U+2066-U+2069: overrides, embeddings, isolates
  kVariationSelector,  // U+FE00-U+FE0F, U+E0100-U+E01EF
  kPrivateUse,         // U+E000-U+F8FF and planes 15-16
  kControl,            // C0 but tab, LF and CR; DEL; C1 (U+0080-U+009F)
};

Hidden Classify(char32_t cp);

// One run of consecutive hidden characters of one kind, in byte offsets of
// the text. Legitimate uses are left out: a BOM at the start, ZWJ/ZWNJ in
// emoji and in scripts that need them, LRM/RLM in right-to-left text, a
// single variation selector after an emoji or CJK base, and the tag
// sequences of subdivision flags (🏴 + "gbeng" + CANCEL TAG).
struct HiddenRun {
  Hidden kind = Hidden::kNone;
  size_t begin = 0;
  size_t end = 0;
  size_t count = 0;     // code points
  bool in_word = false; // between two letters or digits ("pass\u200Bword")
  std::string decoded;  // kTag: the ASCII it spells
};

std::vector<HiddenRun> FindHidden(std::string_view text);

// The text with tag, zero-width, bidi and variation-selector characters
// removed, so "ig\u200Bnore" matches "ignore"; offsets[i] is the byte in the
// original text of byte i (offsets.back() is the original size).
struct Stripped {
  std::string text;
  std::vector<size_t> offsets;
};
Stripped StripInvisible(std::string_view text);

// Look-alikes (threats.md §2.2 TP-HOMOGLYPH): the text with Cyrillic, Greek
// and Armenian letters that look like Latin ones, and fullwidth ASCII,
// replaced by the Latin letters they imitate ("sеnd_email" with a Cyrillic
// е becomes "send_email"). A small table of the common confusables, not
// the whole of UTS #39.
std::string Skeleton(std::string_view text);

// The first word (a run of letters, digits and '_') that mixes Latin letters
// with Cyrillic, Greek or Armenian ones, or holds fullwidth ASCII; "" when none.
std::string MixedScriptWord(std::string_view text);

// The ASCII hidden in tag characters, runs joined by a space ("" for none).
std::string TagText(std::string_view text);

// `text` on one line with what cannot be seen made visible: ⟨U+200B⟩,
// ⟨ESC⟩, ⟨DEL⟩, ⟨tags "hidden words"⟩, \n, ⟨73 spaces⟩. Long text is cut to
// about `max_bytes` around [begin, end), with "…" where it was cut.
std::string MakeVisible(std::string_view text, size_t begin = 0, size_t end = std::string_view::npos,
                        size_t max_bytes = 200);

}  // namespace mcpguard::poisoning
