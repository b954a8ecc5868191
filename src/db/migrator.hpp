#pragma once
// Versioned schema migrations compiled into the binary. A file NNNN_name.sql applies to both
// backends; NNNN_name.sqlite.sql and NNNN_name.postgres.sql hold what cannot be written portably.
// In portable files, {{id}} stands for an auto-increment primary key column.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "db/database.hpp"

namespace anjian::db {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // for the dialect asked for, placeholders expanded
};

// The migrations for one dialect, in version order.
std::vector<Migration> MigrationsFor(Dialect dialect);
int LatestVersion();
// The version the database is at (0 when empty).
int CurrentVersion(Database& database);
// Applies every pending migration, each in its own transaction. Refuses a database whose schema
// is newer than this binary, which would otherwise be written by code that does not know it.
Result<int> Migrate(Database& database);

}  // namespace anjian::db
