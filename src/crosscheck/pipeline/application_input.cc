#include "crosscheck/pipeline/application_input.h"

#include "crosscheck/ingest/ip_ranges_reader.h"
#include "crosscheck/normalize/address.h"
#include "crosscheck/normalize/application_normalizer.h"
#include "crosscheck/normalize/ip_address.h"

namespace crosscheck::pipeline {

Result<normalize::IpIntel> LoadIpIntel(const std::vector<std::filesystem::path>& mmdb_files,
                                       const std::optional<std::filesystem::path>& ip_ranges,
                                       const ingest::ReadOptions& read_options, IssueLog& issues) {
  normalize::IpIntel intel;
  std::vector<std::string> paths;
  for (const auto& path : mmdb_files) paths.push_back(path.string());
  CC_RETURN_IF_ERROR(intel.OpenDatabases(paths));
  if (ip_ranges) {
    CC_ASSIGN_OR_RETURN(std::vector<IpRangeRow> rows, ingest::ReadIpRanges(*ip_ranges, read_options, issues));
    intel.SetRangeTable(normalize::IpRangeTable::Build(rows, ip_ranges->filename().string(), issues));
  }
  return intel;
}

Result<std::string> CheckedRegion(const std::string& text) {
  if (text.empty()) return std::string();
  std::string region = normalize::NormalizeCountry(text);
  if (region.empty()) return InvalidInput("--default-region '" + text + "' is not a country (give an ISO code such as GB)");
  return region;
}

std::vector<NormalizedApplication> NormalizeWithIntel(const std::vector<ApplicationRecord>& records,
                                                      const normalize::IpIntel& intel,
                                                      const std::string& default_region, const std::string& file,
                                                      IssueLog& issues) {
  normalize::NormalizeContext context;
  context.file = file;
  context.default_region = default_region;
  context.ip_enricher = [&intel](std::string_view text, NormalizedApplication& application) {
    const auto address = normalize::ParseIpAddress(text);
    if (!address) return;
    application.ip_address = address->ToString();
    application.ip_prefix = normalize::PrefixKey(*address);
    if (!intel.empty()) application.ip_info = intel.Lookup(*address);
  };
  return normalize::NormalizeApplications(records, context, &issues);
}

}  // namespace crosscheck::pipeline
