#include <gtest/gtest.h>

#include "modules/enterprise/enterprise.hpp"

namespace anjian::enterprise {
namespace {

using Table = std::vector<std::vector<std::string>>;

const std::vector<std::string> kHeader = {"统一社会信用代码", "企业名称",      "所在村（社区）代码",
                                          "行业代码",         "规模",          "从业人员",
                                          "风险标签",         "经度",          "纬度",
                                          "标准化等级",       "标准化有效期至"};

std::vector<std::string> Row(std::string uscc, std::string employees = "50", std::string tags = "",
                             std::string level = "", std::string expiry = "") {
  return {std::move(uscc),
          "企业",
          "990102001201",
          "C33",
          "规模以下",
          std::move(employees),
          std::move(tags),
          "",
          "",
          std::move(level),
          std::move(expiry)};
}

TEST(EnterpriseSheetTest, RowsAreReadOrRejectedWithTheirFieldAndSpreadsheetRowNumber) {
  struct Case {
    const char* name;
    std::vector<std::string> row;
    const char* field;  // "" when the row is read
    const char* code;
  };
  const Case cases[] = {
      {"plain", Row("91350100M000100Y43"), "", ""},
      {"tags by Chinese and English label and by code",
       Row("91350100M000100Y43", "50", "粉尘涉爆、Confined spaces,lifting"), "", ""},
      {"an unknown tag", Row("91350100M000100Y43", "50", "粉尘涉爆、火山"), "hazard_tags",
       "unknown_tag"},
      {"employees not a number", Row("91350100M000100Y43", "五十"), "employees", "invalid_integer"},
      {"employees with decimals", Row("91350100M000100Y43", "50.5"), "employees",
       "invalid_integer"},
      {"level by label", Row("91350100M000100Y43", "50", "", "二级"), "", ""},
      {"level out of the list", Row("91350100M000100Y43", "50", "", "四级"),
       "standardization_level", "invalid_standardization_level"},
      {"expiry as an Excel serial", Row("91350100M000100Y43", "50", "", "", "46568"), "", ""},
      {"expiry with slashes", Row("91350100M000100Y43", "50", "", "", "2027/6/30"), "", ""},
      {"expiry that is no date", Row("91350100M000100Y43", "50", "", "", "2027-02-30"),
       "standardization_expiry", "invalid_date"},
  };
  for (const auto& c : cases) {
    auto parsed = ParseSheet({kHeader, c.row});
    if (std::string(c.field).empty()) {
      ASSERT_EQ(parsed.rows.size(), 1u) << c.name << ": " << parsed.rejected[0].code;
      EXPECT_EQ(parsed.rows[0].row, 2) << c.name;
    } else {
      ASSERT_EQ(parsed.rejected.size(), 1u) << c.name;
      EXPECT_EQ(parsed.rejected[0].row, 2) << c.name;
      EXPECT_EQ(parsed.rejected[0].field, c.field) << c.name;
      EXPECT_EQ(parsed.rejected[0].code, c.code) << c.name;
    }
  }
}

TEST(EnterpriseSheetTest, ValuesAreNormalised) {
  auto parsed = ParseSheet(
      {kHeader,
       {" 91350100M000100Y43\u3000", "企业", "990102001201", "C33", "Above designated size", "1200",
        "有限空间，粉尘涉爆", "118.5", "28.25", "3", "46568"}});
  ASSERT_EQ(parsed.rows.size(), 1u);
  const auto& e = parsed.rows[0].record;
  EXPECT_EQ(e.uscc, "91350100M000100Y43");
  EXPECT_EQ(e.scale, "above");
  EXPECT_EQ(e.employees, 1200);
  EXPECT_EQ(e.hazard_tags, (std::vector<std::string>{"confined_space", "dust_explosion"}));
  EXPECT_EQ(e.longitude, 118.5);
  EXPECT_EQ(e.standardization_level, 3);
  EXPECT_EQ(e.standardization_expiry, "2027-06-30");
  EXPECT_EQ(e.status, "operating") << "an absent column keeps the default";
}

TEST(EnterpriseSheetTest, HeaderAndFileLevelRules) {
  // A missing required column rejects row 1 and nothing else is read.
  auto missing = ParseSheet({{"企业名称", "行业代码"}, {"企业", "C33"}});
  ASSERT_EQ(missing.rejected.size(), 2u);
  EXPECT_EQ(missing.rejected[0].row, 1);
  EXPECT_EQ(missing.rejected[0].field, "uscc");
  EXPECT_EQ(missing.rejected[0].code, "import_missing_column");
  EXPECT_EQ(missing.rejected[1].field, "region_code");
  EXPECT_TRUE(missing.rows.empty());

  // English headers, codes as headers, unknown columns ignored, empty rows skipped, a repeated
  // credit code rejected on its second row.
  auto parsed =
      ParseSheet({{"Unified social credit code", "name", "Village code", "行业代码", "备注"},
                  {"91350100M000100Y43", "甲", "990102001201", "C33", "x"},
                  {"", "", "", "", ""},
                  {"91350100M000100Y43", "乙", "990102001201", "C33", "y"}});
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].record.name, "甲");
  EXPECT_FALSE(parsed.rows[0].columns.contains("address"));
  ASSERT_EQ(parsed.rejected.size(), 1u);
  EXPECT_EQ(parsed.rejected[0].row, 4);
  EXPECT_EQ(parsed.rejected[0].code, "uscc_duplicate_in_file");
}

TEST(EnterpriseSheetTest, DatesAsOfficesWriteThem) {
  struct Case {
    const char* text;
    std::optional<std::string> date;
  };
  const Case cases[] = {
      {"2027-06-30", "2027-06-30"}, {"2027/6/3", "2027-06-03"},   {"45292", "2024-01-01"},
      {"367", "1901-01-01"},        {"366", std::nullopt},        {"2958466", std::nullopt},
      {"30/06/2027", std::nullopt}, {"2027-13-01", std::nullopt}, {"", std::nullopt}};
  for (const auto& c : cases) EXPECT_EQ(ParseSheetDate(c.text), c.date) << c.text;
}

TEST(EnterpriseSheetTest, ARowChangesOnlyTheColumnsTheFileHas) {
  Enterprise current;
  current.uscc = "91350100M000100Y43";
  current.name = "旧名";
  current.address = "旧地址";
  current.longitude = 118.0;
  current.latitude = 28.0;
  current.employees = 10;
  auto parsed =
      ParseSheet({{"统一社会信用代码", "企业名称", "所在村（社区）代码", "行业代码", "从业人员"},
                  {"91350100M000100Y43", "新名", "990102001201", "C33", "20"}});
  ASSERT_EQ(parsed.rows.size(), 1u);
  auto merged = Merge(current, parsed.rows[0]);
  EXPECT_EQ(merged.name, "新名");
  EXPECT_EQ(merged.employees, 20);
  EXPECT_EQ(merged.address, "旧地址");
  EXPECT_EQ(merged.longitude, 118.0);
}

}  // namespace
}  // namespace anjian::enterprise
