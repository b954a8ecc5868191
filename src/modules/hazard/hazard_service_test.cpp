// The closed loop against real databases: an inspection's findings become hazards once, the
// loop runs to verification with its timeline, notices are numbered per unit and year, and
// nothing of it is visible out of scope.
#include "modules/hazard/hazard_service.hpp"

#include <gtest/gtest.h>

#include "core/uscc.hpp"
#include "modules/checklist/checklist_service.hpp"
#include "modules/enterprise/enterprise_service.hpp"
#include "modules/identity/identity_service.hpp"
#include "modules/inspection/inspection_service.hpp"
#include "modules/region/region_service.hpp"
#include "testing/test_database.hpp"

namespace anjian::hazard {
namespace {

using testing::As;

class HazardServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    regions_ = std::make_unique<region::Service>(**database_, clock_);
    regions_->ImportAsSystem(testing::kTwoDistrictsCsv, "test");
    enterprises_ = std::make_unique<enterprise::Service>(**database_, clock_, *regions_);
    identity_ = std::make_unique<identity::Service>(**database_, clock_);
    checklists_ = std::make_unique<checklist::Service>(**database_, clock_);
    inspections_ = std::make_unique<inspection::Service>(**database_, clock_);
    service_ = std::make_unique<Service>(**database_, clock_);
    a_ = Company("91990102MA000001", "990102001201");
    b_ = Company("91990103MA000002", "990103001201");
    station_ = Account("station_a", Role::kStation, "990102001000");
    district_ = Account("district_a", Role::kBureau, "990102000000");
    other_district_ = Account("district_b", Role::kBureau, "990103000000");
    owner_ = Account("owner_a", Role::kEnterprise, std::nullopt, a_);
  }

  // After every test: the tallies the writes kept are those a rebuild from the hazards gives.
  void TearDown() override {
    db::Transaction tx(**database_, db::TransactionMode::kWrite);
    auto kept = Tallies(tx);
    store::RebuildTallies(tx);
    EXPECT_EQ(kept, Tallies(tx));
    EXPECT_FALSE(kept.empty()) << "every test here writes hazards";
  }
  static std::vector<std::string> Tallies(db::Transaction& tx) {
    std::vector<std::string> out;
    for (const auto& row : tx.Query("SELECT kind, day, area, n FROM hazard_tallies WHERE n <> 0 "
                                    "AND kind <> 'built' ORDER BY kind, day, area")) {
      out.push_back(row.Get<std::string>(0) + " " + row.Get<std::string>(1) + " " +
                    row.Get<std::string>(2) + " " + std::to_string(row.Get<int64_t>(3)));
    }
    return out;
  }
  store::Figures Figures(const Principal& who) {
    db::Transaction tx(**database_, db::TransactionMode::kRead);
    return store::CountFigures(tx, Scope::For(who).ForEnterprises(), "2026-01-01", "2026-12-31",
                               "2026-11-23");
  }
  int64_t Company(const std::string& first16, const std::string& village) {
    enterprise::Enterprise e;
    e.uscc = uscc::Complete(first16);
    e.name = "企业 " + first16;
    e.region_code = village;
    e.industry_code = "C33";
    return enterprises_->Create(As(Role::kAdmin, std::nullopt), e)->id;
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

  // The station inspects enterprise A with the grid-patrol list and finds `findings` problems.
  inspection::Detail Inspect(int findings) {
    auto listed = checklists_->List(station_, {.purpose = "patrol"}, std::nullopt, {1, 20});
    inspection::StartInput start;
    start.enterprise_id = a_;
    start.kind = "town_routine";
    start.checklist_id = listed->items.at(0).id;
    auto started = inspections_->Start(station_, start);
    EXPECT_TRUE(started.ok()) << started.error().code;
    inspection::Progress progress;
    progress.version = started->inspection.version;
    for (size_t i = 0; i < started->items.size(); ++i) {
      progress.results.push_back({started->items[i].id,
                                  static_cast<int>(i) < findings ? "finding" : "conforming",
                                  "第" + std::to_string(i) + "项", std::nullopt, std::nullopt});
    }
    auto saved = inspections_->Save(station_, started->inspection.id, progress);
    EXPECT_TRUE(saved.ok()) << saved.error().code;
    auto finished =
        inspections_->Finish(station_, started->inspection.id, saved->inspection.version);
    EXPECT_TRUE(finished.ok()) << finished.error().code;
    return *finished;
  }

  Result<Detail> Do(const Principal& who, int64_t id, Action action,
                    void (*fill)(TransitionInput&) = nullptr) {
    TransitionInput in;
    in.action = action;
    auto current = service_->Get(station_, id);
    in.version = current ? current->hazard.version : 0;
    if (fill != nullptr) fill(in);
    return service_->Act(who, id, in);
  }

  // 2026-11-23 at noon in China.
  ManualClock clock_{Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}} +
                     std::chrono::hours{4}};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<region::Service> regions_;
  std::unique_ptr<enterprise::Service> enterprises_;
  std::unique_ptr<identity::Service> identity_;
  std::unique_ptr<checklist::Service> checklists_;
  std::unique_ptr<inspection::Service> inspections_;
  std::unique_ptr<Service> service_;
  int64_t a_ = 0, b_ = 0;
  Principal station_, district_, other_district_, owner_;
};

TEST_P(HazardServiceTest, FindingsBecomeHazardsOnceAndTheLoopCloses) {
  auto inspection = Inspect(2);
  std::vector<int64_t> ids;
  for (const auto& r : inspection.inspection.results) {
    if (r.hazard_id) ids.push_back(*r.hazard_id);
  }
  ASSERT_EQ(ids.size(), 2u);
  // Finishing again neither works nor makes more hazards.
  auto again =
      inspections_->Finish(station_, inspection.inspection.id, inspection.inspection.version);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "inspection_finished");
  Filter of_inspection;
  of_inspection.inspection_id = inspection.inspection.id;
  EXPECT_EQ(service_->List(district_, of_inspection, {1, 20})->total, 2);

  int64_t id = ids[0];
  auto notified = Do(station_, id, Action::kNotify, [](TransitionInput& in) {
    in.deadline = "2026-11-30";
    in.responsible_person = "王五";
    in.measures = "清理通道";
  });
  ASSERT_TRUE(notified.ok()) << notified.error().code;
  EXPECT_EQ(notified->hazard.notice_number, "甲区甲街道安监整改〔2026〕001号");
  ASSERT_TRUE(Do(owner_, id, Action::kStart).ok());
  auto submit = [](TransitionInput& in) {
    in.method = "已清理";
    in.completed_on = "2026-11-23";
  };
  ASSERT_TRUE(Do(owner_, id, Action::kSubmit, submit).ok());
  ASSERT_TRUE(
      Do(station_, id, Action::kReject, [](TransitionInput& in) { in.reason = "未清完"; }).ok());
  ASSERT_TRUE(Do(owner_, id, Action::kResume).ok());
  // The deadline day passes at midnight China time; verified on the day after: late.
  clock_.Set(*ChinaDayStart("2026-12-01") + std::chrono::hours{1});
  ASSERT_TRUE(Do(owner_, id, Action::kSubmit, [](TransitionInput& in) {
                in.method = "已清理完毕";
                in.completed_on = "2026-12-01";
              }).ok());
  auto verified =
      Do(district_, id, Action::kVerify, [](TransitionInput& in) { in.result = "复查合格"; });
  ASSERT_TRUE(verified.ok()) << verified.error().code;
  EXPECT_EQ(verified->hazard.state, State::kVerified);
  std::vector<std::string> actions;
  for (const auto& e : verified->timeline) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"report", "notify", "start", "submit", "reject",
                                               "resume", "submit", "verify"}));
  auto json = ToJson(*verified);
  EXPECT_EQ(json["on_time"], false);
  EXPECT_EQ(json["overdue"], false);

  // The second finding: a second notice of the same unit and year takes the next number.
  auto second = Do(station_, ids[1], Action::kNotify, [](TransitionInput& in) {
    in.deadline = "2026-12-20";
    in.responsible_person = "王五";
    in.measures = "更换";
  });
  ASSERT_TRUE(second.ok()) << second.error().code;
  EXPECT_EQ(second->hazard.notice_number, "甲区甲街道安监整改〔2026〕002号");
}

TEST_P(HazardServiceTest, RefusedActionsChangeNothing) {
  auto inspection = Inspect(1);
  int64_t id = *inspection.inspection.results.at(0).hazard_id;
  auto before = service_->Get(station_, id);
  struct Case {
    const char* name;
    Principal who;
    Action action;
    const char* code;
  };
  const Case cases[] = {
      {"the enterprise cannot start what was never notified", owner_, Action::kStart,
       "illegal_transition"},
      {"the enterprise cannot notify itself", owner_, Action::kNotify, "hazard_action_forbidden"},
      {"another district does not see it", other_district_, Action::kCancel, "not_found"},
      {"the station may not verify a reported hazard", station_, Action::kVerify,
       "illegal_transition"},
  };
  for (const auto& c : cases) {
    auto done = Do(c.who, id, c.action, [](TransitionInput& in) {
      in.deadline = "2026-12-01";
      in.responsible_person = "王五";
      in.measures = "清理";
      in.result = "合格";
      in.reason = "误报";
    });
    ASSERT_FALSE(done.ok()) << c.name;
    EXPECT_EQ(done.error().code, c.code) << c.name;
  }
  auto stale = Do(station_, id, Action::kCancel, [](TransitionInput& in) {
    in.reason = "误报";
    in.version = 99;
  });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "stale_version");
  auto after = service_->Get(station_, id);
  EXPECT_EQ(after->hazard.version, before->hazard.version);
  EXPECT_EQ(after->hazard.state, State::kReported);
  EXPECT_EQ(after->timeline.size(), 1u);
  EXPECT_EQ(service_->List(other_district_, {}, {1, 20})->total, 0);
  EXPECT_FALSE(inspections_->Get(other_district_, inspection.inspection.id).ok());
}

TEST_P(HazardServiceTest, MajorHazardsAreListedUntilVerified) {
  Hazard input;
  input.enterprise_id = a_;
  input.description = "涉爆粉尘作业场所未设置泄爆装置";
  input.level = "major";
  auto created = service_->Create(station_, input, {});
  ASSERT_TRUE(created.ok()) << created.error().code;
  int64_t id = created->hazard.id;
  Filter listed;
  listed.listed = true;
  EXPECT_EQ(service_->List(district_, listed, {1, 20})->total, 1);
  ASSERT_TRUE(Do(station_, id, Action::kNotify, [](TransitionInput& in) {
                in.deadline = "2026-12-23";
                in.responsible_person = "王五";
                in.measures = "加装泄爆装置";
              }).ok());
  ASSERT_TRUE(Do(owner_, id, Action::kStart).ok());
  EXPECT_EQ(service_->List(district_, listed, {1, 20})->total, 1);
  ASSERT_TRUE(Do(owner_, id, Action::kSubmit, [](TransitionInput& in) {
                in.method = "已加装";
                in.completed_on = "2026-11-23";
              }).ok());
  ASSERT_TRUE(
      Do(station_, id, Action::kVerify, [](TransitionInput& in) { in.result = "合格"; }).ok());
  EXPECT_EQ(service_->List(district_, listed, {1, 20})->total, 0);
  auto verified = service_->Get(owner_, id);
  EXPECT_TRUE(verified->hazard.delisted_at.has_value());
}

TEST_P(HazardServiceTest, OneNoticeForSeveralHazardsOfOneEnterprise) {
  auto inspection = Inspect(3);
  std::vector<int64_t> ids;
  for (const auto& r : inspection.inspection.results) {
    if (r.hazard_id) ids.push_back(*r.hazard_id);
  }
  NoticeInput input{ids, "2026-12-10", "王五", "逐项整改"};
  auto notice = service_->IssueNotice(station_, input);
  ASSERT_TRUE(notice.ok()) << notice.error().code;
  EXPECT_EQ(notice->hazards.size(), 3u);
  for (const auto& h : notice->hazards) EXPECT_EQ(h.state, State::kNotified);
  EXPECT_EQ(service_->GetNotice(owner_, notice->notice.id)->hazards.size(), 3u);
  EXPECT_FALSE(service_->GetNotice(other_district_, notice->notice.id).ok());
  // Issued again: they are no longer reported, and nothing changes.
  auto again = service_->IssueNotice(station_, input);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "illegal_transition");
}

// The dashboard counts a hazard in its enterprise's town: an enterprise that moves to another
// district takes its hazards' counts along, and a refused move leaves them where they were.
TEST_P(HazardServiceTest, TheDashboardFollowsAnEnterpriseThatMoves) {
  Inspect(2);
  auto notified = Do(station_, service_->List(station_, {}, {1, 20})->items.at(0).id,
                     Action::kNotify, [](TransitionInput& in) {
                       in.deadline = "2026-11-30";
                       in.responsible_person = "王五";
                       in.measures = "清理";
                     });
  ASSERT_TRUE(notified.ok()) << notified.error().code;
  EXPECT_EQ(Figures(district_).found, 2);
  EXPECT_EQ(Figures(district_).open, 2);
  EXPECT_EQ(Figures(other_district_).found, 0);

  auto admin = As(Role::kAdmin, std::nullopt);
  auto current = enterprises_->Get(admin, a_);
  enterprise::Changes stale;
  stale.version = current->version + 1;
  stale.region_code = "990103001201";
  EXPECT_FALSE(enterprises_->Update(admin, a_, stale).ok());
  EXPECT_EQ(Figures(district_).found, 2);

  // Within its town, to another village: the first village's figures empty.
  ASSERT_EQ(regions_->ImportAsSystem("code,name\n990102001202,丙村\n", "test").created, 1);
  enterprise::Changes nearby;
  nearby.version = current->version;
  nearby.region_code = "990102001202";
  ASSERT_TRUE(enterprises_->Update(admin, a_, nearby).ok());
  EXPECT_EQ(Figures(district_).found, 2);
  {
    db::Transaction tx(**database_, db::TransactionMode::kRead);
    auto village = Scope::For(district_).ForEnterprises().Within("990102001201");
    EXPECT_EQ(store::CountFigures(tx, village, "2026-01-01", "2026-12-31", "2026-11-23").found, 0);
  }

  enterprise::Changes move;
  move.version = current->version + 1;
  move.region_code = "990103001201";
  ASSERT_TRUE(enterprises_->Update(admin, a_, move).ok());
  EXPECT_EQ(Figures(district_).found, 0);
  auto moved = Figures(other_district_);
  EXPECT_EQ(moved.found, 2);
  EXPECT_EQ(moved.open, 2);
  EXPECT_EQ(moved.due, 0);
}

// The dashboard sums a town (or wider) from the town tallies, a village from the village tallies,
// and counts an enterprise's from its hazards: over hazards with every kind of history, all three
// give the same figures for every period, and the figures are the ones the histories make.
TEST_P(HazardServiceTest, TalliedFiguresEqualCountedOnes) {
  struct Story {
    int64_t enterprise;
    const char* found;
    const char* deadline;  // notified with it, or nullptr
    const char* verified;  // submitted and verified that day, or nullptr
    const char* ending;    // "cancel", "fix", "major" or ""
  };
  const Story stories[] = {
      {a_, "2025-12-31", "2026-01-02", "2026-01-02", ""},  // on time, across the year
      {a_, "2026-01-10", "2026-01-31", "2026-01-20", ""},  // on time
      {a_, "2026-02-15", "2026-03-01", "2026-03-05", ""},  // late
      {a_, "2026-03-31", "2026-04-30", nullptr, ""},       // overdue since April
      {a_, "2026-05-01", nullptr, nullptr, ""},            // reported
      {a_, "2026-06-15", nullptr, nullptr, "cancel"},
      {a_, "2026-07-01", "2026-12-31", nullptr, "major"},  // listed, not yet due
      {a_, "2026-08-31", nullptr, nullptr, "fix"},         // fixed on the spot
      {a_, "2026-09-30", "2026-10-15", "2026-10-16", ""},  // late, a day
      {a_, "2026-11-01", "2026-11-22", nullptr, ""},       // overdue since today
      {a_, "2026-11-20", "2026-11-23", nullptr, ""},       // due today, not overdue
      {b_, "2026-04-04", "2026-04-10", nullptr, ""},       // the other district's
  };
  auto noon = [](const char* day) { return *ChinaDayStart(day) + std::chrono::hours{12}; };
  for (const auto& story : stories) {
    clock_.Set(noon(story.found));
    Hazard input;
    input.enterprise_id = story.enterprise;
    input.description = std::string("隐患 ") + story.found;
    if (std::string_view(story.ending) == "major") input.level = "major";
    const auto& finder = story.enterprise == a_ ? station_ : other_district_;
    auto created = service_->Create(finder, input, {});
    ASSERT_TRUE(created.ok()) << story.found << created.error().code;
    int64_t id = created->hazard.id;
    // Each action takes its own fields only.
    auto act = [&](const Principal& who, Action action) {
      return Do(who, id, action, [](TransitionInput& in) {
        if (in.action == Action::kCancel) in.reason = "误报";
        if (in.action == Action::kFixOnSpot) in.method = "已整改";
        if (in.action == Action::kVerify) in.result = "合格";
      });
    };
    if (std::string_view(story.ending) == "cancel") {
      ASSERT_TRUE(act(finder, Action::kCancel).ok()) << story.found;
    } else if (std::string_view(story.ending) == "fix") {
      ASSERT_TRUE(act(finder, Action::kFixOnSpot).ok()) << story.found;
    }
    if (story.deadline == nullptr) continue;
    TransitionInput notify;
    notify.action = Action::kNotify;
    notify.version = created->hazard.version;
    notify.deadline = story.deadline;
    notify.responsible_person = "王五";
    notify.measures = "整改";
    auto notified = service_->Act(finder, id, notify);
    ASSERT_TRUE(notified.ok()) << story.found << notified.error().code;
    if (story.enterprise == a_) {
      ASSERT_TRUE(Do(owner_, id, Action::kStart).ok()) << story.found;
    }
    if (story.verified == nullptr) continue;
    clock_.Set(noon(story.verified));
    TransitionInput submit;
    submit.action = Action::kSubmit;
    submit.version = service_->Get(station_, id)->hazard.version;
    submit.method = "已整改";
    submit.completed_on = story.verified;
    ASSERT_TRUE(service_->Act(owner_, id, submit).ok()) << story.found;
    ASSERT_TRUE(act(station_, Action::kVerify).ok()) << story.found;
  }
  clock_.Set(noon("2026-11-23"));

  auto district = Scope::For(district_).ForEnterprises();
  auto town = district.Within("990102001000");     // the town tallies
  auto village = district.Within("990102001201");  // the village tallies
  auto own = Scope::For(owner_).ForEnterprises();  // counted from the hazards
  const std::pair<const char*, const char*> periods[] = {
      {"2026-01-01", "2026-11-23"}, {"2026-01-15", "2026-10-20"}, {"2025-12-01", "2026-01-31"},
      {"2026-11-22", "2026-11-22"}, {"2026-03-01", "2026-03-31"}, {"2024-01-01", "2024-12-31"},
      {"2025-11-24", "2026-11-23"},
  };
  db::Transaction tx(**database_, db::TransactionMode::kRead);
  for (const auto& period : periods) {
    const char* from = period.first;
    const char* to = period.second;
    auto figures = [&](const store::Bounds& scope) {
      auto f = store::CountFigures(tx, scope, from, to, "2026-11-23");
      return std::vector<int64_t>{f.found, f.verified, f.due,   f.on_time,
                                  f.open,  f.overdue,  f.listed};
    };
    EXPECT_EQ(figures(town), figures(own)) << from << " … " << to;
    EXPECT_EQ(figures(village), figures(own)) << from << " … " << to;
    auto months = [&](const store::Bounds& scope) {
      std::vector<std::string> out;
      for (const auto& m : store::CountByMonth(tx, scope, from, to)) {
        out.push_back(m.month + " " + std::to_string(m.found) + " " + std::to_string(m.verified));
      }
      return out;
    };
    EXPECT_EQ(months(town), months(own)) << from << " … " << to;
    EXPECT_EQ(months(village), months(own)) << from << " … " << to;
    auto regions = [&](const store::Bounds& scope, int64_t length) {
      std::vector<std::string> out;
      for (const auto& r : store::CountByRegion(tx, scope, length, from, to, "2026-11-23")) {
        out.push_back(r.prefix + " " + std::to_string(r.found) + " " + std::to_string(r.open) +
                      " " + std::to_string(r.overdue));
      }
      return out;
    };
    EXPECT_EQ(regions(district, 9), regions(own, 9)) << from << " … " << to;
    EXPECT_EQ(regions(town, 12), regions(own, 12)) << from << " … " << to;
  }
  EXPECT_EQ(store::CountByState(tx, town), store::CountByState(tx, own));
  // The list's totals: the filters the tallies hold, and two they do not.
  const Filter filters[] = {
      {},
      {.state = "open"},
      {.state = "rectifying"},
      {.state = "verified"},
      {.overdue = true},
      {.state = "open", .overdue = true},
      {.listed = true},
      {.state = "rectifying", .overdue = true},
      {.level = "major"},
  };
  for (const auto& filter : filters) {
    auto counted = store::Count(tx, filter, own, "2026-11-23");
    EXPECT_EQ(store::Count(tx, filter, town, "2026-11-23"), counted) << filter.state;
    EXPECT_EQ(store::Count(tx, filter, village, "2026-11-23"), counted) << filter.state;
    EXPECT_EQ(store::Count(tx, filter, district, "2026-11-23"), counted) << filter.state;
  }
  EXPECT_EQ(store::Count(tx, {.state = "open", .overdue = true}, town, "2026-11-23"), 2);
  EXPECT_EQ(store::CountByState(tx, village), store::CountByState(tx, own));
  // 1 January to today: found 10 (not 2025's, not the other district's); verified 5; due 7
  // (deadline passed or verified: not today's, not December's; the fix on the spot has its day
  // as deadline); on time 3; open 5; overdue 2; listed 1.
  auto year = store::CountFigures(tx, town, "2026-01-01", "2026-11-23", "2026-11-23");
  EXPECT_EQ((std::vector<int64_t>{year.found, year.verified, year.due, year.on_time, year.open,
                                  year.overdue, year.listed}),
            (std::vector<int64_t>{10, 5, 7, 3, 5, 2, 1}));
  auto whole = store::CountFigures(tx, Scope::For(As(Role::kAdmin, std::nullopt)).ForEnterprises(),
                                   "2026-01-01", "2026-11-23", "2026-11-23");
  EXPECT_EQ(whole.found, 11);
  EXPECT_EQ(whole.overdue, 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, HazardServiceTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace anjian::hazard
