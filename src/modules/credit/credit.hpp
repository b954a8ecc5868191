#pragma once
// Integrity and credit (安全生产诚信): one annual evaluation with two results — the
// standardization level and the credit class (A–D) — the rules that hold a class down, the
// evaluation's workflow, and the blacklist's dates. Types and pure rules; no I/O.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/error.hpp"

namespace anjian::credit {

// The parts of the evaluation besides standardization, each scored 0–100.
inline constexpr std::array<std::string_view, 4> kParts = {"safety_culture", "participation",
                                                           "commitment", "compliance"};
// Best first.
inline constexpr std::array<std::string_view, 4> kClasses = {"A", "B", "C", "D"};

struct Settings {
  // Weights in percent: standardization's at least 50, all of them together 100.
  int64_t standardization_weight = 60;
  std::map<std::string, int64_t> part_weights;  // each of kParts
  // The least credit score of A, B and C (below C's: D), and of standardization levels 1–3.
  std::array<double, 3> class_cutoffs{90, 75, 60};
  std::array<double, 3> level_cutoffs{90, 75, 60};
  int64_t blacklist_years = 3;
  int64_t removal_after_months = 12;  // early removal may be applied for once these have passed
  std::string updated_at;
  int64_t version = 1;
};
Settings DefaultSettings();
// Weights 0–100 summing to 100 with standardization at least 50; cut-offs 0–100, strictly
// falling; 1–10 years; 1–120 months.
Status ValidateSettings(const Settings& settings);

// ---- The scores
// The standardization self-assessment: points of the applicable items out of their maximum.
struct Standardization {
  double points = 0;
  double maximum = 0;
  double not_applicable = 0;  // the maximum of the items that do not apply
};
// points ÷ (maximum − not applicable) × 100, to one decimal.
Result<double> StandardizationScore(const Standardization& s);
// "1", "2", "3", or "" below level 3.
std::string LevelOf(double score, const std::array<double, 3>& cutoffs);
std::string ClassOf(double score, const std::array<double, 3>& cutoffs);
// w₀ × standardization + Σ wᵢ × partᵢ (weights in percent), to one decimal.
double CreditScore(double standardization, const std::map<std::string, double>& parts,
                   const Settings& settings);
// Each part present, 0–100.
Status ValidateParts(const std::map<std::string, double>& parts);

// ---- The rules: while its fact holds, the enterprise's class is at best `max_class`.
//   blacklisted          on the blacklist (D)
//   score_points         `threshold` or more points in the 12-point cycle (not A: at best B)
//   listed_major_hazard  a major hazard under listed supervision not yet verified (D)
//   concealed_accident   an accident concealed or reported late, as the evaluation records (D)
struct Rule {
  std::string code;
  bool enabled = true;
  std::string max_class;
  int64_t threshold = 0;  // score_points only
  std::string updated_at;
  int64_t version = 1;
};
std::vector<Rule> DefaultRules();
Status ValidateRule(const Rule& rule);

struct Facts {
  bool blacklisted = false;
  int64_t points = 0;  // in `points_cycle`
  int points_cycle = 0;
  int64_t listed_major_hazards = 0;
  bool concealed_accident = false;
};
bool Holds(const Rule& rule, const Facts& facts);

struct Outcome {
  double credit_score = 0;
  std::string score_class;  // by the score alone
  std::string final_class;
  std::string decided_by;            // "score", or the code of the rule that set the class
  std::vector<std::string> applied;  // the enabled rules whose facts hold, in rule order
};
Outcome Classify(double credit_score, const Settings& settings, const std::vector<Rule>& rules,
                 const Facts& facts);

// ---- The workflow: a station, a bureau or an administrator prepares (draft, returned) and
// submits; a bureau or an administrator approves or returns; an approved evaluation is locked (a
// change is a new revision). `action` is edit, submit, approve or return.
Status MayAct(std::string_view status, std::string_view action, Role role);

// ---- The blacklist (MEM order no. 11, 2023): the party is notified first; listed for
// `years` from the start — by the Civil Code's reckoning the period ends on the corresponding
// day (the month's last when it has none); early removal may be applied for once
// `removal_after_months` have passed.
std::string ListingEnds(std::string_view starts_on, int64_t years);
std::string RemovalOpens(std::string_view starts_on, int64_t months);
bool Listed(std::string_view starts_on, std::string_view ends_on,
            const std::optional<std::string>& removed_on, std::string_view day);
struct NewListing {
  std::string reason;
  std::string authority;
  std::string notified_on;
  std::string starts_on;
  std::string ends_on;  // "" for the settings' years
};
Status ValidateListing(const NewListing& listing);

// ---- Credit repair (信用修复): an enterprise applies to end the disclosure of its D rating
// ("rating") or to leave the blacklist early ("blacklist"), with a statement (1–1000
// characters) and a description of its evidence (1–2000); its files are checked as uploads.
Status ValidateRepair(std::string_view kind, std::string_view statement, std::string_view evidence);

// ---- The measures of each class (A–D, and "blacklist") in each area.
inline constexpr std::array<std::string_view, 6> kMeasureAreas = {
    "awards", "supervision", "loans", "electricity", "land", "tax"};

}  // namespace anjian::credit
