#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/evaluate/evaluator.h"

namespace crosscheck::cli {
namespace {

struct EvaluateFlags {
  std::string truth;
  std::string out;
  std::string json;
};

int RunEvaluateCommand(const EvaluateFlags& flags) {
  IssueLog issues;
  auto report = evaluate::Evaluate(flags.out, flags.truth, issues);
  for (const auto& issue : issues.issues()) std::fprintf(stderr, "crosscheck: %s\n", issue.ToString().c_str());
  if (!report) return ReportError(report.error());
  std::fputs(evaluate::FormatEvaluationText(*report).c_str(), stdout);
  const std::filesystem::path json_path =
      flags.json.empty() ? std::filesystem::path(flags.out) / "evaluation.json" : std::filesystem::path(flags.json);
  std::ofstream json(json_path, std::ios::trunc);
  json << evaluate::FormatEvaluationJson(*report);
  json.close();
  if (!json) return ReportError(Error(ErrorCode::kInvalidInput, "cannot write " + json_path.string()));
  std::printf("written: %s\n", json_path.c_str());
  return 0;
}

}  // namespace

void RegisterEvaluateCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<EvaluateFlags>();
  auto* command = app.add_subcommand(
      "evaluate", "Score a scan against a simulated world's truth.csv (recall, precision, pairwise F1)");
  command->add_option("--truth", flags->truth, "truth.csv from `crosscheck simulate`")->required();
  command->add_option("--out", flags->out, "the scan's output directory (reads risk.csv)")->required();
  command->add_option("--json", flags->json, "where to write the JSON report (default OUT/evaluation.json)");
  command->footer(
      "Prints detection at each level threshold (flagged = at or above it; the headline is high),\n"
      "persona linkage and network recovery as pairwise precision/recall/F1, and which indicators\n"
      "fired on false positives and false negatives. Exit codes: 0 ok; 2 invalid input.");
  command->callback([flags, exit_code] { *exit_code = RunEvaluateCommand(*flags); });
}

}  // namespace crosscheck::cli
