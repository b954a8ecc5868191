#include "modules/checklist/checklist_service.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/checklist/checklist_store.hpp"
#include "modules/enterprise/enterprise_store.hpp"

namespace anjian::checklist {
namespace {

std::set<std::string> KnownTags(db::Transaction& tx) {
  auto tags = enterprise::store::Tags(tx);
  return {tags.begin(), tags.end()};
}

std::set<std::string> KnownIndustries(db::Transaction& tx) {
  std::set<std::string> codes;
  for (const auto& industry : enterprise::store::Industries(tx)) codes.insert(industry.code);
  return codes;
}

}  // namespace

Result<Listing> Service::List(const Principal& principal, const Filter& filter,
                              std::optional<int64_t> enterprise_id, const http::Page& page) {
  if (!filter.purpose.empty() && !IsPurpose(filter.purpose)) {
    return Error::Invalid("invalid_checklist_purpose", "purpose");
  }
  // Templates are not scoped: every signed-in user reads them; only the enterprise is.
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto all = store::List(tx, filter);
  if (enterprise_id) {
    auto e = enterprise::store::Find(tx, *enterprise_id, Scope::For(principal).ForEnterprises());
    if (!e) return Error::NotFound();
    std::erase_if(
        all, [&](const Checklist& c) { return !AppliesTo(c, e->hazard_tags, e->industry_code); });
  }
  Listing out;
  out.total = static_cast<int64_t>(all.size());
  auto begin = std::min<size_t>(static_cast<size_t>(page.Offset()), all.size());
  auto end = std::min<size_t>(begin + static_cast<size_t>(page.page_size), all.size());
  out.items.assign(all.begin() + static_cast<std::ptrdiff_t>(begin),
                   all.begin() + static_cast<std::ptrdiff_t>(end));
  return out;
}

Result<Detail> Service::Get(const Principal& principal, int64_t id, std::optional<int64_t> number) {
  (void)principal;  // templates are not scoped
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto c = store::Find(tx, id);
  if (!c) return Error::NotFound();
  auto v = store::FindVersion(tx, id, number.value_or(c->current_version));
  if (!v) return Error::NotFound();
  return Detail{*c, *v};
}

Result<Detail> Service::Create(const Principal& principal, const Checklist& input,
                               const std::vector<Item>& items, const std::string& note) {
  if (!Allows(principal.role, Permission::kManageChecklists)) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  if (auto s = Validate(input, KnownTags(tx), KnownIndustries(tx)); !s) return s.error();
  if (auto s = ValidateItems(items); !s) return s.error();
  if (CodePoints(note) > 200) return Error::Invalid("invalid_text_length", "note");
  int64_t id = 0;
  try {
    id = store::Insert(tx, input, FormatInstant(now));
  } catch (const db::DbError& error) {
    if (error.kind() == db::DbError::Kind::kUniqueViolation) {
      return Error::Conflict("checklist_code_taken", "code");
    }
    throw;
  }
  Version version{0, id, 1, note, principal.username, FormatInstant(now), items};
  version.id = store::InsertVersion(tx, version, FormatInstant(now));
  Detail detail{*store::Find(tx, id), *store::FindVersion(tx, id, 1)};
  audit::Append(tx, audit::ActorOf(principal), "create", "checklist", std::to_string(id), nullptr,
                ToJson(detail), now);
  tx.Commit();
  return detail;
}

Result<Detail> Service::Revise(const Principal& principal, int64_t id, const Revision& revision) {
  if (!Allows(principal.role, Permission::kManageChecklists)) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::Find(tx, id);
  if (!current) return Error::NotFound();
  Checklist next = *current;
  if (revision.name) next.name = *revision.name;
  if (revision.purpose) next.purpose = *revision.purpose;
  if (revision.hazard_tags) next.hazard_tags = *revision.hazard_tags;
  if (revision.industry_code) next.industry_code = *revision.industry_code;
  next.current_version = current->current_version + 1;
  if (auto s = Validate(next, KnownTags(tx), KnownIndustries(tx)); !s) return s.error();
  if (auto s = ValidateItems(revision.items); !s) return s.error();
  if (CodePoints(revision.note) > 200) return Error::Invalid("invalid_text_length", "note");
  if (!store::Update(tx, next, revision.version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  Version version{0,
                  id,
                  next.current_version,
                  revision.note,
                  principal.username,
                  FormatInstant(now),
                  revision.items};
  store::InsertVersion(tx, version, FormatInstant(now));
  Detail detail{*store::Find(tx, id), *store::FindVersion(tx, id, next.current_version)};
  audit::Append(tx, audit::ActorOf(principal), "revise", "checklist", std::to_string(id),
                ToJson(*current), ToJson(detail), now);
  tx.Commit();
  return detail;
}

nlohmann::json ToJson(const Item& item) {
  return {{"id", item.id},
          {"position", item.position},
          {"text", item.text},
          {"category", item.category},
          {"legal_basis", item.legal_basis},
          {"points", OrNull(item.points)},
          {"major_hazard", item.major_hazard}};
}

nlohmann::json ToJson(const Checklist& c) {
  return {{"id", c.id},
          {"code", c.code},
          {"name", c.name},
          {"purpose", c.purpose},
          {"hazard_tags", c.hazard_tags},
          {"industry_code", c.industry_code},
          {"current_version", c.current_version},
          {"item_count", c.item_count},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"version", c.version}};
}

nlohmann::json ToJson(const Detail& d) {
  auto json = ToJson(d.checklist);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : d.version.items) items.push_back(ToJson(item));
  json["checklist_version"] = {{"id", d.version.id},
                               {"number", d.version.number},
                               {"note", d.version.note},
                               {"created_by", d.version.created_by},
                               {"created_at", d.version.created_at},
                               {"items", std::move(items)}};
  return json;
}

}  // namespace anjian::checklist
