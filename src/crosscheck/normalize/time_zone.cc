#include "crosscheck/normalize/time_zone.h"

#include <unicode/basictz.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <string_view>

#include "crosscheck/common/strings.h"

namespace crosscheck::normalize {

struct TimeZoneHandle::Impl {
  std::unique_ptr<icu::TimeZone> zone;
};

namespace {

// Subdivisions whose zone differs from their country's main zone. Where a subdivision spans
// zones (Texas's El Paso, Florida's panhandle) the zone of most of its population is used.
struct Subdivision {
  std::string_view country;
  std::string_view code;
  std::string_view name;
  std::string_view zone;
};

constexpr Subdivision kSubdivisions[] = {
    {"US", "AL", "alabama", "America/Chicago"},
    {"US", "AK", "alaska", "America/Anchorage"},
    {"US", "AZ", "arizona", "America/Phoenix"},
    {"US", "AR", "arkansas", "America/Chicago"},
    {"US", "CA", "california", "America/Los_Angeles"},
    {"US", "CO", "colorado", "America/Denver"},
    {"US", "CT", "connecticut", "America/New_York"},
    {"US", "DE", "delaware", "America/New_York"},
    {"US", "DC", "district of columbia", "America/New_York"},
    {"US", "FL", "florida", "America/New_York"},
    {"US", "GA", "georgia", "America/New_York"},
    {"US", "HI", "hawaii", "Pacific/Honolulu"},
    {"US", "ID", "idaho", "America/Boise"},
    {"US", "IL", "illinois", "America/Chicago"},
    {"US", "IN", "indiana", "America/Indiana/Indianapolis"},
    {"US", "IA", "iowa", "America/Chicago"},
    {"US", "KS", "kansas", "America/Chicago"},
    {"US", "KY", "kentucky", "America/New_York"},
    {"US", "LA", "louisiana", "America/Chicago"},
    {"US", "ME", "maine", "America/New_York"},
    {"US", "MD", "maryland", "America/New_York"},
    {"US", "MA", "massachusetts", "America/New_York"},
    {"US", "MI", "michigan", "America/Detroit"},
    {"US", "MN", "minnesota", "America/Chicago"},
    {"US", "MS", "mississippi", "America/Chicago"},
    {"US", "MO", "missouri", "America/Chicago"},
    {"US", "MT", "montana", "America/Denver"},
    {"US", "NE", "nebraska", "America/Chicago"},
    {"US", "NV", "nevada", "America/Los_Angeles"},
    {"US", "NH", "new hampshire", "America/New_York"},
    {"US", "NJ", "new jersey", "America/New_York"},
    {"US", "NM", "new mexico", "America/Denver"},
    {"US", "NY", "new york", "America/New_York"},
    {"US", "NC", "north carolina", "America/New_York"},
    {"US", "ND", "north dakota", "America/Chicago"},
    {"US", "OH", "ohio", "America/New_York"},
    {"US", "OK", "oklahoma", "America/Chicago"},
    {"US", "OR", "oregon", "America/Los_Angeles"},
    {"US", "PA", "pennsylvania", "America/New_York"},
    {"US", "RI", "rhode island", "America/New_York"},
    {"US", "SC", "south carolina", "America/New_York"},
    {"US", "SD", "south dakota", "America/Chicago"},
    {"US", "TN", "tennessee", "America/Chicago"},
    {"US", "TX", "texas", "America/Chicago"},
    {"US", "UT", "utah", "America/Denver"},
    {"US", "VT", "vermont", "America/New_York"},
    {"US", "VA", "virginia", "America/New_York"},
    {"US", "WA", "washington", "America/Los_Angeles"},
    {"US", "WV", "west virginia", "America/New_York"},
    {"US", "WI", "wisconsin", "America/Chicago"},
    {"US", "WY", "wyoming", "America/Denver"},
    {"US", "PR", "puerto rico", "America/Puerto_Rico"},
    {"US", "GU", "guam", "Pacific/Guam"},
    {"CA", "BC", "british columbia", "America/Vancouver"},
    {"CA", "AB", "alberta", "America/Edmonton"},
    {"CA", "SK", "saskatchewan", "America/Regina"},
    {"CA", "MB", "manitoba", "America/Winnipeg"},
    {"CA", "ON", "ontario", "America/Toronto"},
    {"CA", "QC", "quebec", "America/Toronto"},
    {"CA", "NB", "new brunswick", "America/Moncton"},
    {"CA", "NS", "nova scotia", "America/Halifax"},
    {"CA", "PE", "prince edward island", "America/Halifax"},
    {"CA", "NL", "newfoundland and labrador", "America/St_Johns"},
    {"CA", "YT", "yukon", "America/Whitehorse"},
    {"CA", "NT", "northwest territories", "America/Yellowknife"},
    {"CA", "NU", "nunavut", "America/Iqaluit"},
    {"AU", "NSW", "new south wales", "Australia/Sydney"},
    {"AU", "VIC", "victoria", "Australia/Melbourne"},
    {"AU", "QLD", "queensland", "Australia/Brisbane"},
    {"AU", "WA", "western australia", "Australia/Perth"},
    {"AU", "SA", "south australia", "Australia/Adelaide"},
    {"AU", "TAS", "tasmania", "Australia/Hobart"},
    {"AU", "ACT", "australian capital territory", "Australia/Sydney"},
    {"AU", "NT", "northern territory", "Australia/Darwin"},
    {"BR", "AM", "amazonas", "America/Manaus"},
    {"BR", "BA", "bahia", "America/Bahia"},
    {"BR", "CE", "ceara", "America/Fortaleza"},
    {"BR", "PE", "pernambuco", "America/Recife"},
    {"BR", "MT", "mato grosso", "America/Cuiaba"},
};

// The main zone of countries with several canonical zones (the capital's or the largest
// city's), and current IANA names where ICU's canonical id is an older alias (CLDR keeps
// "Asia/Calcutta" canonical; the IANA name is "Asia/Kolkata").
struct CountryZone {
  std::string_view country;
  std::string_view zone;
};

constexpr CountryZone kCountryZones[] = {
    // The US has no single main zone; Eastern time covers the most people.
    {"US", "America/New_York"},        {"CA", "America/Toronto"},
    {"AU", "Australia/Sydney"},        {"BR", "America/Sao_Paulo"},
    {"RU", "Europe/Moscow"},           {"MX", "America/Mexico_City"},
    {"CN", "Asia/Shanghai"},           {"ID", "Asia/Jakarta"},
    {"KZ", "Asia/Almaty"},             {"AR", "America/Argentina/Buenos_Aires"},
    {"CL", "America/Santiago"},        {"ES", "Europe/Madrid"},
    {"PT", "Europe/Lisbon"},           {"DE", "Europe/Berlin"},
    {"NZ", "Pacific/Auckland"},        {"MY", "Asia/Kuala_Lumpur"},
    {"UA", "Europe/Kyiv"},             {"UZ", "Asia/Tashkent"},
    {"MN", "Asia/Ulaanbaatar"},        {"CD", "Africa/Kinshasa"},
    {"EC", "America/Guayaquil"},       {"IN", "Asia/Kolkata"},
    {"VN", "Asia/Ho_Chi_Minh"},        {"NP", "Asia/Kathmandu"},
    {"MM", "Asia/Yangon"},             {"GL", "America/Nuuk"},
    {"CY", "Asia/Nicosia"},            {"PS", "Asia/Gaza"},
    {"FM", "Pacific/Pohnpei"},         {"KI", "Pacific/Tarawa"},
    {"PF", "Pacific/Tahiti"},          {"MH", "Pacific/Majuro"},
    {"PG", "Pacific/Port_Moresby"},    {"CW", "America/Curacao"},
};

std::unique_ptr<icu::TimeZone> CreateZone(std::string_view name) {
  const icu::UnicodeString id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
  // ICU answers an unknown id with a GMT zone named "Etc/Unknown" rather than failing.
  if (!zone || *zone == icu::TimeZone::getUnknown()) return nullptr;
  return zone;
}

int OffsetOf(const icu::TimeZone& zone, std::int64_t unix_seconds) {
  std::int32_t raw = 0;
  std::int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone.getOffset(static_cast<UDate>(unix_seconds) * 1000.0, /*local=*/false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return (raw + dst) / 60000;
}

}  // namespace

std::optional<int> UtcOffsetMinutes(std::string_view iana_zone, std::int64_t unix_seconds) {
  std::unique_ptr<icu::TimeZone> zone = CreateZone(iana_zone);
  if (!zone) return std::nullopt;
  return OffsetOf(*zone, unix_seconds);
}

TimeZoneHandle::TimeZoneHandle(std::unique_ptr<Impl> impl, std::string id)
    : impl_(std::move(impl)), id_(std::move(id)) {}
TimeZoneHandle::TimeZoneHandle(TimeZoneHandle&&) noexcept = default;
TimeZoneHandle& TimeZoneHandle::operator=(TimeZoneHandle&&) noexcept = default;
TimeZoneHandle::~TimeZoneHandle() = default;

std::optional<TimeZoneHandle> TimeZoneHandle::Find(std::string_view iana_zone) {
  std::unique_ptr<icu::TimeZone> zone = CreateZone(iana_zone);
  if (!zone) return std::nullopt;
  auto impl = std::make_unique<Impl>();
  impl->zone = std::move(zone);
  return TimeZoneHandle(std::move(impl), std::string(iana_zone));
}

int TimeZoneHandle::OffsetMinutes(std::int64_t unix_seconds) const {
  return OffsetOf(*impl_->zone, unix_seconds);
}

std::string DefaultTimeZoneForRegion(std::string_view country_alpha2,
                                     std::string_view region_or_state) {
  const std::string country = ToUpperAscii(TrimAscii(country_alpha2));
  if (country.size() != 2) return "";
  const std::string region = ToLowerAscii(TrimAscii(region_or_state));
  if (!region.empty()) {
    for (const Subdivision& subdivision : kSubdivisions) {
      if (subdivision.country != country) continue;
      if (region == subdivision.name || EqualsIgnoreCaseAscii(region, subdivision.code)) {
        return std::string(subdivision.zone);
      }
    }
  }
  for (const CountryZone& entry : kCountryZones) {
    if (entry.country == country) return std::string(entry.zone);
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createTimeZoneIDEnumeration(
      UCAL_ZONE_TYPE_CANONICAL_LOCATION, country.c_str(), nullptr, status));
  if (U_FAILURE(status) || !zones) return "";
  const char* first = zones->next(nullptr, status);
  if (U_FAILURE(status) || first == nullptr) return "";
  return first;
}

}  // namespace crosscheck::normalize
