#pragma once
#include "core/access.hpp"
#include "db/database.hpp"
#include "modules/grid/grid.hpp"

namespace anjian::grid::store {

// Reads take the caller's scope (Scope::ForEnterprises): the region bounds, and for a grid
// worker only the cells it leads and their children.
using Bounds = Scope::EnterpriseBounds;

std::vector<Cell> List(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                       int64_t limit, int64_t offset);
int64_t Count(db::Transaction& tx, const Filter& filter, const Bounds& scope);
std::optional<Cell> Find(db::Transaction& tx, int64_t id, const Bounds& scope);
int64_t Insert(db::Transaction& tx, const Cell& cell, const std::string& now);
// False when the version moved on.
bool Update(db::Transaction& tx, const Cell& cell, int64_t expected_version,
            const std::string& now);
// Children and enterprises keep a cell; the caller checks both are none first.
int64_t Children(db::Transaction& tx, int64_t id);
bool Delete(db::Transaction& tx, int64_t id, int64_t expected_version);
// The village's level-2 cell when it has exactly one, where a new enterprise goes by default.
std::optional<int64_t> SoleCellOfVillage(db::Transaction& tx, const std::string& village);

}  // namespace anjian::grid::store
