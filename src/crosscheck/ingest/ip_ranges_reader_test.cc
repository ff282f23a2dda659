#include "crosscheck/ingest/ip_ranges_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crosscheck/ingest/internal/test_files.h"

namespace crosscheck::ingest {
namespace {

TEST(IpRangesReader, ReadsRowsAsText) {
  internal::TestDir dir;
  IssueLog issues;
  auto ranges = ReadIpRanges(dir.Write("ranges.csv",
                                       "cidr,country,asn,as_org,kind\n"
                                       "81.2.69.0/24,GB,AS20712,\"Andrews & Arnold, Ltd\",vpn\n"
                                       ",KP,131279,Ryugyong-dong,hosting\n"
                                       "2001:db8::/32,,,,\n"
                                       "not-a-cidr,XX,x,y,z\n"),
                             ReadOptions{}, issues);
  ASSERT_TRUE(ranges.has_value()) << ranges.error().ToString();
  ASSERT_EQ(ranges->size(), 3u);
  const IpRangeRow& first = (*ranges)[0];
  EXPECT_EQ(first.line, 2);
  EXPECT_EQ(first.cidr, "81.2.69.0/24");
  EXPECT_EQ(first.country, "GB");
  EXPECT_EQ(first.asn, "AS20712");
  EXPECT_EQ(first.as_org, "Andrews & Arnold, Ltd");
  EXPECT_EQ(first.kind, "vpn");
  EXPECT_EQ((*ranges)[1].cidr, "2001:db8::/32");
  EXPECT_EQ((*ranges)[1].kind, "");
  // Validation of the values is normalize's job: the reader keeps them as given.
  EXPECT_EQ((*ranges)[2].cidr, "not-a-cidr");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues.issues()[0].code, "MISSING_REQUIRED_FIELD");
  EXPECT_EQ(issues.issues()[0].line, 3);
}

TEST(IpRangesReader, OnlyCidrIsRequired) {
  internal::TestDir dir;
  IssueLog issues;
  auto ranges = ReadIpRanges(dir.Write("r.csv", "CIDR\n10.0.0.0/8\n"), ReadOptions{}, issues);
  ASSERT_TRUE(ranges.has_value());
  ASSERT_EQ(ranges->size(), 1u);
  EXPECT_EQ((*ranges)[0].cidr, "10.0.0.0/8");
  EXPECT_EQ((*ranges)[0].country, "");

  auto missing =
      ReadIpRanges(dir.Write("m.csv", "network,country\n10.0.0.0/8,US\n"), ReadOptions{}, issues);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(missing.error().message().find("cidr"), std::string::npos);
}

}  // namespace
}  // namespace crosscheck::ingest
