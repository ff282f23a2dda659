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

#include "crosscheck/common/check.h"
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

// FoldedHash hashes a login ASCII case-insensitively (for AccountIndex), so a lookup
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
// AccountIndex maps a login (ASCII case-insensitively) to its account number. With thousands
// of accounts interleaved, a node-based map costs a cache miss per step (bucket, node, the
// key's heap buffer) on every event; here the slots (hash, number, key position) are one flat
// open-addressing table and the keys one contiguous arena, both small enough to stay in cache,
// so a lookup usually misses only on the account itself.
class AccountIndex {
 public:
  static constexpr std::uint32_t kMissing = std::numeric_limits<std::uint32_t>::max();

  std::uint32_t Find(std::string_view login) const {
    if (slots_.empty()) return kMissing;
    const std::uint64_t hash = FoldedHash{}(login);
    const std::uint32_t tag = TagOf(hash);
    for (std::size_t pos = hash & mask_;; pos = (pos + 1) & mask_) {
      const Slot& slot = slots_[pos];
      if (slot.number == kMissing) return kMissing;
      if (slot.tag == tag && slot.key_size == login.size()) {
        // Keys are lower-cased and most logins arrive so: one memcmp settles them.
        const std::string_view key = std::string_view(keys_).substr(slot.key_offset, slot.key_size);
        if (key == login || EqualsIgnoreCaseAscii(key, login)) return slot.number;
      }
    }
  }

  // Insert adds a login known to be absent.
  void Insert(std::string_view login, std::uint32_t number) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    // Offsets are 32-bit to keep a slot at 16 bytes (the table stays in cache); 4 GiB of
    // logins would need ~100 million accounts.
    CC_CHECK(keys_.size() + login.size() <= std::numeric_limits<std::uint32_t>::max());
    const std::uint64_t hash = FoldedHash{}(login);
    Slot slot{.tag = TagOf(hash),
              .number = number,
              .key_offset = static_cast<std::uint32_t>(keys_.size()),
              .key_size = static_cast<std::uint32_t>(login.size())};
    keys_.append(login);
    Place(slot, hash);
    ++count_;
  }

 private:
  // A slot keeps the hash's high half as a tag (its position comes from the low bits) and
  // the key's place in keys_: 16 bytes, half what a full hash and size_t offset took.
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t number = kMissing;
    std::uint32_t key_offset = 0;
    std::uint32_t key_size = 0;
  };

  static std::uint32_t TagOf(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }

  void Place(const Slot& slot, std::uint64_t hash) {
    std::size_t pos = hash & mask_;
    while (slots_[pos].number != kMissing) pos = (pos + 1) & mask_;
    slots_[pos] = slot;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.number == kMissing) continue;
      const std::string_view key = std::string_view(keys_).substr(slot.key_offset, slot.key_size);
      Place(slot, FoldedHash{}(key));
    }
  }

  std::vector<Slot> slots_;  // size a power of two, at most half full
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
  std::string keys_;  // every login, as first seen, back to back
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

// ShortText is a string kept inside its owner up to kInline bytes (uuids, fingerprints, IP
// addresses), on the heap beyond: the per-event compare and copy of an account's previous
// uuid and fingerprint then touch only the account's own, prefetched lines, not a heap buffer
// of their own (a cache miss each on most events).
class ShortText {
 public:
  void assign(std::string_view text) {
    if (text.size() <= kInline) {
      std::memcpy(inline_.data(), text.data(), text.size());
      size_ = static_cast<std::uint8_t>(text.size());
      if (is_long_) {
        long_.clear();
        long_.shrink_to_fit();
        is_long_ = false;
      }
    } else {
      long_.assign(text);
      is_long_ = true;
    }
  }
  std::string_view view() const {
    return is_long_ ? std::string_view(long_) : std::string_view(inline_.data(), size_);
  }
  std::string str() const { return std::string(view()); }
  bool operator==(std::string_view other) const { return view() == other; }

 private:
  static constexpr std::size_t kInline = 46;
  std::array<char, kInline> inline_{};
  std::uint8_t size_ = 0;
  bool is_long_ = false;
  std::string long_;
};

// Account is the state of one login. With thousands of accounts interleaved, each event's
// account is usually out of cache, so the fields most events touch come first, together.
struct Account {
  // ---- hot: read or written by most events ----
  ZoneCache* zone = nullptr;
  bool employee = true;  // in employees.csv (or no employees.csv was given)
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
  // The account is already a member of the cached IP's / fingerprint's SharedEntry (or the
  // entry is full): CheckShared would return at once, so it is not called (its scan of the
  // entry's member list is a cache miss on most events).
  bool in_cached_ip_entry = false;
  bool in_cached_fingerprint_entry = false;
  ShortText cached_ip;
  std::string residence_country;
  // IMPOSSIBLE_TRAVEL: the previous located sign-in
  bool has_last = false;
  double last_latitude = 0;
  double last_longitude = 0;
  std::int64_t last_time = 0;
  bool last_via_anonymizer = false;
  // SIGNIN_FOREIGN_GEO: direct sign-ins (not through an anonymizer) with a known country, and
  // the distinct UTC days with a usable sign-in
  std::int64_t located_direct = 0;
  std::int64_t located_direct_days = 0;  // distinct UTC days with a direct located sign-in
  std::int64_t last_located_direct_day = std::numeric_limits<std::int64_t>::min();
  std::int64_t active_days = 0;
  std::int64_t last_active_day = std::numeric_limits<std::int64_t>::min();
  // SIGNIN_OFF_HOURS
  std::int64_t hour_events = 0;
  std::int64_t offset_minutes_sum = 0;  // of the claimed zone, at each counted sign-in
  std::array<std::int32_t, 24> local_hours{};
  std::array<std::int32_t, 24> utc_hours{};
  // NEW_DEVICE_BURST
  DeviceSet devices;
  ShortText cached_fingerprint;
  ShortText last_uuid;
  ShortText last_ip;
  std::string last_place;
  // ---- cold: read when an alert is raised or at the end ----
  std::string login;
  std::string application_id;
  std::string company_id;
  std::vector<SigninAlert> alerts;
  // SIGNIN_ANONYMIZER
  std::int64_t anonymizer_events = 0;
  std::vector<std::string> anonymizer_ips;
  // SIGNIN_FOREIGN_GEO. "Direct" sign-ins are those not through an anonymizer: a VPN exit's
  // country says where the VPN is, not where the person is.
  std::int64_t foreign_events = 0;
  std::int64_t foreign_direct = 0;
  std::int64_t foreign_days = 0;    // distinct UTC days with a direct foreign sign-in
  std::int64_t last_foreign_day = std::numeric_limits<std::int64_t>::min();
  std::vector<std::string> foreign_countries;
  // IMPOSSIBLE_TRAVEL: all jumps, and those with neither end through an anonymizer
  std::int64_t travel_events = 0;
  std::int64_t travel_direct = 0;
  // At most options.new_device_burst entries (cleared at each burst): vectors, not deques,
  // which allocate on construction and on every move of the account.
  std::vector<std::int64_t> new_device_times;
  std::vector<std::string> new_device_uuids;
  std::int64_t bursts = 0;
  // SHARED_SIGNIN_IP: the largest group the account is in, per kind of shared key
  std::size_t ip_group_accounts = 0;
  std::size_t ip_group_companies = 0;
  IpKind ip_group_kind = IpKind::kUnknown;
  std::size_t device_group_accounts = 0;
  std::size_t device_group_companies = 0;
};

bool IsFailure(std::string_view outcome) {
  return EqualsIgnoreCaseAscii(outcome, "FAILURE") || EqualsIgnoreCaseAscii(outcome, "DENY");
}

// DayOf is the UTC day number of a Unix time (floor division, also before 1970).
std::int64_t DayOf(std::int64_t unix_seconds) {
  return unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
}

// CountDay counts a sign-in's UTC day when it differs from the last day counted; with events in
// time order (AnalyzeSignins sorts them) that counts each distinct day once.
void CountDay(const std::optional<std::int64_t>& published_unix, std::int64_t& last_day, std::int64_t& days) {
  if (!published_unix) return;
  const std::int64_t day = DayOf(*published_unix);
  if (day == last_day) return;
  last_day = day;
  ++days;
}

std::string FormatOffset(int minutes) {
  const char sign = minutes < 0 ? '-' : '+';
  const int absolute = std::abs(minutes);
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "UTC%c%02d:%02d", sign, absolute / 60, absolute % 60);
  return buffer;
}

// Ramp is 0 at or below low, 1 at or above high, linear between.
double Ramp(double value, double low, double high) {
  return std::clamp((value - low) / (high - low), 0.0, 1.0);
}

std::string Percent(std::int64_t part, std::int64_t whole) {
  return std::to_string(whole > 0 ? (100 * part + whole / 2) / whole : 0) + "%";
}

// CapFamily scales the terms [first, terms.end()) of one family of correlated indicators so
// that together they weigh at most cap nats: evidence that tends to come together (a traveller
// abroad on a hotel VPN, jumping between exits) must not count once per symptom.
// NightSignins counts the account's sign-ins in the off-hours window of the claimed
// residence's local clock (the window may wrap past midnight).
std::int64_t NightSignins(const Account& account, const MonitorOptions& options) {
  std::int64_t night = 0;
  for (int hour = 0; hour < 24; ++hour) {
    const bool is_night = options.off_hours_start <= options.off_hours_end
                              ? hour >= options.off_hours_start && hour < options.off_hours_end
                              : hour >= options.off_hours_start || hour < options.off_hours_end;
    if (is_night) night += account.local_hours[static_cast<std::size_t>(hour)];
  }
  return night;
}

void CapFamily(std::vector<ScoreTerm>& terms, std::size_t first, double cap) {
  double sum = 0;
  for (std::size_t term_idx = first; term_idx < terms.size(); ++term_idx) sum += terms[term_idx].log_odds;
  if (sum <= cap) return;
  for (std::size_t term_idx = first; term_idx < terms.size(); ++term_idx) {
    terms[term_idx].log_odds *= cap / sum;
    terms[term_idx].summary += " (family capped at " + std::to_string(cap).substr(0, 3) + " nats)";
  }
}

// Weights are log likelihood ratios in nats: how much likelier the observed pattern is for a
// remote worker hiding who and where they are than for a genuine hire. They grow with how
// habitual the evidence is, since genuine hires produce every indicator once in a while (a
// hotel VPN, a trip abroad, a partner working for another company at the same address) but
// rarely as a way of working. Bounds and the reasoning behind each number: docs/INDICATORS.md.
constexpr double kLocationFamilyCap = 5.0;  // anonymizer, foreign country, impossible travel
constexpr double kSharedFamilyCap = 5.0;    // shared IP, shared device

void ScoreAccount(const Account& account, const MonitorOptions& options, AccountReport& report) {
  std::vector<ScoreTerm> terms;
  // ---- where the account signs in from ----
  const std::size_t location_first = terms.size();
  if (account.anonymizer_events > 0) {
    // One VPN sign-in in fifty is a hotel or a privacy habit (LR ~1.6); the same on most
    // sign-ins is a way of hiding the origin (LR ~20). Few events cannot show a habit.
    const std::int64_t events = std::max<std::int64_t>(account.events, 1);
    const double share = static_cast<double>(account.anonymizer_events) / static_cast<double>(events);
    double weight = 0.5 + 2.5 * Ramp(share, 0.05, 0.6);
    if (account.anonymizer_events < 3) weight = std::min(weight, 1.0);
    terms.push_back({kSigninAnonymizer, weight,
                     "anonymizer on " + std::to_string(account.anonymizer_events) + " of " +
                         std::to_string(account.events) + " sign-ins (" +
                         Percent(account.anonymizer_events, events) + ")"});
  }
  if (account.foreign_direct > 0) {
    // Weighed by days, not sign-ins: a trip (a family visit, a holiday) is a minority of the
    // days the account was seen directly, however busy those days were (LR ~2, rising smoothly
    // with the share); living abroad while claiming another residence is most of those days,
    // a week or more of them, from elsewhere (LR ~55). Sign-ins through anonymizers are left
    // out: the exit's country is the VPN's, and the anonymizer term already counts them.
    const double day_share = static_cast<double>(account.foreign_days) /
                             static_cast<double>(std::max<std::int64_t>(account.located_direct_days, 1));
    const double habit = Ramp(day_share, 0.3, 0.8) * Ramp(static_cast<double>(account.foreign_days), 2, 7);
    terms.push_back({kSigninForeignGeo, 0.7 + 3.3 * habit,
                     std::to_string(account.foreign_direct) + " of " +
                         std::to_string(account.located_direct) + " direct sign-ins (" +
                         Percent(account.foreign_direct, account.located_direct) + ") on " +
                         std::to_string(account.foreign_days) + " of " +
                         std::to_string(account.active_days) + " active days from outside " +
                         account.residence_country});
  }
  if (account.travel_events > 0) {
    // Jumps with an anonymizer at either end are usually a VPN switched on or off.
    const double weight = account.travel_direct > 0
                              ? 0.7 + 0.4 * static_cast<double>(std::min<std::int64_t>(account.travel_direct - 1, 2))
                              : 0.2;
    terms.push_back({kImpossibleTravel, weight,
                     std::to_string(account.travel_events) + " impossible jumps, " +
                         std::to_string(account.travel_direct) + " without an anonymizer"});
  }
  CapFamily(terms, location_first, kLocationFamilyCap);
  // ---- when ----
  if (account.alert_counts[kOffHoursIndex] > 0 && account.hour_events > 0) {
    const std::int64_t night = NightSignins(account, options);
    const double share = static_cast<double>(night) / static_cast<double>(account.hour_events);
    // How far the clock must move, at least, for a 08:00-18:00 day to hold (nearly) as many
    // sign-ins as the best fit: a few hours is a late worker, or a claimed residence whose
    // zone we guessed wrong in a country of several zones; half a day is another continent.
    const double claimed_hours = static_cast<double>(account.offset_minutes_sum) /
                                 static_cast<double>(account.hour_events) / 60.0;
    std::array<std::int64_t, 27> in_day{};
    std::int64_t best = 0;
    for (int offset_hours = -12; offset_hours <= 14; ++offset_hours) {
      std::int64_t count = 0;
      for (int utc = 0; utc < 24; ++utc) {
        const int local = ((utc + offset_hours) % 24 + 24) % 24;
        if (local >= 8 && local < 18) count += account.utc_hours[static_cast<std::size_t>(utc)];
      }
      in_day[static_cast<std::size_t>(offset_hours + 12)] = count;
      best = std::max(best, count);
    }
    double shift = 12;
    for (int offset_hours = -12; offset_hours <= 14; ++offset_hours) {
      if (static_cast<double>(in_day[static_cast<std::size_t>(offset_hours + 12)]) <
          0.95 * static_cast<double>(best)) {
        continue;
      }
      double difference = std::fmod(std::fabs(offset_hours - claimed_hours), 24.0);
      difference = std::min(difference, 24 - difference);
      shift = std::min(shift, difference);
    }
    // Night owls exist (LR ~4 at the 60% bound); a whole working day at night, half a world
    // away, is a shifted time zone (LR ~30).
    const double weight = (1.5 + 2.0 * Ramp(share, options.off_hours_min_share, 0.9)) *
                          (0.3 + 0.7 * Ramp(shift, 3, 8));
    char shift_text[32];
    std::snprintf(shift_text, sizeof(shift_text), "%.0f", shift);
    terms.push_back({kSigninOffHours, weight,
                     Percent(night, account.hour_events) + " of " + std::to_string(account.hour_events) +
                         " sign-ins at night in the claimed time zone; a working day fits " +
                         shift_text + " h away"});
  }
  // ---- who else signs in from the same place ----
  const std::size_t shared_first = terms.size();
  double ip_weight = 0;
  if (account.ip_group_accounts >= 2) {
    const std::size_t members = account.ip_group_accounts;
    const std::size_t companies = account.ip_group_companies;
    if (companies >= 3) {
      // Three employers behind one address is a shared flat or a small farm; five and more
      // working adults of as many employers at one home is a laptop farm.
      ip_weight = companies == 3   ? 2.6
                  : companies == 4 ? 3.6
                                   : std::min(4.2 + 0.2 * static_cast<double>(companies - 5), 5.0);
      ip_weight += 0.1 * static_cast<double>(std::min<std::size_t>(members - companies, 4));
    } else if (companies == 2) {
      ip_weight = members == 2 ? 0.7 : 1.2;  // a couple; with a third account, a flat share
    } else if (companies == 1) {
      ip_weight = members == 2 ? 0.2 : 0.5;  // colleagues at one office, or a household
    } else {
      // Employers unknown: the group's size is all there is.
      ip_weight = members == 2 ? 0.5 : members == 3 ? 1.2 : members == 4 ? 2.0 : 2.8;
    }
    // Strangers share mobile carriers' NAT and office or coworking gateways; a residential
    // line is one household.
    if (account.ip_group_kind == IpKind::kMobile) ip_weight *= 0.3;
    if (account.ip_group_kind == IpKind::kBusiness) ip_weight *= 0.5;
  }
  double device_weight = 0;
  if (account.device_group_accounts >= 2) {
    // One device fingerprint behind accounts of different employers is one operator holding
    // several jobs; within one employer it may be an admin's second account.
    const double extra = static_cast<double>(std::min<std::size_t>(account.device_group_accounts - 2, 2));
    device_weight = account.device_group_companies >= 2 ? 3.0 + 0.5 * extra : 1.0;
  }
  if (ip_weight > 0 || device_weight > 0) {
    std::string summary;
    if (account.ip_group_accounts >= 2) {
      summary = "IP shared by " + std::to_string(account.ip_group_accounts) + " accounts of " +
                std::to_string(account.ip_group_companies) + " companies";
    }
    if (account.device_group_accounts >= 2) {
      summary += std::string(summary.empty() ? "" : "; ") + "device shared by " +
                 std::to_string(account.device_group_accounts) + " accounts of " +
                 std::to_string(account.device_group_companies) + " companies";
    }
    // The two keys usually show one group (the farm's IP and its machines): the stronger
    // counts in full, the other by half.
    terms.push_back({kSharedSigninIp,
                     std::max(ip_weight, device_weight) + 0.5 * std::min(ip_weight, device_weight),
                     summary});
  }
  CapFamily(terms, shared_first, kSharedFamilyCap);
  if (account.bursts > 0) {
    terms.push_back({kNewDeviceBurst,
                     0.5 + 0.2 * static_cast<double>(std::min<std::int64_t>(account.bursts - 1, 3)),
                     std::to_string(account.bursts) + " bursts of new devices"});
  }
  std::stable_sort(terms.begin(), terms.end(), [](const ScoreTerm& left, const ScoreTerm& right) {
    return left.log_odds > right.log_odds;
  });
  const double prior = std::clamp(options.prior_probability, 1e-6, 1 - 1e-6);
  double log_odds = std::log(prior / (1 - prior));
  for (ScoreTerm& term : terms) {
    log_odds += term.log_odds;
    report.reasons.push_back(term.code);
  }
  report.terms = std::move(terms);
  report.log_odds = log_odds;
  const double posterior = 1 / (1 + std::exp(-log_odds));
  report.score = std::clamp(static_cast<int>(std::floor(100 * posterior)), 0, 100);
  report.level = LevelForScore(report.score);
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
  AccountIndex account_index;
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
  SessionAnalyzer::EventCounts counts;

  Account& AccountFor(const std::string& login);
  IpFacts& FactsFor(const std::string& ip_text);
  IpFacts& FactsFor(Account& account, const std::string& ip_text);
  SharedEntry& DeviceEntryFor(Account& account, const std::string& fingerprint);
  std::string device_scratch;  // DeviceKey's buffer
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
                   const std::string& value, IpKind kind, const SigninEvent& event,
                   std::vector<SigninAlert>& out);
};

namespace {

// PositiveBehaviors lists the behaviours Okta marked POSITIVE in debugData.behaviors
// ("{New Geo-Location=NEGATIVE, New Device=POSITIVE, Velocity=POSITIVE}" -> "New Device, Velocity").
std::string PositiveBehaviors(std::string_view behaviors) {
  std::string positive;
  while (!behaviors.empty()) {
    const std::size_t comma = behaviors.find(',');
    std::string_view item = behaviors.substr(0, comma);
    behaviors = comma == std::string_view::npos ? std::string_view() : behaviors.substr(comma + 1);
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos) continue;
    std::string_view name = TrimAscii(item.substr(0, equals));
    const std::string_view value = TrimAscii(item.substr(equals + 1));
    if (!name.empty() && name.front() == '{') name.remove_prefix(1);
    if (!value.starts_with("POSITIVE")) continue;
    if (!positive.empty()) positive += ", ";
    positive.append(TrimAscii(name));
  }
  return positive;
}

// DeviceKey names the device of a sign-in as Okta does: debugData.deviceFingerprint, else the
// device token hash debugData.dtHash (one browser's device cookie). Empty when neither is given.
const std::string& DeviceKey(const SigninEvent& event, std::string& scratch) {
  if (!event.device_fingerprint.empty() || event.device_token_hash.empty()) return event.device_fingerprint;
  scratch.assign("dtHash:");  // its own name space: never equal to a deviceFingerprint
  scratch.append(event.device_token_hash);
  return scratch;
}

}  // namespace

Account& SessionAnalyzer::State::AccountFor(const std::string& login) {
  if (const std::uint32_t known = account_index.Find(login); known != AccountIndex::kMissing) {
    return accounts[known];
  }
  const std::string key = ToLowerAscii(login);
  account_index.Insert(key, static_cast<std::uint32_t>(accounts.size()));
  Account& account = accounts.emplace_back();
  account.login = login;
  const auto employee = employees.find(key);
  account.employee = employees.empty() || employee != employees.end();  // no file: all are
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
  account.in_cached_ip_entry = false;
  account.cached_ip.assign(ip_text);
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
  account.in_cached_fingerprint_entry = false;
  account.cached_fingerprint.assign(fingerprint);
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
  // Okta's own behaviour detection on the event corroborates what crosscheck found ("New
  // Device", "Velocity"): shown beside the evidence, not scored twice.
  if (std::string positive = PositiveBehaviors(event.behaviors); !positive.empty()) {
    alert.facts.emplace_back("okta_behaviors", std::move(positive));
  }
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
  if (observed.empty()) return;
  const bool direct = !facts.anonymizer && !event.is_proxy.value_or(false);
  if (direct) {
    ++account.located_direct;
    CountDay(event.published_unix, account.last_located_direct_day, account.located_direct_days);
  }
  if (observed == account.residence_country) return;
  ++account.foreign_events;
  if (direct) {
    ++account.foreign_direct;
    CountDay(event.published_unix, account.last_foreign_day, account.foreign_days);
  }
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
  if (!direct) alert.facts.emplace_back("via_anonymizer", "true");
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
  const bool via_anonymizer = facts.anonymizer || event.is_proxy.value_or(false);
  if (account.has_last) {
    // Most sign-ins repeat the previous place: the distance is then exactly 0, as the
    // haversine would say, without its five trigonometric calls.
    const bool same_place = account.last_latitude == *latitude && account.last_longitude == *longitude;
    const double km =
        same_place ? 0.0 : DistanceKm(account.last_latitude, account.last_longitude, *latitude, *longitude);
    // The distance beyond what geolocation error alone explains, over the time between.
    const double beyond_error_km = km - options.location_error_km;
    if (beyond_error_km > 0) {
      const double hours = static_cast<double>(std::llabs(now - account.last_time)) / 3600.0;
      const double speed = hours > 0 ? beyond_error_km / hours : std::numeric_limits<double>::infinity();
      if (speed > options.max_speed_kmh) {
        ++account.travel_events;
        const bool direct = !via_anonymizer && !account.last_via_anonymizer;
        if (direct) ++account.travel_direct;
        SigninAlert alert = NewAlert(account, kTravelIndex, event);
        if (!direct) alert.facts.emplace_back("via_anonymizer", "true");
        char text[160];
        std::snprintf(text, sizeof(text), "%.0f km in %.2f h (%s km/h beyond %.0f km of location error, bound %.0f km/h)",
                      km, hours,
                      std::isinf(speed) ? "infinite" : std::to_string(static_cast<long long>(speed)).c_str(),
                      options.location_error_km, options.max_speed_kmh);
        alert.message = "sign-ins by " + account.login + " from " + account.last_place + " (" +
                        account.last_ip.str() + ") and " + place + " (" + event.ip_address + "): " + text;
        alert.event_uuids = {account.last_uuid.str(), event.uuid};
        alert.ips = {account.last_ip.str(), event.ip_address};
        alert.times = {account.last_time, now};
        alert.measures = {{"distance_km", km},
                          {"hours", hours},
                          {"speed_kmh", std::isinf(speed) ? -1.0 : speed},
                          {"max_speed_kmh", options.max_speed_kmh},
                          {"location_error_km", options.location_error_km}};
        Emit(account, kTravelIndex, std::move(alert), out);
      }
    }
  }
  account.has_last = true;
  account.last_latitude = *latitude;
  account.last_longitude = *longitude;
  account.last_time = now;
  account.last_uuid.assign(event.uuid);
  account.last_ip.assign(event.ip_address);
  account.last_place = place;
  account.last_via_anonymizer = via_anonymizer;
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
  account.offset_minutes_sum += offset;
  const std::int64_t count = account.hour_events;
  if (account.alert_counts[kOffHoursIndex] > 0 || count < options.off_hours_min_events) return;
  // Re-evaluate at the threshold and every 10 events after: the verdict needs a histogram, and
  // a streaming monitor must still say it as soon as the evidence is there.
  if (count != options.off_hours_min_events && count % 10 != 0) return;
  const std::int64_t night = NightSignins(account, options);
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
  // An explicit device key is best; otherwise the full user-agent string stands for the device.
  const std::string& key = DeviceKey(event, device_scratch);
  const std::string_view identity = !key.empty() ? std::string_view(key) : std::string_view(event.user_agent);
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
                                         IpKind kind, const SigninEvent& event,
                                         std::vector<SigninAlert>& out) {
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
  // Only a group that raises alerts weighs in the score: evidence without its alert would be
  // a reason no reviewer can look up (two colleagues on one office IP were both).
  const bool by_ip = what == "IP";
  for (std::uint32_t member : entry.accounts) {
    Account& account = accounts[member];
    std::size_t& group_accounts = by_ip ? account.ip_group_accounts : account.device_group_accounts;
    std::size_t& group_companies = by_ip ? account.ip_group_companies : account.device_group_companies;
    if (entry.accounts.size() > group_accounts ||
        (entry.accounts.size() == group_accounts && companies.size() > group_companies)) {
      group_accounts = entry.accounts.size();
      group_companies = companies.size();
      if (by_ip) account.ip_group_kind = kind;
    }
  }
  for (std::uint32_t member : entry.accounts) {
    Account& account = accounts[member];
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
  ++state.counts.seen;
  if (event.actor_login.empty()) {
    ++state.counts.without_actor;
    return;
  }
  // Okta writes its own background work under this actor; it is nobody's sign-in.
  if (EqualsIgnoreCaseAscii(event.actor_login, "system@okta.com")) {
    ++state.counts.system_actor;
    return;
  }
  ++state.counts.used;
  if (!event.published_unix) ++state.counts.without_time;
  Account& account = state.AccountFor(event.actor_login);
  if (!account.employee) ++state.counts.not_employee;
  // The account is usually out of cache (thousands interleave) and its hot fields span several
  // lines that the checks below touch one after another: asking for them all now lets their
  // misses overlap instead of queueing behind each other.
  {
    const char* const first = reinterpret_cast<const char*>(&account);
    const char* const cold = reinterpret_cast<const char*>(&account.login);
    for (const char* line = first; line < cold; line += 64) __builtin_prefetch(line, 1);
  }
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
  CountDay(event.published_unix, account.last_active_day, account.active_days);
  state.CheckForeignGeo(account, event, facts, alerts);
  state.CheckTravel(account, event, facts, alerts);
  state.CheckHours(account, event, alerts);
  state.CheckDevices(account, event, alerts);
  // Shared VPN exits and private addresses say nothing about who sits together.
  // Only employees form groups: with employees.csv given, an office IP shared with colleagues
  // who are not hires under watch says nothing.
  if (!account.employee) return;
  if (facts.valid && !facts.reserved && !facts.anonymizer && !event.is_proxy.value_or(false) &&
      !(account.in_cached_ip_entry && &facts == account.cached_ip_facts)) {
    state.CheckShared(account_id, facts.shared, "IP", event.ip_address, facts.kind, event, alerts);
    account.in_cached_ip_entry = &facts == account.cached_ip_facts;
  }
  if (const std::string& device = DeviceKey(event, state.device_scratch); !device.empty()) {
    SharedEntry& entry = state.DeviceEntryFor(account, device);
    if (!account.in_cached_fingerprint_entry) {
      state.CheckShared(account_id, entry, "device", device, IpKind::kUnknown, event, alerts);
      account.in_cached_fingerprint_entry = true;
    }
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
    ScoreAccount(account, state_->options, report);
    report.alerts = account.alerts;
    reports.push_back(std::move(report));
  }
  std::sort(reports.begin(), reports.end(),
            [](const AccountReport& left, const AccountReport& right) { return left.login < right.login; });
  return reports;
}

SessionAnalyzer::EventCounts SessionAnalyzer::counts() const { return state_->counts; }

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
