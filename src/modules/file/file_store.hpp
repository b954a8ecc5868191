#pragma once
#include "core/access.hpp"
#include "db/database.hpp"
#include "modules/file/file.hpp"

namespace anjian::file::store {

int64_t Insert(db::Transaction& tx, const StoredFile& file);
// The file when the caller's scope covers its enterprise.
std::optional<StoredFile> Find(db::Transaction& tx, int64_t id,
                               const Scope::EnterpriseBounds& scope);
// The files among `ids` that belong to the enterprise, by id.
std::vector<StoredFile> OfEnterprise(db::Transaction& tx, const std::vector<int64_t>& ids,
                                     int64_t enterprise_id);

// An inspection answer's photos, replaced as a whole.
void SetInspectionPhotos(db::Transaction& tx, int64_t inspection_id, int64_t item_id,
                         const std::vector<int64_t>& file_ids);
// Every answer's photos of an inspection, by item id.
std::vector<std::pair<int64_t, Photo>> InspectionPhotos(db::Transaction& tx, int64_t inspection_id);

void AddHazardPhotos(db::Transaction& tx, int64_t hazard_id, const std::vector<int64_t>& file_ids,
                     std::string_view stage, std::optional<int64_t> event_id);
// The hazard's photos: before first, then after in the order of the events that brought them.
std::vector<Photo> HazardPhotos(db::Transaction& tx, int64_t hazard_id);

}  // namespace anjian::file::store
