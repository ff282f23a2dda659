// Time zones through ICU's copy of the IANA database: the UTC offset of a zone at an instant,
// and the zone a claimed residence most likely lives in (a country's main zone; a US state's
// or Canadian / Australian / Brazilian province's own zone).
//
//   DefaultTimeZoneForRegion("US", "CA");                    // "America/Los_Angeles"
//   UtcOffsetMinutes("America/Los_Angeles", 1719835200);     // -420 (PDT, 2024-07-01)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace crosscheck::normalize {

// UtcOffsetMinutes returns the offset from UTC (minutes, east positive, DST included) of the
// IANA zone at unix_seconds; nullopt when ICU does not know the zone. Builds an ICU zone per
// call: use TimeZoneHandle for many instants of one zone.
std::optional<int> UtcOffsetMinutes(std::string_view iana_zone, std::int64_t unix_seconds);

// TimeZoneHandle is one ICU zone, kept for repeated offset queries. Movable; OffsetMinutes is
// const and thread-safe (ICU's OlsonTimeZone is immutable once built).
class TimeZoneHandle {
 public:
  TimeZoneHandle(TimeZoneHandle&&) noexcept;
  TimeZoneHandle& operator=(TimeZoneHandle&&) noexcept;
  TimeZoneHandle(const TimeZoneHandle&) = delete;
  TimeZoneHandle& operator=(const TimeZoneHandle&) = delete;
  ~TimeZoneHandle();

  // Find returns the zone named iana_zone ("Asia/Seoul", also links like "US/Pacific"), or
  // nullopt when ICU does not know it.
  static std::optional<TimeZoneHandle> Find(std::string_view iana_zone);

  // OffsetMinutes returns the offset from UTC at unix_seconds, DST included.
  int OffsetMinutes(std::int64_t unix_seconds) const;

  const std::string& id() const { return id_; }

 private:
  struct Impl;
  TimeZoneHandle(std::unique_ptr<Impl> impl, std::string id);

  std::unique_ptr<Impl> impl_;
  std::string id_;
};

// DefaultTimeZoneForRegion returns the IANA zone of a claimed residence: for US states (code
// "CA" or name "California"), Canadian provinces, Australian states and Brazilian states the
// zone of that subdivision's largest city; otherwise the country's main zone (its only
// canonical zone, or the zone of its capital / largest city where a country has several).
// country_alpha2 is case-insensitive. "" when the country is unknown to ICU.
std::string DefaultTimeZoneForRegion(std::string_view country_alpha2,
                                     std::string_view region_or_state);

}  // namespace crosscheck::normalize
