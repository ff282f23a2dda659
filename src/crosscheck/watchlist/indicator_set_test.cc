#include "crosscheck/watchlist/indicator_set.h"
#include "crosscheck/source_paths.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace crosscheck::watchlist {
namespace {

const std::filesystem::path kExamples =
    std::filesystem::path(CROSSCHECK_SHARED_DIR) / "data/stix/examples";

std::vector<std::string> HitIds(const std::vector<IndicatorHit>& hits) {
  std::vector<std::string> ids;
  for (const IndicatorHit& hit : hits) ids.push_back(hit.stix_id);
  return ids;
}

std::size_t CountCode(const IssueLog& issues, const std::string& code) {
  std::size_t count = 0;
  for (const Issue& issue : issues.issues()) count += issue.code == code ? 1 : 0;
  return count;
}

// The official STIX 2.1 examples: what each keeps, and how many indicators it cannot use.
TEST(IndicatorSet, LoadsOfficialExamples) {
  struct Case {
    const char* file;
    std::size_t values;
    std::size_t unsupported;
  };
  const std::vector<Case> cases = {
      {"indicator-for-c2-ip-address.json", 1, 0},
      {"indicator-to-campaign-relationship.json", 1, 0},
      {"indicators-for-C2-with-COA.json", 1, 1},           // a file hash
      {"infrastructure.json", 2, 0},                       // ipv4-addr + domain-name SCOs
      {"malicious-email-indicator-with-attachment.json", 0, 2},  // MATCHES
      {"interop-objectmarking-test.json", 0, 0},
      {"threat-reports/apt1.json", 7, 5},     // 4 CIDRs + 3 domains; hashes, AND
      {"threat-reports/poisonivy.json", 64, 3},  // OR lists; file:name x2, a domain with a space
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.file);
    IssueLog issues;
    auto set = IndicatorSet::LoadStix(kExamples / test_case.file, issues);
    ASSERT_TRUE(set) << set.error().ToString();
    EXPECT_EQ(set->size(), test_case.values);
    EXPECT_EQ(CountCode(issues, "STIX_UNSUPPORTED_PATTERN"), test_case.unsupported);
    for (const Issue& issue : issues.issues()) {
      EXPECT_GT(issue.line, 0) << issue.ToString();
      EXPECT_EQ(issue.file, std::filesystem::path(test_case.file).filename().string());
    }
  }
}

TEST(IndicatorSet, MatchesRealIndicators) {
  IssueLog issues;
  auto apt1 = IndicatorSet::LoadStix(kExamples / "threat-reports/apt1.json", issues);
  ASSERT_TRUE(apt1);
  auto poisonivy = IndicatorSet::LoadStix(kExamples / "threat-reports/poisonivy.json", issues);
  ASSERT_TRUE(poisonivy);
  auto infrastructure = IndicatorSet::LoadStix(kExamples / "infrastructure.json", issues);
  ASSERT_TRUE(infrastructure);

  // 223.166.0.0/15 covers 223.166.0.0 - 223.167.255.255.
  auto hits = apt1->Match({.ip = "223.167.12.1"});
  ASSERT_EQ(hits.size(), 1U);
  EXPECT_EQ(hits[0].stix_id, "indicator--031778a4-057f-48e6-9db9-c8d72b81ccd5");
  EXPECT_EQ(hits[0].name, "HTRAN Hop Point Accessor");
  EXPECT_EQ(hits[0].kind, IndicatorKind::kIp);
  EXPECT_EQ(hits[0].value, "223.166.0.0/15");
  EXPECT_EQ(hits[0].matched, "223.167.12.1");
  EXPECT_TRUE(apt1->Match({.ip = "223.168.0.1"}).empty());
  EXPECT_TRUE(apt1->Match({.ip = "not an ip"}).empty());

  // A mailbox on a subdomain of a listed domain, and a URL whose host is listed.
  hits = apt1->Match({.email = "Recruiter@Mail.HugeSoft.org"});
  ASSERT_EQ(hits.size(), 1U);
  EXPECT_EQ(hits[0].value, "hugesoft.org");
  EXPECT_EQ(hits[0].matched, "mail.hugesoft.org");
  EXPECT_EQ(apt1->Match({.urls = {"http://msnhome.org/cv.pdf"}}).size(), 1U);
  EXPECT_TRUE(apt1->Match({.email = "someone@nothugesoft.org"}).empty());

  // One IP listed by several OR-joined indicators hits each of them.
  hits = poisonivy->Match({.ip = "113.10.246.30"});
  EXPECT_EQ(hits.size(), 4U);
  hits = poisonivy->Match({.domain = "www.webserver.dynssl.com"});
  ASSERT_EQ(hits.size(), 1U);
  EXPECT_EQ(hits[0].object_type, "indicator");

  // Observables (SCOs) match too; their name is their value.
  hits = infrastructure->Match({.ip = "198.51.100.3", .domain = "example.com"});
  ASSERT_EQ(hits.size(), 2U);
  EXPECT_EQ(HitIds(hits), (std::vector<std::string>{
                              "ipv4-addr--1e4ffad7-0b88-41d4-ba4d-77d27490b956",
                              "domain-name--ecb120bf-2694-4902-a737-62b74539a41b"}));
  EXPECT_EQ(hits[0].name, "198.51.100.3");
  EXPECT_EQ(hits[0].object_type, "ipv4-addr");
}

TEST(IndicatorSet, HandMadeBundle) {
  const std::string bundle = R"({
  "type": "bundle",
  "id": "bundle--1",
  "objects": [
    {"type": "email-addr", "id": "email-addr--1", "value": "Ops.Team@Evil.Example"},
    {"type": "user-account", "id": "user-account--1", "account_login": "dev-wizard99"},
    {"type": "url", "id": "url--1", "value": "HTTPS://Portfolio.Example/u/jd/"},
    {"type": "ipv6-addr", "id": "ipv6-addr--1", "value": "2001:db8:abcd::/48"},
    {"type": "ipv4-addr", "id": "ipv4-addr--bad", "value": "300.1.1.1"},
    {"type": "indicator", "id": "indicator--1", "name": "IT worker mailbox",
     "pattern_type": "stix", "valid_from": "2024-01-01T00:00:00Z",
     "pattern": "[email-addr:value = 'hire.me@gmail.example' OR user-account:user_id = 'Ghost_Dev']"},
    {"type": "indicator", "id": "indicator--2", "pattern_type": "sigma",
     "pattern": "title: x", "valid_from": "2024-01-01T00:00:00Z"},
    {"type": "indicator", "id": "indicator--3", "pattern_type": "stix",
     "pattern": "[email-addr:value = 'a@b.example' AND ipv4-addr:value = '1.2.3.4']",
     "valid_from": "2024-01-01T00:00:00Z"},
    {"type": "malware", "id": "malware--1", "name": "not matchable", "is_family": false}
  ]
})";
  IssueLog issues;
  auto set = IndicatorSet::ParseStix(bundle, "partner.json", issues);
  ASSERT_TRUE(set) << set.error().ToString();
  EXPECT_EQ(set->size(), 6U);
  ASSERT_EQ(issues.size(), 3U);
  EXPECT_EQ(issues.issues()[0].code, "STIX_BAD_OBJECT");
  EXPECT_EQ(issues.issues()[0].line, 9);
  EXPECT_EQ(issues.issues()[1].code, "STIX_UNSUPPORTED_PATTERN_TYPE");
  EXPECT_EQ(issues.issues()[2].code, "STIX_UNSUPPORTED_PATTERN");
  EXPECT_EQ(issues.issues()[2].line, 15);

  struct Case {
    const char* what;
    IndicatorQuery query;
    std::vector<std::string> want_ids;
  };
  const std::vector<Case> cases = {
      {"e-mail ignoring case", {.email = "ops.team@evil.example"}, {"email-addr--1"}},
      {"indicator e-mail", {.email = "HIRE.ME@gmail.example"}, {"indicator--1"}},
      {"account by login", {.accounts = {"Dev-Wizard99"}}, {"user-account--1"}},
      {"account by user_id", {.accounts = {"ghost_dev"}}, {"indicator--1"}},
      {"url without trailing slash", {.urls = {"https://portfolio.example/u/jd"}}, {"url--1"}},
      {"url path is case-sensitive", {.urls = {"https://portfolio.example/U/JD"}}, {}},
      {"ipv6 inside the /48", {.ip = "2001:db8:abcd:12::1"}, {"ipv6-addr--1"}},
      {"ipv6 outside", {.ip = "2001:db8:abce::1"}, {}},
      {"ipv4 never matches an ipv6 network", {.ip = "32.1.13.184"}, {}},
      {"several at once",
       {.email = "ops.team@evil.example", .accounts = {"dev-wizard99"}},
       {"email-addr--1", "user-account--1"}},
      {"nothing", {.email = "jane@example.org", .ip = "192.0.2.1"}, {}},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.what);
    EXPECT_EQ(HitIds(set->Match(test_case.query)), test_case.want_ids);
  }
}

TEST(IndicatorSet, ValuesAreNormalizedAsApplicationsAndStaleOrWideOnesAreLeftOut) {
  const std::string bundle = R"({"type": "bundle", "id": "bundle--2", "objects": [
    {"type": "email-addr", "id": "email-addr--gmail", "value": "Dan.Walker.Dev@gmail.com"},
    {"type": "email-addr", "id": "email-addr--revoked", "value": "old@evil.example", "revoked": true},
    {"type": "indicator", "id": "indicator--expired", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "valid_until": "2021-01-01T00:00:00Z", "pattern": "[email-addr:value = 'gone@evil.example']"},
    {"type": "indicator", "id": "indicator--current", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "valid_until": "2999-01-01T00:00:00Z", "pattern": "[email-addr:value = 'still@evil.example']"},
    {"type": "ipv4-addr", "id": "ipv4-addr--all", "value": "0.0.0.0/0"},
    {"type": "indicator", "id": "indicator--wide", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "pattern": "[ipv4-addr:value = '10.0.0.0/7']"},
    {"type": "ipv4-addr", "id": "ipv4-addr--slash8", "value": "45.0.0.0/8"},
    {"type": "ipv4-addr", "id": "ipv4-addr--slash16", "value": "46.83.0.0/16"},
    {"type": "ipv4-addr", "id": "ipv4-addr--host", "value": "47.83.220.12"},
    {"type": "domain-name", "id": "domain-name--1", "value": "evil.example"}
  ]})";
  IssueLog issues;
  auto set = IndicatorSet::ParseStix(bundle, "feed.json", issues);
  ASSERT_TRUE(set.has_value()) << set.error().ToString();
  // The applications' e-mails are canonical (Gmail ignores dots): the listed address still hits.
  EXPECT_EQ(HitIds(set->Match({.email = "danwalkerdev@gmail.com"})), std::vector<std::string>{"email-addr--gmail"});
  EXPECT_EQ(CountCode(issues, "STIX_REVOKED"), 1u);
  EXPECT_EQ(CountCode(issues, "STIX_EXPIRED"), 1u);
  EXPECT_EQ(CountCode(issues, "STIX_NETWORK_TOO_WIDE"), 2u);
  EXPECT_EQ(HitIds(set->Match({.email = "gone@evil.example"})), std::vector<std::string>{"domain-name--1"});
  EXPECT_EQ(set->Match({.email = "still@evil.example"}).size(), 2u);  // the indicator and the domain
  EXPECT_TRUE(set->Match({.ip = "8.8.8.8"}).empty());                   // 0.0.0.0/0 marks nobody
  // Wider networks weigh less than a listed host; a parent domain less than the domain itself.
  const auto strength = [&](const IndicatorQuery& query) { return set->Match(query).at(0).strength; };
  EXPECT_DOUBLE_EQ(strength({.ip = "47.83.220.12"}), 1.0);
  EXPECT_DOUBLE_EQ(strength({.ip = "46.83.1.2"}), 0.5);
  EXPECT_DOUBLE_EQ(strength({.ip = "45.1.2.3"}), 0.25);
  EXPECT_DOUBLE_EQ(strength({.domain = "evil.example"}), 1.0);
  EXPECT_DOUBLE_EQ(strength({.domain = "mx.evil.example"}), 0.6);
}

// MISP writes accounts, e-mails and domain-IP pairs as AND over one object: the identifying
// value is the key, what an application shows is checked, the rest is named as not checked.
TEST(IndicatorSet, ConjunctionsOverOneObjectAndOtherOperators) {
  const std::string bundle = R"({"type": "bundle", "id": "bundle--4", "objects": [
    {"type": "indicator", "id": "indicator--github", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "pattern": "[user-account:account_type = 'github' AND user-account:user_id = '1234567890' AND user-account:display_name = 'John Doe' AND user-account:account_login = 'j0hnd0e']"},
    {"type": "indicator", "id": "indicator--gitlab", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "pattern": "[user-account:account_type = 'gitlab' AND user-account:account_login = 'j0hnd0e']"},
    {"type": "indicator", "id": "indicator--email", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "pattern": "[email-addr:value = 'Dan.Walker.Dev@gmail.com' AND email-addr:display_name = 'Dan Walker']"},
    {"type": "indicator", "id": "indicator--like", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "pattern": "[email-addr:value LIKE '%@evil.example']"},
    {"type": "indicator", "id": "indicator--pair", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "pattern": "[domain-name:value = 'bad.example' AND domain-name:resolves_to_refs[*].value = '198.51.100.7']"},
    {"type": "indicator", "id": "indicator--in", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "pattern": "[ipv4-addr:value IN ('198.51.100.7', '203.0.113.9')]"},
    {"type": "indicator", "id": "indicator--matches", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "pattern": "[url:value MATCHES '^https://github\\\\.com/dev-[0-9]+$']"},
    {"type": "indicator", "id": "indicator--two-observations", "pattern_type": "stix", "valid_from": "2020-01-01T00:00:00Z",
     "pattern": "[ipv4-addr:value = '192.0.2.1'] AND [domain-name:value = 'x.example']"}
  ]})";
  IssueLog issues;
  auto set = IndicatorSet::ParseStix(bundle, "misp.json", issues);
  ASSERT_TRUE(set.has_value()) << set.error().ToString();
  using Ids = std::vector<std::string>;
  EXPECT_EQ(HitIds(set->Match({.accounts = {{"J0hnD0e", "github"}}, .name = "John Doe"})), Ids{"indicator--github"});
  EXPECT_TRUE(set->Match({.accounts = {{"j0hnd0e", "linkedin"}}, .name = "John Doe"}).empty());
  EXPECT_TRUE(set->Match({.accounts = {{"j0hnd0e", "github"}}, .name = "Jane Roe"}).empty());
  // user_id is a number an application never holds: named, and the hit weighs half.
  const std::vector<IndicatorHit> account = set->Match({.accounts = {{"j0hnd0e", "github"}}, .name = "john doe"});
  ASSERT_EQ(account.size(), 1u);
  EXPECT_NE(account[0].matched.find("not checked: user_id"), std::string::npos) << account[0].matched;
  EXPECT_DOUBLE_EQ(account[0].strength, 0.5);
  EXPECT_EQ(HitIds(set->Match({.email = "danwalkerdev@gmail.com", .name = "Dan Walker"})), Ids{"indicator--email"});
  EXPECT_TRUE(set->Match({.email = "danwalkerdev@gmail.com"}).empty());  // the name is part of the indicator
  const std::vector<IndicatorHit> like = set->Match({.email = "ops@evil.example"});
  ASSERT_EQ(HitIds(like), Ids{"indicator--like"});
  EXPECT_DOUBLE_EQ(like[0].strength, 0.6);
  EXPECT_TRUE(set->Match({.email = "ops@evil.example.org"}).empty());
  const std::vector<IndicatorHit> pair = set->Match({.email = "a@bad.example"});
  ASSERT_EQ(HitIds(pair), Ids{"indicator--pair"});
  EXPECT_DOUBLE_EQ(pair[0].strength, 0.5);
  EXPECT_EQ(HitIds(set->Match({.ip = "203.0.113.9"})), Ids{"indicator--in"});
  EXPECT_EQ(HitIds(set->Match({.ip = "198.51.100.7"})), Ids{"indicator--in"});
  EXPECT_EQ(HitIds(set->Match({.urls = {"https://github.com/dev-42"}})), Ids{"indicator--matches"});
  EXPECT_TRUE(set->Match({.urls = {"https://github.com/dev-42x"}}).empty());
  EXPECT_TRUE(set->Match({.ip = "192.0.2.1"}).empty());
  EXPECT_EQ(CountCode(issues, "STIX_UNSUPPORTED_PATTERN"), 2u);  // the gitlab account, the two observations
  const IndicatorImport& counts = set->import_counts();
  EXPECT_EQ(counts.indicators_used, 6u);
  EXPECT_EQ(counts.skipped, 2u);
  EXPECT_EQ(counts.Summary(), "6 indicator(s) and 0 observable(s) used; 2 skipped (see issues), 0 expired, 0 revoked");
}

TEST(IndicatorSet, ReadsStix20ObservedDataAndBareArrays) {
  // MISP's STIX 2.0 export: observables inside observed-data's "objects" dictionary.
  const std::string stix20 = R"({"type": "bundle", "id": "bundle--3", "spec_version": "2.0", "objects": [
    {"type": "observed-data", "id": "observed-data--1", "first_observed": "2024-01-01T00:00:00Z",
     "last_observed": "2024-01-01T00:00:00Z", "number_observed": 1,
     "objects": {"0": {"type": "email-addr", "value": "ops@evil.example"},
                 "1": {"type": "ipv4-addr", "value": "198.51.100.7"},
                 "2": {"type": "user-account", "account_login": "ghost-dev"}}}
  ]})";
  IssueLog issues;
  auto set = IndicatorSet::ParseStix(stix20, "misp20.json", issues);
  ASSERT_TRUE(set.has_value()) << set.error().ToString();
  EXPECT_EQ(set->size(), 3u);
  EXPECT_EQ(HitIds(set->Match({.email = "ops@evil.example"})), std::vector<std::string>{"observed-data--1/0"});
  EXPECT_FALSE(set->Match({.ip = "198.51.100.7"}).empty());
  // A bare array of objects (no bundle) is read too; what is not an object is an issue.
  auto array = IndicatorSet::ParseStix(R"([{"type": "email-addr", "id": "email-addr--9", "value": "x@evil.example"}, 7])",
                                       "list.json", issues);
  ASSERT_TRUE(array.has_value());
  EXPECT_EQ(array->size(), 1u);
  EXPECT_EQ(CountCode(issues, "STIX_BAD_OBJECT"), 1u);
}

TEST(IndicatorSet, Errors) {
  IssueLog issues;
  auto missing = IndicatorSet::LoadStix("/nonexistent/feed.json", issues);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);

  struct Case {
    const char* text;
    const char* want_in_message;
  };
  const std::vector<Case> cases = {
      {"{\n  \"type\": \"bundle\",\n  \"objects\": [\n    {\"type\": \"indicator\",, }\n  ]\n}",
       "line 4, column 26"},
      {"{\"type\": \"bundle\", \"objects\": [", "line 1, column 32"},
      {"42", "not a STIX bundle"},
      {"<?xml version=\"1.0\"?>\n<stix:STIX_Package/>", "STIX 1.x"},
      {"{\"type\": \"bundle\", \"objects\": 7}", "not an array"},
      {"", "not valid JSON"},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.text);
    auto set = IndicatorSet::ParseStix(test_case.text, "bad.json", issues);
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(set.error().message().find(test_case.want_in_message), std::string::npos)
        << set.error().message();
  }
}

}  // namespace
}  // namespace crosscheck::watchlist
