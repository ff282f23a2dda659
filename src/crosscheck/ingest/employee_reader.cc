#include "crosscheck/ingest/employee_reader.h"

#include <string>
#include <unordered_map>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/ingest/csv_reader.h"
#include "crosscheck/ingest/internal/reader_support.h"

namespace crosscheck::ingest {

namespace {

Result<std::vector<EmployeeRecord>> ReadFrom(CsvReader& reader, const ReadOptions& options, IssueLog& issues) {
  CC_RETURN_IF_ERROR(internal::RequireColumns(reader, {"login", "application_id", "company_id"}));
  const auto login_col = static_cast<std::size_t>(reader.FindColumn("login"));
  const auto application_col = static_cast<std::size_t>(reader.FindColumn("application_id"));
  const auto company_col = static_cast<std::size_t>(reader.FindColumn("company_id"));
  const std::vector<std::string>& header = reader.header();

  internal::IssueSink sink(issues, options.strict);
  std::vector<EmployeeRecord> employees;
  std::unordered_map<std::string, std::int64_t> first_line_by_login;
  CsvRecord record;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool more, reader.Next(record));
    if (!more) break;
    auto skip_row = [&](std::size_t column_idx, std::string code, std::string message) {
      sink.Add(Issue{.file = reader.file_name(),
                     .line = record.field_line(column_idx),
                     .column = record.field_column(column_idx),
                     .field = header[column_idx],
                     .code = std::move(code),
                     .message = std::move(message),
                     .severity = IssueSeverity::kRowSkipped});
    };
    bool skip = false;
    for (std::size_t column_idx : {login_col, application_col, company_col}) {
      if (!skip && TrimAscii(record.field(column_idx)).empty()) {
        skip_row(column_idx, "MISSING_REQUIRED_FIELD",
                 header[column_idx] + " is empty; row skipped");
        skip = true;
      }
    }
    EmployeeRecord employee;
    if (!skip) {
      employee.line = record.line();
      employee.login = TrimAscii(record.field(login_col));
      employee.application_id = TrimAscii(record.field(application_col));
      employee.company_id = TrimAscii(record.field(company_col));
      auto [it, inserted] =
          first_line_by_login.try_emplace(ToLowerAscii(employee.login), record.line());
      if (!inserted) {
        skip_row(login_col, "DUPLICATE_LOGIN",
                 "login '" + employee.login + "' already listed on line " +
                     std::to_string(it->second) + "; row skipped");
        skip = true;
      }
    }
    CC_RETURN_IF_ERROR(sink.status());
    if (!skip) employees.push_back(std::move(employee));
  }
  return employees;
}

}  // namespace

Result<std::vector<EmployeeRecord>> ReadEmployees(const std::filesystem::path& path,
                                                  const ReadOptions& options, IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(path, internal::CsvOptionsFor(options, issues)));
  return ReadFrom(reader, options, issues);
}

Result<std::vector<EmployeeRecord>> ReadEmployeesText(std::string text, std::string name,
                                                      const ReadOptions& options, IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::OpenBuffer(std::move(text), std::move(name),
                                                              internal::CsvOptionsFor(options, issues)));
  return ReadFrom(reader, options, issues);
}

}  // namespace crosscheck::ingest
