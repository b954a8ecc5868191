#pragma once
// Expected failures are values: Result<T> holds either a T or an Error. The kind says the class of
// failure (it becomes the HTTP status in http/error_mapping.cpp), the code names the failure for
// clients and the message catalogue, and the field says where in the input it lies.
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace anjian {

enum class ErrorKind {
  kMalformed,        // the request cannot be read (400)
  kUnauthenticated,  // not logged in (401)
  kForbidden,        // logged in but not allowed (403)
  kNotFound,         // absent, or out of the caller's scope (404)
  kConflict,         // duplicate, stale version, illegal transition (409)
  kTooLarge,         // body over the limit (413)
  kInvalid,          // well-formed but invalid (422)
  kTooManyRequests,  // throttled (429)
  kUnavailable,      // shutting down or the database is gone (503)
  kInternal,         // a fault (500)
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;
  std::string field;
  // Detail for logs and for codes without a catalogue entry; never shown instead of a catalogue
  // text.
  std::string detail;

  static Error Malformed(std::string code, std::string field = {}) {
    return {ErrorKind::kMalformed, std::move(code), std::move(field), {}};
  }
  static Error Invalid(std::string code, std::string field = {}) {
    return {ErrorKind::kInvalid, std::move(code), std::move(field), {}};
  }
  static Error NotFound(std::string code = "not_found") {
    return {ErrorKind::kNotFound, std::move(code), {}, {}};
  }
  static Error Conflict(std::string code, std::string field = {}) {
    return {ErrorKind::kConflict, std::move(code), std::move(field), {}};
  }
  static Error Forbidden(std::string code = "forbidden") {
    return {ErrorKind::kForbidden, std::move(code), {}, {}};
  }
  static Error Unauthenticated(std::string code = "unauthenticated") {
    return {ErrorKind::kUnauthenticated, std::move(code), {}, {}};
  }
  static Error TooMany(std::string code = "too_many_requests") {
    return {ErrorKind::kTooManyRequests, std::move(code), {}, {}};
  }
  static Error Internal(std::string detail) {
    return {ErrorKind::kInternal, "internal", {}, std::move(detail)};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Error& error() const { return std::get<1>(state_); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Error> state_;
};

// Result of an operation that yields nothing but may fail.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace anjian
