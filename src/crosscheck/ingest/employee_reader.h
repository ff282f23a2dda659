// ReadEmployees: reads employees.csv (shared/spec/DATA.md), which links each corporate login
// seen in sign-in logs to the application that led to the hire.
//
//   IssueLog issues;
//   CC_ASSIGN_OR_RETURN(std::vector<EmployeeRecord> staff,
//                       ReadEmployees("in/employees.csv", ReadOptions{}, issues));
//
// Issue codes (stable), besides CsvReader's FIELD_TOO_LONG, NUL_BYTE, WRONG_FIELD_COUNT and
// INVALID_UTF8:
//   MISSING_REQUIRED_FIELD  kRowSkipped  login, application_id or company_id is empty
//   DUPLICATE_LOGIN         kRowSkipped  the login (ASCII case-insensitive, as Okta compares
//                                        logins) was already listed; the first row is kept
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/ingest/read_options.h"

namespace crosscheck::ingest {

// ReadEmployees returns the usable rows of `path` in file order, fields trimmed. Errors:
// kNotFound, kInvalidInput (as CsvReader; a required column missing from the header, naming
// it and the header seen; with options.strict, the first Issue).
Result<std::vector<EmployeeRecord>> ReadEmployees(const std::filesystem::path& path,
                                                  const ReadOptions& options, IssueLog& issues);

// ReadEmployeesText reads employees.csv text in memory (an HTTP request body) as ReadEmployees
// reads a file, with `name` in place of the file name. Errors as ReadEmployees', but never
// kNotFound (empty text is kInvalidInput).
Result<std::vector<EmployeeRecord>> ReadEmployeesText(std::string text, std::string name,
                                                      const ReadOptions& options, IssueLog& issues);

}  // namespace crosscheck::ingest
