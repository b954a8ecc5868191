#include "http/server.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <restinio/all.hpp>
#include <thread>
#include <unordered_set>

#include "core/messages.hpp"

namespace anjian::http {
namespace {

// The connection cap. RESTinio's own limiter lives inside its acceptor, which is destroyed before
// the connections that still point at it when a server stops with keep-alive clients (ASan shows
// the use after free), so the cap is kept here: the IP-blocker hook counts a connection in or
// refuses it, and the state listener counts it out when it closes. Both are shared with every
// connection, so they outlive them.
class ConnectionCap {
 public:
  explicit ConnectionCap(size_t max) : max_(max) {}

  restinio::ip_blocker::inspection_result_t inspect(  // NOLINT: RESTinio's name
      const restinio::ip_blocker::incoming_info_t& /*incoming*/) noexcept {
    std::lock_guard lock(mutex_);
    if (open_ >= max_) {
      refused_.fetch_add(1);
      return restinio::ip_blocker::deny();
    }
    ++open_;
    return restinio::ip_blocker::allow();
  }

  // RESTinio 0.6.16 can report a connection closed twice: a read that times out closes it, and
  // the aborted read then closes it again. A connection is therefore let go by its id, once;
  // counting every notice wrapped the counter below zero and refused every later connection.
  void state_changed(  // NOLINT: RESTinio's name
      const restinio::connection_state::notice_t& notice) noexcept {
    auto cause = notice.cause();
    std::lock_guard lock(mutex_);
    if (restinio::holds_alternative<restinio::connection_state::accepted_t>(cause)) {
      accepted_.insert(notice.connection_id());
    } else if (restinio::holds_alternative<restinio::connection_state::closed_t>(cause)) {
      if (accepted_.erase(notice.connection_id()) == 1 && open_ > 0) --open_;
    }
  }

  size_t open() const {
    std::lock_guard lock(mutex_);
    return open_;
  }
  uint64_t refused() const { return refused_.load(); }

 private:
  size_t max_;
  mutable std::mutex mutex_;
  size_t open_ = 0;                             // allowed at accept, until closed
  std::unordered_set<std::uint64_t> accepted_;  // connection ids not yet closed
  std::atomic<uint64_t> refused_{0};
};

struct Traits : public restinio::default_traits_t {
  using ip_blocker_t = ConnectionCap;                 // NOLINT: RESTinio's name
  using connection_state_listener_t = ConnectionCap;  // NOLINT: RESTinio's name
};

// A fixed set of threads running queued tasks, so that database waits never hold an I/O thread.
class WorkerPool {
 public:
  explicit WorkerPool(size_t threads) {
    for (size_t i = 0; i < threads; ++i) {
      threads_.emplace_back([this] { Loop(); });
    }
  }
  ~WorkerPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void Post(std::function<void()> task) {
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
  }

 private:
  void Loop() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() + 0 && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    size_t end = query.find('&');
    std::string_view pair = query.substr(0, end);
    size_t eq = pair.find('=');
    if (!pair.empty()) {
      if (eq == std::string_view::npos) {
        out[Decode(pair)] = "";
      } else {
        out[Decode(pair.substr(0, eq))] = Decode(pair.substr(eq + 1));
      }
    }
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return out;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "OK";
  }
}

bool IsDynamic(std::string_view path) {
  return path.starts_with("/api/") || path == "/healthz" || path == "/metrics";
}

}  // namespace

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void Serve(const ServerOptions& options, const Router& router, const StaticFiles& files,
           Metrics& metrics) {
  WorkerPool workers(options.worker_threads);
  std::atomic<int64_t> in_flight{0};
  std::atomic<bool> draining{false};
  auto cap = std::make_shared<ConnectionCap>(options.max_connections);
  metrics.AddGauge("anjian_http_in_flight_requests", "Requests being handled now.",
                   [&in_flight] { return static_cast<double>(in_flight.load()); });
  metrics.AddGauge("anjian_http_open_connections", "Open client connections.",
                   [cap] { return static_cast<double>(cap->open()); });
  metrics.AddGauge("anjian_http_refused_connections", "Connections refused at the cap.",
                   [cap] { return static_cast<double>(cap->refused()); });

  auto handler = [&](const restinio::request_handle_t& req) -> restinio::request_handling_status_t {
    auto started = std::chrono::steady_clock::now();
    in_flight.fetch_add(1);
    workers.Post([&, req, started] {
      Request request;
      const auto& header = req->header();
      request.method = ParseMethod(header.method().c_str());
      request.path = std::string(header.path());
      request.query = ParseQuery(header.query());
      for (const auto& field : header) {
        request.headers.emplace_back(std::string(field.name()), std::string(field.value()));
      }
      request.body = req->body();
      request.client_address = req->remote_endpoint().address().to_string();
      request.language =
          std::string(messages::LanguageFor(request.Header("Accept-Language").value_or("")));

      Response response;
      if (draining.load()) {
        response =
            ErrorResponse({ErrorKind::kUnavailable, "unavailable", {}, {}}, request.language);
        request.route = "(draining)";
      } else if (IsDynamic(request.path)) {
        response = router.Dispatch(request);
      } else if (auto file = files.Serve(request.path)) {
        response = std::move(*file);
        request.route = "(static)";
      } else {
        response = ErrorResponse(Error::NotFound(), request.language);
        request.route = "(no file)";
      }

      auto reply = req->create_response(restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
          ReasonPhrase(response.status)});
      reply.append_header(restinio::http_field::server, "anjian");
      if (!response.content_type.empty()) {
        reply.append_header(restinio::http_field::content_type, response.content_type);
      }
      reply.append_header("X-Content-Type-Options", "nosniff");
      for (const auto& [name, value] : response.headers) reply.append_header(name, value);
      reply.set_body(std::move(response.body));
      if (draining.load()) reply.connection_close();
      // Counted before the answer leaves, so that a client's next request (a /metrics scrape
      // right after) always finds this one counted.
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      metrics.RecordRequest(std::string(MethodName(request.method)), request.route, response.status,
                            seconds);
      reply.done();

      spdlog::info("{} {} route={} status={} ms={:.2f} user={}", MethodName(request.method),
                   request.path, request.route, response.status, seconds * 1000,
                   request.principal ? request.principal->username : "-");
      in_flight.fetch_sub(1);
    });
    return restinio::request_accepted();
  };

  auto settings = restinio::server_settings_t<Traits>{}
                      .address(options.host)
                      .port(options.port)
                      .ip_blocker(cap)
                      .connection_state_listener(cap)
                      .read_next_http_message_timelimit(options.read_timeout)
                      .write_http_response_timelimit(options.write_timeout)
                      .handle_request_timeout(options.handler_timeout)
                      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                    .max_url_size(options.max_header_bytes)
                                                    .max_field_name_size(1024)
                                                    .max_field_value_size(options.max_header_bytes)
                                                    .max_field_count(100)
                                                    .max_body_size(options.max_body_bytes))
                      .request_handler(handler);
  auto server =
      restinio::run_async(restinio::own_io_context(), std::move(settings), options.io_threads);
  spdlog::info("listening on http://{}:{}", options.host, options.port);

  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal_number = 0;
  sigwait(&set, &signal_number);
  spdlog::info("signal {}: finishing {} in-flight requests", signal_number, in_flight.load());
  draining = true;
  auto deadline = std::chrono::steady_clock::now() + options.drain_timeout;
  while (in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  server->stop();
  server->wait();
  spdlog::info("server stopped");
}

}  // namespace anjian::http
