#pragma once
#include "db/database.hpp"
#include "modules/checklist/checklist.hpp"

namespace anjian::checklist::store {

// Every template matching the purpose and name filter, by id, each with its current version's
// item count. Templates are few (tens), so the service filters and pages the rest in memory.
std::vector<Checklist> List(db::Transaction& tx, const Filter& filter);
std::optional<Checklist> Find(db::Transaction& tx, int64_t id);
// A version of a template by its number, with its items in order.
std::optional<Version> FindVersion(db::Transaction& tx, int64_t checklist_id, int64_t number);
// A version by its own id, as an inspection refers to it.
std::optional<Version> FindVersionById(db::Transaction& tx, int64_t version_id);
// The templates' own rows; the unique code answers DbError kUniqueViolation.
int64_t Insert(db::Transaction& tx, const Checklist& checklist, const std::string& now);
// The template's fields and current version; false when its version moved on.
bool Update(db::Transaction& tx, const Checklist& checklist, int64_t expected_version,
            const std::string& now);
// Writes a frozen version with its items; returns the version's id.
int64_t InsertVersion(db::Transaction& tx, const Version& version, const std::string& now);

}  // namespace anjian::checklist::store
