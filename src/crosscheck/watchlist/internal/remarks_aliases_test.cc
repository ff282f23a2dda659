#include "crosscheck/watchlist/internal/remarks_aliases.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::watchlist::internal {
namespace {

TEST(ParseRemarksAliases, ReadsQuotedNamesAfterAkaFkaNka) {
  struct Case {
    const char* remarks;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases = {
      // SAFA, Wafiq (26957) in the 2021 SDN list.
      {"Gender Male; National ID No. 494606 (Lebanon); a.k.a. 'AL-ZAIN, Ali Wahib'; a.k.a. "
       "'AL-DIN, Hessam Badr'; Linked To: HIZBALLAH.",
       {"AL-ZAIN, Ali Wahib", "AL-DIN, Hessam Badr"}},
      {"a.k.a. 'BNC'.", {"BNC"}},
      {"f.k.a. 'OLD NAME LTD', n.k.a. 'NEW NAME LTD')", {"OLD NAME LTD", "NEW NAME LTD"}},
      {"a.k.a. 'AL-SA'DUN, Muhammad'; x", {"AL-SA'DUN, Muhammad"}},  // apostrophe inside
      {"a.k.a. 'X'; a.k.a. 'X'.", {"X"}},
      {"a.k.a. 'never closed", {}},
      {"no aliases; DOB 1970.", {}},
      {"", {}},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.remarks);
    EXPECT_EQ(ParseRemarksAliases(test_case.remarks), test_case.want);
  }
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
