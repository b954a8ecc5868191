#include "core/uscc.hpp"

#include <gtest/gtest.h>

namespace anjian::uscc {
namespace {

TEST(UsccTest, EachRuleWithItsOwnError) {
  struct Case {
    const char* name;
    const char* code;
    const char* error;  // "" when valid
  };
  const Case cases[] = {
      {"valid, letter in the organisation code", "91350100M000100Y43", ""},
      {"valid, X as organisation check", "9144030071526726XG", ""},
      {"wrong check character", "91350100M000100Y44", "uscc_check"},
      {"wrong organisation check", "91350100M000100Y53", "uscc_org_check"},
      {"forbidden letter I", "91350100M0I0100Y43", "uscc_character"},
      {"forbidden letter O", "9135010OM000100Y43", "uscc_character"},
      {"forbidden letters S V Z", "9S350100M000100Y43", "uscc_character"},
      {"punctuation", "91350100-000100Y43", "uscc_character"},
      {"lower case", "91350100m000100y43", "uscc_lowercase"},
      {"17 characters", "91350100M000100Y4", "uscc_length"},
      {"19 characters", "91350100M000100Y433", "uscc_length"},
      {"empty", "", "uscc_length"},
      {"Chinese text", "统一社会信用代码", "uscc_length"},
  };
  for (const auto& c : cases) {
    auto status = Validate(c.code);
    EXPECT_EQ(status.ok() ? std::string() : status.error().code, c.error) << c.name;
    if (!status.ok()) {
      EXPECT_EQ(status.error().field, "uscc") << c.name;
    }
  }
}

TEST(UsccTest, CompleteMakesValidCodes) {
  EXPECT_EQ(Complete("91350100M000100Y"), "91350100M000100Y43");
  EXPECT_EQ(Complete("9144030071526726"), "9144030071526726XG");
  for (const char* first16 : {"9199010200000001", "91990107MA0AB12C", "9299010300000000"}) {
    EXPECT_TRUE(Validate(Complete(first16)).ok()) << first16;
  }
}

}  // namespace
}  // namespace anjian::uscc
