#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <cstdint>
#include <string>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/cli/commands/issue_summary.h"
#include "crosscheck/common/output_file.h"
#include "crosscheck/evaluate/evaluator.h"
#include "crosscheck/pipeline/consortium_eval.h"

namespace crosscheck::cli {
namespace {

struct EvaluateFlags {
  std::string truth;
  std::string out;
  std::string json;
  double min_recall = 0;     // quality floors at the headline (high) threshold
  double min_precision = 0;
  std::string applications;  // the world's applications.csv: rate claimed countries
  double max_country_ratio = 0;  // floor: no country shown above this × the overall rate
  std::uint64_t min_country_legit = 500;
};

// kBelowFloorExit is evaluate's exit code when a --min-* floor is not met.
constexpr int kBelowFloorExit = 3;

// FloorsMet compares the headline (high) detection with the floors; prints each miss.
bool FloorsMet(const evaluate::EvaluationReport& report, const EvaluateFlags& flags) {
  bool met = true;
  for (const evaluate::DetectionMetrics& metrics : report.detection) {
    if (metrics.threshold != "high") continue;
    if (metrics.recall() < flags.min_recall) {
      std::fprintf(stderr, "crosscheck: recall %.4f is below the floor %.4f\n", metrics.recall(), flags.min_recall);
      met = false;
    }
    if (metrics.precision() < flags.min_precision) {
      std::fprintf(stderr, "crosscheck: precision %.4f is below the floor %.4f\n", metrics.precision(), flags.min_precision);
      met = false;
    }
  }
  if (flags.max_country_ratio <= 0 || !report.fairness) return met;
  for (const evaluate::CountryRate* rate : report.fairness->AboveGoal()) {
    std::fprintf(stderr, "crosscheck: %s's legitimate applications are flagged %.2fx the overall rate (%llu of %llu), "
                 "above the %.1fx floor (p = %.3g)\n", rate->country.c_str(), rate->ratio,
                 static_cast<unsigned long long>(rate->flagged), static_cast<unsigned long long>(rate->legit),
                 flags.max_country_ratio, rate->p_above);
    met = false;
  }
  return met;
}

int RunEvaluateCommand(const EvaluateFlags& flags) {
  IssueLog issues;
  evaluate::EvaluateOptions options;
  options.applications_csv = flags.applications;
  if (flags.max_country_ratio > 0) options.fairness.max_ratio = flags.max_country_ratio;
  options.fairness.min_legit = flags.min_country_legit;
  auto report = evaluate::Evaluate(flags.out, flags.truth, issues, options);
  for (const auto& issue : issues.issues()) std::fprintf(stderr, "crosscheck: %s\n", issue.ToString().c_str());
  if (!report) return ReportError(report.error());
  std::fputs(evaluate::FormatEvaluationText(*report).c_str(), stdout);
  const std::filesystem::path json_path =
      flags.json.empty() ? std::filesystem::path(flags.out) / "evaluation.json" : std::filesystem::path(flags.json);
  const Status written = WriteFileAtomically(json_path, evaluate::FormatEvaluationJson(*report));
  if (!written) return ReportError(written.error());
  std::printf("written: %s\n", json_path.c_str());
  return FloorsMet(*report, flags) ? 0 : kBelowFloorExit;
}

struct ConsortiumFlags {
  std::string applications, truth, ip_ranges, out;
  std::size_t k = 2;
  bool no_hub_identity_split = false;
};

int RunConsortiumCommand(const ConsortiumFlags& flags) {
  pipeline::ConsortiumEvalOptions options;
  options.applications = flags.applications;
  if (!flags.ip_ranges.empty()) options.ip_ranges = flags.ip_ranges;
  options.out_dir = flags.out;
  options.k_threshold = flags.k;
  options.hub_identity_split = !flags.no_hub_identity_split;
  IssueLog issues;
  auto result = pipeline::RunConsortiumEvaluation(options, issues);
  PrintIssueSummary(issues, std::nullopt);
  if (!result) return ReportError(result.error());
  std::printf("%zu applications at %zu companies; every company encoded its own rows (%.2f s), the hub matched "
              "all submissions (%.2f s, findings on %zu applications, k = %zu, %zu identities split), each company "
              "was scanned alone (%.2f s)\n",
              result->applications, result->companies, result->encode_seconds, result->hub_seconds, result->findings,
              flags.k, result->hub_identity_splits, result->local_seconds);
  std::printf("  %-34s %8s %8s %9s %10s %-22s %s\n", "each company scans", "flagged", "recall", "precision",
              "legit FPR", "fraud personas caught", "highest country (flagged legit, p at 2x)");
  const std::pair<const char*, const char*> modes[] = {
      {"local", "alone (its own rows only)"}, {"consortium", "alone + hub findings"}, {"pooled", "every company's rows (reference)"}};
  for (const auto& [dir, label] : modes) {
    IssueLog eval_issues;
    evaluate::EvaluateOptions eval_options;
    eval_options.applications_csv = flags.applications;  // rates the claimed countries
    auto report = evaluate::Evaluate(std::filesystem::path(flags.out) / dir, flags.truth, eval_issues, eval_options);
    for (const auto& issue : eval_issues.issues()) std::fprintf(stderr, "crosscheck: %s\n", issue.ToString().c_str());
    if (!report) return ReportError(report.error());
    for (const evaluate::DetectionMetrics& metrics : report->detection) {
      if (metrics.threshold != "high") continue;
      std::string country = "-";
      if (report->fairness && report->fairness->flagged == 0) {
        country = "none flagged";
      } else if (report->fairness && !report->fairness->countries.empty()) {
        const evaluate::CountryRate& worst = report->fairness->countries.front();
        char text[96];
        std::snprintf(text, sizeof text, "%s %.2fx (%llu of %llu, p=%.2g)", worst.country.c_str(), worst.ratio,
                      static_cast<unsigned long long>(worst.flagged), static_cast<unsigned long long>(worst.legit),
                      worst.p_above);
        country = text;
      }
      std::printf("  %-34s %8llu %8.4f %9.4f %9.4f%% %-22s %s\n", label,
                  static_cast<unsigned long long>(metrics.flagged), metrics.recall(), metrics.precision(),
                  100 * metrics.false_positive_rate(),
                  (std::to_string(metrics.fraud_personas_caught) + " / " + std::to_string(metrics.fraud_personas)).c_str(),
                  country.c_str());
    }
  }
  std::printf("  (flagged = high or critical; highest country = the claimed country of 500+ legitimate applications\n"
              "   flagged most often against the overall rate, p = chance of its count at 2x that rate;\n"
              "   risk.csv of each in %s/{local,consortium,pooled})\n", flags.out.c_str());
  return 0;
}

}  // namespace

void RegisterConsortiumEvaluateCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ConsortiumFlags>();
  auto* command = app.add_subcommand(
      "evaluate-consortium",
      "Detection when each company keeps its own rows: local-only, with hub findings, and pooled");
  command->add_option("--applications", flags->applications, "a simulated world's applications.csv")->required();
  command->add_option("--truth", flags->truth, "its truth.csv")->required();
  command->add_option("--ip-ranges", flags->ip_ranges, "its ip_ranges.csv");
  command->add_option("--k", flags->k, "the hub's k-threshold")->default_val(2)->check(CLI::Range(1, 1000));
  command->add_option("--out", flags->out, "output directory")->required();
  command->add_flag("--no-hub-identity-split", flags->no_hub_identity_split,
                    "the hub keeps every linked persona whole (hub match --no-identity-split); the scans still split");
  command->footer(
      "Splits the input by company_id; each company encodes its rows (share encode), the hub matches\n"
      "every submission (hub match), each company is scanned alone without and with its findings\n"
      "(scan --hub-findings), and one scan of all rows is the reference. Prints each mode's detection\n"
      "and the claimed country flagged most often (as evaluate --applications). Exit codes: 0 ok;\n"
      "2 invalid input.");
  command->callback([flags, exit_code] { *exit_code = RunConsortiumCommand(*flags); });
}

void RegisterEvaluateCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<EvaluateFlags>();
  auto* command = app.add_subcommand(
      "evaluate", "Score a scan against a simulated world's truth.csv (recall, precision, pairwise F1)");
  command->add_option("--truth", flags->truth, "truth.csv from `crosscheck simulate`")->required();
  command->add_option("--out", flags->out, "the scan's output directory (reads risk.csv)")->required();
  command->add_option("--json", flags->json, "where to write the JSON report (default OUT/evaluation.json)");
  command->add_option("--min-recall", flags->min_recall, "quality floor: exit 3 when recall at high is below it")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--min-precision", flags->min_precision,
                      "quality floor: exit 3 when precision at high is below it")->check(CLI::Range(0.0, 1.0));
  auto* applications = command->add_option(
      "--applications", flags->applications,
      "the world's applications.csv: rate each claimed country's legitimate applications flagged at high");
  command->add_option("--max-country-ratio", flags->max_country_ratio,
                      "fairness floor (needs --applications): exit 3 when a country's rate is shown (p < 0.01) to "
                      "exceed this many times the overall rate")
      ->check(CLI::Range(1.0, 1000.0))
      ->needs(applications);
  command->add_option("--min-country-legit", flags->min_country_legit,
                      "countries with fewer legitimate applications are not rated (default 500)");
  command->footer(
      "Prints detection at each level threshold (flagged = at or above it; the headline is high),\n"
      "persona linkage and network recovery as pairwise precision/recall/F1, which indicators\n"
      "fired on false positives and false negatives, and with --applications each claimed\n"
      "country's rate against the overall one, with how surprising its count would be at the\n"
      "goal's rate (a 5x ratio made of one application is not evidence). Exit codes: 0 ok;\n"
      "2 invalid input; 3 a --min-recall, --min-precision or --max-country-ratio floor was not\n"
      "met (named on stderr).");
  command->callback([flags, exit_code] { *exit_code = RunEvaluateCommand(*flags); });
}

}  // namespace crosscheck::cli
