#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "core/text.hpp"
#include "modules/inspection/inspection.hpp"

namespace anjian::inspection {
namespace {

struct Kind {
  std::string_view name;
  std::vector<Role> roles;
  std::string_view source;
};

const std::vector<Kind>& Kinds() {
  static const std::vector<Kind> kKinds = {
      {"grid_patrol", {Role::kGrid, Role::kStation}, "daily"},
      {"town_routine", {Role::kStation}, "daily"},
      {"district_enforcement", {Role::kBureau}, "comprehensive"},
      {"expert_diagnosis", {Role::kStation, Role::kBureau}, "expert_diagnosis"},
      {"alliance_mutual", {Role::kStation, Role::kBureau}, "comprehensive"},
      {"self_check", {Role::kEnterprise}, "daily"},
      {"special_campaign", {Role::kGrid, Role::kStation, Role::kBureau}, "specialist"},
  };
  return kKinds;
}

const Kind* FindKind(std::string_view name) {
  for (const auto& kind : Kinds()) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

constexpr std::array<std::string_view, 3> kResults = {"conforming", "finding", "not_applicable"};

}  // namespace

Status MayRecord(std::string_view kind_name, Role role) {
  const Kind* kind = FindKind(kind_name);
  if (kind == nullptr) return Error::Invalid("invalid_inspection_kind", "kind");
  if (std::find(kind->roles.begin(), kind->roles.end(), role) == kind->roles.end()) {
    return Error::Forbidden("inspection_kind_forbidden");
  }
  return {};
}

bool IsKnownKind(std::string_view kind) { return FindKind(kind) != nullptr; }

std::string SourceOf(std::string_view kind_name) {
  const Kind* kind = FindKind(kind_name);
  return std::string(kind ? kind->source : "other");
}

Status ValidateResults(const std::vector<ItemResult>& results,
                       const std::vector<checklist::Item>& items) {
  std::set<int64_t> known;
  for (const auto& item : items) known.insert(item.id);
  std::set<int64_t> seen;
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    std::string at = "results[" + std::to_string(i) + "].";
    if (!known.contains(r.item_id)) return Error::Invalid("unknown_checklist_item", at + "item_id");
    if (!seen.insert(r.item_id).second) {
      return Error::Invalid("duplicate_checklist_item", at + "item_id");
    }
    if (std::find(kResults.begin(), kResults.end(), r.result) == kResults.end()) {
      return Error::Invalid("invalid_item_result", at + "result");
    }
    if (CodePoints(r.note) > 500) return Error::Invalid("invalid_text_length", at + "note");
    if (r.hazard_level) {
      if (r.result != "finding")
        return Error::Invalid("level_without_finding", at + "hazard_level");
      if (*r.hazard_level != "general" && *r.hazard_level != "major") {
        return Error::Invalid("invalid_hazard_level", at + "hazard_level");
      }
    }
  }
  return {};
}

Status ValidateComplete(const std::vector<ItemResult>& results,
                        const std::vector<checklist::Item>& items) {
  std::set<int64_t> answered;
  for (const auto& r : results) answered.insert(r.item_id);
  for (const auto& item : items) {
    if (!answered.contains(item.id)) return Error::Conflict("inspection_incomplete", "results");
  }
  return {};
}

hazard::Hazard FindingHazard(const Inspection& inspection, const checklist::Item& item,
                             const ItemResult& result) {
  hazard::Hazard h;
  h.enterprise_id = inspection.enterprise_id;
  h.inspection_id = inspection.id;
  h.checklist_item_id = item.id;
  h.description = result.note.empty() ? item.text : item.text + "：" + result.note;
  h.level = result.hazard_level.value_or(item.major_hazard ? "major" : "general");
  h.source = SourceOf(inspection.kind);
  if (item.category == "people") {
    h.classification = "unsafe_act";
  } else if (item.category == "management") {
    h.classification = "management_defect";
  } else {
    h.classification = "unsafe_state";
  }
  h.found_by_user_id = inspection.inspector_user_id;
  h.found_by_name = inspection.inspector_name;
  return h;
}

}  // namespace anjian::inspection
