#include "crosscheck/common/issue.h"

namespace crosscheck {

const char* IssueSeverityName(IssueSeverity severity) {
  switch (severity) {
    case IssueSeverity::kRowSkipped: return "row_skipped";
    case IssueSeverity::kFieldIgnored: return "field_ignored";
    case IssueSeverity::kFieldRepaired: return "field_repaired";
    case IssueSeverity::kFileError: return "file_error";
  }
  return "row_skipped";
}

std::string Issue::ToString() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  if (column > 0) out += ":" + std::to_string(column);
  out += ": " + code;
  if (!field.empty()) out += " [" + field + "]";
  out += ": " + message;
  return out;
}

void IssueLog::Add(Issue issue) { issues_.push_back(std::move(issue)); }

std::size_t IssueLog::CountBySeverity(IssueSeverity severity) const {
  std::size_t count = 0;
  for (const auto& issue : issues_) count += issue.severity == severity ? 1 : 0;
  return count;
}

std::map<std::string, std::size_t> IssueLog::SkippedRowsByFile() const {
  std::map<std::string, std::size_t> counts;
  for (const auto& issue : issues_) {
    if (issue.severity == IssueSeverity::kRowSkipped) ++counts[issue.file];
  }
  return counts;
}

}  // namespace crosscheck
