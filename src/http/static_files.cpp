#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace anjian::http {
namespace {

std::string ContentType(const std::filesystem::path& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
  };
  auto found = kTypes.find(path.extension().string());
  return found == kTypes.end() ? "application/octet-stream" : found->second;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (directory.empty() || !fs::is_directory(directory, ec)) return;
  for (const auto& entry : fs::recursive_directory_iterator(directory, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    std::string key = "/" + fs::relative(entry.path(), directory).generic_string();
    files_[key] = {ContentType(entry.path()), body.str()};
  }
}

std::optional<Response> StaticFiles::Serve(std::string_view path) const {
  if (path == "/") path = "/index.html";
  auto found = files_.find(path);
  bool fallback = false;
  if (found == files_.end()) {
    // Missing assets are real 404s; anything else is a route of the single-page app.
    if (path.starts_with("/assets/") || path.starts_with("/api/")) return std::nullopt;
    found = files_.find(std::string_view("/index.html"));
    if (found == files_.end()) return std::nullopt;
    fallback = true;
  }
  Response response;
  response.content_type = found->second.content_type;
  response.body = found->second.body;
  // Vite names assets by content hash, so they never change; index.html must be revalidated to
  // pick up a new build.
  if (!fallback && path.starts_with("/assets/")) {
    response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    response.headers.emplace_back("Cache-Control", "no-cache");
  }
  return response;
}

}  // namespace anjian::http
