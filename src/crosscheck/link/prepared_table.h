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

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crosscheck/common/hash_id_map.h"
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
//   profile: CharacterProfile(text), for a cheap bound on shared characters
//   id:     the value's number within its column (1, 2, ... in order of first appearance;
//           equal ids <=> equal hashes), assigned when the record is counted (0 before).
//           Exact agreement is an integer compare and a value's frequency an array index.
struct ValueView {
  std::string_view text;
  std::string_view alt;
  std::int32_t number = 0;
  std::uint64_t hash = 0;
  std::uint32_t letters = 0;
  std::uint32_t id = 0;
  std::uint64_t profile = 0;
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
//   the values' text and alt bytes (each value's alt right after its text)
struct StoredValue {
  std::uint64_t hash;
  std::uint32_t text_offset;  // from the record's start
  std::uint32_t id;           // ValueView::id
  std::uint32_t text_size;
  std::uint32_t alt_size;
  std::int32_t number;
  std::uint32_t letters;
  std::uint64_t profile;
};

// RecordView reads one stored record: found once per record, then each field's values are
// two loads away (what pair comparison does for every field of both records).
class RecordView {
 public:
  RecordView(const char* base, std::size_t values_offset) : base_(base), values_offset_(values_offset) {}

  std::size_t value_count(std::size_t field) const { return Begin(field + 1) - Begin(field); }
  // first_value returns the index of the field's first value among the record's values.
  std::uint32_t first_value(std::size_t field) const { return Begin(field); }
  // value returns the record's value number `index` (first_value(field) + value_idx).
  ValueView value_at(std::size_t index) const {
    StoredValue stored;
    std::memcpy(&stored, base_ + values_offset_ + index * sizeof(StoredValue), sizeof(StoredValue));
    return {std::string_view(base_ + stored.text_offset, stored.text_size),
            std::string_view(base_ + stored.text_offset + stored.text_size, stored.alt_size), stored.number,
            stored.hash, stored.letters, stored.id, stored.profile};
  }
  ValueView value(std::size_t field, std::size_t value_idx) const { return value_at(Begin(field) + value_idx); }
  // id_at returns only the id of value number `index`.
  std::uint32_t id_at(std::size_t index) const {
    std::uint32_t id;
    std::memcpy(&id, base_ + values_offset_ + index * sizeof(StoredValue) + offsetof(StoredValue, id), sizeof(id));
    return id;
  }

 private:
  std::uint32_t Begin(std::size_t idx) const {
    std::uint32_t value;
    std::memcpy(&value, base_ + idx * sizeof(std::uint32_t), sizeof(value));
    return value;
  }
  const char* base_;
  std::size_t values_offset_;
};

class RecordStore {
 public:
  explicit RecordStore(std::size_t field_count)
      : field_count_(field_count),
        values_offset_(((field_count + 1) * sizeof(std::uint32_t) + 7) & ~std::size_t{7}) {
    offsets_.push_back(0);
  }

  std::size_t size() const { return offsets_.size() - 1; }
  std::size_t field_count() const { return field_count_; }

  // AppendRecord stores one record; values[field] are that field's normalized values. Bit f
  // of hash_alt_mask: field f hashes its alt form; of digit_profile_mask: field f's profiles
  // are of numbers (CharacterProfile).
  void AppendRecord(const std::vector<std::vector<NormalizedValue>>& values, std::uint32_t hash_alt_mask,
                    std::uint64_t digit_profile_mask);
  // AppendStore appends all records of another store (same field count).
  void AppendStore(const RecordStore& other);
  // AppendStores appends all records of `parts` in order (same field count) with one
  // allocation, copying on up to `threads` threads and freeing each part once copied, so the
  // store never holds a half-grown copy of itself beside the parts.
  void AppendStores(std::vector<RecordStore>& parts, unsigned threads);
  // Reserve makes room for `records` more records.
  void Reserve(std::size_t records) { offsets_.reserve(offsets_.size() + records); }

  RecordView view(std::size_t record) const { return RecordView(blob_.data() + offsets_[record], values_offset_); }
  std::size_t value_count(std::size_t record, std::size_t field) const { return view(record).value_count(field); }
  ValueView value(std::size_t record, std::size_t field, std::size_t value_idx) const {
    return view(record).value(field, value_idx);
  }
  // SetValueId records a value's id. Distinct (record, field, value) triples may be set from
  // different threads at once.
  void SetValueId(std::size_t record, std::size_t field, std::size_t value_idx, std::uint32_t id) {
    char* base = blob_.data() + offsets_[record];
    const std::size_t index = view(record).first_value(field) + value_idx;
    std::memcpy(base + values_offset_ + index * sizeof(StoredValue) + offsetof(StoredValue, id), &id, sizeof(id));
  }
  // Prefetch asks the CPU to start loading a record's header and first values: pair loops
  // call it a few pairs ahead, since records are visited in no cache-friendly order.
  void Prefetch(std::size_t record) const {
    const char* base = blob_.data() + offsets_[record];
    __builtin_prefetch(base);
    __builtin_prefetch(base + 64);
  }

 private:
  std::size_t ValuesOffset() const { return values_offset_; }

  std::size_t field_count_;
  std::size_t values_offset_;
  std::string blob_;
  std::vector<std::uint64_t> offsets_;
};

}  // namespace internal

// PreparedColumn is one field's view of the table: its values per record (stored
// record-major by the table) and its value frequencies.
class PreparedColumn {
 public:
  PreparedColumn(FieldSpec spec, std::size_t field_idx, internal::RecordStore* store)
      : spec_(std::move(spec)), field_idx_(field_idx), store_(store) {}

  const FieldSpec& spec() const { return spec_; }
  std::size_t size() const { return store_->size(); }

  // value_count returns how many values record record_idx has (0 = unknown).
  std::size_t value_count(std::size_t record_idx) const { return store_->value_count(record_idx, field_idx_); }
  // value returns value value_idx of record record_idx; value_idx < value_count(record_idx).
  ValueView value(std::size_t record_idx, std::size_t value_idx) const {
    return store_->value(record_idx, field_idx_, value_idx);
  }

  // Frequency returns the share of non-empty records holding the value with this id, at
  // least 1 / nonnull_records() (a value seen once).
  double Frequency(std::uint32_t value_id) const;
  // Count returns how many records hold the value with this hash.
  std::uint32_t Count(std::uint64_t hash) const {
    const std::uint32_t* id = id_of_.Find(hash);
    return id == nullptr ? 0 : count_of_[*id];
  }
  // CountOf returns how many records hold the value with this id (0 for an unknown id).
  std::uint32_t CountOf(std::uint32_t value_id) const {
    return value_id < count_of_.size() ? count_of_[value_id] : 0;
  }
  std::size_t nonnull_records() const { return nonnull_records_; }
  std::size_t distinct_values() const { return id_of_.size(); }
  // MeanFrequency returns the frequency of the value held by a randomly chosen value
  // occurrence: Σ count² / (Σ count · nonnull_records()). O(1), kept up to date.
  double MeanFrequency() const;
  // TopValues returns up to `limit` most frequent values (text, count), most frequent first,
  // ties by text. O(records).
  std::vector<std::pair<std::string, std::uint32_t>> TopValues(std::size_t limit) const;

  // CountRecord gives record record_idx's values their ids and adds them to the frequencies
  // (called by the table).
  void CountRecord(std::size_t record_idx);

 private:
  friend class PreparedTable;
  // CountValue adds one occurrence of the value with this hash; returns its id.
  std::uint32_t CountValue(std::uint64_t hash);

  FieldSpec spec_;
  std::size_t field_idx_;
  internal::RecordStore* store_;
  HashIdMap id_of_;                // hash -> id
  std::vector<std::uint32_t> count_of_{0};                   // id -> records holding it
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
  // FromRecords on a table that is not needed afterwards: the same result, but each record's
  // raw values are freed once normalized and its id moved, so the raw table and the prepared
  // one are not both held in full. Leaves table.records empty (fields and sources stay).
  static PreparedTable FromRecords(RecordTable&& table, unsigned threads);

  // Append adds one record; values are in field order. Returns its index. Not thread-safe.
  std::size_t Append(std::uint32_t source, std::string id, const std::vector<std::string>& values);

  std::size_t size() const { return ids_.size(); }
  std::size_t field_count() const { return columns_.size(); }
  const PreparedColumn& column(std::size_t field_idx) const { return columns_[field_idx]; }
  // Prefetch starts loading a record's stored values (see RecordStore::Prefetch).
  void Prefetch(std::size_t record_idx) const { store_->Prefetch(record_idx); }
  // record returns a reader of one record's values of all fields.
  internal::RecordView record(std::size_t record_idx) const { return store_->view(record_idx); }
  std::uint32_t source(std::size_t record_idx) const { return sources_[record_idx]; }
  // sources returns every record's source index, in record order.
  const std::vector<std::uint32_t>& sources() const { return sources_; }
  const std::string& id(std::size_t record_idx) const { return ids_[record_idx]; }

 private:
  // Prepare implements FromRecords; when `consumed` (== &table) is set it frees the records'
  // values as it goes.
  static PreparedTable Prepare(const RecordTable& table, RecordTable* consumed, unsigned threads);

  std::unique_ptr<internal::RecordStore> store_;
  std::vector<PreparedColumn> columns_;
  std::vector<std::uint32_t> sources_;
  std::vector<std::string> ids_;
  std::uint32_t hash_alt_mask_ = 0;  // bit f set: field f hashes its alt form (phones)
  std::uint64_t digit_profile_mask_ = 0;  // bit f set: field f's profiles are of numbers
};

}  // namespace crosscheck::link
