// MmdbDatabase: one MaxMind DB file (.mmdb) opened read-only through libmaxminddb, answering
// "what is known about this address" as an IpInfo. Understands the GeoIP2/GeoLite2 City and
// Country, GeoLite2 ASN and GeoIP2 Anonymous IP layouts (detected from the file's metadata).
//
//   CC_ASSIGN_OR_RETURN(MmdbDatabase db, MmdbDatabase::Open("GeoIP2-City-Test.mmdb"));
//   CC_ASSIGN_OR_RETURN(IpInfo info, db.Lookup(*ParseIpAddress("81.2.69.142")));
//   // info.country == "GB", info.city == "London"
#pragma once

#include <memory>
#include <string>

#include "crosscheck/common/error.h"
#include "crosscheck/common/model.h"
#include "crosscheck/normalize/ip_address.h"

namespace crosscheck::normalize {

// MmdbLayout is which MaxMind product layout a file follows, from metadata database_type.
enum class MmdbLayout : std::uint8_t {
  kUnknown,      // read every field we know of
  kCity,         // GeoIP2/GeoLite2 City, Enterprise: country, city, location (and traits)
  kCountry,      // GeoIP2/GeoLite2 Country: country
  kAsn,          // GeoLite2/GeoIP2 ASN, ISP: autonomous_system_number/organization
  kAnonymousIp,  // GeoIP2 Anonymous IP: is_anonymous, is_anonymous_vpn, ...
};

// MmdbLayoutName returns "city", "country", "asn", "anonymous_ip" or "unknown".
const char* MmdbLayoutName(MmdbLayout layout);

// MmdbDatabase owns one memory-mapped MaxMind DB. Movable, not copyable. Lookup is const and
// thread-safe: libmaxminddb reads a memory-mapped file without shared mutable state.
class MmdbDatabase {
 public:
  MmdbDatabase(MmdbDatabase&& other) noexcept;
  MmdbDatabase& operator=(MmdbDatabase&& other) noexcept;
  MmdbDatabase(const MmdbDatabase&) = delete;
  MmdbDatabase& operator=(const MmdbDatabase&) = delete;
  ~MmdbDatabase();

  // Open maps the file at path. kNotFound when it does not exist; kInvalidInput when it is not
  // a readable MaxMind DB (the message names the file and libmaxminddb's MMDB_strerror text).
  static Result<MmdbDatabase> Open(const std::string& path);

  // Lookup returns what the file says of address, in the IpInfo fields its layout carries;
  // source is the file name. An address the file does not cover gives an empty IpInfo (source
  // empty), not an error. kInvalidInput when the file's search tree or data section is corrupt
  // at this address (message names the file and the MMDB_strerror text).
  Result<IpInfo> Lookup(const IpAddress& address) const;

  MmdbLayout layout() const;
  // database_type returns the metadata's database_type ("GeoIP2-City", ...).
  const std::string& database_type() const;
  // path returns the path the file was opened from; name its last component.
  const std::string& path() const;
  const std::string& name() const;

 private:
  struct Impl;
  explicit MmdbDatabase(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

}  // namespace crosscheck::normalize
