#include "modules/inspection/inspection.hpp"

#include <gtest/gtest.h>

namespace anjian::inspection {
namespace {

std::vector<checklist::Item> Items() {
  std::vector<checklist::Item> items(3);
  items[0] = {11, 1, "安全出口畅通", "environment", "", std::nullopt, false};
  items[1] = {12, 2, "特种作业人员持证上岗", "people", "", 3, false};
  items[2] = {13, 3, "未设置泄爆装置", "machines", "", std::nullopt, true};
  return items;
}

TEST(InspectionRulesTest, WhoRecordsWhichKind) {
  struct Case {
    const char* kind;
    Role role;
    const char* code;  // "" when allowed
  };
  const Case cases[] = {
      {"grid_patrol", Role::kGrid, ""},
      {"grid_patrol", Role::kStation, ""},
      {"grid_patrol", Role::kEnterprise, "inspection_kind_forbidden"},
      {"town_routine", Role::kStation, ""},
      {"town_routine", Role::kGrid, "inspection_kind_forbidden"},
      {"district_enforcement", Role::kBureau, ""},
      {"district_enforcement", Role::kStation, "inspection_kind_forbidden"},
      {"self_check", Role::kEnterprise, ""},
      {"self_check", Role::kStation, "inspection_kind_forbidden"},
      {"special_campaign", Role::kGrid, ""},
      {"expert_diagnosis", Role::kExpert, "inspection_kind_forbidden"},
      {"picnic", Role::kStation, "invalid_inspection_kind"},
  };
  for (const auto& c : cases) {
    auto status = MayRecord(c.kind, c.role);
    std::string label = std::string(c.kind) + " by " + std::string(RoleName(c.role));
    if (*c.code == '\0') {
      EXPECT_TRUE(status.ok()) << label;
    } else {
      ASSERT_FALSE(status.ok()) << label;
      EXPECT_EQ(status.error().code, c.code) << label;
    }
  }
  EXPECT_EQ(SourceOf("expert_diagnosis"), "expert_diagnosis");
  EXPECT_EQ(SourceOf("special_campaign"), "specialist");
  EXPECT_EQ(SourceOf("grid_patrol"), "daily");
}

TEST(InspectionRulesTest, Results) {
  struct Case {
    const char* name;
    std::vector<ItemResult> results;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"nothing yet", {}, "", ""},
      {"a finding with a level", {{11, "finding", "堆放杂物", "major", {}}}, "", ""},
      {"an item of another list",
       {{99, "conforming", "", {}, {}}},
       "unknown_checklist_item",
       "results[0].item_id"},
      {"the same item twice",
       {{11, "conforming", "", {}, {}}, {11, "finding", "", {}, {}}},
       "duplicate_checklist_item",
       "results[1].item_id"},
      {"an unknown result",
       {{12, "maybe", "", {}, {}}},
       "invalid_item_result",
       "results[0].result"},
      {"a level on a conforming item",
       {{12, "conforming", "", "general", {}}},
       "level_without_finding",
       "results[0].hazard_level"},
      {"an unknown level",
       {{12, "finding", "", "huge", {}}},
       "invalid_hazard_level",
       "results[0].hazard_level"},
  };
  for (const auto& c : cases) {
    auto status = ValidateResults(c.results, Items());
    if (*c.code == '\0') {
      EXPECT_TRUE(status.ok()) << c.name;
    } else {
      ASSERT_FALSE(status.ok()) << c.name;
      EXPECT_EQ(status.error().code, c.code) << c.name;
      EXPECT_EQ(status.error().field, c.field) << c.name;
    }
  }
}

TEST(InspectionRulesTest, CompleteOnlyWithEveryItemAnswered) {
  std::vector<ItemResult> two = {{11, "conforming", "", {}, {}},
                                 {12, "not_applicable", "", {}, {}}};
  EXPECT_EQ(ValidateComplete(two, Items()).error().code, "inspection_incomplete");
  two.push_back({13, "finding", "", {}, {}});
  EXPECT_TRUE(ValidateComplete(two, Items()).ok());
  EXPECT_TRUE(ValidateComplete({}, {}).ok());  // an inspection without a checklist
}

TEST(InspectionRulesTest, AFindingsHazard) {
  Inspection inspection;
  inspection.id = 5;
  inspection.enterprise_id = 8;
  inspection.kind = "special_campaign";
  inspection.inspector_user_id = 3;
  inspection.inspector_name = "网格员 刘伟";
  auto items = Items();
  struct Case {
    const char* name;
    size_t item;
    ItemResult result;
    const char* description;
    const char* level;
    const char* classification;
  };
  const Case cases[] = {
      {"a note follows the item",
       0,
       {11, "finding", "东侧出口", {}, {}},
       "安全出口畅通：东侧出口",
       "general",
       "unsafe_state"},
      {"no note", 1, {12, "finding", "", {}, {}}, "特种作业人员持证上岗", "general", "unsafe_act"},
      {"a major criterion is major",
       2,
       {13, "finding", "", {}, {}},
       "未设置泄爆装置",
       "major",
       "unsafe_state"},
      {"the inspector's level wins",
       2,
       {13, "finding", "", "general", {}},
       "未设置泄爆装置",
       "general",
       "unsafe_state"},
  };
  for (const auto& c : cases) {
    auto h = FindingHazard(inspection, items[c.item], c.result);
    EXPECT_EQ(h.description, c.description) << c.name;
    EXPECT_EQ(h.level, c.level) << c.name;
    EXPECT_EQ(h.classification, c.classification) << c.name;
    EXPECT_EQ(h.source, "specialist") << c.name;
    EXPECT_EQ(h.inspection_id, 5) << c.name;
    EXPECT_EQ(h.found_by_user_id, 3) << c.name;
    EXPECT_TRUE(hazard::Validate(h).ok()) << c.name;
  }
}

}  // namespace
}  // namespace anjian::inspection
