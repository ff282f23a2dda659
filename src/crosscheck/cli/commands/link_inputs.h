// Shared by `crosscheck link` and `crosscheck explain`: reading the --input CSV files into
// link sources (named by file base name) and parsing --field COL:TYPE overrides.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/ingest/csv_table.h"
#include "crosscheck/link/record_table.h"

namespace crosscheck::cli {

// ReadLinkSources reads each path as a CSV (FEBRL-style ", " separators are trimmed); row
// issues go to `issues`. Errors: those of ReadCsvTable (kNotFound, kInvalidInput).
inline Result<std::vector<link::LinkSource>> ReadLinkSources(const std::vector<std::string>& paths,
                                                             IssueLog& issues) {
  std::vector<link::LinkSource> sources;
  for (const std::string& path : paths) {
    ingest::CsvOptions options;
    Result<ingest::CsvTable> table = ingest::ReadCsvTable(path, options, issues);
    if (!table) return std::unexpected(std::move(table).error().AddContext("reading " + path));
    link::LinkSource source;
    source.name = std::filesystem::path(path).filename().string();
    source.header = std::move(table->header);
    source.rows = std::move(table->rows);
    source.lines = std::move(table->lines);
    sources.push_back(std::move(source));
  }
  return sources;
}

// ParseFieldOverrides parses "COLUMN:TYPE" flags. kInvalidInput on a missing colon or an
// unknown type name.
inline Result<std::vector<link::FieldSpec>> ParseFieldOverrides(const std::vector<std::string>& flags) {
  std::vector<link::FieldSpec> specs;
  for (const std::string& flag : flags) {
    const std::size_t colon = flag.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      return InvalidInput("--field expects COLUMN:TYPE, got '" + flag + "'");
    }
    std::optional<link::FieldType> type = link::ParseFieldType(flag.substr(colon + 1));
    if (!type) {
      return InvalidInput("--field '" + flag + "': unknown type; use given_name, surname, full_name, "
                          "email, phone, date, postal_code, street, city, state, identifier, "
                          "categorical, text or string");
    }
    specs.push_back({flag.substr(0, colon), *type});
  }
  return specs;
}

}  // namespace crosscheck::cli
