#pragma once
// Hazards and their rectification (隐患排查治理), the closed loop: types and pure rules. No I/O
// here; dates are passed in.
//
//   reported → notified → rectifying → submitted → verified
//                               ↑          ↓
//                               └─ rejected
//   reported → verified (fixed on the spot), reported | notified → cancelled
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/error.hpp"

namespace anjian::hazard {

enum class State {
  kReported,
  kNotified,
  kRectifying,
  kSubmitted,
  kVerified,
  kRejected,
  kCancelled
};
enum class Action {
  kReport,     // the hazard is recorded (by an inspection's finding or directly)
  kFixOnSpot,  // 即查即改: reported → verified, by the inspector who found it
  kNotify,     // reported → notified: a rectification notice is issued
  kStart,      // notified → rectifying: the enterprise acknowledges
  kSubmit,     // rectifying → submitted: the enterprise reports the work done
  kVerify,     // submitted → verified: the re-inspection passed
  kReject,     // submitted → rejected: the re-inspection failed
  kResume,     // rejected → rectifying: the enterprise goes back to work
  kExtend,     // the deadline moves (notified, rectifying, rejected; the state stays)
  kCancel,     // reported | notified → cancelled: wrongly reported
};

std::string_view StateName(State state);
std::optional<State> ParseState(std::string_view name);
std::string_view ActionName(Action action);
std::optional<Action> ParseAction(std::string_view name);
// Every state and every action, for tables and tests.
const std::vector<State>& AllStates();
const std::vector<Action>& AllActions();

// Who is acting, as far as the state machine cares. Being in scope (seeing the hazard at all) is
// the service's check before this one.
struct Actor {
  Role role = Role::kGrid;
  int64_t user_id = 0;
  std::optional<std::string> region_code;
};

// What the state machine knows of the hazard.
struct Subject {
  State state = State::kReported;
  int64_t found_by_user_id = 0;
  // The unit that issued the notice; it or a unit above it verifies, rejects, extends and cancels.
  std::optional<std::string> notified_unit_region_code;
  // A major hazard (重大隐患) goes round the whole loop under listed supervision: it is never
  // fixed on the spot.
  bool major = false;
};

// The state after `action`, or why it may not happen: 403 hazard_action_forbidden when the actor
// may never take the action on this hazard (wrong role, not the finder, not the notifying unit or
// above), 409 illegal_transition when the action does not apply in the current state, 409
// major_hazard_needs_notice for fixing a major hazard on the spot.
Result<State> Transition(const Subject& subject, Action action, const Actor& actor);

struct Hazard;
// What the state machine needs of a hazard record.
Subject SubjectOf(const Hazard& hazard);

// The actions the actor may take on the hazard now, in the order of AllActions.
std::vector<Action> AllowedActions(const Subject& subject, const Actor& actor);

// Whether the hazard is still open (the loop has not ended in verified or cancelled).
bool IsOpen(State state);
// Overdue: its deadline day (China time) has passed and it is neither verified nor cancelled.
bool IsOverdue(State state, const std::optional<std::string>& deadline, std::string_view today);
// On time: verified no later than the end of its deadline day, whatever happened in between.
bool IsOnTime(State state, const std::optional<std::string>& deadline,
              const std::optional<std::string>& verified_on);

// A period of China days as the dashboard's tallies hold it: whole months from the month rows,
// the part-months at either end from the day rows. A range whose first is after its last is
// empty ("1" … "0").
struct TallySpans {
  std::pair<std::string, std::string> head_days;
  std::pair<std::string, std::string> months;  // "YYYY-MM"
  std::pair<std::string, std::string> tail_days;
};
TallySpans SplitByMonths(std::string_view from, std::string_view to);

// ---- The record

struct Hazard {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::optional<int64_t> inspection_id;
  std::optional<int64_t> checklist_item_id;
  std::string description;
  std::string location;
  std::string level = "general";  // general (一般隐患), major (重大隐患)
  std::string source = "daily";
  std::string hazard_type = "safety";
  std::string classification = "unsafe_state";
  std::string handling = "by_deadline";  // on_the_spot (即查即改), by_deadline (限期整改)
  State state = State::kReported;
  std::optional<std::string> deadline;
  std::string responsible_person;
  std::string measures;
  std::optional<int64_t> notice_id;
  std::optional<std::string> notice_number;  // read with the hazard
  std::optional<std::string> notified_unit_region_code;
  int64_t found_by_user_id = 0;
  std::string found_by_name;
  std::string found_on;
  std::optional<std::string> listed_at;    // 挂牌督办
  std::optional<std::string> delisted_at;  // 摘牌
  std::optional<std::string> verified_at;
  std::optional<std::string> verified_on;  // its China date
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  // Read with the hazard for lists.
  std::string enterprise_name;
  std::string region_code;
};

// The descriptive fields of a new hazard: description, level and the provincial enumerations
// (source, type, classification, handling).
Status Validate(const Hazard& hazard);

// What an action records, as the request gave it.
struct TransitionInput {
  Action action = Action::kNotify;
  int64_t version = 0;
  std::optional<std::string> deadline;            // notify, extend
  std::optional<std::string> responsible_person;  // notify
  std::optional<std::string> measures;            // notify
  std::optional<std::string> method;              // fix_on_spot, submit: how it was fixed
  std::optional<std::string> completed_on;        // submit: the day the work was done
  std::optional<std::string> result;              // verify: the re-inspection's finding
  std::optional<std::string> reason;              // reject, extend, cancel
  std::optional<std::vector<int64_t>> photo_ids;  // fix_on_spot, submit: after-photos
};

// The input's own checks for its action, on `today` (China time): the fields the action needs
// are present and sane (a deadline is a real date not before today, an extension moves the
// deadline later, a completion date lies between the day the hazard was found and today), and
// it carries no field of another action's (422 unknown_field), so the timeline records only what
// the action did.
Status ValidateInput(const TransitionInput& input, const Hazard& hazard, std::string_view today);

struct Filter {
  std::string region_code;  // a subtree
  std::optional<int64_t> enterprise_id;
  std::optional<int64_t> inspection_id;
  std::optional<int64_t> notice_id;
  std::string state;  // a state, or "open"
  std::string level;
  bool overdue = false;
  bool listed = false;  // major hazards under listed supervision now
  std::string q;        // description substring
  bool operator==(const Filter&) const = default;
};

}  // namespace anjian::hazard
