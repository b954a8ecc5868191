#include "core/access.hpp"

#include <gtest/gtest.h>

namespace anjian {
namespace {

Principal Make(Role role, std::optional<std::string> region, std::optional<int64_t> enterprise) {
  Principal p;
  p.user_id = 1;
  p.role = role;
  p.region_code = std::move(region);
  p.enterprise_id = enterprise;
  return p;
}

// What a store does with the bounds: the region between them, and the own enterprise when set.
bool Visible(const Scope::EnterpriseBounds& b, const std::string& region, int64_t enterprise) {
  return b.low <= region && region <= b.high &&
         (b.own_enterprise_id == 0 || b.own_enterprise_id == enterprise);
}

// Every role against a record inside and outside its scope, as the stores apply it.
TEST(ScopeTest, EveryRoleAgainstInAndOutOfScopeRecords) {
  struct Case {
    const char* name;
    Principal principal;
    const char* record_region;
    int64_t record_enterprise;
    bool visible;
  };
  const Case cases[] = {
      {"admin sees all", Make(Role::kAdmin, std::nullopt, std::nullopt), "990107100203", 9, true},
      {"city bureau, own district", Make(Role::kBureau, "990100000000", std::nullopt),
       "990103001201", 9, true},
      {"district bureau, own", Make(Role::kBureau, "990102000000", std::nullopt), "990102101203", 9,
       true},
      {"district bureau, other", Make(Role::kBureau, "990102000000", std::nullopt), "990103101203",
       9, false},
      {"station, own town", Make(Role::kStation, "990102101000", std::nullopt), "990102101203", 9,
       true},
      {"station, neighbour town", Make(Role::kStation, "990102101000", std::nullopt),
       "990102102203", 9, false},
      {"grid, own village", Make(Role::kGrid, "990102101203", std::nullopt), "990102101203", 9,
       true},
      {"grid, next village", Make(Role::kGrid, "990102101203", std::nullopt), "990102101204", 9,
       false},
      {"enterprise, itself", Make(Role::kEnterprise, std::nullopt, 9), "990102101203", 9, true},
      {"enterprise, another", Make(Role::kEnterprise, std::nullopt, 9), "990102101203", 10, false},
      {"expert, no region", Make(Role::kExpert, std::nullopt, std::nullopt), "990102101203", 9,
       false},
      {"bureau without region sees nothing", Make(Role::kBureau, std::nullopt, std::nullopt),
       "990102101203", 9, false},
  };
  for (const auto& c : cases) {
    auto scope = Scope::For(c.principal);
    EXPECT_EQ(Visible(scope.ForEnterprises(), c.record_region, c.record_enterprise), c.visible)
        << c.name;
  }
}

TEST(ScopeTest, RegionPatternMatchesTheSubtree) {
  EXPECT_EQ(Scope::For(Make(Role::kAdmin, std::nullopt, std::nullopt)).RegionPattern(), "%");
  EXPECT_EQ(Scope::For(Make(Role::kBureau, "990102000000", std::nullopt)).RegionPattern(),
            "990102%");
  EXPECT_EQ(Scope::For(Make(Role::kStation, "990102101000", std::nullopt)).RegionPattern(),
            "990102101%");
  EXPECT_EQ(Scope::For(Make(Role::kEnterprise, std::nullopt, 4)).RegionPattern(), "none");
  EXPECT_EQ(Scope::For(Make(Role::kExpert, std::nullopt, std::nullopt)).RegionPattern(), "none");
}

TEST(ScopeTest, EnterpriseBoundsFollowTheScope) {
  auto bounds = [](const Principal& p) {
    auto b = Scope::For(p).ForEnterprises();
    return std::make_tuple(b.low, b.high, b.own_enterprise_id);
  };
  EXPECT_EQ(bounds(Make(Role::kAdmin, std::nullopt, std::nullopt)),
            std::make_tuple(std::string("000000000000"), std::string("999999999999"), int64_t{0}));
  EXPECT_EQ(bounds(Make(Role::kBureau, "990102000000", std::nullopt)),
            std::make_tuple(std::string("990102000000"), std::string("990102999999"), int64_t{0}));
  EXPECT_EQ(bounds(Make(Role::kEnterprise, std::nullopt, 7)),
            std::make_tuple(std::string("000000000000"), std::string("999999999999"), int64_t{7}));
  // An account that lost its region or enterprise sees nothing: low above high.
  auto none = Scope::For(Make(Role::kEnterprise, std::nullopt, std::nullopt)).ForEnterprises();
  EXPECT_GT(none.low, none.high);
  none = Scope::For(Make(Role::kExpert, std::nullopt, std::nullopt)).ForEnterprises();
  EXPECT_GT(none.low, none.high);
  // A region filter narrows the scope and never widens it.
  auto district = Scope::For(Make(Role::kBureau, "990102000000", std::nullopt)).ForEnterprises();
  EXPECT_EQ(district.Within("990102101000").low, "990102101000");
  EXPECT_EQ(district.Within("990102101000").high, "990102101999");
  EXPECT_EQ(district.Within("990100000000").low, "990102000000");
  EXPECT_EQ(district.Within("990100000000").high, "990102999999");
  auto other = district.Within("990103000000");
  EXPECT_GT(other.low, other.high);
  EXPECT_EQ(district.Within("").high, "990102999999");
  // A grid worker is further limited to its cells; nobody else is.
  EXPECT_EQ(
      Scope::For(Make(Role::kGrid, "990102101000", std::nullopt)).ForEnterprises().grid_user_id, 1);
  EXPECT_EQ(
      Scope::For(Make(Role::kStation, "990102101000", std::nullopt)).ForEnterprises().grid_user_id,
      0);
}

TEST(AccessTest, PermissionTable) {
  struct Case {
    Role role;
    Permission permission;
    bool allowed;
  };
  const Case cases[] = {
      {Role::kAdmin, Permission::kManageUsers, true},
      {Role::kBureau, Permission::kManageUsers, true},
      {Role::kStation, Permission::kManageUsers, false},
      {Role::kGrid, Permission::kManageUsers, false},
      {Role::kEnterprise, Permission::kManageUsers, false},
      {Role::kExpert, Permission::kManageUsers, false},
      {Role::kAdmin, Permission::kReadAudit, true},
      {Role::kBureau, Permission::kReadAudit, false},
      {Role::kAdmin, Permission::kManageRegions, true},
      {Role::kBureau, Permission::kManageRegions, false},
      {Role::kStation, Permission::kReadRegions, true},
      {Role::kGrid, Permission::kReadRegions, true},
      {Role::kEnterprise, Permission::kReadRegions, false},
      {Role::kExpert, Permission::kReadRegions, false},
      {Role::kAdmin, Permission::kReadEnterprises, true},
      {Role::kGrid, Permission::kReadEnterprises, true},
      {Role::kEnterprise, Permission::kReadEnterprises, true},
      {Role::kExpert, Permission::kReadEnterprises, false},
      {Role::kStation, Permission::kManageEnterprises, true},
      {Role::kBureau, Permission::kManageEnterprises, true},
      {Role::kGrid, Permission::kManageEnterprises, false},
      {Role::kEnterprise, Permission::kManageEnterprises, false},
      {Role::kGrid, Permission::kReadGrids, true},
      {Role::kEnterprise, Permission::kReadGrids, false},
      {Role::kExpert, Permission::kReadGrids, false},
      {Role::kAdmin, Permission::kManageChecklists, true},
      {Role::kBureau, Permission::kManageChecklists, true},
      {Role::kStation, Permission::kManageChecklists, false},
      {Role::kEnterprise, Permission::kManageChecklists, false},
      {Role::kAdmin, Permission::kInspect, false},
      {Role::kBureau, Permission::kInspect, true},
      {Role::kStation, Permission::kInspect, true},
      {Role::kGrid, Permission::kInspect, true},
      {Role::kEnterprise, Permission::kInspect, true},
      {Role::kExpert, Permission::kInspect, false},
      {Role::kStation, Permission::kManageGrids, true},
      {Role::kBureau, Permission::kManageGrids, true},
      {Role::kGrid, Permission::kManageGrids, false},
      {Role::kEnterprise, Permission::kManageGrids, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Allows(c.role, c.permission), c.allowed)
        << RoleName(c.role) << " " << static_cast<int>(c.permission);
  }
}

TEST(AccessTest, RoleNamesRoundTrip) {
  for (auto role : {Role::kAdmin, Role::kBureau, Role::kStation, Role::kGrid, Role::kEnterprise,
                    Role::kExpert}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_EQ(ParseRole("root"), std::nullopt);
  EXPECT_EQ(ParseRole("Admin"), std::nullopt);
}

}  // namespace
}  // namespace anjian
