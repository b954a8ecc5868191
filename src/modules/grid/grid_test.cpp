#include "modules/grid/grid.hpp"

#include <gtest/gtest.h>

namespace anjian::grid {
namespace {

Cell Level1() {
  Cell c;
  c.level = 1;
  c.region_code = "990102001000";
  c.name = "甲街道网格";
  return c;
}

Cell Level2() {
  Cell c;
  c.level = 2;
  c.parent_id = 1;
  c.region_code = "990102001201";
  c.name = "甲村网格";
  return c;
}

TEST(GridRulesTest, CellFields) {
  struct Case {
    const char* name;
    Cell cell;
    const char* code;  // "" when valid
    const char* field;
  };
  auto with = [](Cell c, auto change) {
    change(c);
    return c;
  };
  const Case cases[] = {
      {"level 1 on a town", Level1(), "", ""},
      {"level 2 on a village", Level2(), "", ""},
      {"level 3 is the enterprise, not a cell", with(Level1(), [](Cell& c) { c.level = 3; }),
       "invalid_grid_level", "level"},
      {"level 1 on a village", with(Level1(), [](Cell& c) { c.region_code = "990102001201"; }),
       "region_not_town", "region_code"},
      {"level 1 on a district", with(Level1(), [](Cell& c) { c.region_code = "990102000000"; }),
       "region_not_town", "region_code"},
      {"level 2 on a town", with(Level2(), [](Cell& c) { c.region_code = "990102001000"; }),
       "region_not_village", "region_code"},
      {"empty name", with(Level1(), [](Cell& c) { c.name = ""; }), "invalid_grid_name", "name"},
      {"50 characters",
       with(Level1(),
            [](Cell& c) {
              c.name.clear();
              for (int i = 0; i < 50; ++i) c.name += "格";
            }),
       "", ""},
      {"51 characters",
       with(Level1(),
            [](Cell& c) {
              c.name.clear();
              for (int i = 0; i < 51; ++i) c.name += "格";
            }),
       "invalid_grid_name", "name"},
      {"a landline", with(Level1(), [](Cell& c) { c.phone = "0591-87654321"; }), "", ""},
      {"letters in the phone", with(Level1(), [](Cell& c) { c.phone = "call me"; }),
       "invalid_phone", "phone"},
  };
  for (const auto& c : cases) {
    auto status = Validate(c.cell);
    if (std::string(c.code).empty()) {
      EXPECT_TRUE(status.ok()) << c.name << ": " << status.error().code;
    } else {
      ASSERT_FALSE(status.ok()) << c.name;
      EXPECT_EQ(status.error().code, c.code) << c.name;
      EXPECT_EQ(status.error().field, c.field) << c.name;
    }
  }
}

TEST(GridRulesTest, Parents) {
  Cell other_town = Level1();
  other_town.region_code = "990102002000";
  struct Case {
    const char* name;
    Cell cell;
    std::optional<Cell> parent;
    const char* code;
  };
  const Case cases[] = {
      {"level 1 without parent", Level1(), std::nullopt, ""},
      {"level 1 under another", Level1(), Level1(), "grid_parent_not_allowed"},
      {"level 2 in its town", Level2(), Level1(), ""},
      {"level 2 without parent", Level2(), std::nullopt, "required"},
      {"level 2 under level 2", Level2(), Level2(), "grid_parent_not_level1"},
      {"level 2 under another town", Level2(), other_town, "grid_outside_parent"},
  };
  for (const auto& c : cases) {
    auto status = ValidateParent(c.cell, c.parent);
    EXPECT_EQ(status.ok() ? "" : status.error().code, std::string(c.code)) << c.name;
  }
}

TEST(GridRulesTest, ResponsiblePersons) {
  struct Case {
    const char* name;
    Cell cell;
    Person person;
    const char* code;
  };
  const Case cases[] = {
      {"station leads its town", Level1(), {Role::kStation, "990102001000", false}, ""},
      {"district bureau leads a town", Level1(), {Role::kBureau, "990102000000", false}, ""},
      {"grid worker cannot lead a town",
       Level1(),
       {Role::kGrid, "990102001000", false},
       "responsible_role"},
      {"grid worker leads a village of its town",
       Level2(),
       {Role::kGrid, "990102001000", false},
       ""},
      {"grid worker of its village", Level2(), {Role::kGrid, "990102001201", false}, ""},
      {"bureau cannot lead a village cell",
       Level2(),
       {Role::kBureau, "990102000000", false},
       "responsible_role"},
      {"enterprise account",
       Level2(),
       {Role::kEnterprise, std::nullopt, false},
       "responsible_role"},
      {"disabled account", Level2(), {Role::kGrid, "990102001000", true}, "responsible_role"},
      {"station of the next town",
       Level1(),
       {Role::kStation, "990102002000", false},
       "responsible_out_of_region"},
      {"grid worker of the next village",
       Level2(),
       {Role::kGrid, "990102001202", false},
       "responsible_out_of_region"},
      {"account without region",
       Level2(),
       {Role::kStation, std::nullopt, false},
       "responsible_out_of_region"},
  };
  for (const auto& c : cases) {
    auto status = ValidateResponsible(c.cell, c.person);
    EXPECT_EQ(status.ok() ? "" : status.error().code, std::string(c.code)) << c.name;
  }
}

TEST(GridRulesTest, EnterprisesGoIntoLevelTwoCellsOfTheirVillage) {
  EXPECT_TRUE(ValidatePlacement(Level2(), "990102001201").ok());
  EXPECT_EQ(ValidatePlacement(Level2(), "990102001202").error().code, "grid_other_village");
  EXPECT_EQ(ValidatePlacement(Level1(), "990102001201").error().code, "grid_not_level2");
}

TEST(GridRulesTest, ApplyChangesOnlyWhatIsGiven) {
  Cell current = Level2();
  current.responsible_user_id = 7;
  current.phone = "13800138000";
  Changes changes;
  changes.name = "新网格";
  Cell next = Apply(current, changes);
  EXPECT_EQ(next.name, "新网格");
  EXPECT_EQ(next.responsible_user_id, 7);
  EXPECT_EQ(next.phone, "13800138000");
  changes.responsible_user_id = std::optional<int64_t>{};
  EXPECT_EQ(Apply(current, changes).responsible_user_id, std::nullopt);
}

}  // namespace
}  // namespace anjian::grid
