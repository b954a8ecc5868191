#pragma once
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/region/region.hpp"

namespace anjian::region {

struct Detail {
  Region region;
  std::vector<Region> path;  // ancestors, from the top
};

struct ImportReport {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<Rejection> rejected;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // The caller's scope roots with `depth` levels of descendants.
  Result<std::vector<Node>> Tree(const Principal& principal, int depth);
  Result<Detail> Get(const Principal& principal, const std::string& code);
  Result<std::vector<Region>> Children(const Principal& principal, const std::string& code);
  // For other modules that reference a region: whether the code is in the tree (scope is theirs
  // to check).
  bool Exists(const std::string& code);
  // Valid rows are written (parents must exist or come in the same file); invalid ones are
  // reported by row, field and reason.
  Result<ImportReport> Import(const Principal& principal, std::string_view csv);
  ImportReport ImportAsSystem(std::string_view csv, const std::string& actor);

 private:
  ImportReport ImportAs(std::string_view csv, const audit::Actor& actor);
  db::Database& database_;
  const Clock& clock_;
};

nlohmann::json ToJson(const Region& region);
nlohmann::json ToJson(const Node& node);

}  // namespace anjian::region
