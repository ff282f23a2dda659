// Progress prints "label: N rows (R/s)" to stderr at most once a second for long runs, and
// nothing when stderr is quiet (tests) or the run is short.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace crosscheck {

class Progress {
 public:
  explicit Progress(std::string label, bool enabled = true);
  // Tick records count items done; prints at most once a second.
  void Tick(std::uint64_t count);
  // Done prints the final line when anything was printed before.
  void Done(std::uint64_t count);

  // SetGlobalQuiet silences every Progress (for --quiet).
  static void SetGlobalQuiet(bool quiet);

 private:
  std::string label_;
  bool enabled_;
  bool printed_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace crosscheck
