// Block splitting: what blocking does with a block over the size cap instead of dropping it.
// A block that large is either a generic value (a country, a placeholder date) or a common
// key shared by many people, among them a few with dozens of records each (a famous "john
// smith"). Keying the block again on one more attribute (adaptive blocking; the conjunctive
// rules of Splink and dedupe) keeps the pairs that also agree there.
//
//   const std::vector<KeyPart> parts = RefiningParts(table, rule);
//   SplitOversizedBlock(table, parts, block_key, members, /*max_block_size=*/100, pairs);
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "crosscheck/link/blocking.h"
#include "crosscheck/link/prepared_table.h"

namespace crosscheck::link {

// RefiningParts returns, for every field the rule does not key on, the one broadest key part
// that still separates people (a name's phonetic codes, a date's year, a place or contact as
// written); free text gets none. Deterministic, in field order.
std::vector<KeyPart> RefiningParts(const PreparedTable& table, const BlockingRule& rule);

// SplitOversizedBlock appends to `out` the (left < right) record pairs of one oversized
// block (`members`, its records under key `block_key`) that also share a key of some refining
// part, where that sub-block holds at most max_block_size records; larger sub-blocks are
// still generic and give nothing. Pairs may repeat across parts (the caller deduplicates).
// Returns the number appended. O(members · parts · keys) plus the pairs.
std::size_t SplitOversizedBlock(const PreparedTable& table, const std::vector<KeyPart>& parts,
                                std::uint64_t block_key, std::span<const std::uint32_t> members,
                                std::size_t max_block_size,
                                std::vector<std::pair<std::uint32_t, std::uint32_t>>& out);

}  // namespace crosscheck::link
