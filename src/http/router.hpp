#pragma once
// Matches a request to a route ("/api/v1/users/{id}", "/api/v1/notices/{id}.pdf"), authenticates
// it when the route asks, and calls the handler. Authentication and the CSRF check live here once
// for every route. Routes are tried in the order they were added: add "/x/export.xlsx" or
// "/x/{id}.pdf" before "/x/{id}", which would match them too.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/http.hpp"

namespace anjian::http {

enum class Access { kPublic, kAuthenticated };

struct SessionInfo {
  Principal principal;
  std::string csrf_token;
};

// Implemented by the identity module: turns a session token into its user.
class SessionResolver {
 public:
  virtual ~SessionResolver() = default;
  virtual Result<SessionInfo> Resolve(std::string_view token, std::string_view client_address) = 0;
};

inline constexpr std::string_view kSessionCookie = "anjian_session";
inline constexpr size_t kDefaultBodyLimit = 1 << 20;

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  Access access = Access::kAuthenticated;
  size_t body_limit = kDefaultBodyLimit;
};

class Router {
 public:
  void SetSessionResolver(SessionResolver* resolver) { resolver_ = resolver; }
  void Add(Method method, std::string pattern, RouteOptions options, Handler handler);
  void Get(std::string pattern, Access access, Handler handler);
  void Post(std::string pattern, Access access, Handler handler);
  void Patch(std::string pattern, Access access, Handler handler);
  void Delete(std::string pattern, Access access, Handler handler);

  // Never throws: faults become 500 answers and are logged.
  Response Dispatch(Request& request) const;
  // "GET /api/v1/users/{id}" for each route, for the OpenAPI check.
  std::vector<std::string> Describe() const;

 private:
  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;
    RouteOptions options;
    Handler handler;
  };
  Response Authenticate(Request& request) const;

  std::vector<Route> routes_;
  SessionResolver* resolver_ = nullptr;
};

// The session token of a request: a Bearer header wins over the cookie. Cookie-borne sessions
// must also carry the CSRF header on writes.
struct Credentials {
  std::string token;
  bool from_cookie = false;
};
std::optional<Credentials> ExtractCredentials(const Request& request);

}  // namespace anjian::http
