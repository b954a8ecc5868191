// Integrity and credit against real databases: the evaluation's workflow (prepare, submit,
// return, approve, locked, a new revision), the rules judged on the facts at approval (points of
// the 12-point system, the blacklist), the blacklist's early removal, the distribution, and the
// public list and lookup showing only what is published.
#include "modules/credit/credit_service.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "core/table_file.hpp"
#include "core/uscc.hpp"
#include "modules/enterprise/enterprise_service.hpp"
#include "modules/identity/identity_service.hpp"
#include "modules/notification/notification_service.hpp"
#include "modules/region/region_service.hpp"
#include "modules/scoring/scoring_service.hpp"
#include "testing/test_database.hpp"

namespace anjian::credit {
namespace {

using testing::As;

class CreditServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    regions_ = std::make_unique<region::Service>(**database_, clock_);
    regions_->ImportAsSystem(testing::kTwoDistrictsCsv, "test");
    enterprises_ = std::make_unique<enterprise::Service>(**database_, clock_, *regions_);
    identity_ = std::make_unique<identity::Service>(**database_, clock_);
    scoring_ = std::make_unique<scoring::Service>(**database_, clock_);
    service_ = std::make_unique<Service>(**database_, clock_);
    good_ = Enterprise("91990102MA000001", "甲机械厂", "990102001201");
    other_ = Enterprise("91990102MA000002", "乙化工厂", "990102001201");
    far_ = Enterprise("91990103MA000003", "丙食品厂", "990103001201");
    station_ = Account("station_a", Role::kStation, "990102001000");
    district_ = Account("district_a", Role::kBureau, "990102000000");
    other_district_ = Account("district_b", Role::kBureau, "990103000000");
    owner_ = Account("owner_a", Role::kEnterprise, std::nullopt, good_);
  }
  int64_t Enterprise(const char* code16, const char* name, const char* region) {
    enterprise::Enterprise e;
    e.uscc = uscc::Complete(code16);
    e.name = name;
    e.region_code = region;
    e.industry_code = "C34";
    auto created = enterprises_->Create(As(Role::kAdmin, std::nullopt), e);
    EXPECT_TRUE(created.ok());
    return created->id;
  }
  Principal Account(const std::string& username, Role role, std::optional<std::string> region,
                    std::optional<int64_t> enterprise = {}) {
    identity::NewUser user{username, username, "", std::string(RoleName(role)), region, enterprise};
    auto created = identity_->AddUserWithHash(user, "not-a-real-hash");
    EXPECT_TRUE(created.ok());
    Principal p = As(role, std::move(region), enterprise);
    p.user_id = created->id;
    p.username = username;
    p.name = username;
    return p;
  }
  // An evaluation of 2026 scoring `standardization` of 100 and `parts` in each other part.
  EvaluationInput Form(int64_t enterprise, double standardization, double parts) {
    EvaluationInput in;
    in.enterprise_id = enterprise;
    in.year = 2026;
    in.standardization = Standardization{standardization, 100, 0};
    in.parts = std::map<std::string, double>{{"safety_culture", parts},
                                             {"participation", parts},
                                             {"commitment", parts},
                                             {"compliance", parts}};
    return in;
  }
  // The kinds and repair statuses on a reader's bell, oldest first, of the credit repair kinds.
  std::vector<std::string> Bell(const Principal& reader) {
    notification::Service bell(**database_, clock_);
    auto listed = bell.List(reader, false, {1, 100});
    EXPECT_TRUE(listed.ok());
    std::vector<std::string> out;
    for (const auto& n : listed->items) {
      if (!n.kind.starts_with("credit_repair")) continue;
      auto params = nlohmann::json::parse(n.params);
      out.insert(out.begin(),
                 fmt::format("{} {} {}", n.kind, params.at("enterprise_name").get<std::string>(),
                             params.at("status").get<std::string>()));
    }
    return out;
  }
  // Prepared by the station, submitted, approved by the district.
  Rated Approved(int64_t enterprise, double standardization, double parts) {
    auto made = service_->Create(station_, Form(enterprise, standardization, parts));
    EXPECT_TRUE(made.ok()) << made.error().code << " " << made.error().field;
    auto submitted = service_->Submit(station_, made->evaluation.id, made->evaluation.version);
    EXPECT_TRUE(submitted.ok());
    auto approved =
        service_->Approve(district_, submitted->evaluation.id, submitted->evaluation.version);
    EXPECT_TRUE(approved.ok()) << approved.error().code;
    return *approved;
  }

  ManualClock clock_{*ParseInstant("2026-11-20T02:00:00Z")};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<region::Service> regions_;
  std::unique_ptr<enterprise::Service> enterprises_;
  std::unique_ptr<identity::Service> identity_;
  std::unique_ptr<scoring::Service> scoring_;
  std::unique_ptr<Service> service_;
  int64_t good_ = 0, other_ = 0, far_ = 0;
  Principal station_, district_, other_district_, owner_;
};

TEST_P(CreditServiceTest, TheWorkflowLocksAnApprovedEvaluationAndRevisesIt) {
  auto made = service_->Create(station_, Form(good_, 92, 90));
  ASSERT_TRUE(made.ok()) << made.error().code << " " << made.error().field;
  EXPECT_EQ(made->evaluation.status, "draft");
  EXPECT_EQ(made->evaluation.revision, 1);
  // Provisional: 0.6 × 92 + 0.4 × 90 = 91.2 → A; level 1.
  EXPECT_TRUE(made->provisional);
  EXPECT_DOUBLE_EQ(made->outcome.credit_score, 91.2);
  EXPECT_EQ(made->outcome.final_class, "A");
  EXPECT_EQ(made->standardization_level, "1");
  EXPECT_EQ(service_->Create(district_, Form(good_, 80, 80)).error().code, "evaluation_open");
  // Drafts are the officers': the enterprise sees neither the draft nor its listing.
  EXPECT_EQ(service_->Get(owner_, made->evaluation.id).error().code, "not_found");
  EXPECT_EQ(service_->Get(other_district_, made->evaluation.id).error().code, "not_found");
  auto id = made->evaluation.id;
  auto submitted = service_->Submit(station_, id, made->evaluation.version);
  ASSERT_TRUE(submitted.ok());
  EXPECT_EQ(service_->Approve(station_, id, submitted->evaluation.version).error().code,
            "forbidden");
  EXPECT_EQ(service_->Update(station_, id, {.version = submitted->evaluation.version}).error().code,
            "illegal_transition");
  auto returned =
      service_->Return(district_, id, submitted->evaluation.version, "安全文化证据不足");
  ASSERT_TRUE(returned.ok());
  EXPECT_EQ(returned->evaluation.status, "returned");
  EXPECT_EQ(returned->evaluation.return_reason, "安全文化证据不足");
  EvaluationInput change;
  change.version = returned->evaluation.version;
  change.parts = Form(good_, 0, 70).parts;
  auto edited = service_->Update(station_, id, change);
  ASSERT_TRUE(edited.ok()) << edited.error().code;
  // 0.6 × 92 + 0.4 × 70 = 83.2 → B.
  EXPECT_EQ(edited->outcome.final_class, "B");
  auto again = service_->Submit(station_, id, edited->evaluation.version);
  auto approved = service_->Approve(district_, id, again->evaluation.version);
  ASSERT_TRUE(approved.ok());
  EXPECT_FALSE(approved->provisional);
  EXPECT_EQ(approved->evaluation.status, "approved");
  EXPECT_EQ(approved->evaluation.final_class, "B");
  EXPECT_EQ(approved->evaluation.approved_on, "2026-11-20");
  EXPECT_TRUE(approved->evaluation.current);
  EXPECT_EQ(service_->Update(station_, id, {.version = approved->evaluation.version}).error().code,
            "evaluation_locked");
  // The enterprise now sees its rating.
  EXPECT_TRUE(service_->Get(owner_, id).ok());
  EXPECT_EQ(service_->List(owner_, {}, {1, 20})->total, 1);

  // A later change is a new revision; once approved it is the year's rating.
  auto revised = Approved(good_, 95, 95);
  EXPECT_EQ(revised.evaluation.revision, 2);
  EXPECT_EQ(revised.outcome.final_class, "A");
  EXPECT_FALSE(service_->Get(district_, id)->evaluation.current);
  store::EvaluationFilter current;
  current.current_only = true;
  auto ratings = service_->List(district_, current, {1, 20});
  ASSERT_EQ(ratings->items.size(), 1u);
  EXPECT_EQ(ratings->items[0].id, revised.evaluation.id);
  // Bad forms change nothing.
  auto bad = Form(other_, 120, 90);
  EXPECT_EQ(service_->Create(station_, bad).error().field, "standardization.points");
  bad = Form(other_, 90, 90);
  bad.year = 2027;
  EXPECT_EQ(service_->Create(station_, bad).error().code, "invalid_year");
  EXPECT_EQ(service_->Create(station_, Form(far_, 90, 90)).error().code, "enterprise_not_found");
  EXPECT_EQ(service_->Create(owner_, Form(good_, 90, 90)).error().code, "forbidden");
  EXPECT_EQ(service_->List(district_, {}, {1, 20})->total, 2);
}

TEST_P(CreditServiceTest, TheRulesAreJudgedOnTheFactsAtApproval) {
  // Ten points in the 12-point cycle: an A by the score is held at B.
  ASSERT_TRUE(scoring_->Record(district_, {good_, 10, "拒不整改", ""}).ok());
  auto capped = Approved(good_, 95, 95);
  EXPECT_EQ(capped.outcome.score_class, "A");
  EXPECT_EQ(capped.outcome.final_class, "B");
  EXPECT_EQ(capped.outcome.decided_by, "score_points");
  EXPECT_EQ(capped.facts.points, 10);
  EXPECT_EQ(capped.facts.points_cycle, 2026);
  // The facts are kept with the approved rating: revoking the points later changes nothing.
  auto events = scoring_->Events(district_, {.enterprise_id = good_}, {1, 20});
  ASSERT_TRUE(
      scoring_->Revoke(district_, events->items[0].id, events->items[0].version, "误记").ok());
  EXPECT_EQ(service_->Get(district_, capped.evaluation.id)->outcome.final_class, "B");

  // Listed on the blacklist: D, whatever the score; the rule off, the score decides again.
  ListingInput listing{other_,
                       {"拒不执行停产整顿指令", "甲区应急管理局", "2026-11-18", "2026-11-20", ""}};
  auto listed = service_->AddListing(district_, listing);
  ASSERT_TRUE(listed.ok()) << listed.error().code << " " << listed.error().field;
  EXPECT_EQ(listed->listing.ends_on, "2029-11-20");
  EXPECT_EQ(service_->AddListing(district_, listing).error().code, "already_listed");
  auto made = service_->Create(station_, Form(other_, 95, 95));
  EXPECT_EQ(made->outcome.final_class, "D");
  EXPECT_EQ(made->outcome.decided_by, "blacklisted");
  auto admin = As(Role::kAdmin, std::nullopt);
  auto rules = service_->Rules(admin);
  RuleInput off;
  off.version = rules->at(0).version;
  off.enabled = false;
  ASSERT_TRUE(service_->UpdateRule(admin, "blacklisted", off).ok());
  EXPECT_EQ(service_->Get(station_, made->evaluation.id)->outcome.final_class, "A");
  EXPECT_EQ(service_->UpdateRule(district_, "blacklisted", off).error().code, "forbidden");
  EXPECT_EQ(service_->UpdateRule(admin, "nothing", off).error().code, "not_found");
  // Settings: standardization may not weigh less than half.
  auto settings = service_->GetSettings(admin);
  SettingsInput light;
  light.version = settings->version;
  light.standardization_weight = 40;
  light.part_weights = std::map<std::string, int64_t>{
      {"safety_culture", 15}, {"participation", 15}, {"commitment", 15}, {"compliance", 15}};
  EXPECT_EQ(service_->UpdateSettings(admin, light).error().code, "standardization_weight");
  EXPECT_EQ(service_->GetSettings(admin)->version, settings->version);
}

TEST_P(CreditServiceTest, BlacklistRemovalDistributionAndThePublicList) {
  auto a = Approved(good_, 95, 95);
  ASSERT_EQ(a.outcome.final_class, "A");
  auto b = Approved(other_, 80, 80);
  ASSERT_EQ(b.outcome.final_class, "B");
  ListingInput listing{other_,
                       {"提供虚假材料骗取许可", "甲区应急管理局", "2026-11-10", "2026-11-15", ""}};
  auto listed = service_->AddListing(district_, listing);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(service_->AddListing(station_, listing).error().code, "forbidden");
  EXPECT_EQ(service_->GetListing(other_district_, listed->listing.id).error().code, "not_found");

  // The distribution of the district: one A, one B, one listed.
  auto spread = service_->Distribution(district_, std::nullopt, "");
  ASSERT_TRUE(spread.ok());
  EXPECT_EQ(spread->year, 2026);
  EXPECT_EQ(spread->total.classes["A"], 1);
  EXPECT_EQ(spread->total.classes["B"], 1);
  EXPECT_EQ(spread->total.rated, 2);
  EXPECT_EQ(spread->total.blacklisted, 1);
  ASSERT_EQ(spread->regions.size(), 1u);
  EXPECT_EQ(spread->regions[0].region_code, "990102001000");
  EXPECT_EQ(service_->Distribution(other_district_, 2026, "")->total.rated, 0);

  // The public lists: A commended; the listed one exposed with its dates; B never shown.
  auto commended = service_->Public("commended", {1, 20});
  ASSERT_EQ(commended->items.size(), 1u);
  EXPECT_EQ(commended->items[0].name, "甲机械厂");
  EXPECT_EQ(commended->items[0].credit_class, "A");
  auto exposed = service_->Public("exposed", {1, 20});
  ASSERT_EQ(exposed->items.size(), 1u);
  EXPECT_EQ(exposed->items[0].name, "乙化工厂");
  EXPECT_EQ(exposed->items[0].credit_class, "");
  EXPECT_EQ(exposed->items[0].listed_to, "2029-11-15");
  auto json = ToJson(exposed->items[0]);
  EXPECT_FALSE(json.contains("reason") || json.contains("id") || json.contains("address"));
  auto found = service_->Lookup("化工");
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->at(0).credit_class, "");
  EXPECT_TRUE(found->at(0).listed_from.has_value());
  auto by_code = service_->Lookup(uscc::Complete("91990102MA000001"));
  ASSERT_EQ(by_code->size(), 1u);
  EXPECT_EQ(by_code->at(0).credit_class, "A");
  EXPECT_EQ(service_->Lookup("甲").error().code, "invalid_query");
  EXPECT_EQ(service_->Public("all", {1, 20}).error().code, "invalid_list");

  // Early removal: not before 12 months have passed; then granted, and the listing ends.
  auto removed = service_->RemoveListing(district_, listed->listing.id, listed->listing.version,
                                         "企业申请信用修复，整改到位");
  EXPECT_EQ(removed.error().code, "removal_too_early");
  clock_.Set(*ParseInstant("2027-11-15T02:00:00Z"));
  EXPECT_EQ(
      service_->RemoveListing(district_, listed->listing.id, listed->listing.version, "整改到位")
          .error()
          .code,
      "removal_too_early");
  clock_.Set(*ParseInstant("2027-11-16T02:00:00Z"));
  removed = service_->RemoveListing(district_, listed->listing.id, listed->listing.version,
                                    "企业申请信用修复，整改到位");
  ASSERT_TRUE(removed.ok()) << removed.error().code;
  EXPECT_EQ(removed->listing.removed_on, "2027-11-16");
  EXPECT_EQ(service_->Public("exposed", {1, 20})->total, 0);
  EXPECT_EQ(service_->RemoveListing(district_, listed->listing.id, removed->listing.version, "再次")
                .error()
                .code,
            "listing_not_active");
  store::ListingFilter gone;
  gone.status = "removed";
  EXPECT_EQ(service_->Listings(district_, gone, {1, 20})->total, 1);
}

TEST_P(CreditServiceTest, RepairEndsADisclosureOrAListingAndMeasuresFollowTheClass) {
  // A D rating (by the score), published; the enterprise applies, the bureau approves.
  auto d = Approved(good_, 50, 50);
  ASSERT_EQ(d.outcome.final_class, "D");
  EXPECT_EQ(service_->Public("exposed", {1, 20})->total, 1);
  auto card = service_->Enterprise(owner_, good_);
  ASSERT_TRUE(card.ok()) << card.error().code;
  ASSERT_TRUE(card->rating.has_value());
  EXPECT_EQ(card->rating->outcome.final_class, "D");
  std::set<std::string> classes;
  for (const auto& m : card->measures) classes.insert(m.credit_class);
  EXPECT_EQ(classes, std::set<std::string>{"D"});
  RepairInput in;
  in.kind = "rating";
  in.evaluation_id = d.evaluation.id;
  in.statement = "已完成全部整改并公开承诺";
  in.evidence = "整改验收报告、培训记录";
  EXPECT_EQ(service_->ApplyRepair(district_, in).error().code, "forbidden");
  auto applied = service_->ApplyRepair(owner_, in);
  ASSERT_TRUE(applied.ok()) << applied.error().code << " " << applied.error().field;
  EXPECT_EQ(applied->status, "applied");
  // The application rings the district's bureau, not another district's nor the enterprise.
  EXPECT_EQ(Bell(district_), std::vector<std::string>{"credit_repair_applied 甲机械厂 applied"});
  EXPECT_TRUE(Bell(other_district_).empty());
  EXPECT_TRUE(Bell(owner_).empty());
  EXPECT_EQ(service_->ApplyRepair(owner_, in).error().code, "repair_open");
  EXPECT_EQ(service_->DecideRepair(station_, applied->id, applied->version, true, "").error().code,
            "forbidden");
  EXPECT_EQ(
      service_->DecideRepair(district_, applied->id, applied->version, false, "").error().code,
      "required");
  EXPECT_EQ(service_->DecideRepair(other_district_, applied->id, applied->version, true, "同意")
                .error()
                .code,
            "not_found");
  auto approved =
      service_->DecideRepair(district_, applied->id, applied->version, true, "同意修复");
  ASSERT_TRUE(approved.ok()) << approved.error().code;
  EXPECT_EQ(approved->status, "approved");
  EXPECT_EQ(Bell(owner_), std::vector<std::string>{"credit_repair_decided 甲机械厂 approved"});
  // The disclosure ends; the rating and the application stay in the history.
  EXPECT_EQ(service_->Public("exposed", {1, 20})->total, 0);
  EXPECT_TRUE(service_->Get(district_, d.evaluation.id)->evaluation.repaired_at.has_value());
  EXPECT_EQ(service_->ApplyRepair(owner_, in).error().code, "not_repairable");
  EXPECT_EQ(
      service_->DecideRepair(district_, applied->id, approved->version, true, "x").error().code,
      "repair_decided");

  // A listing: not before removal opens; then the repair removes it.
  auto owner_other = Account("owner_b", Role::kEnterprise, std::nullopt, other_);
  ListingInput listing{other_, {"拒不整改", "甲区应急管理局", "2026-10-01", "2026-10-10", ""}};
  auto listed = service_->AddListing(district_, listing);
  ASSERT_TRUE(listed.ok());
  RepairInput leave;
  leave.kind = "blacklist";
  leave.listing_id = listed->listing.id;
  leave.statement = "已履行处罚决定";
  leave.evidence = "罚款缴纳凭证";
  EXPECT_EQ(service_->ApplyRepair(owner_other, leave).error().code, "removal_too_early");
  EXPECT_EQ(service_->ApplyRepair(owner_, leave).error().code, "listing_not_found");
  auto listed_card = service_->Enterprise(district_, other_);
  classes.clear();
  for (const auto& m : listed_card->measures) classes.insert(m.credit_class);
  EXPECT_TRUE(classes.contains("blacklist"));
  // Removal opens twelve months and a day after the start: 2027-10-11.
  clock_.Set(*ParseInstant("2027-10-10T02:00:00Z"));
  EXPECT_EQ(service_->ApplyRepair(owner_other, leave).error().code, "removal_too_early");
  clock_.Set(*ParseInstant("2027-10-11T02:00:00Z"));
  auto asked = service_->ApplyRepair(owner_other, leave);
  ASSERT_TRUE(asked.ok()) << asked.error().code;
  auto rejected = service_->DecideRepair(district_, asked->id, asked->version, false, "罚款未缴清");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(Bell(owner_other), std::vector<std::string>{"credit_repair_decided 乙化工厂 rejected"});
  EXPECT_TRUE(service_->GetListing(district_, listed->listing.id)->listing.removed_on ==
              std::nullopt);
  auto again = service_->ApplyRepair(owner_other, leave);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(
      service_->DecideRepair(district_, again->id, again->version, true, "已缴清，同意移出").ok());
  auto removed = service_->GetListing(district_, listed->listing.id);
  EXPECT_EQ(removed->listing.removed_on, "2027-10-11");
  EXPECT_EQ(removed->listing.removal_reason, "已缴清，同意移出");
  EXPECT_EQ(service_->Repairs(district_, {.enterprise_id = other_}, {1, 20})->total, 2);

  // The measures as a workbook for the other departments: one row per rating with its measures.
  auto sheet = service_->ExportMeasures(district_, 2026, "", "zh-CN");
  ASSERT_TRUE(sheet.ok()) << sheet.error().code;
  auto table = table_file::ReadTable(*sheet);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].at(4), "信用等级");
  EXPECT_EQ(table->rows[1].at(0), "甲机械厂");
  EXPECT_EQ(table->rows[1].at(4), "D");
  EXPECT_NE(table->rows[1].at(6).find("重点监管"), std::string::npos);
  // An administrator edits a measure's text.
  auto admin = As(Role::kAdmin, std::nullopt);
  auto measures = service_->Measures(admin);
  MeasureInput change;
  change.version = measures->at(0).version;
  change.text = "优先推荐参加评先评优";
  EXPECT_EQ(service_->UpdateMeasure(district_, measures->at(0).id, change).error().code,
            "forbidden");
  auto changed = service_->UpdateMeasure(admin, measures->at(0).id, change);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->text, "优先推荐参加评先评优");
}

INSTANTIATE_TEST_SUITE_P(Backends, CreditServiceTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace anjian::credit
