#include "crosscheck/link/source_alignment.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <unordered_set>

namespace crosscheck::link {
namespace {

// Merged values must overlap in at least this share of the smaller column's distinct keys.
constexpr double kMinOverlapShare = 0.01;
constexpr std::size_t kMinOverlapValues = 3;

bool IsMergeableType(FieldType type) {
  switch (type) {
    case FieldType::kGivenName: case FieldType::kSurname: case FieldType::kFullName:
    case FieldType::kEmail: case FieldType::kPhone: case FieldType::kDate:
    case FieldType::kPostalCode: case FieldType::kStreet: case FieldType::kCity:
    case FieldType::kState:
      return true;
    default:
      return false;
  }
}

// OverlapKey is a coarse form that survives the usual format differences between systems:
// a date's digits in sorted order (19181001 and 01/10/1918 agree), a phone's last 9 digits,
// else the lower-case letters and digits.
std::string OverlapKey(FieldType type, const std::string& value) {
  std::string key;
  const bool digits_only = type == FieldType::kDate || type == FieldType::kPhone;
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isdigit(byte) || (!digits_only && std::isalpha(byte))) {
      key.push_back(static_cast<char>(std::tolower(byte)));
    }
  }
  if (type == FieldType::kDate) std::sort(key.begin(), key.end());
  if (type == FieldType::kPhone && key.size() > 9) key.erase(0, key.size() - 9);
  return key;
}

// ColumnProfile: which sources fill a field, and its distinct overlap keys.
struct ColumnProfile {
  std::vector<bool> filled_in;
  std::unordered_set<std::string> keys;
};

ColumnProfile Profile(const RecordTable& table, std::size_t field_idx) {
  ColumnProfile profile;
  profile.filled_in.assign(table.sources.size(), false);
  const FieldType type = table.fields[field_idx].type;
  for (const Record& record : table.records) {
    const std::string& value = record.values[field_idx];
    if (value.empty()) continue;
    profile.filled_in[record.source] = true;
    if (IsMergeableType(type)) profile.keys.insert(OverlapKey(type, value));
  }
  return profile;
}

bool Disjoint(const std::vector<bool>& a, const std::vector<bool>& b) {
  for (std::size_t idx = 0; idx < a.size(); ++idx) {
    if (a[idx] && b[idx]) return false;
  }
  return true;
}

bool ValuesOverlap(const ColumnProfile& a, const ColumnProfile& b) {
  const ColumnProfile& small = a.keys.size() <= b.keys.size() ? a : b;
  const ColumnProfile& large = &small == &a ? b : a;
  std::size_t shared = 0;
  for (const std::string& key : small.keys) shared += large.keys.contains(key);
  return shared >= kMinOverlapValues &&
         static_cast<double>(shared) >= kMinOverlapShare * static_cast<double>(small.keys.size());
}

// RemoveFields drops the fields marked in `drop` from the table.
void RemoveFields(RecordTable& table, const std::vector<bool>& drop) {
  auto keep = [&](auto& values) {
    std::size_t out = 0;
    for (std::size_t idx = 0; idx < values.size(); ++idx) {
      if (drop[idx]) continue;
      if (out != idx) values[out] = std::move(values[idx]);  // a self-move would empty it
      ++out;
    }
    values.resize(out);
  };
  keep(table.fields);
  for (Record& record : table.records) keep(record.values);
}

// FoldNameParts joins given name and surname into the full name when the sources split
// between the two forms; returns the log line or "".
std::string FoldNameParts(RecordTable& table, const std::vector<ColumnProfile>& profiles) {
  std::vector<std::size_t> full, parts;
  for (std::size_t field_idx = 0; field_idx < table.fields.size(); ++field_idx) {
    const FieldType type = table.fields[field_idx].type;
    if (type == FieldType::kFullName) full.push_back(field_idx);
    if (type == FieldType::kGivenName || type == FieldType::kSurname) parts.push_back(field_idx);
  }
  if (full.size() != 1 || parts.empty()) return "";
  for (std::size_t part : parts) {
    if (!Disjoint(profiles[full[0]].filled_in, profiles[part].filled_in)) return "";
  }
  // Given names first, as a full name is usually written.
  std::stable_sort(parts.begin(), parts.end(), [&](std::size_t a, std::size_t b) {
    return table.fields[a].type == FieldType::kGivenName && table.fields[b].type != FieldType::kGivenName;
  });
  for (Record& record : table.records) {
    std::string& target = record.values[full[0]];
    if (!target.empty()) continue;
    for (std::size_t part : parts) {
      if (record.values[part].empty()) continue;
      if (!target.empty()) target.push_back(' ');
      target += record.values[part];
    }
  }
  std::string line = "name parts";
  std::vector<bool> drop(table.fields.size(), false);
  for (std::size_t part : parts) {
    line += (part == parts.front() ? " " : " + ") + table.fields[part].name;
    drop[part] = true;
  }
  line += " joined into " + table.fields[full[0]].name;
  for (std::size_t part : parts) table.fields[full[0]].name += "/" + table.fields[part].name;
  RemoveFields(table, drop);
  return line;
}

}  // namespace

std::vector<std::string> AlignFieldsAcrossSources(RecordTable& table) {
  std::vector<std::string> merges;
  if (table.sources.size() < 2) return merges;
  std::vector<ColumnProfile> profiles;
  for (std::size_t field_idx = 0; field_idx < table.fields.size(); ++field_idx) {
    profiles.push_back(Profile(table, field_idx));
  }
  // Same-type merges: each field joins the first earlier field it can.
  std::vector<bool> drop(table.fields.size(), false);
  for (std::size_t field_idx = 0; field_idx < table.fields.size(); ++field_idx) {
    const FieldType type = table.fields[field_idx].type;
    if (!IsMergeableType(type)) continue;
    for (std::size_t target = 0; target < field_idx; ++target) {
      if (drop[target] || table.fields[target].type != type) continue;
      if (!Disjoint(profiles[target].filled_in, profiles[field_idx].filled_in)) continue;
      if (!ValuesOverlap(profiles[target], profiles[field_idx])) continue;
      for (Record& record : table.records) {
        if (!record.values[field_idx].empty()) record.values[target] = std::move(record.values[field_idx]);
      }
      merges.push_back(table.fields[target].name + " and " + table.fields[field_idx].name + " merged");
      table.fields[target].name += "/" + table.fields[field_idx].name;
      for (std::size_t idx = 0; idx < profiles[target].filled_in.size(); ++idx) {
        profiles[target].filled_in[idx] = profiles[target].filled_in[idx] || profiles[field_idx].filled_in[idx];
      }
      profiles[target].keys.merge(profiles[field_idx].keys);
      drop[field_idx] = true;
      break;
    }
  }
  RemoveFields(table, drop);
  std::vector<ColumnProfile> kept_profiles;
  for (std::size_t field_idx = 0; field_idx < drop.size(); ++field_idx) {
    if (!drop[field_idx]) kept_profiles.push_back(std::move(profiles[field_idx]));
  }
  if (std::string folded = FoldNameParts(table, kept_profiles); !folded.empty()) merges.push_back(folded);
  return merges;
}

}  // namespace crosscheck::link
