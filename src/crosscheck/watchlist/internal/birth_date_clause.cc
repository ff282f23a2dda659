#include "crosscheck/watchlist/internal/birth_date_clause.h"

#include "crosscheck/common/time.h"

namespace crosscheck::watchlist::internal {
namespace {

// PointText writes point as the SDN remarks do ("8 Jan 1984", "Jan 1984", "1984").
std::optional<std::string> PointText(BirthDatePoint point) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (point.year <= 0 || point.month < 0 || point.month > 12 || point.day < 0 || (point.day > 0 && point.month == 0)) {
    return std::nullopt;
  }
  std::string text = std::to_string(point.year);
  if (point.month > 0) text = std::string(kMonths[point.month - 1]) + " " + text;
  if (point.day > 0) text = std::to_string(point.day) + " " + text;
  return text;
}

}  // namespace

std::optional<std::string> BirthDateClause(const BirthDateParts& parts) {
  const std::string circa = parts.approximately ? "circa " : "";
  if (!parts.date.empty()) {
    const auto parsed = ParseDate(parts.date.substr(0, 10));
    if (!parsed) return std::nullopt;
    return "DOB " + circa + *PointText({parsed->year, parsed->month, parsed->day});
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

std::optional<std::string> BirthDatePeriodClause(BirthDatePoint first, BirthDatePoint last, bool approximately) {
  const std::optional<std::string> from = PointText(first);
  const std::optional<std::string> until = PointText(last);
  if (!from || !until) return std::nullopt;
  return "DOB " + std::string(approximately ? "circa " : "") + *from + (*from == *until ? "" : " to " + *until);
}

bool AddBirthDates(const std::optional<std::string>& clause, std::vector<ListedBirthDate>& dates) {
  if (!clause) return false;
  const std::vector<ListedBirthDate> read = ParseListedBirthDates(*clause);
  dates.insert(dates.end(), read.begin(), read.end());
  return !read.empty();
}

}  // namespace crosscheck::watchlist::internal
