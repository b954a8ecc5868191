#include "modules/notification/notification_store.hpp"

namespace anjian::notification::store {
namespace {

// Adds with ON CONFLICT DO NOTHING, the same on both backends.
constexpr std::string_view kAdd =
    "INSERT INTO notifications (kind, audience_role, enterprise_id, region_code, hazard_id, "
    "params, "
    "dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO "
    "NOTHING";
// $1 role, $2 enterprise id (0 for none), $3–$4 region bounds, $5 the reader.
constexpr std::string_view kAudience =
    " FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND "
    "r.user_id = $5 WHERE n.audience_role = $1 AND (($1 = 'enterprise' AND n.enterprise_id = $2) "
    "OR ($1 <> 'enterprise' AND n.region_code BETWEEN $3 AND $4))";
constexpr std::string_view kUnread = " AND r.user_id IS NULL";
constexpr std::string_view kColumns =
    "SELECT n.id, n.kind, n.audience_role, n.enterprise_id, n.region_code, n.hazard_id, n.params, "
    "n.dedupe_key, n.created_at, r.user_id";
constexpr std::string_view kMarkRead =
    "INSERT INTO notification_reads (notification_id, user_id, read_at) SELECT n.id, $5, $6";

db::Params AudienceParams(const Audience& a, int64_t user_id) {
  return {a.role, a.enterprise_id.value_or(0), a.region_low, a.region_high, user_id};
}

}  // namespace

bool Add(db::Transaction& tx, const Notification& n) {
  return tx.Execute(kAdd, {n.kind, n.audience_role, db::Optional(n.enterprise_id),
                           db::Optional(n.region_code), db::Optional(n.hazard_id), n.params,
                           n.dedupe_key, n.created_at}) == 1;
}

std::vector<Notification> List(db::Transaction& tx, const Audience& audience, int64_t user_id,
                               bool unread_only, int64_t limit, int64_t offset) {
  auto params = AudienceParams(audience, user_id);
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::string sql = std::string(kColumns) + std::string(kAudience) +
                    (unread_only ? std::string(kUnread) : "") +
                    " ORDER BY n.id DESC LIMIT $6 OFFSET $7";
  std::vector<Notification> out;
  for (const auto& row : tx.Query(sql, params)) {
    Notification n;
    n.id = row.Get<int64_t>(0);
    n.kind = row.Get<std::string>(1);
    n.audience_role = row.Get<std::string>(2);
    n.enterprise_id = row.GetOptional<int64_t>(3);
    n.region_code = row.GetOptional<std::string>(4);
    n.hazard_id = row.GetOptional<int64_t>(5);
    n.params = row.Get<std::string>(6);
    n.dedupe_key = row.Get<std::string>(7);
    n.created_at = row.Get<std::string>(8);
    n.read = !row.IsNull(9);
    out.push_back(std::move(n));
  }
  return out;
}

int64_t Count(db::Transaction& tx, const Audience& audience, int64_t user_id, bool unread_only) {
  std::string sql =
      "SELECT COUNT(*)" + std::string(kAudience) + (unread_only ? std::string(kUnread) : "");
  return tx.QueryOne(sql, AudienceParams(audience, user_id))->Get<int64_t>(0);
}

bool Readable(db::Transaction& tx, const Audience& audience, int64_t user_id, int64_t id) {
  auto params = AudienceParams(audience, user_id);
  params.emplace_back(id);
  return tx.QueryOne("SELECT COUNT(*)" + std::string(kAudience) + " AND n.id = $6", params)
             ->Get<int64_t>(0) > 0;
}

int64_t MarkRead(db::Transaction& tx, const Audience& audience, int64_t user_id,
                 std::optional<int64_t> id, const std::string& now) {
  auto params = AudienceParams(audience, user_id);
  params.emplace_back(now);
  std::string sql = std::string(kMarkRead) + std::string(kAudience) + std::string(kUnread);
  if (id) {
    params.emplace_back(*id);
    sql += " AND n.id = $7";
  }
  return tx.Execute(sql, params);
}

}  // namespace anjian::notification::store
