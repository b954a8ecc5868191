#include "modules/enterprise/enterprise_service.hpp"

#include "core/messages.hpp"
#include "core/region_code.hpp"
#include "core/table_file.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/grid/grid_store.hpp"
#include "modules/region/region_store.hpp"

namespace anjian::enterprise {
namespace {

std::set<std::string> KnownTags(db::Transaction& tx) {
  auto tags = store::Tags(tx);
  return {tags.begin(), tags.end()};
}

Error Translate(const db::DbError& error) {
  if (error.kind() == db::DbError::Kind::kUniqueViolation) {
    return Error::Conflict("uscc_taken", "uscc");
  }
  if (error.kind() == db::DbError::Kind::kForeignKeyViolation) {
    // The region and the grid cell are checked before writing, so a missing reference is the
    // industry.
    return Error::Invalid("unknown_industry", "industry_code");
  }
  throw error;
}

}  // namespace

Result<Listing> Service::List(const Principal& principal, const Filter& filter,
                              const http::Page& page) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  if (!IsKnownSort(filter.sort)) return Error::Invalid("invalid_sort", "sort");
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  auto scope = Scope::For(principal).ForEnterprises();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  Listing out;
  out.total = store::Count(tx, filter, scope);
  out.items = store::List(tx, filter, scope, page.page_size, page.Offset(), out.total);
  return out;
}

Result<std::pair<std::vector<store::Point>, int64_t>> Service::Points(const Principal& principal,
                                                                      const Filter& filter) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  auto scope = Scope::For(principal).ForEnterprises();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto points = store::Points(tx, filter, scope, kMapLimit);
  return std::make_pair(std::move(points), store::Count(tx, filter, scope));
}

Result<Enterprise> Service::Get(const Principal& principal, int64_t id) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto found = store::Find(tx, id, Scope::For(principal).ForEnterprises());
  if (!found) return Error::NotFound();
  return *found;
}

Result<std::optional<int64_t>> Service::ResolveCell(db::Transaction& tx, const Scope& scope,
                                                    const Enterprise& record, bool asked) {
  if (!asked || !record.grid_cell_id) {
    if (asked) return std::optional<int64_t>{};  // explicitly taken out of every cell
    return grid::store::SoleCellOfVillage(tx, record.region_code);
  }
  auto cell = grid::store::Find(tx, *record.grid_cell_id, scope.ForEnterprises());
  if (!cell) return Error::Invalid("grid_cell_not_found", "grid_cell_id");
  if (auto s = grid::ValidatePlacement(*cell, record.region_code); !s) return s.error();
  return record.grid_cell_id;
}

Result<int64_t> Service::Insert(db::Transaction& tx, const Enterprise& input,
                                const std::set<std::string>& tags, const audit::Actor& actor,
                                Instant now, std::string_view action) {
  Enterprise record = input;
  record.hazard_tags = DecodeTags(EncodeTags(record.hazard_tags));
  if (auto s = Validate(record, tags); !s) return s.error();
  try {
    record.id = store::Insert(tx, record, FormatInstant(now));
  } catch (const db::DbError& error) {
    return Translate(error);
  }
  record.created_at = record.updated_at = FormatInstant(now);
  audit::Append(tx, actor, action, "enterprise", std::to_string(record.id), nullptr, ToJson(record),
                now);
  return record.id;
}

Result<Enterprise> Service::Create(const Principal& principal, const Enterprise& input) {
  if (!Allows(principal.role, Permission::kManageEnterprises)) return Error::Forbidden();
  if (!Scope::For(principal).CoversRegion(input.region_code) &&
      region_code::IsWellFormed(input.region_code)) {
    return Error::Invalid("region_not_found", "region_code");
  }
  if (region_code::IsWellFormed(input.region_code) && !regions_.Exists(input.region_code)) {
    return Error::Invalid("region_not_found", "region_code");
  }
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  Enterprise record = input;
  if (region_code::IsWellFormed(record.region_code)) {
    auto cell = ResolveCell(tx, Scope::For(principal), record, input.grid_cell_id.has_value());
    if (!cell) return cell.error();
    record.grid_cell_id = *cell;
  }
  auto id = Insert(tx, record, KnownTags(tx), audit::ActorOf(principal), now);
  if (!id) return id.error();
  auto created = store::Find(tx, *id, Scope::System().ForEnterprises());
  tx.Commit();
  return *created;
}

Result<Enterprise> Service::Update(const Principal& principal, int64_t id, const Changes& changes) {
  bool officer = Allows(principal.role, Permission::kManageEnterprises);
  bool own = principal.role == Role::kEnterprise;
  if (!officer && !own) return Error::Forbidden();
  // Asked before the write transaction opens: taking a second pooled connection while holding
  // one could wait for ever once every connection is held by such a writer.
  std::optional<bool> region_exists;
  if (changes.region_code) region_exists = regions_.Exists(*changes.region_code);
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::Find(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  if (own) {
    if (changes.uscc && *changes.uscc != current->uscc) return Error::Forbidden("field_locked");
    if (changes.region_code && *changes.region_code != current->region_code) {
      return Error::Forbidden("field_locked");
    }
    if (changes.grid_cell_id && *changes.grid_cell_id != current->grid_cell_id) {
      return Error::Forbidden("field_locked");
    }
  }
  Enterprise next = Apply(*current, changes);
  if (officer && next.region_code != current->region_code &&
      !Scope::For(principal).CoversRegion(next.region_code) &&
      region_code::IsWellFormed(next.region_code)) {
    return Error::Invalid("region_not_found", "region_code");
  }
  if (auto s = Validate(next, KnownTags(tx)); !s) return s.error();
  // The region differs only when the changes carried one, so region_exists holds the answer.
  if (next.region_code != current->region_code && !region_exists.value_or(false)) {
    return Error::Invalid("region_not_found", "region_code");
  }
  // A record that moves village leaves its cell unless a new one is named with it.
  if (changes.grid_cell_id || next.region_code != current->region_code) {
    auto cell = ResolveCell(tx, Scope::For(principal), next, changes.grid_cell_id.has_value());
    if (!cell) return cell.error();
    next.grid_cell_id = *cell;
  }
  try {
    if (!store::Update(tx, next, changes.version, FormatInstant(now))) {
      return Error::Conflict("stale_version", "version");
    }
  } catch (const db::DbError& error) {
    return Translate(error);
  }
  auto updated = store::Find(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "update", "enterprise", std::to_string(id),
                ToJson(*current), ToJson(*updated), now);
  tx.Commit();
  return *updated;
}

Result<int64_t> Service::PlaceInCell(const Principal& principal, int64_t cell_id,
                                     const std::vector<int64_t>& enterprise_ids) {
  if (!Allows(principal.role, Permission::kManageGrids)) return Error::Forbidden();
  if (enterprise_ids.empty() || enterprise_ids.size() > 1000) {
    return Error::Invalid("invalid_enterprise_ids", "enterprise_ids");
  }
  auto scope = Scope::For(principal).ForEnterprises();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto cell = grid::store::Find(tx, cell_id, scope);
  if (!cell) return Error::NotFound();
  int64_t moved = 0;
  for (int64_t id : std::set<int64_t>(enterprise_ids.begin(), enterprise_ids.end())) {
    auto current = store::Find(tx, id, scope);
    if (!current) return Error::Invalid("enterprise_not_found", "enterprise_ids");
    if (auto s = grid::ValidatePlacement(*cell, current->region_code); !s) {
      return Error::Invalid(s.error().code, "enterprise_ids");
    }
    if (current->grid_cell_id == cell_id) continue;
    Enterprise next = *current;
    next.grid_cell_id = cell_id;
    if (!store::Update(tx, next, current->version, FormatInstant(now))) {
      return Error::Conflict("stale_version", "version");
    }
    auto updated = store::Find(tx, id, Scope::System().ForEnterprises());
    audit::Append(tx, audit::ActorOf(principal), "move", "enterprise", std::to_string(id),
                  ToJson(*current), ToJson(*updated), now);
    ++moved;
  }
  tx.Commit();
  return moved;
}

Result<ImportReport> Service::Import(const Principal& principal, std::string_view file,
                                     const ImportOptions& options) {
  if (!Allows(principal.role, Permission::kManageEnterprises)) return Error::Forbidden();
  return ImportAs(Scope::For(principal), audit::ActorOf(principal), file, options);
}

Result<ImportReport> Service::ImportAsSystem(std::string_view file, const ImportOptions& options,
                                             const std::string& actor) {
  return ImportAs(Scope::System(), audit::SystemActor(actor), file, options);
}

Result<ImportReport> Service::ImportAs(const Scope& scope, const audit::Actor& actor,
                                       std::string_view file, const ImportOptions& options) {
  auto table = table_file::ReadTable(file);
  if (!table) return table.error();
  auto parsed = ParseSheet(table->rows);
  ImportReport report;
  report.rejected = std::move(parsed.rejected);
  report.rows = static_cast<int64_t>(parsed.rows.size() + report.rejected.size());
  if (!report.rejected.empty() && report.rejected.front().row == 1) {
    report.rows = 0;  // the header is wrong: no row was read
    return report;
  }

  auto bounds = scope.ForEnterprises();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto tags = KnownTags(tx);
  std::set<std::string> industries;
  for (const auto& industry : store::Industries(tx)) industries.insert(industry.code);
  std::map<std::string, bool> villages;  // code → exists
  auto village_exists = [&](const std::string& code) {
    auto [at, inserted] = villages.emplace(code, false);
    if (inserted) at->second = region::store::Find(tx, code).has_value();
    return at->second;
  };
  auto reject = [&report](const ImportRow& row, const Error& error) {
    report.rejected.push_back({row.row, error.field, error.code});
  };

  for (const auto& row : parsed.rows) {
    auto existing = store::FindByUscc(tx, row.record.uscc);
    // A record of another area is not the caller's to change, and nothing about it may show
    // through: this answer comes before any rule is checked against its values.
    if (existing && !store::Find(tx, existing->id, bounds)) {
      reject(row, Error::Conflict("uscc_taken", "uscc"));
      continue;
    }
    Enterprise next = existing ? Merge(*existing, row) : row.record;
    if (auto s = Validate(next, tags); !s) {
      reject(row, s.error());
      continue;
    }
    if (!scope.CoversRegion(next.region_code) || !village_exists(next.region_code)) {
      reject(row, Error::Invalid("region_not_found", "region_code"));
      continue;
    }
    if (!industries.contains(next.industry_code)) {
      reject(row, Error::Invalid("unknown_industry", "industry_code"));
      continue;
    }
    if (!existing) {
      next.grid_cell_id = grid::store::SoleCellOfVillage(tx, next.region_code);
      auto id = Insert(tx, next, tags, actor, now, "import");
      if (!id) {
        reject(row, id.error());
        continue;
      }
      ++report.created;
      continue;
    }
    if (next.region_code != existing->region_code) {
      next.grid_cell_id = grid::store::SoleCellOfVillage(tx, next.region_code);
    }
    http::JsonWriter before, after;
    WriteJson(before, *existing);
    WriteJson(after, next);
    if (before.text() == after.text()) {
      ++report.unchanged;
      continue;
    }
    if (!store::Update(tx, next, existing->version, FormatInstant(now))) {
      reject(row, Error::Conflict("stale_version", "version"));
      continue;
    }
    auto updated = store::Find(tx, existing->id, Scope::System().ForEnterprises());
    audit::Append(tx, actor, "import", "enterprise", std::to_string(existing->id),
                  ToJson(*existing), ToJson(*updated), now);
    ++report.updated;
  }
  std::sort(report.rejected.begin(), report.rejected.end(),
            [](const Rejection& a, const Rejection& b) { return a.row < b.row; });
  bool write = !options.dry_run && (report.rejected.empty() || options.valid_only) &&
               report.created + report.updated > 0;
  if (write) tx.Commit();  // otherwise the transaction rolls back when it goes out of scope
  report.committed = write;
  return report;
}

Result<std::string> Service::Export(const Principal& principal, const Filter& filter,
                                    std::string_view language) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  if (!IsKnownSort(filter.sort)) return Error::Invalid("invalid_sort", "sort");
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  auto scope = Scope::For(principal).ForEnterprises();
  table_file::Sheet sheet;
  sheet.name = messages::Label(language, "sheet", "enterprises");
  {
    db::Transaction tx(database_, db::TransactionMode::kRead);
    auto total = store::Count(tx, filter, scope);
    if (total > kExportLimit) return Error::Invalid("export_too_large");
    auto records = store::List(tx, filter, scope, kExportLimit, 0, total);
    std::map<std::string, std::string> industry_names;
    for (const auto& industry : store::Industries(tx)) {
      industry_names[industry.code] = industry.name;
    }
    std::map<std::string, std::string> region_names;
    std::map<int64_t, std::string> cell_names;
    auto region_name = [&](const std::string& code) -> const std::string& {
      auto [at, inserted] = region_names.emplace(code, "");
      if (inserted) {
        if (auto region = region::store::Find(tx, code)) at->second = region->name;
      }
      return at->second;
    };
    auto cell_name = [&](std::optional<int64_t> id) -> std::string {
      if (!id) return "";
      auto [at, inserted] = cell_names.emplace(*id, "");
      if (inserted) {
        if (auto cell = grid::store::Find(tx, *id, Scope::System().ForEnterprises())) {
          at->second = cell->name;
        }
      }
      return at->second;
    };
    auto label = [&language](std::string_view group, std::string_view code) {
      return messages::Label(language, group, code);
    };
    for (const auto& e : records) {
      std::string tags;
      for (const auto& tag : e.hazard_tags) {
        tags += (tags.empty() ? "" : "、") + label("hazard_tag", tag);
      }
      auto number = [](const std::optional<double>& v) -> table_file::Cell {
        if (!v) return std::monostate{};
        return *v;
      };
      sheet.rows.push_back(
          {e.uscc, e.name, e.region_code, e.industry_code, label("scale", e.scale), e.employees,
           e.frontline_workers, e.safety_inspectors, tags, e.address, number(e.longitude),
           number(e.latitude), label("status", e.status),
           e.standardization_level
               ? table_file::Cell{label("standardization_level",
                                        std::to_string(*e.standardization_level))}
               : table_file::Cell{},
           e.standardization_expiry ? table_file::Cell{*e.standardization_expiry}
                                    : table_file::Cell{},
           region_name(e.region_code), industry_names[e.industry_code], cell_name(e.grid_cell_id),
           label("yes_no",
                 InspectorsBelowMinimum(e.frontline_workers, e.safety_inspectors) ? "yes" : "no")});
    }
  }
  // The import's columns first, so that the file can be edited and imported again; the rest
  // help a reader and are ignored by an import.
  for (const auto& column : ImportColumns()) {
    sheet.header.push_back(messages::Label(language, "enterprise_column", column));
  }
  for (const char* extra :
       {"region_name", "industry_name", "grid_cell", "inspectors_below_minimum"}) {
    sheet.header.push_back(messages::Label(language, "enterprise_column", extra));
  }
  sheet.column_widths = {22, 36, 15, 10, 14, 10, 12, 12, 24, 40,
                         11, 11, 10, 12, 16, 16, 28, 20, 12};
  return table_file::WriteXlsx({sheet});
}

std::string Service::Template(std::string_view language) {
  table_file::Sheet sheet;
  sheet.name = messages::Label(language, "sheet", "enterprises");
  for (const auto& column : ImportColumns()) {
    sheet.header.push_back(messages::Label(language, "enterprise_column", column));
  }
  sheet.rows.push_back({"91350100M000100Y43", messages::Label(language, "sheet", "example_name"),
                        "990102001201", "C33", messages::Label(language, "scale", "below"),
                        int64_t{120}, int64_t{90}, int64_t{5},
                        messages::Label(language, "hazard_tag", "dust_explosion"),
                        messages::Label(language, "sheet", "example_address"), 118.3, 28.4,
                        messages::Label(language, "status", "operating"),
                        messages::Label(language, "standardization_level", "3"), "2027-06-30"});
  sheet.column_widths = {22, 36, 15, 10, 14, 10, 12, 12, 24, 40, 11, 11, 10, 12, 16};
  table_file::Sheet help;
  help.name = messages::Label(language, "sheet", "instructions");
  help.header = {messages::Label(language, "sheet", "column"),
                 messages::Label(language, "sheet", "required"),
                 messages::Label(language, "sheet", "accepted")};
  for (const auto& column : ImportColumns()) {
    help.rows.push_back(
        {messages::Label(language, "enterprise_column", column),
         messages::Label(language, "yes_no", IsRequiredColumn(column) ? "yes" : "no"),
         messages::Label(language, "import_help", column)});
  }
  help.column_widths = {24, 10, 80};
  return table_file::WriteXlsx({sheet, help});
}

Result<std::vector<store::Industry>> Service::Industries(const Principal& principal) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  return store::Industries(tx);
}

Result<std::vector<std::string>> Service::Tags(const Principal& principal) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  return store::Tags(tx);
}

std::vector<int64_t> Service::CreateAsSystem(const std::vector<Enterprise>& records,
                                             const std::string& actor) {
  Instant now = clock_.Now();
  std::vector<int64_t> ids;
  ids.reserve(records.size());
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto tags = KnownTags(tx);
  for (const auto& record : records) {
    auto id = Insert(tx, record, tags, audit::SystemActor(actor), now);
    if (!id) {
      throw std::runtime_error("enterprise " + record.uscc + ": " + id.error().code + " (" +
                               id.error().field + ")");
    }
    ids.push_back(*id);
  }
  tx.Commit();
  return ids;
}

void WriteJson(http::JsonWriter& w, const Enterprise& e) {
  w.BeginObject()
      .Key("id")
      .Int(e.id)
      .Key("uscc")
      .String(e.uscc)
      .Key("name")
      .String(e.name)
      .Key("region_code")
      .String(e.region_code)
      .Key("grid_cell_id")
      .Optional(e.grid_cell_id)
      .Key("industry_code")
      .String(e.industry_code)
      .Key("scale")
      .String(e.scale)
      .Key("employees")
      .Int(e.employees)
      .Key("frontline_workers")
      .Int(e.frontline_workers)
      .Key("safety_inspectors")
      .Int(e.safety_inspectors)
      .Key("inspectors_below_minimum")
      .Bool(InspectorsBelowMinimum(e.frontline_workers, e.safety_inspectors))
      .Key("hazard_tags")
      .BeginArray();
  for (const auto& tag : e.hazard_tags) w.String(tag);
  w.EndArray()
      .Key("address")
      .String(e.address)
      .Key("longitude")
      .Optional(e.longitude)
      .Key("latitude")
      .Optional(e.latitude)
      .Key("status")
      .String(e.status)
      .Key("standardization_level")
      .Optional(e.standardization_level)
      .Key("standardization_expiry")
      .Optional(e.standardization_expiry)
      .Key("created_at")
      .String(e.created_at)
      .Key("updated_at")
      .String(e.updated_at)
      .Key("version")
      .Int(e.version)
      .EndObject();
}

nlohmann::json ToJson(const Enterprise& e) {
  http::JsonWriter w;
  WriteJson(w, e);
  return nlohmann::json::parse(w.text());
}

}  // namespace anjian::enterprise
