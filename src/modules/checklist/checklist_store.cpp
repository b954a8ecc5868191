#include "modules/checklist/checklist_store.hpp"

#include "core/text.hpp"
#include "modules/enterprise/enterprise.hpp"

namespace anjian::checklist::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT c.id, c.code, c.name, c.purpose, c.hazard_tags, c.industry_code, c.current_version, "
    "c.created_at, c.updated_at, c.version, (SELECT COUNT(*) FROM checklist_items i JOIN "
    "checklist_versions v ON v.id = i.version_id WHERE v.checklist_id = c.id AND v.number = "
    "c.current_version) FROM checklists c ";
constexpr std::string_view kList =
    "WHERE ($1 = '' OR c.purpose = $1) AND ($2 = '' OR c.name LIKE $2 ESCAPE '\\') ORDER BY c.id";
constexpr std::string_view kFind = "WHERE c.id = $1";
constexpr std::string_view kVersionColumns =
    "SELECT id, checklist_id, number, note, created_by, created_at FROM checklist_versions ";
constexpr std::string_view kItems =
    "SELECT id, position, text, category, legal_basis, points, major_hazard FROM checklist_items "
    "WHERE version_id = $1 ORDER BY position";
constexpr std::string_view kInsert =
    "INSERT INTO checklists (code, name, purpose, hazard_tags, industry_code, current_version, "
    "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, 1, $6, $6, 1) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE checklists SET name = $2, purpose = $3, hazard_tags = $4, industry_code = $5, "
    "current_version = $6, updated_at = $7, version = version + 1 WHERE id = $1 AND version = $8";
constexpr std::string_view kInsertVersion =
    "INSERT INTO checklist_versions (checklist_id, number, note, created_by, created_at) VALUES "
    "($1, $2, $3, $4, $5) RETURNING id";
constexpr std::string_view kInsertItem =
    "INSERT INTO checklist_items (version_id, position, text, category, legal_basis, points, "
    "major_hazard) VALUES ($1, $2, $3, $4, $5, $6, $7)";

Checklist Read(const db::Row& row) {
  Checklist c;
  c.id = row.Get<int64_t>(0);
  c.code = row.Get<std::string>(1);
  c.name = row.Get<std::string>(2);
  c.purpose = row.Get<std::string>(3);
  c.hazard_tags = enterprise::DecodeTags(row.Get<std::string>(4));
  c.industry_code = row.Get<std::string>(5);
  c.current_version = row.Get<int64_t>(6);
  c.created_at = row.Get<std::string>(7);
  c.updated_at = row.Get<std::string>(8);
  c.version = row.Get<int64_t>(9);
  c.item_count = row.Get<int64_t>(10);
  return c;
}

std::optional<Version> ReadVersion(db::Transaction& tx, const std::optional<db::Row>& row) {
  if (!row) return std::nullopt;
  Version v;
  v.id = row->Get<int64_t>(0);
  v.checklist_id = row->Get<int64_t>(1);
  v.number = row->Get<int64_t>(2);
  v.note = row->Get<std::string>(3);
  v.created_by = row->Get<std::string>(4);
  v.created_at = row->Get<std::string>(5);
  for (const auto& r : tx.Query(kItems, {v.id})) {
    Item item;
    item.id = r.Get<int64_t>(0);
    item.position = r.Get<int64_t>(1);
    item.text = r.Get<std::string>(2);
    item.category = r.Get<std::string>(3);
    item.legal_basis = r.Get<std::string>(4);
    item.points = r.GetOptional<int64_t>(5);
    item.major_hazard = r.Get<int64_t>(6) != 0;
    v.items.push_back(std::move(item));
  }
  return v;
}

}  // namespace

std::vector<Checklist> List(db::Transaction& tx, const Filter& filter) {
  std::vector<Checklist> out;
  for (const auto& row : tx.Query(std::string(kColumns) + std::string(kList),
                                  {filter.purpose, LikeContains(filter.q)})) {
    out.push_back(Read(row));
  }
  return out;
}

std::optional<Checklist> Find(db::Transaction& tx, int64_t id) {
  auto row = tx.QueryOne(std::string(kColumns) + std::string(kFind), {id});
  if (!row) return std::nullopt;
  return Read(*row);
}

std::optional<Version> FindVersion(db::Transaction& tx, int64_t checklist_id, int64_t number) {
  return ReadVersion(
      tx, tx.QueryOne(std::string(kVersionColumns) + "WHERE checklist_id = $1 AND number = $2",
                      {checklist_id, number}));
}

std::optional<Version> FindVersionById(db::Transaction& tx, int64_t version_id) {
  return ReadVersion(tx, tx.QueryOne(std::string(kVersionColumns) + "WHERE id = $1", {version_id}));
}

int64_t Insert(db::Transaction& tx, const Checklist& c, const std::string& now) {
  return tx
      .QueryOne(kInsert, {c.code, c.name, c.purpose, enterprise::EncodeTags(c.hazard_tags),
                          c.industry_code, now})
      ->Get<int64_t>(0);
}

bool Update(db::Transaction& tx, const Checklist& c, int64_t expected_version,
            const std::string& now) {
  return tx.Execute(kUpdate, {c.id, c.name, c.purpose, enterprise::EncodeTags(c.hazard_tags),
                              c.industry_code, c.current_version, now, expected_version}) == 1;
}

int64_t InsertVersion(db::Transaction& tx, const Version& v, const std::string& now) {
  int64_t id = tx.QueryOne(kInsertVersion, {v.checklist_id, v.number, v.note, v.created_by, now})
                   ->Get<int64_t>(0);
  int64_t position = 0;
  for (const auto& item : v.items) {
    tx.Execute(kInsertItem, {id, ++position, item.text, item.category, item.legal_basis,
                             db::Optional(item.points), int64_t{item.major_hazard ? 1 : 0}});
  }
  return id;
}

}  // namespace anjian::checklist::store
