#include <array>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "modules/people/people.hpp"

namespace anjian::people {
namespace {

constexpr std::array<std::string_view, 4> kRoles = {"principal", "chief_safety_officer",
                                                    "safety_manager", "safety_engineer"};
// 主要负责人 / 安全管理人员 training certificates, the engineer's registration, special operations
// (特种作业), and anything else.
constexpr std::array<std::string_view, 5> kCertificateKinds = {
    "principal_training", "manager_training", "registered_engineer", "special_operation", "other"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& values, std::string_view value) {
  for (auto v : values) {
    if (v == value) return true;
  }
  return false;
}

}  // namespace

std::string_view StateName(CertificateState state) {
  switch (state) {
    case CertificateState::kMissing:
      return "missing";
    case CertificateState::kValid:
      return "valid";
    case CertificateState::kExpiring:
      return "expiring";
    case CertificateState::kExpired:
      return "expired";
  }
  return "missing";
}

CertificateState StateOf(const Person& person, std::string_view today, int warning_days) {
  if (!person.certificate_number || !person.certificate_expiry) return CertificateState::kMissing;
  auto left = DaysBetween(today, *person.certificate_expiry);
  if (!left) return CertificateState::kMissing;
  if (*left < 0) return CertificateState::kExpired;
  if (*left <= warning_days) return CertificateState::kExpiring;
  return CertificateState::kValid;
}

bool RequiresCertificate(std::string_view role) {
  return role == "principal" || role == "safety_manager";
}

bool LacksRequiredCertificate(const Person& person, std::string_view today) {
  if (!RequiresCertificate(person.role)) return false;
  auto state = StateOf(person, today);
  return state == CertificateState::kMissing || state == CertificateState::kExpired;
}

Status Validate(const Person& p) {
  if (!OneOf(kRoles, p.role)) return Error::Invalid("invalid_person_role", "role");
  size_t name_length = CodePoints(p.name);
  if (name_length == 0 || name_length > 64) return Error::Invalid("invalid_name", "name");
  if (CodePoints(p.position) > 50) return Error::Invalid("invalid_position", "position");
  if (!IsPlausiblePhone(p.phone)) return Error::Invalid("invalid_phone", "phone");
  bool any =
      p.certificate_number || p.certificate_kind || p.certificate_issued || p.certificate_expiry;
  if (!any) return {};
  if (!p.certificate_number || p.certificate_number->empty() ||
      CodePoints(*p.certificate_number) > 50) {
    return Error::Invalid("invalid_certificate_number", "certificate_number");
  }
  if (!p.certificate_kind || !OneOf(kCertificateKinds, *p.certificate_kind)) {
    return Error::Invalid("invalid_certificate_kind", "certificate_kind");
  }
  if (p.certificate_issued && !IsValidDate(*p.certificate_issued)) {
    return Error::Invalid("invalid_date", "certificate_issued");
  }
  if (!p.certificate_expiry) return Error::Invalid("required", "certificate_expiry");
  if (!IsValidDate(*p.certificate_expiry)) {
    return Error::Invalid("invalid_date", "certificate_expiry");
  }
  if (p.certificate_issued && *p.certificate_issued > *p.certificate_expiry) {
    return Error::Invalid("certificate_expiry_before_issue", "certificate_expiry");
  }
  return {};
}

Person Apply(const Person& current, const Changes& c) {
  Person next = current;
  if (c.role) next.role = *c.role;
  if (c.name) next.name = *c.name;
  if (c.position) next.position = *c.position;
  if (c.phone) next.phone = *c.phone;
  if (c.certificate_number) next.certificate_number = *c.certificate_number;
  if (c.certificate_kind) next.certificate_kind = *c.certificate_kind;
  if (c.certificate_issued) next.certificate_issued = *c.certificate_issued;
  if (c.certificate_expiry) next.certificate_expiry = *c.certificate_expiry;
  return next;
}

}  // namespace anjian::people
