#include "crosscheck/graph/internal/near_duplicate.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <emmintrin.h>
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
  // Densified in place: each bin takes `borrowed` from its donor, the nearest filled bin to
  // its right (wrapping around), unless it is filled itself. Filled bins keep their values, so
  // donors read originals. Selects, not branches: which bins are filled is random, and the
  // search-per-bin's branches on it were the function's hottest instructions (perf).
  std::array<bool, kMinHashBins> filled{};
  for (int bin = 0; bin < kMinHashBins; ++bin) filled[bin] = signature[bin] != kEmpty;
  int donor = 0;
  for (int bin = kMinHashBins - 1; bin >= 0; --bin) donor = filled[bin] ? bin : donor;
  donor += kMinHashBins;  // the first filled bin, seen from past the last bin
  std::array<int, kMinHashBins> donor_of;
  for (int bin = kMinHashBins - 1; bin >= 0; --bin) {
    donor = filled[bin] ? bin : donor;
    donor_of[bin] = donor;
  }
  for (int bin = 0; bin < kMinHashBins; ++bin) {
    const std::uint64_t step = static_cast<std::uint64_t>(donor_of[bin] - bin);
    const auto borrowed = static_cast<std::uint32_t>(
        Mix64(signature[donor_of[bin] % kMinHashBins] + 0x1000000ULL * step) & 0xfffffffeu);
    signature[bin] = filled[bin] ? signature[bin] : borrowed;
  }
  return signature;
}

double EstimateJaccard(const MinHashSignature& left, const MinHashSignature& right) {
  CC_CHECK(left.size() == right.size() && !left.empty());
  int equal = 0;
  for (std::size_t bin = 0; bin < left.size(); ++bin) equal += left[bin] == right[bin];
  return static_cast<double>(equal) / static_cast<double>(left.size());
}

namespace {

// AtLeastJaccard says whether two signatures agree in at least `needed` bins. It compares
// 32 bins at a time (SSE2: four bins per instruction, a popcount per eight) and stops once too
// many differ: most LSH candidates are template neighbours far below the threshold, and this
// check runs ~10 M times on the default world.
// Bits set in each byte: std::popcount becomes a libgcc call without -mpopcnt.
constexpr auto kBitsSet = [] {
  std::array<std::uint8_t, 256> table{};
  for (int value = 0; value < 256; ++value) table[value] = static_cast<std::uint8_t>(std::popcount(static_cast<unsigned>(value)));
  return table;
}();

bool AtLeastJaccard(const MinHashSignature& left, const MinHashSignature& right, int needed) {
  static_assert(kMinHashBins % 32 == 0);
  CC_CHECK(left.size() == kMinHashBins && right.size() == kMinHashBins);
  const int allowed_misses = kMinHashBins - needed;
  int equal = 0;
  for (int chunk = 0; chunk < kMinHashBins; chunk += 32) {
    for (int quad = chunk; quad < chunk + 32; quad += 8) {
      const __m128i left_low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&left[quad]));
      const __m128i right_low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&right[quad]));
      const __m128i left_high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&left[quad + 4]));
      const __m128i right_high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&right[quad + 4]));
      const int mask = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(left_low, right_low))) |
                       (_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(left_high, right_high))) << 4);
      equal += kBitsSet[mask];
    }
    if (chunk + 32 - equal > allowed_misses) return false;
  }
  return true;
}

constexpr int kLshBands = 32;
constexpr int kRowsPerBand = kMinHashBins / kLshBands;

// BandKeys hashes each signature's rows of every band: keys[sig * kLshBands + band].
std::vector<std::uint64_t> BandKeys(const std::vector<MinHashSignature>& signatures) {
  std::vector<std::uint64_t> keys(signatures.size() * kLshBands, 0);
  for (std::size_t sig_idx = 0; sig_idx < signatures.size(); ++sig_idx) {
    const MinHashSignature& signature = signatures[sig_idx];
    if (signature.empty()) continue;
    for (int band = 0; band < kLshBands; ++band) {
      std::uint64_t key = Mix64(static_cast<std::uint64_t>(band));
      for (int row = 0; row < kRowsPerBand; ++row) key = Mix64(key ^ signature[band * kRowsPerBand + row]);
      keys[sig_idx * kLshBands + band] = key;
    }
  }
  return keys;
}

// BandBuckets holds, per band, (key, signature) sorted by key, and marks the members of
// buckets over max_bucket (boilerplate shared too widely to say anything), which are skipped.
struct BandBuckets {
  std::vector<std::vector<std::pair<std::uint64_t, std::uint32_t>>> sorted;  // per band
  std::vector<std::uint8_t> oversized;  // [sig * kLshBands + band]
};

void SortBands(const std::vector<MinHashSignature>& signatures, const std::vector<std::uint64_t>& band_keys,
               int band_begin, int band_end, std::size_t max_bucket, BandBuckets& buckets) {
  for (int band = band_begin; band < band_end; ++band) {
    auto& keyed = buckets.sorted[band];
    keyed.reserve(signatures.size());
    for (std::uint32_t sig_idx = 0; sig_idx < signatures.size(); ++sig_idx) {
      if (signatures[sig_idx].empty()) continue;
      keyed.emplace_back(band_keys[std::size_t{sig_idx} * kLshBands + band], sig_idx);
    }
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t begin = 0; begin < keyed.size();) {
      std::size_t end = begin + 1;
      while (end < keyed.size() && keyed[end].first == keyed[begin].first) ++end;
      if (end - begin > max_bucket) {
        for (std::size_t member = begin; member < end; ++member) {
          buckets.oversized[std::size_t{keyed[member].second} * kLshBands + band] = 1;
        }
      }
      begin = end;
    }
  }
}

// BandCandidates appends the verified pairs of bands [band_begin, band_end). A pair is
// considered only in the first band where it shares a bucket: a near-duplicate pair collides
// in most of the 32 bands, and verifying it in each was most of the stage's time.
void BandCandidates(const std::vector<MinHashSignature>& signatures, const std::vector<std::uint64_t>& band_keys,
                    const BandBuckets& buckets, int band_begin, int band_end, int needed,
                    std::size_t max_bucket, std::vector<std::pair<std::uint32_t, std::uint32_t>>* pairs) {
  auto collided_before = [&](std::uint32_t left, std::uint32_t right, int band) {
    const std::size_t left_base = std::size_t{left} * kLshBands, right_base = std::size_t{right} * kLshBands;
    for (int earlier = 0; earlier < band; ++earlier) {
      if (band_keys[left_base + earlier] == band_keys[right_base + earlier] &&
          !buckets.oversized[left_base + earlier]) {
        return true;
      }
    }
    return false;
  };
  for (int band = band_begin; band < band_end; ++band) {
    const auto& keyed = buckets.sorted[band];
    for (std::size_t begin = 0; begin < keyed.size();) {
      std::size_t end = begin + 1;
      while (end < keyed.size() && keyed[end].first == keyed[begin].first) ++end;
      if (end - begin >= 2 && end - begin <= max_bucket) {
        for (std::size_t left = begin; left < end; ++left) {
          for (std::size_t right = left + 1; right < end; ++right) {
            const std::uint32_t left_sig = keyed[left].second, right_sig = keyed[right].second;
            if (collided_before(left_sig, right_sig, band)) continue;
            // Verified here, in the band's thread: the unverified candidates would be the
            // largest list of the stage.
            if (AtLeastJaccard(signatures[left_sig], signatures[right_sig], needed)) {
              pairs->emplace_back(left_sig, right_sig);
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
  const int needed = static_cast<int>(std::ceil(min_jaccard * kMinHashBins - 1e-9));
  const std::vector<std::uint64_t> band_keys = BandKeys(signatures);
  BandBuckets buckets;
  buckets.sorted.resize(kLshBands);
  buckets.oversized.assign(signatures.size() * kLshBands, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs, other_half;
  // The bands are independent: two threads take half each (the machine has two cores). Every
  // band is sorted before any is searched, since a pair's first shared bucket may lie in the
  // other thread's half.
  if (signatures.size() >= 2048) {
    std::thread sorter(SortBands, std::cref(signatures), std::cref(band_keys), kLshBands / 2, kLshBands,
                       max_bucket, std::ref(buckets));
    SortBands(signatures, band_keys, 0, kLshBands / 2, max_bucket, buckets);
    sorter.join();
    std::thread worker(BandCandidates, std::cref(signatures), std::cref(band_keys), std::cref(buckets),
                       kLshBands / 2, kLshBands, needed, max_bucket, &other_half);
    BandCandidates(signatures, band_keys, buckets, 0, kLshBands / 2, needed, max_bucket, &pairs);
    worker.join();
    pairs.insert(pairs.end(), other_half.begin(), other_half.end());
  } else {
    SortBands(signatures, band_keys, 0, kLshBands, max_bucket, buckets);
    BandCandidates(signatures, band_keys, buckets, 0, kLshBands, needed, max_bucket, &pairs);
  }
  for (auto& [left, right] : pairs) {
    if (left > right) std::swap(left, right);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

}  // namespace crosscheck::graph::internal
