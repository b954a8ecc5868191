// The demo city 江川市 of the fictional 示范省: 6 districts, 60 towns and streets, 600 villages and
// communities, 20,000 enterprises by default, and an account for every role. Everything is derived
// from fixed lists, so two runs build the same city.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "app/app.hpp"
#include "app/demo_photo.hpp"
#include "core/clock.hpp"
#include "core/uscc.hpp"

namespace anjian::app {
namespace {

struct District {
  const char* code;
  const char* name;
};

constexpr std::array<District, 6> kDistricts = {{
    {"990102", "清源区"},
    {"990103", "临江区"},
    {"990104", "东湖区"},
    {"990105", "青山区"},
    {"990106", "南溪区"},
    {"990107", "北岭区"},
}};

constexpr std::array<const char*, 10> kTownFirst = {"东", "西", "南", "北", "新",
                                                    "古", "长", "清", "永", "兴"};
constexpr std::array<const char*, 6> kTownSecond = {"安", "和", "平", "宁", "丰", "源"};
constexpr std::array<const char*, 10> kVillageFirst = {"李家", "王家", "张家", "刘家", "陈家",
                                                       "杨家", "赵家", "黄家", "周家", "吴家"};
constexpr std::array<const char*, 10> kVillageSecond = {"湾", "坪", "岭", "桥", "庄",
                                                        "坝", "沟", "塘", "岗", "洼"};
constexpr std::array<const char*, 3> kCommunities = {"幸福", "光明", "阳光"};
constexpr std::array<const char*, 12> kSurnames = {"王", "李", "张", "刘", "陈", "杨",
                                                   "赵", "黄", "周", "吴", "徐", "孙"};
constexpr std::array<const char*, 12> kGivenNames = {"伟", "芳", "娜", "敏", "静", "强",
                                                     "磊", "军", "洋", "勇", "艳", "杰"};

constexpr int kTownsPerDistrict = 10;
constexpr int kStreetsPerDistrict = 4;  // towns 1–4 are streets (001–004), 5–10 towns (101–106)
constexpr int kVillagesPerTown = 10;  // 3 communities (001–003), 7 villages (201–207)
constexpr int kGridWorkersPerTown = 2;
constexpr int kInspectedEvery = 10;  // one enterprise in ten has an inspection in the demo

std::string Pad(int value, int width) {
  std::string text = std::to_string(value);
  return std::string(static_cast<size_t>(width) - text.size(), '0') + text;
}

std::string TownCode(int district, int town) {
  int number = town <= kStreetsPerDistrict ? town : 100 + town - kStreetsPerDistrict;
  return std::string(kDistricts[static_cast<size_t>(district)].code) + Pad(number, 3) + "000";
}

std::string VillageCode(const std::string& town_code, int village) {
  int number = village <= 3 ? village : 200 + village - 3;
  return town_code.substr(0, 9) + Pad(number, 3);
}

std::string PersonName(int seed) {
  return std::string(kSurnames[static_cast<size_t>(seed) % kSurnames.size()]) +
         kGivenNames[static_cast<size_t>(seed * 7 + 3) % kGivenNames.size()];
}

struct Village {
  std::string code;
  std::string address;  // town and village names
  std::string town_name;
  std::string name;
  int district = 0;
  int town = 0;  // 1-based within the district
};

// The region CSV of the whole city, and its villages in code order for placing enterprises.
std::string CsvOfCity(std::vector<Village>& villages) {
  std::string csv = "code,name\n990000000000,示范省\n990100000000,江川市\n";
  for (int d = 0; d < static_cast<int>(kDistricts.size()); ++d) {
    csv += std::string(kDistricts[static_cast<size_t>(d)].code) + "000000," +
           kDistricts[static_cast<size_t>(d)].name + "\n";
    for (int t = 1; t <= kTownsPerDistrict; ++t) {
      int index = d * kTownsPerDistrict + t - 1;
      std::string town_code = TownCode(d, t);
      std::string town_name = std::string(kTownFirst[static_cast<size_t>(index / 6)]) +
                              kTownSecond[static_cast<size_t>(index % 6)] +
                              (t <= kStreetsPerDistrict ? "街道" : "镇");
      csv.append(town_code).append(",").append(town_name).append("\n");
      for (int v = 1; v <= kVillagesPerTown; ++v) {
        std::string name = v <= 3
                               ? std::string(kCommunities[static_cast<size_t>(v - 1)]) + "社区"
                               : std::string(kVillageFirst[static_cast<size_t>(v + index) % 10]) +
                                     kVillageSecond[static_cast<size_t>(v * 3 + index) % 10] + "村";
        std::string code = VillageCode(town_code, v);
        csv.append(code).append(",").append(name).append("\n");
        std::string address(kDistricts[static_cast<size_t>(d)].name);
        address.append(town_name).append(name);
        villages.push_back({code, address, town_name, name, d, t});
      }
    }
  }
  return csv;
}

// A small deterministic generator (64-bit LCG), so the demo city is the same on every run.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }
  int Between(int low, int high) {
    return low + static_cast<int>(Next() % static_cast<uint64_t>(high - low + 1));
  }
  bool Chance(int percent) { return static_cast<int>(Next() % 100) < percent; }

 private:
  uint64_t state_;
};

struct Sector {
  const char* industry;
  const char* word;
  int weight;
  const char* tag;  // a tag most of the sector carries, or nullptr
  int tag_percent;
};

// A sector mix of an industrial city: mostly manufacturing, with trade, construction and
// logistics; tags follow the risks of each sector.
constexpr std::array<Sector, 26> kSectors = {{
    {"C33", "金属制品", 12, "dust_explosion", 30},
    {"C34", "机械设备", 10, nullptr, 0},
    {"C29", "塑料制品", 8, nullptr, 0},
    {"C30", "建材", 5, "confined_space", 20},
    {"C31", "钢铁", 2, "metallurgy", 100},
    {"C32", "铝业", 2, "metallurgy", 100},
    {"C13", "食品", 5, "ammonia_refrigeration", 40},
    {"C14", "食品", 4, "ammonia_refrigeration", 30},
    {"C17", "纺织", 5, "dust_explosion", 20},
    {"C18", "服饰", 5, nullptr, 0},
    {"C20", "木业", 3, "dust_explosion", 50},
    {"C21", "家具", 4, "dust_explosion", 40},
    {"C22", "纸业", 2, "confined_space", 40},
    {"C23", "印务", 2, nullptr, 0},
    {"C26", "化工", 4, "hazardous_chemicals", 100},
    {"C38", "电气", 5, nullptr, 0},
    {"C39", "电子", 4, "hazardous_chemicals", 20},
    {"C36", "汽车配件", 2, nullptr, 0},
    {"C42", "再生资源", 1, "confined_space", 30},
    {"D44", "热电", 1, "flammable_gas", 60},
    {"F51", "商贸", 6, nullptr, 0},
    {"F52", "商行", 4, nullptr, 0},
    {"E47", "建设", 3, "lifting", 50},
    {"E50", "装饰", 2, nullptr, 0},
    {"G59", "物流", 3, "lifting", 30},
    {"H62", "餐饮", 3, "flammable_gas", 50},
}};

constexpr std::array<const char*, 30> kNameFirst = {
    "鑫", "恒", "华", "永", "金", "宏", "瑞", "长", "天", "隆", "振", "新", "佳", "正", "利",
    "万", "安", "博", "德", "汇", "富", "明", "东", "建", "源", "兴", "盛", "荣", "诚", "信"};
constexpr std::array<const char*, 30> kNameSecond = {
    "达", "泰", "盛", "固", "鼎", "远", "丰", "兴", "成", "基", "华", "欣", "和", "阳", "民",
    "通", "顺", "昌", "源", "辉", "强", "珠", "方", "业", "宇", "茂", "发", "晟", "邦", "联"};
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Enterprises first … first + count - 1 of the city; `random` carries on from the previous batch,
// so that the city is the same however it is cut into batches.
std::vector<enterprise::Enterprise> DemoEnterprises(const std::vector<Village>& villages, int first,
                                                    int count, Random& random) {
  int total_weight = 0;
  for (const auto& sector : kSectors) total_weight += sector.weight;
  std::vector<enterprise::Enterprise> out;
  out.reserve(static_cast<size_t>(count));
  for (int i = first; i < first + count; ++i) {
    const auto& village = villages[static_cast<size_t>(i) % villages.size()];
    int pick = random.Between(0, total_weight - 1);
    const Sector* sector = &kSectors[0];
    for (const auto& s : kSectors) {
      if (pick < s.weight) {
        sector = &s;
        break;
      }
      pick -= s.weight;
    }
    enterprise::Enterprise e;
    // The organisation code is "MA" and six characters that differ for every i (7919 is
    // coprime with 31^6), then both check characters.
    uint64_t serial = (static_cast<uint64_t>(i) * 7919 + 12345) % 887503681ULL;
    std::string org = "MA";
    std::string tail(6, '0');
    for (int k = 5; k >= 0; --k) {
      tail[static_cast<size_t>(k)] = kUsccAlphabet[serial % 31];
      serial /= 31;
    }
    std::string first16 = "91";
    first16.append(village.code, 0, 6).append(org).append(tail);
    e.uscc = uscc::Complete(first16);
    std::string district(kDistricts[static_cast<size_t>(village.district)].name);
    e.name = "江川市" + district.substr(0, district.size() - 3) +
             kNameFirst[random.Next() % kNameFirst.size()] +
             kNameSecond[random.Next() % kNameSecond.size()] + sector->word + "有限公司";
    e.region_code = village.code;
    e.industry_code = sector->industry;
    bool above = random.Chance(10);
    e.scale = above ? "above" : "below";
    e.employees = above ? random.Between(100, 2000) : random.Between(5, 150);
    e.frontline_workers = e.employees * random.Between(55, 85) / 100;
    // Most keep 5–10% inspectors; about one in five falls short and is flagged.
    int per_thousand = random.Chance(20) ? random.Between(0, 45) : random.Between(50, 100);
    e.safety_inspectors = (e.frontline_workers * per_thousand + 999) / 1000;
    if (sector->tag != nullptr && random.Chance(sector->tag_percent)) {
      e.hazard_tags.emplace_back(sector->tag);
    }
    if (random.Chance(12)) e.hazard_tags.emplace_back("confined_space");
    e.address = village.address + std::to_string(random.Between(1, 300)) + "号";
    e.longitude = 118.20 + village.district * 0.12 + random.Between(0, 1000) / 10000.0;
    e.latitude = 28.30 + village.town * 0.03 + random.Between(0, 1000) / 10000.0;
    int status = random.Between(1, 100);
    e.status = status <= 92 ? "operating" : status <= 97 ? "suspended" : "closed";
    if (random.Chance(above ? 60 : 20)) {
      e.standardization_level = above ? random.Between(2, 3) : 3;
      e.standardization_expiry = std::to_string(random.Between(2025, 2029)) + "-" +
                                 Pad(random.Between(1, 12), 2) + "-" +
                                 Pad(random.Between(1, 28), 2);
    }
    out.push_back(std::move(e));
  }
  return out;
}

// Every account as the principal it acts as, by username, read back after the accounts are made.
std::map<std::string, Principal> Accounts(App& app, const Principal& system) {
  std::map<std::string, Principal> accounts;
  for (int64_t page = 1;; ++page) {
    auto listing = app.identity().List(system, {}, {page, 200});
    if (!listing) throw std::runtime_error("demo: listing accounts: " + listing.error().code);
    for (const auto& user : listing->items) {
      accounts[user.username] = {user.id,   user.username,    user.name,
                                 user.role, user.region_code, user.enterprise_id};
    }
    if (page * 200 >= listing->total) break;
  }
  return accounts;
}

// Each town's plans: this quarter's routine inspection of every furnace enterprise (the sector
// the district scores) and this month's grid patrol of its first village, each enterprise with its
// grid worker. Progress comes from the inspections the demo has already made. Towns that have
// plans already are left alone, so that the demo can run again.
int DemoPlans(App& app) {
  Principal system;
  system.role = Role::kAdmin;
  std::string today = ChinaDate(app.clock().Now());
  int year = std::stoi(today.substr(0, 4));
  int month = std::stoi(today.substr(5, 2));
  int quarter = (month - 1) / 3 + 1;
  auto first_day = [](int y, int m) { return fmt::format("{:04}-{:02}-01", y, m); };
  auto last_day = [&](int y, int m) {
    return *AddDays(m == 12 ? first_day(y + 1, 1) : first_day(y, m + 1), -1);
  };
  int created = 0;
  for (const auto& [username, who] : Accounts(app, system)) {
    if (who.role != Role::kStation || !who.region_code) continue;
    auto existing = app.plans().List(who, "", {1, 1});
    if (!existing || existing->total > 0) continue;
    std::string town = *who.region_code;
    plan::NewPlan routine;
    routine.plan.name = fmt::format("{}年第{}季度冶金企业日常检查", year, quarter);
    routine.plan.kind = "town_routine";
    routine.plan.starts_on = first_day(year, quarter * 3 - 2);
    routine.plan.due_on = last_day(year, quarter * 3);
    routine.plan.note = "记分管理要求：每季度对冶金（炉窑）企业按22项全覆盖检查一次";
    routine.filter = enterprise::Filter{};
    routine.filter->region_code = town;
    routine.filter->tag = "metallurgy";
    routine.assignee_user_id = who.user_id;
    plan::NewPlan patrol;
    patrol.plan.name = fmt::format("{}年{}月网格巡查", year, month);
    patrol.plan.kind = "grid_patrol";
    patrol.plan.starts_on = first_day(year, month);
    patrol.plan.due_on = last_day(year, month);
    patrol.filter = enterprise::Filter{};
    patrol.filter->region_code = town.substr(0, 9) + "001";
    for (const auto* input : {&routine, &patrol}) {
      auto made = app.plans().Create(who, *input);
      // A town without furnace enterprises has no routine plan.
      if (!made && made.error().code != "invalid_plan_targets") {
        throw std::runtime_error("demo plan of " + username + ": " + made.error().code);
      }
      created += made ? 1 : 0;
    }
  }
  return created;
}

// A level-1 cell per town led by its station, a level-2 cell per village led by one of the
// town's two grid workers (villages 1–5 and 6–10). Returns each village's cell id.
std::map<std::string, int64_t> DemoGrid(App& app, const std::vector<Village>& villages,
                                        const std::map<std::string, Principal>& users) {
  std::vector<grid::Cell> towns;
  for (const auto& village : villages) {
    std::string town_code = TownCode(village.district, village.town);
    if (!towns.empty() && towns.back().region_code == town_code) continue;
    std::string suffix = std::to_string(village.district + 1) + "_" + std::to_string(village.town);
    grid::Cell cell;
    cell.level = 1;
    cell.region_code = town_code;
    cell.name = village.town_name + "网格";
    cell.responsible_user_id = users.at("station" + suffix).user_id;
    cell.phone = "0591-8" + Pad(village.district * 100 + village.town, 7);
    towns.push_back(std::move(cell));
  }
  auto town_ids = app.grids().CreateAsSystem(towns, "demo");
  std::map<std::string, int64_t> town_cell;
  for (size_t i = 0; i < towns.size(); ++i) town_cell[towns[i].region_code] = town_ids[i];

  std::vector<grid::Cell> cells;
  int index = 0;
  for (const auto& village : villages) {
    std::string town_code = TownCode(village.district, village.town);
    int number = index++ % kVillagesPerTown + 1;
    std::string suffix = std::to_string(village.district + 1) + "_" + std::to_string(village.town);
    int worker = number <= kVillagesPerTown / kGridWorkersPerTown ? 1 : 2;
    grid::Cell cell;
    cell.level = 2;
    cell.parent_id = town_cell.at(town_code);
    cell.region_code = village.code;
    cell.name = village.name + "网格";
    cell.responsible_user_id = users.at("grid" + suffix + "_" + std::to_string(worker)).user_id;
    cell.phone = "138" + Pad(village.district * 10000 + village.town * 100 + number, 8);
    cells.push_back(std::move(cell));
  }
  auto ids = app.grids().CreateAsSystem(cells, "demo");
  std::map<std::string, int64_t> out;
  for (size_t i = 0; i < cells.size(); ++i) out[cells[i].region_code] = ids[i];
  return out;
}

// The key people of each enterprise: a principal and a chief safety officer, one or two safety
// managers, and a registered safety engineer for most enterprises above designated size.
// Certificates spread over the years around `today`, so that some expire within 30 days, a few
// have expired and a few principals hold none.
std::vector<people::Person> DemoPeople(const std::vector<enterprise::Enterprise>& records,
                                       const std::vector<int64_t>& ids, const std::string& today,
                                       Random& random, int& seed) {
  std::vector<people::Person> out;
  auto person = [&](int64_t enterprise_id, const char* role, const char* position, const char* kind,
                    int missing_percent) {
    people::Person p;
    p.enterprise_id = enterprise_id;
    p.role = role;
    p.name = PersonName(seed) + (seed % 3 == 0 ? "华" : seed % 3 == 1 ? "明" : "");
    ++seed;
    p.position = position;
    p.phone = "13" + Pad(random.Between(0, 999999999), 9);
    if (kind != nullptr && !random.Chance(missing_percent)) {
      // Issued up to three years back; certificates last three years.
      int age_days = random.Between(-20, 3 * 365 + 20);
      std::string issued = *AddDays(today, -age_days);
      p.certificate_issued = issued;
      p.certificate_expiry = *AddDays(issued, 3 * 365);
      p.certificate_kind = kind;
      p.certificate_number = std::string("JC") + Pad(random.Between(0, 99999999), 8);
    }
    out.push_back(std::move(p));
  };
  for (size_t i = 0; i < records.size(); ++i) {
    bool above = records[i].scale == "above";
    person(ids[i], "principal", "总经理", "principal_training", 6);
    person(ids[i], "chief_safety_officer", "副总经理", nullptr, 0);
    int managers = above ? 2 : 1;
    for (int m = 0; m < managers; ++m) {
      person(ids[i], "safety_manager", "安全主管", "manager_training", 8);
    }
    if (above && random.Chance(70)) {
      person(ids[i], "safety_engineer", "安全工程师", "registered_engineer", 0);
    }
  }
  return out;
}

// ---- Inspections and hazards: half a year of the closed loop in every state.

struct Sampled {
  int64_t id = 0;
  std::string uscc;
  std::string region_code;
  bool metallurgy = false;
};

// District (0-based), town (1-based) and village (1-based) of a village code of the demo city.
struct Place {
  int district = 0;
  int town = 0;
  int village = 0;
};

Place PlaceOf(const std::string& village_code) {
  Place place;
  for (size_t d = 0; d < kDistricts.size(); ++d) {
    if (village_code.starts_with(kDistricts[d].code)) place.district = static_cast<int>(d);
  }
  int town = std::stoi(village_code.substr(6, 3));
  place.town = town <= kStreetsPerDistrict ? town : town - 100 + kStreetsPerDistrict;
  int village = std::stoi(village_code.substr(9, 3));
  place.village = village <= 3 ? village : village - 200 + 3;
  return place;
}

constexpr std::array<const char*, 8> kFindingNotes = {"东侧生产车间", "二号仓库",  "配电房",
                                                      "原料堆场",     "锅炉房",    "喷涂车间",
                                                      "办公楼一层",   "成品库北侧"};
constexpr std::array<const char*, 3> kMethods = {"已按整改措施完成整改，附整改前后照片",
                                                 "已更换损坏设施并组织班组培训",
                                                 "已清理到位，落实专人每日检查"};

// One action of the demo's history at its instant; actions run in time order on a clock set to
// each one's instant, through the same services and rules as every user's.
struct Step {
  Instant at;
  int order = 0;
  std::function<void()> run;
};

// About one enterprise in ten gets an inspection on a day of the last half year (a grid patrol
// by its village's grid worker, a routine inspection by its town's station, or an enforcement
// inspection by its district's bureau), and each finding goes round the loop as far as the
// days since allow: fixed on the spot, cancelled, notified, extended, rectified on time or late,
// rejected and redone, verified — or left overdue by an enterprise that never started.
int DemoInspections(App& app, const std::vector<Sampled>& sampled,
                    const std::map<int64_t, std::string>& enterprise_accounts) {
  Principal system;
  system.role = Role::kAdmin;
  auto accounts = Accounts(app, system);
  std::map<std::string, int64_t> checklist_ids;
  auto checklists = app.checklists().List(system, {}, std::nullopt, {1, 200});
  for (const auto& c : checklists->items) checklist_ids[c.code] = c.id;
  Instant now = app.clock().Now();
  std::string today = ChinaDate(now);
  ManualClock clock(now);
  inspection::Service inspections(app.database(), clock);
  hazard::Service hazards(app.database(), clock);
  file::Service files(app.database(), clock, app.data_dir());
  // Evidence: a photo per finding and per rectification, from a few drawn pictures.
  std::map<std::pair<bool, int>, std::string> pictures;
  auto photo = [&](const Principal& who, int64_t enterprise_id, bool after, int variant) {
    auto& bytes = pictures[{after, variant % 6}];
    if (bytes.empty()) bytes = DemoPhoto(after, variant % 6);
    auto stored = files.Upload(who, enterprise_id, after ? "整改后.png" : "现场照片.png", bytes);
    if (!stored) throw std::runtime_error("demo photo: " + stored.error().code);
    return std::vector<int64_t>{stored->id};
  };

  Random random(20261129);
  std::vector<Step> steps;
  int order = 0;
  auto at = [&](Instant when, std::function<void()> run) {
    if (when <= now) steps.push_back({when, order++, std::move(run)});
  };
  auto act = [&hazards](const Principal& who, int64_t id, hazard::TransitionInput in) {
    auto current = hazards.Get(who, id);
    if (!current) throw std::runtime_error("demo hazard " + std::to_string(id) + ": not visible");
    in.version = current->hazard.version;
    auto done = hazards.Act(who, id, in);
    if (!done) {
      throw std::runtime_error("demo hazard " + std::to_string(id) + " " +
                               std::string(hazard::ActionName(in.action)) + ": " +
                               done.error().code);
    }
  };
  auto input = [](hazard::Action action) {
    hazard::TransitionInput in;
    in.action = action;
    return in;
  };
  using std::chrono::days;
  using std::chrono::hours;
  using std::chrono::minutes;

  for (const auto& e : sampled) {
    Place place = PlaceOf(e.region_code);
    std::string suffix = std::to_string(place.district + 1) + "_" + std::to_string(place.town);
    int roll = random.Between(0, 99);
    // Furnace enterprises are the stations' own: mostly their routine inspection against the
    // scored furnace list.
    std::string kind = e.metallurgy ? (roll < 80 ? "town_routine" : "district_enforcement")
                       : roll < 55  ? "grid_patrol"
                       : roll < 85  ? "town_routine"
                                    : "district_enforcement";
    std::string inspector_name =
        kind == "grid_patrol"
            ? "grid" + suffix + "_" + (place.village <= kVillagesPerTown / 2 ? "1" : "2")
        : kind == "town_routine" ? "station" + suffix
                                 : "district" + std::to_string(place.district + 1);
    std::string checklist = kind == "grid_patrol" ? "grid_patrol"
                            : kind == "town_routine"
                                ? (e.metallurgy ? "furnace" : "expert_diagnosis")
                                : "major_hazard_general";
    const Principal inspector = accounts.at(inspector_name);
    const Principal notifier =
        kind == "district_enforcement" ? inspector : accounts.at("station" + suffix);
    const Principal owner = accounts.at(enterprise_accounts.at(e.id));
    int findings = std::array{0, 0, 1, 1, 1, 1, 2, 2, 3, 1}[random.Between(0, 9)];
    if (checklist == "major_hazard_general") findings = random.Chance(20) ? 1 : 0;
    int days_ago = random.Between(0, 180);
    Instant started =
        *ChinaDayStart(*AddDays(today, -days_ago)) + hours(9) + minutes(random.Between(0, 420));
    if (started > now) started = now - hours(2);
    Instant finished = started + minutes(60);

    auto inspection_id = std::make_shared<int64_t>(0);
    auto hazard_ids = std::make_shared<std::vector<int64_t>>();
    // Consecutive items, so that the findings are distinct on every list (the shortest has 3).
    int first_finding = random.Between(0, 99);
    bool major_by_choice = random.Chance(4);
    std::string note = kFindingNotes[static_cast<size_t>(random.Between(0, 7))];
    at(started, [&, e, kind, checklist, inspector, inspection_id] {
      inspection::StartInput in;
      in.enterprise_id = e.id;
      in.kind = kind;
      in.checklist_id = checklist_ids.at(checklist);
      auto started_inspection = inspections.Start(inspector, in);
      if (!started_inspection) {
        throw std::runtime_error("demo inspection: " + started_inspection.error().code);
      }
      *inspection_id = started_inspection->inspection.id;
    });
    at(finished,
       [&, inspector, inspection_id, hazard_ids, first_finding, findings, major_by_choice, note] {
         auto detail = inspections.Get(inspector, *inspection_id);
         inspection::Progress progress;
         progress.version = detail->inspection.version;
         progress.summary = findings == 0 ? "检查未发现问题" : "发现问题已当场告知企业";
         const auto& items = detail->items;
         std::set<size_t> findings_at;
         for (int f = 0; f < findings; ++f) {
           findings_at.insert(static_cast<size_t>(first_finding + f) % items.size());
         }
         for (size_t k = 0; k < items.size(); ++k) {
           inspection::ItemResult r;
           r.item_id = items[k].id;
           if (findings_at.contains(k)) {
             r.result = "finding";
             r.note = std::string("位置：") + note;
             if (major_by_choice) r.hazard_level = "major";
             r.photo_ids = photo(inspector, detail->inspection.enterprise_id, false,
                                 static_cast<int>(k) + first_finding);
           } else {
             // A major-hazard criterion names a violation: conforming means it is absent.
             r.result = !items[k].major_hazard && k % 11 == 7 ? "not_applicable" : "conforming";
           }
           progress.results.push_back(std::move(r));
         }
         auto saved = inspections.Save(inspector, *inspection_id, progress);
         if (!saved) throw std::runtime_error("demo inspection save: " + saved.error().code);
         auto done = inspections.Finish(inspector, *inspection_id, saved->inspection.version);
         if (!done) throw std::runtime_error("demo inspection finish: " + done.error().code);
         for (const auto& r : done->inspection.results) {
           if (r.hazard_id) hazard_ids->push_back(*r.hazard_id);
         }
       });

    for (int k = 0; k < findings; ++k) {
      auto id = [hazard_ids, k] { return hazard_ids->at(static_cast<size_t>(k)); };
      int fate = random.Between(0, 99);
      if (fate < 15) {
        at(finished + minutes(10), [&, inspector, id, enterprise_id = e.id] {
          // A major hazard cannot be fixed on the spot: it waits for the station's notice.
          if (hazards.Get(inspector, id())->hazard.level == "major") return;
          auto in = input(hazard::Action::kFixOnSpot);
          in.method = "现场立即整改完毕";
          in.photo_ids = photo(inspector, enterprise_id, true, static_cast<int>(id()));
          act(inspector, id(), in);
        });
        continue;
      }
      if (fate < 18) {
        at(finished + days(1), [&, notifier, id] {
          auto in = input(hazard::Action::kCancel);
          in.reason = "经核实不属于隐患，系误报";
          act(notifier, id(), in);
        });
        continue;
      }
      // The station has not yet handled most findings of the last ten days.
      if (days_ago <= 10 && fate < 60) continue;
      Instant notified = finished + hours(20);
      int allowed = std::array{7, 15, 30}[static_cast<size_t>(random.Between(0, 2))];
      std::string deadline = *AddDays(ChinaDate(notified), allowed);
      bool never_starts = random.Chance(5);
      bool extended = random.Chance(6);
      bool late = random.Chance(8);
      bool rejected = random.Chance(12);
      std::string method = kMethods[static_cast<size_t>(random.Between(0, 2))];
      at(notified, [&, notifier, id, deadline] {
        // Notices for one hazard each: a station's notices of a day are few in the demo.
        auto in = input(hazard::Action::kNotify);
        in.deadline = deadline;
        in.responsible_person = "企业主要负责人";
        in.measures = "立即制定整改方案，落实整改资金、人员和期限，整改完成后报送复查";
        act(notifier, id(), in);
      });
      if (never_starts) continue;
      Instant started_work = notified + days(1);
      at(started_work, [&, owner, id] { act(owner, id(), input(hazard::Action::kStart)); });
      if (extended) {
        deadline = *AddDays(deadline, 15);
        allowed += 15;
        at(notified + days(3), [&, notifier, id, deadline] {
          auto in = input(hazard::Action::kExtend);
          in.deadline = deadline;
          in.reason = "企业申请：整改所需设备采购周期较长";
          act(notifier, id(), in);
        });
      }
      Instant submitted = late ? notified + days(allowed + random.Between(1, 10))
                               : started_work + days(random.Between(1, std::max(1, allowed - 3)));
      // An extension is asked for while the work goes on, before it is submitted.
      if (extended) submitted = std::max(submitted, notified + days(4));
      auto submit = [&, owner, id, method, enterprise_id = e.id](Instant when) {
        at(when, [&, owner, id, method, when, enterprise_id] {
          auto in = input(hazard::Action::kSubmit);
          in.method = method;
          in.completed_on = ChinaDate(when);
          in.photo_ids = photo(owner, enterprise_id, true, static_cast<int>(id()));
          act(owner, id(), in);
        });
      };
      submit(submitted);
      Instant verified = submitted + days(random.Between(0, 1)) + hours(2);
      if (rejected) {
        at(submitted + hours(26), [&, notifier, id] {
          auto in = input(hazard::Action::kReject);
          in.reason = "复查发现整改不彻底，仍存在问题";
          act(notifier, id(), in);
        });
        at(submitted + days(2),
           [&, owner, id] { act(owner, id(), input(hazard::Action::kResume)); });
        submit(submitted + days(3));
        verified = submitted + days(3) + hours(20);
      }
      at(verified, [&, notifier, id] {
        auto in = input(hazard::Action::kVerify);
        in.result = "复查合格，隐患已消除";
        act(notifier, id(), in);
      });
    }
  }
  // The rollover of the 12-point system into the cycle that began in the half year (1 October),
  // half an hour into its first day, as the daily job runs it.
  scoring::Service scoring(app.database(), clock);
  std::string cycle_start = scoring.Settings(system)->cycle_start;
  int cycle = scoring::CycleOf(today, cycle_start);
  at(*ChinaDayStart(scoring::CycleFirstDay(cycle, cycle_start)) + minutes(30), [&scoring, cycle] {
    if (auto rolled = scoring.RolloverAsSystem(cycle, false); !rolled) {
      throw std::runtime_error("demo rollover: " + rolled.error().code);
    }
  });

  std::sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
    return a.at != b.at ? a.at < b.at : a.order < b.order;
  });
  for (const auto& step : steps) {
    clock.Set(step.at);
    step.run();
  }
  return static_cast<int>(sampled.size());
}

// The officers' own hand in the 12-point system: each district bureau records points by hand
// against its most penalised enterprise (one of them later revoked as a mistake), and holds the
// warning interview its first open follow-up asks for.
int DemoScoring(App& app) {
  Principal system;
  system.role = Role::kAdmin;
  auto accounts = Accounts(app, system);
  int recorded = 0;
  for (int d = 0; d < static_cast<int>(kDistricts.size()); ++d) {
    std::string suffix = std::to_string(d + 1);
    const auto& bureau = accounts.at("district" + suffix);
    auto ranked = app.scoring().Rank(bureau, std::nullopt, "", 1, {1, 1});
    if (ranked && !ranked->items.empty()) {
      scoring::ManualEvent manual;
      manual.enterprise_id = ranked->items.front().enterprise_id;
      manual.points = 2;
      manual.reason = d % 2 == 0 ? "未按期报送隐患自查自改台账" : "复查时发现安全警示标志缺失";
      auto event = app.scoring().Record(bureau, manual);
      if (!event) throw std::runtime_error("demo score event: " + event.error().code);
      ++recorded;
      if (d == 1) {
        auto revoked = app.scoring().Revoke(bureau, event->id, event->version,
                                            "经复核，台账已于期限内报送，系误记");
        if (!revoked) throw std::runtime_error("demo revoke: " + revoked.error().code);
      }
    }
    scoring::store::FollowupFilter interviews;
    interviews.status = "open";
    interviews.action = std::string(scoring::kWarningInterview);
    auto open = app.scoring().Followups(bureau, interviews, {1, 1});
    if (open && !open->items.empty()) {
      const auto& f = open->items.front();
      scoring::CloseInput close;
      close.version = f.version;
      close.held_on = ChinaDate(app.clock().Now());
      close.attendees = "区应急管理局 " + PersonName(d + 40) + "；企业主要负责人 " +
                        PersonName(d + 50) + "；安全管理员 " + PersonName(d + 60);
      close.minutes =
          "通报本周期累计记分情况，指出熔炉冷却水、泄漏报警等问题，企业承诺30日内完成整改并报送整改"
          "报告。";
      auto closed = app.scoring().Close(bureau, f.id, close);
      if (!closed) throw std::runtime_error("demo interview: " + closed.error().code);
    }
    // The second town's station has planned this quarter for its furnace enterprises (the
    // others' have not yet: the quarter page offers it to them).
    const auto& station = accounts.at("station" + suffix + "_2");
    auto planned = app.scoring().PlanQuarter(station, *station.region_code, "", "zh-CN");
    if (!planned && planned.error().code != "nothing_to_plan") {
      throw std::runtime_error("demo quarter plans: " + planned.error().code);
    }
  }
  return recorded;
}

// Integrity and credit: last year's evaluation of one enterprise in four, prepared by its town's
// station and approved by its district's bureau in March, spread over the classes as the field
// reports them (A about 15%, B 81%, C 3%, D a few); blacklistings decided over the last two
// years (one removed early); and this year's evaluations under way in district 1.
int DemoCredit(App& app, const std::vector<std::pair<int64_t, std::string>>& enterprises) {
  Principal system;
  system.role = Role::kAdmin;
  auto accounts = Accounts(app, system);
  std::map<std::string, Principal> stations;
  std::map<std::string, Principal> bureaus;
  for (const auto& [name, p] : accounts) {
    if (!p.region_code) continue;
    if (p.role == Role::kStation) stations.emplace(p.region_code->substr(0, 9), p);
    if (p.role == Role::kBureau && name.rfind("district", 0) == 0) {
      bureaus.emplace(p.region_code->substr(0, 6), p);
    }
  }
  Instant now = app.clock().Now();
  std::string today = ChinaDate(now);
  int year = std::stoi(today.substr(0, 4)) - 1;
  ManualClock clock(*ParseInstant(fmt::format("{}-03-16T02:00:00Z", year + 1)));
  credit::Service credit(app.database(), clock);
  auto form = [](int64_t id, int y, double standardization, double parts) {
    credit::EvaluationInput in;
    in.enterprise_id = id;
    in.year = y;
    in.standardization = credit::Standardization{standardization * 10, 1000, 0};
    in.parts = std::map<std::string, double>{{"safety_culture", parts},
                                             {"participation", parts + 2},
                                             {"commitment", std::min(100.0, parts + 4)},
                                             {"compliance", parts}};
    return in;
  };
  auto check = [](const auto& result, const char* what) {
    if (!result)
      throw std::runtime_error(std::string("demo credit ") + what + ": " + result.error().code);
  };
  // The blacklistings first (the ratings see them): one rated enterprise in 130.
  static constexpr std::array<const char*, 3> kListings = {"拒不执行停产整顿指令，擅自恢复生产",
                                                           "提供虚假材料骗取安全生产许可",
                                                           "发生生产安全事故后迟报、谎报"};
  Random random(20261130);
  int rated = 0;
  int listed = 0;
  static constexpr size_t kEvery = 4;
  static constexpr int kListedEvery = 130;
  for (size_t i = 0; i < enterprises.size(); i += kEvery) {
    const auto& [id, region] = enterprises[i];
    ++rated;
    if (rated % kListedEvery != 0) continue;
    const auto& bureau = bureaus.at(region.substr(0, 6));
    int days_ago = random.Between(30, 700);
    std::string starts = *AddDays(today, -days_ago);
    std::string authority;
    for (const auto& district : kDistricts) {
      if (region.substr(0, 6) == district.code)
        authority = fmt::format("{}应急管理局", district.name);
    }
    credit::ListingInput listing{id,
                                 {kListings.at(static_cast<size_t>(listed) % kListings.size()),
                                  authority, *AddDays(starts, -7), starts, ""}};
    clock.Set(*ChinaDayStart(starts) + std::chrono::hours{10});
    auto added = credit.AddListing(bureau, listing);
    check(added, "listing");
    ++listed;
  }
  // Last year's ratings, approved in March.
  clock.Set(*ParseInstant(fmt::format("{}-03-16T02:00:00Z", year + 1)));
  rated = 0;
  for (size_t i = 0; i < enterprises.size(); i += kEvery) {
    const auto& [id, region] = enterprises[i];
    int bucket = random.Between(0, 999);
    double standardization = 0;
    double parts = 0;
    if (bucket < 153) {
      standardization = random.Between(91, 98);
      parts = random.Between(88, 95);
    } else if (bucket < 966) {
      standardization = random.Between(77, 89);
      parts = random.Between(74, 88);
    } else if (bucket < 997) {
      standardization = random.Between(62, 73);
      parts = random.Between(60, 72);
    } else {
      standardization = random.Between(45, 57);
      parts = random.Between(48, 58);
    }
    const auto& station = stations.at(region.substr(0, 9));
    const auto& bureau = bureaus.at(region.substr(0, 6));
    auto made = credit.Create(station, form(id, year, standardization, parts));
    check(made, "evaluation");
    auto submitted = credit.Submit(station, made->evaluation.id, made->evaluation.version);
    check(submitted, "submit");
    check(credit.Approve(bureau, made->evaluation.id, submitted->evaluation.version), "approve");
    ++rated;
  }
  // Credit repair: an enterprise long listed applies to leave the blacklist and the bureau
  // agrees (without an account of its own, the bureau removes it); of the D-rated enterprises
  // with accounts, one has its repair granted and one waits for the decision.
  clock.Set(now);
  std::map<int64_t, Principal> owners;
  for (const auto& [name, p] : accounts) {
    if (p.role == Role::kEnterprise && p.enterprise_id) owners.emplace(*p.enterprise_id, p);
  }
  credit::store::ListingFilter active;
  active.status = "listed";
  auto listings = credit.Listings(system, active, {1, 200});
  for (const auto& b : listings->items) {
    if (*AddDays(today, -500) < b.starts_on) continue;
    const auto& bureau = bureaus.at(b.region_code.substr(0, 6));
    auto owner = owners.find(b.enterprise_id);
    if (owner == owners.end()) {
      check(credit.RemoveListing(bureau, b.id, b.version,
                                 "企业申请信用修复：已完成整改并公开承诺，经审核同意提前移出"),
            "removal");
      break;
    }
    credit::RepairInput leave;
    leave.kind = "blacklist";
    leave.listing_id = b.id;
    leave.statement =
        "我单位已全面履行行政处罚决定，完成停产整顿并通过复查验收，申请提前移出黑名单。";
    leave.evidence = "罚款缴纳凭证；停产整顿验收意见；主要负责人安全承诺书";
    auto applied = credit.ApplyRepair(owner->second, leave);
    check(applied, "blacklist repair");
    check(credit.DecideRepair(bureau, applied->id, applied->version, true,
                              "经核查，整改到位，处罚已履行，同意提前移出"),
          "repair decision");
    break;
  }
  credit::store::EvaluationFilter rated_d;
  rated_d.year = year;
  rated_d.final_class = "D";
  rated_d.current_only = true;
  int repairs = 0;
  auto rated_ds = credit.List(system, rated_d, {1, 200});
  check(rated_ds, "D ratings");
  for (const auto& v : rated_ds->items) {
    auto owner = owners.find(v.enterprise_id);
    if (owner == owners.end() || repairs >= 2) continue;
    credit::RepairInput fix;
    fix.kind = "rating";
    fix.evaluation_id = v.id;
    fix.statement =
        "我单位已对考评中指出的问题全部完成整改，并在厂区公开作出安全生产承诺，申请信用修复。";
    fix.evidence = "整改验收报告；全员安全培训记录；公开承诺照片";
    auto applied = credit.ApplyRepair(owner->second, fix);
    check(applied, "rating repair");
    if (repairs == 0) {
      check(credit.DecideRepair(bureaus.at(v.region_code.substr(0, 6)), applied->id,
                                applied->version, true, "经现场核查整改到位，同意信用修复"),
            "rating repair decision");
    }
    ++repairs;
  }
  // This year's, under way in district 1: drafts, one submitted, one returned.
  int started = 0;
  for (size_t i = 1; i < enterprises.size() && started < 8; i += kEvery) {
    const auto& [id, region] = enterprises[i];
    if (region.substr(0, 6) != kDistricts.at(0).code) continue;
    const auto& station = stations.at(region.substr(0, 9));
    auto made =
        credit.Create(station, form(id, year + 1, random.Between(70, 96), random.Between(70, 95)));
    check(made, "this year's evaluation");
    if (started % 4 == 1 || started % 4 == 2) {
      auto submitted = credit.Submit(station, made->evaluation.id, made->evaluation.version);
      check(submitted, "submit");
      if (started % 4 == 2) {
        check(credit.Return(bureaus.at(region.substr(0, 6)), made->evaluation.id,
                            submitted->evaluation.version,
                            "安全文化建设部分缺少佐证材料，请补充后重新提交"),
              "return");
      }
    }
    ++started;
  }
  return rated;
}

// Progressive management: each district bureau keeps its most penalised enterprises on the
// watchlist (the first at yellow card after an interview), watches one town, and the city keeps a
// yellow card on one district's department.
void DemoWatchlist(App& app) {
  Principal system;
  system.role = Role::kAdmin;
  auto accounts = Accounts(app, system);
  std::string today = ChinaDate(app.clock().Now());
  auto check = [](const auto& result, const char* what) {
    if (!result)
      throw std::runtime_error(std::string("demo watchlist ") + what + ": " + result.error().code);
  };
  for (int d = 0; d < static_cast<int>(kDistricts.size()); ++d) {
    const auto& bureau = accounts.at("district" + std::to_string(d + 1));
    auto ranked = app.scoring().Rank(bureau, std::nullopt, "", 6, {1, 3});
    if (!ranked) continue;
    for (size_t i = 0; i < ranked->items.size(); ++i) {
      watchlist::EntryInput in;
      in.subject_kind = "enterprise";
      in.enterprise_id = ranked->items[i].enterprise_id;
      in.level = "attention";
      in.reason = fmt::format("本记分周期累计记分 {} 分，隐患整改不及时", ranked->items[i].points);
      auto added = app.watchlist().Add(bureau, in);
      check(added, "attention");
      if (i != 0) continue;
      watchlist::Interview talk{
          today, "区应急管理局 " + PersonName(d + 70) + "；企业主要负责人 " + PersonName(d + 80),
          "通报累计记分和重大隐患整改情况，指出企业主体责任落实不到位，提出整改要求。",
          "30 日内完成全部隐患整改并书面报告", *AddDays(today, 30)};
      check(app.watchlist().AddInterview(bureau, added->entry.id, talk), "interview");
      in.level = "yellow_card";
      in.reason = "约谈后仍未按期完成重大隐患整改";
      check(app.watchlist().Add(bureau, in), "yellow card");
    }
    watchlist::EntryInput town;
    town.subject_kind = "region";
    town.region_code = TownCode(d, 3);
    town.level = "attention";
    town.reason = "辖区本季度隐患整改率低于全区平均水平";
    check(app.watchlist().Add(bureau, town), "town");
  }
  watchlist::EntryInput department;
  department.subject_kind = "department";
  department.region_code = std::string(kDistricts.at(1).code) + "000000";
  department.department = "住房和城乡建设局";
  department.level = "yellow_card";
  department.skip_reason = "辖区建筑工地发生较大事故";
  department.reason = "建筑施工领域安全监管责任落实不到位";
  check(app.watchlist().Add(accounts.at("city"), department), "department");
}

}  // namespace

DemoReport BuildDemo(App& app, int enterprises, bool with_people) {
  DemoReport report;
  std::vector<Village> villages;
  auto imported = app.regions().ImportAsSystem(CsvOfCity(villages), "demo");
  report.regions = imported.created + imported.updated + imported.unchanged;

  std::vector<identity::NewUser> users;
  auto add = [&](std::string username, std::string name, std::string role,
                 std::optional<std::string> region, std::optional<int64_t> enterprise = {}) {
    users.push_back(
        {std::move(username), std::move(name), "", std::move(role), std::move(region), enterprise});
  };
  add("admin", "系统管理员", "admin", std::nullopt);
  add("city", "江川市应急管理局 " + PersonName(0), "bureau", "990100000000");
  add("expert1", "安全专家 " + PersonName(1), "expert", std::nullopt);
  add("expert2", "安全专家 " + PersonName(2), "expert", std::nullopt);
  for (int d = 0; d < static_cast<int>(kDistricts.size()); ++d) {
    const auto& district = kDistricts[static_cast<size_t>(d)];
    add("district" + std::to_string(d + 1),
        std::string(district.name) + "应急管理局 " + PersonName(d + 3), "bureau",
        std::string(district.code) + "000000");
    for (int t = 1; t <= kTownsPerDistrict; ++t) {
      std::string town_code = TownCode(d, t);
      std::string suffix = std::to_string(d + 1) + "_" + std::to_string(t);
      add("station" + suffix, "安监站 " + PersonName(d * 10 + t), "station", town_code);
      // A grid worker's region is its town; the cells it leads say which villages it covers.
      for (int g = 1; g <= kGridWorkersPerTown; ++g) {
        add("grid" + suffix + "_" + std::to_string(g), "网格员 " + PersonName(d * 20 + t * 2 + g),
            "grid", town_code);
      }
    }
  }
  auto hash = app.identity().HashPassword(kDemoPassword);
  auto create_users = [&] {
    for (const auto& user : users) {
      auto created = app.identity().AddUserWithHash(user, hash);
      if (created) {
        ++report.users_created;
      } else if (created.error().code != "username_taken") {
        throw std::runtime_error("demo account " + user.username + ": " + created.error().code);
      }
    }
    users.clear();
  };
  create_users();

  // The grid, enterprises and their people are created once: a second run finds enterprises and
  // keeps everything.
  Principal system;
  system.role = Role::kAdmin;
  auto existing = app.enterprises().List(system, {}, {1, 1});
  if (existing.ok() && existing->total == 0 && enterprises > 0) {
    auto cells = DemoGrid(app, villages, Accounts(app, system));
    report.grid_cells = static_cast<int>(cells.size() + cells.size() / kVillagesPerTown);
    // In batches of one transaction each, so that a city of a million fits in memory.
    constexpr int kBatch = 20'000;
    Random enterprise_random(20261001);
    Random people_random(20261123);
    int people_seed = 0;
    std::string today = ChinaDate(app.clock().Now());
    std::map<std::string, int64_t> first_of_town;  // town code → its first enterprise
    std::vector<std::pair<int64_t, std::string>> all_enterprises;  // id, region
    std::vector<Sampled> sampled;  // the enterprises the demo inspects
    for (int first = 0; first < enterprises; first += kBatch) {
      auto records = DemoEnterprises(villages, first, std::min(kBatch, enterprises - first),
                                     enterprise_random);
      for (auto& record : records) record.grid_cell_id = cells.at(record.region_code);
      auto ids = app.enterprises().CreateAsSystem(records, "demo");
      report.enterprises_created += static_cast<int>(ids.size());
      for (size_t i = 0; i < ids.size(); ++i)
        all_enterprises.emplace_back(ids[i], records[i].region_code);
      if (with_people) {
        auto people = DemoPeople(records, ids, today, people_random, people_seed);
        app.people().CreateAsSystem(people, "demo");
        report.people_created += static_cast<int>(people.size());
      }
      for (size_t i = 0; i < ids.size(); ++i) {
        first_of_town.emplace(records[i].region_code.substr(0, 9), ids[i]);
        if (with_people && (first + static_cast<int>(i)) % kInspectedEvery == 0) {
          const auto& tags = records[i].hazard_tags;
          sampled.push_back({ids[i], records[i].uscc, records[i].region_code,
                             std::find(tags.begin(), tags.end(), "metallurgy") != tags.end()});
        }
      }
    }
    // One account per town for its first enterprise: ent{district}_{town}; and one for every
    // other enterprise the demo inspects, which acts in its hazards' loop: e{credit code}.
    std::map<int64_t, std::string> enterprise_accounts;
    for (int d = 0; d < static_cast<int>(kDistricts.size()); ++d) {
      for (int t = 1; t <= kTownsPerDistrict; ++t) {
        auto found = first_of_town.find(TownCode(d, t).substr(0, 9));
        if (found == first_of_town.end()) continue;
        std::string username = "ent" + std::to_string(d + 1) + "_" + std::to_string(t);
        add(username, "企业安全管理员 " + PersonName(d * 10 + t + 5), "enterprise", std::nullopt,
            found->second);
        enterprise_accounts[found->second] = username;
      }
    }
    for (const auto& e : sampled) {
      if (enterprise_accounts.contains(e.id)) continue;
      std::string username = "e" + e.uscc;
      std::transform(username.begin(), username.end(), username.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      add(username, "企业安全管理员 " + PersonName(static_cast<int>(e.id)), "enterprise",
          std::nullopt, e.id);
      enterprise_accounts[e.id] = username;
    }
    create_users();
    report.inspections = DemoInspections(app, sampled, enterprise_accounts);
    report.plans = DemoPlans(app);
    DemoScoring(app);
    // Ratings and the watchlist belong to the lived-in city, not to the volume benchmarks.
    if (with_people) {
      report.ratings = DemoCredit(app, all_enterprises);
      DemoWatchlist(app);
    }
  }
  return report;
}

}  // namespace anjian::app
