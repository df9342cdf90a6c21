// One document tree for every config dialect (JSON, JSONC, TOML, YAML), with
// the line and column of every key and value, so a diagnostic or a finding
// can point at the exact place in the user's file. The tree owns copies of
// the values; it never refers back into the text it came from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mcpguard::formats {

struct Pos {
  uint32_t line = 0;  // 1-based; 0 when unknown
  uint32_t col = 0;   // 1-based, counted in bytes
};

enum class Kind { kNull, kBool, kInt, kFloat, kString, kArray, kObject };

std::string_view KindName(enum Kind kind);  // "null", "boolean", "integer", ...

struct Member;

struct Node {
  Kind kind = Kind::kNull;
  Pos pos;                      // where the value starts
  bool boolean = false;         // kBool
  int64_t integer = 0;          // kInt
  double number = 0;            // kFloat
  std::string str;              // kString (UTF-8)
  std::vector<Node> items;      // kArray
  std::vector<Member> members;  // kObject, in file order (duplicates kept)

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsString() const { return kind == Kind::kString; }
  bool IsObject() const { return kind == Kind::kObject; }
  bool IsArray() const { return kind == Kind::kArray; }
  bool IsBool() const { return kind == Kind::kBool; }
  bool IsNumber() const { return kind == Kind::kInt || kind == Kind::kFloat; }

  // The value of `key` in an object (the last one when the key is repeated,
  // as JavaScript's JSON.parse does); nullptr when absent or not an object.
  const Node* Find(std::string_view key) const;
  // Same, but also returns the key's own position.
  const Member* FindMember(std::string_view key) const;
};

struct Member {
  std::string key;
  Pos key_pos;
  Node value;
};

}  // namespace mcpguard::formats
