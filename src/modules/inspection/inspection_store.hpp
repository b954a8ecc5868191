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
// Inspections finished in [from, to) (instants) in the scope, and the enterprises they reached.
struct Figures {
  int64_t inspections = 0;
  int64_t enterprises = 0;
};
Figures CountFigures(db::Transaction& tx, const Bounds& scope, const std::string& from,
                     const std::string& to);
// Finished inspections in [from, to) per child region (the first `prefix_length` digits of the
// enterprise's region code).
std::vector<std::pair<std::string, int64_t>> CountByRegion(db::Transaction& tx, const Bounds& scope,
                                                           int64_t prefix_length,
                                                           const std::string& from,
                                                           const std::string& to);

// Coverage (全覆盖检查): the operating enterprises of the scope, how many of them an inspection
// finished in [from, to) reached, and a page of those it has not reached yet.
struct Uncovered {
  int64_t id = 0;
  std::string name;
  std::string uscc;
  std::string region_code;
};
struct Coverage {
  int64_t enterprises = 0;
  int64_t covered = 0;
};
Coverage CountCoverage(db::Transaction& tx, const Bounds& scope, const std::string& from,
                       const std::string& to);
std::vector<Uncovered> ListUncovered(db::Transaction& tx, const Bounds& scope,
                                     const std::string& from, const std::string& to, int64_t limit,
                                     int64_t offset);

// Writes one item's result, replacing an earlier one.
void SaveResult(db::Transaction& tx, int64_t inspection_id, const ItemResult& result);

}  // namespace anjian::inspection::store
