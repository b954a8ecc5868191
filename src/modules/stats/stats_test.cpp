#include "modules/stats/stats.hpp"

#include <gtest/gtest.h>

namespace anjian::stats {
namespace {

TEST(StatsRulesTest, Quarters) {
  struct Case {
    const char* date;
    const char* label;
    const char* first;
    const char* last;
  };
  const Case cases[] = {
      {"2026-01-01", "2026Q1", "2026-01-01", "2026-03-31"},
      {"2026-03-31", "2026Q1", "2026-01-01", "2026-03-31"},
      {"2026-04-01", "2026Q2", "2026-04-01", "2026-06-30"},
      {"2026-09-30", "2026Q3", "2026-07-01", "2026-09-30"},
      {"2026-10-01", "2026Q4", "2026-10-01", "2026-12-31"},
      {"2026-12-31", "2026Q4", "2026-10-01", "2026-12-31"},
  };
  for (const auto& c : cases) {
    auto q = QuarterOf(c.date);
    EXPECT_EQ(q.label, c.label) << c.date;
    EXPECT_EQ(q.first, c.first) << c.date;
    EXPECT_EQ(q.last, c.last) << c.date;
  }
}

TEST(StatsRulesTest, Percent) {
  EXPECT_FALSE(Percent(0, 0).has_value());
  EXPECT_EQ(*Percent(0, 5), 0.0);
  EXPECT_EQ(*Percent(5, 5), 100.0);
  EXPECT_EQ(*Percent(5983, 5993), 99.8);  // 99.83% as the field reports it, to one decimal
  EXPECT_EQ(*Percent(1, 3), 33.3);
  EXPECT_EQ(*Percent(2, 3), 66.7);
}

TEST(StatsRulesTest, Periods) {
  struct Case {
    const char* from;
    const char* to;
    const char* code;  // "" when valid
    const char* want_from;
    const char* want_to;
  };
  const Case cases[] = {
      {"", "", "", "2026-01-01", "2026-11-29"},
      {"2026-10-01", "", "", "2026-10-01", "2026-11-29"},
      {"2026-10-01", "2026-10-01", "", "2026-10-01", "2026-10-01"},
      {"2026-10-02", "2026-10-01", "period_reversed", "", ""},
      {"2026-02-30", "", "invalid_date", "", ""},
      {"", "2026/10/01", "invalid_date", "", ""},
      {"2023-11-29", "2026-11-29", "", "2023-11-29", "2026-11-29"},
      {"2022-01-01", "2026-11-29", "period_too_long", "", ""},
  };
  for (const auto& c : cases) {
    auto period = ResolvePeriod(c.from, c.to, "2026-11-29");
    if (*c.code == '\0') {
      ASSERT_TRUE(period.ok()) << c.from << " " << c.to;
      EXPECT_EQ(period->from, c.want_from);
      EXPECT_EQ(period->to, c.want_to);
    } else {
      ASSERT_FALSE(period.ok()) << c.from << " " << c.to;
      EXPECT_EQ(period.error().code, c.code);
    }
  }
}

}  // namespace
}  // namespace anjian::stats
