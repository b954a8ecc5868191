#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/grid/grid.hpp"

namespace anjian::grid {

Status Validate(const Cell& cell) {
  if (cell.level != 1 && cell.level != 2) return Error::Invalid("invalid_grid_level", "level");
  size_t name_length = CodePoints(cell.name);
  if (name_length == 0 || name_length > 50) return Error::Invalid("invalid_grid_name", "name");
  if (!cell.phone.empty() && !IsPlausiblePhone(cell.phone)) {
    return Error::Invalid("invalid_phone", "phone");
  }
  auto level = region_code::LevelOf(cell.region_code);
  auto wanted = cell.level == 1 ? region_code::Level::kTown : region_code::Level::kVillage;
  if (level != wanted) {
    return Error::Invalid(cell.level == 1 ? "region_not_town" : "region_not_village",
                          "region_code");
  }
  return {};
}

Status ValidateParent(const Cell& cell, const std::optional<Cell>& parent) {
  if (cell.level == 1) {
    if (parent) return Error::Invalid("grid_parent_not_allowed", "parent_id");
    return {};
  }
  if (!parent) return Error::Invalid("required", "parent_id");
  if (parent->level != 1) return Error::Invalid("grid_parent_not_level1", "parent_id");
  if (!region_code::Contains(parent->region_code, cell.region_code)) {
    return Error::Invalid("grid_outside_parent", "region_code");
  }
  return {};
}

Status ValidateResponsible(const Cell& cell, const Person& person) {
  bool role_fits = cell.level == 1 ? (person.role == Role::kBureau || person.role == Role::kStation)
                                   : (person.role == Role::kStation || person.role == Role::kGrid);
  if (person.disabled || !role_fits) {
    return Error::Invalid("responsible_role", "responsible_user_id");
  }
  if (!person.region_code || !region_code::Contains(*person.region_code, cell.region_code)) {
    return Error::Invalid("responsible_out_of_region", "responsible_user_id");
  }
  return {};
}

Status ValidatePlacement(const Cell& cell, const std::string& enterprise_region) {
  if (cell.level != 2) return Error::Invalid("grid_not_level2", "grid_cell_id");
  if (cell.region_code != enterprise_region) {
    return Error::Invalid("grid_other_village", "grid_cell_id");
  }
  return {};
}

Cell Apply(const Cell& current, const Changes& changes) {
  Cell next = current;
  if (changes.name) next.name = *changes.name;
  if (changes.responsible_user_id) next.responsible_user_id = *changes.responsible_user_id;
  if (changes.phone) next.phone = *changes.phone;
  return next;
}

}  // namespace anjian::grid
