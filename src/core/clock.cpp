#include "core/clock.hpp"

#include <charconv>
#include <cstdio>

namespace anjian {
namespace {

constexpr std::chrono::hours kChinaOffset{8};

bool ParseInt(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

std::optional<std::chrono::year_month_day> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!ParseInt(text.substr(0, 4), y) || !ParseInt(text.substr(5, 2), m) ||
      !ParseInt(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{y},
                                  std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string FormatDate(std::chrono::year_month_day ymd) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

}  // namespace

std::string FormatInstant(Instant t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::hh_mm_ss hms{t - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ",
                FormatDate(std::chrono::year_month_day{day}).c_str(),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buffer;
}

std::optional<Instant> ParseInstant(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  auto date = ParseDate(text.substr(0, 10));
  int h = 0, m = 0, s = 0;
  if (!date || !ParseInt(text.substr(11, 2), h) || !ParseInt(text.substr(14, 2), m) ||
      !ParseInt(text.substr(17, 2), s) || h > 23 || m > 59 || s > 59) {
    return std::nullopt;
  }
  return std::chrono::sys_days{*date} + std::chrono::hours{h} + std::chrono::minutes{m} +
         std::chrono::seconds{s};
}

std::string ChinaDate(Instant t) {
  return FormatDate(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t + kChinaOffset)});
}

bool IsValidDate(std::string_view text) { return ParseDate(text).has_value(); }

std::optional<std::string> AddDays(std::string_view date, int days) {
  auto ymd = ParseDate(date);
  if (!ymd) return std::nullopt;
  return FormatDate(
      std::chrono::year_month_day{std::chrono::sys_days{*ymd} + std::chrono::days{days}});
}

std::optional<std::string> AddMonths(std::string_view date, int months) {
  auto ymd = ParseDate(date);
  if (!ymd) return std::nullopt;
  auto month = ymd->year() / ymd->month() + std::chrono::months{months};
  auto last =
      std::chrono::year_month_day_last{month.year(), std::chrono::month_day_last{month.month()}};
  auto day = std::min(ymd->day(), last.day());
  return FormatDate(std::chrono::year_month_day{month.year(), month.month(), day});
}

std::optional<int> DaysBetween(std::string_view from, std::string_view to) {
  auto a = ParseDate(from);
  auto b = ParseDate(to);
  if (!a || !b) return std::nullopt;
  return static_cast<int>((std::chrono::sys_days{*b} - std::chrono::sys_days{*a}).count());
}

std::optional<Instant> ChinaDayStart(std::string_view date) {
  auto ymd = ParseDate(date);
  if (!ymd) return std::nullopt;
  return Instant{std::chrono::sys_days{*ymd}} - kChinaOffset;
}

}  // namespace anjian
