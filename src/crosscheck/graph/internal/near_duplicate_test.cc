#include "crosscheck/graph/internal/near_duplicate.h"

#include <bit>
#include <random>

#include <gtest/gtest.h>

namespace crosscheck::graph::internal {
namespace {

TEST(NearHashPairs, FindsEveryPairWithinRadiusAndNoOther) {
  // Random hashes plus planted neighbours at 0..8 bits; the index must agree with brute force.
  std::mt19937_64 random(7);
  std::vector<std::uint64_t> hashes;
  for (int count = 0; count < 400; ++count) hashes.push_back(random());
  for (int distance = 0; distance <= 8; ++distance) {
    std::uint64_t flipped = hashes[distance];
    for (int bit = 0; bit < distance; ++bit) flipped ^= 1ULL << (bit * 7 % 64);
    hashes.push_back(flipped);
  }
  for (int radius : {0, 3, 4, 6, 7}) {
    SCOPED_TRACE(radius);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> expected;
    for (std::uint32_t left = 0; left < hashes.size(); ++left) {
      for (std::uint32_t right = left + 1; right < hashes.size(); ++right) {
        if (std::popcount(hashes[left] ^ hashes[right]) <= radius) expected.emplace_back(left, right);
      }
    }
    EXPECT_EQ(FindNearHashPairs(hashes, radius), expected);
    EXPECT_GE(expected.size(), static_cast<std::size_t>(radius + 1));
  }
}

std::vector<std::uint64_t> WordShingles(const std::vector<std::string>& words) {
  std::vector<std::uint64_t> shingles;
  for (std::size_t start = 0; start + 3 <= words.size(); ++start) {
    shingles.push_back(Fnv1a64(words[start] + " " + words[start + 1] + " " + words[start + 2]));
  }
  return shingles;
}

TEST(MinHash, EstimatesJaccardAndFindsSimilarTexts) {
  std::mt19937 random(11);
  std::vector<std::string> base;
  for (int count = 0; count < 300; ++count) base.push_back("w" + std::to_string(random() % 5000));
  std::vector<std::string> edited = base;  // ~5% of words replaced
  for (int count = 0; count < 15; ++count) edited[random() % edited.size()] = "x" + std::to_string(count);
  std::vector<std::string> other;
  for (int count = 0; count < 300; ++count) other.push_back("w" + std::to_string(random() % 5000));

  const MinHashSignature a = ComputeMinHash(WordShingles(base), 10);
  const MinHashSignature b = ComputeMinHash(WordShingles(edited), 10);
  const MinHashSignature c = ComputeMinHash(WordShingles(other), 10);
  ASSERT_EQ(a.size(), static_cast<std::size_t>(kMinHashBins));
  EXPECT_GT(EstimateJaccard(a, b), 0.7);
  EXPECT_LT(EstimateJaccard(a, c), 0.1);
  EXPECT_TRUE(ComputeMinHash(WordShingles({"too", "short", "text"}), 10).empty());
  using Pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  EXPECT_EQ(FindSimilarSignatures({a, c, MinHashSignature{}, b}, 0.6), (Pairs{{0, 3}}));
}

}  // namespace
}  // namespace crosscheck::graph::internal
