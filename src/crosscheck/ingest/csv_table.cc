#include "crosscheck/ingest/csv_table.h"

namespace crosscheck::ingest {

Result<CsvTable> ReadCsvTable(const std::filesystem::path& path, const CsvOptions& options,
                              IssueLog& issues) {
  CsvOptions reader_options = options;
  reader_options.issues = &issues;
  CC_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(path, reader_options));
  CsvTable table;
  table.header = reader.header();
  CsvRecord record;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool more, reader.Next(record));
    if (!more) break;
    std::vector<std::string> row;
    row.reserve(record.size());
    for (std::size_t field_idx = 0; field_idx < record.size(); ++field_idx) {
      row.emplace_back(record.field(field_idx));
    }
    table.rows.push_back(std::move(row));
    table.lines.push_back(record.line());
  }
  return table;
}

}  // namespace crosscheck::ingest
