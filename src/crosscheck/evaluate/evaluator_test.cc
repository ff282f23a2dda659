#include "crosscheck/evaluate/evaluator.h"

#include <gtest/gtest.h>

#include <fstream>

#include "crosscheck/evaluate/pairwise_metrics.h"

namespace crosscheck::evaluate {
namespace {

TEST(PairwiseMetrics, CountsPairsByHand) {
  struct Case {
    const char* name;
    std::vector<std::string> predicted;
    std::vector<std::string> truth;
    std::uint64_t predicted_pairs, true_pairs, correct_pairs;
  } cases[] = {
      {"perfect", {"a", "a", "b"}, {"x", "x", "y"}, 1, 1, 1},
      {"all merged", {"a", "a", "a"}, {"x", "x", "y"}, 3, 1, 1},
      {"all split", {"a", "b", "c"}, {"x", "x", "x"}, 0, 3, 0},
      {"empty label stands alone", {"", "", "a"}, {"x", "x", "x"}, 0, 3, 0},
      {"four and two", {"a", "a", "a", "a", "b", "b"}, {"x", "x", "y", "y", "y", "y"}, 7, 7, 3},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    PairCounts counts = CountPairs(c.predicted, c.truth);
    EXPECT_EQ(counts.predicted_pairs, c.predicted_pairs);
    EXPECT_EQ(counts.true_pairs, c.true_pairs);
    EXPECT_EQ(counts.correct_pairs, c.correct_pairs);
  }
  PairCounts counts = CountPairs({"a", "a", "a", "a", "b", "b"}, {"x", "x", "y", "y", "y", "y"});
  EXPECT_NEAR(counts.precision(), 3.0 / 7, 1e-12);
  EXPECT_NEAR(counts.recall(), 3.0 / 7, 1e-12);
  EXPECT_NEAR(counts.f1(), 3.0 / 7, 1e-12);
  EXPECT_EQ(CountPairs({"a"}, {"x"}).f1(), 1.0);
}

class EvaluatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("crosscheck_eval_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(EvaluatorTest, ComputesDetectionLinkageAndNetworks) {
  Write("truth.csv",
        "application_id,person_id,operation_id,is_fraud\n"
        "a1,p1,op1,1\n"
        "a2,p1,op1,1\n"
        "a3,p2,op1,1\n"
        "a4,p3,,0\n"
        "a5,p4,,0\n"
        "a6,p5,op2,true\n");
  Write("risk.csv",
        "application_id,persona_id,network_id,score,level,reasons\n"
        "a1,P1,N1,90,critical,SHARED_PHONE;VOIP_PHONE\n"
        "a2,P1,N1,80,high,SHARED_PHONE\n"
        "a3,P2,N1,40,medium,VOIP_PHONE\n"
        "a4,P3,N2,75,high,ANONYMIZING_IP\n"
        "a5,P4,N3,5,low,\n");  // a6 missing from the scan
  IssueLog issues;
  auto report = Evaluate(dir_, dir_ / "truth.csv", issues);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->applications, 6u);
  EXPECT_EQ(report->missing_from_scan, 1u);
  const DetectionMetrics& high = report->detection[1];
  EXPECT_EQ(high.threshold, "high");
  EXPECT_EQ(high.flagged, 3u);
  EXPECT_EQ(high.true_positives, 2u);
  EXPECT_EQ(high.false_positives, 1u);
  EXPECT_NEAR(high.recall(), 2.0 / 4, 1e-12);
  EXPECT_NEAR(high.precision(), 2.0 / 3, 1e-12);
  EXPECT_NEAR(high.false_positive_rate(), 1.0 / 2, 1e-12);
  EXPECT_EQ(high.fraud_personas, 3u);
  EXPECT_EQ(high.fraud_personas_caught, 1u);
  EXPECT_EQ(report->detection[0].true_positives, 3u);  // medium catches a3 too
  EXPECT_EQ(report->detection[2].true_positives, 1u);
  EXPECT_EQ(report->persona_linkage.f1(), 1.0);
  // Fraud apps a1,a2,a3 in N1 (op1) and a6 alone: all op1 pairs found, none wrong.
  EXPECT_EQ(report->network_recovery.true_pairs, 3u);
  EXPECT_EQ(report->network_recovery.correct_pairs, 3u);
  ASSERT_FALSE(report->false_positive_indicators.empty());
  EXPECT_EQ(report->false_positive_indicators[0].first, "ANONYMIZING_IP");
  ASSERT_EQ(report->false_negative_indicators.size(), 2u);
  EXPECT_NE(FormatEvaluationJson(*report).find("\"recall\": 0.5"), std::string::npos);
}

TEST_F(EvaluatorTest, MissingColumnIsInvalidInput) {
  Write("truth.csv", "application_id,person_id\na1,p1\n");
  Write("risk.csv", "application_id,persona_id,network_id,score,level,reasons\n");
  IssueLog issues;
  auto report = Evaluate(dir_, dir_ / "truth.csv", issues);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(report.error().message().find("is_fraud"), std::string::npos);
}

TEST_F(EvaluatorTest, MissingScanIsNotFound) {
  Write("truth.csv", "application_id,person_id,operation_id,is_fraud\n");
  IssueLog issues;
  auto report = Evaluate(dir_, dir_ / "truth.csv", issues);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace crosscheck::evaluate
