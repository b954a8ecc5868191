#include "modules/region/region_routes.hpp"

#include "core/messages.hpp"

namespace anjian::region {
namespace {

using http::ErrorResponse;
using http::Request;

nlohmann::json Items(const std::vector<Region>& regions) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : regions) items.push_back(ToJson(r));
  return {{"items", std::move(items)}};
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/regions", http::Access::kAuthenticated, [&service](Request& request) {
    auto depth_text = request.Query("depth");
    int depth = 1;
    if (!depth_text.empty()) {
      if (depth_text.size() != 1 || depth_text[0] < '0' || depth_text[0] > '4') {
        return ErrorResponse(Error::Invalid("invalid_type", "depth"), request.language);
      }
      depth = depth_text[0] - '0';
    }
    return http::Reply(request, service.Tree(*request.principal, depth),
                       [](const std::vector<Node>& nodes) {
                         nlohmann::json items = nlohmann::json::array();
                         for (const auto& n : nodes) items.push_back(ToJson(n));
                         return nlohmann::json{{"items", std::move(items)}};
                       });
  });

  router.Get("/api/v1/regions/{code}", http::Access::kAuthenticated, [&service](Request& request) {
    return http::Reply(request, service.Get(*request.principal, request.path_params.at("code")),
                       [](const Detail& detail) {
                         auto out = ToJson(detail.region);
                         out["path"] = nlohmann::json::array();
                         for (const auto& p : detail.path) {
                           out["path"].push_back({{"code", p.code}, {"name", p.name}});
                         }
                         return out;
                       });
  });

  router.Get("/api/v1/regions/{code}/children", http::Access::kAuthenticated,
             [&service](Request& request) {
               return http::Reply(
                   request, service.Children(*request.principal, request.path_params.at("code")),
                   Items);
             });

  router.Add(
      http::Method::kPost, "/api/v1/regions/import", {http::Access::kAuthenticated, 16u << 20},
      [&service](Request& request) {
        return http::Reply(
            request, service.Import(*request.principal, request.body),
            [&](const ImportReport& report) {
              nlohmann::json rejected = nlohmann::json::array();
              for (const auto& r : report.rejected) {
                rejected.push_back({{"row", r.row},
                                    {"field", r.field},
                                    {"code", r.code},
                                    {"reason", messages::ErrorText(request.language, r.code)}});
              }
              return nlohmann::json{{"created", report.created},
                                    {"updated", report.updated},
                                    {"unchanged", report.unchanged},
                                    {"rejected", std::move(rejected)}};
            });
      });
}

}  // namespace anjian::region
