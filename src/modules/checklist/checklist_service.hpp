#pragma once
// Checklist templates behind /checklists: everyone signed in reads them; administrators and
// bureau officers write them. A revision is a new version; inspections keep the one they used.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/checklist/checklist.hpp"

namespace anjian::checklist {

struct Listing {
  std::vector<Checklist> items;
  int64_t total = 0;
};

struct Detail {
  Checklist checklist;
  Version version;
};

// A revision: the template's fields that change and the new version's items.
struct Revision {
  int64_t version = 0;
  std::optional<std::string> name;
  std::optional<std::string> purpose;
  std::optional<std::vector<std::string>> hazard_tags;
  std::optional<std::string> industry_code;
  std::string note;
  std::vector<Item> items;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // `enterprise_id` narrows the list to the templates that apply to that enterprise (in scope).
  Result<Listing> List(const Principal& principal, const Filter& filter,
                       std::optional<int64_t> enterprise_id, const http::Page& page);
  // The template with one version's items (the current one when `number` is absent).
  Result<Detail> Get(const Principal& principal, int64_t id, std::optional<int64_t> number);
  Result<Detail> Create(const Principal& principal, const Checklist& input,
                        const std::vector<Item>& items, const std::string& note);
  Result<Detail> Revise(const Principal& principal, int64_t id, const Revision& revision);

 private:
  db::Database& database_;
  const Clock& clock_;
};

nlohmann::json ToJson(const Checklist& checklist);
nlohmann::json ToJson(const Detail& detail);
nlohmann::json ToJson(const Item& item);

}  // namespace anjian::checklist
