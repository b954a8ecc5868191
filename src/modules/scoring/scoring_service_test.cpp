// The 12-point system against real databases, through two cycles on a clock the test moves:
// findings on scored items become events once, thresholds make their follow-ups once, the
// 1 October rollover clears what was verified in time and carries the rest (a late fix costs one
// more cycle), runs twice without effect, and a changed cycle start applies to new events.
#include "modules/scoring/scoring_service.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/table_file.hpp"
#include "core/uscc.hpp"
#include "modules/checklist/checklist_service.hpp"
#include "modules/enterprise/enterprise_service.hpp"
#include "modules/hazard/hazard_service.hpp"
#include "modules/identity/identity_service.hpp"
#include "modules/inspection/inspection_service.hpp"
#include "modules/notification/notification_service.hpp"
#include "modules/plan/plan_service.hpp"
#include "modules/region/region_service.hpp"
#include "testing/test_database.hpp"

namespace anjian::scoring {
namespace {

using testing::As;

Instant At(const char* utc) { return *ParseInstant(utc); }

class ScoringServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    regions_ = std::make_unique<region::Service>(**database_, clock_);
    regions_->ImportAsSystem(testing::kTwoDistrictsCsv, "test");
    enterprises_ = std::make_unique<enterprise::Service>(**database_, clock_, *regions_);
    identity_ = std::make_unique<identity::Service>(**database_, clock_);
    checklists_ = std::make_unique<checklist::Service>(**database_, clock_);
    inspections_ = std::make_unique<inspection::Service>(**database_, clock_);
    hazards_ = std::make_unique<hazard::Service>(**database_, clock_);
    service_ = std::make_unique<Service>(**database_, clock_);
    enterprise::Enterprise e;
    e.uscc = uscc::Complete("91990102MA000001");
    e.name = "甲熔炼厂";
    e.region_code = "990102001201";
    e.industry_code = "C31";
    e.hazard_tags = {"metallurgy"};
    auto created = enterprises_->Create(As(Role::kAdmin, std::nullopt), e);
    ASSERT_TRUE(created.ok()) << created.error().code << " " << created.error().field;
    furnace_ = created->id;
    station_ = Account("station_a", Role::kStation, "990102001000");
    district_ = Account("district_a", Role::kBureau, "990102000000");
    owner_ = Account("owner_a", Role::kEnterprise, std::nullopt, furnace_);
  }
  Principal Account(const std::string& username, Role role, std::optional<std::string> region,
                    std::optional<int64_t> enterprise = {}) {
    identity::NewUser user{username, username, "", std::string(RoleName(role)), region, enterprise};
    auto created = identity_->AddUserWithHash(user, "not-a-real-hash");
    EXPECT_TRUE(created.ok());
    Principal p = As(role, std::move(region), enterprise);
    p.user_id = created->id;
    p.username = username;
    p.name = username;
    return p;
  }
  // The station's routine inspection with the furnace list, a finding on the scored item at
  // `position`: the finding's hazard and the item's points.
  std::pair<int64_t, int64_t> Finding(size_t position) {
    auto listed = checklists_->List(station_, {.purpose = "scored"}, furnace_, {1, 20});
    inspection::StartInput start;
    start.enterprise_id = furnace_;
    start.kind = "town_routine";
    start.checklist_id = listed->items.at(0).id;
    auto started = inspections_->Start(station_, start);
    EXPECT_TRUE(started.ok()) << started.error().code;
    inspection::Progress progress;
    progress.version = started->inspection.version;
    int64_t points = 0;
    for (size_t i = 0; i < started->items.size(); ++i) {
      bool finding = i == position;
      if (finding) points = started->items[i].points.value_or(0);
      progress.results.push_back({started->items[i].id, finding ? "finding" : "conforming", "",
                                  std::nullopt, std::nullopt});
    }
    auto saved = inspections_->Save(station_, started->inspection.id, progress);
    auto finished =
        inspections_->Finish(station_, started->inspection.id, saved->inspection.version);
    EXPECT_TRUE(finished.ok()) << finished.error().code;
    for (const auto& r : finished->inspection.results) {
      if (r.hazard_id) return {*r.hazard_id, points};
    }
    return {0, 0};
  }
  void Act(const Principal& who, int64_t id, hazard::Action action,
           void (*fill)(hazard::TransitionInput&) = nullptr) {
    hazard::TransitionInput in;
    in.action = action;
    in.version = hazards_->Get(station_, id)->hazard.version;
    if (fill != nullptr) fill(in);
    auto done = hazards_->Act(who, id, in);
    ASSERT_TRUE(done.ok()) << hazard::ActionName(action) << " " << done.error().code;
  }
  // Notified with `deadline`, then started and submitted by the enterprise.
  void Rectify(int64_t id, const char* deadline) {
    hazard::TransitionInput notify;
    notify.action = hazard::Action::kNotify;
    notify.version = hazards_->Get(station_, id)->hazard.version;
    notify.deadline = deadline;
    notify.responsible_person = "王五";
    notify.measures = "整改";
    ASSERT_TRUE(hazards_->Act(station_, id, notify).ok());
    Act(owner_, id, hazard::Action::kStart);
    hazard::TransitionInput submit;
    submit.action = hazard::Action::kSubmit;
    submit.version = hazards_->Get(station_, id)->hazard.version;
    submit.method = "已整改";
    submit.completed_on = ChinaDate(clock_.Now());
    ASSERT_TRUE(hazards_->Act(owner_, id, submit).ok());
  }
  void Verify(int64_t id) {
    Act(station_, id, hazard::Action::kVerify,
        [](hazard::TransitionInput& in) { in.result = "合格"; });
  }
  ScoreCard Card(int cycle) { return *service_->Card(station_, furnace_, cycle); }

  ManualClock clock_{At("2026-09-10T02:00:00Z")};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<region::Service> regions_;
  std::unique_ptr<enterprise::Service> enterprises_;
  std::unique_ptr<identity::Service> identity_;
  std::unique_ptr<checklist::Service> checklists_;
  std::unique_ptr<inspection::Service> inspections_;
  std::unique_ptr<hazard::Service> hazards_;
  std::unique_ptr<Service> service_;
  int64_t furnace_ = 0;
  Principal station_, district_, owner_;
};

TEST_P(ScoringServiceTest, TwoCycles) {
  // Cycle 2025 (to 30 September 2026): a finding put right on time, one put right late, and
  // points by hand at 23:59 on the last day (15:59 UTC).
  auto [on_time, on_time_points] = Finding(0);
  ASSERT_GT(on_time_points, 0);
  Rectify(on_time, "2026-09-30");
  clock_.Set(At("2026-09-20T02:00:00Z"));
  auto [late, late_points] = Finding(1);
  ASSERT_GT(late_points, 0);
  Rectify(late, "2026-09-25");
  clock_.Set(At("2026-09-30T02:00:00Z"));
  Verify(on_time);  // on the deadline day
  clock_.Set(At("2026-09-30T15:59:00Z"));
  auto manual = service_->Record(district_, {furnace_, 2, "未按期报送台账", ""});
  ASSERT_TRUE(manual.ok()) << manual.error().code;
  EXPECT_EQ(manual->cycle, 2025);
  EXPECT_EQ(manual->occurred_on, "2026-09-30");
  // The same finding never counts twice: one event per hazard.
  auto old = Card(2025);
  EXPECT_EQ(old.total, on_time_points + late_points + 2);
  EXPECT_EQ(old.events.size(), 3u);
  EXPECT_EQ(old.first_day, "2025-10-01");
  EXPECT_EQ(old.last_day, "2026-09-30");

  // 1 October, half past midnight in China: the rollover into 2026, and once more.
  clock_.Set(At("2026-09-30T16:30:00Z"));
  auto rolled = service_->RolloverDue();
  EXPECT_EQ(rolled.target_cycle, 2026);
  EXPECT_EQ(rolled.cleared, 1);
  EXPECT_EQ(rolled.carried, 2);
  std::map<int64_t, std::string> names{{manual->id, "manual"}};
  for (const auto& p : old.events) {
    if (p.event.hazard_id == on_time) names[p.event.id] = "on_time";
    if (p.event.hazard_id == late) names[p.event.id] = "late";
  }
  std::map<std::string, std::string> reasons;
  for (const auto& item : rolled.items) reasons[names.at(item.event_id)] = item.reason;
  EXPECT_EQ(reasons["on_time"], "verified_on_time");
  EXPECT_EQ(reasons["late"], "not_verified");
  EXPECT_EQ(reasons["manual"], "not_reinspected");
  auto again = service_->RolloverDue();
  EXPECT_EQ(again.cleared + again.carried, 0);
  auto explicitly = service_->RolloverAsSystem(2026, false);
  EXPECT_EQ(explicitly->cleared + explicitly->carried, 0);
  EXPECT_EQ(explicitly->already_decided, 3);
  auto current = Card(2026);
  EXPECT_EQ(current.total, late_points + 2);
  // Each carried decision names its copy in the new cycle, which keeps the original's day.
  std::map<int64_t, int64_t> copies;
  for (const auto& p : current.events) {
    EXPECT_EQ(p.event.source, "carried");
    ASSERT_TRUE(p.event.carried_from_event_id.has_value());
    copies[*p.event.carried_from_event_id] = p.event.id;
    if (p.event.carried_from_event_id == manual->id) {
      EXPECT_EQ(p.event.occurred_on, "2026-09-30");
      EXPECT_EQ(p.event.points, 2);
      EXPECT_EQ(p.event.reason, "未按期报送台账");
    }
  }
  EXPECT_EQ(copies.size(), 2u);
  for (const auto& item : rolled.items) {
    if (item.clears) {
      EXPECT_FALSE(item.carried_event_id.has_value());
    } else {
      EXPECT_EQ(item.carried_event_id, copies.at(item.event_id));
    }
  }
  // The carried points cross the first threshold of the new cycle: its follow-up, once.
  if (late_points + 2 >= 3) {
    EXPECT_TRUE(current.thresholds.at(0).followup.has_value());
  }

  // The late hazard is verified on 2 October: its carried event will clear next time.
  clock_.Set(At("2026-10-02T02:00:00Z"));
  Verify(late);
  current = Card(2026);
  for (const auto& p : current.events) {
    bool from_hazard = p.event.hazard_id.has_value();
    EXPECT_EQ(p.decision.clears, from_hazard);
    EXPECT_EQ(p.decision.reason, from_hazard ? "verified_after_carry" : "not_reinspected");
  }

  // 1 October 2027: the late fix cleared after one more cycle; the points by hand, never
  // re-inspected, carry again.
  clock_.Set(At("2027-09-30T16:30:00Z"));
  auto second = service_->RolloverDue();
  EXPECT_EQ(second.target_cycle, 2027);
  EXPECT_EQ(second.cleared, 1);
  EXPECT_EQ(second.carried, 1);
  EXPECT_EQ(Card(2027).total, 2);
  // The points by hand were a mistake after all: revoking them revokes their copies in 2026
  // and 2027 too, and the old cycle's card shows what its rollover decided.
  ASSERT_TRUE(service_->Revoke(district_, manual->id, manual->version, "误记").ok());
  EXPECT_EQ(Card(2027).total, 0);
  for (const auto& p : Card(2026).events) {
    if (!p.event.hazard_id) {
      EXPECT_EQ(p.event.state, "revoked");
    }
  }
  for (const auto& p : Card(2025).events) {
    if (p.event.hazard_id == on_time) {
      EXPECT_EQ(p.decision.reason, "verified_on_time");
    }
    if (p.event.hazard_id == late) {
      EXPECT_EQ(p.decision.reason, "not_verified");
    }
  }

  // A changed cycle start applies to what happens next: from 1 January, 5 November 2027 is in
  // cycle 2027 (the calendar year), and the card of 2027 is the calendar year.
  auto settings = service_->Settings(district_);
  SettingsInput input;
  input.version = settings->version;
  input.cycle_start = "01-01";
  auto admin = As(Role::kAdmin, std::nullopt);
  ASSERT_TRUE(service_->UpdateSettings(admin, input).ok());
  clock_.Set(At("2027-11-05T02:00:00Z"));
  auto later = service_->Record(district_, {furnace_, 1, "警示标志缺失", ""});
  EXPECT_EQ(later->cycle, 2027);
  EXPECT_EQ(Card(2027).total, 1);
  EXPECT_EQ(Card(2027).first_day, "2027-01-01");
}

TEST_P(ScoringServiceTest, ThresholdsOncePerCycleAndRevocation) {
  auto record = [&](int64_t points) {
    auto e = service_->Record(district_, {furnace_, points, "原因", ""});
    EXPECT_TRUE(e.ok()) << e.error().code;
    return *e;
  };
  auto followups = [&] {
    store::FollowupFilter all;
    all.enterprise_id = furnace_;
    return service_->Followups(district_, all, {1, 50})->items;
  };
  auto first = record(3);
  ASSERT_EQ(followups().size(), 1u);
  EXPECT_EQ(followups()[0].action, kRaiseFrequency);
  EXPECT_EQ(followups()[0].unit_region_code, "990102001000");
  EXPECT_EQ(followups()[0].due_on, "2026-10-10");
  // Revoked: the total falls to 0, the follow-up stays; crossed again: no second one.
  auto revoked = service_->Revoke(district_, first.id, first.version, "误记");
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(Card(2025).total, 0);
  auto twice = service_->Revoke(district_, first.id, revoked->version, "误记");
  EXPECT_EQ(twice.error().code, "score_event_revoked");
  record(3);
  EXPECT_EQ(followups().size(), 1u);
  // To the full score at once: the other three.
  record(9);
  EXPECT_EQ(followups().size(), 4u);
  EXPECT_EQ(Card(2025).total, 12);
  // The enterprise reads its card but records nothing; a grid worker neither.
  EXPECT_TRUE(service_->Card(owner_, furnace_, std::nullopt).ok());
  EXPECT_EQ(service_->Record(owner_, {furnace_, 1, "x", ""}).error().code, "forbidden");
  // The lists as workbooks, read back: the ranking's row and the four follow-ups, with labels.
  auto rankings = service_->ExportRankings(district_, std::nullopt, "", 1, "zh-CN");
  ASSERT_TRUE(rankings.ok()) << rankings.error().code;
  auto table = table_file::ReadTable(*rankings);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].at(1), "企业名称");
  EXPECT_EQ(table->rows[1].at(1), "甲熔炼厂");
  EXPECT_EQ(table->rows[1].at(4), "12");
  auto sheet = table_file::ReadTable(*service_->ExportFollowups(district_, {}, "en"));
  ASSERT_EQ(sheet->rows.size(), 5u);
  EXPECT_EQ(sheet->rows[0].at(4), "Action");
  std::set<std::string> actions;
  for (size_t i = 1; i < sheet->rows.size(); ++i) actions.insert(sheet->rows[i].at(4));
  EXPECT_EQ(actions, (std::set<std::string>{"Raise inspection frequency", "Warning interview",
                                            "Enforcement inspection", "Key supervision"}));
  EXPECT_EQ(service_->ExportRankings(owner_, std::nullopt, "", 1, "zh-CN").error().code,
            "forbidden");
  // A rollover only into a cycle that has begun, and only by an administrator.
  EXPECT_EQ(service_->Rollover(As(Role::kAdmin, std::nullopt), 2026, false).error().code,
            "cycle_not_started");
  EXPECT_EQ(service_->Rollover(district_, 2025, false).error().code, "forbidden");
}

TEST_P(ScoringServiceTest, ThresholdsReachTheirUnitsAndRaiseTheNextQuartersFrequency) {
  enterprise::Enterprise second;
  second.uscc = uscc::Complete("91990102MA000002");
  second.name = "乙铸造厂";
  second.region_code = "990102001201";
  second.industry_code = "C33";
  second.hazard_tags = {"metallurgy"};
  auto other = enterprises_->Create(As(Role::kAdmin, std::nullopt), second);
  ASSERT_TRUE(other.ok());
  // 3 points: the enterprise is told, and the station of its town is asked to raise the
  // frequency (the district bureau is not: that threshold is the station's).
  ASSERT_TRUE(service_->Record(district_, {furnace_, 3, "未按期报送台账", ""}).ok());
  notification::Service notifications(**database_, clock_);
  auto told = notifications.List(owner_, false, {1, 20});
  ASSERT_EQ(told->items.size(), 1u);
  EXPECT_EQ(told->items[0].kind, "score_event");
  EXPECT_EQ(told->items[0].created_at, FormatInstant(clock_.Now()));
  auto params = nlohmann::json::parse(told->items[0].params);
  EXPECT_EQ(params["points"], 3);
  EXPECT_EQ(params["total"], 3);
  EXPECT_EQ(params["reason"], "未按期报送台账");
  auto asked = notifications.List(station_, false, {1, 20});
  ASSERT_EQ(asked->items.size(), 1u);
  EXPECT_EQ(asked->items[0].kind, "score_threshold");
  EXPECT_EQ(asked->items[0].created_at, FormatInstant(clock_.Now()));
  EXPECT_EQ(nlohmann::json::parse(asked->items[0].params)["action"], "raise_frequency");
  EXPECT_EQ(notifications.List(district_, false, {1, 20})->total, 0);
  // The follow-ups of one unit.
  store::FollowupFilter mine;
  mine.unit_region_code = "990102001000";
  EXPECT_EQ(service_->Followups(district_, mine, {1, 20})->total, 1);
  mine.unit_region_code = "990102000000";
  EXPECT_EQ(service_->Followups(district_, mine, {1, 20})->total, 0);

  // On 10 September the station plans the next quarter: the second furnace once, the one with
  // points once a month; its raise-frequency follow-up is done.
  auto planned = service_->PlanQuarter(station_, "990102001000", "2026Q4", "zh-CN");
  ASSERT_TRUE(planned.ok()) << planned.error().code << " " << planned.error().field;
  EXPECT_EQ(planned->raised, 1);
  EXPECT_EQ(planned->followups_closed, 1);
  std::vector<std::string> made;
  for (const auto& m : planned->plans) {
    made.push_back(m.slot + " " + m.plan.name + " " + m.plan.starts_on + ".." + m.plan.due_on +
                   " " + std::to_string(m.plan.targets));
  }
  EXPECT_EQ(made,
            (std::vector<std::string>{"all 2026Q4 记分行业季度检查 2026-10-01..2026-12-31 1",
                                      "m1 2026Q4 加密检查（第1月） 2026-10-01..2026-10-31 1",
                                      "m2 2026Q4 加密检查（第2月） 2026-11-01..2026-11-30 1",
                                      "m3 2026Q4 加密检查（第3月） 2026-12-01..2026-12-31 1"}));
  plan::Service plans(**database_, clock_);
  auto monthly = plans.Get(station_, planned->plans[1].plan.id);
  ASSERT_TRUE(monthly.ok());
  ASSERT_EQ(monthly->targets.size(), 1u);
  EXPECT_EQ(monthly->targets[0].enterprise_id, furnace_);
  EXPECT_EQ(monthly->plan.kind, "town_routine");
  auto all = plans.Get(station_, planned->plans[0].plan.id);
  EXPECT_EQ(all->targets.at(0).enterprise_id, other->id);
  store::FollowupFilter open;
  open.status = "open";
  EXPECT_EQ(service_->Followups(station_, open, {1, 20})->total, 0);
  // The quarter's summary counts both as planned, and lists the town's plans.
  auto summary = service_->Quarter(district_, "", "2026Q4");
  ASSERT_TRUE(summary.ok());
  ASSERT_EQ(summary->towns.size(), 1u);
  EXPECT_EQ(summary->towns[0].figures.enterprises, 2);
  EXPECT_EQ(summary->towns[0].figures.planned, 2);
  EXPECT_EQ(summary->plans.size(), 4u);
  EXPECT_EQ(service_->Quarter(district_, "", "2026Q3")->towns.at(0).figures.planned, 0);

  // Once a quarter; this quarter or the next; a town of the station's; a station's.
  struct Refusal {
    Principal who;
    const char* region;
    const char* quarter;
    const char* code;
  };
  const Refusal refusals[] = {
      {station_, "990102001000", "2026Q4", "quarter_planned"},
      {station_, "990102001000", "2027Q1", "quarter_too_far"},
      {station_, "990102001000", "2026Q2", "quarter_over"},
      {station_, "990102001000", "2026Q5", "invalid_quarter"},
      {station_, "990102001201", "2026Q3", "not_a_town"},
      {station_, "990102002000", "2026Q3", "not_found"},
      {station_, "99010200100", "2026Q3", "invalid_region_code"},
      {station_, "", "2026Q3", "required"},
      {district_, "990102001000", "2026Q3", "forbidden"},
      {owner_, "990102001000", "2026Q3", "forbidden"},
  };
  for (const auto& r : refusals) {
    auto refused = service_->PlanQuarter(r.who, r.region, r.quarter, "zh-CN");
    ASSERT_FALSE(refused.ok()) << r.region << " " << r.quarter;
    EXPECT_EQ(refused.error().code, r.code) << r.region << " " << r.quarter;
  }
  // This quarter, begun: from today, without the months that are over, in English; the
  // enterprise with points (its follow-up already done) still goes monthly.
  auto now = service_->PlanQuarter(station_, "990102001000", "", "en");
  ASSERT_TRUE(now.ok()) << now.error().code;
  EXPECT_EQ(now->quarter.label, "2026Q3");
  EXPECT_EQ(now->followups_closed, 0);
  made.clear();
  for (const auto& m : now->plans) {
    made.push_back(m.slot + " " + m.plan.name + " " + m.plan.starts_on + ".." + m.plan.due_on);
  }
  EXPECT_EQ(made, (std::vector<std::string>{
                      "all 2026Q3 scored sectors, quarterly inspection 2026-09-10..2026-09-30",
                      "m3 2026Q3 raised frequency (month 3) 2026-09-10..2026-09-30"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, ScoringServiceTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace anjian::scoring
