#include "modules/stats/stats_routes.hpp"

namespace anjian::stats {

using http::ErrorResponse;
using http::Request;

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/stats/overview", http::Access::kAuthenticated, [&service](Request& request) {
    return http::Reply(request,
                       service.Overview(*request.principal, request.Query("region_code"),
                                        request.Query("from"), request.Query("to")),
                       [](const Dashboard& d) { return ToJson(d); });
  });

  // The operating enterprises in scope that no inspection has reached this quarter.
  router.Get(
      "/api/v1/stats/coverage/missing", http::Access::kAuthenticated, [&service](Request& request) {
        auto page = http::ParsePage(request);
        if (!page) return ErrorResponse(page.error(), request.language);
        return http::Reply(
            request, service.Uncovered(*request.principal, request.Query("region_code"), *page),
            [&](const UncoveredListing& listing) {
              auto body = http::ListBody(listing.items, listing.total, *page,
                                         [](const inspection::store::Uncovered& e) {
                                           return nlohmann::json{{"id", e.id},
                                                                 {"name", e.name},
                                                                 {"uscc", e.uscc},
                                                                 {"region_code", e.region_code}};
                                         });
              body["quarter"] = listing.quarter.label;
              return body;
            });
      });
}

}  // namespace anjian::stats
