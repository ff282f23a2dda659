// Nearest-neighbour blocks: what blocking does with a key too common to pair in full (a
// suburb, a postcode, a birth year) when records' names may be corrupted past every name key.
// Inside such a block each record is paired with the few members whose names look most alike
// by character bigrams (a sorted-neighbourhood / canopy idea: cheap similarity first, the
// scorer decides), so a pair that shares only its place still becomes a candidate while the
// block's hundreds of strangers do not.
//
//   const std::vector<NameBigrams> names = NameBigramSets(table);
//   NearestPairs(names, members, /*nearest=*/4, pairs);
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "crosscheck/link/prepared_table.h"

namespace crosscheck::link {

// NameBigrams is the set of character bigrams of a record's name fields, hashed into 256 bits.
using NameBigrams = std::array<std::uint64_t, 4>;

// HasNameField says whether the table has a given-name, surname or full-name field.
bool HasNameField(const PreparedTable& table);

// NameBigramSets returns every record's NameBigrams over all its name-field values (empty for
// a record without a name).
std::vector<NameBigrams> NameBigramSets(const PreparedTable& table);

// NameSimilarity is the Jaccard similarity of two bigram sets (0 when either is empty).
double NameSimilarity(const NameBigrams& left, const NameBigrams& right);

// NearestPairs appends to `out`, for each member of one block, the (left < right) pairs with
// its `nearest` most name-alike other members (similarity above 0; ties to the lower record).
// Pairs may repeat (the caller deduplicates). O(members²).
void NearestPairs(const std::vector<NameBigrams>& names, std::span<const std::uint32_t> members,
                  std::uint32_t nearest, std::vector<std::pair<std::uint32_t, std::uint32_t>>& out);

}  // namespace crosscheck::link
