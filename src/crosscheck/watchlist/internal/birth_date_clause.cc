#include "crosscheck/watchlist/internal/birth_date_clause.h"

#include "crosscheck/common/time.h"

namespace crosscheck::watchlist::internal {

std::optional<std::string> BirthDateClause(const BirthDateParts& parts) {
  const std::string circa = parts.approximately ? "circa " : "";
  if (!parts.date.empty()) {
    const auto parsed = ParseDate(parts.date.substr(0, 10));
    if (!parsed) return std::nullopt;
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return "DOB " + circa + std::to_string(parsed->day) + " " + kMonths[parsed->month - 1] + " " +
           std::to_string(parsed->year);
  }
  if (!parts.year.empty()) return "DOB " + circa + std::string(parts.year);
  if (!parts.from_year.empty() && !parts.to_year.empty()) {
    return "DOB " + std::string(parts.from_year) + " to " + std::string(parts.to_year);
  }
  if (!parts.from_year.empty() || !parts.to_year.empty()) {
    return "DOB " + std::string(parts.from_year) + std::string(parts.to_year);
  }
  return "";
}

bool AddBirthDates(const std::optional<std::string>& clause, std::vector<ListedBirthDate>& dates) {
  if (!clause) return false;
  const std::vector<ListedBirthDate> read = ParseListedBirthDates(*clause);
  dates.insert(dates.end(), read.begin(), read.end());
  return !read.empty();
}

}  // namespace crosscheck::watchlist::internal
