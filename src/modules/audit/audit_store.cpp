#include "modules/audit/audit_store.hpp"

#include "core/clock.hpp"

namespace anjian::audit::store {
namespace {

constexpr std::string_view kClaimNext =
    "UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id, last_hash";
constexpr std::string_view kSetHeadHash = "UPDATE audit_head SET last_hash = $1 WHERE id = 1";
constexpr std::string_view kReadHead = "SELECT last_id, last_hash FROM audit_head WHERE id = 1";
constexpr std::string_view kInsert =
    "INSERT INTO audit_log (id, at, actor_id, actor_username, action, entity, entity_id, "
    "before_json, after_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11)";
constexpr std::string_view kColumns =
    "id, at, actor_id, actor_username, action, entity, entity_id, before_json, after_json, "
    "prev_hash, hash";
// Empty filters match everything; the same statement serves every combination.
constexpr std::string_view kFilterWhere =
    " WHERE ($1 = '' OR entity = $1) AND ($2 = '' OR action = $2) AND ($3 = '' OR "
    "actor_username = $3) AND ($4 = '' OR at >= $4) AND ($5 = '' OR at < $5)";

const std::string kScan = std::string("SELECT ") + std::string(kColumns) +
                          " FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2";
const std::string kList = std::string("SELECT ") + std::string(kColumns) + " FROM audit_log" +
                          std::string(kFilterWhere) + " ORDER BY id DESC LIMIT $6 OFFSET $7";
const std::string kCount =
    std::string("SELECT COUNT(*) FROM audit_log") + std::string(kFilterWhere);

Entry Read(const db::Row& row) {
  Entry e;
  e.id = row.Get<int64_t>(0);
  e.at = row.Get<std::string>(1);
  e.actor_id = row.GetOptional<int64_t>(2);
  e.actor_username = row.Get<std::string>(3);
  e.action = row.Get<std::string>(4);
  e.entity = row.Get<std::string>(5);
  e.entity_id = row.Get<std::string>(6);
  e.before_json = row.GetOptional<std::string>(7);
  e.after_json = row.GetOptional<std::string>(8);
  e.prev_hash = row.Get<std::string>(9);
  e.hash = row.Get<std::string>(10);
  return e;
}

// Dates are China dates; instants are stored in UTC, so the bounds move by eight hours.
db::Params FilterParams(const Filter& filter) {
  auto bound = [](const std::string& date, bool next_day) -> std::string {
    if (date.empty()) return "";
    auto start = ChinaDayStart(date);
    if (!start) return "";
    return FormatInstant(next_day ? *start + std::chrono::days{1} : *start);
  };
  return {filter.entity, filter.action, filter.actor, bound(filter.from, false),
          bound(filter.to, true)};
}

}  // namespace

Head ClaimNext(db::Transaction& tx) {
  auto row = tx.QueryOne(kClaimNext);
  return {row->Get<int64_t>(0), row->Get<std::string>(1)};
}

void Insert(db::Transaction& tx, const Entry& e) {
  tx.Execute(kInsert, {e.id, e.at, db::Optional(e.actor_id), e.actor_username, e.action, e.entity,
                       e.entity_id, db::Optional(e.before_json), db::Optional(e.after_json),
                       e.prev_hash, e.hash});
}

void SetHeadHash(db::Transaction& tx, const std::string& hash) { tx.Execute(kSetHeadHash, {hash}); }

Head ReadHead(db::Transaction& tx) {
  auto row = tx.QueryOne(kReadHead);
  return {row->Get<int64_t>(0), row->Get<std::string>(1)};
}

std::vector<Entry> Scan(db::Transaction& tx, int64_t after_id, int64_t limit) {
  std::vector<Entry> out;
  for (const auto& row : tx.Query(kScan, {after_id, limit})) out.push_back(Read(row));
  return out;
}

std::vector<Entry> List(db::Transaction& tx, const Filter& filter, int64_t limit, int64_t offset) {
  auto params = FilterParams(filter);
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<Entry> out;
  for (const auto& row : tx.Query(kList, params)) out.push_back(Read(row));
  return out;
}

int64_t Count(db::Transaction& tx, const Filter& filter) {
  return tx.QueryOne(kCount, FilterParams(filter))->Get<int64_t>(0);
}

}  // namespace anjian::audit::store
