#include "modules/hazard/hazard_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <thread>

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/enterprise/enterprise_store.hpp"
#include "modules/file/file_service.hpp"
#include "modules/file/file_store.hpp"
#include "modules/notification/notification_service.hpp"
#include "modules/region/region_store.hpp"

namespace anjian::hazard {
namespace {

Actor ActorFrom(const Principal& principal) {
  return {principal.role, principal.user_id, principal.region_code};
}

// What an action recorded, for the timeline: the input's fields that it carried.
nlohmann::json Details(const TransitionInput& in) {
  nlohmann::json details = nlohmann::json::object();
  auto put = [&details](const char* name, const std::optional<std::string>& value) {
    if (value) details[name] = *value;
  };
  put("deadline", in.deadline);
  put("responsible_person", in.responsible_person);
  put("measures", in.measures);
  put("method", in.method);
  put("completed_on", in.completed_on);
  put("result", in.result);
  put("reason", in.reason);
  if (in.photo_ids) details["photo_ids"] = *in.photo_ids;
  return details;
}

// The record after a permitted transition to `next`, at `now`.
Hazard Applied(const Hazard& current, const TransitionInput& in, State next, Instant now,
               std::string_view today) {
  Hazard h = current;
  h.state = next;
  switch (in.action) {
    case Action::kFixOnSpot:
      h.handling = "on_the_spot";
      h.deadline = std::string(today);
      break;
    case Action::kExtend:
      h.deadline = in.deadline;
      break;
    default:
      break;
  }
  if (next == State::kVerified) {
    h.verified_at = FormatInstant(now);
    h.verified_on = std::string(today);
  }
  // Listed supervision ends only when the loop does: verified, or cancelled as wrongly reported.
  if (!IsOpen(next) && h.listed_at && !h.delisted_at) h.delisted_at = FormatInstant(now);
  return h;
}

nlohmann::json EventJson(const store::Event& e) {
  return {{"id", e.id},
          {"action", e.action},
          {"from_state", OrNull(e.from_state)},
          {"to_state", e.to_state},
          {"actor_user_id", OrNull(e.actor_user_id)},
          {"actor_name", e.actor_name},
          {"at", e.at},
          {"details", nlohmann::json::parse(e.details, nullptr, false)}};
}

// Returns the timeline event's id.
int64_t AppendTransition(db::Transaction& tx, const Principal& principal, const Hazard& before,
                         const Hazard& after, Action action, const nlohmann::json& details,
                         Instant now) {
  int64_t event_id = store::AppendEvent(
      tx, {0, after.id, std::string(ActionName(action)), std::string(StateName(before.state)),
           std::string(StateName(after.state)), principal.user_id, principal.DisplayName(),
           FormatInstant(now), details.dump()});
  audit::Append(tx, audit::ActorOf(principal), ActionName(action), "hazard",
                std::to_string(after.id), ToJson(before, ""), ToJson(after, ""), now);
  return event_id;
}

// The hazard with its timeline and what the caller may do with it now.
Detail DetailOf(db::Transaction& tx, const Hazard& h, const Principal& principal,
                std::string today) {
  return {h, store::Events(tx, h.id), std::move(today),
          AllowedActions(SubjectOf(h), ActorFrom(principal)), file::store::HazardPhotos(tx, h.id)};
}

// What every notification of a hazard carries for the UI to word.
std::string NotificationParams(const Hazard& h) {
  return nlohmann::json{{"description", h.description},
                        {"enterprise_name", h.enterprise_name},
                        {"deadline", OrNull(h.deadline)},
                        {"notice_number", OrNull(h.notice_number)}}
      .dump();
}

// A notification about a hazard to its enterprise, or (with `unit`) to a station or bureau.
bool NotifyAbout(db::Transaction& tx, const Hazard& h, const std::string& kind,
                 const std::optional<std::string>& unit, const std::string& dedupe_key,
                 Instant now) {
  notification::Notification n;
  n.kind = kind;
  n.hazard_id = h.id;
  if (unit) {
    n.audience_role = notification::UnitRole(*unit);
    n.region_code = unit;
  } else {
    n.audience_role = "enterprise";
    n.enterprise_id = h.enterprise_id;
  }
  n.params = NotificationParams(h);
  n.dedupe_key = dedupe_key;
  n.created_at = FormatInstant(now);
  return notification::Add(tx, n);
}

}  // namespace

int64_t Record(db::Transaction& tx, Hazard hazard, const audit::Actor& actor, Instant now) {
  hazard.state = State::kReported;
  hazard.found_on = ChinaDate(now);
  if (hazard.level == "major") hazard.listed_at = FormatInstant(now);
  hazard.id = store::Insert(tx, hazard, FormatInstant(now));
  store::AppendEvent(tx, {0, hazard.id, std::string(ActionName(Action::kReport)), std::nullopt,
                          std::string(StateName(State::kReported)), actor.id, hazard.found_by_name,
                          FormatInstant(now), "{}"});
  audit::Append(tx, actor, "create", "hazard", std::to_string(hazard.id), nullptr,
                ToJson(hazard, ""), now);
  // A major hazard is listed for supervision by its district's bureau, which is told at once.
  if (hazard.level == "major") {
    auto recorded = store::Find(tx, hazard.id, Scope::System().ForEnterprises());
    std::string district =
        region_code::AncestorAt(recorded->region_code, region_code::Level::kCounty);
    NotifyAbout(tx, *recorded, "major_listed", district,
                "major_listed:" + std::to_string(hazard.id), now);
  }
  return hazard.id;
}

Result<Listing> Service::List(const Principal& principal, const Filter& filter,
                              const http::Page& page) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  if (!filter.state.empty() && filter.state != "open" && !ParseState(filter.state)) {
    return Error::Invalid("invalid_hazard_state", "state");
  }
  if (!filter.level.empty() && filter.level != "general" && filter.level != "major") {
    return Error::Invalid("invalid_hazard_level", "level");
  }
  Listing out;
  out.today = Today();
  auto scope = Scope::For(principal).ForEnterprises();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  out.total = store::Count(tx, filter, scope, out.today);
  out.items = store::List(tx, filter, scope, out.today, page.page_size, page.Offset(), out.total);
  return out;
}

Result<Detail> Service::Get(const Principal& principal, int64_t id) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto h = store::Find(tx, id, Scope::For(principal).ForEnterprises());
  if (!h) return Error::NotFound();
  return DetailOf(tx, *h, principal, Today());
}

Result<Detail> Service::Create(const Principal& principal, const Hazard& input,
                               const std::vector<int64_t>& photo_ids) {
  if (!Allows(principal.role, Permission::kInspect)) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto scope = Scope::For(principal).ForEnterprises();
  if (!enterprise::store::Find(tx, input.enterprise_id, scope)) {
    return Error::Invalid("enterprise_not_found", "enterprise_id");
  }
  Hazard hazard = input;
  hazard.inspection_id.reset();
  hazard.checklist_item_id.reset();
  hazard.found_by_user_id = principal.user_id;
  hazard.found_by_name = principal.DisplayName();
  if (auto s = Validate(hazard); !s) return s.error();
  if (auto s = file::CheckAttachable(tx, photo_ids, hazard.enterprise_id, "photo_ids"); !s) {
    return s.error();
  }
  int64_t id = Record(tx, hazard, audit::ActorOf(principal), now);
  file::store::AddHazardPhotos(tx, id, photo_ids, "before", std::nullopt);
  auto detail = DetailOf(tx, *store::Find(tx, id, Scope::System().ForEnterprises()), principal,
                         ChinaDate(now));
  tx.Commit();
  return detail;
}

Result<Detail> Service::Act(const Principal& principal, int64_t id, const TransitionInput& input) {
  // A role that sees no hazards (an expert, for now) is refused as such, not told "not found".
  if (!Allows(principal.role, Permission::kReadEnterprises)) {
    return Error::Forbidden("hazard_action_forbidden");
  }
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::Find(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  if (input.action == Action::kNotify) {
    auto notice = Notify(tx, principal, {{*current, input.version}}, input, now);
    if (!notice) return notice.error();
  } else {
    auto next = Transition(SubjectOf(*current), input.action, ActorFrom(principal));
    if (!next) return next.error();
    if (auto s = ValidateInput(input, *current, today); !s) return s.error();
    const auto& photo_ids = input.photo_ids.value_or(std::vector<int64_t>{});
    if (auto s = file::CheckAttachable(tx, photo_ids, current->enterprise_id, "photo_ids"); !s) {
      return s.error();
    }
    Hazard updated = Applied(*current, input, *next, now, today);
    if (!store::Update(tx, updated, input.version, FormatInstant(now))) {
      return Error::Conflict("stale_version", "version");
    }
    updated = *store::Find(tx, id, Scope::System().ForEnterprises());
    int64_t event_id =
        AppendTransition(tx, principal, *current, updated, input.action, Details(input), now);
    file::store::AddHazardPhotos(tx, id, photo_ids, "after", event_id);
    if (input.action == Action::kSubmit && updated.notified_unit_region_code) {
      NotifyAbout(tx, updated, "submitted", updated.notified_unit_region_code,
                  "submitted:" + std::to_string(id) + ":" + std::to_string(updated.version), now);
    }
  }
  auto detail =
      DetailOf(tx, *store::Find(tx, id, Scope::System().ForEnterprises()), principal, today);
  tx.Commit();
  return detail;
}

Result<NoticeDetail> Service::IssueNotice(const Principal& principal, const NoticeInput& input) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) {
    return Error::Forbidden("hazard_action_forbidden");
  }
  if (input.hazard_ids.empty() || input.hazard_ids.size() > 200) {
    return Error::Invalid("invalid_hazard_ids", "hazard_ids");
  }
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto scope = Scope::For(principal).ForEnterprises();
  std::vector<std::pair<Hazard, int64_t>> hazards;
  std::set<int64_t> seen;
  for (int64_t hazard_id : input.hazard_ids) {
    if (!seen.insert(hazard_id).second) continue;
    auto h = store::Find(tx, hazard_id, scope);
    if (!h) return Error::Invalid("hazard_not_found", "hazard_ids");
    hazards.emplace_back(*h, h->version);
  }
  TransitionInput notify;
  notify.action = Action::kNotify;
  notify.deadline = input.deadline;
  notify.responsible_person = input.responsible_person;
  notify.measures = input.measures;
  auto notice = Notify(tx, principal, hazards, notify, now);
  if (!notice) return notice.error();
  tx.Commit();
  return notice;
}

Result<NoticeDetail> Service::Notify(db::Transaction& tx, const Principal& principal,
                                     const std::vector<std::pair<Hazard, int64_t>>& hazards,
                                     const TransitionInput& input, Instant now) {
  std::string today = ChinaDate(now);
  int64_t enterprise_id = hazards.front().first.enterprise_id;
  for (const auto& [h, version] : hazards) {
    auto next = Transition(SubjectOf(h), Action::kNotify, ActorFrom(principal));
    if (!next) return next.error();
    if (h.enterprise_id != enterprise_id) {
      return Error::Invalid("notice_mixed_enterprises", "hazard_ids");
    }
  }
  if (auto s = ValidateInput(input, hazards.front().first, today); !s) return s.error();
  // The issuing unit is the officer's own region: a town's station or a district's bureau. A
  // town's notices carry its district's name too, since towns of two districts may share a name.
  const std::string unit = principal.region_code.value_or("");
  auto unit_region = region::store::Find(tx, unit);
  if (!unit_region) return Error::Forbidden("hazard_action_forbidden");
  std::string issuer = unit_region->name;
  if (region_code::LevelOf(unit) == region_code::Level::kTown && unit_region->parent_code) {
    if (auto parent = region::store::Find(tx, *unit_region->parent_code)) {
      issuer = parent->name + issuer;
    }
  }
  store::Notice notice;
  notice.unit_region_code = unit;
  notice.unit_name = unit_region->name;
  notice.year = std::stoll(today.substr(0, 4));
  notice.sequence = store::NextNoticeSequence(tx, unit, notice.year);
  notice.number = fmt::format("{}安监整改〔{}〕{:03d}号", issuer, notice.year, notice.sequence);
  notice.enterprise_id = enterprise_id;
  notice.issued_by_user_id = principal.user_id;
  notice.issued_by_name = principal.DisplayName();
  notice.issued_on = today;
  notice.deadline = *input.deadline;
  notice.responsible_person = *input.responsible_person;
  notice.measures = *input.measures;
  notice.created_at = FormatInstant(now);
  notice.id = store::InsertNotice(tx, notice);

  NoticeDetail out;
  out.today = today;
  auto details = Details(input);
  details["notice_number"] = notice.number;
  for (const auto& [h, version] : hazards) {
    Hazard updated = h;
    updated.state = State::kNotified;
    updated.deadline = input.deadline;
    updated.responsible_person = *input.responsible_person;
    updated.measures = *input.measures;
    updated.notice_id = notice.id;
    updated.notified_unit_region_code = unit;
    if (!store::Update(tx, updated, version, FormatInstant(now))) {
      return Error::Conflict("stale_version", "version");
    }
    updated = *store::Find(tx, h.id, Scope::System().ForEnterprises());
    AppendTransition(tx, principal, h, updated, Action::kNotify, details, now);
    out.hazards.push_back(std::move(updated));
  }
  out.notice = *store::FindNotice(tx, notice.id, Scope::System().ForEnterprises());
  NotifyAbout(tx, out.hazards.front(), "notice_issued", std::nullopt,
              "notice_issued:" + std::to_string(notice.id), now);
  audit::Append(tx, audit::ActorOf(principal), "create", "notice", std::to_string(notice.id),
                nullptr, {{"number", notice.number}, {"enterprise_id", enterprise_id}}, now);
  return out;
}

Result<NoticeDetail> Service::GetNotice(const Principal& principal, int64_t id) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  auto scope = Scope::For(principal).ForEnterprises();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto notice = store::FindNotice(tx, id, scope);
  if (!notice) return Error::NotFound();
  NoticeDetail out{*notice, {}, Today()};
  Filter filter;
  filter.notice_id = id;
  out.hazards =
      store::List(tx, filter, scope, out.today, 200, 0, store::Count(tx, filter, scope, out.today));
  std::reverse(out.hazards.begin(), out.hazards.end());
  return out;
}

int64_t Service::Remind() {
  // The hazards are found in a read transaction, which blocks nobody, and reminded in short write
  // transactions with a pause between them: a city with a backlog of overdue hazards must not
  // hold SQLite's write lock for seconds while officers are logging in and saving.
  static constexpr size_t kBatch = 500;
  static constexpr auto kPause = std::chrono::milliseconds(5);
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  int64_t added = 0;
  auto in_batches = [&](const std::string& from, const std::string& to, const auto& remind) {
    std::vector<int64_t> ids;
    {
      db::Transaction tx(database_, db::TransactionMode::kRead);
      ids = store::WithDeadlineBetween(tx, from, to);
    }
    for (size_t start = 0; start < ids.size(); start += kBatch) {
      if (start > 0) std::this_thread::sleep_for(kPause);
      db::Transaction tx(database_, db::TransactionMode::kWrite);
      for (size_t i = start; i < std::min(ids.size(), start + kBatch); ++i) {
        // Moved on since it was found (verified, cancelled, extended): the next run decides.
        auto h = store::Find(tx, ids[i], Scope::System().ForEnterprises());
        if (h && h->deadline && *h->deadline >= from && *h->deadline <= to && IsOpen(h->state)) {
          remind(tx, *h);
        }
      }
      tx.Commit();
    }
  };
  in_batches(today, *AddDays(today, notification::kDeadlineReminderDays),
             [&](db::Transaction& tx, const Hazard& h) {
               if (h.state == State::kSubmitted) return;  // the enterprise has done its part
               added +=
                   NotifyAbout(tx, h, "deadline_soon", std::nullopt,
                               "deadline_soon:" + std::to_string(h.id) + ":" + *h.deadline, now);
             });
  in_batches("0000-01-01", *AddDays(today, -1), [&](db::Transaction& tx, const Hazard& h) {
    std::string key = "overdue:" + std::to_string(h.id) + ":" + *h.deadline;
    added += NotifyAbout(tx, h, "overdue", std::nullopt, key + ":enterprise", now);
    added += NotifyAbout(tx, h, "overdue", h.notified_unit_region_code, key + ":unit", now);
  });
  return added;
}

nlohmann::json ToJson(const Hazard& h, std::string_view today) {
  nlohmann::json json = {{"id", h.id},
                         {"enterprise_id", h.enterprise_id},
                         {"inspection_id", OrNull(h.inspection_id)},
                         {"checklist_item_id", OrNull(h.checklist_item_id)},
                         {"description", h.description},
                         {"location", h.location},
                         {"level", h.level},
                         {"source", h.source},
                         {"hazard_type", h.hazard_type},
                         {"classification", h.classification},
                         {"handling", h.handling},
                         {"state", StateName(h.state)},
                         {"deadline", OrNull(h.deadline)},
                         {"responsible_person", h.responsible_person},
                         {"measures", h.measures},
                         {"notice_id", OrNull(h.notice_id)},
                         {"notified_unit_region_code", OrNull(h.notified_unit_region_code)},
                         {"found_by_user_id", h.found_by_user_id},
                         {"found_by_name", h.found_by_name},
                         {"found_on", h.found_on},
                         {"listed_at", OrNull(h.listed_at)},
                         {"delisted_at", OrNull(h.delisted_at)},
                         {"verified_at", OrNull(h.verified_at)},
                         {"verified_on", OrNull(h.verified_on)},
                         {"created_at", h.created_at},
                         {"updated_at", h.updated_at},
                         {"version", h.version}};
  // The audit trail keeps the record only: what is derived depends on the day it is read.
  if (!today.empty()) {
    json["notice_number"] = OrNull(h.notice_number);
    json["enterprise_name"] = h.enterprise_name;
    json["region_code"] = h.region_code;
    json["overdue"] = IsOverdue(h.state, h.deadline, today);
    json["on_time"] = IsOnTime(h.state, h.deadline, h.verified_on);
    json["listed"] = h.listed_at.has_value() && !h.delisted_at.has_value();
    json["days_left"] = h.deadline && IsOpen(h.state) ? OrNull(DaysBetween(today, *h.deadline))
                                                      : nlohmann::json(nullptr);
  }
  return json;
}

nlohmann::json ToJson(const Detail& d) {
  auto json = ToJson(d.hazard, d.today);
  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& e : d.timeline) timeline.push_back(EventJson(e));
  json["timeline"] = std::move(timeline);
  nlohmann::json allowed = nlohmann::json::array();
  for (Action action : d.allowed_actions) allowed.push_back(ActionName(action));
  json["allowed_actions"] = std::move(allowed);
  json["photos"] = file::ToJson(d.photos);
  return json;
}

nlohmann::json ToJson(const NoticeDetail& d) {
  const auto& n = d.notice;
  nlohmann::json hazards = nlohmann::json::array();
  for (const auto& h : d.hazards) hazards.push_back(ToJson(h, d.today));
  return {{"id", n.id},
          {"number", n.number},
          {"unit_region_code", n.unit_region_code},
          {"unit_name", n.unit_name},
          {"year", n.year},
          {"sequence", n.sequence},
          {"enterprise",
           {{"id", n.enterprise_id}, {"name", n.enterprise_name}, {"uscc", n.enterprise_uscc}}},
          {"issued_by_user_id", n.issued_by_user_id},
          {"issued_by_name", n.issued_by_name},
          {"issued_on", n.issued_on},
          {"deadline", n.deadline},
          {"responsible_person", n.responsible_person},
          {"measures", n.measures},
          {"created_at", n.created_at},
          {"hazards", std::move(hazards)}};
}

}  // namespace anjian::hazard
