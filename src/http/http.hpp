#pragma once
// The server's own request and response types. Handlers see only these; RESTinio stays inside
// server.cpp, so that handlers compile fast and can be called directly in tests.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/access.hpp"
#include "core/error.hpp"

namespace anjian::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOther };
std::string_view MethodName(Method method);
Method ParseMethod(std::string_view name);

struct Request {
  Method method = Method::kGet;
  std::string path;
  std::map<std::string, std::string> query;        // decoded
  std::map<std::string, std::string> path_params;  // filled by the router
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string client_address;
  std::string language = "zh-CN";  // from Accept-Language
  std::string route;               // the matched pattern, for logs and metrics
  std::optional<Principal> principal;
  std::string csrf_token;  // of the authenticated session

  std::optional<std::string_view> Header(std::string_view name) const;  // case-insensitive
  std::string Query(const std::string& name) const;                     // "" when absent
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

Response Json(int status, const nlohmann::json& body);
Response NoContent();
// An .xlsx workbook as a download named `filename`, never cached.
Response Xlsx(std::string body, const std::string& filename);
// The one place where an Error becomes a status code and a body (see error_mapping.cpp).
int StatusFor(ErrorKind kind);
Response ErrorResponse(const Error& error, std::string_view language);

// Answers a service result: the value as JSON with `status`, or the error.
template <typename T, typename ToJson>
Response Reply(const Request& request, const Result<T>& result, ToJson to_json, int status = 200) {
  if (!result) return ErrorResponse(result.error(), request.language);
  return Json(status, to_json(*result));
}
inline Response Reply(const Request& request, const Status& status) {
  if (!status) return ErrorResponse(status.error(), request.language);
  return NoContent();
}

// Paging parameters shared by every list: page ≥ 1, 1 ≤ page_size ≤ 200.
struct Page {
  int64_t page = 1;
  int64_t page_size = 20;
  int64_t Offset() const { return (page - 1) * page_size; }
};
Result<Page> ParsePage(const Request& request);
// The list envelope around items already written as one JSON array (see JsonWriter), for lists
// whose rows are too many to build as nlohmann::json first.
Response ListResponse(std::string_view items_json, int64_t total, const Page& page);
nlohmann::json ListBody(nlohmann::json items, int64_t total, const Page& page);
// The list envelope of api.md with each item converted by `to_json`.
template <typename T, typename ToJson>
nlohmann::json ListBody(const std::vector<T>& items, int64_t total, const Page& page,
                        ToJson to_json) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return ListBody(std::move(out), total, page);
}

// An optional whole-number query parameter: nothing when absent, 422 invalid_integer when it is
// not a plain integer.
Result<std::optional<int64_t>> QueryInteger(const Request& request, const std::string& name);

// A positive integer id from the path; anything else is a record that does not exist (404).
Result<int64_t> PathId(const Request& request, const std::string& name);

// The body of a step taken on a versioned record: {"version", and the text field `text` when it is
// named (a reason, a note)}, both required, nothing else.
struct VersionedText {
  int64_t version = 0;
  std::string text;
};
Result<VersionedText> ReadVersionedText(const Request& request, const std::string& text);

}  // namespace anjian::http
