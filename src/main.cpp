// The composition root: command line and configuration → database → services → routes.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <stop_token>
#include <thread>

#include "app/app.hpp"
#include "core/crypto.hpp"
#include "core/messages.hpp"
#include "db/migrator.hpp"
#include "http/server.hpp"
#include "modules/hazard/hazard_store.hpp"

namespace {

using anjian::app::App;
using anjian::app::Options;

struct ServeFlags {
  std::string listen = "127.0.0.1:8080";
  std::string web = "web/dist";
  size_t workers = 16;
  size_t io_threads = 2;
  size_t max_connections = 2048;
  int64_t read_timeout_seconds = 30;
  int64_t session_idle_seconds = int64_t{2} * 3600;
  int64_t session_absolute_seconds = int64_t{12} * 3600;
};

void AddDatabaseOption(CLI::App* command, Options& options) {
  command->add_option("--db", options.database_url, "sqlite:PATH or postgresql://…")
      ->envname("ANJIAN_DB")
      ->required();
  command->add_option("--pool-size", options.pool_size, "database connections")
      ->envname("ANJIAN_POOL_SIZE");
  command
      ->add_option("--data-dir", options.data_dir,
                   "uploaded files (default: beside the SQLite file, or ./data)")
      ->envname("ANJIAN_DATA_DIR");
}

int Fail(const std::string& message) {
  std::cerr << "anjian: " << message << "\n";
  return 1;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int Serve(const Options& options, const ServeFlags& flags) {
  anjian::http::ServerOptions server;
  auto colon = flags.listen.rfind(':');
  if (colon == std::string::npos) return Fail("--listen takes HOST:PORT");
  server.host = flags.listen.substr(0, colon);
  server.port = static_cast<uint16_t>(std::stoi(flags.listen.substr(colon + 1)));
  server.worker_threads = flags.workers;
  server.io_threads = flags.io_threads;
  server.max_connections = flags.max_connections;
  server.read_timeout = std::chrono::seconds{flags.read_timeout_seconds};

  Options with_sessions = options;
  with_sessions.session_policy.idle = std::chrono::seconds{flags.session_idle_seconds};
  with_sessions.session_policy.absolute = std::chrono::seconds{flags.session_absolute_seconds};
  App app(with_sessions);
  anjian::http::Metrics metrics;
  anjian::http::Router router;
  app.RegisterRoutes(router, metrics);
  anjian::http::StaticFiles files(flags.web);
  if (files.empty()) {
    spdlog::warn("no web UI at {}: serving the API only (run `make web`)", flags.web);
  }
  // Housekeeping once at start and then every hour, on its own thread.
  std::jthread jobs([&app, &metrics](const std::stop_token& stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
      app.RunJobs(&metrics);
      std::unique_lock lock(mutex);
      wake.wait_for(lock, stop, std::chrono::hours{1}, [] { return false; });
    }
  });
  anjian::http::Serve(server, router, files, metrics);
  jobs.request_stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  anjian::http::BlockTerminationSignals();
  anjian::crypto::Initialize();
  // Logs go to standard error, so that commands print only their results on standard output.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("anjian"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");

  CLI::App cli{"Anjian 安监: regional work-safety supervision"};
  cli.set_config("--config", "", "configuration file (TOML or INI)");
  cli.require_subcommand(1);
  Options options;
  ServeFlags serve_flags;

  auto* serve = cli.add_subcommand("serve", "serve the API and the web UI");
  AddDatabaseOption(serve, options);
  serve->add_option("--listen", serve_flags.listen, "HOST:PORT")->envname("ANJIAN_LISTEN");
  serve->add_option("--web", serve_flags.web, "built web UI directory")->envname("ANJIAN_WEB");
  serve->add_option("--workers", serve_flags.workers, "request worker threads")
      ->envname("ANJIAN_WORKERS");
  serve->add_option("--io-threads", serve_flags.io_threads, "network threads")
      ->envname("ANJIAN_IO_THREADS");
  serve->add_option("--max-connections", serve_flags.max_connections, "connection cap")
      ->envname("ANJIAN_MAX_CONNECTIONS");
  serve
      ->add_option("--read-timeout", serve_flags.read_timeout_seconds,
                   "seconds a connection may take to send its next request")
      ->envname("ANJIAN_READ_TIMEOUT")
      ->check(CLI::Range(1, 3600));
  serve
      ->add_option("--session-idle-seconds", serve_flags.session_idle_seconds,
                   "a session ends after this long unused")
      ->envname("ANJIAN_SESSION_IDLE_SECONDS");
  serve
      ->add_option("--session-absolute-seconds", serve_flags.session_absolute_seconds,
                   "a session ends this long after login, used or not")
      ->envname("ANJIAN_SESSION_ABSOLUTE_SECONDS");

  auto* migrate = cli.add_subcommand("migrate", "bring the database schema up to date");
  AddDatabaseOption(migrate, options);

  auto* demo = cli.add_subcommand("demo", "load the demo city (deterministic)");
  AddDatabaseOption(demo, options);
  int demo_enterprises = anjian::app::kDemoEnterprises;
  demo->add_option("--enterprises", demo_enterprises, "number of enterprises")
      ->check(CLI::Range(0, 2'000'000));
  bool without_people = false;
  demo->add_flag("--without-people", without_people,
                 "enterprises without their key people (for data-volume benchmarks)");

  auto* user = cli.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  anjian::identity::NewUser new_user;
  std::optional<int64_t> enterprise;
  std::optional<std::string> region;
  auto* user_add = user->add_subcommand("add", "create an account");
  AddDatabaseOption(user_add, options);
  user_add->add_option("--username", new_user.username)->required();
  user_add->add_option("--password", new_user.password)->required();
  user_add->add_option("--role", new_user.role, "admin|bureau|station|grid|enterprise|expert")
      ->required();
  user_add->add_option("--name", new_user.name, "display name (defaults to the username)");
  user_add->add_option("--region", region, "12-digit region code");
  user_add->add_option("--enterprise", enterprise, "enterprise id");
  std::string username, password;
  auto* user_passwd = user->add_subcommand("passwd", "set an account's password");
  AddDatabaseOption(user_passwd, options);
  user_passwd->add_option("--username", username)->required();
  user_passwd->add_option("--password", password)->required();
  auto* user_disable = user->add_subcommand("disable", "disable an account and end its sessions");
  AddDatabaseOption(user_disable, options);
  user_disable->add_option("--username", username)->required();

  auto* audit = cli.add_subcommand("audit", "the audit trail");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "check the hash chain");
  AddDatabaseOption(audit_verify, options);

  std::string file;
  auto* regions = cli.add_subcommand("regions", "the region tree");
  regions->require_subcommand(1);
  auto* regions_import = regions->add_subcommand("import", "import regions from CSV (code,name)");
  AddDatabaseOption(regions_import, options);
  regions_import->add_option("FILE", file)->required();

  auto* import_cmd = cli.add_subcommand("import", "import records from a spreadsheet");
  import_cmd->require_subcommand(1);
  auto* import_enterprises =
      import_cmd->add_subcommand("enterprises", "create or update enterprises from CSV or XLSX");
  AddDatabaseOption(import_enterprises, options);
  import_enterprises->add_option("FILE", file)->required();
  std::string import_mode = "all";
  import_enterprises
      ->add_option("--mode", import_mode,
                   "all: write nothing when a row is rejected; valid: write the valid rows")
      ->check(CLI::IsMember({"all", "valid"}));
  bool dry_run = false;
  import_enterprises->add_flag("--dry-run", dry_run, "check and count, write nothing");

  auto* jobs = cli.add_subcommand("jobs", "scheduled jobs");
  jobs->require_subcommand(1);
  auto* jobs_run = jobs->add_subcommand("run", "run the daily jobs now");
  AddDatabaseOption(jobs_run, options);

  auto* stats = cli.add_subcommand("stats", "the dashboard's figures");
  stats->require_subcommand(1);
  auto* stats_rebuild = stats->add_subcommand(
      "rebuild",
      "count the dashboard's hazard tallies afresh (after hazards were changed directly in the "
      "database)");
  AddDatabaseOption(stats_rebuild, options);

  auto* scoring = cli.add_subcommand("scoring", "the 12-point system");
  scoring->require_subcommand(1);
  auto* scoring_rollover = scoring->add_subcommand(
      "rollover", "roll the cycle before into cycle YEAR (the one starting on YEAR's start day)");
  AddDatabaseOption(scoring_rollover, options);
  int rollover_cycle = 0;
  scoring_rollover->add_option("--cycle", rollover_cycle, "the new cycle's year")->required();
  bool rollover_dry_run = false;
  scoring_rollover->add_flag("--dry-run", rollover_dry_run,
                             "list what would clear and what would carry, write nothing");

  auto* routes = cli.add_subcommand("routes", "list the HTTP routes");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*routes) {
      options.database_url = "sqlite::memory:";
      options.pool_size = 1;
      App app(options);
      anjian::http::Metrics metrics;
      anjian::http::Router router;
      app.RegisterRoutes(router, metrics);
      for (const auto& route : router.Describe()) std::cout << route << "\n";
      return 0;
    }
    if (*serve) return Serve(options, serve_flags);
    App app(options);
    if (*migrate) {
      std::cout << "schema at version " << anjian::db::CurrentVersion(app.database()) << "\n";
    } else if (*demo) {
      auto report = anjian::app::BuildDemo(app, demo_enterprises, !without_people);
      std::cout << "demo city: " << report.regions << " regions, " << report.enterprises_created
                << " new enterprises, " << report.grid_cells << " grid cells, "
                << report.people_created << " key people, " << report.inspections
                << " inspections with their hazards, " << report.plans << " inspection plans, "
                << report.ratings << " credit ratings, " << report.users_created
                << " new accounts (password " << anjian::app::kDemoPassword << ")\n";
    } else if (*stats_rebuild) {
      anjian::db::Transaction tx(app.database(), anjian::db::TransactionMode::kWrite);
      anjian::hazard::store::RebuildTallies(tx);
      tx.Commit();
      std::cout << "rebuilt the dashboard's hazard tallies\n";
    } else if (*scoring_rollover) {
      auto report = app.scoring().RolloverAsSystem(rollover_cycle, rollover_dry_run);
      if (!report) return Fail(report.error().code);
      for (const auto& item : report->items) {
        std::cout << (item.clears ? "clear " : "carry ") << "event " << item.event_id << " ("
                  << item.enterprise_name << ", " << item.points << " points): " << item.reason
                  << "\n";
      }
      if (auto decided = report->cleared + report->carried;
          decided > static_cast<int64_t>(report->items.size())) {
        std::cout << "… and " << decided - static_cast<int64_t>(report->items.size()) << " more\n";
      }
      std::cout << "cycle " << report->target_cycle << (report->dry_run ? " (dry run)" : "") << ": "
                << report->cleared << " cleared, " << report->carried << " carried, "
                << report->already_decided << " decided before\n";
    } else if (*user_add) {
      if (new_user.name.empty()) new_user.name = new_user.username;
      new_user.region_code = region;
      new_user.enterprise_id = enterprise;
      auto created = app.identity().AddUser(new_user);
      if (!created) {
        return Fail(created.error().code +
                    (created.error().field.empty() ? "" : " (" + created.error().field + ")"));
      }
      std::cout << "user " << created->username << " created with id " << created->id << "\n";
    } else if (*user_passwd) {
      auto status = app.identity().SetPasswordByName(username, password);
      if (!status) return Fail(status.error().code);
      std::cout << "password of " << username << " changed\n";
    } else if (*user_disable) {
      auto status = app.identity().DisableByName(username);
      if (!status) return Fail(status.error().code);
      std::cout << username << " disabled\n";
    } else if (*audit_verify) {
      auto result = app.audit().Verify();
      if (!result.ok()) {
        std::cout << "audit chain broken at entry " << *result.broken_id() << ": "
                  << result.reason() << "\n";
        return 2;
      }
      std::cout << "audit chain intact: " << result.checked() << " entries\n";
    } else if (*regions_import) {
      auto report = app.regions().ImportAsSystem(ReadFile(file), "cli");
      std::cout << "created " << report.created << ", renamed " << report.updated << ", unchanged "
                << report.unchanged << ", rejected " << report.rejected.size() << "\n";
      for (const auto& r : report.rejected) {
        std::cout << "  row " << r.row << " " << r.field << ": " << r.code << "\n";
      }
      return report.rejected.empty() ? 0 : 3;
    } else if (*import_enterprises) {
      auto report = app.enterprises().ImportAsSystem(
          ReadFile(file), {.valid_only = import_mode == "valid", .dry_run = dry_run}, "cli");
      if (!report) return Fail(report.error().code + " (" + report.error().field + ")");
      std::cout << "rows " << report->rows << ", created " << report->created << ", updated "
                << report->updated << ", unchanged " << report->unchanged << ", rejected "
                << report->rejected.size()
                << (report->committed ? ", written" : ", nothing written") << "\n";
      for (const auto& r : report->rejected) {
        std::cout << "  row " << r.row << " " << r.field << ": " << r.code << " ("
                  << anjian::messages::ErrorText("zh-CN", r.code) << ")\n";
      }
      return report->rejected.empty() ? 0 : 3;
    } else if (*jobs_run) {
      app.RunJobs(nullptr);
    }
  } catch (const std::exception& error) {
    return Fail(error.what());
  }
  return 0;
}
