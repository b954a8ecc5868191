#pragma once
// The assembled application: one database, the clock and every module's service.
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/checklist/checklist_service.hpp"
#include "modules/credit/credit_service.hpp"
#include "modules/enterprise/enterprise_service.hpp"
#include "modules/file/file_service.hpp"
#include "modules/grid/grid_service.hpp"
#include "modules/hazard/hazard_service.hpp"
#include "modules/identity/identity_service.hpp"
#include "modules/inspection/inspection_service.hpp"
#include "modules/notification/notification_service.hpp"
#include "modules/people/people_service.hpp"
#include "modules/plan/plan_service.hpp"
#include "modules/region/region_service.hpp"
#include "modules/scoring/scoring_service.hpp"
#include "modules/stats/stats_service.hpp"
#include "modules/watchlist/watchlist_service.hpp"

namespace anjian::app {

struct Options {
  std::string database_url;
  size_t pool_size = 8;
  // Where uploaded files live; empty: beside the SQLite file, or ./data for PostgreSQL.
  std::string data_dir;
  identity::SessionPolicy session_policy;
  identity::ThrottlePolicy throttle_policy;
};

class App {
 public:
  // Opens the database and brings its schema up to date; throws with a readable message when the
  // database cannot be opened or is newer than this binary.
  explicit App(const Options& options);

  db::Database& database() { return *database_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  const Clock& clock() const { return clock_; }
  identity::Service& identity() { return identity_; }
  region::Service& regions() { return regions_; }
  audit::Service& audit() { return audit_; }
  enterprise::Service& enterprises() { return enterprises_; }
  grid::Service& grids() { return grids_; }
  people::Service& people() { return people_; }
  checklist::Service& checklists() { return checklists_; }
  file::Service& files() { return files_; }
  inspection::Service& inspections() { return inspections_; }
  plan::Service& plans() { return plans_; }
  scoring::Service& scoring() { return scoring_; }
  credit::Service& credit() { return credit_; }
  watchlist::Service& watchlist() { return watchlist_; }
  hazard::Service& hazards() { return hazards_; }
  stats::Service& stats() { return stats_; }
  notification::Service& notifications() { return notifications_; }

  void RegisterRoutes(http::Router& router, http::Metrics& metrics);
  // Daily housekeeping: expired sessions, hazard deadline reminders; later modules add rollovers.
  void RunJobs(http::Metrics* metrics);

 private:
  std::unique_ptr<db::Database> database_;
  std::filesystem::path data_dir_;
  SystemClock clock_;
  identity::Service identity_;
  region::Service regions_;
  audit::Service audit_;
  enterprise::Service enterprises_;
  grid::Service grids_;
  people::Service people_;
  checklist::Service checklists_;
  file::Service files_;
  inspection::Service inspections_;
  plan::Service plans_;
  scoring::Service scoring_;
  credit::Service credit_;
  watchlist::Service watchlist_;
  hazard::Service hazards_;
  stats::Service stats_;
  notification::Service notifications_;
};

// The data directory the options name, or the default: the SQLite file's directory, else ./data.
std::filesystem::path DataDirectory(const Options& options);

// Builds the demo city; safe to run again (existing regions and accounts are kept).
struct DemoReport {
  int regions = 0;
  int users_created = 0;
  int enterprises_created = 0;
  int grid_cells = 0;
  int people_created = 0;
  int inspections = 0;
  int plans = 0;
  int ratings = 0;
};
// Without people the enterprises come alone (data-volume benchmarks of a million enterprises).
DemoReport BuildDemo(App& app, int enterprises, bool with_people = true);
inline constexpr int kDemoEnterprises = 20'000;
inline constexpr std::string_view kDemoPassword = "Demo@2026";

}  // namespace anjian::app
