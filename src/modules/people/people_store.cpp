#include "modules/people/people_store.hpp"

#include "modules/enterprise/enterprise_store.hpp"

namespace anjian::people::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT x.id, x.enterprise_id, x.role, x.name, x.position, x.phone, x.certificate_number, "
    "x.certificate_kind, x.certificate_issued, x.certificate_expiry, x.created_at, x.updated_at, "
    "x.version";
// The roles in the order an enterprise page lists them.
constexpr std::string_view kRoleOrder =
    "CASE x.role WHEN 'principal' THEN 1 WHEN 'chief_safety_officer' THEN 2 WHEN "
    "'safety_manager' THEN 3 ELSE 4 END";
constexpr std::string_view kInsert =
    "INSERT INTO enterprise_people (enterprise_id, role, name, position, phone, "
    "certificate_number, certificate_kind, certificate_issued, certificate_expiry, created_at, "
    "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, 1) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE enterprise_people SET role = $2, name = $3, position = $4, phone = $5, "
    "certificate_number = $6, certificate_kind = $7, certificate_issued = $8, "
    "certificate_expiry = $9, updated_at = $10, version = version + 1 WHERE id = $1 AND version "
    "= $11";
constexpr std::string_view kDelete = "DELETE FROM enterprise_people WHERE id = $1 AND version = $2";

Person Read(const db::Row& row) {
  Person p;
  p.id = row.Get<int64_t>(0);
  p.enterprise_id = row.Get<int64_t>(1);
  p.role = row.Get<std::string>(2);
  p.name = row.Get<std::string>(3);
  p.position = row.Get<std::string>(4);
  p.phone = row.Get<std::string>(5);
  p.certificate_number = row.GetOptional<std::string>(6);
  p.certificate_kind = row.GetOptional<std::string>(7);
  p.certificate_issued = row.GetOptional<std::string>(8);
  p.certificate_expiry = row.GetOptional<std::string>(9);
  p.created_at = row.Get<std::string>(10);
  p.updated_at = row.Get<std::string>(11);
  p.version = row.Get<int64_t>(12);
  return p;
}

db::Params RecordParams(const Person& p) {
  return {p.role,
          p.name,
          p.position,
          p.phone,
          db::Optional(p.certificate_number),
          db::Optional(p.certificate_kind),
          db::Optional(p.certificate_issued),
          db::Optional(p.certificate_expiry)};
}

// The enterprises in scope joined to their people whose certificates expire in [from, to].
enterprise::store::Where ExpiringWhere(const Scope::EnterpriseBounds& scope,
                                       const std::string& from, const std::string& to) {
  auto where = enterprise::store::ScopeWhere(scope, "e");
  where.params.emplace_back(from);
  where.sql += " AND x.certificate_expiry BETWEEN $" + std::to_string(where.params.size());
  where.params.emplace_back(to);
  where.sql += " AND $" + std::to_string(where.params.size());
  return where;
}

constexpr std::string_view kExpiringFrom =
    " FROM enterprise_people x JOIN enterprises e ON e.id = x.enterprise_id ";

}  // namespace

std::vector<Person> OfEnterprise(db::Transaction& tx, int64_t enterprise_id) {
  std::vector<Person> out;
  auto sql = std::string(kColumns) +
             " FROM enterprise_people x WHERE x.enterprise_id = $1 ORDER BY " +
             std::string(kRoleOrder) + ", x.id";
  for (const auto& row : tx.Query(sql, {enterprise_id})) out.push_back(Read(row));
  return out;
}

std::optional<Person> Find(db::Transaction& tx, int64_t enterprise_id, int64_t id) {
  auto row = tx.QueryOne(
      std::string(kColumns) + " FROM enterprise_people x WHERE x.id = $1 AND x.enterprise_id = $2",
      {id, enterprise_id});
  if (!row) return std::nullopt;
  return Read(*row);
}

int64_t Insert(db::Transaction& tx, const Person& person, const std::string& now) {
  db::Params params{person.enterprise_id};
  for (auto& p : RecordParams(person)) params.push_back(std::move(p));
  params.emplace_back(now);
  return tx.QueryOne(kInsert, params)->Get<int64_t>(0);
}

bool Update(db::Transaction& tx, const Person& person, int64_t expected_version,
            const std::string& now) {
  db::Params params{person.id};
  for (auto& p : RecordParams(person)) params.push_back(std::move(p));
  params.emplace_back(now);
  params.emplace_back(expected_version);
  return tx.Execute(kUpdate, params) == 1;
}

bool Delete(db::Transaction& tx, int64_t id, int64_t expected_version) {
  return tx.Execute(kDelete, {id, expected_version}) == 1;
}

std::vector<Expiring> ListExpiring(db::Transaction& tx, const Scope::EnterpriseBounds& scope,
                                   const std::string& from, const std::string& to, int64_t limit,
                                   int64_t offset) {
  auto where = ExpiringWhere(scope, from, to);
  std::string sql = std::string(kColumns) + ", e.name, e.uscc, e.region_code" +
                    std::string(kExpiringFrom) + where.sql + " ORDER BY x.certificate_expiry, x.id";
  where.params.emplace_back(limit);
  sql += " LIMIT $" + std::to_string(where.params.size());
  where.params.emplace_back(offset);
  sql += " OFFSET $" + std::to_string(where.params.size());
  std::vector<Expiring> out;
  for (const auto& row : tx.Query(sql, where.params)) {
    out.push_back(
        {Read(row), row.Get<std::string>(13), row.Get<std::string>(14), row.Get<std::string>(15)});
  }
  return out;
}

int64_t CountExpiring(db::Transaction& tx, const Scope::EnterpriseBounds& scope,
                      const std::string& from, const std::string& to) {
  auto where = ExpiringWhere(scope, from, to);
  return tx.QueryOne("SELECT COUNT(*)" + std::string(kExpiringFrom) + where.sql, where.params)
      ->Get<int64_t>(0);
}

}  // namespace anjian::people::store
