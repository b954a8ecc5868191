#include <libpq-fe.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "db/database.hpp"

namespace anjian::db {
namespace {

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& conninfo)
      : handle_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(handle_) != CONNECTION_OK) {
      std::string message = PQerrorMessage(handle_);
      PQfinish(handle_);
      handle_ = nullptr;
      throw DbError(DbError::Kind::kConnection, "cannot connect to PostgreSQL: " + message);
    }
    PQsetNoticeProcessor(
        handle_, [](void*, const char*) {}, nullptr);
    ExecuteScript("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC';");
  }

  ~PostgresConnection() override {
    if (handle_) PQfinish(handle_);
  }

  Rows Query(std::string_view sql, const Params& params) override {
    ResultPtr result = Run(sql, params);
    Rows rows;
    int count = PQntuples(result.get());
    int columns = PQnfields(result.get());
    rows.reserve(static_cast<size_t>(count));
    for (int r = 0; r < count; ++r) {
      std::vector<std::optional<std::string>> cells;
      cells.reserve(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result.get(), r, c)) {
          cells.emplace_back(std::nullopt);
        } else {
          cells.emplace_back(std::string(PQgetvalue(result.get(), r, c),
                                         static_cast<size_t>(PQgetlength(result.get(), r, c))));
        }
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  int64_t Execute(std::string_view sql, const Params& params) override {
    ResultPtr result = Run(sql, params);
    const char* tuples = PQcmdTuples(result.get());
    return (tuples && *tuples) ? std::stoll(tuples) : 0;
  }

  void ExecuteScript(std::string_view sql) override {
    std::string text(sql);
    Check(ResultPtr(PQexec(handle_, text.c_str()), &PQclear));
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

 private:
  // Statements with parameters are prepared once per connection under a generated name, then
  // executed with text parameters whose types the server infers from the statement.
  ResultPtr Run(std::string_view sql, const Params& params) {
    std::string key(sql);
    if (params.empty()) return Check(ResultPtr(PQexec(handle_, key.c_str()), &PQclear));
    auto found = prepared_.find(key);
    std::string name;
    if (found != prepared_.end()) {
      name = found->second;
    } else {
      name = "s" + std::to_string(prepared_.size() + 1);
      Check(ResultPtr(PQprepare(handle_, name.c_str(), key.c_str(), 0, nullptr), &PQclear));
      prepared_.emplace(key, name);
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              values[i] = nullptr;
            } else if constexpr (std::is_same_v<T, std::string>) {
              values[i] = v.c_str();
            } else {
              texts[i] = std::to_string(v);
              values[i] = texts[i].c_str();
            }
          },
          params[i]);
    }
    return Check(ResultPtr(PQexecPrepared(handle_, name.c_str(), static_cast<int>(params.size()),
                                          values.data(), nullptr, nullptr, 0),
                           &PQclear));
  }

  ResultPtr Check(ResultPtr result) {
    auto status = PQresultStatus(result.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    std::string message = result ? PQresultErrorMessage(result.get()) : PQerrorMessage(handle_);
    const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    DbError::Kind kind = DbError::Kind::kOther;
    if (PQstatus(handle_) != CONNECTION_OK) {
      kind = DbError::Kind::kConnection;
    } else if (sqlstate == "23505") {
      kind = DbError::Kind::kUniqueViolation;
    } else if (sqlstate == "23503") {
      kind = DbError::Kind::kForeignKeyViolation;
    } else if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
      kind = DbError::Kind::kBusy;
    }
    throw DbError(kind, message);
  }

  PGconn* handle_;
  std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace

std::unique_ptr<Connection> OpenPostgres(const std::string& conninfo) {
  return std::make_unique<PostgresConnection>(conninfo);
}

}  // namespace anjian::db
