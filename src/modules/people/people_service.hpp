#pragma once
// The key people of an enterprise behind /enterprises/{id}/people, and the certificate expiry list
// behind /certificates/expiring.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/people/people.hpp"
#include "modules/people/people_store.hpp"

namespace anjian::people {

struct ExpiringFilter {
  std::string region_code;  // a subtree
  int64_t within_days = kExpiryWarningDays;
  bool expired = false;  // the certificates already expired instead of those about to
};

struct ExpiringListing {
  std::vector<store::Expiring> items;
  int64_t total = 0;
  std::string today;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  Result<std::vector<Person>> List(const Principal& principal, int64_t enterprise_id);
  // Officers edit the people of enterprises in scope; an enterprise account edits its own.
  Result<Person> Create(const Principal& principal, int64_t enterprise_id, const Person& input);
  Result<Person> Update(const Principal& principal, int64_t enterprise_id, int64_t id,
                        const Changes& changes);
  Status Delete(const Principal& principal, int64_t enterprise_id, int64_t id, int64_t version);
  Result<ExpiringListing> Expiring(const Principal& principal, const ExpiringFilter& filter,
                                   const http::Page& page);
  // Demo data: one transaction, audited as the system; throws on the first invalid record.
  void CreateAsSystem(const std::vector<Person>& records, const std::string& actor);

  std::string Today() const { return ChinaDate(clock_.Now()); }

 private:
  // Whether the caller may write the enterprise's people: 403 for a role that never may, 404 when
  // the enterprise is not in its scope.
  static Status CheckWritable(db::Transaction& tx, const Principal& principal,
                              int64_t enterprise_id);
  db::Database& database_;
  const Clock& clock_;
};

// The record with its certificate's state on `today`.
nlohmann::json ToJson(const Person& person, std::string_view today);

}  // namespace anjian::people
