#pragma once
#include "core/access.hpp"
#include "db/database.hpp"
#include "modules/hazard/hazard.hpp"

namespace anjian::hazard::store {

// Reads take the caller's scope as the enterprise bounds (Scope::ForEnterprises): a hazard is
// in scope when its enterprise is.
using Bounds = Scope::EnterpriseBounds;

struct Event {
  int64_t id = 0;
  int64_t hazard_id = 0;
  std::string action;
  std::optional<std::string> from_state;
  std::string to_state;
  std::optional<int64_t> actor_user_id;
  std::string actor_name;
  std::string at;
  std::string details;  // JSON text
};

struct Notice {
  int64_t id = 0;
  std::string number;
  std::string unit_region_code;
  std::string unit_name;
  int64_t year = 0;
  int64_t sequence = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  std::string enterprise_uscc;
  int64_t issued_by_user_id = 0;
  std::string issued_by_name;
  std::string issued_on;
  std::string created_at;
};

// A page of the filter, newest first; `today` decides the overdue filter.
std::vector<Hazard> List(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                         std::string_view today, int64_t limit, int64_t offset);
int64_t Count(db::Transaction& tx, const Filter& filter, const Bounds& scope,
              std::string_view today);
std::optional<Hazard> Find(db::Transaction& tx, int64_t id, const Bounds& scope);
int64_t Insert(db::Transaction& tx, const Hazard& hazard, const std::string& now);
// Writes the loop's fields (state, deadline, responsible person, measures, notice, listing,
// verification) when the version is still `expected_version`.
bool Update(db::Transaction& tx, const Hazard& hazard, int64_t expected_version,
            const std::string& now);

void AppendEvent(db::Transaction& tx, const Event& event);
std::vector<Event> Events(db::Transaction& tx, int64_t hazard_id);

// The unit's next notice number for the year, handed out atomically.
int64_t NextNoticeSequence(db::Transaction& tx, const std::string& unit_region_code, int64_t year);
int64_t InsertNotice(db::Transaction& tx, const Notice& notice);
std::optional<Notice> FindNotice(db::Transaction& tx, int64_t id, const Bounds& scope);

}  // namespace anjian::hazard::store
