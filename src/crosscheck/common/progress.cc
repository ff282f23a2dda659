#include "crosscheck/common/progress.h"

#include <atomic>
#include <cstdio>

namespace crosscheck {
namespace {
std::atomic<bool> g_quiet{false};
}

Progress::Progress(std::string label, bool enabled)
    : label_(std::move(label)),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::SetGlobalQuiet(bool quiet) { g_quiet = quiet; }

void Progress::Note(std::string_view message) {
  if (g_quiet) return;
  // One fprintf per note: stderr is unbuffered, and one call keeps concurrent notes whole.
  std::fprintf(stderr, "crosscheck: %.*s\n", static_cast<int>(message.size()), message.data());
}

void Progress::Tick(std::uint64_t count) {
  if (!enabled_ || g_quiet) return;
  if ((count & 0x3FF) != 0) return;  // check the clock only every 1024 items
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::seconds(1)) return;
  last_ = now;
  printed_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "%s: %llu (%.0f/s)\n", label_.c_str(),
               static_cast<unsigned long long>(count), count / (seconds > 0 ? seconds : 1));
}

void Progress::Done(std::uint64_t count) {
  if (!enabled_ || g_quiet || !printed_) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "%s: %llu done in %.1f s\n", label_.c_str(),
               static_cast<unsigned long long>(count), seconds);
}

}  // namespace crosscheck
