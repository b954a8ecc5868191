#include "modules/scoring/scoring_service.hpp"

#include <fmt/format.h>

#include <functional>
#include <map>

#include "core/messages.hpp"
#include "core/region_code.hpp"
#include "core/table_file.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/checklist/checklist_store.hpp"
#include "modules/enterprise/enterprise_store.hpp"
#include "modules/notification/notification_service.hpp"
#include "modules/plan/plan_service.hpp"
#include "modules/plan/plan_store.hpp"
#include "modules/region/region_store.hpp"

namespace anjian::scoring {
namespace {

// The unit a threshold's follow-up belongs to: the enterprise's town station or district bureau.
std::string UnitOf(std::string_view code, std::string_view unit) {
  return region_code::AncestorAt(
      code, unit == "town" ? region_code::Level::kTown : region_code::Level::kCounty);
}

// The follow-ups of thresholds crossed by an enterprise's total in the cycle, each told to its
// unit (a follow-up already made for the threshold is left as it is).
void WriteCrossings(db::Transaction& tx, const store::CycleTotal& enterprise, int cycle,
                    const std::vector<Threshold>& crossed, Instant now) {
  std::string today = ChinaDate(now);
  for (const auto& t : crossed) {
    store::Followup f;
    f.enterprise_id = enterprise.enterprise_id;
    f.cycle = cycle;
    f.threshold_points = t.points;
    f.action = t.action;
    f.unit_region_code = UnitOf(enterprise.region_code, t.unit);
    f.total_at_crossing = enterprise.total;
    f.crossed_at = FormatInstant(now);
    f.due_on = *AddDays(today, static_cast<int>(t.due_days));
    auto id = store::InsertFollowup(tx, f);
    if (!id) continue;
    notification::Notification n;
    n.kind = "score_threshold";
    n.audience_role = notification::UnitRole(f.unit_region_code);
    n.region_code = f.unit_region_code;
    n.enterprise_id = enterprise.enterprise_id;
    n.params = nlohmann::json{
        {"enterprise_name", enterprise.enterprise_name},
        {"threshold_points", t.points},
        {"action", t.action},
        {"total", enterprise.total},
        {"due_on", f.due_on},
        {"followup_id",
         *id}}.dump();
    n.dedupe_key = fmt::format("score_threshold:{}", *id);
    n.created_at = f.crossed_at;
    notification::Add(tx, n);
  }
}

// The follow-ups of the thresholds the enterprise's total in the cycle reaches, once each; each
// one told to its unit.
void FollowUp(db::Transaction& tx, int64_t enterprise_id, int cycle,
              const store::Settings& settings, Instant now) {
  int64_t total = store::Total(tx, enterprise_id, cycle);
  auto crossed =
      Crossed(settings.thresholds, total, store::FollowedThresholds(tx, enterprise_id, cycle));
  if (crossed.empty()) return;
  auto enterprise = enterprise::store::Find(tx, enterprise_id, Scope::System().ForEnterprises());
  WriteCrossings(tx, {enterprise_id, enterprise->name, enterprise->region_code, total, {}}, cycle,
                 crossed, now);
}

// Adds the event, audited, tells the enterprise, and follows up what its points cross.
int64_t AddEvent(db::Transaction& tx, Event event, const store::Settings& settings,
                 const audit::Actor& actor, Instant now) {
  event.id = store::InsertEvent(tx, event, FormatInstant(now));
  audit::Append(tx, actor, "create", "score_event", std::to_string(event.id), nullptr,
                ToJson(event), now);
  auto enterprise =
      enterprise::store::Find(tx, event.enterprise_id, Scope::System().ForEnterprises());
  notification::Notification n;
  n.kind = "score_event";
  n.audience_role = "enterprise";
  n.enterprise_id = event.enterprise_id;
  n.hazard_id = event.hazard_id;
  n.params = nlohmann::json{{"enterprise_name", enterprise->name},
                            {"points", event.points},
                            {"reason", event.source == "finding" ? event.item_text : event.reason},
                            {"total", store::Total(tx, event.enterprise_id, event.cycle)},
                            {"cycle", event.cycle}}
                 .dump();
  n.dedupe_key = fmt::format("score_event:{}", event.id);
  n.created_at = FormatInstant(now);
  notification::Add(tx, n);
  FollowUp(tx, event.enterprise_id, event.cycle, settings, now);
  return event.id;
}

Result<int> CycleParam(std::optional<int> cycle, const store::Settings& settings, Instant now) {
  static constexpr int kFirst = 2000;
  static constexpr int kLast = 2100;
  if (!cycle) return CycleOf(ChinaDate(now), settings.cycle_start);
  if (*cycle < kFirst || *cycle > kLast) return Error::Invalid("invalid_cycle", "cycle");
  return *cycle;
}

// Stations and bureaus (and administrators) read the lists across enterprises.
bool ReadsAcross(Role role) {
  return role == Role::kStation || role == Role::kBureau || role == Role::kAdmin ||
         role == Role::kGrid;
}

// "YYYYQn" → the quarter (this one for ""), or 422 invalid_quarter.
Result<stats::Quarter> QuarterParam(const std::string& label, Instant now) {
  if (label.empty()) return stats::QuarterOf(ChinaDate(now));
  if (label.size() != 6 || label[4] != 'Q' || label[5] < '1' || label[5] > '4' ||
      !IsValidDate(label.substr(0, 4) + "-01-01")) {
    return Error::Invalid("invalid_quarter", "quarter");
  }
  int month = ((label[5] - '1') * 3) + 1;
  return stats::QuarterOf(fmt::format("{}-{:02d}-01", label.substr(0, 4), month));
}

std::pair<std::string, std::string> Instants(const stats::Quarter& q) {
  return {FormatInstant(*ChinaDayStart(q.first)),
          FormatInstant(*ChinaDayStart(*AddDays(q.last, 1)))};
}

}  // namespace

bool KindScores(std::string_view kind) {
  return kind == "grid_patrol" || kind == "town_routine" || kind == "district_enforcement" ||
         kind == "special_campaign";
}

void RecordFinding(db::Transaction& tx, const Finding& finding, const audit::Actor& actor,
                   Instant now) {
  auto settings = store::LoadSettings(tx);
  Event e;
  e.enterprise_id = finding.enterprise_id;
  e.occurred_at = FormatInstant(now);
  e.occurred_on = ChinaDate(now);
  e.cycle = CycleOf(e.occurred_on, settings.cycle_start);
  e.points = finding.points;
  e.source = "finding";
  e.checklist_item_id = finding.checklist_item_id;
  e.item_text = finding.item_text;
  e.inspection_id = finding.inspection_id;
  e.hazard_id = finding.hazard_id;
  e.recorded_by_user_id = actor.id.value_or(0);
  e.recorded_by_name = finding.recorded_by_name;
  AddEvent(tx, e, settings, actor, now);
}

Result<store::Settings> Service::Settings(const Principal& principal) {
  if (!ReadsAcross(principal.role) && principal.role != Role::kEnterprise) {
    return Error::Forbidden();
  }
  db::Transaction tx(database_, db::TransactionMode::kRead);
  return store::LoadSettings(tx);
}

Result<std::vector<checklist::Detail>> Service::Rules(const Principal& principal) {
  if (!ReadsAcross(principal.role) && principal.role != Role::kEnterprise) {
    return Error::Forbidden();
  }
  db::Transaction tx(database_, db::TransactionMode::kRead);
  std::vector<checklist::Detail> out;
  for (auto& c : checklist::store::List(tx, {.purpose = "scored"})) {
    auto version = checklist::store::FindVersion(tx, c.id, c.current_version);
    if (version) out.push_back({std::move(c), std::move(*version)});
  }
  return out;
}

Result<store::Settings> Service::UpdateSettings(const Principal& principal,
                                                const SettingsInput& input) {
  if (principal.role != Role::kAdmin) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto before = store::LoadSettings(tx);
  auto next = before;
  if (input.cycle_start) next.cycle_start = *input.cycle_start;
  if (input.thresholds) next.thresholds = *input.thresholds;
  if (auto s = ValidateCycleStart(next.cycle_start); !s) return s.error();
  if (auto s = ValidateThresholds(next.thresholds); !s) return s.error();
  if (!store::SaveSettings(tx, next, input.version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto after = store::LoadSettings(tx);
  audit::Append(tx, audit::ActorOf(principal), "update", "scoring_settings", "1", ToJson(before),
                ToJson(after), now);
  tx.Commit();
  return after;
}

Result<Event> Service::Record(const Principal& principal, const ManualEvent& input) {
  if (auto s = MayRecord(principal.role); !s) return s.error();
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  std::string day = input.occurred_on.empty() ? today : input.occurred_on;
  if (auto s = ValidateManual(input.points, input.reason, day, today); !s) return s.error();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto enterprise =
      enterprise::store::Find(tx, input.enterprise_id, Scope::For(principal).ForEnterprises());
  if (!enterprise) return Error::Invalid("enterprise_not_found", "enterprise_id");
  auto settings = store::LoadSettings(tx);
  Event e;
  e.enterprise_id = input.enterprise_id;
  // A day in the past counts from its first instant; today, from now.
  e.occurred_at = day == today ? FormatInstant(now) : FormatInstant(*ChinaDayStart(day));
  e.occurred_on = day;
  e.cycle = CycleOf(day, settings.cycle_start);
  e.points = input.points;
  e.source = "manual";
  e.reason = input.reason;
  e.recorded_by_user_id = principal.user_id;
  e.recorded_by_name = principal.name.empty() ? principal.username : principal.name;
  int64_t id = AddEvent(tx, e, settings, audit::ActorOf(principal), now);
  auto recorded = store::FindEvent(tx, id, Scope::System().ForEnterprises());
  tx.Commit();
  return *recorded;
}

Result<Event> Service::Revoke(const Principal& principal, int64_t id, int64_t version,
                              const std::string& reason) {
  if (auto s = MayRecord(principal.role); !s) return s.error();
  if (auto s = ValidateReason(reason, "reason"); !s) return s.error();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::FindEvent(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  if (current->state != "active") return Error::Conflict("score_event_revoked", "state");
  auto next = *current;
  next.state = "revoked";
  next.revoked_at = FormatInstant(now);
  next.revoke_reason = reason;
  if (!store::UpdateEvent(tx, next, version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto after = store::FindEvent(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "revoke", "score_event", std::to_string(id),
                ToJson(*current), ToJson(*after), now);
  // What a mistaken event carried into later cycles goes with it.
  for (int64_t copy_id : store::CarriedCopies(tx, id)) {
    auto copy = store::FindEvent(tx, copy_id, Scope::System().ForEnterprises());
    auto revoked = *copy;
    revoked.state = "revoked";
    revoked.revoked_at = next.revoked_at;
    revoked.revoke_reason = reason;
    store::UpdateEvent(tx, revoked, copy->version, FormatInstant(now));
    audit::Append(tx, audit::ActorOf(principal), "revoke", "score_event", std::to_string(copy_id),
                  ToJson(*copy), ToJson(revoked), now);
  }
  tx.Commit();
  return *after;
}

Result<Event> Service::Reinspect(const Principal& principal, int64_t id, int64_t version,
                                 const std::string& note) {
  if (auto s = MayRecord(principal.role); !s) return s.error();
  if (auto s = ValidateReason(note, "note"); !s) return s.error();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::FindEvent(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  // An event with a hazard clears by the hazard's verification, not by a note.
  if (current->hazard_id) return Error::Conflict("score_event_has_hazard", "hazard_id");
  if (current->state != "active") return Error::Conflict("score_event_revoked", "state");
  auto next = *current;
  next.reinspected_at = FormatInstant(now);
  next.reinspection_note = note;
  if (!store::UpdateEvent(tx, next, version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto after = store::FindEvent(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "reinspect", "score_event", std::to_string(id),
                ToJson(*current), ToJson(*after), now);
  tx.Commit();
  return *after;
}

Result<EventListing> Service::Events(const Principal& principal, const store::EventFilter& filter,
                                     const http::Page& page) {
  if (!ReadsAcross(principal.role) && principal.role != Role::kEnterprise) {
    return Error::Forbidden();
  }
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  if (!filter.state.empty() && filter.state != "active" && filter.state != "revoked") {
    return Error::Invalid("invalid_score_event_state", "state");
  }
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto scope = Scope::For(principal).ForEnterprises();
  EventListing out;
  out.total = store::CountEvents(tx, filter, scope);
  out.items = store::ListEvents(tx, filter, scope, page.page_size, page.Offset());
  return out;
}

Result<ScoreCard> Service::Card(const Principal& principal, int64_t enterprise_id,
                                std::optional<int> cycle) {
  if (!ReadsAcross(principal.role) && principal.role != Role::kEnterprise) {
    return Error::Forbidden();
  }
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto enterprise =
      enterprise::store::Find(tx, enterprise_id, Scope::For(principal).ForEnterprises());
  if (!enterprise) return Error::NotFound();
  auto settings = store::LoadSettings(tx);
  auto chosen = CycleParam(cycle, settings, now);
  if (!chosen) return chosen.error();
  ScoreCard card;
  card.enterprise_id = enterprise_id;
  card.enterprise_name = enterprise->name;
  card.cycle = *chosen;
  card.first_day = CycleFirstDay(card.cycle, settings.cycle_start);
  card.last_day = CycleLastDay(card.cycle, settings.cycle_start);
  card.total = store::Total(tx, enterprise_id, card.cycle);
  card.today = ChinaDate(now);
  std::string end =
      FormatInstant(*ChinaDayStart(CycleFirstDay(card.cycle + 1, settings.cycle_start)));
  store::EventFilter filter;
  filter.enterprise_id = enterprise_id;
  filter.cycle = card.cycle;
  static constexpr int64_t kAll = 1000;
  for (auto& e : store::ListEvents(tx, filter, Scope::System().ForEnterprises(), kAll, 0)) {
    std::optional<HazardFacts> hazard;
    if (e.hazard_id) hazard = store::HazardOf(tx, *e.hazard_id);
    // A cycle already rolled over shows what was decided; otherwise what would be, today.
    auto decided = store::DecisionFor(tx, e.id, card.cycle + 1);
    auto decision = decided ? Decision{decided->clears, decided->reason} : Decide(e, hazard, end);
    card.events.push_back({std::move(e), std::move(decision)});
  }
  store::FollowupFilter followups;
  followups.enterprise_id = enterprise_id;
  followups.cycle = card.cycle;
  std::map<int64_t, store::Followup> by_points;
  for (auto& f : store::ListFollowups(tx, followups, Scope::System().ForEnterprises(), kAll, 0)) {
    by_points[f.threshold_points] = std::move(f);
  }
  for (const auto& t : settings.thresholds) {
    ThresholdState state{t, card.total >= t.points, std::nullopt};
    if (auto f = by_points.find(t.points); f != by_points.end()) state.followup = f->second;
    card.thresholds.push_back(std::move(state));
  }
  return card;
}

Result<Ranking> Service::Rank(const Principal& principal, std::optional<int> cycle,
                              const std::string& region_code, int64_t min_points,
                              const http::Page& page) {
  if (!ReadsAcross(principal.role)) return Error::Forbidden();
  if (!region_code.empty() && !region_code::IsWellFormed(region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  if (min_points < 0 || min_points > kMaxPoints * 10) {
    return Error::Invalid("invalid_points", "min_points");
  }
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto settings = store::LoadSettings(tx);
  auto chosen = CycleParam(cycle, settings, clock_.Now());
  if (!chosen) return chosen.error();
  auto scope = Scope::For(principal).ForEnterprises();
  Ranking out;
  out.cycle = *chosen;
  out.total =
      store::CountRanked(tx, out.cycle, std::max<int64_t>(min_points, 1), region_code, scope);
  out.items = store::Rank(tx, out.cycle, std::max<int64_t>(min_points, 1), region_code, scope,
                          page.page_size, page.Offset());
  return out;
}

Result<FollowupListing> Service::Followups(const Principal& principal,
                                           const store::FollowupFilter& filter,
                                           const http::Page& page) {
  if (!ReadsAcross(principal.role)) return Error::Forbidden();
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  if (!filter.status.empty() && filter.status != "open" && filter.status != "done") {
    return Error::Invalid("invalid_followup_status", "status");
  }
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto scope = Scope::For(principal).ForEnterprises();
  FollowupListing out;
  out.today = ChinaDate(clock_.Now());
  out.total = store::CountFollowups(tx, filter, scope);
  out.items = store::ListFollowups(tx, filter, scope, page.page_size, page.Offset());
  return out;
}

Result<store::Followup> Service::Close(const Principal& principal, int64_t id,
                                       const CloseInput& input) {
  if (auto s = MayRecord(principal.role); !s) return s.error();
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::FindFollowup(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  // The unit it belongs to closes it, or a unit above.
  if (!principal.region_code ||
      !region_code::Contains(*principal.region_code, current->unit_region_code)) {
    return Error::Forbidden();
  }
  if (current->status != "open") return Error::Conflict("followup_closed", "status");
  static constexpr size_t kMaxText = 2000;
  if (current->action == kWarningInterview) {
    if (!input.held_on) return Error::Invalid("required", "held_on");
    if (CodePoints(input.attendees) == 0) return Error::Invalid("required", "attendees");
    if (CodePoints(input.minutes) == 0) return Error::Invalid("required", "minutes");
  }
  if (input.held_on && (!IsValidDate(*input.held_on) || *input.held_on > today)) {
    return Error::Invalid("invalid_date", "held_on");
  }
  if (CodePoints(input.attendees) > kMaxText)
    return Error::Invalid("invalid_text_length", "attendees");
  if (CodePoints(input.minutes) > kMaxText) return Error::Invalid("invalid_text_length", "minutes");
  if (CodePoints(input.note) > kMaxText) return Error::Invalid("invalid_text_length", "note");
  auto next = *current;
  next.status = "done";
  next.held_on = input.held_on;
  next.attendees = input.attendees;
  next.minutes = input.minutes;
  next.note = input.note;
  next.closed_at = FormatInstant(now);
  next.closed_by_name = principal.name.empty() ? principal.username : principal.name;
  if (!store::UpdateFollowup(tx, next, input.version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto after = store::FindFollowup(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "close", "score_followup", std::to_string(id),
                ToJson(*current, today), ToJson(*after, today), now);
  tx.Commit();
  return *after;
}

Result<QuarterSummary> Service::Quarter(const Principal& principal, const std::string& region_code,
                                        const std::string& quarter) {
  if (!ReadsAcross(principal.role) || principal.role == Role::kGrid) return Error::Forbidden();
  auto bounds = Scope::For(principal).EnterprisesWithin(region_code);
  if (!bounds) return bounds.error();
  auto q = QuarterParam(quarter, clock_.Now());
  if (!q) return q.error();
  auto [from, to] = Instants(*q);
  static constexpr int64_t kSpotChecks = 10;
  db::Transaction tx(database_, db::TransactionMode::kRead);
  QuarterSummary out;
  out.quarter = *q;
  for (auto& figures :
       store::QuarterByTown(tx, *bounds, store::ScoredTags(tx), from, to, q->first, q->last)) {
    std::string code = figures.town + "000";
    auto region = region::store::Find(tx, code);
    out.towns.push_back({code, region ? region->name : "", std::move(figures)});
  }
  for (auto& made : store::QuarterPlans(tx, q->label)) {
    if (std::any_of(out.towns.begin(), out.towns.end(),
                    [&made](const TownQuarter& t) { return t.figures.town == made.town; })) {
      out.plans.push_back(std::move(made));
    }
  }
  // The same quarter and scope draw the same inspections.
  int64_t seed = static_cast<int64_t>(std::hash<std::string>{}(q->label + bounds->low)) % 1000;
  out.spot_checks = store::SpotCheck(tx, *bounds, from, to, seed, kSpotChecks);
  return out;
}

Result<QuarterPlanning> Service::PlanQuarter(const Principal& principal,
                                             const std::string& region_code,
                                             const std::string& quarter,
                                             std::string_view language) {
  if (principal.role != Role::kStation) return Error::Forbidden();
  if (region_code.empty()) return Error::Invalid("required", "region_code");
  if (!region_code::IsWellFormed(region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  auto scope = Scope::For(principal);
  if (!scope.CoversRegion(region_code)) return Error::NotFound();
  if (region_code::LevelOf(region_code) != region_code::Level::kTown) {
    return Error::Invalid("not_a_town", "region_code");
  }
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  auto q = QuarterParam(quarter, now);
  if (!q) return q.error();
  // This quarter or the next.
  if (q->first > *AddDays(stats::QuarterOf(today).last, 1)) {
    return Error::Invalid("quarter_too_far", "quarter");
  }
  auto slots = QuarterSlots(q->first, q->last, today);
  if (slots.empty()) return Error::Invalid("quarter_over", "quarter");
  std::string town = region_code.substr(0, 9);
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  if (store::QuarterPlanned(tx, town, q->label)) {
    return Error::Conflict("quarter_planned", "quarter");
  }
  auto settings = store::LoadSettings(tx);
  std::vector<int> cycles{CycleOf(today, settings.cycle_start)};
  if (int c = CycleOf(q->first, settings.cycle_start); c != cycles.front()) cycles.push_back(c);
  auto bounds = scope.ForEnterprises().Within(region_code);
  auto raised = store::RaisedEnterprises(tx, bounds, cycles);
  std::vector<int64_t> once;
  for (int64_t id : store::SectorEnterprises(tx, bounds, store::ScoredTags(tx))) {
    if (!std::binary_search(raised.begin(), raised.end(), id)) once.push_back(id);
  }
  if (once.empty() && raised.empty()) return Error::Invalid("nothing_to_plan", "region_code");
  if (once.size() > plan::kMaxTargets || raised.size() > plan::kMaxTargets) {
    return Error::Invalid("too_many_targets", "region_code");
  }
  QuarterPlanning out;
  out.quarter = *q;
  out.region_code = region_code;
  out.raised = static_cast<int64_t>(raised.size());
  auto actor = audit::ActorOf(principal);
  for (const auto& slot : slots) {
    const auto& targets = slot.slot == "all" ? once : raised;
    if (targets.empty()) continue;
    plan::Plan p;
    p.name = slot.slot == "all"
                 ? Fill(messages::Label(language, "score_plan", "all"), {{"quarter", q->label}})
                 : Fill(messages::Label(language, "score_plan", "month"),
                        {{"quarter", q->label}, {"month", slot.slot.substr(1)}});
    p.kind = "town_routine";
    p.unit_region_code = region_code;
    p.starts_on = slot.starts_on;
    p.due_on = slot.due_on;
    p.note =
        messages::Label(language, "score_plan", slot.slot == "all" ? "note_all" : "note_month");
    p.created_by_user_id = principal.user_id;
    p.created_by_name = principal.DisplayName();
    p.created_at = FormatInstant(now);
    if (auto s = plan::Validate(p, today); !s) return s.error();
    auto [window_start, window_end] = plan::Window(p);
    p.id = plan::store::Insert(tx, p, window_start, window_end);
    for (int64_t id : targets) plan::store::InsertTarget(tx, p.id, id, std::nullopt, false);
    store::InsertQuarterPlan(tx, town, q->label, slot.slot, p.id, FormatInstant(now));
    p.targets = static_cast<int64_t>(targets.size());
    audit::Append(tx, actor, "create", "inspection_plan", std::to_string(p.id), nullptr,
                  plan::ToJson(p), now);
    out.plans.push_back({slot.slot, std::move(p)});
  }
  // The raised frequency is planned: the follow-ups that asked for it are done.
  std::string note =
      Fill(messages::Label(language, "score_plan", "followup_note"), {{"quarter", q->label}});
  for (auto& f : store::OpenRaiseFollowups(tx, bounds, cycles)) {
    auto next = f;
    next.status = "done";
    next.note = note;
    next.closed_at = FormatInstant(now);
    next.closed_by_name = principal.DisplayName();
    store::UpdateFollowup(tx, next, f.version, FormatInstant(now));
    audit::Append(tx, actor, "close", "score_followup", std::to_string(f.id), ToJson(f, today),
                  ToJson(next, today), now);
    ++out.followups_closed;
  }
  tx.Commit();
  return out;
}

Result<MissingListing> Service::Missing(const Principal& principal, const std::string& region_code,
                                        const std::string& quarter, const http::Page& page) {
  if (!ReadsAcross(principal.role) || principal.role == Role::kGrid) return Error::Forbidden();
  auto bounds = Scope::For(principal).EnterprisesWithin(region_code);
  if (!bounds) return bounds.error();
  auto q = QuarterParam(quarter, clock_.Now());
  if (!q) return q.error();
  auto [from, to] = Instants(*q);
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto tags = store::ScoredTags(tx);
  MissingListing out;
  out.quarter = *q;
  out.total = store::CountMissingInQuarter(tx, *bounds, tags, from, to);
  out.items = store::MissingInQuarter(tx, *bounds, tags, from, to, page.page_size, page.Offset());
  return out;
}

namespace {

constexpr int64_t kExportRows = 100'000;

// A workbook of one sheet, its columns labelled from the group "score_column".
std::string Workbook(std::string_view language, std::string_view sheet,
                     const std::vector<std::string_view>& columns,
                     std::vector<std::vector<table_file::Cell>> rows) {
  return table_file::LabelledXlsx(language, sheet, "score_column", columns, std::move(rows));
}

table_file::Cell Text(const std::optional<std::string>& value) {
  if (!value) return std::monostate{};
  return *value;
}

table_file::Cell Number(const std::optional<int64_t>& value) {
  if (!value) return std::monostate{};
  return *value;
}

}  // namespace

Result<std::string> Service::ExportRankings(const Principal& principal, std::optional<int> cycle,
                                            const std::string& region_code, int64_t min_points,
                                            std::string_view language) {
  auto ranked = Rank(principal, cycle, region_code, min_points, {1, kExportRows});
  if (!ranked) return ranked.error();
  if (ranked->total > kExportRows) return Error::Invalid("export_too_large");
  std::vector<std::vector<table_file::Cell>> rows;
  rows.reserve(ranked->items.size());
  for (const auto& r : ranked->items) {
    rows.push_back({int64_t{ranked->cycle}, r.name, r.uscc, r.region_code, r.points, r.events});
  }
  return Workbook(language, "score_rankings",
                  {"cycle", "enterprise", "uscc", "region_code", "points", "events"},
                  std::move(rows));
}

Result<std::string> Service::ExportEvents(const Principal& principal,
                                          const store::EventFilter& filter,
                                          std::string_view language) {
  auto listed = Events(principal, filter, {1, kExportRows});
  if (!listed) return listed.error();
  if (listed->total > kExportRows) return Error::Invalid("export_too_large");
  std::vector<std::vector<table_file::Cell>> rows;
  rows.reserve(listed->items.size());
  for (const auto& e : listed->items) {
    rows.push_back({e.enterprise_name, e.region_code, int64_t{e.cycle}, e.occurred_on, e.points,
                    messages::Label(language, "score_source", e.source),
                    e.item_text.empty() ? e.reason : e.item_text, Number(e.hazard_id),
                    Number(e.inspection_id), messages::Label(language, "score_state", e.state),
                    e.revoke_reason, e.recorded_by_name});
  }
  return Workbook(language, "score_events",
                  {"enterprise", "region_code", "cycle", "occurred_on", "points", "source", "item",
                   "hazard_id", "inspection_id", "state", "revoke_reason", "recorded_by"},
                  std::move(rows));
}

Result<std::string> Service::ExportFollowups(const Principal& principal,
                                             const store::FollowupFilter& filter,
                                             std::string_view language) {
  auto listed = Followups(principal, filter, {1, kExportRows});
  if (!listed) return listed.error();
  if (listed->total > kExportRows) return Error::Invalid("export_too_large");
  std::vector<std::vector<table_file::Cell>> rows;
  rows.reserve(listed->items.size());
  for (const auto& f : listed->items) {
    rows.push_back({f.enterprise_name, f.region_code, int64_t{f.cycle}, f.threshold_points,
                    messages::Label(language, "score_action", f.action), f.unit_region_code,
                    f.total_at_crossing, f.crossed_at.substr(0, 10), f.due_on,
                    messages::Label(language, "followup_status", f.status), Text(f.held_on),
                    f.attendees, f.minutes, f.note});
  }
  return Workbook(language, "score_followups",
                  {"enterprise", "region_code", "cycle", "threshold", "action", "unit", "total",
                   "crossed_on", "due_on", "status", "held_on", "attendees", "minutes", "note"},
                  std::move(rows));
}

Result<std::string> Service::ExportMissing(const Principal& principal,
                                           const std::string& region_code,
                                           const std::string& quarter, std::string_view language) {
  auto listed = Missing(principal, region_code, quarter, {1, kExportRows});
  if (!listed) return listed.error();
  if (listed->total > kExportRows) return Error::Invalid("export_too_large");
  std::vector<std::vector<table_file::Cell>> rows;
  rows.reserve(listed->items.size());
  for (const auto& m : listed->items) {
    rows.push_back({listed->quarter.label, m.name, m.uscc, m.region_code});
  }
  return Workbook(language, "score_missing", {"quarter", "enterprise", "uscc", "region_code"},
                  std::move(rows));
}

Result<RolloverReport> Service::Rollover(const Principal& principal, int target, bool dry_run) {
  if (principal.role != Role::kAdmin) return Error::Forbidden();
  return Roll(audit::ActorOf(principal), target, dry_run);
}

Result<RolloverReport> Service::RolloverAsSystem(int target, bool dry_run) {
  return Roll(audit::SystemActor("scoring.rollover"), target, dry_run);
}

Result<RolloverReport> Service::Roll(const audit::Actor& actor, int target, bool dry_run) {
  // The report lists the first decisions; a city's hundreds of thousands are counted.
  static constexpr size_t kListedItems = 10'000;
  static constexpr int kFirst = 2000;
  static constexpr int kLast = 2100;
  if (target < kFirst || target > kLast) return Error::Invalid("invalid_cycle", "start_year");
  Instant now = clock_.Now();
  db::Transaction tx(database_, dry_run ? db::TransactionMode::kRead : db::TransactionMode::kWrite);
  auto settings = store::LoadSettings(tx);
  // A city's rollover writes a million rows and more: 64 MiB of page cache halves its time.
  static constexpr int64_t kCacheMiB = 64;
  if (!dry_run) tx.WidenPageCache(kCacheMiB);
  std::string first_day = CycleFirstDay(target, settings.cycle_start);
  // Only a cycle that has begun takes in the one before.
  if (ChinaDate(now) < first_day) return Error::Invalid("cycle_not_started", "start_year");
  RolloverReport report;
  report.target_cycle = target;
  report.dry_run = dry_run;
  report.judged_at = FormatInstant(*ChinaDayStart(first_day));
  auto decided = store::CountDecisions(tx, target);
  report.already_decided = decided.first + decided.second;
  static constexpr int64_t kBatch = 1000;
  int64_t after = 0;
  std::set<int64_t> carried_to;
  std::string decided_at = FormatInstant(now);
  for (;;) {
    auto batch = store::Undecided(tx, target, after, kBatch);
    if (batch.empty()) break;
    std::vector<store::RolloverDecision> decisions;
    decisions.reserve(batch.size());
    size_t listed_from = report.items.size();
    for (const auto& [e, hazard] : batch) {
      auto decision = Decide(e, hazard, report.judged_at);
      if (!decision.clears) carried_to.insert(e.enterprise_id);
      (decision.clears ? report.cleared : report.carried) += 1;
      if (report.items.size() < kListedItems) {
        report.items.push_back({e.id, e.enterprise_id, e.enterprise_name, e.points, decision.clears,
                                decision.reason, std::nullopt});
      }
      decisions.push_back({e.id, target, decision.clears, decision.reason, std::nullopt, ""});
    }
    after = batch.back().event.id;
    if (dry_run) continue;
    store::InsertDecisions(tx, target, decisions, decided_at);
    if (listed_from == report.items.size()) continue;
    // The listed decisions name their carried copies.
    auto copies = store::CarriedCopiesOf(tx, target, batch.front().event.id, after);
    for (size_t i = listed_from; i < report.items.size(); ++i) {
      auto& item = report.items[i];
      if (auto found = copies.find(item.event_id); found != copies.end()) {
        item.carried_event_id = found->second;
      }
    }
  }
  if (dry_run) return report;
  // What the carried points add up to in the new cycle, one query for every enterprise.
  for (const auto& enterprise : store::CycleTotals(tx, target)) {
    if (!carried_to.contains(enterprise.enterprise_id)) continue;
    auto crossed = Crossed(settings.thresholds, enterprise.total, enterprise.followed);
    if (!crossed.empty()) WriteCrossings(tx, enterprise, target, crossed, now);
  }
  audit::Append(tx, actor, "rollover", "score_cycle", std::to_string(target), nullptr,
                nlohmann::json{{"cleared", report.cleared},
                               {"carried", report.carried},
                               {"already_decided", report.already_decided}},
                now);
  tx.Commit();
  return report;
}

RolloverReport Service::RolloverDue() {
  RolloverReport nothing;
  {
    // Most hours there is nothing to decide: found out without taking the write lock.
    db::Transaction tx(database_, db::TransactionMode::kRead);
    nothing.target_cycle = CycleOf(ChinaDate(clock_.Now()), store::LoadSettings(tx).cycle_start);
    if (store::Undecided(tx, nothing.target_cycle, 0, 1).empty()) return nothing;
  }
  return *RolloverAsSystem(nothing.target_cycle, false);
}

nlohmann::json ToJson(const Event& e) {
  return {{"id", e.id},
          {"enterprise_id", e.enterprise_id},
          {"enterprise_name", e.enterprise_name},
          {"region_code", e.region_code},
          {"cycle", e.cycle},
          {"occurred_at", e.occurred_at},
          {"occurred_on", e.occurred_on},
          {"points", e.points},
          {"source", e.source},
          {"checklist_item_id", OrNull(e.checklist_item_id)},
          {"item_text", e.item_text},
          {"inspection_id", OrNull(e.inspection_id)},
          {"hazard_id", OrNull(e.hazard_id)},
          {"reason", e.reason},
          {"carried_from_event_id", OrNull(e.carried_from_event_id)},
          {"recorded_by_name", e.recorded_by_name},
          {"state", e.state},
          {"revoked_at", OrNull(e.revoked_at)},
          {"revoke_reason", e.revoke_reason},
          {"reinspected_at", OrNull(e.reinspected_at)},
          {"reinspection_note", e.reinspection_note},
          {"created_at", e.created_at},
          {"version", e.version}};
}

nlohmann::json ToJson(const store::Followup& f, std::string_view today) {
  return {{"id", f.id},
          {"enterprise_id", f.enterprise_id},
          {"enterprise_name", f.enterprise_name},
          {"region_code", f.region_code},
          {"cycle", f.cycle},
          {"threshold_points", f.threshold_points},
          {"action", f.action},
          {"unit_region_code", f.unit_region_code},
          {"total_at_crossing", f.total_at_crossing},
          {"crossed_at", f.crossed_at},
          {"due_on", f.due_on},
          {"overdue", f.status == "open" && f.due_on < today},
          {"status", f.status},
          {"held_on", OrNull(f.held_on)},
          {"attendees", f.attendees},
          {"minutes", f.minutes},
          {"note", f.note},
          {"closed_at", OrNull(f.closed_at)},
          {"closed_by_name", f.closed_by_name},
          {"created_at", f.created_at},
          {"version", f.version}};
}

nlohmann::json ToJson(const store::Settings& s) {
  nlohmann::json thresholds = nlohmann::json::array();
  for (const auto& t : s.thresholds) {
    thresholds.push_back(
        {{"points", t.points}, {"action", t.action}, {"unit", t.unit}, {"due_days", t.due_days}});
  }
  return {{"cycle_start", s.cycle_start},
          {"thresholds", std::move(thresholds)},
          {"updated_at", s.updated_at},
          {"version", s.version}};
}

nlohmann::json ToJson(const ScoreCard& card) {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& p : card.events) {
    auto json = ToJson(p.event);
    json["at_rollover"] = {{"clears", p.decision.clears}, {"reason", p.decision.reason}};
    events.push_back(std::move(json));
  }
  nlohmann::json thresholds = nlohmann::json::array();
  for (const auto& t : card.thresholds) {
    thresholds.push_back(
        {{"points", t.threshold.points},
         {"action", t.threshold.action},
         {"unit", t.threshold.unit},
         {"crossed", t.crossed},
         {"followup", t.followup ? ToJson(*t.followup, card.today) : nlohmann::json(nullptr)}});
  }
  return {{"enterprise_id", card.enterprise_id},
          {"enterprise_name", card.enterprise_name},
          {"cycle", card.cycle},
          {"first_day", card.first_day},
          {"last_day", card.last_day},
          {"total", card.total},
          {"full_score", kMaxPoints},
          {"events", std::move(events)},
          {"thresholds", std::move(thresholds)}};
}

nlohmann::json ToJson(const RolloverReport& r) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : r.items) {
    items.push_back({{"event_id", i.event_id},
                     {"enterprise_id", i.enterprise_id},
                     {"enterprise_name", i.enterprise_name},
                     {"points", i.points},
                     {"clears", i.clears},
                     {"reason", i.reason},
                     {"carried_event_id", OrNull(i.carried_event_id)}});
  }
  return {{"cycle", r.target_cycle},  {"dry_run", r.dry_run},
          {"judged_at", r.judged_at}, {"cleared", r.cleared},
          {"carried", r.carried},     {"already_decided", r.already_decided},
          {"items", std::move(items)}};
}

nlohmann::json ToJson(const QuarterSummary& summary) {
  nlohmann::json towns = nlohmann::json::array();
  for (const auto& t : summary.towns) {
    const auto& f = t.figures;
    nlohmann::json plans = nlohmann::json::array();
    for (const auto& p : summary.plans) {
      if (p.town != f.town) continue;
      plans.push_back({{"id", p.plan_id},
                       {"name", p.name},
                       {"slot", p.slot},
                       {"starts_on", p.starts_on},
                       {"due_on", p.due_on}});
    }
    towns.push_back({{"region_code", t.region_code},
                     {"name", t.name},
                     {"enterprises", f.enterprises},
                     {"planned", f.planned},
                     {"inspected", f.inspected},
                     {"missing", f.enterprises - f.inspected},
                     {"inspections", f.inspections},
                     {"events", f.events},
                     {"points", f.points},
                     {"thresholds_crossed", f.thresholds},
                     {"followups_open", f.followups_open},
                     {"plans", std::move(plans)}});
  }
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& c : summary.spot_checks) {
    checks.push_back({{"inspection_id", c.inspection_id},
                      {"enterprise_id", c.enterprise_id},
                      {"enterprise_name", c.enterprise_name},
                      {"region_code", c.region_code},
                      {"kind", c.kind},
                      {"inspector_name", c.inspector_name},
                      {"finished_at", c.finished_at},
                      {"findings", c.findings}});
  }
  return {{"quarter", summary.quarter.label},
          {"first", summary.quarter.first},
          {"last", summary.quarter.last},
          {"towns", std::move(towns)},
          {"spot_checks", std::move(checks)}};
}

nlohmann::json ToJson(const QuarterPlanning& planning) {
  nlohmann::json plans = nlohmann::json::array();
  for (const auto& made : planning.plans) {
    plans.push_back({{"id", made.plan.id},
                     {"name", made.plan.name},
                     {"slot", made.slot},
                     {"starts_on", made.plan.starts_on},
                     {"due_on", made.plan.due_on},
                     {"targets", made.plan.targets}});
  }
  return {{"quarter", planning.quarter.label},
          {"region_code", planning.region_code},
          {"plans", std::move(plans)},
          {"raised", planning.raised},
          {"followups_closed", planning.followups_closed}};
}

nlohmann::json ToJson(const store::Missing& m) {
  return {{"id", m.id}, {"name", m.name}, {"uscc", m.uscc}, {"region_code", m.region_code}};
}

nlohmann::json ToJson(const store::Ranked& r) {
  return {{"enterprise_id", r.enterprise_id}, {"name", r.name},     {"uscc", r.uscc},
          {"region_code", r.region_code},     {"points", r.points}, {"events", r.events}};
}

}  // namespace anjian::scoring
