// CC_CHECK(cond) << "context": aborts on a crosscheck bug. Never use it on user input;
// bad input is reported as an Issue or an Error instead.
#pragma once

#include <cstdlib>
#include <iostream>
#include <sstream>

namespace crosscheck::internal {

// CheckFailure prints the failed condition and its context, then aborts.
class CheckFailure {
 public:
  CheckFailure(const char* condition, const char* file, int line) {
    stream_ << file << ":" << line << ": CHECK failed: " << condition << " ";
  }
  CheckFailure(const CheckFailure&) = delete;
  CheckFailure& operator=(const CheckFailure&) = delete;
  [[noreturn]] ~CheckFailure() {
    std::cerr << stream_.str() << std::endl;
    std::abort();
  }
  std::ostream& stream() { return stream_; }

 private:
  std::ostringstream stream_;
};

}  // namespace crosscheck::internal

#define CC_CHECK(cond) \
  if (cond) {          \
  } else               \
    ::crosscheck::internal::CheckFailure(#cond, __FILE__, __LINE__).stream()
