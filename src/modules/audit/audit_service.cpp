#include "modules/audit/audit_service.hpp"

#include "core/text.hpp"
#include "modules/audit/audit_store.hpp"

namespace anjian::audit {

Actor ActorOf(const Principal& principal) { return {principal.user_id, principal.username}; }

Actor SystemActor(std::string name) { return {std::nullopt, std::move(name)}; }

void Append(db::Transaction& tx, const Actor& actor, std::string_view action,
            std::string_view entity, std::string_view entity_id, const nlohmann::json& before,
            const nlohmann::json& after, Instant now) {
  auto head = store::ClaimNext(tx);
  Entry entry;
  entry.id = head.next_id;
  entry.at = FormatInstant(now);
  entry.actor_id = actor.id;
  entry.actor_username = actor.username;
  entry.action = action;
  entry.entity = entity;
  entry.entity_id = entity_id;
  if (!before.is_null()) entry.before_json = before.dump();
  if (!after.is_null()) entry.after_json = after.dump();
  entry.prev_hash = head.last_hash;
  entry.hash = ChainHash(entry);
  store::Insert(tx, entry);
  store::SetHeadHash(tx, entry.hash);
}

Result<Listing> Service::List(const Principal& principal, const Filter& filter,
                              const http::Page& page) {
  if (!Allows(principal.role, Permission::kReadAudit)) return Error::Forbidden();
  for (const auto* date : {&filter.from, &filter.to}) {
    if (!date->empty() && !IsValidDate(*date)) {
      return Error::Invalid("invalid_date", date == &filter.from ? "from" : "to");
    }
  }
  db::Transaction tx(database_, db::TransactionMode::kRead);
  Listing out;
  out.items = store::List(tx, filter, page.page_size, page.Offset());
  out.total = store::Count(tx, filter);
  return out;
}

ChainVerifier Service::Verify() {
  db::Transaction tx(database_, db::TransactionMode::kRead);
  ChainVerifier verifier;
  constexpr int64_t kBatch = 2000;
  int64_t after = 0;
  for (;;) {
    auto batch = store::Scan(tx, after, kBatch);
    for (const auto& entry : batch) verifier.Feed(entry);
    if (!verifier.ok() || static_cast<int64_t>(batch.size()) < kBatch) break;
    after = batch.back().id;
  }
  // An entry cut off the end leaves the head pointing past the last one.
  auto head = store::ReadHead(tx);
  if (verifier.ok() &&
      (head.next_id != verifier.last_id() || head.last_hash != verifier.last_hash())) {
    Entry missing;
    missing.id = verifier.last_id() + 1;
    verifier.Feed(missing);
  }
  return verifier;
}

nlohmann::json ToJson(const Entry& entry) {
  auto parse = [](const std::optional<std::string>& text) -> nlohmann::json {
    if (!text) return nullptr;
    return nlohmann::json::parse(*text, nullptr, false);
  };
  return {{"id", entry.id},
          {"at", entry.at},
          {"actor_id", OrNull(entry.actor_id)},
          {"actor_username", entry.actor_username},
          {"action", entry.action},
          {"entity", entry.entity},
          {"entity_id", entry.entity_id},
          {"before", parse(entry.before_json)},
          {"after", parse(entry.after_json)}};
}

}  // namespace anjian::audit
