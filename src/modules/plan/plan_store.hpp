#pragma once
#include "core/access.hpp"
#include "db/database.hpp"
#include "modules/plan/plan.hpp"

namespace anjian::plan::store {

// Who is reading: the plans of units inside `region_low`…`region_high`, and those that name
// `user_id` on a target; the targets counted and listed are those `enterprises` covers.
struct Reader {
  Scope::EnterpriseBounds enterprises;
  std::string region_low;
  std::string region_high;
  int64_t user_id = 0;
};

int64_t Insert(db::Transaction& tx, const Plan& plan, const std::string& window_start,
               const std::string& window_end);
// A target; without an assignee, a grid patrol goes to the leader of the enterprise's grid cell.
void InsertTarget(db::Transaction& tx, int64_t plan_id, int64_t enterprise_id,
                  std::optional<int64_t> assignee_user_id, bool assign_by_grid);
bool Update(db::Transaction& tx, const Plan& plan, int64_t expected_version,
            const std::string& window_start, const std::string& window_end, const std::string& now);
std::optional<Plan> Find(db::Transaction& tx, int64_t id, const Reader& reader);
// Plans by due day, latest first; `status` open (due_on not before today) or past, or "".
std::vector<Plan> List(db::Transaction& tx, const Reader& reader, const std::string& status,
                       const std::string& today, int64_t limit, int64_t offset);
int64_t Count(db::Transaction& tx, const Reader& reader, const std::string& status,
              const std::string& today);
// The plan's targets in the reader's scope, by region and enterprise.
std::vector<Target> Targets(db::Transaction& tx, int64_t plan_id, const Reader& reader);
// The targets assigned to the user that are not done, in plans that have begun by `today`,
// soonest due first.
std::vector<Target> Tasks(db::Transaction& tx, int64_t user_id, const std::string& today,
                          int64_t limit, int64_t offset);
int64_t CountTasks(db::Transaction& tx, int64_t user_id, const std::string& today);

}  // namespace anjian::plan::store
