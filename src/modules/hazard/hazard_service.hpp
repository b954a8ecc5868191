#pragma once
// The hazard closed loop behind /hazards and /notices: direct entry, the transitions of the state
// machine with their records and timeline, and rectification notices (整改通知书).
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/audit/audit.hpp"
#include "modules/file/file.hpp"
#include "modules/hazard/hazard.hpp"
#include "modules/hazard/hazard_store.hpp"

namespace anjian::hazard {

struct Listing {
  std::vector<Hazard> items;
  int64_t total = 0;
  std::string today;
};

struct Detail {
  Hazard hazard;
  std::vector<store::Event> timeline;
  std::string today;
  std::vector<Action> allowed_actions;  // for the caller, now
  std::vector<file::Photo> photos;      // before, then after
};

// A notice for one enterprise's reported hazards, all due on one deadline.
struct NoticeInput {
  std::vector<int64_t> hazard_ids;
  std::string deadline;
  std::string responsible_person;
  std::string measures;
};

struct NoticeDetail {
  store::Notice notice;
  std::vector<Hazard> hazards;
  std::string today;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  Result<Listing> List(const Principal& principal, const Filter& filter, const http::Page& page);
  Result<Detail> Get(const Principal& principal, int64_t id);
  // A hazard entered directly (not from a checklist finding), reported by the caller.
  // `photo_ids` are its before-photos, uploaded for its enterprise.
  Result<Detail> Create(const Principal& principal, const Hazard& input,
                        const std::vector<int64_t>& photo_ids);
  // One transition of the state machine with what it records; `notify` issues a notice for
  // this hazard alone.
  Result<Detail> Act(const Principal& principal, int64_t id, const TransitionInput& input);
  Result<NoticeDetail> IssueNotice(const Principal& principal, const NoticeInput& input);
  Result<NoticeDetail> GetNotice(const Principal& principal, int64_t id);
  // The daily reminders: deadlines at most three days away (to the enterprise) and deadlines
  // passed (to the enterprise and the notifying unit), each once per hazard and deadline.
  // Returns how many notifications were added.
  int64_t Remind();

  std::string Today() const { return ChinaDate(clock_.Now()); }

 private:
  Result<NoticeDetail> Notify(db::Transaction& tx, const Principal& principal,
                              const std::vector<std::pair<Hazard, int64_t>>& hazards,
                              const TransitionInput& input, Instant now);
  db::Database& database_;
  const Clock& clock_;
};

// Records a new hazard in the caller's transaction (an inspection's finding, direct entry, demo
// data): reported, found today, listed for supervision when major, with its first timeline entry
// and audit record. The caller has validated it; returns its id.
int64_t Record(db::Transaction& tx, Hazard hazard, const audit::Actor& actor, Instant now);

nlohmann::json ToJson(const Hazard& hazard, std::string_view today);
nlohmann::json ToJson(const Detail& detail);
nlohmann::json ToJson(const NoticeDetail& notice);

}  // namespace anjian::hazard
