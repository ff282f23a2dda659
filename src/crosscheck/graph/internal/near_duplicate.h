// Near-duplicate search for the graph module: 64-bit perceptual hashes within a small Hamming
// distance (multi-index hashing) and resumes with similar word shingles (one-permutation
// MinHash with densification, banded LSH). Internal to graph.
//
//   auto pairs = internal::FindNearHashPairs(hashes, 6);   // pairs of indexes into hashes
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace crosscheck::graph::internal {

// Fnv1a64 hashes bytes (FNV-1a, 64 bit): stable across platforms and runs.
std::uint64_t Fnv1a64(std::string_view text, std::uint64_t seed = 0xcbf29ce484222325ULL);

// Mix64 is the splitmix64 finalizer: a bijective scrambling of a 64-bit value. Inline: the
// resume shingles call it five times a word.
inline std::uint64_t Mix64(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

// FindNearHashPairs returns every pair (a, b), a < b, of indexes into `hashes` whose values
// differ in at most `max_hamming` bits (0..7), sorted. Equal values are pairs too. The index
// splits each hash into 4 bands of 16 bits; by the pigeonhole principle two hashes within 7
// bits agree on some band up to one bit, so probing each band exactly and at radius 1 finds
// them all (Norouzi, Punjani & Fleet, "Fast search in Hamming space with multi-index
// hashing", CVPR 2012). Expected O(n) for hashes that are spread out.
std::vector<std::pair<std::uint32_t, std::uint32_t>> FindNearHashPairs(
    const std::vector<std::uint64_t>& hashes, int max_hamming);

// kMinHashBins is the signature length of ResumeSignature.
inline constexpr int kMinHashBins = 128;

// MinHashSignature is a one-permutation MinHash signature; empty when the text had too few
// shingles to compare.
using MinHashSignature = std::vector<std::uint32_t>;

// ComputeMinHash returns the signature of a set of 64-bit shingle hashes (one permutation
// hashing with optimal densification: Li, Owen & Zhang 2012; Shrivastava 2017), or an empty
// signature when `shingles` has fewer than `min_shingles` distinct values.
MinHashSignature ComputeMinHash(const std::vector<std::uint64_t>& shingles, int min_shingles);

// EstimateJaccard returns the share of equal bins of two non-empty signatures.
double EstimateJaccard(const MinHashSignature& left, const MinHashSignature& right);

// FindSimilarSignatures returns pairs (a, b), a < b, of indexes of non-empty signatures whose
// estimated Jaccard similarity is at least `min_jaccard`, sorted. Candidates come from banded
// LSH (32 bands of 4 bins: a pair at Jaccard 0.6 is a candidate with probability 0.99);
// buckets holding more than `max_bucket` signatures are boilerplate and skipped.
std::vector<std::pair<std::uint32_t, std::uint32_t>> FindSimilarSignatures(
    const std::vector<MinHashSignature>& signatures, double min_jaccard,
    std::size_t max_bucket = 200);

}  // namespace crosscheck::graph::internal
