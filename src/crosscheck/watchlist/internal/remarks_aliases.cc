#include "crosscheck/watchlist/internal/remarks_aliases.h"

#include <algorithm>
#include <array>

#include "crosscheck/common/strings.h"

namespace crosscheck::watchlist::internal {

std::vector<std::string> ParseRemarksAliases(std::string_view remarks) {
  static constexpr std::array<std::string_view, 3> kMarkers = {"a.k.a. '", "f.k.a. '",
                                                               "n.k.a. '"};
  std::vector<std::string> aliases;
  std::size_t pos = 0;
  while (pos < remarks.size()) {
    std::size_t start = std::string_view::npos;
    for (std::string_view marker : kMarkers) {
      const std::size_t found = remarks.find(marker, pos);
      if (found != std::string_view::npos && (start == std::string_view::npos || found < start)) {
        start = found + marker.size();
      }
    }
    if (start == std::string_view::npos) break;
    std::size_t end = start;
    while ((end = remarks.find('\'', end)) != std::string_view::npos) {
      const char next = end + 1 < remarks.size() ? remarks[end + 1] : ';';
      if (next == ';' || next == '.' || next == ',' || next == ')') break;
      ++end;
    }
    if (end == std::string_view::npos) break;
    const std::string_view name = TrimAscii(remarks.substr(start, end - start));
    if (!name.empty() && std::find(aliases.begin(), aliases.end(), name) == aliases.end()) {
      aliases.emplace_back(name);
    }
    pos = end + 1;
  }
  return aliases;
}

}  // namespace crosscheck::watchlist::internal
