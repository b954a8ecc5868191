#include "core/region_code.hpp"

#include <gtest/gtest.h>

namespace anjian::region_code {
namespace {

struct LevelCase {
  const char* code;
  std::optional<Level> level;
};

TEST(RegionCodeTest, LevelOfEachShape) {
  const LevelCase cases[] = {
      {"990000000000", Level::kProvince},
      {"990100000000", Level::kCity},
      {"990102000000", Level::kCounty},
      {"990102001000", Level::kTown},
      {"990102001201", Level::kVillage},
      {"000000000000", std::nullopt},   // no province
      {"990002000000", std::nullopt},   // county under a missing city
      {"990100001000", std::nullopt},   // town under a missing county
      {"99010200100", std::nullopt},    // 11 digits
      {"9901020010001", std::nullopt},  // 13 digits
      {"99010200100A", std::nullopt},   // a letter
      {"", std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(LevelOf(c.code), c.level) << c.code;
  }
}

TEST(RegionCodeTest, ParentAndPrefix) {
  EXPECT_EQ(Parent("990102001201"), "990102001000");
  EXPECT_EQ(Parent("990102001000"), "990102000000");
  EXPECT_EQ(Parent("990102000000"), "990100000000");
  EXPECT_EQ(Parent("990100000000"), "990000000000");
  EXPECT_EQ(Parent("990000000000"), std::nullopt);
  EXPECT_EQ(Prefix("990102001000"), "990102001");
  EXPECT_EQ(Prefix("990100000000"), "9901");
}

TEST(RegionCodeTest, AncestorAtALevel) {
  struct Case {
    const char* code;
    Level level;
    const char* ancestor;
  };
  const Case cases[] = {
      {"990102001201", Level::kCounty, "990102000000"},
      {"990102001201", Level::kTown, "990102001000"},
      {"990102001201", Level::kVillage, "990102001201"},
      {"990102001000", Level::kCounty, "990102000000"},
      {"990102001000", Level::kTown, "990102001000"},
      {"990102000000", Level::kTown, "990102000000"},
      {"990102001201", Level::kCity, "990100000000"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(AncestorAt(c.code, c.level), c.ancestor)
        << c.code << " " << static_cast<int>(c.level);
  }
}

TEST(RegionCodeTest, BoundsSpanTheSubtree) {
  EXPECT_EQ(Bounds("990000000000"),
            std::make_pair(std::string("990000000000"), std::string("999999999999")));
  EXPECT_EQ(Bounds("990102000000"),
            std::make_pair(std::string("990102000000"), std::string("990102999999")));
  EXPECT_EQ(Bounds("990102001000"),
            std::make_pair(std::string("990102001000"), std::string("990102001999")));
  EXPECT_EQ(Bounds("990102001201"),
            std::make_pair(std::string("990102001201"), std::string("990102001201")));
}

TEST(RegionCodeTest, ContainsIsTheSubtree) {
  struct Case {
    const char* root;
    const char* code;
    bool inside;
  };
  const Case cases[] = {
      {"990102000000", "990102000000", true},  {"990102000000", "990102001201", true},
      {"990102000000", "990103001201", false}, {"990102001000", "990102001999", true},
      {"990102001000", "990102002001", false}, {"990100000000", "990107100203", true},
      {"990000000000", "980100000000", false}, {"990102000000", "garbage", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Contains(c.root, c.code), c.inside) << c.root << " " << c.code;
  }
}

}  // namespace
}  // namespace anjian::region_code
