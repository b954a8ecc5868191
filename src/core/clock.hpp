#pragma once
// Time is injected so that a test can stand on any day. Instants are UTC; business dates are in
// China Standard Time (UTC+8, no daylight saving).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace anjian {

using Instant = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock the tests move by hand.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : seconds_(start.time_since_epoch().count()) {}
  Instant Now() const override { return Instant{std::chrono::seconds{seconds_.load()}}; }
  void Set(Instant t) { seconds_ = t.time_since_epoch().count(); }
  void Advance(std::chrono::seconds d) { seconds_ += d.count(); }

 private:
  std::atomic<int64_t> seconds_;
};

// "2026-10-01T00:00:00Z"
std::string FormatInstant(Instant t);
std::optional<Instant> ParseInstant(std::string_view text);
// The China Standard Time calendar date of an instant, "YYYY-MM-DD".
std::string ChinaDate(Instant t);
// Checks "YYYY-MM-DD" as a real calendar date.
bool IsValidDate(std::string_view text);
// The date `days` calendar days after a valid "YYYY-MM-DD" (before it when negative).
std::optional<std::string> AddDays(std::string_view date, int days);
// The same day `months` calendar months later (earlier when negative); a day the month lacks
// becomes the month's last (31 January + 1 month = 28 or 29 February).
std::optional<std::string> AddMonths(std::string_view date, int months);
// Whole days from one valid date to another (negative when `to` is earlier).
std::optional<int> DaysBetween(std::string_view from, std::string_view to);
// The instant at which a China Standard Time date begins.
std::optional<Instant> ChinaDayStart(std::string_view date);

}  // namespace anjian
