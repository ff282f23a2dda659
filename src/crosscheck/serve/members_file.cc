#include "crosscheck/serve/members_file.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>

namespace crosscheck::serve {
namespace {

std::string Trim(std::string text) {
  const auto not_space = [](unsigned char c) { return std::isspace(c) == 0; };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  return text;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::vector<std::string> SplitFields(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = line.find(',', begin);
    fields.push_back(Trim(line.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin)));
    if (comma == std::string::npos) return fields;
    begin = comma + 1;
  }
}

bool IsHexSha256(const std::string& token) {
  return token.size() == 64 &&
         std::all_of(token.begin(), token.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

// HashedTokenRow is one data row of a token file: the fields before token_sha256, the hash in
// lower case, and the line it came from.
struct HashedTokenRow {
  std::size_t line = 0;
  std::vector<std::string> fields;
  std::string token_sha256;
};

// ReadHashedTokenRows reads a CSV file whose header is `columns` then token_sha256: every field
// non-empty, the hash 64 hex digits and listed once. Errors name the file and line.
Result<std::vector<HashedTokenRow>> ReadHashedTokenRows(const std::filesystem::path& path,
                                                        const std::vector<std::string>& columns,
                                                        const std::string& what) {
  static constexpr std::array<const char*, 5> kCounts = {"one", "two", "three", "four", "five"};
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return NotFound(what + " " + path.string() + " does not exist");
  std::ifstream in(path);
  if (!in) return InvalidInput("cannot open " + what + " " + path.string());
  const std::string name = path.filename().string();
  std::string header_text;
  for (const std::string& column : columns) header_text += column + ",";
  header_text += "token_sha256";
  const std::size_t width = columns.size() + 1;
  std::vector<HashedTokenRow> rows;
  std::string line;
  std::size_t line_number = 0;
  bool header_seen = false;
  auto at_line = [&](const std::string& message) { return InvalidInput(name + " line " + std::to_string(line_number) + ": " + message); };
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 BOM
    if (Trim(line).empty()) continue;
    std::vector<std::string> fields = SplitFields(line);
    if (fields.size() != width) {
      return at_line(std::string("expected ") + (width <= kCounts.size() ? kCounts[width - 1] : "more") + " fields " +
                     header_text);
    }
    if (!header_seen) {
      for (std::size_t idx = 0; idx < width; ++idx) {
        if (Lower(fields[idx]) != (idx < columns.size() ? columns[idx] : "token_sha256")) {
          return at_line("the header must be " + header_text);
        }
      }
      header_seen = true;
      continue;
    }
    for (std::size_t idx = 0; idx < columns.size(); ++idx) {
      if (fields[idx].empty()) return at_line("empty " + columns[idx]);
    }
    std::string token = Lower(fields.back());
    if (!IsHexSha256(token)) {
      return at_line("token_sha256 must be 64 hex digits, found " + std::to_string(token.size()) + " characters");
    }
    const bool repeated = std::any_of(rows.begin(), rows.end(), [&](const HashedTokenRow& row) { return row.token_sha256 == token; });
    if (repeated) return at_line("token_sha256 listed twice");
    fields.pop_back();
    rows.push_back({line_number, std::move(fields), std::move(token)});
  }
  if (!header_seen) return InvalidInput(name + ": empty; the header " + header_text + " is required");
  return rows;
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kIngest: return "ingest";
    case Role::kReviewer: return "reviewer";
    case Role::kAdmin: return "admin";
  }
  return "admin";
}

Result<Members> ReadMembersFile(const std::filesystem::path& path) {
  CC_ASSIGN_OR_RETURN(std::vector<HashedTokenRow> rows, ReadHashedTokenRows(path, {"company_id"}, "members file"));
  if (rows.empty()) return InvalidInput(path.filename().string() + ": no members");
  Members members;
  for (HashedTokenRow& row : rows) members.emplace(std::move(row.token_sha256), std::move(row.fields[0]));
  return members;
}

Result<Tokens> ReadTokensFile(const std::filesystem::path& path) {
  CC_ASSIGN_OR_RETURN(std::vector<HashedTokenRow> rows, ReadHashedTokenRows(path, {"name", "role"}, "tokens file"));
  if (rows.empty()) return InvalidInput(path.filename().string() + ": no tokens");
  Tokens tokens;
  for (HashedTokenRow& row : rows) {
    const std::string role = Lower(row.fields[1]);
    TokenHolder holder{std::move(row.fields[0]), Role::kAdmin};
    if (role == "ingest") {
      holder.role = Role::kIngest;
    } else if (role == "reviewer") {
      holder.role = Role::kReviewer;
    } else if (role != "admin") {
      return InvalidInput(path.filename().string() + " line " + std::to_string(row.line) + ": role must be ingest, " +
                          "reviewer or admin, found '" + row.fields[1] + "'");
    }
    tokens.emplace(std::move(row.token_sha256), std::move(holder));
  }
  return tokens;
}

}  // namespace crosscheck::serve
