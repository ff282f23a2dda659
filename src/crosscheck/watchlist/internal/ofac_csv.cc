#include "crosscheck/watchlist/internal/ofac_csv.h"

#include <utility>

#include "crosscheck/common/strings.h"

namespace crosscheck::watchlist::internal {
namespace {

// OFAC writes "-0- " (with the trailing space) for a missing value; see the "Data
// Specification" notes on the SDN list page (treasury.gov, "SDN CSV format").
std::string CleanField(std::string_view raw) {
  std::string_view trimmed = TrimAscii(raw);
  if (trimmed == "-0-") return {};
  return std::string(trimmed);
}

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }

}  // namespace

std::vector<OfacRow> ParseOfacCsv(std::string_view text, std::string_view file_name,
                                  std::size_t expected_fields, IssueLog& issues) {
  std::vector<OfacRow> rows;
  std::size_t pos = 0;
  std::int64_t line = 1;
  auto add_issue = [&](std::int64_t at_line, std::string code, std::string message) {
    issues.Add({.file = std::string(file_name),
                .line = at_line,
                .code = std::move(code),
                .message = std::move(message),
                .severity = IssueSeverity::kRowSkipped});
  };
  // Skips the rest of the current physical line, including its line end.
  auto skip_line = [&] {
    while (pos < text.size() && !IsLineEnd(text[pos])) ++pos;
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
    ++line;
  };

  while (pos < text.size()) {
    // Blank lines and the DOS end-of-file marker that ends every OFAC file.
    if (IsLineEnd(text[pos]) || text[pos] == '\x1a') {
      if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
      if (text[pos] != '\x1a') ++line;
      ++pos;
      continue;
    }
    OfacRow row;
    row.line = line;
    bool bad = false;
    bool end_of_record = false;
    while (!end_of_record && !bad) {
      std::string field;
      // Leading spaces before an opening quote are tolerated.
      std::size_t start = pos;
      while (pos < text.size() && text[pos] == ' ') ++pos;
      if (pos < text.size() && text[pos] == '"') {
        ++pos;
        const std::int64_t quote_line = line;
        bool closed = false;
        while (pos < text.size()) {
          const char c = text[pos];
          if (c == '"') {
            if (pos + 1 < text.size() && text[pos + 1] == '"') {  // RFC 4180 doubled quote
              field.push_back('"');
              pos += 2;
              continue;
            }
            ++pos;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
          ++pos;
        }
        if (!closed) {
          add_issue(quote_line, "OFAC_UNTERMINATED_QUOTE",
                    "a quoted field opened on this line is never closed; the rest of the "
                    "file was not read");
          return rows;
        }
        while (pos < text.size() && text[pos] == ' ') ++pos;
        if (pos < text.size() && text[pos] != ',' && !IsLineEnd(text[pos]) &&
            text[pos] != '\x1a') {
          add_issue(row.line, "OFAC_BAD_QUOTE",
                    "unexpected text after a closing quote in field " +
                        std::to_string(row.fields.size() + 1));
          bad = true;
          break;
        }
        row.fields.push_back(CleanField(field));
      } else {
        pos = start;
        while (pos < text.size() && text[pos] != ',' && !IsLineEnd(text[pos]) &&
               text[pos] != '\x1a') {
          ++pos;
        }
        row.fields.push_back(CleanField(text.substr(start, pos - start)));
      }
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
      } else {
        end_of_record = true;
      }
    }
    if (bad) {
      skip_line();
      continue;
    }
    // Consume the line end of the record.
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
    ++line;
    if (row.fields.size() != expected_fields) {
      add_issue(row.line, "OFAC_WRONG_FIELD_COUNT",
                "expected " + std::to_string(expected_fields) + " fields, found " +
                    std::to_string(row.fields.size()));
      continue;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace crosscheck::watchlist::internal
