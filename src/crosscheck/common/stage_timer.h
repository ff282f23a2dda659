// StageTimer records how long each stage of a run took, in order, for summaries and reports
// ("time 15.5 s (normalize 2.65 link 7.83 ...)").
//
//   StageTimer timer(summary.stage_seconds);
//   Normalize();  timer.Mark("normalize");
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace crosscheck {

class StageTimer {
 public:
  using Stages = std::vector<std::pair<std::string, double>>;
  explicit StageTimer(Stages& stages) : stages_(stages), start_(std::chrono::steady_clock::now()) {}
  // Mark appends the time since the previous mark (or construction) under `stage`.
  void Mark(const char* stage) {
    const auto now = std::chrono::steady_clock::now();
    stages_.emplace_back(stage, std::chrono::duration<double>(now - start_).count());
    start_ = now;
  }

 private:
  Stages& stages_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace crosscheck
