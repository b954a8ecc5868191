#include "modules/enterprise/enterprise_store.hpp"

#include <map>

#include "core/text.hpp"

namespace anjian::enterprise::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, uscc, name, region_code, industry_code, scale, employees, frontline_workers, "
    "safety_inspectors, hazard_tags, address, longitude, latitude, status, standardization_level, "
    "standardization_expiry, created_at, updated_at, version FROM enterprises ";
// Scope first ($1 pattern, $2 own id), then the filters; an empty filter matches everything.
constexpr std::string_view kWhere =
    "WHERE (region_code LIKE $1 OR id = $2) AND ($3 = '' OR name LIKE $3 ESCAPE '\\') "
    "AND ($4 = '' OR uscc = $4) AND ($5 = '' OR region_code LIKE $5) "
    "AND ($6 = '' OR industry_code LIKE $6) AND ($7 = '' OR hazard_tags LIKE $7) "
    "AND ($8 = '' OR scale = $8) AND ($9 = '' OR status = $9) ";
// ORDER BY cannot take a parameter, so each sort the API offers is a statement of its own.
const std::map<std::string, std::string, std::less<>> kListBySort = {
    {"id", std::string(kColumns) + std::string(kWhere) + "ORDER BY id LIMIT $10 OFFSET $11"},
    {"name",
     std::string(kColumns) + std::string(kWhere) + "ORDER BY name, id LIMIT $10 OFFSET $11"},
    {"-employees", std::string(kColumns) + std::string(kWhere) +
                       "ORDER BY employees DESC, id LIMIT $10 OFFSET $11"},
    {"-updated_at", std::string(kColumns) + std::string(kWhere) +
                        "ORDER BY updated_at DESC, id DESC LIMIT $10 OFFSET $11"},
};
const std::string kCount = "SELECT COUNT(*) FROM enterprises " + std::string(kWhere);
const std::string kFind =
    std::string(kColumns) + "WHERE id = $3 AND (region_code LIKE $1 OR id = $2)";
constexpr std::string_view kInsert =
    "INSERT INTO enterprises (uscc, name, region_code, industry_code, scale, employees, "
    "frontline_workers, safety_inspectors, hazard_tags, address, longitude, latitude, status, "
    "standardization_level, standardization_expiry, created_at, updated_at, version) VALUES ($1, "
    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, 1) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE enterprises SET uscc = $2, name = $3, region_code = $4, industry_code = $5, scale = "
    "$6, "
    "employees = $7, frontline_workers = $8, safety_inspectors = $9, hazard_tags = $10, address = "
    "$11, longitude = $12, latitude = $13, status = $14, standardization_level = $15, "
    "standardization_expiry = $16, updated_at = $17, version = version + 1 WHERE id = $1 AND "
    "version = $18";
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
  return e;
}

db::Params FilterParams(const Filter& f, const std::string& region_pattern, int64_t own_id) {
  return {region_pattern,
          own_id,
          LikeContains(f.q),
          f.uscc,
          f.region_code,
          f.industry_code.empty() ? std::string() : f.industry_code + "%",
          f.tag.empty() ? std::string() : "%," + f.tag + ",%",
          f.scale,
          f.status};
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
          db::Optional(e.standardization_expiry)};
}

}  // namespace

std::vector<Enterprise> List(db::Transaction& tx, const Filter& filter,
                             const std::string& region_pattern, int64_t own_id, int64_t limit,
                             int64_t offset) {
  auto params = FilterParams(filter, region_pattern, own_id);
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto sql = kListBySort.find(filter.sort);
  std::vector<Enterprise> out;
  for (const auto& row :
       tx.Query(sql == kListBySort.end() ? kListBySort.at("id") : sql->second, params)) {
    out.push_back(Read(row));
  }
  return out;
}

int64_t Count(db::Transaction& tx, const Filter& filter, const std::string& region_pattern,
              int64_t own_id) {
  return tx.QueryOne(kCount, FilterParams(filter, region_pattern, own_id))->Get<int64_t>(0);
}

std::optional<Enterprise> Find(db::Transaction& tx, int64_t id, const std::string& region_pattern,
                               int64_t own_id) {
  auto row = tx.QueryOne(kFind, {region_pattern, own_id, id});
  if (!row) return std::nullopt;
  return Read(*row);
}

int64_t Insert(db::Transaction& tx, const Enterprise& e, const std::string& now) {
  auto params = RecordParams(e);
  params.emplace_back(now);
  return tx.QueryOne(kInsert, params)->Get<int64_t>(0);
}

bool Update(db::Transaction& tx, const Enterprise& e, int64_t expected_version,
            const std::string& now) {
  db::Params params{e.id};
  for (auto& p : RecordParams(e)) params.push_back(std::move(p));
  params.emplace_back(now);
  params.emplace_back(expected_version);
  return tx.Execute(kUpdate, params) == 1;
}

std::set<std::string> Tags(db::Transaction& tx) {
  std::set<std::string> out;
  for (const auto& row : tx.Query(kTags)) out.insert(row.Get<std::string>(0));
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
