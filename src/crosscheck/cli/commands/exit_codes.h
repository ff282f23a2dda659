// Shared by every command: how an Error becomes a message on stderr and an exit code.
#pragma once

#include <cstdio>

#include "crosscheck/common/error.h"

namespace crosscheck::cli {

// ReportError prints "crosscheck: <error>" to stderr and returns its exit code.
inline int ReportError(const Error& error) {
  std::fprintf(stderr, "crosscheck: %s\n", error.ToString().c_str());
  return ExitCodeFor(error.code());
}

}  // namespace crosscheck::cli
