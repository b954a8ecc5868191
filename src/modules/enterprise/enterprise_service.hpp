#pragma once
// The enterprise registry's use cases behind /enterprises, /industries and /hazard-tags.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/audit/audit.hpp"
#include "modules/enterprise/enterprise.hpp"
#include "modules/enterprise/enterprise_store.hpp"
#include "modules/region/region_service.hpp"

namespace anjian::enterprise {

struct Listing {
  std::vector<Enterprise> items;
  int64_t total = 0;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock, region::Service& regions)
      : database_(database), clock_(clock), regions_(regions) {}

  Result<Listing> List(const Principal& principal, const Filter& filter, const http::Page& page);
  // The located enterprises of the filter for the map, at most kMapLimit of them; `total` says
  // how many match, so that a page can say when the map shows only the first ones.
  static constexpr int64_t kMapLimit = 50'000;
  Result<std::pair<std::vector<store::Point>, int64_t>> Points(const Principal& principal,
                                                               const Filter& filter);
  Result<Enterprise> Get(const Principal& principal, int64_t id);
  Result<Enterprise> Create(const Principal& principal, const Enterprise& input);
  // Officers change any field in scope; an enterprise account changes its own profile but not
  // its credit code or region.
  Result<Enterprise> Update(const Principal& principal, int64_t id, const Changes& changes);
  // Moves enterprises into a level-2 grid cell of their own village, all or none.
  Result<int64_t> PlaceInCell(const Principal& principal, int64_t cell_id,
                              const std::vector<int64_t>& enterprise_ids);
  Result<std::vector<store::Industry>> Industries(const Principal& principal);
  Result<std::vector<std::string>> Tags(const Principal& principal);

  // Creates many records in one transaction, each audited, as the system (demo data). Throws on
  // the first invalid record: callers pass generated, valid data.
  std::vector<int64_t> CreateAsSystem(const std::vector<Enterprise>& records,
                                      const std::string& actor);

 private:
  // The cell a record goes into: the one asked for (checked against the caller's scope and the
  // record's village) or, when none is asked for, the village's only level-2 cell.
  static Result<std::optional<int64_t>> ResolveCell(db::Transaction& tx, const Scope& scope,
                                                    const Enterprise& record, bool asked);
  Result<int64_t> Insert(db::Transaction& tx, const Enterprise& input,
                         const std::set<std::string>& tags, const audit::Actor& actor, Instant now);
  db::Database& database_;
  const Clock& clock_;
  region::Service& regions_;
};

nlohmann::json ToJson(const Enterprise& enterprise);

}  // namespace anjian::enterprise
