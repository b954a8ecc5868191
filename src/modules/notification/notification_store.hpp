#pragma once
#include "db/database.hpp"
#include "modules/notification/notification.hpp"

namespace anjian::notification::store {

// Adds the notification unless one with its dedupe key exists; true when added.
bool Add(db::Transaction& tx, const Notification& notification);
// A page of the audience's notifications, newest first, with the reader's read marks.
std::vector<Notification> List(db::Transaction& tx, const Audience& audience, int64_t user_id,
                               bool unread_only, int64_t limit, int64_t offset);
int64_t Count(db::Transaction& tx, const Audience& audience, int64_t user_id, bool unread_only);
bool Readable(db::Transaction& tx, const Audience& audience, int64_t user_id, int64_t id);
// Marks one (when the audience reads it) or all of the audience's as read; returns how many.
int64_t MarkRead(db::Transaction& tx, const Audience& audience, int64_t user_id,
                 std::optional<int64_t> id, const std::string& now);

}  // namespace anjian::notification::store
