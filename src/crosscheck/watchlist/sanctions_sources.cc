#include "crosscheck/watchlist/sanctions_sources.h"

#include <cctype>
#include <fstream>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/watchlist/internal/eu_financial_sanctions_csv.h"
#include "crosscheck/watchlist/internal/list_file.h"
#include "crosscheck/watchlist/internal/ofac_advanced_xml.h"
#include "crosscheck/watchlist/internal/ofac_entries.h"
#include "crosscheck/watchlist/internal/uk_sanctions_csv.h"
#include "crosscheck/watchlist/internal/un_consolidated_xml.h"

namespace crosscheck::watchlist {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kKindHelp = "ofac-sdn, ofac-cons, ofac-adv, un, eu or uk";

std::optional<SanctionsListKind> KindNamed(std::string_view name) {
  if (name == "ofac-sdn") return SanctionsListKind::kOfacSdn;
  if (name == "ofac-cons") return SanctionsListKind::kOfacConsolidated;
  if (name == "ofac-adv") return SanctionsListKind::kOfacAdvanced;
  if (name == "un") return SanctionsListKind::kUnConsolidated;
  if (name == "eu") return SanctionsListKind::kEuConsolidated;
  if (name == "uk") return SanctionsListKind::kUkConsolidated;
  return std::nullopt;
}

// Head returns the first bytes of path (enough to see a CSV header or an XML root element).
std::string Head(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return head;
}

// HasRootSanctions: head opens an element <Sanctions> or <prefix:Sanctions> (OFAC's advanced
// XML), not <SanctionsData> or the word in a CSV's text.
bool HasRootSanctions(std::string_view head) {
  constexpr std::string_view kName = "Sanctions";
  for (std::size_t at = head.find(kName); at != std::string_view::npos; at = head.find(kName, at + 1)) {
    const std::size_t end = at + kName.size();
    if (at == 0 || end >= head.size() || !(head[end] == '>' || std::isspace(static_cast<unsigned char>(head[end])))) {
      continue;
    }
    std::size_t open = at - 1;
    if (head[open] == ':') {
      while (open > 0 && (std::isalnum(static_cast<unsigned char>(head[open - 1])) || head[open - 1] == '_')) --open;
      if (open == 0) continue;
      --open;
    }
    if (head[open] == '<') return true;
  }
  return false;
}

// DetectKind tells a list's format from its name and first bytes.
Result<SanctionsListKind> DetectKind(const fs::path& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    if (fs::exists(path / "sdn.csv", error)) return SanctionsListKind::kOfacSdn;
    if (fs::exists(path / "cons_prim.csv", error)) return SanctionsListKind::kOfacConsolidated;
    return InvalidInput(path.string() + ": a directory without sdn.csv or cons_prim.csv");
  }
  const std::string file_name = ToLowerAscii(path.filename().string());
  if (file_name == "sdn.csv") return SanctionsListKind::kOfacSdn;
  if (file_name == "cons_prim.csv") return SanctionsListKind::kOfacConsolidated;
  const std::string head = Head(path);
  if (head.find("<CONSOLIDATED_LIST") != std::string::npos) return SanctionsListKind::kUnConsolidated;
  if (HasRootSanctions(head)) return SanctionsListKind::kOfacAdvanced;
  if (head.find("Entity_LogicalId") != std::string::npos) return SanctionsListKind::kEuConsolidated;
  if (head.find("Name 6") != std::string::npos &&
      (head.find("Group ID") != std::string::npos || head.find("Unique ID") != std::string::npos)) {
    return SanctionsListKind::kUkConsolidated;
  }
  const auto unsupported = [&](std::string_view what) {
    return InvalidInput(path.string() + " looks like " + std::string(what) +
                        ", which has no reader yet (readers: " + std::string(kKindHelp) + ")");
  };
  if (head.find("fsd/export") != std::string::npos || head.find("<export") != std::string::npos) {
    return unsupported("the EU consolidated financial sanctions list in XML (its CSV, format 1.1, is read: eu)");
  }
  if (head.find("<sdnList") != std::string::npos) {
    return unsupported("OFAC's legacy XML (sdn.xml; its CSV is read: ofac-sdn, and its advanced XML: ofac-adv)");
  }
  return InvalidInput("cannot tell the format of " + path.string() + "; write KIND:FILE with KIND one of " +
                      std::string(kKindHelp));
}

// OfacFilesOf names the OFAC set path points at: its directory, or its primary file.
internal::OfacFiles OfacFilesOf(const fs::path& path, SanctionsListKind kind) {
  std::error_code error;
  const fs::path dir = fs::is_directory(path, error) ? path : path.parent_path();
  internal::OfacFiles files = internal::OfacFiles::InDir(
      dir, kind == SanctionsListKind::kOfacSdn ? internal::OfacKind::kSdn : internal::OfacKind::kConsolidated);
  if (!fs::is_directory(path, error)) files.primary = path;
  return files;
}

bool IsOfac(SanctionsListKind kind) {
  return kind == SanctionsListKind::kOfacSdn || kind == SanctionsListKind::kOfacConsolidated;
}

Result<std::vector<SanctionsEntry>> ReadEntries(const SanctionsListFile& file, IssueLog& issues) {
  if (IsOfac(file.kind)) return internal::ReadOfacEntries(OfacFilesOf(file.path, file.kind), issues);
  CC_ASSIGN_OR_RETURN(std::string text, internal::ReadListFile(file.path));
  const std::string name = file.path.filename().string();
  switch (file.kind) {
    case SanctionsListKind::kEuConsolidated:
      return internal::ParseEuFinancialSanctionsCsv(std::move(text), name, issues);
    case SanctionsListKind::kUkConsolidated:
      return internal::ParseUkSanctionsCsv(std::move(text), name, issues);
    case SanctionsListKind::kOfacAdvanced:
      return internal::ParseOfacAdvancedXml(text, name, issues);
    default:
      return internal::ParseUnConsolidatedXml(text, name, issues);
  }
}

}  // namespace

Result<SanctionsListFile> ParseSanctionsListArgument(std::string_view argument) {
  SanctionsListFile file;
  const std::size_t colon = argument.find(':');
  std::optional<SanctionsListKind> kind =
      colon == std::string_view::npos ? std::nullopt : KindNamed(argument.substr(0, colon));
  if (kind) {
    file.path = fs::path(std::string(argument.substr(colon + 1)));
  } else {
    file.path = fs::path(std::string(argument));
  }
  std::error_code error;
  if (!fs::exists(file.path, error)) {
    if (!kind && colon != std::string_view::npos && colon > 0) {
      return InvalidInput("--sanctions-list " + std::string(argument) + ": unknown list kind '" +
                          std::string(argument.substr(0, colon)) + "' (kinds: " + std::string(kKindHelp) + ")");
    }
    return NotFound("sanctions list not found: " + file.path.string());
  }
  if (kind) {
    file.kind = *kind;
  } else {
    CC_ASSIGN_OR_RETURN(file.kind, DetectKind(file.path));
  }
  return file;
}

std::string FormatSanctionsSummary(const SanctionsListSummary& summary) {
  return summary.source + " (" + summary.file + "): " + std::to_string(summary.entries_read) + " entries read, " +
         std::to_string(summary.entries_skipped) + " rows skipped";
}

Result<LoadedSanctions> LoadSanctionsLists(const std::optional<fs::path>& sdn_dir,
                                           std::span<const SanctionsListFile> files, IssueLog& issues) {
  std::vector<SanctionsListFile> all;
  if (sdn_dir) {
    std::error_code error;
    if (!fs::is_directory(*sdn_dir, error)) {
      return NotFound("sanctions list directory not found: " + sdn_dir->string() +
                      " (expected OFAC's sdn.csv, alt.csv, add.csv)");
    }
    all.push_back({SanctionsListKind::kOfacSdn, *sdn_dir});
  }
  all.insert(all.end(), files.begin(), files.end());
  if (all.empty()) return InvalidInput("no sanctions list given (--sdn DIR or --sanctions-list FILE)");
  std::vector<SanctionsEntry> entries;
  std::vector<SanctionsListSummary> summaries;
  for (const SanctionsListFile& file : all) {
    const std::size_t skipped_before = issues.CountBySeverity(IssueSeverity::kRowSkipped);
    auto read = ReadEntries(file, issues);
    if (!read) return std::unexpected(std::move(read).error().AddContext("reading " + file.path.string()));
    SanctionsListSummary summary{.source = read->front().source,
                                 .file = IsOfac(file.kind) ? OfacFilesOf(file.path, file.kind).primary.filename().string()
                                                           : file.path.filename().string(),
                                 .entries_read = read->size(),
                                 .entries_skipped = issues.CountBySeverity(IssueSeverity::kRowSkipped) - skipped_before};
    summaries.push_back(std::move(summary));
    std::move(read->begin(), read->end(), std::back_inserter(entries));
  }
  return LoadedSanctions{SanctionsList::FromEntries(std::move(entries)), std::move(summaries)};
}

Result<LoadedSanctions> LoadSanctionsArguments(const std::optional<fs::path>& sdn_dir,
                                               std::span<const std::string> arguments, IssueLog& issues) {
  std::vector<SanctionsListFile> files;
  for (const std::string& argument : arguments) {
    CC_ASSIGN_OR_RETURN(SanctionsListFile file, ParseSanctionsListArgument(argument));
    files.push_back(std::move(file));
  }
  return LoadSanctionsLists(sdn_dir, files, issues);
}

}  // namespace crosscheck::watchlist
