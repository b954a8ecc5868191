// Progressive management's rules: one step up at a time unless a reason is given, never down;
// what an entry and an interview need.
#include "modules/watchlist/watchlist.hpp"

#include <gtest/gtest.h>

namespace anjian::watchlist {
namespace {

TEST(WatchlistRulesTest, OneStepAtATimeUnlessAReasonIsGiven) {
  struct Case {
    std::optional<std::string> current;
    const char* requested;
    const char* skip_reason;
    const char* code;  // nullptr: allowed
  };
  const Case cases[] = {
      {std::nullopt, "attention", "", nullptr},
      {std::nullopt, "yellow_card", "", "skip_reason_required"},
      {std::nullopt, "yellow_card", "发生较大事故", nullptr},
      {std::nullopt, "veto", "瞒报死亡事故", nullptr},
      {"attention", "yellow_card", "", nullptr},
      {"attention", "veto", "", "skip_reason_required"},
      {"attention", "veto", "整改期间再次发生事故", nullptr},
      {"yellow_card", "veto", "", nullptr},
      {"attention", "attention", "", "not_an_escalation"},
      {"yellow_card", "attention", "理由", "not_an_escalation"},
      {"veto", "veto", "", "not_an_escalation"},
      {"veto", "yellow_card", "", "not_an_escalation"},
      {std::nullopt, "red_card", "", "invalid_watch_level"},
  };
  for (const auto& c : cases) {
    auto checked = CheckStep(c.current, c.requested, c.skip_reason);
    std::string label = c.current.value_or("-") + " → " + c.requested;
    if (c.code == nullptr) {
      EXPECT_TRUE(checked.ok()) << label;
    } else {
      ASSERT_FALSE(checked.ok()) << label;
      EXPECT_EQ(checked.error().code, c.code) << label;
    }
  }
}

TEST(WatchlistRulesTest, EntriesAndInterviews) {
  EXPECT_TRUE(ValidateEntry("enterprise", "连续两次检查发现重大隐患", "", "").ok());
  EXPECT_TRUE(ValidateEntry("department", "监管责任落实不到位", "", "住房和城乡建设局").ok());
  EXPECT_EQ(ValidateEntry("person", "x", "", "").error().code, "invalid_watch_subject");
  EXPECT_EQ(ValidateEntry("region", "", "", "").error().field, "reason");
  EXPECT_EQ(ValidateEntry("department", "x", "", "").error().field, "department");
  EXPECT_EQ(ValidateEntry("region", std::string(501, 'x'), "", "").error().code,
            "invalid_text_length");
  struct Case {
    Interview interview;
    const char* field;  // nullptr: valid
  };
  const Case cases[] = {
      {{"2026-11-20", "区局李明；企业王强", "通报问题，限期整改", "30 日内报送整改报告",
        "2026-12-20"},
       nullptr},
      {{"2026-11-29", "区局", "纪要", "", std::nullopt}, nullptr},
      {{"2026-11-30", "区局", "纪要", "", std::nullopt}, "held_on"},
      {{"2026-02-30", "区局", "纪要", "", std::nullopt}, "held_on"},
      {{"2026-11-20", "", "纪要", "", std::nullopt}, "attendees"},
      {{"2026-11-20", "区局", "", "", std::nullopt}, "minutes"},
      {{"2026-11-20", "区局", "纪要", "整改", "2026-11-19"}, "followup_due_on"},
  };
  for (const auto& c : cases) {
    auto checked = ValidateInterview(c.interview, "2026-11-29");
    if (c.field == nullptr) {
      EXPECT_TRUE(checked.ok()) << c.interview.held_on;
    } else {
      ASSERT_FALSE(checked.ok()) << c.field;
      EXPECT_EQ(checked.error().field, c.field);
    }
  }
}

}  // namespace
}  // namespace anjian::watchlist
