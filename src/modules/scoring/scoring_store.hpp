#pragma once
// The scoring module's SQL: settings, score events, follow-ups and rollover decisions.
#include <map>
#include <set>

#include "core/access.hpp"
#include "db/database.hpp"
#include "modules/scoring/scoring.hpp"

namespace anjian::scoring::store {

using Bounds = Scope::EnterpriseBounds;

struct Settings {
  std::string cycle_start;
  std::vector<Threshold> thresholds;
  std::string updated_at;
  int64_t version = 1;
};
Settings LoadSettings(db::Transaction& tx);
bool SaveSettings(db::Transaction& tx, const Settings& settings, int64_t expected_version,
                  const std::string& now);

int64_t InsertEvent(db::Transaction& tx, const Event& event, const std::string& now);
// An event whose enterprise is in scope.
std::optional<Event> FindEvent(db::Transaction& tx, int64_t id, const Bounds& scope);
bool UpdateEvent(db::Transaction& tx, const Event& event, int64_t expected_version,
                 const std::string& now);

struct EventFilter {
  std::optional<int64_t> enterprise_id;
  std::optional<int> cycle;
  std::string state;  // "active", "revoked" or "" for both
  std::string region_code;
};
std::vector<Event> ListEvents(db::Transaction& tx, const EventFilter& filter, const Bounds& scope,
                              int64_t limit, int64_t offset);
int64_t CountEvents(db::Transaction& tx, const EventFilter& filter, const Bounds& scope);

// The enterprise's points in the cycle: the sum of its active events.
int64_t Total(db::Transaction& tx, int64_t enterprise_id, int cycle);

struct Followup {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  std::string region_code;
  int cycle = 0;
  int64_t threshold_points = 0;
  std::string action;
  std::string unit_region_code;
  int64_t total_at_crossing = 0;
  std::string crossed_at;
  std::string due_on;
  std::string status;  // "open" or "done"
  std::optional<std::string> held_on;
  std::string attendees;
  std::string minutes;
  std::string note;
  std::optional<std::string> closed_at;
  std::string closed_by_name;
  std::string created_at;
  int64_t version = 1;
};
// The thresholds of the cycle already followed up for the enterprise (their points).
std::set<int64_t> FollowedThresholds(db::Transaction& tx, int64_t enterprise_id, int cycle);
// Adds the follow-up unless the (enterprise, cycle, threshold) has one: its id, or nothing.
std::optional<int64_t> InsertFollowup(db::Transaction& tx, const Followup& followup);
std::optional<Followup> FindFollowup(db::Transaction& tx, int64_t id, const Bounds& scope);
bool UpdateFollowup(db::Transaction& tx, const Followup& followup, int64_t expected_version,
                    const std::string& now);

struct FollowupFilter {
  std::optional<int64_t> enterprise_id;
  std::optional<int> cycle;
  std::string status;
  std::string action;
  std::string region_code;
  std::string unit_region_code;  // the owning unit's exact code
};
std::vector<Followup> ListFollowups(db::Transaction& tx, const FollowupFilter& filter,
                                    const Bounds& scope, int64_t limit, int64_t offset);
int64_t CountFollowups(db::Transaction& tx, const FollowupFilter& filter, const Bounds& scope);

// Enterprises by their points in a cycle, most first (those with at least `min_points`).
struct Ranked {
  int64_t enterprise_id = 0;
  std::string name;
  std::string uscc;
  std::string region_code;
  int64_t points = 0;
  int64_t events = 0;
};
std::vector<Ranked> Rank(db::Transaction& tx, int cycle, int64_t min_points,
                         const std::string& region_code, const Bounds& scope, int64_t limit,
                         int64_t offset);
int64_t CountRanked(db::Transaction& tx, int cycle, int64_t min_points,
                    const std::string& region_code, const Bounds& scope);

// The hazard behind an event, as the rollover judges it.
std::optional<HazardFacts> HazardOf(db::Transaction& tx, int64_t hazard_id);

// The active events that carry `event_id` into later cycles, one per cycle, in order.
std::vector<int64_t> CarriedCopies(db::Transaction& tx, int64_t event_id);

// The rollover into `target`: the active events of the cycle before that have no decision yet
// (in id order, at most `limit` after `after_id`), each with the facts of its hazard.
struct Pending {
  Event event;
  std::optional<HazardFacts> hazard;
};
std::vector<Pending> Undecided(db::Transaction& tx, int target, int64_t after_id, int64_t limit);
struct RolloverDecision {
  int64_t event_id = 0;
  int target_cycle = 0;
  bool clears = false;
  std::string reason;
  std::optional<int64_t> carried_event_id;
  std::string decided_at;
};
// Writes a batch of decisions into `target` (none decided before) in two statements: a copy in
// `target` of each event carried (its day, points and links kept, source "carried", created
// `decided_at`), then the decisions, each carried one naming its copy.
void InsertDecisions(db::Transaction& tx, int target, const std::vector<RolloverDecision>& batch,
                     const std::string& decided_at);
// The copies made by the rollover into `target` of the events in [first_id, last_id], by event.
std::map<int64_t, int64_t> CarriedCopiesOf(db::Transaction& tx, int target, int64_t first_id,
                                           int64_t last_id);
// Every enterprise with active points in `cycle`: its total and the thresholds followed up.
struct CycleTotal {
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  std::string region_code;
  int64_t total = 0;
  std::set<int64_t> followed;
};
std::vector<CycleTotal> CycleTotals(db::Transaction& tx, int cycle);
// How many decisions the rollover into `target` has: cleared and carried.
std::pair<int64_t, int64_t> CountDecisions(db::Transaction& tx, int target);
// The decision for an event, if made.
std::optional<RolloverDecision> DecisionFor(db::Transaction& tx, int64_t event_id, int target);

// ---- The quarter: each town inspects every enterprise of a scored sector against a scored list.
// The sectors' hazard tags: those of the scored checklists (furnace: metallurgy).
std::vector<std::string> ScoredTags(db::Transaction& tx);
struct TownQuarter {
  std::string town;            // the town's nine digits
  int64_t enterprises = 0;     // operating enterprises of the scored sectors
  int64_t planned = 0;         // of them, named on a plan of a scoring kind meeting the quarter
  int64_t inspected = 0;       // of them, reached by a finished scored inspection in the quarter
  int64_t inspections = 0;     // finished scored inspections in the quarter
  int64_t events = 0;          // active score events of the quarter's days
  int64_t points = 0;          // their points
  int64_t thresholds = 0;      // follow-ups created in the quarter
  int64_t followups_open = 0;  // follow-ups open now
};
// Per town of the scope, for the quarter's instants [from, to) and China days [first, last].
std::vector<TownQuarter> QuarterByTown(db::Transaction& tx, const Bounds& scope,
                                       const std::vector<std::string>& tags,
                                       const std::string& from, const std::string& to,
                                       const std::string& first, const std::string& last);
// Enterprises of the scored sectors in scope not yet reached this quarter.
struct Missing {
  int64_t id = 0;
  std::string name;
  std::string uscc;
  std::string region_code;
};
std::vector<Missing> MissingInQuarter(db::Transaction& tx, const Bounds& scope,
                                      const std::vector<std::string>& tags, const std::string& from,
                                      const std::string& to, int64_t limit, int64_t offset);
int64_t CountMissingInQuarter(db::Transaction& tx, const Bounds& scope,
                              const std::vector<std::string>& tags, const std::string& from,
                              const std::string& to);
// A spot check of the quarter's finished scored inspections: `limit` of them in an order fixed
// by `seed` (the same quarter and scope give the same list).
struct Checked {
  int64_t inspection_id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  std::string region_code;
  std::string kind;
  std::string inspector_name;
  std::string finished_at;
  int64_t findings = 0;
};
std::vector<Checked> SpotCheck(db::Transaction& tx, const Bounds& scope, const std::string& from,
                               const std::string& to, int64_t seed, int64_t limit);

// The plans generated for a quarter, town by town (nine digits).
struct QuarterPlan {
  std::string town;
  std::string slot;
  int64_t plan_id = 0;
  std::string name;
  std::string starts_on;
  std::string due_on;
};
std::vector<QuarterPlan> QuarterPlans(db::Transaction& tx, const std::string& quarter);
bool QuarterPlanned(db::Transaction& tx, const std::string& town, const std::string& quarter);
void InsertQuarterPlan(db::Transaction& tx, const std::string& town, const std::string& quarter,
                       const std::string& slot, int64_t plan_id, const std::string& now);
// Operating enterprises of the scored sectors in scope, by id.
std::vector<int64_t> SectorEnterprises(db::Transaction& tx, const Bounds& scope,
                                       const std::vector<std::string>& tags);
// Operating enterprises in scope with an open or done raise-frequency follow-up in one of the
// cycles, by id.
std::vector<int64_t> RaisedEnterprises(db::Transaction& tx, const Bounds& scope,
                                       const std::vector<int>& cycles);
// Their open raise-frequency follow-ups in those cycles.
std::vector<Followup> OpenRaiseFollowups(db::Transaction& tx, const Bounds& scope,
                                         const std::vector<int>& cycles);

}  // namespace anjian::scoring::store
