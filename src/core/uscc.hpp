#pragma once
// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
// 0123456789ABCDEFGHJKLMNPQRTUWXY. Positions 9–17 are the organisation code (GB 11714) with its
// own check character; position 18 checks the whole.
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace anjian::uscc {

// Ok, or an invalid_uscc* error naming the rule that failed, with field "uscc":
//   uscc_length          not 18 characters
//   uscc_lowercase       a lower-case letter (codes are written in capitals)
//   uscc_character       a character outside the alphabet (I, O, S, V, Z, punctuation, …)
//   uscc_org_check       the organisation code's check character (position 17) is wrong
//   uscc_check           the check character (position 18) is wrong
Status Validate(std::string_view code);

// Completes 16 characters (registration authority, type, region, organisation code without its
// check) into a valid code by appending both check characters. For generated demo data.
std::string Complete(std::string_view first16);

}  // namespace anjian::uscc
