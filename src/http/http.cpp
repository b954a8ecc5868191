#include "http/http.hpp"

#include <algorithm>
#include <charconv>

#include "core/messages.hpp"
#include "http/json_input.hpp"
#include "http/json_writer.hpp"

namespace anjian::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

Method ParseMethod(std::string_view name) {
  for (auto m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                 Method::kDelete}) {
    if (MethodName(m) == name) return m;
  }
  return Method::kOther;
}

std::optional<std::string_view> Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::string Request::Query(const std::string& name) const {
  auto found = query.find(name);
  return found == query.end() ? std::string() : found->second;
}

Response Json(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

Response NoContent() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

int StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kMalformed:
      return 400;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kForbidden:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kTooLarge:
      return 413;
    case ErrorKind::kInvalid:
      return 422;
    case ErrorKind::kTooManyRequests:
      return 429;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

Response Xlsx(std::string body, const std::string& filename) {
  Response response;
  response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  response.body = std::move(body);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response ErrorResponse(const Error& error, std::string_view language) {
  nlohmann::json body = {{"code", error.code},
                         {"message", messages::ErrorText(language, error.code)}};
  if (!error.field.empty()) body["field"] = error.field;
  return Json(StatusFor(error.kind), {{"error", body}});
}

Result<Page> ParsePage(const Request& request) {
  Page page;
  auto read = [&](const std::string& name, int64_t& out, int64_t low, int64_t high) -> bool {
    std::string text = request.Query(name);
    if (text.empty()) return true;
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value < low || value > high) {
      return false;
    }
    out = value;
    return true;
  };
  if (!read("page", page.page, 1, 1'000'000'000)) return Error::Invalid("invalid_page", "page");
  if (!read("page_size", page.page_size, 1, 200)) {
    return Error::Invalid("invalid_page", "page_size");
  }
  return page;
}

Result<std::optional<int64_t>> QueryInteger(const Request& request, const std::string& name) {
  auto text = request.Query(name);
  if (text.empty()) return std::optional<int64_t>{};
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) {
    return Error::Invalid("invalid_integer", name);
  }
  return std::optional<int64_t>{value};
}

Result<VersionedText> ReadVersionedText(const Request& request, const std::string& text) {
  auto input = JsonInput::Parse(request.body);
  if (!input) return input.error();
  VersionedText out;
  out.version = input->RequiredInteger("version");
  if (!text.empty()) out.text = input->RequiredString(text);
  if (auto s = input->Finish(); !s) return s.error();
  return out;
}

Result<int64_t> PathId(const Request& request, const std::string& name) {
  const auto& text = request.path_params.at(name);
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || ptr != text.data() + text.size() || id <= 0) {
    return Error::NotFound();
  }
  return id;
}

Response ListResponse(std::string_view items_json, int64_t total, const Page& page) {
  JsonWriter w;
  w.BeginObject()
      .Key("items")
      .Raw(items_json)
      .Key("total")
      .Int(total)
      .Key("page")
      .Int(page.page)
      .Key("page_size")
      .Int(page.page_size)
      .EndObject();
  Response response;
  response.body = w.Take();
  return response;
}

nlohmann::json ListBody(nlohmann::json items, int64_t total, const Page& page) {
  return {{"items", std::move(items)},
          {"total", total},
          {"page", page.page},
          {"page_size", page.page_size}};
}

}  // namespace anjian::http
