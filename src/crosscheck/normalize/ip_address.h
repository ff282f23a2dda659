// IpAddress: an IPv4 or IPv6 address parsed from text, in a form that compares, hashes and
// prints canonically. IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) are IPv4 addresses here, so
// the same host seen in both notations is one value.
//
//   std::optional<IpAddress> ip = ParseIpAddress(" [2001:DB8::1] ");
//   ip->ToString();   // "2001:db8::1"
//   PrefixKey(*ip);   // "2001:db8::/48"
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crosscheck::normalize {

// IpAddress holds 16 bytes in network order; an IPv4 address is stored IPv4-mapped
// (::ffff:a.b.c.d) with is_v4() true. Cheap to copy; totally ordered (v4 before v6).
class IpAddress {
 public:
  IpAddress() = default;

  // FromV4 builds an IPv4 address from its host-order 32-bit value (0x51024592 = 81.2.69.146).
  static IpAddress FromV4(std::uint32_t value);
  // FromV6 builds an address from 16 network-order bytes; IPv4-mapped bytes give an IPv4 address.
  static IpAddress FromV6(const std::array<std::uint8_t, 16>& bytes);

  bool is_v4() const { return is_v4_; }
  // v4 returns the host-order IPv4 value; meaningful only when is_v4().
  std::uint32_t v4() const;
  // bytes returns the 16 network-order bytes (IPv4-mapped for IPv4).
  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
  // high64 / low64 return the 128-bit value as two host-order halves.
  std::uint64_t high64() const;
  std::uint64_t low64() const;

  // ToString renders the canonical text: dotted quad for IPv4, RFC 5952 for IPv6
  // (lower case, longest zero run compressed).
  std::string ToString() const;

  friend auto operator<=>(const IpAddress& left, const IpAddress& right) {
    if (left.is_v4_ != right.is_v4_) return right.is_v4_ <=> left.is_v4_;  // v4 first
    return left.bytes_ <=> right.bytes_;
  }
  friend bool operator==(const IpAddress&, const IpAddress&) = default;

 private:
  std::array<std::uint8_t, 16> bytes_{};
  bool is_v4_ = false;
};

// ParseIpAddress parses IPv4 dotted quads (no leading zeros, exactly 4 parts) and IPv6 in any
// RFC 4291 text form (compressed, embedded IPv4). Surrounding ASCII whitespace and one pair of
// brackets ("[::1]") are ignored; a zone id ("fe80::1%eth0") is stripped. nullopt for anything
// else, including host names, ports and CIDR suffixes.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

// PrefixKey returns the network an address most likely shares with its neighbours: the /24
// for IPv4 ("81.2.69.0/24") and the /48 for IPv6 ("2001:db8:1::/48", a typical site
// allocation).
std::string PrefixKey(const IpAddress& address);

// MaskToPrefix zeroes every bit after the first prefix_length bits (0..32 for IPv4, 0..128
// for IPv6; larger values are clamped).
IpAddress MaskToPrefix(const IpAddress& address, int prefix_length);

// IsPrivateOrReserved says whether the address is not a public unicast address: RFC 1918,
// loopback, link-local, CGNAT 100.64.0.0/10, "this network", multicast, reserved 240/4,
// benchmarking 198.18/15, documentation (192.0.2/24, 198.51.100/24, 203.0.113/24,
// 2001:db8::/32), ULA fc00::/7, unspecified ::, discard 100::/64. Such an address says nothing
// about where a person is.
bool IsPrivateOrReserved(const IpAddress& address);

}  // namespace crosscheck::normalize
