// Key people against real databases: who may write them, one principal, the expiry list's window.
#include "modules/people/people_service.hpp"

#include <gtest/gtest.h>

#include "core/uscc.hpp"
#include "modules/enterprise/enterprise_service.hpp"
#include "modules/region/region_service.hpp"
#include "testing/test_database.hpp"

namespace anjian::people {
namespace {

using testing::As;

class PeopleServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    regions_ = std::make_unique<region::Service>(**database_, clock_);
    regions_->ImportAsSystem(testing::kTwoDistrictsCsv, "test");
    enterprises_ = std::make_unique<enterprise::Service>(**database_, clock_, *regions_);
    service_ = std::make_unique<Service>(**database_, clock_);
    a_ = Company("91990102MA000001", "990102001201");
    b_ = Company("91990103MA000002", "990103001201");
  }

  int64_t Company(const std::string& first16, const std::string& village) {
    enterprise::Enterprise e;
    e.uscc = uscc::Complete(first16);
    e.name = "企业 " + first16;
    e.region_code = village;
    e.industry_code = "C33";
    return enterprises_->Create(As(Role::kAdmin, std::nullopt), e)->id;
  }

  static Person Manager(const std::string& name, const std::optional<std::string>& expiry) {
    Person p;
    p.role = "safety_manager";
    p.name = name;
    p.phone = "13800138000";
    if (expiry) {
      p.certificate_number = "JC-" + name;
      p.certificate_kind = "manager_training";
      p.certificate_expiry = expiry;
    }
    return p;
  }

  // 2026-11-23 at noon in China.
  ManualClock clock_{Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}} +
                     std::chrono::hours{4}};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<region::Service> regions_;
  std::unique_ptr<enterprise::Service> enterprises_;
  std::unique_ptr<Service> service_;
  int64_t a_ = 0, b_ = 0;
  Principal district_a_ = As(Role::kBureau, "990102000000");
};

TEST_P(PeopleServiceTest, WhoMayWriteAnEnterprisesPeople) {
  struct Case {
    const char* name;
    Principal who;
    int64_t enterprise;
    ErrorKind refused;  // kInternal stands for "allowed"
  };
  const Case cases[] = {
      {"district officer, own district", district_a_, a_, ErrorKind::kInternal},
      {"enterprise itself", As(Role::kEnterprise, std::nullopt, a_), a_, ErrorKind::kInternal},
      {"district officer, other district", district_a_, b_, ErrorKind::kNotFound},
      {"another enterprise", As(Role::kEnterprise, std::nullopt, b_), a_, ErrorKind::kNotFound},
      {"grid worker reads only", As(Role::kGrid, "990102001000"), a_, ErrorKind::kForbidden},
      {"expert", As(Role::kExpert, std::nullopt), a_, ErrorKind::kForbidden},
  };
  int n = 0;
  for (const auto& c : cases) {
    auto created = service_->Create(c.who, c.enterprise, Manager("人" + std::to_string(n++), {}));
    if (c.refused == ErrorKind::kInternal) {
      EXPECT_TRUE(created.ok()) << c.name << ": " << created.error().code;
    } else {
      ASSERT_FALSE(created.ok()) << c.name;
      EXPECT_EQ(created.error().kind, c.refused) << c.name;
    }
  }
  EXPECT_EQ(service_->List(district_a_, a_)->size(), 2u);
  EXPECT_EQ(service_->List(district_a_, b_).error().kind, ErrorKind::kNotFound);
}

TEST_P(PeopleServiceTest, OnePrincipalAndVersionedEdits) {
  Person principal = Manager("王伟", "2027-06-30");
  principal.role = "principal";
  principal.certificate_kind = "principal_training";
  auto first = service_->Create(district_a_, a_, principal);
  ASSERT_TRUE(first.ok()) << first.error().code;
  principal.name = "李强";
  auto second = service_->Create(district_a_, a_, principal);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "person_role_taken");
  EXPECT_EQ(service_->List(district_a_, a_)->size(), 1u);
  // A principal of another enterprise is no conflict.
  EXPECT_TRUE(service_->Create(As(Role::kAdmin, std::nullopt), b_, principal).ok());

  Changes changes;
  changes.version = first->version;
  changes.phone = "0591-87654321";
  auto updated = service_->Update(district_a_, a_, first->id, changes);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->version, first->version + 1);
  EXPECT_EQ(service_->Update(district_a_, a_, first->id, changes).error().code, "stale_version");
  // The record belongs to enterprise a: addressed under b it does not exist.
  changes.version = updated->version;
  EXPECT_EQ(service_->Update(As(Role::kAdmin, std::nullopt), b_, first->id, changes).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(service_->Delete(district_a_, a_, first->id, first->version).error().code,
            "stale_version");
  EXPECT_TRUE(service_->Delete(district_a_, a_, first->id, updated->version).ok());
  EXPECT_TRUE(service_->List(district_a_, a_)->empty());
}

TEST_P(PeopleServiceTest, ExpiryListWindowAndScope) {
  // Today is 2026-11-23 (China time): 30 days reach 2026-12-23.
  const std::pair<const char*, const char*> certificates[] = {{"昨天到期", "2026-11-22"},
                                                              {"今天到期", "2026-11-23"},
                                                              {"三十天", "2026-12-23"},
                                                              {"三十一天", "2026-12-24"},
                                                              {"无证", nullptr}};
  for (const auto& [name, expiry] : certificates) {
    auto made = service_->Create(
        district_a_, a_, Manager(name, expiry ? std::optional<std::string>(expiry) : std::nullopt));
    ASSERT_TRUE(made.ok()) << name;
  }
  ASSERT_TRUE(
      service_->Create(As(Role::kAdmin, std::nullopt), b_, Manager("乙", "2026-12-01")).ok());

  auto names = [](const ExpiringListing& listing) {
    std::vector<std::string> out;
    for (const auto& e : listing.items) out.push_back(e.person.name);
    return out;
  };
  auto expiring = service_->Expiring(district_a_, {}, {1, 20});
  ASSERT_TRUE(expiring.ok());
  EXPECT_EQ(expiring->today, "2026-11-23");
  EXPECT_EQ(names(*expiring), (std::vector<std::string>{"今天到期", "三十天"}));
  EXPECT_EQ(expiring->total, 2);
  ExpiringFilter expired;
  expired.expired = true;
  EXPECT_EQ(names(*service_->Expiring(district_a_, expired, {1, 20})),
            (std::vector<std::string>{"昨天到期"}));
  EXPECT_EQ(service_->Expiring(As(Role::kAdmin, std::nullopt), {}, {1, 20})->total, 3);
  ExpiringFilter other_district;
  other_district.region_code = "990103000000";
  EXPECT_EQ(service_->Expiring(district_a_, other_district, {1, 20})->total, 0);
  ExpiringFilter wide;
  wide.within_days = 367;
  EXPECT_EQ(service_->Expiring(district_a_, wide, {1, 20}).error().code, "invalid_within_days");
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleServiceTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace anjian::people
