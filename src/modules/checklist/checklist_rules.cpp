#include <algorithm>
#include <array>
#include <regex>

#include "core/text.hpp"
#include "modules/checklist/checklist.hpp"

namespace anjian::checklist {
namespace {

constexpr std::array<std::string_view, 5> kCategories = {"people", "machines", "materials",
                                                         "environment", "management"};
constexpr std::array<std::string_view, 6> kPurposes = {"patrol",    "scored",       "evaluation",
                                                       "diagnosis", "major_hazard", "campaign"};
constexpr size_t kMaxItems = 500;
constexpr int64_t kMaxPoints = 12;  // the full score of the 12-point system

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool IsCode(std::string_view code) {
  static const std::regex kPattern("[a-z][a-z0-9_]{1,49}");
  return std::regex_match(code.begin(), code.end(), kPattern);
}

}  // namespace

bool IsPurpose(std::string_view purpose) { return OneOf(kPurposes, purpose); }

Status Validate(const Checklist& c, const std::set<std::string>& known_tags,
                const std::set<std::string>& known_industries) {
  if (!IsCode(c.code)) return Error::Invalid("invalid_checklist_code", "code");
  size_t length = CodePoints(c.name);
  if (length == 0 || length > 100) return Error::Invalid("invalid_checklist_name", "name");
  if (!OneOf(kPurposes, c.purpose)) return Error::Invalid("invalid_checklist_purpose", "purpose");
  if (!c.industry_code.empty() && !known_industries.contains(c.industry_code)) {
    return Error::Invalid("unknown_industry", "industry_code");
  }
  for (const auto& tag : c.hazard_tags) {
    if (!known_tags.contains(tag)) return Error::Invalid("unknown_tag", "hazard_tags");
  }
  return {};
}

Status ValidateItems(const std::vector<Item>& items) {
  if (items.empty() || items.size() > kMaxItems) {
    return Error::Invalid("invalid_item_count", "items");
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    std::string at = "items[" + std::to_string(i) + "].";
    size_t length = CodePoints(item.text);
    if (length == 0 || length > 500) return Error::Invalid("invalid_item_text", at + "text");
    if (!OneOf(kCategories, item.category)) {
      return Error::Invalid("invalid_item_category", at + "category");
    }
    if (CodePoints(item.legal_basis) > 300) {
      return Error::Invalid("invalid_text_length", at + "legal_basis");
    }
    if (item.points && (*item.points < 1 || *item.points > kMaxPoints)) {
      return Error::Invalid("invalid_item_points", at + "points");
    }
  }
  return {};
}

bool AppliesTo(const Checklist& checklist, const std::vector<std::string>& enterprise_tags,
               std::string_view enterprise_industry) {
  if (!enterprise_industry.starts_with(checklist.industry_code)) return false;
  if (checklist.hazard_tags.empty()) return true;
  return std::any_of(checklist.hazard_tags.begin(), checklist.hazard_tags.end(),
                     [&](const std::string& tag) {
                       return std::find(enterprise_tags.begin(), enterprise_tags.end(), tag) !=
                              enterprise_tags.end();
                     });
}

}  // namespace anjian::checklist
