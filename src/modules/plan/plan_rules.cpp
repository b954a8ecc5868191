#include "core/clock.hpp"
#include "core/text.hpp"
#include "modules/inspection/inspection.hpp"
#include "modules/plan/plan.hpp"

namespace anjian::plan {

std::string_view TargetStatus(const Target& target, std::string_view today) {
  if (target.inspection_id) return "done";
  if (target.due_on < today) return "overdue";
  return "pending";
}

Status MayPlan(Role role) {
  if (role == Role::kBureau || role == Role::kStation) return {};
  return Error::Forbidden();
}

Status Validate(const Plan& plan, std::string_view today) {
  static constexpr int kMaxDays = 366;
  size_t name_length = CodePoints(plan.name);
  if (name_length == 0 || name_length > 100) return Error::Invalid("invalid_text_length", "name");
  if (!inspection::IsKnownKind(plan.kind) || plan.kind == "self_check") {
    return Error::Invalid("invalid_inspection_kind", "kind");
  }
  if (!IsValidDate(plan.starts_on)) return Error::Invalid("invalid_date", "starts_on");
  if (!IsValidDate(plan.due_on)) return Error::Invalid("invalid_date", "due_on");
  if (plan.due_on < plan.starts_on) return Error::Invalid("due_before_start", "due_on");
  if (plan.due_on < today) return Error::Invalid("due_in_past", "due_on");
  if (*DaysBetween(plan.starts_on, plan.due_on) >= kMaxDays) {
    return Error::Invalid("plan_too_long", "due_on");
  }
  if (CodePoints(plan.note) > 1000) return Error::Invalid("invalid_text_length", "note");
  return {};
}

std::pair<std::string, std::string> Window(const Plan& plan) {
  return {FormatInstant(*ChinaDayStart(plan.starts_on)),
          FormatInstant(*ChinaDayStart(*AddDays(plan.due_on, 1)))};
}

}  // namespace anjian::plan
