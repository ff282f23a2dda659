#include "crosscheck/ingest/application_reader.h"

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "crosscheck/common/application_columns.h"
#include "crosscheck/common/progress.h"
#include "crosscheck/common/time.h"
#include "crosscheck/ingest/csv_reader.h"
#include "crosscheck/ingest/header_mapping.h"
#include "crosscheck/ingest/internal/reader_support.h"

namespace crosscheck::ingest {
namespace {

using TextField = std::string ApplicationRecord::*;

constexpr std::int64_t kRowsBeforeReserve = 1000;

// KeptIds answers "was this application_id kept already, and on which row?" for the
// duplicate check. It stores only indices into the result vector and compares against the
// ids the records already own, so remembering an id costs no string copy and no allocation
// per row (a map from id to line cost a node and a heap key for every row).
class KeptIds {
 public:
  // Find returns the index of the kept application whose id is `id`, or -1.
  std::int64_t Find(std::string_view id, std::size_t hash,
                    const std::vector<ApplicationRecord>& applications) const {
    if (slots_.empty()) return -1;
    for (std::size_t slot_idx = hash & mask_;; slot_idx = (slot_idx + 1) & mask_) {
      const Slot& slot = slots_[slot_idx];
      if (slot.index == kEmpty) return -1;
      if (slot.hash == hash && applications[slot.index].application_id == id) {
        return static_cast<std::int64_t>(slot.index);
      }
    }
  }

  // Insert records that applications[index] has id hash `hash`; the id must not be there yet.
  void Insert(std::size_t hash, std::size_t index) {
    if ((size_ + 1) * 2 > slots_.size()) Grow(std::max<std::size_t>(1024, slots_.size() * 2));
    Place(hash, index);
    ++size_;
  }

  // Reserve makes room for `count` ids without regrowing.
  void Reserve(std::size_t count) {
    std::size_t capacity = 1024;
    while (capacity < count * 2) capacity *= 2;
    if (capacity > slots_.size()) Grow(capacity);
  }

 private:
  static constexpr std::size_t kEmpty = static_cast<std::size_t>(-1);
  struct Slot {
    std::size_t hash = 0;
    std::size_t index = kEmpty;
  };

  void Place(std::size_t hash, std::size_t index) {
    std::size_t slot_idx = hash & mask_;
    while (slots_[slot_idx].index != kEmpty) slot_idx = (slot_idx + 1) & mask_;
    slots_[slot_idx] = Slot{hash, index};
  }

  void Grow(std::size_t capacity) {  // capacity: a power of two
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(capacity));
    mask_ = capacity - 1;
    for (const Slot& slot : old) {
      if (slot.index != kEmpty) Place(slot.hash, slot.index);
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

// JoinNameParts returns "given surname" from a file that splits the name in two columns.
std::string JoinNameParts(const CsvRecord& record, const HeaderMapping& mapping) {
  std::string name;
  for (const int column : {mapping.given_name_column, mapping.surname_column}) {
    if (column < 0 || record.field(static_cast<std::size_t>(column)).empty()) continue;
    if (!name.empty()) name.push_back(' ');
    name += record.field(static_cast<std::size_t>(column));
  }
  return name;
}

}  // namespace

namespace {

// ReadFrom reads the records of an opened reader; `size_error` and `file_bytes` give the
// input's size for reserving (a failed size leaves the vector growing as it goes).
Result<std::vector<ApplicationRecord>> ReadFrom(CsvReader& reader, std::error_code size_error,
                                                std::uintmax_t file_bytes, const ReadOptions& options,
                                                IssueLog& issues) {
  // Resolve each file column once: a contract field, or nullptr for `extra`. Foreign export
  // names ("Email Address", "Candidate ID") are mapped by MapApplicationHeader.
  const std::vector<std::string>& header = reader.header();
  CC_ASSIGN_OR_RETURN(HeaderMapping mapping,
                      MapApplicationHeader(header, options.column_map, reader.file_name()));
  if (std::string note = mapping.Describe(reader.file_name()); !note.empty()) Progress::Note(note);
  std::vector<TextField> slots(header.size(), nullptr);
  auto column_of = [&](std::string_view name) -> int {
    for (std::size_t column_idx = 0; column_idx < header.size(); ++column_idx) {
      const int index = mapping.contract_index[column_idx];
      if (index >= 0 && kApplicationColumns[static_cast<std::size_t>(index)].name == name) {
        return static_cast<int>(column_idx);
      }
    }
    return -1;
  };
  for (std::size_t column_idx = 0; column_idx < header.size(); ++column_idx) {
    const int index = mapping.contract_index[column_idx];
    if (index >= 0) slots[column_idx] = kApplicationColumns[static_cast<std::size_t>(index)].field;
  }
  const auto id_col = static_cast<std::size_t>(column_of("application_id"));
  const int company_found = column_of("company_id");
  const auto company_col = static_cast<std::size_t>(company_found >= 0 ? company_found : column_of("application_id"));
  const int submitted_col = column_of("submitted_at");
  const int birth_col = column_of("date_of_birth");
  const bool join_name = column_of("full_name") < 0 &&
                         (mapping.given_name_column >= 0 || mapping.surname_column >= 0);

  internal::IssueSink sink(issues, options.strict);
  const std::string& file = reader.file_name();
  auto issue_at = [&](const CsvRecord& record, std::size_t column_idx, std::string code,
                      std::string message, IssueSeverity severity) {
    sink.Add(Issue{.file = file,
                   .line = record.field_line(column_idx),
                   .column = record.field_column(column_idx),
                   .field = header[column_idx],
                   .code = std::move(code),
                   .message = std::move(message),
                   .severity = severity});
  };

  std::vector<ApplicationRecord> applications;
  KeptIds kept_ids;
  CsvRecord record;
  std::int64_t rows_seen = 0;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool more, reader.Next(record));
    if (!more) break;
    // Once the typical row size is known, reserve for the whole file: growing a vector of
    // ~1 KiB records by doubling costs more (moves, page faults) than parsing them.
    if (++rows_seen == kRowsBeforeReserve && !size_error && reader.bytes_consumed() > 0) {
      const double rows_per_byte =
          static_cast<double>(rows_seen) / static_cast<double>(reader.bytes_consumed());
      const auto estimate =
          static_cast<std::size_t>(static_cast<double>(file_bytes) * rows_per_byte * 1.05 + 16);
      applications.reserve(estimate);
      kept_ids.Reserve(estimate);
    }

    bool skip = false;
    for (std::size_t column_idx : {id_col, company_col}) {
      if (!skip && record.field(column_idx).empty()) {
        issue_at(record, column_idx, "MISSING_REQUIRED_FIELD",
                 header[column_idx] + " is empty; row skipped", IssueSeverity::kRowSkipped);
        skip = true;
      }
    }
    const std::string_view id = record.field(id_col);
    const std::size_t id_hash = std::hash<std::string_view>{}(id);
    if (!skip) {
      if (const std::int64_t first = kept_ids.Find(id, id_hash, applications); first >= 0) {
        issue_at(record, id_col, "DUPLICATE_APPLICATION_ID",
                 "application_id '" + std::string(id) + "' already used on line " +
                     std::to_string(applications[static_cast<std::size_t>(first)].line) +
                     "; row skipped",
                 IssueSeverity::kRowSkipped);
        skip = true;
      }
    }
    if (skip) {
      CC_RETURN_IF_ERROR(sink.status());
      continue;
    }

    kept_ids.Insert(id_hash, applications.size());
    ApplicationRecord& application = applications.emplace_back();
    application.line = record.line();
    // The reader trims every field already (CsvOptionsFor sets trim_fields).
    for (std::size_t column_idx = 0; column_idx < record.size(); ++column_idx) {
      const std::string_view value = record.field(column_idx);
      if (slots[column_idx] != nullptr) {
        if (!value.empty()) application.*slots[column_idx] = std::string(value);
      } else {
        application.extra.emplace_back(header[column_idx], value);
      }
    }
    if (!mapping.company_default.empty()) application.company_id = mapping.company_default;
    if (join_name) application.full_name = JoinNameParts(record, mapping);
    if (submitted_col >= 0 && !application.submitted_at.empty()) {
      application.submitted_at_unix = ParseTimestamp(application.submitted_at);
      if (!application.submitted_at_unix) {
        issue_at(record, static_cast<std::size_t>(submitted_col), "BAD_TIMESTAMP",
                 "expected ISO 8601 with an offset (2025-03-01T09:30:00Z), got '" +
                     application.submitted_at + "'; treated as unknown",
                 IssueSeverity::kFieldIgnored);
        application.submitted_at.clear();
      }
    }
    if (birth_col >= 0 && !application.date_of_birth.empty()) {
      application.date_of_birth_parsed = ParseDate(application.date_of_birth);
      if (!application.date_of_birth_parsed) {
        issue_at(record, static_cast<std::size_t>(birth_col), "BAD_DATE",
                 "expected a real date as YYYY-MM-DD, got '" + application.date_of_birth +
                     "'; treated as unknown",
                 IssueSeverity::kFieldIgnored);
        application.date_of_birth.clear();
      }
    }
    CC_RETURN_IF_ERROR(sink.status());
  }
  return applications;
}

}  // namespace

Result<std::vector<ApplicationRecord>> ReadApplications(const std::filesystem::path& path,
                                                        const ReadOptions& options,
                                                        IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(CsvReader reader,
                      CsvReader::Open(path, internal::CsvOptionsFor(options, issues)));
  std::error_code size_error;
  const std::uintmax_t file_bytes = std::filesystem::file_size(path, size_error);
  return ReadFrom(reader, size_error, file_bytes, options, issues);
}

Result<std::vector<ApplicationRecord>> ReadApplicationsText(std::string text, std::string name,
                                                            const ReadOptions& options,
                                                            IssueLog& issues) {
  const std::uintmax_t bytes = text.size();
  CC_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::OpenBuffer(std::move(text), std::move(name),
                                                              internal::CsvOptionsFor(options, issues)));
  return ReadFrom(reader, std::error_code(), bytes, options, issues);
}

}  // namespace crosscheck::ingest
