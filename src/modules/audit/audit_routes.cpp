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
                         nlohmann::json items = nlohmann::json::array();
                         for (const auto& e : listing.items) items.push_back(ToJson(e));
                         return http::ListBody(std::move(items), listing.total, *page);
                       });
  });
}

}  // namespace anjian::audit
