#include "crosscheck/pipeline/persona_file.h"

#include <optional>
#include <unordered_map>

#include "crosscheck/common/strings.h"
#include "crosscheck/ingest/csv_table.h"

namespace crosscheck::pipeline {
namespace {

std::optional<std::size_t> ColumnIndex(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t column = 0; column < header.size(); ++column) {
    if (ToLowerAscii(TrimAscii(header[column])) == name) return column;
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<std::string>> ReadPersonaAssignments(const std::filesystem::path& path,
                                                        const std::vector<ApplicationRecord>& records,
                                                        IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(ingest::CsvTable table, ingest::ReadCsvTable(path, ingest::CsvOptions{}, issues));
  const std::string file = path.filename().string();
  const auto id_column = ColumnIndex(table.header, "application_id");
  auto persona_column = ColumnIndex(table.header, "persona_id");
  if (!persona_column) persona_column = ColumnIndex(table.header, "person_id");
  if (!id_column || !persona_column) {
    return InvalidInput(file + ":1: the persona file needs the columns application_id and persona_id");
  }
  std::unordered_map<std::string_view, std::size_t> record_of;
  record_of.reserve(records.size());
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    record_of.emplace(records[record_idx].application_id, record_idx);
  }
  std::vector<std::string> personas(records.size());
  std::vector<bool> assigned(records.size(), false);
  for (std::size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
    const auto& row = table.rows[row_idx];
    const std::string& application_id = row[*id_column];
    const std::string persona_id{TrimAscii(row[*persona_column])};
    auto report = [&](std::string code, std::string message) {
      issues.Add({.file = file, .line = table.lines[row_idx], .column = 0, .field = "application_id",
                  .code = std::move(code), .message = std::move(message),
                  .severity = IssueSeverity::kRowSkipped});
    };
    const auto found = record_of.find(application_id);
    if (found == record_of.end()) {
      report("UNKNOWN_APPLICATION", "application '" + application_id + "' is not in the applications file");
      continue;
    }
    if (assigned[found->second]) {
      report("DUPLICATE_APPLICATION", "application '" + application_id + "' is assigned a persona twice");
      continue;
    }
    if (persona_id.empty()) {
      report("MISSING_REQUIRED_FIELD", "application '" + application_id + "' has an empty persona_id");
      continue;
    }
    personas[found->second] = persona_id;
    assigned[found->second] = true;
  }
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    if (assigned[record_idx]) continue;
    personas[record_idx] = "own:" + records[record_idx].application_id;
    issues.Add({.file = file, .line = 0, .column = 0, .field = "application_id",
                .code = "PERSONA_NOT_ASSIGNED",
                .message = "application '" + records[record_idx].application_id +
                           "' is not in the persona file; it stands alone",
                .severity = IssueSeverity::kFieldIgnored});
  }
  return personas;
}

}  // namespace crosscheck::pipeline
