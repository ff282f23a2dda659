#include "crosscheck/watchlist/internal/eu_financial_sanctions_csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "crosscheck/source_paths.h"
#include "crosscheck/watchlist/internal/list_file.h"

namespace crosscheck::watchlist::internal {
namespace {

// Rows written to the published 118-column layout (tests/fixtures/screening/lists/README.md).
std::string Fixture() {
  auto text = ReadListFile(std::filesystem::path(CROSSCHECK_SOURCE_DIR) /
                           "tests/fixtures/screening/lists/eu_fsf.csv");
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

TEST(EuFinancialSanctionsCsv, GroupsTheFixtureRowsByLogicalId) {
  IssueLog issues;
  auto entries = ParseEuFinancialSanctionsCsv(Fixture(), "eu_fsf.csv", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 5U);
  for (const SanctionsEntry& entry : *entries) EXPECT_EQ(entry.source, "EU FSF");

  const SanctionsEntry* saddam = ByReference(*entries, "EU.27.28");
  ASSERT_NE(saddam, nullptr);
  EXPECT_EQ(saddam->ent_num, 13);
  EXPECT_EQ(saddam->name, "Saddam Hussein Al-Tikriti");
  EXPECT_EQ(saddam->type, SdnType::kIndividual);
  EXPECT_EQ(AliasNames(*saddam), (std::vector<std::string>{"Abu Ali", "Abou Ali"}));
  EXPECT_EQ(saddam->programs, std::vector<std::string>{"IRQ"});
  EXPECT_EQ(saddam->remarks, "(UNSC RESOLUTION 1483)");
  ASSERT_EQ(saddam->birth_dates.size(), 1U);
  EXPECT_EQ(saddam->birth_dates[0].first, (CivilDate{1937, 4, 28}));
  EXPECT_EQ(saddam->birth_dates[0].last, (CivilDate{1937, 4, 28}));
  EXPECT_EQ(saddam->places_of_birth, std::vector<std::string>{"al-Awja, near Tikrit, IRAQ"});

  // No EU reference number: the logical id is the reference. A repeated name is one name.
  const SanctionsEntry* yu = ByReference(*entries, "900001");
  ASSERT_NE(yu, nullptr);
  EXPECT_EQ(yu->name, "YU Chol U");
  EXPECT_TRUE(yu->aliases.empty());
  EXPECT_EQ(yu->programs, std::vector<std::string>{"PRK"});
  EXPECT_EQ(yu->nationalities, std::vector<std::string>{"KP"});
  ASSERT_EQ(yu->birth_dates.size(), 1U);
  EXPECT_EQ(yu->birth_dates[0].first, (CivilDate{1959, 8, 8}));

  const SanctionsEntry* ri = ByReference(*entries, "900002");
  ASSERT_NE(ri, nullptr);
  EXPECT_EQ(AliasNames(*ri), std::vector<std::string>{"Ri Man-gon"});
  ASSERT_EQ(ri->birth_dates.size(), 1U);
  EXPECT_EQ(ri->birth_dates[0].first, (CivilDate{1945, 1, 1}));
  EXPECT_EQ(ri->birth_dates[0].last, (CivilDate{1945, 12, 31}));

  const SanctionsEntry* komid = ByReference(*entries, "900003");
  ASSERT_NE(komid, nullptr);
  EXPECT_EQ(komid->type, SdnType::kEntity);
  EXPECT_EQ(AliasNames(*komid), std::vector<std::string>{"KOMID"});
  ASSERT_EQ(komid->addresses.size(), 1U);
  EXPECT_EQ(komid->addresses[0].address, "Central District");
  EXPECT_EQ(komid->addresses[0].city_state_zip, "Pyongyang");
  EXPECT_EQ(komid->addresses[0].country, "KP");
}

TEST(EuFinancialSanctionsCsv, BadRowsAreIssuesWithTheirLines) {
  IssueLog issues;
  auto entries = ParseEuFinancialSanctionsCsv(Fixture(), "eu_fsf.csv", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  struct Expected {
    std::int64_t line;
    const char* code;
    IssueSeverity severity;
  };
  const std::vector<Expected> expected = {
      {10, "EU_WRONG_FIELD_COUNT", IssueSeverity::kRowSkipped},
      {12, "EU_BAD_LOGICAL_ID", IssueSeverity::kRowSkipped},
      {13, "EU_BAD_DATE_OF_BIRTH", IssueSeverity::kFieldIgnored},
      {14, "EU_EMPTY_NAME", IssueSeverity::kRowSkipped}};
  ASSERT_EQ(issues.size(), expected.size());
  for (std::size_t issue_idx = 0; issue_idx < expected.size(); ++issue_idx) {
    const Issue& issue = issues.issues()[issue_idx];
    SCOPED_TRACE(issue.ToString());
    EXPECT_EQ(issue.file, "eu_fsf.csv");
    EXPECT_EQ(issue.line, expected[issue_idx].line);
    EXPECT_EQ(issue.code, expected[issue_idx].code);
    EXPECT_EQ(issue.severity, expected[issue_idx].severity);
  }
  // The entry with the bad date is kept, without a date.
  const SanctionsEntry* bad_date = ByReference(*entries, "900004");
  ASSERT_NE(bad_date, nullptr);
  EXPECT_TRUE(bad_date->birth_dates.empty());
}

TEST(EuFinancialSanctionsCsv, ReadsColumnsByNameInAnyOrder) {
  const std::string text =
      "NameAlias_WholeName;BirthDate_Circa;BirthDate_Year;Entity_Regulation_Programme;Entity_"
      "SubjectType_ClassificationCode;"
      "Entity_LogicalId;Citizenship_CountryDescription;Entity_EU_ReferenceNumber\n"
      "Kim Yong Chol;1;1947;PRK;person;77;NORTH KOREA;EU.1.2\n"
      "Kim Yong-chol;;;PRK;person;77;;EU.1.2\n"
      "Example Trading Ltd;;;PRK;vessel;78;;\n";
  IssueLog issues;
  auto entries = ParseEuFinancialSanctionsCsv(text, "eu.csv", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 2U);
  const SanctionsEntry& kim = (*entries)[0];
  EXPECT_EQ(kim.reference, "EU.1.2");
  EXPECT_EQ(kim.type, SdnType::kIndividual);
  EXPECT_EQ(AliasNames(kim), std::vector<std::string>{"Kim Yong-chol"});
  EXPECT_EQ(kim.nationalities, std::vector<std::string>{"NORTH KOREA"});
  ASSERT_EQ(kim.birth_dates.size(), 1U);  // circa 1947: two years either side
  EXPECT_EQ(kim.birth_dates[0].first, (CivilDate{1945, 1, 1}));
  EXPECT_EQ(kim.birth_dates[0].last, (CivilDate{1949, 12, 31}));
  // A subject type that is neither person nor enterprise: kept as an entity, reported.
  EXPECT_EQ((*entries)[1].type, SdnType::kEntity);
  ASSERT_EQ(issues.size(), 1U);
  EXPECT_EQ(issues.issues()[0].code, "EU_UNKNOWN_SUBJECT_TYPE");
  EXPECT_EQ(issues.issues()[0].line, 4);
}

TEST(EuFinancialSanctionsCsv, RefusesWhatIsNotTheList) {
  struct Case {
    const char* name;
    std::string text;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"empty", "", "empty"},
      {"OFAC's sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\n", "Entity_LogicalId"},
      {"a header and nothing else", "fileGenerationDate;Entity_LogicalId;NameAlias_WholeName\n",
       "no EU entry"},
      {"only bad rows", "Entity_LogicalId;NameAlias_WholeName\nx;A\n", "no EU entry"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    IssueLog issues;
    auto entries = ParseEuFinancialSanctionsCsv(test.text, "eu.csv", issues);
    ASSERT_FALSE(entries);
    EXPECT_EQ(entries.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(entries.error().message().find("eu.csv"), std::string::npos)
        << entries.error().message();
    EXPECT_NE(entries.error().message().find(test.says), std::string::npos)
        << entries.error().message();
  }
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
