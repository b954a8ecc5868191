#include "modules/plan/plan.hpp"

#include <gtest/gtest.h>

namespace anjian::plan {
namespace {

Plan MakePlan() {
  Plan p;
  p.name = "2026年第四季度网格巡查";
  p.kind = "grid_patrol";
  p.starts_on = "2026-10-01";
  p.due_on = "2026-12-31";
  return p;
}

TEST(PlanRulesTest, Fields) {
  struct Case {
    const char* name;
    void (*change)(Plan&);
    const char* today;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"valid", [](Plan&) {}, "2026-11-29", "", ""},
      {"due today", [](Plan& p) { p.due_on = "2026-11-29"; }, "2026-11-29", "", ""},
      {"due yesterday", [](Plan& p) { p.due_on = "2026-11-28"; }, "2026-11-29", "due_in_past",
       "due_on"},
      {"one day long", [](Plan& p) { p.starts_on = p.due_on; }, "2026-11-29", "", ""},
      {"due before start", [](Plan& p) { p.starts_on = "2027-01-01"; }, "2026-11-29",
       "due_before_start", "due_on"},
      {"366 days, both ends counted", [](Plan& p) { p.due_on = "2027-10-01"; }, "2026-11-29", "",
       ""},
      {"367 days", [](Plan& p) { p.due_on = "2027-10-02"; }, "2026-11-29", "plan_too_long",
       "due_on"},
      {"leap day",
       [](Plan& p) {
         p.due_on = "2028-02-29";
         p.starts_on = "2027-12-01";
       },
       "2026-11-29", "", ""},
      {"not a day", [](Plan& p) { p.starts_on = "2026-02-30"; }, "2026-11-29", "invalid_date",
       "starts_on"},
      {"due not a day", [](Plan& p) { p.due_on = "20261231"; }, "2026-11-29", "invalid_date",
       "due_on"},
      {"no name", [](Plan& p) { p.name = ""; }, "2026-11-29", "invalid_text_length", "name"},
      {"100 characters",
       [](Plan& p) {
         p.name.clear();
         for (int i = 0; i < 100; ++i) p.name += "查";
       },
       "2026-11-29", "", ""},
      {"101 characters", [](Plan& p) { p.name = std::string(101, 'x'); }, "2026-11-29",
       "invalid_text_length", "name"},
      {"a self-check", [](Plan& p) { p.kind = "self_check"; }, "2026-11-29",
       "invalid_inspection_kind", "kind"},
      {"an unknown kind", [](Plan& p) { p.kind = "audit"; }, "2026-11-29",
       "invalid_inspection_kind", "kind"},
      {"an enforcement", [](Plan& p) { p.kind = "district_enforcement"; }, "2026-11-29", "", ""},
      {"a long note", [](Plan& p) { p.note = std::string(1001, 'n'); }, "2026-11-29",
       "invalid_text_length", "note"},
  };
  for (const auto& c : cases) {
    Plan p = MakePlan();
    c.change(p);
    auto status = Validate(p, c.today);
    if (*c.code == '\0') {
      EXPECT_TRUE(status) << c.name << ": " << (status ? "" : status.error().code);
    } else {
      ASSERT_FALSE(status) << c.name;
      EXPECT_EQ(status.error().code, c.code) << c.name;
      EXPECT_EQ(status.error().field, c.field) << c.name;
    }
  }
}

TEST(PlanRulesTest, WhoPlans) {
  EXPECT_TRUE(MayPlan(Role::kStation));
  EXPECT_TRUE(MayPlan(Role::kBureau));
  for (Role role : {Role::kAdmin, Role::kGrid, Role::kEnterprise, Role::kExpert}) {
    auto status = MayPlan(role);
    ASSERT_FALSE(status) << RoleName(role);
    EXPECT_EQ(status.error().kind, ErrorKind::kForbidden);
  }
}

TEST(PlanRulesTest, TheWindowIsTheChinaDaysAsInstants) {
  // 1 October China time begins at 16:00 UTC on 30 September; the window ends where the day
  // after due_on begins.
  auto [start, end] = Window(MakePlan());
  EXPECT_EQ(start, "2026-09-30T16:00:00Z");
  EXPECT_EQ(end, "2026-12-31T16:00:00Z");
}

TEST(PlanRulesTest, TargetStatus) {
  struct Case {
    const char* name;
    std::optional<int64_t> inspection_id;
    const char* due_on;
    const char* today;
    const char* status;
  };
  const Case cases[] = {
      {"done before the due day", 7, "2026-12-31", "2026-11-29", "done"},
      {"done, seen after the due day", 7, "2026-10-31", "2026-11-29", "done"},
      {"due today", std::nullopt, "2026-11-29", "2026-11-29", "pending"},
      {"due yesterday", std::nullopt, "2026-11-28", "2026-11-29", "overdue"},
      {"due later", std::nullopt, "2026-12-31", "2026-11-29", "pending"},
  };
  for (const auto& c : cases) {
    Target t;
    t.inspection_id = c.inspection_id;
    t.due_on = c.due_on;
    EXPECT_EQ(TargetStatus(t, c.today), c.status) << c.name;
  }
}

}  // namespace
}  // namespace anjian::plan
