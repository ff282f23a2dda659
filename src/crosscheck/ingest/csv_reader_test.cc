#include "crosscheck/ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "crosscheck/common/csv_writer.h"
#include "crosscheck/ingest/csv_table.h"
#include "crosscheck/ingest/internal/test_files.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::ingest {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct ReadOutcome {
  CsvTable table;
  std::vector<std::string> issue_codes;
  std::vector<std::int64_t> issue_lines;
  std::vector<std::int64_t> issue_columns;
};

ReadOutcome ReadText(const std::string& content, CsvOptions options = {}) {
  internal::TestDir dir;
  const auto path = dir.Write("in.csv", content);
  IssueLog issues;
  auto table = ReadCsvTable(path, options, issues);
  EXPECT_TRUE(table.has_value()) << (table ? "" : table.error().ToString());
  ReadOutcome outcome;
  if (table) outcome.table = std::move(*table);
  for (const Issue& issue : issues.issues()) {
    outcome.issue_codes.push_back(issue.code);
    outcome.issue_lines.push_back(issue.line);
    outcome.issue_columns.push_back(issue.column);
    EXPECT_EQ(issue.file, path.string());
    const bool repaired = issue.code == "INVALID_UTF8" || issue.code == "FIELD_TOO_LONG";
    EXPECT_EQ(issue.severity, repaired ? IssueSeverity::kFieldRepaired : IssueSeverity::kRowSkipped);
  }
  return outcome;
}

TEST(CsvReader, ReadsRfc4180AndRealWorldVariants) {
  struct Case {
    const char* name;
    std::string content;
    std::vector<std::string> header;
    Rows rows;
    std::vector<std::int64_t> lines;
    std::vector<std::string> issue_codes;
  };
  const std::string big_field(100, 'x');
  const Case cases[] = {
      {"plain LF", "a,b\n1,2\n3,4\n", {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}, {}},
      {"quoted comma", "a,b\n\"x,y\",2\n", {"a", "b"}, {{"x,y", "2"}}, {2}, {}},
      {"doubled quotes",
       "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n",
       {"a", "b"},
       {{"say \"hi\"", "\""}},
       {2},
       {}},
      {"embedded newline",
       "a,b\n\"l1\nl2\",2\n3,4\n",
       {"a", "b"},
       {{"l1\nl2", "2"}, {"3", "4"}},
       {2, 4},
       {}},
      {"CRLF", "a,b\r\n1,2\r\n3,4\r\n", {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}, {}},
      {"CRLF inside quotes kept",
       "a,b\r\n\"l1\r\nl2\",2\r\n5,6\r\n",
       {"a", "b"},
       {{"l1\r\nl2", "2"}, {"5", "6"}},
       {2, 4},
       {}},
      {"lone CR line ends", "a,b\r1,2\r3,4", {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}, {}},
      {"mixed line ends", "a,b\r\n1,2\n3,4\r\n", {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}, {}},
      {"UTF-8 BOM",
       "\xEF\xBB\xBF"
       "a,b\n1,2\n",
       {"a", "b"},
       {{"1", "2"}},
       {2},
       {}},
      {"trailing empty lines", "a,b\n1,2\n\n\n", {"a", "b"}, {{"1", "2"}}, {2}, {}},
      {"blank lines between rows",
       "a,b\n\n1,2\r\n\r\n3,4\n",
       {"a", "b"},
       {{"1", "2"}, {"3", "4"}},
       {3, 5},
       {}},
      {"blank lines before the header", "\n\na,b\n1,2\n", {"a", "b"}, {{"1", "2"}}, {4}, {}},
      {"no final newline", "a,b\n1,2", {"a", "b"}, {{"1", "2"}}, {2}, {}},
      {"empty last field, no final newline", "a,b\n1,", {"a", "b"}, {{"1", ""}}, {2}, {}},
      {"closing quote at end of file", "a,b\n1,\"x\"", {"a", "b"}, {{"1", "x"}}, {2}, {}},
      {"empty fields",
       "a,b,c\n,,\n\"\",x,\"\"\n",
       {"a", "b", "c"},
       {{"", "", ""}, {"", "x", ""}},
       {2, 3},
       {}},
      {"header trimmed, case kept",
       " Name , EMAIL \nx,y\n",
       {"Name", "EMAIL"},
       {{"x", "y"}},
       {2},
       {}},
      {"fields trimmed (FEBRL style)",
       "rec_id, given_name\nrec-1, michaela \n",
       {"rec_id", "given_name"},
       {{"rec-1", "michaela"}},
       {2},
       {}},
      {"header only", "a,b\n", {"a", "b"}, {}, {}, {}},
      {"header only without newline", "a,b", {"a", "b"}, {}, {}, {}},
      {"quote inside unquoted field is literal",
       "a,b\n5'10\",x\n",
       {"a", "b"},
       {{"5'10\"", "x"}},
       {2},
       {}},
      {"text after closing quote is kept",
       "a,b\n\"ab\"cd,x\n",
       {"a", "b"},
       {{"abcd", "x"}},
       {2},
       {}},
      {"non-Latin UTF-8",
       "name,city\nЖанна Ли,서울\n",
       {"name", "city"},
       {{"Жанна Ли", "서울"}},
       {2},
       {}},
      {"wrong field count skipped",
       "a,b\n1,2,3\n4\n5,6\n",
       {"a", "b"},
       {{"5", "6"}},
       {4},
       {"WRONG_FIELD_COUNT", "WRONG_FIELD_COUNT"}},
      {"invalid UTF-8 in a UTF-8 file: replaced, row kept",
       "a,b\n\xC3\xA9\xC3\xA9,x\n1,\xff\n3,4\n",
       {"a", "b"},
       {{"\xC3\xA9\xC3\xA9", "x"}, {"1", "\xEF\xBF\xBD"}, {"3", "4"}},
       {2, 3, 4},
       {"INVALID_UTF8"}},
      {"a tiny file with one high byte is windows-1252",
       "a,b\n1,\xe9\n3,4\n",
       {"a", "b"},
       {{"1", "\xC3\xA9"}, {"3", "4"}},
       {2, 3},
       {}},
      {"row after a skipped multi-line row",
       "a,b\n\"x\ny\",2,3\n4,5\n",
       {"a", "b"},
       {{"4", "5"}},
       {4},
       {"WRONG_FIELD_COUNT"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const ReadOutcome outcome = ReadText(c.content);
    EXPECT_EQ(outcome.table.header, c.header);
    EXPECT_EQ(outcome.table.rows, c.rows);
    EXPECT_EQ(outcome.table.lines, c.lines);
    EXPECT_EQ(outcome.issue_codes, c.issue_codes);
  }
}

TEST(CsvReader, IssuesNameLineAndColumn) {
  struct Case {
    const char* name;
    std::string content;
    CsvOptions options;
    std::string code;
    std::int64_t line;
    std::int64_t column;
  };
  CsvOptions small_fields;
  small_fields.max_field_bytes = 4;
  const Case cases[] = {
      {"invalid UTF-8 in second field", "a,b\n1,\xff\xC3\xA9\xC3\xA9\n", {}, "INVALID_UTF8", 2, 3},
      {"invalid UTF-8 after an embedded newline",
       "a,b,c\xC3\xA9\xC3\xA9\xC3\xA9\n\"x\ny\",ab,z\xe2\x82\n",
       {},
       "INVALID_UTF8",
       3,
       7},
      {"too many fields: column of the first extra",
       "a,b\n1,22,333\n",
       {},
       "WRONG_FIELD_COUNT",
       2,
       6},
      {"too few fields", "a,b\n1\n", {}, "WRONG_FIELD_COUNT", 2, 0},
      {"field too long", "a,b\n1234,12345\n", small_fields, "FIELD_TOO_LONG", 2, 6},
      {"quoted field too long", "a,b\n\"1\n2\n3\",x\n", small_fields, "FIELD_TOO_LONG", 2, 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const ReadOutcome outcome = ReadText(c.content, c.options);
    // Bad bytes and over-long fields are repaired and the row kept; the others skip it.
    const bool kept = c.code == "INVALID_UTF8" || c.code == "FIELD_TOO_LONG";
    EXPECT_EQ(outcome.table.rows.size(), kept ? 1u : 0u);
    ASSERT_EQ(outcome.issue_codes.size(), 1u);
    EXPECT_EQ(outcome.issue_codes[0], c.code);
    EXPECT_EQ(outcome.issue_lines[0], c.line);
    EXPECT_EQ(outcome.issue_columns[0], c.column);
  }
}

TEST(CsvReader, FieldAtTheLimitIsKept) {
  CsvOptions options;
  options.max_field_bytes = 4;
  const ReadOutcome outcome = ReadText("a,b\n1234,x\n12345,y\n\"12\"\"4\",z\n", options);
  EXPECT_EQ(outcome.table.rows, (Rows{{"1234", "x"}, {"1234", "y"}, {"12\"4", "z"}}));
  EXPECT_EQ(outcome.issue_codes, std::vector<std::string>{"FIELD_TOO_LONG"});
}

TEST(CsvReader, HostileRowsAreBounded) {
  struct Case {
    const char* name;
    std::string row;
  };
  std::string many_fields(70000, ',');
  std::string wide_row = "1234";
  for (int field_idx = 0; field_idx < 8; ++field_idx) wide_row += ",1234";  // 9 x 4 > 8 x 4
  const Case cases[] = {{"70,000 fields", many_fields}, {"row over 8 x max_field_bytes", wide_row}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    CsvOptions options;
    options.max_field_bytes = 4;
    const ReadOutcome outcome = ReadText("a,b\n" + c.row + "\nx,y\n", options);
    EXPECT_EQ(outcome.issue_codes, std::vector<std::string>{"ROW_TOO_LONG"});
    EXPECT_EQ(outcome.issue_lines, std::vector<std::int64_t>{2});
    EXPECT_EQ(outcome.table.rows, (Rows{{"x", "y"}}));
  }
}

TEST(CsvReader, NulByteAfterTheFirst64KibIsARowIssue) {
  std::string content = "a,b\n";
  while (content.size() < (70u << 10)) content += "filler,row\n";
  content += std::string("bad\0byte,row\n", 13);
  content += "good,row\n";
  const ReadOutcome outcome = ReadText(content);
  ASSERT_EQ(outcome.issue_codes, std::vector<std::string>{"NUL_BYTE"});
  EXPECT_EQ(outcome.table.rows.back(), (std::vector<std::string>{"good", "row"}));
  EXPECT_EQ(outcome.table.lines.back(), outcome.issue_lines[0] + 1);
}

TEST(CsvReader, FindColumnIgnoresCaseAndSpace) {
  internal::TestDir dir;
  auto reader = CsvReader::Open(dir.Write("in.csv", "Application_ID , email,Extra\n"), {});
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ(reader->FindColumn("application_id"), 0);
  EXPECT_EQ(reader->FindColumn(" EMAIL "), 1);
  EXPECT_EQ(reader->FindColumn("extra"), 2);
  EXPECT_EQ(reader->FindColumn("phone"), -1);
}

TEST(CsvReader, OtherDelimiter) {
  CsvOptions options;
  options.delimiter = ';';
  const ReadOutcome outcome = ReadText("a;b\n\"x;y\";1,5\n", options);
  EXPECT_EQ(outcome.table.rows, (Rows{{"x;y", "1,5"}}));
}

TEST(CsvReader, UntrimmedFieldsKeepSpaces) {
  CsvOptions options;
  options.trim_fields = false;
  const ReadOutcome outcome = ReadText("a, b\n 1 ,\" 2 \"\n", options);
  EXPECT_EQ(outcome.table.header, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(outcome.table.rows, (Rows{{" 1 ", " 2 "}}));
}

TEST(CsvReader, FileErrors) {
  internal::TestDir dir;
  struct Case {
    const char* name;
    std::filesystem::path path;
    CsvOptions options;
    ErrorCode code;
    std::string message_part;
  };
  CsvOptions strict;
  strict.strict = true;
  const auto missing = dir.path() / "missing.csv";
  const auto unterminated = dir.Write("unterminated.csv", "a,b\n1,2\n3,\"abc\n4,5\n");
  const Case cases[] = {
      {"missing file", missing, {}, ErrorCode::kNotFound, missing.string()},
      {"directory", dir.path(), {}, ErrorCode::kInvalidInput, "directory"},
      {"empty file", dir.Write("empty.csv", ""), {}, ErrorCode::kInvalidInput, "empty"},
      {"only blank lines",
       dir.Write("blank.csv", "\n\r\n\n"),
       {},
       ErrorCode::kInvalidInput,
       "no header"},
      {"binary (gzip magic with NUL)",
       dir.Write("bin.csv", std::string("\x1f\x8b\x08\0\0", 5)),
       {},
       ErrorCode::kInvalidInput,
       "not a text CSV"},
      {"Excel workbook",
       dir.Write("book.xlsx", std::string("PK\x03\x04\x14\0\x06\0", 8)),
       {},
       ErrorCode::kInvalidInput,
       "export it as CSV"},
      {"unterminated quote",
       unterminated,
       {},
       ErrorCode::kInvalidInput,
       unterminated.string() + ":3:3: unterminated quote"},
      {"unterminated quote in header",
       dir.Write("uh.csv", "a,\"b\n1,2\n"),
       {},
       ErrorCode::kInvalidInput,
       ":1:3: unterminated quote"},
      {"strict: wrong field count", dir.Write("strict.csv", "a,b\n1,2\n3\n"), strict,
       ErrorCode::kInvalidInput, ":3: WRONG_FIELD_COUNT"},
      {"strict: invalid UTF-8", dir.Write("strict8.csv", "a,b\n\xC3\xA9\xC3\xA9,x\n1,\xff\n"), strict,
       ErrorCode::kInvalidInput, ":3:3: INVALID_UTF8"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    IssueLog issues;
    auto table = ReadCsvTable(c.path, c.options, issues);
    ASSERT_FALSE(table.has_value());
    EXPECT_EQ(table.error().code(), c.code);
    EXPECT_NE(table.error().message().find(c.message_part), std::string::npos)
        << table.error().message();
  }
}

// Writes random rows with CsvWriter (quotes, commas, CR/LF, UTF-8 inside fields), then reads
// them back with chunk boundaries at every kind of position: the reader must return exactly
// the rows written, whatever the chunk size.
TEST(CsvReader, RoundTripsRandomRowsAcrossChunkBoundaries) {
  std::mt19937 rng(20240229);
  const std::vector<std::string> pieces = {"a", "Zoë",  ",",  "\"",   "\n", "\r\n", "x y",
                                           "1", "東京", "''", "\"\"", "-",  "é"};
  Rows rows;
  for (int row_idx = 0; row_idx < 400; ++row_idx) {
    std::vector<std::string> row;
    for (int field_idx = 0; field_idx < 4; ++field_idx) {
      std::string field;
      const int length = static_cast<int>(rng() % 6);
      for (int piece_idx = 0; piece_idx < length; ++piece_idx)
        field += pieces[rng() % pieces.size()];
      // Trimming would change fields that start or end with white space; keep them inner.
      row.push_back("<" + field + ">");
    }
    rows.push_back(std::move(row));
  }
  internal::TestDir dir;
  const auto path = dir.path() / "round.csv";
  {
    auto writer = CsvWriter::Open(path);
    ASSERT_TRUE(writer.has_value());
    writer->WriteRow({"c1", "c2", "c3", "c4"});
    for (const auto& row : rows) writer->WriteRow(row);
    ASSERT_TRUE(writer->Close().has_value());
  }
  for (std::size_t chunk_bytes : {1u, 2u, 3u, 5u, 64u, 4096u, 1u << 20}) {
    SCOPED_TRACE(chunk_bytes);
    CsvOptions options;
    options.chunk_bytes = chunk_bytes;
    IssueLog issues;
    auto table = ReadCsvTable(path, options, issues);
    ASSERT_TRUE(table.has_value()) << table.error().ToString();
    EXPECT_TRUE(issues.empty());
    EXPECT_EQ(table->rows, rows);
  }
}

// Everything a read of `path` yields, as text, to compare two reads.
std::string DescribeRead(const std::filesystem::path& path, CsvOptions options) {
  IssueLog issues;
  auto table = ReadCsvTable(path, options, issues);
  if (!table) return "error: " + table.error().ToString();
  std::string out;
  for (std::size_t row_idx = 0; row_idx < table->rows.size(); ++row_idx) {
    out += std::to_string(table->lines[row_idx]) + ":";
    for (const std::string& field : table->rows[row_idx]) out += "[" + field + "]";
    out += "\n";
  }
  for (const Issue& issue : issues.issues()) out += issue.ToString() + "\n";
  return out;
}

// The reader takes a shortcut for fields that end inside the chunk in hand (unquoted, or
// quoted without inner quotes or line breaks); the general code handles the rest. Messy
// input read with every chunk size (1-byte chunks almost never allow the shortcut, 1 MiB
// chunks nearly always do) must give the same rows, lines, fields, issues and errors.
TEST(CsvReader, ChunkSizeDoesNotChangeWhatIsRead) {
  std::mt19937 rng(20261124);
  const std::vector<std::string> pieces = {
      "a",      " ",     "\t",         ",",      "\"\"",  "\n",     "\r",       "\r\n",
      "5'10\"", "\"ab\"cd", "\"q, r\"", "Zo\xc3\xab", "\xff", "x y z", "\"l1\nl2\"", "\" p \"",
      "123456789012345678901234567890"};
  internal::TestDir dir;
  int readable_files = 0;
  for (int file_idx = 0; file_idx < 40; ++file_idx) {
    SCOPED_TRACE(file_idx);
    std::string content = "c1,c2,c3\n";
    for (int row_idx = 0; row_idx < 30; ++row_idx) {
      const int length = static_cast<int>(rng() % 9);
      for (int piece_idx = 0; piece_idx < length; ++piece_idx) {
        content += pieces[rng() % pieces.size()];
      }
      content += (rng() % 3 == 0) ? "\r\n" : "\n";
    }
    const auto path = dir.Write("messy" + std::to_string(file_idx) + ".csv", content);
    for (const bool trim : {true, false}) {
      SCOPED_TRACE(trim);
      CsvOptions options;
      options.trim_fields = trim;
      options.max_field_bytes = 24;  // makes FIELD_TOO_LONG and ROW_TOO_LONG rows too
      const std::string expected = DescribeRead(path, options);
      if (trim && expected.rfind("error: ", 0) != 0) ++readable_files;
      for (std::size_t chunk_bytes : {1u, 2u, 3u, 7u, 16u, 61u, 256u}) {
        SCOPED_TRACE(chunk_bytes);
        options.chunk_bytes = chunk_bytes;
        EXPECT_EQ(DescribeRead(path, options), expected);
      }
    }
  }
  // Most files must read without a fatal error, or the comparison above tests little.
  EXPECT_GE(readable_files, 20);
}

TEST(CsvReader, CrlfSplitAcrossChunksIsOneLineEnd) {
  internal::TestDir dir;
  std::string content = "a,b\r\n";
  for (int row_idx = 0; row_idx < 50; ++row_idx) {
    content += std::to_string(row_idx) + ",\"q\r\n" + std::to_string(row_idx) + "\"\r\n";
  }
  const auto path = dir.Write("crlf.csv", content);
  for (std::size_t chunk_bytes = 1; chunk_bytes < 12; ++chunk_bytes) {
    SCOPED_TRACE(chunk_bytes);
    CsvOptions options;
    options.chunk_bytes = chunk_bytes;
    IssueLog issues;
    auto table = ReadCsvTable(path, options, issues);
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->rows.size(), 50u);
    EXPECT_EQ(table->lines[0], 2);
    EXPECT_EQ(table->lines[49], 2 + 49 * 2);
    EXPECT_EQ(table->rows[49][1], "q\r\n49");
  }
}

TEST(CsvReader, ReadsFebrlData) {
  const std::filesystem::path path =
      std::filesystem::path(CROSSCHECK_SHARED_DIR) / "data/febrl/dataset4a.csv";
  IssueLog issues;
  auto table = ReadCsvTable(path, CsvOptions{}, issues);
  ASSERT_TRUE(table.has_value()) << table.error().ToString();
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(table->header.size(), 11u);
  EXPECT_EQ(table->header[1], "given_name");
  ASSERT_EQ(table->rows.size(), 5000u);
  EXPECT_EQ(table->rows[0][0], "rec-1070-org");
  EXPECT_EQ(table->rows[0][1], "michaela");
  EXPECT_EQ(table->lines[4999], 5001);
}

TEST(CsvReader, ConvertsOtherEncodingsAndDetectsTheSeparator) {
  struct Case {
    const char* name;
    std::string content;
  };
  const Case cases[] = {
      {"windows-1252, semicolons", "name;city\nJos\xE9;K\xF6ln\n"},
      {"UTF-16LE with BOM, tabs", std::string("\xFF\xFEn\0a\0m\0e\0\t\0c\0i\0t\0y\0\n\0J\0o\0s\0\xE9\0\t\0K\0\xF6\0l\0n\0\n\0", 42)},
      {"UTF-16BE without BOM", std::string("\0n\0a\0m\0e\0,\0c\0i\0t\0y\0\n\0J\0o\0s\0\xE9\0,\0K\0\xF6\0l\0n\0\n", 40)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const ReadOutcome outcome = ReadText(c.content);
    EXPECT_EQ(outcome.table.header, (std::vector<std::string>{"name", "city"}));
    EXPECT_EQ(outcome.table.rows, (Rows{{"Jos\xC3\xA9", "K\xC3\xB6ln"}}));
    EXPECT_TRUE(outcome.issue_codes.empty());
  }
}

TEST(CsvReader, ARecordWithoutEndIsAnErrorNotAnEndlessScan) {
  std::string endless = "a,b\n1,";
  endless.append(std::size_t{66} << 20, 'x');  // past the 64 MiB bound by more than a chunk
  auto reader = CsvReader::OpenBuffer(std::move(endless), "endless.csv", CsvOptions{});
  ASSERT_TRUE(reader.has_value()) << reader.error().ToString();
  CsvRecord record;
  auto next = reader->Next(record);
  ASSERT_FALSE(next.has_value());
  EXPECT_NE(next.error().message().find("no end of record"), std::string::npos);
}

}  // namespace
}  // namespace crosscheck::ingest
