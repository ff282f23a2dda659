#include "crosscheck/link/record_table.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "crosscheck/common/column_names.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/link/internal/parallel.h"

namespace crosscheck::link {
namespace {

struct TypeName {
  const char* name;
  FieldType type;
};

constexpr std::array<TypeName, 14> kTypeNames = {{
    {"given_name", FieldType::kGivenName}, {"surname", FieldType::kSurname},
    {"full_name", FieldType::kFullName},   {"email", FieldType::kEmail},
    {"phone", FieldType::kPhone},          {"date", FieldType::kDate},
    {"postal_code", FieldType::kPostalCode}, {"street", FieldType::kStreet},
    {"city", FieldType::kCity},            {"state", FieldType::kState},
    {"identifier", FieldType::kIdentifier}, {"categorical", FieldType::kCategorical},
    {"text", FieldType::kText},            {"string", FieldType::kString},
}};

// TypeFromName maps the kind a column name announces (common/column_names.h, the one
// vocabulary of foreign headers) to how linkage compares it.
std::optional<FieldType> TypeFromName(std::string_view column) {
  const std::optional<ColumnKind> kind = ClassifyColumnName(column);
  if (!kind) return std::nullopt;
  switch (*kind) {
    case ColumnKind::kEmail: return FieldType::kEmail;
    case ColumnKind::kPhone: return FieldType::kPhone;
    case ColumnKind::kBirthDate: case ColumnKind::kDate: return FieldType::kDate;
    case ColumnKind::kPostalCode: return FieldType::kPostalCode;
    case ColumnKind::kGivenName: return FieldType::kGivenName;
    case ColumnKind::kSurname: return FieldType::kSurname;
    case ColumnKind::kStreet: return FieldType::kStreet;
    case ColumnKind::kCity: return FieldType::kCity;
    case ColumnKind::kRegion: case ColumnKind::kCountry: return FieldType::kState;
    case ColumnKind::kCategorical: return FieldType::kCategorical;
    case ColumnKind::kFullName: return FieldType::kFullName;
    case ColumnKind::kHouseNumber: case ColumnKind::kLinkedin: case ColumnKind::kGithub:
    case ColumnKind::kIdentifier:
      return FieldType::kIdentifier;
    case ColumnKind::kResume: case ColumnKind::kText: return FieldType::kText;
  }
  return std::nullopt;
}

bool LooksLikeDate(std::string_view value) {
  int digits = 0;
  int separators = 0;
  for (char c : value) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '-' || c == '/' || c == '.') ++separators;
    else return false;
  }
  return (digits == 8 && (separators == 0 || separators == 2)) ||
         (digits >= 6 && digits <= 8 && separators == 2);
}

}  // namespace

const char* FieldTypeName(FieldType type) {
  for (const TypeName& entry : kTypeNames) {
    if (entry.type == type) return entry.name;
  }
  return "string";
}

std::optional<FieldType> ParseFieldType(std::string_view name) {
  const std::string lower = ToLowerAscii(TrimAscii(name));
  for (const TypeName& entry : kTypeNames) {
    if (lower == entry.name) return entry.type;
  }
  if (lower == "given" || lower == "first_name" || lower == "forename") return FieldType::kGivenName;
  if (lower == "family_name" || lower == "last_name") return FieldType::kSurname;
  if (lower == "name") return FieldType::kFullName;
  if (lower == "dob") return FieldType::kDate;
  if (lower == "zip" || lower == "postcode") return FieldType::kPostalCode;
  if (lower == "id") return FieldType::kIdentifier;
  if (lower == "address") return FieldType::kStreet;
  return std::nullopt;
}

FieldType InferFieldType(std::string_view column, const std::vector<std::string_view>& sample) {
  if (std::optional<FieldType> by_name = TypeFromName(column)) return *by_name;
  if (sample.empty()) return FieldType::kString;
  std::size_t emails = 0, dates = 0, digit_strings = 0, tokens = 0;
  std::unordered_set<std::string_view> distinct;
  for (std::string_view value : sample) {
    distinct.insert(value);
    if (value.find('@') != std::string_view::npos) ++emails;
    if (LooksLikeDate(value)) ++dates;
    std::size_t digits = 0, other = 0;
    for (char c : value) {
      if (c >= '0' && c <= '9') ++digits;
      else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')') ++other;
    }
    if (digits >= 4 && other == 0) ++digit_strings;
    tokens += static_cast<std::size_t>(std::count(value.begin(), value.end(), ' ')) + 1;
  }
  const double count = static_cast<double>(sample.size());
  if (emails >= 0.8 * count) return FieldType::kEmail;
  if (dates >= 0.8 * count) return FieldType::kDate;
  if (distinct.size() <= 30 && distinct.size() * 5 <= sample.size()) return FieldType::kCategorical;
  if (digit_strings >= 0.8 * count) return FieldType::kIdentifier;
  if (static_cast<double>(tokens) / count >= 5.0) return FieldType::kText;
  return FieldType::kString;
}

namespace {

// BuildTable implements both BuildRecordTable overloads; with `consumed` (== &sources) each
// row's strings are moved into its record and the row freed.
Result<RecordTable> BuildTable(const std::vector<LinkSource>& sources, std::vector<LinkSource>* consumed,
                               const SchemaOptions& options, IssueLog& issues) {
  if (sources.empty()) return InvalidInput("no input to link");
  RecordTable table;
  // Canonical source order: by name.
  std::vector<std::size_t> source_order(sources.size());
  std::iota(source_order.begin(), source_order.end(), 0);
  std::sort(source_order.begin(), source_order.end(),
            [&](std::size_t a, std::size_t b) { return sources[a].name < sources[b].name; });
  for (std::size_t idx = 1; idx < source_order.size(); ++idx) {
    if (sources[source_order[idx]].name == sources[source_order[idx - 1]].name) {
      return InvalidInput("two inputs share the name '" + sources[source_order[idx]].name +
                          "'; sources are named by file base name and must differ");
    }
  }
  const std::string id_key = ToLowerAscii(TrimAscii(options.id_column));
  std::unordered_set<std::string> ignored;
  for (const auto& column : options.ignore) ignored.insert(ToLowerAscii(TrimAscii(column)));

  // Union of columns by lower-case name, in order of first appearance (sources in canonical
  // order), so the field list does not depend on the order inputs were given.
  std::vector<std::string> field_keys;
  std::unordered_map<std::string, std::size_t> field_of_key;
  std::unordered_set<std::string> all_columns;
  for (std::size_t source_idx : source_order) {
    const LinkSource& source = sources[source_idx];
    bool has_id = false;
    for (const auto& column : source.header) {
      const std::string key = ToLowerAscii(TrimAscii(column));
      all_columns.insert(key);
      if (key == id_key) {
        has_id = true;
        continue;
      }
      if (key.empty() || ignored.contains(key) || field_of_key.contains(key)) continue;
      field_of_key.emplace(key, field_keys.size());
      field_keys.push_back(key);
      table.fields.push_back({std::string(TrimAscii(column)), FieldType::kString});
    }
    if (!has_id) {
      return InvalidInput("input '" + source.name + "' has no id column '" + options.id_column + "'");
    }
  }
  for (const auto& column : ignored) {
    if (!all_columns.contains(column)) return InvalidInput("--ignore names unknown column '" + column + "'");
  }

  // Records, with values mapped to the union's fields, in canonical order: each source's
  // rows sorted by id (sources are already in canonical order). Sorting row numbers by id
  // view, rather than built records, moves 8 bytes per swap; a row whose id repeats an
  // earlier row's sorts right after it.
  for (std::size_t order_idx = 0; order_idx < source_order.size(); ++order_idx) {
    const LinkSource& source = sources[source_order[order_idx]];
    table.sources.push_back(source.name);
    std::size_t id_column = 0;
    std::vector<int> field_of_column(source.header.size(), -1);
    for (std::size_t column_idx = 0; column_idx < source.header.size(); ++column_idx) {
      const std::string key = ToLowerAscii(TrimAscii(source.header[column_idx]));
      if (key == id_key) id_column = column_idx;
      auto it = field_of_key.find(key);
      if (it != field_of_key.end()) field_of_column[column_idx] = static_cast<int>(it->second);
    }
    const std::size_t row_count = source.rows.size();
    std::vector<std::string_view> ids(row_count);
    // Sort keys carry the id's first 8 bytes (big-endian, zero-padded: the same order as the
    // bytes), so most comparisons never follow the pointer into the row.
    struct SortKey {
      std::uint64_t prefix;
      std::uint32_t row;
    };
    std::vector<SortKey> sort_keys;
    sort_keys.reserve(row_count);
    for (std::size_t row_idx = 0; row_idx < row_count; ++row_idx) {
      const auto& row = source.rows[row_idx];
      ids[row_idx] = id_column < row.size() ? TrimAscii(row[id_column]) : std::string_view();
      if (ids[row_idx].empty()) continue;
      std::uint64_t prefix = 0;
      for (std::size_t byte = 0; byte < 8; ++byte) {
        prefix = (prefix << 8) | (byte < ids[row_idx].size() ? static_cast<unsigned char>(ids[row_idx][byte]) : 0U);
      }
      sort_keys.push_back({prefix, static_cast<std::uint32_t>(row_idx)});
    }
    internal::ParallelSort(sort_keys, [&](const SortKey& a, const SortKey& b) {
      if (a.prefix != b.prefix) return a.prefix < b.prefix;
      const int compared = ids[a.row].compare(ids[b.row]);
      return compared != 0 ? compared < 0 : a.row < b.row;
    });
    // Skipped rows (no id, or the id of an earlier row) are reported in row order.
    std::vector<std::uint32_t> skipped;
    for (std::size_t row_idx = 0; row_idx < row_count; ++row_idx) {
      if (ids[row_idx].empty()) skipped.push_back(static_cast<std::uint32_t>(row_idx));
    }
    std::vector<std::uint32_t> order;
    order.reserve(sort_keys.size());
    for (std::size_t pos = 0; pos < sort_keys.size(); ++pos) {
      if (pos > 0 && sort_keys[pos].prefix == sort_keys[pos - 1].prefix &&
          ids[sort_keys[pos].row] == ids[sort_keys[pos - 1].row]) {
        skipped.push_back(sort_keys[pos].row);
      } else {
        order.push_back(sort_keys[pos].row);
      }
    }
    sort_keys = {};
    std::sort(skipped.begin(), skipped.end());
    for (std::uint32_t row_idx : skipped) {
      const std::int64_t line = row_idx < source.lines.size() ? source.lines[row_idx] : 0;
      if (ids[row_idx].empty()) {
        issues.Add({.file = source.name, .line = line, .field = options.id_column,
                    .code = "EMPTY_RECORD_ID", .message = "row has no record id; skipped"});
      } else {
        issues.Add({.file = source.name, .line = line, .field = options.id_column,
                    .code = "DUPLICATE_RECORD_ID",
                    .message = "record id '" + std::string(ids[row_idx]) + "' repeats an earlier row; skipped"});
      }
    }
    std::vector<std::string>* rows = consumed != nullptr ? (*consumed)[source_order[order_idx]].rows.data() : nullptr;
    table.records.reserve(table.records.size() + order.size());
    for (std::uint32_t row_idx : order) {
      const auto& row = source.rows[row_idx];
      Record record;
      record.source = static_cast<std::uint32_t>(order_idx);
      record.id = std::string(ids[row_idx]);
      record.values.resize(table.fields.size());
      for (std::size_t column_idx = 0; column_idx < row.size() && column_idx < field_of_column.size();
           ++column_idx) {
        if (field_of_column[column_idx] < 0) continue;
        std::string& value = record.values[static_cast<std::size_t>(field_of_column[column_idx])];
        const std::string_view trimmed = TrimAscii(row[column_idx]);
        if (rows != nullptr && trimmed.size() == row[column_idx].size()) {
          value = std::move(rows[row_idx][column_idx]);
        } else {
          value = std::string(trimmed);
        }
      }
      if (rows != nullptr) std::vector<std::string>().swap(rows[row_idx]);
      table.records.push_back(std::move(record));
    }
    if (consumed != nullptr) {
      LinkSource& done = (*consumed)[source_order[order_idx]];
      done.rows = {};
      done.lines = {};
    }
  }

  // Types: overrides first, else inferred from the name and up to 1000 evenly spaced values.
  for (std::size_t field_idx = 0; field_idx < table.fields.size(); ++field_idx) {
    FieldSpec& spec = table.fields[field_idx];
    bool overridden = false;
    for (const FieldSpec& override_spec : options.field_overrides) {
      if (ToLowerAscii(TrimAscii(override_spec.name)) == field_keys[field_idx]) {
        spec.type = override_spec.type;
        overridden = true;
      }
    }
    if (overridden) continue;
    std::vector<std::string_view> sample;
    const std::size_t step = std::max<std::size_t>(1, table.records.size() / 1000);
    for (std::size_t record_idx = 0; record_idx < table.records.size(); record_idx += step) {
      const std::string& value = table.records[record_idx].values[field_idx];
      if (!value.empty()) sample.push_back(value);
    }
    spec.type = InferFieldType(spec.name, sample);
  }
  for (const FieldSpec& override_spec : options.field_overrides) {
    if (!field_of_key.contains(ToLowerAscii(TrimAscii(override_spec.name)))) {
      return InvalidInput("--field names unknown column '" + override_spec.name + "'");
    }
  }
  if (table.fields.empty()) return InvalidInput("no field left to compare besides the id column");
  return table;
}

}  // namespace

Result<RecordTable> BuildRecordTable(const std::vector<LinkSource>& sources,
                                     const SchemaOptions& options, IssueLog& issues) {
  return BuildTable(sources, nullptr, options, issues);
}

Result<RecordTable> BuildRecordTable(std::vector<LinkSource>&& sources, const SchemaOptions& options,
                                     IssueLog& issues) {
  return BuildTable(sources, &sources, options, issues);
}

}  // namespace crosscheck::link
