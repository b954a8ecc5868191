#include "app/app.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <functional>

#include "db/migrator.hpp"
#include "modules/audit/audit_routes.hpp"
#include "modules/checklist/checklist_routes.hpp"
#include "modules/credit/credit_routes.hpp"
#include "modules/enterprise/enterprise_routes.hpp"
#include "modules/file/file_routes.hpp"
#include "modules/grid/grid_routes.hpp"
#include "modules/hazard/hazard_routes.hpp"
#include "modules/hazard/hazard_store.hpp"
#include "modules/identity/identity_routes.hpp"
#include "modules/inspection/inspection_routes.hpp"
#include "modules/notification/notification_routes.hpp"
#include "modules/people/people_routes.hpp"
#include "modules/plan/plan_routes.hpp"
#include "modules/region/region_routes.hpp"
#include "modules/scoring/scoring_routes.hpp"
#include "modules/stats/stats_routes.hpp"
#include "modules/watchlist/watchlist_routes.hpp"

namespace anjian::app {
namespace {

std::unique_ptr<db::Database> OpenMigrated(const Options& options) {
  auto database = db::Open(options.database_url, options.pool_size);
  auto applied = db::Migrate(*database);
  if (!applied) throw std::runtime_error(applied.error().detail);
  if (*applied > 0) spdlog::info("applied {} migration(s)", *applied);
  db::Transaction tx(*database, db::TransactionMode::kWrite);
  if (!hazard::store::TalliesBuilt(tx)) {
    auto start = std::chrono::steady_clock::now();
    hazard::store::RebuildTallies(tx);
    tx.Commit();
    spdlog::info("rebuilt the dashboard's hazard tallies in {:.1f} s",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return database;
}

}  // namespace

std::filesystem::path DataDirectory(const Options& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  std::string_view url = options.database_url;
  if (url.starts_with("sqlite:") && url != "sqlite::memory:") {
    auto parent = std::filesystem::path(url.substr(7)).parent_path();
    return parent.empty() ? std::filesystem::path(".") : parent;
  }
  return "data";
}

App::App(const Options& options)
    : database_(OpenMigrated(options)),
      data_dir_(DataDirectory(options)),
      identity_(*database_, clock_, options.session_policy, options.throttle_policy),
      regions_(*database_, clock_),
      audit_(*database_),
      enterprises_(*database_, clock_, regions_),
      grids_(*database_, clock_, regions_),
      people_(*database_, clock_),
      checklists_(*database_, clock_),
      files_(*database_, clock_, data_dir_),
      inspections_(*database_, clock_),
      plans_(*database_, clock_),
      scoring_(*database_, clock_),
      credit_(*database_, clock_),
      watchlist_(*database_, clock_),
      hazards_(*database_, clock_),
      stats_(*database_, clock_),
      notifications_(*database_, clock_) {}

void App::RegisterRoutes(http::Router& router, http::Metrics& metrics) {
  router.SetSessionResolver(&identity_);
  router.Get("/healthz", http::Access::kPublic, [this](http::Request&) {
    try {
      db::Transaction tx(*database_, db::TransactionMode::kRead);
      tx.Query("SELECT 1");
      return http::Json(200, {{"status", "ok"}});
    } catch (const db::DbError& error) {
      spdlog::error("health check: {}", error.what());
      return http::Json(503, {{"status", "unavailable"}});
    }
  });
  router.Get("/metrics", http::Access::kPublic, [&metrics](http::Request&) {
    http::Response response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = metrics.Render();
    return response;
  });
  metrics.AddGauge("anjian_db_pool_connections", "Open database connections.",
                   [this] { return static_cast<double>(database_->Stats().size); });
  metrics.AddGauge("anjian_db_pool_idle", "Idle database connections.",
                   [this] { return static_cast<double>(database_->Stats().idle); });
  metrics.AddGauge("anjian_db_pool_waits", "Times a request waited for a database connection.",
                   [this] { return static_cast<double>(database_->Stats().waits); });
  identity::RegisterRoutes(router, identity_);
  region::RegisterRoutes(router, regions_);
  audit::RegisterRoutes(router, audit_);
  enterprise::RegisterRoutes(router, enterprises_);
  grid::RegisterRoutes(router, grids_);
  people::RegisterRoutes(router, people_);
  checklist::RegisterRoutes(router, checklists_);
  file::RegisterRoutes(router, files_);
  inspection::RegisterRoutes(router, inspections_);
  plan::RegisterRoutes(router, plans_);
  scoring::RegisterRoutes(router, scoring_);
  credit::RegisterRoutes(router, credit_);
  watchlist::RegisterRoutes(router, watchlist_);
  hazard::RegisterRoutes(router, hazards_);
  stats::RegisterRoutes(router, stats_);
  notification::RegisterRoutes(router, notifications_);
}

void App::RunJobs(http::Metrics* metrics) {
  // Each job runs on its own, so that one failing does not keep the others from running.
  auto run = [metrics](const char* name, const std::function<std::string()>& job) {
    bool ok = true;
    try {
      spdlog::info("job {}: {}", name, job());
    } catch (const std::exception& error) {
      ok = false;
      spdlog::error("job {} failed: {}", name, error.what());
    }
    if (metrics) metrics->RecordJobRun(name, ok);
  };
  run("sessions.purge", [this] {
    return fmt::format("removed {} expired session(s)", identity_.PurgeExpiredSessions());
  });
  run("hazards.remind", [this] { return fmt::format("added {} reminder(s)", hazards_.Remind()); });
  run("scoring.rollover", [this] {
    auto report = scoring_.RolloverDue();
    return fmt::format("cycle {}: {} event(s) cleared, {} carried", report.target_cycle,
                       report.cleared, report.carried);
  });
}

}  // namespace anjian::app
