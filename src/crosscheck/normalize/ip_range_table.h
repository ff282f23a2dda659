// IpRangeTable: the IP ranges CSV (`cidr,country,asn,as_org,kind`, see DATA.md) as a
// longest-prefix-match table. Nested ranges are allowed (a VPN /24 inside a hosting /16): the
// most specific range answers.
//
//   IssueLog issues;
//   IpRangeTable table = IpRangeTable::Build(rows, "ranges.csv", issues);
//   if (const IpInfo* info = table.Find(*ParseIpAddress("81.2.69.7"))) { ... }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/normalize/ip_address.h"

namespace crosscheck::normalize {

// ParseIpKind maps a ranges-CSV kind ("vpn", "Hosting", "") to IpKind, case-insensitively;
// empty gives kUnknown; nullopt for a word the contract does not list.
std::optional<IpKind> ParseIpKind(std::string_view text);

// IpKindName returns the contract's word for a kind ("vpn", ...; "" for kUnknown).
const char* IpKindName(IpKind kind);

// IsAnonymizingKind says whether traffic from this kind of network hides its origin
// (VPN, proxy, Tor, hosting).
bool IsAnonymizingKind(IpKind kind);

// IpRangeTable is immutable after Build; Find and Lookup are const and thread-safe.
// Find is O(log n) over the flattened, disjoint intervals (n = rows).
class IpRangeTable {
 public:
  IpRangeTable() = default;

  // Build parses rows. A row with a bad CIDR (BAD_CIDR), a bad ASN (BAD_ASN), an unknown kind
  // (UNKNOWN_IP_KIND) or a CIDR already given (DUPLICATE_CIDR; the first row wins) is reported
  // in issues and skipped; a country that is not two letters is ignored (BAD_COUNTRY). Host
  // bits set in a CIDR ("10.0.0.5/8") are cleared. source (the file name) is set as every
  // answer's IpInfo::source and as the Issues' file.
  static IpRangeTable Build(const std::vector<IpRangeRow>& rows, const std::string& source,
                            IssueLog& issues);

  // Find returns the most specific range's information, or nullptr when no range covers the
  // address. The pointer lives as long as the table.
  const IpInfo* Find(const IpAddress& address) const;

  // Lookup is Find returning a copy.
  std::optional<IpInfo> Lookup(const IpAddress& address) const;

  // size returns the number of ranges kept.
  std::size_t size() const { return infos_.size(); }
  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::vector<IpInfo> infos_;
  // Disjoint intervals covering the whole space, as sorted start points and the index into
  // infos_ of the most specific range covering each (-1: none). One pair of arrays per family.
  std::vector<std::uint32_t> v4_starts_;
  std::vector<std::int32_t> v4_values_;
  std::vector<unsigned __int128> v6_starts_;
  std::vector<std::int32_t> v6_values_;
};

}  // namespace crosscheck::normalize
