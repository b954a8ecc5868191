#pragma once
#include "db/database.hpp"
#include "modules/region/region.hpp"

namespace anjian::region::store {

std::vector<Region> TopLevel(db::Transaction& tx);
std::optional<Region> Find(db::Transaction& tx, const std::string& code);
// Descendants of a prefix pattern with level in (min_level, max_level], parents first.
std::vector<Region> Descendants(db::Transaction& tx, const std::string& pattern, int min_level,
                                int max_level);
std::vector<Region> Children(db::Transaction& tx, const std::string& code);
// Inserts or renames; returns the previous name, or nothing when the region is new.
std::optional<std::string> Upsert(db::Transaction& tx, const Region& region);

}  // namespace anjian::region::store
