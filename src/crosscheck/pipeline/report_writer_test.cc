#include "crosscheck/pipeline/report_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "crosscheck/pipeline/report_html.h"

namespace crosscheck::pipeline {
namespace {

ScanResult SampleResult() {
  ScanResult result;
  result.inputs = {"applications.csv"};
  result.applications = {
      {"a1", "c1", "Kim <Min-jun>", "P1", "N1", 91, "critical",
       {{"SHARED_PAYOUT_ACCOUNT", 3.2, "payout account shared by 3 personas", {"acct ***1234", "a2"}}}},
      {"a2", "c2", "John \"Jack\" Doe", "P2", "N1", 80, "high", {}},
      {"a3", "c3", "Plain, Person", "P3", "N2", 3, "low", {}},
  };
  NetworkView network{"N1", 91, "critical", {"P1", "P2"}, {0, 1}, {"c1", "c2"},
                      {{"P1", "P2", "payout_account", "***1234", 4.5}},
                      {{"a1", "a2", 0.99, 7.1, -3.0, {{"email", "exact", 10.1}}}}};
  result.flagged_networks.push_back(network);
  result.summary.applications = 3;
  result.summary.applications_by_level = {{"critical", 1}, {"high", 1}, {"low", 1}};
  return result;
}

TEST(ReportWriter, WritesEveryContractFile) {
  const auto dir = std::filesystem::temp_directory_path() / ("crosscheck_report_" + std::to_string(::getpid()));
  IssueLog issues;
  issues.Add({.file = "applications.csv", .line = 4, .column = 2, .field = "date_of_birth",
              .code = "BAD_DATE", .message = "expected YYYY-MM-DD, got \"1/2/90\"",
              .severity = IssueSeverity::kFieldIgnored});
  ASSERT_TRUE(WriteScanOutputs(SampleResult(), issues, dir));
  for (const char* name : {"personas.csv", "networks.csv", "risk.csv", "report.json", "report.html", "issues.csv"}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(std::filesystem::exists(dir / name));
  }
  std::stringstream risk;
  risk << std::ifstream(dir / "risk.csv").rdbuf();
  EXPECT_NE(risk.str().find("a1,P1,N1,91,critical,SHARED_PAYOUT_ACCOUNT,c1"), std::string::npos);
  std::stringstream networks;
  networks << std::ifstream(dir / "networks.csv").rdbuf();
  EXPECT_EQ(networks.str(), "persona_id,network_id\nP1,N1\nP2,N1\nP3,N2\n");
  std::stringstream issues_csv;
  issues_csv << std::ifstream(dir / "issues.csv").rdbuf();
  EXPECT_NE(issues_csv.str().find("applications.csv,4,2,date_of_birth,BAD_DATE,field_ignored,"
                                  "\"expected YYYY-MM-DD, got \"\"1/2/90\"\"\""),
            std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(ReportWriter, JsonCarriesNetworksEvidenceAndWaterfalls) {
  IssueLog issues;
  auto json = nlohmann::json::parse(RenderReportJson(SampleResult(), issues));
  ASSERT_EQ(json["networks"].size(), 1u);
  EXPECT_EQ(json["networks"][0]["members"][0]["reasons"][0]["code"], "SHARED_PAYOUT_ACCOUNT");
  EXPECT_EQ(json["networks"][0]["evidence"][0]["kind"], "payout_account");
  EXPECT_EQ(json["networks"][0]["linked_pairs"][0]["terms"][0]["field"], "email");
  EXPECT_EQ(json["summary"]["applications_by_level"]["critical"], 1);
}

TEST(ReportWriter, HtmlEscapesUserText) {
  IssueLog issues;
  const std::string html = RenderReportHtml(SampleResult(), issues);
  EXPECT_EQ(html.find("<Min-jun>"), std::string::npos);
  EXPECT_NE(html.find("Kim &lt;Min-jun&gt;"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(EscapeHtml("a&b\"'"), "a&amp;b&quot;&#39;");
}

}  // namespace
}  // namespace crosscheck::pipeline
