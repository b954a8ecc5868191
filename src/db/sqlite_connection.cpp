#include <sqlite3.h>

#include <charconv>
#include <mutex>
#include <string>
#include <unordered_map>

#include "db/database.hpp"

namespace anjian::db {
namespace {

// SQLite keeps memory statistics behind one process-wide mutex that every allocation takes; with
// a pool of connections on several threads that lock was a fifth of a busy server's time. The
// statistics are never read, so they are off (this must precede the library's initialisation).
void ConfigureLibrary() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    ConfigureLibrary();
    int rc =
        sqlite3_open_v2(path.c_str(), &handle_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = handle_ ? sqlite3_errmsg(handle_) : "out of memory";
      sqlite3_close(handle_);
      handle_ = nullptr;
      throw DbError(DbError::Kind::kConnection, "cannot open " + path + ": " + message);
    }
    sqlite3_extended_result_codes(handle_, 1);
    // WAL lets readers run beside the one writer; NORMAL synchronous in WAL mode keeps every
    // committed transaction across a crash of the process (kill -9), losing at most the last
    // ones on a power failure. The page cache is per connection: 8 MiB × pool size.
    ExecuteScript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456;");
    ResetPageCache();
  }

  // A negative cache_size is in KiB; shrinking it frees the pages beyond the new size.
  void WidenPageCache(int64_t mebibytes) override {
    ExecuteScript("PRAGMA cache_size=-" + std::to_string(mebibytes * 1024));
  }
  void ResetPageCache() override { ExecuteScript("PRAGMA cache_size=-8192"); }

  ~SqliteConnection() override {
    for (auto& [sql, prepared] : statements_) sqlite3_finalize(prepared.statement);
    sqlite3_close_v2(handle_);
  }

  Rows Query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* statement = Prepare(sql, params);
    Rows rows;
    int columns = sqlite3_column_count(statement);
    for (;;) {
      int rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) Fail(rc, statement);
      std::vector<std::optional<std::string>> cells;
      cells.reserve(static_cast<size_t>(columns));
      for (int i = 0; i < columns; ++i) {
        if (sqlite3_column_type(statement, i) == SQLITE_NULL) {
          cells.emplace_back(std::nullopt);
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
          cells.emplace_back(
              std::string(text, static_cast<size_t>(sqlite3_column_bytes(statement, i))));
        }
      }
      rows.emplace_back(std::move(cells));
    }
    sqlite3_reset(statement);
    return rows;
  }

  int64_t Execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* statement = Prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) Fail(rc, statement);
    sqlite3_reset(statement);
    return sqlite3_changes64(handle_);
  }

  void ExecuteScript(std::string_view sql) override {
    std::string text(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string what = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      throw DbError(Classify(rc), what);
    }
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

 private:
  static DbError::Kind Classify(int rc) {
    switch (rc) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        return DbError::Kind::kUniqueViolation;
      case SQLITE_CONSTRAINT_FOREIGNKEY:
        return DbError::Kind::kForeignKeyViolation;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return DbError::Kind::kBusy;
      default:
        return DbError::Kind::kOther;
    }
  }

  [[noreturn]] void Fail(int rc, sqlite3_stmt* statement) {
    std::string message = sqlite3_errmsg(handle_);
    sqlite3_reset(statement);
    throw DbError(Classify(rc), message);
  }

  // A statement prepared once per connection and kept, with the number each parameter slot's
  // name holds: "$1" is a named parameter to SQLite, and looking a name up walks a list, which
  // costs the square of the slots on a statement with thousands of them.
  struct Prepared {
    sqlite3_stmt* statement = nullptr;
    std::vector<size_t> numbers;  // of slots 1, 2, …
  };

  sqlite3_stmt* Prepare(std::string_view sql, const Params& params) {
    std::string key(sql);
    auto found = statements_.find(key);
    if (found == statements_.end()) {
      Prepared prepared;
      int rc = sqlite3_prepare_v3(handle_, key.c_str(), static_cast<int>(key.size()),
                                  SQLITE_PREPARE_PERSISTENT, &prepared.statement, nullptr);
      if (rc != SQLITE_OK) {
        throw DbError(Classify(rc), std::string(sqlite3_errmsg(handle_)) + " in: " + key);
      }
      int slots = sqlite3_bind_parameter_count(prepared.statement);
      for (int slot = 1; slot <= slots; ++slot) {
        const char* name = sqlite3_bind_parameter_name(prepared.statement, slot);
        size_t number = 0;
        if (name == nullptr || name[0] != '$' ||
            std::from_chars(name + 1, name + std::char_traits<char>::length(name), number).ec !=
                std::errc{} ||
            number == 0) {
          sqlite3_finalize(prepared.statement);
          throw DbError(DbError::Kind::kOther, "unnumbered parameter in: " + key);
        }
        prepared.numbers.push_back(number);
      }
      found = statements_.emplace(std::move(key), std::move(prepared)).first;
    }
    sqlite3_stmt* statement = found->second.statement;
    sqlite3_clear_bindings(statement);
    int slot = 0;
    for (size_t number : found->second.numbers) {
      ++slot;
      if (number > params.size()) {
        throw DbError(DbError::Kind::kOther, "unbound parameter in: " + std::string(sql));
      }
      Bind(statement, slot, params[number - 1]);
    }
    return statement;
  }

  static void Bind(sqlite3_stmt* statement, int slot, const Value& value) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            sqlite3_bind_null(statement, slot);
          } else if constexpr (std::is_same_v<T, int64_t>) {
            sqlite3_bind_int64(statement, slot, v);
          } else if constexpr (std::is_same_v<T, double>) {
            sqlite3_bind_double(statement, slot, v);
          } else {
            sqlite3_bind_text(statement, slot, v.data(), static_cast<int>(v.size()),
                              SQLITE_TRANSIENT);
          }
        },
        value);
  }

  sqlite3* handle_ = nullptr;
  std::unordered_map<std::string, Prepared> statements_;
};

}  // namespace

std::unique_ptr<Connection> OpenSqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace anjian::db
