#include "crosscheck/watchlist/internal/stix_pattern.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::watchlist::internal {
namespace {

// Renders clauses as "type:property OP v1|v2 & ... ; next clause".
std::string Render(const std::vector<StixClause>& clauses) {
  std::string out;
  for (const StixClause& clause : clauses) {
    if (!out.empty()) out += " ; ";
    for (std::size_t idx = 0; idx < clause.comparisons.size(); ++idx) {
      const StixComparison& c = clause.comparisons[idx];
      if (idx > 0) out += " & ";
      out += c.object_type + ":" + c.property + " " + OperatorName(c.op) + " ";
      for (std::size_t v = 0; v < c.values.size(); ++v) out += (v > 0 ? "|" : "") + c.values[v];
    }
  }
  return out;
}

TEST(ParsePattern, ReadsClausesOperatorsAndConjunctionsOverOneObject) {
  struct Case {
    const char* pattern;
    const char* want;  // Render's text; nullptr = must fail
    const char* error = "";  // part of the message when it fails
  };
  const std::vector<Case> cases = {
      {"[ipv4-addr:value = '10.0.0.0']", "ipv4-addr:value = 10.0.0.0"},
      {"[ ipv4-addr:value = '10.0.0.0' ]", "ipv4-addr:value = 10.0.0.0"},
      {"[domain-name:value = 'a.example' OR ipv4-addr:value = '1.2.3.4']",
       "domain-name:value = a.example ; ipv4-addr:value = 1.2.3.4"},
      {"[email-addr:value = 'x@y.example'] OR [url:value = 'https://y.example/a']",
       "email-addr:value = x@y.example ; url:value = https://y.example/a"},
      {"[user-account:account_login = 'o\\'brien\\\\x']", "user-account:account_login = o'brien\\x"},
      {"[file:hashes.'SHA-256' = 'ef53']", "file:hashes.'SHA-256' = ef53"},
      // MISP's account object: one object, AND-joined.
      {"[user-account:account_type = 'github' AND user-account:account_login = 'j0hnd0e']",
       "user-account:account_type = github & user-account:account_login = j0hnd0e"},
      // AND binds tighter than OR.
      {"[email-addr:value = 'a@x.example' AND email-addr:display_name = 'A' OR url:value = 'u']",
       "email-addr:value = a@x.example & email-addr:display_name = A ; url:value = u"},
      {"[ipv4-addr:value IN ('1.2.3.4', '5.6.7.8')]", "ipv4-addr:value IN 1.2.3.4|5.6.7.8"},
      {"[domain-name:value = 'x.example' AND domain-name:resolves_to_refs[*].value = '1.2.3.4']",
       "domain-name:value = x.example & domain-name:resolves_to_refs[*].value = 1.2.3.4"},
      {"[email-addr:value LIKE '%@evil.example']", "email-addr:value LIKE %@evil.example"},
      {"[email-message:subject MATCHES '^[IMPORTANT]']", "email-message:subject MATCHES ^[IMPORTANT]"},
      {"[x509-certificate:issuer = 'CN=A' AND ipv4-addr:value = '1.2.3.4']", nullptr, "AND across object types"},
      {"[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'x.example']", nullptr, "AND between observations"},
      {"[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS", nullptr, "qualifiers"},
      {"[ipv4-addr:value != '1.2.3.4']", nullptr, "operator '!='"},
      {"[ipv4-addr:value ISSUBSET '1.2.3.0/24']", nullptr, "operator 'ISSUBSET'"},
      {"[NOT ipv4-addr:value = '1.2.3.4']", nullptr, "NOT"},
      {"[ipv4-addr:value IN ('1.2.3.4' '5.6.7.8')]", nullptr, "IN set"},
      {"[ipv4-addr:value = '1.2.3.4'", nullptr, "expected"},
      {"[ipv4-addr:value = '1.2.3.4]", nullptr, "not closed"},
      {"([ipv4-addr:value = '1.2.3.4'])", nullptr, "parentheses"},
      {"", nullptr, "expected '['"},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.pattern);
    const auto parsed = ParsePattern(test_case.pattern);
    if (test_case.want == nullptr) {
      ASSERT_FALSE(parsed);
      EXPECT_NE(parsed.error().find("offset"), std::string::npos) << parsed.error();
      EXPECT_NE(parsed.error().find(test_case.error), std::string::npos) << parsed.error();
      continue;
    }
    ASSERT_TRUE(parsed) << parsed.error();
    EXPECT_EQ(Render(*parsed), test_case.want);
  }
}

TEST(LikeMatches, PercentAndUnderscoreAsSql) {
  EXPECT_TRUE(LikeMatches("%@evil.example", "dev@evil.example"));
  EXPECT_FALSE(LikeMatches("%@evil.example", "dev@evil.example.org"));
  EXPECT_TRUE(LikeMatches("dev_@%", "dev7@x"));
  EXPECT_FALSE(LikeMatches("dev_@%", "dev77@x"));
  EXPECT_TRUE(LikeMatches("%", ""));
  EXPECT_TRUE(LikeMatches("a%b%c", "a-xx-b-yy-c"));
  EXPECT_FALSE(LikeMatches("a%b%c", "a-xx-c-yy-b"));
  EXPECT_TRUE(LikeMatches(std::string(50, '%') + "b", std::string(5000, 'a') + "b"));
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
