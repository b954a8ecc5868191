#include "modules/region/region_service.hpp"

#include <map>

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/region/region_store.hpp"

namespace anjian::region {
namespace {

Status CheckRead(const Principal& principal, const std::string& code) {
  if (!Allows(principal.role, Permission::kReadRegions)) return Error::Forbidden();
  if (!region_code::IsWellFormed(code) || !Scope::For(principal).CoversRegion(code)) {
    return Error::NotFound("region_not_found");
  }
  return {};
}

}  // namespace

Result<std::vector<Node>> Service::Tree(const Principal& principal, int depth) {
  if (!Allows(principal.role, Permission::kReadRegions)) return Error::Forbidden();
  auto scope = Scope::For(principal);
  db::Transaction tx(database_, db::TransactionMode::kRead);
  std::vector<Region> roots;
  if (scope.IsEverything()) {
    roots = store::TopLevel(tx);
  } else if (scope.root_region()) {
    if (auto root = store::Find(tx, *scope.root_region())) roots.push_back(*root);
  }
  std::vector<Node> out;
  for (auto& root : roots) {
    Node node{root, {}};
    if (depth > 0) {
      auto descendants = store::Descendants(tx, region_code::Prefix(root.code) + "%", root.level,
                                            root.level + depth);
      // Parents come first, so every node's parent is already placed when it arrives.
      std::map<std::string, Node*> placed{{root.code, &node}};
      std::map<std::string, std::vector<Region>> by_parent;
      for (auto& r : descendants) by_parent[r.parent_code.value_or("")].push_back(std::move(r));
      std::vector<Node*> frontier{&node};
      while (!frontier.empty()) {
        std::vector<Node*> next;
        for (Node* parent : frontier) {
          auto children = by_parent.find(parent->region.code);
          if (children == by_parent.end()) continue;
          for (auto& child : children->second) parent->children.push_back({std::move(child), {}});
          for (auto& child : parent->children) next.push_back(&child);
        }
        frontier = std::move(next);
      }
    }
    out.push_back(std::move(node));
  }
  return out;
}

Result<Detail> Service::Get(const Principal& principal, const std::string& code) {
  if (auto s = CheckRead(principal, code); !s) return s.error();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto region = store::Find(tx, code);
  if (!region) return Error::NotFound("region_not_found");
  Detail detail{*region, {}};
  for (auto parent = region_code::Parent(code); parent; parent = region_code::Parent(*parent)) {
    if (auto found = store::Find(tx, *parent)) detail.path.insert(detail.path.begin(), *found);
  }
  return detail;
}

Result<std::vector<Region>> Service::Children(const Principal& principal, const std::string& code) {
  if (auto s = CheckRead(principal, code); !s) return s.error();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  if (!store::Find(tx, code)) return Error::NotFound("region_not_found");
  return store::Children(tx, code);
}

bool Service::Exists(const std::string& code) {
  db::Transaction tx(database_, db::TransactionMode::kRead);
  return store::Find(tx, code).has_value();
}

Result<ImportReport> Service::Import(const Principal& principal, std::string_view csv) {
  if (!Allows(principal.role, Permission::kManageRegions)) return Error::Forbidden();
  return ImportAs(csv, audit::ActorOf(principal));
}

ImportReport Service::ImportAsSystem(std::string_view csv, const std::string& actor) {
  return ImportAs(csv, audit::SystemActor(actor));
}

ImportReport Service::ImportAs(std::string_view csv, const audit::Actor& actor) {
  auto parsed = ParseCsv(csv);
  ImportReport report;
  report.rejected = std::move(parsed.rejected);
  Instant now = clock_.Now();
  nlohmann::json created = nlohmann::json::array();
  nlohmann::json renamed = nlohmann::json::array();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  for (const auto& row : parsed.rows) {
    auto parent = region_code::Parent(row.code);
    if (parent && !store::Find(tx, *parent)) {
      report.rejected.push_back({row.row, "code", "region_parent_missing"});
      continue;
    }
    Region region{row.code, row.name, static_cast<int>(*region_code::LevelOf(row.code)), parent,
                  false};
    auto previous = store::Upsert(tx, region);
    if (!previous) {
      ++report.created;
      created.push_back(row.code);
    } else if (*previous != row.name) {
      ++report.updated;
      renamed.push_back({{"code", row.code}, {"before", *previous}, {"after", row.name}});
    } else {
      ++report.unchanged;
    }
  }
  std::sort(report.rejected.begin(), report.rejected.end(),
            [](const Rejection& a, const Rejection& b) { return a.row < b.row; });
  if (report.created + report.updated > 0) {
    audit::Append(tx, actor, "import", "region", "csv", nullptr,
                  {{"created", created}, {"renamed", renamed}}, now);
  }
  tx.Commit();
  return report;
}

nlohmann::json ToJson(const Region& region) {
  return {{"code", region.code},
          {"name", region.name},
          {"level", region.level},
          {"parent_code", OrNull(region.parent_code)},
          {"has_children", region.has_children}};
}

nlohmann::json ToJson(const Node& node) {
  auto out = ToJson(node.region);
  out["children"] = nlohmann::json::array();
  for (const auto& child : node.children) out["children"].push_back(ToJson(child));
  return out;
}

}  // namespace anjian::region
