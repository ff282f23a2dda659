// Runs the public Panther Okta rules' own test events through SessionAnalyzer and compares
// crosscheck's answer with the table tests/cases/monitor/panther/agreement.csv (one row per rule
// test: Panther's expected result, the crosscheck code that is its counterpart, crosscheck's
// answer, whether rule and indicator mean the same thing, and why they differ). The table's
// "why" is what docs/INDICATORS.md shows; this test keeps it true.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "crosscheck/ingest/csv_reader.h"
#include "crosscheck/ingest/signin_reader.h"
#include "crosscheck/monitor/session_analyzer.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::monitor {
namespace {

struct Row {
  std::string source;  // "shared": ../shared/data/okta/panther-test-events.jsonl; "extra": ours
  int line = 0;
  int after = 0;       // this test's event follows that line's (Panther's cached last login)
  std::string rule, test, code, why;
  bool panther = false, crosscheck = false, same_meaning = false;
};

std::string CasesPath(const std::string& name) {
  return std::string(CROSSCHECK_SOURCE_DIR) + "/tests/cases/monitor/panther/" + name;
}

std::vector<SigninEvent> ReadEvents(const std::string& path) {
  std::ifstream file(path);
  EXPECT_TRUE(file.good()) << path;
  IssueLog issues;
  std::vector<SigninEvent> events;
  std::string text;
  for (std::int64_t number = 1; std::getline(file, text); ++number) {
    auto event = ingest::ParseSigninLine(text, number, path, issues);
    EXPECT_TRUE(event.has_value()) << path << ":" << number;
    events.push_back(event ? std::move(*event) : SigninEvent{});
  }
  return events;
}

std::vector<Row> ReadTable() {
  auto reader = ingest::CsvReader::Open(CasesPath("agreement.csv"), ingest::CsvOptions{});
  EXPECT_TRUE(reader.has_value());
  std::vector<Row> rows;
  if (!reader) return rows;
  std::map<std::string, int> col;
  for (const char* name : {"source", "line", "after", "rule", "test", "panther", "code", "crosscheck",
                           "same_meaning", "why"}) {
    col[name] = reader->FindColumn(name);
    EXPECT_GE(col[name], 0) << name;
  }
  ingest::CsvRecord record;
  while (reader->Next(record).value_or(false)) {
    auto text = [&](const char* name) { return std::string(record.field(col[name])); };
    Row row{.source = text("source"), .line = std::stoi(text("line")),
            .after = text("after").empty() ? 0 : std::stoi(text("after")),
            .rule = text("rule"), .test = text("test"), .code = text("code"), .why = text("why"),
            .panther = text("panther") == "true", .crosscheck = text("crosscheck") == "true",
            .same_meaning = text("same_meaning") == "true"};
    rows.push_back(std::move(row));
  }
  return rows;
}

// Answer runs the row's event, after the events it follows, through a fresh analyzer (no
// employees file, no IP data: only what the event says) and says whether it raised row.code.
bool Answer(const Row& row, const std::map<int, const Row*>& by_line,
            const std::vector<SigninEvent>& events) {
  std::vector<int> chain{row.line};
  for (int line = row.after; line != 0; line = by_line.at(line)->after) chain.push_back(line);
  std::reverse(chain.begin(), chain.end());
  SessionAnalyzer analyzer(MonitorOptions{}, {}, nullptr);
  std::vector<SigninAlert> alerts;
  for (int line : chain) {
    alerts.clear();
    analyzer.Observe(events.at(static_cast<std::size_t>(line - 1)), alerts);
  }
  return std::any_of(alerts.begin(), alerts.end(),
                     [&](const SigninAlert& alert) { return alert.code == row.code; });
}

// The index of the shared file says which rule test each line is: the table must say the same.
std::map<int, std::pair<std::string, bool>> SharedIndex() {
  auto reader = ingest::CsvReader::Open(
      std::string(CROSSCHECK_SHARED_DIR) + "/data/okta/panther-test-events.index.csv", ingest::CsvOptions{});
  EXPECT_TRUE(reader.has_value());
  std::map<int, std::pair<std::string, bool>> index;
  if (!reader) return index;
  const int line = reader->FindColumn("line"), test = reader->FindColumn("test_name"),
            expected = reader->FindColumn("expected_result");
  ingest::CsvRecord record;
  while (reader->Next(record).value_or(false)) {
    index[std::stoi(std::string(record.field(line)))] = {std::string(record.field(test)),
                                                          record.field(expected) == "true"};
  }
  return index;
}

TEST(PantherAgreement, EveryRuleTestGetsTheAnswerTheTableSays) {
  const std::map<std::string, std::vector<SigninEvent>> events = {
      {"shared", ReadEvents(std::string(CROSSCHECK_SHARED_DIR) + "/data/okta/panther-test-events.jsonl")},
      {"extra", ReadEvents(CasesPath("extra-test-events.jsonl"))}};
  const std::vector<Row> rows = ReadTable();
  ASSERT_FALSE(rows.empty());
  const auto index = SharedIndex();
  std::map<std::string, std::map<int, const Row*>> by_line;
  for (const Row& row : rows) by_line[row.source][row.line] = &row;
  int same = 0, same_agree = 0, all_agree = 0;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.rule + " / " + row.test);
    if (row.source == "shared") {
      ASSERT_TRUE(index.count(row.line));
      EXPECT_EQ(index.at(row.line).first, row.test);
      EXPECT_EQ(index.at(row.line).second, row.panther);
    }
    const bool answer = Answer(row, by_line.at(row.source), events.at(row.source));
    EXPECT_EQ(answer, row.crosscheck) << "the table's answer is stale; its why may be too";
    // A row that says it agrees must agree, and one that differs must say why.
    EXPECT_EQ(row.why.rfind("agree", 0) == 0, answer == row.panther) << row.why;
    all_agree += answer == row.panther;
    if (row.same_meaning) {
      ++same;
      same_agree += answer == row.panther;
    }
  }
  std::printf("Panther Okta rule tests: crosscheck agrees on %d of %zu (%.0f%%); where rule and "
              "indicator mean the same thing, %d of %d (%.0f%%)\n",
              all_agree, rows.size(), 100.0 * all_agree / static_cast<double>(rows.size()), same_agree,
              same, same ? 100.0 * same_agree / same : 0.0);
  EXPECT_GT(same, 0);
}

}  // namespace
}  // namespace crosscheck::monitor
