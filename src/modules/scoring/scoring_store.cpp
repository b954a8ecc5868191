#include "modules/scoring/scoring_store.hpp"

#include <fmt/format.h>

#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "modules/enterprise/enterprise_store.hpp"

namespace anjian::scoring::store {
namespace {

using enterprise::store::AddCondition;
using enterprise::store::Bind;
using enterprise::store::Paged;
using enterprise::store::Where;

constexpr std::string_view kEventColumns =
    "SELECT s.id, s.enterprise_id, e.name, e.region_code, s.cycle, s.occurred_at, s.occurred_on, "
    "s.points, s.source, s.checklist_item_id, s.item_text, s.inspection_id, s.hazard_id, "
    "s.reason, s.carried_from_event_id, COALESCE(s.recorded_by_user_id, 0), s.recorded_by_name, "
    "s.state, s.revoked_at, s.revoke_reason, s.reinspected_at, s.reinspection_note, "
    "s.created_at, s.version FROM score_events s JOIN enterprises e ON e.id = s.enterprise_id ";
constexpr std::string_view kInsertEvent =
    "INSERT INTO score_events (enterprise_id, cycle, occurred_at, occurred_on, points, source, "
    "checklist_item_id, item_text, inspection_id, hazard_id, reason, carried_from_event_id, "
    "recorded_by_user_id, recorded_by_name, state, created_at, updated_at, version) VALUES ($1, "
    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'active', $15, $15, 1) RETURNING id";
constexpr std::string_view kUpdateEvent =
    "UPDATE score_events SET state = $2, revoked_at = $3, revoke_reason = $4, reinspected_at = "
    "$5, reinspection_note = $6, updated_at = $7, version = version + 1 WHERE id = $1 AND "
    "version = $8";
constexpr std::string_view kFollowupColumns =
    "SELECT f.id, f.enterprise_id, e.name, e.region_code, f.cycle, f.threshold_points, f.action, "
    "f.unit_region_code, f.total_at_crossing, f.crossed_at, f.due_on, f.status, f.held_on, "
    "f.attendees, f.minutes, f.note, f.closed_at, f.closed_by_name, f.created_at, f.version FROM "
    "score_followups f JOIN enterprises e ON e.id = f.enterprise_id ";

Event ReadEvent(const db::Row& row) {
  Event s;
  s.id = row.Get<int64_t>(0);
  s.enterprise_id = row.Get<int64_t>(1);
  s.enterprise_name = row.Get<std::string>(2);
  s.region_code = row.Get<std::string>(3);
  s.cycle = static_cast<int>(row.Get<int64_t>(4));
  s.occurred_at = row.Get<std::string>(5);
  s.occurred_on = row.Get<std::string>(6);
  s.points = row.Get<int64_t>(7);
  s.source = row.Get<std::string>(8);
  s.checklist_item_id = row.GetOptional<int64_t>(9);
  s.item_text = row.Get<std::string>(10);
  s.inspection_id = row.GetOptional<int64_t>(11);
  s.hazard_id = row.GetOptional<int64_t>(12);
  s.reason = row.Get<std::string>(13);
  s.carried_from_event_id = row.GetOptional<int64_t>(14);
  s.recorded_by_user_id = row.Get<int64_t>(15);
  s.recorded_by_name = row.Get<std::string>(16);
  s.state = row.Get<std::string>(17);
  s.revoked_at = row.GetOptional<std::string>(18);
  s.revoke_reason = row.Get<std::string>(19);
  s.reinspected_at = row.GetOptional<std::string>(20);
  s.reinspection_note = row.Get<std::string>(21);
  s.created_at = row.Get<std::string>(22);
  s.version = row.Get<int64_t>(23);
  return s;
}

Followup ReadFollowup(const db::Row& row) {
  Followup f;
  f.id = row.Get<int64_t>(0);
  f.enterprise_id = row.Get<int64_t>(1);
  f.enterprise_name = row.Get<std::string>(2);
  f.region_code = row.Get<std::string>(3);
  f.cycle = static_cast<int>(row.Get<int64_t>(4));
  f.threshold_points = row.Get<int64_t>(5);
  f.action = row.Get<std::string>(6);
  f.unit_region_code = row.Get<std::string>(7);
  f.total_at_crossing = row.Get<int64_t>(8);
  f.crossed_at = row.Get<std::string>(9);
  f.due_on = row.Get<std::string>(10);
  f.status = row.Get<std::string>(11);
  f.held_on = row.GetOptional<std::string>(12);
  f.attendees = row.Get<std::string>(13);
  f.minutes = row.Get<std::string>(14);
  f.note = row.Get<std::string>(15);
  f.closed_at = row.GetOptional<std::string>(16);
  f.closed_by_name = row.Get<std::string>(17);
  f.created_at = row.Get<std::string>(18);
  f.version = row.Get<int64_t>(19);
  return f;
}

Where EventWhere(const EventFilter& f, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope.Within(f.region_code), "e");
  if (f.enterprise_id) AddCondition(where, " AND s.enterprise_id = $N", "", *f.enterprise_id);
  if (f.cycle) AddCondition(where, " AND s.cycle = $N", "", int64_t{*f.cycle});
  if (!f.state.empty()) AddCondition(where, " AND s.state = $N", "", f.state);
  return where;
}

Where FollowupWhere(const FollowupFilter& f, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope.Within(f.region_code), "e");
  if (f.enterprise_id) AddCondition(where, " AND f.enterprise_id = $N", "", *f.enterprise_id);
  if (f.cycle) AddCondition(where, " AND f.cycle = $N", "", int64_t{*f.cycle});
  if (!f.status.empty()) AddCondition(where, " AND f.status = $N", "", f.status);
  if (!f.action.empty()) AddCondition(where, " AND f.action = $N", "", f.action);
  if (!f.unit_region_code.empty()) {
    AddCondition(where, " AND f.unit_region_code = $N", "", f.unit_region_code);
  }
  return where;
}

// The ranking's rows: one per enterprise with points in the cycle, from its active events.
Where RankWhere(int cycle, const std::string& region_code, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope.Within(region_code), "e");
  AddCondition(where, " AND s.cycle = $N AND s.state = 'active'", "", int64_t{cycle});
  return where;
}

}  // namespace

Settings LoadSettings(db::Transaction& tx) {
  auto row = tx.QueryOne(
      "SELECT cycle_start, thresholds, updated_at, version FROM scoring_settings WHERE id = 1");
  Settings s;
  s.cycle_start = row->Get<std::string>(0);
  for (const auto& t : nlohmann::json::parse(row->Get<std::string>(1))) {
    s.thresholds.push_back({t.at("points").get<int64_t>(), t.at("action").get<std::string>(),
                            t.at("unit").get<std::string>(), t.at("due_days").get<int64_t>()});
  }
  s.updated_at = row->Get<std::string>(2);
  s.version = row->Get<int64_t>(3);
  return s;
}

bool SaveSettings(db::Transaction& tx, const Settings& s, int64_t expected_version,
                  const std::string& now) {
  nlohmann::json thresholds = nlohmann::json::array();
  for (const auto& t : s.thresholds) {
    thresholds.push_back(
        {{"points", t.points}, {"action", t.action}, {"unit", t.unit}, {"due_days", t.due_days}});
  }
  return tx.Execute(
             "UPDATE scoring_settings SET cycle_start = $1, thresholds = $2, updated_at = "
             "$3, version = version + 1 WHERE id = 1 AND version = $4",
             {s.cycle_start, thresholds.dump(), now, expected_version}) == 1;
}

int64_t InsertEvent(db::Transaction& tx, const Event& s, const std::string& now) {
  return tx
      .QueryOne(
          kInsertEvent,
          {s.enterprise_id, int64_t{s.cycle}, s.occurred_at, s.occurred_on, s.points, s.source,
           db::Optional(s.checklist_item_id), s.item_text, db::Optional(s.inspection_id),
           db::Optional(s.hazard_id), s.reason, db::Optional(s.carried_from_event_id),
           s.recorded_by_user_id != 0 ? db::Value(s.recorded_by_user_id) : db::Value(),
           s.recorded_by_name, now})
      ->Get<int64_t>(0);
}

std::optional<Event> FindEvent(db::Transaction& tx, int64_t id, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope, "e");
  AddCondition(where, " AND s.id = $N", "", id);
  auto row = tx.QueryOne(std::string(kEventColumns) + where.sql, where.params);
  if (!row) return std::nullopt;
  return ReadEvent(*row);
}

bool UpdateEvent(db::Transaction& tx, const Event& s, int64_t expected_version,
                 const std::string& now) {
  return tx.Execute(kUpdateEvent, {s.id, s.state, db::Optional(s.revoked_at), s.revoke_reason,
                                   db::Optional(s.reinspected_at), s.reinspection_note, now,
                                   expected_version}) == 1;
}

std::vector<Event> ListEvents(db::Transaction& tx, const EventFilter& filter, const Bounds& scope,
                              int64_t limit, int64_t offset) {
  Where where = EventWhere(filter, scope);
  std::string sql = std::string(kEventColumns) + where.sql +
                    " ORDER BY s.occurred_at DESC, s.id DESC" + Paged(where, limit, offset);
  std::vector<Event> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(ReadEvent(row));
  return out;
}

int64_t CountEvents(db::Transaction& tx, const EventFilter& filter, const Bounds& scope) {
  Where where = EventWhere(filter, scope);
  return tx
      .QueryOne(
          "SELECT COUNT(*) FROM score_events s JOIN enterprises e ON e.id = "
          "s.enterprise_id " +
              where.sql,
          where.params)
      ->Get<int64_t>(0);
}

int64_t Total(db::Transaction& tx, int64_t enterprise_id, int cycle) {
  return tx
      .QueryOne(
          "SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT) FROM score_events WHERE "
          "enterprise_id = $1 AND cycle = $2 AND state = 'active'",
          {enterprise_id, int64_t{cycle}})
      ->Get<int64_t>(0);
}

std::set<int64_t> FollowedThresholds(db::Transaction& tx, int64_t enterprise_id, int cycle) {
  std::set<int64_t> out;
  for (const auto& row : tx.Query("SELECT threshold_points FROM score_followups WHERE "
                                  "enterprise_id = $1 AND cycle = $2",
                                  {enterprise_id, int64_t{cycle}})) {
    out.insert(row.Get<int64_t>(0));
  }
  return out;
}

std::optional<int64_t> InsertFollowup(db::Transaction& tx, const Followup& f) {
  auto row = tx.QueryOne(
      "INSERT INTO score_followups (enterprise_id, cycle, threshold_points, action, "
      "unit_region_code, total_at_crossing, crossed_at, due_on, status, created_at, updated_at, "
      "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $7, $7, 1) ON CONFLICT "
      "(enterprise_id, cycle, threshold_points) DO NOTHING RETURNING id",
      {f.enterprise_id, int64_t{f.cycle}, f.threshold_points, f.action, f.unit_region_code,
       f.total_at_crossing, f.crossed_at, f.due_on});
  if (!row) return std::nullopt;
  return row->Get<int64_t>(0);
}

std::optional<Followup> FindFollowup(db::Transaction& tx, int64_t id, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope, "e");
  AddCondition(where, " AND f.id = $N", "", id);
  auto row = tx.QueryOne(std::string(kFollowupColumns) + where.sql, where.params);
  if (!row) return std::nullopt;
  return ReadFollowup(*row);
}

bool UpdateFollowup(db::Transaction& tx, const Followup& f, int64_t expected_version,
                    const std::string& now) {
  return tx.Execute(
             "UPDATE score_followups SET status = $2, held_on = $3, attendees = $4, "
             "minutes = $5, note = $6, closed_at = $7, closed_by_name = $8, updated_at = "
             "$9, version = version + 1 WHERE id = $1 AND version = $10",
             {f.id, f.status, db::Optional(f.held_on), f.attendees, f.minutes, f.note,
              db::Optional(f.closed_at), f.closed_by_name, now, expected_version}) == 1;
}

std::vector<Followup> ListFollowups(db::Transaction& tx, const FollowupFilter& filter,
                                    const Bounds& scope, int64_t limit, int64_t offset) {
  Where where = FollowupWhere(filter, scope);
  std::string sql = std::string(kFollowupColumns) + where.sql +
                    " ORDER BY f.status DESC, f.due_on, f.id" + Paged(where, limit, offset);
  std::vector<Followup> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(ReadFollowup(row));
  return out;
}

int64_t CountFollowups(db::Transaction& tx, const FollowupFilter& filter, const Bounds& scope) {
  Where where = FollowupWhere(filter, scope);
  return tx
      .QueryOne(
          "SELECT COUNT(*) FROM score_followups f JOIN enterprises e ON e.id = "
          "f.enterprise_id " +
              where.sql,
          where.params)
      ->Get<int64_t>(0);
}

std::vector<Ranked> Rank(db::Transaction& tx, int cycle, int64_t min_points,
                         const std::string& region_code, const Bounds& scope, int64_t limit,
                         int64_t offset) {
  Where where = RankWhere(cycle, region_code, scope);
  std::string min = Bind(where, min_points);
  std::string sql =
      "SELECT e.id, e.name, e.uscc, e.region_code, CAST(SUM(s.points) AS BIGINT), COUNT(*) FROM "
      "score_events s JOIN enterprises e ON e.id = s.enterprise_id " +
      where.sql + " GROUP BY e.id, e.name, e.uscc, e.region_code HAVING SUM(s.points) >= " + min +
      " ORDER BY 5 DESC, e.id" + Paged(where, limit, offset);
  std::vector<Ranked> out;
  for (const auto& row : tx.Query(sql, where.params)) {
    out.push_back({row.Get<int64_t>(0), row.Get<std::string>(1), row.Get<std::string>(2),
                   row.Get<std::string>(3), row.Get<int64_t>(4), row.Get<int64_t>(5)});
  }
  return out;
}

int64_t CountRanked(db::Transaction& tx, int cycle, int64_t min_points,
                    const std::string& region_code, const Bounds& scope) {
  Where where = RankWhere(cycle, region_code, scope);
  std::string min = Bind(where, min_points);
  return tx
      .QueryOne(
          "SELECT COUNT(*) FROM (SELECT s.enterprise_id FROM score_events s JOIN "
          "enterprises e ON e.id = s.enterprise_id " +
              where.sql + " GROUP BY s.enterprise_id HAVING SUM(s.points) >= " + min + ") t",
          where.params)
      ->Get<int64_t>(0);
}

namespace {

// What the rollover judges of a hazard (`h`), as five columns from `first`.
constexpr std::string_view kHazardFacts =
    "h.state, h.deadline, h.verified_at, h.verified_on, (SELECT MIN(v.at) FROM hazard_events v "
    "WHERE v.hazard_id = h.id AND v.to_state = 'cancelled')";

HazardFacts ReadHazardFacts(const db::Row& row, size_t first) {
  return HazardFacts{row.Get<std::string>(first), row.GetOptional<std::string>(first + 1),
                     row.GetOptional<std::string>(first + 2),
                     row.GetOptional<std::string>(first + 3),
                     row.GetOptional<std::string>(first + 4)};
}

}  // namespace

std::optional<HazardFacts> HazardOf(db::Transaction& tx, int64_t hazard_id) {
  auto row = tx.QueryOne(fmt::format("SELECT {} FROM hazards h WHERE h.id = $1", kHazardFacts),
                         {hazard_id});
  if (!row) return std::nullopt;
  return ReadHazardFacts(*row, 0);
}

std::vector<int64_t> CarriedCopies(db::Transaction& tx, int64_t event_id) {
  std::vector<int64_t> out;
  std::optional<int64_t> next = event_id;
  while (next) {
    auto row = tx.QueryOne(
        "SELECT id FROM score_events WHERE carried_from_event_id = $1 AND state = 'active'",
        {*next});
    next.reset();
    if (row) {
      next = row->Get<int64_t>(0);
      out.push_back(*next);
    }
  }
  return out;
}

std::vector<Pending> Undecided(db::Transaction& tx, int target, int64_t after_id, int64_t limit) {
  // The event's columns (24), then its hazard's facts (the state NULL without one).
  static constexpr size_t kFacts = 24;
  std::vector<Pending> out;
  out.reserve(static_cast<size_t>(limit));
  for (const auto& row :
       tx.Query(fmt::format(
                    "{}LEFT JOIN hazards h ON h.id = s.hazard_id WHERE s.cycle = $1 AND "
                    "s.state = 'active' AND s.id > $2 AND NOT EXISTS (SELECT 1 FROM "
                    "score_rollovers r WHERE r.event_id = s.id AND r.target_cycle = $3) ORDER "
                    "BY s.id LIMIT $4",
                    std::string(kEventColumns)
                        .insert(kEventColumns.find(" FROM "), fmt::format(", {}", kHazardFacts))),
                {int64_t{target - 1}, after_id, int64_t{target}, limit})) {
    Pending p{ReadEvent(row), std::nullopt};
    if (!row.IsNull(kFacts)) p.hazard = ReadHazardFacts(row, kFacts);
    out.push_back(std::move(p));
  }
  return out;
}

void InsertDecisions(db::Transaction& tx, int target, const std::vector<RolloverDecision>& batch,
                     const std::string& decided_at) {
  if (batch.empty()) return;
  // $1 the cycle, $2 the instant, then three values an event: its id, whether it clears, why.
  // The statements' text depends on the batch's size alone, so a full batch's is prepared once.
  db::Params params{int64_t{target}, decided_at};
  params.reserve(2 + 3 * batch.size());
  std::string rows;
  for (const auto& d : batch) {
    size_t n = params.size();
    params.insert(params.end(), {d.event_id, int64_t{d.clears ? 1 : 0}, d.reason});
    fmt::format_to(std::back_inserter(rows), "{}(CAST(${} AS BIGINT), CAST(${} AS INTEGER), ${})",
                   rows.empty() ? "" : ", ", n + 1, n + 2, n + 3);
  }
  std::string with = fmt::format("WITH batch (id, clears, reason) AS (VALUES {}) ", rows);
  // First a copy of each carried event, keeping the original's day, points and links.
  tx.Execute(with +
                 "INSERT INTO score_events (enterprise_id, cycle, occurred_at, occurred_on, "
                 "points, source, checklist_item_id, item_text, inspection_id, hazard_id, "
                 "reason, carried_from_event_id, recorded_by_user_id, recorded_by_name, state, "
                 "created_at, updated_at, version) SELECT s.enterprise_id, $1, s.occurred_at, "
                 "s.occurred_on, s.points, 'carried', s.checklist_item_id, s.item_text, "
                 "s.inspection_id, s.hazard_id, s.reason, s.id, s.recorded_by_user_id, "
                 "s.recorded_by_name, 'active', $2, $2, 1 FROM batch b JOIN score_events s ON "
                 "s.id = b.id WHERE b.clears = 0 ORDER BY s.id",
             params);
  // Then every decision, a carried one naming its copy.
  tx.Execute(with +
                 "INSERT INTO score_rollovers (event_id, target_cycle, clears, reason, "
                 "carried_event_id, decided_at) SELECT b.id, $1, b.clears, b.reason, (SELECT "
                 "c.id FROM score_events c WHERE c.carried_from_event_id = b.id), $2 FROM batch "
                 "b ORDER BY b.id",
             params);
}

std::map<int64_t, int64_t> CarriedCopiesOf(db::Transaction& tx, int target, int64_t first_id,
                                           int64_t last_id) {
  std::map<int64_t, int64_t> out;
  for (const auto& row :
       tx.Query("SELECT event_id, carried_event_id FROM score_rollovers WHERE target_cycle = $1 "
                "AND event_id BETWEEN $2 AND $3 AND carried_event_id IS NOT NULL",
                {int64_t{target}, first_id, last_id})) {
    out.emplace(row.Get<int64_t>(0), row.Get<int64_t>(1));
  }
  return out;
}

std::vector<CycleTotal> CycleTotals(db::Transaction& tx, int cycle) {
  std::vector<CycleTotal> out;
  std::map<int64_t, size_t> at;
  for (const auto& row :
       tx.Query("SELECT t.enterprise_id, e.name, e.region_code, t.total FROM (SELECT "
                "enterprise_id, CAST(SUM(points) AS BIGINT) AS total FROM score_events WHERE "
                "cycle = $1 AND state = 'active' GROUP BY enterprise_id) t JOIN enterprises e ON "
                "e.id = t.enterprise_id ORDER BY t.enterprise_id",
                {int64_t{cycle}})) {
    at.emplace(row.Get<int64_t>(0), out.size());
    out.push_back({row.Get<int64_t>(0),
                   row.Get<std::string>(1),
                   row.Get<std::string>(2),
                   row.Get<int64_t>(3),
                   {}});
  }
  for (const auto& row :
       tx.Query("SELECT enterprise_id, threshold_points FROM score_followups WHERE cycle = $1",
                {int64_t{cycle}})) {
    if (auto found = at.find(row.Get<int64_t>(0)); found != at.end()) {
      out[found->second].followed.insert(row.Get<int64_t>(1));
    }
  }
  return out;
}

std::pair<int64_t, int64_t> CountDecisions(db::Transaction& tx, int target) {
  auto row = tx.QueryOne(
      "SELECT CAST(COALESCE(SUM(clears), 0) AS BIGINT), CAST(COALESCE(SUM(1 - clears), 0) AS "
      "BIGINT) FROM score_rollovers WHERE target_cycle = $1",
      {int64_t{target}});
  return {row->Get<int64_t>(0), row->Get<int64_t>(1)};
}

std::optional<RolloverDecision> DecisionFor(db::Transaction& tx, int64_t event_id, int target) {
  auto row = tx.QueryOne(
      "SELECT clears, reason, carried_event_id, decided_at FROM score_rollovers WHERE event_id = "
      "$1 AND target_cycle = $2",
      {event_id, int64_t{target}});
  if (!row) return std::nullopt;
  return RolloverDecision{event_id,
                          target,
                          row->Get<int64_t>(0) == 1,
                          row->Get<std::string>(1),
                          row->GetOptional<int64_t>(2),
                          row->Get<std::string>(3)};
}

namespace {

// A scored inspection: finished, by a supervising unit, against a checklist of purpose "scored".
constexpr std::string_view kScoredInspection =
    " i.status = 'finished' AND i.kind IN ('grid_patrol', 'town_routine', 'district_enforcement', "
    "'special_campaign') AND EXISTS (SELECT 1 FROM checklist_versions v JOIN checklists c ON "
    "c.id = v.checklist_id WHERE v.id = i.checklist_version_id AND c.purpose = 'scored')";

// Operating enterprises of the scored sectors in scope (`e`): any of the tags.
Where SectorWhere(const Bounds& scope, const std::vector<std::string>& tags) {
  Where where = enterprise::store::ScopeWhere(scope, "e");
  AddCondition(where, " AND e.status = 'operating'", "", std::nullopt);
  std::string any = " AND (";
  for (size_t i = 0; i < tags.size(); ++i) {
    if (i > 0) any += " OR ";
    any += "e.hazard_tags LIKE " + Bind(where, "%," + tags[i] + ",%");
  }
  where.sql += tags.empty() ? " AND 1 = 0" : any + ")";
  return where;
}

// Reached by a scored inspection finished in [from, to).
std::string Reached(Where& where, const std::string& from, const std::string& to) {
  std::string a = Bind(where, from);
  std::string b = Bind(where, to);
  return "EXISTS (SELECT 1 FROM inspections i WHERE i.enterprise_id = e.id AND" +
         std::string(kScoredInspection) + " AND i.finished_at >= " + a + " AND i.finished_at < " +
         b + ")";
}

}  // namespace

std::vector<std::string> ScoredTags(db::Transaction& tx) {
  std::set<std::string> tags;
  for (const auto& row : tx.Query("SELECT hazard_tags FROM checklists WHERE purpose = 'scored'")) {
    std::string encoded = row.Get<std::string>(0);
    size_t start = 0;
    while (start < encoded.size()) {
      size_t end = encoded.find(',', start);
      if (end == std::string::npos) end = encoded.size();
      if (end > start) tags.insert(encoded.substr(start, end - start));
      start = end + 1;
    }
  }
  return {tags.begin(), tags.end()};
}

std::vector<TownQuarter> QuarterByTown(db::Transaction& tx, const Bounds& scope,
                                       const std::vector<std::string>& tags,
                                       const std::string& from, const std::string& to,
                                       const std::string& first, const std::string& last) {
  std::map<std::string, TownQuarter> towns;
  auto town = [&towns](const std::string& code) -> TownQuarter& {
    auto& row = towns[code];
    row.town = code;
    return row;
  };
  {
    Where where = SectorWhere(scope, tags);
    std::string reached = Reached(where, from, to);
    std::string a = Bind(where, from);
    std::string b = Bind(where, to);
    std::string planned =
        "EXISTS (SELECT 1 FROM inspection_plan_targets t JOIN inspection_plans p ON p.id = "
        "t.plan_id WHERE t.enterprise_id = e.id AND p.kind IN ('grid_patrol', 'town_routine', "
        "'district_enforcement', 'special_campaign') AND p.window_start < " +
        b + " AND p.window_end > " + a + ")";
    std::string sql = "SELECT SUBSTR(e.region_code, 1, 9), COUNT(*), COALESCE(SUM(CASE WHEN ";
    sql += reached;
    sql += " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN ";
    sql += planned;
    sql += " THEN 1 ELSE 0 END), 0) FROM enterprises e ";
    sql += where.sql;
    sql += " GROUP BY 1";
    for (const auto& row : tx.Query(sql, where.params)) {
      auto& t = town(row.Get<std::string>(0));
      t.enterprises = row.Get<int64_t>(1);
      t.inspected = row.Get<int64_t>(2);
      t.planned = row.Get<int64_t>(3);
    }
  }
  {
    Where where = enterprise::store::ScopeWhere(scope, "e");
    std::string a = Bind(where, from);
    std::string b = Bind(where, to);
    std::string sql =
        "SELECT SUBSTR(e.region_code, 1, 9), COUNT(*) FROM inspections i JOIN enterprises e ON "
        "e.id = i.enterprise_id " +
        where.sql + " AND" + std::string(kScoredInspection) + " AND i.finished_at >= " + a +
        " AND i.finished_at < " + b + " GROUP BY 1";
    for (const auto& row : tx.Query(sql, where.params)) {
      town(row.Get<std::string>(0)).inspections = row.Get<int64_t>(1);
    }
  }
  {
    Where where = enterprise::store::ScopeWhere(scope, "e");
    std::string a = Bind(where, first);
    std::string b = Bind(where, last);
    std::string sql =
        "SELECT SUBSTR(e.region_code, 1, 9), COUNT(*), CAST(COALESCE(SUM(s.points), 0) AS BIGINT) "
        "FROM score_events s JOIN enterprises e ON e.id = s.enterprise_id " +
        where.sql + " AND s.state = 'active' AND s.source <> 'carried' AND s.occurred_on BETWEEN " +
        a + " AND " + b + " GROUP BY 1";
    for (const auto& row : tx.Query(sql, where.params)) {
      auto& t = town(row.Get<std::string>(0));
      t.events = row.Get<int64_t>(1);
      t.points = row.Get<int64_t>(2);
    }
  }
  {
    Where where = enterprise::store::ScopeWhere(scope, "e");
    std::string a = Bind(where, from);
    std::string b = Bind(where, to);
    std::string sql =
        "SELECT SUBSTR(e.region_code, 1, 9), COALESCE(SUM(CASE WHEN f.crossed_at >= " + a +
        " AND f.crossed_at < " + b +
        " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN f.status = 'open' THEN 1 "
        "ELSE 0 END), 0) FROM score_followups f JOIN enterprises e ON e.id = "
        "f.enterprise_id " +
        where.sql + " GROUP BY 1";
    for (const auto& row : tx.Query(sql, where.params)) {
      auto& t = town(row.Get<std::string>(0));
      t.thresholds = row.Get<int64_t>(1);
      t.followups_open = row.Get<int64_t>(2);
    }
  }
  std::vector<TownQuarter> out;
  out.reserve(towns.size());
  for (auto& [code, row] : towns) out.push_back(row);
  return out;
}

std::vector<Missing> MissingInQuarter(db::Transaction& tx, const Bounds& scope,
                                      const std::vector<std::string>& tags, const std::string& from,
                                      const std::string& to, int64_t limit, int64_t offset) {
  Where where = SectorWhere(scope, tags);
  std::string reached = Reached(where, from, to);
  std::string sql = "SELECT e.id, e.name, e.uscc, e.region_code FROM enterprises e " + where.sql +
                    " AND NOT " + reached + " ORDER BY e.region_code, e.id" +
                    Paged(where, limit, offset);
  std::vector<Missing> out;
  for (const auto& row : tx.Query(sql, where.params)) {
    out.push_back({row.Get<int64_t>(0), row.Get<std::string>(1), row.Get<std::string>(2),
                   row.Get<std::string>(3)});
  }
  return out;
}

int64_t CountMissingInQuarter(db::Transaction& tx, const Bounds& scope,
                              const std::vector<std::string>& tags, const std::string& from,
                              const std::string& to) {
  Where where = SectorWhere(scope, tags);
  std::string reached = Reached(where, from, to);
  return tx
      .QueryOne("SELECT COUNT(*) FROM enterprises e " + where.sql + " AND NOT " + reached,
                where.params)
      ->Get<int64_t>(0);
}

std::vector<Checked> SpotCheck(db::Transaction& tx, const Bounds& scope, const std::string& from,
                               const std::string& to, int64_t seed, int64_t limit) {
  Where where = enterprise::store::ScopeWhere(scope, "e");
  std::string a = Bind(where, from);
  std::string b = Bind(where, to);
  std::string s = Bind(where, seed);
  std::string l = Bind(where, limit);
  // A multiplicative hash of the id mixed with the seed: a fixed shuffle per quarter and scope.
  std::string sql =
      "SELECT i.id, e.id, e.name, e.region_code, i.kind, i.inspector_name, i.finished_at, (SELECT "
      "COUNT(*) FROM inspection_results r WHERE r.inspection_id = i.id AND r.result = 'finding') "
      "FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id " +
      where.sql + " AND" + std::string(kScoredInspection) + " AND i.finished_at >= " + a +
      " AND i.finished_at < " + b + " ORDER BY ((i.id + " + s +
      ") * 2654435761) % 1000003, i.id LIMIT " + l;
  std::vector<Checked> out;
  for (const auto& row : tx.Query(sql, where.params)) {
    out.push_back({row.Get<int64_t>(0), row.Get<int64_t>(1), row.Get<std::string>(2),
                   row.Get<std::string>(3), row.Get<std::string>(4), row.Get<std::string>(5),
                   row.Get<std::string>(6), row.Get<int64_t>(7)});
  }
  return out;
}

std::vector<QuarterPlan> QuarterPlans(db::Transaction& tx, const std::string& quarter) {
  std::vector<QuarterPlan> out;
  for (const auto& row : tx.Query(
           "SELECT q.town, q.slot, p.id, p.name, p.starts_on, p.due_on FROM score_quarter_plans q "
           "JOIN inspection_plans p ON p.id = q.plan_id WHERE q.quarter = $1 ORDER BY q.town, "
           "q.slot",
           {quarter})) {
    out.push_back({row.Get<std::string>(0), row.Get<std::string>(1), row.Get<int64_t>(2),
                   row.Get<std::string>(3), row.Get<std::string>(4), row.Get<std::string>(5)});
  }
  return out;
}

bool QuarterPlanned(db::Transaction& tx, const std::string& town, const std::string& quarter) {
  return tx
      .QueryOne("SELECT 1 FROM score_quarter_plans WHERE town = $1 AND quarter = $2",
                {town, quarter})
      .has_value();
}

void InsertQuarterPlan(db::Transaction& tx, const std::string& town, const std::string& quarter,
                       const std::string& slot, int64_t plan_id, const std::string& now) {
  tx.Execute(
      "INSERT INTO score_quarter_plans (town, quarter, slot, plan_id, created_at) VALUES ($1, $2, "
      "$3, $4, $5)",
      {town, quarter, slot, plan_id, now});
}

std::vector<int64_t> SectorEnterprises(db::Transaction& tx, const Bounds& scope,
                                       const std::vector<std::string>& tags) {
  Where where = SectorWhere(scope, tags);
  std::vector<int64_t> out;
  for (const auto& row :
       tx.Query("SELECT e.id FROM enterprises e " + where.sql + " ORDER BY e.id", where.params)) {
    out.push_back(row.Get<int64_t>(0));
  }
  return out;
}

namespace {

// Raise-frequency follow-ups of the cycles, of operating enterprises in scope.
Where RaisedWhere(const Bounds& scope, const std::vector<int>& cycles) {
  Where where = enterprise::store::ScopeWhere(scope, "e");
  AddCondition(where, " AND e.status = 'operating' AND f.action = $N", "",
               std::string(kRaiseFrequency));
  std::string any = " AND f.cycle IN (";
  for (size_t i = 0; i < cycles.size(); ++i) {
    if (i > 0) any += ", ";
    any += Bind(where, int64_t{cycles[i]});
  }
  where.sql += cycles.empty() ? " AND 1 = 0" : any + ")";
  return where;
}

}  // namespace

std::vector<int64_t> RaisedEnterprises(db::Transaction& tx, const Bounds& scope,
                                       const std::vector<int>& cycles) {
  Where where = RaisedWhere(scope, cycles);
  std::vector<int64_t> out;
  for (const auto& row :
       tx.Query("SELECT DISTINCT e.id FROM score_followups f JOIN enterprises e ON e.id = "
                "f.enterprise_id " +
                    where.sql + " ORDER BY e.id",
                where.params)) {
    out.push_back(row.Get<int64_t>(0));
  }
  return out;
}

std::vector<Followup> OpenRaiseFollowups(db::Transaction& tx, const Bounds& scope,
                                         const std::vector<int>& cycles) {
  Where where = RaisedWhere(scope, cycles);
  std::vector<Followup> out;
  for (const auto& row :
       tx.Query(std::string(kFollowupColumns) + where.sql + " AND f.status = 'open' ORDER BY f.id",
                where.params)) {
    out.push_back(ReadFollowup(row));
  }
  return out;
}

}  // namespace anjian::scoring::store
