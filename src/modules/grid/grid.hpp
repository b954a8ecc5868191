#pragma once
// The three-level grid (网格化管理, 定格、定责、定人): types and pure rules. No I/O here.
// Level 1 is a town or street, level 2 a village or community (or a part of one) drawn under a
// level-1 cell; level 3 is the enterprise itself, placed in exactly one level-2 cell.
#include <cstdint>
#include <optional>
#include <string>

#include "core/access.hpp"
#include "core/error.hpp"

namespace anjian::grid {

struct Cell {
  int64_t id = 0;
  int64_t level = 1;
  std::optional<int64_t> parent_id;
  std::string region_code;  // level 1: a town; level 2: a village inside the parent's town
  std::string name;
  std::optional<int64_t> responsible_user_id;
  std::string responsible_name;  // read with the cell, for display
  std::string phone;
  int64_t enterprises = 0;  // enterprises in the cell (a level-1 cell counts its children's)
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

struct Changes {
  int64_t version = 0;
  std::optional<std::string> name;
  std::optional<std::optional<int64_t>> responsible_user_id;
  std::optional<std::string> phone;
};

struct Filter {
  std::string region_code;  // a subtree
  int64_t level = 0;        // 0: both
  std::optional<int64_t> parent_id;
  std::optional<int64_t> responsible_user_id;
  std::string q;  // name substring
};

// What the rules need to know about a would-be responsible person.
struct Person {
  Role role = Role::kGrid;
  std::optional<std::string> region_code;
  bool disabled = false;
};

// The cell's own fields: level, name, phone and a region of the level's kind.
Status Validate(const Cell& cell);
// A level-2 cell lies in its level-1 parent's town; a level-1 cell has no parent.
Status ValidateParent(const Cell& cell, const std::optional<Cell>& parent);
// A level-1 cell is led by a bureau officer or station staff, a level-2 cell by station staff or
// a grid worker; either way an active account whose region contains the cell's.
Status ValidateResponsible(const Cell& cell, const Person& person);
// An enterprise goes into a level-2 cell of its own village.
Status ValidatePlacement(const Cell& cell, const std::string& enterprise_region);

Cell Apply(const Cell& current, const Changes& changes);

}  // namespace anjian::grid
