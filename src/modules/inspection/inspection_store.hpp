#pragma once
#include "core/access.hpp"
#include "db/database.hpp"
#include "modules/inspection/inspection.hpp"

namespace anjian::inspection::store {

// Reads take the caller's scope as the enterprise bounds: an inspection is in scope when its
// enterprise is.
using Bounds = Scope::EnterpriseBounds;

std::vector<Inspection> List(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                             int64_t limit, int64_t offset);
int64_t Count(db::Transaction& tx, const Filter& filter, const Bounds& scope);
// The inspection without its results.
std::optional<Inspection> Find(db::Transaction& tx, int64_t id, const Bounds& scope);
// Its results, each with the hazard its finding became.
std::vector<ItemResult> Results(db::Transaction& tx, int64_t id);
int64_t Insert(db::Transaction& tx, const Inspection& inspection, const std::string& now);
// The inspector's fields (companions, position, summary, status, finish time) when the version
// is still `expected_version`.
bool Update(db::Transaction& tx, const Inspection& inspection, int64_t expected_version,
            const std::string& now);
// Writes one item's result, replacing an earlier one.
void SaveResult(db::Transaction& tx, int64_t inspection_id, const ItemResult& result);

}  // namespace anjian::inspection::store
