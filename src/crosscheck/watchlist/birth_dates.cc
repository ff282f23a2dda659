#include "crosscheck/watchlist/birth_dates.h"

#include <array>
#include <cctype>
#include <string>
#include <tuple>

namespace crosscheck::watchlist {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr int kCircaYears = 2;  // "circa 1960" is read as 1958..1962

// Cursor reads the words of one "DOB ..." clause.
struct Cursor {
  std::string_view text;
  std::size_t pos = 0;

  void SkipSpaces() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == ',')) ++pos;
  }
  std::optional<int> Number(std::size_t min_digits, std::size_t max_digits) {
    SkipSpaces();
    std::size_t end = pos;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end - pos < min_digits || end - pos > max_digits) return std::nullopt;
    const int value = std::stoi(std::string(text.substr(pos, end - pos)));
    pos = end;
    return value;
  }
  std::optional<int> Month() {
    SkipSpaces();
    if (pos + 3 > text.size()) return std::nullopt;
    std::string word;
    for (std::size_t idx = pos; idx < pos + 3; ++idx) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[idx]))));
    }
    for (std::size_t month = 0; month < kMonths.size(); ++month) {
      if (word == kMonths[month]) {
        pos += 3;
        while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) ++pos;
        return static_cast<int>(month) + 1;
      }
    }
    return std::nullopt;
  }
  bool Word(std::string_view word) {
    SkipSpaces();
    if (text.substr(pos, word.size()) != word) return false;
    pos += word.size();
    return true;
  }
};

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// ReadDate reads "19 Apr 1966", "Apr 1966" or "1966" as a range of days.
std::optional<ListedBirthDate> ReadDate(Cursor& cursor) {
  const std::size_t start = cursor.pos;
  if (auto day = cursor.Number(1, 2)) {
    auto month = cursor.Month();
    auto year = cursor.Number(4, 4);
    if (!month || !year || *day < 1 || *day > DaysInMonth(*year, *month)) return std::nullopt;
    const CivilDate date{*year, *month, *day};
    return ListedBirthDate{date, date};
  }
  cursor.pos = start;
  if (auto month = cursor.Month()) {
    auto year = cursor.Number(4, 4);
    if (!year) return std::nullopt;
    return ListedBirthDate{{*year, *month, 1}, {*year, *month, DaysInMonth(*year, *month)}};
  }
  cursor.pos = start;
  if (auto year = cursor.Number(4, 4)) return ListedBirthDate{{*year, 1, 1}, {*year, 12, 31}};
  return std::nullopt;
}

}  // namespace

std::vector<ListedBirthDate> ParseListedBirthDates(std::string_view remarks) {
  std::vector<ListedBirthDate> dates;
  for (std::size_t at = remarks.find("DOB "); at != std::string_view::npos;
       at = remarks.find("DOB ", at + 4)) {
    std::size_t end = remarks.find(';', at);
    if (end == std::string_view::npos) end = remarks.size();
    Cursor cursor{remarks.substr(at + 4, end - at - 4)};
    const bool circa = cursor.Word("circa");
    auto date = ReadDate(cursor);
    if (!date) continue;
    if (cursor.Word("to")) {
      auto until = ReadDate(cursor);
      if (!until) continue;
      date->last = until->last;
    }
    if (circa) {
      date->first = {date->first.year - kCircaYears, 1, 1};
      date->last = {date->last.year + kCircaYears, 12, 31};
    }
    dates.push_back(*date);
  }
  return dates;
}

BirthDateFit CompareBirthDate(const std::vector<ListedBirthDate>& listed,
                              const std::optional<CivilDate>& applicant) {
  if (listed.empty() || !applicant) return BirthDateFit::kUnknown;
  const auto key = [](const CivilDate& date) { return std::tie(date.year, date.month, date.day); };
  for (const ListedBirthDate& range : listed) {
    if (key(range.first) <= key(*applicant) && key(*applicant) <= key(range.last)) {
      return BirthDateFit::kAgrees;
    }
  }
  return BirthDateFit::kContradicts;
}

}  // namespace crosscheck::watchlist
