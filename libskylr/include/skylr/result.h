// Result<T>: the one error type of libskylr. A function that can fail returns either a
// value or an Error whose message names what failed and where (a key path, a JSON path,
// a file). libskylr never throws for bad input; front-ends turn errors into exit codes
// and HTTP statuses.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace skylr {

// What went wrong, as a message fit to show an operator (may span several lines).
struct Error {
  std::string message;
};

// Either a T or an Error. Thread-compatible, like any value type.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  // True when the result holds a value.
  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // The value; only valid when ok().
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; only valid when !ok().
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Success or an Error, for operations that produce nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}

  // True on success.
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }

  // The error; only valid when !ok().
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

// `error` with "<prefix>: " before each of its lines.
Error prefix_lines(const std::string& prefix, const Error& error);

}  // namespace skylr
