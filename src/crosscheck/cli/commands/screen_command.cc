// `crosscheck screen`: one-off or bulk sanctions screening of names against OFAC's SDN list
// and the other lists of --sanctions-list, one index over all; each hit names its list.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/common/csv_writer.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/watchlist/sanctions_list.h"
#include "crosscheck/watchlist/sanctions_sources.h"

namespace crosscheck::cli {
namespace {

struct ScreenFlags {
  std::string sdn_dir;
  std::vector<std::string> sanctions_lists;
  double threshold = watchlist::kDefaultSanctionsThreshold;
  std::size_t max_results = 5;
  bool json = false;
  bool include_vessels = false;
  std::vector<std::string> names;
};

std::string FormatScore(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%.3f", score);
  return buffer;
}

nlohmann::json TokensJson(const std::vector<watchlist::MatchedToken>& tokens) {
  nlohmann::json out = nlohmann::json::array();
  for (const watchlist::MatchedToken& token : tokens) {
    out.push_back({{"query", token.query},
                   {"listed", token.listed},
                   {"similarity", token.similarity},
                   {"kind", token.kind},
                   {"rarity", token.rarity}});
  }
  return out;
}

nlohmann::json MatchJson(const watchlist::SanctionsMatch& match) {
  return {{"score", match.score},
          {"source", match.source},
          {"reference", match.reference},
          {"ent_num", match.ent_num},
          {"listed_name", match.listed_name},
          {"via_alias", match.via_alias},
          {"primary_name", match.primary_name},
          {"type", watchlist::SdnTypeName(match.type)},
          {"programs", match.programs},
          {"explanation", match.explanation},
          {"tokens", TokensJson(match.tokens)}};
}

Status RunScreen(const ScreenFlags& flags) {
  if (!(flags.threshold >= 0.0 && flags.threshold <= 1.0)) {
    return InvalidInput("--threshold must be between 0 and 1");
  }
  if (flags.sdn_dir.empty() && flags.sanctions_lists.empty()) {
    return InvalidInput("give a list to screen against: --sdn DIR and/or --sanctions-list [KIND:]FILE");
  }
  IssueLog issues;
  const auto sdn_dir = flags.sdn_dir.empty() ? std::nullopt : std::optional<std::filesystem::path>(flags.sdn_dir);
  CC_ASSIGN_OR_RETURN(watchlist::LoadedSanctions loaded,
                      watchlist::LoadSanctionsArguments(sdn_dir, flags.sanctions_lists, issues));
  const watchlist::SanctionsList& list = loaded.list;
  // With more than one list, say what each gave (a list that read as nothing is visible).
  if (loaded.summaries.size() > 1) {
    for (const auto& summary : loaded.summaries) {
      std::fprintf(stderr, "crosscheck screen: %s\n", watchlist::FormatSanctionsSummary(summary).c_str());
    }
  }
  if (!issues.empty()) {
    std::fprintf(stderr, "crosscheck screen: %zu issue(s) reading the lists, first: %s\n", issues.size(),
                 issues.issues().front().ToString().c_str());
  }
  watchlist::ScreenOptions options;
  options.threshold = flags.threshold;
  options.max_results = flags.max_results;
  options.include_vessels_and_aircraft = flags.include_vessels;

  // "-" reads one name per line from stdin: bulk screening, CSV out.
  const bool bulk = flags.names.size() == 1 && flags.names[0] == "-";
  std::vector<std::string> names;
  if (bulk) {
    std::string line;
    std::int64_t line_number = 0;
    std::int64_t skipped = 0;
    while (std::getline(std::cin, line)) {
      ++line_number;
      const std::string_view name = TrimAscii(line);
      // A control byte (a NUL) in a name would cut or merge rows of the CSV written below.
      const auto control = std::find_if(name.begin(), name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 && c != '\t';
      });
      if (control != name.end()) {
        if (++skipped <= 10) {
          std::fprintf(stderr, "crosscheck: stdin line %lld column %lld: control byte 0x%02x in a name; line skipped\n",
                       static_cast<long long>(line_number),
                       static_cast<long long>(control - name.begin()) + 1 + static_cast<long long>(name.data() - line.data()),
                       static_cast<unsigned>(static_cast<unsigned char>(*control)));
        }
        continue;
      }
      if (!name.empty()) names.emplace_back(name);
    }
    if (skipped > 0) {
      std::fprintf(stderr, "crosscheck: %lld of %lld input lines skipped (control bytes in the name)\n",
                   static_cast<long long>(skipped), static_cast<long long>(line_number));
    }
  } else {
    names = flags.names;
  }
  const int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const auto results = list.ScreenMany(names, options, threads);

  if (flags.json) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t name_idx = 0; name_idx < names.size(); ++name_idx) {
      nlohmann::json matches = nlohmann::json::array();
      for (const auto& match : results[name_idx]) matches.push_back(MatchJson(match));
      out.push_back({{"name", names[name_idx]}, {"threshold", flags.threshold},
                     {"matches", std::move(matches)}});
    }
    std::fputs(out.dump(2).c_str(), stdout);
    std::fputc('\n', stdout);
    return Ok();
  }
  if (bulk) {
    std::string row;
    std::fputs("name,rank,score,ent_num,listed_name,primary_name,type,programs,explanation,source,reference\n",
               stdout);
    for (std::size_t name_idx = 0; name_idx < names.size(); ++name_idx) {
      // A name without matches still gets a row, so every input line is accounted for.
      const auto& matches = results[name_idx];
      for (std::size_t rank = 0; rank < std::max<std::size_t>(matches.size(), 1); ++rank) {
        row.clear();
        CsvWriter::AppendField(row, names[name_idx]);
        if (rank < matches.size()) {
          const auto& match = matches[rank];
          for (const std::string& field :
               {std::to_string(rank + 1), FormatScore(match.score), std::to_string(match.ent_num),
                match.listed_name, match.primary_name,
                std::string(watchlist::SdnTypeName(match.type)), JoinStrings(match.programs, ";"),
                match.explanation, match.source, match.reference}) {
            row += ',';
            CsvWriter::AppendField(row, field);
          }
        } else {
          row += ",0,,,,,,,,,";
        }
        row += '\n';
        std::fputs(row.c_str(), stdout);
      }
    }
    return Ok();
  }
  for (std::size_t name_idx = 0; name_idx < names.size(); ++name_idx) {
    std::printf("%s\n", names[name_idx].c_str());
    if (results[name_idx].empty()) {
      std::printf("  no match at threshold %s\n", FormatScore(flags.threshold).c_str());
    }
    for (const auto& match : results[name_idx]) {
      std::printf("  %s  %s %s  %s%s  [%s]  %s\n      %s\n", FormatScore(match.score).c_str(),
                  match.source.c_str(), match.reference.c_str(), match.listed_name.c_str(),
                  match.via_alias ? (" (alias of " + match.primary_name + ")").c_str() : "",
                  JoinStrings(match.programs, ", ").c_str(), watchlist::SdnTypeName(match.type),
                  match.explanation.c_str());
    }
  }
  return Ok();
}

}  // namespace

void RegisterScreenCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ScreenFlags>();
  auto* screen = app.add_subcommand(
      "screen", "Screen names against the OFAC SDN list and other sanctions lists (fuzzy, with explanations)");
  screen->add_option("--sdn", flags->sdn_dir, "Directory with OFAC's sdn.csv, alt.csv, add.csv");
  screen->add_option("--sanctions-list", flags->sanctions_lists,
                     "Another list, repeatable: [KIND:]FILE with KIND ofac-sdn (sdn.csv or its directory), "
                     "ofac-cons (cons_prim.csv or its directory), ofac-adv (OFAC's advanced XML, sdn_advanced.xml or "
                     "cons_advanced.xml), un (the UN Security Council's "
                     "consolidated.xml), eu (the EU consolidated financial sanctions list, CSV 1.1) or uk "
                     "(OFSI's ConList.csv or the UK Sanctions List CSV); KIND is detected when left out. "
                     "All lists form one index.")
      ->allow_extra_args(false);  // one FILE per flag: the names that follow are not lists
  screen->add_option("--threshold", flags->threshold,
                     "Lowest score reported, 0..1 (default: the SANCTIONS_MATCH threshold)")
      ->capture_default_str();
  screen->add_option("--max-results", flags->max_results, "Best listed entries per name")
      ->capture_default_str();
  screen->add_flag("--json", flags->json, "Print JSON instead of text");
  screen->add_flag("--include-vessels", flags->include_vessels,
                   "Also screen against vessels and aircraft");
  screen->add_option("names", flags->names, "Names to screen; '-' reads one per line from stdin "
                                            "and prints CSV")
      ->required();
  screen->callback([flags, exit_code] {
    const Status status = RunScreen(*flags);
    *exit_code = status ? 0 : ReportError(status.error());
  });
}

}  // namespace crosscheck::cli
