#pragma once
// Inspections (检查): who inspected which enterprise, against which checklist version, with a
// result per item. Types and pure rules; no I/O here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/error.hpp"
#include "modules/checklist/checklist.hpp"
#include "modules/file/file.hpp"
#include "modules/hazard/hazard.hpp"

namespace anjian::inspection {

struct ItemResult {
  int64_t item_id = 0;
  std::string result;  // conforming, finding, not_applicable
  std::string note;
  std::optional<std::string> hazard_level;  // a finding's level; default from the item
  std::optional<int64_t> hazard_id;         // once the inspection is finished
  // Saving: the answer's photos as a whole (files uploaded for the enterprise), or nothing to keep
  // them as they are. Reading: the photos, in order.
  std::optional<std::vector<int64_t>> photo_ids;
  std::vector<file::Photo> photos;
};

struct Inspection {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string kind;
  std::optional<int64_t> checklist_version_id;
  std::string status = "in_progress";  // in_progress, finished
  int64_t inspector_user_id = 0;
  std::string inspector_name;
  std::optional<std::string> unit_region_code;
  std::string companions;  // the other inspectors' names
  std::string started_at;
  std::optional<std::string> finished_at;
  std::optional<double> longitude;
  std::optional<double> latitude;
  std::string summary;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  // Read with the inspection.
  std::string enterprise_name;
  std::string region_code;
  std::optional<int64_t> checklist_id;
  std::string checklist_name;
  int64_t findings = 0;
  std::vector<ItemResult> results;
};

struct Filter {
  std::string region_code;
  std::optional<int64_t> enterprise_id;
  std::string kind;
  std::string status;
  std::string from;  // started on or after this China date
  std::string to;    // started on or before this China date
};

// Whether a role records inspections of this kind: grid patrols by grid workers and stations,
// routine inspections by stations, enforcement by bureaus, self-checks by the enterprise, and
// the rest by stations and bureaus (experts and alliances record theirs once those modules
// exist). 422 invalid_inspection_kind for an unknown kind, 403 for a role that may not.
Status MayRecord(std::string_view kind, Role role);
bool IsKnownKind(std::string_view kind);
// The provincial hazard source a finding of this kind of inspection carries.
std::string SourceOf(std::string_view kind);

// Each result names an item of the version once, with a known result, a note of at most 500
// characters, and a level only on a finding.
Status ValidateResults(const std::vector<ItemResult>& results,
                       const std::vector<checklist::Item>& items);
// An inspection is finished only when every item has a result.
Status ValidateComplete(const std::vector<ItemResult>& results,
                        const std::vector<checklist::Item>& items);
// The hazard a finding becomes: the item's text and the note as its description, its level
// (major for a major-hazard criterion unless the inspector chose), and the classification the
// item's category suggests.
hazard::Hazard FindingHazard(const Inspection& inspection, const checklist::Item& item,
                             const ItemResult& result);

}  // namespace anjian::inspection
