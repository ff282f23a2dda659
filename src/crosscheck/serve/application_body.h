// ParseApplicationBody: the body of `POST /v1/applications` — CSV with the data contract's
// columns (text/csv) or a JSON array of objects with those fields (application/json) — read into
// ApplicationRecords by the same reader as `scan`'s applications.csv, so a row is accepted,
// skipped or kept with a field cleared exactly as a scan would.
//
//   IssueLog issues;
//   Result<ApplicationBody> body = ParseApplicationBody(req.body, content_type, issues);
//   if (!body) answer 400 with body.error() (message, line, column)
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"

namespace crosscheck::serve {

// BodyFormat is how a body is written, from its Content-Type.
enum class BodyFormat : std::uint8_t { kCsv, kJson, kUnsupported };

// FormatOfContentType maps "text/csv" (any parameters, any case) to kCsv and "application/json"
// to kJson; anything else, empty too, is kUnsupported.
BodyFormat FormatOfContentType(std::string_view content_type);

// BodyError says why a whole body was refused and where: 1-based line and column in the body
// (the header's line 1 for a missing column; the byte for a JSON syntax error).
struct BodyError {
  std::string message;
  std::int64_t line = 0;
  std::int64_t column = 0;
};

// ApplicationBody holds the usable rows of a body, in body order. Bad rows are not here: they
// are Issues with file "body" and the CSV line and column; for a JSON body, line counts the
// array's elements from 1 and column is 0 (ApplicationRecord::line too).
struct ApplicationBody {
  std::vector<ApplicationRecord> records;
};

// ParseApplicationBody reads `body` as `format`. A body that cannot be read at all is a
// BodyError: not CSV (a NUL byte, an unterminated quote, no header, application_id or company_id
// missing from the header), not a JSON array or object of objects, or a field that is an object
// or array. Bad rows go to `issues` (the codes of ingest/application_reader.h).
std::expected<ApplicationBody, BodyError> ParseApplicationBody(std::string body, BodyFormat format, IssueLog& issues);

}  // namespace crosscheck::serve
