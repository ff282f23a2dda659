// Progress prints "label: N rows (R/s)" to stderr at most once a second for long runs, and
// nothing when stderr is quiet (tests) or the run is short.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace crosscheck {

class Progress {
 public:
  explicit Progress(std::string label, bool enabled = true);
  // Tick records count items done; prints at most once a second.
  void Tick(std::uint64_t count);
  // Done prints the final line when anything was printed before.
  void Done(std::uint64_t count);

  // SetGlobalQuiet silences every Progress and Note (for --quiet).
  static void SetGlobalQuiet(bool quiet);
  // Note prints "crosscheck: <message>" on stderr unless quiet: what a reader decided about
  // its input (columns mapped, encoding converted), said once per file. Thread-safe.
  static void Note(std::string_view message);

 private:
  std::string label_;
  bool enabled_;
  bool printed_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace crosscheck
