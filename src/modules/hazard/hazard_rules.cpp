#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "core/clock.hpp"
#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/hazard/hazard.hpp"

namespace anjian::hazard {
namespace {

constexpr std::array<std::pair<State, std::string_view>, 7> kStateNames = {{
    {State::kReported, "reported"},
    {State::kNotified, "notified"},
    {State::kRectifying, "rectifying"},
    {State::kSubmitted, "submitted"},
    {State::kVerified, "verified"},
    {State::kRejected, "rejected"},
    {State::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 10> kActionNames = {{
    {Action::kReport, "report"},
    {Action::kFixOnSpot, "fix_on_spot"},
    {Action::kNotify, "notify"},
    {Action::kStart, "start"},
    {Action::kSubmit, "submit"},
    {Action::kVerify, "verify"},
    {Action::kReject, "reject"},
    {Action::kResume, "resume"},
    {Action::kExtend, "extend"},
    {Action::kCancel, "cancel"},
}};

// The provincial dual-prevention enumerations (see domain.md, Reference rules).
constexpr std::array<std::string_view, 2> kLevels = {"general", "major"};
constexpr std::array<std::string_view, 10> kSources = {
    "daily",    "comprehensive", "specialist",       "seasonal",        "holiday",
    "accident", "resumption",    "expert_diagnosis", "control_failure", "other"};
constexpr std::array<std::string_view, 8> kTypes = {"safety", "process", "electrical", "instrument",
                                                    "fire",   "layout",  "equipment",  "other"};
constexpr std::array<std::string_view, 3> kClassifications = {"unsafe_act", "unsafe_state",
                                                              "management_defect"};
constexpr std::array<std::string_view, 2> kHandlings = {"on_the_spot", "by_deadline"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& values, std::string_view value) {
  for (auto v : values) {
    if (v == value) return true;
  }
  return false;
}

// The edges of the state machine: from which states an action applies and where it leads
// (nullopt: the state stays, as for an extension).
struct Edge {
  Action action;
  std::vector<State> from;
  std::optional<State> to;
};

const std::vector<Edge>& Edges() {
  static const std::vector<Edge> kEdges = {
      {Action::kFixOnSpot, {State::kReported}, State::kVerified},
      {Action::kNotify, {State::kReported}, State::kNotified},
      {Action::kStart, {State::kNotified}, State::kRectifying},
      {Action::kSubmit, {State::kRectifying}, State::kSubmitted},
      {Action::kVerify, {State::kSubmitted}, State::kVerified},
      {Action::kReject, {State::kSubmitted}, State::kRejected},
      {Action::kResume, {State::kRejected}, State::kRectifying},
      {Action::kExtend, {State::kNotified, State::kRectifying, State::kRejected}, std::nullopt},
      {Action::kCancel, {State::kReported, State::kNotified}, State::kCancelled},
  };
  return kEdges;
}

bool IsOfficer(Role role) { return role == Role::kStation || role == Role::kBureau; }

// Whether the actor's role (and, where the action needs it, person or unit) may take the action
// on this hazard at all, in any state.
bool MayAct(const Subject& subject, Action action, const Actor& actor) {
  switch (action) {
    case Action::kReport:
      return false;  // recording a hazard is not a transition
    case Action::kFixOnSpot:
      return actor.user_id != 0 && actor.user_id == subject.found_by_user_id &&
             actor.role != Role::kAdmin;
    case Action::kNotify:
      return IsOfficer(actor.role);
    case Action::kStart:
    case Action::kSubmit:
    case Action::kResume:
      return actor.role == Role::kEnterprise;
    case Action::kVerify:
    case Action::kReject:
    case Action::kExtend:
    case Action::kCancel:
      // The unit that notified, or a unit above it. Before any notice there is no such unit and
      // the state check answers instead.
      if (!IsOfficer(actor.role) || !actor.region_code) return false;
      return !subject.notified_unit_region_code ||
             region_code::Contains(*actor.region_code, *subject.notified_unit_region_code);
  }
  return false;
}

}  // namespace

std::string_view StateName(State state) {
  for (const auto& [candidate, name] : kStateNames) {
    if (candidate == state) return name;
  }
  return "reported";
}

std::optional<State> ParseState(std::string_view name) {
  for (const auto& [state, text] : kStateNames) {
    if (text == name) return state;
  }
  return std::nullopt;
}

std::string_view ActionName(Action action) {
  for (const auto& [candidate, name] : kActionNames) {
    if (candidate == action) return name;
  }
  return "report";
}

std::optional<Action> ParseAction(std::string_view name) {
  for (const auto& [action, text] : kActionNames) {
    if (text == name) return action;
  }
  return std::nullopt;
}

const std::vector<State>& AllStates() {
  static const std::vector<State> kStates = [] {
    std::vector<State> out;
    out.reserve(kStateNames.size());
    for (const auto& [state, name] : kStateNames) out.push_back(state);
    return out;
  }();
  return kStates;
}

const std::vector<Action>& AllActions() {
  static const std::vector<Action> kActions = [] {
    std::vector<Action> out;
    out.reserve(kActionNames.size());
    for (const auto& [action, name] : kActionNames) out.push_back(action);
    return out;
  }();
  return kActions;
}

Result<State> Transition(const Subject& subject, Action action, const Actor& actor) {
  if (!MayAct(subject, action, actor)) return Error::Forbidden("hazard_action_forbidden");
  if (action == Action::kFixOnSpot && subject.major && subject.state == State::kReported) {
    return Error::Conflict("major_hazard_needs_notice", "action");
  }
  for (const auto& edge : Edges()) {
    if (edge.action != action) continue;
    for (State from : edge.from) {
      if (from == subject.state) return edge.to.value_or(subject.state);
    }
  }
  return Error::Conflict("illegal_transition", "action");
}

Subject SubjectOf(const Hazard& h) {
  return {h.state, h.found_by_user_id, h.notified_unit_region_code, h.level == "major"};
}

std::vector<Action> AllowedActions(const Subject& subject, const Actor& actor) {
  std::vector<Action> out;
  for (Action action : AllActions()) {
    if (Transition(subject, action, actor).ok()) out.push_back(action);
  }
  return out;
}

bool IsOpen(State state) { return state != State::kVerified && state != State::kCancelled; }

bool IsOverdue(State state, const std::optional<std::string>& deadline, std::string_view today) {
  return IsOpen(state) && deadline.has_value() && *deadline < today;
}

bool IsOnTime(State state, const std::optional<std::string>& deadline,
              const std::optional<std::string>& verified_on) {
  if (state != State::kVerified || !verified_on) return false;
  return !deadline || *verified_on <= *deadline;
}

namespace {

// "YYYY-MM" moved by `delta` months.
std::string ShiftMonth(std::string_view month, int delta) {
  int index = (std::stoi(std::string(month.substr(0, 4))) * 12) +
              std::stoi(std::string(month.substr(5, 2))) - 1 + delta;
  return fmt::format("{:04d}-{:02d}", index / 12, (index % 12) + 1);
}

const std::pair<std::string, std::string> kNoDays{"1", "0"};

}  // namespace

TallySpans SplitByMonths(std::string_view from, std::string_view to) {
  TallySpans out{kNoDays, kNoDays, kNoDays};
  auto after = AddDays(to, 1);
  if (from > to || from.size() != 10 || !after) return out;
  bool starts_month = from.substr(8) == "01";
  bool ends_month = after->substr(8) == "01";
  std::string first = starts_month ? std::string(from.substr(0, 7)) : ShiftMonth(from, 1);
  std::string last = ends_month ? std::string(to.substr(0, 7)) : ShiftMonth(to, -1);
  if (first > last) {
    out.head_days = {std::string(from), std::string(to)};
    return out;
  }
  out.months = {first, last};
  if (!starts_month) out.head_days = {std::string(from), *AddDays(first + "-01", -1)};
  if (!ends_month) out.tail_days = {ShiftMonth(last, 1) + "-01", std::string(to)};
  return out;
}

Status Validate(const Hazard& h) {
  size_t length = CodePoints(h.description);
  if (length == 0 || length > 1000) return Error::Invalid("invalid_description", "description");
  if (CodePoints(h.location) > 200) return Error::Invalid("invalid_location", "location");
  if (!OneOf(kLevels, h.level)) return Error::Invalid("invalid_hazard_level", "level");
  if (!OneOf(kSources, h.source)) return Error::Invalid("invalid_hazard_source", "source");
  if (!OneOf(kTypes, h.hazard_type)) return Error::Invalid("invalid_hazard_type", "hazard_type");
  if (!OneOf(kClassifications, h.classification)) {
    return Error::Invalid("invalid_hazard_classification", "classification");
  }
  if (!OneOf(kHandlings, h.handling)) return Error::Invalid("invalid_hazard_handling", "handling");
  return {};
}

namespace {

Status RequiredText(const std::optional<std::string>& value, const char* field, size_t max) {
  if (!value) return Error::Invalid("required", field);
  size_t length = CodePoints(*value);
  if (length == 0 || length > max) return Error::Invalid("invalid_text_length", field);
  return {};
}

}  // namespace

namespace {

// The fields each action takes; any other field present is refused.
Status OnlyFieldsOf(const TransitionInput& in) {
  struct Field {
    const char* name;
    bool present;
    std::vector<Action> takers;
  };
  const Field fields[] = {
      {"deadline", in.deadline.has_value(), {Action::kNotify, Action::kExtend}},
      {"responsible_person", in.responsible_person.has_value(), {Action::kNotify}},
      {"measures", in.measures.has_value(), {Action::kNotify}},
      {"method", in.method.has_value(), {Action::kFixOnSpot, Action::kSubmit}},
      {"completed_on", in.completed_on.has_value(), {Action::kSubmit}},
      {"result", in.result.has_value(), {Action::kVerify}},
      {"reason", in.reason.has_value(), {Action::kReject, Action::kExtend, Action::kCancel}},
      {"photo_ids", in.photo_ids.has_value(), {Action::kFixOnSpot, Action::kSubmit}},
  };
  for (const auto& field : fields) {
    if (field.present &&
        std::find(field.takers.begin(), field.takers.end(), in.action) == field.takers.end()) {
      return Error::Invalid("unknown_field", field.name);
    }
  }
  return {};
}

}  // namespace

Status ValidateInput(const TransitionInput& in, const Hazard& hazard, std::string_view today) {
  if (auto s = OnlyFieldsOf(in); !s) return s;
  switch (in.action) {
    case Action::kNotify:
      if (!in.deadline) return Error::Invalid("required", "deadline");
      if (!IsValidDate(*in.deadline)) return Error::Invalid("invalid_date", "deadline");
      if (*in.deadline < today) return Error::Invalid("deadline_in_past", "deadline");
      if (auto s = RequiredText(in.responsible_person, "responsible_person", 64); !s) return s;
      return RequiredText(in.measures, "measures", 1000);
    case Action::kExtend:
      if (!in.deadline) return Error::Invalid("required", "deadline");
      if (!IsValidDate(*in.deadline)) return Error::Invalid("invalid_date", "deadline");
      if (*in.deadline < today) return Error::Invalid("deadline_in_past", "deadline");
      if (hazard.deadline && *in.deadline <= *hazard.deadline) {
        return Error::Invalid("extension_not_later", "deadline");
      }
      return RequiredText(in.reason, "reason", 500);
    case Action::kFixOnSpot:
      return RequiredText(in.method, "method", 1000);
    case Action::kSubmit:
      if (auto s = RequiredText(in.method, "method", 1000); !s) return s;
      if (!in.completed_on) return Error::Invalid("required", "completed_on");
      if (!IsValidDate(*in.completed_on)) return Error::Invalid("invalid_date", "completed_on");
      if (*in.completed_on > today) return Error::Invalid("date_in_future", "completed_on");
      if (*in.completed_on < hazard.found_on) {
        return Error::Invalid("date_before_found", "completed_on");
      }
      return {};
    case Action::kVerify:
      return RequiredText(in.result, "result", 1000);
    case Action::kReject:
    case Action::kCancel:
      return RequiredText(in.reason, "reason", 500);
    case Action::kStart:
    case Action::kResume:
    case Action::kReport:
      return {};
  }
  return {};
}

}  // namespace anjian::hazard
