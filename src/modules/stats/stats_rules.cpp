#include <cmath>

#include "core/clock.hpp"
#include "modules/stats/stats.hpp"

namespace anjian::stats {

Quarter QuarterOf(std::string_view date) {
  std::string year(date.substr(0, 4));
  int month = std::stoi(std::string(date.substr(5, 2)));
  int quarter = (month - 1) / 3 + 1;
  static constexpr const char* kFirst[] = {"-01-01", "-04-01", "-07-01", "-10-01"};
  static constexpr const char* kLast[] = {"-03-31", "-06-30", "-09-30", "-12-31"};
  return {year + "Q" + std::to_string(quarter), year + kFirst[quarter - 1],
          year + kLast[quarter - 1]};
}

std::optional<double> Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return std::round(static_cast<double>(part) * 1000.0 / static_cast<double>(whole)) / 10.0;
}

Result<Period> ResolvePeriod(std::string_view from, std::string_view to, std::string_view today) {
  Period period{from.empty() ? std::string(today.substr(0, 4)) + "-01-01" : std::string(from),
                to.empty() ? std::string(today) : std::string(to)};
  if (!IsValidDate(period.from)) return Error::Invalid("invalid_date", "from");
  if (!IsValidDate(period.to)) return Error::Invalid("invalid_date", "to");
  if (period.from > period.to) return Error::Invalid("period_reversed", "from");
  if (*DaysBetween(period.from, period.to) > 3 * 366) {
    return Error::Invalid("period_too_long", "from");
  }
  return period;
}

}  // namespace anjian::stats
