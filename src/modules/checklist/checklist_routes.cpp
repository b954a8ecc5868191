#include "modules/checklist/checklist_routes.hpp"

#include "http/json_input.hpp"

namespace anjian::checklist {
namespace {

using http::ErrorResponse;
using http::Request;

std::optional<std::vector<Item>> ReadItems(http::JsonInput& input) {
  return input.OptionalObjectList<Item>("items", [](http::JsonInput& in) {
    Item item;
    item.text = in.RequiredString("text");
    item.category = in.RequiredString("category");
    item.legal_basis = in.OptionalString("legal_basis").value_or("");
    item.points = in.NullableInteger("points").value_or(std::nullopt);
    item.major_hazard = in.OptionalBool("major_hazard").value_or(false);
    return item;
  });
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/checklists", http::Access::kAuthenticated, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    Filter filter;
    filter.purpose = request.Query("purpose");
    filter.q = request.Query("q");
    auto enterprise_id = http::QueryInteger(request, "enterprise_id");
    if (!enterprise_id) return ErrorResponse(enterprise_id.error(), request.language);
    return http::Reply(request, service.List(*request.principal, filter, *enterprise_id, *page),
                       [&](const Listing& listing) {
                         return http::ListBody(listing.items, listing.total, *page,
                                               [](const Checklist& c) { return ToJson(c); });
                       });
  });

  router.Get("/api/v1/checklists/{id}", http::Access::kAuthenticated, [&service](Request& request) {
    auto id = http::PathId(request, "id");
    if (!id) return ErrorResponse(id.error(), request.language);
    auto number = http::QueryInteger(request, "version");
    if (!number) return ErrorResponse(number.error(), request.language);
    return http::Reply(request, service.Get(*request.principal, *id, *number),
                       [](const Detail& d) { return ToJson(d); });
  });

  router.Post("/api/v1/checklists", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    Checklist checklist;
    checklist.code = input->RequiredString("code");
    checklist.name = input->RequiredString("name");
    checklist.purpose = input->RequiredString("purpose");
    checklist.hazard_tags =
        input->OptionalStringList("hazard_tags").value_or(std::vector<std::string>{});
    checklist.industry_code = input->OptionalString("industry_code").value_or("");
    auto note = input->OptionalString("note").value_or("");
    auto items = ReadItems(*input);
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    if (!items) return ErrorResponse(Error::Invalid("required", "items"), request.language);
    return http::Reply(
        request, service.Create(*request.principal, checklist, *items, note),
        [](const Detail& d) { return ToJson(d); }, 201);
  });

  // A revision writes the next version; the earlier ones stay as inspections used them.
  router.Post("/api/v1/checklists/{id}/versions", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                auto input = http::JsonInput::Parse(request.body);
                if (!input) return ErrorResponse(input.error(), request.language);
                Revision revision;
                revision.version = input->RequiredInteger("version");
                revision.name = input->OptionalString("name");
                revision.purpose = input->OptionalString("purpose");
                revision.hazard_tags = input->OptionalStringList("hazard_tags");
                revision.industry_code = input->OptionalString("industry_code");
                revision.note = input->OptionalString("note").value_or("");
                auto items = ReadItems(*input);
                if (auto s = input->Finish(); !s) {
                  return ErrorResponse(s.error(), request.language);
                }
                if (!items) {
                  return ErrorResponse(Error::Invalid("required", "items"), request.language);
                }
                revision.items = std::move(*items);
                return http::Reply(
                    request, service.Revise(*request.principal, *id, revision),
                    [](const Detail& d) { return ToJson(d); }, 201);
              });
}

}  // namespace anjian::checklist
