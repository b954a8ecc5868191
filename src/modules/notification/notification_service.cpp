#include "modules/notification/notification_service.hpp"

#include "core/text.hpp"
#include "modules/notification/notification_store.hpp"

namespace anjian::notification {

bool Add(db::Transaction& tx, const Notification& notification) {
  return store::Add(tx, notification);
}

Result<Listing> Service::List(const Principal& principal, bool unread_only,
                              const http::Page& page) {
  Listing out;
  auto audience = AudienceOf(principal);
  if (audience.role.empty()) return out;  // grid workers, experts, administrators: none yet
  db::Transaction tx(database_, db::TransactionMode::kRead);
  out.items =
      store::List(tx, audience, principal.user_id, unread_only, page.page_size, page.Offset());
  out.total = store::Count(tx, audience, principal.user_id, unread_only);
  out.unread = unread_only ? out.total : store::Count(tx, audience, principal.user_id, true);
  return out;
}

Result<int64_t> Service::MarkRead(const Principal& principal, std::optional<int64_t> id) {
  auto audience = AudienceOf(principal);
  if (audience.role.empty()) {
    if (id) return Error::NotFound();
    return int64_t{0};
  }
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  int64_t marked =
      store::MarkRead(tx, audience, principal.user_id, id, FormatInstant(clock_.Now()));
  // Already read is fine; not the reader's is 404.
  if (id && marked == 0 && !store::Readable(tx, audience, principal.user_id, *id)) {
    return Error::NotFound();
  }
  tx.Commit();
  return marked;
}

nlohmann::json ToJson(const Notification& n) {
  return {{"id", n.id},
          {"kind", n.kind},
          {"hazard_id", OrNull(n.hazard_id)},
          {"enterprise_id", OrNull(n.enterprise_id)},
          {"region_code", OrNull(n.region_code)},
          {"params", nlohmann::json::parse(n.params, nullptr, false)},
          {"created_at", n.created_at},
          {"read", n.read}};
}

}  // namespace anjian::notification
