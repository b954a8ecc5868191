#include "modules/inspection/inspection_store.hpp"

#include "modules/enterprise/enterprise_store.hpp"

namespace anjian::inspection::store {
namespace {

using enterprise::store::AddCondition;
using enterprise::store::Bind;
using enterprise::store::Where;

constexpr std::string_view kColumns =
    "SELECT i.id, i.enterprise_id, i.kind, i.checklist_version_id, i.status, "
    "i.inspector_user_id, i.inspector_name, i.unit_region_code, i.companions, i.started_at, "
    "i.finished_at, i.longitude, i.latitude, i.summary, i.created_at, i.updated_at, i.version, "
    "e.name, e.region_code, c.id, c.name, (SELECT COUNT(*) FROM inspection_results r WHERE "
    "r.inspection_id = i.id AND r.result = 'finding') ";
constexpr std::string_view kFrom =
    "FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id LEFT JOIN "
    "checklist_versions v ON v.id = i.checklist_version_id LEFT JOIN checklists c ON c.id = "
    "v.checklist_id ";
constexpr std::string_view kResults =
    "SELECT r.item_id, r.result, r.note, r.hazard_level, h.id FROM inspection_results r JOIN "
    "checklist_items ci ON ci.id = r.item_id LEFT JOIN hazards h ON h.inspection_id = "
    "r.inspection_id AND h.checklist_item_id = r.item_id WHERE r.inspection_id = $1 ORDER BY "
    "ci.position";
constexpr std::string_view kInsert =
    "INSERT INTO inspections (enterprise_id, kind, checklist_version_id, status, "
    "inspector_user_id, inspector_name, unit_region_code, companions, started_at, longitude, "
    "latitude, summary, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
    "$9, $10, $11, $12, $9, $9, 1) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE inspections SET companions = $2, longitude = $3, latitude = $4, summary = $5, status "
    "= $6, finished_at = $7, updated_at = $8, version = version + 1 WHERE id = $1 AND version = "
    "$9";
// Upsert by (inspection, item), the same on both backends.
constexpr std::string_view kSaveResult =
    "INSERT INTO inspection_results (inspection_id, item_id, result, note, hazard_level) VALUES "
    "($1, $2, $3, $4, $5) ON CONFLICT (inspection_id, item_id) DO UPDATE SET result = "
    "excluded.result, note = excluded.note, hazard_level = excluded.hazard_level";

// The finished inspections of [from, to) of the enterprise `e`.
std::string FinishedBetween(Where& where, const std::string& from, const std::string& to) {
  std::string a = Bind(where, from);
  std::string b = Bind(where, to);
  return " i.status = 'finished' AND i.finished_at >= " + a + " AND i.finished_at < " + b;
}

constexpr std::string_view kFromScoped =
    " FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id ";
constexpr std::string_view kOperating = " AND e.status = 'operating'";

Inspection Read(const db::Row& row) {
  Inspection i;
  i.id = row.Get<int64_t>(0);
  i.enterprise_id = row.Get<int64_t>(1);
  i.kind = row.Get<std::string>(2);
  i.checklist_version_id = row.GetOptional<int64_t>(3);
  i.status = row.Get<std::string>(4);
  i.inspector_user_id = row.Get<int64_t>(5);
  i.inspector_name = row.Get<std::string>(6);
  i.unit_region_code = row.GetOptional<std::string>(7);
  i.companions = row.Get<std::string>(8);
  i.started_at = row.Get<std::string>(9);
  i.finished_at = row.GetOptional<std::string>(10);
  i.longitude = row.GetOptional<double>(11);
  i.latitude = row.GetOptional<double>(12);
  i.summary = row.Get<std::string>(13);
  i.created_at = row.Get<std::string>(14);
  i.updated_at = row.Get<std::string>(15);
  i.version = row.Get<int64_t>(16);
  i.enterprise_name = row.Get<std::string>(17);
  i.region_code = row.Get<std::string>(18);
  i.checklist_id = row.GetOptional<int64_t>(19);
  i.checklist_name = row.GetOptional<std::string>(20).value_or("");
  i.findings = row.Get<int64_t>(21);
  return i;
}

Where BuildWhere(const Filter& f, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope.Within(f.region_code), "e");
  auto add = [&where](std::string_view condition, db::Value value) {
    AddCondition(where, condition, "", std::move(value));
  };
  if (f.enterprise_id) add(" AND i.enterprise_id = $N", *f.enterprise_id);
  if (!f.kind.empty()) add(" AND i.kind = $N", f.kind);
  if (!f.status.empty()) add(" AND i.status = $N", f.status);
  // Instants are UTC text; a China date begins at 16:00 UTC of the day before, which the
  // service turns the dates into.
  if (!f.from.empty()) add(" AND i.started_at >= $N", f.from);
  if (!f.to.empty()) add(" AND i.started_at < $N", f.to);
  return where;
}

}  // namespace

std::vector<Inspection> List(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                             int64_t limit, int64_t offset) {
  auto where = BuildWhere(filter, scope);
  std::string sql = std::string(kColumns) + std::string(kFrom) + where.sql + " ORDER BY i.id DESC";
  where.params.emplace_back(limit);
  sql += " LIMIT $" + std::to_string(where.params.size());
  where.params.emplace_back(offset);
  sql += " OFFSET $" + std::to_string(where.params.size());
  std::vector<Inspection> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(Read(row));
  return out;
}

int64_t Count(db::Transaction& tx, const Filter& filter, const Bounds& scope) {
  auto where = BuildWhere(filter, scope);
  return tx
      .QueryOne("SELECT COUNT(*) FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id " +
                    where.sql,
                where.params)
      ->Get<int64_t>(0);
}

std::optional<Inspection> Find(db::Transaction& tx, int64_t id, const Bounds& scope) {
  auto where = enterprise::store::ScopeWhere(scope, "e");
  AddCondition(where, " AND i.id = $N", "", id);
  auto row = tx.QueryOne(std::string(kColumns) + std::string(kFrom) + where.sql, where.params);
  if (!row) return std::nullopt;
  return Read(*row);
}

std::vector<ItemResult> Results(db::Transaction& tx, int64_t id) {
  std::vector<ItemResult> out;
  for (const auto& row : tx.Query(kResults, {id})) {
    out.push_back({row.Get<int64_t>(0), row.Get<std::string>(1), row.Get<std::string>(2),
                   row.GetOptional<std::string>(3), row.GetOptional<int64_t>(4)});
  }
  return out;
}

int64_t Insert(db::Transaction& tx, const Inspection& i, const std::string& now) {
  (void)now;  // an inspection is created when it starts
  return tx
      .QueryOne(kInsert, {i.enterprise_id, i.kind, db::Optional(i.checklist_version_id), i.status,
                          i.inspector_user_id, i.inspector_name, db::Optional(i.unit_region_code),
                          i.companions, i.started_at, db::Optional(i.longitude),
                          db::Optional(i.latitude), i.summary})
      ->Get<int64_t>(0);
}

bool Update(db::Transaction& tx, const Inspection& i, int64_t expected_version,
            const std::string& now) {
  return tx.Execute(kUpdate,
                    {i.id, i.companions, db::Optional(i.longitude), db::Optional(i.latitude),
                     i.summary, i.status, db::Optional(i.finished_at), now, expected_version}) == 1;
}

Figures CountFigures(db::Transaction& tx, const Bounds& scope, const std::string& from,
                     const std::string& to) {
  auto where = enterprise::store::ScopeWhere(scope, "e");
  std::string finished = FinishedBetween(where, from, to);
  auto row = tx.QueryOne("SELECT COUNT(*), COUNT(DISTINCT i.enterprise_id)" +
                             std::string(kFromScoped) + where.sql + " AND" + finished,
                         where.params);
  return {row->Get<int64_t>(0), row->Get<int64_t>(1)};
}

std::vector<std::pair<std::string, int64_t>> CountByRegion(db::Transaction& tx, const Bounds& scope,
                                                           int64_t prefix_length,
                                                           const std::string& from,
                                                           const std::string& to) {
  auto where = enterprise::store::ScopeWhere(scope, "e");
  std::string length = Bind(where, prefix_length);
  std::string finished = FinishedBetween(where, from, to);
  std::string sql = "SELECT SUBSTR(e.region_code, 1, " + length + "), COUNT(*)";
  sql.append(kFromScoped).append(where.sql).append(" AND").append(finished);
  sql += " GROUP BY 1 ORDER BY 1";
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& row : tx.Query(sql, where.params)) {
    out.emplace_back(row.Get<std::string>(0), row.Get<int64_t>(1));
  }
  return out;
}

Coverage CountCoverage(db::Transaction& tx, const Bounds& scope, const std::string& from,
                       const std::string& to) {
  auto all = enterprise::store::ScopeWhere(scope, "e");
  int64_t enterprises =
      tx.QueryOne("SELECT COUNT(*) FROM enterprises e " + all.sql + std::string(kOperating),
                  all.params)
          ->Get<int64_t>(0);
  auto where = enterprise::store::ScopeWhere(scope, "e");
  std::string finished = FinishedBetween(where, from, to);
  int64_t covered =
      tx.QueryOne("SELECT COUNT(DISTINCT i.enterprise_id)" + std::string(kFromScoped) + where.sql +
                      std::string(kOperating) + " AND" + finished,
                  where.params)
          ->Get<int64_t>(0);
  return {enterprises, covered};
}

std::vector<Uncovered> ListUncovered(db::Transaction& tx, const Bounds& scope,
                                     const std::string& from, const std::string& to, int64_t limit,
                                     int64_t offset) {
  auto where = enterprise::store::ScopeWhere(scope, "e");
  std::string finished = FinishedBetween(where, from, to);
  std::string l = Bind(where, limit);
  std::string o = Bind(where, offset);
  std::vector<Uncovered> out;
  std::string sql = "SELECT e.id, e.name, e.uscc, e.region_code FROM enterprises e " + where.sql;
  sql.append(kOperating)
      .append(" AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.enterprise_id = e.id AND")
      .append(finished);
  sql += ") ORDER BY e.region_code, e.id LIMIT " + l + " OFFSET " + o;
  for (const auto& row : tx.Query(sql, where.params)) {
    out.push_back({row.Get<int64_t>(0), row.Get<std::string>(1), row.Get<std::string>(2),
                   row.Get<std::string>(3)});
  }
  return out;
}

void SaveResult(db::Transaction& tx, int64_t inspection_id, const ItemResult& r) {
  tx.Execute(kSaveResult,
             {inspection_id, r.item_id, r.result, r.note, db::Optional(r.hazard_level)});
}

}  // namespace anjian::inspection::store
