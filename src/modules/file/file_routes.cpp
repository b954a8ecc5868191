#include "modules/file/file_routes.hpp"

#include <fmt/format.h>

namespace anjian::file {

using http::ErrorResponse;
using http::Request;

namespace {

// RFC 5987: the name as UTF-8 with every byte outside the unreserved set percent-encoded.
std::string EncodedName(std::string_view name) {
  std::string out;
  out.reserve(name.size() * 3);
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.append(fmt::format("%{:02X}", byte));
    }
  }
  return out;
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  // The file is the body; its type is read from its bytes. enterprise_id names the enterprise it
  // concerns, and name is what the page shows (optional).
  router.Add(http::Method::kPost, "/api/v1/files", {http::Access::kAuthenticated, kMaxBytes},
             [&service](Request& request) {
               auto enterprise_id = http::QueryInteger(request, "enterprise_id");
               if (!enterprise_id) return ErrorResponse(enterprise_id.error(), request.language);
               if (!*enterprise_id) {
                 return ErrorResponse(Error::Invalid("required", "enterprise_id"),
                                      request.language);
               }
               return http::Reply(
                   request,
                   service.Upload(*request.principal, **enterprise_id, request.Query("name"),
                                  request.body),
                   [](const StoredFile& file) { return ToJson(file); }, 201);
             });

  // Files never change once stored, so the browser may keep them; only its own user's cache.
  router.Get("/api/v1/files/{id}", http::Access::kAuthenticated, [&service](Request& request) {
    auto id = http::PathId(request, "id");
    if (!id) return ErrorResponse(id.error(), request.language);
    auto content = service.Read(*request.principal, *id);
    if (!content) return ErrorResponse(content.error(), request.language);
    http::Response response;
    response.content_type = content->file.media_type;
    response.body = std::move(content->bytes);
    response.headers.emplace_back("Content-Disposition",
                                  fmt::format("inline; filename=\"file-{}\"; filename*=UTF-8''{}",
                                              content->file.id, EncodedName(content->file.name)));
    response.headers.emplace_back("Cache-Control", "private, max-age=86400, immutable");
    response.headers.emplace_back("ETag", "\"" + content->file.sha256 + "\"");
    return response;
  });
}

}  // namespace anjian::file
