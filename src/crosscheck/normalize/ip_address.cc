#include "crosscheck/normalize/ip_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "crosscheck/common/strings.h"

namespace crosscheck::normalize {
namespace {

constexpr std::array<std::uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

// Longest text inet_pton may see: a full IPv6 address with an embedded IPv4 tail is 45 chars.
constexpr std::size_t kMaxAddressText = 64;

struct V4Range {
  std::uint32_t base;
  int prefix;
};

// IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates), the entries that are not
// globally reachable, plus multicast 224/4 and reserved 240/4.
constexpr V4Range kReservedV4[] = {
    {0x00000000, 8},   // 0/8 "this network"
    {0x0A000000, 8},   // 10/8 RFC 1918
    {0x64400000, 10},  // 100.64/10 CGNAT, RFC 6598
    {0x7F000000, 8},   // 127/8 loopback
    {0xA9FE0000, 16},  // 169.254/16 link-local
    {0xAC100000, 12},  // 172.16/12 RFC 1918
    {0xC0000000, 24},  // 192.0.0/24 IETF protocol assignments
    {0xC0000200, 24},  // 192.0.2/24 TEST-NET-1
    {0xC0A80000, 16},  // 192.168/16 RFC 1918
    {0xC6120000, 15},  // 198.18/15 benchmarking
    {0xC6336400, 24},  // 198.51.100/24 TEST-NET-2
    {0xCB007100, 24},  // 203.0.113/24 TEST-NET-3
    {0xE0000000, 4},   // 224/4 multicast
    {0xF0000000, 4},   // 240/4 reserved, includes broadcast
};

bool InV4Range(std::uint32_t value, const V4Range& range) {
  const std::uint32_t mask = range.prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - range.prefix);
  return (value & mask) == range.base;
}

}  // namespace

IpAddress IpAddress::FromV4(std::uint32_t value) {
  IpAddress address;
  std::copy(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), address.bytes_.begin());
  address.bytes_[12] = static_cast<std::uint8_t>(value >> 24);
  address.bytes_[13] = static_cast<std::uint8_t>(value >> 16);
  address.bytes_[14] = static_cast<std::uint8_t>(value >> 8);
  address.bytes_[15] = static_cast<std::uint8_t>(value);
  address.is_v4_ = true;
  return address;
}

IpAddress IpAddress::FromV6(const std::array<std::uint8_t, 16>& bytes) {
  IpAddress address;
  address.bytes_ = bytes;
  address.is_v4_ = std::equal(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), bytes.begin());
  return address;
}

std::uint32_t IpAddress::v4() const {
  return (std::uint32_t{bytes_[12]} << 24) | (std::uint32_t{bytes_[13]} << 16) |
         (std::uint32_t{bytes_[14]} << 8) | std::uint32_t{bytes_[15]};
}

std::uint64_t IpAddress::high64() const {
  std::uint64_t value = 0;
  for (int index = 0; index < 8; ++index) value = (value << 8) | bytes_[index];
  return value;
}

std::uint64_t IpAddress::low64() const {
  std::uint64_t value = 0;
  for (int index = 8; index < 16; ++index) value = (value << 8) | bytes_[index];
  return value;
}

std::string IpAddress::ToString() const {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (is_v4_) {
    inet_ntop(AF_INET, bytes_.data() + 12, buffer, sizeof(buffer));
  } else {
    // glibc's inet_ntop follows RFC 5952: lower case, the longest run of two or more zero
    // groups compressed (the first on ties).
    inet_ntop(AF_INET6, bytes_.data(), buffer, sizeof(buffer));
  }
  return buffer;
}

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  text = TrimAscii(text);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = TrimAscii(text.substr(1, text.size() - 2));
  }
  if (text.empty() || text.size() >= kMaxAddressText) return std::nullopt;
  char buffer[kMaxAddressText];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  if (text.find(':') == std::string_view::npos) {
    // inet_pton(AF_INET) accepts only the strict dotted quad (no octal, no short forms),
    // which is what every log and form we read writes.
    std::uint8_t bytes[4];
    if (inet_pton(AF_INET, buffer, bytes) != 1) return std::nullopt;
    return IpAddress::FromV4((std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
                             (std::uint32_t{bytes[2]} << 8) | std::uint32_t{bytes[3]});
  }
  // A zone id (RFC 6874) names an interface of the observing host, not part of the address.
  if (char* percent = std::strchr(buffer, '%')) {
    if (percent[1] == '\0') return std::nullopt;
    *percent = '\0';
  }
  std::array<std::uint8_t, 16> bytes;
  if (inet_pton(AF_INET6, buffer, bytes.data()) != 1) return std::nullopt;
  return IpAddress::FromV6(bytes);
}

IpAddress MaskToPrefix(const IpAddress& address, int prefix_length) {
  // Work on the 128-bit form; an IPv4 prefix length counts from bit 96.
  int bits = address.is_v4() ? 96 + std::clamp(prefix_length, 0, 32) : std::clamp(prefix_length, 0, 128);
  std::array<std::uint8_t, 16> bytes = address.bytes();
  for (int index = 0; index < 16; ++index) {
    const int keep = std::clamp(bits - index * 8, 0, 8);
    bytes[index] &= static_cast<std::uint8_t>(keep == 0 ? 0 : 0xff << (8 - keep));
  }
  if (address.is_v4()) {
    return IpAddress::FromV4((std::uint32_t{bytes[12]} << 24) | (std::uint32_t{bytes[13]} << 16) |
                             (std::uint32_t{bytes[14]} << 8) | std::uint32_t{bytes[15]});
  }
  return IpAddress::FromV6(bytes);
}

std::string PrefixKey(const IpAddress& address) {
  if (address.is_v4()) return MaskToPrefix(address, 24).ToString() + "/24";
  return MaskToPrefix(address, 48).ToString() + "/48";
}

bool IsPrivateOrReserved(const IpAddress& address) {
  if (address.is_v4()) {
    const std::uint32_t value = address.v4();
    return std::any_of(std::begin(kReservedV4), std::end(kReservedV4),
                       [value](const V4Range& range) { return InV4Range(value, range); });
  }
  const std::uint64_t high = address.high64();
  const std::uint64_t low = address.low64();
  if (high == 0 && (low == 0 || low == 1)) return true;      // :: and ::1
  if (high == 0x0100000000000000ULL) return true;            // 100::/64 discard, RFC 6666
  if ((high >> 57) == (0xfc00ULL >> 9)) return true;         // fc00::/7 unique local
  if ((high >> 54) == (0xfe80ULL >> 6)) return true;         // fe80::/10 link-local
  if ((high >> 56) == 0xff) return true;                     // ff00::/8 multicast
  if ((high >> 32) == 0x20010db8ULL) return true;            // 2001:db8::/32 documentation
  return false;
}

}  // namespace crosscheck::normalize
