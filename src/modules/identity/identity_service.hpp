#pragma once
// Accounts and sessions: the use cases behind /auth, /me and /users, and the user commands.
#include <nlohmann/json.hpp>
#include <semaphore>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "http/router.hpp"
#include "modules/identity/identity.hpp"

namespace anjian::identity {

struct LoginResult {
  std::string token;
  std::string csrf_token;
  User user;
};

struct UserListing {
  std::vector<User> items;
  int64_t total = 0;
};

// Password hashing costs ~90 ms and 64 MiB: at most `concurrency` run at once, on the worker
// threads, never on the I/O threads.
class PasswordHasher {
 public:
  explicit PasswordHasher(std::ptrdiff_t concurrency = 2) : slots_(concurrency) {}
  std::string Hash(std::string_view password);
  bool Verify(std::string_view hash, std::string_view password);

 private:
  std::counting_semaphore<64> slots_;
};

class Service final : public http::SessionResolver {
 public:
  Service(db::Database& database, const Clock& clock, SessionPolicy session_policy = {},
          ThrottlePolicy throttle_policy = {});

  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& address);
  Status Logout(const Principal& principal, const std::string& token);
  Result<http::SessionInfo> Resolve(std::string_view token, std::string_view address) override;
  Status ChangeOwnPassword(const Principal& principal, const std::string& token,
                           const std::string& old_password, const std::string& new_password);

  Result<UserListing> List(const Principal& principal, const UserFilter& filter,
                           const http::Page& page);
  Result<User> Get(const Principal& principal, int64_t id);
  Result<User> Create(const Principal& principal, const NewUser& input);
  Result<User> Update(const Principal& principal, int64_t id, const UserChanges& changes);
  Status ResetPassword(const Principal& principal, int64_t id, const std::string& password);

  const SessionPolicy& session_policy() const { return session_policy_; }

  // Command-line use: acts as the system.
  Result<User> AddUser(const NewUser& input);
  Status SetPasswordByName(const std::string& username, const std::string& password);
  Status DisableByName(const std::string& username);
  // Deletes sessions past their absolute expiry; run by the daily job.
  int64_t PurgeExpiredSessions();

  // Bulk creation of accounts that share one password (the demo city): the caller hashes once
  // with HashPassword, since each hash costs ~90 ms. Existing usernames answer username_taken.
  std::string HashPassword(std::string_view password) { return hasher_.Hash(password); }
  Result<User> AddUserWithHash(const NewUser& input, const std::string& password_hash);

 private:
  Result<User> CreateAs(const Principal& actor, const NewUser& input, bool system,
                        std::optional<std::string> password_hash);

  db::Database& database_;
  const Clock& clock_;
  SessionPolicy session_policy_;
  LoginThrottle throttle_;
  PasswordHasher hasher_;
  std::string dummy_hash_;
};

nlohmann::json ToJson(const User& user);
// Who is asking, as /me answers it: the account without its bookkeeping fields.
nlohmann::json ToJson(const Principal& principal);

}  // namespace anjian::identity
