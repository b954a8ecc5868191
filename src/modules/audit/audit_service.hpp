#pragma once
// What other modules call: Append inside their own write transaction.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/audit/audit.hpp"

namespace anjian::audit {

Actor ActorOf(const Principal& principal);
Actor SystemActor(std::string name = "system");

// Appends one entry to the chain in the caller's transaction; `before` and `after` are null for a
// creation and a deletion respectively.
void Append(db::Transaction& tx, const Actor& actor, std::string_view action,
            std::string_view entity, std::string_view entity_id, const nlohmann::json& before,
            const nlohmann::json& after, Instant now);

struct Listing {
  std::vector<Entry> items;
  int64_t total = 0;
};

class Service {
 public:
  explicit Service(db::Database& database) : database_(database) {}
  Result<Listing> List(const Principal& principal, const Filter& filter, const http::Page& page);
  // Walks the whole chain; also checks that the head matches the last entry.
  ChainVerifier Verify();

 private:
  db::Database& database_;
};

nlohmann::json ToJson(const Entry& entry);

}  // namespace anjian::audit
