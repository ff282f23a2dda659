// The EU and UK lists are published as CSV with a header row, one row per name (and, in the
// EU file, per name x date of birth x citizenship x address ...), the rows of one listed
// entry tied by an id. ListCsv reads such a file by header name through ingest's CsvReader
// and re-codes its row issues with the list's prefix (WRONG_FIELD_COUNT ->
// EU_WRONG_FIELD_COUNT); EntryGroups collects the rows of each id into one entry.
//
//   CC_ASSIGN_OR_RETURN(ListCsv csv, ListCsv::Open(std::move(text), "eu.csv", ';', "EU_", issues));
//   const int id_column = csv.Column({"Entity_LogicalId"});
//   while (true) {
//     CC_ASSIGN_OR_RETURN(bool more, csv.Next());
//     if (!more) break;
//     Use(csv.line(), csv.Field(id_column));
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/ingest/csv_reader.h"
#include "crosscheck/watchlist/internal/list_entry.h"
#include "crosscheck/watchlist/sanctions_list.h"

namespace crosscheck::watchlist::internal {

// ListCsv is one list file being read row by row. Movable, not thread-safe.
class ListCsv {
 public:
  // Open reads the header of text (a UTF-8 byte-order mark and leading blank lines are
  // skipped); file_name names the file in Issues. Row issues go to issues with code_prefix
  // before the reader's code. Errors: kInvalidInput for an empty file or an unreadable header.
  static Result<ListCsv> Open(std::string text, std::string file_name, char delimiter,
                              std::string code_prefix, IssueLog& issues);

  // Column returns the index of the first of names in the header (ASCII case ignored), or -1.
  int Column(std::initializer_list<std::string_view> names) const;

  // Next moves to the next well-formed row: true when there is one, false at the end. Rows
  // with another field count than the header are skipped with an Issue. Errors: kInvalidInput
  // for a quote never closed (the message names the line).
  Result<bool> Next();

  // Field returns field column of the current row, trimmed; "" when column is -1.
  std::string_view Field(int column) const {
    return column < 0 ? std::string_view() : record_.field(static_cast<std::size_t>(column));
  }
  // line returns the 1-based line of the file where the current row starts.
  std::int64_t line() const { return record_.line(); }

 private:
  ListCsv(ingest::CsvReader reader, std::unique_ptr<IssueLog> reader_issues,
          std::string code_prefix, IssueLog& issues);
  // ForwardIssues moves the reader's new issues to issues_ under the list's prefix.
  void ForwardIssues();

  std::unique_ptr<IssueLog> reader_issues_;  // the CsvReader holds its address
  ingest::CsvReader reader_;
  ingest::CsvRecord record_;
  std::string code_prefix_;
  IssueLog* issues_;
  std::size_t forwarded_ = 0;
};

// EntryGroups keeps one entry per id in the order the ids first appear, and what was seen of
// each (so that a value repeated on every row of an entry is read, or reported, once).
class EntryGroups {
 public:
  // Slot returns the index of id's entry, starting one (created = true) when id is new.
  std::size_t Slot(const std::string& id, std::int64_t line, bool& created);
  SanctionsEntry& entry(std::size_t entry_idx) { return entries_[entry_idx]; }
  // first_line returns the line of the first row of entry entry_idx.
  std::int64_t first_line(std::size_t entry_idx) const { return first_lines_[entry_idx]; }
  // FirstTime is true the first time key is asked for entry entry_idx, false after.
  bool FirstTime(std::size_t entry_idx, std::string key);
  // AppendOnce appends value to into (after separator when into is not empty) the first time
  // the entry's rows give it under kind ("title", "other"); empty values are ignored.
  void AppendOnce(std::size_t entry_idx, std::string_view kind, std::string_view value, std::string& into,
                  std::string_view separator);
  // AddAddressOnce adds address to the entry the first time its rows give it; an address with
  // no street, place or country is ignored.
  void AddAddressOnce(std::size_t entry_idx, SanctionsAddress address);
  std::vector<SanctionsEntry>& entries() { return entries_; }

 private:
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<SanctionsEntry> entries_;
  std::vector<std::int64_t> first_lines_;
  std::vector<std::unordered_set<std::string>> seen_;
};

}  // namespace crosscheck::watchlist::internal
