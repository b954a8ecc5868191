#pragma once
// Photos and attachments behind /files. The bytes are stored once per content under
// <data directory>/files/<first two hex digits>/<sha256>; the database keeps who uploaded what for
// which enterprise. Inspections and hazards attach files through CheckAttachable.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/file/file.hpp"

namespace anjian::file {

// Content-addressed bytes under a directory. A write goes to a temporary name first and is
// renamed into place, so a reader never sees half a file and two uploads of the same content
// leave one copy.
class Blobs {
 public:
  explicit Blobs(std::filesystem::path root) : root_(std::move(root)) {}
  // Stores the bytes (unless that content is already there) and returns their SHA-256.
  std::string Put(std::string_view bytes) const;
  std::optional<std::string> Get(const std::string& sha256) const;

 private:
  std::filesystem::path PathOf(const std::string& sha256) const;
  std::filesystem::path root_;
};

// Checks, in the caller's transaction, that every id names a file uploaded for this enterprise
// (422 invalid_photo_ids on `field` otherwise): a record never shows another enterprise's photo.
Status CheckAttachable(db::Transaction& tx, const std::vector<int64_t>& ids, int64_t enterprise_id,
                       const std::string& field);

class Service {
 public:
  Service(db::Database& database, const Clock& clock, const std::filesystem::path& data_dir)
      : database_(database), clock_(clock), blobs_(data_dir / "files") {}

  // A file about an enterprise in the caller's scope, by a role that records inspections and
  // hazards (403 otherwise; 404 for an enterprise out of scope).
  Result<StoredFile> Upload(const Principal& principal, int64_t enterprise_id,
                            std::string_view name, std::string_view bytes);
  struct Content {
    StoredFile file;
    std::string bytes;
  };
  // The file when its enterprise is in the caller's scope, else 404.
  Result<Content> Read(const Principal& principal, int64_t id);

  const Blobs& blobs() const { return blobs_; }

 private:
  db::Database& database_;
  const Clock& clock_;
  Blobs blobs_;
};

nlohmann::json ToJson(const StoredFile& file);
nlohmann::json ToJson(const Photo& photo);
nlohmann::json ToJson(const std::vector<Photo>& photos);

}  // namespace anjian::file
