#include "crosscheck/watchlist/internal/ofac_entries.h"

#include <unordered_map>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/watchlist/internal/list_file.h"
#include "crosscheck/watchlist/internal/ofac_csv.h"

namespace crosscheck::watchlist::internal {
namespace {

// Column counts of OFAC's legacy CSV files (OFAC "SDN list data specification"); the
// consolidated list's files have the same columns.
constexpr std::size_t kPrimaryFields = 12;
constexpr std::size_t kAltFields = 5;
constexpr std::size_t kAddFields = 6;

// OFAC joins several programs as "NPWMD] [DPRK2" (the file's own brackets are stripped).
std::vector<std::string> SplitPrograms(std::string_view column) {
  std::vector<std::string> programs;
  std::size_t start = 0;
  while (start <= column.size()) {
    std::size_t end = column.find("] [", start);
    if (end == std::string_view::npos) end = column.size();
    std::string_view piece = TrimAscii(column.substr(start, end - start));
    while (!piece.empty() && (piece.front() == '[' || piece.front() == ' ')) piece.remove_prefix(1);
    while (!piece.empty() && (piece.back() == ']' || piece.back() == ' ')) piece.remove_suffix(1);
    if (!piece.empty()) programs.emplace_back(piece);
    start = end + 3;
  }
  return programs;
}

// ForEachOwnedRow reads the rows of a file that belong to the primary file's entries (aliases,
// addresses: ent_num, then the row's own number) and calls add(entry index, number, row) for
// each; a row with a bad number or an ent_num the primary file lacks is an issue instead.
template <typename RowIssue, typename AddRow>
void ForEachOwnedRow(std::string_view text, const std::string& file, std::size_t field_count,
                     const char* number_field, const char* what, const std::string& primary_name,
                     const std::unordered_map<std::int64_t, std::size_t>& by_ent_num,
                     IssueLog& issues, const RowIssue& row_issue, const AddRow& add) {
  for (OfacRow& row : ParseOfacCsv(text, file, field_count, issues)) {
    std::int64_t ent_num = 0;
    std::int64_t number = 0;
    if (!ParseListId(row.fields[0], ent_num) || !ParseListId(row.fields[1], number)) {
      row_issue(file, row.line, "ent_num", "OFAC_BAD_ENT_NUM",
                std::string("ent_num or ") + number_field + " is not a positive integer: '" +
                    row.fields[0] + "', '" + row.fields[1] + "'");
      continue;
    }
    const auto owner = by_ent_num.find(ent_num);
    if (owner == by_ent_num.end()) {
      row_issue(file, row.line, "ent_num", "OFAC_UNKNOWN_ENT_NUM",
                std::string(what) + " for ent_num " + row.fields[0] + ", which " + primary_name +
                    " does not hold");
      continue;
    }
    add(owner->second, number, row);
  }
}

}  // namespace

OfacFiles OfacFiles::InDir(const std::filesystem::path& dir, OfacKind kind) {
  if (kind == OfacKind::kSdn) {
    return {dir / "sdn.csv", dir / "alt.csv", dir / "add.csv", std::string(kSdnSource)};
  }
  return {dir / "cons_prim.csv", dir / "cons_alt.csv", dir / "cons_add.csv",
          std::string(kOfacConsolidatedSource)};
}

Result<std::vector<SanctionsEntry>> ReadOfacEntries(const OfacFiles& files, IssueLog& issues) {
  auto primary = ReadListFile(files.primary);
  if (!primary) {
    return std::unexpected(std::move(primary).error().AddContext("loading the " + files.source + " list"));
  }
  auto aliases = ReadListFile(files.aliases);
  if (!aliases) {
    return std::unexpected(std::move(aliases).error().AddContext("loading " + files.source + " aliases"));
  }
  auto addresses = ReadListFile(files.addresses);
  return ParseOfacEntries({.source = files.source,
                           .primary_name = files.primary.filename().string(),
                           .primary = *primary,
                           .alias_name = files.aliases.filename().string(),
                           .aliases = *aliases,
                           .address_name = files.addresses.filename().string(),
                           .addresses = addresses ? std::optional<std::string_view>(*addresses) : std::nullopt},
                          issues);
}

Result<std::vector<SanctionsEntry>> ParseOfacEntries(const OfacTexts& texts, IssueLog& issues) {
  std::vector<SanctionsEntry> entries;
  std::unordered_map<std::int64_t, std::size_t> by_ent_num;
  const std::string& p = texts.primary_name;
  const std::string& a = texts.alias_name;
  const std::string& d = texts.address_name;
  auto row_issue = [&issues](const std::string& file, std::int64_t line, const char* field,
                             std::string code, std::string message) {
    issues.Add({.file = file, .line = line, .field = field, .code = std::move(code),
                .message = std::move(message), .severity = IssueSeverity::kRowSkipped});
  };

  for (OfacRow& row : ParseOfacCsv(texts.primary, p, kPrimaryFields, issues)) {
    SanctionsEntry entry;
    if (!ParseListId(row.fields[0], entry.ent_num)) {
      row_issue(p, row.line, "ent_num", "OFAC_BAD_ENT_NUM",
                "ent_num is not a positive integer: '" + row.fields[0] + "'");
      continue;
    }
    if (by_ent_num.contains(entry.ent_num)) {
      row_issue(p, row.line, "ent_num", "OFAC_DUPLICATE_ENT_NUM",
                "ent_num " + row.fields[0] + " appears twice; the first row is kept");
      continue;
    }
    entry.source = texts.source;
    entry.name = std::move(row.fields[1]);
    if (entry.name.empty()) {
      row_issue(p, row.line, "SDN_Name", "OFAC_EMPTY_NAME", "the entry has no name");
      continue;
    }
    const std::string type = ToLowerAscii(row.fields[2]);
    if (type == "individual") {
      entry.type = SdnType::kIndividual;
    } else if (type == "vessel") {
      entry.type = SdnType::kVessel;
    } else if (type == "aircraft") {
      entry.type = SdnType::kAircraft;
    } else if (!type.empty()) {
      issues.Add({.file = texts.primary_name, .line = row.line, .field = "SDN_Type",
                  .code = "OFAC_UNKNOWN_SDN_TYPE",
                  .message = "unknown SDN_Type '" + row.fields[2] + "', treated as an entity",
                  .severity = IssueSeverity::kFieldIgnored});
    }
    entry.programs = SplitPrograms(row.fields[3]);
    entry.title = std::move(row.fields[4]);
    entry.remarks = std::move(row.fields[11]);
    by_ent_num.emplace(entry.ent_num, entries.size());
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) {
    return InvalidInput("no " + texts.source + " entry could be read from " + texts.primary_name +
                        " (see the issues log)");
  }

  auto owned_rows = [&](std::string_view text, const std::string& file, std::size_t field_count,
                        const char* number_field, const char* what, const auto& add) {
    ForEachOwnedRow(text, file, field_count, number_field, what, texts.primary_name, by_ent_num,
                    issues, row_issue, add);
  };
  owned_rows(texts.aliases, a, kAltFields, "alt_num", "alias",
             [&](std::size_t entry_idx, std::int64_t alt_num, OfacRow& row) {
               SanctionsAlias alias{.alt_num = alt_num,
                                    .alt_type = ToLowerAscii(row.fields[2]),
                                    .name = std::move(row.fields[3]),
                                    .remarks = std::move(row.fields[4])};
               if (alias.name.empty()) {
                 row_issue(a, row.line, "alt_name", "OFAC_EMPTY_NAME", "the alias has no name");
                 return;
               }
               entries[entry_idx].aliases.push_back(std::move(alias));
             });

  if (!texts.addresses) {
    issues.Add({.file = texts.address_name, .code = "OFAC_FILE_MISSING",
                .message = texts.address_name + " could not be read; entries have no addresses",
                .severity = IssueSeverity::kFileError});
  } else {
    owned_rows(*texts.addresses, d, kAddFields, "add_num", "address",
               [&](std::size_t entry_idx, std::int64_t add_num, OfacRow& row) {
                 entries[entry_idx].addresses.push_back({.add_num = add_num,
                                                         .address = std::move(row.fields[2]),
                                                         .city_state_zip = std::move(row.fields[3]),
                                                         .country = std::move(row.fields[4]),
                                                         .remarks = std::move(row.fields[5])});
               });
  }
  return entries;
}


}  // namespace crosscheck::watchlist::internal
