#include "crosscheck/serve/members_file.h"

#include <algorithm>
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

}  // namespace

Result<Members> ReadMembersFile(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return NotFound("members file " + path.string() + " does not exist");
  std::ifstream in(path);
  if (!in) return InvalidInput("cannot open members file " + path.string());
  const std::string name = path.filename().string();
  Members members;
  std::string line;
  std::size_t line_number = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 BOM
    if (Trim(line).empty()) continue;
    const std::size_t comma = line.find(',');
    if (comma == std::string::npos || line.find(',', comma + 1) != std::string::npos) {
      return InvalidInput(name + " line " + std::to_string(line_number) +
                          ": expected two fields company_id,token_sha256");
    }
    std::string company = Trim(line.substr(0, comma));
    std::string token = Trim(line.substr(comma + 1));
    if (!header_seen) {
      if (Lower(company) != "company_id" || Lower(token) != "token_sha256") {
        return InvalidInput(name + " line " + std::to_string(line_number) +
                            ": the header must be company_id,token_sha256");
      }
      header_seen = true;
      continue;
    }
    if (company.empty()) return InvalidInput(name + " line " + std::to_string(line_number) + ": empty company_id");
    if (token.size() != 64 || !std::all_of(token.begin(), token.end(), [](unsigned char c) { return std::isxdigit(c) != 0; })) {
      return InvalidInput(name + " line " + std::to_string(line_number) + ": token_sha256 must be 64 hex digits, found " +
                          std::to_string(token.size()) + " characters");
    }
    token = Lower(token);
    if (!members.emplace(token, company).second) {
      return InvalidInput(name + " line " + std::to_string(line_number) + ": token_sha256 listed twice");
    }
  }
  if (!header_seen) return InvalidInput(name + ": empty; the header company_id,token_sha256 is required");
  if (members.empty()) return InvalidInput(name + ": no members");
  return members;
}

}  // namespace crosscheck::serve
