// The bodies of the node's post-hire monitoring endpoints: POST /v1/employees (employees.csv,
// shared/spec/DATA.md) and POST /v1/signins (Okta System Log events, one JSON object per line).
// Bad rows and lines become Issues (file "body", line and column) and are left out; a body that
// cannot be read at all is a BodyError.
//
//   IssueLog issues;
//   auto body = ParseSigninsBody(req.body, issues);   // body->lines[i] parsed as body->events[i]
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/serve/application_body.h"

namespace crosscheck::serve {

// SigninsBody holds the usable events of a body, in body order, each with its line as received.
struct SigninsBody {
  std::vector<std::string> lines;
  std::vector<SigninEvent> events;
};

// ParseSigninsBody reads NDJSON: blank lines are skipped, a bad line is an Issue (the codes of
// ingest/signin_reader.h). A body that starts with '[' (Okta's API answers an array) is a
// BodyError that says how to send it as NDJSON.
std::expected<SigninsBody, BodyError> ParseSigninsBody(const std::string& body, IssueLog& issues);

// ParseStoredSignins parses events the store kept (each accepted once, so none is bad; one that
// no longer parses is left out).
std::vector<SigninEvent> ParseStoredSignins(const std::vector<std::string>& lines);

// ParseEmployeesBody reads employees.csv text (ingest::ReadEmployeesText): a missing required
// column or unreadable CSV is a BodyError; bad rows are Issues.
std::expected<std::vector<EmployeeRecord>, BodyError> ParseEmployeesBody(std::string body, IssueLog& issues);

}  // namespace crosscheck::serve
