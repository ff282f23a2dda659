#include "crosscheck/normalize/url_handle.h"

#include <string>
#include <unordered_set>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/normalize/internal/text_fold.h"

namespace crosscheck::normalize {
namespace {

// Bounds a profile handle can have; longer text is not a URL anyone typed.
constexpr std::size_t kMaxUrlLength = 2048;
constexpr std::size_t kMaxLinkedInHandle = 100;  // LinkedIn custom URLs: 3-100 characters
constexpr std::size_t kMaxGitHubHandle = 39;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (text[pos] == '%' && pos + 2 < text.size()) {
      const int high = HexValue(text[pos + 1]);
      const int low = HexValue(text[pos + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        pos += 2;
        continue;
      }
    }
    out.push_back(text[pos]);
  }
  return out;
}

// UrlParts is a URL split far enough for profile links: lower-case host and the non-empty
// path segments, without scheme, credentials, port, query or fragment. The segments view
// the text given to SplitUrl (a profile URL is split on every application row, so the
// pieces are not copied).
struct UrlParts {
  std::string host;
  std::vector<std::string_view> segments;
};

// SplitUrl returns false when the text has no host that looks like a domain.
bool SplitUrl(std::string_view text, UrlParts* parts) {
  // The first "://" ends the scheme (searched for by its ':', which is rare in URLs).
  for (std::size_t colon = text.find(':'); colon != std::string_view::npos;
       colon = text.find(':', colon + 1)) {
    if (text.substr(colon + 1, 2) == "//") {
      text.remove_prefix(colon + 3);
      break;
    }
  }
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (text[pos] == '?' || text[pos] == '#') {
      text = text.substr(0, pos);
      break;
    }
  }
  const std::size_t slash = text.find('/');
  std::string_view host = text.substr(0, slash);
  if (const std::size_t at = host.rfind('@'); at != std::string_view::npos) {
    host.remove_prefix(at + 1);
  }
  if (const std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  if (host.find('.') == std::string_view::npos) return false;
  parts->host = ToLowerAscii(host);
  if (slash != std::string_view::npos) {
    std::string_view path = text.substr(slash + 1);
    while (!path.empty()) {
      const std::size_t next = path.find('/');
      const std::string_view segment = path.substr(0, next);
      if (!segment.empty()) parts->segments.push_back(segment);
      if (next == std::string_view::npos) break;
      path.remove_prefix(next + 1);
    }
  }
  return true;
}

bool HostIs(std::string_view host, std::string_view domain) {
  return host == domain || (host.size() > domain.size() && EndsWith(host, domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

bool IsLinkedInHandle(std::string_view handle) {
  if (handle.size() < 2 || handle.size() > kMaxLinkedInHandle) return false;
  for (const char c : handle) {
    const auto byte = static_cast<unsigned char>(c);
    // LinkedIn allows letters of any script in custom URLs; ASCII punctuation other than
    // '-' and '_' never occurs.
    if (byte >= 0x80) continue;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      return false;
    }
  }
  return internal::AllNonAsciiAreWordCodePoints(handle);
}

bool IsGitHubHandle(std::string_view handle) {
  if (handle.empty() || handle.size() > kMaxGitHubHandle) return false;
  if (handle.front() == '-' || handle.back() == '-') return false;
  char previous = 0;
  for (const char c : handle) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    if (c == '-' && previous == '-') return false;
    previous = c;
  }
  return true;
}

// First path segments on github.com that are GitHub's own pages, not accounts.
const std::unordered_set<std::string_view>& GitHubReservedPaths() {
  static const std::unordered_set<std::string_view> reserved = {
      "orgs",
      "settings",
      "features",
      "about",
      "marketplace",
      "topics",
      "sponsors",
      "login",
      "join",
      "signup",
      "explore",
      "trending",
      "collections",
      "events",
      "pricing",
      "search",
      "notifications",
      "pulls",
      "issues",
      "new",
      "organizations",
      "enterprise",
      "team",
      "security",
      "site",
      "contact",
      "apps",
      "users",
      "codespaces",
      "readme",
      "customer-stories",
  };
  return reserved;
}

std::string_view StripBareHandlePrefix(std::string_view text) {
  if (!text.empty() && text.front() == '@') text.remove_prefix(1);
  while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string LinkedInHandle(std::string_view text) {
  text = TrimAscii(text);
  if (text.empty() || text.size() > kMaxUrlLength) return {};
  UrlParts parts;
  std::string handle;
  if (SplitUrl(text, &parts)) {
    if (!HostIs(parts.host, "linkedin.com") || parts.segments.size() < 2) return {};
    const std::string_view kind = parts.segments[0];
    if (!EqualsIgnoreCaseAscii(kind, "in") && !EqualsIgnoreCaseAscii(kind, "pub")) return {};
    handle = PercentDecode(parts.segments[1]);
  } else {
    std::string_view bare = StripBareHandlePrefix(text);
    if (bare.size() > 3 && EqualsIgnoreCaseAscii(bare.substr(0, 3), "in/")) bare.remove_prefix(3);
    if (bare.find('/') != std::string_view::npos) return {};
    handle = PercentDecode(bare);
  }
  handle = ToLowerAscii(handle);
  return IsLinkedInHandle(handle) ? handle : std::string();
}

std::string GitHubHandle(std::string_view text) {
  text = TrimAscii(text);
  if (text.empty() || text.size() > kMaxUrlLength) return {};
  std::string handle;
  // SSH remotes: git@github.com:user/repo.git
  if (StartsWith(ToLowerAscii(text.substr(0, 15)), "git@github.com:")) {
    const std::string_view rest = text.substr(15);
    handle = std::string(rest.substr(0, rest.find('/')));
  } else if (UrlParts parts; SplitUrl(text, &parts)) {
    if (EndsWith(parts.host, ".github.io")) {
      handle = parts.host.substr(0, parts.host.size() - 10);
      if (handle.find('.') != std::string::npos) return {};
    } else if (HostIs(parts.host, "github.com") && !parts.segments.empty()) {
      handle = ToLowerAscii(parts.segments[0]);
      if (GitHubReservedPaths().contains(handle)) return {};
    } else {
      return {};
    }
  } else {
    const std::string_view bare = StripBareHandlePrefix(text);
    if (bare.find('/') != std::string_view::npos) return {};
    handle = std::string(bare);
  }
  handle = ToLowerAscii(handle);
  return IsGitHubHandle(handle) ? handle : std::string();
}

}  // namespace crosscheck::normalize
