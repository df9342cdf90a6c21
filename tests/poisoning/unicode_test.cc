#include "poisoning/unicode.h"

#include <catch2/catch.hpp>

namespace mcpguard::poisoning {
namespace {

// "Hi" spelled in tag characters: U+E0048 U+E0069.
const std::string kTagHi = "\xF3\xA0\x81\x88\xF3\xA0\x81\xA9";
const std::string kZwsp = "\xE2\x80\x8B";   // U+200B
const std::string kRlo = "\xE2\x80\xAE";    // U+202E
const std::string kPdf = "\xE2\x80\xAC";    // U+202C
const std::string kVs16 = "\xEF\xB8\x8F";   // U+FE0F
const std::string kVs1 = "\xEF\xB8\x80";    // U+FE00
const std::string kPua = "\xEE\x80\x80";    // U+E000

TEST_CASE("tag characters are found and decoded to the ASCII they hide", "[poisoning][unicode]") {
  const std::string text = "Adds numbers." + kTagHi;
  auto runs = FindHidden(text);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].kind == Hidden::kTag);
  CHECK(runs[0].decoded == "Hi");
  CHECK(runs[0].count == 2);
  CHECK(runs[0].begin == 13);
  CHECK(runs[0].end == text.size());
  CHECK(TagText(text) == "Hi");
  CHECK(MakeVisible(text) == "Adds numbers.⟨tags \"Hi\"⟩");
  // A long run is never cut in the middle, so its decoded text is whole.
  std::string many;
  std::string hidden;
  for (int i = 0; i < 100; ++i) {
    many += kTagHi;
    hidden += "Hi";
  }
  CHECK(MakeVisible("x" + many + "tail", 1, 1 + many.size(), 40) == "x⟨tags \"" + hidden + "\"⟩…");
}

TEST_CASE("the tag characters of a subdivision flag are not reported", "[poisoning][unicode]") {
  // 🏴 + tags "gbeng" + CANCEL TAG: the flag of England.
  const std::string flag = "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xA5\xF3\xA0\x81\xAE"
                           "\xF3\xA0\x81\xA7\xF3\xA0\x81\xBF";
  CHECK(FindHidden("Made in " + flag).empty());
  // The same tags without the flag are smuggled text.
  CHECK(FindHidden("x\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2").size() == 1);
}

TEST_CASE("a zero-width space inside a word is marked as such", "[poisoning][unicode]") {
  auto inside = FindHidden("pass" + kZwsp + "word");
  REQUIRE(inside.size() == 1);
  CHECK(inside[0].kind == Hidden::kZeroWidth);
  CHECK(inside[0].in_word);
  auto between = FindHidden("a " + kZwsp + " b");
  REQUIRE(between.size() == 1);
  CHECK_FALSE(between[0].in_word);
  CHECK(MakeVisible("pass" + kZwsp + "word") == "pass⟨U+200B⟩word");
  // A byte-order mark at the very start is an encoding artefact.
  CHECK(FindHidden("\xEF\xBB\xBFHello").empty());
}

TEST_CASE("bidi overrides, variation selector runs, private use and controls are found", "[poisoning][unicode]") {
  auto bidi = FindHidden("name " + kRlo + "txt.exe" + kPdf);
  REQUIRE(bidi.size() == 2);
  CHECK(bidi[0].kind == Hidden::kBidi);
  CHECK(MakeVisible("a" + kRlo + "b") == "a⟨U+202E⟩b");

  // One VS16 after an emoji base (U+2764 heavy heart) is ordinary emoji text.
  CHECK(FindHidden("I \xE2\x9D\xA4" + kVs16 + " it").empty());
  auto run = FindHidden("a" + kVs1 + kVs1 + kVs1);
  REQUIRE(run.size() == 1);
  CHECK(run[0].kind == Hidden::kVariationSelector);
  CHECK(run[0].count == 3);

  auto pua = FindHidden("icon " + kPua);
  REQUIRE(pua.size() == 1);
  CHECK(pua[0].kind == Hidden::kPrivateUse);

  auto esc = FindHidden("Lists.\x1b[8mhidden\x1b[0m");
  REQUIRE(esc.size() == 2);
  CHECK(esc[0].kind == Hidden::kControl);
  CHECK(MakeVisible("Lists.\x1b[8mhidden\x7f") == "Lists.⟨ESC⟩[8mhidden⟨DEL⟩");
  // Tabs and newlines are ordinary.
  CHECK(FindHidden("a\tb\nc\r\n").empty());
}

TEST_CASE("invisible characters are stripped with offsets back into the original", "[poisoning][unicode]") {
  const std::string text = "ig" + kZwsp + "nore";
  Stripped s = StripInvisible(text);
  CHECK(s.text == "ignore");
  REQUIRE(s.offsets.size() == 7);
  CHECK(s.offsets[1] == 1);
  CHECK(s.offsets[2] == 5);  // 'n' comes after the 3-byte U+200B
  CHECK(s.offsets[6] == text.size());
}

TEST_CASE("evidence is one line, padding is counted and long text is cut around the match", "[poisoning][unicode]") {
  CHECK(MakeVisible("a\nb\tc") == "a\\nb\\tc");
  CHECK(MakeVisible("fact" + std::string(60, ' ') + "<IMPORTANT>") == "fact⟨60 spaces⟩<IMPORTANT>");
  CHECK(MakeVisible("x\n\n\n\ny") == "x⟨4 newlines⟩y");
  const std::string long_text = std::string(300, 'a') + "NEEDLE" + std::string(300, 'b');
  const std::string v = MakeVisible(long_text, 300, 306, 100);
  CHECK(v.find("NEEDLE") != std::string::npos);
  CHECK(v.rfind("…", 0) == 0);
  CHECK(v.size() < 120);
}

TEST_CASE("look-alike letters are mapped to the Latin ones they imitate", "[poisoning][unicode]") {
  const std::string cyrillic_e = "\xD0\xB5";  // U+0435
  CHECK(Skeleton("s" + cyrillic_e + "nd_email") == "send_email");
  CHECK(MixedScriptWord("tool s" + cyrillic_e + "nd_email here") == "s" + cyrillic_e + "nd_email");
  // Fullwidth "ＡＢ" is ASCII in disguise.
  CHECK(Skeleton("\xEF\xBC\xA1\xEF\xBC\xA2") == "AB");
  CHECK(MixedScriptWord("x \xEF\xBC\xA1\xEF\xBC\xA2") == "\xEF\xBC\xA1\xEF\xBC\xA2");
  // Whole words in one script are ordinary, side by side or alone.
  CHECK(MixedScriptWord("\xD0\x9F\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0 API").empty());  // "Погода API"
  CHECK(MixedScriptWord("send_email").empty());
}

}  // namespace
}  // namespace mcpguard::poisoning
