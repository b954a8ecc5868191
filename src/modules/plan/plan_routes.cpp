#include "modules/plan/plan_routes.hpp"

#include "http/json_input.hpp"

namespace anjian::plan {

using http::ErrorResponse;
using http::Request;

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/inspection-plans", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto page = http::ParsePage(request);
               if (!page) return ErrorResponse(page.error(), request.language);
               return http::Reply(request,
                                  service.List(*request.principal, request.Query("status"), *page),
                                  [&](const Listing& listing) {
                                    return http::ListBody(listing.items, listing.total, *page,
                                                          [](const Plan& p) { return ToJson(p); });
                                  });
             });

  // The caller's own work: targets assigned to it that are not done, soonest due first.
  router.Get("/api/v1/inspection-plans/tasks", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto page = http::ParsePage(request);
               if (!page) return ErrorResponse(page.error(), request.language);
               return http::Reply(
                   request, service.MyTasks(*request.principal, *page), [&](const Tasks& tasks) {
                     return http::ListBody(tasks.items, tasks.total, *page,
                                           [&](const Target& t) { return ToJson(t, tasks.today); });
                   });
             });

  router.Get("/api/v1/inspection-plans/{id}", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto id = http::PathId(request, "id");
               if (!id) return ErrorResponse(id.error(), request.language);
               return http::Reply(request, service.Get(*request.principal, *id),
                                  [](const Detail& d) { return ToJson(d); });
             });

  router.Post(
      "/api/v1/inspection-plans", http::Access::kAuthenticated, [&service](Request& request) {
        auto input = http::JsonInput::Parse(request.body);
        if (!input) return ErrorResponse(input.error(), request.language);
        NewPlan in;
        in.plan.name = input->RequiredString("name");
        in.plan.kind = input->RequiredString("kind");
        in.plan.starts_on = input->RequiredString("starts_on");
        in.plan.due_on = input->RequiredString("due_on");
        in.plan.note = input->OptionalString("note").value_or("");
        in.enterprise_ids = input->OptionalIntegerList("enterprise_ids");
        in.filter = input->OptionalObject<enterprise::Filter>("filter", [](http::JsonInput& f) {
          enterprise::Filter filter;
          filter.region_code = f.OptionalString("region_code").value_or("");
          filter.grid_id = f.OptionalInteger("grid_id");
          filter.industry_code = f.OptionalString("industry_code").value_or("");
          filter.tag = f.OptionalString("tag").value_or("");
          filter.scale = f.OptionalString("scale").value_or("");
          filter.status = f.OptionalString("status").value_or("");
          return filter;
        });
        in.assignee_user_id = input->OptionalInteger("assignee_user_id");
        if (auto s = input->Finish(); !s) {
          return ErrorResponse(s.error(), request.language);
        }
        return http::Reply(
            request, service.Create(*request.principal, in),
            [](const Detail& d) { return ToJson(d); }, 201);
      });

  router.Patch("/api/v1/inspection-plans/{id}", http::Access::kAuthenticated,
               [&service](Request& request) {
                 auto id = http::PathId(request, "id");
                 if (!id) return ErrorResponse(id.error(), request.language);
                 auto input = http::JsonInput::Parse(request.body);
                 if (!input) return ErrorResponse(input.error(), request.language);
                 Changes changes;
                 changes.version = input->RequiredInteger("version");
                 changes.name = input->OptionalString("name");
                 changes.due_on = input->OptionalString("due_on");
                 changes.note = input->OptionalString("note");
                 if (auto s = input->Finish(); !s) {
                   return ErrorResponse(s.error(), request.language);
                 }
                 return http::Reply(request, service.Update(*request.principal, *id, changes),
                                    [](const Detail& d) { return ToJson(d); });
               });
}

}  // namespace anjian::plan
