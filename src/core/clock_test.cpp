#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace anjian {
namespace {

TEST(ClockTest, ChinaDateTurnsAtSixteenHundredUtc) {
  EXPECT_EQ(ChinaDate(*ParseInstant("2026-09-30T15:59:59Z")), "2026-09-30");
  EXPECT_EQ(ChinaDate(*ParseInstant("2026-09-30T16:00:00Z")), "2026-10-01");
  EXPECT_EQ(FormatInstant(*ChinaDayStart("2026-10-01")), "2026-09-30T16:00:00Z");
}

TEST(ClockTest, CalendarDates) {
  struct Case {
    const char* text;
    bool valid;
  };
  const Case cases[] = {{"2026-02-28", true},  {"2026-02-29", false}, {"2028-02-29", true},
                        {"2026-13-01", false}, {"2026-1-01", false},  {"2026-01-01x", false},
                        {"", false},           {"+026-01-01", false}};
  for (const auto& c : cases) EXPECT_EQ(IsValidDate(c.text), c.valid) << c.text;
}

TEST(ClockTest, AddDaysAndDaysBetween) {
  struct Case {
    const char* from;
    int days;
    const char* to;
  };
  const Case cases[] = {{"2026-11-23", 30, "2026-12-23"},
                        {"2026-12-31", 1, "2027-01-01"},
                        {"2028-02-28", 1, "2028-02-29"},
                        {"2026-03-01", -1, "2026-02-28"},
                        {"2026-11-23", 0, "2026-11-23"}};
  for (const auto& c : cases) {
    EXPECT_EQ(AddDays(c.from, c.days), c.to) << c.from << " + " << c.days;
    EXPECT_EQ(DaysBetween(c.from, c.to), c.days) << c.from << " → " << c.to;
  }
  EXPECT_EQ(AddDays("2026-02-30", 1), std::nullopt);
  EXPECT_EQ(DaysBetween("2026-01-01", "bad"), std::nullopt);
}

TEST(ClockTest, AddMonths) {
  struct Case {
    const char* from;
    int months;
    const char* to;
  };
  const Case cases[] = {{"2026-01-31", 1, "2026-02-28"},  {"2028-01-31", 1, "2028-02-29"},
                        {"2026-11-29", 12, "2027-11-29"}, {"2024-02-29", 36, "2027-02-28"},
                        {"2026-03-31", -1, "2026-02-28"}, {"2026-12-15", 1, "2027-01-15"},
                        {"2027-01-15", -1, "2026-12-15"}, {"2026-05-10", 0, "2026-05-10"}};
  for (const auto& c : cases) {
    EXPECT_EQ(AddMonths(c.from, c.months), c.to) << c.from << " + " << c.months;
  }
  EXPECT_EQ(AddMonths("2026-13-01", 1), std::nullopt);
}

}  // namespace
}  // namespace anjian
