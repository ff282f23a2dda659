// Sanctions lists beyond the SDN directory of --sdn: the files of --sanctions-list, each read
// by its format's reader into the entry model of sanctions_list.h and indexed together with
// the SDN list, so one screen covers every list and each match names its list (source) and
// the entry's reference on it.
//
//   IssueLog issues;
//   CC_ASSIGN_OR_RETURN(SanctionsListFile un, ParseSanctionsListArgument("un:consolidated.xml"));
//   CC_ASSIGN_OR_RETURN(LoadedSanctions loaded, LoadSanctionsLists(sdn_dir, {un}, issues));
//   for (const auto& summary : loaded.summaries) Print(FormatSanctionsSummary(summary));
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/watchlist/sanctions_list.h"

namespace crosscheck::watchlist {

// SanctionsListKind is a list format with a reader. OFAC's legacy XML (sdn.xml) and the EU's
// XML are recognised and refused until they have a reader.
enum class SanctionsListKind : std::uint8_t {
  kOfacSdn,           // "ofac-sdn": sdn.csv (+ alt.csv, add.csv beside it), or their directory
  kOfacConsolidated,  // "ofac-cons": cons_prim.csv (+ cons_alt.csv, cons_add.csv), or their dir
  kUnConsolidated,    // "un": the UN Security Council consolidated list, consolidated.xml
  kEuConsolidated,    // "eu": the EU consolidated financial sanctions list, CSV format 1.1
  kUkConsolidated,    // "uk": OFSI's ConList.csv or the FCDO's UK Sanctions List CSV
  kOfacAdvanced,      // "ofac-adv": OFAC's advanced XML, sdn_advanced.xml or cons_advanced.xml
};

// SanctionsListFile is one --sanctions-list: a format and where it is.
struct SanctionsListFile {
  SanctionsListKind kind = SanctionsListKind::kUnConsolidated;
  std::filesystem::path path;
};

// ParseSanctionsListArgument reads "KIND:PATH" (KIND one of ofac-sdn, ofac-cons, ofac-adv, un,
// eu, uk) or a bare PATH whose kind is detected: a directory holding sdn.csv or cons_prim.csv, a
// file named sdn.csv or cons_prim.csv, XML whose root is CONSOLIDATED_LIST (UN) or Sanctions
// (OFAC advanced), a CSV whose header holds Entity_LogicalId (EU) or Name 6 with Group ID or
// Unique ID (UK). Errors: kInvalidInput for an unknown KIND, a format without a reader (OFAC's
// legacy sdn.xml, the EU's XML: the message says which) or one that cannot be told; kNotFound
// when PATH does not exist.
Result<SanctionsListFile> ParseSanctionsListArgument(std::string_view argument);

// SanctionsListSummary says what one list gave: its source name, the file read, how many
// entries were read and how many rows (entries, aliases, addresses) were skipped (their
// Issues are in the log).
struct SanctionsListSummary {
  std::string source;
  std::string file;
  std::size_t entries_read = 0;
  std::size_t entries_skipped = 0;
};

// FormatSanctionsSummary renders "UN SC (consolidated.xml): 140 entries read, 0 rows skipped".
std::string FormatSanctionsSummary(const SanctionsListSummary& summary);

// LoadedSanctions is one index over every list loaded, and a summary per list.
struct LoadedSanctions {
  SanctionsList list;
  std::vector<SanctionsListSummary> summaries;
};

// LoadSanctionsLists reads the SDN directory (when given, as SanctionsList::Load does) and
// every file, and indexes all their entries together. Bad entries are Issues. Errors: those
// of the readers (kNotFound, kInvalidInput), with the file named; kInvalidInput when neither
// an SDN directory nor a file is given.
Result<LoadedSanctions> LoadSanctionsLists(const std::optional<std::filesystem::path>& sdn_dir,
                                           std::span<const SanctionsListFile> files, IssueLog& issues);

// LoadSanctionsArguments is LoadSanctionsLists after ParseSanctionsListArgument of each of
// arguments (the --sdn and --sanctions-list flags of screen, scan and serve).
Result<LoadedSanctions> LoadSanctionsArguments(const std::optional<std::filesystem::path>& sdn_dir,
                                               std::span<const std::string> arguments, IssueLog& issues);

}  // namespace crosscheck::watchlist
