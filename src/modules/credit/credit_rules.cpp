#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "modules/credit/credit.hpp"

namespace anjian::credit {
namespace {

constexpr double kTenths = 10.0;

double OneDecimal(double value) { return std::round(value * kTenths) / kTenths; }

// The index of a class, best (A) first; kClasses.size() for none.
size_t Rank(std::string_view grade) {
  return static_cast<size_t>(std::find(kClasses.begin(), kClasses.end(), grade) - kClasses.begin());
}

std::string ByCutoffs(double score, const std::array<double, 3>& cutoffs,
                      const std::array<std::string_view, 4>& names) {
  for (size_t i = 0; i < cutoffs.size(); ++i) {
    if (score >= cutoffs.at(i)) return std::string(names.at(i));
  }
  return std::string(names.back());
}

Status ValidateCutoffs(const std::array<double, 3>& cutoffs, std::string_view field) {
  static constexpr double kMax = 100;
  for (size_t i = 0; i < cutoffs.size(); ++i) {
    double c = cutoffs.at(i);
    if (!std::isfinite(c) || c <= 0 || c > kMax || (i > 0 && c >= cutoffs.at(i - 1))) {
      return Error::Invalid("invalid_cutoffs", fmt::format("{}[{}]", field, i));
    }
  }
  return {};
}

}  // namespace

Settings DefaultSettings() {
  Settings s;
  static constexpr int64_t kPartWeight = 10;
  for (auto part : kParts) s.part_weights[std::string(part)] = kPartWeight;
  return s;
}

Status ValidateSettings(const Settings& s) {
  static constexpr int64_t kWhole = 100;
  static constexpr int64_t kLeastStandardization = 50;
  static constexpr int64_t kMaxYears = 10;
  static constexpr int64_t kMaxMonths = 120;
  if (s.standardization_weight < kLeastStandardization || s.standardization_weight > kWhole) {
    return Error::Invalid("standardization_weight", "weights.standardization");
  }
  int64_t sum = s.standardization_weight;
  for (auto part : kParts) {
    auto at = s.part_weights.find(std::string(part));
    if (at == s.part_weights.end() || at->second < 0 || at->second > kWhole) {
      return Error::Invalid("invalid_weight", fmt::format("weights.{}", part));
    }
    sum += at->second;
  }
  if (s.part_weights.size() != kParts.size()) return Error::Invalid("invalid_weight", "weights");
  if (sum != kWhole) return Error::Invalid("weights_not_whole", "weights");
  if (auto v = ValidateCutoffs(s.class_cutoffs, "class_cutoffs"); !v) return v;
  if (auto v = ValidateCutoffs(s.level_cutoffs, "level_cutoffs"); !v) return v;
  if (s.blacklist_years < 1 || s.blacklist_years > kMaxYears) {
    return Error::Invalid("invalid_blacklist_years", "blacklist_years");
  }
  if (s.removal_after_months < 1 || s.removal_after_months > kMaxMonths ||
      s.removal_after_months >= s.blacklist_years * 12) {
    return Error::Invalid("invalid_removal_months", "removal_after_months");
  }
  return {};
}

Result<double> StandardizationScore(const Standardization& s) {
  static constexpr double kMaxPoints = 10000;
  auto bad = [](double v) { return !std::isfinite(v) || v < 0 || v > kMaxPoints; };
  if (bad(s.maximum) || s.maximum == 0) {
    return Error::Invalid("invalid_standardization", "standardization.maximum");
  }
  if (bad(s.not_applicable) || s.not_applicable >= s.maximum) {
    return Error::Invalid("invalid_standardization", "standardization.not_applicable");
  }
  if (bad(s.points) || s.points > s.maximum - s.not_applicable) {
    return Error::Invalid("invalid_standardization", "standardization.points");
  }
  static constexpr double kPercent = 100;
  return OneDecimal(s.points / (s.maximum - s.not_applicable) * kPercent);
}

std::string LevelOf(double score, const std::array<double, 3>& cutoffs) {
  static constexpr std::array<std::string_view, 4> kLevels = {"1", "2", "3", ""};
  return ByCutoffs(score, cutoffs, kLevels);
}

std::string ClassOf(double score, const std::array<double, 3>& cutoffs) {
  return ByCutoffs(score, cutoffs, kClasses);
}

double CreditScore(double standardization, const std::map<std::string, double>& parts,
                   const Settings& settings) {
  double sum = static_cast<double>(settings.standardization_weight) * standardization;
  for (const auto& [part, weight] : settings.part_weights) {
    auto at = parts.find(part);
    if (at != parts.end()) sum += static_cast<double>(weight) * at->second;
  }
  static constexpr double kPercent = 100;
  return OneDecimal(sum / kPercent);
}

Status ValidateParts(const std::map<std::string, double>& parts) {
  static constexpr double kMax = 100;
  for (auto part : kParts) {
    auto at = parts.find(std::string(part));
    if (at == parts.end()) return Error::Invalid("required", fmt::format("parts.{}", part));
    if (!std::isfinite(at->second) || at->second < 0 || at->second > kMax) {
      return Error::Invalid("invalid_part_score", fmt::format("parts.{}", part));
    }
  }
  for (const auto& [part, score] : parts) {
    if (std::find(kParts.begin(), kParts.end(), part) == kParts.end()) {
      return Error::Invalid("unknown_field", fmt::format("parts.{}", part));
    }
  }
  return {};
}

std::vector<Rule> DefaultRules() {
  static constexpr int64_t kPoints = 10;
  return {{"blacklisted", true, "D", 0, "", 1},
          {"score_points", true, "B", kPoints, "", 1},
          {"listed_major_hazard", true, "D", 0, "", 1},
          {"concealed_accident", true, "D", 0, "", 1}};
}

Status ValidateRule(const Rule& rule) {
  if (Rank(rule.max_class) >= kClasses.size()) {
    return Error::Invalid("invalid_class", "max_class");
  }
  static constexpr int64_t kMaxPoints = 12;
  if (rule.code == "score_points" && (rule.threshold < 1 || rule.threshold > kMaxPoints)) {
    return Error::Invalid("invalid_rule_threshold", "threshold");
  }
  return {};
}

bool Holds(const Rule& rule, const Facts& facts) {
  if (rule.code == "blacklisted") return facts.blacklisted;
  if (rule.code == "score_points") return facts.points >= rule.threshold;
  if (rule.code == "listed_major_hazard") return facts.listed_major_hazards > 0;
  if (rule.code == "concealed_accident") return facts.concealed_accident;
  return false;
}

Outcome Classify(double credit_score, const Settings& settings, const std::vector<Rule>& rules,
                 const Facts& facts) {
  Outcome out;
  out.credit_score = credit_score;
  out.score_class = ClassOf(credit_score, settings.class_cutoffs);
  out.final_class = out.score_class;
  out.decided_by = "score";
  for (const auto& rule : rules) {
    if (!rule.enabled || !Holds(rule, facts)) continue;
    out.applied.push_back(rule.code);
    // The worst class any holding rule allows decides; the first rule to reach it names it.
    if (Rank(rule.max_class) > Rank(out.final_class)) {
      out.final_class = rule.max_class;
      out.decided_by = rule.code;
    }
  }
  return out;
}

Status MayAct(std::string_view status, std::string_view action, Role role) {
  bool preparer = role == Role::kStation || role == Role::kBureau || role == Role::kAdmin;
  bool approver = role == Role::kBureau || role == Role::kAdmin;
  if (action == "edit" || action == "submit") {
    if (!preparer) return Error::Forbidden();
    if (status == "approved") return Error::Conflict("evaluation_locked", "status");
    if (status != "draft" && status != "returned") {
      return Error::Conflict("illegal_transition", "status");
    }
    return {};
  }
  if (action == "approve" || action == "return") {
    if (!approver) return Error::Forbidden();
    if (status == "approved") return Error::Conflict("evaluation_locked", "status");
    if (status != "submitted") return Error::Conflict("illegal_transition", "status");
    return {};
  }
  return Error::Invalid("invalid_action", "action");
}

std::string ListingEnds(std::string_view starts_on, int64_t years) {
  static constexpr int64_t kMonths = 12;
  return AddMonths(starts_on, static_cast<int>(years * kMonths)).value_or("");
}

std::string RemovalOpens(std::string_view starts_on, int64_t months) {
  auto end = AddMonths(starts_on, static_cast<int>(months));
  return end ? AddDays(*end, 1).value_or("") : "";
}

bool Listed(std::string_view starts_on, std::string_view ends_on,
            const std::optional<std::string>& removed_on, std::string_view day) {
  return starts_on <= day && day <= ends_on && (!removed_on || day < *removed_on);
}

Status ValidateListing(const NewListing& l) {
  static constexpr size_t kMaxReason = 500;
  static constexpr size_t kMaxAuthority = 100;
  if (CodePoints(l.reason) == 0) return Error::Invalid("required", "reason");
  if (CodePoints(l.reason) > kMaxReason) return Error::Invalid("invalid_text_length", "reason");
  if (CodePoints(l.authority) == 0) return Error::Invalid("required", "authority");
  if (CodePoints(l.authority) > kMaxAuthority) {
    return Error::Invalid("invalid_text_length", "authority");
  }
  if (!IsValidDate(l.notified_on)) return Error::Invalid("invalid_date", "notified_on");
  if (!IsValidDate(l.starts_on)) return Error::Invalid("invalid_date", "starts_on");
  // The party is told before the listing begins.
  if (l.notified_on > l.starts_on) return Error::Invalid("not_notified_first", "notified_on");
  if (!l.ends_on.empty() && (!IsValidDate(l.ends_on) || l.ends_on <= l.starts_on)) {
    return Error::Invalid("invalid_date", "ends_on");
  }
  return {};
}

Status ValidateRepair(std::string_view kind, std::string_view statement,
                      std::string_view evidence) {
  static constexpr size_t kMaxStatement = 1000;
  static constexpr size_t kMaxEvidence = 2000;
  if (kind != "rating" && kind != "blacklist") return Error::Invalid("invalid_repair_kind", "kind");
  if (CodePoints(statement) == 0) return Error::Invalid("required", "statement");
  if (CodePoints(statement) > kMaxStatement) {
    return Error::Invalid("invalid_text_length", "statement");
  }
  if (CodePoints(evidence) == 0) return Error::Invalid("required", "evidence");
  if (CodePoints(evidence) > kMaxEvidence) return Error::Invalid("invalid_text_length", "evidence");
  return {};
}

}  // namespace anjian::credit
