#include "modules/people/people.hpp"

#include <gtest/gtest.h>

namespace anjian::people {
namespace {

Person Principal() {
  Person p;
  p.enterprise_id = 1;
  p.role = "principal";
  p.name = "王伟";
  p.phone = "13800138000";
  p.certificate_number = "JC00000001";
  p.certificate_kind = "principal_training";
  p.certificate_issued = "2024-01-10";
  p.certificate_expiry = "2027-01-09";
  return p;
}

TEST(PeopleRulesTest, Fields) {
  struct Case {
    const char* name;
    void (*change)(Person&);
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"complete", [](Person&) {}, "", ""},
      {"no certificate at all",
       [](Person& p) {
         p.certificate_number.reset();
         p.certificate_kind.reset();
         p.certificate_issued.reset();
         p.certificate_expiry.reset();
       },
       "", ""},
      {"unknown role", [](Person& p) { p.role = "boss"; }, "invalid_person_role", "role"},
      {"empty name", [](Person& p) { p.name = ""; }, "invalid_name", "name"},
      {"bad phone", [](Person& p) { p.phone = "1380013800x"; }, "invalid_phone", "phone"},
      {"expiry without number", [](Person& p) { p.certificate_number.reset(); },
       "invalid_certificate_number", "certificate_number"},
      {"empty number", [](Person& p) { p.certificate_number = ""; }, "invalid_certificate_number",
       "certificate_number"},
      {"unknown kind", [](Person& p) { p.certificate_kind = "driving"; },
       "invalid_certificate_kind", "certificate_kind"},
      {"number without expiry", [](Person& p) { p.certificate_expiry.reset(); }, "required",
       "certificate_expiry"},
      {"no issue date is fine", [](Person& p) { p.certificate_issued.reset(); }, "", ""},
      {"impossible date", [](Person& p) { p.certificate_expiry = "2027-02-30"; }, "invalid_date",
       "certificate_expiry"},
      {"issued after expiry", [](Person& p) { p.certificate_issued = "2027-01-10"; },
       "certificate_expiry_before_issue", "certificate_expiry"},
      {"issued on the expiry day", [](Person& p) { p.certificate_issued = "2027-01-09"; }, "", ""},
  };
  for (const auto& c : cases) {
    Person p = Principal();
    c.change(p);
    auto status = Validate(p);
    if (std::string(c.code).empty()) {
      EXPECT_TRUE(status.ok()) << c.name << ": " << status.error().code;
    } else {
      ASSERT_FALSE(status.ok()) << c.name;
      EXPECT_EQ(status.error().code, c.code) << c.name;
      EXPECT_EQ(status.error().field, c.field) << c.name;
    }
  }
}

// The expiry date is the last valid day; "expiring" is at most 30 days away.
TEST(PeopleRulesTest, CertificateStatesAtTheirEdges) {
  struct Case {
    const char* expiry;  // nullptr: no certificate
    const char* today;
    CertificateState state;
  };
  const Case cases[] = {
      {"2027-01-09", "2026-12-09", CertificateState::kValid},     // 31 days left
      {"2027-01-09", "2026-12-10", CertificateState::kExpiring},  // 30 days left
      {"2027-01-09", "2027-01-09", CertificateState::kExpiring},  // the last day
      {"2027-01-09", "2027-01-10", CertificateState::kExpired},
      {"2028-03-01", "2028-01-31", CertificateState::kExpiring},  // 30 days across 29 February
      {nullptr, "2026-12-09", CertificateState::kMissing},
  };
  for (const auto& c : cases) {
    Person p = Principal();
    if (c.expiry == nullptr) {
      p.certificate_number.reset();
      p.certificate_expiry.reset();
    } else {
      p.certificate_expiry = c.expiry;
    }
    EXPECT_EQ(StateName(StateOf(p, c.today)), StateName(c.state))
        << (c.expiry ? c.expiry : "none") << " on " << c.today;
  }
}

TEST(PeopleRulesTest, PrincipalsAndSafetyManagersNeedAValidCertificate) {
  struct Case {
    const char* role;
    bool has_certificate;
    const char* today;
    bool lacks;
  };
  const Case cases[] = {
      {"principal", true, "2026-12-01", false},
      {"principal", true, "2027-01-09", false},  // expiring still counts as held
      {"principal", true, "2027-01-10", true},   // expired
      {"principal", false, "2026-12-01", true},
      {"safety_manager", false, "2026-12-01", true},
      {"chief_safety_officer", false, "2026-12-01", false},
      {"safety_engineer", false, "2026-12-01", false},
  };
  for (const auto& c : cases) {
    Person p = Principal();
    p.role = c.role;
    if (!c.has_certificate) {
      p.certificate_number.reset();
      p.certificate_expiry.reset();
    }
    EXPECT_EQ(LacksRequiredCertificate(p, c.today), c.lacks) << c.role << " " << c.today;
  }
}

}  // namespace
}  // namespace anjian::people
