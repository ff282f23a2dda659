#include "crosscheck/watchlist/sanctions_sources.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crosscheck/source_paths.h"

namespace crosscheck::watchlist {
namespace {

namespace fs = std::filesystem;

const fs::path kLists = fs::path(CROSSCHECK_SOURCE_DIR) / "tests/fixtures/screening/lists";
const fs::path kOfacDir = fs::path(CROSSCHECK_SHARED_DIR) / "data/ofac";

TEST(SanctionsSources, ArgumentsNameOrDetectTheFormat) {
  auto un = ParseSanctionsListArgument((kLists / "un_consolidated.xml").string());
  ASSERT_TRUE(un) << un.error().ToString();
  EXPECT_EQ(un->kind, SanctionsListKind::kUnConsolidated);
  auto cons = ParseSanctionsListArgument((kLists / "ofac_consolidated").string());
  ASSERT_TRUE(cons) << cons.error().ToString();
  EXPECT_EQ(cons->kind, SanctionsListKind::kOfacConsolidated);
  auto cons_file = ParseSanctionsListArgument((kLists / "ofac_consolidated/cons_prim.csv").string());
  ASSERT_TRUE(cons_file);
  EXPECT_EQ(cons_file->kind, SanctionsListKind::kOfacConsolidated);
  auto sdn = ParseSanctionsListArgument("ofac-sdn:" + kOfacDir.string());
  ASSERT_TRUE(sdn) << sdn.error().ToString();
  EXPECT_EQ(sdn->kind, SanctionsListKind::kOfacSdn);
  EXPECT_EQ(sdn->path, kOfacDir);

  auto unknown_kind = ParseSanctionsListArgument("ofac-xml:" + (kLists / "un_consolidated.xml").string());
  ASSERT_FALSE(unknown_kind);
  EXPECT_NE(unknown_kind.error().message().find("unknown list kind"), std::string::npos);
  auto missing = ParseSanctionsListArgument("/nonexistent/consolidated.xml");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  // A CSV that is none of the known layouts cannot be told.
  auto csv = ParseSanctionsListArgument((fs::path(CROSSCHECK_SOURCE_DIR) /
                                         "tests/fixtures/screening/golden_scores.tsv").string());
  ASSERT_FALSE(csv);
  EXPECT_NE(csv.error().message().find("KIND:FILE"), std::string::npos);
}

TEST(SanctionsSources, TellsOfacAdvancedXmlByItsRoot) {
  auto detected = ParseSanctionsListArgument((kLists / "ofac_sdn_advanced.xml").string());
  ASSERT_TRUE(detected) << detected.error().ToString();
  EXPECT_EQ(detected->kind, SanctionsListKind::kOfacAdvanced);
  auto named = ParseSanctionsListArgument("ofac-adv:" + (kLists / "ofac_sdn_advanced.xml").string());
  ASSERT_TRUE(named) << named.error().ToString();
  EXPECT_EQ(named->kind, SanctionsListKind::kOfacAdvanced);
  // Loaded with the SDN CSV, a party is two entries of one source and reference, each its own hit.
  IssueLog issues;
  auto loaded = LoadSanctionsLists(kOfacDir, std::vector<SanctionsListFile>{*detected}, issues);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  ASSERT_EQ(loaded->summaries.size(), 2U);
  EXPECT_EQ(FormatSanctionsSummary(loaded->summaries[1]),
            "OFAC SDN (ofac_sdn_advanced.xml): 8 entries read, 0 rows skipped");
  const std::vector<SanctionsMatch> matches = loaded->list.Screen("Kim Jong Un", {});
  ASSERT_GE(matches.size(), 2U);
  EXPECT_EQ(matches[0].reference, "20157");
  EXPECT_EQ(matches[1].reference, "20157");
  EXPECT_EQ(matches[0].score, matches[1].score);
}

// The root element decides, with or without a namespace prefix; <SanctionsData> or the word in a
// CSV's text is not OFAC's advanced XML, and the legacy sdn.xml is refused by name.
TEST(SanctionsSources, TellsTheAdvancedRootFromLookalikes) {
  const fs::path dir = fs::path(::testing::TempDir()) / "sanctions_sources_roots";
  fs::create_directories(dir);
  const auto write = [&](const char* name, std::string_view text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  };
  auto prefixed = ParseSanctionsListArgument(write("a.xml", "<?xml version=\"1.0\"?>\n<o:Sanctions xmlns:o=\"x\">"));
  ASSERT_TRUE(prefixed) << prefixed.error().ToString();
  EXPECT_EQ(prefixed->kind, SanctionsListKind::kOfacAdvanced);
  EXPECT_FALSE(ParseSanctionsListArgument(write("b.xml", "<SanctionsData xmlns=\"x\">")));
  EXPECT_FALSE(ParseSanctionsListArgument(write("c.csv", "id,note\n1,Note:Sanctions apply\n")));
  auto legacy = ParseSanctionsListArgument(write("sdn.xml", "<?xml version=\"1.0\"?>\n<sdnList>"));
  ASSERT_FALSE(legacy);
  EXPECT_NE(legacy.error().message().find("legacy"), std::string::npos);
  fs::remove_all(dir);
}

TEST(SanctionsSources, TellsTheEuAndUkListsByTheirHeader) {
  struct Case {
    const char* argument;
    SanctionsListKind kind;
  };
  const std::vector<Case> cases = {{"eu_fsf.csv", SanctionsListKind::kEuConsolidated},
                                   {"uk_conlist.csv", SanctionsListKind::kUkConsolidated},
                                   {"uk_sanctions_list.csv", SanctionsListKind::kUkConsolidated}};
  for (const Case& test : cases) {
    SCOPED_TRACE(test.argument);
    auto detected = ParseSanctionsListArgument((kLists / test.argument).string());
    ASSERT_TRUE(detected) << detected.error().ToString();
    EXPECT_EQ(detected->kind, test.kind);
  }
  auto eu = ParseSanctionsListArgument("eu:" + (kLists / "eu_fsf.csv").string());
  ASSERT_TRUE(eu) << eu.error().ToString();
  EXPECT_EQ(eu->kind, SanctionsListKind::kEuConsolidated);
  auto uk = ParseSanctionsListArgument("uk:" + (kLists / "uk_conlist.csv").string());
  ASSERT_TRUE(uk) << uk.error().ToString();
  EXPECT_EQ(uk->kind, SanctionsListKind::kUkConsolidated);
  // Named as the wrong kind, a list is refused naming the file.
  IssueLog issues;
  const std::vector<SanctionsListFile> wrong = {{SanctionsListKind::kEuConsolidated, kLists / "uk_conlist.csv"}};
  auto loaded = LoadSanctionsLists(std::nullopt, wrong, issues);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(loaded.error().ToString().find("uk_conlist.csv"), std::string::npos);
}

TEST(SanctionsSources, CountsWhatEachListGave) {
  IssueLog issues;
  const std::vector<std::string> arguments = {(kLists / "eu_fsf.csv").string(), (kLists / "uk_conlist.csv").string(),
                                              (kLists / "uk_sanctions_list.csv").string()};
  auto loaded = LoadSanctionsArguments(std::nullopt, arguments, issues);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  ASSERT_EQ(loaded->summaries.size(), 3U);
  EXPECT_EQ(FormatSanctionsSummary(loaded->summaries[0]), "EU FSF (eu_fsf.csv): 5 entries read, 3 rows skipped");
  EXPECT_EQ(FormatSanctionsSummary(loaded->summaries[1]), "UK (uk_conlist.csv): 4 entries read, 3 rows skipped");
  EXPECT_EQ(FormatSanctionsSummary(loaded->summaries[2]), "UK (uk_sanctions_list.csv): 2 entries read, 1 rows skipped");

  const auto hits = loaded->list.Screen("Yu Chol U", {});
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].source, "EU FSF");
  EXPECT_EQ(hits[0].reference, "900001");
  EXPECT_EQ(hits[0].programs, std::vector<std::string>{"PRK"});
  const auto uk_hits = loaded->list.Screen("Kim Young Chol", {});
  ASSERT_FALSE(uk_hits.empty());
  EXPECT_EQ(uk_hits[0].source, "UK");
  EXPECT_EQ(uk_hits[0].reference, "990001");
}

TEST(SanctionsSources, ReadsTheOfacConsolidatedSample) {
  IssueLog issues;
  const std::vector<SanctionsListFile> files = {{SanctionsListKind::kOfacConsolidated, kLists / "ofac_consolidated"}};
  auto loaded = LoadSanctionsLists(std::nullopt, files, issues);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  ASSERT_EQ(loaded->summaries.size(), 1U);
  EXPECT_EQ(loaded->summaries[0].source, "OFAC non-SDN");
  EXPECT_EQ(loaded->summaries[0].file, "cons_prim.csv");
  EXPECT_EQ(loaded->summaries[0].entries_read, 442U);
  EXPECT_EQ(loaded->summaries[0].entries_skipped, 0U);
  for (const Issue& issue : issues.issues()) ADD_FAILURE() << issue.ToString();

  const SanctionsEntry* haniya = loaded->list.Find(9639);
  ASSERT_NE(haniya, nullptr);
  EXPECT_EQ(haniya->source, "OFAC non-SDN");
  EXPECT_EQ(haniya->reference, "9639");
  EXPECT_EQ(haniya->name, "HANIYA, Ismail Abdul Salah");
  EXPECT_EQ(haniya->programs, std::vector<std::string>{"NS-PLC"});
  ASSERT_GE(haniya->aliases.size(), 2U);
  EXPECT_EQ(haniya->aliases[0].name, "HANIYA, Ismail");
  EXPECT_EQ(haniya->aliases[1].name, "HANIYYA, Ismaeel");
  ASSERT_EQ(haniya->birth_dates.size(), 1U);
  EXPECT_EQ(haniya->birth_dates[0].first, (CivilDate{1962, 1, 1}));

  const auto hits = loaded->list.Screen("Ismaeel Haniyya", {});
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].source, "OFAC non-SDN");
  EXPECT_EQ(hits[0].reference, "9639");
}

// One index over two lists: a person on both is found on both, each hit naming its list.
TEST(SanctionsSources, OneScreenAcrossListsNamesTheSourceOfEachHit) {
  IssueLog issues;
  const std::vector<std::string> arguments = {(kLists / "un_consolidated.xml").string()};
  auto loaded = LoadSanctionsArguments(kOfacDir, arguments, issues);
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  ASSERT_EQ(loaded->summaries.size(), 2U);
  EXPECT_EQ(loaded->summaries[0].source, "OFAC SDN");
  EXPECT_EQ(loaded->summaries[1].source, "UN SC");
  EXPECT_EQ(loaded->summaries[1].entries_read, 140U);
  EXPECT_EQ(FormatSanctionsSummary(loaded->summaries[1]), "UN SC (un_consolidated.xml): 140 entries read, 0 rows skipped");

  const auto hits = loaded->list.Screen("Saddam Hussein Al-Tikriti", {});
  const auto on = [&](std::string_view source) {
    return std::find_if(hits.begin(), hits.end(), [&](const SanctionsMatch& hit) { return hit.source == source; });
  };
  ASSERT_NE(on("OFAC SDN"), hits.end());
  ASSERT_NE(on("UN SC"), hits.end());
  EXPECT_EQ(on("OFAC SDN")->reference, "7843");
  EXPECT_EQ(on("UN SC")->reference, "IQi.001");
  EXPECT_EQ(loaded->list.entries()[on("UN SC")->entry_index].reference, "IQi.001");
  // The alias from the UN file matches too.
  const auto alias_hits = loaded->list.Screen("Abu Ali", {.threshold = 0.88, .max_results = 20});
  EXPECT_TRUE(std::any_of(alias_hits.begin(), alias_hits.end(),
                          [](const SanctionsMatch& hit) { return hit.reference == "IQi.001" && hit.via_alias; }));

  auto none = LoadSanctionsLists(std::nullopt, {}, issues);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace crosscheck::watchlist
