#include "modules/enterprise/enterprise.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace anjian::enterprise {
namespace {

const std::set<std::string> kTags = {"dust_explosion", "metallurgy", "confined_space"};

Enterprise Valid() {
  Enterprise e;
  e.uscc = "91350100M000100Y43";
  e.name = "江川市鑫达金属制品有限公司";
  e.region_code = "990102001201";
  e.industry_code = "C33";
  e.employees = 100;
  e.frontline_workers = 80;
  e.safety_inspectors = 4;
  e.hazard_tags = {"dust_explosion"};
  e.longitude = 118.3;
  e.latitude = 28.4;
  return e;
}

TEST(EnterpriseRulesTest, InspectorRatioFlagsBelowFivePercent) {
  struct Case {
    int64_t frontline;
    int64_t inspectors;
    bool flagged;
  };
  const Case cases[] = {{100, 5, false},  {100, 4, true},   {101, 5, true}, {20, 1, false},
                        {19, 0, true},    {0, 0, false},    {1, 0, true},   {200, 20, false},
                        {1000, 49, true}, {1000, 50, false}};
  for (const auto& c : cases) {
    EXPECT_EQ(InspectorsBelowMinimum(c.frontline, c.inspectors), c.flagged)
        << c.frontline << " / " << c.inspectors;
  }
}

TEST(EnterpriseRulesTest, EachFieldRule) {
  struct Case {
    const char* name;
    std::function<void(Enterprise&)> change;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"valid", [](Enterprise&) {}, "", ""},
      {"bad credit code", [](Enterprise& e) { e.uscc = "91350100M000100Y44"; }, "uscc_check",
       "uscc"},
      {"empty name", [](Enterprise& e) { e.name = ""; }, "invalid_name", "name"},
      {"101-character name", [](Enterprise& e) { e.name = std::string(101, 'a'); }, "invalid_name",
       "name"},
      {"town, not village", [](Enterprise& e) { e.region_code = "990102001000"; },
       "region_not_village", "region_code"},
      {"no industry", [](Enterprise& e) { e.industry_code = ""; }, "required", "industry_code"},
      {"scale", [](Enterprise& e) { e.scale = "huge"; }, "invalid_scale", "scale"},
      {"negative employees", [](Enterprise& e) { e.employees = -1; }, "invalid_count", "employees"},
      {"front line over employees", [](Enterprise& e) { e.frontline_workers = 101; },
       "frontline_over_employees", "frontline_workers"},
      {"inspectors over front line", [](Enterprise& e) { e.safety_inspectors = 81; },
       "inspectors_over_frontline", "safety_inspectors"},
      {"unknown tag", [](Enterprise& e) { e.hazard_tags = {"volcano"}; }, "unknown_tag",
       "hazard_tags"},
      {"longitude alone", [](Enterprise& e) { e.latitude.reset(); }, "coordinates_incomplete",
       "latitude"},
      {"latitude alone", [](Enterprise& e) { e.longitude.reset(); }, "coordinates_incomplete",
       "longitude"},
      {"no coordinates",
       [](Enterprise& e) {
         e.longitude.reset();
         e.latitude.reset();
       },
       "", ""},
      {"longitude 180.5", [](Enterprise& e) { e.longitude = 180.5; }, "invalid_coordinates",
       "longitude"},
      {"latitude -90.1", [](Enterprise& e) { e.latitude = -90.1; }, "invalid_coordinates",
       "latitude"},
      {"status", [](Enterprise& e) { e.status = "bankrupt"; }, "invalid_status", "status"},
      {"level 4", [](Enterprise& e) { e.standardization_level = 4; },
       "invalid_standardization_level", "standardization_level"},
      {"level 0", [](Enterprise& e) { e.standardization_level = 0; },
       "invalid_standardization_level", "standardization_level"},
      {"expiry date", [](Enterprise& e) { e.standardization_expiry = "2026-02-30"; },
       "invalid_date", "standardization_expiry"},
  };
  for (const auto& c : cases) {
    auto e = Valid();
    c.change(e);
    auto status = Validate(e, kTags);
    EXPECT_EQ(status.ok() ? std::string() : status.error().code, c.code) << c.name;
    EXPECT_EQ(status.ok() ? std::string() : status.error().field, c.field) << c.name;
  }
}

TEST(EnterpriseRulesTest, TagsAreStoredSortedAndFoundByLike) {
  EXPECT_EQ(EncodeTags({"metallurgy", "dust_explosion", "metallurgy"}),
            ",dust_explosion,metallurgy,");
  EXPECT_EQ(EncodeTags({}), ",");
  EXPECT_EQ(DecodeTags(",dust_explosion,metallurgy,"),
            (std::vector<std::string>{"dust_explosion", "metallurgy"}));
  EXPECT_TRUE(DecodeTags(",").empty());
}

TEST(EnterpriseRulesTest, ApplyChangesOnlyWhatIsPresent) {
  auto current = Valid();
  Changes changes;
  changes.address = "新地址";
  changes.longitude = std::optional<double>{};
  changes.latitude = std::optional<double>{};
  changes.hazard_tags = std::vector<std::string>{"metallurgy", "confined_space", "metallurgy"};
  auto next = Apply(current, changes);
  EXPECT_EQ(next.address, "新地址");
  EXPECT_FALSE(next.longitude.has_value());
  EXPECT_EQ(next.hazard_tags, (std::vector<std::string>{"confined_space", "metallurgy"}));
  EXPECT_EQ(next.name, current.name);
  EXPECT_EQ(next.uscc, current.uscc);
}

}  // namespace
}  // namespace anjian::enterprise
