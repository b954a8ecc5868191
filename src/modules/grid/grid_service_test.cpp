// The grid against real databases: who draws cells, who leads them, and what a grid worker sees.
#include "modules/grid/grid_service.hpp"

#include <gtest/gtest.h>

#include "core/uscc.hpp"
#include "modules/enterprise/enterprise_service.hpp"
#include "modules/identity/identity_store.hpp"
#include "modules/region/region_service.hpp"
#include "testing/test_database.hpp"

namespace anjian::grid {
namespace {

constexpr const char* kTownA = "990102001000";
constexpr const char* kVillageA1 = "990102001201";
constexpr const char* kVillageA2 = "990102001202";

class GridServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<testing::TestDatabase>(GetParam());
    regions_ = std::make_unique<region::Service>(**database_, clock_);
    regions_->ImportAsSystem(testing::kTwoDistrictsCsv, "test");
    regions_->ImportAsSystem("code,name\n990102001202,甲二村\n", "test");
    service_ = std::make_unique<Service>(**database_, clock_, *regions_);
    enterprises_ = std::make_unique<enterprise::Service>(**database_, clock_, *regions_);
    station_a_ = AddUser("station_a", Role::kStation, kTownA);
    grid_1_ = AddUser("grid_1", Role::kGrid, kTownA);
    grid_2_ = AddUser("grid_2", Role::kGrid, kTownA);
    station_b_ = AddUser("station_b", Role::kStation, "990103001000");
  }

  Principal AddUser(const std::string& username, Role role, const std::string& region) {
    db::Transaction tx(**database_, db::TransactionMode::kWrite);
    identity::NewUser user{username, username,    "", std::string(RoleName(role)),
                           region,   std::nullopt};
    Principal p;
    p.user_id = identity::store::InsertUser(tx, user, "x", "2026-11-23T00:00:00Z");
    tx.Commit();
    p.username = username;
    p.role = role;
    p.region_code = region;
    return p;
  }

  static Cell Make(int64_t level, std::optional<int64_t> parent, const std::string& region,
                   std::optional<int64_t> responsible) {
    Cell c;
    c.level = level;
    c.parent_id = parent;
    c.region_code = region;
    c.name = "网格 " + region;
    c.responsible_user_id = responsible;
    return c;
  }

  enterprise::Enterprise Company(int n, const std::string& village) {
    enterprise::Enterprise e;
    std::string serial = std::to_string(100000 + n);
    e.uscc = uscc::Complete("91990102MA" + serial);
    e.name = "企业" + serial;
    e.region_code = village;
    e.industry_code = "C33";
    return e;
  }

  ManualClock clock_{Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}}};
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<region::Service> regions_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<enterprise::Service> enterprises_;
  Principal admin_ = [] {
    Principal p;
    p.role = Role::kAdmin;
    p.username = "admin";
    return p;
  }();
  Principal station_a_, grid_1_, grid_2_, station_b_;
};

TEST_P(GridServiceTest, GridWorkersSeeOnlyTheCellsTheyLead) {
  auto town = service_->Create(station_a_, Make(1, std::nullopt, kTownA, station_a_.user_id));
  ASSERT_TRUE(town.ok()) << town.error().code;
  auto cell_1 = service_->Create(station_a_, Make(2, town->id, kVillageA1, grid_1_.user_id));
  ASSERT_TRUE(cell_1.ok()) << cell_1.error().code;
  auto cell_2 = service_->Create(station_a_, Make(2, town->id, kVillageA2, grid_2_.user_id));
  ASSERT_TRUE(cell_2.ok()) << cell_2.error().code;

  // New enterprises go into their village's only cell.
  auto in_1 = enterprises_->Create(station_a_, Company(1, kVillageA1));
  auto in_2 = enterprises_->Create(station_a_, Company(2, kVillageA2));
  ASSERT_TRUE(in_1.ok() && in_2.ok());
  EXPECT_EQ(in_1->grid_cell_id, cell_1->id);
  EXPECT_EQ(in_2->grid_cell_id, cell_2->id);

  auto seen = enterprises_->List(grid_1_, {}, {1, 20});
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->total, 1);
  EXPECT_EQ(seen->items[0].id, in_1->id);
  EXPECT_EQ(enterprises_->Get(grid_1_, in_2->id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(enterprises_->Get(grid_2_, in_1->id).error().kind, ErrorKind::kNotFound);

  auto cells = service_->List(grid_1_, {}, {1, 20});
  ASSERT_TRUE(cells.ok());
  ASSERT_EQ(cells->total, 1);
  EXPECT_EQ(cells->items[0].id, cell_1->id);
  EXPECT_EQ(cells->items[0].enterprises, 1);
  EXPECT_EQ(service_->Get(grid_1_, cell_2->id).error().kind, ErrorKind::kNotFound);

  // The station leading the town cell counts both villages' enterprises there.
  auto town_now = service_->Get(station_a_, town->id);
  ASSERT_TRUE(town_now.ok());
  EXPECT_EQ(town_now->enterprises, 2);
  EXPECT_EQ(town_now->responsible_name, "station_a");

  // A grid worker reads but never draws.
  EXPECT_EQ(service_->Create(grid_1_, Make(2, town->id, kVillageA1, std::nullopt)).error().kind,
            ErrorKind::kForbidden);

  // Another town's station sees none of it and cannot draw here.
  auto other = service_->List(station_b_, {}, {1, 20});
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->total, 0);
  EXPECT_EQ(service_->Get(station_b_, town->id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(service_->Create(station_b_, Make(1, std::nullopt, kTownA, std::nullopt)).error().code,
            "region_not_found");
  EXPECT_EQ(
      service_->Create(station_b_, Make(2, town->id, "990103001201", std::nullopt)).error().code,
      "grid_parent_not_found");
}

TEST_P(GridServiceTest, ResponsiblePersonsAreCheckedAgainstTheirAccounts) {
  auto town = service_->Create(admin_, Make(1, std::nullopt, kTownA, std::nullopt));
  ASSERT_TRUE(town.ok());
  struct Case {
    const char* name;
    Cell cell;
    const char* code;
  };
  const Case cases[] = {
      {"grid worker leading a town", Make(1, std::nullopt, kTownA, grid_1_.user_id),
       "responsible_role"},
      {"station of another district", Make(2, town->id, kVillageA1, station_b_.user_id),
       "responsible_out_of_region"},
      {"no such account", Make(2, town->id, kVillageA1, 999'999), "user_not_found"},
  };
  for (const auto& c : cases) {
    auto created = service_->Create(admin_, c.cell);
    ASSERT_FALSE(created.ok()) << c.name;
    EXPECT_EQ(created.error().code, c.code) << c.name;
  }
  auto listing = service_->List(admin_, {}, {1, 20});
  EXPECT_EQ(listing->total, 1) << "a rejected cell is not written";
}

TEST_P(GridServiceTest, MovingEnterprisesIsAllOrNothing) {
  auto town = service_->Create(station_a_, Make(1, std::nullopt, kTownA, station_a_.user_id));
  auto first = service_->Create(station_a_, Make(2, town->id, kVillageA1, grid_1_.user_id));
  ASSERT_TRUE(first.ok());
  auto a = enterprises_->Create(station_a_, Company(1, kVillageA1));
  ASSERT_EQ(a->grid_cell_id, first->id);
  // A second cell in the village: new enterprises no longer have one obvious cell.
  auto second = service_->Create(station_a_, Make(2, town->id, kVillageA1, grid_2_.user_id));
  ASSERT_TRUE(second.ok());
  auto b = enterprises_->Create(station_a_, Company(2, kVillageA1));
  EXPECT_EQ(b->grid_cell_id, std::nullopt);
  auto elsewhere = enterprises_->Create(station_a_, Company(3, kVillageA2));
  ASSERT_TRUE(elsewhere.ok());

  enterprise::Filter unplaced;
  unplaced.unplaced = true;
  EXPECT_EQ(enterprises_->List(station_a_, unplaced, {1, 20})->total, 2);

  // One enterprise of another village spoils the batch: nothing moves.
  auto refused = enterprises_->PlaceInCell(station_a_, second->id, {a->id, b->id, elsewhere->id});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "grid_other_village");
  EXPECT_EQ(enterprises_->Get(station_a_, a->id)->grid_cell_id, first->id);
  EXPECT_EQ(enterprises_->Get(station_a_, a->id)->version, a->version);

  auto moved = enterprises_->PlaceInCell(station_a_, second->id, {a->id, b->id});
  ASSERT_TRUE(moved.ok()) << moved.error().code;
  EXPECT_EQ(*moved, 2);
  EXPECT_EQ(enterprises_->Get(station_a_, a->id)->grid_cell_id, second->id);
  EXPECT_EQ(enterprises_->Get(station_a_, a->id)->version, a->version + 1);
  enterprise::Filter in_second;
  in_second.grid_id = second->id;
  EXPECT_EQ(enterprises_->List(station_a_, in_second, {1, 20})->total, 2);
  enterprise::Filter in_town;
  in_town.grid_id = town->id;
  EXPECT_EQ(enterprises_->List(station_a_, in_town, {1, 20})->total, 2);
  EXPECT_EQ(enterprises_->PlaceInCell(station_a_, town->id, {a->id}).error().code,
            "grid_not_level2");
  EXPECT_EQ(enterprises_->PlaceInCell(grid_2_, second->id, {a->id}).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(enterprises_->PlaceInCell(station_b_, second->id, {a->id}).error().kind,
            ErrorKind::kNotFound);

  // Only an empty cell can go, and only at its current version.
  EXPECT_EQ(service_->Delete(station_a_, second->id, second->version).error().code,
            "grid_not_empty");
  EXPECT_EQ(service_->Delete(station_a_, town->id, town->version).error().code, "grid_not_empty");
  EXPECT_EQ(service_->Delete(station_a_, first->id, first->version + 1).error().code,
            "stale_version");
  EXPECT_TRUE(service_->Delete(station_a_, first->id, first->version).ok());
  EXPECT_EQ(service_->Get(station_a_, first->id).error().kind, ErrorKind::kNotFound);
}

TEST_P(GridServiceTest, EditsAreVersioned) {
  auto town = service_->Create(station_a_, Make(1, std::nullopt, kTownA, std::nullopt));
  ASSERT_TRUE(town.ok());
  Changes changes;
  changes.version = town->version;
  changes.responsible_user_id = station_a_.user_id;
  changes.phone = "0591-87654321";
  auto updated = service_->Update(station_a_, town->id, changes);
  ASSERT_TRUE(updated.ok()) << updated.error().code;
  EXPECT_EQ(updated->version, town->version + 1);
  EXPECT_EQ(updated->responsible_name, "station_a");
  EXPECT_EQ(service_->Update(station_a_, town->id, changes).error().code, "stale_version");
  changes.version = updated->version;
  changes.responsible_user_id = grid_1_.user_id;  // a grid worker cannot lead a town
  EXPECT_EQ(service_->Update(station_a_, town->id, changes).error().code, "responsible_role");
}

INSTANTIATE_TEST_SUITE_P(Backends, GridServiceTest, ::testing::ValuesIn(testing::Backends()),
                         testing::BackendName);

}  // namespace
}  // namespace anjian::grid
