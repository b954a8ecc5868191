#include "http/metrics.hpp"

#include <fmt/format.h>

namespace anjian::http {

void Metrics::RecordRequest(const std::string& method, const std::string& route, int status,
                            double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
  ++latency_count_;
  latency_sum_ += seconds;
}

void Metrics::RecordJobRun(const std::string& job, bool ok) {
  std::lock_guard lock(mutex_);
  ++job_runs_[{job, ok}];
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP anjian_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE anjian_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out +=
        fmt::format("anjian_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                    method, route, status, count);
  }
  out += "# HELP anjian_http_request_duration_seconds Time from request to response.\n";
  out += "# TYPE anjian_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    out += fmt::format("anjian_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[i],
                       bucket_counts_[i]);
  }
  out += fmt::format("anjian_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n",
                     latency_count_);
  out += fmt::format("anjian_http_request_duration_seconds_sum {}\n", latency_sum_);
  out += fmt::format("anjian_http_request_duration_seconds_count {}\n", latency_count_);
  out += "# HELP anjian_job_runs_total Scheduled job runs by job and outcome.\n";
  out += "# TYPE anjian_job_runs_total counter\n";
  for (const auto& [key, count] : job_runs_) {
    out += fmt::format("anjian_job_runs_total{{job=\"{}\",outcome=\"{}\"}} {}\n", key.first,
                       key.second ? "ok" : "failed", count);
  }
  for (const auto& gauge : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", gauge.name, gauge.help, gauge.name,
                       gauge.name, gauge.read());
  }
  return out;
}

}  // namespace anjian::http
