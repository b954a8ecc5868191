#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include "core/crypto.hpp"
#include "db/database.hpp"

namespace anjian::http {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool IsWrite(Method method) { return method != Method::kGet && method != Method::kHead; }

}  // namespace

void Router::Add(Method method, std::string pattern, RouteOptions options, Handler handler) {
  auto segments = Split(pattern);
  routes_.push_back({method, std::move(pattern), std::move(segments), options, std::move(handler)});
}

void Router::Get(std::string pattern, Access access, Handler handler) {
  Add(Method::kGet, std::move(pattern), {access}, std::move(handler));
}
void Router::Post(std::string pattern, Access access, Handler handler) {
  Add(Method::kPost, std::move(pattern), {access}, std::move(handler));
}
void Router::Patch(std::string pattern, Access access, Handler handler) {
  Add(Method::kPatch, std::move(pattern), {access}, std::move(handler));
}
void Router::Delete(std::string pattern, Access access, Handler handler) {
  Add(Method::kDelete, std::move(pattern), {access}, std::move(handler));
}

std::optional<Credentials> ExtractCredentials(const Request& request) {
  if (auto authorization = request.Header("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->starts_with(kBearer)) {
      return Credentials{std::string(authorization->substr(kBearer.size())), false};
    }
  }
  if (auto cookies = request.Header("Cookie")) {
    std::string_view rest = *cookies;
    while (!rest.empty()) {
      size_t end = rest.find(';');
      std::string_view pair = rest.substr(0, end);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == kSessionCookie) {
        return Credentials{std::string(pair.substr(eq + 1)), true};
      }
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  return std::nullopt;
}

Response Router::Authenticate(Request& request) const {
  auto credentials = ExtractCredentials(request);
  if (!credentials || credentials->token.empty() || resolver_ == nullptr) {
    return ErrorResponse(Error::Unauthenticated(), request.language);
  }
  auto session = resolver_->Resolve(credentials->token, request.client_address);
  if (!session) return ErrorResponse(session.error(), request.language);
  if (credentials->from_cookie && IsWrite(request.method)) {
    auto header = request.Header("X-CSRF-Token");
    if (!header || !crypto::ConstantTimeEquals(*header, session->csrf_token)) {
      return ErrorResponse(Error::Forbidden("csrf_missing"), request.language);
    }
  }
  request.principal = session->principal;
  request.csrf_token = session->csrf_token;
  return {};
}

Response Router::Dispatch(Request& request) const {
  auto segments = Split(request.path);
  bool path_matched = false;
  std::string allowed;  // the methods this path does serve, for a 405's Allow header
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      const auto& expected = route.segments[i];
      // A parameter takes a whole segment ("{id}") or the segment before a literal suffix
      // ("{id}.pdf"); it is never empty.
      const size_t close = expected.starts_with('{') ? expected.find('}') : std::string::npos;
      if (close != std::string::npos && close > 1) {
        const std::string_view suffix = std::string_view(expected).substr(close + 1);
        const auto& actual = segments[i];
        if (actual.size() > suffix.size() && actual.ends_with(suffix)) {
          params[expected.substr(1, close - 1)] = actual.substr(0, actual.size() - suffix.size());
        } else {
          match = false;
        }
      } else if (expected != segments[i]) {
        match = false;
      }
    }
    if (!match) continue;
    path_matched = true;
    if (route.method != request.method) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(MethodName(route.method));
      continue;
    }
    request.route = route.pattern;
    request.path_params = std::move(params);
    try {
      if (request.body.size() > route.options.body_limit) {
        return ErrorResponse({ErrorKind::kTooLarge, "body_too_large", {}, {}}, request.language);
      }
      if (route.options.access == Access::kAuthenticated) {
        Response refused = Authenticate(request);
        if (refused.status != 200) return refused;
      }
      return route.handler(request);
    } catch (const db::DbError& error) {
      spdlog::error("{} {}: database error: {}", MethodName(request.method), request.path,
                    error.what());
      if (error.kind() == db::DbError::Kind::kBusy ||
          error.kind() == db::DbError::Kind::kConnection) {
        return ErrorResponse({ErrorKind::kUnavailable, "unavailable", {}, {}}, request.language);
      }
      return ErrorResponse(Error::Internal(error.what()), request.language);
    } catch (const std::exception& error) {
      spdlog::error("{} {}: {}", MethodName(request.method), request.path, error.what());
      return ErrorResponse(Error::Internal(error.what()), request.language);
    }
  }
  request.route = path_matched ? "(method not allowed)" : "(no route)";
  if (path_matched) {
    // 405 has no ErrorKind of its own: it is a fact about the route table, not a service result.
    Response response =
        ErrorResponse({ErrorKind::kMalformed, "method_not_allowed", {}, {}}, request.language);
    response.status = 405;
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  return ErrorResponse(Error::NotFound("route_not_found"), request.language);
}

std::vector<std::string> Router::Describe() const {
  std::vector<std::string> out;
  for (const auto& route : routes_) {
    out.push_back(std::string(MethodName(route.method)) + " " + route.pattern);
  }
  return out;
}

}  // namespace anjian::http
