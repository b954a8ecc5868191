#pragma once
// The audit trail: an append-only hash chain of every write. Types and pure rules.
#include <cstdint>
#include <optional>
#include <string>

namespace anjian::audit {

struct Actor {
  std::optional<int64_t> id;
  std::string username;
};

struct Entry {
  int64_t id = 0;
  std::string at;
  std::optional<int64_t> actor_id;
  std::string actor_username;
  std::string action;
  std::string entity;
  std::string entity_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::string prev_hash;
  std::string hash;
};

struct Filter {
  std::string entity;
  std::string action;
  std::string actor;
  std::string from;  // China date, inclusive
  std::string to;    // China date, inclusive
};

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 over the previous hash and every field of the entry but its own hash, each field
// length-prefixed so that no two different entries encode alike.
std::string ChainHash(const Entry& entry);

// Checks entries fed in id order; remembers the first one that breaks the chain.
class ChainVerifier {
 public:
  void Feed(const Entry& entry);
  bool ok() const { return !broken_id_.has_value(); }
  std::optional<int64_t> broken_id() const { return broken_id_; }
  const std::string& reason() const { return reason_; }
  int64_t checked() const { return checked_; }
  int64_t last_id() const { return last_id_; }
  const std::string& last_hash() const { return last_hash_; }

 private:
  int64_t checked_ = 0;
  int64_t last_id_ = 0;
  std::string last_hash_{kGenesisHash};
  std::optional<int64_t> broken_id_;
  std::string reason_;
};

}  // namespace anjian::audit
