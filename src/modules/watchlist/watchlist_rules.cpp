#include <algorithm>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "modules/watchlist/watchlist.hpp"

namespace anjian::watchlist {
namespace {

std::optional<size_t> RankOf(std::string_view level) {
  auto at = std::find(kLevels.begin(), kLevels.end(), level);
  if (at == kLevels.end()) return std::nullopt;
  return static_cast<size_t>(at - kLevels.begin());
}

}  // namespace

Status CheckStep(const std::optional<std::string>& current, std::string_view requested,
                 std::string_view skip_reason) {
  auto wanted = RankOf(requested);
  if (!wanted) return Error::Invalid("invalid_watch_level", "level");
  size_t next = current ? *RankOf(*current) + 1 : 0;
  if (*wanted < next) return Error::Conflict("not_an_escalation", "level");
  if (*wanted > next && CodePoints(skip_reason) == 0) {
    return Error::Invalid("skip_reason_required", "skip_reason");
  }
  return {};
}

Status ValidateEntry(std::string_view subject_kind, std::string_view reason,
                     std::string_view skip_reason, std::string_view department) {
  static constexpr size_t kMaxReason = 500;
  static constexpr size_t kMaxDepartment = 100;
  if (std::find(kSubjects.begin(), kSubjects.end(), subject_kind) == kSubjects.end()) {
    return Error::Invalid("invalid_watch_subject", "subject_kind");
  }
  if (CodePoints(reason) == 0) return Error::Invalid("required", "reason");
  if (CodePoints(reason) > kMaxReason) return Error::Invalid("invalid_text_length", "reason");
  if (CodePoints(skip_reason) > kMaxReason) {
    return Error::Invalid("invalid_text_length", "skip_reason");
  }
  if (subject_kind == "department") {
    if (CodePoints(department) == 0) return Error::Invalid("required", "department");
    if (CodePoints(department) > kMaxDepartment) {
      return Error::Invalid("invalid_text_length", "department");
    }
  }
  return {};
}

Status ValidateInterview(const Interview& i, std::string_view today) {
  static constexpr size_t kMaxText = 2000;
  if (!IsValidDate(i.held_on) || i.held_on > today) {
    return Error::Invalid("invalid_date", "held_on");
  }
  if (CodePoints(i.attendees) == 0) return Error::Invalid("required", "attendees");
  if (CodePoints(i.attendees) > kMaxText) return Error::Invalid("invalid_text_length", "attendees");
  if (CodePoints(i.minutes) == 0) return Error::Invalid("required", "minutes");
  if (CodePoints(i.minutes) > kMaxText) return Error::Invalid("invalid_text_length", "minutes");
  if (CodePoints(i.followup) > kMaxText) return Error::Invalid("invalid_text_length", "followup");
  if (i.followup_due_on && (!IsValidDate(*i.followup_due_on) || *i.followup_due_on < i.held_on)) {
    return Error::Invalid("invalid_date", "followup_due_on");
  }
  return {};
}

}  // namespace anjian::watchlist
