#include "modules/identity/identity_service.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/identity/identity_store.hpp"

namespace anjian::identity {
namespace {

Principal PrincipalOf(const User& user) {
  return {user.id, user.username, user.name, user.role, user.region_code, user.enterprise_id};
}

Principal SystemPrincipal() {
  Principal p;
  p.username = "system";
  p.role = Role::kAdmin;
  return p;
}

}  // namespace

std::string PasswordHasher::Hash(std::string_view password) {
  slots_.acquire();
  try {
    auto hash = crypto::HashPassword(password);
    slots_.release();
    return hash;
  } catch (...) {
    slots_.release();
    throw;
  }
}

bool PasswordHasher::Verify(std::string_view hash, std::string_view password) {
  slots_.acquire();
  bool ok = crypto::VerifyPassword(hash, password);
  slots_.release();
  return ok;
}

nlohmann::json ToJson(const Principal& principal) {
  return {{"id", principal.user_id},
          {"username", principal.username},
          {"name", principal.name},
          {"role", RoleName(principal.role)},
          {"region_code", OrNull(principal.region_code)},
          {"enterprise_id", OrNull(principal.enterprise_id)}};
}

nlohmann::json ToJson(const User& user) {
  auto out = ToJson(PrincipalOf(user));
  out["disabled"] = user.disabled;
  out["created_at"] = user.created_at;
  out["version"] = user.version;
  return out;
}

Service::Service(db::Database& database, const Clock& clock, SessionPolicy session_policy,
                 ThrottlePolicy throttle_policy)
    : database_(database),
      clock_(clock),
      session_policy_(session_policy),
      throttle_(throttle_policy),
      // Verified against when the username is unknown, so that both failures take the same time.
      dummy_hash_(crypto::HashPassword(crypto::RandomToken(16))) {
  // A session used more often than its idle limit must never look idle: touch it well within.
  session_policy_.touch_interval = std::min(
      session_policy_.touch_interval, std::max(session_policy_.idle / 4, std::chrono::seconds{1}));
}

Result<LoginResult> Service::Login(const std::string& username, const std::string& password,
                                   const std::string& address) {
  Instant now = clock_.Now();
  if (!throttle_.Allowed(username, address, now)) return Error::TooMany("too_many_attempts");
  std::optional<store::Credentials> credentials;
  {
    db::Transaction tx(database_, db::TransactionMode::kRead);
    credentials = store::FindCredentials(tx, username);
  }
  bool verified = hasher_.Verify(credentials ? credentials->password_hash : dummy_hash_, password);
  if (!credentials || !verified) {
    throttle_.RecordFailure(username, address, now);
    return Error::Unauthenticated("invalid_credentials");
  }
  if (credentials->user.disabled) return Error::Unauthenticated("account_disabled");
  throttle_.RecordSuccess(username);

  LoginResult result{crypto::RandomToken(), crypto::RandomToken(), credentials->user};
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  store::InsertSession(tx, crypto::Sha256Hex(result.token), result.user.id, result.csrf_token,
                       FormatInstant(now), FormatInstant(now + session_policy_.absolute), address);
  audit::Append(tx, audit::ActorOf(PrincipalOf(result.user)), "login", "session",
                std::to_string(result.user.id), nullptr, {{"address", address}}, now);
  tx.Commit();
  return result;
}

Status Service::Logout(const Principal& principal, const std::string& token) {
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  store::DeleteSession(tx, crypto::Sha256Hex(token));
  audit::Append(tx, audit::ActorOf(principal), "logout", "session",
                std::to_string(principal.user_id), nullptr, nullptr, clock_.Now());
  tx.Commit();
  return {};
}

Result<http::SessionInfo> Service::Resolve(std::string_view token, std::string_view) {
  Instant now = clock_.Now();
  auto hash = crypto::Sha256Hex(token);
  std::optional<store::Session> session;
  std::optional<store::Credentials> credentials;
  {
    db::Transaction tx(database_, db::TransactionMode::kRead);
    session = store::FindSession(tx, hash);
    if (!session) return Error::Unauthenticated();
    credentials = store::FindCredentialsById(tx, session->user_id);
  }
  auto created = ParseInstant(session->created_at);
  auto last_seen = ParseInstant(session->last_seen_at);
  if (!credentials || credentials->user.disabled || !created || !last_seen ||
      SessionExpired(*created, *last_seen, now, session_policy_)) {
    db::Transaction tx(database_, db::TransactionMode::kWrite);
    store::DeleteSession(tx, hash);
    tx.Commit();
    return Error::Unauthenticated("session_expired");
  }
  if (now - *last_seen >= session_policy_.touch_interval) {
    db::Transaction tx(database_, db::TransactionMode::kWrite);
    store::TouchSession(tx, hash, FormatInstant(now));
    tx.Commit();
  }
  return http::SessionInfo{PrincipalOf(credentials->user), session->csrf_token};
}

Status Service::ChangeOwnPassword(const Principal& principal, const std::string& token,
                                  const std::string& old_password,
                                  const std::string& new_password) {
  if (auto valid = ValidatePassword(new_password); !valid) {
    return Error::Invalid("invalid_password", "new_password");
  }
  std::optional<store::Credentials> credentials;
  {
    db::Transaction tx(database_, db::TransactionMode::kRead);
    credentials = store::FindCredentialsById(tx, principal.user_id);
  }
  if (!credentials) return Error::Unauthenticated();
  if (!hasher_.Verify(credentials->password_hash, old_password)) {
    return Error::Invalid("wrong_password", "old_password");
  }
  auto hash = hasher_.Hash(new_password);
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  store::SetPassword(tx, principal.user_id, hash, FormatInstant(now));
  // Other sessions may belong to whoever knew the old password.
  store::DeleteOtherSessions(tx, principal.user_id, crypto::Sha256Hex(token));
  audit::Append(tx, audit::ActorOf(principal), "change_password", "user",
                std::to_string(principal.user_id), nullptr, nullptr, now);
  tx.Commit();
  return {};
}

Result<UserListing> Service::List(const Principal& principal, const UserFilter& filter,
                                  const http::Page& page) {
  if (!Allows(principal.role, Permission::kManageUsers)) return Error::Forbidden();
  if (!filter.role.empty() && !ParseRole(filter.role))
    return Error::Invalid("invalid_role", "role");
  UserFilter effective = filter;
  if (!filter.region_code.empty()) {
    if (!region_code::IsWellFormed(filter.region_code)) {
      return Error::Invalid("invalid_region_code", "region_code");
    }
    effective.region_code = region_code::Prefix(filter.region_code) + "%";
  }
  auto pattern = Scope::For(principal).RegionPattern();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  UserListing out;
  out.items = store::ListUsers(tx, effective, pattern, page.page_size, page.Offset());
  out.total = store::CountUsers(tx, effective, pattern);
  return out;
}

Result<User> Service::Get(const Principal& principal, int64_t id) {
  if (!Allows(principal.role, Permission::kManageUsers)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto user = store::FindUser(tx, id, Scope::For(principal).RegionPattern());
  if (!user) return Error::NotFound();
  return *user;
}

Result<User> Service::Create(const Principal& principal, const NewUser& input) {
  return CreateAs(principal, input, false, std::nullopt);
}

Result<User> Service::AddUser(const NewUser& input) {
  return CreateAs(SystemPrincipal(), input, true, std::nullopt);
}

Result<User> Service::AddUserWithHash(const NewUser& input, const std::string& password_hash) {
  return CreateAs(SystemPrincipal(), input, true, password_hash);
}

Result<User> Service::CreateAs(const Principal& actor, const NewUser& input, bool system,
                               std::optional<std::string> password_hash) {
  if (!system && !Allows(actor.role, Permission::kManageUsers)) return Error::Forbidden();
  if (auto s = ValidateUsername(input.username); !s) return s.error();
  if (auto s = ValidateName(input.name); !s) return s.error();
  if (!password_hash) {
    if (auto s = ValidatePassword(input.password); !s) return s.error();
  }
  if (auto s = ValidateAssignment(input.role, input.region_code, input.enterprise_id); !s) {
    return s.error();
  }
  Role role = *ParseRole(input.role);
  if (!CanGrant(actor.role, role)) return Error::Forbidden("role_not_assignable");
  if (input.region_code && !Scope::For(actor).CoversRegion(*input.region_code)) {
    return Error::Invalid("region_not_found", "region_code");
  }
  auto hash = password_hash ? *password_hash : hasher_.Hash(input.password);
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  int64_t id = 0;
  try {
    id = store::InsertUser(tx, input, hash, FormatInstant(now));
  } catch (const db::DbError& error) {
    if (error.kind() == db::DbError::Kind::kUniqueViolation) {
      return Error::Conflict("username_taken", "username");
    }
    if (error.kind() == db::DbError::Kind::kForeignKeyViolation) {
      return Error::Invalid("region_not_found", "region_code");
    }
    throw;
  }
  auto user = store::FindUser(tx, id, "%");
  audit::Append(tx, system ? audit::SystemActor() : audit::ActorOf(actor), "create", "user",
                std::to_string(id), nullptr, ToJson(*user), now);
  tx.Commit();
  return *user;
}

Result<User> Service::Update(const Principal& principal, int64_t id, const UserChanges& changes) {
  if (!Allows(principal.role, Permission::kManageUsers)) return Error::Forbidden();
  auto scope = Scope::For(principal);
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::FindUser(tx, id, scope.RegionPattern());
  if (!current) return Error::NotFound();
  if (!CanGrant(principal.role, current->role)) return Error::Forbidden();
  User next = *current;
  if (changes.name) {
    if (auto s = ValidateName(*changes.name); !s) return s.error();
    next.name = *changes.name;
  }
  if (changes.role) {
    auto role = ParseRole(*changes.role);
    if (!role) return Error::Invalid("invalid_role", "role");
    if (!CanGrant(principal.role, *role)) return Error::Forbidden("role_not_assignable");
    next.role = *role;
  }
  if (changes.region_code) next.region_code = *changes.region_code;
  if (changes.enterprise_id) next.enterprise_id = *changes.enterprise_id;
  if (changes.disabled) {
    if (*changes.disabled && id == principal.user_id) {
      return Error::Invalid("cannot_disable_self", "disabled");
    }
    next.disabled = *changes.disabled;
  }
  if (auto s = ValidateAssignment(RoleName(next.role), next.region_code, next.enterprise_id); !s) {
    return s.error();
  }
  if (next.region_code && !scope.CoversRegion(*next.region_code)) {
    return Error::Invalid("region_not_found", "region_code");
  }
  try {
    if (!store::UpdateUser(tx, next, changes.version, FormatInstant(now))) {
      return Error::Conflict("stale_version", "version");
    }
  } catch (const db::DbError& error) {
    if (error.kind() == db::DbError::Kind::kForeignKeyViolation) {
      return Error::Invalid("region_not_found", "region_code");
    }
    throw;
  }
  if (next.disabled) store::DeleteUserSessions(tx, id);
  auto updated = store::FindUser(tx, id, "%");
  audit::Append(tx, audit::ActorOf(principal), "update", "user", std::to_string(id),
                ToJson(*current), ToJson(*updated), now);
  tx.Commit();
  return *updated;
}

Status Service::ResetPassword(const Principal& principal, int64_t id, const std::string& password) {
  if (!Allows(principal.role, Permission::kManageUsers)) return Error::Forbidden();
  if (auto s = ValidatePassword(password); !s) return s.error();
  {
    db::Transaction tx(database_, db::TransactionMode::kRead);
    auto user = store::FindUser(tx, id, Scope::For(principal).RegionPattern());
    if (!user) return Error::NotFound();
    if (!CanGrant(principal.role, user->role)) return Error::Forbidden();
  }
  auto hash = hasher_.Hash(password);
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  store::SetPassword(tx, id, hash, FormatInstant(now));
  store::DeleteUserSessions(tx, id);
  audit::Append(tx, audit::ActorOf(principal), "reset_password", "user", std::to_string(id),
                nullptr, nullptr, now);
  tx.Commit();
  return {};
}

Status Service::SetPasswordByName(const std::string& username, const std::string& password) {
  if (auto s = ValidatePassword(password); !s) return s.error();
  auto hash = hasher_.Hash(password);
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto credentials = store::FindCredentials(tx, username);
  if (!credentials) return Error::NotFound();
  store::SetPassword(tx, credentials->user.id, hash, FormatInstant(now));
  store::DeleteUserSessions(tx, credentials->user.id);
  audit::Append(tx, audit::SystemActor(), "reset_password", "user",
                std::to_string(credentials->user.id), nullptr, nullptr, now);
  tx.Commit();
  return {};
}

Status Service::DisableByName(const std::string& username) {
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto credentials = store::FindCredentials(tx, username);
  if (!credentials) return Error::NotFound();
  User next = credentials->user;
  next.disabled = true;
  store::UpdateUser(tx, next, credentials->user.version, FormatInstant(now));
  store::DeleteUserSessions(tx, next.id);
  auto updated = store::FindUser(tx, next.id, "%");
  audit::Append(tx, audit::SystemActor(), "update", "user", std::to_string(next.id),
                ToJson(credentials->user), ToJson(*updated), now);
  tx.Commit();
  return {};
}

int64_t Service::PurgeExpiredSessions() {
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto removed = store::DeleteExpiredSessions(tx, FormatInstant(clock_.Now()));
  tx.Commit();
  return removed;
}

}  // namespace anjian::identity
