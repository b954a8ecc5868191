// The registry's use cases against real databases: scope, locking, duplicates, own profile.
#include "modules/enterprise/enterprise_service.hpp"

#include <gtest/gtest.h>

#include "core/uscc.hpp"
#include "modules/region/region_service.hpp"
#include "testing/test_database.hpp"

namespace anjian::enterprise {
namespace {

using testing::As;

class EnterpriseServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    regions_ = std::make_unique<region::Service>(**database_, clock_);
    auto report = regions_->ImportAsSystem(testing::kTwoDistrictsCsv, "test");
    ASSERT_EQ(report.created, testing::kTwoDistrictsRegions);
    service_ = std::make_unique<Service>(**database_, clock_, *regions_);
  }

  static Enterprise Make(const std::string& uscc, const std::string& region) {
    Enterprise e;
    e.uscc = uscc;
    e.name = "测试企业 " + uscc;
    e.region_code = region;
    e.industry_code = "C33";
    e.employees = 50;
    e.frontline_workers = 40;
    e.safety_inspectors = 2;
    return e;
  }

  ManualClock clock_{Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}}};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<region::Service> regions_;
  std::unique_ptr<Service> service_;
  Principal admin_ = As(Role::kAdmin, std::nullopt);
  Principal district_a_ = As(Role::kBureau, "990102000000");
  Principal station_b_ = As(Role::kStation, "990103001000");
};

TEST_P(EnterpriseServiceTest, ScopeDecidesWhatIsSeenAndWritten) {
  auto a = service_->Create(district_a_, Make("91350100M000100Y43", "990102001201"));
  ASSERT_TRUE(a.ok()) << a.error().code;
  auto b = service_->Create(station_b_, Make("9144030071526726XG", "990103001201"));
  ASSERT_TRUE(b.ok()) << b.error().code;
  auto outside =
      service_->Create(district_a_, Make(uscc::Complete("9199010300000001"), "990103001201"));
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, "region_not_found");

  struct Case {
    const char* name;
    Principal who;
    int64_t total;
    bool sees_a;
    bool sees_b;
  };
  const Case cases[] = {
      {"admin", admin_, 2, true, true},
      {"district A", district_a_, 1, true, false},
      {"station B", station_b_, 1, false, true},
      // A grid worker sees the enterprises of the cells it leads, and it leads none here.
      {"grid in A, no cells", As(Role::kGrid, "990102001201"), 0, false, false},
      {"enterprise B", As(Role::kEnterprise, std::nullopt, b->id), 1, false, true},
  };
  for (const auto& c : cases) {
    auto listing = service_->List(c.who, {}, {1, 20});
    ASSERT_TRUE(listing.ok()) << c.name;
    EXPECT_EQ(listing->total, c.total) << c.name;
    EXPECT_EQ(service_->Get(c.who, a->id).ok(), c.sees_a) << c.name;
    EXPECT_EQ(service_->Get(c.who, b->id).ok(), c.sees_b) << c.name;
  }
  EXPECT_EQ(service_->List(As(Role::kExpert, std::nullopt), {}, {1, 20}).error().code, "forbidden");
  Filter escape;
  escape.region_code = "990103000000";
  EXPECT_EQ(service_->List(district_a_, escape, {1, 20})->total, 0);
  Changes rename;
  rename.version = 1;
  rename.name = "越权";
  EXPECT_EQ(service_->Update(district_a_, b->id, rename).error().code, "not_found");
}

TEST_P(EnterpriseServiceTest, DuplicatesStaleVersionsAndOwnProfile) {
  auto a = service_->Create(admin_, Make("91350100M000100Y43", "990102001201"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(service_->Create(admin_, Make("91350100M000100Y43", "990102001201")).error().code,
            "uscc_taken");
  auto unknown_industry = Make("9144030071526726XG", "990102001201");
  unknown_industry.industry_code = "Z99";
  EXPECT_EQ(service_->Create(admin_, unknown_industry).error().code, "unknown_industry");
  auto missing_village = Make("9144030071526726XG", "990102001299");
  auto refused = service_->Create(admin_, missing_village);
  EXPECT_EQ(refused.error().code, "region_not_found");
  EXPECT_EQ(refused.error().field, "region_code");

  Changes first;
  first.version = 1;
  first.address = "一号";
  ASSERT_TRUE(service_->Update(district_a_, a->id, first).ok());
  EXPECT_EQ(service_->Update(district_a_, a->id, first).error().code, "stale_version");

  auto own = As(Role::kEnterprise, std::nullopt, a->id);
  Changes address;
  address.version = 2;
  address.address = "二号";
  auto updated = service_->Update(own, a->id, address);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->address, "二号");
  Changes code;
  code.version = 3;
  code.uscc = "9144030071526726XG";
  EXPECT_EQ(service_->Update(own, a->id, code).error().code, "field_locked");
  Changes region;
  region.version = 3;
  region.region_code = "990102001201";  // unchanged: allowed
  EXPECT_TRUE(service_->Update(own, a->id, region).ok());
}

// An import checks every row first; "all" writes nothing when one is rejected, "valid" writes the
// rest; another district's villages and records are refused without being revealed.
TEST_P(EnterpriseServiceTest, ImportAllOrNothingOrValidRowsWithinScope) {
  auto own = service_->Create(district_a_, Make("91350100M000100Y43", "990102001201"));
  auto other = service_->Create(admin_, Make("9144030071526726XG", "990103001201"));
  ASSERT_TRUE(own.ok() && other.ok());
  std::string fresh = uscc::Complete("9199010200000007");
  std::string csv =
      "统一社会信用代码,企业名称,所在村（社区）代码,行业代码,从业人员\n"
      "91350100M000100Y43,改名企业,990102001201,C33,50\n" +  // updates its own
      fresh +
      ",新企业,990102001201,C34,30\n" +                                         // creates
      uscc::Complete("9199010300000008") + ",越界企业,990103001201,C33,10\n" +  // other district
      "9144030071526726XG,抢占企业,990102001201,C33,10\n" +  // another district's record
      uscc::Complete("9199010200000009") + ",行业不明,990102001201,Z99,10\n";
  auto count = [&] { return service_->List(admin_, {}, {1, 20})->total; };

  auto all = service_->Import(district_a_, csv, {});
  ASSERT_TRUE(all.ok()) << all.error().code;
  EXPECT_FALSE(all->committed);
  EXPECT_EQ(all->rows, 5);
  EXPECT_EQ(all->created, 1);
  EXPECT_EQ(all->updated, 1);
  ASSERT_EQ(all->rejected.size(), 3u);
  EXPECT_EQ(all->rejected[0].row, 4);
  EXPECT_EQ(all->rejected[0].code, "region_not_found");
  EXPECT_EQ(all->rejected[1].row, 5);
  EXPECT_EQ(all->rejected[1].code, "uscc_taken");
  EXPECT_EQ(all->rejected[2].code, "unknown_industry");
  EXPECT_EQ(count(), 2) << "all-or-nothing wrote nothing";
  EXPECT_EQ(service_->Get(admin_, own->id)->name, own->name);

  auto preview = service_->Import(district_a_, csv, {.valid_only = true, .dry_run = true});
  EXPECT_FALSE(preview->committed);
  EXPECT_EQ(count(), 2) << "a dry run wrote nothing";

  auto valid = service_->Import(district_a_, csv, {.valid_only = true});
  EXPECT_TRUE(valid->committed);
  EXPECT_EQ(count(), 3);
  EXPECT_EQ(service_->Get(admin_, own->id)->name, "改名企业");
  EXPECT_EQ(service_->Get(admin_, own->id)->version, own->version + 1);
  EXPECT_EQ(service_->Get(admin_, other->id)->name, other->name);

  auto again = service_->Import(district_a_, csv, {.valid_only = true});
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 2) << "re-importing the same file changes nothing";
  EXPECT_EQ(count(), 3);

  EXPECT_EQ(service_->Import(As(Role::kGrid, "990102001000"), csv, {}).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(service_->Import(district_a_, "\xff\xfe bad", {}).error().code, "file_not_utf8");
}

// The village counts behind unfiltered totals follow creation, moves and imports; pages read by
// walking a sort's index (wide scopes) and by sorting the scope (narrow ones) agree.
TEST_P(EnterpriseServiceTest, TotalsAndPagesAgreeWhicheverWayTheyAreRead) {
  std::vector<Enterprise> made;
  for (int i = 0; i < 30; ++i) {
    auto e = Make(uscc::Complete("91990102MA" + std::to_string(100000 + i)),
                  i % 3 == 0 ? "990103001201" : "990102001201");
    e.name = "企业" + std::to_string((i * 7) % 30 + 10);
    e.employees = (i * 11) % 17 + 40;
    auto created = service_->Create(admin_, e);
    ASSERT_TRUE(created.ok()) << created.error().code;
    made.push_back(*created);
  }
  Changes move;
  move.version = made[1].version;
  move.region_code = "990103001201";
  ASSERT_TRUE(service_->Update(admin_, made[1].id, move).ok());

  // Unfiltered totals come from the counts; a status filter counts rows: both must agree.
  Filter operating;
  operating.status = "operating";
  for (const auto& who : {admin_, district_a_, station_b_}) {
    auto counted = service_->List(who, operating, {1, 1});
    auto summed = service_->List(who, {}, {1, 1});
    EXPECT_EQ(summed->total, counted->total) << RoleName(who.role);
  }
  EXPECT_EQ(service_->List(district_a_, {}, {1, 1})->total, 19);

  for (const char* sort : {"id", "name", "-employees", "-updated_at"}) {
    for (const auto& who : {admin_, district_a_}) {
      Filter by;
      by.sort = sort;
      std::vector<int64_t> walked;
      for (int64_t page = 1; page <= 30; ++page) {
        auto listing = service_->List(who, by, {page, 2});  // narrow pages: the index walk
        ASSERT_TRUE(listing.ok());
        for (const auto& e : listing->items) walked.push_back(e.id);
        if (listing->items.empty()) break;
      }
      std::vector<int64_t> sorted;
      auto all = service_->List(who, by, {1, 200});  // one wide page: the sorted scope
      for (const auto& e : all->items) sorted.push_back(e.id);
      EXPECT_EQ(walked, sorted) << sort << " as " << RoleName(who.role);
      EXPECT_EQ(static_cast<int64_t>(sorted.size()), all->total);
    }
  }
}

// A use case holds at most one pooled connection at a time: with a pool of one, moving an
// enterprise to another village (which asks the region service) must still finish.
TEST_P(EnterpriseServiceTest, MovingARecordNeedsOnlyOneConnection) {
  testing::TestDatabase single(GetParam(), /*migrate=*/true, /*pool_size=*/1);
  region::Service regions(*single, clock_);
  ASSERT_EQ(regions.ImportAsSystem(testing::kTwoDistrictsCsv, "test").created,
            testing::kTwoDistrictsRegions);
  Service service(*single, clock_, regions);
  auto created = service.Create(admin_, Make("91350100M000100Y43", "990102001201"));
  ASSERT_TRUE(created.ok());
  Changes move;
  move.version = 1;
  move.region_code = "990103001201";
  auto moved = service.Update(admin_, created->id, move);
  ASSERT_TRUE(moved.ok()) << moved.error().code;
  EXPECT_EQ(moved->region_code, "990103001201");
}

INSTANTIATE_TEST_SUITE_P(Backends, EnterpriseServiceTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace anjian::enterprise
