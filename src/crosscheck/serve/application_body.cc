#include "crosscheck/serve/application_body.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include <nlohmann/json.hpp>

#include "crosscheck/common/application_columns.h"
#include "crosscheck/common/csv_writer.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/serve/internal/http_support.h"

namespace crosscheck::serve {
namespace {

using Json = nlohmann::json;

// kBodyName stands for the file name in the reader's messages and Issues.
constexpr const char* kBodyName = "body";

// PositionOf reads "body:LINE:COLUMN: ..." or "body:LINE: ..." from the front of a reader
// message; a message without a position (a header problem) points at line 1, column 1.
BodyError PositionOf(const std::string& message) {
  BodyError error{message, 1, 1};
  const std::string prefix = std::string(kBodyName) + ":";
  if (!message.starts_with(prefix)) return error;
  const char* cursor = message.data() + prefix.size();
  const char* end = message.data() + message.size();
  std::int64_t line = 0;
  auto parsed = std::from_chars(cursor, end, line);
  if (parsed.ec != std::errc() || parsed.ptr == end || *parsed.ptr != ':') return error;
  error.line = line;
  std::int64_t column = 0;
  auto parsed_column = std::from_chars(parsed.ptr + 1, end, column);
  error.column = parsed_column.ec == std::errc() ? column : 1;
  return error;
}

// LineAndColumn turns a byte offset of `text` into a 1-based line and column.
BodyError AtByte(const std::string& text, std::size_t byte, std::string message) {
  byte = std::min(byte, text.size());
  const auto line_breaks = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(byte), '\n');
  const std::size_t line_start = byte == 0 ? 0 : text.rfind('\n', byte - 1);
  const std::size_t column = line_start == std::string::npos || byte == 0 ? byte + 1 : byte - line_start;
  return {std::move(message), line_breaks + 1, static_cast<std::int64_t>(column)};
}

// FieldText gives a JSON value as the text a CSV cell would hold: strings as they are, numbers
// and booleans as written, null as unknown. Objects and arrays have no such text.
std::optional<std::string> FieldText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return std::string();
  if (value.is_boolean()) return std::string(value.get<bool>() ? "true" : "false");
  if (value.is_number()) return value.dump();
  return std::nullopt;
}

// JsonToCsv writes the array's objects as CSV text (the contract's columns, then every other key
// in first-seen order) and records the line each element starts on, so the one reader applies.
std::expected<std::string, BodyError> JsonToCsv(const Json& elements, std::vector<std::int64_t>& start_lines) {
  std::vector<std::string> columns;
  for (const ApplicationColumn& column : kApplicationColumns) columns.emplace_back(column.name);
  for (std::size_t element_idx = 0; element_idx < elements.size(); ++element_idx) {
    const Json& element = elements[element_idx];
    if (!element.is_object()) {
      return std::unexpected(BodyError{"element " + std::to_string(element_idx) + " is not an object", 1, 1});
    }
    for (const auto& [key, value] : element.items()) {
      if (!FieldText(value)) {
        return std::unexpected(BodyError{"element " + std::to_string(element_idx) + " field " + key +
                                             ": expected a string, number, boolean or null", 1, 1});
      }
      if (std::find(columns.begin(), columns.end(), key) == columns.end()) columns.push_back(key);
    }
  }
  std::string csv;
  std::int64_t line = 1;
  auto append_row = [&](const std::vector<std::string>& fields) {
    std::string row;
    for (std::size_t idx = 0; idx < fields.size(); ++idx) {
      if (idx > 0) row += ',';
      CsvWriter::AppendField(row, fields[idx], CellPolicy::kVerbatim);
    }
    row += '\n';
    line += std::count(row.begin(), row.end(), '\n');
    csv += row;
  };
  append_row(columns);
  for (const Json& element : elements) {
    start_lines.push_back(line);
    std::vector<std::string> fields;
    for (const std::string& column : columns) {
      const auto found = element.find(column);
      fields.push_back(found == element.end() ? std::string() : *FieldText(*found));
    }
    append_row(fields);
  }
  return csv;
}

// ElementOf returns the 1-based array element whose generated CSV row holds `line`.
std::int64_t ElementOf(const std::vector<std::int64_t>& start_lines, std::int64_t line) {
  const auto after = std::upper_bound(start_lines.begin(), start_lines.end(), line);
  return std::max<std::int64_t>(1, after - start_lines.begin());
}

// RenumberJsonIssues points Issues of the generated CSV at their array element: for a JSON
// body, line counts elements from 1 and column is 0.
void RenumberJsonIssues(const IssueLog& generated, const std::vector<std::int64_t>& start_lines, IssueLog& issues) {
  for (Issue issue : generated.issues()) {
    issue.line = ElementOf(start_lines, issue.line);
    issue.column = 0;
    issues.Add(std::move(issue));
  }
}

}  // namespace

BodyFormat FormatOfContentType(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  type.erase(std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c) != 0; }), type.end());
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  if (type == "text/csv") return BodyFormat::kCsv;
  if (type == "application/json") return BodyFormat::kJson;
  return BodyFormat::kUnsupported;
}

std::expected<ApplicationBody, BodyError> ParseApplicationBody(std::string body, BodyFormat format, IssueLog& issues) {
  if (format == BodyFormat::kUnsupported) return std::unexpected(BodyError{"unsupported body format", 0, 0});
  if (format == BodyFormat::kCsv) {
    auto records = ingest::ReadApplicationsText(std::move(body), kBodyName, ingest::ReadOptions{}, issues);
    if (!records) return std::unexpected(PositionOf(records.error().message()));
    return ApplicationBody{std::move(*records)};
  }
  if (internal::JsonNestsDeeperThan(body, internal::kMaxJsonDepth)) {
    return std::unexpected(BodyError{"JSON nested deeper than " + std::to_string(internal::kMaxJsonDepth) + " levels", 1, 1});
  }
  Json parsed;
  try {
    parsed = Json::parse(body);
  } catch (const Json::parse_error& error) {
    return std::unexpected(AtByte(body, error.byte == 0 ? 0 : error.byte - 1, std::string("not JSON: ") + error.what()));
  }
  if (parsed.is_object()) parsed = Json::array({std::move(parsed)});
  if (!parsed.is_array()) return std::unexpected(BodyError{"expected a JSON array of application objects", 1, 1});
  if (parsed.empty()) return ApplicationBody{};
  std::vector<std::int64_t> start_lines;
  auto csv = JsonToCsv(parsed, start_lines);
  if (!csv) return std::unexpected(std::move(csv).error());
  IssueLog generated;
  auto records = ingest::ReadApplicationsText(std::move(*csv), kBodyName, ingest::ReadOptions{}, generated);
  RenumberJsonIssues(generated, start_lines, issues);
  if (!records) return std::unexpected(BodyError{records.error().message(), 1, 1});
  for (ApplicationRecord& record : *records) record.line = ElementOf(start_lines, record.line);
  return ApplicationBody{std::move(*records)};
}

}  // namespace crosscheck::serve
