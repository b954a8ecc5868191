#include "modules/file/file_service.hpp"

#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "modules/enterprise/enterprise_store.hpp"
#include "modules/file/file_store.hpp"

namespace anjian::file {

std::filesystem::path Blobs::PathOf(const std::string& sha256) const {
  return root_ / sha256.substr(0, 2) / sha256;
}

std::string Blobs::Put(std::string_view bytes) const {
  std::string sha256 = crypto::Sha256Hex(bytes);
  auto path = PathOf(sha256);
  if (std::filesystem::exists(path)) return sha256;
  std::filesystem::create_directories(path.parent_path());
  auto temporary = path;
  temporary += "." + crypto::RandomToken(8) + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(temporary);
      throw std::runtime_error("cannot write " + temporary.string());
    }
  }
  std::filesystem::rename(temporary, path);
  return sha256;
}

std::optional<std::string> Blobs::Get(const std::string& sha256) const {
  std::ifstream in(PathOf(sha256), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

Status CheckAttachable(db::Transaction& tx, const std::vector<int64_t>& ids, int64_t enterprise_id,
                       const std::string& field) {
  if (auto s = CheckPhotoIds(ids, field); !s) return s;
  if (ids.empty()) return {};
  if (store::OfEnterprise(tx, ids, enterprise_id).size() != ids.size()) {
    return Error::Invalid("invalid_photo_ids", field);
  }
  return {};
}

Result<StoredFile> Service::Upload(const Principal& principal, int64_t enterprise_id,
                                   std::string_view name, std::string_view bytes) {
  if (!Allows(principal.role, Permission::kInspect)) return Error::Forbidden();
  auto media_type = CheckContent(bytes);
  if (!media_type) return media_type.error();
  StoredFile file;
  file.size = static_cast<int64_t>(bytes.size());
  file.media_type = std::string(*media_type);
  file.name = CleanName(name, file.media_type);
  file.enterprise_id = enterprise_id;
  file.uploaded_by_user_id = principal.user_id;
  file.uploaded_by_name = principal.DisplayName();
  file.created_at = FormatInstant(clock_.Now());
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  if (!enterprise::store::Find(tx, enterprise_id, Scope::For(principal).ForEnterprises())) {
    return Error::NotFound("enterprise_not_found");
  }
  // The bytes first: a failed insert leaves an unreferenced copy, never a row without its bytes.
  file.sha256 = blobs_.Put(bytes);
  file.id = store::Insert(tx, file);
  tx.Commit();
  return file;
}

Result<Service::Content> Service::Read(const Principal& principal, int64_t id) {
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto file = store::Find(tx, id, Scope::For(principal).ForEnterprises());
  if (!file) return Error::NotFound();
  auto bytes = blobs_.Get(file->sha256);
  if (!bytes) return Error::Internal("file " + std::to_string(id) + " has no stored content");
  return Content{std::move(*file), std::move(*bytes)};
}

nlohmann::json ToJson(const StoredFile& f) {
  return {{"id", f.id},
          {"name", f.name},
          {"media_type", f.media_type},
          {"size", f.size},
          {"sha256", f.sha256},
          {"enterprise_id", f.enterprise_id},
          {"uploaded_by_name", f.uploaded_by_name},
          {"created_at", f.created_at},
          {"url", "/api/v1/files/" + std::to_string(f.id)}};
}

nlohmann::json ToJson(const Photo& p) {
  nlohmann::json out{{"id", p.id},
                     {"name", p.name},
                     {"media_type", p.media_type},
                     {"size", p.size},
                     {"url", "/api/v1/files/" + std::to_string(p.id)}};
  if (!p.stage.empty()) out["stage"] = p.stage;
  if (p.event_id) out["event_id"] = *p.event_id;
  return out;
}

nlohmann::json ToJson(const std::vector<Photo>& photos) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : photos) out.push_back(ToJson(p));
  return out;
}

}  // namespace anjian::file
