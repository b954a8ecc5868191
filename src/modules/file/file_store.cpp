#include "modules/file/file_store.hpp"

#include "modules/enterprise/enterprise_store.hpp"

namespace anjian::file::store {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO files (sha256, size, media_type, name, enterprise_id, uploaded_by_user_id, "
    "uploaded_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr std::string_view kColumns =
    "SELECT f.id, f.sha256, f.size, f.media_type, f.name, f.enterprise_id, f.uploaded_by_user_id, "
    "f.uploaded_by_name, f.created_at FROM files f";
constexpr std::string_view kDeleteInspectionPhotos =
    "DELETE FROM inspection_photos WHERE inspection_id = $1 AND item_id = $2";
constexpr std::string_view kInsertInspectionPhoto =
    "INSERT INTO inspection_photos (inspection_id, item_id, file_id, position) VALUES ($1, $2, "
    "$3, $4)";
constexpr std::string_view kInspectionPhotos =
    "SELECT p.item_id, f.id, f.name, f.media_type, f.size FROM inspection_photos p JOIN files f "
    "ON f.id = p.file_id WHERE p.inspection_id = $1 ORDER BY p.item_id, p.position";
constexpr std::string_view kInsertHazardPhoto =
    "INSERT INTO hazard_photos (hazard_id, file_id, stage, event_id, position) VALUES ($1, $2, "
    "$3, $4, $5) ON CONFLICT (hazard_id, file_id) DO NOTHING";
constexpr std::string_view kNextHazardPosition =
    "SELECT COALESCE(MAX(position), 0) FROM hazard_photos WHERE hazard_id = $1";
constexpr std::string_view kHazardPhotos =
    "SELECT f.id, f.name, f.media_type, f.size, p.stage, p.event_id FROM hazard_photos p JOIN "
    "files f ON f.id = p.file_id WHERE p.hazard_id = $1 ORDER BY p.position";

StoredFile Read(const db::Row& row) {
  StoredFile f;
  f.id = row.Get<int64_t>(0);
  f.sha256 = row.Get<std::string>(1);
  f.size = row.Get<int64_t>(2);
  f.media_type = row.Get<std::string>(3);
  f.name = row.Get<std::string>(4);
  f.enterprise_id = row.Get<int64_t>(5);
  f.uploaded_by_user_id = row.Get<int64_t>(6);
  f.uploaded_by_name = row.Get<std::string>(7);
  f.created_at = row.Get<std::string>(8);
  return f;
}

}  // namespace

int64_t Insert(db::Transaction& tx, const StoredFile& f) {
  return tx
      .Query(kInsert, {f.sha256, f.size, f.media_type, f.name, f.enterprise_id,
                       f.uploaded_by_user_id, f.uploaded_by_name, f.created_at})
      .front()
      .Get<int64_t>(0);
}

std::optional<StoredFile> Find(db::Transaction& tx, int64_t id,
                               const Scope::EnterpriseBounds& scope) {
  auto where = enterprise::store::ScopeWhere(scope, "e");
  enterprise::store::AddCondition(where, " AND f.id = $N", "", id);
  std::string sql(kColumns);
  sql.append(" JOIN enterprises e ON e.id = f.enterprise_id ").append(where.sql);
  auto rows = tx.Query(sql, where.params);
  if (rows.empty()) return std::nullopt;
  return Read(rows.front());
}

std::vector<StoredFile> OfEnterprise(db::Transaction& tx, const std::vector<int64_t>& ids,
                                     int64_t enterprise_id) {
  std::vector<StoredFile> out;
  out.reserve(ids.size());
  std::string sql(kColumns);
  sql.append(" WHERE f.id = $1 AND f.enterprise_id = $2");
  for (int64_t id : ids) {
    auto rows = tx.Query(sql, {id, enterprise_id});
    if (!rows.empty()) out.push_back(Read(rows.front()));
  }
  return out;
}

void SetInspectionPhotos(db::Transaction& tx, int64_t inspection_id, int64_t item_id,
                         const std::vector<int64_t>& file_ids) {
  tx.Execute(kDeleteInspectionPhotos, {inspection_id, item_id});
  int64_t position = 0;
  for (int64_t file_id : file_ids) {
    tx.Execute(kInsertInspectionPhoto, {inspection_id, item_id, file_id, ++position});
  }
}

std::vector<std::pair<int64_t, Photo>> InspectionPhotos(db::Transaction& tx,
                                                        int64_t inspection_id) {
  std::vector<std::pair<int64_t, Photo>> out;
  for (const auto& row : tx.Query(kInspectionPhotos, {inspection_id})) {
    Photo p;
    p.id = row.Get<int64_t>(1);
    p.name = row.Get<std::string>(2);
    p.media_type = row.Get<std::string>(3);
    p.size = row.Get<int64_t>(4);
    out.emplace_back(row.Get<int64_t>(0), std::move(p));
  }
  return out;
}

void AddHazardPhotos(db::Transaction& tx, int64_t hazard_id, const std::vector<int64_t>& file_ids,
                     std::string_view stage, std::optional<int64_t> event_id) {
  if (file_ids.empty()) return;
  int64_t position = tx.Query(kNextHazardPosition, {hazard_id}).front().Get<int64_t>(0);
  for (int64_t file_id : file_ids) {
    tx.Execute(kInsertHazardPhoto,
               {hazard_id, file_id, std::string(stage), db::Optional(event_id), ++position});
  }
}

std::vector<Photo> HazardPhotos(db::Transaction& tx, int64_t hazard_id) {
  std::vector<Photo> out;
  for (const auto& row : tx.Query(kHazardPhotos, {hazard_id})) {
    Photo p;
    p.id = row.Get<int64_t>(0);
    p.name = row.Get<std::string>(1);
    p.media_type = row.Get<std::string>(2);
    p.size = row.Get<int64_t>(3);
    p.stage = row.Get<std::string>(4);
    p.event_id = row.GetOptional<int64_t>(5);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace anjian::file::store
