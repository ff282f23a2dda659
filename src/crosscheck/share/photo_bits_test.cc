#include "crosscheck/share/photo_bits.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <set>
#include <string>

#include "crosscheck/share/encoder.h"

namespace crosscheck::share {
namespace {

ConsortiumKey RandomKey(std::mt19937_64& random) {
  ConsortiumKey key;
  for (std::uint8_t& byte : key.bytes) byte = static_cast<std::uint8_t>(random());
  return key;
}

TEST(PhotoBits, PublicPositionsAreDistinctBitsOfTheHash) {
  const PhotoBitPositions& positions = PublicPhotoBits();
  std::set<int> used;
  for (int table = 0; table < kPhotoBands; ++table) {
    SCOPED_TRACE("table " + std::to_string(table));
    std::set<int> bits(positions[table].begin(), positions[table].end());
    EXPECT_EQ(bits.size(), static_cast<std::size_t>(kPhotoBandBits));
    EXPECT_LT(*bits.rbegin(), 64);
    used.insert(bits.begin(), bits.end());
  }
  // 32 tables of 16 bits: every bit is sampled by some table (probability of a miss ~1e-4).
  EXPECT_EQ(used.size(), 64u);
}

TEST(PhotoBits, PublicPositionsArePinned) {
  // Part of submission format 2: another derivation is another format, since members encoding
  // with different positions would silently stop matching each other's photos.
  // The values were computed by an independent 15-line Python SplitMix64 + Fisher-Yates from the
  // description in photo_bits.h, which is how another member's encoder would get them.
  const PhotoBitPositions& positions = PublicPhotoBits();
  const std::array<std::uint8_t, kPhotoBandBits> first = {40, 48, 24, 30, 57, 22, 8, 59,
                                                          21, 61, 15, 43, 55, 60, 23, 33};
  const std::array<std::uint8_t, kPhotoBandBits> last = {34, 63, 23, 39, 25, 38, 58, 47,
                                                         59, 22, 11, 29, 21, 28, 3, 0};
  EXPECT_EQ(positions[0], first);
  EXPECT_EQ(positions[kPhotoBands - 1], last);
}

TEST(PhotoBits, PositionsAreTheSameUnderEveryKey) {
  std::mt19937_64 random(20261207);
  for (int round = 0; round < 4; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const ConsortiumKey key = RandomKey(random), other = RandomKey(random);
    const SubmissionEncoder left(key, "2026-12"), right(other, "2027-01");
    EXPECT_EQ(left.format(), SubmissionFormat::kV2);
    EXPECT_EQ(left.photo_bits(), right.photo_bits());
    EXPECT_EQ(left.photo_bits(), PublicPhotoBits());
    // Format 1 drew them from the key: the two keys' positions differ.
    const SubmissionEncoder old_left(key, "2026-12", SubmissionFormat::kV1);
    const SubmissionEncoder old_right(other, "2026-12", SubmissionFormat::kV1);
    EXPECT_NE(old_left.photo_bits(), old_right.photo_bits());
    EXPECT_EQ(old_left.photo_bits(), KeyedPhotoBits(key, "2026-12"));
  }
}

}  // namespace
}  // namespace crosscheck::share
