#include "crosscheck/normalize/mmdb_database.h"

#include <maxminddb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>

#include "crosscheck/common/strings.h"

namespace crosscheck::normalize {

struct MmdbDatabase::Impl {
  MMDB_s mmdb{};
  std::string path;
  std::string name;
  std::string database_type;
  MmdbLayout layout = MmdbLayout::kUnknown;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() { MMDB_close(&mmdb); }
};

namespace {

MmdbLayout DetectLayout(std::string_view database_type) {
  // MaxMind names products "<vendor>-<product>[-Test]"; DB-IP and IPinfo files reuse them.
  auto has = [database_type](std::string_view part) {
    return database_type.find(part) != std::string_view::npos;
  };
  if (has("Anonymous-IP")) return MmdbLayout::kAnonymousIp;
  if (has("ASN") || has("ISP")) return MmdbLayout::kAsn;
  if (has("City") || has("Enterprise")) return MmdbLayout::kCity;
  if (has("Country")) return MmdbLayout::kCountry;
  return MmdbLayout::kUnknown;
}

// Only damage to the file is an error; a path missing from a record just means "not known".
bool IsCorruption(int status) {
  return status == MMDB_CORRUPT_SEARCH_TREE_ERROR || status == MMDB_INVALID_DATA_ERROR ||
         status == MMDB_INVALID_METADATA_ERROR || status == MMDB_UNKNOWN_DATABASE_FORMAT_ERROR ||
         status == MMDB_OUT_OF_MEMORY_ERROR;
}

// FieldReader pulls typed values out of one lookup result, remembering the first corruption.
class FieldReader {
 public:
  explicit FieldReader(MMDB_entry_s* entry) : entry_(entry) {}

  std::optional<std::string> String(const char* const* path) {
    MMDB_entry_data_s data;
    if (!Get(path, &data) || data.type != MMDB_DATA_TYPE_UTF8_STRING) return std::nullopt;
    return std::string(data.utf8_string, data.data_size);
  }

  std::optional<double> Double(const char* const* path) {
    MMDB_entry_data_s data;
    if (!Get(path, &data)) return std::nullopt;
    if (data.type == MMDB_DATA_TYPE_DOUBLE) return data.double_value;
    if (data.type == MMDB_DATA_TYPE_FLOAT) return static_cast<double>(data.float_value);
    return std::nullopt;
  }

  std::optional<std::uint32_t> Uint32(const char* const* path) {
    MMDB_entry_data_s data;
    if (!Get(path, &data)) return std::nullopt;
    switch (data.type) {
      case MMDB_DATA_TYPE_UINT16: return data.uint16;
      case MMDB_DATA_TYPE_UINT32: return data.uint32;
      case MMDB_DATA_TYPE_INT32:
        if (data.int32 >= 0) return static_cast<std::uint32_t>(data.int32);
        return std::nullopt;
      default: return std::nullopt;
    }
  }

  bool Bool(const char* const* path) {
    MMDB_entry_data_s data;
    return Get(path, &data) && data.type == MMDB_DATA_TYPE_BOOLEAN && data.boolean;
  }

  int first_error() const { return first_error_; }

 private:
  bool Get(const char* const* path, MMDB_entry_data_s* data) {
    const int status = MMDB_aget_value(entry_, data, path);
    if (status != MMDB_SUCCESS) {
      if (IsCorruption(status) && first_error_ == MMDB_SUCCESS) first_error_ = status;
      return false;
    }
    return data->has_data;
  }

  MMDB_entry_s* entry_;
  int first_error_ = MMDB_SUCCESS;
};

constexpr const char* kCountryIso[] = {"country", "iso_code", nullptr};
constexpr const char* kRegisteredCountryIso[] = {"registered_country", "iso_code", nullptr};
constexpr const char* kCityName[] = {"city", "names", "en", nullptr};
constexpr const char* kLatitude[] = {"location", "latitude", nullptr};
constexpr const char* kLongitude[] = {"location", "longitude", nullptr};
constexpr const char* kAsn[] = {"autonomous_system_number", nullptr};
constexpr const char* kAsOrg[] = {"autonomous_system_organization", nullptr};
constexpr const char* kTraitsAsn[] = {"traits", "autonomous_system_number", nullptr};
constexpr const char* kTraitsAsOrg[] = {"traits", "autonomous_system_organization", nullptr};
constexpr const char* kTraitsAnonymousProxy[] = {"traits", "is_anonymous_proxy", nullptr};
constexpr const char* kIsAnonymous[] = {"is_anonymous", nullptr};
constexpr const char* kIsVpn[] = {"is_anonymous_vpn", nullptr};
constexpr const char* kIsHosting[] = {"is_hosting_provider", nullptr};
constexpr const char* kIsPublicProxy[] = {"is_public_proxy", nullptr};
constexpr const char* kIsResidentialProxy[] = {"is_residential_proxy", nullptr};
constexpr const char* kIsTor[] = {"is_tor_exit_node", nullptr};

void ReadGeo(FieldReader& reader, bool with_city, IpInfo& info) {
  if (auto country = reader.String(kCountryIso)) {
    info.country = ToUpperAscii(*country);
  } else if (auto registered = reader.String(kRegisteredCountryIso)) {
    // Anycast and satellite ranges have no located country, only the registrant's.
    info.country = ToUpperAscii(*registered);
  }
  if (!with_city) return;
  if (auto city = reader.String(kCityName)) info.city = std::move(*city);
  info.latitude = reader.Double(kLatitude);
  info.longitude = reader.Double(kLongitude);
  // Enterprise files carry the ASN and the legacy anonymous-proxy flag under traits.
  if (auto asn = reader.Uint32(kTraitsAsn)) info.asn = asn;
  if (auto org = reader.String(kTraitsAsOrg)) info.as_org = std::move(*org);
  if (reader.Bool(kTraitsAnonymousProxy)) {
    info.is_anonymous = true;
    if (info.kind == IpKind::kUnknown) info.kind = IpKind::kProxy;
  }
}

void ReadAsn(FieldReader& reader, IpInfo& info) {
  info.asn = reader.Uint32(kAsn);
  if (auto org = reader.String(kAsOrg)) info.as_org = std::move(*org);
}

void ReadAnonymous(FieldReader& reader, IpInfo& info) {
  const bool tor = reader.Bool(kIsTor);
  const bool vpn = reader.Bool(kIsVpn);
  const bool public_proxy = reader.Bool(kIsPublicProxy);
  const bool residential_proxy = reader.Bool(kIsResidentialProxy);
  const bool hosting = reader.Bool(kIsHosting);
  const bool anonymous = reader.Bool(kIsAnonymous);
  // The most hiding kind wins: Tor, then VPN, then proxies, then plain hosting.
  if (tor) {
    info.kind = IpKind::kTor;
  } else if (vpn) {
    info.kind = IpKind::kVpn;
  } else if (public_proxy || residential_proxy) {
    info.kind = IpKind::kProxy;
  } else if (hosting) {
    info.kind = IpKind::kHosting;
  }
  info.is_anonymous = anonymous || tor || vpn || public_proxy || residential_proxy || hosting;
}

}  // namespace

const char* MmdbLayoutName(MmdbLayout layout) {
  switch (layout) {
    case MmdbLayout::kCity: return "city";
    case MmdbLayout::kCountry: return "country";
    case MmdbLayout::kAsn: return "asn";
    case MmdbLayout::kAnonymousIp: return "anonymous_ip";
    case MmdbLayout::kUnknown: break;
  }
  return "unknown";
}

MmdbDatabase::MmdbDatabase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MmdbDatabase::MmdbDatabase(MmdbDatabase&& other) noexcept = default;
MmdbDatabase& MmdbDatabase::operator=(MmdbDatabase&& other) noexcept = default;
MmdbDatabase::~MmdbDatabase() = default;

Result<MmdbDatabase> MmdbDatabase::Open(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return NotFound("MaxMind DB file not found: " + path);
  }
  if (std::filesystem::is_directory(path, error)) {
    return InvalidInput("MaxMind DB path is a directory: " + path);
  }
  auto impl = std::make_unique<Impl>();
  const int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, &impl->mmdb);
  if (status != MMDB_SUCCESS) {
    // On failure MMDB_open has already freed what it allocated but leaves the pointers set;
    // zero the struct so that the destructor's MMDB_close does not free them twice.
    std::string message = "cannot open MaxMind DB " + path + ": " + MMDB_strerror(status);
    if (status == MMDB_IO_ERROR || status == MMDB_FILE_OPEN_ERROR) {
      message += std::string(" (") + std::strerror(errno) + ")";
    }
    impl->mmdb = MMDB_s{};
    return InvalidInput(std::move(message));
  }
  impl->path = path;
  impl->name = std::filesystem::path(path).filename().string();
  if (impl->mmdb.metadata.database_type != nullptr) {
    impl->database_type = impl->mmdb.metadata.database_type;
  }
  impl->layout = DetectLayout(impl->database_type);
  return MmdbDatabase(std::move(impl));
}

Result<IpInfo> MmdbDatabase::Lookup(const IpAddress& address) const {
  sockaddr_storage storage{};
  if (address.is_v4()) {
    auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
    v4->sin_family = AF_INET;
    std::memcpy(&v4->sin_addr, address.bytes().data() + 12, 4);
  } else {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
    v6->sin6_family = AF_INET6;
    std::memcpy(&v6->sin6_addr, address.bytes().data(), 16);
  }
  int status = MMDB_SUCCESS;
  MMDB_lookup_result_s result =
      MMDB_lookup_sockaddr(&impl_->mmdb, reinterpret_cast<const sockaddr*>(&storage), &status);
  auto corrupt = [&](int code) {
    return InvalidInput("MaxMind DB " + impl_->path + " is corrupt (lookup of " +
                        address.ToString() + "): " + MMDB_strerror(code));
  };
  if (status != MMDB_SUCCESS) {
    // An IPv6 address in an IPv4-only file is simply not covered.
    if (status == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR) return IpInfo{};
    return corrupt(status);
  }
  IpInfo info;
  if (!result.found_entry) return info;
  FieldReader reader(&result.entry);
  switch (impl_->layout) {
    case MmdbLayout::kCity: ReadGeo(reader, /*with_city=*/true, info); break;
    case MmdbLayout::kCountry: ReadGeo(reader, /*with_city=*/false, info); break;
    case MmdbLayout::kAsn: ReadAsn(reader, info); break;
    case MmdbLayout::kAnonymousIp: ReadAnonymous(reader, info); break;
    case MmdbLayout::kUnknown:
      ReadGeo(reader, /*with_city=*/true, info);
      if (!info.asn) ReadAsn(reader, info);
      ReadAnonymous(reader, info);
      break;
  }
  if (reader.first_error() != MMDB_SUCCESS) return corrupt(reader.first_error());
  info.source = impl_->name;
  return info;
}

MmdbLayout MmdbDatabase::layout() const { return impl_->layout; }
const std::string& MmdbDatabase::database_type() const { return impl_->database_type; }
const std::string& MmdbDatabase::path() const { return impl_->path; }
const std::string& MmdbDatabase::name() const { return impl_->name; }

}  // namespace crosscheck::normalize
