#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "modules/scoring/scoring.hpp"

namespace anjian::scoring {
namespace {

constexpr std::array<std::string_view, 4> kActions = {kRaiseFrequency, kWarningInterview,
                                                      kEnforcement, kKeySupervision};

}  // namespace

Status ValidateCycleStart(std::string_view start) {
  // A leap year's calendar: any "MM-DD" real in it but 29 February is real in every year.
  if (start.size() != 5 || start == "02-29" || !IsValidDate(fmt::format("2028-{}", start))) {
    return Error::Invalid("invalid_cycle_start", "cycle_start");
  }
  return {};
}

int CycleOf(std::string_view date, std::string_view start) {
  int year = std::stoi(std::string(date.substr(0, 4)));
  return date.substr(5) >= start ? year : year - 1;
}

std::string CycleFirstDay(int cycle, std::string_view start) {
  return fmt::format("{:04d}-{}", cycle, start);
}

std::string CycleLastDay(int cycle, std::string_view start) {
  return *AddDays(CycleFirstDay(cycle + 1, start), -1);
}

std::vector<Threshold> DefaultThresholds() {
  return {{3, std::string(kRaiseFrequency), "town", 30},
          {6, std::string(kWarningInterview), "district", 15},
          {10, std::string(kEnforcement), "district", 15},
          {12, std::string(kKeySupervision), "district", 30}};
}

Status ValidateThresholds(const std::vector<Threshold>& thresholds) {
  static constexpr size_t kMaxThresholds = 10;
  static constexpr int64_t kMaxDueDays = 365;
  if (thresholds.empty() || thresholds.size() > kMaxThresholds) {
    return Error::Invalid("invalid_thresholds", "thresholds");
  }
  std::set<int64_t> seen;
  for (size_t i = 0; i < thresholds.size(); ++i) {
    const auto& t = thresholds[i];
    std::string at = fmt::format("thresholds[{}]", i);
    if (t.points < 1 || t.points > kMaxPoints || !seen.insert(t.points).second) {
      return Error::Invalid("invalid_threshold_points", at + ".points");
    }
    if (std::find(kActions.begin(), kActions.end(), t.action) == kActions.end()) {
      return Error::Invalid("invalid_threshold_action", at + ".action");
    }
    if (t.unit != "town" && t.unit != "district") {
      return Error::Invalid("invalid_threshold_unit", at + ".unit");
    }
    if (t.due_days < 1 || t.due_days > kMaxDueDays) {
      return Error::Invalid("invalid_threshold_due_days", at + ".due_days");
    }
  }
  return {};
}

std::vector<Threshold> Crossed(const std::vector<Threshold>& thresholds, int64_t total,
                               const std::set<int64_t>& followed) {
  std::vector<Threshold> out;
  for (const auto& t : thresholds) {
    if (total >= t.points && !followed.contains(t.points)) out.push_back(t);
  }
  std::sort(out.begin(), out.end(),
            [](const Threshold& a, const Threshold& b) { return a.points < b.points; });
  return out;
}

Status MayRecord(Role role) {
  if (role == Role::kBureau || role == Role::kStation) return {};
  return Error::Forbidden();
}

Status ValidateManual(int64_t points, std::string_view reason, std::string_view occurred_on,
                      std::string_view today) {
  if (points < 1 || points > kMaxPoints) return Error::Invalid("invalid_points", "points");
  if (auto checked = ValidateReason(reason, "reason"); !checked) return checked;
  if (!IsValidDate(occurred_on)) return Error::Invalid("invalid_date", "occurred_on");
  if (occurred_on > today) return Error::Invalid("date_in_future", "occurred_on");
  return {};
}

Status ValidateReason(std::string_view reason, std::string_view field) {
  static constexpr size_t kMaxReason = 500;
  size_t length = CodePoints(reason);
  if (length == 0 || length > kMaxReason) {
    return Error::Invalid("invalid_text_length", std::string(field));
  }
  return {};
}

Decision Decide(const Event& event, const std::optional<HazardFacts>& hazard,
                std::string_view end_instant) {
  if (!event.hazard_id) {
    bool reinspected = event.reinspected_at && *event.reinspected_at < end_instant;
    return {reinspected, reinspected ? "reinspected" : "not_reinspected"};
  }
  if (!hazard) return {false, "not_verified"};
  bool verified =
      hazard->state == "verified" && hazard->verified_at && *hazard->verified_at < end_instant;
  // A finding withdrawn (cancelled as mistaken) before the cycle ended costs nothing.
  if (hazard->state == "cancelled" && hazard->cancelled_at && *hazard->cancelled_at < end_instant) {
    return {true, "hazard_cancelled"};
  }
  if (!verified) return {false, "not_verified"};
  // A carried event clears once its hazard is verified: the late fix cost it one more cycle.
  if (event.carried_from_event_id) return {true, "verified_after_carry"};
  bool on_time =
      !hazard->deadline || (hazard->verified_on && *hazard->verified_on <= *hazard->deadline);
  return {on_time, on_time ? "verified_on_time" : "verified_late"};
}

std::vector<PlanSlot> QuarterSlots(std::string_view first, std::string_view last,
                                   std::string_view today) {
  std::vector<PlanSlot> all{{"all", std::string(first), std::string(last)}};
  static constexpr int kMonths = 3;
  std::string start(first);
  for (int m = 1; m <= kMonths; ++m) {
    // The first of the next month: a day past the 28th always lands in it.
    std::string next = AddDays(start.substr(0, 8) + "28", 4)->substr(0, 8) + "01";
    std::string end = m == kMonths ? std::string(last) : *AddDays(next, -1);
    all.push_back({fmt::format("m{}", m), start, end});
    start = next;
  }
  std::vector<PlanSlot> out;
  for (auto& slot : all) {
    if (slot.due_on < today) continue;
    slot.starts_on = std::max(slot.starts_on, std::string(today));
    out.push_back(std::move(slot));
  }
  return out;
}

}  // namespace anjian::scoring
