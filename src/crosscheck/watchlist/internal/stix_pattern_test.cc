#include "crosscheck/watchlist/internal/stix_pattern.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::watchlist::internal {
namespace {

TEST(ParseEqualityPattern, ReadsOrJoinedEqualities) {
  struct Case {
    const char* pattern;
    std::vector<std::string> want;  // "type|property|value"; empty = must fail
  };
  const std::vector<Case> cases = {
      {"[ipv4-addr:value = '10.0.0.0']", {"ipv4-addr|value|10.0.0.0"}},
      {"[ ipv4-addr:value = '10.0.0.0' ]", {"ipv4-addr|value|10.0.0.0"}},
      {"[domain-name:value = 'a.example' OR ipv4-addr:value = '1.2.3.4']",
       {"domain-name|value|a.example", "ipv4-addr|value|1.2.3.4"}},
      {"[email-addr:value = 'x@y.example'] OR [url:value = 'https://y.example/a']",
       {"email-addr|value|x@y.example", "url|value|https://y.example/a"}},
      {"[user-account:account_login = 'o\\'brien\\\\x']", {"user-account|account_login|o'brien\\x"}},
      {"[file:hashes.'SHA-256' = 'ef53']", {"file|hashes.'SHA-256'|ef53"}},
      {"[email-message:subject MATCHES '^[IMPORTANT]']", {}},
      {"[x509-certificate:issuer = 'CN=A' AND x509-certificate:serial_number = '4c']", {}},
      {"[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS", {}},
      {"[ipv4-addr:value != '1.2.3.4']", {}},
      {"[ipv4-addr:value = '1.2.3.4'", {}},
      {"[ipv4-addr:value = '1.2.3.4]", {}},
      {"([ipv4-addr:value = '1.2.3.4'])", {}},
      {"", {}},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.pattern);
    const auto parsed = ParseEqualityPattern(test_case.pattern);
    if (test_case.want.empty()) {
      ASSERT_FALSE(parsed);
      EXPECT_NE(parsed.error().find("offset"), std::string::npos) << parsed.error();
      continue;
    }
    ASSERT_TRUE(parsed) << parsed.error();
    std::vector<std::string> got;
    for (const StixComparison& c : *parsed) {
      got.push_back(c.object_type + "|" + c.property + "|" + c.value);
    }
    EXPECT_EQ(got, test_case.want);
  }
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
