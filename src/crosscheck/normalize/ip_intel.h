// IpIntel: every source of IP reference data of a run (any number of MaxMind DB files and an
// optional ranges CSV) behind one Lookup that merges their answers into one IpInfo.
//
//   IpIntel intel;
//   CC_ASSIGN_OR_RETURN(MmdbDatabase city, MmdbDatabase::Open("GeoIP2-City.mmdb"));
//   intel.AddDatabase(std::move(city));
//   intel.SetRangeTable(IpRangeTable::Build(rows, "ranges.csv", issues));
//   IpInfo info = intel.Lookup(*ParseIpAddress("81.2.69.142"));
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/model.h"
#include "crosscheck/normalize/ip_address.h"
#include "crosscheck/normalize/ip_range_table.h"
#include "crosscheck/normalize/mmdb_database.h"

namespace crosscheck::normalize {

// IpIntel owns its sources. Configure it (AddDatabase, SetRangeTable) before sharing it; after
// that Lookup is const and safe to call from many threads at once.
class IpIntel {
 public:
  IpIntel();
  IpIntel(IpIntel&&) noexcept;
  IpIntel& operator=(IpIntel&&) noexcept;
  IpIntel(const IpIntel&) = delete;
  IpIntel& operator=(const IpIntel&) = delete;
  ~IpIntel();

  // OpenDatabases opens each path as a MaxMind DB and adds it, in order. The errors of
  // MmdbDatabase::Open (kNotFound, kInvalidInput), with the path as context.
  Status OpenDatabases(const std::vector<std::string>& paths);

  // AddDatabase adds one opened file. Earlier files win for geography when two disagree.
  void AddDatabase(MmdbDatabase database);

  // SetRangeTable sets the ranges CSV table (replacing any earlier one).
  void SetRangeTable(IpRangeTable table);

  // Lookup merges every source's answer: country, city, location, ASN and organisation come
  // from the first source that has them (MaxMind files in the order added, then the ranges
  // table); kind comes from the ranges table when it names one, else from the files;
  // is_anonymous is set when any source says VPN, proxy, Tor, hosting or anonymous; source
  // lists the file names that answered, ';'-separated. A source that is corrupt at this
  // address is skipped and counted in lookup_failures(). An address nobody covers gives an
  // empty IpInfo.
  IpInfo Lookup(const IpAddress& address) const;

  // Lookup parses text first; an empty IpInfo when it is not an IP address.
  IpInfo Lookup(std::string_view address_text) const;

  // empty says whether no source was configured (Lookup then always returns an empty IpInfo).
  bool empty() const { return databases_.empty() && !ranges_; }

  // lookup_failures counts lookups a corrupt file could not answer.
  std::uint64_t lookup_failures() const;

  // first_failure returns the message of the first such failure ("" when none).
  std::string first_failure() const;

 private:
  struct FailureLog;  // rare, so guarded by a mutex

  std::vector<MmdbDatabase> databases_;
  std::optional<IpRangeTable> ranges_;
  std::unique_ptr<FailureLog> failures_;
};

}  // namespace crosscheck::normalize
