#pragma once
// The built web UI (web/dist), loaded into memory at start. Paths that are not files fall back to
// index.html so that the single-page app's own routes survive a reload.
#include <map>
#include <optional>
#include <string>

#include "http/http.hpp"

namespace anjian::http {

class StaticFiles {
 public:
  // Loads every file under `directory`; an empty or missing directory serves nothing.
  explicit StaticFiles(const std::string& directory);
  bool empty() const { return files_.empty(); }
  size_t size() const { return files_.size(); }
  // The file, the SPA fallback for an HTML navigation, or nothing.
  std::optional<Response> Serve(std::string_view path) const;

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace anjian::http
