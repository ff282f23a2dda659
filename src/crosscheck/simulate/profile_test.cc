#include "crosscheck/simulate/profile.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/simulate/catalog.h"
#include "crosscheck/simulate/identity.h"
#include "crosscheck/simulate/internal/test_world.h"
#include "crosscheck/simulate/near_listed_names.h"
#include "crosscheck/simulate/world.h"

namespace crosscheck::simulate {
namespace {

namespace fs = std::filesystem;
using internal::ReadFile;
using internal::ReadTable;
using internal::Table;

std::string DigitsOf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

// MostCommon returns the most frequent non-empty value (first in order on ties).
std::string MostCommon(const std::vector<std::string>& values) {
  std::map<std::string, int> counts;
  for (const std::string& value : values) {
    if (!value.empty()) ++counts[value];
  }
  std::string best;
  int best_count = 0;
  for (const auto& [value, count] : counts) {
    if (count > best_count) best = value, best_count = count;
  }
  return best;
}

// Handle reads a LinkedIn or GitHub cell as the site does: lower case, without the URL
// prefix and trailing slashes.
std::string Handle(std::string_view cell) {
  std::string text = ToLowerAscii(cell);
  for (std::string_view prefix : {"https://", "http://", "www.", "linkedin.com/in/", "github.com/"}) {
    if (StartsWith(text, prefix)) text.erase(0, prefix.size());
  }
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

// SharedLegitHandles counts the LinkedIn and GitHub handles given by two or more different
// legitimate people (truth.csv person ids) of a world.
int SharedLegitHandles(const fs::path& world) {
  const Table apps = ReadTable(world / "applications.csv");
  std::map<std::string, std::string> legit_person;  // application id -> person id
  for (const auto& row : ReadTable(world / "truth.csv").rows) {
    if (row[3] == "0") legit_person[row[0]] = row[1];
  }
  std::map<std::string, std::set<std::string>> holders;
  for (const char* column : {"linkedin", "github"}) {
    const std::size_t col = apps.Col(column);
    for (const auto& row : apps.rows) {
      const auto person = legit_person.find(row[0]);
      const std::string handle = Handle(row[col]);
      if (person != legit_person.end() && !handle.empty()) holders[std::string(column) + ":" + handle].insert(person->second);
    }
  }
  return static_cast<int>(std::count_if(holders.begin(), holders.end(), [](const auto& entry) { return entry.second.size() > 1; }));
}

TEST(Profile, ParsesItsNamesAndRejectsOthers) {
  for (Profile profile : {Profile::kDefault, Profile::kAdversarial, Profile::kSparse}) {
    const auto parsed = ParseProfile(ProfileName(profile));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, profile);
  }
  for (const char* bad : {"", "Adversarial", "hard", "sparse "}) {
    SCOPED_TRACE(bad);
    const auto parsed = ParseProfile(bad);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidInput);
  }
}

TEST(Realism, DefaultDrawsNothingNew) {
  const Realism realism = DrawRealism(Profile::kDefault, 7);
  EXPECT_FALSE(realism.adversarial());
  EXPECT_EQ(realism.large_household_people, 0);
  EXPECT_EQ(realism.cells_per_130_personas, 0);
  EXPECT_FALSE(realism.ats_only);
  EXPECT_TRUE(DescribeRealism(realism).empty());
}

TEST(Realism, AdversarialRatesStayInRangeAndVaryBySeed) {
  std::set<double> households, agencies, fronts;
  std::set<int> cells;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    SCOPED_TRACE(seed);
    const Realism realism = DrawRealism(Profile::kAdversarial, seed);
    const Realism again = DrawRealism(Profile::kAdversarial, seed);
    EXPECT_EQ(realism.large_household_people, again.large_household_people);
    EXPECT_EQ(DescribeRealism(realism), DescribeRealism(again));
    EXPECT_GE(realism.large_household_people, 0.03);
    EXPECT_LE(realism.large_household_people, 0.10);
    EXPECT_GE(realism.cells_per_130_personas, 2);
    EXPECT_LE(realism.cells_per_130_personas, 6);
    EXPECT_GE(realism.front_operation_share, 0.5);
    EXPECT_LE(realism.front_rate_low + realism.front_rate_span, 0.5 + 1e-9);
    // Sizes 5..8 get decreasing weight, the largest still possible.
    for (std::size_t idx = 1; idx < realism.large_size_weights.size(); ++idx) {
      EXPECT_LT(realism.large_size_weights[idx], realism.large_size_weights[idx - 1]);
      EXPECT_GT(realism.large_size_weights[idx], 0);
    }
    households.insert(realism.large_household_people);
    agencies.insert(realism.agency_share);
    fronts.insert(realism.front_operation_share);
    cells.insert(realism.cells_per_130_personas);
  }
  EXPECT_EQ(households.size(), 30u);
  EXPECT_EQ(agencies.size(), 30u);
  EXPECT_EQ(fronts.size(), 30u);
  EXPECT_GE(cells.size(), 3u);
}

TEST(Realism, SparseKeepsTheAdversarialRates) {
  for (std::uint64_t seed : {1, 7, 11}) {
    SCOPED_TRACE(seed);
    const Realism adversarial = DrawRealism(Profile::kAdversarial, seed);
    const Realism sparse = DrawRealism(Profile::kSparse, seed);
    EXPECT_TRUE(sparse.ats_only);
    EXPECT_FALSE(adversarial.ats_only);
    EXPECT_GE(sparse.ip_company_share, 0.25);
    EXPECT_LE(sparse.ip_company_share, 0.45);
    EXPECT_EQ(sparse.large_household_people, adversarial.large_household_people);
    EXPECT_EQ(sparse.kr_internet_phone, adversarial.kr_internet_phone);
    EXPECT_EQ(sparse.cells_per_130_personas, adversarial.cells_per_130_personas);
  }
}

TEST(NearListedNames, ShareASyllableButAreNeverListed) {
  ASSERT_TRUE(IsListedDprkName("KIM", "Yong Chol"));  // the check itself works
  ASSERT_TRUE(IsListedDprkName("Kim", "Young-Cheol"));  // aliases too
  EXPECT_FALSE(IsNearListedDprkName("Kim", "Yong Chol"));
  EXPECT_FALSE(IsNearListedDprkName("Smith", "Yong-min"));
  std::set<std::string> distinct;
  for (std::uint64_t draw = 0; draw < 2000; ++draw) {
    Rng rng(draw);
    const bool chinese = draw % 3 == 0;
    const NearListedName name = DrawNearListedName(chinese, rng);
    SCOPED_TRACE(name.given + " " + name.family);
    EXPECT_FALSE(IsListedDprkName(name.family, name.given));
    EXPECT_TRUE(IsNearListedDprkName(name.family, name.given));
    distinct.insert(name.given + " " + name.family);
  }
  EXPECT_GT(distinct.size(), 300u);  // many different names, not a handful
}

TEST(Identity, HomeLinesFitTheNumberingPlan) {
  const Catalog& catalog = GetCatalog();
  for (const char* country : {"KR", "GB", "DE", "FR", "IN", "AU", "US"}) {
    SCOPED_TRACE(country);
    const Locale& locale = catalog.locales[catalog.LocaleIndex(country)];
    Rng rng(5);
    std::string line_type;
    const auto line = MakeHomeLine(locale, locale.cities[0].area_codes, rng, &line_type);
    ASSERT_TRUE(line.has_value());
    EXPECT_EQ(line->calling_code, locale.calling_code);
    EXPECT_EQ(line_type, std::string(country) == "KR" ? "fixedVoip" : "landline");
    if (std::string(country) == "KR") {
      EXPECT_TRUE(StartsWith(line->nsn, "70"));
    }
    if (std::string(country) == "GB") {
      EXPECT_TRUE(StartsWith(line->nsn, "20"));
    }
    EXPECT_GE(line->nsn.size(), 9u);
    EXPECT_LE(line->nsn.size(), 10u);
  }
  std::string line_type;
  Rng rng(5);
  EXPECT_FALSE(MakeHomeLine(catalog.locales[catalog.LocaleIndex("NG")], "", rng, &line_type).has_value());
}

// One adversarial and one sparse world of the same seed (ctest runs each test in its own
// process, so each test generates them; they are small).
class ProfileWorlds : public ::testing::Test {
 protected:
  // More people than the default-profile tests, so that Korean residents with 070 phones exist.
  static WorldConfig Config(Profile profile, std::uint64_t seed) { return internal::SmallWorldConfig(seed, 3000, profile); }
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("crosscheck_profile_test_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    adversarial_ = new WorldSummary();
    sparse_ = new WorldSummary();
    Status status = GenerateWorld(Config(Profile::kAdversarial, 11), *dir_ / "adv", {}, adversarial_);
    ASSERT_TRUE(status) << status.error().ToString();
    status = GenerateWorld(Config(Profile::kSparse, 11), *dir_ / "sparse", {}, sparse_);
    ASSERT_TRUE(status) << status.error().ToString();
    apps_ = new Table(ReadTable(*dir_ / "adv" / "applications.csv"));
    // truth.csv is in generation order, applications.csv in time order: align truth to it.
    const Table truth = ReadTable(*dir_ / "adv" / "truth.csv");
    std::map<std::string, const std::vector<std::string>*> by_id;
    for (const auto& row : truth.rows) by_id[row[0]] = &row;
    truth_rows_in_file_ = truth.rows.size();
    truth_ = new Table();
    truth_->header = truth.header;
    for (const auto& row : apps_->rows) {
      const auto it = by_id.find(row[0]);
      truth_->rows.push_back(it == by_id.end() ? std::vector<std::string>(4) : *it->second);
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete adversarial_;
    delete sparse_;
    delete apps_;
    delete truth_;
  }
  // Values of a column per person (truth person_id), over the adversarial world's rows.
  static std::map<std::string, std::vector<std::string>> ByPerson(const std::string& column) {
    std::map<std::string, std::vector<std::string>> out;
    const std::size_t col = apps_->Col(column);
    for (std::size_t row_idx = 0; row_idx < apps_->rows.size(); ++row_idx) {
      out[truth_->rows[row_idx][1]].push_back(apps_->rows[row_idx][col]);
    }
    return out;
  }

  static fs::path* dir_;
  static WorldSummary* adversarial_;
  static WorldSummary* sparse_;
  static Table* apps_;
  static Table* truth_;  // aligned with apps_ (row i is the truth of application i)
  static std::size_t truth_rows_in_file_;
};

fs::path* ProfileWorlds::dir_ = nullptr;
WorldSummary* ProfileWorlds::adversarial_ = nullptr;
WorldSummary* ProfileWorlds::sparse_ = nullptr;
Table* ProfileWorlds::apps_ = nullptr;
Table* ProfileWorlds::truth_ = nullptr;
std::size_t ProfileWorlds::truth_rows_in_file_ = 0;

TEST_F(ProfileWorlds, TruthIsAlignedAndCountsAdd) {
  ASSERT_EQ(apps_->rows.size(), truth_rows_in_file_);
  for (std::size_t row_idx = 0; row_idx < apps_->rows.size(); ++row_idx) {
    ASSERT_EQ(apps_->rows[row_idx][0], truth_->rows[row_idx][0]);  // every application has its truth
    const bool fraud = truth_->rows[row_idx][3] == "1";
    ASSERT_EQ(fraud, !truth_->rows[row_idx][2].empty());  // fraud rows name their operation
  }
  EXPECT_EQ(adversarial_->people, 3000);
  EXPECT_GE(adversarial_->cells, 1);
  EXPECT_EQ(adversarial_->operations, 5 + adversarial_->cells);
  EXPECT_GE(adversarial_->personas, 30 + 3 * adversarial_->cells);
  EXPECT_LE(adversarial_->personas, 30 + 4 * adversarial_->cells);
}

TEST_F(ProfileWorlds, LargeHouseholdsOfDistinctPeopleShareAnAddress) {
  EXPECT_GT(adversarial_->large_households, 0);
  // Group legitimate people by household (person ids P<household>-<n>).
  const auto streets = ByPerson("street");
  const auto names = ByPerson("full_name");
  std::map<std::string, std::vector<std::string>> households;
  for (const auto& [person, values] : streets) {
    if (person[0] == 'P') households[person.substr(0, person.find('-'))].push_back(person);
  }
  int large_with_shared_street = 0;
  for (const auto& [household, members] : households) {
    if (members.size() < 5) continue;
    std::map<std::string, std::set<std::string>> people_by_street;
    std::set<std::string> distinct_names;
    for (const std::string& person : members) {
      people_by_street[MostCommon(streets.at(person))].insert(person);
      distinct_names.insert(MostCommon(names.at(person)));
    }
    people_by_street.erase("");
    for (const auto& [street, people] : people_by_street) {
      if (people.size() >= 5 && distinct_names.size() >= 5) ++large_with_shared_street;
    }
  }
  EXPECT_GT(large_with_shared_street, 0);
}

TEST_F(ProfileWorlds, FrontAgencyRowsAreFraudAndKeepTheSharedArtifacts) {
  const std::size_t source = apps_->Col("source");
  const std::size_t device = apps_->Col("device_id");
  std::int64_t front_rows = 0, legit_agency_rows = 0;
  std::map<std::string, std::set<std::string>> front_devices_by_op, other_devices_by_op;
  for (std::size_t row_idx = 0; row_idx < apps_->rows.size(); ++row_idx) {
    const auto& row = apps_->rows[row_idx];
    const bool fraud = truth_->rows[row_idx][3] == "1";
    const bool agency = StartsWith(row[source], "agency:");
    if (agency && !fraud) ++legit_agency_rows;
    if (agency && fraud) ++front_rows;
    if (!fraud || row[device].empty()) continue;
    const std::string& op = truth_->rows[row_idx][2];
    (agency ? front_devices_by_op : other_devices_by_op)[op].insert(row[device]);
  }
  EXPECT_GT(front_rows, 0);
  EXPECT_EQ(adversarial_->front_applications, front_rows);
  EXPECT_EQ(adversarial_->agency_applications, front_rows + legit_agency_rows);
  EXPECT_GT(legit_agency_rows, 0);
  // The front relays the personas' own devices: every front device is one the operation also
  // uses on its direct applications (the front does not own a device pool of its own).
  int ops_checked = 0;
  for (const auto& [op, devices] : front_devices_by_op) {
    for (const std::string& value : devices) EXPECT_TRUE(other_devices_by_op[op].count(value)) << op << " " << value;
    ++ops_checked;
  }
  EXPECT_GT(ops_checked, 0);
}

TEST_F(ProfileWorlds, CellsShareOneDeviceAndAtMostTwoPhones) {
  const std::size_t device = apps_->Col("device_id");
  const std::size_t phone = apps_->Col("phone");
  // Cells are the last operations: op-06 onwards in a world of 5 operations.
  std::map<std::string, std::set<std::string>> devices, phones, personas;
  for (std::size_t row_idx = 0; row_idx < apps_->rows.size(); ++row_idx) {
    const std::string& op = truth_->rows[row_idx][2];
    if (op.empty() || op <= "op-05") continue;
    const auto& row = apps_->rows[row_idx];
    personas[op].insert(truth_->rows[row_idx][1]);
    if (!row[device].empty()) devices[op].insert(row[device]);
    // Front submissions may carry the front's phone instead.
    const std::string digits = DigitsOf(row[phone]);
    if (digits.size() >= 7 && !StartsWith(row[apps_->Col("source")], "agency:")) phones[op].insert(digits.substr(digits.size() - 7));
  }
  EXPECT_EQ(static_cast<std::int64_t>(personas.size()), adversarial_->cells);
  for (const auto& [op, members] : personas) {
    SCOPED_TRACE(op);
    EXPECT_GE(members.size(), 3u);
    EXPECT_LE(members.size(), 4u);
    EXPECT_EQ(devices[op].size(), 1u);
    EXPECT_GE(phones[op].size(), 1u);
    EXPECT_LE(phones[op].size(), 2u);
  }
}

TEST_F(ProfileWorlds, KoreanInternetPhonesAndNearListedNamesAppear) {
  const std::size_t phone = apps_->Col("phone");
  const std::size_t line_type = apps_->Col("phone_line_type");
  const std::size_t name = apps_->Col("full_name");
  int internet_phones = 0, voip_typed = 0, near_listed = 0;
  for (std::size_t row_idx = 0; row_idx < apps_->rows.size(); ++row_idx) {
    const auto& row = apps_->rows[row_idx];
    const std::string digits = DigitsOf(row[phone]);
    if (truth_->rows[row_idx][3] == "1") continue;
    // +82 70 is a Korean internet phone; a national 070 may also be a Japanese mobile.
    if (StartsWith(digits, "8270") || StartsWith(digits, "008270")) ++internet_phones;
    if ((StartsWith(digits, "070") || StartsWith(digits, "8270")) && row[line_type] == "fixedVoip") ++voip_typed;
    // Try "Given Family" and "Family Given"; no legitimate name may be a listed one.
    const auto words = SplitString(row[name], ' ');
    if (words.size() != 2) continue;
    for (const auto& [family, given] : {std::pair{words[1], words[0]}, std::pair{words[0], words[1]}}) {
      EXPECT_FALSE(IsListedDprkName(family, given)) << row[name];
      if (IsNearListedDprkName(family, given)) ++near_listed;
    }
  }
  EXPECT_GT(internet_phones, 0);
  EXPECT_GT(voip_typed, 0);
  EXPECT_GT(near_listed, 0);
}

TEST_F(ProfileWorlds, SparseIsTheAdversarialWorldWithoutNonAtsColumns) {
  const Table sparse = ReadTable(*dir_ / "sparse" / "applications.csv");
  EXPECT_EQ(ReadFile(*dir_ / "sparse" / "truth.csv"), ReadFile(*dir_ / "adv" / "truth.csv"));
  ASSERT_EQ(sparse.rows.size(), apps_->rows.size());
  const std::set<std::string> emptied = {"date_of_birth", "photo_hash", "national_id", "device_id"};
  const std::size_t ip = sparse.Col("ip_address");
  const std::size_t company = sparse.Col("company_id");
  std::set<std::string> companies, companies_with_ip;
  for (std::size_t row_idx = 0; row_idx < sparse.rows.size(); ++row_idx) {
    const auto& row = sparse.rows[row_idx];
    const auto& full = apps_->rows[row_idx];
    for (std::size_t col = 0; col < sparse.header.size(); ++col) {
      if (emptied.count(sparse.header[col])) {
        ASSERT_TRUE(row[col].empty()) << sparse.header[col];
      } else if (col != ip || !row[col].empty()) {
        ASSERT_EQ(row[col], full[col]) << sparse.header[col];
      }
    }
    companies.insert(row[company]);
    if (!row[ip].empty()) companies_with_ip.insert(row[company]);
  }
  EXPECT_GT(companies_with_ip.size(), 0u);
  EXPECT_LE(static_cast<double>(companies_with_ip.size()), 0.35 * static_cast<double>(companies.size()));
}

TEST_F(ProfileWorlds, SameSeedSameWorldOtherSeedOtherRates) {
  ASSERT_TRUE(GenerateWorld(Config(Profile::kAdversarial, 11), *dir_ / "adv2"));
  for (const char* file : {"applications.csv", "truth.csv", "ip_ranges.csv", "signins.jsonl"}) {
    SCOPED_TRACE(file);
    EXPECT_EQ(ReadFile(*dir_ / "adv" / file), ReadFile(*dir_ / "adv2" / file));
  }
  WorldSummary other;
  ASSERT_TRUE(GenerateWorld(Config(Profile::kAdversarial, 12), *dir_ / "adv3", {}, &other));
  EXPECT_NE(other.realism.large_household_people, adversarial_->realism.large_household_people);
  EXPECT_NE(ReadFile(*dir_ / "adv" / "truth.csv"), ReadFile(*dir_ / "adv3" / "truth.csv"));
  // The adversarial world differs from the default world of the same seed.
  WorldConfig plain = Config(Profile::kDefault, 11);
  WorldSummary plain_summary;
  ASSERT_TRUE(GenerateWorld(plain, *dir_ / "plain", {}, &plain_summary));
  EXPECT_EQ(plain_summary.large_households, 0);
  EXPECT_EQ(plain_summary.cells, 0);
  EXPECT_NE(ReadFile(*dir_ / "adv" / "truth.csv"), ReadFile(*dir_ / "plain" / "truth.csv"));
}

// Two people with a common name ("Zihan Zhao") never hold one LinkedIn URL or GitHub account:
// the sites add a suffix. The default world keeps its collisions (its output is frozen).
TEST_F(ProfileWorlds, LegitimatePeopleNeverShareAHandle) {
  EXPECT_EQ(SharedLegitHandles(*dir_ / "adv"), 0);
  EXPECT_EQ(SharedLegitHandles(*dir_ / "sparse"), 0);
  ASSERT_TRUE(GenerateWorld(Config(Profile::kDefault, 11), *dir_ / "plain_handles"));
  EXPECT_GT(SharedLegitHandles(*dir_ / "plain_handles"), 0);
}

}  // namespace
}  // namespace crosscheck::simulate
