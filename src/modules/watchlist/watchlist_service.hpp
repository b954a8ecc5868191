#pragma once
// The watchlist behind /watchlist: bureaus put enterprises, departments and regions of their
// scope on it and move them up the ladder, hold interviews, and lift entries; stations read their
// town's, an enterprise its own ladder.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/watchlist/watchlist.hpp"
#include "modules/watchlist/watchlist_store.hpp"

namespace anjian::watchlist {

struct EntryInput {
  std::string subject_kind;
  std::optional<int64_t> enterprise_id;  // enterprise
  std::string region_code;               // region, department
  std::string department;                // department
  std::string level;
  std::string reason;
  std::string skip_reason;
};

struct Listing {
  std::vector<store::Entry> items;
  int64_t total = 0;
};

// An entry with its subject's ladder and the interviews held on it.
struct Detail {
  store::Entry entry;
  std::vector<store::Entry> ladder;
  std::vector<store::InterviewRow> interviews;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // A bureau (or an administrator) puts a subject of its scope on the list, or moves it up: a
  // region must lie below the bureau's own.
  Result<Detail> Add(const Principal& principal, const EntryInput& input);
  Result<Detail> Lift(const Principal& principal, int64_t id, int64_t version,
                      const std::string& reason);
  Result<Detail> AddInterview(const Principal& principal, int64_t id, const Interview& input);
  Result<Detail> Get(const Principal& principal, int64_t id);
  Result<Listing> List(const Principal& principal, const store::Filter& filter,
                       const http::Page& page);
  // The ladder of a subject, for its page (an enterprise's, or a region's / department's).
  Result<Detail> Subject(const Principal& principal, const EntryInput& subject);

 private:
  db::Database& database_;
  const Clock& clock_;
};

nlohmann::json ToJson(const store::Entry& entry);
nlohmann::json ToJson(const Detail& detail);

}  // namespace anjian::watchlist
