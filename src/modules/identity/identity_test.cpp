#include "modules/identity/identity.hpp"

#include <gtest/gtest.h>

namespace anjian::identity {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(IdentityRulesTest, Usernames) {
  struct Case {
    const char* username;
    bool ok;
  };
  const Case cases[] = {{"admin", true},
                        {"district1", true},
                        {"grid1_1_1", true},
                        {"a.b-c", true},
                        {"ab", false},
                        {"1abc", false},
                        {"Admin", false},
                        {"ad min", false},
                        {"张三", false},
                        {"", false},
                        {"abcdefghijabcdefghijabcdefghijab", true},
                        {"abcdefghijabcdefghijabcdefghijabc", false}};
  for (const auto& c : cases) EXPECT_EQ(ValidateUsername(c.username).ok(), c.ok) << c.username;
}

TEST(IdentityRulesTest, Passwords) {
  struct Case {
    const char* password;
    bool ok;
  };
  const Case cases[] = {{"Demo@2026", true},      {"abcd1234", true},  {"abc1234", false},
                        {"abcdefgh", false},      {"12345678", false}, {"密码密码密码12", false},
                        {"密码密码密码a1", true}, {"", false}};
  for (const auto& c : cases) EXPECT_EQ(ValidatePassword(c.password).ok(), c.ok) << c.password;
}

TEST(IdentityRulesTest, Names) {
  EXPECT_TRUE(ValidateName("王伟").ok());
  EXPECT_FALSE(ValidateName("").ok());
  EXPECT_FALSE(ValidateName("   ").ok());
  std::string sixty_four;
  for (int i = 0; i < 64; ++i) sixty_four += "安";
  EXPECT_TRUE(ValidateName(sixty_four).ok());
  EXPECT_FALSE(ValidateName(sixty_four + "安").ok());
}

TEST(IdentityRulesTest, RoleRegionAndEnterpriseTogether) {
  struct Case {
    const char* role;
    std::optional<std::string> region;
    std::optional<int64_t> enterprise;
    const char* error;  // "" for valid
  };
  const Case cases[] = {
      {"admin", std::nullopt, std::nullopt, ""},
      {"expert", std::nullopt, std::nullopt, ""},
      {"bureau", "990102000000", std::nullopt, ""},
      {"bureau", std::nullopt, std::nullopt, "region_required"},
      {"station", "990102001000", std::nullopt, ""},
      {"grid", std::nullopt, std::nullopt, "region_required"},
      {"grid", "99010200100", std::nullopt, "invalid_region_code"},
      {"enterprise", std::nullopt, 7, ""},
      {"enterprise", std::nullopt, std::nullopt, "enterprise_required"},
      {"enterprise", std::nullopt, 0, "enterprise_required"},
      {"root", std::nullopt, std::nullopt, "invalid_role"},
  };
  for (const auto& c : cases) {
    auto status = ValidateAssignment(c.role, c.region, c.enterprise);
    EXPECT_EQ(status.ok() ? std::string() : status.error().code, c.error) << c.role;
  }
}

TEST(IdentityRulesTest, WhoGrantsWhat) {
  const Role all[] = {Role::kAdmin, Role::kBureau,     Role::kStation,
                      Role::kGrid,  Role::kEnterprise, Role::kExpert};
  for (Role target : all) {
    EXPECT_TRUE(CanGrant(Role::kAdmin, target));
    EXPECT_EQ(CanGrant(Role::kBureau, target), target == Role::kStation || target == Role::kGrid)
        << RoleName(target);
    for (Role other : {Role::kStation, Role::kGrid, Role::kEnterprise, Role::kExpert}) {
      EXPECT_FALSE(CanGrant(other, target));
    }
  }
}

TEST(IdentityRulesTest, SessionExpiry) {
  SessionPolicy policy{hours{2}, hours{12}, seconds{60}};
  Instant login{std::chrono::sys_days{std::chrono::year{2026} / 10 / 1}};
  struct Case {
    const char* name;
    std::chrono::seconds last_seen_after_login;
    std::chrono::seconds now_after_login;
    bool expired;
  };
  const Case cases[] = {
      {"fresh", seconds{0}, minutes{5}, false},
      {"idle just under", seconds{0}, hours{2} - seconds{1}, false},
      {"idle exactly: may be a second short of it", seconds{0}, hours{2}, false},
      {"idle passed", seconds{0}, hours{2} + seconds{1}, true},
      {"kept alive", hours{11}, hours{11} + minutes{30}, false},
      {"absolute exactly, while active", hours{11} + minutes{59}, hours{12}, false},
      {"absolute passed, while active", hours{11} + minutes{59}, hours{12} + seconds{1}, true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(
        SessionExpired(login, login + c.last_seen_after_login, login + c.now_after_login, policy),
        c.expired)
        << c.name;
  }
}

TEST(LoginThrottleTest, PerAccountAndPerAddressWindows) {
  LoginThrottle throttle({3, 5, minutes{15}});
  Instant t0{std::chrono::sys_days{std::chrono::year{2026} / 10 / 1}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(throttle.Allowed("alice", "10.0.0.1", t0));
    throttle.RecordFailure("alice", "10.0.0.1", t0);
  }
  EXPECT_FALSE(throttle.Allowed("alice", "10.0.0.2", t0 + minutes{1})) << "account limit";
  EXPECT_TRUE(throttle.Allowed("bob", "10.0.0.1", t0)) << "address has 3 of 5";
  throttle.RecordFailure("bob", "10.0.0.1", t0);
  throttle.RecordFailure("carol", "10.0.0.1", t0);
  EXPECT_FALSE(throttle.Allowed("dave", "10.0.0.1", t0)) << "address limit";
  EXPECT_TRUE(throttle.Allowed("dave", "10.0.0.9", t0));
  EXPECT_TRUE(throttle.Allowed("alice", "10.0.0.2", t0 + minutes{15})) << "window passed";
  throttle.RecordFailure("erin", "10.0.0.3", t0);
  throttle.RecordSuccess("erin");
  EXPECT_TRUE(throttle.Allowed("erin", "10.0.0.3", t0));
}

}  // namespace
}  // namespace anjian::identity
