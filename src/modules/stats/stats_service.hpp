#pragma once
// The dashboard behind /stats: the figures of a region and a period, and the quarter's coverage
// (which enterprises no inspection has reached yet). Reads the hazard and inspection modules'
// stores; writes nothing.
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/inspection/inspection_store.hpp"
#include "modules/stats/stats.hpp"

namespace anjian::stats {

struct UncoveredListing {
  Quarter quarter;
  std::vector<inspection::store::Uncovered> items;
  int64_t total = 0;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // `region_code` narrows the caller's scope ("" for all of it); out of scope answers 404.
  Result<Dashboard> Overview(const Principal& principal, const std::string& region_code,
                             const std::string& from, const std::string& to);
  Result<UncoveredListing> Uncovered(const Principal& principal, const std::string& region_code,
                                     const http::Page& page);

 private:
  Dashboard Compute(const Principal& principal, const Scope::EnterpriseBounds& bounds,
                    Dashboard out);

  db::Database& database_;
  const Clock& clock_;
  // Dashboards already computed, served again while nothing has been written since (by this
  // process; another's writes — several servers on one PostgreSQL — show within kCacheFor).
  struct Cached {
    uint64_t writes = 0;
    std::chrono::steady_clock::time_point computed;
    Dashboard dashboard;
  };
  std::mutex cache_mutex_;
  std::unordered_map<std::string, Cached> cache_;
};

nlohmann::json ToJson(const Dashboard& dashboard);

}  // namespace anjian::stats
