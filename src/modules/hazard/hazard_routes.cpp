#include "modules/hazard/hazard_routes.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/json_input.hpp"
#include "modules/hazard/notice_pdf.hpp"

namespace anjian::hazard {
namespace {

using http::ErrorResponse;
using http::Request;

Result<Filter> ReadFilter(const Request& request) {
  Filter filter;
  filter.region_code = request.Query("region_code");
  filter.state = request.Query("state");
  filter.level = request.Query("level");
  filter.q = request.Query("q");
  for (auto [name, target] :
       {std::pair{"overdue", &filter.overdue}, std::pair{"listed", &filter.listed}}) {
    auto value = request.Query(name);
    if (!value.empty() && value != "true" && value != "false") {
      return Error::Invalid("invalid_boolean", name);
    }
    *target = value == "true";
  }
  for (auto [name, target] : {std::pair{"enterprise_id", &filter.enterprise_id},
                              std::pair{"inspection_id", &filter.inspection_id},
                              std::pair{"notice_id", &filter.notice_id}}) {
    auto value = http::QueryInteger(request, name);
    if (!value) return value.error();
    *target = *value;
  }
  return filter;
}

http::Response Pdf(std::string body, const std::string& filename) {
  http::Response response;
  response.content_type = "application/pdf";
  response.body = std::move(body);
  response.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/hazards", http::Access::kAuthenticated, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    auto filter = ReadFilter(request);
    if (!filter) return ErrorResponse(filter.error(), request.language);
    return http::Reply(
        request, service.List(*request.principal, *filter, *page), [&](const Listing& listing) {
          return http::ListBody(listing.items, listing.total, *page,
                                [&](const Hazard& h) { return ToJson(h, listing.today); });
        });
  });

  router.Get("/api/v1/hazards/{id}", http::Access::kAuthenticated, [&service](Request& request) {
    auto id = http::PathId(request, "id");
    if (!id) return ErrorResponse(id.error(), request.language);
    return http::Reply(request, service.Get(*request.principal, *id),
                       [](const Detail& d) { return ToJson(d); });
  });

  router.Post("/api/v1/hazards", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    Hazard h;
    h.enterprise_id = input->RequiredInteger("enterprise_id");
    h.description = input->RequiredString("description");
    h.location = input->OptionalString("location").value_or("");
    h.level = input->OptionalString("level").value_or("general");
    h.source = input->OptionalString("source").value_or("daily");
    h.hazard_type = input->OptionalString("hazard_type").value_or("safety");
    h.classification = input->OptionalString("classification").value_or("unsafe_state");
    h.handling = input->OptionalString("handling").value_or("by_deadline");
    auto photo_ids = input->OptionalIntegerList("photo_ids").value_or(std::vector<int64_t>{});
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    return http::Reply(
        request, service.Create(*request.principal, h, photo_ids),
        [](const Detail& d) { return ToJson(d); }, 201);
  });

  router.Post("/api/v1/hazards/{id}/transitions", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                auto input = http::JsonInput::Parse(request.body);
                if (!input) return ErrorResponse(input.error(), request.language);
                TransitionInput in;
                auto action_name = input->RequiredString("action");
                in.version = input->RequiredInteger("version");
                in.deadline = input->OptionalString("deadline");
                in.responsible_person = input->OptionalString("responsible_person");
                in.measures = input->OptionalString("measures");
                in.method = input->OptionalString("method");
                in.completed_on = input->OptionalString("completed_on");
                in.result = input->OptionalString("result");
                in.reason = input->OptionalString("reason");
                in.photo_ids = input->OptionalIntegerList("photo_ids");
                if (auto s = input->Finish(); !s) {
                  return ErrorResponse(s.error(), request.language);
                }
                auto action = ParseAction(action_name);
                if (!action || *action == Action::kReport) {
                  return ErrorResponse(Error::Invalid("invalid_hazard_action", "action"),
                                       request.language);
                }
                in.action = *action;
                return http::Reply(request, service.Act(*request.principal, *id, in),
                                   [](const Detail& d) { return ToJson(d); });
              });

  router.Post("/api/v1/notices", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    NoticeInput in;
    auto ids = input->OptionalIntegerList("hazard_ids");
    in.deadline = input->RequiredString("deadline");
    in.responsible_person = input->RequiredString("responsible_person");
    in.measures = input->RequiredString("measures");
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    if (!ids) return ErrorResponse(Error::Invalid("required", "hazard_ids"), request.language);
    in.hazard_ids = std::move(*ids);
    return http::Reply(
        request, service.IssueNotice(*request.principal, in),
        [](const NoticeDetail& n) { return ToJson(n); }, 201);
  });

  // Before "/api/v1/notices/{id}", which would match it too.
  router.Get(
      "/api/v1/notices/{id}.pdf", http::Access::kAuthenticated, [&service](Request& request) {
        auto id = http::PathId(request, "id");
        if (!id) return ErrorResponse(id.error(), request.language);
        auto notice = service.GetNotice(*request.principal, *id);
        if (!notice) return ErrorResponse(notice.error(), request.language);
        try {
          return Pdf(NoticePdf(*notice, request.language), fmt::format("notice-{}.pdf", *id));
        } catch (const NoticePdfError& error) {
          spdlog::error("notice {} as PDF: {}", *id, error.what());
          return ErrorResponse(Error::Internal(error.what()), request.language);
        }
      });

  router.Get("/api/v1/notices/{id}", http::Access::kAuthenticated, [&service](Request& request) {
    auto id = http::PathId(request, "id");
    if (!id) return ErrorResponse(id.error(), request.language);
    return http::Reply(request, service.GetNotice(*request.principal, *id),
                       [](const NoticeDetail& n) { return ToJson(n); });
  });
}

}  // namespace anjian::hazard
