// The demo city 江川市 of the fictional 示范省: 6 districts, 60 towns and streets, 600 villages and
// communities, and an account for every role. Everything is derived from fixed lists, so two runs
// build the same city.
#include <spdlog/spdlog.h>

#include <array>
#include <string>

#include "app/app.hpp"

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

std::string CsvOfCity() {
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
        csv += VillageCode(town_code, v) + "," + name + "\n";
      }
    }
  }
  return csv;
}

}  // namespace

DemoReport BuildDemo(App& app) {
  DemoReport report;
  auto imported = app.regions().ImportAsSystem(CsvOfCity(), "demo");
  report.regions = imported.created + imported.updated + imported.unchanged;

  std::vector<identity::NewUser> users;
  auto add = [&](std::string username, std::string name, std::string role,
                 std::optional<std::string> region) {
    users.push_back({std::move(username), std::move(name), "", std::move(role), std::move(region),
                     std::nullopt});
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
      for (int g = 1; g <= kGridWorkersPerTown; ++g) {
        add("grid" + suffix + "_" + std::to_string(g), "网格员 " + PersonName(d * 20 + t * 2 + g),
            "grid", VillageCode(town_code, g));
      }
    }
  }

  auto hash = app.identity().HashPassword(kDemoPassword);
  for (const auto& user : users) {
    auto created = app.identity().AddUserWithHash(user, hash);
    if (created) {
      ++report.users_created;
    } else if (created.error().code != "username_taken") {
      throw std::runtime_error("demo account " + user.username + ": " + created.error().code);
    }
  }
  return report;
}

}  // namespace anjian::app
