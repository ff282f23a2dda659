#include "crosscheck/share/photo_bits.h"

#include <string>
#include <utility>

#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::share {
namespace {

// Shuffled fills the positions by a Fisher-Yates shuffle of 0..63 per table, drawing each swap
// from `draw(table, slot)`; only the first kPhotoBandBits slots are shuffled and kept.
template <class Draw>
PhotoBitPositions Shuffled(Draw draw) {
  PhotoBitPositions positions{};
  for (int table = 0; table < kPhotoBands; ++table) {
    std::array<std::uint8_t, 64> order{};
    for (int bit = 0; bit < 64; ++bit) order[bit] = static_cast<std::uint8_t>(bit);
    for (int slot = 0; slot < kPhotoBandBits; ++slot) {
      const auto pick = slot + static_cast<int>(draw(table, slot) % static_cast<std::uint64_t>(64 - slot));
      std::swap(order[slot], order[pick]);
      positions[table][slot] = order[slot];
    }
  }
  return positions;
}

}  // namespace

// Why the positions can be public. The hub never sees a sampled bit: each table's 16 bits go
// through the member's keyed PRF (photo_prf_ in encoder.cc) and the hub's own keyed layer, so
// all the hub learns from two records is whether their 16-bit slices at a table are equal.
// With secret positions it learns exactly that too — equality of two slices — only without
// knowing which 16 bits they are; and knowing the positions gives nothing to invert, since a
// band token is not a function of the bits the hub can compute without the key. All it gains is
// the names of the pHash bits two grouped photos agree on, known before up to a relabelling of
// the 64 positions: signs of DCT coefficients of two photos relative to each other, no value of
// either (pHash: Zauner 2010). Secret
// positions only made the LSH's random choice follow the key, so two photos near the grouping
// threshold were one group under one key and two under the next (docs/PERFORMANCE.md, "Key
// invariance"). SplitMix64 is fully specified in a few lines, so any member's encoder
// reproduces the positions.
const PhotoBitPositions& PublicPhotoBits() {
  static const PhotoBitPositions positions = [] {
    std::uint64_t state = kPhotoBitsSeed;
    // Draws are consumed table by table, slot by slot: the order Shuffled calls in.
    return Shuffled([&state](int, int) {
      std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      return z ^ (z >> 31);
    });
  }();
  return positions;
}

PhotoBitPositions KeyedPhotoBits(const ConsortiumKey& key, std::string_view epoch) {
  const KeyedHasher bits = KeyedHasher::Derived(key, "photo-bits", epoch);
  return Shuffled([&bits](int table, int slot) {
    return bits.Hash64(std::to_string(table) + ":" + std::to_string(slot));
  });
}

}  // namespace crosscheck::share
