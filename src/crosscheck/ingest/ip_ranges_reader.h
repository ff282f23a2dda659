// ReadIpRanges: reads the IP ranges CSV of the reference data (`cidr,country,asn,as_org,kind`,
// shared/spec/DATA.md). Values are kept as text; normalize validates and indexes them.
//
//   IssueLog issues;
//   CC_ASSIGN_OR_RETURN(std::vector<IpRangeRow> ranges,
//                       ReadIpRanges("ref/ip_ranges.csv", ReadOptions{}, issues));
//
// Issue codes (stable), besides CsvReader's FIELD_TOO_LONG, NUL_BYTE, WRONG_FIELD_COUNT and
// INVALID_UTF8:
//   MISSING_REQUIRED_FIELD  kRowSkipped  cidr is empty
#pragma once

#include <filesystem>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/ingest/read_options.h"

namespace crosscheck::ingest {

// ReadIpRanges returns the rows of `path` in file order, fields trimmed; only `cidr` is a
// required column, the others are empty when absent. Errors: kNotFound, kInvalidInput (as
// CsvReader; no cidr column, naming the header seen; with options.strict, the first Issue).
Result<std::vector<IpRangeRow>> ReadIpRanges(const std::filesystem::path& path,
                                             const ReadOptions& options, IssueLog& issues);

}  // namespace crosscheck::ingest
