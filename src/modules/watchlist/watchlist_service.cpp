#include "modules/watchlist/watchlist_service.hpp"

#include <fmt/format.h>

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/enterprise/enterprise_store.hpp"
#include "modules/region/region_store.hpp"

namespace anjian::watchlist {
namespace {

bool Decides(Role role) { return role == Role::kBureau || role == Role::kAdmin; }
bool Reads(Role role) {
  return Decides(role) || role == Role::kStation || role == Role::kEnterprise;
}

store::Reach ReachOf(const Scope& scope) {
  auto bounds = scope.ForEnterprises();
  return {bounds.low, bounds.high, bounds.own_enterprise_id};
}
store::Reach ReachOf(const Principal& principal) { return ReachOf(Scope::For(principal)); }

// The subject named by the input, in the caller's scope: its key, name and region. To write, a
// region must lie below the caller's own.
Result<store::Entry> Resolve(db::Transaction& tx, const Principal& principal, const EntryInput& in,
                             bool writing) {
  auto scope = Scope::For(principal);
  store::Entry e;
  e.subject_kind = in.subject_kind;
  if (in.subject_kind == "enterprise") {
    if (!in.enterprise_id) return Error::Invalid("required", "enterprise_id");
    auto found = enterprise::store::Find(tx, *in.enterprise_id, scope.ForEnterprises());
    if (!found) return Error::Invalid("enterprise_not_found", "enterprise_id");
    e.enterprise_id = found->id;
    e.region_code = found->region_code;
    e.subject_key = fmt::format("enterprise:{}", found->id);
    e.subject_name = found->name;
    return e;
  }
  if (in.region_code.empty()) return Error::Invalid("required", "region_code");
  if (!region_code::IsWellFormed(in.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  auto region = region::store::Find(tx, in.region_code);
  if (!region || !scope.CoversRegion(in.region_code)) {
    return Error::Invalid("region_not_found", "region_code");
  }
  e.region_code = in.region_code;
  if (in.subject_kind == "region") {
    // A unit watches the regions below it, not itself.
    if (writing && principal.region_code && *principal.region_code == in.region_code) {
      return Error::Invalid("own_region", "region_code");
    }
    e.subject_key = "region:" + in.region_code;
    e.subject_name = region->name;
  } else {
    e.department = in.department;
    e.subject_key = fmt::format("department:{}:{}", in.region_code, in.department);
    e.subject_name = region->name + in.department;
  }
  return e;
}

Detail Load(db::Transaction& tx, const store::Entry& entry) {
  return {entry, store::Ladder(tx, entry.subject_key), store::Interviews(tx, entry.subject_key)};
}

}  // namespace

Result<Detail> Service::Add(const Principal& principal, const EntryInput& input) {
  if (!Decides(principal.role)) return Error::Forbidden();
  if (auto s = ValidateEntry(input.subject_kind, input.reason, input.skip_reason, input.department);
      !s) {
    return s.error();
  }
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto subject = Resolve(tx, principal, input, true);
  if (!subject) return subject.error();
  auto current = store::ActiveEntry(tx, subject->subject_key);
  std::optional<std::string> level;
  if (current) level = current->level;
  if (auto s = CheckStep(level, input.level, input.skip_reason); !s) return s.error();
  auto actor = audit::ActorOf(principal);
  if (current) {
    auto before = *current;
    current->status = "escalated";
    if (!store::UpdateEntry(tx, *current, before.version, FormatInstant(now))) {
      return Error::Conflict("stale_version", "version");
    }
  }
  store::Entry e = *subject;
  e.level = input.level;
  e.reason = input.reason;
  // A skip reason only matters when a step is skipped.
  e.skip_reason = input.skip_reason;
  e.unit_region_code = principal.region_code.value_or("");
  e.decided_by_name = principal.DisplayName();
  e.created_at = FormatInstant(now);
  e.id = store::InsertEntry(tx, e);
  auto detail = Load(tx, *store::FindEntry(tx, e.id, ReachOf(Scope::System())));
  audit::Append(tx, actor, current ? "escalate" : "create", "watchlist_entry", std::to_string(e.id),
                current ? ToJson(*current) : nlohmann::json(nullptr), ToJson(detail.entry), now);
  tx.Commit();
  return detail;
}

Result<Detail> Service::Lift(const Principal& principal, int64_t id, int64_t version,
                             const std::string& reason) {
  if (!Decides(principal.role)) return Error::Forbidden();
  static constexpr size_t kMaxReason = 500;
  if (CodePoints(reason) == 0) return Error::Invalid("required", "reason");
  if (CodePoints(reason) > kMaxReason) return Error::Invalid("invalid_text_length", "reason");
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::FindEntry(tx, id, ReachOf(principal));
  if (!current) return Error::NotFound();
  if (current->status != "active") return Error::Conflict("watch_not_active", "status");
  auto next = *current;
  next.status = "lifted";
  next.lifted_at = FormatInstant(now);
  next.lift_reason = reason;
  if (!store::UpdateEntry(tx, next, version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto after = store::FindEntry(tx, id, ReachOf(principal));
  audit::Append(tx, audit::ActorOf(principal), "lift", "watchlist_entry", std::to_string(id),
                ToJson(*current), ToJson(*after), now);
  auto detail = Load(tx, *after);
  tx.Commit();
  return detail;
}

Result<Detail> Service::AddInterview(const Principal& principal, int64_t id,
                                     const Interview& input) {
  if (!Decides(principal.role)) return Error::Forbidden();
  Instant now = clock_.Now();
  if (auto s = ValidateInterview(input, ChinaDate(now)); !s) return s.error();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto entry = store::FindEntry(tx, id, ReachOf(principal));
  if (!entry) return Error::NotFound();
  if (entry->status != "active") return Error::Conflict("watch_not_active", "status");
  int64_t interview =
      store::InsertInterview(tx, id, input, principal.DisplayName(), FormatInstant(now));
  nlohmann::json after = {{"entry_id", id},
                          {"held_on", input.held_on},
                          {"attendees", input.attendees},
                          {"minutes", input.minutes},
                          {"followup", input.followup}};
  audit::Append(tx, audit::ActorOf(principal), "create", "watchlist_interview",
                std::to_string(interview), nullptr, after, now);
  auto detail = Load(tx, *entry);
  tx.Commit();
  return detail;
}

Result<Detail> Service::Get(const Principal& principal, int64_t id) {
  if (!Reads(principal.role)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto entry = store::FindEntry(tx, id, ReachOf(principal));
  if (!entry) return Error::NotFound();
  return Load(tx, *entry);
}

Result<Listing> Service::List(const Principal& principal, const store::Filter& filter,
                              const http::Page& page) {
  if (!Reads(principal.role)) return Error::Forbidden();
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  if (!filter.status.empty() && filter.status != "active" && filter.status != "escalated" &&
      filter.status != "lifted") {
    return Error::Invalid("invalid_watch_status", "status");
  }
  db::Transaction tx(database_, db::TransactionMode::kRead);
  Listing out;
  auto reach = ReachOf(principal);
  out.total = store::Count(tx, filter, reach);
  out.items = store::List(tx, filter, reach, page.page_size, page.Offset());
  return out;
}

Result<Detail> Service::Subject(const Principal& principal, const EntryInput& subject) {
  if (!Reads(principal.role)) return Error::Forbidden();
  if (std::find(kSubjects.begin(), kSubjects.end(), subject.subject_kind) == kSubjects.end()) {
    return Error::Invalid("invalid_watch_subject", "subject_kind");
  }
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto resolved = Resolve(tx, principal, subject, false);
  if (!resolved) return Error::NotFound();
  Detail out;
  out.ladder = store::Ladder(tx, resolved->subject_key);
  out.interviews = store::Interviews(tx, resolved->subject_key);
  if (!out.ladder.empty()) out.entry = out.ladder.back();
  return out;
}

nlohmann::json ToJson(const store::Entry& e) {
  return {{"id", e.id},
          {"subject_kind", e.subject_kind},
          {"subject_name", e.subject_name},
          {"enterprise_id", OrNull(e.enterprise_id)},
          {"region_code", e.region_code},
          {"department", e.department},
          {"level", e.level},
          {"reason", e.reason},
          {"skip_reason", e.skip_reason},
          {"status", e.status},
          {"unit_region_code", e.unit_region_code},
          {"decided_by_name", e.decided_by_name},
          {"lifted_at", OrNull(e.lifted_at)},
          {"lift_reason", e.lift_reason},
          {"created_at", e.created_at},
          {"version", e.version}};
}

nlohmann::json ToJson(const Detail& d) {
  nlohmann::json ladder = nlohmann::json::array();
  for (const auto& e : d.ladder) ladder.push_back(ToJson(e));
  nlohmann::json interviews = nlohmann::json::array();
  for (const auto& r : d.interviews) {
    interviews.push_back({{"id", r.id},
                          {"entry_id", r.entry_id},
                          {"held_on", r.interview.held_on},
                          {"attendees", r.interview.attendees},
                          {"minutes", r.interview.minutes},
                          {"followup", r.interview.followup},
                          {"followup_due_on", OrNull(r.interview.followup_due_on)},
                          {"recorded_by_name", r.recorded_by_name},
                          {"created_at", r.created_at}});
  }
  auto entry = d.entry.id != 0 ? ToJson(d.entry) : nlohmann::json(nullptr);
  return {{"entry", std::move(entry)},
          {"ladder", std::move(ladder)},
          {"interviews", std::move(interviews)}};
}

}  // namespace anjian::watchlist
