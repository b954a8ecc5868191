#pragma once
#include "core/access.hpp"
#include "db/database.hpp"
#include "modules/people/people.hpp"

namespace anjian::people::store {

// A certificate in the expiry list, with the enterprise it belongs to.
struct Expiring {
  Person person;
  std::string enterprise_name;
  std::string enterprise_uscc;
  std::string region_code;
};

std::vector<Person> OfEnterprise(db::Transaction& tx, int64_t enterprise_id);
std::optional<Person> Find(db::Transaction& tx, int64_t enterprise_id, int64_t id);
int64_t Insert(db::Transaction& tx, const Person& person, const std::string& now);
bool Update(db::Transaction& tx, const Person& person, int64_t expected_version,
            const std::string& now);
bool Delete(db::Transaction& tx, int64_t id, int64_t expected_version);

// Certificates whose expiry lies in [from, to], soonest first, of the enterprises in scope (and
// in `region_code`'s subtree when given).
std::vector<Expiring> ListExpiring(db::Transaction& tx, const Scope::EnterpriseBounds& scope,
                                   const std::string& from, const std::string& to, int64_t limit,
                                   int64_t offset);
int64_t CountExpiring(db::Transaction& tx, const Scope::EnterpriseBounds& scope,
                      const std::string& from, const std::string& to);

}  // namespace anjian::people::store
