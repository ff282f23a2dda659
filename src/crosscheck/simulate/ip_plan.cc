#include "crosscheck/simulate/ip_plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "crosscheck/common/check.h"
#include "crosscheck/common/csv_writer.h"
#include "crosscheck/simulate/random.h"

namespace crosscheck::simulate {
namespace {

struct Place {
  std::string_view country;
  std::string_view country_name;
  std::string_view city;
  std::string_view region;
  double latitude;
  double longitude;
  int utc_offset_minutes;
};

// Where commercial VPN services put exits: mostly US metros (what someone posing as an American
// chooses), plus the usual European and Asian hubs.
constexpr Place kVpnExitPlaces[] = {
    {"US", "United States", "New York", "New York", 40.7128, -74.0060, -300},
    {"US", "United States", "Los Angeles", "California", 34.0522, -118.2437, -480},
    {"US", "United States", "Dallas", "Texas", 32.7767, -96.7970, -360},
    {"US", "United States", "Chicago", "Illinois", 41.8781, -87.6298, -360},
    {"US", "United States", "Miami", "Florida", 25.7617, -80.1918, -300},
    {"US", "United States", "Seattle", "Washington", 47.6062, -122.3321, -480},
    {"US", "United States", "Ashburn", "Virginia", 39.0438, -77.4874, -300},
    {"GB", "United Kingdom", "London", "England", 51.5074, -0.1278, 0},
    {"DE", "Germany", "Frankfurt am Main", "Hesse", 50.1109, 8.6821, 60},
    {"NL", "Netherlands", "Amsterdam", "North Holland", 52.3676, 4.9041, 60},
    {"JP", "Japan", "Tokyo", "Tokyo", 35.6762, 139.6503, 540},
    {"SG", "Singapore", "Singapore", "Singapore", 1.3521, 103.8198, 480},
    {"HK", "Hong Kong", "Hong Kong", "Hong Kong", 22.3193, 114.1694, 480},
    {"CA", "Canada", "Toronto", "Ontario", 43.6532, -79.3832, -300},
};

// Data-centre cities of the plain hosting providers (catalog.hosting entries 0..6).
constexpr Place kHostingPlaces[] = {
    {"US", "United States", "Ashburn", "Virginia", 39.0438, -77.4874, -300},
    {"US", "United States", "North Bergen", "New Jersey", 40.8043, -74.0121, -300},
    {"DE", "Germany", "Falkenstein", "Saxony", 50.4779, 12.3713, 60},
    {"FR", "France", "Roubaix", "Hauts-de-France", 50.6942, 3.1746, 60},
    {"US", "United States", "Piscataway", "New Jersey", 40.4993, -74.3990, -300},
    {"US", "United States", "Newark", "New Jersey", 40.7357, -74.1724, -300},
    {"US", "United States", "The Dalles", "Oregon", 45.5946, -121.1787, -480},
};

// Okta writes full state and province names; the catalog keeps postal abbreviations.
std::string_view FullRegionName(std::string_view country, std::string_view region) {
  static constexpr std::pair<std::string_view, std::string_view> kUs[] = {
      {"NY", "New York"},  {"CA", "California"},  {"TX", "Texas"},          {"WA", "Washington"},
      {"IL", "Illinois"},  {"MA", "Massachusetts"}, {"GA", "Georgia"},      {"CO", "Colorado"},
      {"FL", "Florida"},   {"AZ", "Arizona"},     {"NC", "North Carolina"}, {"TN", "Tennessee"},
      {"OR", "Oregon"},    {"MN", "Minnesota"},   {"OH", "Ohio"},           {"PA", "Pennsylvania"},
      {"UT", "Utah"},      {"VA", "Virginia"}};
  static constexpr std::pair<std::string_view, std::string_view> kCa[] = {
      {"ON", "Ontario"}, {"BC", "British Columbia"}, {"QC", "Quebec"}, {"AB", "Alberta"}};
  if (country == "US") {
    for (const auto& [abbrev, name] : kUs) {
      if (abbrev == region) return name;
    }
  } else if (country == "CA") {
    for (const auto& [abbrev, name] : kCa) {
      if (abbrev == region) return name;
    }
  }
  return region;
}

// Ranges IANA reserves; allocation skips them so every address looks public.
constexpr std::pair<std::uint32_t, std::uint32_t> kReserved[] = {
    {0x0A000000u, 0x0AFFFFFFu},  // 10/8
    {0x64400000u, 0x647FFFFFu},  // 100.64/10
    {0x7F000000u, 0x7FFFFFFFu},  // 127/8
    {0xA9FE0000u, 0xA9FEFFFFu},  // 169.254/16
    {0xAC100000u, 0xAC1FFFFFu},  // 172.16/12
    {0xC0000000u, 0xC00000FFu},  // 192.0.0/24
    {0xC0000200u, 0xC00002FFu},  // 192.0.2/24
    {0xC0A80000u, 0xC0A8FFFFu},  // 192.168/16
    {0xC6120000u, 0xC613FFFFu},  // 198.18/15
    {0xC6336400u, 0xC63364FFu},  // 198.51.100/24
    {0xCB007100u, 0xCB0071FFu},  // 203.0.113/24
};

constexpr int kChunkPrefix = 16;
constexpr std::size_t kSitesPerChunk = 1u << (32 - kChunkPrefix - 4);  // /28 per site

}  // namespace

std::string Ipv4Text(std::uint32_t address) {
  char text[16];
  std::snprintf(text, sizeof text, "%u.%u.%u.%u", address >> 24, (address >> 16) & 0xFF,
                (address >> 8) & 0xFF, address & 0xFF);
  return text;
}

std::uint32_t IpPlan::Allocate(int prefix) {
  const std::uint64_t size = 1ULL << (32 - prefix);
  for (;;) {
    std::uint64_t base = (static_cast<std::uint64_t>(next_) + size - 1) / size * size;
    CC_CHECK(base + size <= 0xE0000000ULL) << "simulated world needs more IPv4 space than exists";
    bool clash = false;
    for (const auto& [low, high] : kReserved) {
      if (base <= high && base + size - 1 >= low) {
        next_ = high + 1;
        clash = true;
        break;
      }
    }
    if (clash) continue;
    next_ = static_cast<std::uint32_t>(base + size);
    return static_cast<std::uint32_t>(base);
  }
}

IpPlan::IpPlan(const Catalog& catalog, double scale, std::vector<Site> company_sites,
               std::vector<Site> agency_sites)
    : catalog_(catalog),
      next_(0x17000000u),  // 23.0.0.0
      company_sites_(std::move(company_sites)),
      agency_sites_(std::move(agency_sites)) {
  // Bigger worlds get bigger residential and mobile blocks so that unrelated households do not
  // collide on addresses more than carrier-grade NAT makes them collide in reality.
  const int extra_bits = std::clamp(static_cast<int>(std::ceil(std::log2(std::max(1.0, scale)))), 0, 6);
  const int residential_prefix = 19 - extra_bits;
  const int mobile_prefix = 16 - extra_bits;
  const std::size_t locale_count = catalog.locales.size();
  residential_.resize(locale_count);
  residential_isps_.resize(locale_count);
  residential_networks_.resize(locale_count);
  mobile_v4_.assign(locale_count, 0);
  mobile_v6_.assign(locale_count, 0);
  for (std::size_t locale_idx = 0; locale_idx < locale_count; ++locale_idx) {
    const Locale& locale = catalog.locales[locale_idx];
    for (std::size_t net_idx = 0; net_idx < catalog.residential.size(); ++net_idx) {
      if (catalog.residential[net_idx].country == locale.code) {
        residential_networks_[locale_idx].push_back(net_idx);
      }
    }
    CC_CHECK(!residential_networks_[locale_idx].empty()) << "no ISP for " << locale.code;
    residential_isps_[locale_idx] = residential_networks_[locale_idx].size();
    for (std::size_t city_idx = 0; city_idx < locale.cities.size(); ++city_idx) {
      for (std::size_t isp_idx = 0; isp_idx < residential_isps_[locale_idx]; ++isp_idx) {
        const Network& network = catalog.residential[residential_networks_[locale_idx][isp_idx]];
        const Site site{static_cast<std::uint16_t>(locale_idx), static_cast<std::uint16_t>(city_idx)};
        IpRange range = SiteRange(Allocate(residential_prefix), residential_prefix, site, network);
        // Smaller regional ISPs are often missing from IP-intelligence feeds: leave them unknown.
        if (isp_idx == 2) range.kind = "";
        residential_[locale_idx].push_back(fixed_.size());
        fixed_.push_back(range);
      }
    }
    for (std::size_t net_idx = 0; net_idx < catalog.mobile.size(); ++net_idx) {
      const Network& network = catalog.mobile[net_idx];
      if (network.country != locale.code) continue;
      const Site site{static_cast<std::uint16_t>(locale_idx), 0};
      IpRange range = SiteRange(Allocate(mobile_prefix), mobile_prefix, site, network);
      // Carrier-grade NAT pools geolocate to the country, not a city.
      range.city = "";
      range.region = "";
      mobile_v4_[locale_idx] = fixed_.size();
      fixed_.push_back(range);
      IpRange v6 = range;
      v6.v6 = true;
      v6.base = 0;
      v6.prefix = 32;
      v6.v6_high = 0x2A010000u + static_cast<std::uint32_t>(locale_idx) * 0x10u + 0x0Bu;
      mobile_v6_[locale_idx] = fixed_.size();
      fixed_.push_back(v6);
    }
  }
  campus_.resize(catalog.universities.size());
  for (std::size_t uni_idx = 0; uni_idx < catalog.universities.size(); ++uni_idx) {
    const University& uni = catalog.universities[uni_idx];
    const std::size_t locale_idx = catalog.LocaleIndex(uni.country);
    std::size_t city_idx = 0;
    const Locale& locale = catalog.locales[locale_idx];
    for (std::size_t idx = 0; idx < locale.cities.size(); ++idx) {
      if (locale.cities[idx].name == uni.city) city_idx = idx;
    }
    Network network{uni.country, 0, "", "", uni.domain, "business"};
    IpRange range = SiteRange(Allocate(22), 22, Site{static_cast<std::uint16_t>(locale_idx),
                                                      static_cast<std::uint16_t>(city_idx)},
                              network);
    range.asn = 396100 + static_cast<std::uint32_t>(uni_idx);
    range.as_org = std::string(uni.name);
    range.isp = uni.name;
    campus_[uni_idx] = fixed_.size();
    fixed_.push_back(range);
  }
  for (std::size_t host_idx = 0; host_idx < std::size(kHostingPlaces); ++host_idx) {
    const Network& network = catalog.hosting[host_idx];
    const Place& place = kHostingPlaces[host_idx];
    IpRange range;
    range.base = Allocate(16);
    range.prefix = 16;
    range.country = place.country;
    range.country_name = place.country_name;
    range.city = place.city;
    range.region = place.region;
    range.latitude = place.latitude;
    range.longitude = place.longitude;
    range.utc_offset_minutes = place.utc_offset_minutes;
    range.asn = network.asn;
    range.as_org = std::string(network.as_org);
    range.isp = network.isp;
    range.domain = network.domain;
    range.kind = "hosting";
    range.anonymizing = true;
    hosting_.push_back(fixed_.size());
    fixed_.push_back(range);
  }
  vpn_exits_.resize(catalog.vpn_brands.size());
  vpn_exits_us_.resize(catalog.vpn_brands.size());
  for (std::size_t brand_idx = 0; brand_idx < catalog.vpn_brands.size(); ++brand_idx) {
    const VpnBrand& brand = catalog.vpn_brands[brand_idx];
    for (std::size_t place_idx = 0; place_idx < std::size(kVpnExitPlaces); ++place_idx) {
      const Place& place = kVpnExitPlaces[place_idx];
      const Network& network = catalog.hosting[brand.networks[(place_idx + brand_idx) % brand.networks.size()]];
      IpRange range;
      range.base = Allocate(24);
      range.prefix = 24;
      range.country = place.country;
      range.country_name = place.country_name;
      range.city = place.city;
      range.region = place.region;
      range.latitude = place.latitude;
      range.longitude = place.longitude;
      range.utc_offset_minutes = place.utc_offset_minutes;
      range.asn = network.asn;
      range.as_org = std::string(network.as_org);
      range.isp = network.isp;
      range.domain = network.domain;
      range.kind = brand.labelled ? "vpn" : "hosting";
      range.anonymizing = true;
      if (place.country == "US") vpn_exits_us_[brand_idx].push_back(fixed_.size());
      vpn_exits_[brand_idx].push_back(fixed_.size());
      fixed_.push_back(range);
    }
  }
  // Offices and agencies: one /28 each, packed into /16 chunks allocated last.
  const std::size_t office_chunks = (company_sites_.size() + kSitesPerChunk - 1) / kSitesPerChunk;
  // Office() and Agency() compute addresses arithmetically, so the chunks must be contiguous.
  office_base_ = Allocate(kChunkPrefix);
  for (std::size_t chunk = 1; chunk < office_chunks; ++chunk) {
    CC_CHECK(Allocate(kChunkPrefix) == office_base_ + (chunk << (32 - kChunkPrefix)))
        << "office chunks not contiguous";
  }
  agency_base_ = Allocate(kChunkPrefix);
  const std::size_t agency_chunks = (agency_sites_.size() + kSitesPerChunk - 1) / kSitesPerChunk;
  for (std::size_t chunk = 1; chunk < agency_chunks; ++chunk) {
    CC_CHECK(Allocate(kChunkPrefix) == agency_base_ + (chunk << (32 - kChunkPrefix)))
        << "agency chunks not contiguous";
  }
}

IpRange IpPlan::SiteRange(std::uint32_t base, int prefix, const Site& site,
                          const Network& network) const {
  const Locale& locale = catalog_.locales[site.locale];
  const City& city = locale.cities[site.city];
  IpRange range;
  range.base = base;
  range.prefix = prefix;
  range.country = locale.code;
  range.country_name = locale.country_name;
  range.city = city.name;
  range.region = FullRegionName(locale.code, city.region);
  range.latitude = city.latitude;
  range.longitude = city.longitude;
  range.utc_offset_minutes = city.utc_offset_minutes;
  range.asn = network.asn;
  range.as_org = std::string(network.as_org);
  range.isp = network.isp;
  range.domain = network.domain;
  range.kind = network.kind;
  return range;
}

const IpRange& IpPlan::Residential(std::size_t locale, std::size_t city, std::size_t isp) const {
  const std::size_t isps = residential_isps_[locale];
  return fixed_[residential_[locale][city * isps + isp % isps]];
}

std::size_t IpPlan::ResidentialIspCount(std::size_t locale) const { return residential_isps_[locale]; }

const IpRange& IpPlan::Mobile(std::size_t locale, bool v6) const {
  return fixed_[v6 ? mobile_v6_[locale] : mobile_v4_[locale]];
}

const IpRange& IpPlan::Campus(std::size_t university) const { return fixed_[campus_[university]]; }

IpRange IpPlan::Office(std::size_t company_idx) const {
  const Site& site = company_sites_[company_idx];
  const std::uint32_t chunk = static_cast<std::uint32_t>(company_idx / kSitesPerChunk);
  const std::uint32_t slot = static_cast<std::uint32_t>(company_idx % kSitesPerChunk);
  const std::uint32_t base = office_base_ + (chunk << (32 - kChunkPrefix)) + slot * 16;
  std::size_t net_idx = 0;
  for (std::size_t idx = 0; idx < catalog_.business.size(); ++idx) {
    if (catalog_.business[idx].country == catalog_.locales[site.locale].code) {
      net_idx = idx;
      if ((company_idx + idx) % 3 == 0) break;
    }
  }
  return SiteRange(base, 28, site, catalog_.business[net_idx]);
}

IpRange IpPlan::Agency(std::size_t agency_idx) const {
  const Site& site = agency_sites_[agency_idx];
  const std::uint32_t chunk = static_cast<std::uint32_t>(agency_idx / kSitesPerChunk);
  const std::uint32_t slot = static_cast<std::uint32_t>(agency_idx % kSitesPerChunk);
  const std::uint32_t base = agency_base_ + (chunk << (32 - kChunkPrefix)) + slot * 16;
  std::size_t net_idx = 0;
  for (std::size_t idx = 0; idx < catalog_.business.size(); ++idx) {
    if (catalog_.business[idx].country == catalog_.locales[site.locale].code) {
      net_idx = idx;
      break;
    }
  }
  return SiteRange(base, 28, site, catalog_.business[net_idx]);
}

const IpRange& IpPlan::VpnExit(std::size_t brand, std::uint64_t exit_pick, bool us_only) const {
  const auto& exits = us_only ? vpn_exits_us_[brand] : vpn_exits_[brand];
  return fixed_[exits[exit_pick % exits.size()]];
}

const IpRange& IpPlan::Hosting(std::uint64_t pick) const { return fixed_[hosting_[pick % hosting_.size()]]; }

std::string IpPlan::AddressIn(const IpRange& range, std::uint64_t host) {
  if (range.v6) {
    char text[64];
    const std::uint64_t bits = MixBits(host);
    std::snprintf(text, sizeof text, "%x:%x:%x:%x:%x:%x:%x:%x", range.v6_high >> 16,
                  range.v6_high & 0xFFFF, static_cast<unsigned>((host >> 16) & 0xFFFF),
                  static_cast<unsigned>(host & 0xFFFF), static_cast<unsigned>(bits >> 48),
                  static_cast<unsigned>((bits >> 32) & 0xFFFF),
                  static_cast<unsigned>((bits >> 16) & 0xFFFF), static_cast<unsigned>(bits & 0xFFFF));
    return text;
  }
  const std::uint64_t size = 1ULL << (32 - range.prefix);
  const std::uint64_t usable = size > 4 ? size - 2 : size;
  const std::uint64_t offset = size > 4 ? 1 + host % usable : host % size;
  return Ipv4Text(range.base + static_cast<std::uint32_t>(offset));
}

std::size_t IpPlan::RangeCount() const {
  return fixed_.size() + company_sites_.size() + agency_sites_.size();
}

Status IpPlan::WriteRanges(const std::filesystem::path& path) const {
  CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(path, CellPolicy::kVerbatim));
  writer.WriteRow({"cidr", "country", "asn", "as_org", "kind"});
  auto write = [&writer](const IpRange& range) {
    std::string cidr;
    if (range.v6) {
      char text[32];
      std::snprintf(text, sizeof text, "%x:%x::/32", range.v6_high >> 16, range.v6_high & 0xFFFF);
      cidr = text;
    } else {
      cidr = Ipv4Text(range.base) + "/" + std::to_string(range.prefix);
    }
    writer.WriteRow({cidr, std::string(range.country), std::to_string(range.asn), range.as_org,
                     std::string(range.kind)});
  };
  for (const IpRange& range : fixed_) write(range);
  for (std::size_t idx = 0; idx < company_sites_.size(); ++idx) write(Office(idx));
  for (std::size_t idx = 0; idx < agency_sites_.size(); ++idx) write(Agency(idx));
  return writer.Close();
}

}  // namespace crosscheck::simulate
