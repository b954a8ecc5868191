#pragma once
// Inspection plans (检查计划): a station or bureau names the enterprises of its area to inspect
// with one kind of inspection between two days, and who is to go. Types and pure rules; no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/error.hpp"

namespace anjian::plan {

// The most enterprises one plan names: a town's whole registry fits, a city's does not.
inline constexpr size_t kMaxTargets = 5000;

struct Plan {
  int64_t id = 0;
  std::string name;
  std::string kind;  // an inspection kind
  std::string unit_region_code;
  std::string starts_on;
  std::string due_on;
  std::string note;
  int64_t created_by_user_id = 0;
  std::string created_by_name;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  // Read with the plan, over the targets in the reader's scope.
  int64_t targets = 0;
  int64_t done = 0;
};

// One enterprise of a plan and how far it has got.
struct Target {
  int64_t plan_id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  std::string region_code;
  std::optional<int64_t> assignee_user_id;  // none: anyone of the unit
  std::string assignee_name;
  std::optional<int64_t> inspection_id;  // the first finished inspection that counts
  std::optional<std::string> finished_at;
  // For a task list: the plan's own fields.
  std::string plan_name;
  std::string kind;
  std::string starts_on;
  std::string due_on;
};

// Where a target stands on `today`: done, overdue (its due day has passed), or pending.
std::string_view TargetStatus(const Target& target, std::string_view today);

// Stations plan for their town, bureaus for their district or city (403 otherwise).
Status MayPlan(Role role);
// A plan's own fields on `today`: a name of 1–100 characters, a known kind that a unit inspects
// (not an enterprise's self-check), real dates with due_on not before starts_on nor before today,
// at most 366 days long, a note of at most 1000 characters.
Status Validate(const Plan& plan, std::string_view today);
// The window's instants for the plan's days: the start of starts_on and of the day after due_on.
std::pair<std::string, std::string> Window(const Plan& plan);

}  // namespace anjian::plan
