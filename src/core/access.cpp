#include "core/access.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/region_code.hpp"

namespace anjian {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kBureau, "bureau"},
    {Role::kStation, "station"},
    {Role::kGrid, "grid"},
    {Role::kEnterprise, "enterprise"},
    {Role::kExpert, "expert"},
}};

// No region code contains a letter, so this pattern matches none.
constexpr std::string_view kMatchesNothing = "none";

}  // namespace

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [role, text] : kRoleNames) {
    if (text == name) return role;
  }
  return std::nullopt;
}

std::string_view RoleName(Role role) {
  for (const auto& [candidate, text] : kRoleNames) {
    if (candidate == role) return text;
  }
  return "unknown";
}

bool Allows(Role role, Permission permission) {
  switch (permission) {
    case Permission::kReadRegions:
      return role == Role::kAdmin || role == Role::kBureau || role == Role::kStation ||
             role == Role::kGrid;
    case Permission::kManageRegions:
    case Permission::kReadAudit:
      return role == Role::kAdmin;
    case Permission::kManageUsers:
      return role == Role::kAdmin || role == Role::kBureau;
    case Permission::kReadEnterprises:
      return role != Role::kExpert;
    case Permission::kReadGrids:
      return role == Role::kAdmin || role == Role::kBureau || role == Role::kStation ||
             role == Role::kGrid;
    case Permission::kManageChecklists:
      return role == Role::kAdmin || role == Role::kBureau;
    case Permission::kInspect:
      return role == Role::kBureau || role == Role::kStation || role == Role::kGrid ||
             role == Role::kEnterprise;
    case Permission::kManageGrids:
    case Permission::kManageEnterprises:
      return role == Role::kAdmin || role == Role::kBureau || role == Role::kStation;
  }
  return false;
}

Scope Scope::For(const Principal& principal) {
  Scope scope;
  switch (principal.role) {
    case Role::kAdmin:
      scope.everything_ = true;
      break;
    case Role::kBureau:
    case Role::kStation:
      scope.root_region_ = principal.region_code;
      break;
    case Role::kGrid:
      scope.root_region_ = principal.region_code;
      scope.grid_user_id_ = principal.user_id;
      break;
    case Role::kEnterprise:
      scope.enterprise_id_ = principal.enterprise_id;
      break;
    case Role::kExpert:
      break;
  }
  return scope;
}

Scope Scope::System() {
  Scope scope;
  scope.everything_ = true;
  return scope;
}

Result<Scope::EnterpriseBounds> Scope::EnterprisesWithin(const std::string& region_code) const {
  if (region_code.empty()) return ForEnterprises();
  if (!region_code::IsWellFormed(region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  if (!CoversRegion(region_code)) return Error::NotFound();
  return ForEnterprises().Within(region_code);
}

bool Scope::CoversRegion(std::string_view code) const {
  if (everything_) return true;
  return root_region_ && region_code::Contains(*root_region_, code);
}

Scope::EnterpriseBounds Scope::ForEnterprises() const {
  if (everything_) return {"000000000000", "999999999999", 0};
  if (enterprise_id_) return {"000000000000", "999999999999", *enterprise_id_};
  if (!root_region_ || !region_code::IsWellFormed(*root_region_)) return {"1", "0", 0};
  auto [low, high] = region_code::Bounds(*root_region_);
  return {low, high, 0, grid_user_id_};
}

Scope::EnterpriseBounds Scope::EnterpriseBounds::Within(std::string_view region_code) const {
  EnterpriseBounds narrowed = *this;
  if (region_code.empty()) return narrowed;
  auto [filter_low, filter_high] = region_code::Bounds(region_code);
  narrowed.low = std::max(low, filter_low);
  narrowed.high = std::min(high, filter_high);
  return narrowed;
}

std::string Scope::RegionPattern() const {
  if (everything_) return "%";
  if (!root_region_ || !region_code::IsWellFormed(*root_region_)) {
    return std::string(kMatchesNothing);
  }
  return region_code::Prefix(*root_region_) + "%";
}

}  // namespace anjian
