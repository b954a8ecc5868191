// The 12-point system's rules: cycles and their start day, thresholds crossed once, manual
// events, and what the rollover does with each event at the end of its cycle.
#include "modules/scoring/scoring.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"

namespace anjian::scoring {
namespace {

TEST(ScoringRulesTest, Cycles) {
  struct Case {
    const char* date;
    const char* start;
    int cycle;
  };
  const Case cases[] = {
      {"2026-09-30", "10-01", 2025}, {"2026-10-01", "10-01", 2026}, {"2027-01-15", "10-01", 2026},
      {"2027-09-30", "10-01", 2026}, {"2026-12-31", "01-01", 2026}, {"2026-01-01", "01-01", 2026},
      {"2026-03-31", "04-01", 2025}, {"2026-04-01", "04-01", 2026},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CycleOf(c.date, c.start), c.cycle) << c.date << " " << c.start;
  }
  // 23:59 in China on 30 September is 15:59 UTC: still the old cycle; a minute later, the new.
  EXPECT_EQ(CycleOf(ChinaDate(*ParseInstant("2026-09-30T15:59:00Z")), "10-01"), 2025);
  EXPECT_EQ(CycleOf(ChinaDate(*ParseInstant("2026-09-30T16:00:00Z")), "10-01"), 2026);
  EXPECT_EQ(CycleFirstDay(2026, "10-01"), "2026-10-01");
  EXPECT_EQ(CycleLastDay(2026, "10-01"), "2027-09-30");
  EXPECT_EQ(CycleLastDay(2027, "03-01"), "2028-02-29");
  EXPECT_EQ(CycleLastDay(2026, "01-01"), "2026-12-31");
  for (const char* good : {"10-01", "01-01", "12-31", "02-28"}) {
    EXPECT_TRUE(ValidateCycleStart(good).ok()) << good;
  }
  for (const char* bad : {"02-29", "13-01", "1-01", "02-30", "", "10-01x", "00-10"}) {
    auto checked = ValidateCycleStart(bad);
    ASSERT_FALSE(checked.ok()) << bad;
    EXPECT_EQ(checked.error().code, "invalid_cycle_start") << bad;
  }
}

TEST(ScoringRulesTest, QuarterSlots) {
  // Each case: the quarter, today, and the windows as "slot starts_on..due_on" in order.
  struct Case {
    const char* first;
    const char* last;
    const char* today;
    std::vector<std::string> slots;
  };
  const Case cases[] = {
      {"2027-01-01",
       "2027-03-31",
       "2026-12-20",
       {"all 2027-01-01..2027-03-31", "m1 2027-01-01..2027-01-31", "m2 2027-02-01..2027-02-28",
        "m3 2027-03-01..2027-03-31"}},
      // A leap February; the quarter's first day is today.
      {"2028-01-01",
       "2028-03-31",
       "2028-01-01",
       {"all 2028-01-01..2028-03-31", "m1 2028-01-01..2028-01-31", "m2 2028-02-01..2028-02-29",
        "m3 2028-03-01..2028-03-31"}},
      // Begun: the first month over, the second begun.
      {"2026-10-01",
       "2026-12-31",
       "2026-11-29",
       {"all 2026-11-29..2026-12-31", "m2 2026-11-29..2026-11-30", "m3 2026-12-01..2026-12-31"}},
      // The last day of a month still holds that month's window, for one day.
      {"2026-07-01",
       "2026-09-30",
       "2026-08-31",
       {"all 2026-08-31..2026-09-30", "m2 2026-08-31..2026-08-31", "m3 2026-09-01..2026-09-30"}},
      {"2026-04-01",
       "2026-06-30",
       "2026-06-30",
       {"all 2026-06-30..2026-06-30", "m3 2026-06-30..2026-06-30"}},
      {"2026-04-01", "2026-06-30", "2026-07-01", {}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> got;
    for (const auto& slot : QuarterSlots(c.first, c.last, c.today)) {
      got.push_back(slot.slot + " " + slot.starts_on + ".." + slot.due_on);
    }
    EXPECT_EQ(got, c.slots) << c.first << " on " << c.today;
  }
}

TEST(ScoringRulesTest, Thresholds) {
  EXPECT_TRUE(ValidateThresholds(DefaultThresholds()).ok());
  struct Case {
    const char* name;
    std::vector<Threshold> thresholds;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"none", {}, "invalid_thresholds", "thresholds"},
      {"zero points",
       {{0, "enforcement", "district", 15}},
       "invalid_threshold_points",
       "thresholds[0].points"},
      {"over the full score",
       {{13, "enforcement", "district", 15}},
       "invalid_threshold_points",
       "thresholds[0].points"},
      {"twice the same points",
       {{3, "raise_frequency", "town", 30}, {3, "enforcement", "district", 15}},
       "invalid_threshold_points",
       "thresholds[1].points"},
      {"unknown action",
       {{3, "fine", "town", 30}},
       "invalid_threshold_action",
       "thresholds[0].action"},
      {"unknown unit",
       {{3, "raise_frequency", "city", 30}},
       "invalid_threshold_unit",
       "thresholds[0].unit"},
      {"no days",
       {{3, "raise_frequency", "town", 0}},
       "invalid_threshold_due_days",
       "thresholds[0].due_days"},
      {"over a year",
       {{3, "raise_frequency", "town", 366}},
       "invalid_threshold_due_days",
       "thresholds[0].due_days"},
  };
  for (const auto& c : cases) {
    auto checked = ValidateThresholds(c.thresholds);
    ASSERT_FALSE(checked.ok()) << c.name;
    EXPECT_EQ(checked.error().code, c.code) << c.name;
    EXPECT_EQ(checked.error().field, c.field) << c.name;
  }

  auto points = [](const std::vector<Threshold>& crossed) {
    std::vector<int64_t> out;
    out.reserve(crossed.size());
    for (const auto& t : crossed) out.push_back(t.points);
    return out;
  };
  auto defaults = DefaultThresholds();
  struct Crossing {
    const char* name;
    int64_t total;
    std::set<int64_t> followed;
    std::vector<int64_t> crossed;
  };
  const Crossing crossings[] = {
      {"below the first", 2, {}, {}},
      {"on the first", 3, {}, {3}},
      {"past two at once", 7, {}, {3, 6}},
      {"the first already followed up", 7, {3}, {6}},
      {"revoked below and crossed again: followed up already", 3, {3}, {}},
      {"the full score", 12, {3, 6}, {10, 12}},
      {"over the full score", 15, {}, {3, 6, 10, 12}},
  };
  for (const auto& c : crossings) {
    EXPECT_EQ(points(Crossed(defaults, c.total, c.followed)), c.crossed) << c.name;
  }
  EXPECT_EQ(defaults[0].unit, "town");
  EXPECT_EQ(defaults[1].action, kWarningInterview);
  EXPECT_EQ(defaults[2].action, kEnforcement);
  EXPECT_EQ(defaults[3].points, kMaxPoints);
}

TEST(ScoringRulesTest, ManualEvents) {
  struct Case {
    const char* name;
    int64_t points;
    std::string reason;
    const char* day;
    const char* code;  // nullptr: accepted
    const char* field;
  };
  const Case cases[] = {
      {"one point", 1, "未按规定佩戴", "2026-11-29", nullptr, ""},
      {"the full score", 12, "重大隐患", "2026-10-01", nullptr, ""},
      {"no points", 0, "原因", "2026-11-29", "invalid_points", "points"},
      {"over the full score", 13, "原因", "2026-11-29", "invalid_points", "points"},
      {"negative", -3, "原因", "2026-11-29", "invalid_points", "points"},
      {"no reason", 2, "", "2026-11-29", "invalid_text_length", "reason"},
      {"a long reason", 2, std::string(501, 'x'), "2026-11-29", "invalid_text_length", "reason"},
      {"tomorrow", 2, "原因", "2026-11-30", "date_in_future", "occurred_on"},
      {"not a day", 2, "原因", "2026-02-30", "invalid_date", "occurred_on"},
  };
  for (const auto& c : cases) {
    auto checked = ValidateManual(c.points, c.reason, c.day, "2026-11-29");
    if (c.code == nullptr) {
      EXPECT_TRUE(checked.ok()) << c.name;
      continue;
    }
    ASSERT_FALSE(checked.ok()) << c.name;
    EXPECT_EQ(checked.error().code, c.code) << c.name;
    EXPECT_EQ(checked.error().field, c.field) << c.name;
  }
  EXPECT_TRUE(MayRecord(Role::kStation).ok());
  EXPECT_TRUE(MayRecord(Role::kBureau).ok());
  for (Role role : {Role::kGrid, Role::kEnterprise, Role::kExpert, Role::kAdmin}) {
    EXPECT_FALSE(MayRecord(role).ok());
  }
}

// The rollover into cycle 2026 judges each event of cycle 2025 as things stood at the first
// instant of 1 October 2026 in China (2026-09-30T16:00:00Z).
TEST(ScoringRulesTest, RolloverDecisions) {
  const std::string end = "2026-09-30T16:00:00Z";
  struct Case {
    const char* name;
    bool with_hazard;
    bool carried;
    std::optional<std::string> reinspected_at;
    HazardFacts hazard;
    bool clears;
    const char* reason;
  };
  const Case cases[] = {
      {"deadline 30 September, verified that day",
       true,
       false,
       {},
       {"verified", "2026-09-30", "2026-09-30T08:00:00Z", "2026-09-30"},
       true,
       "verified_on_time"},
      {"deadline 30 September, verified on 1 October",
       true,
       false,
       {},
       {"verified", "2026-09-30", "2026-09-30T17:00:00Z", "2026-10-01"},
       false,
       "not_verified"},
      {"verified at 23:59 on 30 September, deadline passed the day before",
       true,
       false,
       {},
       {"verified", "2026-09-29", "2026-09-30T15:59:00Z", "2026-09-30"},
       false,
       "verified_late"},
      {"rejected, then verified late",
       true,
       false,
       {},
       {"verified", "2026-09-20", "2026-09-25T02:00:00Z", "2026-09-25"},
       false,
       "verified_late"},
      {"deadline in October, verified early",
       true,
       false,
       {},
       {"verified", "2026-10-15", "2026-09-28T02:00:00Z", "2026-09-28"},
       true,
       "verified_on_time"},
      {"still rectifying",
       true,
       false,
       {},
       {"rectifying", "2026-09-20", {}, {}},
       false,
       "not_verified"},
      {"submitted, not yet verified",
       true,
       false,
       {},
       {"submitted", "2026-10-20", {}, {}},
       false,
       "not_verified"},
      {"the hazard was cancelled before the end",
       true,
       false,
       {},
       {"cancelled", {}, {}, {}, "2026-09-10T02:00:00Z"},
       true,
       "hazard_cancelled"},
      {"the hazard was cancelled after the end",
       true,
       false,
       {},
       {"cancelled", {}, {}, {}, "2026-10-03T02:00:00Z"},
       false,
       "not_verified"},
      {"carried, verified late since",
       true,
       true,
       {},
       {"verified", "2025-09-20", "2026-03-01T02:00:00Z", "2026-03-01"},
       true,
       "verified_after_carry"},
      {"carried, still open",
       true,
       true,
       {},
       {"rectifying", "2025-09-20", {}, {}},
       false,
       "not_verified"},
      {"by hand, re-inspected", false, false, "2026-09-01T02:00:00Z", {}, true, "reinspected"},
      {"by hand, re-inspected on 1 October",
       false,
       false,
       "2026-09-30T16:30:00Z",
       {},
       false,
       "not_reinspected"},
      {"by hand, never re-inspected", false, false, {}, {}, false, "not_reinspected"},
  };
  for (const auto& c : cases) {
    Event event;
    event.id = 7;
    event.cycle = 2025;
    if (c.with_hazard) event.hazard_id = 11;
    if (c.carried) event.carried_from_event_id = 3;
    event.reinspected_at = c.reinspected_at;
    auto decision =
        Decide(event, c.with_hazard ? std::optional<HazardFacts>(c.hazard) : std::nullopt, end);
    EXPECT_EQ(decision.clears, c.clears) << c.name;
    EXPECT_EQ(decision.reason, c.reason) << c.name;
  }
}

}  // namespace
}  // namespace anjian::scoring
