#pragma once
// The enterprise registry's use cases behind /enterprises, /industries and /hazard-tags.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "http/json_writer.hpp"
#include "modules/audit/audit.hpp"
#include "modules/enterprise/enterprise.hpp"
#include "modules/enterprise/enterprise_store.hpp"
#include "modules/region/region_service.hpp"

namespace anjian::enterprise {

struct Listing {
  std::vector<Enterprise> items;
  int64_t total = 0;
};

struct ImportOptions {
  bool valid_only = false;  // write the valid rows even when others are rejected
  bool dry_run = false;     // check and count, write nothing (the preview)
};

struct ImportReport {
  int64_t rows = 0;  // data rows read (empty rows not counted)
  int64_t created = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  std::vector<Rejection> rejected;
  bool committed = false;  // whether anything was written
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock, region::Service& regions)
      : database_(database), clock_(clock), regions_(regions) {}

  Result<Listing> List(const Principal& principal, const Filter& filter, const http::Page& page);
  // The located enterprises of the filter for the map, at most kMapLimit of them; `total` says
  // how many match, so that a page can say when the map shows only the first ones.
  static constexpr int64_t kMapLimit = 50'000;
  Result<std::pair<std::vector<store::Point>, int64_t>> Points(const Principal& principal,
                                                               const Filter& filter);
  Result<Enterprise> Get(const Principal& principal, int64_t id);
  Result<Enterprise> Create(const Principal& principal, const Enterprise& input);
  // Officers change any field in scope; an enterprise account changes its own profile but not
  // its credit code or region.
  Result<Enterprise> Update(const Principal& principal, int64_t id, const Changes& changes);
  // Moves enterprises into a level-2 grid cell of their own village, all or none.
  Result<int64_t> PlaceInCell(const Principal& principal, int64_t cell_id,
                              const std::vector<int64_t>& enterprise_ids);
  // Creates and updates enterprises from a CSV or XLSX file, matched by credit code. Every row is
  // checked first; with rejections nothing is written unless valid_only is set.
  Result<ImportReport> Import(const Principal& principal, std::string_view file,
                              const ImportOptions& options);
  // The same for the command line: every region, audited as the system under `actor`.
  Result<ImportReport> ImportAsSystem(std::string_view file, const ImportOptions& options,
                                      const std::string& actor);
  // The filtered registry as an XLSX workbook in the caller's language, at most kExportLimit
  // rows (422 export_too_large above, so that the caller narrows the filter).
  static constexpr int64_t kExportLimit = 200'000;
  Result<std::string> Export(const Principal& principal, const Filter& filter,
                             std::string_view language);
  // The import template: the columns, one example row and a sheet of instructions.
  static std::string Template(std::string_view language);
  Result<std::vector<store::Industry>> Industries(const Principal& principal);
  Result<std::vector<std::string>> Tags(const Principal& principal);

  // Creates many records in one transaction, each audited, as the system (demo data). Throws on
  // the first invalid record: callers pass generated, valid data.
  std::vector<int64_t> CreateAsSystem(const std::vector<Enterprise>& records,
                                      const std::string& actor);

 private:
  Result<ImportReport> ImportAs(const Scope& scope, const audit::Actor& actor,
                                std::string_view file, const ImportOptions& options);
  // The cell a record goes into: the one asked for (checked against the caller's scope and the
  // record's village) or, when none is asked for, the village's only level-2 cell.
  static Result<std::optional<int64_t>> ResolveCell(db::Transaction& tx, const Scope& scope,
                                                    const Enterprise& record, bool asked);
  Result<int64_t> Insert(db::Transaction& tx, const Enterprise& input,
                         const std::set<std::string>& tags, const audit::Actor& actor, Instant now,
                         std::string_view action = "create");
  db::Database& database_;
  const Clock& clock_;
  region::Service& regions_;
};

// The API's representation, written directly (lists) or as a tree (single records, the audit
// trail); both come from WriteJson, the one list of fields.
void WriteJson(http::JsonWriter& w, const Enterprise& enterprise);
nlohmann::json ToJson(const Enterprise& enterprise);

}  // namespace anjian::enterprise
