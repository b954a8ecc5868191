#include "modules/inspection/inspection_service.hpp"

#include <map>

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/checklist/checklist_service.hpp"
#include "modules/checklist/checklist_store.hpp"
#include "modules/enterprise/enterprise_store.hpp"
#include "modules/file/file_service.hpp"
#include "modules/file/file_store.hpp"
#include "modules/hazard/hazard_service.hpp"
#include "modules/inspection/inspection_store.hpp"
#include "modules/scoring/scoring_service.hpp"

namespace anjian::inspection {
namespace {

std::vector<checklist::Item> ItemsOf(db::Transaction& tx, const Inspection& inspection) {
  if (!inspection.checklist_version_id) return {};
  auto version = checklist::store::FindVersionById(tx, *inspection.checklist_version_id);
  return version ? version->items : std::vector<checklist::Item>{};
}

std::map<int64_t, std::vector<file::Photo>> PhotosByItem(db::Transaction& tx,
                                                         int64_t inspection_id) {
  std::map<int64_t, std::vector<file::Photo>> by_item;
  for (auto& [item_id, photo] : file::store::InspectionPhotos(tx, inspection_id)) {
    by_item[item_id].push_back(std::move(photo));
  }
  return by_item;
}

void AttachPhotos(db::Transaction& tx, Inspection& inspection) {
  auto by_item = PhotosByItem(tx, inspection.id);
  for (auto& result : inspection.results) {
    if (auto found = by_item.find(result.item_id); found != by_item.end()) {
      result.photos = std::move(found->second);
    }
  }
}

Detail Load(db::Transaction& tx, int64_t id) {
  Detail d{*store::Find(tx, id, Scope::System().ForEnterprises()), {}};
  d.inspection.results = store::Results(tx, id);
  AttachPhotos(tx, d.inspection);
  d.items = ItemsOf(tx, d.inspection);
  return d;
}

// Both coordinates or neither, each in its range (as the registry checks an enterprise's).
Status ValidatePosition(const std::optional<double>& longitude,
                        const std::optional<double>& latitude) {
  if (longitude.has_value() != latitude.has_value()) {
    return Error::Invalid("coordinates_incomplete", longitude ? "latitude" : "longitude");
  }
  if (longitude && (*longitude < -180 || *longitude > 180)) {
    return Error::Invalid("invalid_coordinates", "longitude");
  }
  if (latitude && (*latitude < -90 || *latitude > 90)) {
    return Error::Invalid("invalid_coordinates", "latitude");
  }
  return {};
}

// The inspection the caller may still fill in: in scope (404), its own (403), in progress (409).
Result<Inspection> Editable(db::Transaction& tx, const Principal& principal, int64_t id) {
  auto current = store::Find(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  if (current->inspector_user_id != principal.user_id) {
    return Error::Forbidden("not_the_inspector");
  }
  if (current->status != "in_progress") return Error::Conflict("inspection_finished", "status");
  return *current;
}

// A China date's first instant as stored text, for the started_at range.
Result<std::string> DayStart(const std::string& date, const char* field) {
  auto start = ChinaDayStart(date);
  if (!start) return Error::Invalid("invalid_date", field);
  return FormatInstant(*start);
}

}  // namespace

Result<Listing> Service::List(const Principal& principal, const Filter& filter,
                              const http::Page& page) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  if (!filter.kind.empty() && !IsKnownKind(filter.kind)) {
    return Error::Invalid("invalid_inspection_kind", "kind");
  }
  if (!filter.status.empty() && filter.status != "in_progress" && filter.status != "finished") {
    return Error::Invalid("invalid_inspection_status", "status");
  }
  Filter bounded = filter;
  if (!filter.from.empty()) {
    auto from = DayStart(filter.from, "from");
    if (!from) return from.error();
    bounded.from = *from;
  }
  if (!filter.to.empty()) {
    auto next = AddDays(filter.to, 1);
    if (!next) return Error::Invalid("invalid_date", "to");
    auto to = DayStart(*next, "to");
    if (!to) return to.error();
    bounded.to = *to;
  }
  auto scope = Scope::For(principal).ForEnterprises();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  Listing out;
  out.items = store::List(tx, bounded, scope, page.page_size, page.Offset());
  out.total = store::Count(tx, bounded, scope);
  return out;
}

Result<Detail> Service::Get(const Principal& principal, int64_t id) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  if (!store::Find(tx, id, Scope::For(principal).ForEnterprises())) return Error::NotFound();
  return Load(tx, id);
}

Result<Detail> Service::Start(const Principal& principal, const StartInput& input) {
  if (!Allows(principal.role, Permission::kInspect)) return Error::Forbidden();
  if (auto s = MayRecord(input.kind, principal.role); !s) return s.error();
  if (auto s = ValidatePosition(input.longitude, input.latitude); !s) return s.error();
  if (CodePoints(input.companions) > 200) {
    return Error::Invalid("invalid_text_length", "companions");
  }
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto enterprise =
      enterprise::store::Find(tx, input.enterprise_id, Scope::For(principal).ForEnterprises());
  if (!enterprise) return Error::Invalid("enterprise_not_found", "enterprise_id");
  Inspection record;
  record.enterprise_id = input.enterprise_id;
  record.kind = input.kind;
  if (input.checklist_id) {
    auto c = checklist::store::Find(tx, *input.checklist_id);
    if (!c) return Error::Invalid("checklist_not_found", "checklist_id");
    if (!checklist::AppliesTo(*c, enterprise->hazard_tags, enterprise->industry_code)) {
      return Error::Invalid("checklist_not_applicable", "checklist_id");
    }
    record.checklist_version_id = checklist::store::FindVersion(tx, c->id, c->current_version)->id;
  }
  record.inspector_user_id = principal.user_id;
  record.inspector_name = principal.DisplayName();
  // A self-check has no inspecting unit; an officer's unit is its region.
  if (principal.role != Role::kEnterprise) record.unit_region_code = principal.region_code;
  record.companions = input.companions;
  record.started_at = FormatInstant(now);
  record.longitude = input.longitude;
  record.latitude = input.latitude;
  int64_t id = store::Insert(tx, record, FormatInstant(now));
  auto detail = Load(tx, id);
  audit::Append(tx, audit::ActorOf(principal), "create", "inspection", std::to_string(id), nullptr,
                ToJson(detail.inspection), now);
  tx.Commit();
  return detail;
}

Result<Detail> Service::Save(const Principal& principal, int64_t id, const Progress& progress) {
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = Editable(tx, principal, id);
  if (!current) return current.error();
  auto items = ItemsOf(tx, *current);
  if (auto s = ValidateResults(progress.results, items); !s) return s.error();
  for (const auto& result : progress.results) {
    if (!result.photo_ids) continue;
    auto s = file::CheckAttachable(tx, *result.photo_ids, current->enterprise_id, "photo_ids");
    if (!s) return s.error();
  }
  Inspection next = *current;
  if (progress.companions) next.companions = *progress.companions;
  if (progress.summary) next.summary = *progress.summary;
  if (progress.longitude) next.longitude = *progress.longitude;
  if (progress.latitude) next.latitude = *progress.latitude;
  if (auto s = ValidatePosition(next.longitude, next.latitude); !s) return s.error();
  if (CodePoints(next.companions) > 200) {
    return Error::Invalid("invalid_text_length", "companions");
  }
  if (CodePoints(next.summary) > 2000) return Error::Invalid("invalid_text_length", "summary");
  if (!store::Update(tx, next, progress.version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  for (const auto& result : progress.results) {
    store::SaveResult(tx, id, result);
    if (result.photo_ids)
      file::store::SetInspectionPhotos(tx, id, result.item_id, *result.photo_ids);
  }
  auto detail = Load(tx, id);
  audit::Append(tx, audit::ActorOf(principal), "update", "inspection", std::to_string(id),
                ToJson(*current), ToJson(detail.inspection), now);
  tx.Commit();
  return detail;
}

Result<Detail> Service::Finish(const Principal& principal, int64_t id, int64_t version) {
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = Editable(tx, principal, id);
  if (!current) return current.error();
  auto items = ItemsOf(tx, *current);
  auto results = store::Results(tx, id);
  if (auto s = ValidateComplete(results, items); !s) return s.error();
  Inspection next = *current;
  next.status = "finished";
  next.finished_at = FormatInstant(now);
  if (!store::Update(tx, next, version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  std::map<int64_t, const checklist::Item*> by_id;
  for (const auto& item : items) by_id[item.id] = &item;
  auto photos = PhotosByItem(tx, id);
  for (const auto& result : results) {
    if (result.result != "finding") continue;
    auto hazard = FindingHazard(*current, *by_id.at(result.item_id), result);
    int64_t hazard_id = hazard::Record(tx, hazard, audit::ActorOf(principal), now);
    // The finding's photos are the hazard's before-photos.
    std::vector<int64_t> photo_ids;
    for (const auto& photo : photos[result.item_id]) photo_ids.push_back(photo.id);
    file::store::AddHazardPhotos(tx, hazard_id, photo_ids, "before", std::nullopt);
    // A finding on a scored item of a supervising unit's inspection costs its points (记分).
    const auto& item = *by_id.at(result.item_id);
    if (item.points && scoring::KindScores(current->kind)) {
      scoring::RecordFinding(tx,
                             {current->enterprise_id, id, hazard_id, item.id, item.text,
                              *item.points, hazard.found_by_name},
                             audit::ActorOf(principal), now);
    }
  }
  auto detail = Load(tx, id);
  audit::Append(tx, audit::ActorOf(principal), "finish", "inspection", std::to_string(id),
                ToJson(*current), ToJson(detail.inspection), now);
  tx.Commit();
  return detail;
}

nlohmann::json ToJson(const Inspection& i) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& r : i.results) {
    results.push_back({{"item_id", r.item_id},
                       {"result", r.result},
                       {"note", r.note},
                       {"hazard_level", OrNull(r.hazard_level)},
                       {"hazard_id", OrNull(r.hazard_id)},
                       {"photos", file::ToJson(r.photos)}});
  }
  return {{"id", i.id},
          {"enterprise_id", i.enterprise_id},
          {"enterprise_name", i.enterprise_name},
          {"region_code", i.region_code},
          {"kind", i.kind},
          {"checklist_id", OrNull(i.checklist_id)},
          {"checklist_name", i.checklist_name},
          {"checklist_version_id", OrNull(i.checklist_version_id)},
          {"status", i.status},
          {"inspector_user_id", i.inspector_user_id},
          {"inspector_name", i.inspector_name},
          {"unit_region_code", OrNull(i.unit_region_code)},
          {"companions", i.companions},
          {"started_at", i.started_at},
          {"finished_at", OrNull(i.finished_at)},
          {"longitude", OrNull(i.longitude)},
          {"latitude", OrNull(i.latitude)},
          {"summary", i.summary},
          {"findings", i.findings},
          {"results", std::move(results)},
          {"created_at", i.created_at},
          {"updated_at", i.updated_at},
          {"version", i.version}};
}

nlohmann::json ToJson(const Detail& d) {
  auto json = ToJson(d.inspection);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : d.items) items.push_back(checklist::ToJson(item));
  json["items"] = std::move(items);
  return json;
}

}  // namespace anjian::inspection
