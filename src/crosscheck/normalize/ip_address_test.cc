#include "crosscheck/normalize/ip_address.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace crosscheck::normalize {
namespace {

TEST(ParseIpAddress, AcceptsAndCanonicalisesRealForms) {
  struct Case {
    const char* input;
    const char* canonical;
    bool is_v4;
    const char* prefix_key;
  };
  const Case cases[] = {
      {"81.2.69.142", "81.2.69.142", true, "81.2.69.0/24"},
      {"  12.81.92.1\t", "12.81.92.1", true, "12.81.92.0/24"},
      {"0.0.0.0", "0.0.0.0", true, "0.0.0.0/24"},
      {"255.255.255.255", "255.255.255.255", true, "255.255.255.0/24"},
      {"2001:DB8::1", "2001:db8::1", false, "2001:db8::/48"},
      {"[2001:db8:0:0:1:0:0:1]", "2001:db8::1:0:0:1", false, "2001:db8::/48"},
      {"2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8:85a3::8a2e:370:7334", false,
       "2001:db8:85a3::/48"},
      {"::1", "::1", false, "::/48"},
      {"::", "::", false, "::/48"},
      {"::ffff:81.2.69.142", "81.2.69.142", true, "81.2.69.0/24"},  // IPv4-mapped
      {"::FFFF:5102:458e", "81.2.69.142", true, "81.2.69.0/24"},    // same, hex tail
      {"fe80::1%eth0", "fe80::1", false, "fe80::/48"},              // zone id stripped
      {"[fe80::abcd%25en0]", "fe80::abcd", false, "fe80::/48"},
      {"2a02:ff80::1", "2a02:ff80::1", false, "2a02:ff80::/48"},
      {"2001:218:85a3:1:2:3:4:5", "2001:218:85a3:1:2:3:4:5", false, "2001:218:85a3::/48"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.input);
    const std::optional<IpAddress> address = ParseIpAddress(test.input);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->ToString(), test.canonical);
    EXPECT_EQ(address->is_v4(), test.is_v4);
    EXPECT_EQ(PrefixKey(*address), test.prefix_key);
    // The canonical form parses back to the same value.
    EXPECT_EQ(ParseIpAddress(address->ToString()), address);
  }
}

TEST(ParseIpAddress, RejectsWhatIsNotAnAddress) {
  const char* cases[] = {
      "", "   ", "null", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
      "1.2.3.4/24", "1.2.3.4:80", "[1.2.3.4", "2001:db8::1::2", "2001:db8:::1", "gggg::1",
      "1:2:3:4:5:6:7:8:9", "fe80::1%", "[::1]:443", "-1.2.3.4",
  };
  for (const char* input : cases) {
    SCOPED_TRACE(input);
    EXPECT_FALSE(ParseIpAddress(input).has_value());
  }
}

TEST(IpAddress, OrdersV4BeforeV6AndByValue) {
  std::set<IpAddress> addresses;
  for (const char* text : {"2001:db8::1", "10.0.0.2", "10.0.0.1", "::1", "9.255.255.255"}) {
    addresses.insert(*ParseIpAddress(text));
  }
  std::string order;
  for (const IpAddress& address : addresses) order += address.ToString() + " ";
  EXPECT_EQ(order, "9.255.255.255 10.0.0.1 10.0.0.2 ::1 2001:db8::1 ");
}

TEST(MaskToPrefix, ClearsHostBits) {
  struct Case {
    const char* input;
    int prefix;
    const char* expected;
  };
  const Case cases[] = {
      {"81.2.69.142", 24, "81.2.69.0"}, {"81.2.69.142", 0, "0.0.0.0"},
      {"81.2.69.142", 32, "81.2.69.142"}, {"81.2.69.142", 17, "81.2.0.0"},
      {"2001:db8:abcd:12::1", 48, "2001:db8:abcd::"}, {"2001:db8:abcd:12::1", 128, "2001:db8:abcd:12::1"},
      {"2001:db8:abcd:12::1", 33, "2001:db8:8000::"}, {"2001:db8:7bcd::1", 33, "2001:db8::"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(std::string(test.input) + "/" + std::to_string(test.prefix));
    EXPECT_EQ(MaskToPrefix(*ParseIpAddress(test.input), test.prefix).ToString(), test.expected);
  }
}

TEST(IsPrivateOrReserved, KnowsSpecialPurposeRanges) {
  struct Case {
    const char* input;
    bool reserved;
  };
  const Case cases[] = {
      {"10.1.2.3", true},        {"172.16.0.1", true},      {"172.31.255.255", true},
      {"172.32.0.1", false},     {"192.168.1.1", true},     {"127.0.0.1", true},
      {"169.254.10.10", true},   {"100.64.0.1", true},      {"100.127.255.255", true},
      {"100.128.0.1", false},    {"192.0.2.5", true},       {"198.51.100.7", true},
      {"203.0.113.9", true},     {"224.0.0.251", true},     {"255.255.255.255", true},
      {"0.1.2.3", true},         {"198.18.0.1", true},      {"81.2.69.142", false},
      {"8.8.8.8", false},        {"::1", true},             {"::", true},
      {"fd12:3456::1", true},    {"fc00::1", true},         {"fe80::1", true},
      {"ff02::1", true},         {"2001:db8::1", true},     {"2001:4860:4860::8888", false},
      {"2a02:ff80::1", false},   {"::ffff:10.0.0.1", true}, {"::ffff:8.8.8.8", false},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.input);
    EXPECT_EQ(IsPrivateOrReserved(*ParseIpAddress(test.input)), test.reserved);
  }
}

}  // namespace
}  // namespace crosscheck::normalize
