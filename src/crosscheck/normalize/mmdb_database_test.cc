#include "crosscheck/normalize/mmdb_database.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "crosscheck/normalize/ip_intel.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::normalize {
namespace {

std::string MmdbPath(const std::string& name) {
  return std::string(CROSSCHECK_SHARED_DIR) + "/data/mmdb/" + name;
}

MmdbDatabase OpenOrDie(const std::string& name) {
  Result<MmdbDatabase> database = MmdbDatabase::Open(MmdbPath(name));
  EXPECT_TRUE(database.has_value()) << (database ? "" : database.error().ToString());
  return std::move(*database);
}

IpInfo LookupOrDie(const MmdbDatabase& database, const char* address) {
  Result<IpInfo> info = database.Lookup(*ParseIpAddress(address));
  EXPECT_TRUE(info.has_value()) << (info ? "" : info.error().ToString());
  return info ? *info : IpInfo{};
}

TEST(MmdbDatabase, DetectsLayoutFromMetadata) {
  struct Case {
    const char* file;
    const char* database_type;
    MmdbLayout layout;
  };
  const Case cases[] = {
      {"GeoIP2-City-Test.mmdb", "GeoIP2-City", MmdbLayout::kCity},
      {"GeoIP2-Country-Test.mmdb", "GeoIP2-Country", MmdbLayout::kCountry},
      {"GeoLite2-ASN-Test.mmdb", "GeoLite2-ASN", MmdbLayout::kAsn},
      {"GeoIP2-Anonymous-IP-Test.mmdb", "GeoIP2-Anonymous-IP", MmdbLayout::kAnonymousIp},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.file);
    MmdbDatabase database = OpenOrDie(test.file);
    EXPECT_EQ(database.database_type(), test.database_type);
    EXPECT_EQ(database.layout(), test.layout);
    EXPECT_EQ(database.name(), test.file);
  }
}

TEST(MmdbDatabase, CityAndCountryGiveGeography) {
  struct Case {
    const char* file;
    const char* address;
    const char* country;
    const char* city;
    double latitude;  // 0 = not expected
  };
  const Case cases[] = {
      {"GeoIP2-City-Test.mmdb", "81.2.69.142", "GB", "London", 51.5142},
      {"GeoIP2-City-Test.mmdb", "::ffff:81.2.69.142", "GB", "London", 51.5142},
      {"GeoIP2-City-Test.mmdb", "2001:218::1", "JP", "", 35.68536},
      {"GeoIP2-Country-Test.mmdb", "81.2.69.142", "GB", "", 0},
      {"GeoIP2-Country-Test.mmdb", "2001:218::1", "JP", "", 0},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(std::string(test.file) + " " + test.address);
    MmdbDatabase database = OpenOrDie(test.file);
    const IpInfo info = LookupOrDie(database, test.address);
    EXPECT_EQ(info.country, test.country);
    EXPECT_EQ(info.city, test.city);
    EXPECT_EQ(info.source, test.file);
    if (test.latitude != 0) {
      ASSERT_TRUE(info.latitude.has_value());
      EXPECT_NEAR(*info.latitude, test.latitude, 0.01);
      EXPECT_TRUE(info.longitude.has_value());
    } else {
      EXPECT_FALSE(info.latitude.has_value());
    }
  }
}

TEST(MmdbDatabase, AsnGivesNumberAndOrganisation) {
  MmdbDatabase database = OpenOrDie("GeoLite2-ASN-Test.mmdb");
  struct Case {
    const char* address;
    std::uint32_t asn;
    const char* org;
  };
  const Case cases[] = {
      {"12.81.92.1", 7018, "AT&T Services"},
      {"2600:7000::1", 6939, "Hurricane Electric, Inc."},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.address);
    const IpInfo info = LookupOrDie(database, test.address);
    ASSERT_TRUE(info.asn.has_value());
    EXPECT_EQ(*info.asn, test.asn);
    EXPECT_EQ(info.as_org, test.org);
    EXPECT_TRUE(info.country.empty());
  }
}

TEST(MmdbDatabase, AnonymousIpGivesKind) {
  MmdbDatabase database = OpenOrDie("GeoIP2-Anonymous-IP-Test.mmdb");
  struct Case {
    const char* address;
    IpKind kind;
    bool anonymous;
  };
  const Case cases[] = {
      {"81.2.69.142", IpKind::kTor, true},      // every flag set: Tor is the strongest
      {"81.2.69.1", IpKind::kTor, true},        // the whole /24
      {"1.2.0.1", IpKind::kVpn, true},
      {"186.30.236.1", IpKind::kProxy, true},
      {"65.0.0.1", IpKind::kTor, true},
      {"abcd:1000::1", IpKind::kProxy, true},   // IPv6
      {"8.8.8.8", IpKind::kUnknown, false},     // not in the file
      {"2001:4860::8888", IpKind::kUnknown, false},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.address);
    const IpInfo info = LookupOrDie(database, test.address);
    EXPECT_EQ(info.kind, test.kind);
    EXPECT_EQ(info.is_anonymous, test.anonymous);
  }
}

TEST(MmdbDatabase, AddressNotInFileIsEmptyNotError) {
  MmdbDatabase database = OpenOrDie("GeoIP2-City-Test.mmdb");
  for (const char* address : {"1.1.1.1", "10.0.0.1", "::1", "2001:db8::1"}) {
    SCOPED_TRACE(address);
    const IpInfo info = LookupOrDie(database, address);
    EXPECT_TRUE(info.country.empty());
    EXPECT_TRUE(info.source.empty());
    EXPECT_FALSE(info.latitude.has_value());
  }
}

TEST(MmdbDatabase, MissingFileIsNotFound) {
  Result<MmdbDatabase> database = MmdbDatabase::Open(MmdbPath("No-Such-File.mmdb"));
  ASSERT_FALSE(database.has_value());
  EXPECT_EQ(database.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(database.error().message().find("No-Such-File.mmdb"), std::string::npos);
}

TEST(MmdbDatabase, FileThatIsNotMmdbIsInvalidInput) {
  // A real file in another format: the data README.
  Result<MmdbDatabase> database =
      MmdbDatabase::Open(std::string(CROSSCHECK_SHARED_DIR) + "/data/README.md");
  ASSERT_FALSE(database.has_value());
  EXPECT_EQ(database.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(database.error().message().find("metadata"), std::string::npos)
      << database.error().message();
}

TEST(MmdbDatabase, BrokenFilesGiveClearErrors) {
  // MaxMind's deliberately broken test files: one fails at open (bad node count in the
  // metadata), the other only when a record with a malformed double is decoded.
  struct Case {
    const char* file;
    const char* expected_text;  // from MMDB_strerror
  };
  const Case cases[] = {
      {"GeoIP2-City-Test-Invalid-Node-Count.mmdb", "invalid metadata"},
      {"GeoIP2-City-Test-Broken-Double-Format.mmdb", "bad data"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.file);
    Result<MmdbDatabase> database = MmdbDatabase::Open(MmdbPath(test.file));
    std::string message;
    if (!database) {
      EXPECT_EQ(database.error().code(), ErrorCode::kInvalidInput);
      message = database.error().message();
    } else {
      Result<IpInfo> info = database->Lookup(*ParseIpAddress("81.2.69.142"));
      ASSERT_FALSE(info.has_value());
      EXPECT_EQ(info.error().code(), ErrorCode::kInvalidInput);
      message = info.error().message();
    }
    EXPECT_NE(message.find(test.file), std::string::npos) << message;
    EXPECT_NE(message.find(test.expected_text), std::string::npos) << message;
  }
}

TEST(MmdbDatabase, MovedDatabaseStillAnswers) {
  MmdbDatabase first = OpenOrDie("GeoIP2-Country-Test.mmdb");
  MmdbDatabase second = std::move(first);
  std::vector<MmdbDatabase> databases;
  databases.push_back(std::move(second));
  EXPECT_EQ(LookupOrDie(databases.front(), "81.2.69.142").country, "GB");
}

TEST(IpIntel, MergesEverySource) {
  IpIntel intel;
  ASSERT_TRUE(intel.OpenDatabases({MmdbPath("GeoIP2-City-Test.mmdb"), MmdbPath("GeoLite2-ASN-Test.mmdb"),
                                   MmdbPath("GeoIP2-Anonymous-IP-Test.mmdb")}));
  IssueLog issues;
  // The operator's own list says 81.2.69.0/24 is a VPN exit, more specific than the DB's Tor.
  intel.SetRangeTable(IpRangeTable::Build(
      {{.line = 2, .cidr = "81.2.69.0/24", .country = "GB", .asn = "AS20712",
        .as_org = "Andrews & Arnold", .kind = "vpn"},
       {.line = 3, .cidr = "12.81.0.0/16", .country = "US", .asn = "", .as_org = "", .kind = "residential"}},
      "ranges.csv", issues));
  ASSERT_TRUE(issues.empty());

  const IpInfo london = intel.Lookup("81.2.69.142");
  EXPECT_EQ(london.country, "GB");
  EXPECT_EQ(london.city, "London");
  EXPECT_EQ(london.kind, IpKind::kVpn);  // ranges CSV wins for kind
  EXPECT_TRUE(london.is_anonymous);
  ASSERT_TRUE(london.asn.has_value());
  EXPECT_EQ(*london.asn, 20712u);  // only the ranges CSV knows it
  EXPECT_EQ(london.source, "GeoIP2-City-Test.mmdb;GeoIP2-Anonymous-IP-Test.mmdb;ranges.csv");

  const IpInfo att = intel.Lookup("12.81.92.1");
  ASSERT_TRUE(att.asn.has_value());
  EXPECT_EQ(*att.asn, 7018u);
  EXPECT_EQ(att.as_org, "AT&T Services");
  EXPECT_EQ(att.kind, IpKind::kResidential);
  EXPECT_FALSE(att.is_anonymous);

  const IpInfo nowhere = intel.Lookup("8.8.8.8");
  EXPECT_TRUE(nowhere.source.empty());
  EXPECT_TRUE(intel.Lookup("not an ip").source.empty());
  EXPECT_EQ(intel.lookup_failures(), 0u);
}

TEST(IpIntel, SkipsCorruptSourceAndCountsIt) {
  IpIntel intel;
  ASSERT_TRUE(intel.OpenDatabases({MmdbPath("GeoIP2-City-Test-Broken-Double-Format.mmdb"),
                                   MmdbPath("GeoIP2-Country-Test.mmdb")}));
  const IpInfo info = intel.Lookup("81.2.69.142");
  EXPECT_EQ(info.country, "GB");
  EXPECT_EQ(info.source, "GeoIP2-Country-Test.mmdb");
  EXPECT_EQ(intel.lookup_failures(), 1u);
  EXPECT_NE(intel.first_failure().find("Broken-Double-Format"), std::string::npos);
}

TEST(IpIntel, OpenDatabasesReportsThePath) {
  IpIntel intel;
  Status status = intel.OpenDatabases({MmdbPath("GeoIP2-City-Test-Invalid-Node-Count.mmdb")});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(status.error().ToString().find("Invalid-Node-Count"), std::string::npos);
}

TEST(IpIntel, ConcurrentLookupsAgree) {
  IpIntel intel;
  ASSERT_TRUE(intel.OpenDatabases({MmdbPath("GeoIP2-City-Test.mmdb"), MmdbPath("GeoLite2-ASN-Test.mmdb")}));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int thread_index = 0; thread_index < 4; ++thread_index) {
    threads.emplace_back([&intel, &mismatches, thread_index] {
      for (int round = 0; round < 2000; ++round) {
        if (intel.Lookup("81.2.69.142").city != "London") ++mismatches[thread_index];
        if (intel.Lookup("12.81.92.1").asn != 7018u) ++mismatches[thread_index];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : mismatches) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace crosscheck::normalize
