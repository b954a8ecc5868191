#include "modules/hazard/hazard_store.hpp"

#include <array>
#include <map>
#include <tuple>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "modules/enterprise/enterprise_store.hpp"

namespace anjian::hazard::store {
namespace {

using enterprise::store::AddCondition;
using enterprise::store::Bind;
using enterprise::store::Where;

constexpr std::string_view kColumns =
    "SELECT h.id, h.enterprise_id, h.inspection_id, h.checklist_item_id, h.description, "
    "h.location, h.level, h.source, h.hazard_type, h.classification, h.handling, h.state, "
    "h.deadline, h.responsible_person, h.measures, h.notice_id, n.number, "
    "h.notified_unit_region_code, h.found_by_user_id, h.found_by_name, h.found_on, h.listed_at, "
    "h.delisted_at, h.verified_at, h.created_at, h.updated_at, h.version, e.name, e.region_code, "
    "h.verified_on ";
constexpr std::string_view kFrom =
    "FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id LEFT JOIN notices n ON n.id = "
    "h.notice_id ";
// The states in which a hazard is still open: overdue and "open" are derived from these.
constexpr std::string_view kOpenCondition = " AND h.state NOT IN ('verified', 'cancelled')";
constexpr std::string_view kOverdueCondition =
    " AND h.state NOT IN ('verified', 'cancelled') AND h.deadline < $N";
constexpr std::string_view kListedCondition =
    " AND h.listed_at IS NOT NULL AND h.delisted_at IS NULL";
constexpr std::string_view kInsert =
    "INSERT INTO hazards (enterprise_id, inspection_id, checklist_item_id, description, location, "
    "level, source, hazard_type, classification, handling, state, deadline, responsible_person, "
    "measures, found_by_user_id, found_by_name, found_on, listed_at, created_at, updated_at, "
    "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
    "$18, $19, $19, 1) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE hazards SET state = $2, deadline = $3, responsible_person = $4, measures = $5, "
    "notice_id = $6, notified_unit_region_code = $7, handling = $8, delisted_at = $9, "
    "verified_at = $10, verified_on = $11, updated_at = $12, version = version + 1 WHERE id = $1 "
    "AND version = $13";
constexpr std::string_view kInsertEvent =
    "INSERT INTO hazard_events (hazard_id, action, from_state, to_state, actor_user_id, "
    "actor_name, at, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr std::string_view kEvents =
    "SELECT id, hazard_id, action, from_state, to_state, actor_user_id, actor_name, at, details "
    "FROM hazard_events WHERE hazard_id = $1 ORDER BY id";
constexpr std::string_view kNextSequence =
    "INSERT INTO notice_counters (unit_region_code, year, last) VALUES ($1, $2, 1) ON CONFLICT "
    "(unit_region_code, year) DO UPDATE SET last = notice_counters.last + 1 RETURNING last";
constexpr std::string_view kInsertNotice =
    "INSERT INTO notices (number, unit_region_code, year, sequence, enterprise_id, "
    "issued_by_user_id, issued_by_name, issued_on, deadline, responsible_person, measures, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";
constexpr std::string_view kNoticeColumns =
    "SELECT n.id, n.number, n.unit_region_code, r.name, n.year, n.sequence, n.enterprise_id, "
    "e.name, e.uscc, n.issued_by_user_id, n.issued_by_name, n.issued_on, n.deadline, "
    "n.responsible_person, n.measures, n.created_at FROM "
    "notices n JOIN enterprises e ON e.id = n.enterprise_id JOIN regions r ON r.code = "
    "n.unit_region_code ";

Hazard Read(const db::Row& row) {
  Hazard h;
  h.id = row.Get<int64_t>(0);
  h.enterprise_id = row.Get<int64_t>(1);
  h.inspection_id = row.GetOptional<int64_t>(2);
  h.checklist_item_id = row.GetOptional<int64_t>(3);
  h.description = row.Get<std::string>(4);
  h.location = row.Get<std::string>(5);
  h.level = row.Get<std::string>(6);
  h.source = row.Get<std::string>(7);
  h.hazard_type = row.Get<std::string>(8);
  h.classification = row.Get<std::string>(9);
  h.handling = row.Get<std::string>(10);
  h.state = ParseState(row.Get<std::string>(11)).value_or(State::kReported);
  h.deadline = row.GetOptional<std::string>(12);
  h.responsible_person = row.Get<std::string>(13);
  h.measures = row.Get<std::string>(14);
  h.notice_id = row.GetOptional<int64_t>(15);
  h.notice_number = row.GetOptional<std::string>(16);
  h.notified_unit_region_code = row.GetOptional<std::string>(17);
  h.found_by_user_id = row.Get<int64_t>(18);
  h.found_by_name = row.Get<std::string>(19);
  h.found_on = row.Get<std::string>(20);
  h.listed_at = row.GetOptional<std::string>(21);
  h.delisted_at = row.GetOptional<std::string>(22);
  h.verified_at = row.GetOptional<std::string>(23);
  h.created_at = row.Get<std::string>(24);
  h.updated_at = row.Get<std::string>(25);
  h.version = row.Get<int64_t>(26);
  h.enterprise_name = row.Get<std::string>(27);
  h.region_code = row.Get<std::string>(28);
  h.verified_on = row.GetOptional<std::string>(29);
  return h;
}

Where BuildWhere(const Filter& f, const Bounds& scope, std::string_view today, bool walk = false) {
  auto bounds = scope.Within(f.region_code);
  Where where = walk ? enterprise::store::ScopeScanWhere(bounds, "e")
                     : enterprise::store::ScopeWhere(bounds, "e");
  auto add = [&where](std::string_view condition, std::optional<db::Value> value) {
    AddCondition(where, condition, "", std::move(value));
  };
  if (f.enterprise_id) add(" AND h.enterprise_id = $N", *f.enterprise_id);
  if (f.inspection_id) add(" AND h.inspection_id = $N", *f.inspection_id);
  if (f.notice_id) add(" AND h.notice_id = $N", *f.notice_id);
  if (f.state == "open") {
    add(kOpenCondition, std::nullopt);
  } else if (!f.state.empty()) {
    add(" AND h.state = $N", f.state);
  }
  if (!f.level.empty()) add(" AND h.level = $N", f.level);
  if (f.overdue) add(kOverdueCondition, std::string(today));
  if (f.listed) add(kListedCondition, std::nullopt);
  if (!f.q.empty()) add(" AND h.description LIKE $N ESCAPE '\\'", LikeContains(f.q));
  return where;
}

constexpr std::string_view kFromScoped =
    " FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id ";

db::Params LoopParams(const Hazard& h) {
  return {h.id,
          std::string(StateName(h.state)),
          db::Optional(h.deadline),
          h.responsible_person,
          h.measures,
          db::Optional(h.notice_id),
          db::Optional(h.notified_unit_region_code),
          h.handling,
          db::Optional(h.delisted_at),
          db::Optional(h.verified_at),
          db::Optional(h.verified_on)};
}

// ---- The dashboard's tallies (hazard_tallies): how many hazards of each town, and of each
// village, count for each figure on each day and month, kept in the transaction of every write,
// so that a city's figures are sums over its sixty towns and a town's breakdown by village a sum
// over its villages, instead of counts over a million hazards.

// What the hazards matching `where` contribute, as (kind, day, area, n) rows with n = `sign` per
// hazard; every kind twice: by town (area = the nine digits of the enterprise's town) and, as
// "v:<kind>", by village (area = the enterprise's region code). A dated kind counts once by its
// day and once, as "<kind>/month", by its month; a current one (a state, listed) has the day ''.
// Figures derived from these:
//   found, verified       — by found_on / verified_on;
//   pending               — open (neither verified nor cancelled) with a deadline, by deadline:
//                           due once its deadline has passed, and overdue then;
//   due_verified, on_time — verified with a deadline, by deadline; on time when verified by it.
std::string ContributionsSql(std::string_view where, int sign) {
  struct Kind {
    std::string_view name;
    std::string_view day;  // an expression, or "" for a current kind
    std::string_view condition;
  };
  static constexpr std::array<Kind, 7> kKinds = {{
      {"'found'", "h.found_on", ""},
      {"'verified'", "h.verified_on", " AND h.verified_on IS NOT NULL"},
      {"'pending'", "h.deadline",
       " AND h.deadline IS NOT NULL AND h.state NOT IN ('verified', 'cancelled')"},
      {"'due_verified'", "h.deadline", " AND h.deadline IS NOT NULL AND h.state = 'verified'"},
      {"'on_time'", "h.deadline", " AND h.state = 'verified' AND h.verified_on <= h.deadline"},
      {"'state:' || h.state", "", ""},
      {"'listed'", "", " AND h.listed_at IS NOT NULL AND h.delisted_at IS NULL"},
  }};
  struct Level {
    std::string_view kind_prefix;
    std::string_view area;
  };
  static constexpr std::array<Level, 2> kLevels = {{
      {"", "SUBSTR(e.region_code, 1, 9)"},
      {"'v:' || ", "e.region_code"},
  }};
  std::string n = std::to_string(sign);
  std::string sql = "SELECT kind, day, area, CAST(SUM(n) AS BIGINT) AS n FROM (";
  bool first = true;
  auto branch = [&](const Level& level, std::string_view kind, std::string_view suffix,
                    const std::string& day, std::string_view condition) {
    if (!first) sql += " UNION ALL ";
    first = false;
    sql.append("SELECT ").append(level.kind_prefix).append(kind).append(suffix);
    sql.append(" AS kind, ").append(day).append(" AS day, ").append(level.area);
    sql.append(" AS area, ").append(n);
    sql.append(" AS n FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE ");
    sql.append(where).append(condition);
  };
  for (const auto& level : kLevels) {
    for (const auto& kind : kKinds) {
      if (kind.day.empty()) {
        branch(level, kind.name, "", "''", kind.condition);
        continue;
      }
      branch(level, kind.name, "", std::string(kind.day), kind.condition);
      branch(level, kind.name, " || '/month'", "SUBSTR(" + std::string(kind.day) + ", 1, 7)",
             kind.condition);
    }
  }
  sql += ") c GROUP BY kind, day, area";
  return sql;
}

// Adds the contributions to the tallies (`WHERE true` lets SQLite parse the upsert after a SELECT).
void AddContributions(db::Transaction& tx, std::string_view where, const db::Params& params,
                      int sign) {
  tx.Execute("INSERT INTO hazard_tallies (kind, day, area, n) SELECT * FROM (" +
                 ContributionsSql(where, sign) +
                 ") t WHERE true ON CONFLICT (kind, day, area) DO UPDATE SET n = "
                 "hazard_tallies.n + excluded.n",
             params);
}

// The marker row of tallies that match the hazards (see migration 0010).
constexpr std::string_view kBuiltMarker =
    "SELECT 1 FROM hazard_tallies WHERE kind = 'built' AND day = '' AND area = ''";

// The tallies that hold a scope: its range of areas and the prefix of their kinds.
struct Area {
  std::string low;
  std::string high;
  std::string kind_prefix;  // "" for towns, "v:" for villages
};

// A scope of regions — not an enterprise's or a grid worker's — is in the tallies: by town when
// it is made of whole towns (from the whole country down to one town) and no finer grouping than
// towns is asked for (`finest` digits of the region code), by village otherwise.
std::optional<Area> TallyArea(const Bounds& scope, int64_t finest = 9) {
  if (scope.own_enterprise_id != 0 || scope.grid_user_id != 0) return std::nullopt;
  if (scope.low.size() != 12 || scope.high.size() != 12) return std::nullopt;
  if (finest <= 9 && scope.low.substr(9) == "000" && scope.high.substr(9) == "999") {
    return Area{scope.low.substr(0, 9), scope.high.substr(0, 9), ""};
  }
  return Area{scope.low, scope.high, "v:"};
}

// Sums a dated kind over the area and the China days [from, to], grouped by `group` (an
// expression over day and area; '' for one total): whole months from the month rows, the
// part-months from the day rows.
std::map<std::string, int64_t> SumTallies(db::Transaction& tx, const Area& area,
                                          std::string_view kind, std::string_view from,
                                          std::string_view to, std::string_view group) {
  auto spans = SplitByMonths(from, to);
  std::string part = "SELECT " + std::string(group) +
                     " AS g, n FROM hazard_tallies WHERE kind = $K AND day BETWEEN $A AND $B AND "
                     "area BETWEEN $1 AND $2";
  auto with = [&part](std::string_view k, std::string_view a, std::string_view b) {
    std::string sql = part;
    sql.replace(sql.find("$K"), 2, k);
    sql.replace(sql.find("$A"), 2, a);
    sql.replace(sql.find("$B"), 2, b);
    return sql;
  };
  std::string sql = "SELECT g, CAST(SUM(n) AS BIGINT) FROM (" + with("$3", "$5", "$6") +
                    " UNION ALL " + with("$4", "$7", "$8") + " UNION ALL " +
                    with("$3", "$9", "$10") + ") t GROUP BY g";
  std::string name = area.kind_prefix + std::string(kind);
  std::map<std::string, int64_t> out;
  for (const auto& row :
       tx.Query(sql, {area.low, area.high, name, name + "/month", spans.head_days.first,
                      spans.head_days.second, spans.months.first, spans.months.second,
                      spans.tail_days.first, spans.tail_days.second})) {
    if (auto n = row.Get<int64_t>(1); n != 0) out[row.Get<std::string>(0)] = n;
  }
  return out;
}

int64_t Total(const std::map<std::string, int64_t>& sums) {
  int64_t total = 0;
  for (const auto& [key, n] : sums) total += n;
  return total;
}

// A region's prefix of the area column, for grouping by child region.
std::string AreaPrefix(int64_t length) { return "SUBSTR(area, 1, " + std::to_string(length) + ")"; }

// Current counts of a kind with no day ("state:<state>", "listed"), grouped by `group` (as in
// SumTallies) then kind, the prefix taken off.
std::vector<std::tuple<std::string, std::string, int64_t>> SumCurrent(db::Transaction& tx,
                                                                      const Area& area,
                                                                      std::string_view first,
                                                                      std::string_view last,
                                                                      std::string_view group) {
  std::vector<std::tuple<std::string, std::string, int64_t>> out;
  auto skip = std::to_string(area.kind_prefix.size() + 1);
  for (const auto& row :
       tx.Query("SELECT " + std::string(group) + ", SUBSTR(kind, " + skip +
                    "), CAST(SUM(n) AS BIGINT) FROM hazard_tallies WHERE kind BETWEEN $3 AND $4 "
                    "AND day = '' AND area BETWEEN $1 AND $2 GROUP BY 1, 2 ORDER BY 1, 2",
                {area.low, area.high, area.kind_prefix + std::string(first),
                 area.kind_prefix + std::string(last)})) {
    if (auto n = row.Get<int64_t>(2); n != 0) {
      out.emplace_back(row.Get<std::string>(0), row.Get<std::string>(1), n);
    }
  }
  return out;
}

// Hazards by state now ("state:<state>" rows), grouped.
std::vector<std::tuple<std::string, std::string, int64_t>> SumStates(db::Transaction& tx,
                                                                     const Area& area,
                                                                     std::string_view group) {
  auto rows = SumCurrent(tx, area, "state:", "state:~", group);
  for (auto& [g, kind, n] : rows) kind = kind.substr(6);
  return rows;
}

// The first day the tallies reach back to when summing "everything before".
constexpr std::string_view kBeginning = "1900-01-01";

// The count of a filter the tallies hold: a scope of regions with nothing but a state, "open",
// overdue (of any open state) or listed. Nothing for any other filter.
std::optional<int64_t> CountFromTallies(db::Transaction& tx, const Filter& filter,
                                        const Bounds& scope, std::string_view today) {
  Filter rest = filter;
  rest.region_code.clear();
  rest.state.clear();
  rest.overdue = false;
  rest.listed = false;
  if (rest != Filter{}) return std::nullopt;
  auto area = TallyArea(scope.Within(filter.region_code));
  if (!area) return std::nullopt;
  bool any_open = filter.state.empty() || filter.state == "open";
  if (filter.overdue) {
    if (!any_open || filter.listed) return std::nullopt;
    return Total(SumTallies(tx, *area, "pending", kBeginning, *AddDays(today, -1), "''"));
  }
  int64_t n = 0;
  if (filter.listed) {
    if (!filter.state.empty()) return std::nullopt;
    for (const auto& [group, kind, count] : SumCurrent(tx, *area, "listed", "listed", "''")) {
      n += count;
    }
    return n;
  }
  for (const auto& [group, state, count] : SumStates(tx, *area, "''")) {
    bool open = IsOpen(ParseState(state).value_or(State::kVerified));
    if (filter.state.empty() || (filter.state == "open" && open) || filter.state == state) {
      n += count;
    }
  }
  return n;
}

}  // namespace

std::vector<Hazard> List(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                         std::string_view today, int64_t limit, int64_t offset, int64_t total) {
  if (total <= 0) return {};
  // Two ways to a page, as for enterprises: collect the scope's hazards through its enterprises
  // and sort them (a narrow scope), or walk all hazards newest first and keep those in scope
  // until the page is full (a wide one: about (offset + limit) × all / total rows, since every
  // region's hazards are spread over time). A city's first page costs 0.5 ms instead of 290.
  double everything =
      static_cast<double>(tx.QueryOne("SELECT COALESCE(MAX(id), 0) FROM hazards")->Get<int64_t>(0));
  double expected = static_cast<double>(offset + limit) * everything / static_cast<double>(total);
  auto where = BuildWhere(filter, scope, today, expected < static_cast<double>(total));
  std::string sql = std::string(kColumns) + std::string(kFrom) + where.sql + " ORDER BY h.id DESC";
  where.params.emplace_back(limit);
  sql += " LIMIT $" + std::to_string(where.params.size());
  where.params.emplace_back(offset);
  sql += " OFFSET $" + std::to_string(where.params.size());
  std::vector<Hazard> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(Read(row));
  return out;
}

int64_t Count(db::Transaction& tx, const Filter& filter, const Bounds& scope,
              std::string_view today) {
  if (auto tallied = CountFromTallies(tx, filter, scope, today)) return *tallied;
  auto where = BuildWhere(filter, scope, today);
  return tx
      .QueryOne("SELECT COUNT(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id " +
                    where.sql,
                where.params)
      ->Get<int64_t>(0);
}

std::optional<Hazard> Find(db::Transaction& tx, int64_t id, const Bounds& scope) {
  auto where = enterprise::store::ScopeWhere(scope, "e");
  AddCondition(where, " AND h.id = $N", "", id);
  auto row = tx.QueryOne(std::string(kColumns) + std::string(kFrom) + where.sql, where.params);
  if (!row) return std::nullopt;
  return Read(*row);
}

int64_t Insert(db::Transaction& tx, const Hazard& h, const std::string& now) {
  int64_t id = tx.QueryOne(kInsert, {h.enterprise_id, db::Optional(h.inspection_id),
                                     db::Optional(h.checklist_item_id), h.description, h.location,
                                     h.level, h.source, h.hazard_type, h.classification, h.handling,
                                     std::string(StateName(h.state)), db::Optional(h.deadline),
                                     h.responsible_person, h.measures, h.found_by_user_id,
                                     h.found_by_name, h.found_on, db::Optional(h.listed_at), now})
                   ->Get<int64_t>(0);
  AddContributions(tx, "h.id = $1", {id}, 1);
  return id;
}

bool Update(db::Transaction& tx, const Hazard& hazard, int64_t expected_version,
            const std::string& now) {
  auto params = LoopParams(hazard);
  params.emplace_back(now);
  params.emplace_back(expected_version);
  // Out with what the hazard counted for, in with what it counts for now (the same again when
  // the version did not match and nothing changed).
  AddContributions(tx, "h.id = $1", {hazard.id}, -1);
  bool updated = tx.Execute(kUpdate, params) == 1;
  AddContributions(tx, "h.id = $1", {hazard.id}, 1);
  return updated;
}

void AddEnterpriseToTallies(db::Transaction& tx, int64_t enterprise_id, int sign) {
  AddContributions(tx, "h.enterprise_id = $1", {enterprise_id}, sign);
}

bool TalliesBuilt(db::Transaction& tx) { return tx.QueryOne(kBuiltMarker).has_value(); }

void RebuildTallies(db::Transaction& tx) {
  tx.Execute("DELETE FROM hazard_tallies");
  tx.Execute("INSERT INTO hazard_tallies (kind, day, area, n) " + ContributionsSql("true", 1));
  tx.Execute("INSERT INTO hazard_tallies (kind, day, area, n) VALUES ('built', '', '', 1)");
}

Figures CountFigures(db::Transaction& tx, const Bounds& scope, const std::string& from,
                     const std::string& to, const std::string& today) {
  if (auto area = TallyArea(scope)) {
    std::string yesterday = *AddDays(today, -1);
    Figures f;
    f.found = Total(SumTallies(tx, *area, "found", from, to, "''"));
    f.verified = Total(SumTallies(tx, *area, "verified", from, to, "''"));
    f.due = Total(SumTallies(tx, *area, "due_verified", from, to, "''")) +
            Total(SumTallies(tx, *area, "pending", from, std::min(to, yesterday), "''"));
    f.on_time = Total(SumTallies(tx, *area, "on_time", from, to, "''"));
    for (const auto& [group, state, n] : SumStates(tx, *area, "''")) {
      if (IsOpen(ParseState(state).value_or(State::kVerified))) f.open += n;
    }
    f.overdue = Total(SumTallies(tx, *area, "pending", kBeginning, yesterday, "''"));
    for (const auto& [group, kind, n] : SumCurrent(tx, *area, "listed", "listed", "''")) {
      f.listed += n;
    }
    return f;
  }
  auto where = enterprise::store::ScopeWhere(scope, "e");
  std::string a = Bind(where, from);
  std::string b = Bind(where, to);
  std::string t = Bind(where, today);
  std::string open = "h.state NOT IN ('verified', 'cancelled')";
  std::string due = "h.state <> 'cancelled' AND h.deadline BETWEEN " + a + " AND " + b +
                    " AND (h.deadline < " + t + " OR h.state = 'verified')";
  std::string sql =
      "SELECT COALESCE(SUM(CASE WHEN h.found_on BETWEEN " + a + " AND " + b +
      " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN h.verified_on BETWEEN " + a + " AND " + b +
      " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN " + due +
      " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN " + due +
      " AND h.verified_on <= h.deadline THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN " + open +
      " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN " + open + " AND h.deadline < " + t +
      " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN h.listed_at IS NOT NULL AND "
      "h.delisted_at IS NULL THEN 1 ELSE 0 END), 0)" +
      std::string(kFromScoped) + where.sql;
  auto row = tx.QueryOne(sql, where.params);
  return {row->Get<int64_t>(0), row->Get<int64_t>(1), row->Get<int64_t>(2), row->Get<int64_t>(3),
          row->Get<int64_t>(4), row->Get<int64_t>(5), row->Get<int64_t>(6)};
}

std::vector<std::pair<std::string, int64_t>> CountByState(db::Transaction& tx,
                                                          const Bounds& scope) {
  if (auto area = TallyArea(scope)) {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const auto& [group, state, n] : SumStates(tx, *area, "''")) out.emplace_back(state, n);
    return out;
  }
  auto where = enterprise::store::ScopeWhere(scope, "e");
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& row : tx.Query("SELECT h.state, COUNT(*)" + std::string(kFromScoped) +
                                      where.sql + " GROUP BY h.state ORDER BY h.state",
                                  where.params)) {
    out.emplace_back(row.Get<std::string>(0), row.Get<int64_t>(1));
  }
  return out;
}

std::vector<Month> CountByMonth(db::Transaction& tx, const Bounds& scope, const std::string& from,
                                const std::string& to) {
  std::map<std::string, Month> months;
  if (auto area = TallyArea(scope)) {
    for (const auto& [month, n] : SumTallies(tx, *area, "found", from, to, "SUBSTR(day, 1, 7)")) {
      months[month].found = n;
    }
    for (const auto& [month, n] :
         SumTallies(tx, *area, "verified", from, to, "SUBSTR(day, 1, 7)")) {
      months[month].verified = n;
    }
    for (auto& [key, month] : months) month.month = key;
  } else {
    for (const char* column : {"found_on", "verified_on"}) {
      auto where = enterprise::store::ScopeWhere(scope, "e");
      std::string a = Bind(where, from);
      std::string b = Bind(where, to);
      std::string c = std::string("h.") + column;
      std::string sql = "SELECT SUBSTR(" + c + ", 1, 7), COUNT(*)";
      sql.append(kFromScoped).append(where.sql);
      sql.append(" AND ").append(c).append(" BETWEEN ").append(a).append(" AND ").append(b);
      sql += " GROUP BY 1";
      for (const auto& row : tx.Query(sql, where.params)) {
        auto& month = months[row.Get<std::string>(0)];
        month.month = row.Get<std::string>(0);
        (std::string_view(column) == "found_on" ? month.found : month.verified) =
            row.Get<int64_t>(1);
      }
    }
  }
  std::vector<Month> out;
  out.reserve(months.size());
  for (auto& [key, month] : months) out.push_back(std::move(month));
  return out;
}

std::vector<RegionFigures> CountByRegion(db::Transaction& tx, const Bounds& scope,
                                         int64_t prefix_length, const std::string& from,
                                         const std::string& to, const std::string& today) {
  if (auto area = TallyArea(scope, prefix_length)) {
    std::map<std::string, RegionFigures> rows;
    std::string group = AreaPrefix(prefix_length);
    for (const auto& [prefix, n] : SumTallies(tx, *area, "found", from, to, group)) {
      rows[prefix].found = n;
    }
    for (const auto& [prefix, state, n] : SumStates(tx, *area, group)) {
      if (IsOpen(ParseState(state).value_or(State::kVerified))) rows[prefix].open += n;
    }
    for (const auto& [prefix, n] :
         SumTallies(tx, *area, "pending", kBeginning, *AddDays(today, -1), group)) {
      rows[prefix].overdue = n;
    }
    std::vector<RegionFigures> out;
    out.reserve(rows.size());
    for (auto& [prefix, row] : rows) {
      row.prefix = prefix;
      out.push_back(row);
    }
    return out;
  }
  auto where = enterprise::store::ScopeWhere(scope, "e");
  std::string length = Bind(where, prefix_length);
  std::string a = Bind(where, from);
  std::string b = Bind(where, to);
  std::string t = Bind(where, today);
  std::string open = "h.state NOT IN ('verified', 'cancelled')";
  std::string sql = "SELECT SUBSTR(e.region_code, 1, " + length +
                    "), COALESCE(SUM(CASE WHEN h.found_on BETWEEN " + a + " AND " + b +
                    " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN " + open +
                    " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN " + open +
                    " AND h.deadline < " + t + " THEN 1 ELSE 0 END), 0)" +
                    std::string(kFromScoped) + where.sql + " GROUP BY 1 ORDER BY 1";
  std::vector<RegionFigures> out;
  for (const auto& row : tx.Query(sql, where.params)) {
    out.push_back(
        {row.Get<std::string>(0), row.Get<int64_t>(1), row.Get<int64_t>(2), row.Get<int64_t>(3)});
  }
  return out;
}

std::vector<int64_t> WithDeadlineBetween(db::Transaction& tx, const std::string& from,
                                         const std::string& to) {
  std::vector<int64_t> out;
  for (const auto& row :
       tx.Query("SELECT h.id FROM hazards h WHERE h.state IN ('notified', 'rectifying', "
                "'submitted', 'rejected') AND h.deadline BETWEEN $1 AND $2 ORDER BY h.id",
                {from, to})) {
    out.push_back(row.Get<int64_t>(0));
  }
  return out;
}

int64_t AppendEvent(db::Transaction& tx, const Event& e) {
  return tx
      .Query(kInsertEvent, {e.hazard_id, e.action, db::Optional(e.from_state), e.to_state,
                            db::Optional(e.actor_user_id), e.actor_name, e.at, e.details})
      .front()
      .Get<int64_t>(0);
}

std::vector<Event> Events(db::Transaction& tx, int64_t hazard_id) {
  std::vector<Event> out;
  for (const auto& row : tx.Query(kEvents, {hazard_id})) {
    out.push_back({row.Get<int64_t>(0), row.Get<int64_t>(1), row.Get<std::string>(2),
                   row.GetOptional<std::string>(3), row.Get<std::string>(4),
                   row.GetOptional<int64_t>(5), row.Get<std::string>(6), row.Get<std::string>(7),
                   row.Get<std::string>(8)});
  }
  return out;
}

int64_t NextNoticeSequence(db::Transaction& tx, const std::string& unit_region_code, int64_t year) {
  return tx.QueryOne(kNextSequence, {unit_region_code, year})->Get<int64_t>(0);
}

int64_t InsertNotice(db::Transaction& tx, const Notice& n) {
  return tx
      .QueryOne(kInsertNotice, {n.number, n.unit_region_code, n.year, n.sequence, n.enterprise_id,
                                n.issued_by_user_id, n.issued_by_name, n.issued_on, n.deadline,
                                n.responsible_person, n.measures, n.created_at})
      ->Get<int64_t>(0);
}

std::optional<Notice> FindNotice(db::Transaction& tx, int64_t id, const Bounds& scope) {
  auto where = enterprise::store::ScopeWhere(scope, "e");
  AddCondition(where, " AND n.id = $N", "", id);
  auto row = tx.QueryOne(std::string(kNoticeColumns) + where.sql, where.params);
  if (!row) return std::nullopt;
  return Notice{row->Get<int64_t>(0),      row->Get<std::string>(1),  row->Get<std::string>(2),
                row->Get<std::string>(3),  row->Get<int64_t>(4),      row->Get<int64_t>(5),
                row->Get<int64_t>(6),      row->Get<std::string>(7),  row->Get<std::string>(8),
                row->Get<int64_t>(9),      row->Get<std::string>(10), row->Get<std::string>(11),
                row->Get<std::string>(12), row->Get<std::string>(13), row->Get<std::string>(14),
                row->Get<std::string>(15)};
}

}  // namespace anjian::hazard::store
