// ReadApplications: reads applications.csv (shared/spec/DATA.md) into ApplicationRecords,
// streaming, with bad rows reported as Issues instead of failing the run.
//
//   IssueLog issues;
//   CC_ASSIGN_OR_RETURN(std::vector<ApplicationRecord> apps,
//                       ReadApplications("in/applications.csv", ReadOptions{}, issues));
//
// Issue codes (stable, UPPER_SNAKE; see also csv_reader.h for the CSV-level ones
// FIELD_TOO_LONG, NUL_BYTE, WRONG_FIELD_COUNT, INVALID_UTF8, all kRowSkipped):
//   MISSING_REQUIRED_FIELD    kRowSkipped    application_id or company_id is empty
//   DUPLICATE_APPLICATION_ID  kRowSkipped    the id was already used (names the first line);
//                                            the first occurrence is kept
//   BAD_TIMESTAMP             kFieldIgnored  submitted_at is not ISO 8601 with an offset
//   BAD_DATE                  kFieldIgnored  date_of_birth is not a real YYYY-MM-DD date
// A kFieldIgnored field is cleared (empty = unknown) and the row is kept.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/ingest/read_options.h"

namespace crosscheck::ingest {

// ReadApplications returns the usable rows of `path` in file order. Field values are
// trimmed; header names match case-insensitively; columns the contract does not name go to
// ApplicationRecord::extra in file order. Errors (kNotFound, kInvalidInput) are CsvReader's,
// plus kInvalidInput when application_id or company_id is not in the header (the message
// names the missing columns and the header seen) and, with options.strict, for the first
// Issue of any kind. Linear time; memory is the records themselves.
Result<std::vector<ApplicationRecord>> ReadApplications(const std::filesystem::path& path,
                                                        const ReadOptions& options,
                                                        IssueLog& issues);

// ReadApplicationsText reads CSV text in memory (an HTTP request body) as ReadApplications
// reads a file, with `name` in place of the file name in Issues and messages. Errors as
// ReadApplications', except kNotFound; empty text is kInvalidInput.
Result<std::vector<ApplicationRecord>> ReadApplicationsText(std::string text, std::string name,
                                                            const ReadOptions& options,
                                                            IssueLog& issues);

}  // namespace crosscheck::ingest
