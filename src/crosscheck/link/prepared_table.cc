#include "crosscheck/link/prepared_table.h"

#include <algorithm>
#include <thread>

#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/link/comparators.h"

namespace crosscheck::link {
namespace {

// Placeholders people type for "unknown"; treating them as values would make every pair of
// unknowns agree.
bool IsPlaceholder(std::string_view folded) {
  static constexpr std::string_view kPlaceholders[] = {
      "null", "none", "n a", "na", "nan", "unknown", "nil", "not available", "not known", "0"};
  for (std::string_view placeholder : kPlaceholders) {
    if (folded == placeholder) return true;
  }
  return folded.empty();
}

std::string PhoneticTokens(std::string_view folded) {
  std::string out;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    std::string code = PhoneticCode(folded.substr(start, end - start));
    if (!code.empty()) {
      if (!out.empty()) out.push_back(' ');
      out += code;
    }
    start = end + 1;
  }
  return out;
}

std::string SortedTokens(std::string_view folded) {
  std::vector<std::string> tokens = SplitString(folded, ' ');
  std::sort(tokens.begin(), tokens.end());
  return JoinStrings(tokens, " ");
}

// Street words in their usual abbreviation, so "12 Smith Street" equals "12 smith st".
std::string AbbreviateStreet(std::string_view folded) {
  static constexpr std::pair<std::string_view, std::string_view> kAbbreviations[] = {
      {"street", "st"},    {"road", "rd"},       {"avenue", "ave"},    {"av", "ave"},
      {"drive", "dr"},     {"place", "pl"},      {"court", "ct"},      {"crescent", "cres"},
      {"circuit", "cct"},  {"lane", "ln"},       {"boulevard", "blvd"}, {"terrace", "tce"},
      {"highway", "hwy"},  {"parade", "pde"},    {"square", "sq"},     {"apartment", "apt"},
      {"suite", "ste"},    {"north", "n"},       {"south", "s"},       {"east", "e"},
      {"west", "w"},       {"close", "cl"},      {"way", "wy"},        {"unit", "u"}};
  std::vector<std::string> tokens = SplitString(folded, ' ');
  for (auto& token : tokens) {
    for (const auto& [word, abbreviation] : kAbbreviations) {
      if (token == word) token = std::string(abbreviation);
    }
  }
  return JoinStrings(tokens, " ");
}

bool ValidDate(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  if (day > kDays[month - 1]) return false;
  if (month == 2 && day == 29) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return true;
}

// NormalizeDate turns YYYYMMDD, YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY, MM/DD/YYYY and
// DD.MM.YYYY into "YYYYMMDD". A day-first/month-first ambiguity is resolved month-first only
// when the first part cannot be a month; the date comparator tolerates swaps anyway.
NormalizedValue NormalizeDate(std::string_view raw) {
  NormalizedValue value;
  value.number = kNoDays;
  std::vector<std::string> parts;
  std::string part;
  for (char c : raw) {
    if (c >= '0' && c <= '9') {
      part.push_back(c);
    } else if (c == 'T' || c == ' ') {
      break;  // a timestamp: keep the date
    } else if (!part.empty()) {
      parts.push_back(std::move(part));
      part.clear();
    }
  }
  if (!part.empty()) parts.push_back(std::move(part));
  int year = 0, month = 0, day = 0;
  if (parts.size() == 1 && parts[0].size() == 8) {
    value.text = parts[0];
    year = std::stoi(parts[0].substr(0, 4));
    month = std::stoi(parts[0].substr(4, 2));
    day = std::stoi(parts[0].substr(6, 2));
  } else if (parts.size() == 3 && parts[0].size() == 4 && parts[1].size() <= 2 &&
             parts[2].size() <= 2) {
    year = std::stoi(parts[0]);
    month = std::stoi(parts[1]);
    day = std::stoi(parts[2]);
  } else if (parts.size() == 3 && parts[2].size() == 4 && parts[0].size() <= 2 &&
             parts[1].size() <= 2) {
    year = std::stoi(parts[2]);
    day = std::stoi(parts[0]);
    month = std::stoi(parts[1]);
    if (month > 12 && day <= 12) std::swap(day, month);
  } else {
    for (const auto& piece : parts) value.text += piece;
    return value;
  }
  if (value.text.empty()) {
    char buffer[16];
    std::snprintf(buffer, sizeof(buffer), "%04d%02d%02d", year % 10000, month % 100, day % 100);
    value.text = buffer;
  }
  if (ValidDate(year, month, day)) {
    value.number = static_cast<std::int32_t>(DaysFromCivil(CivilDate{year, month, day}));
  }
  return value;
}

void NormalizeOne(FieldType type, std::string_view raw, std::vector<NormalizedValue>& out) {
  switch (type) {
    case FieldType::kEmail: {
      std::string email = ToLowerAscii(TrimAscii(raw));
      email.erase(std::remove(email.begin(), email.end(), ' '), email.end());
      if (email.empty() || IsPlaceholder(email)) return;
      NormalizedValue value;
      const std::size_t at = email.find('@');
      value.alt = at == std::string::npos ? email : email.substr(0, at);
      value.text = std::move(email);
      out.push_back(std::move(value));
      return;
    }
    case FieldType::kPhone: {
      std::string digits;
      for (char c : raw) {
        if (c >= '0' && c <= '9') digits.push_back(c);
      }
      if (digits.size() < 5) return;
      NormalizedValue value;
      // The last nine digits identify a number across "+44 20 ...", "0044 20" and "020 ...".
      value.alt = digits.size() > 9 ? digits.substr(digits.size() - 9) : digits;
      value.text = std::move(digits);
      out.push_back(std::move(value));
      return;
    }
    case FieldType::kDate: {
      if (IsPlaceholder(FoldText(raw))) return;
      NormalizedValue value = NormalizeDate(raw);
      if (!value.text.empty()) out.push_back(std::move(value));
      return;
    }
    case FieldType::kPostalCode:
    case FieldType::kIdentifier: {
      std::string compact;
      for (char c : raw) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) compact.push_back(c);
        else if (c >= 'A' && c <= 'Z') compact.push_back(static_cast<char>(c - 'A' + 'a'));
      }
      if (IsPlaceholder(compact)) return;
      NormalizedValue value;
      value.text = std::move(compact);
      out.push_back(std::move(value));
      return;
    }
    case FieldType::kStreet: {
      std::string folded = AbbreviateStreet(FoldText(raw));
      if (IsPlaceholder(folded)) return;
      NormalizedValue value;
      value.alt = SortedTokens(folded);
      value.text = std::move(folded);
      out.push_back(std::move(value));
      return;
    }
    case FieldType::kGivenName:
    case FieldType::kSurname:
    case FieldType::kFullName:
    case FieldType::kCity: {
      std::string folded = FoldText(raw);
      if (IsPlaceholder(folded)) return;
      NormalizedValue value;
      value.alt = PhoneticTokens(folded);
      value.text = std::move(folded);
      out.push_back(std::move(value));
      return;
    }
    case FieldType::kState:
    case FieldType::kCategorical:
    case FieldType::kText:
    case FieldType::kString: {
      std::string folded = FoldText(raw);
      if (IsPlaceholder(folded)) return;
      NormalizedValue value;
      value.text = std::move(folded);
      out.push_back(std::move(value));
      return;
    }
  }
}

}  // namespace

std::uint64_t Hash64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  hash *= 0xc4ceb9fe1a85ec53ULL;
  hash ^= hash >> 33;
  return hash == 0 ? 1 : hash;
}

void NormalizeValue(FieldType type, std::string_view raw, std::vector<NormalizedValue>& out) {
  raw = TrimAscii(raw);
  if (raw.empty()) return;
  // Contact points and identifiers may hold several values in one cell.
  const bool multi = type == FieldType::kEmail || type == FieldType::kPhone ||
                     type == FieldType::kIdentifier;
  if (!multi || raw.find_first_of(";|") == std::string_view::npos) {
    NormalizeOne(type, raw, out);
  } else {
    std::size_t start = 0;
    while (start <= raw.size()) {
      std::size_t end = raw.find_first_of(";|", start);
      if (end == std::string_view::npos) end = raw.size();
      NormalizeOne(type, TrimAscii(raw.substr(start, end - start)), out);
      start = end + 1;
    }
  }
  // Drop repeats within one cell.
  if (out.size() > 1) {
    std::vector<NormalizedValue> unique;
    for (auto& value : out) {
      bool seen = false;
      for (const auto& kept : unique) seen = seen || kept.text == value.text;
      if (!seen) unique.push_back(std::move(value));
    }
    out = std::move(unique);
  }
}

double PreparedColumn::Frequency(std::uint64_t hash) const {
  if (nonnull_records_ == 0) return 1.0;
  const std::uint32_t count = std::max<std::uint32_t>(1, Count(hash));
  return static_cast<double>(count) / static_cast<double>(nonnull_records_);
}

std::size_t PreparedColumn::Append(std::string_view raw, std::vector<NormalizedValue>& scratch) {
  scratch.clear();
  NormalizeValue(spec_.type, raw, scratch);
  for (NormalizedValue& value : scratch) {
    // Values longer than 64 KiB are cut: the arena offsets are 16-bit lengths.
    if (value.text.size() > 0xFFFF) value.text.resize(0xFFFF);
    if (value.alt.size() > 0xFFFF) value.alt.resize(0xFFFF);
    Entry entry;
    entry.hash = Hash64(spec_.type == FieldType::kPhone ? value.alt : value.text);
    entry.text_offset = static_cast<std::uint32_t>(arena_.size());
    entry.text_size = static_cast<std::uint16_t>(value.text.size());
    arena_ += value.text;
    entry.alt_offset = static_cast<std::uint32_t>(arena_.size());
    entry.alt_size = static_cast<std::uint16_t>(value.alt.size());
    arena_ += value.alt;
    entry.number = value.number;
    entries_.push_back(entry);
    std::uint32_t& count = counts_[entry.hash];
    squared_counts_ += 2 * static_cast<std::uint64_t>(count) + 1;
    ++count;
    ++value_occurrences_;
  }
  if (!scratch.empty()) ++nonnull_records_;
  begin_.push_back(static_cast<std::uint32_t>(entries_.size()));
  return size() - 1;
}

double PreparedColumn::MeanFrequency() const {
  if (nonnull_records_ == 0 || value_occurrences_ == 0) return 1.0;
  return static_cast<double>(squared_counts_) /
         (static_cast<double>(value_occurrences_) * static_cast<double>(nonnull_records_));
}

std::vector<std::pair<std::string, std::uint32_t>> PreparedColumn::TopValues(
    std::size_t limit) const {
  std::vector<std::pair<std::uint32_t, std::uint64_t>> by_count;
  by_count.reserve(counts_.size());
  for (const auto& [hash, count] : counts_) by_count.emplace_back(count, hash);
  const std::size_t keep = std::min(limit, by_count.size());
  std::partial_sort(by_count.begin(), by_count.begin() + static_cast<std::ptrdiff_t>(keep),
                    by_count.end(), [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  by_count.resize(keep);
  std::vector<std::pair<std::string, std::uint32_t>> top;
  for (const auto& [count, hash] : by_count) {
    // Find one entry with this hash for its text (a linear scan, fine for a summary).
    for (const Entry& entry : entries_) {
      if (entry.hash == hash) {
        const std::size_t offset = spec_.type == FieldType::kPhone ? entry.alt_offset : entry.text_offset;
        const std::size_t size = spec_.type == FieldType::kPhone ? entry.alt_size : entry.text_size;
        top.emplace_back(arena_.substr(offset, size), count);
        break;
      }
    }
  }
  std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return top;
}

PreparedTable::PreparedTable(const std::vector<FieldSpec>& fields) {
  columns_.reserve(fields.size());
  for (const FieldSpec& spec : fields) columns_.emplace_back(spec);
}

PreparedTable PreparedTable::FromRecords(const RecordTable& table, unsigned threads) {
  PreparedTable prepared(table.fields);
  prepared.sources_.reserve(table.records.size());
  prepared.ids_.reserve(table.records.size());
  for (const Record& record : table.records) {
    prepared.sources_.push_back(record.source);
    prepared.ids_.push_back(record.id);
  }
  // Columns are independent: one worker per column at a time.
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t field_count = table.fields.size();
  auto prepare_columns = [&](std::size_t first) {
    std::vector<NormalizedValue> scratch;
    for (std::size_t field_idx = first; field_idx < field_count; field_idx += threads) {
      for (const Record& record : table.records) {
        prepared.columns_[field_idx].Append(record.values[field_idx], scratch);
      }
    }
  };
  std::vector<std::thread> workers;
  for (unsigned worker = 1; worker < threads && worker < field_count; ++worker) {
    workers.emplace_back(prepare_columns, worker);
  }
  prepare_columns(0);
  for (auto& worker : workers) worker.join();
  return prepared;
}

std::size_t PreparedTable::Append(std::uint32_t source, std::string id,
                                  const std::vector<std::string>& values) {
  for (std::size_t field_idx = 0; field_idx < columns_.size(); ++field_idx) {
    columns_[field_idx].Append(field_idx < values.size() ? values[field_idx] : "", scratch_);
  }
  sources_.push_back(source);
  ids_.push_back(std::move(id));
  return ids_.size() - 1;
}

}  // namespace crosscheck::link
