#pragma once
// Progressive management (渐进式管理) of enterprises, departments and regions: key attention →
// yellow card → one-vote veto, one step at a time unless a reason is given, with interviews.
// Types and pure rules; no I/O.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace anjian::watchlist {

// Lowest first.
inline constexpr std::array<std::string_view, 3> kLevels = {"attention", "yellow_card", "veto"};
inline constexpr std::array<std::string_view, 3> kSubjects = {"enterprise", "department", "region"};

// Whether a subject at `current` (none: not on the list) may be put at `requested`: one step
// up; further only with a skip reason (422 skip_reason_required); the same or lower is not an
// escalation (409 not_an_escalation: lift the entry instead).
Status CheckStep(const std::optional<std::string>& current, std::string_view requested,
                 std::string_view skip_reason);

// A reason 1–500 characters; a skip reason at most 500; a department's name 1–100.
Status ValidateEntry(std::string_view subject_kind, std::string_view reason,
                     std::string_view skip_reason, std::string_view department);

struct Interview {
  std::string held_on;
  std::string attendees;
  std::string minutes;
  std::string followup;
  std::optional<std::string> followup_due_on;
};
// A real day not after today; attendees and minutes required (1–2000); a follow-up of at most
// 2000 characters due on a real day not before the interview.
Status ValidateInterview(const Interview& interview, std::string_view today);

}  // namespace anjian::watchlist
