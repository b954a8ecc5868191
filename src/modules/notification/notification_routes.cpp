#include "modules/notification/notification_routes.hpp"

namespace anjian::notification {

using http::ErrorResponse;
using http::Request;

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/notifications", http::Access::kAuthenticated, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    auto unread = request.Query("unread");
    if (!unread.empty() && unread != "true" && unread != "false") {
      return ErrorResponse(Error::Invalid("invalid_boolean", "unread"), request.language);
    }
    return http::Reply(request, service.List(*request.principal, unread == "true", *page),
                       [&](const Listing& listing) {
                         auto body =
                             http::ListBody(listing.items, listing.total, *page,
                                            [](const Notification& n) { return ToJson(n); });
                         body["unread"] = listing.unread;
                         return body;
                       });
  });

  router.Post("/api/v1/notifications/{id}/read", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                return http::Reply(request, service.MarkRead(*request.principal, *id),
                                   [](int64_t marked) {
                                     return nlohmann::json{{"marked", marked}};
                                   });
              });

  router.Post("/api/v1/notifications/read-all", http::Access::kAuthenticated,
              [&service](Request& request) {
                return http::Reply(request, service.MarkRead(*request.principal, std::nullopt),
                                   [](int64_t marked) {
                                     return nlohmann::json{{"marked", marked}};
                                   });
              });
}

}  // namespace anjian::notification
