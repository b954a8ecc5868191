#include "modules/enterprise/enterprise_store.hpp"

#include <map>

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/hazard/hazard_store.hpp"

namespace anjian::enterprise::store {

void AddCondition(Where& where, std::string_view condition, std::string_view alias,
                  std::optional<db::Value> value) {
  std::string sql(condition);
  for (size_t at = sql.find("{a}"); at != std::string::npos; at = sql.find("{a}", at)) {
    sql.replace(at, 3, alias);
  }
  if (value) {
    where.params.push_back(std::move(*value));
    std::string number = "$" + std::to_string(where.params.size());
    for (size_t at = sql.find("$N"); at != std::string::npos; at = sql.find("$N", at)) {
      sql.replace(at, 2, number);
    }
  }
  where.sql += sql;
}

std::string Bind(Where& where, db::Value value) {
  where.params.push_back(std::move(value));
  return "$" + std::to_string(where.params.size());
}

std::string Paged(Where& where, int64_t limit, int64_t offset) {
  std::string sql = " LIMIT " + Bind(where, limit);
  sql += " OFFSET " + Bind(where, offset);
  return sql;
}

namespace {

constexpr std::string_view kColumns =
    "SELECT id, uscc, name, region_code, industry_code, scale, employees, frontline_workers, "
    "safety_inspectors, hazard_tags, address, longitude, latitude, status, standardization_level, "
    "standardization_expiry, created_at, updated_at, version, grid_cell_id FROM enterprises ";
// The scope always applies: $1–$2 the region bounds (narrowed by a region filter), then the
// enterprise account's own id or the grid worker's cells when there are. Each further filter adds
// its condition only when it is used, so that an unfiltered page and its total are served by the
// region index alone instead of reading every row in scope; the values are always bound, never
// spliced. "{a}" stands for the table's alias, "$N" for the condition's one placeholder.
constexpr std::string_view kScopeCondition = "WHERE {a}region_code BETWEEN $1 AND $2";
// The same condition written so that no index serves it ("|| ''" hides the column from the
// planner on both backends): a page of a wide scope is then read in the order of the sort's index
// and stops after its rows, instead of collecting and sorting the whole scope.
constexpr std::string_view kScopeScanCondition = "WHERE {a}region_code || '' BETWEEN $1 AND $2";
constexpr std::string_view kOwnCondition = " AND {a}id = $N";
// A grid worker's enterprises: those of the cells it leads and of their children.
constexpr std::string_view kGridWorkerCondition =
    " AND {a}grid_cell_id IN (SELECT g.id FROM grid_cells g WHERE g.responsible_user_id = $N OR "
    "g.parent_id IN (SELECT p.id FROM grid_cells p WHERE p.responsible_user_id = $N))";
// A cell and, for a level-1 cell, its children.
constexpr std::string_view kGridCondition =
    " AND grid_cell_id IN (SELECT g.id FROM grid_cells g WHERE g.id = $N OR g.parent_id = $N)";
constexpr std::string_view kNoGridCondition = " AND grid_cell_id IS NULL";
constexpr std::string_view kNameCondition = " AND name LIKE $N ESCAPE '\\'";
constexpr std::string_view kUsccCondition = " AND uscc = $N";
constexpr std::string_view kIndustryCondition = " AND industry_code LIKE $N ESCAPE '\\'";
constexpr std::string_view kTagCondition = " AND hazard_tags LIKE $N ESCAPE '\\'";
constexpr std::string_view kScaleCondition = " AND scale = $N";
constexpr std::string_view kStatusCondition = " AND status = $N";
constexpr std::string_view kCountSelect = "SELECT COUNT(*) FROM enterprises ";
constexpr std::string_view kCountOfRegions =
    "SELECT COALESCE(SUM(enterprises), 0) FROM enterprise_region_counts WHERE region_code BETWEEN "
    "$1 AND $2";
constexpr std::string_view kCountRegion =
    "INSERT INTO enterprise_region_counts (region_code, enterprises) VALUES ($1, $2) ON CONFLICT "
    "(region_code) DO UPDATE SET enterprises = enterprise_region_counts.enterprises + $2";
constexpr std::string_view kRegionOf = "SELECT region_code FROM enterprises WHERE id = $1";
// ORDER BY cannot take a parameter, so each sort the API offers has a fixed clause.
const std::map<std::string, std::string_view, std::less<>> kOrderBySort = {
    {"id", " ORDER BY id"},
    {"name", " ORDER BY name, id"},
    {"-employees", " ORDER BY employees DESC, id"},
    {"-updated_at", " ORDER BY updated_at DESC, id DESC"},
};
constexpr std::string_view kInsert =
    "INSERT INTO enterprises (uscc, name, region_code, industry_code, scale, employees, "
    "frontline_workers, safety_inspectors, hazard_tags, address, longitude, latitude, status, "
    "standardization_level, standardization_expiry, grid_cell_id, created_at, updated_at, version) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, 1) "
    "RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE enterprises SET uscc = $2, name = $3, region_code = $4, industry_code = $5, scale = "
    "$6, "
    "employees = $7, frontline_workers = $8, safety_inspectors = $9, hazard_tags = $10, address = "
    "$11, longitude = $12, latitude = $13, status = $14, standardization_level = $15, "
    "standardization_expiry = $16, grid_cell_id = $17, updated_at = $18, version = version + 1 "
    "WHERE id = $1 AND version = $19";
constexpr std::string_view kTags = "SELECT code FROM hazard_tags ORDER BY sort_order";
constexpr std::string_view kIndustries =
    "SELECT code, name, parent_code FROM industries ORDER BY code";

Enterprise Read(const db::Row& row) {
  Enterprise e;
  e.id = row.Get<int64_t>(0);
  e.uscc = row.Get<std::string>(1);
  e.name = row.Get<std::string>(2);
  e.region_code = row.Get<std::string>(3);
  e.industry_code = row.Get<std::string>(4);
  e.scale = row.Get<std::string>(5);
  e.employees = row.Get<int64_t>(6);
  e.frontline_workers = row.Get<int64_t>(7);
  e.safety_inspectors = row.Get<int64_t>(8);
  e.hazard_tags = DecodeTags(row.Get<std::string>(9));
  e.address = row.Get<std::string>(10);
  e.longitude = row.GetOptional<double>(11);
  e.latitude = row.GetOptional<double>(12);
  e.status = row.Get<std::string>(13);
  e.standardization_level = row.GetOptional<int64_t>(14);
  e.standardization_expiry = row.GetOptional<std::string>(15);
  e.created_at = row.Get<std::string>(16);
  e.updated_at = row.Get<std::string>(17);
  e.version = row.Get<int64_t>(18);
  e.grid_cell_id = row.GetOptional<int64_t>(19);
  return e;
}

// Whether a filter asks for nothing but a region subtree (and the scope nothing but bounds): its
// total is then the sum of the village counts.
bool OnlyRegions(const Filter& f, const Bounds& scope) {
  return scope.own_enterprise_id == 0 && scope.grid_user_id == 0 && f.q.empty() && f.uscc.empty() &&
         f.industry_code.empty() && f.tag.empty() && f.scale.empty() && f.status.empty() &&
         !f.unplaced && !f.grid_id;
}

// The scope's conditions, beginning with `scope_condition` (kScopeCondition, or kScopeScanCondition
// to keep the region index out of the plan).
Where ScopeWhereWith(const Bounds& scope, std::string_view alias,
                     std::string_view scope_condition) {
  std::string prefix = alias.empty() ? "" : std::string(alias) + ".";
  Where where{{}, {scope.low, scope.high}};
  AddCondition(where, scope_condition, prefix, std::nullopt);
  if (scope.own_enterprise_id != 0) {
    AddCondition(where, kOwnCondition, prefix, scope.own_enterprise_id);
  }
  if (scope.grid_user_id != 0) {
    AddCondition(where, kGridWorkerCondition, prefix, scope.grid_user_id);
  }
  return where;
}

Where BuildWhere(const Filter& f, const Bounds& scope, bool scan = false) {
  Where where =
      ScopeWhereWith(scope.Within(f.region_code), "", scan ? kScopeScanCondition : kScopeCondition);
  auto add = [&where](std::string_view condition, db::Value value) {
    AddCondition(where, condition, "", std::move(value));
  };
  if (!f.q.empty()) add(kNameCondition, LikeContains(f.q));
  if (!f.uscc.empty()) add(kUsccCondition, f.uscc);
  if (!f.industry_code.empty()) add(kIndustryCondition, LikeEscape(f.industry_code) + "%");
  if (!f.tag.empty()) add(kTagCondition, "%," + LikeEscape(f.tag) + ",%");
  if (!f.scale.empty()) add(kScaleCondition, f.scale);
  if (!f.status.empty()) add(kStatusCondition, f.status);
  if (f.unplaced) AddCondition(where, kNoGridCondition, "", std::nullopt);
  if (f.grid_id) add(kGridCondition, *f.grid_id);
  return where;
}

db::Params RecordParams(const Enterprise& e) {
  return {e.uscc,
          e.name,
          e.region_code,
          e.industry_code,
          e.scale,
          e.employees,
          e.frontline_workers,
          e.safety_inspectors,
          EncodeTags(e.hazard_tags),
          e.address,
          db::Optional(e.longitude),
          db::Optional(e.latitude),
          e.status,
          db::Optional(e.standardization_level),
          db::Optional(e.standardization_expiry),
          db::Optional(e.grid_cell_id)};
}

}  // namespace

Where ScopeWhere(const Bounds& scope, std::string_view alias) {
  return ScopeWhereWith(scope, alias, kScopeCondition);
}

Where ScopeScanWhere(const Bounds& scope, std::string_view alias) {
  return ScopeWhereWith(scope, alias, kScopeScanCondition);
}

std::vector<Enterprise> List(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                             int64_t limit, int64_t offset, int64_t total) {
  // Two ways to a page: collect the scope's ids through the region index and sort them (cheap for
  // a narrow scope), or walk the sort's index and keep the rows in scope until the page is full
  // (cheap for a wide one: about (offset + limit) × all / total rows when the scope is spread
  // evenly over the order). The walk is capped at four times that, because a scope can also sit
  // all in one stretch of the order (names begin with their district's name): when the capped
  // walk comes back short, the page is read the sorting way after all.
  auto found = kOrderBySort.find(filter.sort);
  std::string order(found == kOrderBySort.end() ? kOrderBySort.at("id") : found->second);
  auto read = [&](bool walk, int64_t cap) {
    auto where = BuildWhere(filter, scope, walk);
    std::string from = walk ? "FROM (SELECT * FROM enterprises" + order + " LIMIT $" +
                                  std::to_string(where.params.size() + 1) + ") walked "
                            : "FROM enterprises ";
    if (walk) where.params.emplace_back(cap);
    // The page's ids are chosen first and only those rows are read: sorting whole rows of a
    // district to keep twenty costs far more.
    std::string sql = std::string(kColumns) + "WHERE id IN (SELECT id " + from + where.sql + order;
    where.params.emplace_back(limit);
    sql += " LIMIT $" + std::to_string(where.params.size());
    where.params.emplace_back(offset);
    sql += " OFFSET $" + std::to_string(where.params.size()) + ")" + order;
    std::vector<Enterprise> out;
    for (const auto& row : tx.Query(sql, where.params)) out.push_back(Read(row));
    return out;
  };
  if (total <= 0) return {};
  double everything = static_cast<double>(CountAll(tx));
  double expected = static_cast<double>(offset + limit) * everything / static_cast<double>(total);
  if (expected < static_cast<double>(total)) {
    auto cap = static_cast<int64_t>(4 * expected) + 100;
    auto page = read(true, cap);
    bool complete = static_cast<int64_t>(page.size()) == limit ||
                    offset + static_cast<int64_t>(page.size()) >= total;
    if (complete) return page;
  }
  return read(false, 0);
}

int64_t CountAll(db::Transaction& tx) {
  return tx.QueryOne(kCountOfRegions, {std::string("000000000000"), std::string("999999999999")})
      ->Get<int64_t>(0);
}

int64_t Count(db::Transaction& tx, const Filter& filter, const Bounds& scope) {
  if (OnlyRegions(filter, scope)) {
    auto bounds = scope.Within(filter.region_code);
    return tx.QueryOne(kCountOfRegions, {bounds.low, bounds.high})->Get<int64_t>(0);
  }
  auto where = BuildWhere(filter, scope);
  return tx.QueryOne(std::string(kCountSelect) + where.sql, where.params)->Get<int64_t>(0);
}

std::vector<Point> Points(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                          int64_t limit) {
  auto where = BuildWhere(filter, scope);
  where.params.emplace_back(limit);
  std::string sql = "SELECT id, longitude, latitude, name, status FROM enterprises " + where.sql +
                    " AND longitude IS NOT NULL ORDER BY id LIMIT $" +
                    std::to_string(where.params.size());
  std::vector<Point> out;
  for (const auto& row : tx.Query(sql, where.params)) {
    out.push_back({row.Get<int64_t>(0), row.Get<double>(1), row.Get<double>(2),
                   row.Get<std::string>(3), row.Get<std::string>(4)});
  }
  return out;
}

std::optional<Enterprise> Find(db::Transaction& tx, int64_t id, const Bounds& scope) {
  auto where = ScopeWhere(scope);
  where.params.emplace_back(id);
  auto row = tx.QueryOne(
      std::string(kColumns) + where.sql + " AND id = $" + std::to_string(where.params.size()),
      where.params);
  if (!row) return std::nullopt;
  return Read(*row);
}

std::optional<Enterprise> FindByUscc(db::Transaction& tx, const std::string& uscc) {
  auto row = tx.QueryOne(std::string(kColumns) + "WHERE uscc = $1", {uscc});
  if (!row) return std::nullopt;
  return Read(*row);
}

int64_t Insert(db::Transaction& tx, const Enterprise& e, const std::string& now) {
  auto params = RecordParams(e);
  params.emplace_back(now);
  int64_t id = tx.QueryOne(kInsert, params)->Get<int64_t>(0);
  tx.Execute(kCountRegion, {e.region_code, int64_t{1}});
  return id;
}

bool Update(db::Transaction& tx, const Enterprise& e, int64_t expected_version,
            const std::string& now) {
  db::Params params{e.id};
  for (auto& p : RecordParams(e)) params.push_back(std::move(p));
  params.emplace_back(now);
  params.emplace_back(expected_version);
  auto before = tx.QueryOne(kRegionOf, {e.id});
  if (!before) return false;
  auto old_region = before->Get<std::string>(0);
  // The dashboard counts hazards by their enterprise's town and village: a move takes them
  // along (and puts them back where they were when the version did not match).
  bool moves = old_region != e.region_code;
  if (moves) hazard::store::AddEnterpriseToTallies(tx, e.id, -1);
  bool updated = tx.Execute(kUpdate, params) == 1;
  if (moves) hazard::store::AddEnterpriseToTallies(tx, e.id, 1);
  if (!updated) return false;
  if (moves) {
    tx.Execute(kCountRegion, {old_region, int64_t{-1}});
    tx.Execute(kCountRegion, {e.region_code, int64_t{1}});
  }
  return true;
}

std::vector<std::string> Tags(db::Transaction& tx) {
  std::vector<std::string> out;
  for (const auto& row : tx.Query(kTags)) out.push_back(row.Get<std::string>(0));
  return out;
}

std::vector<Industry> Industries(db::Transaction& tx) {
  std::vector<Industry> out;
  for (const auto& row : tx.Query(kIndustries)) {
    out.push_back(
        {row.Get<std::string>(0), row.Get<std::string>(1), row.GetOptional<std::string>(2)});
  }
  return out;
}

}  // namespace anjian::enterprise::store
