#include "modules/grid/grid_service.hpp"

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/grid/grid_store.hpp"
#include "modules/identity/identity_store.hpp"

namespace anjian::grid {
namespace {

// The would-be responsible person, read in the caller's transaction.
Status CheckResponsible(db::Transaction& tx, const Cell& cell) {
  if (!cell.responsible_user_id) return {};
  auto user = identity::store::FindUser(tx, *cell.responsible_user_id, "%");
  if (!user) return Error::Invalid("user_not_found", "responsible_user_id");
  return ValidateResponsible(cell, {user->role, user->region_code, user->disabled});
}

nlohmann::json AuditJson(const Cell& cell) {
  auto json = ToJson(cell);
  json.erase("enterprises");  // derived, not part of the record
  json.erase("responsible_name");
  return json;
}

}  // namespace

Result<Listing> Service::List(const Principal& principal, const Filter& filter,
                              const http::Page& page) {
  if (!Allows(principal.role, Permission::kReadGrids)) return Error::Forbidden();
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  if (filter.level < 0 || filter.level > 2) return Error::Invalid("invalid_grid_level", "level");
  auto scope = Scope::For(principal).ForEnterprises();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  Listing out;
  out.items = store::List(tx, filter, scope, page.page_size, page.Offset());
  out.total = store::Count(tx, filter, scope);
  return out;
}

Result<Cell> Service::Get(const Principal& principal, int64_t id) {
  if (!Allows(principal.role, Permission::kReadGrids)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto found = store::Find(tx, id, Scope::For(principal).ForEnterprises());
  if (!found) return Error::NotFound();
  return *found;
}

Result<Cell> Service::Create(const Principal& principal, const Cell& input) {
  if (!Allows(principal.role, Permission::kManageGrids)) return Error::Forbidden();
  if (auto s = Validate(input); !s) return s.error();
  auto scope = Scope::For(principal);
  // Out of scope reads as absent, like a region that does not exist.
  if (!scope.CoversRegion(input.region_code) || !regions_.Exists(input.region_code)) {
    return Error::Invalid("region_not_found", "region_code");
  }
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  std::optional<Cell> parent;
  if (input.parent_id) {
    parent = store::Find(tx, *input.parent_id, scope.ForEnterprises());
    if (!parent) return Error::Invalid("grid_parent_not_found", "parent_id");
  }
  if (auto s = ValidateParent(input, parent); !s) return s.error();
  if (auto s = CheckResponsible(tx, input); !s) return s.error();
  int64_t id = store::Insert(tx, input, FormatInstant(now));
  auto created = store::Find(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "create", "grid_cell", std::to_string(id), nullptr,
                AuditJson(*created), now);
  tx.Commit();
  return *created;
}

Result<Cell> Service::Update(const Principal& principal, int64_t id, const Changes& changes) {
  if (!Allows(principal.role, Permission::kManageGrids)) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::Find(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  Cell next = Apply(*current, changes);
  if (auto s = Validate(next); !s) return s.error();
  if (next.responsible_user_id != current->responsible_user_id) {
    if (auto s = CheckResponsible(tx, next); !s) return s.error();
  }
  if (!store::Update(tx, next, changes.version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto updated = store::Find(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "update", "grid_cell", std::to_string(id),
                AuditJson(*current), AuditJson(*updated), now);
  tx.Commit();
  return *updated;
}

Status Service::Delete(const Principal& principal, int64_t id, int64_t version) {
  if (!Allows(principal.role, Permission::kManageGrids)) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::Find(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  if (current->enterprises > 0 || store::Children(tx, id) > 0) {
    return Error::Conflict("grid_not_empty");
  }
  if (!store::Delete(tx, id, version)) return Error::Conflict("stale_version", "version");
  audit::Append(tx, audit::ActorOf(principal), "delete", "grid_cell", std::to_string(id),
                AuditJson(*current), nullptr, now);
  tx.Commit();
  return {};
}

std::vector<int64_t> Service::CreateAsSystem(const std::vector<Cell>& cells,
                                             const std::string& actor) {
  Instant now = clock_.Now();
  std::vector<int64_t> ids;
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  for (const auto& cell : cells) {
    std::optional<Cell> parent;
    if (cell.parent_id) parent = store::Find(tx, *cell.parent_id, Scope::System().ForEnterprises());
    Status checked = Validate(cell);
    if (checked) checked = ValidateParent(cell, parent);
    if (checked) checked = CheckResponsible(tx, cell);
    if (!checked) throw std::runtime_error("grid cell " + cell.name + ": " + checked.error().code);
    int64_t id = store::Insert(tx, cell, FormatInstant(now));
    Cell created = cell;
    created.id = id;
    created.created_at = created.updated_at = FormatInstant(now);
    audit::Append(tx, audit::SystemActor(actor), "create", "grid_cell", std::to_string(id), nullptr,
                  AuditJson(created), now);
    ids.push_back(id);
  }
  tx.Commit();
  return ids;
}

nlohmann::json ToJson(const Cell& c) {
  return {{"id", c.id},
          {"level", c.level},
          {"parent_id", OrNull(c.parent_id)},
          {"region_code", c.region_code},
          {"name", c.name},
          {"responsible_user_id", OrNull(c.responsible_user_id)},
          {"responsible_name", c.responsible_name},
          {"phone", c.phone},
          {"enterprises", c.enterprises},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"version", c.version}};
}

}  // namespace anjian::grid
