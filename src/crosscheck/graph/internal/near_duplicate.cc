#include "crosscheck/graph/internal/near_duplicate.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <thread>
#include <limits>

#include "crosscheck/common/check.h"

namespace crosscheck::graph::internal {

std::uint64_t Fnv1a64(std::string_view text, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t Mix64(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

namespace {

constexpr int kBands = 4;
constexpr int kBandBits = 16;

std::uint32_t BandOf(std::uint64_t hash, int band) {
  return static_cast<std::uint32_t>((hash >> (band * kBandBits)) & 0xffffu);
}

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> FindNearHashPairs(
    const std::vector<std::uint64_t>& hashes, int max_hamming) {
  CC_CHECK(max_hamming >= 0 && max_hamming <= 7) << "max_hamming " << max_hamming;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  if (hashes.size() < 2) return pairs;
  // Per band, a table from band value to the hashes holding it (counting sort: 65536 keys).
  std::vector<std::vector<std::uint32_t>> starts(kBands);
  std::vector<std::vector<std::uint32_t>> members(kBands);
  for (int band = 0; band < kBands; ++band) {
    std::vector<std::uint32_t>& start = starts[band];
    start.assign((1u << kBandBits) + 1, 0);
    for (std::uint64_t hash : hashes) ++start[BandOf(hash, band) + 1];
    for (std::size_t key = 1; key < start.size(); ++key) start[key] += start[key - 1];
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    members[band].resize(hashes.size());
    for (std::uint32_t hash_idx = 0; hash_idx < hashes.size(); ++hash_idx) {
      members[band][fill[BandOf(hashes[hash_idx], band)]++] = hash_idx;
    }
  }
  // Radius 1 per band is only needed past 3 bits (pigeonhole: 4 bands x 0 differing bits).
  const bool probe_neighbours = max_hamming > 3;
  for (std::uint32_t query_idx = 0; query_idx < hashes.size(); ++query_idx) {
    const std::uint64_t query = hashes[query_idx];
    for (int band = 0; band < kBands; ++band) {
      const std::uint32_t key = BandOf(query, band);
      for (int flip = -1; flip < (probe_neighbours ? kBandBits : 0); ++flip) {
        const std::uint32_t probe = flip < 0 ? key : key ^ (1u << flip);
        for (std::uint32_t slot = starts[band][probe]; slot < starts[band][probe + 1]; ++slot) {
          const std::uint32_t other_idx = members[band][slot];
          if (other_idx <= query_idx) continue;
          if (std::popcount(query ^ hashes[other_idx]) <= max_hamming) {
            pairs.emplace_back(query_idx, other_idx);
          }
        }
      }
    }
  }
  // A pair close in several bands was found once per band.
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

MinHashSignature ComputeMinHash(const std::vector<std::uint64_t>& shingles, int min_shingles) {
  // Repeated shingles cannot change a minimum, so no de-duplication is needed except for
  // the size test, which counts distinct values only when the raw count is borderline.
  if (shingles.size() < static_cast<std::size_t>(std::max(1, min_shingles))) return {};
  if (shingles.size() < 4 * static_cast<std::size_t>(min_shingles)) {
    std::vector<std::uint64_t> distinct = shingles;
    std::sort(distinct.begin(), distinct.end());
    if (static_cast<std::size_t>(std::unique(distinct.begin(), distinct.end()) - distinct.begin()) <
        static_cast<std::size_t>(min_shingles)) {
      return {};
    }
  }
  // One permutation hashing: the scrambled hash picks a bin (high bits) and competes for the
  // bin's minimum (low bits). Empty bins borrow from the next non-empty bin to the right
  // (rotation densification, Shrivastava & Li 2014), with the distance mixed in so that
  // borrowed values differ from the originals.
  constexpr std::uint32_t kEmpty = std::numeric_limits<std::uint32_t>::max();
  MinHashSignature signature(kMinHashBins, kEmpty);
  for (std::uint64_t shingle : shingles) {
    const std::uint64_t hashed = Mix64(shingle);
    const auto bin = static_cast<std::size_t>((hashed >> 32) % kMinHashBins);
    const auto low = static_cast<std::uint32_t>(hashed & 0xfffffffeu);  // never kEmpty
    signature[bin] = std::min(signature[bin], low);
  }
  MinHashSignature dense = signature;
  for (int bin = 0; bin < kMinHashBins; ++bin) {
    if (signature[bin] != kEmpty) continue;
    for (int step = 1; step < kMinHashBins; ++step) {
      const std::uint32_t donor = signature[(bin + step) % kMinHashBins];
      if (donor == kEmpty) continue;
      dense[bin] = static_cast<std::uint32_t>(Mix64(donor + 0x1000000ULL * step) & 0xfffffffeu);
      break;
    }
  }
  return dense;
}

double EstimateJaccard(const MinHashSignature& left, const MinHashSignature& right) {
  CC_CHECK(left.size() == right.size() && !left.empty());
  int equal = 0;
  for (std::size_t bin = 0; bin < left.size(); ++bin) equal += left[bin] == right[bin];
  return static_cast<double>(equal) / static_cast<double>(left.size());
}

namespace {

// AtLeastJaccard says whether two signatures agree in at least `needed` bins, stopping as soon
// as too many bins differ: most LSH candidates are boilerplate neighbours far below threshold.
bool AtLeastJaccard(const MinHashSignature& left, const MinHashSignature& right, int needed) {
  const int allowed_misses = static_cast<int>(left.size()) - needed;
  int misses = 0;
  for (std::size_t bin = 0; bin < left.size(); ++bin) {
    misses += left[bin] != right[bin];
    if (misses > allowed_misses) return false;
  }
  return true;
}

// BandCandidates appends the verified pairs of bands [band_begin, band_end).
void BandCandidates(const std::vector<MinHashSignature>& signatures, int band_begin, int band_end,
                    int needed, std::size_t max_bucket,
                    std::vector<std::pair<std::uint32_t, std::uint32_t>>* pairs) {
  constexpr int kRows = kMinHashBins / 32;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
  keyed.reserve(signatures.size());
  for (int band = band_begin; band < band_end; ++band) {
    keyed.clear();
    for (std::uint32_t sig_idx = 0; sig_idx < signatures.size(); ++sig_idx) {
      const MinHashSignature& signature = signatures[sig_idx];
      if (signature.empty()) continue;
      std::uint64_t key = Mix64(static_cast<std::uint64_t>(band));
      for (int row = 0; row < kRows; ++row) key = Mix64(key ^ signature[band * kRows + row]);
      keyed.emplace_back(key, sig_idx);
    }
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t begin = 0; begin < keyed.size();) {
      std::size_t end = begin + 1;
      while (end < keyed.size() && keyed[end].first == keyed[begin].first) ++end;
      if (end - begin >= 2 && end - begin <= max_bucket) {
        for (std::size_t left = begin; left < end; ++left) {
          for (std::size_t right = left + 1; right < end; ++right) {
            // Verified here, in the band's thread: the unverified candidates would be the
            // largest list of the stage.
            if (AtLeastJaccard(signatures[keyed[left].second], signatures[keyed[right].second], needed)) {
              pairs->emplace_back(keyed[left].second, keyed[right].second);
            }
          }
        }
      }
      begin = end;
    }
  }
}

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> FindSimilarSignatures(
    const std::vector<MinHashSignature>& signatures, double min_jaccard, std::size_t max_bucket) {
  constexpr int kLshBands = 32;
  const int needed = static_cast<int>(std::ceil(min_jaccard * kMinHashBins - 1e-9));
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs, other_half;
  // The bands are independent: two threads take half each (the machine has two cores).
  if (signatures.size() >= 2048) {
    std::thread worker(BandCandidates, std::cref(signatures), kLshBands / 2, kLshBands, needed,
                       max_bucket, &other_half);
    BandCandidates(signatures, 0, kLshBands / 2, needed, max_bucket, &pairs);
    worker.join();
    pairs.insert(pairs.end(), other_half.begin(), other_half.end());
  } else {
    BandCandidates(signatures, 0, kLshBands, needed, max_bucket, &pairs);
  }
  for (auto& [left, right] : pairs) {
    if (left > right) std::swap(left, right);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

}  // namespace crosscheck::graph::internal
