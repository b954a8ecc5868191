#pragma once
#include <set>

#include "core/access.hpp"
#include "db/database.hpp"
#include "modules/enterprise/enterprise.hpp"

namespace anjian::enterprise::store {

struct Industry {
  std::string code;
  std::string name;
  std::optional<std::string> parent_code;
};

// Every read takes the caller's scope as bounds (Scope::ForEnterprises); a record the same
// transaction has just written is read back with Scope::System()'s.
using Bounds = Scope::EnterpriseBounds;

// A WHERE clause and its values.
struct Where {
  std::string sql;
  db::Params params;
};
// The enterprises a scope covers, as "WHERE …" on the enterprises table (under `alias` when
// given) with its values as $1, $2, …: the one way every module joins enterprises to a scope.
// Callers append their own conditions with placeholders numbered after params.size().
Where ScopeWhere(const Bounds& scope, std::string_view alias = "");
// The same clause written so that no index serves the region condition: a query that walks
// another table's order and joins enterprises row by row (a wide scope's newest rows first).
Where ScopeScanWhere(const Bounds& scope, std::string_view alias = "");
// Appends `condition` with "{a}" replaced by `alias` (with its dot, or "") and every "$N" by the
// number of a newly bound placeholder holding `value` (none: the condition takes no value).
void AddCondition(Where& where, std::string_view condition, std::string_view alias,
                  std::optional<db::Value> value);
// Binds one more value to the clause and returns its placeholder ("$7"), for SQL that uses a
// value in several places.
std::string Bind(Where& where, db::Value value);
// " LIMIT $a OFFSET $b" with both bound: a page of a list built on the clause.
std::string Paged(Where& where, int64_t limit, int64_t offset);

// A page of the filter; `total` is the filter's Count, which decides how the page is read.
std::vector<Enterprise> List(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                             int64_t limit, int64_t offset, int64_t total);
// Served by the village counts when the filter is a region alone, else counted.
int64_t Count(db::Transaction& tx, const Filter& filter, const Bounds& scope);
// Every enterprise, from the village counts.
int64_t CountAll(db::Transaction& tx);
// A located enterprise for the map: id, coordinates, name and status only.
struct Point {
  int64_t id = 0;
  double longitude = 0;
  double latitude = 0;
  std::string name;
  std::string status;
};
// At most `limit` located enterprises of the filter, by id.
std::vector<Point> Points(db::Transaction& tx, const Filter& filter, const Bounds& scope,
                          int64_t limit);
std::optional<Enterprise> Find(db::Transaction& tx, int64_t id, const Bounds& scope);
// Any enterprise with the credit code, whatever the scope: an import decides what to do with it.
std::optional<Enterprise> FindByUscc(db::Transaction& tx, const std::string& uscc);
int64_t Insert(db::Transaction& tx, const Enterprise& e, const std::string& now);
bool Update(db::Transaction& tx, const Enterprise& e, int64_t expected_version,
            const std::string& now);
// In their administrator-given order.
std::vector<std::string> Tags(db::Transaction& tx);
std::vector<Industry> Industries(db::Transaction& tx);

}  // namespace anjian::enterprise::store
