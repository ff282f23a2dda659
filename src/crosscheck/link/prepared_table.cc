#include "crosscheck/link/prepared_table.h"

#include <algorithm>
#include <atomic>
#include <cstring>
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
      // Honorifics and peerages say nothing of who a person is, and registers differ in them.
      if (type == FieldType::kFullName || type == FieldType::kGivenName) folded = StripHonorifics(folded);
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

std::uint32_t LetterMask(std::string_view text) {
  std::uint32_t mask = 0;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') mask |= 1U << (c - 'a');
    else if (c >= '0' && c <= '9') mask |= 1U << (26 + (c - '0') % 6);
  }
  return mask;
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

double PreparedColumn::Frequency(std::uint32_t value_id) const {
  if (nonnull_records_ == 0) return 1.0;
  const std::uint32_t count = std::max<std::uint32_t>(1, CountOf(value_id));
  return static_cast<double>(count) / static_cast<double>(nonnull_records_);
}

double PreparedColumn::MeanFrequency() const {
  if (nonnull_records_ == 0 || value_occurrences_ == 0) return 1.0;
  return static_cast<double>(squared_counts_) /
         (static_cast<double>(value_occurrences_) * static_cast<double>(nonnull_records_));
}

void PreparedColumn::CountRecord(std::size_t record_idx) {
  const std::size_t count = value_count(record_idx);
  for (std::size_t value_idx = 0; value_idx < count; ++value_idx) {
    store_->SetValueId(record_idx, field_idx_, value_idx, CountValue(value(record_idx, value_idx).hash));
  }
  if (count > 0) ++nonnull_records_;
}

std::uint32_t PreparedColumn::CountValue(std::uint64_t hash) {
  const auto [id, added] = id_of_.Insert(hash, static_cast<std::uint32_t>(count_of_.size()));
  if (added) count_of_.push_back(0);
  std::uint32_t& seen = count_of_[id];
  squared_counts_ += 2 * static_cast<std::uint64_t>(seen) + 1;
  ++seen;
  ++value_occurrences_;
  return id;
}

std::vector<std::pair<std::string, std::uint32_t>> PreparedColumn::TopValues(std::size_t limit) const {
  std::vector<std::pair<std::uint32_t, std::uint64_t>> by_count;
  by_count.reserve(id_of_.size());
  id_of_.ForEach([&](std::uint64_t hash, std::uint32_t id) { by_count.emplace_back(count_of_[id], hash); });
  const std::size_t keep = std::min(limit, by_count.size());
  std::partial_sort(by_count.begin(), by_count.begin() + static_cast<std::ptrdiff_t>(keep), by_count.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  by_count.resize(keep);
  std::unordered_map<std::uint64_t, std::string> text_of;
  for (const auto& [count, hash] : by_count) text_of.emplace(hash, std::string());
  std::size_t missing = text_of.size();
  for (std::size_t record = 0; record < size() && missing > 0; ++record) {
    for (std::size_t value_idx = 0; value_idx < value_count(record); ++value_idx) {
      const ValueView view = value(record, value_idx);
      auto it = text_of.find(view.hash);
      if (it != text_of.end() && it->second.empty()) {
        it->second = std::string(spec_.type == FieldType::kPhone ? view.alt : view.text);
        --missing;
      }
    }
  }
  std::vector<std::pair<std::string, std::uint32_t>> top;
  for (const auto& [count, hash] : by_count) top.emplace_back(text_of[hash], count);
  std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return top;
}

namespace internal {

void RecordStore::AppendRecord(const std::vector<std::vector<NormalizedValue>>& values,
                               std::uint32_t hash_alt_mask, std::uint64_t digit_profile_mask) {
  std::size_t value_total = 0;
  for (const auto& field_values : values) value_total += field_values.size();
  const std::size_t values_offset = ValuesOffset();
  std::size_t strings_offset = values_offset + value_total * sizeof(StoredValue);
  std::size_t record_size = strings_offset;
  for (const auto& field_values : values) {
    for (const NormalizedValue& value : field_values) record_size += value.text.size() + value.alt.size();
  }
  record_size = (record_size + 7) & ~std::size_t{7};
  const std::size_t start = blob_.size();
  blob_.resize(start + record_size, '\0');
  char* base = blob_.data() + start;
  std::uint32_t begin = 0;
  std::size_t value_idx = 0;
  for (std::size_t field = 0; field < field_count_; ++field) {
    std::memcpy(base + field * sizeof(std::uint32_t), &begin, sizeof(begin));
    for (const NormalizedValue& value : values[field]) {
      StoredValue stored{};
      stored.hash = Hash64(((hash_alt_mask >> field) & 1U) ? value.alt : value.text);
      stored.text_offset = static_cast<std::uint32_t>(strings_offset);
      stored.text_size = static_cast<std::uint32_t>(value.text.size());
      std::memcpy(base + strings_offset, value.text.data(), value.text.size());
      strings_offset += value.text.size();
      stored.alt_size = static_cast<std::uint32_t>(value.alt.size());
      std::memcpy(base + strings_offset, value.alt.data(), value.alt.size());
      strings_offset += value.alt.size();
      stored.number = value.number;
      stored.letters = LetterMask(value.text);
      stored.profile = CharacterProfile(value.text, (digit_profile_mask >> field) & 1U);
      std::memcpy(base + values_offset + value_idx * sizeof(StoredValue), &stored, sizeof(stored));
      ++value_idx;
    }
    begin += static_cast<std::uint32_t>(values[field].size());
  }
  std::memcpy(base + field_count_ * sizeof(std::uint32_t), &begin, sizeof(begin));
  offsets_.push_back(blob_.size());
}

void RecordStore::AppendStore(const RecordStore& other) {
  const std::uint64_t shift = blob_.size();
  blob_ += other.blob_;
  for (std::size_t record = 1; record < other.offsets_.size(); ++record) {
    offsets_.push_back(other.offsets_[record] + shift);
  }
}

void RecordStore::AppendStores(std::vector<RecordStore>& parts, unsigned threads) {
  // Where each part's bytes and offsets go.
  std::vector<std::size_t> byte_start(parts.size() + 1, blob_.size());
  std::vector<std::size_t> record_start(parts.size() + 1, offsets_.size());
  for (std::size_t part = 0; part < parts.size(); ++part) {
    byte_start[part + 1] = byte_start[part] + parts[part].blob_.size();
    record_start[part + 1] = record_start[part] + parts[part].size();
  }
  offsets_.resize(record_start.back());
  // resize_and_overwrite: the bytes are written once, by the copy, not zeroed first.
  blob_.resize_and_overwrite(byte_start.back(), [&](char* data, std::size_t size) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t part = next++; part < parts.size(); part = next++) {
        RecordStore& source = parts[part];
        std::memcpy(data + byte_start[part], source.blob_.data(), source.blob_.size());
        for (std::size_t record = 1; record < source.offsets_.size(); ++record) {
          offsets_[record_start[part] + record - 1] = source.offsets_[record] + byte_start[part];
        }
        std::string().swap(source.blob_);
        std::vector<std::uint64_t>().swap(source.offsets_);
      }
    };
    std::vector<std::thread> workers;
    for (unsigned worker = 1; worker < threads && worker < parts.size(); ++worker) workers.emplace_back(work);
    work();
    for (auto& worker : workers) worker.join();
    return size;
  });
}

}  // namespace internal

PreparedTable::PreparedTable(const std::vector<FieldSpec>& fields)
    : store_(std::make_unique<internal::RecordStore>(fields.size())) {
  columns_.reserve(fields.size());
  for (std::size_t field_idx = 0; field_idx < fields.size(); ++field_idx) {
    columns_.emplace_back(fields[field_idx], field_idx, store_.get());
    if (fields[field_idx].type == FieldType::kPhone && field_idx < 32) hash_alt_mask_ |= 1U << field_idx;
    const FieldType type = fields[field_idx].type;
    const bool numeric = type == FieldType::kIdentifier || type == FieldType::kPostalCode ||
                         type == FieldType::kDate || type == FieldType::kPhone;
    if (numeric && field_idx < 64) digit_profile_mask_ |= std::uint64_t{1} << field_idx;
  }
}

PreparedTable PreparedTable::FromRecords(const RecordTable& table, unsigned threads) {
  return Prepare(table, nullptr, threads);
}

PreparedTable PreparedTable::FromRecords(RecordTable&& table, unsigned threads) {
  PreparedTable prepared = Prepare(table, &table, threads);
  table.records = {};
  return prepared;
}

PreparedTable PreparedTable::Prepare(const RecordTable& table, RecordTable* consumed, unsigned threads) {
  PreparedTable prepared(table.fields);
  const std::size_t record_count = table.records.size();
  prepared.sources_.resize(record_count);
  prepared.ids_.resize(record_count);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  // Normalize fixed chunks of records in parallel, then concatenate in order.
  const std::size_t field_count = table.fields.size();
  constexpr std::size_t kChunk = 8192;
  const std::size_t chunk_count = (record_count + kChunk - 1) / kChunk;
  std::vector<internal::RecordStore> chunks(chunk_count, internal::RecordStore(field_count));
  // values_in_chunk[chunk * field_count + field]: how many values the chunk's records hold
  // in the field; their prefix sums place each chunk's value ids below.
  std::vector<std::size_t> values_in_chunk(chunk_count * field_count, 0);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    std::vector<std::vector<NormalizedValue>> values(field_count);
    for (std::size_t chunk = next++; chunk < chunk_count; chunk = next++) {
      const std::size_t end = std::min(record_count, (chunk + 1) * kChunk);
      chunks[chunk].Reserve(end - chunk * kChunk);
      for (std::size_t record = chunk * kChunk; record < end; ++record) {
        for (std::size_t field = 0; field < field_count; ++field) {
          values[field].clear();
          NormalizeValue(table.fields[field].type, table.records[record].values[field], values[field]);
          for (NormalizedValue& value : values[field]) {
            // Offsets are 32-bit per record; cut absurdly long cells.
            if (value.text.size() > (1U << 20)) value.text.resize(1U << 20);
          }
          values_in_chunk[chunk * field_count + field] += values[field].size();
        }
        chunks[chunk].AppendRecord(values, prepared.hash_alt_mask_, prepared.digit_profile_mask_);
        prepared.sources_[record] = table.records[record].source;
        if (consumed != nullptr) {
          // The raw values are not needed again: free them now rather than beside the store.
          Record& source = consumed->records[record];
          prepared.ids_[record] = std::move(source.id);
          std::vector<std::string>().swap(source.values);
        } else {
          prepared.ids_[record] = table.records[record].id;
        }
      }
    }
  };
  {
    std::vector<std::thread> workers;
    for (unsigned worker = 1; worker < threads && worker < chunk_count; ++worker) workers.emplace_back(work);
    work();
    for (auto& worker : workers) worker.join();
  }
  prepared.store_->Reserve(record_count);
  prepared.store_->AppendStores(chunks, threads);
  chunks = {};
  // Frequencies and value ids, one column per worker. Ids are written into the store after
  // the workers finish: columns written concurrently would share every record's cache lines.
  std::vector<std::vector<std::uint32_t>> ids(field_count);
  next = 0;
  auto count = [&] {
    for (std::size_t field = next++; field < field_count; field = next++) {
      PreparedColumn& column = prepared.columns_[field];
      std::size_t total = 0;
      for (std::size_t chunk = 0; chunk < chunk_count; ++chunk) total += values_in_chunk[chunk * field_count + field];
      ids[field].reserve(total);
      for (std::size_t record = 0; record < record_count; ++record) {
        const std::size_t values = column.value_count(record);
        for (std::size_t value_idx = 0; value_idx < values; ++value_idx) {
          ids[field].push_back(column.CountValue(column.value(record, value_idx).hash));
        }
        if (values > 0) ++column.nonnull_records_;
      }
    }
  };
  {
    std::vector<std::thread> workers;
    for (unsigned worker = 1; worker < threads && worker < field_count; ++worker) workers.emplace_back(count);
    count();
    for (auto& worker : workers) worker.join();
  }
  // Write the ids back chunk by chunk in parallel (chunks own disjoint records); each chunk
  // starts reading ids[field] where the values of the chunks before it end.
  std::vector<std::size_t> id_start(chunk_count * field_count, 0);
  for (std::size_t field = 0; field < field_count; ++field) {
    std::size_t sum = 0;
    for (std::size_t chunk = 0; chunk < chunk_count; ++chunk) {
      id_start[chunk * field_count + field] = sum;
      sum += values_in_chunk[chunk * field_count + field];
    }
  }
  next = 0;
  auto write_ids = [&] {
    std::vector<std::size_t> cursor(field_count);
    for (std::size_t chunk = next++; chunk < chunk_count; chunk = next++) {
      for (std::size_t field = 0; field < field_count; ++field) cursor[field] = id_start[chunk * field_count + field];
      const std::size_t end = std::min(record_count, (chunk + 1) * kChunk);
      for (std::size_t record = chunk * kChunk; record < end; ++record) {
        for (std::size_t field = 0; field < field_count; ++field) {
          const std::size_t values = prepared.store_->value_count(record, field);
          for (std::size_t value_idx = 0; value_idx < values; ++value_idx) {
            prepared.store_->SetValueId(record, field, value_idx, ids[field][cursor[field]++]);
          }
        }
      }
    }
  };
  {
    std::vector<std::thread> workers;
    for (unsigned worker = 1; worker < threads && worker < chunk_count; ++worker) workers.emplace_back(write_ids);
    write_ids();
    for (auto& worker : workers) worker.join();
  }
  return prepared;
}

std::size_t PreparedTable::Append(std::uint32_t source, std::string id, const std::vector<std::string>& values) {
  std::vector<std::vector<NormalizedValue>> normalized(columns_.size());
  for (std::size_t field_idx = 0; field_idx < columns_.size(); ++field_idx) {
    if (field_idx < values.size()) NormalizeValue(columns_[field_idx].spec().type, values[field_idx], normalized[field_idx]);
  }
  store_->AppendRecord(normalized, hash_alt_mask_, digit_profile_mask_);
  const std::size_t record = store_->size() - 1;
  for (PreparedColumn& column : columns_) column.CountRecord(record);
  sources_.push_back(source);
  ids_.push_back(std::move(id));
  return record;
}

}  // namespace crosscheck::link
