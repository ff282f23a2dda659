// Screening scores must not move when the engine is made faster: a sample of queries (every
// watchman expectation, every 4th DPRK variant, every 10th ordinary name, and the bench's
// kinds of names) is screened at threshold 0 against the real 2021 SDN list and compared,
// top 10 per query, with tests/fixtures/screening/golden_scores.tsv, written from the main
// binary's `crosscheck screen --json --threshold 0 --max-results 10` before the speed work
// (issue 17). Rewrite it only when a score change is intended, with CROSSCHECK_WRITE_GOLDEN=1
// set when running crosscheck_watchlist_tests --gtest_filter='ScreeningScores*'.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crosscheck/watchlist/sanctions_list.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::watchlist {
namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(CROSSCHECK_SOURCE_DIR) / "tests/fixtures/screening";

// Queries returns field `column` of every `every`-th data row of a fixture file.
std::vector<std::string> Queries(const std::string& file, std::size_t column, std::size_t every) {
  std::ifstream in(kFixtures / file);
  EXPECT_TRUE(in) << "cannot open " << (kFixtures / file);
  std::vector<std::string> queries;
  std::string line;
  std::size_t row = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (row++ % every != 0) continue;
    std::istringstream fields(line);
    std::string field;
    for (std::size_t index = 0; index <= column && std::getline(fields, field, '\t'); ++index) {
    }
    queries.push_back(field);
  }
  return queries;
}

// SampleQueries: the fixtures' queries plus names like the bench's (common names in several
// scripts, listed names with a typo, Han, Hangul, Cyrillic, punctuation, glued words).
std::vector<std::string> SampleQueries() {
  std::vector<std::string> queries = Queries("watchman_expectations.tsv", 1, 1);
  for (const auto& query : Queries("dprk_variants.tsv", 1, 4)) queries.push_back(query);
  for (const auto& query : Queries("ordinary_names.tsv", 1, 10)) queries.push_back(query);
  for (const char* query :
       {"James Smith", "Min-jun Kim", "Kim Ji-woo Park", "Wei Zhang", "Li Na", "Rahul Sharma",
        "Mohammed Ali Hassan", "Omar Khan", "Ivan Ivanov", "Olga Petrova", "Jose Garcia Lopez",
        "Maria Rodriguez", "Fatima Ibrahim", "Ahmed Al Hassan", "Choi Ha-eun", "Yoon Woo-jin",
        "MADURO MOROS, Nicolaz", "KIM, Jomg Un", "HIZBALLAH", "AL QAIDA", "Banco Nacional de Cubq",
        "金正恩", "김정은", "Владимир Путин", "JSCARGUMENT", "Osama bin Laden", "Ri Yong Ho",
        "O Kuk Ryol", "Pak Pong Ju", "Choe Ryong Hae", "Kim Yo Jong", "Hyon Chol Hae"}) {
    queries.push_back(query);
  }
  return queries;
}

// Render writes one line per match: query, ent_num, score to 9 digits, listed name.
std::string Render(const SanctionsList& list, const std::vector<std::string>& queries) {
  ScreenOptions options;
  options.threshold = 0.0;
  options.max_results = 10;
  std::string out;
  char score[32];
  for (const std::string& query : queries) {
    for (const SanctionsMatch& match : list.Screen(query, options)) {
      std::snprintf(score, sizeof(score), "%.9f", match.score);
      out += query + "\t" + std::to_string(match.ent_num) + "\t" + score + "\t" +
             match.listed_name + "\n";
    }
  }
  return out;
}

TEST(ScreeningScores, SampleScoresAsBeforeTheSpeedWork) {
  IssueLog issues;
  auto list = SanctionsList::Load(std::filesystem::path(CROSSCHECK_SHARED_DIR) / "data/ofac",
                                  issues);
  ASSERT_TRUE(list) << list.error().ToString();
  const std::string now = Render(*list, SampleQueries());
  const std::filesystem::path golden = kFixtures / "golden_scores.tsv";
  if (std::getenv("CROSSCHECK_WRITE_GOLDEN") != nullptr) {
    std::ofstream(golden) << now;
    GTEST_SKIP() << "wrote " << golden;
  }
  std::ifstream in(golden);
  ASSERT_TRUE(in) << "cannot open " << golden;
  std::stringstream expected;
  expected << in.rdbuf();
  std::istringstream want_lines(expected.str());
  std::istringstream got_lines(now);
  std::string want;
  std::string got;
  std::size_t line = 0;
  std::size_t differences = 0;
  while (std::getline(want_lines, want)) {
    ++line;
    if (!std::getline(got_lines, got)) got = "(missing)";
    if (want != got && ++differences <= 20) {
      ADD_FAILURE() << "line " << line << "\n  want " << want << "\n  got  " << got;
    }
  }
  EXPECT_FALSE(std::getline(got_lines, got)) << "extra lines from " << got;
  EXPECT_EQ(differences, 0U);
  EXPECT_GT(line, 1000U) << "the stored table is too small to guard anything";
}

}  // namespace
}  // namespace crosscheck::watchlist
