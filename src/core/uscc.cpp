#include "core/uscc.hpp"

#include <array>

namespace anjian::uscc {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};

// GB 11714 values: digits 0–9, letters A=10 … Z=35.
int OrgValue(char c) { return c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10; }

char OrgCheck(std::string_view org8) {
  int sum = 0;
  for (size_t i = 0; i < kOrgWeights.size(); ++i) sum += OrgValue(org8[i]) * kOrgWeights[i];
  int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

char Check(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) {
    sum += static_cast<int>(kAlphabet.find(first17[i])) * kWeights[i];
  }
  return kAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
}

Error Invalid(const char* code) { return Error::Invalid(code, "uscc"); }

}  // namespace

Status Validate(std::string_view code) {
  if (code.size() != 18) return Invalid("uscc_length");
  for (char c : code) {
    if (c >= 'a' && c <= 'z') return Invalid("uscc_lowercase");
  }
  for (char c : code) {
    if (kAlphabet.find(c) == std::string_view::npos) return Invalid("uscc_character");
  }
  if (OrgCheck(code.substr(8, 8)) != code[16]) return Invalid("uscc_org_check");
  if (Check(code.substr(0, 17)) != code[17]) return Invalid("uscc_check");
  return {};
}

std::string Complete(std::string_view first16) {
  std::string out(first16);
  out += OrgCheck(out.substr(8, 8));
  out += Check(out);
  return out;
}

}  // namespace anjian::uscc
