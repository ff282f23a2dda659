#include "crosscheck/normalize/ip_range_table.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "crosscheck/common/strings.h"

namespace crosscheck::normalize {
namespace {

using U128 = unsigned __int128;

U128 ToU128(const IpAddress& address) {
  return (static_cast<U128>(address.high64()) << 64) | address.low64();
}

// A parsed range [first, last] (inclusive, so that the top of the space needs no overflow).
template <class Key>
struct Range {
  Key first;
  Key last;
  std::int32_t value;
};

// Flatten turns a laminar family of ranges (CIDR blocks are either nested or disjoint) into
// disjoint intervals, each owned by its most specific range: sort by start, larger blocks
// first, and sweep with a stack of the blocks that are open.
template <class Key>
void Flatten(std::vector<Range<Key>> ranges, std::vector<Key>& starts,
             std::vector<std::int32_t>& values) {
  std::sort(ranges.begin(), ranges.end(), [](const Range<Key>& left, const Range<Key>& right) {
    if (left.first != right.first) return left.first < right.first;
    return left.last > right.last;
  });
  starts.clear();
  values.clear();
  starts.push_back(0);
  values.push_back(-1);
  auto emit = [&](Key start, std::int32_t value) {
    if (starts.back() == start) {
      values.back() = value;  // a more specific block starting at the same point
    } else if (values.back() != value) {
      starts.push_back(start);
      values.push_back(value);
    }
  };
  std::vector<Range<Key>> open;
  auto close_top = [&]() {
    const Range<Key> closed = open.back();
    open.pop_back();
    // The block ending at the top of the space has no "after".
    if (closed.last != std::numeric_limits<Key>::max()) {
      emit(closed.last + 1, open.empty() ? -1 : open.back().value);
    }
  };
  for (const Range<Key>& range : ranges) {
    while (!open.empty() && open.back().last < range.first) close_top();
    emit(range.first, range.value);
    open.push_back(range);
  }
  while (!open.empty()) close_top();
}

template <class Key>
std::int32_t FindValue(const std::vector<Key>& starts, const std::vector<std::int32_t>& values,
                       Key key) {
  if (starts.empty()) return -1;
  // starts[0] == 0, so upper_bound never returns begin().
  const auto position = std::upper_bound(starts.begin(), starts.end(), key);
  return values[static_cast<std::size_t>(position - starts.begin()) - 1];
}

struct ParsedCidr {
  IpAddress base;
  int prefix = 0;
};

std::optional<ParsedCidr> ParseCidr(std::string_view text) {
  text = TrimAscii(text);
  const std::size_t slash = text.find('/');
  const std::string_view address_text = text.substr(0, slash);
  std::optional<IpAddress> address = ParseIpAddress(address_text);
  if (!address) return std::nullopt;
  const bool written_as_v6 = address_text.find(':') != std::string_view::npos;
  const int max_prefix = written_as_v6 ? 128 : 32;
  int prefix = max_prefix;  // a bare address is a single-host range
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
        prefix < 0 || prefix > max_prefix) {
      return std::nullopt;
    }
  }
  if (address->is_v4() && written_as_v6) {
    // ::ffff:0:0/96 space written in IPv6 notation: count the prefix from the IPv4 part.
    if (prefix < 96) return std::nullopt;
    prefix -= 96;
  }
  return ParsedCidr{MaskToPrefix(*address, prefix), prefix};
}

std::optional<std::uint32_t> ParseAsn(std::string_view text) {
  text = TrimAscii(text);
  if (text.size() >= 2 && (text[0] == 'A' || text[0] == 'a') && (text[1] == 'S' || text[1] == 's')) {
    text.remove_prefix(2);
  }
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<IpKind> ParseIpKind(std::string_view text) {
  const std::string word = ToLowerAscii(TrimAscii(text));
  static const std::map<std::string, IpKind, std::less<>> kKinds = {
      {"", IpKind::kUnknown},          {"unknown", IpKind::kUnknown},
      {"residential", IpKind::kResidential}, {"mobile", IpKind::kMobile},
      {"business", IpKind::kBusiness}, {"hosting", IpKind::kHosting},
      {"vpn", IpKind::kVpn},           {"proxy", IpKind::kProxy},
      {"tor", IpKind::kTor},
  };
  const auto found = kKinds.find(word);
  if (found == kKinds.end()) return std::nullopt;
  return found->second;
}

const char* IpKindName(IpKind kind) {
  switch (kind) {
    case IpKind::kResidential: return "residential";
    case IpKind::kMobile: return "mobile";
    case IpKind::kBusiness: return "business";
    case IpKind::kHosting: return "hosting";
    case IpKind::kVpn: return "vpn";
    case IpKind::kProxy: return "proxy";
    case IpKind::kTor: return "tor";
    case IpKind::kUnknown: break;
  }
  return "";
}

bool IsAnonymizingKind(IpKind kind) {
  return kind == IpKind::kVpn || kind == IpKind::kProxy || kind == IpKind::kTor ||
         kind == IpKind::kHosting;
}

IpRangeTable IpRangeTable::Build(const std::vector<IpRangeRow>& rows, const std::string& source,
                                 IssueLog& issues) {
  IpRangeTable table;
  table.source_ = source;
  std::vector<Range<std::uint32_t>> v4_ranges;
  std::vector<Range<U128>> v6_ranges;
  std::set<std::pair<IpAddress, int>> seen;
  auto report = [&](const IpRangeRow& row, const char* field, const char* code, std::string message,
                    IssueSeverity severity = IssueSeverity::kRowSkipped) {
    issues.Add({.file = source, .line = row.line, .column = 0, .field = field, .code = code,
                .message = std::move(message), .severity = severity});
  };
  for (const IpRangeRow& row : rows) {
    const std::optional<ParsedCidr> cidr = ParseCidr(row.cidr);
    if (!cidr) {
      report(row, "cidr", "BAD_CIDR", "expected an IPv4 or IPv6 CIDR block, got '" + row.cidr + "'");
      continue;
    }
    std::optional<std::uint32_t> asn;
    if (!TrimAscii(row.asn).empty()) {
      asn = ParseAsn(row.asn);
      if (!asn) {
        report(row, "asn", "BAD_ASN", "expected an AS number like 7018 or AS7018, got '" + row.asn + "'");
        continue;
      }
    }
    const std::optional<IpKind> kind = ParseIpKind(row.kind);
    if (!kind) {
      report(row, "kind", "UNKNOWN_IP_KIND",
             "expected residential, mobile, business, hosting, vpn, proxy, tor or empty, got '" +
                 row.kind + "'");
      continue;
    }
    if (!seen.emplace(cidr->base, cidr->prefix).second) {
      report(row, "cidr", "DUPLICATE_CIDR",
             "range " + cidr->base.ToString() + "/" + std::to_string(cidr->prefix) +
                 " was already given; the first row is used");
      continue;
    }
    IpInfo info;
    const std::string country = ToUpperAscii(TrimAscii(row.country));
    if (country.size() == 2 && std::isalpha(static_cast<unsigned char>(country[0])) &&
        std::isalpha(static_cast<unsigned char>(country[1]))) {
      info.country = country;
    } else if (!country.empty()) {
      report(row, "country", "BAD_COUNTRY",
             "expected an ISO 3166-1 alpha-2 code, got '" + row.country + "'",
             IssueSeverity::kFieldIgnored);
    }
    info.asn = asn;
    info.as_org = std::string(TrimAscii(row.as_org));
    info.kind = *kind;
    info.is_anonymous = IsAnonymizingKind(*kind);
    info.source = source;
    const auto value = static_cast<std::int32_t>(table.infos_.size());
    table.infos_.push_back(std::move(info));
    if (cidr->base.is_v4()) {
      const std::uint32_t first = cidr->base.v4();
      // Shifting by the full width is undefined, hence the 64-bit intermediate.
      const auto host_mask = static_cast<std::uint32_t>(0xFFFFFFFFULL >> cidr->prefix);
      v4_ranges.push_back({first, first | host_mask, value});
    } else {
      const U128 first = ToU128(cidr->base);
      const U128 all = ~U128{0};
      const U128 host_mask = cidr->prefix >= 128 ? U128{0} : (all >> cidr->prefix);
      v6_ranges.push_back({first, first | host_mask, value});
    }
  }
  Flatten(std::move(v4_ranges), table.v4_starts_, table.v4_values_);
  Flatten(std::move(v6_ranges), table.v6_starts_, table.v6_values_);
  return table;
}

const IpInfo* IpRangeTable::Find(const IpAddress& address) const {
  const std::int32_t value = address.is_v4()
                                 ? FindValue(v4_starts_, v4_values_, address.v4())
                                 : FindValue(v6_starts_, v6_values_, ToU128(address));
  return value < 0 ? nullptr : &infos_[static_cast<std::size_t>(value)];
}

std::optional<IpInfo> IpRangeTable::Lookup(const IpAddress& address) const {
  if (const IpInfo* info = Find(address)) return *info;
  return std::nullopt;
}

}  // namespace crosscheck::normalize
