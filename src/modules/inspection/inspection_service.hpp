#pragma once
// Inspections behind /inspections: started by an inspector against an enterprise in scope and a
// checklist version, filled in item by item (a phone page saves as it goes), and finished, when
// every finding becomes a hazard in the same transaction.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/checklist/checklist.hpp"
#include "modules/inspection/inspection.hpp"

namespace anjian::inspection {

struct Listing {
  std::vector<Inspection> items;
  int64_t total = 0;
};

struct Detail {
  Inspection inspection;
  std::vector<checklist::Item> items;  // of its checklist version
};

struct StartInput {
  int64_t enterprise_id = 0;
  std::string kind;
  std::optional<int64_t> checklist_id;  // its current version is used
  std::string companions;
  std::optional<double> longitude;
  std::optional<double> latitude;
};

// Progress saved by the inspector: results replace earlier ones item by item.
struct Progress {
  int64_t version = 0;
  std::vector<ItemResult> results;
  std::optional<std::string> companions;
  std::optional<std::string> summary;
  std::optional<std::optional<double>> longitude;
  std::optional<std::optional<double>> latitude;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  Result<Listing> List(const Principal& principal, const Filter& filter, const http::Page& page);
  Result<Detail> Get(const Principal& principal, int64_t id);
  Result<Detail> Start(const Principal& principal, const StartInput& input);
  // Only the inspector who started it, while it is in progress.
  Result<Detail> Save(const Principal& principal, int64_t id, const Progress& progress);
  // Every item answered; each finding becomes a hazard, once.
  Result<Detail> Finish(const Principal& principal, int64_t id, int64_t version);

 private:
  db::Database& database_;
  const Clock& clock_;
};

nlohmann::json ToJson(const Inspection& inspection);
nlohmann::json ToJson(const Detail& detail);

}  // namespace anjian::inspection
