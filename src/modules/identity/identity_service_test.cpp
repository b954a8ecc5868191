// The identity use cases against real databases, with a clock the test moves.
#include "modules/identity/identity_service.hpp"

#include <gtest/gtest.h>

#include "modules/audit/audit_service.hpp"
#include "modules/region/region_service.hpp"
#include "testing/test_database.hpp"

namespace anjian::identity {
namespace {

class IdentityServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    region::Service regions(**database_, clock_);
    auto report = regions.ImportAsSystem(testing::kTwoDistrictsCsv, "test");
    ASSERT_EQ(report.created, testing::kTwoDistrictsRegions);
    service_ = std::make_unique<Service>(
        **database_, clock_,
        SessionPolicy{std::chrono::minutes{30}, std::chrono::hours{8}, std::chrono::seconds{60}},
        ThrottlePolicy{3, 10, std::chrono::minutes{15}});
    admin_ = Make("root1", "admin", std::nullopt);
    officer_ = Make("officer", "bureau", "990102000000");
  }

  Principal Make(const std::string& username, const std::string& role,
                 const std::optional<std::string>& region) {
    auto user = service_->AddUser({username, username, "Secret123", role, region, std::nullopt});
    EXPECT_TRUE(user.ok()) << username;
    return {user->id,   user->username,    user->name,
            user->role, user->region_code, user->enterprise_id};
  }

  ManualClock clock_{Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}}};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<Service> service_;
  Principal admin_, officer_;
};

TEST_P(IdentityServiceTest, LoginResolveAndExpire) {
  auto login = service_->Login("officer", "Secret123", "127.0.0.1");
  ASSERT_TRUE(login.ok());
  auto session = service_->Resolve(login->token, "127.0.0.1");
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->principal.username, "officer");
  EXPECT_EQ(session->csrf_token, login->csrf_token);

  clock_.Advance(std::chrono::minutes{29});
  EXPECT_TRUE(service_->Resolve(login->token, "").ok()) << "used within the idle limit";
  clock_.Advance(std::chrono::minutes{29});
  EXPECT_TRUE(service_->Resolve(login->token, "").ok()) << "the last use restarted the idle time";
  clock_.Advance(std::chrono::minutes{31});
  auto expired = service_->Resolve(login->token, "");
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, "session_expired");
  EXPECT_EQ(service_->Resolve(login->token, "").error().code, "unauthenticated") << "deleted";
}

TEST_P(IdentityServiceTest, SameAnswerForUnknownUserAndWrongPasswordThenThrottle) {
  auto unknown = service_->Login("nobody", "Secret123", "10.0.0.1");
  auto wrong = service_->Login("officer", "Wrong1234", "10.0.0.1");
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(unknown.error().code, wrong.error().code);
  EXPECT_EQ(unknown.error().kind, ErrorKind::kUnauthenticated);
  EXPECT_FALSE(service_->Login("officer", "Wrong1234", "10.0.0.1").ok());
  EXPECT_FALSE(service_->Login("officer", "Wrong1234", "10.0.0.1").ok());
  auto throttled = service_->Login("officer", "Secret123", "10.0.0.1");
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().kind, ErrorKind::kTooManyRequests);
  clock_.Advance(std::chrono::minutes{15});
  EXPECT_TRUE(service_->Login("officer", "Secret123", "10.0.0.1").ok());
}

TEST_P(IdentityServiceTest, OfficerManagesOnlyLowerRolesInsideItsDistrict) {
  struct Case {
    const char* name;
    const char* role;
    const char* region;
    const char* error;
  };
  const Case cases[] = {
      {"station in own district", "station", "990102001000", ""},
      {"grid in own district", "grid", "990102000000", ""},
      {"another bureau officer", "bureau", "990102000000", "role_not_assignable"},
      {"an administrator", "admin", nullptr, "role_not_assignable"},
      {"station in other district", "station", "990103000000", "region_not_found"},
      {"region that does not exist", "station", "990102009000", "region_not_found"},
  };
  int n = 0;
  for (const auto& c : cases) {
    NewUser input{"made" + std::to_string(n++),
                  "x",
                  "Secret123",
                  c.role,
                  c.region ? std::optional<std::string>(c.region) : std::nullopt,
                  std::nullopt};
    auto created = service_->Create(officer_, input);
    EXPECT_EQ(created.ok() ? std::string() : created.error().code, c.error) << c.name;
  }
  auto listing = service_->List(officer_, {}, {1, 50});
  ASSERT_TRUE(listing.ok());
  for (const auto& u : listing->items) {
    ASSERT_TRUE(u.region_code.has_value()) << u.username;
    EXPECT_TRUE(u.region_code->starts_with("990102")) << u.username;
  }
  EXPECT_EQ(service_->Get(officer_, admin_.user_id).error().code, "not_found");
}

TEST_P(IdentityServiceTest, UpdateChecksVersionAndDisablingEndsSessions) {
  auto station = Make("station", "station", "990102001000");
  auto login = service_->Login("station", "Secret123", "");
  ASSERT_TRUE(login.ok());
  UserChanges rename;
  rename.version = 1;
  rename.name = "新名字";
  auto renamed = service_->Update(officer_, station.user_id, rename);
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->version, 2);
  auto stale = service_->Update(officer_, station.user_id, rename);
  EXPECT_EQ(stale.error().code, "stale_version");

  UserChanges disable;
  disable.version = 2;
  disable.disabled = true;
  ASSERT_TRUE(service_->Update(officer_, station.user_id, disable).ok());
  EXPECT_FALSE(service_->Resolve(login->token, "").ok());
  EXPECT_EQ(service_->Login("station", "Secret123", "").error().code, "account_disabled");

  UserChanges self;
  self.version = 1;
  self.disabled = true;
  EXPECT_EQ(service_->Update(admin_, admin_.user_id, self).error().code, "cannot_disable_self");
}

TEST_P(IdentityServiceTest, EveryWriteIsAuditedAndTheChainHolds) {
  auto login = service_->Login("officer", "Secret123", "");
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(service_->ChangeOwnPassword(officer_, login->token, "Secret123", "Better456").ok());
  EXPECT_TRUE(service_->Resolve(login->token, "").ok()) << "the current session stays";
  ASSERT_TRUE(service_->Logout(officer_, login->token).ok());
  audit::Service audit(**database_);
  auto entries = audit.List(admin_, {}, {1, 100});
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> actions;
  for (const auto& e : entries->items) actions.push_back(e.entity + "." + e.action);
  // Newest first: logout, password change, login, two accounts, the region import.
  std::vector<std::string> expected = {"session.logout", "user.change_password", "session.login",
                                       "user.create",    "user.create",          "region.import"};
  EXPECT_EQ(actions, expected);
  EXPECT_TRUE(audit.Verify().ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentityServiceTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace anjian::identity
