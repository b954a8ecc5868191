#pragma once
// The SQL of the watchlist: entries (each step of a subject's ladder) and their interviews.
#include "db/database.hpp"
#include "modules/watchlist/watchlist.hpp"

namespace anjian::watchlist::store {

struct Entry {
  int64_t id = 0;
  std::string subject_kind;
  std::string subject_key;
  std::string subject_name;
  std::optional<int64_t> enterprise_id;
  std::string region_code;
  std::string department;
  std::string level;
  std::string reason;
  std::string skip_reason;
  std::string status;  // active, escalated, lifted
  std::string unit_region_code;
  std::string decided_by_name;
  std::optional<std::string> lifted_at;
  std::string lift_reason;
  std::string created_at;
  int64_t version = 1;
};
int64_t InsertEntry(db::Transaction& tx, const Entry& entry);
bool UpdateEntry(db::Transaction& tx, const Entry& entry, int64_t expected_version,
                 const std::string& now);
// Within [low, high] of region codes (and, when not 0, only the enterprise's).
struct Reach {
  std::string low;
  std::string high;
  int64_t enterprise_id = 0;
};
std::optional<Entry> FindEntry(db::Transaction& tx, int64_t id, const Reach& reach);
std::optional<Entry> ActiveEntry(db::Transaction& tx, const std::string& subject_key);
// A subject's ladder, oldest first.
std::vector<Entry> Ladder(db::Transaction& tx, const std::string& subject_key);

struct Filter {
  std::string subject_kind;
  std::string level;
  std::string status;  // active (default in the service), escalated, lifted, or "" for all
  std::string region_code;
  std::optional<int64_t> enterprise_id;
};
std::vector<Entry> List(db::Transaction& tx, const Filter& filter, const Reach& reach,
                        int64_t limit, int64_t offset);
int64_t Count(db::Transaction& tx, const Filter& filter, const Reach& reach);

struct InterviewRow {
  int64_t id = 0;
  int64_t entry_id = 0;
  Interview interview;
  std::string recorded_by_name;
  std::string created_at;
};
int64_t InsertInterview(db::Transaction& tx, int64_t entry_id, const Interview& interview,
                        const std::string& recorded_by_name, const std::string& now);
// The interviews of a subject's entries, by day.
std::vector<InterviewRow> Interviews(db::Transaction& tx, const std::string& subject_key);

}  // namespace anjian::watchlist::store
