#include "modules/people/people_service.hpp"

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/enterprise/enterprise_store.hpp"

namespace anjian::people {
namespace {

bool Visible(db::Transaction& tx, const Principal& principal, int64_t enterprise_id) {
  return enterprise::store::Find(tx, enterprise_id, Scope::For(principal).ForEnterprises())
      .has_value();
}

Error Translate(const db::DbError& error) {
  if (error.kind() == db::DbError::Kind::kUniqueViolation) {
    return Error::Conflict("person_role_taken", "role");
  }
  throw error;
}

nlohmann::json AuditJson(const Person& person) { return ToJson(person, ""); }

}  // namespace

Status Service::CheckWritable(db::Transaction& tx, const Principal& principal,
                              int64_t enterprise_id) {
  bool officer = Allows(principal.role, Permission::kManageEnterprises);
  bool own = principal.role == Role::kEnterprise;
  if (!officer && !own) return Error::Forbidden();
  if (!Visible(tx, principal, enterprise_id)) return Error::NotFound();
  return {};
}

Result<std::vector<Person>> Service::List(const Principal& principal, int64_t enterprise_id) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  if (!Visible(tx, principal, enterprise_id)) return Error::NotFound();
  return store::OfEnterprise(tx, enterprise_id);
}

Result<Person> Service::Create(const Principal& principal, int64_t enterprise_id,
                               const Person& input) {
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  if (auto s = CheckWritable(tx, principal, enterprise_id); !s) return s.error();
  Person record = input;
  record.enterprise_id = enterprise_id;
  if (auto s = Validate(record); !s) return s.error();
  try {
    record.id = store::Insert(tx, record, FormatInstant(now));
  } catch (const db::DbError& error) {
    return Translate(error);
  }
  auto created = store::Find(tx, enterprise_id, record.id);
  audit::Append(tx, audit::ActorOf(principal), "create", "enterprise_person",
                std::to_string(record.id), nullptr, AuditJson(*created), now);
  tx.Commit();
  return *created;
}

Result<Person> Service::Update(const Principal& principal, int64_t enterprise_id, int64_t id,
                               const Changes& changes) {
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  if (auto s = CheckWritable(tx, principal, enterprise_id); !s) return s.error();
  auto current = store::Find(tx, enterprise_id, id);
  if (!current) return Error::NotFound();
  Person next = Apply(*current, changes);
  if (auto s = Validate(next); !s) return s.error();
  try {
    if (!store::Update(tx, next, changes.version, FormatInstant(now))) {
      return Error::Conflict("stale_version", "version");
    }
  } catch (const db::DbError& error) {
    return Translate(error);
  }
  auto updated = store::Find(tx, enterprise_id, id);
  audit::Append(tx, audit::ActorOf(principal), "update", "enterprise_person", std::to_string(id),
                AuditJson(*current), AuditJson(*updated), now);
  tx.Commit();
  return *updated;
}

Status Service::Delete(const Principal& principal, int64_t enterprise_id, int64_t id,
                       int64_t version) {
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  if (auto s = CheckWritable(tx, principal, enterprise_id); !s) return s.error();
  auto current = store::Find(tx, enterprise_id, id);
  if (!current) return Error::NotFound();
  if (!store::Delete(tx, id, version)) return Error::Conflict("stale_version", "version");
  audit::Append(tx, audit::ActorOf(principal), "delete", "enterprise_person", std::to_string(id),
                AuditJson(*current), nullptr, now);
  tx.Commit();
  return {};
}

Result<ExpiringListing> Service::Expiring(const Principal& principal, const ExpiringFilter& filter,
                                          const http::Page& page) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  if (filter.within_days < 0 || filter.within_days > 366) {
    return Error::Invalid("invalid_within_days", "within_days");
  }
  ExpiringListing out;
  out.today = Today();
  // Expiring: valid today and ending within the window; expired: ended before today.
  std::string from = filter.expired ? "0000-01-01" : out.today;
  std::string to = filter.expired ? *AddDays(out.today, -1)
                                  : *AddDays(out.today, static_cast<int>(filter.within_days));
  auto scope = Scope::For(principal).ForEnterprises().Within(filter.region_code);
  db::Transaction tx(database_, db::TransactionMode::kRead);
  out.items = store::ListExpiring(tx, scope, from, to, page.page_size, page.Offset());
  out.total = store::CountExpiring(tx, scope, from, to);
  return out;
}

void Service::CreateAsSystem(const std::vector<Person>& records, const std::string& actor) {
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  for (const auto& record : records) {
    if (auto s = Validate(record); !s) {
      throw std::runtime_error("person " + record.name + ": " + s.error().code);
    }
    Person created = record;
    created.id = store::Insert(tx, record, FormatInstant(now));
    created.created_at = created.updated_at = FormatInstant(now);
    audit::Append(tx, audit::SystemActor(actor), "create", "enterprise_person",
                  std::to_string(created.id), nullptr, AuditJson(created), now);
  }
  tx.Commit();
}

nlohmann::json ToJson(const Person& p, std::string_view today) {
  nlohmann::json json = {{"id", p.id},
                         {"enterprise_id", p.enterprise_id},
                         {"role", p.role},
                         {"name", p.name},
                         {"position", p.position},
                         {"phone", p.phone},
                         {"certificate_number", OrNull(p.certificate_number)},
                         {"certificate_kind", OrNull(p.certificate_kind)},
                         {"certificate_issued", OrNull(p.certificate_issued)},
                         {"certificate_expiry", OrNull(p.certificate_expiry)},
                         {"created_at", p.created_at},
                         {"updated_at", p.updated_at},
                         {"version", p.version}};
  // The audit trail keeps the record only: its state depends on the day it is read.
  if (!today.empty()) {
    json["certificate_state"] = StateName(StateOf(p, today));
    json["lacks_required_certificate"] = LacksRequiredCertificate(p, today);
    json["certificate_days_left"] =
        p.certificate_expiry ? OrNull(DaysBetween(today, *p.certificate_expiry)) : nullptr;
  }
  return json;
}

}  // namespace anjian::people
