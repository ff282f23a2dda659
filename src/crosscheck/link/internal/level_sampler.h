// LevelSampler draws comparison levels from a distribution, for tests that generate the
// comparison vectors of a known mixture. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace crosscheck::link::internal {

class LevelSampler {
 public:
  explicit LevelSampler(std::uint64_t seed) : random_(seed) {}

  // Draw returns level i with probability probabilities[i].
  std::uint8_t Draw(const std::vector<double>& probabilities) {
    double x = Uniform();
    for (std::size_t level = 0; level < probabilities.size(); ++level) {
      if ((x -= probabilities[level]) <= 0) return static_cast<std::uint8_t>(level);
    }
    return static_cast<std::uint8_t>(probabilities.size() - 1);
  }

  double Uniform() { return uniform_(random_); }

 private:
  std::mt19937_64 random_;
  std::uniform_real_distribution<double> uniform_{0.0, 1.0};
};

}  // namespace crosscheck::link::internal
