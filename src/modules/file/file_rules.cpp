#include <set>

#include "modules/file/file.hpp"

namespace anjian::file {

std::optional<std::string_view> SniffMediaType(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) {
    return "image/jpeg";
  }
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) {
    return "image/png";
  }
  if (bytes.size() >= 5 && bytes.substr(0, 5) == "%PDF-") return "application/pdf";
  return std::nullopt;
}

Result<std::string_view> CheckContent(std::string_view bytes) {
  if (bytes.empty()) return Error::Invalid("empty_file", "file");
  auto type = SniffMediaType(bytes);
  if (!type) return Error::Invalid("unsupported_file_type", "file");
  return *type;
}

namespace {

std::string_view Extension(std::string_view media_type) {
  if (media_type == "image/jpeg") return ".jpg";
  if (media_type == "image/png") return ".png";
  if (media_type == "application/pdf") return ".pdf";
  return "";
}

// The byte length of the well-formed UTF-8 sequence at `text`'s start, 0 when it is not one.
size_t SequenceLength(std::string_view text) {
  auto lead = static_cast<unsigned char>(text[0]);
  size_t length = 0;
  if (lead < 0x80) {
    length = 1;
  } else if (lead >= 0xC2 && lead < 0xE0) {
    length = 2;
  } else if (lead >= 0xE0 && lead < 0xF0) {
    length = 3;
  } else if (lead >= 0xF0 && lead < 0xF5) {
    length = 4;
  }
  if (length == 0 || length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

std::string CleanName(std::string_view name, std::string_view media_type) {
  static constexpr size_t kMaxCharacters = 100;
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  size_t characters = 0;
  // Malformed UTF-8 and control characters are dropped, so the name is always safe to show and
  // to put in a Content-Disposition header.
  for (size_t i = 0; i < name.size() && characters < kMaxCharacters;) {
    size_t length = SequenceLength(name.substr(i));
    if (length == 0) {
      ++i;
      continue;
    }
    auto lead = static_cast<unsigned char>(name[i]);
    if (lead >= 0x20 && lead != 0x7F && name[i] != '"') {
      out.append(name.substr(i, length));
      ++characters;
    }
    i += length;
  }
  while (!out.empty() && (out.front() == ' ' || out.front() == '.')) out.erase(0, 1);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty()) {
    out = "file";
    out.append(Extension(media_type));
  }
  return out;
}

Status CheckPhotoIds(const std::vector<int64_t>& ids, const std::string& field) {
  if (ids.size() > kMaxPhotos) return Error::Invalid("invalid_photo_ids", field);
  std::set<int64_t> seen;
  for (int64_t id : ids) {
    if (id <= 0 || !seen.insert(id).second) return Error::Invalid("invalid_photo_ids", field);
  }
  return {};
}

}  // namespace anjian::file
