#include "crosscheck/watchlist/internal/un_consolidated_xml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "crosscheck/watchlist/internal/list_file.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::watchlist::internal {
namespace {

// The first 100 individuals and 40 entities of the UN list of 2026-02-27, cut from
// moov-io/watchman's test/testdata/UN_consolidated.xml (tests/fixtures/screening/lists/README.md).
std::string RealSample() {
  auto text = ReadListFile(std::filesystem::path(CROSSCHECK_SOURCE_DIR) /
                           "tests/fixtures/screening/lists/un_consolidated.xml");
  EXPECT_TRUE(text) << text.error().ToString();
  return text ? *text : std::string();
}

const SanctionsEntry* ByReference(const std::vector<SanctionsEntry>& entries, std::string_view reference) {
  const auto found = std::find_if(entries.begin(), entries.end(),
                                  [&](const SanctionsEntry& entry) { return entry.reference == reference; });
  return found == entries.end() ? nullptr : &*found;
}

TEST(UnConsolidatedXml, ReadsTheRealSample) {
  IssueLog issues;
  auto entries = ParseUnConsolidatedXml(RealSample(), "un_consolidated.xml", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  EXPECT_EQ(entries->size(), 140U);
  EXPECT_EQ(std::count_if(entries->begin(), entries->end(),
                          [](const SanctionsEntry& entry) { return entry.type == SdnType::kIndividual; }),
            100);
  for (const Issue& issue : issues.issues()) ADD_FAILURE() << issue.ToString();

  const SanctionsEntry* saddam = ByReference(*entries, "IQi.001");
  ASSERT_NE(saddam, nullptr);
  EXPECT_EQ(saddam->source, "UN SC");
  EXPECT_EQ(saddam->name, "SADDAM HUSSEIN AL-TIKRITI");
  EXPECT_EQ(saddam->type, SdnType::kIndividual);
  EXPECT_EQ(saddam->programs, std::vector<std::string>{"Iraq"});
  ASSERT_FALSE(saddam->aliases.empty());
  EXPECT_EQ(saddam->aliases.front().name, "Abu Ali");
  ASSERT_EQ(saddam->birth_dates.size(), 1U);
  EXPECT_EQ(saddam->birth_dates[0].first, (CivilDate{1937, 4, 28}));
  EXPECT_EQ(saddam->birth_dates[0].last, (CivilDate{1937, 4, 28}));
  EXPECT_EQ(saddam->nationalities, std::vector<std::string>{"Iraq"});
  ASSERT_FALSE(saddam->places_of_birth.empty());
  EXPECT_NE(saddam->places_of_birth.front().find("Tikrit"), std::string::npos) << saddam->places_of_birth.front();

  // A YEAR alone spans the year; several dates of birth are all kept.
  const SanctionsEntry* qusay = ByReference(*entries, "IQi.002");
  ASSERT_NE(qusay, nullptr);
  ASSERT_EQ(qusay->birth_dates.size(), 2U);
  EXPECT_EQ(qusay->birth_dates[0].first, (CivilDate{1965, 1, 1}));
  EXPECT_EQ(qusay->birth_dates[0].last, (CivilDate{1965, 12, 31}));

  const auto entity = std::find_if(entries->begin(), entries->end(),
                                   [](const SanctionsEntry& entry) { return entry.type == SdnType::kEntity; });
  ASSERT_NE(entity, entries->end());
  EXPECT_FALSE(entity->reference.empty());
  EXPECT_FALSE(entity->name.empty());
}

TEST(UnConsolidatedXml, BadEntriesAreIssues) {
  const std::string text =
      "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST>\n <INDIVIDUALS>\n"
      "  <INDIVIDUAL><DATAID>7</DATAID><FIRST_NAME>ONE</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>"
      "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1960-13-45</DATE></INDIVIDUAL_DATE_OF_BIRTH>"
      "</INDIVIDUAL>\n"
      "  <INDIVIDUAL><DATAID>x</DATAID><FIRST_NAME>TWO</FIRST_NAME></INDIVIDUAL>\n"
      "  <INDIVIDUAL><DATAID>9</DATAID><FIRST_NAME></FIRST_NAME></INDIVIDUAL>\n"
      "  <INDIVIDUAL><DATAID>7</DATAID><FIRST_NAME>AGAIN</FIRST_NAME></INDIVIDUAL>\n"
      " </INDIVIDUALS>\n</CONSOLIDATED_LIST>\n";
  IssueLog issues;
  auto entries = ParseUnConsolidatedXml(text, "un.xml", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 1U);
  EXPECT_EQ((*entries)[0].reference, "QDi.1");
  ASSERT_EQ(issues.size(), 4U);
  EXPECT_EQ(issues.issues()[0].code, "UN_BAD_DATE_OF_BIRTH");
  EXPECT_EQ(issues.issues()[1].code, "UN_BAD_DATAID");
  EXPECT_EQ(issues.issues()[1].line, 5);
  EXPECT_EQ(issues.issues()[2].code, "UN_EMPTY_NAME");
  EXPECT_EQ(issues.issues()[3].code, "UN_DUPLICATE_DATAID");
  for (const Issue& issue : issues.issues()) EXPECT_EQ(issue.file, "un.xml");
}

TEST(UnConsolidatedXml, ATruncatedFileKeepsWhatCameBeforeTheDamage) {
  const std::string sample = RealSample();
  const std::size_t cut = sample.find("<REFERENCE_NUMBER>IQi.001");
  ASSERT_NE(cut, std::string::npos);
  IssueLog issues;
  auto entries = ParseUnConsolidatedXml(std::string_view(sample).substr(0, cut), "un.xml", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  EXPECT_GE(entries->size(), 70U);
  EXPECT_LT(entries->size(), 100U);
  ASSERT_FALSE(issues.empty());
  EXPECT_EQ(issues.issues()[0].code, "UN_XML_MALFORMED");
  EXPECT_GT(issues.issues()[0].line, 0);
}

TEST(UnConsolidatedXml, RefusesWhatIsNotTheList) {
  IssueLog issues;
  EXPECT_FALSE(ParseUnConsolidatedXml("", "un.xml", issues));
  EXPECT_FALSE(ParseUnConsolidatedXml("not xml at all", "un.xml", issues));
  auto other = ParseUnConsolidatedXml("<export><sanctionEntity/></export>", "eu.xml", issues);
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message().find("CONSOLIDATED_LIST"), std::string::npos);
  EXPECT_FALSE(ParseUnConsolidatedXml("<CONSOLIDATED_LIST/>", "un.xml", issues));
  // An entity declared in the file is never expanded.
  auto entities = ParseUnConsolidatedXml(
      "<!DOCTYPE x [<!ENTITY a \"AAAAAAAAAA\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
      "<CONSOLIDATED_LIST><ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME>X &b; Y</FIRST_NAME></ENTITY>"
      "</ENTITIES></CONSOLIDATED_LIST>",
      "un.xml", issues);
  ASSERT_TRUE(entities) << entities.error().ToString();
  EXPECT_EQ((*entities)[0].name.find("AAAA"), std::string::npos) << (*entities)[0].name;
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
