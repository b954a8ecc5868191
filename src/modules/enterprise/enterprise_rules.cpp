#include <algorithm>

#include "core/clock.hpp"
#include "core/region_code.hpp"
#include "core/text.hpp"
#include "core/uscc.hpp"
#include "modules/enterprise/enterprise.hpp"

namespace anjian::enterprise {

bool InspectorsBelowMinimum(int64_t frontline_workers, int64_t safety_inspectors) {
  // inspectors / frontline < 5%, in integers: 20 × inspectors < frontline.
  return frontline_workers > 0 && safety_inspectors * 20 < frontline_workers;
}

Status Validate(const Enterprise& e, const std::set<std::string>& known_tags) {
  if (auto s = uscc::Validate(e.uscc); !s) return s;
  size_t name_length = CodePoints(e.name);
  if (name_length == 0 || name_length > 100) return Error::Invalid("invalid_name", "name");
  if (region_code::LevelOf(e.region_code) != region_code::Level::kVillage) {
    return Error::Invalid("region_not_village", "region_code");
  }
  if (e.industry_code.empty()) return Error::Invalid("required", "industry_code");
  if (e.scale != "above" && e.scale != "below") return Error::Invalid("invalid_scale", "scale");
  if (e.employees < 0 || e.employees > 1'000'000) {
    return Error::Invalid("invalid_count", "employees");
  }
  if (e.frontline_workers < 0 || e.frontline_workers > e.employees) {
    return Error::Invalid("frontline_over_employees", "frontline_workers");
  }
  if (e.safety_inspectors < 0 || e.safety_inspectors > e.frontline_workers) {
    return Error::Invalid("inspectors_over_frontline", "safety_inspectors");
  }
  for (const auto& tag : e.hazard_tags) {
    if (!known_tags.contains(tag)) return Error::Invalid("unknown_tag", "hazard_tags");
  }
  if (CodePoints(e.address) > 200) return Error::Invalid("invalid_address", "address");
  if (e.longitude.has_value() != e.latitude.has_value()) {
    return Error::Invalid("coordinates_incomplete", e.longitude ? "latitude" : "longitude");
  }
  if (e.longitude && (*e.longitude < -180 || *e.longitude > 180)) {
    return Error::Invalid("invalid_coordinates", "longitude");
  }
  if (e.latitude && (*e.latitude < -90 || *e.latitude > 90)) {
    return Error::Invalid("invalid_coordinates", "latitude");
  }
  if (e.status != "operating" && e.status != "suspended" && e.status != "closed") {
    return Error::Invalid("invalid_status", "status");
  }
  if (e.standardization_level && (*e.standardization_level < 1 || *e.standardization_level > 3)) {
    return Error::Invalid("invalid_standardization_level", "standardization_level");
  }
  if (e.standardization_expiry && !IsValidDate(*e.standardization_expiry)) {
    return Error::Invalid("invalid_date", "standardization_expiry");
  }
  return {};
}

Enterprise Apply(const Enterprise& current, const Changes& c) {
  Enterprise next = current;
  if (c.uscc) next.uscc = *c.uscc;
  if (c.name) next.name = *c.name;
  if (c.region_code) next.region_code = *c.region_code;
  if (c.grid_cell_id) next.grid_cell_id = *c.grid_cell_id;
  if (c.industry_code) next.industry_code = *c.industry_code;
  if (c.scale) next.scale = *c.scale;
  if (c.employees) next.employees = *c.employees;
  if (c.frontline_workers) next.frontline_workers = *c.frontline_workers;
  if (c.safety_inspectors) next.safety_inspectors = *c.safety_inspectors;
  if (c.hazard_tags) next.hazard_tags = DecodeTags(EncodeTags(*c.hazard_tags));
  if (c.address) next.address = *c.address;
  if (c.longitude) next.longitude = *c.longitude;
  if (c.latitude) next.latitude = *c.latitude;
  if (c.status) next.status = *c.status;
  if (c.standardization_level) next.standardization_level = *c.standardization_level;
  if (c.standardization_expiry) next.standardization_expiry = *c.standardization_expiry;
  return next;
}

std::string EncodeTags(std::vector<std::string> tags) {
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  std::string out = ",";
  for (const auto& tag : tags) out += tag + ",";
  return out;
}

std::vector<std::string> DecodeTags(std::string_view stored) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < stored.size()) {
    size_t end = stored.find(',', start);
    if (end == std::string_view::npos) end = stored.size();
    if (end > start) out.emplace_back(stored.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool IsKnownSort(std::string_view sort) {
  return sort == "id" || sort == "name" || sort == "-employees" || sort == "-updated_at";
}

}  // namespace anjian::enterprise
