#include "crosscheck/watchlist/internal/ofac_csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck::watchlist::internal {
namespace {

struct CsvCase {
  const char* name;
  std::string text;
  std::size_t fields;
  std::vector<std::vector<std::string>> want_rows;
  std::vector<std::int64_t> want_lines;
  std::vector<std::string> want_issue_codes;
  std::vector<std::int64_t> want_issue_lines;
};

TEST(ParseOfacCsv, ReadsOfacQuirks) {
  const std::vector<CsvCase> cases = {
      {"null marker and quotes",
       "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n", 4,
       {{"36", "AEROCARIBBEAN AIRLINES", "", "CUBA"}}, {1}, {}, {}},
      {"comma inside quotes",
       "173,\"ANGLO-CARIBBEAN CO., LTD.\"\r\n", 2, {{"173", "ANGLO-CARIBBEAN CO., LTD."}}, {1}, {}, {}},
      {"doubled quote",
       "1,\"say \"\"hi\"\"\"\r\n", 2, {{"1", "say \"hi\""}}, {1}, {}, {}},
      {"line break inside quotes keeps line numbers",
       "1,\"two\r\nlines\"\r\n2,\"b\"\r\n", 2, {{"1", "two\r\nlines"}, {"2", "b"}}, {1, 3}, {}, {}},
      {"dos end-of-file byte and no final newline",
       "1,\"a\"\r\n2,\"b\"\r\n\x1a", 2, {{"1", "a"}, {"2", "b"}}, {1, 2}, {}, {}},
      {"blank lines skipped",
       "\r\n1,\"a\"\r\n\r\n2,\"b\"", 2, {{"1", "a"}, {"2", "b"}}, {2, 4}, {}, {}},
      {"wrong field count",
       "1,\"a\"\r\n2,\"b\",\"extra\"\r\n3,\"c\"\r\n", 2, {{"1", "a"}, {"3", "c"}}, {1, 3},
       {"OFAC_WRONG_FIELD_COUNT"}, {2}},
      {"text after closing quote",
       "1,\"a\"x\r\n2,\"b\"\r\n", 2, {{"2", "b"}}, {2}, {"OFAC_BAD_QUOTE"}, {1}},
      {"unterminated quote drops the rest",
       "1,\"a\"\r\n2,\"b\r\n3,c\r\n", 2, {{"1", "a"}}, {1}, {"OFAC_UNTERMINATED_QUOTE"}, {2}},
  };
  for (const CsvCase& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    IssueLog issues;
    const std::vector<OfacRow> rows =
        ParseOfacCsv(test_case.text, "t.csv", test_case.fields, issues);
    ASSERT_EQ(rows.size(), test_case.want_rows.size());
    for (std::size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
      EXPECT_EQ(rows[row_idx].fields, test_case.want_rows[row_idx]);
      EXPECT_EQ(rows[row_idx].line, test_case.want_lines[row_idx]);
    }
    ASSERT_EQ(issues.size(), test_case.want_issue_codes.size());
    for (std::size_t issue_idx = 0; issue_idx < issues.size(); ++issue_idx) {
      EXPECT_EQ(issues.issues()[issue_idx].code, test_case.want_issue_codes[issue_idx]);
      EXPECT_EQ(issues.issues()[issue_idx].line, test_case.want_issue_lines[issue_idx]);
      EXPECT_EQ(issues.issues()[issue_idx].file, "t.csv");
    }
  }
}

}  // namespace
}  // namespace crosscheck::watchlist::internal
