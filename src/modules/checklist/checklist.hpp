#pragma once
// Checklist templates (检查表): types and pure rules. No I/O here. A template's items are frozen in
// a version; revising a template writes the next version, and an inspection keeps the one it used.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace anjian::checklist {

struct Item {
  int64_t id = 0;
  int64_t position = 0;
  std::string text;
  std::string category;  // people, machines, materials, environment, management (人/机/物/环/管)
  std::string legal_basis;
  std::optional<int64_t> points;  // what a finding costs in the 12-point system; none: unscored
  bool major_hazard = false;      // a criterion of the major-hazard standard
};

struct Checklist {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string purpose;  // patrol, scored, evaluation, diagnosis, major_hazard, campaign
  std::vector<std::string> hazard_tags;  // the enterprises it applies to; none: all
  std::string industry_code;             // a GB/T 4754 prefix; "": all
  int64_t current_version = 1;
  int64_t item_count = 0;  // of the current version, read with lists
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;  // optimistic locking of the template itself
};

// One frozen version of a template, with its items in order.
struct Version {
  int64_t id = 0;
  int64_t checklist_id = 0;
  int64_t number = 1;
  std::string note;
  std::string created_by;
  std::string created_at;
  std::vector<Item> items;
};

struct Filter {
  std::string purpose;
  std::string q;  // name substring
  // Only the templates that apply to an enterprise with these tags and industry.
  std::optional<std::vector<std::string>> enterprise_tags;
  std::optional<std::string> enterprise_industry;
};

bool IsPurpose(std::string_view purpose);
// Code, name, purpose, industry (a section or division of the registry's `known_industries`)
// and tags (of its `known_tags`).
Status Validate(const Checklist& checklist, const std::set<std::string>& known_tags,
                const std::set<std::string>& known_industries);
// At least one item and at most 500; each with text, one of the five categories, points 1–12
// when scored. Positions are given by the order.
Status ValidateItems(const std::vector<Item>& items);
// Whether a template applies to an enterprise: its industry prefix starts the enterprise's
// industry code, and the enterprise has one of the tags it names (none named: every enterprise).
bool AppliesTo(const Checklist& checklist, const std::vector<std::string>& enterprise_tags,
               std::string_view enterprise_industry);

}  // namespace anjian::checklist
