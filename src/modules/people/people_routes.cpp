#include "modules/people/people_routes.hpp"

#include "http/json_input.hpp"

namespace anjian::people {
namespace {

using http::ErrorResponse;
using http::Request;

Changes ReadChanges(http::JsonInput& input) {
  Changes c;
  c.role = input.OptionalString("role");
  c.name = input.OptionalString("name");
  c.position = input.OptionalString("position");
  c.phone = input.OptionalString("phone");
  c.certificate_number = input.NullableString("certificate_number");
  c.certificate_kind = input.NullableString("certificate_kind");
  c.certificate_issued = input.NullableString("certificate_issued");
  c.certificate_expiry = input.NullableString("certificate_expiry");
  return c;
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/enterprises/{id}/people", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto id = http::PathId(request, "id");
               if (!id) return ErrorResponse(id.error(), request.language);
               auto today = service.Today();
               return http::Reply(request, service.List(*request.principal, *id),
                                  [&](const std::vector<Person>& people) {
                                    nlohmann::json items = nlohmann::json::array();
                                    for (const auto& p : people) items.push_back(ToJson(p, today));
                                    return nlohmann::json{{"items", std::move(items)}};
                                  });
             });

  router.Post(
      "/api/v1/enterprises/{id}/people", http::Access::kAuthenticated,
      [&service](Request& request) {
        auto id = http::PathId(request, "id");
        if (!id) return ErrorResponse(id.error(), request.language);
        auto input = http::JsonInput::Parse(request.body);
        if (!input) return ErrorResponse(input.error(), request.language);
        auto changes = ReadChanges(*input);
        if (auto s = input->Finish(); !s) {
          return ErrorResponse(s.error(), request.language);
        }
        for (const auto& [field, present] : {std::pair{"role", changes.role.has_value()},
                                             std::pair{"name", changes.name.has_value()},
                                             std::pair{"phone", changes.phone.has_value()}}) {
          if (!present) {
            return ErrorResponse(Error::Invalid("required", field), request.language);
          }
        }
        auto today = service.Today();
        return http::Reply(
            request, service.Create(*request.principal, *id, Apply(Person{}, changes)),
            [&](const Person& p) { return ToJson(p, today); }, 201);
      });

  router.Patch("/api/v1/enterprises/{id}/people/{person_id}", http::Access::kAuthenticated,
               [&service](Request& request) {
                 auto id = http::PathId(request, "id");
                 if (!id) return ErrorResponse(id.error(), request.language);
                 auto person_id = http::PathId(request, "person_id");
                 if (!person_id) return ErrorResponse(person_id.error(), request.language);
                 auto input = http::JsonInput::Parse(request.body);
                 if (!input) return ErrorResponse(input.error(), request.language);
                 int64_t version = input->RequiredInteger("version");
                 auto changes = ReadChanges(*input);
                 changes.version = version;
                 if (auto s = input->Finish(); !s) {
                   return ErrorResponse(s.error(), request.language);
                 }
                 auto today = service.Today();
                 return http::Reply(request,
                                    service.Update(*request.principal, *id, *person_id, changes),
                                    [&](const Person& p) { return ToJson(p, today); });
               });

  // The version comes as a query parameter: a DELETE carries no body.
  router.Delete("/api/v1/enterprises/{id}/people/{person_id}", http::Access::kAuthenticated,
                [&service](Request& request) {
                  auto id = http::PathId(request, "id");
                  if (!id) return ErrorResponse(id.error(), request.language);
                  auto person_id = http::PathId(request, "person_id");
                  if (!person_id) return ErrorResponse(person_id.error(), request.language);
                  auto version = http::QueryInteger(request, "version");
                  if (!version) return ErrorResponse(version.error(), request.language);
                  if (!*version) {
                    return ErrorResponse(Error::Invalid("required", "version"), request.language);
                  }
                  return http::Reply(
                      request, service.Delete(*request.principal, *id, *person_id, **version));
                });

  router.Get("/api/v1/certificates/expiring", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto page = http::ParsePage(request);
               if (!page) return ErrorResponse(page.error(), request.language);
               ExpiringFilter filter;
               filter.region_code = request.Query("region_code");
               auto within = http::QueryInteger(request, "within_days");
               if (!within) return ErrorResponse(within.error(), request.language);
               filter.within_days = within->value_or(kExpiryWarningDays);
               auto state = request.Query("state");
               if (!state.empty() && state != "expiring" && state != "expired") {
                 return ErrorResponse(Error::Invalid("invalid_certificate_state", "state"),
                                      request.language);
               }
               filter.expired = state == "expired";
               return http::Reply(request, service.Expiring(*request.principal, filter, *page),
                                  [&](const ExpiringListing& listing) {
                                    return http::ListBody(
                                        listing.items, listing.total, *page,
                                        [&](const store::Expiring& e) {
                                          auto json = ToJson(e.person, listing.today);
                                          json["enterprise"] = {{"id", e.person.enterprise_id},
                                                                {"name", e.enterprise_name},
                                                                {"uscc", e.enterprise_uscc},
                                                                {"region_code", e.region_code}};
                                          return json;
                                        });
                                  });
             });
}

}  // namespace anjian::people
