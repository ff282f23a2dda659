// IpPlan: the simulated world's IP address space. Every address the world uses (homes, mobile
// carriers, campus and office NATs, staffing agencies, hosting providers, commercial VPN exits)
// comes from a range the plan allocates, and WriteRanges lists them all as the
// `cidr,country,asn,as_org,kind` reference file of the data contract.
//
//   IpPlan plan(catalog, /*scale=*/1.0, company_sites, agency_sites);
//   std::string ip = plan.AddressIn(plan.Residential(locale, city, isp), rng.Next());
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/simulate/catalog.h"

namespace crosscheck::simulate {

// Site places an entity (company office, agency, campus) in a city of a locale.
struct Site {
  std::uint16_t locale = 0;
  std::uint16_t city = 0;
};

// IpRange is one allocated range and what IP intelligence knows about it.
struct IpRange {
  bool v6 = false;
  std::uint32_t base = 0;      // IPv4 network address
  std::uint32_t v6_high = 0;   // IPv6: the first 32 bits (the ranges are /32s)
  int prefix = 32;
  std::string_view country;        // alpha-2
  std::string_view country_name;   // English name, as Okta writes it
  std::string_view city;
  std::string_view region;
  double latitude = 0;
  double longitude = 0;
  std::uint32_t asn = 0;
  std::string as_org;
  std::string_view isp;     // Okta securityContext.isp
  std::string_view domain;  // Okta securityContext.domain
  std::string_view kind;    // reference-file kind; empty when IP intelligence does not know it
  bool anonymizing = false; // VPN exit or hosting (Okta would set isProxy for known VPN exits)
  int utc_offset_minutes = 0;
};

class IpPlan {
 public:
  // IpPlan allocates every range. Deterministic: the layout depends only on the arguments.
  IpPlan(const Catalog& catalog, double scale, std::vector<Site> company_sites,
         std::vector<Site> agency_sites);

  // Residential returns the range of residential ISP `isp` (0..ResidentialIspCount-1) in a city.
  const IpRange& Residential(std::size_t locale, std::size_t city, std::size_t isp) const;
  std::size_t ResidentialIspCount(std::size_t locale) const;
  // Mobile returns the IPv4 (or, with v6, IPv6) range of a mobile carrier of the locale.
  const IpRange& Mobile(std::size_t locale, bool v6) const;
  // Campus returns the NAT range of a university (index into Catalog::universities).
  const IpRange& Campus(std::size_t university) const;
  // Office returns the NAT range of company `company_idx`.
  IpRange Office(std::size_t company_idx) const;
  // Agency returns the NAT range of staffing agency `agency_idx`.
  IpRange Agency(std::size_t agency_idx) const;
  // VpnExit returns exit number `exit_pick` (taken modulo the count) of a VPN brand;
  // `us_only` restricts to exits in the United States (what someone posing as American picks).
  const IpRange& VpnExit(std::size_t brand, std::uint64_t exit_pick, bool us_only) const;
  // Hosting returns hosting range `pick` (modulo the count).
  const IpRange& Hosting(std::uint64_t pick) const;

  // AddressIn returns the text form of an address inside the range; `host` picks which one
  // (taken modulo the range size; network and broadcast addresses are avoided for IPv4).
  static std::string AddressIn(const IpRange& range, std::uint64_t host);

  // WriteRanges writes ip_ranges.csv. kInvalidInput when the file cannot be written.
  Status WriteRanges(const std::filesystem::path& path) const;

  // RangeCount returns how many rows WriteRanges writes.
  std::size_t RangeCount() const;

 private:
  std::uint32_t Allocate(int prefix);
  IpRange SiteRange(std::uint32_t base, int prefix, const Site& site, const Network& network) const;

  const Catalog& catalog_;
  std::uint32_t next_ = 0;
  std::vector<IpRange> fixed_;  // every range except offices and agencies
  // residential_[locale][city * isp_count + isp] -> index into fixed_
  std::vector<std::vector<std::size_t>> residential_;
  std::vector<std::size_t> residential_isps_;            // per locale
  std::vector<std::vector<std::size_t>> residential_networks_;  // per locale: indexes into catalog.residential
  std::vector<std::size_t> mobile_v4_, mobile_v6_;       // per locale -> index into fixed_
  std::vector<std::size_t> campus_;                      // per university
  std::vector<std::vector<std::size_t>> vpn_exits_;      // per brand
  std::vector<std::vector<std::size_t>> vpn_exits_us_;   // per brand, US exits only
  std::vector<std::size_t> hosting_;
  std::vector<Site> company_sites_;
  std::vector<Site> agency_sites_;
  std::uint32_t office_base_ = 0;
  std::uint32_t agency_base_ = 0;
};

// Ipv4Text renders a host-order IPv4 address as dotted decimal.
std::string Ipv4Text(std::uint32_t address);

}  // namespace crosscheck::simulate
