// Dates and timestamps of the data contract: ISO 8601 timestamps with an offset or Z, and
// YYYY-MM-DD dates. Pure functions on strings; no time zone database needed.
//
//   std::optional<std::int64_t> t = ParseTimestamp("2025-03-01T09:30:00+09:00");  // unix seconds
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crosscheck {

// CivilDate is a proleptic Gregorian calendar date.
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;  // year, month, day
};

// ParseDate parses "YYYY-MM-DD" and rejects impossible dates (Feb 30). nullopt when invalid.
std::optional<CivilDate> ParseDate(std::string_view text);

// DaysFromCivil returns days since 1970-01-01 (negative before).
std::int64_t DaysFromCivil(const CivilDate& date);

// CivilFromDays is the inverse of DaysFromCivil.
CivilDate CivilFromDays(std::int64_t days);

// ParseTimestamp parses ISO 8601 "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH[:]MM)" (a space may stand
// for T; a date alone means midnight UTC) into unix seconds. Milliseconds go to *millis when
// given. nullopt when invalid or when the offset is missing.
std::optional<std::int64_t> ParseTimestamp(std::string_view text, int* millis = nullptr);

// FormatTimestamp renders unix seconds as "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatTimestamp(std::int64_t unix_seconds);

// FormatDate renders "YYYY-MM-DD".
std::string FormatDate(const CivilDate& date);

}  // namespace crosscheck
