// OFAC publishes the SDN list and its consolidated non-SDN list (SSI, FSE, NS-MBS, ...) in
// the same legacy CSV layout: a primary file (sdn.csv, cons_prim.csv), an alias file
// (alt.csv, cons_alt.csv) and an address file (add.csv, cons_add.csv). ParseOfacEntries
// turns one such set into entries; ReadOfacEntries reads it from disk first.
//
//   IssueLog issues;
//   auto entries = ReadOfacEntries(OfacFiles::InDir("data/ofac", OfacKind::kSdn), issues);
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/watchlist/sanctions_list.h"

namespace crosscheck::watchlist::internal {

// kOfacConsolidatedSource is the source name of the consolidated non-SDN list's entries.
inline constexpr std::string_view kOfacConsolidatedSource = "OFAC non-SDN";

enum class OfacKind { kSdn, kConsolidated };

// OfacFiles names one set of files and the source its entries get.
struct OfacFiles {
  std::filesystem::path primary;    // sdn.csv or cons_prim.csv
  std::filesystem::path aliases;    // alt.csv or cons_alt.csv (required)
  std::filesystem::path addresses;  // add.csv or cons_add.csv (optional)
  std::string source;               // kSdnSource or kOfacConsolidatedSource

  // InDir names kind's three files in dir.
  static OfacFiles InDir(const std::filesystem::path& dir, OfacKind kind);
};

// OfacTexts is one set already in memory; *_name is the file name that issues carry.
struct OfacTexts {
  std::string source;
  std::string primary_name;
  std::string_view primary;
  std::string alias_name;
  std::string_view aliases;
  std::string address_name;
  std::optional<std::string_view> addresses;  // nullopt: the file could not be read
};

// ParseOfacEntries returns the entries of texts.primary with their aliases and addresses,
// each with source texts.source. Bad rows are skipped with an Issue naming the file and line
// (OFAC_WRONG_FIELD_COUNT, OFAC_BAD_QUOTE, OFAC_UNTERMINATED_QUOTE, OFAC_BAD_ENT_NUM,
// OFAC_DUPLICATE_ENT_NUM, OFAC_UNKNOWN_ENT_NUM, OFAC_EMPTY_NAME); missing addresses are one
// OFAC_FILE_MISSING Issue. Errors: kInvalidInput when the primary file yields no entry.
Result<std::vector<SanctionsEntry>> ParseOfacEntries(const OfacTexts& texts, IssueLog& issues);

// ReadOfacEntries reads files and parses them. Errors: kNotFound when the primary or alias
// file does not exist; kInvalidInput when one cannot be read, and those of ParseOfacEntries.
Result<std::vector<SanctionsEntry>> ReadOfacEntries(const OfacFiles& files, IssueLog& issues);

}  // namespace crosscheck::watchlist::internal
