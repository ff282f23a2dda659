// Issue: one problem with one input record (a bad row, an unparsable date). Bad records are
// data, not errors: readers collect Issues in an IssueLog, skip or keep the record as the
// Issue says, and the run goes on. The log is written to OUT/issues.csv and counted on stderr.
//
//   IssueLog log;
//   log.Add({.file = "applications.csv", .line = 17, .column = 4, .field = "date_of_birth",
//            .code = "BAD_DATE", .message = "expected YYYY-MM-DD, got '17/03/1990'"});
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace crosscheck {

// Severity says what happened to the record: skipped whole, or kept with the field unknown.
enum class IssueSeverity : std::uint8_t {
  kRowSkipped,    // the record was not used
  kFieldIgnored,  // the record was used; this field was treated as unknown
  kFieldRepaired, // the record was used; this field was cut to the limit or had bad bytes replaced
  kFileError,     // the file could not be read further
};

const char* IssueSeverityName(IssueSeverity severity);

// Issue is one problem with one record. line and column are 1-based; 0 means not applicable.
struct Issue {
  std::string file;
  std::int64_t line = 0;
  std::int64_t column = 0;
  std::string field;    // column / key name when known
  std::string code;     // stable UPPER_SNAKE code, e.g. MISSING_REQUIRED_FIELD
  std::string message;  // for a person: what was wrong and what was seen
  IssueSeverity severity = IssueSeverity::kRowSkipped;

  // ToString renders "applications.csv:17:4: BAD_DATE: ...".
  std::string ToString() const;
};

// IssueLog collects Issues from every reader and normalizer of a run. Not thread-safe.
class IssueLog {
 public:
  void Add(Issue issue);
  const std::vector<Issue>& issues() const { return issues_; }
  bool empty() const { return issues_.empty(); }
  std::size_t size() const { return issues_.size(); }
  // CountBySeverity counts Issues of one severity.
  std::size_t CountBySeverity(IssueSeverity severity) const;
  // CountByFile maps each file name to its number of skipped rows.
  std::map<std::string, std::size_t> SkippedRowsByFile() const;

 private:
  std::vector<Issue> issues_;
};

}  // namespace crosscheck
