// The lists other than OFAC's publish a date of birth in parts: a full date, a year, a range of
// years, "approximately". BirthDateClause writes those parts as one SDN "DOB ..." clause, so
// that every list's dates mean what the SDN remarks' dates mean (birth_dates.h): a year spans
// the year, "circa" two years either side, "1960 to 1965" the range.
//
//   const auto clause = BirthDateClause({.date = "1937-04-28"});  // "DOB 28 Apr 1937"
//   const auto dates = ParseListedBirthDates(*clause);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/watchlist/birth_dates.h"

namespace crosscheck::watchlist::internal {

// BirthDateParts is one published date of birth as its parts; empty parts are absent.
struct BirthDateParts {
  std::string_view date;       // "YYYY-MM-DD" (anything after the tenth byte is ignored)
  std::string_view year;       // "1960"
  std::string_view from_year;  // a range of years, either end may be alone
  std::string_view to_year;
  bool approximately = false;  // "circa"
};

// BirthDateClause returns the SDN clause of parts ("DOB 28 Apr 1937", "DOB circa 1960",
// "DOB 1960 to 1965"), the full date first, then the year, then the range; "" when every
// part is empty; nullopt when date is given but is no real date.
std::optional<std::string> BirthDateClause(const BirthDateParts& parts);

// BirthDatePoint is one end of a published period of dates (OFAC's advanced XML writes a date
// of birth as Start..End): a year, a month of it or a day; 0 is "not given".
struct BirthDatePoint {
  int year = 0;
  int month = 0;
  int day = 0;
};

// BirthDatePeriodClause returns the SDN clause of the period first..last: "DOB 8 Jan 1984" when
// both are the same, else "DOB 1 Jan 1962 to 31 Dec 1962" (a point without a day spans its
// month, without a month its year), "circa" before it when approximately; nullopt when a point
// has no year, a month outside 1..12 or a day without a month (an impossible day such as
// 30 Feb is left to ParseListedBirthDates, which reads nothing from it).
std::optional<std::string> BirthDatePeriodClause(BirthDatePoint first, BirthDatePoint last, bool approximately);

// AddBirthDates appends the dates of a clause (BirthDateClause's; nullopt for none) to dates:
// false when it gave none, which the reader reports as an unreadable date of birth.
bool AddBirthDates(const std::optional<std::string>& clause, std::vector<ListedBirthDate>& dates);

}  // namespace crosscheck::watchlist::internal
