// The steps every job that reads applications shares (scan, share encode): IP intelligence
// from the MaxMind DBs and the ranges CSV, and normalization with it.
//
//   CC_ASSIGN_OR_RETURN(normalize::IpIntel intel, LoadIpIntel(mmdb_files, ip_ranges, read_options, issues));
//   std::vector<NormalizedApplication> normalized = NormalizeWithIntel(records, intel, "", "applications.csv", issues);
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/ingest/read_options.h"
#include "crosscheck/normalize/ip_intel.h"

namespace crosscheck::pipeline {

// CheckedRegion returns the ISO alpha-2 code of a --default-region value (a code or a country
// name NormalizeCountry knows); "" stays "" (US). kInvalidInput for anything else.
Result<std::string> CheckedRegion(const std::string& text);

// LoadIpIntel opens every MaxMind DB and the ranges CSV given. A broken database is an error
// (the user asked for it by name): kInvalidInput or kNotFound; bad range rows are Issues.
Result<normalize::IpIntel> LoadIpIntel(const std::vector<std::filesystem::path>& mmdb_files,
                                       const std::optional<std::filesystem::path>& ip_ranges,
                                       const ingest::ReadOptions& read_options, IssueLog& issues);

// NormalizeWithIntel normalizes the applications on all cores, with each IP enriched from
// `intel` (when it holds any data); `default_region` reads national-format phones of rows that
// name no country (empty = US; every job over one company's rows must use the same, or its
// phone tokens differ). `file` names the input in issues.
std::vector<NormalizedApplication> NormalizeWithIntel(const std::vector<ApplicationRecord>& records,
                                                      const normalize::IpIntel& intel,
                                                      const std::string& default_region, const std::string& file,
                                                      IssueLog& issues);

}  // namespace crosscheck::pipeline
