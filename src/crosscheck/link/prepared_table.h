// PreparedTable: the records of a RecordTable in the form comparators and blocking work on —
// per field, each record's values normalized once (several per cell for multi-valued fields
// such as "a@x.com; b@y.com"), with a phonetic or secondary form, a parsed date and a hash,
// plus value frequencies for term-frequency adjustment. Append-only, so an incremental index
// can grow it one record at a time.
//
//   PreparedTable prepared(table.fields);
//   for (const Record& record : table.records) prepared.Append(record.values);
//   ValueView value = prepared.column(0).value(record_idx, 0);
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crosscheck/link/record_table.h"

namespace crosscheck::link {

// Hash64 is a stable 64-bit hash (FNV-1a with a final avalanche); the same in every run and
// on every machine, so ids derived from it are stable. Never returns 0 for non-empty input.
std::uint64_t Hash64(std::string_view text);

// ValueView is one normalized value of one field of one record.
//   text:   the normalized form (names folded, digits of phones, YYYYMMDD dates, ...)
//   alt:    a secondary form: phonetic codes of name tokens, e-mail local part, the last nine
//           digits of a phone, sorted street tokens
//   number: days since 1970-01-01 for dates (kNoDays if invalid), else 0
//   hash:   Hash64 of the form exact comparisons and term frequencies use
//   letters: bit c-'a' for each ASCII letter of text, bit 26 + digit % 6 for digits; lets
//           comparators bound string similarity without computing it
struct ValueView {
  std::string_view text;
  std::string_view alt;
  std::int32_t number = 0;
  std::uint64_t hash = 0;
  std::uint32_t letters = 0;
};

// LetterMask computes ValueView::letters of a text.
std::uint32_t LetterMask(std::string_view text);

// NormalizeValue appends the normalized values of one raw cell of the given type to `out`
// (none for an empty or placeholder cell such as "n/a", several for multi-valued cells of
// e-mail, phone and identifier fields).
struct NormalizedValue {
  std::string text;
  std::string alt;
  std::int32_t number = 0;
};
void NormalizeValue(FieldType type, std::string_view raw, std::vector<NormalizedValue>& out);

namespace internal {

// RecordStore keeps every record's normalized values contiguously (record-major), so that
// comparing two records touches two short runs of memory instead of one scattered entry per
// field: pair scoring is bound by cache misses otherwise. Layout of one record, at
// offsets_[record] in blob_, 8-byte aligned:
//   uint32 value_begin[field_count + 1]   (value indexes within the record)
//   padding to 8 bytes
//   StoredValue values[value_begin[field_count]]
//   the values' text and alt bytes
struct StoredValue {
  std::uint64_t hash;
  std::uint32_t text_offset;  // from the record's start
  std::uint32_t alt_offset;
  std::uint32_t text_size;
  std::uint32_t alt_size;
  std::int32_t number;
  std::uint32_t letters;
};

class RecordStore {
 public:
  explicit RecordStore(std::size_t field_count) : field_count_(field_count) { offsets_.push_back(0); }

  std::size_t size() const { return offsets_.size() - 1; }
  std::size_t field_count() const { return field_count_; }

  // AppendRecord stores one record; values[field] are that field's normalized values.
  void AppendRecord(const std::vector<std::vector<NormalizedValue>>& values, std::uint32_t hash_alt_mask);
  // AppendStore appends all records of another store (same field count).
  void AppendStore(const RecordStore& other);

  std::size_t value_count(std::size_t record, std::size_t field) const {
    const char* base = blob_.data() + offsets_[record];
    return Begin(base, field + 1) - Begin(base, field);
  }
  ValueView value(std::size_t record, std::size_t field, std::size_t value_idx) const {
    const char* base = blob_.data() + offsets_[record];
    StoredValue stored;
    std::memcpy(&stored, base + ValuesOffset() + (Begin(base, field) + value_idx) * sizeof(StoredValue),
                sizeof(StoredValue));
    return {std::string_view(base + stored.text_offset, stored.text_size),
            std::string_view(base + stored.alt_offset, stored.alt_size), stored.number, stored.hash,
            stored.letters};
  }

 private:
  static std::uint32_t Begin(const char* base, std::size_t idx) {
    std::uint32_t value;
    std::memcpy(&value, base + idx * sizeof(std::uint32_t), sizeof(value));
    return value;
  }
  std::size_t ValuesOffset() const { return ((field_count_ + 1) * sizeof(std::uint32_t) + 7) & ~std::size_t{7}; }

  std::size_t field_count_;
  std::string blob_;
  std::vector<std::uint64_t> offsets_;
};

}  // namespace internal

// PreparedColumn is one field's view of the table: its values per record (stored
// record-major by the table) and its value frequencies.
class PreparedColumn {
 public:
  PreparedColumn(FieldSpec spec, std::size_t field_idx, const internal::RecordStore* store)
      : spec_(std::move(spec)), field_idx_(field_idx), store_(store) {}

  const FieldSpec& spec() const { return spec_; }
  std::size_t size() const { return store_->size(); }

  // value_count returns how many values record record_idx has (0 = unknown).
  std::size_t value_count(std::size_t record_idx) const { return store_->value_count(record_idx, field_idx_); }
  // value returns value value_idx of record record_idx; value_idx < value_count(record_idx).
  ValueView value(std::size_t record_idx, std::size_t value_idx) const {
    return store_->value(record_idx, field_idx_, value_idx);
  }

  // Frequency returns the share of non-empty records holding the value with this hash, at
  // least 1 / nonnull_records() (a value seen once).
  double Frequency(std::uint64_t hash) const;
  // Count returns how many records hold the value with this hash.
  std::uint32_t Count(std::uint64_t hash) const {
    auto it = counts_.find(hash);
    return it == counts_.end() ? 0 : it->second;
  }
  std::size_t nonnull_records() const { return nonnull_records_; }
  std::size_t distinct_values() const { return counts_.size(); }
  // MeanFrequency returns the frequency of the value held by a randomly chosen value
  // occurrence: Σ count² / (Σ count · nonnull_records()). O(1), kept up to date.
  double MeanFrequency() const;
  // TopValues returns up to `limit` most frequent values (text, count), most frequent first,
  // ties by text. O(records).
  std::vector<std::pair<std::string, std::uint32_t>> TopValues(std::size_t limit) const;

  // CountRecord adds record record_idx's values to the frequencies (called by the table).
  void CountRecord(std::size_t record_idx);

 private:
  FieldSpec spec_;
  std::size_t field_idx_;
  const internal::RecordStore* store_;
  std::unordered_map<std::uint64_t, std::uint32_t> counts_;
  std::size_t nonnull_records_ = 0;
  std::uint64_t value_occurrences_ = 0;
  std::uint64_t squared_counts_ = 0;
};

// PreparedTable is one PreparedColumn per field plus each record's (source, id).
class PreparedTable {
 public:
  explicit PreparedTable(const std::vector<FieldSpec>& fields);

  // FromRecords prepares every record of a table, in its canonical order, using `threads`
  // threads (0 = all cores). Deterministic.
  static PreparedTable FromRecords(const RecordTable& table, unsigned threads);

  // Append adds one record; values are in field order. Returns its index. Not thread-safe.
  std::size_t Append(std::uint32_t source, std::string id, const std::vector<std::string>& values);

  std::size_t size() const { return ids_.size(); }
  std::size_t field_count() const { return columns_.size(); }
  const PreparedColumn& column(std::size_t field_idx) const { return columns_[field_idx]; }
  std::uint32_t source(std::size_t record_idx) const { return sources_[record_idx]; }
  const std::string& id(std::size_t record_idx) const { return ids_[record_idx]; }

 private:
  std::unique_ptr<internal::RecordStore> store_;
  std::vector<PreparedColumn> columns_;
  std::vector<std::uint32_t> sources_;
  std::vector<std::string> ids_;
  std::uint32_t hash_alt_mask_ = 0;  // bit f set: field f hashes its alt form (phones)
};

}  // namespace crosscheck::link
