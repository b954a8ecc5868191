#pragma once
// The grid's use cases behind /grids.
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/grid/grid.hpp"
#include "modules/region/region_service.hpp"

namespace anjian::grid {

struct Listing {
  std::vector<Cell> items;
  int64_t total = 0;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock, region::Service& regions)
      : database_(database), clock_(clock), regions_(regions) {}

  Result<Listing> List(const Principal& principal, const Filter& filter, const http::Page& page);
  Result<Cell> Get(const Principal& principal, int64_t id);
  Result<Cell> Create(const Principal& principal, const Cell& input);
  Result<Cell> Update(const Principal& principal, int64_t id, const Changes& changes);
  // Only an empty cell goes: no child cells and no enterprises.
  Status Delete(const Principal& principal, int64_t id, int64_t version);
  // Demo data: one transaction, audited as the system; throws on the first invalid cell.
  std::vector<int64_t> CreateAsSystem(const std::vector<Cell>& cells, const std::string& actor);

 private:
  db::Database& database_;
  const Clock& clock_;
  region::Service& regions_;
};

nlohmann::json ToJson(const Cell& cell);

}  // namespace anjian::grid
