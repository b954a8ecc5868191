// The storage layer on every backend: the same statements must mean the same on both.
#include "db/database.hpp"

#include <gtest/gtest.h>

#include "db/migrator.hpp"
#include "testing/test_database.hpp"

namespace anjian::db {
namespace {

class DatabaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DatabaseTest, BindsAndReadsEveryType) {
  testing::TestDatabase database(GetParam());
  Transaction tx(*database, TransactionMode::kWrite);
  tx.Execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT, amount BIGINT, ratio DOUBLE PRECISION)");
  tx.Execute("INSERT INTO t (id, label, amount, ratio) VALUES ($1, $2, $3, $4)",
             {int64_t{1}, std::string("甲"), int64_t{9007199254740993}, 0.5});
  tx.Execute("INSERT INTO t (id, label, amount, ratio) VALUES ($1, $2, $3, $4)",
             {int64_t{2}, nullptr, nullptr, nullptr});
  // The same placeholder twice, and placeholders out of order.
  auto rows = tx.Query(
      "SELECT id, label, amount, ratio FROM t WHERE id >= $2 AND id <= $1 OR id = $2 ORDER BY id",
      {int64_t{2}, int64_t{1}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].Get<int64_t>(0), 1);
  EXPECT_EQ(rows[0].Get<std::string>(1), "甲");
  EXPECT_EQ(rows[0].Get<int64_t>(2), 9007199254740993);
  EXPECT_DOUBLE_EQ(rows[0].Get<double>(3), 0.5);
  EXPECT_TRUE(rows[1].IsNull(1));
  EXPECT_EQ(rows[1].GetOptional<int64_t>(2), std::nullopt);
  auto exists = tx.QueryOne("SELECT EXISTS (SELECT 1 FROM t WHERE id = $1)", {int64_t{1}});
  EXPECT_TRUE(exists->Get<bool>(0));
}

TEST_P(DatabaseTest, BindsAStatementOfThousandsOfPlaceholdersEachTimeItRuns) {
  testing::TestDatabase database(GetParam());
  Transaction tx(*database, TransactionMode::kWrite);
  tx.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT, amount BIGINT)");
  // One multi-row insert, as batches write: $1 shared, two values a row after it.
  static constexpr int kRows = 1500;
  std::string sql = "INSERT INTO t (id, label, amount) VALUES ";
  for (int i = 0; i < kRows; ++i) {
    sql += (i == 0 ? "($" : ", ($") + std::to_string(2 + 2 * i) + ", $1, $" +
           std::to_string(3 + 2 * i) + ")";
  }
  for (int64_t round = 0; round < 2; ++round) {
    Params params{std::string(round == 0 ? "甲" : "乙")};
    for (int64_t i = 0; i < kRows; ++i) params.insert(params.end(), {round * kRows + i, i * i});
    tx.Execute(sql, params);
  }
  auto row =
      tx.QueryOne("SELECT COUNT(*), MIN(label), MAX(label), MAX(amount) FROM t WHERE id >= $1",
                  {int64_t{kRows}});
  EXPECT_EQ(row->Get<int64_t>(0), kRows);
  EXPECT_EQ(row->Get<std::string>(1), "乙");
  EXPECT_EQ(row->Get<std::string>(2), "乙");
  EXPECT_EQ(row->Get<int64_t>(3), int64_t{kRows - 1} * (kRows - 1));
  // A statement given fewer values than it names is refused.
  EXPECT_THROW(tx.Execute("INSERT INTO t (id, label) VALUES ($1, $3)", {int64_t{9999}, nullptr}),
               DbError);
}

TEST_P(DatabaseTest, AWidenedPageCacheLastsForItsTransactionOnly) {
  // One connection, so the next transaction gets the same one back.
  testing::TestDatabase database(GetParam(), true, 1);
  bool sqlite = (*database).dialect() == Dialect::kSqlite;
  // SQLite's page cache in KiB (negative); none on PostgreSQL, whose cache is the server's.
  auto cache = [&](Transaction& tx) -> std::optional<int64_t> {
    if (!sqlite) return std::nullopt;
    return tx.QueryOne("PRAGMA cache_size")->Get<int64_t>(0);
  };
  auto expected = [&](int64_t kib) { return sqlite ? std::optional(kib) : std::nullopt; };
  for (bool commit : {true, false}) {
    {
      Transaction tx(*database, TransactionMode::kWrite);
      tx.WidenPageCache(64);
      EXPECT_EQ(cache(tx), expected(-65536));
      tx.Execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY)");
      tx.Execute("INSERT INTO t (id) VALUES ($1)", {int64_t{commit ? 1 : 2}});
      if (commit) tx.Commit();
    }
    // Committed or rolled back, the next transaction on the connection has the default cache.
    Transaction tx(*database, TransactionMode::kRead);
    EXPECT_EQ(cache(tx), expected(-8192));
    auto rows = tx.Query("SELECT id FROM t");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Get<int64_t>(0), 1);
  }
}

TEST_P(DatabaseTest, ClassifiesConstraintViolations) {
  testing::TestDatabase database(GetParam());
  {
    Transaction tx(*database, TransactionMode::kWrite);
    tx.Execute("INSERT INTO regions (code, name, level) VALUES ($1, $2, 1)",
               {std::string("990000000000"), std::string("省")});
    tx.Commit();
  }
  struct Case {
    const char* name;
    const char* sql;
    DbError::Kind kind;
  };
  const Case cases[] = {
      {"duplicate key", "INSERT INTO regions (code, name, level) VALUES ('990000000000', 'x', 1)",
       DbError::Kind::kUniqueViolation},
      {"missing parent",
       "INSERT INTO regions (code, name, level, parent_code) VALUES ('990100000000', 'x', 2, "
       "'980000000000')",
       DbError::Kind::kForeignKeyViolation},
      {"syntax", "INSERT INTO nowhere VALUES (1)", DbError::Kind::kOther},
  };
  for (const auto& c : cases) {
    Transaction tx(*database, TransactionMode::kWrite);
    try {
      tx.Execute(c.sql);
      ADD_FAILURE() << c.name << ": no error";
    } catch (const DbError& error) {
      EXPECT_EQ(error.kind(), c.kind) << c.name << ": " << error.what();
    }
  }
}

TEST_P(DatabaseTest, UncommittedTransactionRollsBack) {
  testing::TestDatabase database(GetParam());
  {
    Transaction tx(*database, TransactionMode::kWrite);
    tx.Execute("INSERT INTO regions (code, name, level) VALUES ('990000000000', 'a', 1)");
  }
  {
    Transaction tx(*database, TransactionMode::kWrite);
    tx.Execute("INSERT INTO regions (code, name, level) VALUES ('980000000000', 'b', 1)");
    tx.Commit();
  }
  Transaction tx(*database, TransactionMode::kRead);
  auto rows = tx.Query("SELECT code FROM regions ORDER BY code");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Get<std::string>(0), "980000000000");
}

TEST_P(DatabaseTest, MigratesOnceAndRefusesANewerSchema) {
  testing::TestDatabase database(GetParam(), /*migrate=*/false);
  auto first = Migrate(*database);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, LatestVersion());
  auto second = Migrate(*database);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 0);
  EXPECT_EQ(CurrentVersion(*database), LatestVersion());
  {
    Transaction tx(*database, TransactionMode::kWrite);
    tx.Execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')");
    tx.Commit();
  }
  auto refused = Migrate(*database);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "schema_too_new");
}

TEST_P(DatabaseTest, AuditLogRefusesUpdateAndDelete) {
  testing::TestDatabase database(GetParam());
  {
    Transaction tx(*database, TransactionMode::kWrite);
    tx.Execute(
        "INSERT INTO audit_log (id, at, actor_username, action, entity, entity_id, prev_hash, "
        "hash) VALUES (1, 'x', 'a', 'create', 'user', '1', 'p', 'h')");
    tx.Commit();
  }
  for (const char* sql : {"UPDATE audit_log SET action = 'delete'", "DELETE FROM audit_log"}) {
    Transaction tx(*database, TransactionMode::kWrite);
    EXPECT_THROW(tx.Execute(sql), DbError) << sql;
  }
}

TEST_P(DatabaseTest, PoolHandsOutAtMostItsSize) {
  testing::TestDatabase database(GetParam());
  std::vector<std::unique_ptr<Transaction>> open;
  open.reserve(4);
  for (int i = 0; i < 4; ++i) {
    open.push_back(std::make_unique<Transaction>(*database, TransactionMode::kRead));
  }
  EXPECT_EQ(database->Stats().size, 4u);
  EXPECT_EQ(database->Stats().idle, 0u);
  open.clear();
  EXPECT_EQ(database->Stats().idle, 4u);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace anjian::db
