#pragma once
// In-app notifications behind /notifications: each account reads its unit's and marks them read.
// Other modules add them in their own transactions through Add.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/notification/notification.hpp"

namespace anjian::notification {

struct Listing {
  std::vector<Notification> items;
  int64_t total = 0;
  int64_t unread = 0;
};

// Adds a notification in the caller's transaction, once per dedupe key.
bool Add(db::Transaction& tx, const Notification& notification);

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  Result<Listing> List(const Principal& principal, bool unread_only, const http::Page& page);
  // One of the reader's notifications (404 when it is not), or all of them.
  Result<int64_t> MarkRead(const Principal& principal, std::optional<int64_t> id);

 private:
  db::Database& database_;
  const Clock& clock_;
};

nlohmann::json ToJson(const Notification& notification);

}  // namespace anjian::notification
