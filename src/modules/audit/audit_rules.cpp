#include "core/crypto.hpp"
#include "modules/audit/audit.hpp"

namespace anjian::audit {
namespace {

void AppendText(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

void AppendOptional(std::string& out, const std::optional<std::string>& field) {
  if (!field) {
    out += '-';  // NULL encodes differently from an empty text
    return;
  }
  AppendText(out, *field);
}

}  // namespace

std::string ChainHash(const Entry& entry) {
  std::string data;
  AppendText(data, entry.prev_hash);
  AppendText(data, std::to_string(entry.id));
  AppendText(data, entry.at);
  AppendOptional(data, entry.actor_id ? std::optional<std::string>(std::to_string(*entry.actor_id))
                                      : std::nullopt);
  AppendText(data, entry.actor_username);
  AppendText(data, entry.action);
  AppendText(data, entry.entity);
  AppendText(data, entry.entity_id);
  AppendOptional(data, entry.before_json);
  AppendOptional(data, entry.after_json);
  return crypto::Sha256Hex(data);
}

void ChainVerifier::Feed(const Entry& entry) {
  if (broken_id_) return;
  ++checked_;
  if (entry.id != last_id_ + 1) {
    broken_id_ = entry.id;
    reason_ = "entry " + std::to_string(last_id_ + 1) + " is missing";
  } else if (entry.prev_hash != last_hash_) {
    broken_id_ = entry.id;
    reason_ = "previous-hash link does not match entry " + std::to_string(last_id_);
  } else if (ChainHash(entry) != entry.hash) {
    broken_id_ = entry.id;
    reason_ = "content does not match its hash";
  }
  last_id_ = entry.id;
  last_hash_ = entry.hash;
}

}  // namespace anjian::audit
