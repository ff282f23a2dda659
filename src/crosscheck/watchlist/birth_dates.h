// Dates of birth published in OFAC SDN remarks ("DOB 19 Apr 1966; DOB 1970; DOB circa 1960;
// DOB 01 Jan 1950 to 31 Dec 1955"), and whether an applicant's date of birth fits them. A
// name match whose listed dates of birth exclude the applicant's is a different person; one
// whose dates agree is a real candidate. Names alone are weak: common names collide.
//
//   const auto listed = ParseListedBirthDates(entry.remarks);
//   switch (CompareBirthDate(listed, applicant_dob)) { ... }
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "crosscheck/common/time.h"

namespace crosscheck::watchlist {

// ListedBirthDate is one published date of birth as an inclusive range of days: an exact date
// has first == last; "DOB 1970" spans the year; "circa 1960" spans 1958..1962.
struct ListedBirthDate {
  CivilDate first;
  CivilDate last;
};

// ParseListedBirthDates returns every "DOB ..." of `remarks` it can read; unreadable ones are
// skipped (they cannot contradict anything).
std::vector<ListedBirthDate> ParseListedBirthDates(std::string_view remarks);

enum class BirthDateFit { kUnknown, kAgrees, kContradicts };

// CompareBirthDate: kUnknown when nothing is listed or the applicant's date is unknown;
// kAgrees when the date falls in any listed range; otherwise kContradicts.
BirthDateFit CompareBirthDate(const std::vector<ListedBirthDate>& listed,
                              const std::optional<CivilDate>& applicant);

}  // namespace crosscheck::watchlist
