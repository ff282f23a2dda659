#include "crosscheck/normalize/time_zone.h"

#include <gtest/gtest.h>

#include <string>

#include "crosscheck/common/time.h"

namespace crosscheck::normalize {
namespace {

std::int64_t At(const char* timestamp) { return *ParseTimestamp(timestamp); }

TEST(UtcOffsetMinutes, FollowsDaylightSavingRules) {
  struct Case {
    const char* zone;
    const char* instant;
    std::optional<int> offset;
  };
  const Case cases[] = {
      {"America/Los_Angeles", "2024-07-01T12:00:00Z", -420},  // PDT
      {"America/Los_Angeles", "2024-01-15T12:00:00Z", -480},  // PST
      {"America/New_York", "2024-03-10T06:59:59Z", -300},     // just before the spring change
      {"America/New_York", "2024-03-10T07:00:00Z", -240},     // just after
      {"Asia/Seoul", "2024-07-01T00:00:00Z", 540},
      {"Asia/Pyongyang", "2017-01-01T00:00:00Z", 510},        // UTC+8:30 from 2015 to 2018
      {"Asia/Pyongyang", "2024-01-01T00:00:00Z", 540},
      {"Asia/Shanghai", "2024-01-01T00:00:00Z", 480},
      {"Asia/Kolkata", "2024-01-01T00:00:00Z", 330},
      {"Australia/Adelaide", "2024-01-01T00:00:00Z", 630},    // southern summer
      {"America/Phoenix", "2024-07-01T00:00:00Z", -420},      // no DST
      {"US/Pacific", "2024-07-01T12:00:00Z", -420},           // a link
      {"UTC", "2024-07-01T12:00:00Z", 0},
      {"Mars/Olympus_Mons", "2024-07-01T12:00:00Z", std::nullopt},
      {"", "2024-07-01T12:00:00Z", std::nullopt},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(std::string(test.zone) + " " + test.instant);
    EXPECT_EQ(UtcOffsetMinutes(test.zone, At(test.instant)), test.offset);
    std::optional<TimeZoneHandle> handle = TimeZoneHandle::Find(test.zone);
    ASSERT_EQ(handle.has_value(), test.offset.has_value());
    if (handle) {
      EXPECT_EQ(handle->OffsetMinutes(At(test.instant)), *test.offset);
    }
  }
}

TEST(DefaultTimeZoneForRegion, MapsStatesAndCountries) {
  struct Case {
    const char* country;
    const char* region;
    const char* zone;
  };
  const Case cases[] = {
      {"US", "CA", "America/Los_Angeles"}, {"US", "NY", "America/New_York"},
      {"US", "TX", "America/Chicago"},     {"us", "california", "America/Los_Angeles"},
      {"US", "Washington", "America/Los_Angeles"}, {"US", "AZ", "America/Phoenix"},
      {"US", "HI", "Pacific/Honolulu"},    {"US", "", "America/New_York"},
      {"US", "Nowhere", "America/New_York"}, {"CA", "BC", "America/Vancouver"},
      {"CA", "QC", "America/Toronto"},     {"AU", "WA", "Australia/Perth"},
      {"AU", "", "Australia/Sydney"},      {"GB", "", "Europe/London"},
      {"KR", "", "Asia/Seoul"},            {"KP", "", "Asia/Pyongyang"},
      {"CN", "Liaoning", "Asia/Shanghai"}, {"RU", "", "Europe/Moscow"},
      {"JP", "", "Asia/Tokyo"},            {"IN", "", "Asia/Kolkata"},
      {"PL", "", "Europe/Warsaw"},         {"FR", "", "Europe/Paris"},
      {"ZZ", "", ""},                      {"USA", "CA", ""},
      {"", "", ""},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(std::string(test.country) + "/" + test.region);
    const std::string zone = DefaultTimeZoneForRegion(test.country, test.region);
    EXPECT_EQ(zone, test.zone);
    // Every zone we hand out must be one ICU knows.
    if (!zone.empty()) {
      EXPECT_TRUE(TimeZoneHandle::Find(zone).has_value());
    }
  }
}

}  // namespace
}  // namespace crosscheck::normalize
