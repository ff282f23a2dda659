#include "crosscheck/watchlist/sanctions_list.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crosscheck/watchlist/internal/name_similarity.h"
#include "crosscheck/watchlist/internal/token_rarity.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::watchlist {
namespace {

const std::filesystem::path kOfacDir = std::filesystem::path(CROSSCHECK_SHARED_DIR) / "data/ofac";

// The real 2021 SDN list is loaded once for the whole binary (about 21k names): loading
// and indexing is the slow part under the sanitizers.
struct LoadedList {
  IssueLog issues;
  SanctionsList list;
};
const LoadedList& RealLoad() {
  static const LoadedList* loaded = [] {
    IssueLog issues;
    auto list = SanctionsList::Load(kOfacDir, issues);
    if (!list) {
      ADD_FAILURE() << list.error().ToString();
      std::abort();
    }
    return new LoadedList{std::move(issues), std::move(*list)};
  }();
  return *loaded;
}
const SanctionsList& RealList() { return RealLoad().list; }

std::string Describe(const std::vector<SanctionsMatch>& matches) {
  std::string out;
  for (const SanctionsMatch& match : matches) {
    out += std::to_string(match.ent_num) + " " + match.listed_name + " " +
           std::to_string(match.score) + " [" + match.explanation + "]\n";
  }
  return out.empty() ? "no matches" : out;
}

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("crosscheck_watchlist_" + name + "_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(SanctionsList, LoadsTheRealOfacFiles) {
  const SanctionsList* list = &RealList();
  const IssueLog& issues = RealLoad().issues;
  // sdn.csv has 8,976 lines, alt.csv 11,910; every row of the 2021 copy is well-formed.
  EXPECT_EQ(list->entries().size(), 8976U);
  // alt.csv's 11,910 aliases plus those written only in remarks ("a.k.a. '...'").
  std::size_t remarks_aliases = 0;
  for (const SanctionsEntry& entry : list->entries()) {
    for (const SanctionsAlias& alias : entry.aliases) {
      remarks_aliases += alias.remarks == kRemarksAliasNote ? 1 : 0;
    }
  }
  EXPECT_EQ(remarks_aliases, 2438U);
  EXPECT_EQ(list->indexed_name_count(), 8976U + 11910U + remarks_aliases);
  const SanctionsEntry* safa = list->Find(26957);
  ASSERT_NE(safa, nullptr);
  EXPECT_TRUE(std::any_of(safa->aliases.begin(), safa->aliases.end(), [](const auto& alias) {
    return alias.name == "AL-ZAIN, Ali Wahib" && alias.alt_num == 0;
  }));
  for (const Issue& issue : issues.issues()) ADD_FAILURE() << issue.ToString();

  const SanctionsEntry* kim = list->Find(20157);
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->name, "KIM, Jong Un");
  EXPECT_EQ(kim->type, SdnType::kIndividual);
  EXPECT_EQ(kim->programs, std::vector<std::string>{"DPRK3"});

  const SanctionsEntry* silverstar = list->Find(24977);
  ASSERT_NE(silverstar, nullptr);
  EXPECT_EQ(silverstar->type, SdnType::kEntity);
  EXPECT_EQ(silverstar->programs, (std::vector<std::string>{"DPRK3", "DPRK4"}));
  EXPECT_EQ(silverstar->aliases.size(), 7U);
  EXPECT_FALSE(silverstar->addresses.empty());
  EXPECT_EQ(list->Find(999999999), nullptr);
}

struct PositiveCase {
  const char* query;
  std::int64_t want_ent_num;
  const char* why;
};

TEST(SanctionsList, FindsDprkEntriesAndAliases) {
  const std::vector<PositiveCase> cases = {
      {"Kim Jong Un", 20157, "exact"},
      {"Jong Un Kim", 20157, "given name first"},
      {"KIM Jong-un", 20157, "hyphenated given name"},
      {"Kim Jongun", 20157, "given name written as one word"},
      {"Kim Jung Un", 20157, "personal spelling of the syllable"},
      {"\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80", 20157, "Hangul"},
      {"Kim Yo Jong", 21444, "exact"},
      {"Kim Yo-chong", 21444, "alias KIM, Yo'-cho'ng"},
      {"Young-Chul Kim", 12211, "alias KIM, Young-Chul, reordered"},
      {"Choi Bu Il", 20120, "alias CHOI, Bu-il"},
      {"Choe Pu-Il", 20120, "primary CHOE, Pu Il"},
      {"Lee Won Ho", 19609, "RI, Won Ho with the ROK spelling of the surname"},
      {"Kwak Chongchol", 22998, "KWAK, Chong-chol joined"},
      {"Park Kwang Ho", 26168, "PAK, Kwang Ho"},
      {"Pang Soo Nam", 22984, "PANG, Su Nam"},
      {"Jong Kyong Taek", 23212, "JONG, Kyong Thaek with a dropped letter"},
      {"Tian Yinyin", 28263, "exact"},
      {"Kwak Chong Chlo", 22998, "transposed letters"},
      {"Yanbian Silverstar Network Technology", 24977, "company without legal form"},
      {"Yanbian Silver Star", 24977, "alias"},
      {"Volasys Silver Star", 24978, "exact entity"},
      {"Volasys Silverstar", 24978, "joined words"},
      {"Lazarus Group", 27307, "exact entity"},
  };
  for (const PositiveCase& test_case : cases) {
    SCOPED_TRACE(std::string(test_case.query) + " (" + test_case.why + ")");
    const std::vector<SanctionsMatch> matches = RealList().Screen(test_case.query, {});
    SCOPED_TRACE(Describe(matches));
    const auto found = std::find_if(matches.begin(), matches.end(), [&](const SanctionsMatch& m) {
      return m.ent_num == test_case.want_ent_num;
    });
    ASSERT_NE(found, matches.end());
    EXPECT_GE(found->score, kDefaultSanctionsThreshold);
    EXPECT_FALSE(found->programs.empty());
    EXPECT_FALSE(found->explanation.empty());
  }
}

// A common name that is itself listed is a true match: the reviewer has to look.
TEST(SanctionsList, ListedCommonNamesDoMatch) {
  const std::vector<PositiveCase> cases = {
      {"Zhang Wei", 23647, "listed as WEI, Zhang"},
      {"Rajesh Gupta", 27586, "listed as GUPTA, Rajesh"},
      {"\xe5\xbc\xa0\xe4\xbc\x9f", 23647, "the same name in Han, read as pinyin"},
  };
  for (const PositiveCase& test_case : cases) {
    SCOPED_TRACE(std::string(test_case.query) + " (" + test_case.why + ")");
    const std::vector<SanctionsMatch> matches = RealList().Screen(test_case.query, {});
    ASSERT_FALSE(matches.empty());
    EXPECT_EQ(matches[0].ent_num, test_case.want_ent_num);
  }
}

TEST(SanctionsList, CommonNamesDoNotMatch) {
  const std::vector<const char*> names = {
      // English
      "John Smith", "Mary Johnson", "Michael Brown", "Jennifer Williams", "David Miller",
      "Emma Daniels", "James Wilson", "Sarah Davis",
      // Korean (Revised Romanization, as ROK citizens write their names)
      "Kim Min-jun", "Lee Seo-yeon", "Park Ji-hoon", "Choi Woo-jin", "Jung Ha-eun",
      "Kang Min-seo", "Kim Ji-woo", "Lee Min-ho", "Kim Seo-yun", "Yoon Ji-ho",
      // Chinese
      "Wang Wei", "Wang Lei", "Li Na", "Liu Yang", "Chen Jie", "Wang Fang", "Zhang Min",
      "Li Qiang",
      // Indian
      "Rahul Sharma", "Priya Patel", "Amit Kumar", "Sunita Devi", "Anjali Singh",
      "Rajesh Khanna", "Vikram Reddy", "Pooja Iyer",
  };
  for (const char* name : names) {
    SCOPED_TRACE(name);
    const std::vector<SanctionsMatch> matches = RealList().Screen(name, {});
    EXPECT_TRUE(matches.empty()) << Describe(matches);
  }
}

// Fairness: a Korean name must only match through its similarity to a listed name; sharing
// the surname Kim with dozens of DPRK entries is not evidence.
TEST(SanctionsList, SharedKoreanSurnameIsNotAMatch) {
  ScreenOptions everything;
  everything.threshold = 0.0;
  everything.max_results = 100000;
  const std::vector<SanctionsMatch> all = RealList().Screen("Kim Min-jun", everything);
  ASSERT_FALSE(all.empty());
  // The best any "KIM, ..." entry reaches is KIM, Man Chun (jun is chun in
  // McCune-Reischauer, min one letter from man), below the threshold.
  EXPECT_LT(all.front().score, kDefaultSanctionsThreshold) << Describe({all.front()});
  EXPECT_TRUE(RealList().Screen("Kim Min-jun", {}).empty());
  // The same name shape with a non-Korean surname scores the same way against a list that
  // holds the same shape: the scorer sees tokens, not origins.
  SanctionsEntry korean{.ent_num = 1, .name = "KIM, Yong Chol", .type = SdnType::kIndividual};
  SanctionsEntry english{.ent_num = 2, .name = "ROE, Yong Chol", .type = SdnType::kIndividual};
  const SanctionsList small = SanctionsList::FromEntries({korean, english});
  const std::vector<SanctionsMatch> korean_hits = small.Screen("Kim Min Jun", everything);
  const std::vector<SanctionsMatch> english_hits = small.Screen("Roe Min Jun", everything);
  ASSERT_EQ(korean_hits.size(), 1U);
  ASSERT_EQ(english_hits.size(), 1U);
  EXPECT_EQ(korean_hits[0].ent_num, 1);
  EXPECT_EQ(english_hits[0].ent_num, 2);
  EXPECT_LT(korean_hits[0].score, 0.5);
  EXPECT_DOUBLE_EQ(korean_hits[0].score, english_hits[0].score);
}

TEST(SanctionsList, RespectsOptions) {
  ScreenOptions options;
  options.include_individuals = false;
  EXPECT_TRUE(RealList().Screen("Kim Jong Un", options).empty());
  options = {};
  options.include_entities = false;
  EXPECT_TRUE(RealList().Screen("Lazarus Group", options).empty());
  // Vessels are left out by default: MU DU BONG (17092) is a DPRK cargo ship.
  EXPECT_TRUE(RealList().Screen("Mu Du Bong", {}).empty());
  options = {};
  options.include_vessels_and_aircraft = true;
  const auto ships = RealList().Screen("Mu Du Bong", options);
  ASSERT_FALSE(ships.empty());
  EXPECT_EQ(ships[0].ent_num, 17092);
  EXPECT_EQ(ships[0].type, SdnType::kVessel);
  options = {};
  options.threshold = 0.5;
  options.max_results = 3;
  EXPECT_EQ(RealList().Screen("Kim Yong Chol", options).size(), 3U);
}

TEST(SanctionsList, ScreenManyEqualsScreen) {
  const std::vector<std::string> names = {"Kim Jong Un", "John Smith", "Lazarus Group",
                                          "Choe Pu Il", "", "Volasys Silverstar"};
  const auto batch = RealList().ScreenMany(names, {}, 2);
  ASSERT_EQ(batch.size(), names.size());
  for (std::size_t name_idx = 0; name_idx < names.size(); ++name_idx) {
    SCOPED_TRACE(names[name_idx]);
    const auto single = RealList().Screen(names[name_idx], {});
    ASSERT_EQ(batch[name_idx].size(), single.size());
    for (std::size_t match_idx = 0; match_idx < single.size(); ++match_idx) {
      EXPECT_EQ(batch[name_idx][match_idx].ent_num, single[match_idx].ent_num);
      EXPECT_EQ(batch[name_idx][match_idx].score, single[match_idx].score);
    }
  }
}

TEST(SanctionsList, IndexFindsWhatALinearScanFinds) {
  // The index only prunes: for names with typos, joins and variants, Screen must return
  // exactly the entries a comparison against every listed name returns.
  const std::vector<const char*> queries = {"Kwak Chong Chlo", "Yanbian Silverstar",
                                            "Hwang Pyongso", "Mohammed Al Hasan"};
  ScreenOptions options;
  options.threshold = 0.8;
  options.max_results = 100000;
  // Token rarity counts every listed name, vessels included, as the index does.
  std::vector<std::pair<std::int64_t, internal::PreparedName>> listed;
  std::vector<bool> screened;
  internal::TokenRarity rarity;
  for (const SanctionsEntry& entry : RealList().entries()) {
    const bool person_or_entity = entry.type != SdnType::kVessel && entry.type != SdnType::kAircraft;
    listed.emplace_back(entry.ent_num, internal::PrepareName(entry.name));
    screened.push_back(person_or_entity);
    for (const SanctionsAlias& alias : entry.aliases) {
      listed.emplace_back(entry.ent_num, internal::PrepareName(alias.name));
      screened.push_back(person_or_entity);
    }
  }
  for (const auto& [ent_num, name] : listed) rarity.CountName(name);
  for (auto& [ent_num, name] : listed) internal::ApplyRarity(rarity, name);
  for (const char* query : queries) {
    SCOPED_TRACE(query);
    internal::PreparedName prepared = internal::PrepareName(query);
    internal::ApplyRarity(rarity, prepared);
    std::vector<std::int64_t> linear;
    for (std::size_t name_idx = 0; name_idx < listed.size(); ++name_idx) {
      if (screened[name_idx] &&
          internal::CompareNames(prepared, listed[name_idx].second).score >= options.threshold) {
        linear.push_back(listed[name_idx].first);
      }
    }
    linear.erase(std::unique(linear.begin(), linear.end()), linear.end());
    std::vector<std::int64_t> indexed;
    for (const SanctionsMatch& match : RealList().Screen(query, options)) {
      indexed.push_back(match.ent_num);
    }
    std::sort(linear.begin(), linear.end());
    linear.erase(std::unique(linear.begin(), linear.end()), linear.end());
    std::sort(indexed.begin(), indexed.end());
    EXPECT_EQ(indexed, linear);
  }
}

TEST(SanctionsList, LoadErrorsAndBadRows) {
  IssueLog issues;
  auto missing = SanctionsList::Load("/nonexistent/ofac", issues);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);

  TempDir dir("bad_rows");
  WriteFile(dir.path() / "sdn.csv",
            "1,\"KIM, Test One\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
            "x2,\"BAD NUMBER\",-0- ,\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
            "3,\"SHORT ROW\",-0- \r\n"
            "4,\"GOOD ENTITY\",-0- ,\"DPRK2] [DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
  auto no_alt = SanctionsList::Load(dir.path(), issues);
  ASSERT_FALSE(no_alt);
  EXPECT_EQ(no_alt.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(no_alt.error().ToString().find("alt.csv"), std::string::npos);

  WriteFile(dir.path() / "alt.csv",
            "1,10,\"aka\",\"KIM, Alias One\",-0- \r\n"
            "77,11,\"aka\",\"ORPHAN\",-0- \r\n");
  issues = IssueLog();
  auto list = SanctionsList::Load(dir.path(), issues);
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->entries().size(), 2U);
  EXPECT_EQ(list->Find(4)->programs, (std::vector<std::string>{"DPRK2", "DPRK3"}));
  struct WantIssue {
    const char* file;
    std::int64_t line;
    const char* code;
  };
  // In the order they are found: the CSV reader's issues for a file, then the field checks.
  const std::vector<WantIssue> want = {{"sdn.csv", 3, "OFAC_WRONG_FIELD_COUNT"},
                                       {"sdn.csv", 2, "OFAC_BAD_ENT_NUM"},
                                       {"alt.csv", 2, "OFAC_UNKNOWN_ENT_NUM"},
                                       {"add.csv", 0, "OFAC_FILE_MISSING"}};
  ASSERT_EQ(issues.size(), want.size());
  for (std::size_t issue_idx = 0; issue_idx < want.size(); ++issue_idx) {
    const Issue& issue = issues.issues()[issue_idx];
    SCOPED_TRACE(issue.ToString());
    EXPECT_EQ(issue.file, want[issue_idx].file);
    EXPECT_EQ(issue.line, want[issue_idx].line);
    EXPECT_EQ(issue.code, want[issue_idx].code);
  }
  const auto alias_hits = list->Screen("Alias One Kim", {});
  ASSERT_EQ(alias_hits.size(), 1U);
  EXPECT_TRUE(alias_hits[0].via_alias);
  EXPECT_EQ(alias_hits[0].primary_name, "KIM, Test One");

  WriteFile(dir.path() / "sdn.csv", "garbage without fields\r\n");
  issues = IssueLog();
  auto empty = SanctionsList::Load(dir.path(), issues);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code(), ErrorCode::kInvalidInput);
}

// A byte-order mark at the start of a file (a spreadsheet's "CSV UTF-8") must not cost the
// first entry.
TEST(SanctionsList, AByteOrderMarkKeepsTheFirstEntry) {
  TempDir dir("bom");
  WriteFile(dir.path() / "sdn.csv",
            "\xEF\xBB\xBF" "1,\"KIM, Test One\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
            "2,\"PAK, Test Two\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
  WriteFile(dir.path() / "alt.csv", "\xEF\xBB\xBF" "1,10,\"aka\",\"KIM, Alias One\",-0- \r\n");
  IssueLog issues;
  auto list = SanctionsList::Load(dir.path(), issues);
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->entries().size(), 2U);
  ASSERT_NE(list->Find(1), nullptr);
  EXPECT_EQ(list->Screen("Alias One Kim", {}).size(), 1U);
  for (const Issue& issue : issues.issues()) EXPECT_NE(issue.code, "OFAC_BAD_ENT_NUM") << issue.ToString();
}

}  // namespace
}  // namespace crosscheck::watchlist
