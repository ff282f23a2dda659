#include "crosscheck/watchlist/birth_dates.h"
#include "crosscheck/source_paths.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace crosscheck::watchlist {
namespace {

TEST(BirthDates, ReadsTheFormsOfacPublishes) {
  struct Case {
    const char* remarks;
    std::vector<std::pair<CivilDate, CivilDate>> expected;
  } cases[] = {
      {"DOB 19 Apr 1966; POB Pyongyang", {{{1966, 4, 19}, {1966, 4, 19}}}},
      {"DOB 1970; nationality Korea, North", {{{1970, 1, 1}, {1970, 12, 31}}}},
      {"DOB Feb 1964;", {{{1964, 2, 1}, {1964, 2, 29}}}},
      {"DOB circa 1960;", {{{1958, 1, 1}, {1962, 12, 31}}}},
      {"DOB 1950 to 1955;", {{{1950, 1, 1}, {1955, 12, 31}}}},
      {"DOB 01 Jan 1950 to 31 Dec 1955.", {{{1950, 1, 1}, {1955, 12, 31}}}},
      {"DOB 31 Aug 1953; alt. DOB 31 Aug 1955;", {{{1953, 8, 31}, {1953, 8, 31}}, {{1955, 8, 31}, {1955, 8, 31}}}},
      {"DOB 31 Feb 1953; DOB unknown; Passport 123", {}},  // impossible date, unreadable
      {"", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.remarks);
    const auto dates = ParseListedBirthDates(c.remarks);
    ASSERT_EQ(dates.size(), c.expected.size());
    for (std::size_t idx = 0; idx < dates.size(); ++idx) {
      EXPECT_EQ(dates[idx].first, c.expected[idx].first);
      EXPECT_EQ(dates[idx].last, c.expected[idx].second);
    }
  }
}

TEST(BirthDates, AnApplicantFitsOrContradictsTheListedDates) {
  const auto listed = ParseListedBirthDates("DOB 19 Apr 1966; alt. DOB 1968");
  EXPECT_EQ(CompareBirthDate(listed, CivilDate{1966, 4, 19}), BirthDateFit::kAgrees);
  EXPECT_EQ(CompareBirthDate(listed, CivilDate{1968, 11, 2}), BirthDateFit::kAgrees);
  EXPECT_EQ(CompareBirthDate(listed, CivilDate{1966, 4, 20}), BirthDateFit::kContradicts);
  EXPECT_EQ(CompareBirthDate(listed, CivilDate{1996, 4, 19}), BirthDateFit::kContradicts);
  EXPECT_EQ(CompareBirthDate(listed, std::nullopt), BirthDateFit::kUnknown);
  EXPECT_EQ(CompareBirthDate({}, CivilDate{1966, 4, 19}), BirthDateFit::kUnknown);
}

TEST(BirthDates, MostDatesInTheRealListAreRead) {
  // Every "DOB " of the real 2021 SDN file: nearly all must parse (the rest are free text).
  std::ifstream in(std::string(CROSSCHECK_SHARED_DIR) + "/data/ofac/sdn.csv");
  ASSERT_TRUE(in) << "missing shared/data/ofac/sdn.csv";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::size_t mentions = 0;
  for (std::size_t at = text.find("DOB "); at != std::string::npos; at = text.find("DOB ", at + 4)) ++mentions;
  const auto dates = ParseListedBirthDates(text);
  EXPECT_GT(mentions, 4000u);
  EXPECT_GE(static_cast<double>(dates.size()), 0.97 * static_cast<double>(mentions));
}

}  // namespace
}  // namespace crosscheck::watchlist
