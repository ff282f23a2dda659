#include "crosscheck/serve/monitoring_body.h"

#include <string_view>

#include "crosscheck/common/strings.h"
#include "crosscheck/ingest/employee_reader.h"
#include "crosscheck/ingest/signin_reader.h"

namespace crosscheck::serve {

std::expected<SigninsBody, BodyError> ParseSigninsBody(const std::string& body, IssueLog& issues) {
  const std::string_view text = TrimAscii(body);
  if (!text.empty() && text.front() == '[') {
    return std::unexpected(BodyError{"send one event object per line (NDJSON), not a JSON array: "
                                     "Okta's API answer becomes NDJSON with jq -c '.[]'",
                                     1, 1});
  }
  SigninsBody parsed;
  SigninEvent event;
  std::int64_t line_number = 0;
  std::size_t start = 0;
  while (start < body.size()) {
    // Lines end with LF, CRLF or a lone CR (old Mac exports): each is one line break.
    std::size_t end = body.find_first_of("\r\n", start);
    if (end == std::string::npos) end = body.size();
    const std::string_view line(body.data() + start, end - start);
    ++line_number;
    if (ingest::ParseSigninLineInto(line, line_number, "body", issues, event)) {
      parsed.lines.emplace_back(line);
      parsed.events.push_back(event);
    }
    start = end + (body.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  }
  return parsed;
}

std::vector<SigninEvent> ParseStoredSignins(const std::vector<std::string>& lines) {
  std::vector<SigninEvent> events;
  events.reserve(lines.size());
  IssueLog ignored;  // reported when the event was posted
  SigninEvent event;
  for (std::size_t idx = 0; idx < lines.size(); ++idx) {
    if (ingest::ParseSigninLineInto(lines[idx], static_cast<std::int64_t>(idx) + 1, "store", ignored, event)) {
      events.push_back(event);
    }
  }
  return events;
}

std::expected<std::vector<EmployeeRecord>, BodyError> ParseEmployeesBody(std::string body, IssueLog& issues) {
  Result<std::vector<EmployeeRecord>> employees =
      ingest::ReadEmployeesText(std::move(body), "body", ingest::ReadOptions{}, issues);
  if (!employees) return std::unexpected(BodyError{employees.error().message(), 1, 1});
  return std::move(*employees);
}

}  // namespace crosscheck::serve
