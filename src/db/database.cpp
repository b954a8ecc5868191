#include "db/database.hpp"

#include <charconv>

namespace anjian::db {
namespace {

const std::string& Cell(const std::optional<std::string>& cell) {
  if (!cell) throw DbError(DbError::Kind::kOther, "NULL read as a value");
  return *cell;
}

}  // namespace

template <>
std::string Row::Get<std::string>(size_t i) const {
  return Cell(cells_.at(i));
}

template <>
int64_t Row::Get<int64_t>(size_t i) const {
  const auto& text = Cell(cells_.at(i));
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) {
    throw DbError(DbError::Kind::kOther, "not an integer: " + text);
  }
  return value;
}

template <>
double Row::Get<double>(size_t i) const {
  return std::stod(Cell(cells_.at(i)));
}

template <>
bool Row::Get<bool>(size_t i) const {
  const auto& text = Cell(cells_.at(i));
  return text == "1" || text == "t" || text == "true";
}

Database::Database(Dialect dialect, Factory factory, size_t pool_size)
    : dialect_(dialect), factory_(std::move(factory)), pool_size_(pool_size == 0 ? 1 : pool_size) {
  // Open one connection at once so that a wrong URL fails at start, not at the first request.
  Release(Acquire());
}

Database::~Database() = default;

std::unique_ptr<Connection> Database::Acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    if (created_ < pool_size_) {
      ++created_;
      lock.unlock();
      try {
        return factory_();
      } catch (...) {
        lock.lock();
        --created_;
        throw;
      }
    }
    ++waits_;
    available_.wait(lock);
  }
}

void Database::Release(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    if (connection) {
      idle_.push_back(std::move(connection));
    } else {
      --created_;  // a broken connection is dropped; the next Acquire opens a new one
    }
  }
  available_.notify_one();
}

PoolStats Database::Stats() {
  std::lock_guard lock(mutex_);
  return {created_, idle_.size(), waits_};
}

void Database::ExecuteScript(std::string_view sql) {
  auto connection = Acquire();
  try {
    connection->ExecuteScript(sql);
  } catch (...) {
    Release(std::move(connection));
    throw;
  }
  Release(std::move(connection));
}

Transaction::Transaction(Database& database, TransactionMode mode)
    : database_(database), connection_(database.Acquire()), mode_(mode) {
  try {
    // SQLite: a writer takes the write lock at BEGIN, so two writers queue on busy_timeout
    // instead of deadlocking when both try to upgrade a read lock.
    if (connection_->dialect() == Dialect::kSqlite && mode == TransactionMode::kWrite) {
      connection_->Execute("BEGIN IMMEDIATE", {});
    } else {
      connection_->Execute("BEGIN", {});
    }
    open_ = true;
  } catch (const DbError& error) {
    if (error.kind() == DbError::Kind::kConnection) connection_.reset();
    database_.Release(std::move(connection_));
    throw;
  }
}

Transaction::~Transaction() {
  if (!connection_) return;
  try {
    if (open_) connection_->Execute("ROLLBACK", {});
    if (widened_) connection_->ResetPageCache();
  } catch (...) {
    connection_.reset();  // unusable: let the pool open a fresh one
  }
  database_.Release(std::move(connection_));
}

Rows Transaction::Query(std::string_view sql, const Params& params) {
  return connection_->Query(sql, params);
}

std::optional<Row> Transaction::QueryOne(std::string_view sql, const Params& params) {
  auto rows = connection_->Query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

int64_t Transaction::Execute(std::string_view sql, const Params& params) {
  return connection_->Execute(sql, params);
}

void Transaction::ExecuteScript(std::string_view sql) { connection_->ExecuteScript(sql); }

void Transaction::Commit() {
  connection_->Execute("COMMIT", {});
  open_ = false;
  if (mode_ == TransactionMode::kWrite) ++database_.writes_;
}

Dialect Transaction::dialect() const { return connection_->dialect(); }

void Transaction::WidenPageCache(int64_t mebibytes) {
  connection_->WidenPageCache(mebibytes);
  widened_ = true;
}

std::unique_ptr<Database> Open(const std::string& url, size_t pool_size) {
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    return std::make_unique<Database>(
        Dialect::kSqlite, [path] { return OpenSqlite(path); }, pool_size);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return std::make_unique<Database>(
        Dialect::kPostgres, [url] { return OpenPostgres(url); }, pool_size);
  }
  throw std::invalid_argument("database URL must start with sqlite: or postgresql:// : " + url);
}

}  // namespace anjian::db
