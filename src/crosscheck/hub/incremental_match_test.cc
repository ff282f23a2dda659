#include "crosscheck/hub/incremental_match.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "crosscheck/hub/testing/simulated_world.h"
#include "crosscheck/normalize/application_normalizer.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::hub {
namespace {

constexpr const char* kEpoch = "2026-12";

// Consortium is a simulated world split by company, each company's rows as its ATS has them,
// and the hub's decoded members with the version of each one's submission.
class Consortium {
 public:
  Consortium() : hub_layer_(test_world::CountingKey(100).bytes), encoder_(test_world::CountingKey(0), kEpoch) {}

  void Push(const std::string& company, std::vector<ApplicationRecord> rows) {
    const std::vector<NormalizedApplication> apps =
        normalize::NormalizeApplications(rows, normalize::NormalizeContext{.file = company + ".csv"}, nullptr);
    share::Submission submission{company, kEpoch, encoder_.key_id(), {}};
    for (std::size_t idx = 0; idx < apps.size(); ++idx) submission.records.push_back(encoder_.Encode(apps[idx], rows[idx]));
    rows_[company] = std::move(rows);
    decoded_[company] = std::make_unique<DecodedMember>(DecodeMember(submission, hub_layer_));
    ++version_[company];
  }

  void Remove(const std::string& company) {
    rows_.erase(company);
    decoded_.erase(company);
    version_.erase(company);
  }

  std::vector<const DecodedMember*> Members() const {
    std::vector<const DecodedMember*> members;
    for (const auto& [company, member] : decoded_) members.push_back(member.get());
    std::reverse(members.begin(), members.end());  // any order: the matchers sort by company
    return members;
  }
  std::vector<std::int64_t> Versions() const {
    std::vector<std::int64_t> versions;
    for (const auto& [company, version] : version_) versions.push_back(version);
    std::reverse(versions.begin(), versions.end());
    return versions;
  }
  const std::map<std::string, std::vector<ApplicationRecord>>& rows() const { return rows_; }

 private:
  share::KeyedHasher hub_layer_;
  share::SubmissionEncoder encoder_;
  std::map<std::string, std::vector<ApplicationRecord>> rows_;
  std::map<std::string, std::unique_ptr<DecodedMember>> decoded_;
  std::map<std::string, std::int64_t> version_;
};

// ExpectSameAsFullMatch compares the incremental result with MatchDecoded of the same members:
// byte-identical findings JSON per member (ids are content-derived, so they are equal too) and
// the same counts.
void ExpectSameAsFullMatch(const HubMatchResult& result, const Consortium& consortium, const HubOptions& options) {
  const HubMatchResult full = MatchDecoded(consortium.Members(), options);
  EXPECT_EQ(result.applications, full.applications);
  EXPECT_EQ(result.personas, full.personas);
  EXPECT_EQ(result.networks, full.networks);
  EXPECT_EQ(result.flagged_applications, full.flagged_applications);
  EXPECT_EQ(result.identity_splits, full.identity_splits);
  ASSERT_EQ(result.findings.size(), full.findings.size());
  for (std::size_t member_idx = 0; member_idx < full.findings.size(); ++member_idx) {
    SCOPED_TRACE(full.findings[member_idx].company_id);
    EXPECT_EQ(share::FindingsJson(result.findings[member_idx]), share::FindingsJson(full.findings[member_idx]));
  }
}

TEST(IncrementalMatcher, EqualsAFullMatchAfterEveryPush) {
  // ~5,000 applications at 200 companies, a few fraudulent personas.
  Result<test_world::SimulatedWorld> world = test_world::SimulateWorld(7, 0.04, "incremental_world");
  ASSERT_TRUE(world) << world.error().ToString();
  std::map<std::string, std::vector<ApplicationRecord>> by_company;
  std::vector<ApplicationRecord> fraudulent;
  for (const ApplicationRecord& record : world->records) {
    by_company[record.company_id].push_back(record);
    if (world->fraud_of[record.application_id]) fraudulent.push_back(record);
  }
  ASSERT_GT(by_company.size(), 20u);
  ASSERT_FALSE(fraudulent.empty());

  // Every fifth company joins later, by a push.
  Consortium consortium;
  std::vector<std::string> later;
  std::size_t company_idx = 0;
  for (const auto& [company, rows] : by_company) {
    if (company_idx++ % 5 == 4) {
      later.push_back(company);
    } else {
      consortium.Push(company, rows);
    }
  }
  HubOptions options;
  IncrementalOptions incremental;
  incremental.max_affected_share = 1.0;  // never fall back for size: the incremental path is tested
  incremental.full_every = 0;
  IncrementalMatcher matcher(options, incremental);
  {
    const HubMatchResult first = matcher.Match(consortium.Members(), consortium.Versions());
    EXPECT_TRUE(matcher.last().full);
    ExpectSameAsFullMatch(first, consortium, options);
    std::printf("[incremental] first match: %zu identities split\n", first.identity_splits);
  }

  std::mt19937_64 random(20261206);
  const auto pick = [&](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size - 1)(random); };
  std::size_t incremental_matches = 0, new_rings = 0;
  std::map<std::string, std::size_t> kinds;
  for (int step = 0; step < 24; ++step) {
    const int kind = static_cast<int>(pick(4));
    std::string what;
    if (kind == 0 && !later.empty()) {
      // A new member.
      const std::string company = later.back();
      later.pop_back();
      consortium.Push(company, by_company[company]);
      what = "new member " + company;
    } else if (kind == 1 || (kind == 0 && later.empty())) {
      // A replaced submission: some rows removed, some changed, one taking another company's phone.
      std::vector<std::string> companies;
      for (const auto& [company, rows] : consortium.rows()) companies.push_back(company);
      const std::string company = companies[pick(companies.size())];
      std::vector<ApplicationRecord> rows = consortium.rows().at(company);
      if (rows.size() > 2) rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(pick(rows.size())));
      for (ApplicationRecord& row : rows) {
        if (pick(4) == 0) row.email = "changed." + std::to_string(step) + "." + row.email;
      }
      const std::vector<ApplicationRecord>& other = consortium.rows().at(companies[pick(companies.size())]);
      if (!rows.empty() && !other.empty()) rows[pick(rows.size())].phone = other[pick(other.size())].phone;
      consortium.Push(company, std::move(rows));
      what = "replaced " + company;
    } else if (kind == 2) {
      // A ring member at a new company: a fraudulent persona's identifiers under a new name.
      const std::string company = "ring-new-" + std::to_string(new_rings++);
      std::vector<ApplicationRecord> rows;
      for (int copy = 0; copy < 2; ++copy) {
        ApplicationRecord row = fraudulent[pick(fraudulent.size())];
        row.company_id = company;
        row.application_id = company + "-" + std::to_string(copy);
        row.full_name = copy == 0 ? "Adrian Kessler" : "Lena Vogt";
        rows.push_back(row);
      }
      consortium.Push(company, std::move(rows));
      what = "ring member at " + company;
    } else {
      // A member leaves (the matcher also serves a consortium that shrinks).
      std::vector<std::string> companies;
      for (const auto& [company, rows] : consortium.rows()) companies.push_back(company);
      const std::string company = companies[pick(companies.size())];
      consortium.Remove(company);
      what = "removed " + company;
    }
    SCOPED_TRACE("step " + std::to_string(step) + ": " + what);
    const HubMatchResult result = matcher.Match(consortium.Members(), consortium.Versions());
    ++kinds[what.substr(0, what.find(' '))];
    if (!matcher.last().full) {
      ++incremental_matches;
      EXPECT_LT(matcher.last().rescored, matcher.last().applications);
    }
    std::printf("[incremental] step %2d %-28s %-26s re-scored %5zu of %5zu applications, %zu members touched\n",
                step, what.c_str(), matcher.last().reason.c_str(), matcher.last().rescored,
                matcher.last().applications, matcher.last().touched.size());
    ExpectSameAsFullMatch(result, consortium, options);
  }
  // The test means something only if most matches took the incremental path.
  EXPECT_GE(incremental_matches, 12u);
  EXPECT_GE(kinds["new"] + kinds["replaced"] + kinds["ring"], 10u);
}

TEST(IncrementalMatcher, FallsBackToAFullMatchByTheRules) {
  Consortium consortium;
  for (int company = 0; company < 4; ++company) {
    std::vector<ApplicationRecord> rows;
    for (int idx = 0; idx < 3; ++idx) {
      ApplicationRecord row;
      row.line = 2;
      row.company_id = "c" + std::to_string(company);
      row.application_id = row.company_id + "-" + std::to_string(idx);
      row.full_name = "Person " + std::string(1, static_cast<char>('A' + company)) + std::string(1, static_cast<char>('a' + idx));
      row.email = row.application_id + "@example.org";
      row.phone = "+1415555" + std::to_string(1000 + company * 10 + idx);
      row.country = "US";
      rows.push_back(row);
    }
    consortium.Push("c" + std::to_string(company), rows);
  }
  HubOptions options;
  IncrementalOptions incremental;
  incremental.full_every = 3;
  incremental.max_affected_share = 0.5;
  IncrementalMatcher matcher(options, incremental);
  matcher.Match(consortium.Members(), consortium.Versions());
  EXPECT_TRUE(matcher.last().full);
  EXPECT_EQ(matcher.last().reason, "first match");
  // Nothing changed: nothing is re-scored.
  matcher.Match(consortium.Members(), consortium.Versions());
  EXPECT_FALSE(matcher.last().full);
  EXPECT_EQ(matcher.last().rescored, 0u);
  // One member of four re-pushes: a quarter of the records.
  consortium.Push("c1", consortium.rows().at("c1"));
  ExpectSameAsFullMatch(matcher.Match(consortium.Members(), consortium.Versions()), consortium, options);
  EXPECT_FALSE(matcher.last().full);
  EXPECT_EQ(matcher.last().rescored, 3u);
  EXPECT_EQ(matcher.last().touched, std::vector<std::string>{"c1"});
  // The third match since the full one is full.
  consortium.Push("c2", consortium.rows().at("c2"));
  matcher.Match(consortium.Members(), consortium.Versions());
  EXPECT_TRUE(matcher.last().full);
  EXPECT_EQ(matcher.last().reason, "periodic full match");
  // Three members of four change: over the share.
  for (const char* company : {"c0", "c1", "c3"}) consortium.Push(company, consortium.rows().at(company));
  ExpectSameAsFullMatch(matcher.Match(consortium.Members(), consortium.Versions()), consortium, options);
  EXPECT_TRUE(matcher.last().full);
  EXPECT_EQ(matcher.last().reason, "affected part over the share");
}

}  // namespace
}  // namespace crosscheck::hub
