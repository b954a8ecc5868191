#pragma once
// Enterprise scoring (记分管理), the 12-point system: score events, the cycle they count in, the
// thresholds whose crossing creates follow-up work, and what the 1 October rollover does with
// each event. Types and pure rules; no I/O. Dates are China dates ("YYYY-MM-DD"), instants UTC
// ("…Z") as stored.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/error.hpp"

namespace anjian::scoring {

// ---- The cycle: from its start day ("MM-DD", 1 October by default) to the day before the next
// start. A cycle is named by the year it starts in: cycle 2026 runs 2026-10-01 … 2027-09-30.
inline constexpr std::string_view kDefaultCycleStart = "10-01";

// A start day is a real day of every year: "MM-DD", not 29 February.
Status ValidateCycleStart(std::string_view start);
// The cycle a China date falls in.
int CycleOf(std::string_view date, std::string_view start);
std::string CycleFirstDay(int cycle, std::string_view start);
std::string CycleLastDay(int cycle, std::string_view start);

// ---- Thresholds: on the points an enterprise has in a cycle.
// What crossing a threshold asks for, and of which unit.
inline constexpr std::string_view kRaiseFrequency = "raise_frequency";      // the town station
inline constexpr std::string_view kWarningInterview = "warning_interview";  // the district bureau
inline constexpr std::string_view kEnforcement = "enforcement";             // the district bureau
inline constexpr std::string_view kKeySupervision = "key_supervision";      // the district bureau

struct Threshold {
  int64_t points = 0;
  std::string action;
  std::string unit;       // "town" or "district"
  int64_t due_days = 30;  // the follow-up's deadline, from the crossing day
};
// 3 → the station raises the inspection frequency; 6 → a warning interview; 10 → an enforcement
// inspection; 12 (the full score) → key supervision.
std::vector<Threshold> DefaultThresholds();
// 1–12 points, each at most once; a known action; town or district; 1–365 days; 1–10 of them.
Status ValidateThresholds(const std::vector<Threshold>& thresholds);
// The thresholds that `total` reaches and that have no follow-up yet in the cycle (`followed`
// holds their points): crossing creates follow-up work once per cycle, even when points are
// revoked and the threshold is crossed again.
std::vector<Threshold> Crossed(const std::vector<Threshold>& thresholds, int64_t total,
                               const std::set<int64_t>& followed);

// ---- The quarter's plans for the scored sectors: every enterprise once in the quarter ("all"),
// and those that crossed the raise-frequency threshold once in each month ("m1", "m2", "m3").
struct PlanSlot {
  std::string slot;
  std::string starts_on;
  std::string due_on;
};
// The windows of the quarter [first, last] that are still to come on `today`: a window already
// begun starts today, one already over is left out (all of them once the quarter is over).
std::vector<PlanSlot> QuarterSlots(std::string_view first, std::string_view last,
                                   std::string_view today);

// ---- Events
inline constexpr int64_t kMaxPoints = 12;

struct Event {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  std::string region_code;
  int cycle = 0;
  std::string occurred_at;  // instant
  std::string occurred_on;  // its China date
  int64_t points = 0;
  std::string source;  // "finding", "manual" or "carried"
  std::optional<int64_t> checklist_item_id;
  std::string item_text;
  std::optional<int64_t> inspection_id;
  std::optional<int64_t> hazard_id;
  std::string reason;
  std::optional<int64_t> carried_from_event_id;  // the event of an earlier cycle it carries
  int64_t recorded_by_user_id = 0;
  std::string recorded_by_name;
  std::string state;  // "active" or "revoked"
  std::optional<std::string> revoked_at;
  std::string revoke_reason;
  std::optional<std::string> reinspected_at;  // an event without a hazard clears once recorded
  std::string reinspection_note;
  std::string created_at;
  int64_t version = 1;
};

// Who records and revokes events by hand: stations and bureaus (403 otherwise).
Status MayRecord(Role role);
// A manual event: 1–12 points, a reason of 1–500 characters, a real day not after today.
Status ValidateManual(int64_t points, std::string_view reason, std::string_view occurred_on,
                      std::string_view today);
// A revocation's or a re-inspection's text: 1–500 characters.
Status ValidateReason(std::string_view reason, std::string_view field);

// ---- The rollover of cycle N into N+1, event by event, judged as things stood at the end of
// cycle N (the first instant of N+1), so that running it late or twice changes nothing.
struct HazardFacts {
  std::string state;  // the hazard's state now
  std::optional<std::string> deadline;
  std::optional<std::string> verified_at;
  std::optional<std::string> verified_on;
  std::optional<std::string> cancelled_at;
};
struct Decision {
  bool clears = false;
  // verified_on_time | verified_late | not_verified | verified_after_carry | hazard_cancelled |
  // reinspected | not_reinspected
  std::string reason;
};
Decision Decide(const Event& event, const std::optional<HazardFacts>& hazard,
                std::string_view end_instant);

}  // namespace anjian::scoring
