#include "modules/grid/grid_routes.hpp"

#include "http/json_input.hpp"

namespace anjian::grid {
namespace {

using http::ErrorResponse;
using http::Request;

Result<Filter> ReadFilter(const Request& request) {
  Filter filter;
  filter.region_code = request.Query("region_code");
  filter.q = request.Query("q");
  auto level = http::QueryInteger(request, "level");
  if (!level) return level.error();
  filter.level = level->value_or(0);
  auto parent = http::QueryInteger(request, "parent_id");
  if (!parent) return parent.error();
  filter.parent_id = *parent;
  auto responsible = http::QueryInteger(request, "responsible_user_id");
  if (!responsible) return responsible.error();
  filter.responsible_user_id = *responsible;
  return filter;
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/grids", http::Access::kAuthenticated, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    auto filter = ReadFilter(request);
    if (!filter) return ErrorResponse(filter.error(), request.language);
    return http::Reply(request, service.List(*request.principal, *filter, *page),
                       [&](const Listing& listing) {
                         return http::ListBody(listing.items, listing.total, *page,
                                               [](const Cell& c) { return ToJson(c); });
                       });
  });

  router.Post("/api/v1/grids", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    Cell cell;
    cell.level = input->RequiredInteger("level");
    cell.parent_id = input->NullableInteger("parent_id").value_or(std::nullopt);
    cell.region_code = input->RequiredString("region_code");
    cell.name = input->RequiredString("name");
    cell.responsible_user_id = input->NullableInteger("responsible_user_id").value_or(std::nullopt);
    cell.phone = input->OptionalString("phone").value_or("");
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    return http::Reply(
        request, service.Create(*request.principal, cell), [](const Cell& c) { return ToJson(c); },
        201);
  });

  router.Get("/api/v1/grids/{id}", http::Access::kAuthenticated, [&service](Request& request) {
    auto id = http::PathId(request, "id");
    if (!id) return ErrorResponse(id.error(), request.language);
    return http::Reply(request, service.Get(*request.principal, *id),
                       [](const Cell& c) { return ToJson(c); });
  });

  router.Patch("/api/v1/grids/{id}", http::Access::kAuthenticated, [&service](Request& request) {
    auto id = http::PathId(request, "id");
    if (!id) return ErrorResponse(id.error(), request.language);
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    Changes changes;
    changes.version = input->RequiredInteger("version");
    changes.name = input->OptionalString("name");
    changes.responsible_user_id = input->NullableInteger("responsible_user_id");
    changes.phone = input->OptionalString("phone");
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    return http::Reply(request, service.Update(*request.principal, *id, changes),
                       [](const Cell& c) { return ToJson(c); });
  });

  // The version comes as a query parameter: a DELETE carries no body.
  router.Delete("/api/v1/grids/{id}", http::Access::kAuthenticated, [&service](Request& request) {
    auto id = http::PathId(request, "id");
    if (!id) return ErrorResponse(id.error(), request.language);
    auto version = http::QueryInteger(request, "version");
    if (!version) return ErrorResponse(version.error(), request.language);
    if (!*version) return ErrorResponse(Error::Invalid("required", "version"), request.language);
    return http::Reply(request, service.Delete(*request.principal, *id, **version));
  });
}

}  // namespace anjian::grid
