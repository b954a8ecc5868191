// Integrity and credit's rules: the scores and their cut-off edges, the 50% bound of
// standardization, the rules that hold a class down, the workflow's permissions and the
// blacklist's dates.
#include "modules/credit/credit.hpp"

#include <gtest/gtest.h>

namespace anjian::credit {
namespace {

TEST(CreditRulesTest, StandardizationScoreAndLevel) {
  struct Case {
    Standardization input;
    double score;
    const char* level;
  };
  const Case cases[] = {
      {{90, 100, 0}, 90.0, "1"},
      {{89.94, 100, 0}, 89.9, "2"},
      {{89.95, 100, 0}, 90.0, "1"},
      {{75, 100, 0}, 75.0, "2"},
      {{74.9, 100, 0}, 74.9, "3"},
      {{60, 100, 0}, 60.0, "3"},
      {{59.9, 100, 0}, 59.9, ""},
      {{0, 100, 0}, 0.0, ""},
      {{100, 100, 0}, 100.0, "1"},
      // Not applicable items leave the maximum: 540 of (1000 − 400) is 90%.
      {{540, 1000, 400}, 90.0, "1"},
      {{2, 3, 0}, 66.7, "3"},
  };
  for (const auto& c : cases) {
    auto score = StandardizationScore(c.input);
    ASSERT_TRUE(score.ok()) << c.input.points;
    EXPECT_DOUBLE_EQ(*score, c.score) << c.input.points << "/" << c.input.maximum;
    EXPECT_EQ(LevelOf(*score, DefaultSettings().level_cutoffs), c.level) << *score;
  }
  struct Bad {
    Standardization input;
    const char* field;
  };
  const Bad bad[] = {
      {{1, 0, 0}, "standardization.maximum"},
      {{1, -5, 0}, "standardization.maximum"},
      {{1, 100, 100}, "standardization.not_applicable"},
      {{1, 100, -1}, "standardization.not_applicable"},
      {{61, 100, 40}, "standardization.points"},
      {{-1, 100, 0}, "standardization.points"},
      {{1, 20000, 0}, "standardization.maximum"},
  };
  for (const auto& b : bad) {
    auto score = StandardizationScore(b.input);
    ASSERT_FALSE(score.ok()) << b.field;
    EXPECT_EQ(score.error().code, "invalid_standardization");
    EXPECT_EQ(score.error().field, b.field);
  }
}

TEST(CreditRulesTest, CreditScoreAndClassEdges) {
  auto s = DefaultSettings();
  auto parts = [](double v) {
    return std::map<std::string, double>{
        {"safety_culture", v}, {"participation", v}, {"commitment", v}, {"compliance", v}};
  };
  struct Case {
    double standardization;
    double parts;
    double score;
    const char* grade;
  };
  const Case cases[] = {
      {90, 90, 90.0, "A"},   {100, 75, 90.0, "A"},  {89.9, 90, 89.9, "B"},
      {75, 75, 75.0, "B"},   {74.9, 75, 74.9, "C"}, {60, 60, 60.0, "C"},
      {59.9, 60, 59.9, "D"}, {0, 0, 0.0, "D"},      {100, 100, 100.0, "A"},
  };
  for (const auto& c : cases) {
    double score = CreditScore(c.standardization, parts(c.parts), s);
    EXPECT_DOUBLE_EQ(score, c.score) << c.standardization << " " << c.parts;
    EXPECT_EQ(ClassOf(score, s.class_cutoffs), c.grade) << score;
  }
  // Another weighting: standardization at its bound of 50%.
  s.standardization_weight = 50;
  s.part_weights = {
      {"safety_culture", 20}, {"participation", 10}, {"commitment", 10}, {"compliance", 10}};
  EXPECT_DOUBLE_EQ(
      CreditScore(
          100, {{"safety_culture", 50}, {"participation", 0}, {"commitment", 0}, {"compliance", 0}},
          s),
      60.0);
  EXPECT_TRUE(ValidateParts(parts(100)).ok());
  auto missing = parts(80);
  missing.erase("commitment");
  EXPECT_EQ(ValidateParts(missing).error().field, "parts.commitment");
  auto over = parts(80);
  over["compliance"] = 100.5;
  EXPECT_EQ(ValidateParts(over).error().code, "invalid_part_score");
  auto extra = parts(80);
  extra["luck"] = 5;
  EXPECT_EQ(ValidateParts(extra).error().field, "parts.luck");
}

TEST(CreditRulesTest, SettingsKeepStandardizationAtLeastHalf) {
  EXPECT_TRUE(ValidateSettings(DefaultSettings()).ok());
  struct Case {
    const char* name;
    void (*change)(Settings&);
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"standardization at 50 with the rest 50",
       [](Settings& s) {
         s.standardization_weight = 50;
         s.part_weights["safety_culture"] = 20;
       },
       nullptr, nullptr},
      {"standardization at 49",
       [](Settings& s) {
         s.standardization_weight = 49;
         s.part_weights["safety_culture"] = 21;
       },
       "standardization_weight", "weights.standardization"},
      {"not 100 together", [](Settings& s) { s.part_weights["compliance"] = 11; },
       "weights_not_whole", "weights"},
      {"a negative part",
       [](Settings& s) {
         s.part_weights["compliance"] = -10;
         s.part_weights["commitment"] = 30;
       },
       "invalid_weight", "weights.compliance"},
      {"a part missing",
       [](Settings& s) {
         s.part_weights.erase("compliance");
         s.standardization_weight = 70;
       },
       "invalid_weight", "weights.compliance"},
      {"cut-offs not falling",
       [](Settings& s) {
         s.class_cutoffs = {90, 90, 60};
       },
       "invalid_cutoffs", "class_cutoffs[1]"},
      {"a level cut-off over 100",
       [](Settings& s) {
         s.level_cutoffs = {101, 75, 60};
       },
       "invalid_cutoffs", "level_cutoffs[0]"},
      {"no years", [](Settings& s) { s.blacklist_years = 0; }, "invalid_blacklist_years",
       "blacklist_years"},
      {"removal after the listing ends", [](Settings& s) { s.removal_after_months = 36; },
       "invalid_removal_months", "removal_after_months"},
  };
  for (const auto& c : cases) {
    auto s = DefaultSettings();
    c.change(s);
    auto checked = ValidateSettings(s);
    if (c.code == nullptr) {
      EXPECT_TRUE(checked.ok()) << c.name;
      continue;
    }
    ASSERT_FALSE(checked.ok()) << c.name;
    EXPECT_EQ(checked.error().code, c.code) << c.name;
    EXPECT_EQ(checked.error().field, c.field) << c.name;
  }
}

TEST(CreditRulesTest, RulesHoldTheClassDown) {
  auto settings = DefaultSettings();
  auto rules = DefaultRules();
  struct Case {
    const char* name;
    double score;
    Facts facts;
    const char* grade;
    const char* decided_by;
    std::vector<std::string> applied;
  };
  const Case cases[] = {
      {"A by the score", 95, {}, "A", "score", {}},
      {"9 points: still A", 95, {.points = 9}, "A", "score", {}},
      {"10 points: not A", 95, {.points = 10}, "B", "score_points", {"score_points"}},
      {"10 points on a B: B by the score", 80, {.points = 10}, "B", "score", {"score_points"}},
      {"blacklisted: D", 95, {.blacklisted = true}, "D", "blacklisted", {"blacklisted"}},
      {"a listed major hazard open: D",
       88,
       {.listed_major_hazards = 1},
       "D",
       "listed_major_hazard",
       {"listed_major_hazard"}},
      {"a concealed accident: D",
       70,
       {.concealed_accident = true},
       "D",
       "concealed_accident",
       {"concealed_accident"}},
      {"already D: the score decides", 50, {.blacklisted = true}, "D", "score", {"blacklisted"}},
      {"several: the first to reach the worst",
       95,
       {.blacklisted = true, .points = 12, .listed_major_hazards = 2},
       "D",
       "blacklisted",
       {"blacklisted", "score_points", "listed_major_hazard"}},
  };
  for (const auto& c : cases) {
    auto out = Classify(c.score, settings, rules, c.facts);
    EXPECT_EQ(out.final_class, c.grade) << c.name;
    EXPECT_EQ(out.decided_by, c.decided_by) << c.name;
    EXPECT_EQ(out.applied, c.applied) << c.name;
  }
  // An administrator's changes: the points rule off, or at 6 points down to C.
  rules[1].enabled = false;
  EXPECT_EQ(Classify(95, settings, rules, {.points = 12}).final_class, "A");
  rules[1].enabled = true;
  rules[1].threshold = 6;
  rules[1].max_class = "C";
  EXPECT_EQ(Classify(95, settings, rules, {.points = 6}).final_class, "C");
  EXPECT_EQ(Classify(95, settings, rules, {.points = 5}).final_class, "A");
  EXPECT_TRUE(ValidateRule(rules[1]).ok());
  rules[1].threshold = 13;
  EXPECT_EQ(ValidateRule(rules[1]).error().code, "invalid_rule_threshold");
  rules[0].max_class = "E";
  EXPECT_EQ(ValidateRule(rules[0]).error().code, "invalid_class");
}

TEST(CreditRulesTest, WorkflowPermissions) {
  struct Case {
    const char* status;
    const char* action;
    Role role;
    const char* code;  // nullptr: allowed
  };
  const Case cases[] = {
      {"draft", "edit", Role::kStation, nullptr},
      {"draft", "submit", Role::kStation, nullptr},
      {"returned", "edit", Role::kStation, nullptr},
      {"returned", "submit", Role::kBureau, nullptr},
      {"draft", "edit", Role::kGrid, "forbidden"},
      {"draft", "edit", Role::kEnterprise, "forbidden"},
      {"draft", "submit", Role::kExpert, "forbidden"},
      {"submitted", "edit", Role::kStation, "illegal_transition"},
      {"submitted", "approve", Role::kBureau, nullptr},
      {"submitted", "return", Role::kBureau, nullptr},
      {"submitted", "approve", Role::kAdmin, nullptr},
      {"submitted", "approve", Role::kStation, "forbidden"},
      {"submitted", "return", Role::kStation, "forbidden"},
      {"draft", "approve", Role::kBureau, "illegal_transition"},
      {"returned", "approve", Role::kBureau, "illegal_transition"},
      {"approved", "edit", Role::kBureau, "evaluation_locked"},
      {"approved", "submit", Role::kStation, "evaluation_locked"},
      {"approved", "approve", Role::kBureau, "evaluation_locked"},
      {"approved", "return", Role::kAdmin, "evaluation_locked"},
  };
  for (const auto& c : cases) {
    auto may = MayAct(c.status, c.action, c.role);
    if (c.code == nullptr) {
      EXPECT_TRUE(may.ok()) << c.status << " " << c.action;
    } else {
      ASSERT_FALSE(may.ok()) << c.status << " " << c.action;
      EXPECT_EQ(may.error().code, c.code) << c.status << " " << c.action;
    }
  }
}

TEST(CreditRulesTest, BlacklistDates) {
  struct Case {
    const char* starts;
    const char* ends;           // after 3 years
    const char* removal_opens;  // after 12 months
  };
  const Case cases[] = {
      {"2026-01-10", "2029-01-10", "2027-01-11"},
      {"2024-02-29", "2027-02-28", "2025-03-01"},
      {"2026-12-31", "2029-12-31", "2028-01-01"},
      {"2026-03-31", "2029-03-31", "2027-04-01"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ListingEnds(c.starts, 3), c.ends) << c.starts;
    EXPECT_EQ(RemovalOpens(c.starts, 12), c.removal_opens) << c.starts;
  }
  EXPECT_FALSE(Listed("2026-01-10", "2029-01-10", std::nullopt, "2026-01-09"));
  EXPECT_TRUE(Listed("2026-01-10", "2029-01-10", std::nullopt, "2026-01-10"));
  EXPECT_TRUE(Listed("2026-01-10", "2029-01-10", std::nullopt, "2029-01-10"));
  EXPECT_FALSE(Listed("2026-01-10", "2029-01-10", std::nullopt, "2029-01-11"));
  EXPECT_TRUE(Listed("2026-01-10", "2029-01-10", "2027-03-01", "2027-02-28"));
  EXPECT_FALSE(Listed("2026-01-10", "2029-01-10", "2027-03-01", "2027-03-01"));

  NewListing good{"拒不执行监管指令", "清源区应急管理局", "2026-01-05", "2026-01-10", ""};
  EXPECT_TRUE(ValidateListing(good).ok());
  struct Bad {
    void (*change)(NewListing&);
    const char* code;
    const char* field;
  };
  const Bad bad[] = {
      {[](NewListing& l) { l.reason.clear(); }, "required", "reason"},
      {[](NewListing& l) { l.authority.clear(); }, "required", "authority"},
      {[](NewListing& l) { l.notified_on = "2026-01-11"; }, "not_notified_first", "notified_on"},
      {[](NewListing& l) { l.starts_on = "2026-02-30"; }, "invalid_date", "starts_on"},
      {[](NewListing& l) { l.ends_on = "2026-01-10"; }, "invalid_date", "ends_on"},
      {[](NewListing& l) { l.reason = std::string(501, 'x'); }, "invalid_text_length", "reason"},
  };
  for (const auto& b : bad) {
    auto l = good;
    b.change(l);
    auto checked = ValidateListing(l);
    ASSERT_FALSE(checked.ok()) << b.field;
    EXPECT_EQ(checked.error().code, b.code);
    EXPECT_EQ(checked.error().field, b.field);
  }
  // The same day notified and listed is allowed.
  good.notified_on = good.starts_on;
  EXPECT_TRUE(ValidateListing(good).ok());
}

TEST(CreditRulesTest, RepairApplications) {
  struct Case {
    const char* kind;
    std::string statement;
    std::string evidence;
    const char* code;  // nullptr: valid
    const char* field;
  };
  const Case cases[] = {
      {"rating", "已完成整改", "整改报告及验收记录", nullptr, nullptr},
      {"blacklist", "申请提前移出", "履行处罚决定的凭证", nullptr, nullptr},
      {"blacklist", std::string(1000, 'x'), std::string(2000, 'y'), nullptr, nullptr},
      {"class", "x", "y", "invalid_repair_kind", "kind"},
      {"rating", "", "y", "required", "statement"},
      {"rating", std::string(1001, 'x'), "y", "invalid_text_length", "statement"},
      {"rating", "x", "", "required", "evidence"},
      {"rating", "x", std::string(2001, 'y'), "invalid_text_length", "evidence"},
  };
  for (const auto& c : cases) {
    auto checked = ValidateRepair(c.kind, c.statement, c.evidence);
    if (c.code == nullptr) {
      EXPECT_TRUE(checked.ok()) << c.kind;
      continue;
    }
    ASSERT_FALSE(checked.ok()) << c.code;
    EXPECT_EQ(checked.error().code, c.code);
    EXPECT_EQ(checked.error().field, c.field);
  }
}

}  // namespace
}  // namespace anjian::credit
