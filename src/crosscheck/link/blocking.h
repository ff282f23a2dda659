// Blocking: which record pairs get compared at all. Each rule builds one or more keys per
// record (a field's exact value, the phonetic codes of name tokens, a year of birth, or two
// of these combined); records sharing a key under some rule form a candidate pair. Rules are
// chosen automatically from the data: a key alone when it is selective, else combined with a
// second field. Blocks larger than max_block_size are generic values (a call-centre phone, a
// placeholder date) or common keys: they yield only the pairs that also agree on another
// field's key within a block of allowed size (block_splitting.h).
//
//   std::vector<BlockingRule> rules = ChooseBlockingRules(prepared, BlockingOptions{});
//   CandidatePairs candidates = GenerateCandidatePairs(prepared, rules, BlockingOptions{}, 0);
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/link/prepared_table.h"

namespace crosscheck::link {

// KeyKind is how one field turns into blocking keys.
enum class KeyKind : std::uint8_t {
  kExact,        // the normalized value
  kPhonetic,     // the phonetic code of each name token (one key per token)
  kTokenPairs,   // phonetic codes of each unordered pair of name tokens (full names)
  kYear,         // the year of a date
  kSortedTokens, // street tokens sorted
  kLocalPart,    // the part of an e-mail before '@'
  kNameTokens,   // the phonetic codes of the tokens of a given name AND of the first surname
                 // field: keys agree when the names were keyed the wrong way round
  kInitial,      // the first letter of the value: too broad alone, combined with a place
                 // it keeps pairs whose names are corrupted past their phonetic code
};

// KeyPart is one field and key kind of a rule.
struct KeyPart {
  std::uint32_t field = 0;
  KeyKind kind = KeyKind::kExact;
};

// BlockingRule is one or two key parts; a record's keys under the rule are the combinations
// of its parts' keys.
struct BlockingRule {
  std::vector<KeyPart> parts;
  // nearest > 0: a block pairs each record only with its `nearest` most name-alike members
  // (character bigrams of the name fields), not with all of them. A place or a date too
  // common to pair in full still finds the records whose names were corrupted past every
  // name key (a key kind of its own in model.json: "suburb:exact ~3").
  std::uint32_t nearest = 0;
  double estimated_pairs = 0.0;  // estimated while choosing

  // Describe renders "surname:phonetic + date_of_birth:year" (and " ~N" for nearest).
  std::string Describe(const PreparedTable& table) const;
};

// BlockingOptions bounds the work blocking may create.
struct BlockingOptions {
  std::size_t max_block_size = 100;    // larger blocks are generic values: no pairs
  double pairs_per_record = 6.0;       // a rule may create at most this many pairs per record
  double total_pairs_per_record = 40.0;  // all rules together, estimated
  std::size_t max_rules = 14;
  std::size_t sample_records = 5000;  // records sampled to estimate rule sizes
  // A block over max_block_size but at most max_windowed_block_size records (one heavy
  // applier's e-mail or phone on hundreds of applications) is not all-pairs compared but
  // chained: each member (in record order) is paired with the next windowed_neighbours
  // members, so a person's applications stay connected at linear cost while the scorer and
  // clustering decide. Only single-field rules on the exact value of an e-mail, phone or
  // identifier field (or an e-mail's local part) are chained (a city block is many people). 0 turns this off (oversized blocks are then split or give no pairs).
  std::size_t windowed_neighbours = 0;
  std::size_t max_windowed_block_size = 0;
  // A block over max_block_size but at most max_split_block_size records that is not chained
  // is keyed again on each other field (block_splitting.h): its records pair when they also
  // share that field's key in a sub-block within max_block_size. A rule's split pairs stop at
  // pairs_per_record per record, smallest blocks first. 0 turns splitting off.
  std::size_t max_split_block_size = 1000;
  // Up to nearest_rules single-field rules too broad for the per-rule budget are kept as
  // nearest-neighbour rules (BlockingRule::nearest = nearest_per_record) over blocks of at most
  // max_nearest_block_size records, the most selective first (one per field), within what is
  // left of the total budget. Only for tables with a name field. 0 turns them off. Swept on
  // generated multi-party data (docs/PERFORMANCE.md): 2 or 3 rules, 3 or 5 neighbours alike.
  std::size_t nearest_rules = 3;
  std::uint32_t nearest_per_record = 3;
  std::size_t max_nearest_block_size = 1000;
};

// ChooseBlockingRules picks rules for the table: single key parts whose estimated pair
// count fits the per-rule budget, then pairs of key parts of two other fields, most selective
// (per record covered) first, within the total budget; then nearest-neighbour rules of single
// parts too broad for either (BlockingOptions::nearest_rules). Deterministic.
std::vector<BlockingRule> ChooseBlockingRules(const PreparedTable& table,
                                              const BlockingOptions& options);

// ParseBlockingRule is the inverse of BlockingRule::Describe over the given fields (as in
// model.json's "blocking_rules"); nullopt when a field or key kind is unknown.
std::optional<BlockingRule> ParseBlockingRule(std::string_view description,
                                              const std::vector<FieldSpec>& fields);

// ComputeRuleKeys appends record_idx's keys under one rule (non-zero hashes) to out; none
// when a part's field is empty. At most 16 keys per record and rule.
void ComputeRuleKeys(const PreparedTable& table, const BlockingRule& rule, std::uint32_t rule_idx,
                     std::size_t record_idx, std::vector<std::uint64_t>& out);

// CandidatePairs: distinct (left < right) record pairs in canonical order of generation
// (rule by rule, block by block), and what blocking did.
struct CandidatePairs {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::vector<std::size_t> pairs_per_rule;    // new pairs each rule added
  std::vector<std::size_t> generic_blocks;    // blocks skipped as generic, per rule
};

// GenerateCandidatePairs runs the rules over the whole table with `threads` threads
// (0 = all cores). A pair is emitted once, by the first rule that blocks it; the result does
// not depend on the thread count. Memory O(records · keys + pairs).
CandidatePairs GenerateCandidatePairs(const PreparedTable& table,
                                      const std::vector<BlockingRule>& rules,
                                      const BlockingOptions& options, unsigned threads);

}  // namespace crosscheck::link
