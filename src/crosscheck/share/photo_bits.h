// Which pHash bits each photo table samples (bit-sampling LSH, Indyk & Motwani 1998). Format 2
// of the submission file draws them from a fixed public seed, so photo grouping at the hub does
// not change when the consortium key rotates; format 1 drew them from the key.
//
//   const PhotoBitPositions& positions = PublicPhotoBits();
//   int bit = positions[table][slot];   // 0..63, distinct within a table
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "crosscheck/share/consortium_record.h"
#include "crosscheck/share/key_file.h"

namespace crosscheck::share {

// PhotoBitPositions lists, per photo table, the kPhotoBandBits pHash bit positions it samples,
// most significant sampled bit first.
using PhotoBitPositions = std::array<std::array<std::uint8_t, kPhotoBandBits>, kPhotoBands>;

// kPhotoBitsSeed is the public seed of PublicPhotoBits: the ASCII bytes of "photo-v2". Part of
// submission format 2; never changed (another seed is another format).
inline constexpr std::uint64_t kPhotoBitsSeed = 0x70686f746f2d7632ULL;

// PublicPhotoBits returns the positions of submission format 2, the same for every member and
// key: for each table in order, a Fisher-Yates shuffle of 0..63 whose draws are successive
// SplitMix64 outputs (Steele, Lea & Flood 2014) from kPhotoBitsSeed, draw `slot` picking
// slot + output % (64 - slot); the first kPhotoBandBits entries are the table's positions.
// Why public costs no privacy: see photo_bits.cc. Thread-safe (computed once).
const PhotoBitPositions& PublicPhotoBits();

// KeyedPhotoBits returns the positions of submission format 1, drawn from the consortium key
// (HKDF purpose "photo-bits", `epoch`): kept to encode format-1 files for tests and to
// document what older submissions mean.
PhotoBitPositions KeyedPhotoBits(const ConsortiumKey& key, std::string_view epoch);

}  // namespace crosscheck::share
