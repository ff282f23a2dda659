// ScanHooks: the points a caller plugs into a scan. side_inputs_read lets RunScan free its
// sign-ins once monitoring has read them (issue 19: they were held through linkage and networks).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::pipeline {
namespace {

const std::filesystem::path kExamples = std::filesystem::path(CROSSCHECK_SOURCE_DIR) / "examples/applications.csv";

TEST(ScanHooks, SideInputsReadIsCalledOnceAfterTheSignInsAreAnalyzed) {
  IssueLog issues;
  Result<std::vector<ApplicationRecord>> records = ingest::ReadApplications(kExamples, {}, issues);
  ASSERT_TRUE(records.has_value()) << records.error().ToString();
  ASSERT_FALSE(records->empty());
  const std::vector<EmployeeRecord> employees = {{.line = 2, .login = "hire@example.com",
                                                  .application_id = records->front().application_id}};
  std::vector<SigninEvent> signins(1);
  signins[0].actor_login = "hire@example.com";
  signins[0].ip_address = "203.0.113.7";
  ScanInput input{.applications = &*records, .employees = &employees, .signins = &signins};
  int calls = 0;
  input.hooks.side_inputs_read = [&]() {
    ++calls;
    std::vector<SigninEvent>().swap(signins);  // what RunScan does: nothing reads them after this
  };
  const ScanContext context;
  Result<ScanResult> result = ScanApplications(context, input, issues);
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(signins.empty());
  EXPECT_EQ(result->applications.size(), records->size());
}

}  // namespace
}  // namespace crosscheck::pipeline
