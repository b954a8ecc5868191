#include "modules/checklist/checklist.hpp"

#include <gtest/gtest.h>

namespace anjian::checklist {
namespace {

const std::set<std::string> kTags = {"metallurgy", "dust_explosion"};
const std::set<std::string> kIndustries = {"C", "C31", "C33"};

Item MakeItem(const char* text = "安全出口畅通", const char* category = "environment",
              std::optional<int64_t> points = std::nullopt) {
  Item item;
  item.text = text;
  item.category = category;
  item.points = points;
  return item;
}

TEST(ChecklistRulesTest, TemplateFields) {
  struct Case {
    const char* name;
    void (*change)(Checklist&);
    const char* code;
  };
  const Case cases[] = {
      {"valid", [](Checklist&) {}, ""},
      {"code with capitals", [](Checklist& c) { c.code = "Furnace"; }, "invalid_checklist_code"},
      {"code of one letter", [](Checklist& c) { c.code = "f"; }, "invalid_checklist_code"},
      {"code starting with a digit", [](Checklist& c) { c.code = "2023_major"; },
       "invalid_checklist_code"},
      {"empty name", [](Checklist& c) { c.name = ""; }, "invalid_checklist_name"},
      {"unknown purpose", [](Checklist& c) { c.purpose = "fun"; }, "invalid_checklist_purpose"},
      {"known tag", [](Checklist& c) { c.hazard_tags = {"metallurgy"}; }, ""},
      {"unknown tag", [](Checklist& c) { c.hazard_tags = {"volcano"}; }, "unknown_tag"},
      {"an industry division", [](Checklist& c) { c.industry_code = "C31"; }, ""},
      {"an unknown industry", [](Checklist& c) { c.industry_code = "Z9"; }, "unknown_industry"},
  };
  for (const auto& c : cases) {
    Checklist checklist;
    checklist.code = "furnace_2026";
    checklist.name = "冶金涉炉企业检查表";
    checklist.purpose = "scored";
    c.change(checklist);
    auto status = Validate(checklist, kTags, kIndustries);
    if (*c.code == '\0') {
      EXPECT_TRUE(status.ok()) << c.name;
    } else {
      ASSERT_FALSE(status.ok()) << c.name;
      EXPECT_EQ(status.error().code, c.code) << c.name;
    }
  }
}

TEST(ChecklistRulesTest, Items) {
  struct Case {
    const char* name;
    std::vector<Item> items;
    const char* code;
    const char* field;
  };
  std::vector<Item> many(501, MakeItem());
  const Case cases[] = {
      {"one item", {MakeItem()}, "", ""},
      {"none", {}, "invalid_item_count", "items"},
      {"501 items", many, "invalid_item_count", "items"},
      {"second item has no text", {MakeItem(), MakeItem("")}, "invalid_item_text", "items[1].text"},
      {"unknown category",
       {MakeItem("x", "weather")},
       "invalid_item_category",
       "items[0].category"},
      {"one point", {MakeItem("x", "machines", 1)}, "", ""},
      {"twelve points", {MakeItem("x", "machines", 12)}, "", ""},
      {"zero points", {MakeItem("x", "machines", 0)}, "invalid_item_points", "items[0].points"},
      {"thirteen points",
       {MakeItem("x", "machines", 13)},
       "invalid_item_points",
       "items[0].points"},
  };
  for (const auto& c : cases) {
    auto status = ValidateItems(c.items);
    if (*c.code == '\0') {
      EXPECT_TRUE(status.ok()) << c.name;
    } else {
      ASSERT_FALSE(status.ok()) << c.name;
      EXPECT_EQ(status.error().code, c.code) << c.name;
      EXPECT_EQ(status.error().field, c.field) << c.name;
    }
  }
}

TEST(ChecklistRulesTest, AppliesTo) {
  struct Case {
    const char* name;
    std::vector<std::string> checklist_tags;
    const char* checklist_industry;
    std::vector<std::string> enterprise_tags;
    const char* enterprise_industry;
    bool applies;
  };
  const Case cases[] = {
      {"a general list applies to all", {}, "", {}, "C33", true},
      {"a furnace list to a furnace enterprise", {"metallurgy"}, "", {"metallurgy"}, "C31", true},
      {"not to one without the tag", {"metallurgy"}, "", {"dust_explosion"}, "C31", false},
      {"one of several tags is enough",
       {"metallurgy", "dust_explosion"},
       "",
       {"dust_explosion"},
       "C33",
       true},
      {"an industry prefix", {}, "C3", {}, "C33", true},
      {"another industry", {}, "C3", {}, "F51", false},
  };
  for (const auto& c : cases) {
    Checklist checklist;
    checklist.hazard_tags = c.checklist_tags;
    checklist.industry_code = c.checklist_industry;
    EXPECT_EQ(AppliesTo(checklist, c.enterprise_tags, c.enterprise_industry), c.applies) << c.name;
  }
}

}  // namespace
}  // namespace anjian::checklist
