#include "crosscheck/ingest/internal/reader_support.h"

#include <utility>

#include "crosscheck/common/strings.h"

namespace crosscheck::ingest::internal {

Status RequireColumns(const CsvReader& reader, std::initializer_list<std::string_view> required) {
  std::vector<std::string> missing;
  for (std::string_view name : required) {
    if (reader.FindColumn(name) < 0) missing.emplace_back(name);
  }
  if (missing.empty()) return Ok();
  return InvalidInput(reader.file_name() + ": missing required column" +
                      (missing.size() > 1 ? "s " : " ") + JoinStrings(missing, ", ") +
                      "; the header has: " + JoinStrings(reader.header(), ","));
}

CsvOptions CsvOptionsFor(const ReadOptions& options, IssueLog& issues) {
  CsvOptions csv;
  csv.max_field_bytes = options.max_field_bytes;
  csv.strict = options.strict;
  csv.trim_fields = true;
  csv.issues = &issues;
  return csv;
}

void IssueSink::Add(Issue issue) {
  if (strict_ && !first_) first_ = issue.ToString();
  log_.Add(std::move(issue));
}

Status IssueSink::status() const {
  if (first_) return InvalidInput(*first_);
  return Ok();
}

}  // namespace crosscheck::ingest::internal
