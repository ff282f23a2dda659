// Helpers the contract readers share: checking required columns and routing Issues either
// to the IssueLog or, in strict mode, into an Error. Not part of the module's interface.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/ingest/csv_reader.h"
#include "crosscheck/ingest/read_options.h"

namespace crosscheck::ingest::internal {

// RequireColumns returns kInvalidInput naming every missing column and the header seen.
Status RequireColumns(const CsvReader& reader, std::initializer_list<std::string_view> required);

// CsvOptionsFor turns ReadOptions into the CsvOptions of a contract file.
CsvOptions CsvOptionsFor(const ReadOptions& options, IssueLog& issues);

// IssueSink adds Issues to a log; when strict it also remembers the first one, which
// status() then returns as a kInvalidInput Error.
class IssueSink {
 public:
  IssueSink(IssueLog& log, bool strict) : log_(log), strict_(strict) {}
  void Add(Issue issue);
  Status status() const;

 private:
  IssueLog& log_;
  bool strict_;
  std::optional<std::string> first_;
};

}  // namespace crosscheck::ingest::internal
