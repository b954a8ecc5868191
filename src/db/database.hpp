#pragma once
// The only place that knows the two SQL dialects. Statements use $1-style placeholders on both
// backends; values are bound, never spliced into SQL. Failures the callers must tell apart (a
// unique violation is a conflict) are classified once here for both backends.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace anjian::db {

enum class Dialect { kSqlite, kPostgres };

using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;
using Params = std::vector<Value>;

// An optional value binds as NULL when empty.
template <typename T>
Value Optional(const std::optional<T>& v) {
  if (!v) return nullptr;
  if constexpr (std::is_integral_v<T>) {
    return static_cast<int64_t>(*v);
  } else {
    return Value{*v};
  }
}

class DbError : public std::runtime_error {
 public:
  enum class Kind { kUniqueViolation, kForeignKeyViolation, kBusy, kConnection, kOther };
  DbError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// One result row. Both backends hand values over as text (PostgreSQL's text format, SQLite's
// column text), and Get<T> converts; NULL reads as an empty optional.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  size_t size() const { return cells_.size(); }
  bool IsNull(size_t i) const { return !cells_.at(i).has_value(); }

  template <typename T>
  T Get(size_t i) const;

  template <typename T>
  std::optional<T> GetOptional(size_t i) const {
    if (IsNull(i)) return std::nullopt;
    return Get<T>(i);
  }

 private:
  std::vector<std::optional<std::string>> cells_;
};

template <>
std::string Row::Get<std::string>(size_t i) const;
template <>
int64_t Row::Get<int64_t>(size_t i) const;
template <>
double Row::Get<double>(size_t i) const;
template <>
bool Row::Get<bool>(size_t i) const;

using Rows = std::vector<Row>;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Rows Query(std::string_view sql, const Params& params) = 0;
  // Returns the number of rows changed.
  virtual int64_t Execute(std::string_view sql, const Params& params) = 0;
  // Runs several statements without parameters (migrations).
  virtual void ExecuteScript(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;
  // The connection's own page cache, where it has one (SQLite; PostgreSQL's is the server's).
  virtual void WidenPageCache(int64_t /*mebibytes*/) {}
  virtual void ResetPageCache() {}
};

enum class TransactionMode { kRead, kWrite };

class Database;

// Begins on construction and rolls back on destruction unless committed. Holds one pooled
// connection for its lifetime.
class Transaction {
 public:
  Transaction(Database& database, TransactionMode mode);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Rows Query(std::string_view sql, const Params& params = {});
  std::optional<Row> QueryOne(std::string_view sql, const Params& params = {});
  int64_t Execute(std::string_view sql, const Params& params = {});
  void ExecuteScript(std::string_view sql);
  void Commit();
  Dialect dialect() const;
  // For a write that touches far more pages than the page cache holds (a rollover of a million
  // rows): SQLite spills dirty pages to the WAL and reads them back, about twice as slow. The
  // connection's cache holds `mebibytes` until the transaction ends, then the default again.
  void WidenPageCache(int64_t mebibytes);

 private:
  Database& database_;
  std::unique_ptr<Connection> connection_;
  TransactionMode mode_;
  bool open_ = false;
  bool widened_ = false;
};

struct PoolStats {
  size_t size = 0;
  size_t idle = 0;
  uint64_t waits = 0;
};

// A fixed pool of connections to one database.
class Database {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;
  Database(Dialect dialect, Factory factory, size_t pool_size);
  ~Database();

  Dialect dialect() const { return dialect_; }
  PoolStats Stats();
  // How many write transactions this process has committed so far: figures read from the
  // database are current while this has not moved (another process's writes are not counted).
  uint64_t Writes() const { return writes_.load(); }
  // Runs a script outside any explicit transaction (schema changes).
  void ExecuteScript(std::string_view sql);

 private:
  friend class Transaction;
  std::unique_ptr<Connection> Acquire();
  void Release(std::unique_ptr<Connection> connection);

  Dialect dialect_;
  Factory factory_;
  size_t pool_size_;
  size_t created_ = 0;
  uint64_t waits_ = 0;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::atomic<uint64_t> writes_{0};
};

// Opens "sqlite:PATH" or "postgresql://…" (also "postgres://…").
std::unique_ptr<Database> Open(const std::string& url, size_t pool_size);

std::unique_ptr<Connection> OpenSqlite(const std::string& path);
std::unique_ptr<Connection> OpenPostgres(const std::string& conninfo);

}  // namespace anjian::db
