#include "modules/identity/identity_routes.hpp"

#include "http/json_input.hpp"

namespace anjian::identity {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

std::string SessionCookie(const std::string& token, std::chrono::seconds max_age) {
  return std::string(http::kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age.count());
}

template <typename Account>
nlohmann::json SessionBody(const Account& account, const std::string& csrf_token) {
  return {{"user", ToJson(account)}, {"csrf_token", csrf_token}};
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Post("/api/v1/auth/login", http::Access::kPublic, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    auto username = input->RequiredString("username");
    auto password = input->RequiredString("password");
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    auto result = service.Login(username, password, request.client_address);
    if (!result) return ErrorResponse(result.error(), request.language);
    auto body = SessionBody(result->user, result->csrf_token);
    body["token"] = result->token;
    Response response = http::Json(200, body);
    response.headers.emplace_back("Set-Cookie",
                                  SessionCookie(result->token, service.session_policy().absolute));
    return response;
  });

  router.Post("/api/v1/auth/logout", http::Access::kAuthenticated, [&service](Request& request) {
    auto credentials = http::ExtractCredentials(request);
    Response response =
        http::Reply(request, service.Logout(*request.principal, credentials->token));
    response.headers.emplace_back("Set-Cookie", SessionCookie("", std::chrono::seconds{0}));
    return response;
  });

  router.Get("/api/v1/me", http::Access::kAuthenticated, [](Request& request) {
    return http::Json(200, SessionBody(*request.principal, request.csrf_token));
  });

  router.Post("/api/v1/me/password", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    auto old_password = input->RequiredString("old_password");
    auto new_password = input->RequiredString("new_password");
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    auto credentials = http::ExtractCredentials(request);
    return http::Reply(request, service.ChangeOwnPassword(*request.principal, credentials->token,
                                                          old_password, new_password));
  });

  router.Get("/api/v1/users", http::Access::kAuthenticated, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    UserFilter filter{request.Query("q"), request.Query("role"), request.Query("region_code")};
    return http::Reply(request, service.List(*request.principal, filter, *page),
                       [&](const UserListing& listing) {
                         return http::ListBody(listing.items, listing.total, *page,
                                               [](const User& u) { return ToJson(u); });
                       });
  });

  router.Post("/api/v1/users", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    NewUser user;
    user.username = input->RequiredString("username");
    user.name = input->RequiredString("name");
    user.password = input->RequiredString("password");
    user.role = input->RequiredString("role");
    user.region_code = input->OptionalString("region_code");
    user.enterprise_id = input->OptionalInteger("enterprise_id");
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    return http::Reply(
        request, service.Create(*request.principal, user), [](const User& u) { return ToJson(u); },
        201);
  });

  router.Get("/api/v1/users/{id}", http::Access::kAuthenticated, [&service](Request& request) {
    auto id = http::PathId(request, "id");
    if (!id) return ErrorResponse(id.error(), request.language);
    return http::Reply(request, service.Get(*request.principal, *id),
                       [](const User& u) { return ToJson(u); });
  });

  router.Patch("/api/v1/users/{id}", http::Access::kAuthenticated, [&service](Request& request) {
    auto id = http::PathId(request, "id");
    if (!id) return ErrorResponse(id.error(), request.language);
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    UserChanges changes;
    changes.version = input->RequiredInteger("version");
    changes.name = input->OptionalString("name");
    changes.role = input->OptionalString("role");
    changes.region_code = input->NullableString("region_code");
    changes.enterprise_id = input->NullableInteger("enterprise_id");
    changes.disabled = input->OptionalBool("disabled");
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    return http::Reply(request, service.Update(*request.principal, *id, changes),
                       [](const User& u) { return ToJson(u); });
  });

  router.Post(
      "/api/v1/users/{id}/password", http::Access::kAuthenticated, [&service](Request& request) {
        auto id = http::PathId(request, "id");
        if (!id) return ErrorResponse(id.error(), request.language);
        auto input = http::JsonInput::Parse(request.body);
        if (!input) return ErrorResponse(input.error(), request.language);
        auto password = input->RequiredString("password");
        if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
        return http::Reply(request, service.ResetPassword(*request.principal, *id, password));
      });
}

}  // namespace anjian::identity
