#pragma once
// Who is asking, and what that lets them see and do. Every query that reads or writes scoped
// records takes a Scope built here; there is no second way to decide what is in scope.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace anjian {

enum class Role { kAdmin, kBureau, kStation, kGrid, kEnterprise, kExpert };

std::optional<Role> ParseRole(std::string_view name);
std::string_view RoleName(Role role);

struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string name;
  Role role = Role::kGrid;
  std::optional<std::string> region_code;
  std::optional<int64_t> enterprise_id;

  // The name records show for the person acting: the account's name, else its username.
  std::string DisplayName() const { return name.empty() ? username : name; }
};

enum class Permission {
  kReadRegions,
  kManageRegions,
  kManageUsers,
  kReadAudit,
  kReadEnterprises,
  kManageEnterprises,  // create and edit any field in scope; an enterprise edits its own profile
  kReadGrids,
  kManageGrids,       // draw cells, name their responsible persons, move enterprises between cells
  kManageChecklists,  // write checklist templates and their versions
  kInspect,  // record inspections and hazards (which kinds, hazard::/inspection:: rules decide)
};

// The role → permission table. Scope still applies on top: a bureau officer manages users only
// inside its own region subtree.
bool Allows(Role role, Permission permission);

class Scope {
 public:
  // The caller's data scope: a region subtree, an enterprise, or everything for administrators.
  static Scope For(const Principal& principal);
  // Command-line tools and scheduled jobs act for the system and see everything.
  static Scope System();

  bool IsEverything() const { return everything_; }
  bool CoversRegion(std::string_view code) const;
  // A SQL LIKE pattern for `region_code LIKE $n`: the subtree's prefix followed by '%', '%' for
  // everything, and a pattern that matches no region code for enterprise and expert accounts.
  std::string RegionPattern() const;
  // The same subtree as inclusive bounds on the 12-digit code (`region_code BETWEEN $a AND $b`),
  // which an index serves on both backends; own_enterprise_id is non-zero for an enterprise
  // account, which sees only that enterprise (`AND ($c = 0 OR id = $c)`); grid_user_id is
  // non-zero for a grid worker, who sees only the enterprises of the grid cells it leads (and of
  // their level-2 children), inside its region.
  struct EnterpriseBounds {
    std::string low;
    std::string high;
    int64_t own_enterprise_id = 0;
    int64_t grid_user_id = 0;
    // The same scope within a region filter's subtree (a well-formed code, or empty for none):
    // a filter can only narrow the scope, so the tighter of the two bounds wins.
    EnterpriseBounds Within(std::string_view region_code) const;
  };
  EnterpriseBounds ForEnterprises() const;
  // The enterprises of the scope within a `region_code` query parameter's subtree (empty: all of
  // them): 422 invalid_region_code (field region_code) for a malformed code, 404 for a region
  // outside the scope.
  Result<EnterpriseBounds> EnterprisesWithin(const std::string& region_code) const;
  const std::optional<std::string>& root_region() const { return root_region_; }
  std::optional<int64_t> enterprise_id() const { return enterprise_id_; }
  // Non-zero for a grid worker, whose records are those of its grid cells.
  int64_t grid_user_id() const { return grid_user_id_; }

 private:
  bool everything_ = false;
  std::optional<std::string> root_region_;
  std::optional<int64_t> enterprise_id_;
  int64_t grid_user_id_ = 0;
};

}  // namespace anjian
