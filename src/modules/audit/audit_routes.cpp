#include "modules/audit/audit_routes.hpp"

namespace anjian::audit {

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/audit", http::Access::kAuthenticated, [&service](http::Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return http::ErrorResponse(page.error(), request.language);
    Filter filter{request.Query("entity"), request.Query("action"), request.Query("actor"),
                  request.Query("from"), request.Query("to")};
    return http::Reply(request, service.List(*request.principal, filter, *page),
                       [&](const Listing& listing) {
                         return http::ListBody(listing.items, listing.total, *page,
                                               [](const Entry& e) { return ToJson(e); });
                       });
  });
}

}  // namespace anjian::audit
