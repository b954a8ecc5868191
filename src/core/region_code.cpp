#include "core/region_code.hpp"

#include <algorithm>
#include <array>

namespace anjian::region_code {
namespace {

constexpr std::array<size_t, 5> kPrefixLength = {2, 4, 6, 9, 12};

bool AllZero(std::string_view part) {
  return std::all_of(part.begin(), part.end(), [](char c) { return c == '0'; });
}

}  // namespace

std::optional<Level> LevelOf(std::string_view code) {
  if (code.size() != 12) return std::nullopt;
  if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  if (AllZero(code.substr(0, 2))) return std::nullopt;
  // The deepest level whose own digits are not all zero; every level above it must be non-zero
  // too, since a village cannot hang below a missing town.
  size_t previous = 2;
  int level = 1;
  for (size_t i = 1; i < kPrefixLength.size(); ++i) {
    auto own = code.substr(previous, kPrefixLength[i] - previous);
    if (!AllZero(own)) {
      if (level != static_cast<int>(i)) return std::nullopt;
      level = static_cast<int>(i) + 1;
    }
    previous = kPrefixLength[i];
  }
  return static_cast<Level>(level);
}

bool IsWellFormed(std::string_view code) { return LevelOf(code).has_value(); }

std::string Prefix(std::string_view code) {
  auto level = LevelOf(code);
  if (!level) return std::string(code);
  return std::string(code.substr(0, kPrefixLength[static_cast<size_t>(*level) - 1]));
}

std::optional<std::string> Parent(std::string_view code) {
  auto level = LevelOf(code);
  if (!level || *level == Level::kProvince) return std::nullopt;
  std::string parent(code.substr(0, kPrefixLength[static_cast<size_t>(*level) - 2]));
  parent.resize(12, '0');
  return parent;
}

std::string AncestorAt(std::string_view code, Level level) {
  std::string ancestor(code.substr(0, kPrefixLength[static_cast<size_t>(level) - 1]));
  ancestor.resize(code.size(), '0');
  return ancestor;
}

std::pair<std::string, std::string> Bounds(std::string_view root) {
  std::string prefix = Prefix(root);
  std::string low = prefix, high = prefix;
  low.resize(12, '0');
  high.resize(12, '9');
  return {low, high};
}

bool Contains(std::string_view root, std::string_view code) {
  if (!IsWellFormed(root) || !IsWellFormed(code)) return false;
  return code.starts_with(Prefix(root));
}

}  // namespace anjian::region_code
