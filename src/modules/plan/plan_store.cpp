#include "modules/plan/plan_store.hpp"

#include "modules/enterprise/enterprise_store.hpp"

namespace anjian::plan::store {
namespace {

using enterprise::store::AddCondition;
using enterprise::store::Bind;
using enterprise::store::Where;

constexpr std::string_view kInsert =
    "INSERT INTO inspection_plans (name, kind, unit_region_code, starts_on, due_on, "
    "window_start, window_end, note, created_by_user_id, created_by_name, created_at, "
    "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 1) "
    "RETURNING id";
constexpr std::string_view kInsertTarget =
    "INSERT INTO inspection_plan_targets (plan_id, enterprise_id, assignee_user_id) SELECT $1, "
    "e.id, CASE WHEN $4 = 1 THEN g.responsible_user_id ELSE $3 END FROM "
    "enterprises e LEFT JOIN grid_cells g ON g.id = e.grid_cell_id WHERE e.id = $2";
constexpr std::string_view kUpdate =
    "UPDATE inspection_plans SET name = $2, due_on = $3, window_start = $4, window_end = $5, "
    "note = $6, updated_at = $7, version = version + 1 WHERE id = $1 AND version = $8";
constexpr std::string_view kPlanColumns =
    "SELECT p.id, p.name, p.kind, p.unit_region_code, p.starts_on, p.due_on, p.note, "
    "p.created_by_user_id, p.created_by_name, p.created_at, p.updated_at, p.version FROM "
    "inspection_plans p ";
// The first finished inspection of the plan's kind at the target's enterprise in its window.
constexpr std::string_view kCounting =
    "(SELECT MIN(i.id) FROM inspections i WHERE i.enterprise_id = t.enterprise_id AND i.kind = "
    "p.kind AND i.status = 'finished' AND i.finished_at >= p.window_start AND i.finished_at < "
    "p.window_end)";
constexpr std::string_view kTargetColumns =
    "SELECT t.plan_id, t.enterprise_id, e.name, e.region_code, t.assignee_user_id, "
    "COALESCE(NULLIF(u.name, ''), u.username, ''), c.id, c.finished_at, p.name, p.kind, "
    "p.starts_on, p.due_on ";

Plan ReadPlan(const db::Row& row) {
  Plan p;
  p.id = row.Get<int64_t>(0);
  p.name = row.Get<std::string>(1);
  p.kind = row.Get<std::string>(2);
  p.unit_region_code = row.Get<std::string>(3);
  p.starts_on = row.Get<std::string>(4);
  p.due_on = row.Get<std::string>(5);
  p.note = row.Get<std::string>(6);
  p.created_by_user_id = row.Get<int64_t>(7);
  p.created_by_name = row.Get<std::string>(8);
  p.created_at = row.Get<std::string>(9);
  p.updated_at = row.Get<std::string>(10);
  p.version = row.Get<int64_t>(11);
  return p;
}

Target ReadTarget(const db::Row& row) {
  Target t;
  t.plan_id = row.Get<int64_t>(0);
  t.enterprise_id = row.Get<int64_t>(1);
  t.enterprise_name = row.Get<std::string>(2);
  t.region_code = row.Get<std::string>(3);
  t.assignee_user_id = row.GetOptional<int64_t>(4);
  t.assignee_name = row.Get<std::string>(5);
  t.inspection_id = row.GetOptional<int64_t>(6);
  t.finished_at = row.GetOptional<std::string>(7);
  t.plan_name = row.Get<std::string>(8);
  t.kind = row.Get<std::string>(9);
  t.starts_on = row.Get<std::string>(10);
  t.due_on = row.Get<std::string>(11);
  return t;
}

// The plans the reader sees: its units' and those naming it on a target.
Where Visible(const Reader& reader) {
  Where where{"WHERE (p.unit_region_code BETWEEN $1 AND $2",
              {reader.region_low, reader.region_high}};
  AddCondition(where,
               " OR EXISTS (SELECT 1 FROM inspection_plan_targets a WHERE a.plan_id = p.id AND "
               "a.assignee_user_id = $N))",
               "", reader.user_id);
  return where;
}

void AddStatus(Where& where, const std::string& status, const std::string& today) {
  if (status == "open") AddCondition(where, " AND p.due_on >= $N", "", today);
  if (status == "past") AddCondition(where, " AND p.due_on < $N", "", today);
}

// Targets with their counting inspection, in the reader's enterprise scope.
std::string TargetsFrom(Where& where) {
  std::string sql(kTargetColumns);
  sql.append(
      "FROM inspection_plan_targets t JOIN inspection_plans p ON p.id = t.plan_id JOIN "
      "enterprises e ON e.id = t.enterprise_id LEFT JOIN users u ON u.id = t.assignee_user_id "
      "LEFT JOIN inspections c ON c.id = ");
  sql.append(kCounting).append(" ").append(where.sql);
  return sql;
}

void FillCounts(db::Transaction& tx, Plan& plan, const Reader& reader) {
  auto where = enterprise::store::ScopeWhere(reader.enterprises, "e");
  AddCondition(where, " AND t.plan_id = $N", "", plan.id);
  std::string sql =
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + std::string(kCounting) +
      " IS NULL THEN 0 ELSE 1 END), 0) FROM inspection_plan_targets t JOIN inspection_plans p ON "
      "p.id = t.plan_id JOIN enterprises e ON e.id = t.enterprise_id " +
      where.sql;
  auto row = tx.Query(sql, where.params).front();
  plan.targets = row.Get<int64_t>(0);
  plan.done = row.Get<int64_t>(1);
}

}  // namespace

int64_t Insert(db::Transaction& tx, const Plan& p, const std::string& window_start,
               const std::string& window_end) {
  return tx
      .Query(kInsert, {p.name, p.kind, p.unit_region_code, p.starts_on, p.due_on, window_start,
                       window_end, p.note, p.created_by_user_id, p.created_by_name, p.created_at})
      .front()
      .Get<int64_t>(0);
}

void InsertTarget(db::Transaction& tx, int64_t plan_id, int64_t enterprise_id,
                  std::optional<int64_t> assignee_user_id, bool assign_by_grid) {
  tx.Execute(kInsertTarget, {plan_id, enterprise_id, db::Optional(assignee_user_id),
                             int64_t{assign_by_grid && !assignee_user_id ? 1 : 0}});
}

bool Update(db::Transaction& tx, const Plan& p, int64_t expected_version,
            const std::string& window_start, const std::string& window_end,
            const std::string& now) {
  return tx.Execute(kUpdate, {p.id, p.name, p.due_on, window_start, window_end, p.note, now,
                              expected_version}) == 1;
}

std::optional<Plan> Find(db::Transaction& tx, int64_t id, const Reader& reader) {
  auto where = Visible(reader);
  AddCondition(where, " AND p.id = $N", "", id);
  auto rows = tx.Query(std::string(kPlanColumns) + where.sql, where.params);
  if (rows.empty()) return std::nullopt;
  auto plan = ReadPlan(rows.front());
  FillCounts(tx, plan, reader);
  return plan;
}

std::vector<Plan> List(db::Transaction& tx, const Reader& reader, const std::string& status,
                       const std::string& today, int64_t limit, int64_t offset) {
  auto where = Visible(reader);
  AddStatus(where, status, today);
  std::string sql = std::string(kPlanColumns) + where.sql + " ORDER BY p.due_on DESC, p.id DESC";
  sql.append(" LIMIT ").append(Bind(where, limit)).append(" OFFSET ").append(Bind(where, offset));
  std::vector<Plan> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(ReadPlan(row));
  for (auto& plan : out) FillCounts(tx, plan, reader);
  return out;
}

int64_t Count(db::Transaction& tx, const Reader& reader, const std::string& status,
              const std::string& today) {
  auto where = Visible(reader);
  AddStatus(where, status, today);
  return tx.Query("SELECT COUNT(*) FROM inspection_plans p " + where.sql, where.params)
      .front()
      .Get<int64_t>(0);
}

std::vector<Target> Targets(db::Transaction& tx, int64_t plan_id, const Reader& reader) {
  auto where = enterprise::store::ScopeWhere(reader.enterprises, "e");
  AddCondition(where, " AND t.plan_id = $N", "", plan_id);
  std::string sql = TargetsFrom(where) + " ORDER BY e.region_code, e.id";
  std::vector<Target> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(ReadTarget(row));
  return out;
}

std::vector<Target> Tasks(db::Transaction& tx, int64_t user_id, const std::string& today,
                          int64_t limit, int64_t offset) {
  Where where{"WHERE t.assignee_user_id = $1 AND p.starts_on <= $2", {user_id, today}};
  std::string sql = TargetsFrom(where) + " AND c.id IS NULL ORDER BY p.due_on, p.id, e.id";
  sql.append(" LIMIT ").append(Bind(where, limit)).append(" OFFSET ").append(Bind(where, offset));
  std::vector<Target> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(ReadTarget(row));
  return out;
}

int64_t CountTasks(db::Transaction& tx, int64_t user_id, const std::string& today) {
  std::string sql =
      "SELECT COUNT(*) FROM inspection_plan_targets t JOIN inspection_plans p ON p.id = "
      "t.plan_id WHERE t.assignee_user_id = $1 AND p.starts_on <= $2 AND " +
      std::string(kCounting) + " IS NULL";
  return tx.Query(sql, {user_id, today}).front().Get<int64_t>(0);
}

}  // namespace anjian::plan::store
