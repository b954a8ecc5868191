#pragma once
// Inspection plans behind /inspection-plans: a station or bureau plans inspections of enterprises
// in its area and names who goes (by default, for a grid patrol, each enterprise's grid worker);
// progress is read from the inspections themselves, and each assignee has a task list.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/enterprise/enterprise.hpp"
#include "modules/plan/plan.hpp"

namespace anjian::plan {

struct NewPlan {
  Plan plan;
  // The enterprises: named one by one, or every enterprise of a registry filter in the caller's
  // scope (operating ones unless the filter says otherwise); exactly one of the two.
  std::optional<std::vector<int64_t>> enterprise_ids;
  std::optional<enterprise::Filter> filter;
  std::optional<int64_t> assignee_user_id;
};

struct Changes {
  int64_t version = 0;
  std::optional<std::string> name;
  std::optional<std::string> due_on;
  std::optional<std::string> note;
};

struct Listing {
  std::vector<Plan> items;
  int64_t total = 0;
};

struct Detail {
  Plan plan;
  std::vector<Target> targets;
  std::string today;
};

struct Tasks {
  std::vector<Target> items;
  int64_t total = 0;
  std::string today;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  Result<Listing> List(const Principal& principal, const std::string& status,
                       const http::Page& page);
  Result<Detail> Get(const Principal& principal, int64_t id);
  Result<Detail> Create(const Principal& principal, const NewPlan& input);
  // The name, the note, and the due day (not before the start nor before today); only the
  // planning unit or a unit above it.
  Result<Detail> Update(const Principal& principal, int64_t id, const Changes& changes);
  // The caller's targets that are not done yet, in plans that have begun.
  Result<Tasks> MyTasks(const Principal& principal, const http::Page& page);

 private:
  db::Database& database_;
  const Clock& clock_;
};

nlohmann::json ToJson(const Plan& plan);
nlohmann::json ToJson(const Target& target, std::string_view today);
nlohmann::json ToJson(const Detail& detail);

}  // namespace anjian::plan
