#pragma once
// Fresh databases for storage tests, on every backend the run has: SQLite always, PostgreSQL when
// ANJIAN_TEST_PG_URL names a server (make test starts one). Each database is new and migrated.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/crypto.hpp"
#include "db/database.hpp"
#include "db/migrator.hpp"

namespace anjian::testing {

// The backends a storage test runs on, named for test output.
inline std::vector<std::string> Backends() {
  std::vector<std::string> out{"sqlite"};
  const char* pg = std::getenv("ANJIAN_TEST_PG_URL");
  if (pg != nullptr && *pg != '\0') out.emplace_back("postgres");
  return out;
}

// A small region tree for service tests: two districts of one city, each with a street and a
// village (8 regions).
inline constexpr std::string_view kTwoDistrictsCsv =
    "code,name\n990000000000,省\n990100000000,市\n990102000000,甲区\n990103000000,乙区\n"
    "990102001000,甲街道\n990102001201,甲村\n990103001000,乙街道\n990103001201,乙村\n";
inline constexpr int kTwoDistrictsRegions = 8;

// A caller for service tests: user 1, "tester", with the role, region and enterprise given.
inline Principal As(Role role, std::optional<std::string> region,
                    std::optional<int64_t> enterprise = {}) {
  Principal p;
  p.user_id = 1;
  p.username = "tester";
  p.role = role;
  p.region_code = std::move(region);
  p.enterprise_id = enterprise;
  return p;
}

// Names parameterised tests after their backend: "DatabaseTest.X/sqlite".
inline std::string BackendName(const ::testing::TestParamInfo<std::string>& param) {
  return param.param;
}

class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend, bool migrate = true, size_t pool_size = 4) {
    crypto::Initialize();
    std::string name = "t_" + crypto::RandomToken(9);
    for (auto& c : name)
      c = static_cast<char>(std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_');
    if (backend == "sqlite") {
      path_ = (std::filesystem::temp_directory_path() / (name + ".db")).string();
      url_ = "sqlite:" + path_;
    } else {
      admin_url_ = std::getenv("ANJIAN_TEST_PG_URL");
      auto admin = db::OpenPostgres(admin_url_);
      admin->Execute("CREATE DATABASE " + name, {});
      name_ = name;
      url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name;
    }
    database_ = db::Open(url_, pool_size);
    if (migrate) {
      auto applied = db::Migrate(*database_);
      EXPECT_TRUE(applied.ok());
    }
  }

  ~TestDatabase() {
    database_.reset();
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
    } else {
      auto admin = db::OpenPostgres(admin_url_);
      admin->Execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", {});
    }
  }

  db::Database& operator*() { return *database_; }
  db::Database* operator->() { return database_.get(); }
  const std::string& url() const { return url_; }

 private:
  std::string url_, path_, admin_url_, name_;
  std::unique_ptr<db::Database> database_;
};

}  // namespace anjian::testing
