#include <algorithm>
#include <vector>

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/identity/identity.hpp"

namespace anjian::identity {

Status ValidateUsername(std::string_view username) {
  bool ok =
      username.size() >= 3 && username.size() <= 32 && username[0] >= 'a' && username[0] <= 'z' &&
      std::all_of(username.begin(), username.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      });
  if (!ok) return Error::Invalid("invalid_username", "username");
  return {};
}

Status ValidatePassword(std::string_view password) {
  bool letter = std::any_of(password.begin(), password.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  bool digit =
      std::any_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (CodePoints(password) < 8 || password.size() > 128 || !letter || !digit) {
    return Error::Invalid("invalid_password", "password");
  }
  return {};
}

Status ValidateName(std::string_view name) {
  size_t length = CodePoints(name);
  bool blank = std::all_of(name.begin(), name.end(), [](char c) { return c == ' '; });
  if (length == 0 || length > 64 || blank) return Error::Invalid("invalid_name", "name");
  return {};
}

Status ValidateAssignment(std::string_view role_name, const std::optional<std::string>& region_code,
                          const std::optional<int64_t>& enterprise_id) {
  auto role = ParseRole(role_name);
  if (!role) return Error::Invalid("invalid_role", "role");
  if (region_code && !region_code::IsWellFormed(*region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  switch (*role) {
    case Role::kBureau:
    case Role::kStation:
    case Role::kGrid:
      if (!region_code) return Error::Invalid("region_required", "region_code");
      break;
    case Role::kEnterprise:
      if (!enterprise_id || *enterprise_id <= 0) {
        return Error::Invalid("enterprise_required", "enterprise_id");
      }
      break;
    case Role::kAdmin:
    case Role::kExpert:
      break;
  }
  return {};
}

bool CanGrant(Role actor, Role target) {
  if (actor == Role::kAdmin) return true;
  if (actor == Role::kBureau) {
    // Enterprise accounts wait for the enterprise registry, whose scope check they need.
    return target == Role::kStation || target == Role::kGrid;
  }
  return false;
}

bool SessionExpired(Instant created, Instant last_seen, Instant now, const SessionPolicy& policy) {
  // Instants are cut to whole seconds, so a difference equal to the limit may stand for up to a
  // second less: a session ends only once the difference exceeds the limit, never early.
  return now - last_seen > policy.idle || now - created > policy.absolute;
}

int LoginThrottle::Count(std::map<std::string, std::deque<Instant>, std::less<>>& table,
                         std::string_view key, Instant now) {
  auto found = table.find(key);
  if (found == table.end()) return 0;
  auto& failures = found->second;
  while (!failures.empty() && now - failures.front() >= policy_.window) failures.pop_front();
  if (failures.empty()) {
    table.erase(found);
    return 0;
  }
  return static_cast<int>(failures.size());
}

bool LoginThrottle::Allowed(std::string_view account, std::string_view address, Instant now) {
  std::lock_guard lock(mutex_);
  return Count(accounts_, account, now) < policy_.per_account &&
         Count(addresses_, address, now) < policy_.per_address;
}

void LoginThrottle::RecordFailure(std::string_view account, std::string_view address, Instant now) {
  std::lock_guard lock(mutex_);
  // Guessed usernames would otherwise pile up for ever: sweep out whatever left the window once
  // the tables grow large.
  constexpr size_t kSweepAbove = 10'000;
  for (auto* table : {&accounts_, &addresses_}) {
    if (table->size() < kSweepAbove) continue;
    std::vector<std::string> keys;
    for (const auto& [key, failures] : *table) keys.push_back(key);
    for (const auto& key : keys) Count(*table, key, now);
  }
  accounts_[std::string(account)].push_back(now);
  addresses_[std::string(address)].push_back(now);
}

void LoginThrottle::RecordSuccess(std::string_view account) {
  std::lock_guard lock(mutex_);
  accounts_.erase(std::string(account));
}

}  // namespace anjian::identity
