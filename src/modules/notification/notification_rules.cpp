#include "core/region_code.hpp"
#include "modules/notification/notification.hpp"

namespace anjian::notification {

std::string UnitRole(const std::string& region_code) {
  return region_code::LevelOf(region_code) == region_code::Level::kTown ? "station" : "bureau";
}

Audience AudienceOf(const Principal& principal) {
  Audience audience;
  switch (principal.role) {
    case Role::kEnterprise:
      audience.role = "enterprise";
      audience.enterprise_id = principal.enterprise_id;
      break;
    case Role::kStation:
      if (!principal.region_code) break;
      audience.role = "station";
      audience.region_low = audience.region_high = *principal.region_code;
      break;
    case Role::kBureau: {
      if (!principal.region_code || !region_code::IsWellFormed(*principal.region_code)) break;
      audience.role = "bureau";
      auto [low, high] = region_code::Bounds(*principal.region_code);
      audience.region_low = low;
      audience.region_high = high;
      break;
    }
    default:
      break;
  }
  return audience;
}

}  // namespace anjian::notification
