#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/simulate/catalog.h"
#include "crosscheck/simulate/identity.h"
#include "crosscheck/simulate/internal/test_world.h"
#include "crosscheck/simulate/random.h"
#include "crosscheck/simulate/world.h"

namespace crosscheck::simulate {
namespace {

namespace fs = std::filesystem;
using internal::ParseCsv;
using internal::ReadFile;
using internal::ReadTable;
using internal::Table;

struct Ipv4Range {
  std::uint32_t low;
  std::uint32_t high;
  std::string kind;
};

std::optional<std::uint32_t> ParseIpv4(const std::string& text) {
  unsigned a, b, c, d;
  char tail;
  if (std::sscanf(text.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4) return std::nullopt;
  if (a > 255 || b > 255 || c > 255 || d > 255) return std::nullopt;
  return (a << 24) | (b << 16) | (c << 8) | d;
}

// RangeIndex answers "which range holds this IP" for the world's ip_ranges.csv.
class RangeIndex {
 public:
  explicit RangeIndex(const Table& ranges) {
    const std::size_t cidr_col = ranges.Col("cidr");
    const std::size_t kind_col = ranges.Col("kind");
    for (const auto& row : ranges.rows) {
      const std::string& cidr = row[cidr_col];
      const std::size_t slash = cidr.find('/');
      const int prefix = std::stoi(cidr.substr(slash + 1));
      if (cidr.find(':') != std::string::npos) {
        v6_.emplace_back(cidr.substr(0, cidr.find("::")) + ":", row[kind_col]);
        continue;
      }
      const auto base = ParseIpv4(cidr.substr(0, slash));
      if (!base) continue;
      const std::uint64_t size = 1ULL << (32 - prefix);
      v4_.push_back(Ipv4Range{*base, static_cast<std::uint32_t>(*base + size - 1), row[kind_col]});
    }
    std::sort(v4_.begin(), v4_.end(), [](const Ipv4Range& a, const Ipv4Range& b) { return a.low < b.low; });
  }
  // Kind returns the kind of the range holding ip, or nullopt when no range does.
  std::optional<std::string> Kind(const std::string& ip) const {
    if (ip.find(':') != std::string::npos) {
      for (const auto& [prefix, kind] : v6_) {
        if (StartsWith(ip, prefix)) return kind;
      }
      return std::nullopt;
    }
    const auto address = ParseIpv4(ip);
    if (!address) return std::nullopt;
    auto it = std::upper_bound(v4_.begin(), v4_.end(), *address,
                               [](std::uint32_t value, const Ipv4Range& range) { return value < range.low; });
    if (it == v4_.begin()) return std::nullopt;
    --it;
    if (*address > it->high) return std::nullopt;
    return it->kind;
  }
  bool Overlapping() const {
    for (std::size_t idx = 1; idx < v4_.size(); ++idx) {
      if (v4_[idx].low <= v4_[idx - 1].high) return true;
    }
    return false;
  }

 private:
  std::vector<Ipv4Range> v4_;
  std::vector<std::pair<std::string, std::string>> v6_;
};

// One small world shared by the tests (generation is the slow part).
class SimulatedWorld : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("crosscheck_sim_test_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    summary_ = new WorldSummary();
    const Status status = GenerateWorld(SmallConfig(11), *dir_ / "a", {}, summary_);
    ASSERT_TRUE(status) << status.error().ToString();
    apps_ = new Table(ReadTable(*dir_ / "a" / "applications.csv"));
    truth_ = new Table(ReadTable(*dir_ / "a" / "truth.csv"));
    ranges_ = new Table(ReadTable(*dir_ / "a" / "ip_ranges.csv"));
    employees_ = new Table(ReadTable(*dir_ / "a" / "employees.csv"));
    for (const auto& row : truth_->rows) fraud_of_[row[0]] = row[3] == "1";
    for (const auto& row : truth_->rows) person_of_[row[0]] = row[1];
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete summary_;
    delete apps_;
    delete truth_;
    delete ranges_;
    delete employees_;
  }
  static WorldConfig SmallConfig(std::uint64_t seed) { return internal::SmallWorldConfig(seed, 1200); }

  static fs::path* dir_;
  static WorldSummary* summary_;
  static Table* apps_;
  static Table* truth_;
  static Table* ranges_;
  static Table* employees_;
  static std::map<std::string, bool> fraud_of_;
  static std::map<std::string, std::string> person_of_;
};

fs::path* SimulatedWorld::dir_ = nullptr;
WorldSummary* SimulatedWorld::summary_ = nullptr;
Table* SimulatedWorld::apps_ = nullptr;
Table* SimulatedWorld::truth_ = nullptr;
Table* SimulatedWorld::ranges_ = nullptr;
Table* SimulatedWorld::employees_ = nullptr;
std::map<std::string, bool> SimulatedWorld::fraud_of_;
std::map<std::string, std::string> SimulatedWorld::person_of_;

TEST_F(SimulatedWorld, CountsAreNearRequested) {
  EXPECT_EQ(summary_->people, 1200);
  EXPECT_EQ(summary_->personas, 30);
  EXPECT_EQ(summary_->operations, 5);
  EXPECT_EQ(summary_->companies, 200);
  EXPECT_EQ(static_cast<std::int64_t>(apps_->rows.size()), summary_->applications);
  // Legitimate: a few applications per person on average (heavy tail); fraud: ~50 per persona.
  const std::int64_t legit = summary_->applications - summary_->fraud_applications;
  EXPECT_GT(legit, 1200 * 3);
  EXPECT_LT(legit, 1200 * 10);
  EXPECT_GT(summary_->fraud_applications, 30 * 25);
  EXPECT_LT(summary_->fraud_applications, 30 * 90);
  // This world is fraud-dense on purpose. The default shape (30,000 people, 130 personas of
  // ~52 applications each by design, 50 x 0.82 x E[exp(0.7 N)]) must keep legitimate
  // applications at least 15 times the fraudulent ones: check it with the per-person rate
  // measured here (the per-persona sample mean is checked above).
  const double per_person = static_cast<double>(legit) / 1200.0;
  EXPECT_GT(per_person * 30000.0, 15.0 * 52.4 * 130.0);
  EXPECT_GT(summary_->hires, 0);
  EXPECT_GT(summary_->fraud_hires, 0);
  EXPECT_EQ(static_cast<std::int64_t>(employees_->rows.size()), summary_->hires);
  EXPECT_GT(summary_->signin_events, summary_->hires * 10);
}

TEST_F(SimulatedWorld, SameSeedSameBytesOtherSeedOtherWorld) {
  ASSERT_TRUE(GenerateWorld(SmallConfig(11), *dir_ / "b"));
  ASSERT_TRUE(GenerateWorld(SmallConfig(12), *dir_ / "c"));
  for (const char* file : {"applications.csv", "employees.csv", "signins.jsonl", "ip_ranges.csv", "truth.csv"}) {
    SCOPED_TRACE(file);
    const std::string first = ReadFile(*dir_ / "a" / file);
    EXPECT_FALSE(first.empty());
    EXPECT_EQ(first, ReadFile(*dir_ / "b" / file));
  }
  EXPECT_NE(ReadFile(*dir_ / "a" / "applications.csv"), ReadFile(*dir_ / "c" / "applications.csv"));
  EXPECT_NE(ReadFile(*dir_ / "a" / "employees.csv"), ReadFile(*dir_ / "c" / "employees.csv"));
  EXPECT_NE(ReadFile(*dir_ / "a" / "truth.csv"), ReadFile(*dir_ / "c" / "truth.csv"));
  // No temporary spill files are left behind.
  for (const auto& entry : fs::directory_iterator(*dir_ / "b")) {
    EXPECT_NE(entry.path().extension(), ".spill") << entry.path();
  }
}

TEST_F(SimulatedWorld, ApplicationsFollowTheDataContract) {
  for (const char* column : {"application_id", "company_id", "submitted_at", "stage", "full_name", "email", "phone",
                             "phone_line_type", "date_of_birth", "street", "city", "region", "postal_code",
                             "country", "shipping_address", "ip_address", "linkedin", "github", "resume_text",
                             "photo_hash", "payout_account", "national_id", "device_id", "idv_status",
                             "idv_document_country", "interview_flags", "referred_by", "source"}) {
    SCOPED_TRACE(column);
    EXPECT_LT(apps_->Col(column), apps_->header.size());
  }
  const std::set<std::string> stages = {"applied", "screened", "interviewed", "offered", "hired", "rejected"};
  const std::set<std::string> line_types = {"", "mobile", "landline", "fixedVoip", "nonFixedVoip", "tollFree", "unknown"};
  const std::set<std::string> idv = {"", "passed", "failed", "review", "not_run"};
  std::set<std::string> ids;
  std::int64_t previous = 0;
  for (const auto& row : apps_->rows) {
    ASSERT_EQ(row.size(), apps_->header.size());
    SCOPED_TRACE(row[apps_->Col("application_id")]);
    EXPECT_TRUE(ids.insert(row[apps_->Col("application_id")]).second);
    EXPECT_FALSE(row[apps_->Col("company_id")].empty());
    const auto when = ParseTimestamp(row[apps_->Col("submitted_at")]);
    ASSERT_TRUE(when) << row[apps_->Col("submitted_at")];
    EXPECT_GE(*when, previous - 7 * 86400);  // exported in time order (weekly buckets sorted)
    previous = std::max(previous, *when);
    EXPECT_TRUE(stages.count(row[apps_->Col("stage")]));
    EXPECT_TRUE(line_types.count(row[apps_->Col("phone_line_type")]));
    EXPECT_TRUE(idv.count(row[apps_->Col("idv_status")]));
    const std::string& dob = row[apps_->Col("date_of_birth")];
    if (!dob.empty()) { EXPECT_TRUE(ParseDate(dob)) << dob; }
    const std::string& photo = row[apps_->Col("photo_hash")];
    if (!photo.empty()) { EXPECT_EQ(photo.find_first_not_of("0123456789abcdef"), std::string::npos); }
    if (!photo.empty()) { EXPECT_EQ(photo.size(), 16u); }
    const std::string& source = row[apps_->Col("source")];
    EXPECT_TRUE(source.empty() || source == "direct" || source == "referral" || StartsWith(source, "agency:") ||
                StartsWith(source, "platform:"))
        << source;
    for (const auto& cell : row) EXPECT_TRUE(IsValidUtf8(cell));
    if (row[apps_->Col("stage")] == "hired") {
      EXPECT_FALSE(row[apps_->Col("shipping_address")].empty());
      EXPECT_FALSE(row[apps_->Col("payout_account")].empty());
    }
  }
}

TEST_F(SimulatedWorld, SigninsAreOktaSystemLogEvents) {
  std::ifstream in(*dir_ / "a" / "signins.jsonl");
  std::set<std::string> logins;
  for (const auto& row : employees_->rows) logins.insert(row[employees_->Col("login")]);
  const RangeIndex index(*ranges_);
  std::string line;
  std::size_t count = 0;
  std::set<std::string> types;
  while (std::getline(in, line)) {
    ++count;
    const auto event = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(event.is_discarded()) << line;
    for (const char* key : {"uuid", "published", "eventType", "actor", "client", "outcome", "securityContext"}) {
      EXPECT_TRUE(event.contains(key)) << key;
    }
    EXPECT_TRUE(ParseTimestamp(event["published"].get<std::string>()));
    EXPECT_TRUE(logins.count(event["actor"]["alternateId"].get<std::string>()));
    const std::string ip = event["client"]["ipAddress"].get<std::string>();
    EXPECT_TRUE(index.Kind(ip)) << ip;
    EXPECT_TRUE(event["client"]["userAgent"].contains("rawUserAgent"));
    EXPECT_TRUE(event["client"]["geographicalContext"].contains("country"));
    EXPECT_TRUE(event["securityContext"]["isProxy"].is_boolean());
    types.insert(event["eventType"].get<std::string>());
  }
  EXPECT_EQ(static_cast<std::int64_t>(count), summary_->signin_events);
  EXPECT_TRUE(types.count("user.session.start"));
  EXPECT_TRUE(types.count("user.authentication.sso"));
}

TEST_F(SimulatedWorld, EveryIpIsInARange) {
  const RangeIndex index(*ranges_);
  EXPECT_FALSE(index.Overlapping());
  const std::set<std::string> kinds = {"", "residential", "mobile", "business", "hosting", "vpn", "proxy", "tor"};
  for (const auto& row : ranges_->rows) {
    ASSERT_EQ(row.size(), 5u);
    EXPECT_TRUE(kinds.count(row[4])) << row[4];
  }
  for (const auto& row : apps_->rows) {
    const std::string& ip = row[apps_->Col("ip_address")];
    if (!ip.empty()) { EXPECT_TRUE(index.Kind(ip)) << ip; }
  }
}

TEST_F(SimulatedWorld, TruthMatchesRows) {
  ASSERT_EQ(truth_->header, (std::vector<std::string>{"application_id", "person_id", "operation_id", "is_fraud"}));
  std::map<std::string, int> seen;
  for (const auto& row : truth_->rows) {
    ASSERT_EQ(row.size(), 4u);
    ++seen[row[0]];
    EXPECT_EQ(row[2].empty(), row[3] == "0") << row[0];
    EXPECT_TRUE(row[3] == "0" || row[3] == "1");
  }
  EXPECT_EQ(seen.size(), apps_->rows.size());
  for (const auto& row : apps_->rows) EXPECT_EQ(seen[row[apps_->Col("application_id")]], 1);
  std::map<std::string, std::string> stage_of;
  for (const auto& row : apps_->rows) stage_of[row[apps_->Col("application_id")]] = row[apps_->Col("stage")];
  for (const auto& row : employees_->rows) EXPECT_EQ(stage_of[row[employees_->Col("application_id")]], "hired");
}

// The world must not be separable by one cheap rule: "VoIP phone or VPN/hosting IP" must stay
// below 0.9 in recall or in precision over applications.
TEST_F(SimulatedWorld, VoipOrVpnRuleIsNotEnough) {
  const RangeIndex index(*ranges_);
  std::int64_t true_positive = 0, false_positive = 0, false_negative = 0;
  for (const auto& row : apps_->rows) {
    const std::string& line_type = row[apps_->Col("phone_line_type")];
    const auto kind = index.Kind(row[apps_->Col("ip_address")]);
    const bool flagged = line_type == "nonFixedVoip" || line_type == "fixedVoip" ||
                         (kind && (*kind == "vpn" || *kind == "hosting"));
    const bool fraud = fraud_of_[row[apps_->Col("application_id")]];
    if (flagged && fraud) ++true_positive;
    if (flagged && !fraud) ++false_positive;
    if (!flagged && fraud) ++false_negative;
  }
  const double recall = static_cast<double>(true_positive) / static_cast<double>(true_positive + false_negative);
  const double precision = static_cast<double>(true_positive) / static_cast<double>(std::max<std::int64_t>(1, true_positive + false_positive));
  std::printf("naive VoIP-or-VPN rule: recall %.3f precision %.3f\n", recall, precision);
  EXPECT_GT(true_positive, 0);  // the signals exist...
  EXPECT_TRUE(recall < 0.9 || precision < 0.9);  // ...but do not separate the world
}

TEST_F(SimulatedWorld, LegitimatePopulationHasTheHardCases) {
  const RangeIndex index(*ranges_);
  std::map<std::string, std::set<std::string>> names_of;
  std::map<std::string, std::set<std::string>> people_with_name;
  std::int64_t native_script = 0, korean_or_chinese = 0, voip = 0, vpn = 0, agency = 0;
  std::map<std::string, std::set<std::string>> people_at_street;
  std::map<std::string, std::set<std::string>> people_at_ip;
  for (const auto& row : apps_->rows) {
    const std::string& id = row[apps_->Col("application_id")];
    if (fraud_of_[id]) continue;
    const std::string& person = person_of_[id];
    const std::string& name = row[apps_->Col("full_name")];
    names_of[person].insert(name);
    people_with_name[name].insert(person);
    // Hangul syllables start with bytes EA-ED, common Han with E4-E9, Cyrillic with D0-D1.
    for (unsigned char c : name) {
      if (c >= 0xD0 && c <= 0xED) {
        ++native_script;
        break;
      }
    }
    for (const char* family : {"Kim", "Park", "Lee", "Wang", "Zhang", "Chen", "Liu"}) {
      if (name.find(family) != std::string::npos) {
        ++korean_or_chinese;
        break;
      }
    }
    const std::string& line_type = row[apps_->Col("phone_line_type")];
    if (line_type == "nonFixedVoip" || line_type == "fixedVoip") ++voip;
    const auto kind = index.Kind(row[apps_->Col("ip_address")]);
    if (kind && *kind == "vpn") ++vpn;
    if (StartsWith(row[apps_->Col("source")], "agency:")) ++agency;
    if (!row[apps_->Col("street")].empty()) people_at_street[row[apps_->Col("street")] + "|" + row[apps_->Col("postal_code")]].insert(person);
    if (!row[apps_->Col("ip_address")].empty()) people_at_ip[row[apps_->Col("ip_address")]].insert(person);
  }
  std::int64_t varied = 0, shared_names = 0, shared_addresses = 0, shared_ips = 0;
  for (const auto& [person, names] : names_of) varied += names.size() > 1;
  for (const auto& [name, people] : people_with_name) shared_names += people.size() > 1;
  for (const auto& [street, people] : people_at_street) shared_addresses += people.size() > 1;
  for (const auto& [ip, people] : people_at_ip) shared_ips += people.size() > 3;  // campus, office and agency NATs
  EXPECT_GT(native_script, 0);
  EXPECT_GT(korean_or_chinese, 20);
  EXPECT_GT(voip, 0);
  EXPECT_GT(vpn, 0);
  EXPECT_GT(agency, 0);
  EXPECT_GT(varied, 100);
  EXPECT_GT(shared_names, 10);
  EXPECT_GT(shared_addresses, 10);
  EXPECT_GT(shared_ips, 1);
}

TEST_F(SimulatedWorld, OperationsReuseInfrastructure) {
  // Within an operation, several personas share phones, devices or payout accounts.
  std::map<std::string, std::set<std::string>> personas_by_phone_digits;
  std::map<std::string, std::set<std::string>> personas_by_device;
  for (const auto& row : apps_->rows) {
    const std::string& id = row[apps_->Col("application_id")];
    if (!fraud_of_[id]) continue;
    std::string digits;
    for (char c : row[apps_->Col("phone")]) {
      if (c >= '0' && c <= '9') digits.push_back(c);
    }
    if (digits.size() >= 10) personas_by_phone_digits[digits.substr(digits.size() - 10)].insert(person_of_[id]);
    if (!row[apps_->Col("device_id")].empty()) personas_by_device[row[apps_->Col("device_id")]].insert(person_of_[id]);
  }
  std::int64_t shared_phones = 0, shared_devices = 0;
  for (const auto& [phone, personas] : personas_by_phone_digits) shared_phones += personas.size() > 1;
  for (const auto& [device, personas] : personas_by_device) shared_devices += personas.size() > 1;
  EXPECT_GT(shared_phones, 0);
  EXPECT_GT(shared_devices, 0);
}

TEST(GenerateWorld, RejectsBadConfig) {
  struct Case {
    const char* label;
    WorldConfig config;
  };
  WorldConfig zero_scale;
  zero_scale.scale = 0;
  WorldConfig negative;
  negative.people = -5;
  const Case cases[] = {{"zero scale", zero_scale}, {"negative people", negative}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    const Status status = GenerateWorld(c.config, fs::temp_directory_path() / "crosscheck_sim_bad");
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code(), ErrorCode::kInvalidInput);
  }
}

TEST(Identity, SsnsFollowSsaStructure) {
  Rng rng(5);
  for (int idx = 0; idx < 2000; ++idx) {
    const std::string ssn = MakeSsn(rng);
    ASSERT_EQ(ssn.size(), 11u);
    const int area = std::stoi(ssn.substr(0, 3));
    EXPECT_TRUE(area >= 1 && area <= 899 && area != 666) << ssn;
    EXPECT_NE(ssn.substr(4, 2), "00");
    EXPECT_NE(ssn.substr(7), "0000");
  }
}

TEST(Identity, BankAccountsHaveValidCheckDigits) {
  Rng rng(9);
  for (const char* country : {"US", "GB", "DE", "FR", "PL", "IT", "UA"}) {
    SCOPED_TRACE(country);
    for (int idx = 0; idx < 50; ++idx) {
      const std::string account = MakeBankAccount(country, rng);
      if (std::string(country) == "US") {
        const std::string routing = account.substr(0, 9);
        const int w[9] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
        int sum = 0;
        for (int pos = 0; pos < 9; ++pos) sum += (routing[static_cast<std::size_t>(pos)] - '0') * w[pos];
        EXPECT_EQ(sum % 10, 0) << account;
        continue;
      }
      // ISO 13616: move the first four characters to the end; the number mod 97 is 1.
      const std::string moved = account.substr(4) + account.substr(0, 4);
      int remainder = 0;
      for (char c : moved) {
        if (c >= '0' && c <= '9') remainder = (remainder * 10 + (c - '0')) % 97;
        else remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      }
      EXPECT_EQ(remainder, 1) << account;
    }
  }
}

TEST(Identity, PhoneFormatsKeepTheDigits) {
  const Catalog& catalog = GetCatalog();
  Rng rng(3);
  for (const Locale& locale : catalog.locales) {
    SCOPED_TRACE(std::string(locale.code));
    for (int idx = 0; idx < 20; ++idx) {
      const PhoneNumber number = MakeMobile(locale, locale.cities.front().area_codes, rng);
      const std::string text = FormatPhone(number, rng.Next());
      std::string digits;
      for (char c : text) {
        if (c >= '0' && c <= '9') digits.push_back(c);
      }
      // Whatever the notation, the national significant number is there at the end.
      EXPECT_TRUE(EndsWith(digits, number.nsn)) << text << " vs " << number.nsn;
    }
  }
}

TEST(Identity, NameVariantsAreValidUtf8InEveryTradition) {
  const Catalog& catalog = GetCatalog();
  Rng rng(8);
  for (std::size_t set_idx = 0; set_idx < catalog.name_sets.size(); ++set_idx) {
    SCOPED_TRACE(std::string(catalog.name_sets[set_idx].id));
    for (int idx = 0; idx < 300; ++idx) {
      PersonName name = DrawName(catalog, set_idx, rng);
      const std::string variant = NameVariant(catalog, name, rng, 1.0, true);
      EXPECT_TRUE(IsValidUtf8(variant)) << variant;
      EXPECT_NE(variant.find(' ') == std::string::npos && variant.find(',') == std::string::npos &&
                    static_cast<unsigned char>(variant[0]) < 0x80,
                true)
          << "a Latin-script full name has at least two parts: " << variant;
    }
  }
}

TEST(Identity, NameVariantsStayRecognisable) {
  const Catalog& catalog = GetCatalog();
  Rng rng(21);
  const std::size_t korean = catalog.NameSetIndex("korean");
  int native = 0;
  for (int idx = 0; idx < 400; ++idx) {
    PersonName name = DrawName(catalog, korean, rng);
    const std::string variant = NameVariant(catalog, name, rng, 1.0, true);
    EXPECT_FALSE(variant.empty());
    EXPECT_TRUE(IsValidUtf8(variant));
    if (static_cast<unsigned char>(variant[0]) >= 0xEA) ++native;
  }
  EXPECT_GT(native, 20);  // Hangul forms appear
}

}  // namespace
}  // namespace crosscheck::simulate
