#include "modules/inspection/inspection_routes.hpp"

#include "http/json_input.hpp"

namespace anjian::inspection {
namespace {

using http::ErrorResponse;
using http::Request;

std::optional<std::vector<ItemResult>> ReadResults(http::JsonInput& input) {
  return input.OptionalObjectList<ItemResult>("results", [](http::JsonInput& in) {
    ItemResult r;
    r.item_id = in.RequiredInteger("item_id");
    r.result = in.RequiredString("result");
    r.note = in.OptionalString("note").value_or("");
    r.hazard_level = in.NullableString("hazard_level").value_or(std::nullopt);
    r.photo_ids = in.OptionalIntegerList("photo_ids");
    return r;
  });
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/inspections", http::Access::kAuthenticated, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    Filter filter;
    filter.region_code = request.Query("region_code");
    filter.kind = request.Query("kind");
    filter.status = request.Query("status");
    filter.from = request.Query("from");
    filter.to = request.Query("to");
    auto enterprise_id = http::QueryInteger(request, "enterprise_id");
    if (!enterprise_id) return ErrorResponse(enterprise_id.error(), request.language);
    filter.enterprise_id = *enterprise_id;
    return http::Reply(request, service.List(*request.principal, filter, *page),
                       [&](const Listing& listing) {
                         return http::ListBody(listing.items, listing.total, *page,
                                               [](const Inspection& i) { return ToJson(i); });
                       });
  });

  router.Get("/api/v1/inspections/{id}", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto id = http::PathId(request, "id");
               if (!id) return ErrorResponse(id.error(), request.language);
               return http::Reply(request, service.Get(*request.principal, *id),
                                  [](const Detail& d) { return ToJson(d); });
             });

  router.Post("/api/v1/inspections", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    StartInput in;
    in.enterprise_id = input->RequiredInteger("enterprise_id");
    in.kind = input->RequiredString("kind");
    in.checklist_id = input->OptionalInteger("checklist_id");
    in.companions = input->OptionalString("companions").value_or("");
    in.longitude = input->OptionalNumber("longitude");
    in.latitude = input->OptionalNumber("latitude");
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    return http::Reply(
        request, service.Start(*request.principal, in), [](const Detail& d) { return ToJson(d); },
        201);
  });

  router.Patch("/api/v1/inspections/{id}", http::Access::kAuthenticated,
               [&service](Request& request) {
                 auto id = http::PathId(request, "id");
                 if (!id) return ErrorResponse(id.error(), request.language);
                 auto input = http::JsonInput::Parse(request.body);
                 if (!input) return ErrorResponse(input.error(), request.language);
                 Progress progress;
                 progress.version = input->RequiredInteger("version");
                 progress.results = ReadResults(*input).value_or(std::vector<ItemResult>{});
                 progress.companions = input->OptionalString("companions");
                 progress.summary = input->OptionalString("summary");
                 progress.longitude = input->NullableNumber("longitude");
                 progress.latitude = input->NullableNumber("latitude");
                 if (auto s = input->Finish(); !s) {
                   return ErrorResponse(s.error(), request.language);
                 }
                 return http::Reply(request, service.Save(*request.principal, *id, progress),
                                    [](const Detail& d) { return ToJson(d); });
               });

  router.Post("/api/v1/inspections/{id}/finish", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                auto input = http::JsonInput::Parse(request.body);
                if (!input) return ErrorResponse(input.error(), request.language);
                int64_t version = input->RequiredInteger("version");
                if (auto s = input->Finish(); !s) {
                  return ErrorResponse(s.error(), request.language);
                }
                return http::Reply(request, service.Finish(*request.principal, *id, version),
                                   [](const Detail& d) { return ToJson(d); });
              });
}

}  // namespace anjian::inspection
