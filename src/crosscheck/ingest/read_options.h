// ReadOptions: how the contract readers (applications, employees, IP ranges, sign-ins)
// treat bad records. Shared by every Read* function of this module.
//
//   IssueLog issues;
//   auto apps = ReadApplications(path, ReadOptions{.strict = true}, issues);
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace crosscheck::ingest {

// ColumnMap maps a file's column names to contract column names (`--columns map.csv`), for
// the foreign export headers the built-in vocabulary does not recognize.
using ColumnMap = std::vector<std::pair<std::string, std::string>>;

// ReadOptions: by default bad records become Issues and reading goes on; with strict the
// first Issue of any kind (row or field) is returned as a kInvalidInput Error naming
// file:line:column, for pipelines that must not run on partial data.
struct ReadOptions {
  bool strict = false;
  // Longest field (CSV) kept; a longer one makes its row a FIELD_TOO_LONG issue. For JSON
  // lines the same limit applies to a whole line (LINE_TOO_LONG).
  std::size_t max_field_bytes = std::size_t{1} << 20;
  // Applications only: the user's column names for contract columns (see header_mapping.h).
  ColumnMap column_map;
};

}  // namespace crosscheck::ingest
