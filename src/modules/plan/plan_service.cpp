#include "modules/plan/plan_service.hpp"

#include <set>

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/enterprise/enterprise_store.hpp"
#include "modules/identity/identity_store.hpp"
#include "modules/inspection/inspection.hpp"
#include "modules/plan/plan_store.hpp"

namespace anjian::plan {
namespace {

// Enterprise and expert accounts have no plans; a grid worker sees only the plans naming it.
Result<store::Reader> ReaderOf(const Principal& principal) {
  if (principal.role == Role::kEnterprise || principal.role == Role::kExpert) {
    return Error::Forbidden();
  }
  auto scope = Scope::For(principal);
  store::Reader reader{scope.ForEnterprises(), "1", "0", principal.user_id};
  if (principal.role != Role::kGrid) {
    reader.region_low = reader.enterprises.low;
    reader.region_high = reader.enterprises.high;
  }
  return reader;
}

Detail Load(db::Transaction& tx, int64_t id, const store::Reader& reader, std::string today) {
  auto plan = *store::Find(tx, id, reader);
  auto targets = store::Targets(tx, id, reader);
  return {std::move(plan), std::move(targets), std::move(today)};
}

// The plan's enterprises, each in the caller's scope (422 on `field` otherwise).
Result<std::vector<int64_t>> TargetsOf(db::Transaction& tx, const NewPlan& input,
                                       const Scope::EnterpriseBounds& scope) {
  if (input.enterprise_ids.has_value() == input.filter.has_value()) {
    return Error::Invalid("invalid_plan_targets", "enterprise_ids");
  }
  std::vector<int64_t> ids;
  if (input.enterprise_ids) {
    std::set<int64_t> seen;
    for (int64_t id : *input.enterprise_ids) {
      if (!seen.insert(id).second) continue;
      if (!enterprise::store::Find(tx, id, scope)) {
        return Error::Invalid("enterprise_not_found", "enterprise_ids");
      }
      ids.push_back(id);
    }
  } else {
    auto filter = *input.filter;
    if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
      return Error::Invalid("invalid_region_code", "filter.region_code");
    }
    if (filter.status.empty()) filter.status = "operating";
    int64_t total = enterprise::store::Count(tx, filter, scope);
    if (total > static_cast<int64_t>(kMaxTargets)) {
      return Error::Invalid("too_many_targets", "filter");
    }
    for (const auto& e : enterprise::store::List(tx, filter, scope, total, 0, total)) {
      ids.push_back(e.id);
    }
  }
  if (ids.empty() || ids.size() > kMaxTargets) {
    return Error::Invalid(ids.empty() ? "invalid_plan_targets" : "too_many_targets",
                          input.enterprise_ids ? "enterprise_ids" : "filter");
  }
  return ids;
}

}  // namespace

Result<Listing> Service::List(const Principal& principal, const std::string& status,
                              const http::Page& page) {
  auto reader = ReaderOf(principal);
  if (!reader) return reader.error();
  if (!status.empty() && status != "open" && status != "past") {
    return Error::Invalid("invalid_plan_status", "status");
  }
  std::string today = ChinaDate(clock_.Now());
  db::Transaction tx(database_, db::TransactionMode::kRead);
  Listing out;
  out.items = store::List(tx, *reader, status, today, page.page_size, page.Offset());
  out.total = store::Count(tx, *reader, status, today);
  return out;
}

Result<Detail> Service::Get(const Principal& principal, int64_t id) {
  auto reader = ReaderOf(principal);
  if (!reader) return reader.error();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  if (!store::Find(tx, id, *reader)) return Error::NotFound();
  return Load(tx, id, *reader, ChinaDate(clock_.Now()));
}

Result<Detail> Service::Create(const Principal& principal, const NewPlan& input) {
  if (auto s = MayPlan(principal.role); !s) return s.error();
  auto reader = ReaderOf(principal);
  if (!reader) return reader.error();
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  Plan plan = input.plan;
  plan.unit_region_code = principal.region_code.value_or("");
  plan.created_by_user_id = principal.user_id;
  plan.created_by_name = principal.DisplayName();
  plan.created_at = FormatInstant(now);
  if (auto s = Validate(plan, today); !s) return s.error();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto scope = Scope::For(principal);
  if (input.assignee_user_id) {
    // Someone of the unit's area who records this kind of inspection.
    auto assignee = identity::store::FindUser(tx, *input.assignee_user_id, scope.RegionPattern());
    if (!assignee || assignee->disabled || !inspection::MayRecord(plan.kind, assignee->role).ok()) {
      return Error::Invalid("invalid_assignee", "assignee_user_id");
    }
  }
  auto targets = TargetsOf(tx, input, reader->enterprises);
  if (!targets) return targets.error();
  auto [window_start, window_end] = Window(plan);
  int64_t id = store::Insert(tx, plan, window_start, window_end);
  for (int64_t enterprise_id : *targets) {
    store::InsertTarget(tx, id, enterprise_id, input.assignee_user_id, plan.kind == "grid_patrol");
  }
  auto detail = Load(tx, id, *reader, today);
  audit::Append(tx, audit::ActorOf(principal), "create", "inspection_plan", std::to_string(id),
                nullptr, ToJson(detail.plan), now);
  tx.Commit();
  return detail;
}

Result<Detail> Service::Update(const Principal& principal, int64_t id, const Changes& changes) {
  if (auto s = MayPlan(principal.role); !s) return s.error();
  auto reader = ReaderOf(principal);
  if (!reader) return reader.error();
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::Find(tx, id, *reader);
  if (!current) return Error::NotFound();
  // Seen through a target it is assigned (a station named on a district's plan), not its own.
  if (!Scope::For(principal).CoversRegion(current->unit_region_code)) return Error::Forbidden();
  Plan next = *current;
  if (changes.name) next.name = *changes.name;
  if (changes.note) next.note = *changes.note;
  if (changes.due_on) next.due_on = *changes.due_on;
  // A plan whose days are over keeps them; a change of due day must still lie ahead.
  std::string check_day = changes.due_on ? today : std::min(today, current->due_on);
  if (auto s = Validate(next, check_day); !s) return s.error();
  auto [window_start, window_end] = Window(next);
  if (!store::Update(tx, next, changes.version, window_start, window_end, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto detail = Load(tx, id, *reader, today);
  audit::Append(tx, audit::ActorOf(principal), "update", "inspection_plan", std::to_string(id),
                ToJson(*current), ToJson(detail.plan), now);
  tx.Commit();
  return detail;
}

Result<Tasks> Service::MyTasks(const Principal& principal, const http::Page& page) {
  auto reader = ReaderOf(principal);
  if (!reader) return reader.error();
  std::string today = ChinaDate(clock_.Now());
  db::Transaction tx(database_, db::TransactionMode::kRead);
  Tasks out;
  out.items = store::Tasks(tx, principal.user_id, today, page.page_size, page.Offset());
  out.total = store::CountTasks(tx, principal.user_id, today);
  out.today = today;
  return out;
}

nlohmann::json ToJson(const Plan& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"kind", p.kind},
          {"unit_region_code", p.unit_region_code},
          {"starts_on", p.starts_on},
          {"due_on", p.due_on},
          {"note", p.note},
          {"created_by_user_id", p.created_by_user_id},
          {"created_by_name", p.created_by_name},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"version", p.version},
          {"target_count", p.targets},
          {"done_count", p.done}};
}

nlohmann::json ToJson(const Target& t, std::string_view today) {
  return {{"plan_id", t.plan_id},
          {"plan_name", t.plan_name},
          {"kind", t.kind},
          {"starts_on", t.starts_on},
          {"due_on", t.due_on},
          {"enterprise_id", t.enterprise_id},
          {"enterprise_name", t.enterprise_name},
          {"region_code", t.region_code},
          {"assignee_user_id", OrNull(t.assignee_user_id)},
          {"assignee_name", t.assignee_name},
          {"inspection_id", OrNull(t.inspection_id)},
          {"finished_at", OrNull(t.finished_at)},
          {"status", TargetStatus(t, today)}};
}

nlohmann::json ToJson(const Detail& d) {
  auto json = ToJson(d.plan);
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : d.targets) targets.push_back(ToJson(t, d.today));
  json["targets"] = std::move(targets);
  return json;
}

}  // namespace anjian::plan
