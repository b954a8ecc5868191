// The watchlist against real databases: an enterprise moves up the ladder one step at a time, a
// region and a department below the bureau, interviews, lifting, and who reads which ladder.
#include "modules/watchlist/watchlist_service.hpp"

#include <gtest/gtest.h>

#include "core/uscc.hpp"
#include "modules/enterprise/enterprise_service.hpp"
#include "modules/region/region_service.hpp"
#include "testing/test_database.hpp"

namespace anjian::watchlist {
namespace {

using testing::As;

class WatchlistServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    regions_ = std::make_unique<region::Service>(**database_, clock_);
    regions_->ImportAsSystem(testing::kTwoDistrictsCsv, "test");
    enterprises_ = std::make_unique<enterprise::Service>(**database_, clock_, *regions_);
    service_ = std::make_unique<Service>(**database_, clock_);
    enterprise::Enterprise e;
    e.uscc = uscc::Complete("91990102MA000001");
    e.name = "甲机械厂";
    e.region_code = "990102001201";
    e.industry_code = "C34";
    factory_ = enterprises_->Create(As(Role::kAdmin, std::nullopt), e)->id;
  }
  EntryInput Enterprise(const char* level, const char* skip = "") {
    EntryInput in;
    in.subject_kind = "enterprise";
    in.enterprise_id = factory_;
    in.level = level;
    in.reason = "连续两次检查发现重大隐患";
    in.skip_reason = skip;
    return in;
  }

  ManualClock clock_{*ParseInstant("2026-11-20T02:00:00Z")};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<region::Service> regions_;
  std::unique_ptr<enterprise::Service> enterprises_;
  std::unique_ptr<Service> service_;
  int64_t factory_ = 0;
  Principal district_ = As(Role::kBureau, "990102000000");
  Principal other_ = As(Role::kBureau, "990103000000");
  Principal station_ = As(Role::kStation, "990102001000");
};

TEST_P(WatchlistServiceTest, AnEnterpriseClimbsTheLadderStepByStep) {
  EXPECT_EQ(service_->Add(district_, Enterprise("yellow_card")).error().code,
            "skip_reason_required");
  auto first = service_->Add(district_, Enterprise("attention"));
  ASSERT_TRUE(first.ok()) << first.error().code;
  EXPECT_EQ(first->entry.subject_name, "甲机械厂");
  EXPECT_EQ(first->entry.status, "active");
  EXPECT_EQ(service_->Add(district_, Enterprise("attention")).error().code, "not_an_escalation");
  EXPECT_EQ(service_->Add(station_, Enterprise("yellow_card")).error().code, "forbidden");
  EXPECT_EQ(service_->Add(other_, Enterprise("yellow_card")).error().code, "enterprise_not_found");
  Interview talk{"2026-11-20", "区应急局 李明；企业负责人 王强", "通报重大隐患整改情况",
                 "15 日内完成整改", "2026-12-05"};
  ASSERT_TRUE(service_->AddInterview(district_, first->entry.id, talk).ok());
  auto second = service_->Add(district_, Enterprise("yellow_card"));
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->ladder.size(), 2u);
  EXPECT_EQ(second->ladder[0].status, "escalated");
  EXPECT_EQ(second->ladder[1].level, "yellow_card");
  EXPECT_EQ(second->interviews.size(), 1u);
  // The escalated step takes no interview; the ladder is read by the station and the enterprise.
  EXPECT_EQ(service_->AddInterview(district_, first->entry.id, talk).error().code,
            "watch_not_active");
  auto owner = As(Role::kEnterprise, std::nullopt, factory_);
  EntryInput own;
  own.subject_kind = "enterprise";
  own.enterprise_id = factory_;
  auto ladder = service_->Subject(owner, own);
  ASSERT_TRUE(ladder.ok()) << ladder.error().code;
  EXPECT_EQ(ladder->ladder.size(), 2u);
  EXPECT_EQ(service_->Subject(other_, own).error().code, "not_found");
  EXPECT_EQ(service_->List(station_, {}, {1, 20})->total, 2);
  EXPECT_EQ(service_->List(other_, {}, {1, 20})->total, 0);
  store::Filter active;
  active.status = "active";
  EXPECT_EQ(service_->List(district_, active, {1, 20})->total, 1);
  // Lifted, it starts again from key attention.
  auto lifted = service_->Lift(district_, second->entry.id, second->entry.version, "整改完成");
  ASSERT_TRUE(lifted.ok());
  EXPECT_EQ(lifted->entry.status, "lifted");
  EXPECT_EQ(service_->Add(district_, Enterprise("veto")).error().code, "skip_reason_required");
  EXPECT_TRUE(service_->Add(district_, Enterprise("attention")).ok());
}

TEST_P(WatchlistServiceTest, RegionsAndDepartmentsBelowTheBureau) {
  EntryInput town;
  town.subject_kind = "region";
  town.region_code = "990102001000";
  town.level = "attention";
  town.reason = "辖区连续发生生产安全事故";
  auto watched = service_->Add(district_, town);
  ASSERT_TRUE(watched.ok()) << watched.error().code;
  EXPECT_EQ(watched->entry.subject_name, "甲街道");
  EntryInput itself = town;
  itself.region_code = "990102000000";
  EXPECT_EQ(service_->Add(district_, itself).error().code, "own_region");
  EXPECT_EQ(service_->Add(other_, town).error().code, "region_not_found");
  auto city = As(Role::kBureau, "990100000000");
  EXPECT_TRUE(service_->Add(city, itself).ok());
  EntryInput department;
  department.subject_kind = "department";
  department.region_code = "990102000000";
  department.department = "住房和城乡建设局";
  department.level = "attention";
  department.reason = "建筑施工领域监管责任落实不到位";
  auto dept = service_->Add(city, department);
  ASSERT_TRUE(dept.ok()) << dept.error().code;
  EXPECT_EQ(dept->entry.subject_name, "甲区住房和城乡建设局");
  // The district reads its own ladder, placed by the city.
  auto own = service_->Subject(district_, itself);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->ladder.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, WatchlistServiceTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace anjian::watchlist
