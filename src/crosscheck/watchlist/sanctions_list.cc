#include "crosscheck/watchlist/sanctions_list.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <thread>
#include <unordered_map>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/watchlist/internal/name_similarity.h"
#include "crosscheck/watchlist/internal/ofac_entries.h"
#include "crosscheck/watchlist/internal/remarks_aliases.h"
#include "crosscheck/watchlist/internal/romanization.h"
#include "crosscheck/watchlist/internal/token_rarity.h"

namespace crosscheck::watchlist {
namespace {

using internal::NameItem;
using internal::PreparedName;

// Tokens shorter than this get no deletion neighbours: they never align one edit apart
// (internal::kMinOneEditLength).
constexpr std::size_t kMinDeletionTokenLength = internal::kMinOneEditLength;
constexpr std::size_t kMinDoubleDeletionTokenLength = 8;

std::uint64_t HashKey(std::string_view text) { return std::hash<std::string_view>{}(text); }

// AppendDeletionKeys appends the hashes of text and of every string made by removing one
// character (tokens of 4+ letters) or up to two (8+ letters, when max_edits is 2): the
// symmetric-deletion neighbourhood of SymSpell (Garbe 2012). Tokens share a key when one
// deletion on each side makes them equal (a substitution, hasan~ehsan) or, for long
// tokens, two (mohammed~muhammad). This matches the edit budget of TokenSimilarity (one
// edit per four letters): only tokens of 8+ letters may be two edits apart, so shorter ones
// need no second deletion (which would also make keys of three letters that collide with
// thousands of listed tokens). Keys may repeat; callers deduplicate.
void AppendDeletionKeys(std::string_view text, int max_edits, std::vector<std::uint64_t>& keys) {
  keys.push_back(HashKey(text));
  if (text.size() < kMinDeletionTokenLength || max_edits < 1) return;
  const bool two_edits = max_edits >= 2 && text.size() >= kMinDoubleDeletionTokenLength;
  std::string variant;
  std::string variant2;
  for (std::size_t skip = 0; skip < text.size(); ++skip) {
    if (skip > 0 && text[skip] == text[skip - 1]) continue;  // same string as the last one
    variant.assign(text.substr(0, skip));
    variant.append(text.substr(skip + 1));
    keys.push_back(HashKey(variant));
    if (!two_edits) continue;
    for (std::size_t skip2 = skip; skip2 < variant.size(); ++skip2) {
      if (skip2 > skip && variant[skip2] == variant[skip2 - 1]) continue;
      variant2.assign(variant, 0, skip2);
      variant2.append(variant, skip2 + 1);
      keys.push_back(HashKey(variant2));
    }
  }
}

// KeyTable maps a 64-bit key to a slice of a vector: open addressing with linear probing,
// flat in memory, because candidate lookup is the hot loop of screening.
class KeyTable {
 public:
  struct Slot {
    std::uint64_t key = 0;  // 0 = empty; a real key of 0 is stored as 1 (harmless collision)
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };

  void Reserve(std::size_t count) {
    std::size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
  }
  void Insert(std::uint64_t key, std::uint32_t begin, std::uint32_t end) {
    key = key == 0 ? 1 : key;
    std::size_t pos = Mix(key) & mask_;
    while (slots_[pos].key != 0) pos = (pos + 1) & mask_;
    slots_[pos] = {key, begin, end};
  }
  const Slot* Find(std::uint64_t key) const {
    key = key == 0 ? 1 : key;
    std::size_t pos = Mix(key) & mask_;
    while (slots_[pos].key != 0) {
      if (slots_[pos].key == key) return &slots_[pos];
      pos = (pos + 1) & mask_;
    }
    return nullptr;
  }

 private:
  // std::hash of a string is well mixed, but not every library's; a cheap finaliser
  // (MurmurHash3 fmix64) keeps probing short either way.
  static std::size_t Mix(std::uint64_t key) {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return static_cast<std::size_t>(key);
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

// Wanted is whether options ask for names of this type.
bool Wanted(SdnType type, const ScreenOptions& options) {
  return type == SdnType::kIndividual ? options.include_individuals
         : type == SdnType::kEntity   ? options.include_entities
                                      : options.include_vessels_and_aircraft;
}

// ExplainTokens lists a comparison token by token (SanctionsMatch::tokens).
std::vector<MatchedToken> ExplainTokens(const internal::NameComparison& comparison) {
  std::vector<MatchedToken> tokens;
  for (const internal::AlignedPair& pair : comparison.pairs) {
    const char* kind = pair.joined              ? "joined"
                       : pair.similarity >= 1.0 ? "exact"
                       : pair.variant           ? internal::VariantKind(pair.query, pair.listed)
                                                : "typo";
    tokens.push_back({pair.query, pair.listed, pair.similarity, kind, pair.rarity});
  }
  for (const internal::UnmatchedToken& token : comparison.unmatched_query) {
    tokens.push_back({token.text, "", 0.0, "unmatched_query", token.rarity});
  }
  for (const internal::UnmatchedToken& token : comparison.unmatched_listed) {
    tokens.push_back({"", token.text, 0.0, "unmatched_listed", token.rarity});
  }
  return tokens;
}

// AddRemarksAliases appends the aliases written only in the remarks ("a.k.a. 'AL-ZAIN, Ali
// Wahib'") that alt.csv does not already hold, with alt_type "aka" and alt_num 0.
void AddRemarksAliases(SanctionsEntry& entry) {
  for (std::string& name : internal::ParseRemarksAliases(entry.remarks)) {
    const bool known = std::any_of(entry.aliases.begin(), entry.aliases.end(),
                                   [&](const SanctionsAlias& alias) {
                                     return ToLowerAscii(alias.name) == ToLowerAscii(name);
                                   });
    if (known || ToLowerAscii(name) == ToLowerAscii(entry.name)) continue;
    entry.aliases.push_back({.alt_num = 0, .alt_type = "aka", .name = std::move(name),
                             .remarks = std::string(kRemarksAliasNote)});
  }
}

}  // namespace

const char* SdnTypeName(SdnType type) {
  switch (type) {
    case SdnType::kIndividual: return "individual";
    case SdnType::kEntity: return "entity";
    case SdnType::kVessel: return "vessel";
    case SdnType::kAircraft: return "aircraft";
  }
  return "entity";
}

// Index: the entries plus an inverted index from name items to the names holding them.
struct SanctionsList::Index {
  struct IndexedName {
    std::uint32_t entry_idx = 0;
    std::int32_t alias_idx = -1;  // -1: the primary name
    PreparedName prepared;
    std::vector<std::uint32_t> item_vocab;  // vocab id of each item of prepared
  };
  // KnownSimilarity is a token similarity computed while gathering candidates.
  struct KnownSimilarity {
    double similarity = 0;  // 0: never aligns
    bool variant = false;
  };
  struct Posting {
    std::uint32_t name_idx;
    float weight;
  };

  std::vector<SanctionsEntry> entries;
  std::unordered_map<std::int64_t, std::uint32_t> entry_by_ent_num;
  std::vector<IndexedName> names;
  std::vector<std::string> vocab;
  std::vector<internal::TokenForm> vocab_form;  // by vocab id, for TokenSimilarity
  std::unordered_map<std::string, std::uint32_t> vocab_ids;
  std::vector<std::vector<Posting>> postings;                  // by vocab id, while building
  std::vector<std::uint32_t> posting_offsets;                  // CSR form of postings
  std::vector<Posting> posting_data;
  std::vector<float> name_weight;                              // by name: total weight
  std::vector<SdnType> name_type;                              // by name: its entry's type
  KeyTable deletion_keys;                                      // key -> deletion_vocab slice
  std::vector<std::uint32_t> deletion_vocab;
  // Romanization variants: "#<group>" and each skeleton key -> vocab ids holding it.
  std::unordered_map<std::string, std::vector<std::uint32_t>> romanization_vocab;
  // Nicknames: internal::NicknameIndexKeys -> vocab ids holding it.
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> nickname_vocab;
  internal::TokenRarity rarity;

  void Build();
  // Scratch is per-thread working memory of Screen.
  struct Scratch {
    std::vector<float> bound;
    std::vector<float> item_best;
    std::vector<std::uint32_t> touched;
    std::vector<std::uint32_t> survivors;  // touched names whose bound reaches the threshold
    std::vector<std::uint32_t> item_touched;
    std::vector<std::uint32_t> candidates;
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> vocab_stamp;
    std::uint32_t stamp = 0;
    // Similarities met while gathering candidates: vocabulary tokens met for this query get a
    // slot (known_slot, valid where known_stamp is query_stamp), and known holds one entry per
    // slot and query item, so the comparison looks a pair up in two reads.
    std::vector<std::uint32_t> known_stamp;
    std::vector<std::uint32_t> known_slot;
    std::uint32_t query_stamp = 0;
    std::vector<KnownSimilarity> known;
  };
  void Candidates(const NameItem& item, const internal::TokenForm& item_form, Scratch& scratch) const;
  // Collect adds to best_by_entry (by entry index) the entries whose names score at least
  // options.threshold against query, keeping each entry's best name.
  void Collect(const PreparedName& query, const ScreenOptions& options,
               std::unordered_map<std::uint32_t, SanctionsMatch>& best_by_entry) const;
  // Bound fills scratch.known (the candidates of each query item and their similarities),
  // scratch.bound (an upper bound of each wanted name's matched weight) and scratch.touched.
  void Bound(const PreparedName& query, const ScreenOptions& options, Scratch& scratch) const;
  // Keep records listed's comparison as its entry's match unless the entry has a better one.
  void Keep(const IndexedName& listed, const internal::NameComparison& comparison,
            std::unordered_map<std::uint32_t, SanctionsMatch>& best_by_entry) const;
};

void SanctionsList::Index::Build() {
  for (std::uint32_t entry_idx = 0; entry_idx < entries.size(); ++entry_idx) {
    const SanctionsEntry& entry = entries[entry_idx];
    entry_by_ent_num.emplace(entry.ent_num, entry_idx);
    names.push_back({entry_idx, -1, internal::PrepareName(entry.name)});
    for (std::size_t alias_idx = 0; alias_idx < entry.aliases.size(); ++alias_idx) {
      names.push_back({entry_idx, static_cast<std::int32_t>(alias_idx),
                       internal::PrepareName(entry.aliases[alias_idx].name)});
    }
  }
  for (const IndexedName& name : names) rarity.CountName(name.prepared);
  for (IndexedName& name : names) internal::ApplyRarity(rarity, name.prepared);
  for (std::uint32_t name_idx = 0; name_idx < names.size(); ++name_idx) {
    for (const NameItem& item : names[name_idx].prepared.items) {
      auto [found, inserted] = vocab_ids.emplace(item.text, static_cast<std::uint32_t>(vocab.size()));
      if (inserted) {
        vocab.push_back(item.text);
        postings.emplace_back();
      }
      names[name_idx].item_vocab.push_back(found->second);
      std::vector<Posting>& list = postings[found->second];
      if (!list.empty() && list.back().name_idx == name_idx) {
        list.back().weight = std::max(list.back().weight, item.weight);
      } else {
        list.push_back({name_idx, item.weight});
      }
    }
  }
  posting_offsets.reserve(postings.size() + 1);
  posting_offsets.push_back(0);
  for (std::vector<Posting>& list : postings) {
    posting_data.insert(posting_data.end(), list.begin(), list.end());
    posting_offsets.push_back(static_cast<std::uint32_t>(posting_data.size()));
  }
  postings.clear();
  postings.shrink_to_fit();
  for (const IndexedName& name : names) {
    name_weight.push_back(name.prepared.total_weight);
    name_type.push_back(entries[name.entry_idx].type);
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
  std::vector<std::uint64_t> keys;
  vocab_form.reserve(vocab.size());
  for (const std::string& text : vocab) vocab_form.push_back(internal::MakeTokenForm(text));
  for (std::uint32_t vocab_id = 0; vocab_id < vocab.size(); ++vocab_id) {
    keys.clear();
    AppendDeletionKeys(vocab[vocab_id], 2, keys);
    for (std::uint64_t key : keys) keyed.emplace_back(key, vocab_id);
    for (const std::string& key : internal::RomanizationIndexKeys(vocab[vocab_id])) {
      romanization_vocab[key].push_back(vocab_id);
    }
    for (std::uint32_t key : internal::NicknameIndexKeys(vocab_form[vocab_id].nickname)) {
      nickname_vocab[key].push_back(vocab_id);
    }
  }
  std::sort(keyed.begin(), keyed.end());
  keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
  deletion_vocab.reserve(keyed.size());
  std::size_t distinct_keys = 0;
  for (std::size_t pos = 0; pos < keyed.size(); ++pos) {
    distinct_keys += (pos == 0 || keyed[pos].first != keyed[pos - 1].first) ? 1 : 0;
  }
  deletion_keys.Reserve(distinct_keys);
  for (std::size_t pos = 0; pos < keyed.size();) {
    const std::uint64_t key = keyed[pos].first;
    const auto begin = static_cast<std::uint32_t>(deletion_vocab.size());
    while (pos < keyed.size() && keyed[pos].first == key) deletion_vocab.push_back(keyed[pos++].second);
    deletion_keys.Insert(key, begin, static_cast<std::uint32_t>(deletion_vocab.size()));
  }
}

void SanctionsList::Index::Candidates(const NameItem& item, const internal::TokenForm& item_form,
                                      Scratch& scratch) const {
  scratch.candidates.clear();
  if (scratch.vocab_stamp.size() < vocab.size()) scratch.vocab_stamp.assign(vocab.size(), 0);
  if (++scratch.stamp == 0) {  // wrapped: forget every old stamp
    std::fill(scratch.vocab_stamp.begin(), scratch.vocab_stamp.end(), 0);
    scratch.stamp = 1;
  }
  auto add = [&](std::uint32_t vocab_id) {
    if (scratch.vocab_stamp[vocab_id] == scratch.stamp) return;
    scratch.vocab_stamp[vocab_id] = scratch.stamp;
    scratch.candidates.push_back(vocab_id);
  };
  // Joined items must align at internal::kMinJoinedSimilarity, one edit away at most.
  const bool joined = (item.mask & (item.mask - 1)) != 0;
  scratch.keys.clear();
  AppendDeletionKeys(item.text, joined ? 1 : 2, scratch.keys);
  for (std::uint64_t key : scratch.keys) {
    const KeyTable::Slot* slot = deletion_keys.Find(key);
    if (slot == nullptr) continue;
    for (std::uint32_t pos = slot->begin; pos < slot->end; ++pos) add(deletion_vocab[pos]);
  }
  for (const std::string& key : internal::RomanizationIndexKeys(item.text)) {
    const auto found = romanization_vocab.find(key);
    if (found == romanization_vocab.end()) continue;
    for (std::uint32_t vocab_id : found->second) add(vocab_id);
  }
  if (item_form.nickname.empty()) return;
  for (std::uint32_t key : internal::NicknameQueryKeys(item_form.nickname)) {
    const auto found = nickname_vocab.find(key);
    if (found == nickname_vocab.end()) continue;
    for (std::uint32_t vocab_id : found->second) add(vocab_id);
  }
}

SanctionsList::SanctionsList(std::unique_ptr<Index> index) : index_(std::move(index)) {}
SanctionsList::SanctionsList(SanctionsList&&) noexcept = default;
SanctionsList& SanctionsList::operator=(SanctionsList&&) noexcept = default;
SanctionsList::~SanctionsList() = default;

SanctionsList SanctionsList::FromEntries(std::vector<SanctionsEntry> entries) {
  for (SanctionsEntry& entry : entries) {
    for (const ListedBirthDate& date : ParseListedBirthDates(entry.remarks)) entry.birth_dates.push_back(date);
    AddRemarksAliases(entry);
    if (entry.reference.empty()) entry.reference = std::to_string(entry.ent_num);
  }
  auto index = std::make_unique<Index>();
  index->entries = std::move(entries);
  index->Build();
  return SanctionsList(std::move(index));
}

Result<SanctionsList> SanctionsList::Load(const std::filesystem::path& dir, IssueLog& issues) {
  std::error_code fs_error;
  if (!std::filesystem::is_directory(dir, fs_error)) {
    return NotFound("sanctions list directory not found: " + dir.string() +
                    " (expected OFAC's sdn.csv, alt.csv, add.csv)");
  }
  CC_ASSIGN_OR_RETURN(std::vector<SanctionsEntry> entries,
                      internal::ReadOfacEntries(internal::OfacFiles::InDir(dir, internal::OfacKind::kSdn), issues));
  return FromEntries(std::move(entries));
}

void SanctionsList::Index::Bound(const PreparedName& query, const ScreenOptions& options,
                                 Scratch& scratch) const {
  // Sum, over query items, of the best sim * (w_q + w_l) any item of a name can give: never
  // less than the matched weight of the real alignment, so names whose bound is below the
  // threshold can be skipped without changing the result.
  if (scratch.known_stamp.size() < vocab.size()) {
    scratch.known_stamp.assign(vocab.size(), 0);
    scratch.known_slot.assign(vocab.size(), 0);
  }
  if (++scratch.query_stamp == 0) {  // wrapped: forget every old stamp
    std::fill(scratch.known_stamp.begin(), scratch.known_stamp.end(), 0);
    scratch.query_stamp = 1;
  }
  scratch.known.clear();
  const std::size_t item_count = query.items.size();
  for (std::size_t item_idx = 0; item_idx < query.items.size(); ++item_idx) {
    const NameItem& item = query.items[item_idx];
    // Two parts written together are not a given name: no nickname look-up (a joined pair
    // must be nearly equal to align anyway, see internal::kMinJoinedSimilarity).
    const bool joined = (item.mask & (item.mask - 1)) != 0;
    const internal::TokenForm item_form =
        joined ? internal::TokenForm{internal::MakeRomanizationForm(item.text), {}}
               : internal::MakeTokenForm(item.text);
    Candidates(item, item_form, scratch);
    scratch.item_touched.clear();
    for (std::uint32_t vocab_id : scratch.candidates) {
      bool variant = false;
      const double similarity = internal::TokenSimilarity(item.text, item_form, vocab[vocab_id],
                                                          vocab_form[vocab_id], &variant);
      if (similarity <= 0.0) continue;
      if (scratch.known_stamp[vocab_id] != scratch.query_stamp) {
        scratch.known_stamp[vocab_id] = scratch.query_stamp;
        scratch.known_slot[vocab_id] = static_cast<std::uint32_t>(scratch.known.size() / item_count);
        scratch.known.resize(scratch.known.size() + item_count);
      }
      scratch.known[scratch.known_slot[vocab_id] * item_count + item_idx] = {similarity, variant};
      for (std::uint32_t pos = posting_offsets[vocab_id]; pos < posting_offsets[vocab_id + 1];
           ++pos) {
        const Posting& posting = posting_data[pos];
        if (!Wanted(name_type[posting.name_idx], options)) continue;
        const auto value = static_cast<float>(similarity * (item.weight + posting.weight));
        float& best = scratch.item_best[posting.name_idx];
        if (best == 0.0F) scratch.item_touched.push_back(posting.name_idx);
        best = std::max(best, value);
      }
    }
    for (std::uint32_t name_idx : scratch.item_touched) {
      if (scratch.bound[name_idx] == 0.0F) scratch.touched.push_back(name_idx);
      scratch.bound[name_idx] += scratch.item_best[name_idx];
      scratch.item_best[name_idx] = 0.0F;
    }
  }
}

void SanctionsList::Index::Keep(const IndexedName& listed,
                                const internal::NameComparison& comparison,
                                std::unordered_map<std::uint32_t, SanctionsMatch>& best_by_entry) const {
  const SanctionsEntry& entry = entries[listed.entry_idx];
  auto [slot, inserted] = best_by_entry.try_emplace(listed.entry_idx);
  SanctionsMatch& match = slot->second;
  if (!inserted && (match.score > comparison.score ||
                    (match.score == comparison.score && !match.via_alias))) {
    return;
  }
  match.ent_num = entry.ent_num;
  match.entry_index = listed.entry_idx;
  match.source = entry.source;
  match.reference = entry.reference;
  match.score = comparison.score;
  match.via_alias = listed.alias_idx >= 0;
  match.listed_name = match.via_alias ? entry.aliases[listed.alias_idx].name : entry.name;
  match.primary_name = entry.name;
  match.type = entry.type;
  match.programs = entry.programs;
  match.explanation = internal::ExplainComparison(comparison);
  match.tokens = ExplainTokens(comparison);
}

void SanctionsList::Index::Collect(const PreparedName& query, const ScreenOptions& options,
                                   std::unordered_map<std::uint32_t, SanctionsMatch>& best_by_entry) const {
  // Per-thread scratch sized to the index: an upper bound of each name's matched weight.
  thread_local Index::Scratch scratch;
  if (scratch.bound.size() < names.size()) {
    scratch.bound.assign(names.size(), 0.0F);
    scratch.item_best.assign(names.size(), 0.0F);
  }
  scratch.touched.clear();
  Bound(query, options, scratch);
  // Compact per-name arrays first: most touched names stop here, without a cache miss on the
  // name or its entry. The slack keeps float rounding from dropping an exact hit.
  std::vector<std::uint32_t>& survivors = scratch.survivors;
  survivors.clear();
  for (std::uint32_t name_idx : scratch.touched) {
    const float bound = scratch.bound[name_idx];
    scratch.bound[name_idx] = 0.0F;
    if (internal::ScoreUpperBound(bound, query.total_weight, name_weight[name_idx]) + 1e-4 >=
        options.threshold) {
      survivors.push_back(name_idx);
    }
  }
  // Names in index order, so that among equal scores the same name is kept every time. Only
  // the survivors are sorted: sorting every touched name was a quarter of the CPU time.
  std::sort(survivors.begin(), survivors.end());
  for (std::uint32_t name_idx : survivors) {
    const IndexedName& listed = names[name_idx];
    // Every pair that can align was met among the candidates (the index's invariant), so
    // its similarity is looked up rather than computed again.
    auto known_similarity = [&](std::size_t query_idx, std::size_t listed_idx, bool* variant) {
      const std::uint32_t vocab_id = listed.item_vocab[listed_idx];
      if (scratch.known_stamp[vocab_id] != scratch.query_stamp) return 0.0;
      const KnownSimilarity& found =
          scratch.known[scratch.known_slot[vocab_id] * query.items.size() + query_idx];
      if (found.similarity <= 0.0) return 0.0;
      *variant = found.variant;
      return found.similarity;
    };
    // The score alone first: the explanation's strings are built only for what is kept.
    if (internal::ScoreNames(query, listed.prepared, known_similarity) < options.threshold) continue;
    Keep(listed, internal::CompareNames(query, listed.prepared, known_similarity), best_by_entry);
  }
}

std::vector<SanctionsMatch> SanctionsList::Screen(std::string_view name,
                                                  const ScreenOptions& options) const {
  // A name written in Han is screened under each of its readings (Mandarin, Korean).
  std::unordered_map<std::uint32_t, SanctionsMatch> best_by_entry;
  for (PreparedName& query : internal::PrepareNameReadings(name)) {
    internal::ApplyRarity(index_->rarity, query);
    index_->Collect(query, options, best_by_entry);
  }
  std::vector<SanctionsMatch> matches;
  matches.reserve(best_by_entry.size());
  for (auto& [entry_idx, match] : best_by_entry) matches.push_back(std::move(match));
  std::sort(matches.begin(), matches.end(), [](const SanctionsMatch& a, const SanctionsMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.ent_num != b.ent_num) return a.ent_num < b.ent_num;
    return a.entry_index < b.entry_index;
  });
  if (matches.size() > options.max_results) matches.resize(options.max_results);
  return matches;
}

std::vector<std::vector<SanctionsMatch>> SanctionsList::ScreenMany(
    std::span<const std::string> names, const ScreenOptions& options, int threads) const {
  std::vector<std::vector<SanctionsMatch>> results(names.size());
  const std::size_t workers =
      std::clamp<std::size_t>(threads > 0 ? static_cast<std::size_t>(threads) : 1, 1,
                              std::max<std::size_t>(names.size(), 1));
  auto work = [&](std::size_t worker) {
    for (std::size_t name_idx = worker; name_idx < names.size(); name_idx += workers) {
      results[name_idx] = Screen(names[name_idx], options);
    }
  };
  {
    // Joined at the end of this block, before results is returned.
    std::vector<std::jthread> pool;
    for (std::size_t worker = 1; worker < workers; ++worker) pool.emplace_back(work, worker);
    work(0);
  }
  return results;
}

const std::vector<SanctionsEntry>& SanctionsList::entries() const { return index_->entries; }

const SanctionsEntry* SanctionsList::Find(std::int64_t ent_num) const {
  const auto found = index_->entry_by_ent_num.find(ent_num);
  return found == index_->entry_by_ent_num.end() ? nullptr : &index_->entries[found->second];
}

std::size_t SanctionsList::indexed_name_count() const { return index_->names.size(); }

}  // namespace crosscheck::watchlist
