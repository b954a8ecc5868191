#pragma once
// The enterprise registry: types and pure rules. No I/O here.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace anjian::enterprise {

struct Enterprise {
  int64_t id = 0;
  std::string uscc;
  std::string name;
  std::string region_code;
  std::optional<int64_t> grid_cell_id;  // its level-2 grid cell (网格); none until placed
  std::string industry_code;
  std::string scale = "below";  // "above" or "below" designated size (规模以上 / 规模以下)
  int64_t employees = 0;
  int64_t frontline_workers = 0;
  int64_t safety_inspectors = 0;
  std::vector<std::string> hazard_tags;  // sorted, unique
  std::string address;
  std::optional<double> longitude;
  std::optional<double> latitude;
  std::string status = "operating";              // operating, suspended, closed
  std::optional<int64_t> standardization_level;  // 1, 2, 3 or none
  std::optional<std::string> standardization_expiry;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

// A partial update: only the fields present change.
struct Changes {
  int64_t version = 0;
  std::optional<std::string> uscc;
  std::optional<std::string> name;
  std::optional<std::string> region_code;
  std::optional<std::optional<int64_t>> grid_cell_id;
  std::optional<std::string> industry_code;
  std::optional<std::string> scale;
  std::optional<int64_t> employees;
  std::optional<int64_t> frontline_workers;
  std::optional<int64_t> safety_inspectors;
  std::optional<std::vector<std::string>> hazard_tags;
  std::optional<std::string> address;
  std::optional<std::optional<double>> longitude;
  std::optional<std::optional<double>> latitude;
  std::optional<std::string> status;
  std::optional<std::optional<int64_t>> standardization_level;
  std::optional<std::optional<std::string>> standardization_expiry;
};

struct Filter {
  std::string q;                   // name substring
  std::string uscc;                // exact
  std::string region_code;         // a subtree
  std::optional<int64_t> grid_id;  // a grid cell (a level-1 cell includes its children's)
  bool unplaced = false;           // only enterprises in no grid cell
  std::string industry_code;       // a section or division and below
  std::string tag;
  std::string scale;
  std::string status;
  std::string sort = "id";  // id, name, -employees, -updated_at
};

// Safety inspectors (安全纠察员) should be 5–10% of front-line workers; below 5% is flagged.
bool InspectorsBelowMinimum(int64_t frontline_workers, int64_t safety_inspectors);

// Checks every field of a complete record; the first problem is returned with its field.
// `known_tags` are the tag codes the registry accepts.
Status Validate(const Enterprise& enterprise, const std::set<std::string>& known_tags);

// Applies the fields present in `changes` to a copy of `current`.
Enterprise Apply(const Enterprise& current, const Changes& changes);

// Tags as stored: sorted, each wrapped in commas (",a,b,"), so that LIKE '%,a,%' finds one.
std::string EncodeTags(std::vector<std::string> tags);
std::vector<std::string> DecodeTags(std::string_view stored);

bool IsKnownSort(std::string_view sort);

}  // namespace anjian::enterprise
