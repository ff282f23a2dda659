#include "crosscheck/watchlist/internal/ofac_advanced_xml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <unordered_set>

#include "crosscheck/source_paths.h"
#include "crosscheck/watchlist/internal/list_file.h"
#include "crosscheck/watchlist/internal/ofac_entries.h"

namespace crosscheck::watchlist::internal {
namespace {

// Eight SDN entries written from ../shared/data/ofac to the advanced layout
// (tests/fixtures/screening/lists/README.md says which values come from where).
std::string Fixture() {
  auto text = ReadListFile(std::filesystem::path(CROSSCHECK_SOURCE_DIR) /
                           "tests/fixtures/screening/lists/ofac_sdn_advanced.xml");
  EXPECT_TRUE(text) << text.error().ToString();
  return text ? *text : std::string();
}

const SanctionsEntry* ByEntNum(const std::vector<SanctionsEntry>& entries, std::int64_t ent_num) {
  const auto found = std::find_if(entries.begin(), entries.end(),
                                  [&](const SanctionsEntry& entry) { return entry.ent_num == ent_num; });
  return found == entries.end() ? nullptr : &*found;
}

std::vector<std::string> AliasNames(const SanctionsEntry& entry) {
  std::vector<std::string> names;
  for (const SanctionsAlias& alias : entry.aliases) names.push_back(alias.alt_type + ":" + alias.name);
  return names;
}

TEST(OfacAdvancedXml, ReadsTheFixture) {
  IssueLog issues;
  auto entries = ParseOfacAdvancedXml(Fixture(), "ofac_sdn_advanced.xml", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  for (const Issue& issue : issues.issues()) ADD_FAILURE() << issue.ToString();
  EXPECT_EQ(entries->size(), 8U);
  EXPECT_EQ(std::count_if(entries->begin(), entries->end(),
                          [](const SanctionsEntry& entry) { return entry.type == SdnType::kIndividual; }),
            4);

  const SanctionsEntry* kim = ByEntNum(*entries, 20157);
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->name, "KIM, Jong Un");
  EXPECT_EQ(kim->reference, "20157");
  EXPECT_EQ(kim->source, kSdnSource);
  EXPECT_EQ(kim->type, SdnType::kIndividual);
  EXPECT_EQ(kim->programs, std::vector<std::string>{"DPRK3"});
  EXPECT_EQ(kim->title, "Chairman of the Workers' Party of Korea");
  ASSERT_EQ(kim->birth_dates.size(), 1U);
  EXPECT_EQ(kim->birth_dates[0].first, (CivilDate{1984, 1, 8}));
  EXPECT_EQ(kim->birth_dates[0].last, (CivilDate{1984, 1, 8}));
  ASSERT_EQ(kim->addresses.size(), 1U);
  EXPECT_EQ(kim->addresses[0].country, "Korea, North");

  const SanctionsEntry* komid_rep = ByEntNum(*entries, 17614);
  ASSERT_NE(komid_rep, nullptr);
  EXPECT_EQ(komid_rep->nationalities, std::vector<std::string>{"Korea, North"});

  // "DOB circa 1947; alt. DOB circa 1946": each year two years either side, as the CSV reads.
  const SanctionsEntry* yong_chol = ByEntNum(*entries, 12211);
  ASSERT_NE(yong_chol, nullptr);
  ASSERT_EQ(yong_chol->birth_dates.size(), 2U);
  EXPECT_EQ(yong_chol->birth_dates[0].first, (CivilDate{1945, 1, 1}));
  EXPECT_EQ(yong_chol->birth_dates[0].last, (CivilDate{1949, 12, 31}));
  EXPECT_EQ(yong_chol->places_of_birth, std::vector<std::string>{"Pyongan-Pukto, North Korea"});
  EXPECT_EQ(AliasNames(*yong_chol), (std::vector<std::string>{"aka:KIM, Yong-Chol", "aka:KIM, Young-Chol",
                                                              "aka:KIM, Young-Cheol", "aka:KIM, Young-Chul"}));

  const SanctionsEntry* komid = ByEntNum(*entries, 9345);
  ASSERT_NE(komid, nullptr);
  EXPECT_EQ(komid->type, SdnType::kEntity);
  EXPECT_EQ(komid->programs, (std::vector<std::string>{"NPWMD", "DPRK2"}));
  ASSERT_EQ(komid->aliases.size(), 7U);
  EXPECT_EQ(komid->aliases.back().name, "KOMID");
  EXPECT_EQ(komid->aliases.back().remarks, "low quality");
  ASSERT_EQ(komid->addresses.size(), 2U);
  EXPECT_EQ(komid->addresses[0].address, "Central District");
  EXPECT_EQ(komid->addresses[0].city_state_zip, "Pyongyang");

  const SanctionsEntry* gooryong = ByEntNum(*entries, 23510);
  ASSERT_NE(gooryong, nullptr);
  EXPECT_EQ(AliasNames(*gooryong), std::vector<std::string>{"fka:GOORYONG SHIPPING BANGKOK"});
  const SanctionsEntry* vessel = ByEntNum(*entries, 17069);
  ASSERT_NE(vessel, nullptr);
  EXPECT_EQ(vessel->type, SdnType::kVessel);
  const SanctionsEntry* safa = ByEntNum(*entries, 26957);
  ASSERT_NE(safa, nullptr);
  EXPECT_EQ(safa->places_of_birth.size(), 3U);
  EXPECT_EQ(safa->birth_dates.size(), 2U);
}

// The same entities read from sdn.csv (with alt.csv and add.csv) and from the advanced fixture
// are the same entries for screening: names, aliases (the CSV's weak a.k.a.s in its remarks are
// the XML's LowQuality aliases), dates of birth, programmes and type; and every query finds the
// same entity with the same score.
TEST(OfacAdvancedXml, ScreensLikeTheCsv) {
  IssueLog issues;
  auto advanced = ParseOfacAdvancedXml(Fixture(), "ofac_sdn_advanced.xml", issues);
  ASSERT_TRUE(advanced) << advanced.error().ToString();
  std::unordered_set<std::int64_t> wanted;
  for (const SanctionsEntry& entry : *advanced) wanted.insert(entry.ent_num);
  auto csv = ReadOfacEntries(OfacFiles::InDir(std::filesystem::path(CROSSCHECK_SHARED_DIR) / "data/ofac", OfacKind::kSdn),
                             issues);
  ASSERT_TRUE(csv) << csv.error().ToString();
  std::erase_if(*csv, [&](const SanctionsEntry& entry) { return !wanted.contains(entry.ent_num); });
  ASSERT_EQ(csv->size(), advanced->size());
  const SanctionsList from_csv = SanctionsList::FromEntries(std::move(*csv));
  const SanctionsList from_xml = SanctionsList::FromEntries(std::move(*advanced));

  for (const SanctionsEntry& expected : from_csv.entries()) {
    SCOPED_TRACE(expected.ent_num);
    const SanctionsEntry* read = from_xml.Find(expected.ent_num);
    ASSERT_NE(read, nullptr);
    EXPECT_EQ(read->name, expected.name);
    EXPECT_EQ(read->type, expected.type);
    EXPECT_EQ(read->programs, expected.programs);
    EXPECT_EQ(read->reference, expected.reference);
    std::vector<std::string> want;
    std::vector<std::string> got;
    for (const SanctionsAlias& alias : expected.aliases) want.push_back(alias.alt_type + ":" + alias.name);
    for (const SanctionsAlias& alias : read->aliases) got.push_back(alias.alt_type + ":" + alias.name);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want);
    ASSERT_EQ(read->birth_dates.size(), expected.birth_dates.size());
    for (std::size_t idx = 0; idx < read->birth_dates.size(); ++idx) {
      EXPECT_EQ(read->birth_dates[idx].first, expected.birth_dates[idx].first);
      EXPECT_EQ(read->birth_dates[idx].last, expected.birth_dates[idx].last);
    }
  }

  ScreenOptions options;
  options.threshold = 0.5;
  options.include_vessels_and_aircraft = true;
  for (const char* query : {"Kim Jong Un", "Kim Jong-un", "Kim Yong Chol", "Young-Chul Kim", "KOMID",
                            "Korea Mining Development Trading Corporation", "Changgwang Sinyong Corporation",
                            "Wafiq Safa", "Ali Wahib Al-Zain", "Gooryong Shipping Bangkok", "Chong Chon Gang",
                            "Banco Nacional de Cuba", "National Bank of Cuba", "김정은"}) {
    SCOPED_TRACE(query);
    const std::vector<SanctionsMatch> want = from_csv.Screen(query, options);
    const std::vector<SanctionsMatch> got = from_xml.Screen(query, options);
    ASSERT_FALSE(want.empty());
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t idx = 0; idx < want.size(); ++idx) {
      EXPECT_EQ(got[idx].reference, want[idx].reference);
      EXPECT_EQ(got[idx].source, want[idx].source);
      EXPECT_NEAR(got[idx].score, want[idx].score, 1e-9);
    }
  }
}

// A header of the reference sets the damaged documents below use.
constexpr std::string_view kHead = R"(<?xml version="1.0"?>
<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
<ReferenceValueSets>
<AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1403">Name</AliasType></AliasTypeValues>
<FeatureTypeValues><FeatureType ID="8">Birthdate</FeatureType></FeatureTypeValues>
<ListValues><List ID="1550">SDN List</List><List ID="91512">Sectoral Sanctions Identifications List</List></ListValues>
<NamePartTypeValues><NamePartType ID="1520">Last Name</NamePartType><NamePartType ID="1521">First Name</NamePartType></NamePartTypeValues>
<PartySubTypeValues><PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues>
<PartyTypeValues><PartyType ID="1">Individual</PartyType></PartyTypeValues>
<SanctionsTypeValues><SanctionsType ID="1">Program</SanctionsType></SanctionsTypeValues>
</ReferenceValueSets>
<DistinctParties>
)";

std::string Party(std::string_view fixed_ref, std::string_view alias_type, std::string_view date) {
  return std::string(R"(<DistinctParty FixedRef=")") + std::string(fixed_ref) + R"(">
<Profile ID=")" + std::string(fixed_ref) + R"(" PartySubTypeID="4"><Identity>
<Alias AliasTypeID=")" + std::string(alias_type) + R"(" Primary="true"><DocumentedName>
<DocumentedNamePart><NamePartValue NamePartGroupID="1">DOE</NamePartValue></DocumentedNamePart>
<DocumentedNamePart><NamePartValue NamePartGroupID="2">Jan</NamePartValue></DocumentedNamePart>
</DocumentedName></Alias>
<NamePartGroups><MasterNamePartGroup><NamePartGroup ID="1" NamePartTypeID="1520"/></MasterNamePartGroup>
<MasterNamePartGroup><NamePartGroup ID="2" NamePartTypeID="1521"/></MasterNamePartGroup></NamePartGroups>
</Identity>
<Feature FeatureTypeID="8"><FeatureVersion><DatePeriod><Start><From>)" + std::string(date) + R"(</From></Start></DatePeriod></FeatureVersion></Feature>
</Profile></DistinctParty>
)";
}

TEST(OfacAdvancedXml, BadPartiesAreIssuesWithTheirLine) {
  const std::string text = std::string(kHead) + Party("7", "1403", "<Year>1970</Year><Month>2</Month><Day>30</Day>") +
                           Party("x7", "1403", "<Year>1970</Year>") + Party("7", "1403", "<Year>1970</Year>") +
                           Party("8", "9999", "<Year>1971</Year>") +
                           R"(<DistinctParty FixedRef="9"><Profile ID="9" PartySubTypeID="4"/></DistinctParty>
</DistinctParties>
<SanctionsEntries>
<SanctionsEntry ProfileID="7" ListID="91512"><SanctionsMeasure SanctionsTypeID="1"><Comment>UKRAINE-EO13662</Comment></SanctionsMeasure></SanctionsEntry>
<SanctionsEntry ProfileID="8" ListID="1550"><SanctionsMeasure SanctionsTypeID="1"><Comment>SDGT</Comment></SanctionsMeasure></SanctionsEntry>
</SanctionsEntries>
</Sanctions>
)";
  IssueLog issues;
  auto entries = ParseOfacAdvancedXml(text, "bad.xml", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  // Party 7 is kept without its impossible date and listed on a non-SDN list; party 8 keeps
  // its primary name though its alias type is unknown; x7, the second 7 and 9 are skipped.
  ASSERT_EQ(entries->size(), 2U);
  EXPECT_EQ(entries->back().source, kSdnSource);
  EXPECT_EQ(entries->front().name, "DOE, Jan");
  EXPECT_EQ(entries->front().source, kOfacConsolidatedSource);
  EXPECT_EQ(entries->front().programs, std::vector<std::string>{"UKRAINE-EO13662"});
  EXPECT_TRUE(entries->front().birth_dates.empty());
  std::vector<std::string> codes;
  for (const Issue& issue : issues.issues()) {
    codes.push_back(issue.code);
    EXPECT_EQ(issue.file, "bad.xml");
    EXPECT_GT(issue.line, 12) << issue.ToString();
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"OFAC_ADV_BAD_DATE_OF_BIRTH", "OFAC_ADV_BAD_FIXEDREF",
                                             "OFAC_ADV_DUPLICATE_FIXEDREF", "OFAC_ADV_UNKNOWN_REFERENCE",
                                             "OFAC_ADV_EMPTY_NAME"}));
}

// Names in other scripts are aliases: the primary alias's Hangul DocumentedName is "original
// script", a Cyrillic A.K.A. an "aka"; the root may carry a prefix and the older namespace.
TEST(OfacAdvancedXml, OtherScriptsAreAliases) {
  const std::string text = R"(<?xml version="1.0"?>
<ofac:Sanctions xmlns:ofac="http://www.un.org/sanctions/1.0">
<ofac:ReferenceValueSets>
<ofac:AliasTypeValues><ofac:AliasType ID="1400">A.K.A.</ofac:AliasType><ofac:AliasType ID="1403">Name</ofac:AliasType></ofac:AliasTypeValues>
<ofac:NamePartTypeValues><ofac:NamePartType ID="1520">Last Name</ofac:NamePartType><ofac:NamePartType ID="1521">First Name</ofac:NamePartType></ofac:NamePartTypeValues>
<ofac:ScriptValues><ofac:Script ID="215">Latin</ofac:Script><ofac:Script ID="300">Hangul</ofac:Script><ofac:Script ID="220">Cyrillic</ofac:Script></ofac:ScriptValues>
</ofac:ReferenceValueSets>
<ofac:DistinctParties><ofac:DistinctParty FixedRef="5"><ofac:Profile ID="5"><ofac:Identity>
<ofac:Alias AliasTypeID="1403" Primary="true">
<ofac:DocumentedName><ofac:DocumentedNamePart><ofac:NamePartValue NamePartGroupID="1" ScriptID="300">김</ofac:NamePartValue></ofac:DocumentedNamePart>
<ofac:DocumentedNamePart><ofac:NamePartValue NamePartGroupID="2" ScriptID="300">철</ofac:NamePartValue></ofac:DocumentedNamePart></ofac:DocumentedName>
<ofac:DocumentedName><ofac:DocumentedNamePart><ofac:NamePartValue NamePartGroupID="1" ScriptID="215">KIM</ofac:NamePartValue></ofac:DocumentedNamePart>
<ofac:DocumentedNamePart><ofac:NamePartValue NamePartGroupID="2" ScriptID="215">Chol</ofac:NamePartValue></ofac:DocumentedNamePart></ofac:DocumentedName>
</ofac:Alias>
<ofac:Alias AliasTypeID="1400" Primary="false"><ofac:DocumentedName>
<ofac:DocumentedNamePart><ofac:NamePartValue NamePartGroupID="1" ScriptID="220">КИМ</ofac:NamePartValue></ofac:DocumentedNamePart>
<ofac:DocumentedNamePart><ofac:NamePartValue NamePartGroupID="2" ScriptID="220">Чол</ofac:NamePartValue></ofac:DocumentedNamePart>
</ofac:DocumentedName></ofac:Alias>
<ofac:NamePartGroups><ofac:MasterNamePartGroup><ofac:NamePartGroup ID="1" NamePartTypeID="1520"/></ofac:MasterNamePartGroup>
<ofac:MasterNamePartGroup><ofac:NamePartGroup ID="2" NamePartTypeID="1521"/></ofac:MasterNamePartGroup></ofac:NamePartGroups>
</ofac:Identity></ofac:Profile></ofac:DistinctParty></ofac:DistinctParties>
<ofac:SanctionsEntries><ofac:SanctionsEntry ProfileID="5"/></ofac:SanctionsEntries>
</ofac:Sanctions>
)";
  IssueLog issues;
  auto entries = ParseOfacAdvancedXml(text, "scripts.xml", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  for (const Issue& issue : issues.issues()) ADD_FAILURE() << issue.ToString();
  ASSERT_EQ(entries->size(), 1U);
  EXPECT_EQ(entries->front().name, "KIM, Chol");
  EXPECT_EQ(AliasNames(entries->front()), (std::vector<std::string>{"original script:김, 철", "aka:КИМ, Чол"}));
  const SanctionsList list = SanctionsList::FromEntries(std::move(*entries));
  EXPECT_FALSE(list.Screen("Ким Чол", {}).empty());
}

// A party no SanctionsEntry names is kept as an SDN entry without programmes, with an Issue.
TEST(OfacAdvancedXml, PartyWithoutSanctionsEntry) {
  const std::string text = std::string(kHead) + Party("7", "1403", "<Year>1970</Year>") + "</DistinctParties></Sanctions>";
  IssueLog issues;
  auto entries = ParseOfacAdvancedXml(text, "alone.xml", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 1U);
  EXPECT_EQ(entries->front().source, kSdnSource);
  EXPECT_TRUE(entries->front().programs.empty());
  ASSERT_EQ(entries->front().birth_dates.size(), 1U);
  ASSERT_EQ(issues.issues().size(), 1U);
  EXPECT_EQ(issues.issues().front().code, "OFAC_ADV_NO_SANCTIONS_ENTRY");
  EXPECT_EQ(issues.issues().front().line, 14);  // the Profile
}

TEST(OfacAdvancedXml, DamagedXmlIsReadAsFarAsItGoes) {
  const std::string text = std::string(kHead) + Party("7", "1403", "<Year>1970</Year>") + "<DistinctParty FixedRef=\"8\"><Profile";
  IssueLog issues;
  auto entries = ParseOfacAdvancedXml(text, "cut.xml", issues);
  ASSERT_TRUE(entries) << entries.error().ToString();
  EXPECT_EQ(entries->size(), 1U);
  ASSERT_FALSE(issues.issues().empty());
  EXPECT_EQ(issues.issues().front().code, "OFAC_ADV_XML_MALFORMED");
}

TEST(OfacAdvancedXml, RefusesWhatIsNotTheList) {
  IssueLog issues;
  EXPECT_FALSE(ParseOfacAdvancedXml("", "empty.xml", issues));
  EXPECT_FALSE(ParseOfacAdvancedXml("<CONSOLIDATED_LIST/>", "un.xml", issues));
  EXPECT_FALSE(ParseOfacAdvancedXml(std::string(kHead) + "</DistinctParties></Sanctions>", "none.xml", issues));
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
