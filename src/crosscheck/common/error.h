// Error, Result<T> and Status: how an operation that can fail reports why.
// Bad records are not errors (see issue.h); Error is for whole operations (unreadable file,
// bad flag) and is sorted by what the caller should do.
//
//   Result<Table> table = ReadTable(path);
//   if (!table) return std::unexpected(table.error().AddContext("loading " + path));
#pragma once

#include <cstdint>
#include <expected>
#include <source_location>
#include <string>
#include <utility>
#include <vector>

namespace crosscheck {

// ErrorCode says what the caller should do; detail goes in the message.
enum class ErrorCode : std::uint8_t {
  kInvalidInput,  // bad file/flag/request: tell the user, don't retry  -> exit 2
  kNotFound,      // a named thing does not exist                       -> exit 2
  kUnavailable,   // transient: retry                                   -> exit 75
  kDataLoss,      // stored state corrupt or inconsistent               -> exit 1
  kIoError,       // the OS refused a write (disk full, permissions)     -> exit 1
  kInternal,      // a crosscheck bug                                   -> exit 1
};

// ErrorCodeName returns the stable snake_case name ("invalid_input", ...).
const char* ErrorCodeName(ErrorCode code);

// ExitCodeFor maps an ErrorCode to the documented process exit code.
int ExitCodeFor(ErrorCode code);

class [[nodiscard]] Error {
 public:
  Error(ErrorCode code, std::string message,
        std::source_location where = std::source_location::current());

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<std::string>& context() const { return context_; }

  // AddContext appends where the failure happened ("reading applications.csv").
  Error& AddContext(std::string context) &;
  Error&& AddContext(std::string context) &&;

  // ToString renders "invalid_input: bad date (reading ...)".
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<std::string> context_;
  std::source_location where_;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = Result<void>;

// Ok returns a successful Status.
inline Status Ok() { return {}; }

// Shorthands for building a failed Result.
inline std::unexpected<Error> InvalidInput(std::string message,
                                           std::source_location where = std::source_location::current()) {
  return std::unexpected(Error(ErrorCode::kInvalidInput, std::move(message), where));
}
inline std::unexpected<Error> NotFound(std::string message,
                                       std::source_location where = std::source_location::current()) {
  return std::unexpected(Error(ErrorCode::kNotFound, std::move(message), where));
}
inline std::unexpected<Error> IoError(std::string message,
                                      std::source_location where = std::source_location::current()) {
  return std::unexpected(Error(ErrorCode::kIoError, std::move(message), where));
}
inline std::unexpected<Error> Internal(std::string message,
                                       std::source_location where = std::source_location::current()) {
  return std::unexpected(Error(ErrorCode::kInternal, std::move(message), where));
}

}  // namespace crosscheck

#define CC_CONCAT_INNER_(a, b) a##b
#define CC_CONCAT_(a, b) CC_CONCAT_INNER_(a, b)

// CC_RETURN_IF_ERROR(status) returns the error of a failed Status/Result from the caller.
#define CC_RETURN_IF_ERROR(expr)                                \
  do {                                                          \
    auto&& cc_status_ = (expr);                                 \
    if (!cc_status_) return std::unexpected(std::move(cc_status_).error()); \
  } while (false)

// CC_ASSIGN_OR_RETURN(lhs, expr) unwraps a Result or returns its error.
#define CC_ASSIGN_OR_RETURN(lhs, expr) CC_ASSIGN_OR_RETURN_IMPL_(CC_CONCAT_(cc_result_, __LINE__), lhs, expr)
#define CC_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr)            \
  auto tmp = (expr);                                         \
  if (!tmp) return std::unexpected(std::move(tmp).error());  \
  lhs = std::move(*tmp)
