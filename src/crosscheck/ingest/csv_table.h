// CsvTable: a whole CSV file in memory as strings, for tools that take arbitrary CSVs
// (`crosscheck link` on FEBRL or Splink test data) rather than a contract file.
//
//   IssueLog issues;
//   CC_ASSIGN_OR_RETURN(CsvTable table, ReadCsvTable("dataset4a.csv", CsvOptions{}, issues));
//   for (const auto& row : table.rows) Use(row[0]);
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/ingest/csv_reader.h"

namespace crosscheck::ingest {

// CsvTable holds the header and the well-formed rows of one CSV file. Every row has exactly
// header.size() fields; lines[row_idx] is the 1-based line where rows[row_idx] starts.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> lines;
};

// ReadCsvTable reads `path` with CsvReader: malformed rows are skipped and added to `issues`
// (the options' own `issues` pointer is ignored). Errors are CsvReader's: kNotFound,
// kInvalidInput (directory, binary, empty, unterminated quote, a row issue when strict).
// Memory is about twice the file size; use CsvReader directly for large files.
Result<CsvTable> ReadCsvTable(const std::filesystem::path& path, const CsvOptions& options,
                              IssueLog& issues);

}  // namespace crosscheck::ingest
