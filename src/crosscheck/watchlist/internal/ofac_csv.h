// OFAC's legacy CSV files (sdn.csv, alt.csv, add.csv) are not ordinary CSV: no header row,
// CRLF line ends, the null marker "-0- " in place of empty fields, quoted free text and a
// trailing DOS end-of-file byte (0x1A). ParseOfacCsv splits such a file into records and
// reports rows it cannot read as Issues.
//
//   IssueLog log;
//   std::vector<OfacRow> rows = ParseOfacCsv(text, "sdn.csv", 12, log);
//   for (const OfacRow& row : rows) Use(row.line, row.fields[1]);  // SDN_Name
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/issue.h"

namespace crosscheck::watchlist::internal {

// OfacRow is one record: the 1-based physical line where it starts and its fields with the
// "-0-" null marker replaced by the empty string and surrounding spaces trimmed.
struct OfacRow {
  std::int64_t line = 0;
  std::vector<std::string> fields;
};

// ParseOfacCsv returns every well-formed record of text, which holds exactly
// expected_fields fields. Empty lines and the 0x1A end-of-file byte are skipped. A record
// with another field count (code OFAC_WRONG_FIELD_COUNT), a quote never closed
// (OFAC_UNTERMINATED_QUOTE, the rest of the file is dropped) or text after a closing quote
// (OFAC_BAD_QUOTE) is skipped with one Issue naming file_name and its line. Never fails;
// O(size of text).
std::vector<OfacRow> ParseOfacCsv(std::string_view text, std::string_view file_name,
                                  std::size_t expected_fields, IssueLog& issues);

}  // namespace crosscheck::watchlist::internal
