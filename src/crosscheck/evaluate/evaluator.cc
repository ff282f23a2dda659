#include "crosscheck/evaluate/evaluator.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "crosscheck/common/strings.h"
#include "crosscheck/ingest/csv_table.h"
#include "crosscheck/normalize/address.h"
#include "crosscheck/score/risk_scorer.h"

namespace crosscheck::evaluate {
namespace {

struct TruthRow {
  std::string person_id;
  std::string operation_id;
  bool is_fraud = false;
};

struct ScanRow {
  std::string persona_id;
  std::string network_id;
  int level_rank = -1;
  std::vector<std::string> reasons;
};

Result<std::vector<int>> FindColumns(const ingest::CsvTable& table, const std::filesystem::path& path,
                                     std::initializer_list<const char*> names) {
  std::vector<int> indexes;
  std::vector<std::string> missing;
  for (const char* name : names) {
    int found = -1;
    for (std::size_t column_idx = 0; column_idx < table.header.size(); ++column_idx) {
      if (EqualsIgnoreCaseAscii(TrimAscii(table.header[column_idx]), name)) {
        found = static_cast<int>(column_idx);
      }
    }
    if (found < 0) missing.emplace_back(name);
    indexes.push_back(found);
  }
  if (!missing.empty()) {
    return InvalidInput(path.string() + ": missing required column(s) " + JoinStrings(missing, ", "));
  }
  return indexes;
}

bool ParseBool(std::string_view text) {
  text = TrimAscii(text);
  return text == "1" || EqualsIgnoreCaseAscii(text, "true") || EqualsIgnoreCaseAscii(text, "yes");
}

Result<std::unordered_map<std::string, TruthRow>> ReadTruth(const std::filesystem::path& path,
                                                             IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(ingest::CsvTable table, ingest::ReadCsvTable(path, ingest::CsvOptions{}, issues));
  CC_ASSIGN_OR_RETURN(std::vector<int> columns,
                      FindColumns(table, path, {"application_id", "person_id", "operation_id", "is_fraud"}));
  std::unordered_map<std::string, TruthRow> truth;
  for (std::size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
    const auto& row = table.rows[row_idx];
    TruthRow value{row[columns[1]], row[columns[2]], ParseBool(row[columns[3]])};
    if (!truth.emplace(row[columns[0]], std::move(value)).second) {
      issues.Add({.file = path.filename().string(), .line = table.lines[row_idx], .column = columns[0] + 1,
                  .field = "application_id", .code = "DUPLICATE_APPLICATION_ID",
                  .message = "application " + row[columns[0]] + " appears twice in truth"});
    }
  }
  return truth;
}

Result<std::unordered_map<std::string, ScanRow>> ReadRisk(const std::filesystem::path& path,
                                                          IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(ingest::CsvTable table, ingest::ReadCsvTable(path, ingest::CsvOptions{}, issues));
  CC_ASSIGN_OR_RETURN(std::vector<int> columns,
                      FindColumns(table, path, {"application_id", "persona_id", "network_id", "level", "reasons"}));
  std::unordered_map<std::string, ScanRow> scan;
  for (const auto& row : table.rows) {
    ScanRow value{row[columns[1]], row[columns[2]], score::RiskLevelRank(row[columns[3]]), {}};
    for (auto& reason : SplitString(row[columns[4]], ';')) {
      if (!TrimAscii(reason).empty()) value.reasons.emplace_back(TrimAscii(reason));
    }
    scan.emplace(row[columns[0]], std::move(value));
  }
  return scan;
}

// ReadCountries maps each application of the world's applications.csv to its claimed country
// as an ISO code (the raw value upper-cased when not recognised, "-" when empty).
Result<std::unordered_map<std::string, std::string>> ReadCountries(const std::filesystem::path& path,
                                                                   IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(ingest::CsvTable table, ingest::ReadCsvTable(path, ingest::CsvOptions{}, issues));
  CC_ASSIGN_OR_RETURN(std::vector<int> columns, FindColumns(table, path, {"application_id", "country"}));
  std::unordered_map<std::string, std::string> countries;
  std::unordered_map<std::string, std::string> folded;  // a world spells few countries, many times
  for (const auto& row : table.rows) {
    const std::string raw(TrimAscii(row[columns[1]]));
    auto [slot, inserted] = folded.try_emplace(raw);
    if (inserted) {
      slot->second = normalize::NormalizeCountry(raw);
      if (slot->second.empty()) slot->second = raw.empty() ? "-" : ToUpperAscii(raw);
    }
    countries.emplace(row[columns[0]], slot->second);
  }
  return countries;
}

std::vector<IndicatorCount> SortedCounts(const std::map<std::string, std::uint64_t>& counts) {
  std::vector<IndicatorCount> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& left, const auto& right) { return left.second > right.second; });
  return sorted;
}

double Ratio(std::uint64_t numerator, std::uint64_t denominator, double if_empty) {
  return denominator == 0 ? if_empty : static_cast<double>(numerator) / denominator;
}

}  // namespace

double DetectionMetrics::recall() const { return Ratio(true_positives, fraud_applications, 1.0); }
double DetectionMetrics::precision() const { return Ratio(true_positives, flagged, 1.0); }
double DetectionMetrics::false_positive_rate() const {
  return Ratio(false_positives, legit_applications, 0.0);
}


Result<EvaluationReport> Evaluate(const std::filesystem::path& scan_dir,
                                  const std::filesystem::path& truth_csv, IssueLog& issues,
                                  const EvaluateOptions& options) {
  CC_ASSIGN_OR_RETURN(auto truth, ReadTruth(truth_csv, issues));
  CC_ASSIGN_OR_RETURN(auto scan, ReadRisk(scan_dir / "risk.csv", issues));

  EvaluationReport report;
  report.applications = truth.size();
  for (const auto& [application_id, row] : scan) {
    if (!truth.contains(application_id)) ++report.unknown_to_truth;
  }

  // Iterate in a fixed order so the report does not depend on hash order.
  std::vector<const std::string*> ids;
  ids.reserve(truth.size());
  for (const auto& [application_id, row] : truth) ids.push_back(&application_id);
  std::sort(ids.begin(), ids.end(), [](const auto* left, const auto* right) { return *left < *right; });

  const std::pair<const char*, int> thresholds[] = {{"medium", 1}, {"high", 2}, {"critical", 3}};
  std::vector<std::string> predicted_persona, true_person, predicted_network, true_operation;
  std::map<std::string, std::uint64_t> fp_counts, fn_counts;
  std::vector<std::unordered_set<std::string>> personas_caught(std::size(thresholds));
  std::unordered_set<std::string> fraud_persons;
  std::vector<std::pair<const std::string*, bool>> legit_flagged;  // legitimate applications, flagged at high
  for (const auto& [name, rank] : thresholds) report.detection.push_back({.threshold = name});

  for (const std::string* application_id : ids) {
    const TruthRow& expected = truth.at(*application_id);
    auto found = scan.find(*application_id);
    const ScanRow* got = found == scan.end() ? nullptr : &found->second;
    if (!got) ++report.missing_from_scan;
    // An application missing from the scan is its own persona and network.
    predicted_persona.push_back(got ? got->persona_id : "");
    true_person.push_back(expected.person_id);
    if (expected.is_fraud) {
      fraud_persons.insert(expected.person_id);
      predicted_network.push_back(got ? got->network_id : "");
      true_operation.push_back(expected.operation_id);
    }
    const int rank = got ? got->level_rank : -1;
    for (std::size_t threshold_idx = 0; threshold_idx < std::size(thresholds); ++threshold_idx) {
      DetectionMetrics& metrics = report.detection[threshold_idx];
      const bool flagged = rank >= thresholds[threshold_idx].second;
      (expected.is_fraud ? metrics.fraud_applications : metrics.legit_applications)++;
      if (flagged) ++metrics.flagged;
      if (flagged && expected.is_fraud) {
        ++metrics.true_positives;
        personas_caught[threshold_idx].insert(expected.person_id);
      }
      if (flagged && !expected.is_fraud) ++metrics.false_positives;
    }
    const bool flagged_high = rank >= 2;
    if (!expected.is_fraud) legit_flagged.emplace_back(application_id, flagged_high);
    if (got && flagged_high && !expected.is_fraud) {
      for (const auto& reason : got->reasons) ++fp_counts[reason];
    }
    if (expected.is_fraud && !flagged_high) {
      if (!got || got->reasons.empty()) ++fn_counts["(no reason)"];
      if (got) {
        for (const auto& reason : got->reasons) ++fn_counts[reason];
      }
    }
  }
  for (std::size_t threshold_idx = 0; threshold_idx < std::size(thresholds); ++threshold_idx) {
    report.detection[threshold_idx].fraud_personas = fraud_persons.size();
    report.detection[threshold_idx].fraud_personas_caught = personas_caught[threshold_idx].size();
  }
  report.persona_linkage = CountPairs(predicted_persona, true_person);
  report.network_recovery = CountPairs(predicted_network, true_operation);
  report.false_positive_indicators = SortedCounts(fp_counts);
  report.false_negative_indicators = SortedCounts(fn_counts);
  if (!options.applications_csv.empty()) {
    CC_ASSIGN_OR_RETURN(auto countries, ReadCountries(options.applications_csv, issues));
    std::vector<LegitOutcome> outcomes;
    outcomes.reserve(legit_flagged.size());
    for (const auto& [application_id, flagged] : legit_flagged) {
      const auto found = countries.find(*application_id);
      outcomes.push_back({found == countries.end() ? "-" : found->second, flagged});
    }
    report.fairness = MeasureCountryFairness(outcomes, options.fairness);
  }
  return report;
}

std::string FormatEvaluationText(const EvaluationReport& report) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "applications: %llu (missing from scan: %llu)\n",
                static_cast<unsigned long long>(report.applications),
                static_cast<unsigned long long>(report.missing_from_scan));
  out += line;
  out += "detection (flagged = level at or above threshold):\n";
  out += "  threshold  flagged   recall  precision  legit FPR  fraud personas caught\n";
  for (const auto& metrics : report.detection) {
    std::snprintf(line, sizeof line, "  %-9s %8llu   %6.4f     %6.4f    %6.4f%%  %llu / %llu\n",
                  metrics.threshold.c_str(), static_cast<unsigned long long>(metrics.flagged),
                  metrics.recall(), metrics.precision(), 100 * metrics.false_positive_rate(),
                  static_cast<unsigned long long>(metrics.fraud_personas_caught),
                  static_cast<unsigned long long>(metrics.fraud_personas));
    out += line;
  }
  auto pairs_line = [&](const char* label, const PairCounts& counts) {
    std::snprintf(line, sizeof line, "%s: precision %.4f  recall %.4f  F1 %.4f  (%llu true pairs)\n",
                  label, counts.precision(), counts.recall(), counts.f1(),
                  static_cast<unsigned long long>(counts.true_pairs));
    out += line;
  };
  pairs_line("persona linkage (pairwise)", report.persona_linkage);
  pairs_line("network recovery (pairwise, fraud)", report.network_recovery);
  auto indicators_line = [&](const char* label, const std::vector<IndicatorCount>& counts) {
    out += label;
    if (counts.empty()) out += " none";
    for (std::size_t count_idx = 0; count_idx < counts.size() && count_idx < 8; ++count_idx) {
      out += " " + counts[count_idx].first + "=" + std::to_string(counts[count_idx].second);
    }
    out += "\n";
  };
  indicators_line("indicators on false positives (high):", report.false_positive_indicators);
  indicators_line("indicators on false negatives (high):", report.false_negative_indicators);
  if (report.fairness) out += FormatFairnessText(*report.fairness);
  return out;
}

std::string FormatEvaluationJson(const EvaluationReport& report) {
  nlohmann::ordered_json json;
  json["applications"] = report.applications;
  json["missing_from_scan"] = report.missing_from_scan;
  json["unknown_to_truth"] = report.unknown_to_truth;
  for (const auto& metrics : report.detection) {
    json["detection"].push_back({{"threshold", metrics.threshold},
                                 {"flagged", metrics.flagged},
                                 {"true_positives", metrics.true_positives},
                                 {"false_positives", metrics.false_positives},
                                 {"recall", metrics.recall()},
                                 {"precision", metrics.precision()},
                                 {"false_positive_rate", metrics.false_positive_rate()},
                                 {"fraud_personas", metrics.fraud_personas},
                                 {"fraud_personas_caught", metrics.fraud_personas_caught}});
  }
  auto pairs_json = [](const PairCounts& counts) {
    return nlohmann::ordered_json{{"precision", counts.precision()}, {"recall", counts.recall()},
                                  {"f1", counts.f1()}, {"predicted_pairs", counts.predicted_pairs},
                                  {"true_pairs", counts.true_pairs}, {"correct_pairs", counts.correct_pairs}};
  };
  json["persona_linkage"] = pairs_json(report.persona_linkage);
  json["network_recovery"] = pairs_json(report.network_recovery);
  json["false_positive_indicators"] = nlohmann::ordered_json::object();
  for (const auto& [code, count] : report.false_positive_indicators) json["false_positive_indicators"][code] = count;
  json["false_negative_indicators"] = nlohmann::ordered_json::object();
  for (const auto& [code, count] : report.false_negative_indicators) json["false_negative_indicators"][code] = count;
  if (report.fairness) {
    const CountryFairness& fairness = *report.fairness;
    nlohmann::ordered_json countries = nlohmann::ordered_json::array();
    for (const CountryRate& rate : fairness.countries) {
      countries.push_back({{"country", rate.country}, {"legit", rate.legit}, {"flagged", rate.flagged},
                           {"ratio", rate.ratio}, {"p_above_goal", rate.p_above}});
    }
    nlohmann::ordered_json above = nlohmann::ordered_json::array();
    for (const CountryRate* rate : fairness.AboveGoal()) above.push_back(rate->country);
    json["fairness"] = {{"max_ratio", fairness.options.max_ratio},
                        {"min_legit", fairness.options.min_legit},
                        {"significance", fairness.options.significance},
                        {"legit", fairness.legit},
                        {"flagged", fairness.flagged},
                        {"overall_rate", fairness.overall_rate()},
                        {"countries", std::move(countries)},
                        {"above_goal", std::move(above)}};
  }
  return json.dump(2) + "\n";
}

}  // namespace crosscheck::evaluate
