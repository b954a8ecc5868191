#include "modules/stats/stats_service.hpp"

#include <fmt/format.h>

#include <map>

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/hazard/hazard_store.hpp"
#include "modules/region/region_store.hpp"

namespace anjian::stats {
namespace {

// The scope of the figures: the caller's, narrowed to a region in it. 404 for a region outside.
Result<Scope::EnterpriseBounds> BoundsFor(const Principal& principal,
                                          const std::string& region_code) {
  if (!Allows(principal.role, Permission::kReadEnterprises)) return Error::Forbidden();
  return Scope::For(principal).EnterprisesWithin(region_code);
}

// A China date's first instant, as instants are stored.
std::string DayStart(const std::string& date) { return FormatInstant(*ChinaDayStart(date)); }

constexpr auto kCacheFor = std::chrono::seconds{10};
constexpr size_t kCacheEntries = 512;

}  // namespace

Result<Dashboard> Service::Overview(const Principal& principal, const std::string& region_code,
                                    const std::string& from, const std::string& to) {
  auto bounds = BoundsFor(principal, region_code);
  if (!bounds) return bounds.error();
  Dashboard out;
  out.today = ChinaDate(clock_.Now());
  auto period = ResolvePeriod(from, to, out.today);
  if (!period) return period.error();
  out.period = *period;
  // The figures of a region default to the caller's own region.
  out.region_code = region_code.empty() ? principal.region_code.value_or("") : region_code;

  // The figures depend on the scope, the region, the period and the day, and on nothing else of
  // the caller (the child regions listed too: everything for a caller of the whole country).
  std::string key =
      fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", bounds->low, bounds->high,
                  bounds->own_enterprise_id, bounds->grid_user_id, out.region_code, out.period.from,
                  out.period.to, out.today, Scope::For(principal).IsEverything());
  uint64_t writes = database_.Writes();
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(cache_mutex_);
    if (auto hit = cache_.find(key); hit != cache_.end() && hit->second.writes == writes &&
                                     now - hit->second.computed < kCacheFor) {
      return hit->second.dashboard;
    }
  }
  auto computed = Compute(principal, *bounds, std::move(out));
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= kCacheEntries) cache_.clear();
  cache_[key] = {writes, now, computed};
  return computed;
}

Dashboard Service::Compute(const Principal& principal, const Scope::EnterpriseBounds& bounds,
                           Dashboard out) {
  std::string from_instant = DayStart(out.period.from);
  std::string to_instant = DayStart(*AddDays(out.period.to, 1));
  out.quarter = QuarterOf(out.today);

  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto inspected = inspection::store::CountFigures(tx, bounds, from_instant, to_instant);
  out.inspections = inspected.inspections;
  out.enterprises_inspected = inspected.enterprises;
  auto figures = hazard::store::CountFigures(tx, bounds, out.period.from, out.period.to, out.today);
  out.hazards_found = figures.found;
  out.hazards_verified = figures.verified;
  out.hazards_due = figures.due;
  out.verified_on_time = figures.on_time;
  out.on_time_rate = Percent(figures.on_time, figures.due);
  out.open = figures.open;
  out.overdue = figures.overdue;
  out.major_listed = figures.listed;
  auto coverage = inspection::store::CountCoverage(tx, bounds, DayStart(out.quarter.first),
                                                   DayStart(*AddDays(out.quarter.last, 1)));
  out.coverage_enterprises = coverage.enterprises;
  out.coverage_inspected = coverage.covered;
  out.coverage_rate = Percent(coverage.covered, coverage.enterprises);
  out.by_state = hazard::store::CountByState(tx, bounds);
  for (const auto& m : hazard::store::CountByMonth(tx, bounds, out.period.from, out.period.to)) {
    out.by_month.push_back({m.month, m.found, m.verified});
  }

  // One row per child region of the figures' region (the top of the tree for everything).
  // An enterprise account has no region to break down.
  std::vector<region::Region> children;
  if (!out.region_code.empty()) {
    children = region::store::Children(tx, out.region_code);
  } else if (Scope::For(principal).IsEverything()) {
    children = region::store::TopLevel(tx);
  }
  if (!children.empty()) {
    auto length = static_cast<int64_t>(region_code::Prefix(children.front().code).size());
    std::map<std::string, RegionRow> rows;
    for (const auto& child : children) {
      rows[region_code::Prefix(child.code)] = {child.code, child.name, 0, 0, 0, 0};
    }
    for (const auto& [prefix, count] :
         inspection::store::CountByRegion(tx, bounds, length, from_instant, to_instant)) {
      if (auto row = rows.find(prefix); row != rows.end()) row->second.inspections = count;
    }
    for (const auto& r : hazard::store::CountByRegion(tx, bounds, length, out.period.from,
                                                      out.period.to, out.today)) {
      if (auto row = rows.find(r.prefix); row != rows.end()) {
        row->second.hazards_found = r.found;
        row->second.open = r.open;
        row->second.overdue = r.overdue;
      }
    }
    for (auto& [prefix, row] : rows) out.by_region.push_back(std::move(row));
  }
  return out;
}

Result<UncoveredListing> Service::Uncovered(const Principal& principal,
                                            const std::string& region_code,
                                            const http::Page& page) {
  auto bounds = BoundsFor(principal, region_code);
  if (!bounds) return bounds.error();
  UncoveredListing out;
  out.quarter = QuarterOf(ChinaDate(clock_.Now()));
  std::string from = DayStart(out.quarter.first);
  std::string to = DayStart(*AddDays(out.quarter.last, 1));
  db::Transaction tx(database_, db::TransactionMode::kRead);
  out.items =
      inspection::store::ListUncovered(tx, *bounds, from, to, page.page_size, page.Offset());
  auto coverage = inspection::store::CountCoverage(tx, *bounds, from, to);
  out.total = coverage.enterprises - coverage.covered;
  return out;
}

nlohmann::json ToJson(const Dashboard& d) {
  nlohmann::json by_state = nlohmann::json::object();
  for (const auto& [state, count] : d.by_state) by_state[state] = count;
  nlohmann::json by_month = nlohmann::json::array();
  for (const auto& m : d.by_month) {
    by_month.push_back({{"month", m.month}, {"found", m.found}, {"verified", m.verified}});
  }
  nlohmann::json by_region = nlohmann::json::array();
  for (const auto& r : d.by_region) {
    by_region.push_back({{"region_code", r.code},
                         {"name", r.name},
                         {"inspections", r.inspections},
                         {"hazards_found", r.hazards_found},
                         {"open", r.open},
                         {"overdue", r.overdue}});
  }
  return {{"region_code",
           d.region_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.region_code)},
          {"from", d.period.from},
          {"to", d.period.to},
          {"today", d.today},
          {"inspections", d.inspections},
          {"enterprises_inspected", d.enterprises_inspected},
          {"hazards",
           {{"found", d.hazards_found},
            {"verified", d.hazards_verified},
            {"due", d.hazards_due},
            {"verified_on_time", d.verified_on_time},
            {"on_time_rate", OrNull(d.on_time_rate)},
            {"open", d.open},
            {"overdue", d.overdue},
            {"major_listed", d.major_listed},
            {"by_state", std::move(by_state)}}},
          {"coverage",
           {{"quarter", d.quarter.label},
            {"first", d.quarter.first},
            {"last", d.quarter.last},
            {"enterprises", d.coverage_enterprises},
            {"inspected", d.coverage_inspected},
            {"rate", OrNull(d.coverage_rate)}}},
          {"by_month", std::move(by_month)},
          {"by_region", std::move(by_region)}};
}

}  // namespace anjian::stats
