#include "crosscheck/normalize/ip_intel.h"

#include <mutex>
#include <utility>

namespace crosscheck::normalize {

struct IpIntel::FailureLog {
  mutable std::mutex mutex;
  std::uint64_t count = 0;
  std::string first;
};

namespace {

void AddSource(IpInfo& merged, const std::string& name) {
  if (name.empty()) return;
  if (!merged.source.empty()) merged.source += ';';
  merged.source += name;
}

// MergeFrom fills the fields merged does not know yet from one source's answer.
void MergeFrom(IpInfo& merged, const IpInfo& answer) {
  if (merged.country.empty()) merged.country = answer.country;
  if (merged.city.empty()) merged.city = answer.city;
  if (!merged.latitude && !merged.longitude) {
    merged.latitude = answer.latitude;
    merged.longitude = answer.longitude;
  }
  if (!merged.asn) merged.asn = answer.asn;
  if (merged.as_org.empty()) merged.as_org = answer.as_org;
  if (merged.kind == IpKind::kUnknown) merged.kind = answer.kind;
  merged.is_anonymous = merged.is_anonymous || answer.is_anonymous;
}

bool HasAnything(const IpInfo& info) {
  return !info.country.empty() || !info.city.empty() || info.latitude || info.asn ||
         !info.as_org.empty() || info.kind != IpKind::kUnknown || info.is_anonymous;
}

}  // namespace

IpIntel::IpIntel() : failures_(std::make_unique<FailureLog>()) {}
IpIntel::IpIntel(IpIntel&&) noexcept = default;
IpIntel& IpIntel::operator=(IpIntel&&) noexcept = default;
IpIntel::~IpIntel() = default;

Status IpIntel::OpenDatabases(const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    Result<MmdbDatabase> database = MmdbDatabase::Open(path);
    if (!database) return std::unexpected(std::move(database).error().AddContext("--mmdb " + path));
    AddDatabase(std::move(*database));
  }
  return Ok();
}

void IpIntel::AddDatabase(MmdbDatabase database) { databases_.push_back(std::move(database)); }

void IpIntel::SetRangeTable(IpRangeTable table) { ranges_ = std::move(table); }

IpInfo IpIntel::Lookup(const IpAddress& address) const {
  IpInfo merged;
  // The ranges CSV is the operator's own knowledge (a consortium list of VPN exits, say), so
  // its kind overrides what the commercial files infer.
  const IpInfo* range = ranges_ ? ranges_->Find(address) : nullptr;
  if (range != nullptr) merged.kind = range->kind;
  for (const MmdbDatabase& database : databases_) {
    Result<IpInfo> answer = database.Lookup(address);
    if (!answer) {
      std::lock_guard<std::mutex> lock(failures_->mutex);
      if (failures_->count++ == 0) failures_->first = answer.error().ToString();
      continue;
    }
    if (!HasAnything(*answer)) continue;
    MergeFrom(merged, *answer);
    AddSource(merged, answer->source);
  }
  if (range != nullptr) {
    MergeFrom(merged, *range);
    AddSource(merged, range->source);
  }
  return merged;
}

IpInfo IpIntel::Lookup(std::string_view address_text) const {
  std::optional<IpAddress> address = ParseIpAddress(address_text);
  if (!address) return IpInfo{};
  return Lookup(*address);
}

std::uint64_t IpIntel::lookup_failures() const {
  std::lock_guard<std::mutex> lock(failures_->mutex);
  return failures_->count;
}

std::string IpIntel::first_failure() const {
  std::lock_guard<std::mutex> lock(failures_->mutex);
  return failures_->first;
}

}  // namespace crosscheck::normalize
