// Test helpers of the simulate module: the small worlds the tests generate, and a strict
// RFC 4180 reader (written independently of the generator's writer) for their CSV files.
//
//   ASSERT_TRUE(GenerateWorld(internal::SmallWorldConfig(11, 1200), dir));
//   internal::Table apps = internal::ReadTable(dir / "applications.csv");
//   const std::size_t email_col = apps.Col("email");
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crosscheck/simulate/world.h"

namespace crosscheck::simulate::internal {

// SmallWorldConfig: 200 companies, `people` legitimate people, 30 personas in 5 operations —
// fraud-dense on purpose, generated in well under a second.
inline WorldConfig SmallWorldConfig(std::uint64_t seed, std::int64_t people, Profile profile = Profile::kDefault) {
  WorldConfig config;
  config.seed = seed;
  config.companies = 200;
  config.people = people;
  config.personas = 30;
  config.operations = 5;
  config.profile = profile;
  return config;
}

// ReadFile returns a file's bytes (empty when it cannot be read).
inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// ParseCsv splits RFC 4180 text into rows of fields.
inline std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (quoted) {
      if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
        field.push_back('"');
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      field_started = false;
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      field_started = false;
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (!row.empty() || !field.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

// Table is a CSV file: its header and its rows; Col returns a column index (header.size() when
// missing).
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t Col(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? header.size() : static_cast<std::size_t>(it - header.begin());
  }
};

inline Table ReadTable(const std::filesystem::path& path) {
  auto rows = ParseCsv(ReadFile(path));
  Table table;
  if (rows.empty()) return table;
  table.header = rows.front();
  table.rows.assign(rows.begin() + 1, rows.end());
  return table;
}

}  // namespace crosscheck::simulate::internal
