#include "crosscheck/common/error.h"

namespace crosscheck {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return "invalid_input";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kDataLoss: return "data_loss";
    case ErrorCode::kIoError: return "io_error";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
    case ErrorCode::kNotFound: return 2;
    case ErrorCode::kUnavailable: return 75;  // EX_TEMPFAIL
    case ErrorCode::kDataLoss:
    case ErrorCode::kIoError:
    case ErrorCode::kInternal: return 1;
  }
  return 1;
}

Error::Error(ErrorCode code, std::string message, std::source_location where)
    : code_(code), message_(std::move(message)), where_(where) {}

Error& Error::AddContext(std::string context) & {
  context_.push_back(std::move(context));
  return *this;
}

Error&& Error::AddContext(std::string context) && {
  context_.push_back(std::move(context));
  return std::move(*this);
}

std::string Error::ToString() const {
  std::string out = ErrorCodeName(code_);
  out += ": ";
  out += message_;
  for (const auto& context : context_) {
    out += " (";
    out += context;
    out += ")";
  }
  return out;
}

}  // namespace crosscheck
