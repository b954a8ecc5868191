#include "modules/identity/identity_store.hpp"

#include "core/text.hpp"

namespace anjian::identity::store {
namespace {

constexpr std::string_view kUserColumns =
    "id, username, name, role, region_code, enterprise_id, disabled, created_at, version";

const std::string kFindCredentials =
    "SELECT " + std::string(kUserColumns) + ", password_hash FROM users WHERE username = $1";
const std::string kFindCredentialsById =
    "SELECT " + std::string(kUserColumns) + ", password_hash FROM users WHERE id = $1";
// The scope pattern is applied to the account's region; a region-less account (administrator,
// expert, enterprise) is visible only to a caller who sees everything.
constexpr std::string_view kScopeCondition = "($2 = '%' OR region_code LIKE $2)";
const std::string kFindUser = "SELECT " + std::string(kUserColumns) +
                              " FROM users WHERE id = $1 AND " + std::string(kScopeCondition);
constexpr std::string_view kFilterCondition =
    " WHERE ($1 = '%' OR region_code LIKE $1) AND ($2 = '' OR username LIKE $2 ESCAPE '\\' OR "
    "name LIKE $2 ESCAPE '\\') "
    "AND ($3 = '' OR role = $3) AND ($4 = '' OR region_code LIKE $4)";
const std::string kListUsers = "SELECT " + std::string(kUserColumns) + " FROM users" +
                               std::string(kFilterCondition) + " ORDER BY id LIMIT $5 OFFSET $6";
const std::string kCountUsers = "SELECT COUNT(*) FROM users" + std::string(kFilterCondition);
constexpr std::string_view kInsertUser =
    "INSERT INTO users (username, name, password_hash, role, region_code, enterprise_id, "
    "disabled, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7, 1) "
    "RETURNING id";
constexpr std::string_view kUpdateUser =
    "UPDATE users SET name = $2, role = $3, region_code = $4, enterprise_id = $5, disabled = $6, "
    "updated_at = $7, version = version + 1 WHERE id = $1 AND version = $8";
constexpr std::string_view kSetPassword =
    "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1";

constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, "
    "client_address) VALUES ($1, $2, $3, $4, $4, $5, $6)";
constexpr std::string_view kFindSession =
    "SELECT user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = $1";
constexpr std::string_view kTouchSession =
    "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = $1";
constexpr std::string_view kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = $1";
constexpr std::string_view kDeleteOtherSessions =
    "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";
constexpr std::string_view kDeleteExpired = "DELETE FROM sessions WHERE expires_at <= $1";

User ReadUser(const db::Row& row) {
  User u;
  u.id = row.Get<int64_t>(0);
  u.username = row.Get<std::string>(1);
  u.name = row.Get<std::string>(2);
  u.role = ParseRole(row.Get<std::string>(3)).value_or(Role::kGrid);
  u.region_code = row.GetOptional<std::string>(4);
  u.enterprise_id = row.GetOptional<int64_t>(5);
  u.disabled = row.Get<bool>(6);
  u.created_at = row.Get<std::string>(7);
  u.version = row.Get<int64_t>(8);
  return u;
}

std::optional<Credentials> ReadCredentials(const std::optional<db::Row>& row) {
  if (!row) return std::nullopt;
  return Credentials{ReadUser(*row), row->Get<std::string>(9)};
}

db::Params FilterParams(const UserFilter& filter, const std::string& region_pattern) {
  return {region_pattern, LikeContains(filter.q), filter.role, filter.region_code};
}

}  // namespace

std::optional<Credentials> FindCredentials(db::Transaction& tx, const std::string& username) {
  return ReadCredentials(tx.QueryOne(kFindCredentials, {username}));
}

std::optional<Credentials> FindCredentialsById(db::Transaction& tx, int64_t id) {
  return ReadCredentials(tx.QueryOne(kFindCredentialsById, {id}));
}

std::optional<User> FindUser(db::Transaction& tx, int64_t id, const std::string& region_pattern) {
  auto row = tx.QueryOne(kFindUser, {id, region_pattern});
  if (!row) return std::nullopt;
  return ReadUser(*row);
}

std::vector<User> ListUsers(db::Transaction& tx, const UserFilter& filter,
                            const std::string& region_pattern, int64_t limit, int64_t offset) {
  auto params = FilterParams(filter, region_pattern);
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<User> out;
  for (const auto& row : tx.Query(kListUsers, params)) out.push_back(ReadUser(row));
  return out;
}

int64_t CountUsers(db::Transaction& tx, const UserFilter& filter,
                   const std::string& region_pattern) {
  return tx.QueryOne(kCountUsers, FilterParams(filter, region_pattern))->Get<int64_t>(0);
}

int64_t InsertUser(db::Transaction& tx, const NewUser& user, const std::string& password_hash,
                   const std::string& now) {
  return tx
      .QueryOne(kInsertUser,
                {user.username, user.name, password_hash, user.role, db::Optional(user.region_code),
                 db::Optional(user.enterprise_id), now})
      ->Get<int64_t>(0);
}

bool UpdateUser(db::Transaction& tx, const User& user, int64_t expected_version,
                const std::string& now) {
  return tx.Execute(kUpdateUser, {user.id, user.name, std::string(RoleName(user.role)),
                                  db::Optional(user.region_code), db::Optional(user.enterprise_id),
                                  int64_t{user.disabled ? 1 : 0}, now, expected_version}) == 1;
}

void SetPassword(db::Transaction& tx, int64_t id, const std::string& hash, const std::string& now) {
  tx.Execute(kSetPassword, {id, hash, now});
}

void InsertSession(db::Transaction& tx, const std::string& token_hash, int64_t user_id,
                   const std::string& csrf_token, const std::string& now,
                   const std::string& expires_at, const std::string& address) {
  tx.Execute(kInsertSession, {token_hash, user_id, csrf_token, now, expires_at, address});
}

std::optional<Session> FindSession(db::Transaction& tx, const std::string& token_hash) {
  auto row = tx.QueryOne(kFindSession, {token_hash});
  if (!row) return std::nullopt;
  return Session{row->Get<int64_t>(0), row->Get<std::string>(1), row->Get<std::string>(2),
                 row->Get<std::string>(3)};
}

void TouchSession(db::Transaction& tx, const std::string& token_hash, const std::string& now) {
  tx.Execute(kTouchSession, {token_hash, now});
}

void DeleteSession(db::Transaction& tx, const std::string& token_hash) {
  tx.Execute(kDeleteSession, {token_hash});
}

void DeleteUserSessions(db::Transaction& tx, int64_t user_id) {
  tx.Execute(kDeleteUserSessions, {user_id});
}

void DeleteOtherSessions(db::Transaction& tx, int64_t user_id, const std::string& keep_token_hash) {
  tx.Execute(kDeleteOtherSessions, {user_id, keep_token_hash});
}

int64_t DeleteExpiredSessions(db::Transaction& tx, const std::string& now) {
  return tx.Execute(kDeleteExpired, {now});
}

}  // namespace anjian::identity::store
