// SanctionsList: the OFAC SDN list loaded from its published CSV files (sdn.csv, alt.csv,
// add.csv), or entries of several lists (sanctions_sources.h: OFAC non-SDN, UN Security
// Council), indexed together for fuzzy name screening; each entry keeps its source list. A match comes only from the similarity of
// the screened name to a listed name or alias (see docs/INDICATORS.md, SANCTIONS_MATCH);
// nothing about a name's origin or script is scored.
//
//   IssueLog issues;
//   CC_ASSIGN_OR_RETURN(SanctionsList list, SanctionsList::Load("data/ofac", issues));
//   for (const SanctionsMatch& match : list.Screen("Kim Jong Un", ScreenOptions{})) {
//     Print(match.score, match.listed_name, match.programs, match.explanation);
//   }
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/watchlist/birth_dates.h"

namespace crosscheck::watchlist {

// kDefaultSanctionsThreshold is the score from which a name counts as a SANCTIONS_MATCH. What
// 0.88 means (internal/name_similarity.h, CompareNames): every token of the name aligns with
// the listed name's, exactly or as a romanization variant, with at most one typo in a part
// of four or more letters; or the name is the listed name without a part the person need
// not write (a second surname, a patronymic, a title), when what matched is rare enough. An
// extra part the listed name lacks, one shared part, a typo in a three-letter syllable plus
// anything else, two typos, or syllables in another order fall below it. Measured on
// watchman's expectations and a DPRK variant set: docs/PERFORMANCE.md, "Sanctions
// screening".
inline constexpr double kDefaultSanctionsThreshold = 0.88;

// SdnType is OFAC's SDN_Type column; entities have an empty SDN_Type in sdn.csv.
enum class SdnType : std::uint8_t { kIndividual, kEntity, kVessel, kAircraft };

// SdnTypeName returns "individual", "entity", "vessel" or "aircraft".
const char* SdnTypeName(SdnType type);

// kRemarksAliasNote is the remarks of an alias read from the entry's remarks field
// ("a.k.a. '...'") rather than from alt.csv; such aliases have alt_num 0.
inline constexpr std::string_view kRemarksAliasNote = "from the entry's remarks";

// SanctionsAlias is one row of alt.csv (alt_type "aka", "fka" or "nka"), or an alias written
// in the entry's remarks (see kRemarksAliasNote).
struct SanctionsAlias {
  std::int64_t alt_num = 0;
  std::string alt_type;
  std::string name;
  std::string remarks;
};

// SanctionsAddress is one row of add.csv.
struct SanctionsAddress {
  std::int64_t add_num = 0;
  std::string address;
  std::string city_state_zip;
  std::string country;
  std::string remarks;
};

// kSdnSource is the source name of OFAC SDN entries (SanctionsEntry::source).
inline constexpr std::string_view kSdnSource = "OFAC SDN";

// SanctionsEntry is one listed record (an SDN row, a UN INDIVIDUAL or ENTITY, ...) with its
// aliases and addresses.
struct SanctionsEntry {
  std::int64_t ent_num = 0;           // the list's number: SDN ent_num, UN DATAID
  std::string source = std::string(kSdnSource);  // the list: "OFAC SDN", "UN SC", ...
  std::string reference;              // the list's own reference: "36", "QDi.123" (FromEntries
                                      // fills in ent_num when empty)
  std::string name;                   // SDN_Name as published, e.g. "KIM, Jong Un"
  SdnType type = SdnType::kEntity;
  std::vector<std::string> programs;  // "DPRK3"; the "] [" separated Program column split
  std::string title;
  std::string remarks;
  std::vector<SanctionsAlias> aliases;
  std::vector<SanctionsAddress> addresses;
  std::vector<ListedBirthDate> birth_dates;  // the list's own, plus the remarks' "DOB ..."
                                             // (added by FromEntries)
  std::vector<std::string> nationalities;    // as the list writes them ("Iraq")
  std::vector<std::string> places_of_birth;  // "Tikrit, Iraq"
};

// ScreenOptions tunes Screen.
struct ScreenOptions {
  double threshold = kDefaultSanctionsThreshold;  // matches scoring below are dropped
  std::size_t max_results = 5;                    // best entries kept per screened name
  bool include_entities = true;                   // organisations (company names)
  bool include_individuals = true;
  bool include_vessels_and_aircraft = false;      // never a job applicant's name
};

// MatchedToken explains one token of a match for a reviewer: a query token aligned with a
// listed one, or a token of either side left unmatched, and how rare the listed token is.
struct MatchedToken {
  std::string query;      // empty for an unmatched listed token
  std::string listed;     // empty for an unmatched query token
  double similarity = 0;  // 1 exact, 0.95 nickname or romanization variant, below for typos;
                          // 0 unmatched
  std::string kind;       // "exact", "nickname", "romanization", "typo", "joined" (two tokens
                          // written as one on either side), "unmatched_query", "unmatched_listed"
  double rarity = 1;      // the listed token's (or the unmatched token's) rarity on the list:
                          // 1 when no other listed name holds it, lower the more do
};

// SanctionsMatch is one listed entry a screened name resembles.
struct SanctionsMatch {
  std::int64_t ent_num = 0;
  std::uint32_t entry_index = 0;      // position in entries(): unique across lists
  std::string source;                 // the entry's list, e.g. "OFAC SDN", "UN SC"
  std::string reference;              // the entry's reference on that list, e.g. "QDi.123"
  double score = 0;                   // 0..1, see internal/name_similarity.h CompareNames
  std::string listed_name;            // the primary name or alias that matched best
  bool via_alias = false;
  std::string primary_name;           // SDN_Name of the entry
  SdnType type = SdnType::kEntity;
  std::vector<std::string> programs;
  std::string explanation;            // "kim=kim [rarity 0.30], jung~jong 0.95 (romanization) ..."
  std::vector<MatchedToken> tokens;   // the same, one entry per token
};

// SanctionsList holds the list and its name index. Immutable after Load; Screen may be
// called from many threads at once.
class SanctionsList {
 public:
  // Load reads dir/sdn.csv and dir/alt.csv (both required) and dir/add.csv (optional: when
  // missing one Issue with severity kFileError is logged). Bad rows are skipped with an
  // Issue naming the file and line (OFAC_WRONG_FIELD_COUNT, OFAC_BAD_QUOTE,
  // OFAC_UNTERMINATED_QUOTE, OFAC_BAD_ENT_NUM, OFAC_UNKNOWN_ENT_NUM, OFAC_EMPTY_NAME).
  // Errors: kNotFound when dir or a required file does not exist; kInvalidInput when a file
  // cannot be read or sdn.csv yields no entry at all.
  static Result<SanctionsList> Load(const std::filesystem::path& dir, IssueLog& issues);

  // FromEntries builds a list from entries already in memory (tests, other list formats, all
  // lists at once); it adds each entry's birth_dates from its remarks and the aliases written
  // there, and sets an empty reference to the ent_num.
  static SanctionsList FromEntries(std::vector<SanctionsEntry> entries);

  SanctionsList(SanctionsList&&) noexcept;
  SanctionsList& operator=(SanctionsList&&) noexcept;
  SanctionsList(const SanctionsList&) = delete;
  SanctionsList& operator=(const SanctionsList&) = delete;
  ~SanctionsList();

  // Screen returns the entries whose primary name or an alias scores at least
  // options.threshold against name, best first (ties by ent_num, then list order), one match per entry, at
  // most options.max_results. Candidates come from an index (exact tokens, one-edit
  // deletion neighbours, romanization variants, joined adjacent tokens), so the cost grows
  // with the number of listed names sharing a similar token, not with the list size.
  // Thread-safe.
  std::vector<SanctionsMatch> Screen(std::string_view name, const ScreenOptions& options) const;

  // ScreenMany screens names on up to threads threads; result[i] belongs to names[i].
  std::vector<std::vector<SanctionsMatch>> ScreenMany(std::span<const std::string> names,
                                                      const ScreenOptions& options,
                                                      int threads) const;

  // entries returns every entry in file order (SanctionsMatch::entry_index indexes it); Find
  // returns the first entry with ent_num or nullptr (ent_nums may repeat across lists).
  const std::vector<SanctionsEntry>& entries() const;
  const SanctionsEntry* Find(std::int64_t ent_num) const;

  // indexed_name_count returns how many names (primary names and aliases) are indexed.
  std::size_t indexed_name_count() const;

 private:
  struct Index;
  explicit SanctionsList(std::unique_ptr<Index> index);

  std::unique_ptr<Index> index_;
};

}  // namespace crosscheck::watchlist
