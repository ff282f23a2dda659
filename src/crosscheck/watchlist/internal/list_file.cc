#include "crosscheck/watchlist/internal/list_file.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

namespace crosscheck::watchlist::internal {

Result<std::string> ReadListFile(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return NotFound("file not found: " + path.string());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidInput("cannot open " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return InvalidInput("cannot read " + path.string());
  std::string text = std::move(buffer).str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  return text;
}

bool ParseListId(std::string_view text, std::int64_t& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc() && ptr == end && value > 0;
}

}  // namespace crosscheck::watchlist::internal
