#include "modules/hazard/hazard.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

namespace anjian::hazard {
namespace {

constexpr int64_t kFinder = 7;
constexpr const char* kTown = "990102001000";
constexpr const char* kDistrict = "990102000000";

// One actor of each role; the grid worker is the one who found the hazard, the station is the
// unit that notified it and the bureau is the district above that station.
const std::map<Role, Actor>& Actors() {
  static const std::map<Role, Actor> kActors = {
      {Role::kAdmin, {Role::kAdmin, 1, std::nullopt}},
      {Role::kBureau, {Role::kBureau, 2, kDistrict}},
      {Role::kStation, {Role::kStation, 3, kTown}},
      {Role::kGrid, {Role::kGrid, kFinder, "990102001201"}},
      {Role::kEnterprise, {Role::kEnterprise, 5, std::nullopt}},
      {Role::kExpert, {Role::kExpert, 6, std::nullopt}},
  };
  return kActors;
}

// The whole state machine written out: (role, action, from) → to. Every combination not listed
// is refused: 403 when the role never takes that action, 409 when it does but not from there.
using Key = std::tuple<Role, Action, State>;
const std::map<Key, State>& Allowed() {
  static const std::map<Key, State> kAllowed = [] {
    std::map<Key, State> table = {
        {{Role::kGrid, Action::kFixOnSpot, State::kReported}, State::kVerified},
        {{Role::kEnterprise, Action::kStart, State::kNotified}, State::kRectifying},
        {{Role::kEnterprise, Action::kSubmit, State::kRectifying}, State::kSubmitted},
        {{Role::kEnterprise, Action::kResume, State::kRejected}, State::kRectifying},
    };
    for (Role officer : {Role::kStation, Role::kBureau}) {
      table[{officer, Action::kNotify, State::kReported}] = State::kNotified;
      table[{officer, Action::kVerify, State::kSubmitted}] = State::kVerified;
      table[{officer, Action::kReject, State::kSubmitted}] = State::kRejected;
      table[{officer, Action::kExtend, State::kNotified}] = State::kNotified;
      table[{officer, Action::kExtend, State::kRectifying}] = State::kRectifying;
      table[{officer, Action::kExtend, State::kRejected}] = State::kRejected;
      table[{officer, Action::kCancel, State::kReported}] = State::kCancelled;
      table[{officer, Action::kCancel, State::kNotified}] = State::kCancelled;
    }
    return table;
  }();
  return kAllowed;
}

TEST(HazardStateMachineTest, EveryStateActionAndRole) {
  std::set<std::pair<Role, Action>> takes;
  for (const auto& [key, to] : Allowed()) takes.insert({std::get<0>(key), std::get<1>(key)});
  int checked = 0;
  for (State state : AllStates()) {
    for (Action action : AllActions()) {
      for (const auto& [role, actor] : Actors()) {
        Subject subject{state, kFinder, kTown};
        auto result = Transition(subject, action, actor);
        std::string label = std::string(RoleName(role)) + " " + std::string(ActionName(action)) +
                            " from " + std::string(StateName(state));
        auto allowed = Allowed().find({role, action, state});
        if (allowed != Allowed().end()) {
          ASSERT_TRUE(result.ok()) << label << ": " << result.error().code;
          EXPECT_EQ(*result, allowed->second) << label;
        } else if (takes.contains({role, action})) {
          ASSERT_FALSE(result.ok()) << label;
          EXPECT_EQ(result.error().kind, ErrorKind::kConflict) << label;
          EXPECT_EQ(result.error().code, "illegal_transition") << label;
        } else {
          ASSERT_FALSE(result.ok()) << label;
          EXPECT_EQ(result.error().kind, ErrorKind::kForbidden) << label;
          EXPECT_EQ(result.error().code, "hazard_action_forbidden") << label;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 7 * 10 * 6);
}

TEST(HazardStateMachineTest, WhoMayActOnTheirOwn) {
  struct Case {
    const char* name;
    Subject subject;
    Action action;
    Actor actor;
    bool allowed;
  };
  const Case cases[] = {
      {"the finder fixes on the spot",
       {State::kReported, kFinder, {}},
       Action::kFixOnSpot,
       {Role::kGrid, kFinder, "990102001201"},
       true},
      {"another grid worker may not",
       {State::kReported, kFinder, {}},
       Action::kFixOnSpot,
       {Role::kGrid, kFinder + 1, "990102001201"},
       false},
      {"a station officer who found it fixes it",
       {State::kReported, 3, {}},
       Action::kFixOnSpot,
       {Role::kStation, 3, kTown},
       true},
      {"an enterprise fixes its own self-check finding",
       {State::kReported, 5, {}},
       Action::kFixOnSpot,
       {Role::kEnterprise, 5, std::nullopt},
       true},
      {"an administrator never acts in the loop",
       {State::kReported, 1, {}},
       Action::kFixOnSpot,
       {Role::kAdmin, 1, std::nullopt},
       false},
      {"the notifying station verifies",
       {State::kSubmitted, kFinder, kTown},
       Action::kVerify,
       {Role::kStation, 3, kTown},
       true},
      {"the district above verifies",
       {State::kSubmitted, kFinder, kTown},
       Action::kVerify,
       {Role::kBureau, 2, kDistrict},
       true},
      {"the city above verifies",
       {State::kSubmitted, kFinder, kTown},
       Action::kVerify,
       {Role::kBureau, 2, "990100000000"},
       true},
      {"another town's station may not verify",
       {State::kSubmitted, kFinder, kTown},
       Action::kVerify,
       {Role::kStation, 3, "990102002000"},
       false},
      {"a station may not verify what the district notified",
       {State::kSubmitted, kFinder, kDistrict},
       Action::kVerify,
       {Role::kStation, 3, kTown},
       false},
      {"a station may not reject what the district notified",
       {State::kSubmitted, kFinder, kDistrict},
       Action::kReject,
       {Role::kStation, 3, kTown},
       false},
      {"a station may not extend what the district notified",
       {State::kRectifying, kFinder, kDistrict},
       Action::kExtend,
       {Role::kStation, 3, kTown},
       false},
      {"a station may not cancel what the district notified",
       {State::kNotified, kFinder, kDistrict},
       Action::kCancel,
       {Role::kStation, 3, kTown},
       false},
      {"any station in scope cancels a reported hazard",
       {State::kReported, kFinder, {}},
       Action::kCancel,
       {Role::kStation, 3, kTown},
       true},
      {"an officer without a region may not verify",
       {State::kSubmitted, kFinder, kTown},
       Action::kVerify,
       {Role::kStation, 3, std::nullopt},
       false},
  };
  for (const auto& c : cases) {
    auto result = Transition(c.subject, c.action, c.actor);
    EXPECT_EQ(result.ok(), c.allowed) << c.name;
    if (!c.allowed) {
      EXPECT_EQ(result.error().kind, ErrorKind::kForbidden) << c.name;
    }
  }
}

TEST(HazardStateMachineTest, AMajorHazardIsNeverFixedOnTheSpot) {
  Actor finder{Role::kGrid, kFinder, "990102001201"};
  auto major = Transition({State::kReported, kFinder, {}, true}, Action::kFixOnSpot, finder);
  ASSERT_FALSE(major.ok());
  EXPECT_EQ(major.error().code, "major_hazard_needs_notice");
  EXPECT_EQ(major.error().kind, ErrorKind::kConflict);
  EXPECT_TRUE(Transition({State::kReported, kFinder, {}, false}, Action::kFixOnSpot, finder).ok());
  Hazard h;
  h.level = "major";
  EXPECT_TRUE(SubjectOf(h).major);
}

TEST(HazardStateMachineTest, AllowedActionsFollowTheTable) {
  struct Case {
    const char* name;
    State state;
    Role role;
    std::vector<Action> allowed;
  };
  const Case cases[] = {
      {"the finder of a reported hazard", State::kReported, Role::kGrid, {Action::kFixOnSpot}},
      {"the station on a reported hazard",
       State::kReported,
       Role::kStation,
       {Action::kNotify, Action::kCancel}},
      {"the enterprise on a notified hazard",
       State::kNotified,
       Role::kEnterprise,
       {Action::kStart}},
      {"the station on a submitted hazard",
       State::kSubmitted,
       Role::kStation,
       {Action::kVerify, Action::kReject}},
      {"the station on a rectifying hazard", State::kRectifying, Role::kStation, {Action::kExtend}},
      {"the enterprise on a verified hazard", State::kVerified, Role::kEnterprise, {}},
      {"an expert", State::kSubmitted, Role::kExpert, {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(AllowedActions({c.state, kFinder, kTown}, Actors().at(c.role)), c.allowed) << c.name;
  }
}

TEST(HazardRulesTest, OverdueAndOnTime) {
  struct Case {
    const char* name;
    State state;
    std::optional<std::string> deadline;
    const char* today;
    std::optional<std::string> verified_on;
    bool overdue;
    bool on_time;
  };
  const Case cases[] = {
      {"open, deadline today", State::kRectifying, "2026-11-29", "2026-11-29", {}, false, false},
      {"open, deadline yesterday", State::kRectifying, "2026-11-28", "2026-11-29", {}, true, false},
      {"rejected, deadline passed", State::kRejected, "2026-11-01", "2026-11-29", {}, true, false},
      {"reported, no deadline yet", State::kReported, {}, "2026-11-29", {}, false, false},
      {"verified on the deadline day", State::kVerified, "2026-09-30", "2026-11-29", "2026-09-30",
       false, true},
      {"verified the day after", State::kVerified, "2026-09-30", "2026-11-29", "2026-10-01", false,
       false},
      {"verified early", State::kVerified, "2026-09-30", "2026-11-29", "2026-09-01", false, true},
      {"fixed on the spot, no deadline",
       State::kVerified,
       {},
       "2026-11-29",
       "2026-11-29",
       false,
       true},
      {"cancelled after its deadline",
       State::kCancelled,
       "2026-11-01",
       "2026-11-29",
       {},
       false,
       false},
      {"submitted after the deadline, not yet verified",
       State::kSubmitted,
       "2026-11-01",
       "2026-11-29",
       {},
       true,
       false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsOverdue(c.state, c.deadline, c.today), c.overdue) << c.name;
    EXPECT_EQ(IsOnTime(c.state, c.deadline, c.verified_on), c.on_time) << c.name;
  }
}

TEST(HazardRulesTest, SplitByMonths) {
  using Range = std::pair<std::string, std::string>;
  const Range none{"1", "0"};
  struct Case {
    const char* name;
    const char* from;
    const char* to;
    Range head;
    Range months;
    Range tail;
  };
  const Case cases[] = {
      {"whole year", "2026-01-01", "2026-12-31", none, {"2026-01", "2026-12"}, none},
      {"1 January to today",
       "2026-01-01",
       "2026-11-29",
       none,
       {"2026-01", "2026-10"},
       {"2026-11-01", "2026-11-29"}},
      {"mid-month to mid-month",
       "2026-02-15",
       "2026-05-10",
       {"2026-02-15", "2026-02-28"},
       {"2026-03", "2026-04"},
       {"2026-05-01", "2026-05-10"}},
      {"inside one month", "2026-11-03", "2026-11-20", {"2026-11-03", "2026-11-20"}, none, none},
      {"one whole month", "2026-02-01", "2026-02-28", none, {"2026-02", "2026-02"}, none},
      {"leap February's end", "2028-02-10", "2028-02-29", {"2028-02-10", "2028-02-29"}, none, none},
      {"two part-months, no whole one",
       "2026-01-20",
       "2026-02-10",
       {"2026-01-20", "2026-02-10"},
       none,
       none},
      {"across the year", "2025-12-31", "2026-01-01", {"2025-12-31", "2026-01-01"}, none, none},
      {"one day", "2026-11-29", "2026-11-29", {"2026-11-29", "2026-11-29"}, none, none},
      {"everything before today",
       "1900-01-01",
       "2026-11-28",
       none,
       {"1900-01", "2026-10"},
       {"2026-11-01", "2026-11-28"}},
      {"empty: from after to", "2026-11-29", "2026-11-28", none, none, none},
  };
  for (const auto& c : cases) {
    auto spans = SplitByMonths(c.from, c.to);
    EXPECT_EQ(spans.head_days, c.head) << c.name;
    EXPECT_EQ(spans.months, c.months) << c.name;
    EXPECT_EQ(spans.tail_days, c.tail) << c.name;
  }
}

TEST(HazardRulesTest, TransitionInputs) {
  Hazard notified;
  notified.state = State::kNotified;
  notified.deadline = "2026-12-10";
  notified.found_on = "2026-11-20";
  auto input = [](Action action, auto change) {
    TransitionInput in;
    in.action = action;
    change(in);
    return in;
  };
  struct Case {
    const char* name;
    TransitionInput input;
    const char* code;  // "" when valid
    const char* field;
  };
  const char* today = "2026-11-29";
  const Case cases[] = {
      {"notify with everything",
       input(Action::kNotify,
             [](TransitionInput& in) {
               in.deadline = "2026-12-10";
               in.responsible_person = "王五";
               in.measures = "更换防护罩";
             }),
       "", ""},
      {"notify due today",
       input(Action::kNotify,
             [](TransitionInput& in) {
               in.deadline = "2026-11-29";
               in.responsible_person = "王五";
               in.measures = "更换防护罩";
             }),
       "", ""},
      {"notify without deadline",
       input(Action::kNotify,
             [](TransitionInput& in) {
               in.responsible_person = "王五";
               in.measures = "更换";
             }),
       "required", "deadline"},
      {"notify due yesterday",
       input(Action::kNotify,
             [](TransitionInput& in) {
               in.deadline = "2026-11-28";
               in.responsible_person = "王五";
               in.measures = "更换";
             }),
       "deadline_in_past", "deadline"},
      {"notify on 2026-02-30",
       input(Action::kNotify,
             [](TransitionInput& in) {
               in.deadline = "2026-02-30";
               in.responsible_person = "王五";
               in.measures = "更换";
             }),
       "invalid_date", "deadline"},
      {"notify without measures",
       input(Action::kNotify,
             [](TransitionInput& in) {
               in.deadline = "2026-12-10";
               in.responsible_person = "王五";
             }),
       "required", "measures"},
      {"notify with empty person",
       input(Action::kNotify,
             [](TransitionInput& in) {
               in.deadline = "2026-12-10";
               in.responsible_person = "";
               in.measures = "更换";
             }),
       "invalid_text_length", "responsible_person"},
      {"extend later",
       input(Action::kExtend,
             [](TransitionInput& in) {
               in.deadline = "2026-12-11";
               in.reason = "设备到货延迟";
             }),
       "", ""},
      {"extend to the same day",
       input(Action::kExtend,
             [](TransitionInput& in) {
               in.deadline = "2026-12-10";
               in.reason = "设备到货延迟";
             }),
       "extension_not_later", "deadline"},
      {"extend without reason",
       input(Action::kExtend, [](TransitionInput& in) { in.deadline = "2026-12-20"; }), "required",
       "reason"},
      {"submit done today",
       input(Action::kSubmit,
             [](TransitionInput& in) {
               in.method = "已更换";
               in.completed_on = "2026-11-29";
             }),
       "", ""},
      {"submit done tomorrow",
       input(Action::kSubmit,
             [](TransitionInput& in) {
               in.method = "已更换";
               in.completed_on = "2026-11-30";
             }),
       "date_in_future", "completed_on"},
      {"submit done before it was found",
       input(Action::kSubmit,
             [](TransitionInput& in) {
               in.method = "已更换";
               in.completed_on = "2026-11-19";
             }),
       "date_before_found", "completed_on"},
      {"submit done the day it was found",
       input(Action::kSubmit,
             [](TransitionInput& in) {
               in.method = "已更换";
               in.completed_on = "2026-11-20";
             }),
       "", ""},
      {"start carrying a deadline",
       input(Action::kStart, [](TransitionInput& in) { in.deadline = "2099-12-31"; }),
       "unknown_field", "deadline"},
      {"verify carrying a reason",
       input(Action::kVerify,
             [](TransitionInput& in) {
               in.result = "合格";
               in.reason = "x";
             }),
       "unknown_field", "reason"},
      {"verify carrying photos",
       input(Action::kVerify,
             [](TransitionInput& in) {
               in.result = "合格";
               in.photo_ids = std::vector<int64_t>{1};
             }),
       "unknown_field", "photo_ids"},
      {"submit with after-photos",
       input(Action::kSubmit,
             [](TransitionInput& in) {
               in.method = "已更换";
               in.completed_on = "2026-11-20";
               in.photo_ids = std::vector<int64_t>{4, 5};
             }),
       "", ""},
      {"fix on the spot with an after-photo",
       input(Action::kFixOnSpot,
             [](TransitionInput& in) {
               in.method = "当场清理";
               in.photo_ids = std::vector<int64_t>{4};
             }),
       "", ""},
      {"submit without method",
       input(Action::kSubmit, [](TransitionInput& in) { in.completed_on = "2026-11-29"; }),
       "required", "method"},
      {"verify with result",
       input(Action::kVerify, [](TransitionInput& in) { in.result = "合格"; }), "", ""},
      {"verify without result", input(Action::kVerify, [](TransitionInput&) {}), "required",
       "result"},
      {"reject without reason", input(Action::kReject, [](TransitionInput&) {}), "required",
       "reason"},
      {"cancel with reason",
       input(Action::kCancel, [](TransitionInput& in) { in.reason = "误报"; }), "", ""},
      {"fix on the spot without method", input(Action::kFixOnSpot, [](TransitionInput&) {}),
       "required", "method"},
      {"start needs nothing", input(Action::kStart, [](TransitionInput&) {}), "", ""},
  };
  for (const auto& c : cases) {
    auto status = ValidateInput(c.input, notified, today);
    if (*c.code == '\0') {
      EXPECT_TRUE(status.ok()) << c.name << ": " << status.error().code;
    } else {
      ASSERT_FALSE(status.ok()) << c.name;
      EXPECT_EQ(status.error().code, c.code) << c.name;
      EXPECT_EQ(status.error().field, c.field) << c.name;
    }
  }
}

TEST(HazardRulesTest, RecordFields) {
  struct Case {
    const char* name;
    void (*change)(Hazard&);
    const char* code;
  };
  const Case cases[] = {
      {"defaults are valid", [](Hazard&) {}, ""},
      {"empty description", [](Hazard& h) { h.description = ""; }, "invalid_description"},
      {"level unknown", [](Hazard& h) { h.level = "huge"; }, "invalid_hazard_level"},
      {"major", [](Hazard& h) { h.level = "major"; }, ""},
      {"source expert diagnosis", [](Hazard& h) { h.source = "expert_diagnosis"; }, ""},
      {"source unknown", [](Hazard& h) { h.source = "rumour"; }, "invalid_hazard_source"},
      {"type unknown", [](Hazard& h) { h.hazard_type = "x"; }, "invalid_hazard_type"},
      {"classification unknown", [](Hazard& h) { h.classification = "x"; },
       "invalid_hazard_classification"},
      {"handling on the spot", [](Hazard& h) { h.handling = "on_the_spot"; }, ""},
      {"handling unknown", [](Hazard& h) { h.handling = "later"; }, "invalid_hazard_handling"},
  };
  for (const auto& c : cases) {
    Hazard h;
    h.description = "配电箱门未关闭";
    c.change(h);
    auto status = Validate(h);
    if (*c.code == '\0') {
      EXPECT_TRUE(status.ok()) << c.name;
    } else {
      ASSERT_FALSE(status.ok()) << c.name;
      EXPECT_EQ(status.error().code, c.code) << c.name;
    }
  }
}

TEST(HazardRulesTest, NamesRoundTrip) {
  for (State s : AllStates()) EXPECT_EQ(ParseState(StateName(s)), s);
  for (Action a : AllActions()) EXPECT_EQ(ParseAction(ActionName(a)), a);
  EXPECT_FALSE(ParseState("closed"));
  EXPECT_FALSE(ParseAction("acknowledge"));
}

}  // namespace
}  // namespace anjian::hazard
