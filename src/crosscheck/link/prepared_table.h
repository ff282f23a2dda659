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
struct ValueView {
  std::string_view text;
  std::string_view alt;
  std::int32_t number = 0;
  std::uint64_t hash = 0;
};

// NormalizeValue appends the normalized values of one raw cell of the given type to `out`
// (none for an empty or placeholder cell such as "n/a", several for multi-valued cells of
// e-mail, phone and identifier fields).
struct NormalizedValue {
  std::string text;
  std::string alt;
  std::int32_t number = 0;
};
void NormalizeValue(FieldType type, std::string_view raw, std::vector<NormalizedValue>& out);

// PreparedColumn holds one field's normalized values for all records, in a string arena.
class PreparedColumn {
 public:
  explicit PreparedColumn(FieldSpec spec) : spec_(std::move(spec)) { begin_.push_back(0); }

  const FieldSpec& spec() const { return spec_; }
  std::size_t size() const { return begin_.size() - 1; }

  // value_count returns how many values record record_idx has (0 = unknown).
  std::size_t value_count(std::size_t record_idx) const {
    return begin_[record_idx + 1] - begin_[record_idx];
  }
  // value returns value value_idx of record record_idx; value_idx < value_count(record_idx).
  ValueView value(std::size_t record_idx, std::size_t value_idx) const {
    const Entry& entry = entries_[begin_[record_idx] + value_idx];
    return {std::string_view(arena_).substr(entry.text_offset, entry.text_size),
            std::string_view(arena_).substr(entry.alt_offset, entry.alt_size), entry.number,
            entry.hash};
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
  // occurrence: Σ count² / (Σ count · nonnull_records()). O(1), kept up to date by Append.
  double MeanFrequency() const;
  // TopValues returns up to `limit` most frequent values (text, count), most frequent first,
  // ties by text. O(distinct values).
  std::vector<std::pair<std::string, std::uint32_t>> TopValues(std::size_t limit) const;

  // Append normalizes and stores one record's raw cell; returns the new record's index.
  std::size_t Append(std::string_view raw, std::vector<NormalizedValue>& scratch);

 private:
  struct Entry {
    std::uint64_t hash;
    std::uint32_t text_offset;
    std::uint32_t alt_offset;
    std::uint16_t text_size;
    std::uint16_t alt_size;
    std::int32_t number;
  };

  FieldSpec spec_;
  std::string arena_;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> begin_;
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
  // threads for normalization (0 = all cores). Deterministic.
  static PreparedTable FromRecords(const RecordTable& table, unsigned threads);

  // Append adds one record; values are in field order. Returns its index. Not thread-safe.
  std::size_t Append(std::uint32_t source, std::string id, const std::vector<std::string>& values);

  std::size_t size() const { return ids_.size(); }
  std::size_t field_count() const { return columns_.size(); }
  const PreparedColumn& column(std::size_t field_idx) const { return columns_[field_idx]; }
  std::uint32_t source(std::size_t record_idx) const { return sources_[record_idx]; }
  const std::string& id(std::size_t record_idx) const { return ids_[record_idx]; }

 private:
  std::vector<PreparedColumn> columns_;
  std::vector<std::uint32_t> sources_;
  std::vector<std::string> ids_;
  std::vector<NormalizedValue> scratch_;
};

}  // namespace crosscheck::link
