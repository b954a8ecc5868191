#pragma once
#include <set>

#include "db/database.hpp"
#include "modules/enterprise/enterprise.hpp"

namespace anjian::enterprise::store {

struct Industry {
  std::string code;
  std::string name;
  std::optional<std::string> parent_code;
};

// `region_pattern` and `own_id` are the caller's scope: rows whose region matches the pattern, or
// whose id is own_id (an enterprise account; 0 for everyone else).
std::vector<Enterprise> List(db::Transaction& tx, const Filter& filter,
                             const std::string& region_pattern, int64_t own_id, int64_t limit,
                             int64_t offset);
int64_t Count(db::Transaction& tx, const Filter& filter, const std::string& region_pattern,
              int64_t own_id);
std::optional<Enterprise> Find(db::Transaction& tx, int64_t id, const std::string& region_pattern,
                               int64_t own_id);
int64_t Insert(db::Transaction& tx, const Enterprise& e, const std::string& now);
bool Update(db::Transaction& tx, const Enterprise& e, int64_t expected_version,
            const std::string& now);
std::set<std::string> Tags(db::Transaction& tx);
std::vector<Industry> Industries(db::Transaction& tx);

}  // namespace anjian::enterprise::store
