#include "crosscheck/normalize/ip_range_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace crosscheck::normalize {
namespace {

IpRangeRow Row(std::int64_t line, const char* cidr, const char* kind, const char* asn = "",
               const char* country = "") {
  return {.line = line, .cidr = cidr, .country = country, .asn = asn, .as_org = "", .kind = kind};
}

TEST(IpRangeTable, LongestPrefixWinsForNestedRanges) {
  IssueLog issues;
  const IpRangeTable table = IpRangeTable::Build(
      {
          Row(2, "10.0.0.0/8", "business", "64500", "US"),
          Row(3, "10.1.0.0/16", "hosting", "AS64501"),
          Row(4, "10.1.2.0/24", "vpn", "as64502"),
          Row(5, "10.1.2.128/25", "tor"),
          Row(6, "10.1.2.200/32", "proxy"),
          Row(7, "10.1.3.0/24", "residential"),  // sibling of the /24 above
          Row(8, "0.0.0.0/0", "mobile"),         // default route: everything else
          Row(9, "2001:db8::/32", "hosting", "", "de"),
          Row(10, "2001:db8:1::/48", "vpn"),
          Row(11, "2001:db8:1::1", "tor"),       // bare address = /128
          Row(12, "::ffff:192.0.2.0/120", "proxy"),  // IPv4 range in IPv6 notation
      },
      "ranges.csv", issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(table.size(), 11u);
  struct Case {
    const char* address;
    IpKind kind;
    int asn;  // -1 = none
  };
  const Case cases[] = {
      {"10.0.0.1", IpKind::kBusiness, 64500},     {"10.255.255.255", IpKind::kBusiness, 64500},
      {"10.1.0.0", IpKind::kHosting, 64501},      {"10.1.2.0", IpKind::kVpn, 64502},
      {"10.1.2.127", IpKind::kVpn, 64502},        {"10.1.2.128", IpKind::kTor, -1},
      {"10.1.2.199", IpKind::kTor, -1},           {"10.1.2.200", IpKind::kProxy, -1},
      {"10.1.2.201", IpKind::kTor, -1},           {"10.1.2.255", IpKind::kTor, -1},
      {"10.1.3.7", IpKind::kResidential, -1},     {"10.1.4.0", IpKind::kHosting, 64501},
      {"11.0.0.0", IpKind::kMobile, -1},          {"0.0.0.0", IpKind::kMobile, -1},
      {"255.255.255.255", IpKind::kMobile, -1},   {"9.255.255.255", IpKind::kMobile, -1},
      {"192.0.2.9", IpKind::kProxy, -1},          {"2001:db8::5", IpKind::kHosting, -1},
      {"2001:db8:1::1", IpKind::kTor, -1},        {"2001:db8:1::2", IpKind::kVpn, -1},
      {"2001:db8:2::1", IpKind::kHosting, -1},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.address);
    const std::optional<IpInfo> info = table.Lookup(*ParseIpAddress(test.address));
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->kind, test.kind);
    EXPECT_EQ(info->asn.has_value() ? static_cast<int>(*info->asn) : -1, test.asn);
    EXPECT_EQ(info->source, "ranges.csv");
  }
  EXPECT_FALSE(table.Lookup(*ParseIpAddress("2002::1")).has_value());
  EXPECT_FALSE(table.Lookup(*ParseIpAddress("::1")).has_value());
  EXPECT_EQ(table.Lookup(*ParseIpAddress("2001:db8::5"))->country, "DE");
  EXPECT_TRUE(table.Lookup(*ParseIpAddress("10.1.2.0"))->is_anonymous);
  EXPECT_FALSE(table.Lookup(*ParseIpAddress("10.1.3.0"))->is_anonymous);
}

TEST(IpRangeTable, ReportsAndSkipsBadRows) {
  struct Case {
    IpRangeRow row;
    const char* code;
    bool kept;
  };
  const Case cases[] = {
      {Row(2, "10.0.0.0/33", ""), "BAD_CIDR", false},
      {Row(3, "10.0.0/8", ""), "BAD_CIDR", false},
      {Row(4, "not-a-cidr", ""), "BAD_CIDR", false},
      {Row(5, "2001:db8::/129", ""), "BAD_CIDR", false},
      {Row(6, "10.0.0.0/", ""), "BAD_CIDR", false},
      {Row(7, "10.0.0.0/8", "", "AS-FOO"), "BAD_ASN", false},
      {Row(8, "10.0.0.0/8", "", "99999999999"), "BAD_ASN", false},
      {Row(9, "10.0.0.0/8", "datacenter"), "UNKNOWN_IP_KIND", false},
      {Row(10, "10.0.0.0/8", "VPN", "", "United Kingdom"), "BAD_COUNTRY", true},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.row.cidr + " " + test.row.kind);
    IssueLog issues;
    const IpRangeTable table = IpRangeTable::Build({test.row}, "ranges.csv", issues);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues.issues()[0].code, test.code);
    EXPECT_EQ(issues.issues()[0].line, test.row.line);
    EXPECT_EQ(issues.issues()[0].file, "ranges.csv");
    EXPECT_EQ(table.size(), test.kept ? 1u : 0u);
  }
}

TEST(IpRangeTable, DuplicateCidrKeepsFirstRow) {
  IssueLog issues;
  const IpRangeTable table = IpRangeTable::Build(
      {Row(2, "81.2.69.0/24", "vpn"), Row(3, "81.2.69.7/24", "residential")}, "r.csv", issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues.issues()[0].code, "DUPLICATE_CIDR");
  EXPECT_EQ(table.Lookup(*ParseIpAddress("81.2.69.142"))->kind, IpKind::kVpn);
}

TEST(IpRangeTable, EmptyTableFindsNothing) {
  IpRangeTable table;
  EXPECT_EQ(table.Find(*ParseIpAddress("1.2.3.4")), nullptr);
  EXPECT_EQ(table.Find(*ParseIpAddress("::1")), nullptr);
}

// Random nested and overlapping-by-containment CIDRs against a linear scan, the obviously
// correct longest-prefix match.
TEST(IpRangeTable, AgreesWithLinearScanOnRandomRanges) {
  std::mt19937 random(20240611);
  struct Block {
    std::uint32_t base;
    int prefix;
  };
  std::vector<Block> blocks;
  std::vector<IpRangeRow> rows;
  const char* kinds[] = {"vpn", "hosting", "residential", "tor", "proxy", "mobile", "business"};
  for (int index = 0; index < 400; ++index) {
    // Cluster the bases in 10.0.0.0/12 so that blocks nest often.
    const int prefix = 8 + static_cast<int>(random() % 25);
    const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
    const std::uint32_t base = (0x0A000000u | (random() & 0x000FFFFFu)) & mask;
    blocks.push_back({base, prefix});
    const IpAddress address = IpAddress::FromV4(base);
    rows.push_back({.line = index + 2, .cidr = address.ToString() + "/" + std::to_string(prefix),
                    .country = "", .asn = std::to_string(index), .as_org = "",
                    .kind = kinds[index % 7]});
  }
  IssueLog issues;
  const IpRangeTable table = IpRangeTable::Build(rows, "random.csv", issues);
  for (int probe = 0; probe < 5000; ++probe) {
    const std::uint32_t value = 0x09F00000u + (random() % 0x00300000u);
    int best = -1;
    int best_prefix = -1;
    std::vector<std::pair<std::uint32_t, int>> seen;
    for (std::size_t index = 0; index < blocks.size(); ++index) {
      const Block& block = blocks[index];
      // Duplicates are skipped by Build (first wins), so skip them here too.
      if (std::find(seen.begin(), seen.end(), std::pair{block.base, block.prefix}) != seen.end()) continue;
      seen.emplace_back(block.base, block.prefix);
      const std::uint32_t mask = ~std::uint32_t{0} << (32 - block.prefix);
      if ((value & mask) == block.base && block.prefix > best_prefix) {
        best = static_cast<int>(index);
        best_prefix = block.prefix;
      }
    }
    const IpInfo* found = table.Find(IpAddress::FromV4(value));
    SCOPED_TRACE(IpAddress::FromV4(value).ToString());
    if (best < 0) {
      EXPECT_EQ(found, nullptr);
    } else {
      ASSERT_NE(found, nullptr);
      EXPECT_EQ(found->asn, static_cast<std::uint32_t>(best));
    }
  }
}

TEST(ParseIpKind, KnowsContractWords) {
  struct Case {
    const char* text;
    std::optional<IpKind> kind;
  };
  const Case cases[] = {
      {"", IpKind::kUnknown},     {"residential", IpKind::kResidential},
      {"Mobile", IpKind::kMobile}, {" business ", IpKind::kBusiness},
      {"HOSTING", IpKind::kHosting}, {"vpn", IpKind::kVpn},
      {"proxy", IpKind::kProxy},  {"tor", IpKind::kTor},
      {"datacenter", std::nullopt}, {"vpn;tor", std::nullopt},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.text);
    EXPECT_EQ(ParseIpKind(test.text), test.kind);
    if (test.kind && *test.kind != IpKind::kUnknown) {
      EXPECT_EQ(ParseIpKind(IpKindName(*test.kind)), test.kind);
    }
  }
}

}  // namespace
}  // namespace crosscheck::normalize
