#include "crosscheck/ingest/application_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "crosscheck/ingest/internal/test_files.h"

namespace crosscheck::ingest {
namespace {

std::vector<std::string> Codes(const IssueLog& issues) {
  std::vector<std::string> codes;
  for (const Issue& issue : issues.issues()) codes.push_back(issue.code);
  return codes;
}

TEST(ApplicationReader, FillsEveryContractColumn) {
  internal::TestDir dir;
  const std::string header =
      "application_id,company_id,submitted_at,stage,full_name,email,phone,phone_line_type,"
      "date_of_birth,street,city,region,postal_code,country,shipping_address,ip_address,"
      "linkedin,github,resume_text,photo_hash,payout_account,national_id,device_id,idv_status,"
      "idv_document_country,interview_flags,referred_by,source\n";
  const std::string row =
      "acme-1,acme,2025-03-01T09:30:00+09:00,hired,\"Kim, Jong\",kim@example.com,"
      "+1 415 555 0100,nonFixedVoip,1990-02-03,1 Main St,Springfield,IL,62701,US,"
      "\"9 Elm St, Apt 2\",203.0.113.7,linkedin.com/in/kim,kimdev,\"Senior dev\nGo, C++\","
      "8f3a1b2c3d4e5f60,DE89370400440532013000,123-45-6789,dev-42,passed,US,"
      "CAMERA_OFF;READING_ANSWERS,acme-0,referral\n";
  const auto path = dir.Write("applications.csv", header + row);
  IssueLog issues;
  auto apps = ReadApplications(path, ReadOptions{}, issues);
  ASSERT_TRUE(apps.has_value()) << apps.error().ToString();
  EXPECT_TRUE(issues.empty());
  ASSERT_EQ(apps->size(), 1u);
  const ApplicationRecord& app = (*apps)[0];
  EXPECT_EQ(app.line, 2);
  EXPECT_EQ(app.application_id, "acme-1");
  EXPECT_EQ(app.company_id, "acme");
  EXPECT_EQ(app.submitted_at, "2025-03-01T09:30:00+09:00");
  EXPECT_EQ(app.submitted_at_unix, 1740789000);
  EXPECT_EQ(app.stage, "hired");
  EXPECT_EQ(app.full_name, "Kim, Jong");
  EXPECT_EQ(app.email, "kim@example.com");
  EXPECT_EQ(app.phone, "+1 415 555 0100");
  EXPECT_EQ(app.phone_line_type, "nonFixedVoip");
  EXPECT_EQ(app.date_of_birth, "1990-02-03");
  EXPECT_EQ(app.date_of_birth_parsed, (CivilDate{1990, 2, 3}));
  EXPECT_EQ(app.street, "1 Main St");
  EXPECT_EQ(app.city, "Springfield");
  EXPECT_EQ(app.region, "IL");
  EXPECT_EQ(app.postal_code, "62701");
  EXPECT_EQ(app.country, "US");
  EXPECT_EQ(app.shipping_address, "9 Elm St, Apt 2");
  EXPECT_EQ(app.ip_address, "203.0.113.7");
  EXPECT_EQ(app.linkedin, "linkedin.com/in/kim");
  EXPECT_EQ(app.github, "kimdev");
  EXPECT_EQ(app.resume_text, "Senior dev\nGo, C++");
  EXPECT_EQ(app.photo_hash, "8f3a1b2c3d4e5f60");
  EXPECT_EQ(app.payout_account, "DE89370400440532013000");
  EXPECT_EQ(app.national_id, "123-45-6789");
  EXPECT_EQ(app.device_id, "dev-42");
  EXPECT_EQ(app.idv_status, "passed");
  EXPECT_EQ(app.idv_document_country, "US");
  EXPECT_EQ(app.interview_flags, "CAMERA_OFF;READING_ANSWERS");
  EXPECT_EQ(app.referred_by, "acme-0");
  EXPECT_EQ(app.source, "referral");
  EXPECT_TRUE(app.extra.empty());
}

TEST(ApplicationReader, HeaderOrderCaseAndUnknownColumns) {
  internal::TestDir dir;
  const auto path = dir.Write("applications.csv",
                              " Email ,ATS_Score,Company_ID,APPLICATION_ID,email\n"
                              " a@x.org , 7 ,globex,g-1,second@x.org\n");
  IssueLog issues;
  auto apps = ReadApplications(path, ReadOptions{}, issues);
  ASSERT_TRUE(apps.has_value()) << apps.error().ToString();
  ASSERT_EQ(apps->size(), 1u);
  const ApplicationRecord& app = (*apps)[0];
  EXPECT_EQ(app.application_id, "g-1");
  EXPECT_EQ(app.company_id, "globex");
  EXPECT_EQ(app.email, "a@x.org");
  // Unknown and repeated columns are kept in file order, names as in the header.
  using Extra = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(app.extra, (Extra{{"ATS_Score", "7"}, {"email", "second@x.org"}}));
}

TEST(ApplicationReader, MissingRequiredColumnsAreAnError) {
  struct Case {
    const char* name;
    const char* content;
    std::vector<std::string> message_parts;
  };
  const Case cases[] = {
      {"no company_id",
       "application_id,email\na-1,x@y.z\n",
       {"company_id", "application_id,email"}},
      {"neither", "id,company\n1,2\n", {"application_id, company_id", "id,company"}},
      {"misspelt", "app_idx,company_id,email\n1,2,x@y.z\n", {"application_id", "app_idx"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    internal::TestDir dir;
    IssueLog issues;
    auto apps = ReadApplications(dir.Write("applications.csv", c.content), ReadOptions{}, issues);
    ASSERT_FALSE(apps.has_value());
    EXPECT_EQ(apps.error().code(), ErrorCode::kInvalidInput);
    for (const std::string& part : c.message_parts) {
      EXPECT_NE(apps.error().message().find(part), std::string::npos) << apps.error().message();
    }
  }
}

TEST(ApplicationReader, RowAndFieldIssues) {
  struct Case {
    const char* name;
    std::string rows;  // after the header application_id,company_id,submitted_at,date_of_birth
    std::vector<std::string> kept_ids;
    std::vector<std::string> codes;
    std::vector<IssueSeverity> severities;
    std::vector<std::int64_t> lines;
    std::vector<std::int64_t> columns;
  };
  const Case cases[] = {
      {"clean", "a-1,acme,2025-01-02T03:04:05Z,1990-01-01\n", {"a-1"}, {}, {}, {}, {}},
      {"empty id",
       ",acme,,\na-2,acme,,\n",
       {"a-2"},
       {"MISSING_REQUIRED_FIELD"},
       {IssueSeverity::kRowSkipped},
       {2},
       {1}},
      {"blank company",
       "a-1,  ,,\n",
       {},
       {"MISSING_REQUIRED_FIELD"},
       {IssueSeverity::kRowSkipped},
       {2},
       {5}},
      {"duplicate id keeps the first",
       "a-1,acme,,\na-2,acme,,\na-1,globex,,\n",
       {"a-1", "a-2"},
       {"DUPLICATE_APPLICATION_ID"},
       {IssueSeverity::kRowSkipped},
       {4},
       {1}},
      {"timestamp without offset",
       "a-1,acme,2025-01-02T03:04:05,\n",
       {"a-1"},
       {"BAD_TIMESTAMP"},
       {IssueSeverity::kFieldIgnored},
       {2},
       {10}},
      {"US-style date",
       "a-1,acme,,03/17/1990\n",
       {"a-1"},
       {"BAD_DATE"},
       {IssueSeverity::kFieldIgnored},
       {2},
       {11}},
      {"impossible date",
       "a-1,acme,,1990-02-30\n",
       {"a-1"},
       {"BAD_DATE"},
       {IssueSeverity::kFieldIgnored},
       {2},
       {11}},
      {"both bad, row kept",
       "a-1,acme,yesterday,1990\n",
       {"a-1"},
       {"BAD_TIMESTAMP", "BAD_DATE"},
       {IssueSeverity::kFieldIgnored, IssueSeverity::kFieldIgnored},
       {2, 2},
       {10, 20}},
      {"CSV-level issue",
       "a-1,acme,,\na-2,acme\n",
       {"a-1"},
       {"WRONG_FIELD_COUNT"},
       {IssueSeverity::kRowSkipped},
       {3},
       {0}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    internal::TestDir dir;
    const auto path = dir.Write("applications.csv",
                                "application_id,company_id,submitted_at,date_of_birth\n" + c.rows);
    IssueLog issues;
    auto apps = ReadApplications(path, ReadOptions{}, issues);
    ASSERT_TRUE(apps.has_value()) << apps.error().ToString();
    std::vector<std::string> ids;
    for (const auto& app : *apps) ids.push_back(app.application_id);
    EXPECT_EQ(ids, c.kept_ids);
    EXPECT_EQ(Codes(issues), c.codes);
    for (std::size_t issue_idx = 0; issue_idx < issues.size() && issue_idx < c.codes.size();
         ++issue_idx) {
      const Issue& issue = issues.issues()[issue_idx];
      EXPECT_EQ(issue.severity, c.severities[issue_idx]);
      EXPECT_EQ(issue.line, c.lines[issue_idx]);
      EXPECT_EQ(issue.column, c.columns[issue_idx]);
      EXPECT_EQ(issue.file, path.string());
    }
  }
}

TEST(ApplicationReader, IgnoredFieldsBecomeUnknown) {
  internal::TestDir dir;
  IssueLog issues;
  auto apps = ReadApplications(dir.Write("a.csv",
                                         "application_id,company_id,submitted_at,date_of_birth\n"
                                         "a-1,acme,2025-13-01T00:00:00Z,17/03/1990\n"),
                               ReadOptions{}, issues);
  ASSERT_TRUE(apps.has_value());
  ASSERT_EQ(apps->size(), 1u);
  EXPECT_EQ((*apps)[0].submitted_at, "");
  EXPECT_FALSE((*apps)[0].submitted_at_unix.has_value());
  EXPECT_EQ((*apps)[0].date_of_birth, "");
  EXPECT_FALSE((*apps)[0].date_of_birth_parsed.has_value());
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_NE(issues.issues()[1].message.find("17/03/1990"), std::string::npos);
  EXPECT_EQ(issues.issues()[1].field, "date_of_birth");
}

TEST(ApplicationReader, DuplicateNamesTheFirstLine) {
  internal::TestDir dir;
  IssueLog issues;
  auto apps = ReadApplications(dir.Write("a.csv",
                                         "application_id,company_id,resume_text\n"
                                         "a-1,acme,\"two\nlines\"\na-2,acme,\na-1,acme,\n"),
                               ReadOptions{}, issues);
  ASSERT_TRUE(apps.has_value());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues.issues()[0].line, 5);
  EXPECT_NE(issues.issues()[0].message.find("line 2"), std::string::npos)
      << issues.issues()[0].message;
}

// Enough rows that the table of seen ids is sized from the first rows and then grows: every
// repeated id, short or long, near or far from its first use, is reported with the line of
// its first use, and every other row is kept in file order.
TEST(ApplicationReader, DuplicatesAmongManyRowsNameTheirFirstLine) {
  std::mt19937 rng(42);
  std::string content = "application_id,company_id\n";
  std::vector<std::string> kept_ids;
  std::vector<std::int64_t> kept_lines;
  std::vector<std::string> expected_messages;
  std::int64_t line = 1;
  for (int row_idx = 0; row_idx < 6000; ++row_idx) {
    ++line;
    if (!kept_ids.empty() && rng() % 7 == 0) {
      const std::size_t first = rng() % kept_ids.size();
      content += kept_ids[first] + ",acme\n";
      expected_messages.push_back("application_id '" + kept_ids[first] +
                                  "' already used on line " + std::to_string(kept_lines[first]) +
                                  "; row skipped");
      continue;
    }
    // Short ids fit in a std::string's own storage, long ones do not; both must be found.
    std::string id = (row_idx % 2 == 0) ? "a" + std::to_string(row_idx)
                                        : "application-with-a-long-id-" + std::to_string(row_idx);
    content += id + ",acme\n";
    kept_ids.push_back(std::move(id));
    kept_lines.push_back(line);
  }
  internal::TestDir dir;
  IssueLog issues;
  auto apps = ReadApplications(dir.Write("many.csv", content), ReadOptions{}, issues);
  ASSERT_TRUE(apps.has_value()) << apps.error().ToString();
  ASSERT_EQ(apps->size(), kept_ids.size());
  for (std::size_t app_idx = 0; app_idx < apps->size(); ++app_idx) {
    EXPECT_EQ((*apps)[app_idx].application_id, kept_ids[app_idx]);
    EXPECT_EQ((*apps)[app_idx].line, kept_lines[app_idx]);
  }
  ASSERT_EQ(issues.size(), expected_messages.size());
  ASSERT_GT(expected_messages.size(), 500u);
  for (std::size_t issue_idx = 0; issue_idx < expected_messages.size(); ++issue_idx) {
    EXPECT_EQ(issues.issues()[issue_idx].code, "DUPLICATE_APPLICATION_ID");
    EXPECT_EQ(issues.issues()[issue_idx].message, expected_messages[issue_idx]);
  }
}

TEST(ApplicationReader, StrictTurnsTheFirstIssueIntoAnError) {
  struct Case {
    const char* name;
    std::string rows;
    std::string message_part;
  };
  const Case cases[] = {
      {"bad date", "a-1,acme,1990-02-30\n", ":2:10: BAD_DATE"},
      {"duplicate", "a-1,acme,\na-1,acme,\n", ":3:1: DUPLICATE_APPLICATION_ID"},
      {"empty id", "a-1,acme,\n,acme,\n", ":3:1: MISSING_REQUIRED_FIELD"},
      {"wrong field count", "a-1,acme\n", ":2: WRONG_FIELD_COUNT"},
      {"invalid UTF-8",
       "a-1,\xe9"
       "cole \xC3\xA9\xC3\xA9,\n",
       ":2:5: INVALID_UTF8"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    internal::TestDir dir;
    IssueLog issues;
    auto apps =
        ReadApplications(dir.Write("a.csv", "application_id,company_id,date_of_birth\n" + c.rows),
                         ReadOptions{.strict = true}, issues);
    ASSERT_FALSE(apps.has_value());
    EXPECT_EQ(apps.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(apps.error().message().find(c.message_part), std::string::npos)
        << apps.error().message();
  }
}

TEST(ApplicationReader, FileErrorsPassThrough) {
  internal::TestDir dir;
  IssueLog issues;
  auto missing = ReadApplications(dir.path() / "nope.csv", ReadOptions{}, issues);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  auto empty = ReadApplications(dir.Write("e.csv", ""), ReadOptions{}, issues);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code(), ErrorCode::kInvalidInput);
}

TEST(ApplicationReader, MaxFieldBytesApplies) {
  internal::TestDir dir;
  IssueLog issues;
  const std::string long_resume(200, 'r');
  auto apps = ReadApplications(dir.Write("a.csv",
                                         "application_id,company_id,resume_text\n"
                                         "a-1,acme," +
                                             long_resume + "\na-2,acme,short\n"),
                               ReadOptions{.max_field_bytes = 100}, issues);
  ASSERT_TRUE(apps.has_value());
  ASSERT_EQ(apps->size(), 2u);  // the long field is cut, the application kept
  EXPECT_EQ((*apps)[0].resume_text, std::string(100, 'r'));
  EXPECT_EQ(Codes(issues), std::vector<std::string>{"FIELD_TOO_LONG"});
  EXPECT_EQ(issues.issues()[0].severity, IssueSeverity::kFieldRepaired);
}

}  // namespace
}  // namespace crosscheck::ingest
