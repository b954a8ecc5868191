#include "core/access.hpp"

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
    case Role::kGrid:
      scope.root_region_ = principal.region_code;
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

bool Scope::CoversRegion(std::string_view code) const {
  if (everything_) return true;
  return root_region_ && region_code::Contains(*root_region_, code);
}

bool Scope::CoversEnterprise(int64_t enterprise_id, std::string_view enterprise_region) const {
  if (everything_) return true;
  if (enterprise_id_) return *enterprise_id_ == enterprise_id;
  return CoversRegion(enterprise_region);
}

Scope::EnterpriseBounds Scope::ForEnterprises() const {
  if (everything_) return {"000000000000", "999999999999", 0};
  if (enterprise_id_) return {"000000000000", "999999999999", *enterprise_id_};
  if (!root_region_ || !region_code::IsWellFormed(*root_region_)) return {"1", "0", 0};
  auto [low, high] = region_code::Bounds(*root_region_);
  return {low, high, 0};
}

std::string Scope::RegionPattern() const {
  if (everything_) return "%";
  if (!root_region_ || !region_code::IsWellFormed(*root_region_)) {
    return std::string(kMatchesNothing);
  }
  return region_code::Prefix(*root_region_) + "%";
}

}  // namespace anjian
