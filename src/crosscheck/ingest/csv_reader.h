// CsvReader: a streaming RFC 4180 reader for the CSV files of the data contract
// (shared/spec/DATA.md). It reads the file in large chunks, copies each record's bytes into
// one reusable buffer (no allocation per field once warm) and reports malformed rows as
// Issues instead of failing the whole file.
//
//   CsvOptions options;
//   options.issues = &issue_log;
//   CC_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open("applications.csv", options));
//   const int email_col = reader.FindColumn("email");
//   CsvRecord record;
//   while (true) {
//     CC_ASSIGN_OR_RETURN(bool more, reader.Next(record));
//     if (!more) break;
//     std::string_view email = email_col >= 0 ? record.field(email_col) : "";
//   }
//
// What is accepted: quoted fields holding the delimiter, doubled quotes ("") and line breaks;
// CRLF, LF or lone CR line ends, mixed (line breaks inside quotes are kept byte for byte); a UTF-8
// byte order mark; a missing final line break; completely empty lines (skipped, as pandas does).
// Leniencies for real exports: a quote inside an unquoted field is kept as a literal character
// (5'10"), and text after a closing quote is appended to the field ("ab"cd -> abcd).
//
// Fatal file errors (Open or Next returns an Error; nothing more can be read):
//   kNotFound      the file does not exist (message names the path)
//   kInvalidInput  it is a directory or cannot be opened/read; it is an Excel workbook (a ZIP:
//                  "export it as CSV"); it holds a NUL byte in its first 64 KiB and is not
//                  UTF-16 (a binary file, not CSV); it has no header row (empty file);
//                  the header is not valid UTF-8 or too long (the FIELD_TOO_LONG or
//                  ROW_TOO_LONG limits); a quote opened and never closed (the message names
//                  file, line and column where the quote opened: everything after it would
//                  be swallowed into one field);
//                  in strict mode, any row issue below.
// Row issues (one Issue goes to CsvOptions::issues, reading goes on). Codes, stable:
//   FIELD_TOO_LONG     a field over max_field_bytes: cut to that length at a character
//                      boundary, row kept (kFieldRepaired); skipped if the row is also malformed
//   ROW_TOO_LONG       a row over 8 x max_field_bytes bytes or 65,536 fields (memory bound; skipped)
//   NUL_BYTE           a NUL byte after the first 64 KiB (skipped; never used as a separator)
//   WRONG_FIELD_COUNT  the row has a different number of fields than the header (skipped)
//   INVALID_UTF8       a field is not well-formed UTF-8 (names line and column of the field):
//                      each bad byte becomes U+FFFD, row kept (kFieldRepaired)
// Only the first of the first four problems of a row is reported, in the order above.
// Whole files: a file that is not UTF-8 (Windows-1252, Latin-1, UTF-16 with or without BOM,
// detected with ICU, normalize/text_encoding.h) is converted in memory (up to 1 GiB) and said
// so on stderr; a ';' or TAB separated file (no comma in its header) is read with that separator.
// Bounds: a record that does not end within max(64 MiB, 16 x max_field_bytes) is a fatal
// kInvalidInput ("no end of record"), so /dev/zero or a binary blob cannot run forever.
//
// Positions: lines are 1-based physical lines of the file; columns are 1-based byte offsets
// within their physical line (a field after an embedded line break has the line and column
// where it starts).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"

namespace crosscheck::ingest {

// CsvOptions tunes a CsvReader.
struct CsvOptions {
  // Field delimiter; ',' for the data contract, other single bytes for foreign files.
  char delimiter = ',';
  // Fields longer than this (after unquoting) make their row a FIELD_TOO_LONG issue.
  std::size_t max_field_bytes = std::size_t{1} << 20;
  // Strip ASCII spaces, tabs, CR and LF from both ends of every field (FEBRL writes ", ").
  // Header names are always trimmed.
  bool trim_fields = true;
  // With strict, the first row issue ends reading with a kInvalidInput Error instead.
  bool strict = false;
  // Where row issues go; nullptr drops them (rows are still skipped). Not owned.
  IssueLog* issues = nullptr;
  // Bytes per read. Only tests change it, to put chunk boundaries everywhere.
  std::size_t chunk_bytes = std::size_t{1} << 20;
};

// CsvRecord is one data row. Its storage is reused by the next CsvReader::Next call, so
// views returned by field() are valid only until then.
class CsvRecord {
 public:
  // size returns the number of fields (equal to the header's for records Next returns).
  std::size_t size() const { return spans_.size(); }
  // field returns field `idx` (0-based), unquoted and, with trim_fields, trimmed.
  std::string_view field(std::size_t idx) const {
    return std::string_view(buffer_).substr(spans_[idx].begin, spans_[idx].end - spans_[idx].begin);
  }
  // line returns the 1-based line where the record starts.
  std::int64_t line() const { return line_; }
  // field_line / field_column give where field `idx` starts (1-based line, byte column).
  std::int64_t field_line(std::size_t idx) const { return spans_[idx].line; }
  std::int64_t field_column(std::size_t idx) const { return spans_[idx].column; }

 private:
  friend class CsvReader;
  struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::int64_t line = 0;
    std::int64_t column = 0;
  };
  std::string buffer_;
  std::vector<Span> spans_;
  std::int64_t line_ = 0;
};

// CsvReader reads one CSV file record by record. Movable, not copyable, not thread-safe.
class CsvReader {
 public:
  // Open opens `path` and reads its header. Errors: kNotFound (no such file), kInvalidInput
  // (a directory, unreadable, binary, empty, bad header, unterminated quote in the header).
  static Result<CsvReader> Open(const std::filesystem::path& path, CsvOptions options);

  // OpenBuffer reads CSV text held in memory (an HTTP request body) exactly as Open reads a
  // file; `name` stands for the file name in Issues and messages. Errors as Open's, but never
  // kNotFound (empty text is kInvalidInput).
  static Result<CsvReader> OpenBuffer(std::string bytes, std::string name, CsvOptions options);

  CsvReader(CsvReader&&) noexcept = default;
  CsvReader& operator=(CsvReader&&) noexcept = default;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader() = default;

  // Next reads the next well-formed record into `record`: true when one was read, false at
  // the end of the file. Malformed rows are skipped and reported (see the file comment).
  // Errors (kInvalidInput): unterminated quote, read failure, or a row issue when strict.
  Result<bool> Next(CsvRecord& record);

  // header returns the column names, trimmed, in file order (duplicates and unknown
  // names kept as they are).
  const std::vector<std::string>& header() const { return header_; }
  // FindColumn returns the index of the first column whose trimmed name equals `name`
  // ignoring ASCII case, or -1.
  int FindColumn(std::string_view name) const;
  // path returns the file as given to Open; file_name() its string form used in Issues.
  const std::filesystem::path& path() const { return path_; }
  const std::string& file_name() const { return file_name_; }
  // bytes_consumed returns how far into the file parsing has got (for progress and for
  // estimating the row count: file size * rows / bytes_consumed).
  std::uint64_t bytes_consumed() const { return chunk_offset_ + pos_; }
  // rows_skipped counts the malformed rows skipped so far.
  std::int64_t rows_skipped() const { return rows_skipped_; }

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  // Why ReadRecord stopped a record early; the first problem wins.
  // kBinary (a NUL in the first 64 KiB) overrides the others and is fatal.
  enum class RowProblem : std::uint8_t { kNone, kTooLong, kRowTooLong, kNulByte, kBinary };

  CsvReader() = default;

  // Start reads the header from `raw` (owned from now on; `memory` holds the bytes of an
  // OpenBuffer reader) and returns the reader positioned at the first record.
  static Result<CsvReader> Start(std::FILE* raw, std::unique_ptr<std::string> memory,
                                 const std::filesystem::path& path, CsvOptions options);

  // Refill reads the next chunk; false at end of file. Sets read_failed_ on an I/O error and
  // runaway_ when the current record has run past runaway_bytes_.
  bool Refill();
  // ConvertToUtf8 reads the rest of the file after `bytes` (its start), converts it from
  // `charset` and makes the reader read the UTF-8 text from memory.
  Status ConvertToUtf8(std::string bytes, const std::string& charset);
  // CheckRunaway returns the kInvalidInput Error of a record without an end, or Ok.
  Status CheckRunaway() const;
  // ReadRecord parses one physical record into `record`: false at end of file with no
  // record. A record that is one empty line has size 0.
  // `problem` and `problem_field` say what was wrong with it, first problem first.
  Result<bool> ReadRecord(CsvRecord& record, RowProblem& problem, std::size_t& problem_field);
  // ReportRow logs a skipped row; returns the strict-mode Error when strict.
  Status ReportRow(std::int64_t line, std::int64_t column, std::string field, std::string code,
                   std::string message, IssueSeverity severity = IssueSeverity::kRowSkipped);
  std::int64_t ColumnAt(std::size_t pos) const {
    return static_cast<std::int64_t>(chunk_offset_ + pos - line_start_offset_) + 1;
  }

  std::filesystem::path path_;
  std::string file_name_;
  CsvOptions options_;
  std::unique_ptr<std::string> memory_;  // OpenBuffer's bytes; declared first, freed after file_
  std::unique_ptr<std::FILE, FileCloser> file_;
  std::unique_ptr<char[]> chunk_;
  std::size_t chunk_size_ = 0;           // bytes valid in chunk_
  std::size_t pos_ = 0;                  // next byte to parse in chunk_
  std::uint64_t chunk_offset_ = 0;       // file offset of chunk_[0]
  std::uint64_t line_start_offset_ = 0;  // file offset of the current line's first byte
  std::int64_t line_ = 1;                // current physical line
  bool eof_ = false;
  bool read_failed_ = false;
  bool runaway_ = false;
  std::uint64_t record_start_offset_ = 0;  // file offset where the current record began
  std::uint64_t runaway_bytes_ = 0;        // longest record scanned before giving up
  std::array<bool, 256> unquoted_specials_{};  // delimiter, CR, LF, NUL
  std::vector<std::string> header_;
  std::vector<std::string> header_lower_;
  std::int64_t rows_skipped_ = 0;
};

}  // namespace crosscheck::ingest
