#pragma once
// An enterprise's key people: principal (主要负责人), chief safety officer (首席安全官), safety
// managers and registered safety engineers (注安师), with their training certificates
// (持证上岗). Types and pure rules; no I/O here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace anjian::people {

struct Person {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string role;  // principal, chief_safety_officer, safety_manager, safety_engineer
  std::string name;
  std::string position;
  std::string phone;
  std::optional<std::string> certificate_number;
  std::optional<std::string> certificate_kind;  // see kCertificateKinds
  std::optional<std::string> certificate_issued;
  std::optional<std::string> certificate_expiry;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

struct Changes {
  int64_t version = 0;
  std::optional<std::string> role;
  std::optional<std::string> name;
  std::optional<std::string> position;
  std::optional<std::string> phone;
  std::optional<std::optional<std::string>> certificate_number;
  std::optional<std::optional<std::string>> certificate_kind;
  std::optional<std::optional<std::string>> certificate_issued;
  std::optional<std::optional<std::string>> certificate_expiry;
};

// A certificate held today: none, valid, expiring within the warning window, or expired.
enum class CertificateState { kMissing, kValid, kExpiring, kExpired };
std::string_view StateName(CertificateState state);

// The window in which a certificate counts as expiring (30 days, the field's practice).
inline constexpr int kExpiryWarningDays = 30;

// The certificate's state on `today` ("YYYY-MM-DD", China time). A certificate is valid through
// its expiry date and expiring when that date is at most `warning_days` away.
CertificateState StateOf(const Person& person, std::string_view today,
                         int warning_days = kExpiryWarningDays);

// Principals and safety managers must hold a valid training certificate; a registered safety
// engineer holds a registration by definition.
bool RequiresCertificate(std::string_view role);
// A person the rules say must hold a certificate and who does not hold a valid one today.
bool LacksRequiredCertificate(const Person& person, std::string_view today);

// Role, name, phone, and the certificate: a number and kind together, dates real, issued on or
// before expiry.
Status Validate(const Person& person);
Person Apply(const Person& current, const Changes& changes);

}  // namespace anjian::people
