#include "modules/watchlist/watchlist_routes.hpp"

#include "http/json_input.hpp"

namespace anjian::watchlist {

using http::ErrorResponse;
using http::Request;

namespace {

http::Response DetailReply(const Request& request, const Result<Detail>& detail, int status = 200) {
  return http::Reply(
      request, detail, [](const Detail& d) { return ToJson(d); }, status);
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/watchlist", http::Access::kAuthenticated, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    auto enterprise_id = http::QueryInteger(request, "enterprise_id");
    if (!enterprise_id) return ErrorResponse(enterprise_id.error(), request.language);
    store::Filter filter;
    filter.subject_kind = request.Query("subject_kind");
    filter.level = request.Query("level");
    filter.status = request.Query("status");
    filter.region_code = request.Query("region_code");
    filter.enterprise_id = *enterprise_id;
    return http::Reply(request, service.List(*request.principal, filter, *page),
                       [&](const Listing& listing) {
                         return http::ListBody(listing.items, listing.total, *page,
                                               [](const store::Entry& e) { return ToJson(e); });
                       });
  });

  router.Post("/api/v1/watchlist", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    EntryInput in;
    in.subject_kind = input->RequiredString("subject_kind");
    in.enterprise_id = input->OptionalInteger("enterprise_id");
    in.region_code = input->OptionalString("region_code").value_or("");
    in.department = input->OptionalString("department").value_or("");
    in.level = input->RequiredString("level");
    in.reason = input->RequiredString("reason");
    in.skip_reason = input->OptionalString("skip_reason").value_or("");
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    return DetailReply(request, service.Add(*request.principal, in), 201);
  });

  router.Get("/api/v1/watchlist/subject", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto enterprise_id = http::QueryInteger(request, "enterprise_id");
               if (!enterprise_id) return ErrorResponse(enterprise_id.error(), request.language);
               EntryInput in;
               in.subject_kind = request.Query("subject_kind");
               in.enterprise_id = *enterprise_id;
               in.region_code = request.Query("region_code");
               in.department = request.Query("department");
               return DetailReply(request, service.Subject(*request.principal, in));
             });

  router.Get("/api/v1/watchlist/{id}", http::Access::kAuthenticated, [&service](Request& request) {
    auto id = http::PathId(request, "id");
    if (!id) return ErrorResponse(id.error(), request.language);
    return DetailReply(request, service.Get(*request.principal, *id));
  });

  router.Post("/api/v1/watchlist/{id}/lift", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                auto body = http::ReadVersionedText(request, "reason");
                if (!body) return ErrorResponse(body.error(), request.language);
                return DetailReply(
                    request, service.Lift(*request.principal, *id, body->version, body->text));
              });

  router.Post("/api/v1/watchlist/{id}/interviews", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                auto input = http::JsonInput::Parse(request.body);
                if (!input) return ErrorResponse(input.error(), request.language);
                Interview in;
                in.held_on = input->RequiredString("held_on");
                in.attendees = input->RequiredString("attendees");
                in.minutes = input->RequiredString("minutes");
                in.followup = input->OptionalString("followup").value_or("");
                in.followup_due_on = input->OptionalString("followup_due_on");
                if (auto s = input->Finish(); !s) {
                  return ErrorResponse(s.error(), request.language);
                }
                return DetailReply(request, service.AddInterview(*request.principal, *id, in), 201);
              });
}

}  // namespace anjian::watchlist
