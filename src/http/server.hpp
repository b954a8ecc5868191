#pragma once
// The HTTP server: RESTinio accepts and parses on a few I/O threads, a worker pool runs the
// handlers (which may block on the database), and one log line is written per request.
#include <chrono>
#include <cstdint>
#include <string>

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace anjian::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  size_t io_threads = 2;
  size_t worker_threads = 16;
  size_t max_connections = 2048;
  // Hard cap enforced while reading; routes answer 413 below it by their own limits.
  size_t max_body_bytes = 32u << 20;
  size_t max_header_bytes = 16u << 10;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds handler_timeout{60};
  std::chrono::seconds drain_timeout{20};
};

// Serves until SIGTERM or SIGINT, then stops taking new work, lets in-flight requests finish
// (up to drain_timeout) and returns. The caller closes the database afterwards.
void Serve(const ServerOptions& options, const Router& router, const StaticFiles& files,
           Metrics& metrics);

// Block SIGTERM and SIGINT in the calling thread and every thread it starts later, so that
// Serve() can wait for them synchronously. Call first thing in main().
void BlockTerminationSignals();

}  // namespace anjian::http
