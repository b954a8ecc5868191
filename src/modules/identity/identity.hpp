#pragma once
// Accounts, sessions and logins: types and pure rules. No I/O here.
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace anjian::identity {

struct User {
  int64_t id = 0;
  std::string username;
  std::string name;
  Role role = Role::kGrid;
  std::optional<std::string> region_code;
  std::optional<int64_t> enterprise_id;
  bool disabled = false;
  std::string created_at;
  int64_t version = 1;
};

struct NewUser {
  std::string username;
  std::string name;
  std::string password;
  std::string role;
  std::optional<std::string> region_code;
  std::optional<int64_t> enterprise_id;
};

// A partial update: only the fields present change.
struct UserChanges {
  int64_t version = 0;
  std::optional<std::string> name;
  std::optional<std::string> role;
  std::optional<std::optional<std::string>> region_code;
  std::optional<std::optional<int64_t>> enterprise_id;
  std::optional<bool> disabled;
};

struct UserFilter {
  std::string q;  // username or name substring
  std::string role;
  std::string region_code;  // a subtree
};

struct SessionPolicy {
  std::chrono::seconds idle{std::chrono::hours{2}};
  std::chrono::seconds absolute{std::chrono::hours{12}};
  // last_seen_at is written at most this often, so that most requests only read.
  std::chrono::seconds touch_interval{60};
};

// Rules, each returning the error a client sees.
Status ValidateUsername(std::string_view username);
Status ValidatePassword(std::string_view password);
Status ValidateName(std::string_view name);
// Checks role, region and enterprise together: every role but admin, expert and enterprise needs a
// well-formed region; an enterprise account needs an enterprise.
Status ValidateAssignment(std::string_view role, const std::optional<std::string>& region_code,
                          const std::optional<int64_t>& enterprise_id);
// Administrators grant any role; bureau officers grant station and grid accounts (inside their
// own subtree, checked by scope).
bool CanGrant(Role actor, Role target);
// Whether a session has expired at `now`, given when it began and was last used.
bool SessionExpired(Instant created, Instant last_seen, Instant now, const SessionPolicy& policy);

// Counts failed logins per account and per address in a sliding window. When either count
// reaches its limit, further attempts are refused (429) until old failures leave the window.
struct ThrottlePolicy {
  int per_account = 5;
  int per_address = 20;
  std::chrono::seconds window{std::chrono::minutes{15}};
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}
  bool Allowed(std::string_view account, std::string_view address, Instant now);
  void RecordFailure(std::string_view account, std::string_view address, Instant now);
  void RecordSuccess(std::string_view account);

 private:
  int Count(std::map<std::string, std::deque<Instant>, std::less<>>& table, std::string_view key,
            Instant now);
  ThrottlePolicy policy_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Instant>, std::less<>> accounts_;
  std::map<std::string, std::deque<Instant>, std::less<>> addresses_;
};

}  // namespace anjian::identity
