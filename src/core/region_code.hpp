#pragma once
// The 12-digit statistical division code (GB/T 2260 extended): 2 province, 2 city, 2 county,
// 3 town, 3 village digits. A code's level is given by where its trailing zeros begin, and its
// subtree is every code that starts with its significant prefix.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace anjian::region_code {

enum class Level { kProvince = 1, kCity = 2, kCounty = 3, kTown = 4, kVillage = 5 };

// Checks shape only: 12 digits whose non-zero parts are consistent with one level.
bool IsWellFormed(std::string_view code);
// The level, or nothing for a malformed code.
std::optional<Level> LevelOf(std::string_view code);
// The significant prefix (2, 4, 6, 9 or 12 digits).
std::string Prefix(std::string_view code);
// The parent's code, or nothing for a province.
std::optional<std::string> Parent(std::string_view code);
// The code of the region at `level` that holds `code`: its first digits up to that level, the
// rest zeros (a village's district, a town's own code). A code above `level` comes back as it is.
std::string AncestorAt(std::string_view code, Level level);
// The first and last 12-digit codes of the subtree rooted at `root`: its prefix padded with
// zeros and with nines. Digits compare alike under every collation, so these bounds are safe for
// BETWEEN on both backends.
std::pair<std::string, std::string> Bounds(std::string_view root);
// True when `code` lies in the subtree rooted at `root` (a code is in its own subtree).
bool Contains(std::string_view root, std::string_view code);

}  // namespace anjian::region_code
