#include "crosscheck/watchlist/internal/list_csv.h"

#include <algorithm>
#include <utility>

namespace crosscheck::watchlist::internal {

Result<ListCsv> ListCsv::Open(std::string text, std::string file_name, char delimiter,
                              std::string code_prefix, IssueLog& issues) {
  auto reader_issues = std::make_unique<IssueLog>();
  ingest::CsvOptions options;
  options.delimiter = delimiter;
  options.issues = reader_issues.get();
  CC_ASSIGN_OR_RETURN(
      ingest::CsvReader reader,
      ingest::CsvReader::OpenBuffer(std::move(text), std::move(file_name), options));
  ListCsv csv(std::move(reader), std::move(reader_issues), std::move(code_prefix), issues);
  csv.ForwardIssues();
  return csv;
}

ListCsv::ListCsv(ingest::CsvReader reader, std::unique_ptr<IssueLog> reader_issues,
                 std::string code_prefix, IssueLog& issues)
    : reader_issues_(std::move(reader_issues)),
      reader_(std::move(reader)),
      code_prefix_(std::move(code_prefix)),
      issues_(&issues) {}

int ListCsv::Column(std::initializer_list<std::string_view> names) const {
  for (const std::string_view name : names) {
    if (const int column = reader_.FindColumn(name); column >= 0) return column;
  }
  return -1;
}

Result<bool> ListCsv::Next() {
  auto more = reader_.Next(record_);
  ForwardIssues();
  return more;
}

void ListCsv::ForwardIssues() {
  const std::vector<Issue>& found = reader_issues_->issues();
  for (; forwarded_ < found.size(); ++forwarded_) {
    Issue issue = found[forwarded_];
    issue.code = code_prefix_ + issue.code;
    issues_->Add(std::move(issue));
  }
}

std::size_t EntryGroups::Slot(const std::string& id, std::int64_t line, bool& created) {
  const auto [found, inserted] = index_.emplace(id, entries_.size());
  created = inserted;
  if (inserted) {
    entries_.emplace_back();
    first_lines_.push_back(line);
    seen_.emplace_back();
  }
  return found->second;
}

bool EntryGroups::FirstTime(std::size_t entry_idx, std::string key) {
  return seen_[entry_idx].insert(std::move(key)).second;
}

void EntryGroups::AppendOnce(std::size_t entry_idx, std::string_view kind, std::string_view value,
                             std::string& into, std::string_view separator) {
  if (value.empty() || !FirstTime(entry_idx, std::string(kind) + ":" + std::string(value))) return;
  if (!into.empty()) into += separator;
  into += value;
}

void EntryGroups::AddAddressOnce(std::size_t entry_idx, SanctionsAddress address) {
  const std::string key = address.address + "\n" + address.city_state_zip + "\n" + address.country;
  if (key.size() == 2 || !FirstTime(entry_idx, "address:" + key)) return;
  entries_[entry_idx].addresses.push_back(std::move(address));
}

}  // namespace crosscheck::watchlist::internal
