#pragma once
#include "db/database.hpp"
#include "modules/audit/audit.hpp"

namespace anjian::audit::store {

struct Head {
  int64_t next_id;
  std::string last_hash;
};
// Claims the next id, locking the head row until the transaction ends.
Head ClaimNext(db::Transaction& tx);
void Insert(db::Transaction& tx, const Entry& entry);
void SetHeadHash(db::Transaction& tx, const std::string& hash);
Head ReadHead(db::Transaction& tx);
std::vector<Entry> Scan(db::Transaction& tx, int64_t after_id, int64_t limit);
std::vector<Entry> List(db::Transaction& tx, const Filter& filter, int64_t limit, int64_t offset);
int64_t Count(db::Transaction& tx, const Filter& filter);

}  // namespace anjian::audit::store
