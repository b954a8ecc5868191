#include "core/text.hpp"

#include <gtest/gtest.h>

namespace anjian {
namespace {

TEST(TextTest, PlausiblePhones) {
  struct Case {
    const char* text;
    bool plausible;
  };
  const Case cases[] = {
      {"13800138000", true},
      {"0591-87654321", true},
      {"+86 138 0013 8000", true},
      {"12345", true},
      {"1234", false},
      {"138-0013-800a", false},
      {"86+13800138000", false},
      {"", false},
      {"123456789012345678901", false},
      {"-----", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsPlausiblePhone(c.text), c.plausible) << c.text;
}

TEST(TextTest, CodePointsAndLikeEscaping) {
  EXPECT_EQ(CodePoints("安全abc"), 5u);
  EXPECT_EQ(LikeEscape("10%_a\\"), "10\\%\\_a\\\\");
  EXPECT_EQ(LikeContains(""), "");
  EXPECT_EQ(LikeContains("钢"), "%钢%");
}

}  // namespace
}  // namespace anjian
