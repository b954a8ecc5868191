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
  std::string deadline;  // as issued
  std::string responsible_person;
  std::string measures;
  std::string created_at;
};

// A page of the filter, newest first; `today` decides the overdue filter. `total` is the
// filter's Count, which decides how the page is read.
std::vector<Hazard> List(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                         std::string_view today, int64_t limit, int64_t offset, int64_t total);
int64_t Count(db::Transaction& tx, const Filter& filter, const Bounds& scope,
              std::string_view today);
std::optional<Hazard> Find(db::Transaction& tx, int64_t id, const Bounds& scope);
int64_t Insert(db::Transaction& tx, const Hazard& hazard, const std::string& now);
// Writes the loop's fields (state, deadline, responsible person, measures, notice, listing,
// verification) when the version is still `expected_version`.
bool Update(db::Transaction& tx, const Hazard& hazard, int64_t expected_version,
            const std::string& now);

int64_t AppendEvent(db::Transaction& tx, const Event& event);
std::vector<Event> Events(db::Transaction& tx, int64_t hazard_id);

// The dashboard's tallies (migration 0010), kept by Insert and Update. An enterprise that moves
// to another town takes its hazards' counts along: subtract them (-1) before the move and add
// them (+1) after it. The tallies are rebuilt from the hazards when their marker is missing (a
// new table, or hazards written around the store, as the benchmark's generator does).
void AddEnterpriseToTallies(db::Transaction& tx, int64_t enterprise_id, int sign);
bool TalliesBuilt(db::Transaction& tx);
void RebuildTallies(db::Transaction& tx);

// The dashboard's hazard figures for the scope over [from, to] (China dates) on `today`. A scope
// of whole towns (a town, district, city or everything) is summed from the tallies; a village,
// a grid worker's or an enterprise's is counted from its hazards.
struct Figures {
  int64_t found = 0;     // found in the period
  int64_t verified = 0;  // verified in the period
  int64_t due = 0;       // deadline in the period and passed, or verified (not cancelled)
  int64_t on_time = 0;   // of those due, verified by the deadline
  int64_t open = 0;      // now
  int64_t overdue = 0;   // now
  int64_t listed = 0;    // major hazards under listed supervision now
};
Figures CountFigures(db::Transaction& tx, const Bounds& scope, const std::string& from,
                     const std::string& to, const std::string& today);
// Hazards by state now, as (state, count).
std::vector<std::pair<std::string, int64_t>> CountByState(db::Transaction& tx, const Bounds& scope);
// Found and verified per month ("YYYY-MM") of the period.
struct Month {
  std::string month;
  int64_t found = 0;
  int64_t verified = 0;
};
std::vector<Month> CountByMonth(db::Transaction& tx, const Bounds& scope, const std::string& from,
                                const std::string& to);
// Per child region, keyed by the first `prefix_length` digits of the enterprise's region code:
// found in the period, open and overdue now.
struct RegionFigures {
  std::string prefix;
  int64_t found = 0;
  int64_t open = 0;
  int64_t overdue = 0;
};
std::vector<RegionFigures> CountByRegion(db::Transaction& tx, const Bounds& scope,
                                         int64_t prefix_length, const std::string& from,
                                         const std::string& to, const std::string& today);

// Open hazards under a notice (notified, rectifying, submitted, rejected) whose deadline lies in
// [from, to], for the daily reminders: their ids.
std::vector<int64_t> WithDeadlineBetween(db::Transaction& tx, const std::string& from,
                                         const std::string& to);

// The unit's next notice number for the year, handed out atomically.
int64_t NextNoticeSequence(db::Transaction& tx, const std::string& unit_region_code, int64_t year);
int64_t InsertNotice(db::Transaction& tx, const Notice& notice);
std::optional<Notice> FindNotice(db::Transaction& tx, int64_t id, const Bounds& scope);

}  // namespace anjian::hazard::store
