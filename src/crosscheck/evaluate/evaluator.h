// Evaluator scores a scan against a simulated world's truth.csv: detection at each risk level
// threshold, persona linkage and network recovery as pairwise F1, and which indicators fired
// on the errors. This is how every tuning decision is measured.
//
//   IssueLog issues;
//   CC_ASSIGN_OR_RETURN(EvaluationReport report, Evaluate(scan_dir, truth_csv, issues));
//   std::cout << FormatEvaluationText(report);
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/evaluate/country_fairness.h"
#include "crosscheck/evaluate/pairwise_metrics.h"

namespace crosscheck::evaluate {

// DetectionMetrics: applications at or above one risk level count as flagged.
struct DetectionMetrics {
  std::string threshold;  // "medium", "high" (the headline: high + critical) or "critical"
  std::uint64_t flagged = 0;
  std::uint64_t true_positives = 0;   // fraudulent and flagged
  std::uint64_t false_positives = 0;  // legitimate and flagged
  std::uint64_t fraud_applications = 0;
  std::uint64_t legit_applications = 0;
  std::uint64_t fraud_personas = 0;         // distinct fraudulent person_ids in truth
  std::uint64_t fraud_personas_caught = 0;  // with at least one flagged application

  double recall() const;
  double precision() const;
  double false_positive_rate() const;  // over legitimate applications
};

// IndicatorCount is how often one reason code appeared on a set of applications.
using IndicatorCount = std::pair<std::string, std::uint64_t>;

struct EvaluationReport {
  std::uint64_t applications = 0;        // rows in truth.csv
  std::uint64_t missing_from_scan = 0;   // in truth, absent from risk.csv (counted as unflagged)
  std::uint64_t unknown_to_truth = 0;    // in risk.csv, absent from truth.csv (ignored)
  std::vector<DetectionMetrics> detection;  // medium, high, critical
  PairCounts persona_linkage;   // persona_id against person_id, all applications
  PairCounts network_recovery;  // network_id against operation_id, fraudulent applications
  std::vector<IndicatorCount> false_positive_indicators;  // at the high threshold, most first
  std::vector<IndicatorCount> false_negative_indicators;
  std::optional<CountryFairness> fairness;  // with EvaluateOptions::applications_csv
};

struct EvaluateOptions {
  // The world's applications.csv: its `country` column (folded to ISO codes as the engine
  // folds it) rates each claimed country's legitimate applications flagged at high.
  std::filesystem::path applications_csv;
  FairnessOptions fairness;
};

// Evaluate reads scan_dir/risk.csv and truth_csv. kNotFound when a file is missing,
// kInvalidInput when a required column is missing; bad rows become Issues.
Result<EvaluationReport> Evaluate(const std::filesystem::path& scan_dir,
                                  const std::filesystem::path& truth_csv, IssueLog& issues,
                                  const EvaluateOptions& options = {});


// FormatEvaluationText renders the report for a terminal.
std::string FormatEvaluationText(const EvaluationReport& report);

// FormatEvaluationJson renders the report as a JSON document.
std::string FormatEvaluationJson(const EvaluationReport& report);

}  // namespace crosscheck::evaluate
