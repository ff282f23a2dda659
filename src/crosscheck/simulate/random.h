// Rng: the simulator's own pseudo-random generator (xoshiro256**, seeded with splitmix64), so a
// seed gives byte-identical worlds on every standard library. std:: distributions are not used
// because libstdc++ and libc++ implement them differently.
//
//   Rng rng(DeriveSeed(seed, "household", household_idx));
//   int size = 1 + static_cast<int>(rng.Below(4));
#pragma once

#include <cmath>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <vector>

namespace crosscheck::simulate {

// SplitMix64 advances *state and returns the next output (Steele, Lea, Flood 2014).
inline std::uint64_t SplitMix64(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// MixBits is the splitmix64 finalizer: a bijection on 64-bit values that scrambles all bits.
inline std::uint64_t MixBits(std::uint64_t value) {
  std::uint64_t state = value;
  return SplitMix64(&state);
}

// DeriveSeed gives an independent stream for (seed, purpose, index): every entity of the world
// is a pure function of its own stream, so it can be regenerated on demand (stolen identities).
inline std::uint64_t DeriveSeed(std::uint64_t seed, std::string_view purpose, std::uint64_t index) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;  // FNV-1a over the purpose text
  for (char c : purpose) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  return MixBits(MixBits(seed ^ hash) + index);
}

// Rng is xoshiro256** (Blackman & Vigna 2018). Not thread-safe; cheap to copy.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t state = seed;
    for (auto& word : s_) word = SplitMix64(&state);
  }

  // Next returns 64 uniformly random bits.
  std::uint64_t Next() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Below returns a uniform integer in [0, bound); 0 when bound is 0. Lemire's multiply-shift
  // (bias below 2^-40 for the bounds used here).
  std::uint64_t Below(std::uint64_t bound) {
    if (bound == 0) return 0;
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(Next()) * bound) >> 64);
  }

  // Range returns a uniform integer in [low, high].
  std::int64_t Range(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(high - low + 1)));
  }

  // Uniform returns a double in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // Chance returns true with probability p.
  bool Chance(double p) { return Uniform() < p; }

  // Normal returns a standard normal deviate (Box-Muller; glibc libm is correctly rounded on
  // the paths used, so results match across machines with the same libm).
  double Normal() {
    const double u1 = 1.0 - Uniform();
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  // Pareto returns x_min * U^(-1/alpha): heavy-tailed, mean alpha*x_min/(alpha-1) for alpha > 1.
  double Pareto(double x_min, double alpha) { return x_min * std::pow(1.0 - Uniform(), -1.0 / alpha); }

  // Skewed returns an index in [0, count) where low indexes are much more likely
  // (density ~ x^(1/power - 1)); power 1 is uniform. Used for popularity without a table.
  std::uint64_t Skewed(std::uint64_t count, double power) {
    const auto index = static_cast<std::uint64_t>(static_cast<double>(count) * std::pow(Uniform(), power));
    return index < count ? index : count - 1;
  }

  // Pick returns a uniformly chosen element of a container or array; it must not be empty.
  template <class Container>
  const auto& Pick(const Container& items) {
    return items[Below(std::size(items))];
  }

  // PickWeighted returns an index drawn with the given non-negative weights.
  std::size_t PickWeighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double point = Uniform() * total;
    for (std::size_t idx = 0; idx < weights.size(); ++idx) {
      if (point < weights[idx]) return idx;
      point -= weights[idx];
    }
    return weights.empty() ? 0 : weights.size() - 1;
  }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace crosscheck::simulate
