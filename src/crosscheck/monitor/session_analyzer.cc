#include "crosscheck/monitor/session_analyzer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/normalize/address.h"
#include "crosscheck/normalize/ip_address.h"
#include "crosscheck/normalize/ip_range_table.h"
#include "crosscheck/normalize/time_zone.h"

namespace crosscheck::monitor {
namespace {

constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius
constexpr std::size_t kMaxCachedIps = std::size_t{1} << 20;
constexpr std::size_t kMaxDevicesPerAccount = 64;
constexpr std::size_t kMaxAccountsPerSharedKey = 64;

enum CodeIndex : std::size_t {
  kAnonymizerIndex, kForeignGeoIndex, kTravelIndex, kOffHoursIndex, kSharedIndex, kBurstIndex,
  kCodeCount,
};
constexpr const char* kCodes[kCodeCount] = {kSigninAnonymizer, kSigninForeignGeo, kImpossibleTravel,
                                            kSigninOffHours,   kSharedSigninIp,   kNewDeviceBurst};

// Haversine great-circle distance; accurate to ~0.5% on the sphere, far below IP geolocation
// error.
double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRadians = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRadians;
  const double dlon = (lon2 - lon1) * kRadians;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRadians) * std::cos(lat2 * kRadians) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

// FoldedHash and FoldedEqual key a hash map by login, ASCII case-insensitively, so a lookup
// needs no lower-cased copy of the login (one allocation per event before). The hash reads 8
// bytes at a time with bit 0x20 set in every byte: ASCII case variants differ only in that bit,
// so strings equal ignoring case hash alike.
struct FoldedHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    constexpr std::uint64_t kFold = 0x2020202020202020ULL;
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;  // 2^64 / golden ratio
    std::uint64_t hash = text.size() * kMultiplier;
    std::size_t pos = 0;
    for (; pos + 8 <= text.size(); pos += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + pos, 8);
      hash = (hash ^ (word | kFold)) * kMultiplier;
      hash ^= hash >> 29;
    }
    if (pos < text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + pos, text.size() - pos);
      hash = (hash ^ (word | (kFold >> (8 * (8 - (text.size() - pos)))))) * kMultiplier;
      hash ^= hash >> 29;
    }
    return static_cast<std::size_t>(hash);
  }
};
struct FoldedEqual {
  using is_transparent = void;
  bool operator()(std::string_view left, std::string_view right) const {
    return EqualsIgnoreCaseAscii(left, right);
  }
};

// ZoneCache is one claimed time zone with the offset of the UTC hour last asked for. Offsets
// change at most a few times a year, on UTC hour boundaries in practice, and events arrive in
// time order: one ICU query per zone per hour of activity, shared by every account in the zone
// (one per account per hour before, i.e. nearly one per event when accounts are many).
struct ZoneCache {
  explicit ZoneCache(normalize::TimeZoneHandle zone) : handle(std::move(zone)) {}
  normalize::TimeZoneHandle handle;
  std::int64_t cached_hour = std::numeric_limits<std::int64_t>::min();
  int cached_offset_minutes = 0;
};

struct SharedEntry {
  std::vector<std::uint32_t> accounts;
  std::vector<std::uint32_t> alerted;
};

// What the reference data says of one client IP, computed once per distinct address, and the
// accounts seen on it (for SHARED_SIGNIN_IP): one hash lookup per event serves both.
struct IpFacts {
  bool valid = false;
  bool reserved = false;
  bool anonymizer = false;
  IpKind kind = IpKind::kUnknown;
  std::string country;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string source;
  SharedEntry shared;
};

// DeviceSet holds up to kMaxDevicesPerAccount device hashes, the first few inside the account
// (most accounts use one to three devices), so the per-event check costs no extra cache miss.
class DeviceSet {
 public:
  bool Contains(std::uint64_t device) const {
    for (std::size_t device_idx = 0; device_idx < inline_count_; ++device_idx) {
      if (inline_[device_idx] == device) return true;
    }
    return std::find(overflow_.begin(), overflow_.end(), device) != overflow_.end();
  }
  std::size_t size() const { return inline_count_ + overflow_.size(); }
  bool empty() const { return size() == 0; }
  void Add(std::uint64_t device) {
    if (inline_count_ < inline_.size()) {
      inline_[inline_count_++] = device;
    } else {
      overflow_.push_back(device);
    }
  }

 private:
  std::array<std::uint64_t, 4> inline_{};
  std::size_t inline_count_ = 0;
  std::vector<std::uint64_t> overflow_;
};

// Account is the state of one login. With thousands of accounts interleaved, each event's
// account is usually out of cache, so the fields most events touch come first, together.
struct Account {
  // ---- hot: read or written by most events ----
  ZoneCache* zone = nullptr;
  std::int64_t events = 0;
  std::int64_t usable_events = 0;  // not failed: count for geography, hours, devices
  std::array<int, kCodeCount> alert_counts{};
  // The account's previous client IP and device fingerprint with their entries: most sign-ins
  // repeat them, which saves two string-keyed hash lookups per event. cached_ip_facts is valid
  // while cached_ip_generation equals State::ip_generation (the IP cache is cleared on long
  // streams).
  IpFacts* cached_ip_facts = nullptr;
  std::uint64_t cached_ip_generation = 0;
  SharedEntry* cached_fingerprint_entry = nullptr;
  std::string cached_ip;
  std::string residence_country;
  // IMPOSSIBLE_TRAVEL: the previous located sign-in
  bool has_last = false;
  double last_latitude = 0;
  double last_longitude = 0;
  std::int64_t last_time = 0;
  // SIGNIN_OFF_HOURS
  std::int64_t hour_events = 0;
  std::array<std::int32_t, 24> local_hours{};
  std::array<std::int32_t, 24> utc_hours{};
  // NEW_DEVICE_BURST
  DeviceSet devices;
  std::string cached_fingerprint;
  std::string last_uuid;
  std::string last_ip;
  std::string last_place;
  // ---- cold: read when an alert is raised or at the end ----
  std::string login;
  std::string application_id;
  std::string company_id;
  std::vector<SigninAlert> alerts;
  // SIGNIN_ANONYMIZER
  std::int64_t anonymizer_events = 0;
  std::vector<std::string> anonymizer_ips;
  // SIGNIN_FOREIGN_GEO
  std::int64_t foreign_events = 0;
  std::vector<std::string> foreign_countries;
  std::int64_t travel_events = 0;
  // At most options.new_device_burst entries (cleared at each burst): vectors, not deques,
  // which allocate on construction and on every move of the account.
  std::vector<std::int64_t> new_device_times;
  std::vector<std::string> new_device_uuids;
  std::int64_t bursts = 0;
  // SHARED_SIGNIN_IP
  std::size_t shared_max_accounts = 0;
  bool shared_cross_company = false;
};

bool IsFailure(std::string_view outcome) {
  return EqualsIgnoreCaseAscii(outcome, "FAILURE") || EqualsIgnoreCaseAscii(outcome, "DENY");
}

std::string FormatOffset(int minutes) {
  const char sign = minutes < 0 ? '-' : '+';
  const int absolute = std::abs(minutes);
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "UTC%c%02d:%02d", sign, absolute / 60, absolute % 60);
  return buffer;
}

}  // namespace

const char* LevelForScore(int score) {
  if (score >= 75) return "critical";
  if (score >= 50) return "high";
  if (score >= 25) return "medium";
  return "low";
}

struct SessionAnalyzer::State {
  MonitorOptions options;
  const normalize::IpIntel* intel = nullptr;
  std::unordered_map<std::string, EmployeeMapping> employees;  // by lower-case login
  std::unordered_map<std::string, std::uint32_t, FoldedHash, FoldedEqual> account_index;
  std::vector<Account> accounts;
  std::unordered_map<std::string, IpFacts> ip_cache;
  std::uint64_t ip_generation = 1;  // bumped when ip_cache is cleared
  std::unordered_map<std::string, std::string> country_cache;  // IdP country name -> alpha-2
  // The last country name asked for and its entry (entries are stable): events of a stream
  // mostly come from one country.
  std::string last_country_name;
  const std::string* last_country = nullptr;
  std::map<std::string, ZoneCache, std::less<>> zones;
  std::unordered_map<std::string, SharedEntry> shared_devices;  // by device fingerprint
  std::int64_t events_seen = 0;
  std::int64_t events_used = 0;

  Account& AccountFor(const std::string& login);
  IpFacts& FactsFor(const std::string& ip_text);
  IpFacts& FactsFor(Account& account, const std::string& ip_text);
  SharedEntry& DeviceEntryFor(Account& account, const std::string& fingerprint);
  const std::string& CountryFor(const std::string& name);
  int OffsetMinutes(Account& account, std::int64_t unix_seconds);
  bool Emit(Account& account, CodeIndex code, SigninAlert alert, std::vector<SigninAlert>& out);
  SigninAlert NewAlert(const Account& account, CodeIndex code, const SigninEvent& event) const;

  void CheckAnonymizer(Account& account, const SigninEvent& event, const IpFacts& facts,
                       std::vector<SigninAlert>& out);
  void CheckForeignGeo(Account& account, const SigninEvent& event, const IpFacts& facts,
                       std::vector<SigninAlert>& out);
  void CheckTravel(Account& account, const SigninEvent& event, const IpFacts& facts,
                   std::vector<SigninAlert>& out);
  void CheckHours(Account& account, const SigninEvent& event, std::vector<SigninAlert>& out);
  void CheckDevices(Account& account, const SigninEvent& event, std::vector<SigninAlert>& out);
  void CheckShared(std::uint32_t account_id, SharedEntry& entry, const std::string& what,
                   const std::string& value, const SigninEvent& event, std::vector<SigninAlert>& out);
};

Account& SessionAnalyzer::State::AccountFor(const std::string& login) {
  if (const auto known = account_index.find(std::string_view(login)); known != account_index.end()) {
    return accounts[known->second];
  }
  const std::string key = ToLowerAscii(login);
  account_index.emplace(key, static_cast<std::uint32_t>(accounts.size()));
  Account& account = accounts.emplace_back();
  account.login = login;
  const auto employee = employees.find(key);
  if (employee != employees.end()) {
    const EmployeeMapping& mapping = employee->second;
    account.login = mapping.login;
    account.application_id = mapping.application_id;
    account.company_id = mapping.company_id;
    account.residence_country = mapping.residence_country;
    if (!mapping.time_zone.empty()) {
      auto zone = zones.find(mapping.time_zone);
      if (zone == zones.end()) {
        if (auto handle = normalize::TimeZoneHandle::Find(mapping.time_zone)) {
          zone = zones.emplace(mapping.time_zone, ZoneCache(std::move(*handle))).first;
        }
      }
      if (zone != zones.end()) account.zone = &zone->second;
    }
  }
  return account;
}

IpFacts& SessionAnalyzer::State::FactsFor(const std::string& ip_text) {
  // Bound memory on endless streams; SHARED_SIGNIN_IP then restarts its count for old IPs.
  if (ip_cache.size() >= kMaxCachedIps) {
    ip_cache.clear();
    ++ip_generation;
  }
  const auto [position, inserted] = ip_cache.try_emplace(ip_text);
  IpFacts& facts = position->second;
  if (!inserted) return facts;
  const std::optional<normalize::IpAddress> address = normalize::ParseIpAddress(ip_text);
  if (!address) return facts;
  facts.valid = true;
  facts.reserved = normalize::IsPrivateOrReserved(*address);
  if (intel != nullptr && !facts.reserved) {
    IpInfo info = intel->Lookup(*address);
    facts.kind = info.kind;
    facts.anonymizer = info.is_anonymous || normalize::IsAnonymizingKind(info.kind);
    facts.country = std::move(info.country);
    facts.latitude = info.latitude;
    facts.longitude = info.longitude;
    facts.source = std::move(info.source);
  }
  return facts;
}

IpFacts& SessionAnalyzer::State::FactsFor(Account& account, const std::string& ip_text) {
  // The cache may be used only while FactsFor would not clear ip_cache on this call.
  if (account.cached_ip_facts != nullptr && account.cached_ip_generation == ip_generation &&
      ip_cache.size() < kMaxCachedIps && account.cached_ip == ip_text) {
    return *account.cached_ip_facts;
  }
  IpFacts& facts = FactsFor(ip_text);
  account.cached_ip = ip_text;
  account.cached_ip_facts = &facts;  // unordered_map entries stay put until clear()
  account.cached_ip_generation = ip_generation;
  return facts;
}

SharedEntry& SessionAnalyzer::State::DeviceEntryFor(Account& account,
                                                    const std::string& fingerprint) {
  if (account.cached_fingerprint_entry != nullptr && account.cached_fingerprint == fingerprint) {
    return *account.cached_fingerprint_entry;
  }
  SharedEntry& entry = shared_devices[fingerprint];  // never cleared, so entries stay put
  account.cached_fingerprint = fingerprint;
  account.cached_fingerprint_entry = &entry;
  return entry;
}

const std::string& SessionAnalyzer::State::CountryFor(const std::string& name) {
  if (last_country != nullptr && name == last_country_name) return *last_country;
  const auto [position, inserted] = country_cache.try_emplace(name);
  if (inserted) position->second = normalize::NormalizeCountry(name);
  last_country_name = name;
  last_country = &position->second;
  return position->second;
}

int SessionAnalyzer::State::OffsetMinutes(Account& account, std::int64_t unix_seconds) {
  // See ZoneCache: one ICU query per zone per hour of activity.
  ZoneCache& zone = *account.zone;
  const std::int64_t hour = unix_seconds >= 0 ? unix_seconds / 3600 : (unix_seconds - 3599) / 3600;
  if (hour != zone.cached_hour) {
    zone.cached_hour = hour;
    zone.cached_offset_minutes = zone.handle.OffsetMinutes(unix_seconds);
  }
  return zone.cached_offset_minutes;
}

SigninAlert SessionAnalyzer::State::NewAlert(const Account& account, CodeIndex code,
                                             const SigninEvent& event) const {
  SigninAlert alert;
  alert.code = kCodes[code];
  alert.login = account.login;
  alert.application_id = account.application_id;
  alert.company_id = account.company_id;
  alert.at_unix = event.published_unix.value_or(0);
  return alert;
}

bool SessionAnalyzer::State::Emit(Account& account, CodeIndex code, SigninAlert alert,
                                  std::vector<SigninAlert>& out) {
  if (account.alert_counts[code] >= options.max_alerts_per_code) return false;
  ++account.alert_counts[code];
  account.alerts.push_back(alert);
  out.push_back(std::move(alert));
  return true;
}

void SessionAnalyzer::State::CheckAnonymizer(Account& account, const SigninEvent& event,
                                             const IpFacts& facts, std::vector<SigninAlert>& out) {
  const bool idp_says = event.is_proxy.value_or(false);
  if (!idp_says && !facts.anonymizer) return;
  ++account.anonymizer_events;
  // One alert per anonymizing address: the same VPN exit every morning is one finding.
  if (std::find(account.anonymizer_ips.begin(), account.anonymizer_ips.end(), event.ip_address) !=
      account.anonymizer_ips.end()) {
    return;
  }
  if (account.anonymizer_ips.size() < static_cast<std::size_t>(options.max_alerts_per_code)) {
    account.anonymizer_ips.push_back(event.ip_address);
  }
  SigninAlert alert = NewAlert(account, kAnonymizerIndex, event);
  std::string why;
  if (idp_says) {
    why = "the identity provider marked it as a proxy (securityContext.isProxy)";
    alert.facts.emplace_back("idp_is_proxy", "true");
  }
  if (facts.anonymizer) {
    const std::string kind = normalize::IpKindName(facts.kind);
    if (!why.empty()) why += " and ";
    why += "IP reference data lists it as " + (kind.empty() ? std::string("anonymous") : kind) +
           " (" + facts.source + ")";
    alert.facts.emplace_back("ip_kind", kind.empty() ? "anonymous" : kind);
    alert.facts.emplace_back("ip_source", facts.source);
  }
  if (!event.as_org.empty()) alert.facts.emplace_back("as_org", event.as_org);
  alert.message = "sign-in by " + account.login + " from " +
                  (event.ip_address.empty() ? std::string("an unknown IP") : event.ip_address) +
                  ": " + why;
  alert.event_uuids.push_back(event.uuid);
  if (!event.ip_address.empty()) alert.ips.push_back(event.ip_address);
  if (event.published_unix) alert.times.push_back(*event.published_unix);
  Emit(account, kAnonymizerIndex, std::move(alert), out);
}

void SessionAnalyzer::State::CheckForeignGeo(Account& account, const SigninEvent& event,
                                             const IpFacts& facts, std::vector<SigninAlert>& out) {
  if (account.residence_country.empty()) return;
  const std::string& idp_country = event.geo_country.empty() ? event.geo_country
                                                             : CountryFor(event.geo_country);
  const std::string& ip_country = facts.country;
  // Our own IP data is preferred to the IdP's: it is the one we can audit.
  const std::string& observed = !ip_country.empty() ? ip_country : idp_country;
  if (observed.empty() || observed == account.residence_country) return;
  ++account.foreign_events;
  if (std::find(account.foreign_countries.begin(), account.foreign_countries.end(), observed) !=
      account.foreign_countries.end()) {
    return;
  }
  if (account.foreign_countries.size() < static_cast<std::size_t>(options.max_alerts_per_code)) {
    account.foreign_countries.push_back(observed);
  }
  SigninAlert alert = NewAlert(account, kForeignGeoIndex, event);
  alert.facts.emplace_back("claimed_country", account.residence_country);
  alert.facts.emplace_back("observed_country", observed);
  if (!idp_country.empty()) alert.facts.emplace_back("idp_country", idp_country);
  if (!ip_country.empty()) alert.facts.emplace_back("ip_country", ip_country);
  alert.message = "sign-in by " + account.login + " from " + observed + ", but the hire claimed to live in " +
                  account.residence_country;
  if (!idp_country.empty() && !ip_country.empty() && idp_country != ip_country) {
    alert.facts.emplace_back("sources_disagree", "true");
    alert.message += " (the identity provider says " + idp_country + ", our IP data says " +
                     ip_country + ")";
  }
  alert.event_uuids.push_back(event.uuid);
  if (!event.ip_address.empty()) alert.ips.push_back(event.ip_address);
  if (event.published_unix) alert.times.push_back(*event.published_unix);
  Emit(account, kForeignGeoIndex, std::move(alert), out);
}

void SessionAnalyzer::State::CheckTravel(Account& account, const SigninEvent& event,
                                         const IpFacts& facts, std::vector<SigninAlert>& out) {
  if (!event.published_unix) return;
  std::optional<double> latitude = facts.latitude;
  std::optional<double> longitude = facts.longitude;
  if (!latitude || !longitude) {
    latitude = event.geo_latitude;
    longitude = event.geo_longitude;
  }
  if (!latitude || !longitude || (*latitude == 0 && *longitude == 0)) return;
  const std::int64_t now = *event.published_unix;
  const std::string& place = !facts.country.empty() ? facts.country : event.geo_country;
  if (account.has_last) {
    const double km = DistanceKm(account.last_latitude, account.last_longitude, *latitude, *longitude);
    if (km >= options.min_travel_km) {
      const double hours = static_cast<double>(std::llabs(now - account.last_time)) / 3600.0;
      const double speed = hours > 0 ? km / hours : std::numeric_limits<double>::infinity();
      if (speed > options.max_speed_kmh) {
        ++account.travel_events;
        SigninAlert alert = NewAlert(account, kTravelIndex, event);
        char text[160];
        std::snprintf(text, sizeof(text), "%.0f km in %.2f h (%s km/h, bound %.0f km/h)", km, hours,
                      std::isinf(speed) ? "infinite" : std::to_string(static_cast<long long>(speed)).c_str(),
                      options.max_speed_kmh);
        alert.message = "sign-ins by " + account.login + " from " + account.last_place + " (" +
                        account.last_ip + ") and " + place + " (" + event.ip_address + "): " + text;
        alert.event_uuids = {account.last_uuid, event.uuid};
        alert.ips = {account.last_ip, event.ip_address};
        alert.times = {account.last_time, now};
        alert.measures = {{"distance_km", km},
                          {"hours", hours},
                          {"speed_kmh", std::isinf(speed) ? -1.0 : speed},
                          {"max_speed_kmh", options.max_speed_kmh}};
        Emit(account, kTravelIndex, std::move(alert), out);
      }
    }
  }
  account.has_last = true;
  account.last_latitude = *latitude;
  account.last_longitude = *longitude;
  account.last_time = now;
  account.last_uuid = event.uuid;
  account.last_ip = event.ip_address;
  account.last_place = place;
}

void SessionAnalyzer::State::CheckHours(Account& account, const SigninEvent& event,
                                        std::vector<SigninAlert>& out) {
  if (account.zone == nullptr || !event.published_unix) return;
  const std::int64_t now = *event.published_unix;
  const int offset = OffsetMinutes(account, now);
  auto hour_of = [](std::int64_t seconds) {
    const std::int64_t in_day = ((seconds % 86400) + 86400) % 86400;
    return static_cast<int>(in_day / 3600);
  };
  ++account.local_hours[static_cast<std::size_t>(hour_of(now + offset * 60))];
  ++account.utc_hours[static_cast<std::size_t>(hour_of(now))];
  ++account.hour_events;
  const std::int64_t count = account.hour_events;
  if (account.alert_counts[kOffHoursIndex] > 0 || count < options.off_hours_min_events) return;
  // Re-evaluate at the threshold and every 10 events after: the verdict needs a histogram, and
  // a streaming monitor must still say it as soon as the evidence is there.
  if (count != options.off_hours_min_events && count % 10 != 0) return;
  std::int64_t night = 0;
  for (int hour = 0; hour < 24; ++hour) {
    const bool is_night = options.off_hours_start <= options.off_hours_end
                              ? hour >= options.off_hours_start && hour < options.off_hours_end
                              : hour >= options.off_hours_start || hour < options.off_hours_end;
    if (is_night) night += account.local_hours[static_cast<std::size_t>(hour)];
  }
  const double share = static_cast<double>(night) / static_cast<double>(count);
  if (share < options.off_hours_min_share) return;
  // Which whole-hour UTC offset puts most of these sign-ins into a 08:00-18:00 working day?
  int best_offset = 0;
  std::int64_t best_count = -1;
  for (int offset_hours = -12; offset_hours <= 14; ++offset_hours) {
    std::int64_t in_day = 0;
    for (int utc = 0; utc < 24; ++utc) {
      const int local = ((utc + offset_hours) % 24 + 24) % 24;
      if (local >= 8 && local < 18) in_day += account.utc_hours[static_cast<std::size_t>(utc)];
    }
    if (in_day > best_count) {
      best_count = in_day;
      best_offset = offset_hours;
    }
  }
  const double best_share = static_cast<double>(best_count) / static_cast<double>(count);
  SigninAlert alert = NewAlert(account, kOffHoursIndex, event);
  char text[200];
  std::snprintf(text, sizeof(text),
                "%.0f%% of %lld sign-ins fall between %02d:00 and %02d:00 in %s (%s); %.0f%% fit a "
                "08:00-18:00 working day at %s",
                share * 100, static_cast<long long>(count), options.off_hours_start,
                options.off_hours_end, account.zone->handle.id().c_str(), FormatOffset(offset).c_str(),
                best_share * 100, FormatOffset(best_offset * 60).c_str());
  alert.message = "sign-in hours of " + account.login + ": " + text;
  alert.event_uuids.push_back(event.uuid);
  alert.times.push_back(now);
  alert.facts.emplace_back("claimed_time_zone", account.zone->handle.id());
  alert.facts.emplace_back("best_fit_offset", FormatOffset(best_offset * 60));
  alert.measures = {{"events", static_cast<double>(count)},
                    {"off_hours_share", share},
                    {"min_share", options.off_hours_min_share},
                    {"claimed_offset_hours", offset / 60.0},
                    {"best_fit_offset_hours", static_cast<double>(best_offset)},
                    {"best_fit_share", best_share}};
  Emit(account, kOffHoursIndex, std::move(alert), out);
}

void SessionAnalyzer::State::CheckDevices(Account& account, const SigninEvent& event,
                                          std::vector<SigninAlert>& out) {
  // An explicit fingerprint is best; otherwise the full user-agent string stands for the device.
  const std::string_view identity =
      !event.device_fingerprint.empty() ? std::string_view(event.device_fingerprint) : event.user_agent;
  if (identity.empty()) return;
  const std::uint64_t device = std::hash<std::string_view>{}(identity);
  if (account.devices.Contains(device)) return;
  const bool first_device = account.devices.empty();
  if (account.devices.size() < kMaxDevicesPerAccount) account.devices.Add(device);
  if (first_device || !event.published_unix) return;
  const std::int64_t now = *event.published_unix;
  account.new_device_times.push_back(now);
  account.new_device_uuids.push_back(event.uuid);
  std::size_t expired = 0;
  while (expired < account.new_device_times.size() &&
         now - account.new_device_times[expired] > options.new_device_window_seconds) {
    ++expired;
  }
  if (expired > 0) {
    const auto count = static_cast<std::ptrdiff_t>(expired);
    account.new_device_times.erase(account.new_device_times.begin(),
                                   account.new_device_times.begin() + count);
    account.new_device_uuids.erase(account.new_device_uuids.begin(),
                                   account.new_device_uuids.begin() + count);
  }
  if (account.new_device_times.size() < static_cast<std::size_t>(options.new_device_burst)) return;
  ++account.bursts;
  SigninAlert alert = NewAlert(account, kBurstIndex, event);
  const std::int64_t span = now - account.new_device_times.front();
  alert.message = "account " + account.login + " used " +
                  std::to_string(account.new_device_times.size()) + " new devices within " +
                  std::to_string(span / 60) + " minutes";
  alert.event_uuids.assign(account.new_device_uuids.begin(), account.new_device_uuids.end());
  alert.times.assign(account.new_device_times.begin(), account.new_device_times.end());
  alert.measures = {{"new_devices", static_cast<double>(account.new_device_times.size())},
                    {"window_hours", static_cast<double>(options.new_device_window_seconds) / 3600.0},
                    {"burst_threshold", static_cast<double>(options.new_device_burst)}};
  Emit(account, kBurstIndex, std::move(alert), out);
  account.new_device_times.clear();
  account.new_device_uuids.clear();
}

void SessionAnalyzer::State::CheckShared(std::uint32_t account_id, SharedEntry& entry,
                                         const std::string& what, const std::string& value,
                                         const SigninEvent& event, std::vector<SigninAlert>& out) {
  if (std::find(entry.accounts.begin(), entry.accounts.end(), account_id) != entry.accounts.end()) {
    return;
  }
  if (entry.accounts.size() >= kMaxAccountsPerSharedKey) return;
  entry.accounts.push_back(account_id);
  if (entry.accounts.size() < 2) return;
  std::vector<std::string_view> companies;
  for (std::uint32_t member : entry.accounts) {
    const std::string& company = accounts[member].company_id;
    if (!company.empty() && std::find(companies.begin(), companies.end(), company) == companies.end()) {
      companies.push_back(company);
    }
  }
  const bool cross_company = companies.size() >= 2;
  if (entry.accounts.size() < static_cast<std::size_t>(options.shared_min_accounts) && !cross_company) {
    return;
  }
  for (std::uint32_t member : entry.accounts) {
    Account& account = accounts[member];
    account.shared_max_accounts = std::max(account.shared_max_accounts, entry.accounts.size());
    account.shared_cross_company = account.shared_cross_company || cross_company;
    if (std::find(entry.alerted.begin(), entry.alerted.end(), member) != entry.alerted.end()) continue;
    entry.alerted.push_back(member);
    SigninAlert alert = NewAlert(account, kSharedIndex, event);
    for (std::uint32_t other : entry.accounts) {
      if (other != member) alert.other_logins.push_back(accounts[other].login);
    }
    alert.message = std::to_string(entry.accounts.size()) + " accounts" +
                    (cross_company ? " of " + std::to_string(companies.size()) + " companies" : "") +
                    " signed in from the same " + what + ": " + JoinStrings(alert.other_logins, ", ") +
                    " besides " + account.login;
    alert.facts.emplace_back(what == "IP" ? "ip" : "device_fingerprint", value);
    alert.event_uuids.push_back(event.uuid);
    if (!event.ip_address.empty()) alert.ips.push_back(event.ip_address);
    if (event.published_unix) alert.times.push_back(*event.published_unix);
    alert.measures = {{"accounts", static_cast<double>(entry.accounts.size())},
                      {"companies", static_cast<double>(companies.size())}};
    Emit(account, kSharedIndex, std::move(alert), out);
  }
}

SessionAnalyzer::SessionAnalyzer(MonitorOptions options, const std::vector<EmployeeMapping>& employees,
                                 const normalize::IpIntel* intel)
    : state_(std::make_unique<State>()) {
  state_->options = options;
  state_->intel = intel;
  for (const EmployeeMapping& employee : employees) {
    state_->employees.try_emplace(ToLowerAscii(employee.login), employee);
  }
}

SessionAnalyzer::~SessionAnalyzer() = default;

void SessionAnalyzer::Observe(const SigninEvent& event, std::vector<SigninAlert>& alerts) {
  State& state = *state_;
  ++state.events_seen;
  if (event.actor_login.empty()) return;
  ++state.events_used;
  Account& account = state.AccountFor(event.actor_login);
  const auto account_id = static_cast<std::uint32_t>(&account - state.accounts.data());
  ++account.events;
  IpFacts no_facts;
  IpFacts& facts = event.ip_address.empty() ? no_facts : state.FactsFor(account, event.ip_address);
  // A sign-in attempt through an anonymizer is evidence even when it failed (Panther's
  // okta_anonymizing_vpn_login does not look at the outcome); where the account is and when it
  // works are read from attempts that did not fail, since failures may be someone else.
  state.CheckAnonymizer(account, event, facts, alerts);
  if (IsFailure(event.outcome_result)) return;
  ++account.usable_events;
  state.CheckForeignGeo(account, event, facts, alerts);
  state.CheckTravel(account, event, facts, alerts);
  state.CheckHours(account, event, alerts);
  state.CheckDevices(account, event, alerts);
  // Shared VPN exits and private addresses say nothing about who sits together.
  if (facts.valid && !facts.reserved && !facts.anonymizer && !event.is_proxy.value_or(false)) {
    state.CheckShared(account_id, facts.shared, "IP", event.ip_address, event, alerts);
  }
  if (!event.device_fingerprint.empty()) {
    state.CheckShared(account_id, state.DeviceEntryFor(account, event.device_fingerprint),
                      "device", event.device_fingerprint, event, alerts);
  }
}

std::vector<AccountReport> SessionAnalyzer::Accounts() const {
  std::vector<AccountReport> reports;
  reports.reserve(state_->accounts.size());
  for (const Account& account : state_->accounts) {
    AccountReport report{.login = account.login,
                         .application_id = account.application_id,
                         .company_id = account.company_id,
                         .events = account.events};
    // Weights: one occurrence is a lead, a habit is a finding (see docs/INDICATORS.md).
    std::vector<std::pair<int, std::string>> weighted;
    auto habitual = [&](std::int64_t count) {
      return count >= 3 && static_cast<double>(count) >=
                               0.25 * static_cast<double>(std::max<std::int64_t>(account.events, 1));
    };
    if (account.anonymizer_events > 0) {
      weighted.emplace_back(habitual(account.anonymizer_events) ? 35 : 20, kSigninAnonymizer);
    }
    if (account.foreign_events > 0) {
      weighted.emplace_back(habitual(account.foreign_events) ? 40 : 25, kSigninForeignGeo);
    }
    if (account.travel_events > 0) weighted.emplace_back(25, kImpossibleTravel);
    if (account.alert_counts[kOffHoursIndex] > 0) weighted.emplace_back(30, kSigninOffHours);
    if (account.shared_max_accounts > 0) {
      weighted.emplace_back(account.shared_max_accounts >= 3 ? 35 : 20, kSharedSigninIp);
    }
    if (account.bursts > 0) weighted.emplace_back(15, kNewDeviceBurst);
    std::sort(weighted.begin(), weighted.end(), [](const auto& left, const auto& right) {
      return left.first != right.first ? left.first > right.first : left.second < right.second;
    });
    int score = 0;
    for (const auto& [weight, code] : weighted) {
      score += weight;
      report.reasons.push_back(code);
    }
    report.score = std::min(score, 100);
    report.level = LevelForScore(report.score);
    report.alerts = account.alerts;
    reports.push_back(std::move(report));
  }
  std::sort(reports.begin(), reports.end(),
            [](const AccountReport& left, const AccountReport& right) { return left.login < right.login; });
  return reports;
}

std::int64_t SessionAnalyzer::events_seen() const { return state_->events_seen; }
std::int64_t SessionAnalyzer::events_used() const { return state_->events_used; }

MonitorReport AnalyzeSignins(const std::vector<SigninEvent>& events,
                             const std::vector<EmployeeMapping>& employees,
                             const normalize::IpIntel* intel, const MonitorOptions& options) {
  std::vector<std::size_t> order(events.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&events](std::size_t left, std::size_t right) {
    return events[left].published_unix.value_or(std::numeric_limits<std::int64_t>::min()) <
           events[right].published_unix.value_or(std::numeric_limits<std::int64_t>::min());
  });
  SessionAnalyzer analyzer(options, employees, intel);
  MonitorReport report;
  for (std::size_t index : order) analyzer.Observe(events[index], report.alerts);
  report.accounts = analyzer.Accounts();
  return report;
}

}  // namespace crosscheck::monitor
