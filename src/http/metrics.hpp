#pragma once
// Counters for /metrics in the Prometheus text format.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace anjian::http {

class Metrics {
 public:
  void RecordRequest(const std::string& method, const std::string& route, int status,
                     double seconds);
  void RecordJobRun(const std::string& job, bool ok);
  // Extra gauges appended at render time (database pool, in-flight requests).
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::array<uint64_t, kBuckets.size()> bucket_counts_{};
  uint64_t latency_count_ = 0;
  double latency_sum_ = 0;
  std::map<std::pair<std::string, bool>, uint64_t> job_runs_;
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  std::vector<Gauge> gauges_;
};

}  // namespace anjian::http
