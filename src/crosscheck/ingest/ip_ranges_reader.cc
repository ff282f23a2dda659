#include "crosscheck/ingest/ip_ranges_reader.h"

#include <string>

#include "crosscheck/common/strings.h"
#include "crosscheck/ingest/csv_reader.h"
#include "crosscheck/ingest/internal/reader_support.h"

namespace crosscheck::ingest {

Result<std::vector<IpRangeRow>> ReadIpRanges(const std::filesystem::path& path,
                                             const ReadOptions& options, IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(CsvReader reader,
                      CsvReader::Open(path, internal::CsvOptionsFor(options, issues)));
  CC_RETURN_IF_ERROR(internal::RequireColumns(reader, {"cidr"}));
  const auto cidr_col = static_cast<std::size_t>(reader.FindColumn("cidr"));
  const int country_col = reader.FindColumn("country");
  const int asn_col = reader.FindColumn("asn");
  const int as_org_col = reader.FindColumn("as_org");
  const int kind_col = reader.FindColumn("kind");

  internal::IssueSink sink(issues, options.strict);
  std::vector<IpRangeRow> ranges;
  CsvRecord record;
  auto text = [&](int column_idx) {
    return column_idx < 0
               ? std::string()
               : std::string(TrimAscii(record.field(static_cast<std::size_t>(column_idx))));
  };
  while (true) {
    CC_ASSIGN_OR_RETURN(bool more, reader.Next(record));
    if (!more) break;
    if (TrimAscii(record.field(cidr_col)).empty()) {
      sink.Add(Issue{.file = reader.file_name(),
                     .line = record.field_line(cidr_col),
                     .column = record.field_column(cidr_col),
                     .field = reader.header()[cidr_col],
                     .code = "MISSING_REQUIRED_FIELD",
                     .message = "cidr is empty; row skipped",
                     .severity = IssueSeverity::kRowSkipped});
      CC_RETURN_IF_ERROR(sink.status());
      continue;
    }
    IpRangeRow& range = ranges.emplace_back();
    range.line = record.line();
    range.cidr = text(static_cast<int>(cidr_col));
    range.country = text(country_col);
    range.asn = text(asn_col);
    range.as_org = text(as_org_col);
    range.kind = text(kind_col);
  }
  return ranges;
}

}  // namespace crosscheck::ingest
