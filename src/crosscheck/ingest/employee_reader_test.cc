#include "crosscheck/ingest/employee_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crosscheck/ingest/internal/test_files.h"

namespace crosscheck::ingest {
namespace {

TEST(EmployeeReader, ReadsRowsAndReportsBadOnes) {
  struct Case {
    const char* name;
    std::string content;
    std::vector<std::string> logins;
    std::vector<std::string> codes;
    std::vector<std::int64_t> issue_lines;
  };
  const Case cases[] = {
      {"clean, columns in any order and case",
       "Company_ID,LOGIN,application_id,team\nacme, kim@acme.com ,acme-1,eng\n",
       {"kim@acme.com"},
       {},
       {}},
      {"empty login",
       "login,application_id,company_id\n,acme-1,acme\nlee@acme.com,acme-2,acme\n",
       {"lee@acme.com"},
       {"MISSING_REQUIRED_FIELD"},
       {2}},
      {"empty application_id",
       "login,application_id,company_id\nkim@acme.com,,acme\n",
       {},
       {"MISSING_REQUIRED_FIELD"},
       {2}},
      {"duplicate login, any case",
       "login,application_id,company_id\nkim@acme.com,acme-1,acme\nKIM@acme.com,acme-9,acme\n",
       {"kim@acme.com"},
       {"DUPLICATE_LOGIN"},
       {3}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    internal::TestDir dir;
    IssueLog issues;
    auto employees = ReadEmployees(dir.Write("employees.csv", c.content), ReadOptions{}, issues);
    ASSERT_TRUE(employees.has_value()) << employees.error().ToString();
    std::vector<std::string> logins;
    for (const auto& employee : *employees) logins.push_back(employee.login);
    EXPECT_EQ(logins, c.logins);
    std::vector<std::string> codes;
    std::vector<std::int64_t> lines;
    for (const auto& issue : issues.issues()) {
      codes.push_back(issue.code);
      lines.push_back(issue.line);
    }
    EXPECT_EQ(codes, c.codes);
    EXPECT_EQ(lines, c.issue_lines);
  }
}

TEST(EmployeeReader, KeepsAllThreeFields) {
  internal::TestDir dir;
  IssueLog issues;
  auto employees = ReadEmployees(
      dir.Write("employees.csv", "login,application_id,company_id\nkim@acme.com,acme-1,acme\n"),
      ReadOptions{}, issues);
  ASSERT_TRUE(employees.has_value());
  ASSERT_EQ(employees->size(), 1u);
  EXPECT_EQ((*employees)[0].line, 2);
  EXPECT_EQ((*employees)[0].application_id, "acme-1");
  EXPECT_EQ((*employees)[0].company_id, "acme");
}

TEST(EmployeeReader, Errors) {
  struct Case {
    const char* name;
    std::string content;
    ReadOptions options;
    std::string message_part;
  };
  const Case cases[] = {
      {"missing login column",
       "user,application_id,company_id\nx,y,z\n",
       {},
       "missing required column login; the header has: user,application_id,company_id"},
      {"strict duplicate",
       "login,application_id,company_id\nkim@a.com,a-1,a\nkim@a.com,a-2,a\n",
       {.strict = true},
       ":3:1: DUPLICATE_LOGIN"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    internal::TestDir dir;
    IssueLog issues;
    auto employees = ReadEmployees(dir.Write("employees.csv", c.content), c.options, issues);
    ASSERT_FALSE(employees.has_value());
    EXPECT_EQ(employees.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(employees.error().message().find(c.message_part), std::string::npos)
        << employees.error().message();
  }
}

}  // namespace
}  // namespace crosscheck::ingest
