#include "crosscheck/watchlist/internal/uk_sanctions_csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "crosscheck/source_paths.h"
#include "crosscheck/watchlist/internal/list_file.h"

namespace crosscheck::watchlist::internal {
namespace {

// Rows written to the published layouts (tests/fixtures/screening/lists/README.md).
std::string Fixture(const char* name) {
  auto text = ReadListFile(std::filesystem::path(CROSSCHECK_SOURCE_DIR) /
                           "tests/fixtures/screening/lists" / name);
  EXPECT_TRUE(text) << text.error().ToString();
  return text ? *text : std::string();
}

const SanctionsEntry* ByReference(const std::vector<SanctionsEntry>& entries,
                                  std::string_view reference) {
  const auto found = std::find_if(entries.begin(), entries.end(), [&](const SanctionsEntry& entry) {
    return entry.reference == reference;
  });
  return found == entries.end() ? nullptr : &*found;
}

std::vector<std::string> AliasNames(const SanctionsEntry& entry) {
  std::vector<std::string> names;
  for (const SanctionsAlias& alias : entry.aliases) names.push_back(alias.name);
  return names;
}

struct ExpectedIssue {
  std::int64_t line;
  const char* code;
};

void ExpectIssues(const IssueLog& issues, const std::string& file,
                  const std::vector<ExpectedIssue>& expected) {
  ASSERT_EQ(issues.size(), expected.size());
  for (std::size_t issue_idx = 0; issue_idx < expected.size(); ++issue_idx) {
    const Issue& issue = issues.issues()[issue_idx];
    SCOPED_TRACE(issue.ToString());
    EXPECT_EQ(issue.file, file);
    EXPECT_EQ(issue.line, expected[issue_idx].line);
    EXPECT_EQ(issue.code, expected[issue_idx].code);
  }
}

TEST(UkSanctionsCsv, ReadsConListGroupedByGroupId) {
  IssueLog issues;
  auto entries = ParseUkSanctionsCsv(Fixture("uk_conlist.csv"), "uk_conlist.csv", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 4U);
  for (const SanctionsEntry& entry : *entries) EXPECT_EQ(entry.source, "UK");

  const SanctionsEntry* syria = ByReference(*entries, "12431");
  ASSERT_NE(syria, nullptr);
  EXPECT_EQ(syria->ent_num, 12431);
  EXPECT_EQ(syria->type, SdnType::kEntity);
  EXPECT_EQ(syria->name, "(GENERAL) ORGANIZATION FOR ENGINEERING INDUSTRIES");
  EXPECT_EQ(syria->programs, std::vector<std::string>{"Syria"});
  ASSERT_EQ(syria->addresses.size(), 1U);
  EXPECT_EQ(syria->addresses[0].address, "PO Box 21120");
  EXPECT_EQ(syria->addresses[0].city_state_zip, "Baramkeh, Damascus");
  EXPECT_EQ(syria->addresses[0].country, "Syria");
  EXPECT_TRUE(syria->remarks.starts_with("(UK Sanctions List Ref):SYR0306"));

  // The "Primary name" row is the name even after an AKA row; Name 6 is the surname.
  const SanctionsEntry* kim = ByReference(*entries, "990001");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->type, SdnType::kIndividual);
  EXPECT_EQ(kim->name, "KIM, Yong Chol");
  EXPECT_EQ(AliasNames(*kim), (std::vector<std::string>{"KIM, Yong-Chol", "KIM, Young-Chol"}));
  EXPECT_EQ(kim->aliases[1].alt_type, "aka");
  EXPECT_EQ(kim->aliases[1].remarks, "Good");
  EXPECT_EQ(kim->programs, std::vector<std::string>{"Democratic People's Republic of Korea"});
  EXPECT_EQ(kim->nationalities, std::vector<std::string>{"North Korea"});
  EXPECT_EQ(kim->places_of_birth, std::vector<std::string>{"Pyongan-Pukto, North Korea"});
  ASSERT_EQ(kim->birth_dates.size(), 2U);  // 00/00/1947 and 00/00/1946: the years
  EXPECT_EQ(kim->birth_dates[0].first, (CivilDate{1947, 1, 1}));
  EXPECT_EQ(kim->birth_dates[0].last, (CivilDate{1947, 12, 31}));
  EXPECT_EQ(kim->birth_dates[1].first, (CivilDate{1946, 1, 1}));

  ExpectIssues(issues, "uk_conlist.csv",
               {{8, "UK_BAD_GROUP_ID"},
                {9, "UK_WRONG_FIELD_COUNT"},
                {10, "UK_EMPTY_NAME"},
                {11, "UK_BAD_DATE_OF_BIRTH"}});
  EXPECT_NE(ByReference(*entries, "990004"), nullptr);  // kept without its impossible date
}

TEST(UkSanctionsCsv, ReadsTheUkSanctionsListGroupedByUniqueId) {
  IssueLog issues;
  auto entries =
      ParseUkSanctionsCsv(Fixture("uk_sanctions_list.csv"), "uk_sanctions_list.csv", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 2U);

  const SanctionsEntry* exchange = ByReference(*entries, "AFG0001");
  ASSERT_NE(exchange, nullptr);
  EXPECT_EQ(exchange->ent_num, 12703);
  EXPECT_EQ(exchange->type, SdnType::kEntity);
  EXPECT_EQ(exchange->name, "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE");
  ASSERT_EQ(exchange->aliases.size(), 2U);
  EXPECT_EQ(exchange->aliases[0].alt_type, "original script");
  EXPECT_EQ(exchange->aliases[1].name, "HAJI KHAIRULLAH HAJI SATTAR SARAFI");
  EXPECT_EQ(exchange->aliases[1].alt_type, "alias");
  EXPECT_EQ(exchange->aliases[1].remarks, "Good quality");
  EXPECT_EQ(exchange->programs,
            std::vector<std::string>{"The Afghanistan (Sanctions) (EU Exit) Regulations 2020"});

  const SanctionsEntry* akhund = ByReference(*entries, "AFG0006");
  ASSERT_NE(akhund, nullptr);
  EXPECT_EQ(akhund->type, SdnType::kIndividual);
  EXPECT_EQ(akhund->name, "AKHUND, MOHAMMAD HASSAN");
  EXPECT_EQ(akhund->title, "Mullah");
  EXPECT_EQ(AliasNames(*akhund), (std::vector<std::string>{"AKHUND, HASSAN", "محمد حسن آخوند"}));
  EXPECT_EQ(akhund->places_of_birth, std::vector<std::string>{"Kandahar, Afghanistan"});

  ExpectIssues(issues, "uk_sanctions_list.csv", {{7, "UK_BAD_UNIQUE_ID"}});
}

TEST(UkSanctionsCsv, ReadsColumnsByNameInAnyOrderWithOrWithoutTheFirstLine) {
  const std::string header = "Group ID,Regime,Group Type,Alias Type,DOB,Name 1,Name 6\n";
  const std::string rows =
      "5,Democratic People's Republic of Korea,Individual,Primary name,12/04/1970,Chong Chol,RI\n"
      "5,Democratic People's Republic of Korea,Individual,AKA,,Jong Chol,RI\n";
  for (const std::string& text : {header + rows, "Last Updated,01/02/2024\n" + header + rows}) {
    IssueLog issues;
    auto entries = ParseUkSanctionsCsv(text, "ConList.csv", issues);
    ASSERT_TRUE(entries) << entries.error().ToString();
    ASSERT_EQ(entries->size(), 1U);
    EXPECT_EQ((*entries)[0].name, "RI, Chong Chol");
    EXPECT_EQ(AliasNames((*entries)[0]), std::vector<std::string>{"RI, Jong Chol"});
    ASSERT_EQ((*entries)[0].birth_dates.size(), 1U);
    EXPECT_EQ((*entries)[0].birth_dates[0].first, (CivilDate{1970, 4, 12}));
    EXPECT_TRUE(issues.empty());
  }
}

TEST(UkSanctionsCsv, RefusesWhatIsNotTheList) {
  struct Case {
    const char* name;
    std::string text;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"empty", "", "empty"},
      {"the EU list", "fileGenerationDate;Entity_LogicalId;NameAlias_WholeName\n1;1;A\n", "Name 6"},
      {"a banner and a header only", "Last Updated,01/02/2024\nName 6,Group ID\n", "no UK entry"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    IssueLog issues;
    auto entries = ParseUkSanctionsCsv(test.text, "ConList.csv", issues);
    ASSERT_FALSE(entries);
    EXPECT_EQ(entries.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(entries.error().message().find("ConList.csv"), std::string::npos)
        << entries.error().message();
    EXPECT_NE(entries.error().message().find(test.says), std::string::npos)
        << entries.error().message();
  }
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
