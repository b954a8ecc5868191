#pragma once
#include "db/database.hpp"
#include "modules/identity/identity.hpp"

namespace anjian::identity::store {

struct Credentials {
  User user;
  std::string password_hash;
};

struct Session {
  int64_t user_id;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
};

std::optional<Credentials> FindCredentials(db::Transaction& tx, const std::string& username);
std::optional<Credentials> FindCredentialsById(db::Transaction& tx, int64_t id);
std::optional<User> FindUser(db::Transaction& tx, int64_t id, const std::string& region_pattern);
std::vector<User> ListUsers(db::Transaction& tx, const UserFilter& filter,
                            const std::string& region_pattern, int64_t limit, int64_t offset);
int64_t CountUsers(db::Transaction& tx, const UserFilter& filter,
                   const std::string& region_pattern);
int64_t InsertUser(db::Transaction& tx, const NewUser& user, const std::string& password_hash,
                   const std::string& now);
// Writes every field of `user`; false when the version moved on.
bool UpdateUser(db::Transaction& tx, const User& user, int64_t expected_version,
                const std::string& now);
void SetPassword(db::Transaction& tx, int64_t id, const std::string& hash, const std::string& now);

void InsertSession(db::Transaction& tx, const std::string& token_hash, int64_t user_id,
                   const std::string& csrf_token, const std::string& now,
                   const std::string& expires_at, const std::string& address);
std::optional<Session> FindSession(db::Transaction& tx, const std::string& token_hash);
void TouchSession(db::Transaction& tx, const std::string& token_hash, const std::string& now);
void DeleteSession(db::Transaction& tx, const std::string& token_hash);
void DeleteUserSessions(db::Transaction& tx, int64_t user_id);
void DeleteOtherSessions(db::Transaction& tx, int64_t user_id, const std::string& keep_token_hash);
int64_t DeleteExpiredSessions(db::Transaction& tx, const std::string& now);

}  // namespace anjian::identity::store
