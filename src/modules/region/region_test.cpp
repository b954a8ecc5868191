#include "modules/region/region.hpp"

#include <gtest/gtest.h>

namespace anjian::region {
namespace {

TEST(RegionCsvTest, SplitsQuotedFields) {
  EXPECT_EQ(SplitCsvLine("a,b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(SplitCsvLine(R"("a,1","say ""hi""")"),
            (std::vector<std::string>{"a,1", R"(say "hi")"}));
  EXPECT_EQ(SplitCsvLine(" a , b \r"), (std::vector<std::string>{"a", "b"}));
}

TEST(RegionCsvTest, RejectsEachBadRowWithItsReason) {
  std::string csv =
      "\xEF\xBB\xBF"
      "code,name\r\n"
      "990102001000,东城街道\r\n"  // 2: ok (town, sorted after its county)
      "990102000000,清源区\r\n"    // 3: ok
      "99010200100,短代码\r\n"     // 4: 11 digits
      "990100001000,缺区县\r\n"    // 5: town without county
      "990102002000,\r\n"          // 6: empty name
      "990102000000,重复\r\n"      // 7: duplicate in file
      "990102003000,a,b\r\n"       // 8: too many fields
      "\r\n";
  auto parsed = ParseCsv(csv);
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_EQ(parsed.rows[0].code, "990102000000");  // parents first
  EXPECT_EQ(parsed.rows[0].row, 3);
  EXPECT_EQ(parsed.rows[1].name, "东城街道");
  struct Expected {
    int row;
    const char* field;
    const char* code;
  };
  const Expected expected[] = {{4, "code", "invalid_region_code"},
                               {5, "code", "invalid_region_code"},
                               {6, "name", "invalid_name"},
                               {7, "code", "duplicate_in_file"},
                               {8, "", "invalid_csv"}};
  ASSERT_EQ(parsed.rejected.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    EXPECT_EQ(parsed.rejected[i].row, expected[i].row);
    EXPECT_EQ(parsed.rejected[i].field, expected[i].field);
    EXPECT_EQ(parsed.rejected[i].code, expected[i].code);
  }
}

TEST(RegionCsvTest, WrongHeaderRejectsTheFile) {
  for (const char* csv : {"", "name,code\n990102000000,x\n", "编码,名称\n"}) {
    auto parsed = ParseCsv(csv);
    EXPECT_TRUE(parsed.rows.empty()) << csv;
    ASSERT_EQ(parsed.rejected.size(), 1u) << csv;
    EXPECT_EQ(parsed.rejected[0].row, 1);
    EXPECT_EQ(parsed.rejected[0].field, "header");
  }
}

}  // namespace
}  // namespace anjian::region
