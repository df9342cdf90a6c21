#include "formats/tree.h"

namespace mcpguard::formats {

std::string_view KindName(enum Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "boolean";
    case Kind::kInt:
      return "integer";
    case Kind::kFloat:
      return "float";
    case Kind::kString:
      return "string";
    case Kind::kArray:
      return "array";
    case Kind::kObject:
      return "object";
  }
  return "unknown";
}

const Member* Node::FindMember(std::string_view key) const {
  if (kind != Kind::kObject) return nullptr;
  // Backwards, so a repeated key resolves to its last occurrence.
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

const Node* Node::Find(std::string_view key) const {
  const Member* member = FindMember(key);
  return member != nullptr ? &member->value : nullptr;
}

}  // namespace mcpguard::formats
