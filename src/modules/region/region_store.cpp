#include "modules/region/region_store.hpp"

namespace anjian::region::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT r.code, r.name, r.level, r.parent_code, "
    "EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code) FROM regions r ";
const std::string kTopLevel = std::string(kColumns) + "WHERE r.parent_code IS NULL ORDER BY r.code";
const std::string kFind = std::string(kColumns) + "WHERE r.code = $1";
const std::string kDescendants = std::string(kColumns) +
                                 "WHERE r.code LIKE $1 AND r.level > $2 AND r.level <= $3 "
                                 "ORDER BY r.level, r.code";
const std::string kChildren = std::string(kColumns) + "WHERE r.parent_code = $1 ORDER BY r.code";
constexpr std::string_view kName = "SELECT name FROM regions WHERE code = $1";
constexpr std::string_view kInsert =
    "INSERT INTO regions (code, name, level, parent_code) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kRename = "UPDATE regions SET name = $2 WHERE code = $1";

Region Read(const db::Row& row) {
  return {row.Get<std::string>(0), row.Get<std::string>(1), static_cast<int>(row.Get<int64_t>(2)),
          row.GetOptional<std::string>(3), row.Get<bool>(4)};
}

std::vector<Region> ReadAll(const db::Rows& rows) {
  std::vector<Region> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(Read(row));
  return out;
}

}  // namespace

std::vector<Region> TopLevel(db::Transaction& tx) { return ReadAll(tx.Query(kTopLevel)); }

std::optional<Region> Find(db::Transaction& tx, const std::string& code) {
  auto row = tx.QueryOne(kFind, {code});
  if (!row) return std::nullopt;
  return Read(*row);
}

std::vector<Region> Descendants(db::Transaction& tx, const std::string& pattern, int min_level,
                                int max_level) {
  return ReadAll(tx.Query(kDescendants, {pattern, int64_t{min_level}, int64_t{max_level}}));
}

std::vector<Region> Children(db::Transaction& tx, const std::string& code) {
  return ReadAll(tx.Query(kChildren, {code}));
}

std::optional<std::string> Upsert(db::Transaction& tx, const Region& region) {
  auto existing = tx.QueryOne(kName, {region.code});
  if (existing) {
    auto previous = existing->Get<std::string>(0);
    if (previous != region.name) tx.Execute(kRename, {region.code, region.name});
    return previous;
  }
  tx.Execute(kInsert,
             {region.code, region.name, int64_t{region.level}, db::Optional(region.parent_code)});
  return std::nullopt;
}

}  // namespace anjian::region::store
