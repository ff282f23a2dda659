#include "crosscheck/link/blocking.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "crosscheck/link/block_splitting.h"
#include "crosscheck/link/internal/parallel.h"
#include "crosscheck/link/nearest_blocks.h"

namespace crosscheck::link {
namespace {

constexpr std::size_t kMaxKeysPerRecord = 16;
// A sampled key counts as generic only when seen at least this often in the sample.
constexpr std::uint32_t kMinGenericSampleCount = 3;

std::uint64_t Mix(std::uint64_t value, std::uint64_t salt) {
  value ^= salt + 0x9e3779b97f4a7c15ULL + (value << 6) + (value >> 2);
  value ^= value >> 31;
  value *= 0xbf58476d1ce4e5b9ULL;
  value ^= value >> 29;
  return value == 0 ? 1 : value;
}

const char* KeyKindName(KeyKind kind) {
  switch (kind) {
    case KeyKind::kExact: return "exact";
    case KeyKind::kPhonetic: return "phonetic";
    case KeyKind::kTokenPairs: return "token pairs";
    case KeyKind::kYear: return "year";
    case KeyKind::kSortedTokens: return "sorted tokens";
    case KeyKind::kLocalPart: return "local part";
    case KeyKind::kNameTokens: return "name tokens";
    case KeyKind::kInitial: return "initial";
  }
  return "exact";
}

std::vector<KeyKind> KindsFor(FieldType type) {
  switch (type) {
    case FieldType::kGivenName: return {KeyKind::kExact, KeyKind::kPhonetic, KeyKind::kNameTokens, KeyKind::kInitial};
    case FieldType::kSurname: return {KeyKind::kExact, KeyKind::kPhonetic, KeyKind::kInitial};
    case FieldType::kCity: return {KeyKind::kExact, KeyKind::kPhonetic};
    case FieldType::kFullName: return {KeyKind::kTokenPairs, KeyKind::kPhonetic};
    case FieldType::kEmail: return {KeyKind::kExact, KeyKind::kLocalPart};
    case FieldType::kDate: return {KeyKind::kExact, KeyKind::kYear};
    case FieldType::kStreet: return {KeyKind::kSortedTokens};
    case FieldType::kPhone:
    case FieldType::kPostalCode:
    case FieldType::kIdentifier:
    case FieldType::kState:
    case FieldType::kCategorical:
    case FieldType::kString: return {KeyKind::kExact};
    case FieldType::kText: return {};
  }
  return {};
}

void SplitSpaces(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// SurnameField returns the first surname field, or -1.
int SurnameField(const PreparedTable& table) {
  for (std::size_t field_idx = 0; field_idx < table.field_count(); ++field_idx) {
    if (table.column(field_idx).spec().type == FieldType::kSurname) return static_cast<int>(field_idx);
  }
  return -1;
}

// AppendNameTokenKeys appends the phonetic codes of a name field's tokens, salted without the
// field: a given name's code meets the same code in the surname field.
void AppendNameTokenKeys(const PreparedColumn& column, std::size_t record_idx, std::uint64_t salt,
                         std::vector<std::string_view>& tokens, std::vector<std::uint64_t>& out) {
  for (std::size_t value_idx = 0; value_idx < column.value_count(record_idx); ++value_idx) {
    SplitSpaces(column.value(record_idx, value_idx).alt, tokens);
    for (std::string_view token : tokens) out.push_back(Mix(Hash64(token), salt));
  }
}

void PartKeys(const PreparedTable& table, const KeyPart& part, std::size_t record_idx,
              std::vector<std::uint64_t>& out) {
  out.clear();
  const PreparedColumn& column = table.column(part.field);
  const std::uint64_t salt = (static_cast<std::uint64_t>(part.field) << 8) |
                             static_cast<std::uint64_t>(part.kind);
  thread_local std::vector<std::string_view> tokens;
  if (part.kind == KeyKind::kNameTokens) {
    AppendNameTokenKeys(column, record_idx, salt, tokens, out);
    const int surname = SurnameField(table);
    if (surname >= 0) AppendNameTokenKeys(table.column(surname), record_idx, salt, tokens, out);
  }
  for (std::size_t value_idx = 0; value_idx < column.value_count(record_idx); ++value_idx) {
    const ValueView value = column.value(record_idx, value_idx);
    switch (part.kind) {
      case KeyKind::kNameTokens: break;  // above: all values of both fields
      case KeyKind::kInitial:
        if (!value.text.empty()) out.push_back(Mix(static_cast<std::uint8_t>(value.text[0]), salt));
        break;
      case KeyKind::kExact: out.push_back(Mix(value.hash, salt)); break;
      case KeyKind::kPhonetic:
        SplitSpaces(value.alt, tokens);
        for (std::string_view token : tokens) out.push_back(Mix(Hash64(token), salt));
        break;
      case KeyKind::kTokenPairs:
        SplitSpaces(value.alt, tokens);
        if (tokens.size() == 1) out.push_back(Mix(Hash64(tokens[0]), salt));
        for (std::size_t first = 0; first < tokens.size() && first < 6; ++first) {
          for (std::size_t second = first + 1; second < tokens.size() && second < 6; ++second) {
            const std::uint64_t a = Hash64(tokens[first]);
            const std::uint64_t b = Hash64(tokens[second]);
            out.push_back(Mix(Mix(std::min(a, b), std::max(a, b)), salt));
          }
        }
        break;
      case KeyKind::kYear:
        if (value.text.size() >= 4) out.push_back(Mix(Hash64(value.text.substr(0, 4)), salt));
        break;
      case KeyKind::kSortedTokens: out.push_back(Mix(Hash64(value.alt), salt)); break;
      case KeyKind::kLocalPart:
        if (value.alt.size() >= 3) out.push_back(Mix(Hash64(value.alt), salt));
        break;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > kMaxKeysPerRecord) out.resize(kMaxKeysPerRecord);
}

// SortBlocks sorts (key, record) entries as std::sort would: by key, then record. Entries
// are distinct and arrive in record order, so a stable radix sort by key alone gives that
// order; at 10M records the comparison sort of every rule's ~10M entries was most of phase 1.
void SortBlocks(std::vector<std::pair<std::uint64_t, std::uint32_t>>& blocks) {
  constexpr int kDigitBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
  if (blocks.size() < 2) return;
  if (!std::is_sorted(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) { return a.second < b.second; })) {
    std::sort(blocks.begin(), blocks.end());
    return;
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> scratch(blocks.size());
  for (int shift = 0; shift < 64; shift += kDigitBits) {
    std::vector<std::size_t> starts(kBuckets, 0);
    for (const auto& entry : blocks) ++starts[(entry.first >> shift) & (kBuckets - 1)];
    // A digit every key shares moves nothing.
    if (starts[(blocks[0].first >> shift) & (kBuckets - 1)] == blocks.size()) continue;
    std::size_t offset = 0;
    for (std::size_t& start : starts) {
      const std::size_t count = start;
      start = offset;
      offset += count;
    }
    for (const auto& entry : blocks) scratch[starts[(entry.first >> shift) & (kBuckets - 1)]++] = entry;
    blocks.swap(scratch);
  }
}

// RuleStats estimates a rule's pair count (blocks over max_block_size excluded) and the
// share of sampled records with a key.
struct RuleStats {
  double pairs = 0.0;
  double coverage = 0.0;
  double generic_share = 0.0;  // of sampled keys, the share in blocks over max_block_size
};

RuleStats EstimateRule(const PreparedTable& table, const BlockingRule& rule,
                       const std::vector<std::size_t>& sample, const BlockingOptions& options) {
  std::unordered_map<std::uint64_t, std::uint32_t> counts;
  std::vector<std::uint64_t> keys;
  std::size_t covered = 0;
  for (std::size_t record_idx : sample) {
    keys.clear();
    ComputeRuleKeys(table, rule, 0, record_idx, keys);
    if (!keys.empty()) ++covered;
    for (std::uint64_t key : keys) ++counts[key];
  }
  // A sample of rate q holds each pair with probability q², so the table's pair count is the
  // sample's over q²; scaling block sizes up instead would count a value seen once in the
  // sample as a block of 1/q records, and price a unique e-mail like a surname.
  const double scale = static_cast<double>(table.size()) / static_cast<double>(sample.size());
  RuleStats stats;
  double generic_keys = 0.0;
  double all_keys = 0.0;
  for (const auto& [key, count] : counts) {
    all_keys += count;
    // A key seen once or twice in a sparse sample says little about its block's size.
    if (count >= kMinGenericSampleCount && static_cast<double>(count) * scale > static_cast<double>(options.max_block_size)) {
      generic_keys += count;
      continue;
    }
    stats.pairs += static_cast<double>(count) * static_cast<double>(count - 1) / 2.0 * scale * scale;
  }
  stats.generic_share = all_keys > 0 ? generic_keys / all_keys : 0.0;
  stats.coverage = sample.empty() ? 0.0 : static_cast<double>(covered) / static_cast<double>(sample.size());
  return stats;
}

// SplitBlocks keys a rule's oversized blocks (entry ranges of `blocks`) again on the other
// fields and appends the pairs of their sub-blocks to `out`. Smallest blocks go first (the
// likeliest to be a few people's common key rather than a generic value) and splitting stops
// at the rule's pair budget, so a table of nothing but generic values cannot explode.
void SplitBlocks(const PreparedTable& table, const BlockingRule& rule,
                 const std::vector<std::pair<std::uint64_t, std::uint32_t>>& blocks,
                 std::vector<std::pair<std::size_t, std::size_t>>& oversized,
                 const BlockingOptions& options, std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  if (oversized.empty()) return;
  const std::vector<KeyPart> parts = RefiningParts(table, rule);
  if (parts.empty()) return;
  std::stable_sort(oversized.begin(), oversized.end(), [](const auto& a, const auto& b) {
    return a.second - a.first < b.second - b.first;
  });
  const double budget = options.pairs_per_record * static_cast<double>(table.size());
  std::size_t added = 0;
  std::vector<std::uint32_t> members;
  for (const auto& [begin, end] : oversized) {
    if (static_cast<double>(added) >= budget) break;
    members.clear();
    for (std::size_t entry = begin; entry < end; ++entry) members.push_back(blocks[entry].second);
    added += SplitOversizedBlock(table, parts, blocks[begin].first, members, options.max_block_size, out);
  }
}

// AddNearestRules appends, most selective first, up to options.nearest_rules nearest-neighbour
// rules made of single parts too broad to pair in full (one per field), whose blocks mostly
// fit max_nearest_block_size, within `budget` estimated pairs.
template <typename Candidate>
void AddNearestRules(const PreparedTable& table, const std::vector<std::size_t>& sample,
                     const BlockingOptions& options, std::vector<Candidate> too_broad, double budget,
                     std::vector<BlockingRule>& rules) {
  if (options.nearest_rules == 0 || options.nearest_per_record == 0 || !HasNameField(table)) return;
  std::stable_sort(too_broad.begin(), too_broad.end(),
                   [](const Candidate& a, const Candidate& b) { return a.stats.pairs < b.stats.pairs; });
  BlockingOptions wide = options;
  wide.max_block_size = options.max_nearest_block_size;
  std::vector<std::uint32_t> fields_used;
  std::size_t added = 0;
  for (Candidate& candidate : too_broad) {
    if (added >= options.nearest_rules || rules.size() >= options.max_rules + options.nearest_rules) break;
    if (std::find(fields_used.begin(), fields_used.end(), candidate.fields[0]) != fields_used.end()) continue;
    if (EstimateRule(table, candidate.rule, sample, wide).generic_share > 0.5) continue;
    const double pairs = candidate.stats.coverage * static_cast<double>(table.size()) * options.nearest_per_record;
    if (pairs > budget) continue;
    budget -= pairs;
    candidate.rule.nearest = options.nearest_per_record;
    candidate.rule.estimated_pairs = pairs;
    fields_used.push_back(candidate.fields[0]);
    rules.push_back(std::move(candidate.rule));
    ++added;
  }
}

}  // namespace

std::string BlockingRule::Describe(const PreparedTable& table) const {
  std::string out;
  for (const KeyPart& part : parts) {
    if (!out.empty()) out += " + ";
    out += table.column(part.field).spec().name;
    out += ":";
    out += KeyKindName(part.kind);
  }
  if (nearest > 0) out += " ~" + std::to_string(nearest);
  return out;
}

std::optional<BlockingRule> ParseBlockingRule(std::string_view description,
                                              const std::vector<FieldSpec>& fields) {
  BlockingRule rule;
  if (const std::size_t tilde = description.rfind(" ~"); tilde != std::string_view::npos) {
    const std::string_view count = description.substr(tilde + 2);
    if (count.empty() || count.size() > 3 || !std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    rule.nearest = static_cast<std::uint32_t>(std::stoul(std::string(count)));
    if (rule.nearest == 0) return std::nullopt;
    description = description.substr(0, tilde);
  }
  std::size_t start = 0;
  while (start <= description.size()) {
    std::size_t end = description.find(" + ", start);
    if (end == std::string_view::npos) end = description.size();
    const std::string_view part = description.substr(start, end - start);
    const std::size_t colon = part.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view field_name = part.substr(0, colon);
    const std::string_view kind_name = part.substr(colon + 1);
    std::optional<std::uint32_t> field;
    for (std::uint32_t field_idx = 0; field_idx < fields.size(); ++field_idx) {
      if (fields[field_idx].name == field_name) field = field_idx;
    }
    std::optional<KeyKind> kind;
    for (KeyKind candidate : {KeyKind::kExact, KeyKind::kPhonetic, KeyKind::kTokenPairs, KeyKind::kYear,
                              KeyKind::kSortedTokens, KeyKind::kLocalPart, KeyKind::kNameTokens,
                              KeyKind::kInitial}) {
      if (kind_name == KeyKindName(candidate)) kind = candidate;
    }
    if (!field || !kind) return std::nullopt;
    rule.parts.push_back({*field, *kind});
    start = end + 3;
  }
  if (rule.parts.empty() || rule.parts.size() > 2 || (rule.nearest > 0 && rule.parts.size() != 1)) return std::nullopt;
  return rule;
}

void ComputeRuleKeys(const PreparedTable& table, const BlockingRule& rule, std::uint32_t rule_idx,
                     std::size_t record_idx, std::vector<std::uint64_t>& out) {
  thread_local std::vector<std::uint64_t> first;
  thread_local std::vector<std::uint64_t> second;
  PartKeys(table, rule.parts[0], record_idx, first);
  if (first.empty()) return;
  const std::size_t start = out.size();
  if (rule.parts.size() == 1) {
    for (std::uint64_t key : first) out.push_back(Mix(key, rule_idx));
  } else {
    PartKeys(table, rule.parts[1], record_idx, second);
    for (std::uint64_t left : first) {
      for (std::uint64_t right : second) {
        if (out.size() - start >= kMaxKeysPerRecord) break;
        out.push_back(Mix(Mix(left, right), rule_idx));
      }
    }
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(start), out.end());
  out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(start), out.end()), out.end());
}

std::vector<BlockingRule> ChooseBlockingRules(const PreparedTable& table,
                                              const BlockingOptions& options) {
  const std::size_t record_count = table.size();
  if (record_count < 2) return {};
  std::vector<std::size_t> sample;
  const std::size_t step = std::max<std::size_t>(1, record_count / std::max<std::size_t>(1, options.sample_records));
  for (std::size_t record_idx = 0; record_idx < record_count; record_idx += step) sample.push_back(record_idx);
  const double rule_budget = std::max(options.pairs_per_record * static_cast<double>(record_count), 2000.0);
  const double total_budget =
      std::max(options.total_pairs_per_record * static_cast<double>(record_count), 20000.0);

  struct Candidate {
    BlockingRule rule;
    RuleStats stats;
    std::vector<std::uint32_t> fields;
  };
  // Single parts: per field, the broadest kind within budget (phonetic beats exact when
  // affordable, for recall); fields with no affordable kind go on to be combined.
  std::vector<Candidate> chosen;
  std::vector<KeyPart> combinable;
  std::vector<Candidate> too_broad;  // single parts over the rule budget: nearest-rule candidates
  for (std::uint32_t field_idx = 0; field_idx < table.field_count(); ++field_idx) {
    const std::vector<KeyKind> kinds = KindsFor(table.column(field_idx).spec().type);
    std::optional<Candidate> best;
    for (KeyKind kind : kinds) {
      Candidate candidate{BlockingRule{{KeyPart{field_idx, kind}}}, {}, {field_idx}};
      candidate.stats = EstimateRule(table, candidate.rule, sample, options);
      if (candidate.stats.coverage <= 0.0) continue;
      // A key whose every block is generic (a country) yields no pairs: not a rule. An
      // initial's blocks are all large by design: it is only ever combined.
      if (kind == KeyKind::kInitial) {
        combinable.push_back(KeyPart{field_idx, kind});
        continue;
      }
      if (candidate.stats.pairs < 1.0 && candidate.stats.generic_share > 0.5) continue;
      if (candidate.stats.pairs <= rule_budget) {
        if (!best || candidate.stats.pairs > best->stats.pairs) best = candidate;
      } else {
        combinable.push_back(KeyPart{field_idx, kind});
        too_broad.push_back(std::move(candidate));
      }
    }
    if (best) chosen.push_back(std::move(*best));
  }
  // Pairs of parts of two fields: per field pair, again the broadest combination in budget,
  // and apart from it the broadest on a name's initial: records whose names are both
  // corrupted past their phonetic codes still share an initial and a place.
  std::map<std::tuple<std::uint32_t, std::uint32_t, bool>, Candidate> by_field_pair;
  for (std::size_t first = 0; first < combinable.size(); ++first) {
    for (std::size_t second = first + 1; second < combinable.size(); ++second) {
      const KeyPart& a = combinable[first];
      const KeyPart& b = combinable[second];
      if (a.field == b.field) continue;
      Candidate candidate{BlockingRule{{a, b}}, {}, {a.field, b.field}};
      candidate.stats = EstimateRule(table, candidate.rule, sample, options);
      if (candidate.stats.coverage <= 0.0 || candidate.stats.pairs > rule_budget) continue;
      auto key = std::make_tuple(a.field, b.field, a.kind == KeyKind::kInitial || b.kind == KeyKind::kInitial);
      auto it = by_field_pair.find(key);
      if (it == by_field_pair.end() || candidate.stats.pairs > it->second.stats.pairs) {
        by_field_pair.insert_or_assign(key, std::move(candidate));
      }
    }
  }
  auto cost = [](const Candidate& candidate) {
    return candidate.stats.pairs / std::max(candidate.stats.coverage, 0.01);
  };
  std::vector<Candidate> combined;
  for (auto& [key, candidate] : by_field_pair) combined.push_back(std::move(candidate));
  auto by_cost = [&](const Candidate& a, const Candidate& b) {
    const double cost_a = cost(a);
    const double cost_b = cost(b);
    if (cost_a != cost_b) return cost_a < cost_b;
    return a.fields < b.fields;
  };
  std::stable_sort(chosen.begin(), chosen.end(), by_cost);
  std::stable_sort(combined.begin(), combined.end(), by_cost);
  std::vector<BlockingRule> rules;
  double total = 0.0;
  for (auto* list : {&chosen, &combined}) {
    for (Candidate& candidate : *list) {
      if (rules.size() >= options.max_rules) break;
      if (total + candidate.stats.pairs > total_budget && !rules.empty()) continue;
      total += candidate.stats.pairs;
      candidate.rule.estimated_pairs = candidate.stats.pairs;
      rules.push_back(std::move(candidate.rule));
    }
  }
  AddNearestRules(table, sample, options, std::move(too_broad), total_budget - total, rules);
  return rules;
}

CandidatePairs GenerateCandidatePairs(const PreparedTable& table,
                                      const std::vector<BlockingRule>& rules,
                                      const BlockingOptions& options, unsigned threads) {
  const std::size_t record_count = table.size();
  const std::size_t rule_count = rules.size();
  CandidatePairs result;
  result.pairs_per_rule.assign(rule_count, 0);
  result.generic_blocks.assign(rule_count, 0);
  // Phase 1, per rule: every record's keys (sorted), then blocks; generic blocks' keys are
  // zeroed in the records' lists so later "already paired by an earlier rule" checks agree
  // with what was emitted.
  struct RuleKeys {
    std::vector<std::uint32_t> begin;   // record -> offset into keys
    std::vector<std::uint64_t> keys;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> blocks;  // (key, record), sorted
    std::vector<std::pair<std::uint32_t, std::uint32_t>> windowed;  // chained or split oversized blocks
  };
  std::vector<RuleKeys> per_rule(rule_count);
  // A block whose pairs are not all emitted (generic, chained, split, nearest) has its key
  // zeroed in its records' lists.
  auto ZeroBlockKeys = [](RuleKeys& keys, std::size_t block_start, std::size_t block_end) {
    for (std::size_t entry = block_start; entry < block_end; ++entry) {
      const std::uint32_t record = keys.blocks[entry].second;
      for (std::uint32_t offset = keys.begin[record]; offset < keys.begin[record + 1]; ++offset) {
        if (keys.keys[offset] == keys.blocks[entry].first) keys.keys[offset] = 0;
      }
    }
  };
  // Only a contact or identifier value can be one entity's across hundreds of records; an
  // oversized city or birth-date block is many entities, and chaining it would only add noise.
  std::vector<bool> windowable(rule_count, false);
  for (std::size_t rule_idx = 0; rule_idx < rule_count; ++rule_idx) {
    const BlockingRule& rule = rules[rule_idx];
    if (options.windowed_neighbours == 0 || rule.parts.size() != 1) continue;
    const FieldType type = table.column(rule.parts[0].field).spec().type;
    const KeyKind kind = rule.parts[0].kind;
    windowable[rule_idx] = (kind == KeyKind::kExact &&
                            (type == FieldType::kEmail || type == FieldType::kPhone || type == FieldType::kIdentifier)) ||
                           (kind == KeyKind::kLocalPart && type == FieldType::kEmail);
  }
  const bool any_nearest = std::any_of(rules.begin(), rules.end(), [](const BlockingRule& rule) { return rule.nearest > 0; });
  const std::vector<NameBigrams> names = any_nearest ? NameBigramSets(table) : std::vector<NameBigrams>{};
  internal::RunTasks(rule_count, threads, [&](std::size_t rule_idx) {
    RuleKeys& keys = per_rule[rule_idx];
    keys.begin.reserve(record_count + 1);
    keys.begin.push_back(0);
    std::vector<std::uint64_t> scratch;
    for (std::size_t record_idx = 0; record_idx < record_count; ++record_idx) {
      scratch.clear();
      ComputeRuleKeys(table, rules[rule_idx], static_cast<std::uint32_t>(rule_idx), record_idx, scratch);
      for (std::uint64_t key : scratch) {
        keys.keys.push_back(key);
        keys.blocks.emplace_back(key, static_cast<std::uint32_t>(record_idx));
      }
      keys.begin.push_back(static_cast<std::uint32_t>(keys.keys.size()));
    }
    SortBlocks(keys.blocks);
    std::size_t block_start = 0;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> kept;
    kept.reserve(keys.blocks.size());
    std::vector<std::pair<std::size_t, std::size_t>> oversized;  // entry ranges to split
    while (block_start < keys.blocks.size()) {
      std::size_t block_end = block_start;
      while (block_end < keys.blocks.size() && keys.blocks[block_end].first == keys.blocks[block_start].first) {
        ++block_end;
      }
      const std::size_t size = block_end - block_start;
      const std::uint32_t nearest = rules[rule_idx].nearest;
      if (nearest > 0 && size > 1) {
        // Not every pair of the block is emitted: its keys are zeroed like a generic block's.
        if (size <= options.max_nearest_block_size) {
          std::vector<std::uint32_t> members;
          for (std::size_t entry = block_start; entry < block_end; ++entry) members.push_back(keys.blocks[entry].second);
          NearestPairs(names, members, nearest, keys.windowed);
        } else {
          ++result.generic_blocks[rule_idx];
        }
        ZeroBlockKeys(keys, block_start, block_end);
      } else if (size > options.max_block_size) {
        ++result.generic_blocks[rule_idx];
        if (windowable[rule_idx] && size <= options.max_windowed_block_size) {
          for (std::size_t first = block_start; first < block_end; ++first) {
            const std::size_t last = std::min(block_end, first + 1 + options.windowed_neighbours);
            for (std::size_t second = first + 1; second < last; ++second) {
              keys.windowed.emplace_back(keys.blocks[first].second, keys.blocks[second].second);
            }
          }
        } else if (size <= options.max_split_block_size) {
          oversized.emplace_back(block_start, block_end);
        }
        ZeroBlockKeys(keys, block_start, block_end);
      } else if (size > 1) {
        kept.insert(kept.end(), keys.blocks.begin() + static_cast<std::ptrdiff_t>(block_start),
                    keys.blocks.begin() + static_cast<std::ptrdiff_t>(block_end));
      }
      block_start = block_end;
    }
    SplitBlocks(table, rules[rule_idx], keys.blocks, oversized, options, keys.windowed);
    keys.blocks = std::move(kept);
  });
  // SharedKeyBelow: do records a and b share a non-zero key under rule r that is < limit?
  auto shares_key = [&](std::size_t rule_idx, std::uint32_t a, std::uint32_t b, std::uint64_t limit) {
    const RuleKeys& keys = per_rule[rule_idx];
    std::uint32_t a_pos = keys.begin[a];
    std::uint32_t b_pos = keys.begin[b];
    const std::uint32_t a_end = keys.begin[a + 1];
    const std::uint32_t b_end = keys.begin[b + 1];
    // Lists are sorted except for zeroed entries; a linear merge is enough for <= 16 keys.
    for (std::uint32_t left = a_pos; left < a_end; ++left) {
      const std::uint64_t key = keys.keys[left];
      if (key == 0 || key >= limit) continue;
      for (std::uint32_t right = b_pos; right < b_end; ++right) {
        if (keys.keys[right] == key) return true;
      }
    }
    return false;
  };
  // Phase 2, per rule: pairs within blocks, skipping pairs an earlier rule (or a smaller key
  // of this rule) already produced, so each pair appears once without a global sort.
  // Work is split into tasks of whole blocks (fixed by the data, not the thread count), so one
  // large rule does not leave the other cores idle; each task's pairs are concatenated in order.
  struct BlockRange {
    std::size_t rule;
    std::size_t begin;  // entry range in per_rule[rule].blocks, at block boundaries
    std::size_t end;
  };
  constexpr std::size_t kEntriesPerTask = std::size_t{1} << 16;
  std::vector<BlockRange> ranges;
  for (std::size_t rule_idx = 0; rule_idx < rule_count; ++rule_idx) {
    const auto& blocks = per_rule[rule_idx].blocks;
    std::size_t begin = 0;
    while (begin < blocks.size()) {
      std::size_t end = std::min(blocks.size(), begin + kEntriesPerTask);
      while (end < blocks.size() && blocks[end].first == blocks[end - 1].first) ++end;
      ranges.push_back({rule_idx, begin, end});
      begin = end;
    }
  }
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> range_pairs(ranges.size());
  internal::RunTasks(ranges.size(), threads, [&](std::size_t range_idx) {
    const std::size_t rule_idx = ranges[range_idx].rule;
    const auto& blocks = per_rule[rule_idx].blocks;
    auto& out = range_pairs[range_idx];
    // The records of a block are scattered: their key lists under this and every earlier rule
    // are cache misses at millions of records. Start loading them some entries ahead (the
    // list offsets first, the lists a little later, once their offsets have arrived).
    const std::size_t range_end = ranges[range_idx].end;
    std::size_t begins_fetched = ranges[range_idx].begin;
    std::size_t lists_fetched = ranges[range_idx].begin;
    auto prefetch_until = [&](std::size_t entry_limit) {
      for (; begins_fetched < std::min(range_end, entry_limit + 16); ++begins_fetched) {
        for (std::size_t rule = 0; rule <= rule_idx; ++rule) {
          __builtin_prefetch(per_rule[rule].begin.data() + blocks[begins_fetched].second);
        }
      }
      for (; lists_fetched < std::min(range_end, entry_limit + 8); ++lists_fetched) {
        for (std::size_t rule = 0; rule <= rule_idx; ++rule) {
          const RuleKeys& keys = per_rule[rule];
          __builtin_prefetch(keys.keys.data() + keys.begin[blocks[lists_fetched].second]);
        }
      }
    };
    std::size_t block_start = ranges[range_idx].begin;
    while (block_start < range_end) {
      std::size_t block_end = block_start;
      const std::uint64_t key = blocks[block_start].first;
      while (block_end < range_end && blocks[block_end].first == key) ++block_end;
      prefetch_until(block_end);
      for (std::size_t first = block_start; first < block_end; ++first) {
        for (std::size_t second = first + 1; second < block_end; ++second) {
          const std::uint32_t a = blocks[first].second;
          const std::uint32_t b = blocks[second].second;
          if (shares_key(rule_idx, a, b, key)) continue;
          bool earlier = false;
          for (std::size_t previous = 0; previous < rule_idx && !earlier; ++previous) {
            earlier = shares_key(previous, a, b, UINT64_MAX);
          }
          if (!earlier) out.emplace_back(a, b);
        }
      }
      block_start = block_end;
    }
  });
  // Chained and split pairs of oversized blocks come last, each once and only when no block emitted it
  // (their keys were zeroed, so phase 2 could not see them).
  // A chained pair is new unless some rule's non-generic block holds both records (generic
  // keys were zeroed above, so shares_key sees exactly the blocks that emitted pairs).
  std::vector<std::vector<std::uint64_t>> windowed(rule_count);
  internal::RunTasks(rule_count, threads, [&](std::size_t rule_idx) {
    auto& out = windowed[rule_idx];
    for (const auto& [a, b] : per_rule[rule_idx].windowed) {
      const std::uint32_t left = std::min(a, b);
      const std::uint32_t right = std::max(a, b);
      bool emitted_by_block = false;
      for (std::size_t other = 0; other < rule_count && !emitted_by_block; ++other) {
        emitted_by_block = shares_key(other, left, right, UINT64_MAX);
      }
      if (!emitted_by_block) out.push_back((static_cast<std::uint64_t>(left) << 32) | right);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  });
  // Ranges are in (rule, entry) order: concatenated, they are the pairs rule by rule.
  std::size_t total = 0;
  for (const auto& out : range_pairs) total += out.size();
  // Sized once for the chained pairs too (at most these many): growing past the block pairs
  // copied them into a vector twice their size (132 MB of fresh pages at 541k applications).
  for (const auto& out : windowed) total += out.size();
  result.pairs.reserve(total);
  for (std::size_t range_idx = 0; range_idx < ranges.size(); ++range_idx) {
    result.pairs_per_rule[ranges[range_idx].rule] += range_pairs[range_idx].size();
    result.pairs.insert(result.pairs.end(), range_pairs[range_idx].begin(), range_pairs[range_idx].end());
    range_pairs[range_idx] = {};
  }
  // Each chained pair once, credited to the first rule that chains it.
  std::vector<std::uint64_t> seen;
  for (std::size_t rule_idx = 0; rule_idx < rule_count; ++rule_idx) {
    std::size_t seen_end = seen.size();
    for (std::uint64_t key : windowed[rule_idx]) {
      if (std::binary_search(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(seen_end), key)) continue;
      seen.push_back(key);
      result.pairs.emplace_back(static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key));
      ++result.pairs_per_rule[rule_idx];
    }
    std::inplace_merge(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(seen_end), seen.end());
  }
  return result;
}

}  // namespace crosscheck::link
