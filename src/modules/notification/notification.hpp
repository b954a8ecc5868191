#pragma once
// In-app notifications: types and the pure rule of who reads which. No I/O here.
#include <cstdint>
#include <optional>
#include <string>

#include "core/access.hpp"

namespace anjian::notification {

// What happened, for the UI to word in the reader's language.
//   notice_issued   (enterprise)            a rectification notice was issued
//   deadline_soon   (enterprise)            a deadline is at most 3 days away
//   overdue         (enterprise, the unit)  a deadline passed without verification
//   submitted       (the notifying unit)    rectification submitted for verification
//   major_listed    (district bureau)       a major hazard was put under listed supervision
struct Notification {
  int64_t id = 0;
  std::string kind;
  std::string audience_role;  // enterprise, station, bureau
  std::optional<int64_t> enterprise_id;
  std::optional<std::string> region_code;
  std::optional<int64_t> hazard_id;
  std::string params = "{}";  // JSON
  std::string dedupe_key;
  std::string created_at;
  bool read = false;  // for the reader
};

// The days before a deadline when the enterprise is reminded.
inline constexpr int kDeadlineReminderDays = 3;

// The audience of a unit's notifications: a town's station or a district's (city's) bureau.
std::string UnitRole(const std::string& region_code);

// Who reads what: an enterprise account its enterprise's, a station officer its town's, a bureau
// officer its own region's and those of the regions below it. Others read none.
struct Audience {
  std::string role;  // "" for none
  std::optional<int64_t> enterprise_id;
  std::string region_low;  // for bureaus, the subtree's bounds; for stations, the town itself
  std::string region_high;
};
Audience AudienceOf(const Principal& principal);

}  // namespace anjian::notification
