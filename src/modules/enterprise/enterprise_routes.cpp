#include "modules/enterprise/enterprise_routes.hpp"

#include "core/messages.hpp"
#include "core/text.hpp"
#include "http/json_input.hpp"

namespace anjian::enterprise {
namespace {

using http::ErrorResponse;
using http::Request;

// The editable fields, read alike for creation (where absent means the default) and for a
// partial update (where absent means unchanged).
Changes ReadChanges(http::JsonInput& input) {
  Changes c;
  c.uscc = input.OptionalString("uscc");
  c.name = input.OptionalString("name");
  c.region_code = input.OptionalString("region_code");
  c.grid_cell_id = input.NullableInteger("grid_cell_id");
  c.industry_code = input.OptionalString("industry_code");
  c.scale = input.OptionalString("scale");
  c.employees = input.OptionalInteger("employees");
  c.frontline_workers = input.OptionalInteger("frontline_workers");
  c.safety_inspectors = input.OptionalInteger("safety_inspectors");
  c.hazard_tags = input.OptionalStringList("hazard_tags");
  c.address = input.OptionalString("address");
  c.longitude = input.NullableNumber("longitude");
  c.latitude = input.NullableNumber("latitude");
  c.status = input.OptionalString("status");
  c.standardization_level = input.NullableInteger("standardization_level");
  c.standardization_expiry = input.NullableString("standardization_expiry");
  return c;
}

Result<Filter> ReadFilter(const Request& request) {
  Filter filter{.q = request.Query("q"),
                .uscc = request.Query("uscc"),
                .region_code = request.Query("region_code"),
                .industry_code = request.Query("industry_code"),
                .tag = request.Query("tag"),
                .scale = request.Query("scale"),
                .status = request.Query("status"),
                .sort = request.Query("sort")};
  if (filter.sort.empty()) filter.sort = "id";
  // grid_id=none lists the enterprises not yet placed in any cell.
  if (request.Query("grid_id") == "none") {
    filter.unplaced = true;
  } else {
    auto grid = http::QueryInteger(request, "grid_id");
    if (!grid) return grid.error();
    filter.grid_id = *grid;
  }
  return filter;
}

nlohmann::json ToJson(const ImportReport& report, std::string_view language) {
  nlohmann::json rejected = nlohmann::json::array();
  for (const auto& r : report.rejected) {
    rejected.push_back({{"row", r.row},
                        {"field", r.field},
                        {"code", r.code},
                        {"reason", messages::ErrorText(language, r.code)}});
  }
  return {{"rows", report.rows},
          {"created", report.created},
          {"updated", report.updated},
          {"unchanged", report.unchanged},
          {"rejected", std::move(rejected)},
          {"committed", report.committed}};
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/enterprises", http::Access::kAuthenticated, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    auto filter = ReadFilter(request);
    if (!filter) return ErrorResponse(filter.error(), request.language);
    auto listing = service.List(*request.principal, *filter, *page);
    if (!listing) return ErrorResponse(listing.error(), request.language);
    http::JsonWriter items;
    items.BeginArray();
    for (const auto& e : listing->items) WriteJson(items, e);
    items.EndArray();
    return http::ListResponse(items.text(), listing->total, *page);
  });

  // Compact rows for the map: [id, longitude, latitude, name, status].
  router.Get("/api/v1/enterprises/map", http::Access::kAuthenticated, [&service](Request& request) {
    auto filter = ReadFilter(request);
    if (!filter) return ErrorResponse(filter.error(), request.language);
    return http::Reply(request, service.Points(*request.principal, *filter),
                       [](const std::pair<std::vector<store::Point>, int64_t>& found) {
                         nlohmann::json items = nlohmann::json::array();
                         for (const auto& p : found.first) {
                           items.push_back({p.id, p.longitude, p.latitude, p.name, p.status});
                         }
                         return nlohmann::json{{"items", std::move(items)},
                                               {"total", found.second},
                                               {"limit", Service::kMapLimit}};
                       });
  });

  // The file is the body (CSV or XLSX, told apart by content). mode=all (the default) writes
  // nothing when a row is rejected, mode=valid writes the valid rows; dry_run=true only checks.
  router.Add(http::Method::kPost, "/api/v1/enterprises/import",
             {http::Access::kAuthenticated, 16u << 20}, [&service](Request& request) {
               ImportOptions options;
               auto mode = request.Query("mode");
               if (!mode.empty() && mode != "all" && mode != "valid") {
                 return ErrorResponse(Error::Invalid("invalid_import_mode", "mode"),
                                      request.language);
               }
               options.valid_only = mode == "valid";
               auto dry_run = request.Query("dry_run");
               if (!dry_run.empty() && dry_run != "true" && dry_run != "false") {
                 return ErrorResponse(Error::Invalid("invalid_type", "dry_run"), request.language);
               }
               options.dry_run = dry_run == "true";
               return http::Reply(
                   request, service.Import(*request.principal, request.body, options),
                   [&](const ImportReport& report) { return ToJson(report, request.language); });
             });

  router.Get("/api/v1/enterprises/export.xlsx", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto filter = ReadFilter(request);
               if (!filter) return ErrorResponse(filter.error(), request.language);
               auto file = service.Export(*request.principal, *filter, request.language);
               if (!file) return ErrorResponse(file.error(), request.language);
               return http::Xlsx(std::move(*file), "enterprises.xlsx");
             });

  router.Get("/api/v1/enterprises/import-template.xlsx", http::Access::kAuthenticated,
             [](Request& request) {
               return http::Xlsx(Service::Template(request.language),
                                 "enterprise-import-template.xlsx");
             });

  router.Post("/api/v1/enterprises", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    auto changes = ReadChanges(*input);
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    const std::pair<const char*, bool> required[] = {
        {"uscc", changes.uscc.has_value()},
        {"name", changes.name.has_value()},
        {"region_code", changes.region_code.has_value()},
        {"industry_code", changes.industry_code.has_value()}};
    for (const auto& [field, present] : required) {
      if (!present) return ErrorResponse(Error::Invalid("required", field), request.language);
    }
    return http::Reply(
        request, service.Create(*request.principal, Apply(Enterprise{}, changes)),
        [](const Enterprise& e) { return ToJson(e); }, 201);
  });

  router.Get("/api/v1/enterprises/{id}", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto id = http::PathId(request, "id");
               if (!id) return ErrorResponse(id.error(), request.language);
               return http::Reply(request, service.Get(*request.principal, *id),
                                  [](const Enterprise& e) { return ToJson(e); });
             });

  router.Patch("/api/v1/enterprises/{id}", http::Access::kAuthenticated,
               [&service](Request& request) {
                 auto id = http::PathId(request, "id");
                 if (!id) return ErrorResponse(id.error(), request.language);
                 auto input = http::JsonInput::Parse(request.body);
                 if (!input) return ErrorResponse(input.error(), request.language);
                 int64_t version = input->RequiredInteger("version");
                 auto changes = ReadChanges(*input);
                 changes.version = version;
                 if (auto s = input->Finish(); !s) {
                   return ErrorResponse(s.error(), request.language);
                 }
                 return http::Reply(request, service.Update(*request.principal, *id, changes),
                                    [](const Enterprise& e) { return ToJson(e); });
               });

  // Placing enterprises in a grid cell changes the enterprises, so this module answers it.
  router.Post(
      "/api/v1/grids/{id}/enterprises", http::Access::kAuthenticated, [&service](Request& request) {
        auto id = http::PathId(request, "id");
        if (!id) return ErrorResponse(id.error(), request.language);
        auto input = http::JsonInput::Parse(request.body);
        if (!input) return ErrorResponse(input.error(), request.language);
        auto ids = input->OptionalIntegerList("enterprise_ids");
        if (auto s = input->Finish(); !s) {
          return ErrorResponse(s.error(), request.language);
        }
        if (!ids) {
          return ErrorResponse(Error::Invalid("required", "enterprise_ids"), request.language);
        }
        return http::Reply(request, service.PlaceInCell(*request.principal, *id, *ids),
                           [](int64_t moved) {
                             return nlohmann::json{{"moved", moved}};
                           });
      });

  router.Get("/api/v1/industries", http::Access::kAuthenticated, [&service](Request& request) {
    return http::Reply(
        request, service.Industries(*request.principal),
        [](const std::vector<store::Industry>& industries) {
          nlohmann::json items = nlohmann::json::array();
          for (const auto& i : industries) {
            items.push_back(
                {{"code", i.code}, {"name", i.name}, {"parent_code", OrNull(i.parent_code)}});
          }
          return nlohmann::json{{"items", std::move(items)}};
        });
  });

  router.Get("/api/v1/hazard-tags", http::Access::kAuthenticated, [&service](Request& request) {
    return http::Reply(request, service.Tags(*request.principal),
                       [](const std::vector<std::string>& tags) {
                         return nlohmann::json{{"items", tags}};
                       });
  });
}

}  // namespace anjian::enterprise
