#pragma once
// The dashboard's figures (统计): types and pure rules. No I/O here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace anjian::stats {

// A calendar quarter in China time: "2026Q4", 2026-10-01 … 2026-12-31.
struct Quarter {
  std::string label;
  std::string first;
  std::string last;
};
Quarter QuarterOf(std::string_view date);

// A share in percent with one decimal (99.83% is 99.8), or nothing when the whole is zero.
std::optional<double> Percent(int64_t part, int64_t whole);

struct Period {
  std::string from;
  std::string to;
};
// The period asked for: real dates, from ≤ to, at most three years; from 1 January of this year
// when `from` is absent and to today when `to` is.
Result<Period> ResolvePeriod(std::string_view from, std::string_view to, std::string_view today);

struct RegionRow {
  std::string code;
  std::string name;
  int64_t inspections = 0;
  int64_t hazards_found = 0;
  int64_t open = 0;
  int64_t overdue = 0;
};

struct MonthRow {
  std::string month;
  int64_t found = 0;
  int64_t verified = 0;
};

struct Dashboard {
  std::string region_code;  // "" for everything
  Period period;
  std::string today;
  int64_t inspections = 0;
  int64_t enterprises_inspected = 0;
  int64_t hazards_found = 0;
  int64_t hazards_verified = 0;
  int64_t hazards_due = 0;
  int64_t verified_on_time = 0;
  std::optional<double> on_time_rate;  // verified by the deadline / due in the period
  int64_t open = 0;
  int64_t overdue = 0;
  int64_t major_listed = 0;
  Quarter quarter;
  int64_t coverage_enterprises = 0;  // operating enterprises in scope
  int64_t coverage_inspected = 0;    // of them, reached by an inspection this quarter
  std::optional<double> coverage_rate;
  std::vector<std::pair<std::string, int64_t>> by_state;
  std::vector<MonthRow> by_month;
  std::vector<RegionRow> by_region;
};

}  // namespace anjian::stats
