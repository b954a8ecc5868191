#include "modules/grid/grid_store.hpp"

#include "core/text.hpp"

namespace anjian::grid::store {
namespace {

// A level-1 cell counts the enterprises of its level-2 children; a level-2 cell its own.
constexpr std::string_view kColumns =
    "SELECT c.id, c.level, c.parent_id, c.region_code, c.name, c.responsible_user_id, "
    "COALESCE(u.name, ''), c.phone, "
    "(SELECT COUNT(*) FROM enterprises e WHERE e.grid_cell_id = c.id OR e.grid_cell_id IN "
    "(SELECT k.id FROM grid_cells k WHERE k.parent_id = c.id)), "
    "c.created_at, c.updated_at, c.version "
    "FROM grid_cells c LEFT JOIN users u ON u.id = c.responsible_user_id ";
constexpr std::string_view kCountSelect = "SELECT COUNT(*) FROM grid_cells c ";
constexpr std::string_view kScopeCondition = "WHERE c.region_code BETWEEN $1 AND $2";
// A grid worker's cells: those it leads and the children of those.
constexpr std::string_view kGridWorkerCondition =
    " AND (c.responsible_user_id = $3 OR c.parent_id IN (SELECT p.id FROM grid_cells p WHERE "
    "p.responsible_user_id = $3))";
constexpr std::string_view kOrder = " ORDER BY c.region_code, c.level, c.id";
constexpr std::string_view kInsert =
    "INSERT INTO grid_cells (level, parent_id, region_code, name, responsible_user_id, phone, "
    "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE grid_cells SET name = $2, responsible_user_id = $3, phone = $4, updated_at = $5, "
    "version = version + 1 WHERE id = $1 AND version = $6";
constexpr std::string_view kChildren = "SELECT COUNT(*) FROM grid_cells WHERE parent_id = $1";
constexpr std::string_view kDelete = "DELETE FROM grid_cells WHERE id = $1 AND version = $2";
constexpr std::string_view kVillageCells =
    "SELECT id FROM grid_cells WHERE level = 2 AND region_code = $1 ORDER BY id LIMIT 2";

Cell Read(const db::Row& row) {
  Cell c;
  c.id = row.Get<int64_t>(0);
  c.level = row.Get<int64_t>(1);
  c.parent_id = row.GetOptional<int64_t>(2);
  c.region_code = row.Get<std::string>(3);
  c.name = row.Get<std::string>(4);
  c.responsible_user_id = row.GetOptional<int64_t>(5);
  c.responsible_name = row.Get<std::string>(6);
  c.phone = row.Get<std::string>(7);
  c.enterprises = row.Get<int64_t>(8);
  c.created_at = row.Get<std::string>(9);
  c.updated_at = row.Get<std::string>(10);
  c.version = row.Get<int64_t>(11);
  return c;
}

struct Where {
  std::string sql;
  db::Params params;
};

Where BuildWhere(const Filter& f, const Bounds& scope) {
  auto narrowed = scope.Within(f.region_code);
  Where where{std::string(kScopeCondition), {narrowed.low, narrowed.high}};
  if (scope.grid_user_id != 0) {
    where.params.emplace_back(scope.grid_user_id);
    where.sql += kGridWorkerCondition;
  }
  auto add = [&where](std::string_view condition, db::Value value) {
    where.params.push_back(std::move(value));
    where.sql.append(condition).append(std::to_string(where.params.size()));
  };
  if (f.level != 0) add(" AND c.level = $", f.level);
  if (f.parent_id) add(" AND c.parent_id = $", *f.parent_id);
  if (f.responsible_user_id) add(" AND c.responsible_user_id = $", *f.responsible_user_id);
  if (!f.q.empty()) {
    add(" AND c.name LIKE $", LikeContains(f.q));
    where.sql += " ESCAPE '\\'";
  }
  return where;
}

}  // namespace

std::vector<Cell> List(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                       int64_t limit, int64_t offset) {
  auto where = BuildWhere(filter, scope);
  std::string sql = std::string(kColumns) + where.sql + std::string(kOrder);
  where.params.emplace_back(limit);
  sql += " LIMIT $" + std::to_string(where.params.size());
  where.params.emplace_back(offset);
  sql += " OFFSET $" + std::to_string(where.params.size());
  std::vector<Cell> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(Read(row));
  return out;
}

int64_t Count(db::Transaction& tx, const Filter& filter, const Bounds& scope) {
  auto where = BuildWhere(filter, scope);
  return tx.QueryOne(std::string(kCountSelect) + where.sql, where.params)->Get<int64_t>(0);
}

std::optional<Cell> Find(db::Transaction& tx, int64_t id, const Bounds& scope) {
  auto where = BuildWhere({}, scope);
  where.params.emplace_back(id);
  auto row = tx.QueryOne(
      std::string(kColumns) + where.sql + " AND c.id = $" + std::to_string(where.params.size()),
      where.params);
  if (!row) return std::nullopt;
  return Read(*row);
}

int64_t Insert(db::Transaction& tx, const Cell& cell, const std::string& now) {
  return tx
      .QueryOne(kInsert, {cell.level, db::Optional(cell.parent_id), cell.region_code, cell.name,
                          db::Optional(cell.responsible_user_id), cell.phone, now})
      ->Get<int64_t>(0);
}

bool Update(db::Transaction& tx, const Cell& cell, int64_t expected_version,
            const std::string& now) {
  return tx.Execute(kUpdate, {cell.id, cell.name, db::Optional(cell.responsible_user_id),
                              cell.phone, now, expected_version}) == 1;
}

int64_t Children(db::Transaction& tx, int64_t id) {
  return tx.QueryOne(kChildren, {id})->Get<int64_t>(0);
}

bool Delete(db::Transaction& tx, int64_t id, int64_t expected_version) {
  return tx.Execute(kDelete, {id, expected_version}) == 1;
}

std::optional<int64_t> SoleCellOfVillage(db::Transaction& tx, const std::string& village) {
  auto rows = tx.Query(kVillageCells, {village});
  if (rows.size() != 1) return std::nullopt;
  return rows[0].Get<int64_t>(0);
}

}  // namespace anjian::grid::store
