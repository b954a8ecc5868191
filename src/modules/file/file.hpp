#pragma once
// Photos and attachments: types and pure rules. Files are accepted by what their bytes are (JPEG,
// PNG, PDF), never by the name or the header the client sent, and each belongs to the enterprise
// it concerns, whose scope decides who may read it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace anjian::file {

// The largest file a route accepts (413 body_too_large above it); a phone photo is 2–5 MiB and
// the web page shrinks photos before sending them.
inline constexpr size_t kMaxBytes = 10u << 20;
// Photos on one inspection answer or one hazard stage.
inline constexpr size_t kMaxPhotos = 9;

struct StoredFile {
  int64_t id = 0;
  std::string sha256;
  int64_t size = 0;
  std::string media_type;
  std::string name;
  int64_t enterprise_id = 0;
  int64_t uploaded_by_user_id = 0;
  std::string uploaded_by_name;
  std::string created_at;
};

// A photo attached to a record, as the record's detail lists it.
struct Photo {
  int64_t id = 0;
  std::string name;
  std::string media_type;
  int64_t size = 0;
  std::string stage;                // hazards: before, after
  std::optional<int64_t> event_id;  // hazards: the timeline event that brought an after-photo
};

// The media type the bytes are (image/jpeg, image/png, application/pdf), from their signature.
std::optional<std::string_view> SniffMediaType(std::string_view bytes);
// The accepted bytes' media type: 422 empty_file, 422 unsupported_file_type.
Result<std::string_view> CheckContent(std::string_view bytes);
// A display name from the client's: the last path segment, without control characters, at most
// 100 characters; "file" with the type's extension when nothing is left.
std::string CleanName(std::string_view name, std::string_view media_type);
// A list of photo ids from a request: at most kMaxPhotos, each once (422 invalid_photo_ids on
// `field`).
Status CheckPhotoIds(const std::vector<int64_t>& ids, const std::string& field);

}  // namespace anjian::file
