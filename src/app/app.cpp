#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "db/migrator.hpp"
#include "modules/audit/audit_routes.hpp"
#include "modules/checklist/checklist_routes.hpp"
#include "modules/enterprise/enterprise_routes.hpp"
#include "modules/grid/grid_routes.hpp"
#include "modules/hazard/hazard_routes.hpp"
#include "modules/identity/identity_routes.hpp"
#include "modules/inspection/inspection_routes.hpp"
#include "modules/people/people_routes.hpp"
#include "modules/region/region_routes.hpp"

namespace anjian::app {
namespace {

std::unique_ptr<db::Database> OpenMigrated(const Options& options) {
  auto database = db::Open(options.database_url, options.pool_size);
  auto applied = db::Migrate(*database);
  if (!applied) throw std::runtime_error(applied.error().detail);
  if (*applied > 0) spdlog::info("applied {} migration(s)", *applied);
  return database;
}

}  // namespace

App::App(const Options& options)
    : database_(OpenMigrated(options)),
      identity_(*database_, clock_, options.session_policy, options.throttle_policy),
      regions_(*database_, clock_),
      audit_(*database_),
      enterprises_(*database_, clock_, regions_),
      grids_(*database_, clock_, regions_),
      people_(*database_, clock_),
      checklists_(*database_, clock_),
      inspections_(*database_, clock_),
      hazards_(*database_, clock_) {}

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
  inspection::RegisterRoutes(router, inspections_);
  hazard::RegisterRoutes(router, hazards_);
}

void App::RunJobs(http::Metrics* metrics) {
  bool ok = true;
  try {
    auto purged = identity_.PurgeExpiredSessions();
    spdlog::info("job sessions.purge: removed {} expired session(s)", purged);
  } catch (const std::exception& error) {
    ok = false;
    spdlog::error("job sessions.purge failed: {}", error.what());
  }
  if (metrics) metrics->RecordJobRun("sessions.purge", ok);
}

}  // namespace anjian::app
