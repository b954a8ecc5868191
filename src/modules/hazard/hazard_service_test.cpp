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

INSTANTIATE_TEST_SUITE_P(Backends, HazardServiceTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace anjian::hazard
