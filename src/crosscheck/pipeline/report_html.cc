#include "crosscheck/pipeline/report_html.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "crosscheck/pipeline/report_network_html.h"
#include "crosscheck/pipeline/report_network_model.h"
#include "crosscheck/pipeline/report_writer.h"
#include "crosscheck/score/risk_scorer.h"

namespace crosscheck::pipeline {
namespace {

using internal::LevelScoreBadge;

constexpr const char* kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{background:#1d2330;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#b8c0cc;font-size:14px}main{padding:24px 32px;max-width:1280px}
section{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:24px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
section.network{content-visibility:auto;contain-intrinsic-size:auto 1600px}
h2{font-size:18px;margin:0 0 8px}h2 a{color:inherit}h3{font-size:15px;margin:16px 0 6px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e5e8ec;vertical-align:top}
th{background:#f0f2f5}td.n,th.n{text-align:right}.lvl{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
.critical{background:#7a1020;color:#fff}.high{background:#d9480f;color:#fff}.medium{background:#f0c000}.low{background:#d3f9d8}
code{background:#f0f2f5;padding:1px 4px;border-radius:3px;font-size:12px}.muted{color:#5b6575}.names{color:#5b6575;font-size:12px}td a{white-space:nowrap}
.addr{background:#fff3bf;padding:0 3px;border-radius:3px}.ev{color:#5b6575;margin-left:14px;font-size:12px}
.chip{white-space:nowrap;font-size:12px;margin-right:6px}.chip i{display:inline-block;width:14px;height:14px;border-radius:2px;color:#fff;font-style:normal;font-size:10px;text-align:center;line-height:14px;margin-right:3px}
.svgwrap{display:flex;gap:16px;align-items:flex-start;overflow-x:auto}.svgwrap svg{flex:none}.legend{font-size:12px;min-width:180px}.legend b{display:block;margin:6px 0 2px}
.dot{display:inline-block;width:12px;height:12px;border-radius:6px;margin-right:6px;vertical-align:middle}
svg line{stroke-width:1.5;stroke-opacity:.65}svg text{font-size:11px;text-anchor:middle;fill:#1d2330}svg text.s{text-anchor:start}svg text.e{text-anchor:end}svg text.g{fill:#fff;font-size:9px;font-weight:700}
svg text.more{font-size:10px;fill:#d9480f;text-anchor:start}svg circle{stroke:#fff;stroke-width:2}svg circle.critical{fill:#7a1020}
svg circle.high{fill:#d9480f}svg circle.medium{fill:#f0c000}svg circle.low{fill:#adb5bd}
details summary{cursor:pointer}section.network>details{margin-top:12px}
)css";

constexpr const char* kLevels[] = {"critical", "high", "medium", "low"};

std::string Count(const std::map<std::string, std::uint64_t>& counts, const char* key) {
  auto found = counts.find(key);
  return std::to_string(found == counts.end() ? 0 : found->second);
}

// LevelMeanings says what each level means in probability and in score, so that a score of 98
// at medium beside 99 at high reads as the threshold it is.
std::string LevelMeaning(const char* level) {
  const score::ScoreOptions defaults;
  const auto percent = [](double probability) { return internal::FixedNumber(100 * probability, 1) + " %"; };
  const std::string level_name(level);
  if (level_name == "critical") return "probability ≥ " + percent(defaults.critical_probability) + " (score 99–100)";
  if (level_name == "high") {
    return "probability ≥ " + percent(defaults.high_probability) + " (score 99)";
  }
  if (level_name == "medium") {
    return "probability ≥ " + percent(defaults.medium_probability) + " (score 50–98)";
  }
  return "below " + percent(defaults.medium_probability) + " (score 0–49)";
}

// RenderIssues counts the input issues by code, as the command line does (17,000 BAD_PHONE
// read as one line); issues.csv lists them.
void RenderIssues(const IssueLog& issues, std::string& html) {
  if (issues.empty()) return;
  std::map<std::string, std::size_t> by_code;
  for (const Issue& issue : issues.issues()) ++by_code[issue.code];
  html += "<p class=\"muted\">" + std::to_string(issues.size()) + " input issues, listed in <code>issues.csv</code>:";
  for (const auto& [code, count] : by_code) html += " <code>" + EscapeHtml(code) + "</code> " + std::to_string(count);
  html += "</p>";
}

void RenderSummary(const ScanResult& result, const IssueLog& issues, std::string& html) {
  std::map<std::string, std::uint64_t> networks_by_level, personas_by_level;
  for (const NetworkView& network : result.flagged_networks) ++networks_by_level[network.level];
  std::unordered_map<std::string_view, int> persona_rank;
  for (const ApplicationResult& application : result.applications) {
    int& rank = persona_rank.try_emplace(application.persona_id, 0).first->second;
    rank = std::max(rank, LevelRank(application.level));
  }
  for (const auto& [persona, rank] : persona_rank) ++personas_by_level[kLevels[3 - std::clamp(rank, 0, 3)]];
  html += "<section id=\"top\"><h2>Summary</h2><table><tr><th>level</th><th>what it means</th><th class=\"n\">"
          "networks</th><th class=\"n\">people</th><th class=\"n\">applications</th></tr>";
  for (const char* level : kLevels) {
    const bool flagged = LevelRank(level) >= 2;
    html += "<tr><td><span class=\"lvl " + std::string(level) + "\">" + level + "</span></td><td>" +
            LevelMeaning(level) + "</td><td class=\"n\">" + (flagged ? Count(networks_by_level, level) : "–") +
            "</td><td class=\"n\">" + Count(personas_by_level, level) + "</td><td class=\"n\">" +
            Count(result.summary.applications_by_level, level) + "</td></tr>";
  }
  const ScanSummary& summary = result.summary;
  html += "</table><p class=\"muted\">A level is the posterior probability of fraud; the score is that "
          "probability in percent, rounded down, and is shown beside the level everywhere. A network's "
          "level is its most severe application's, a person's the most severe of their applications. "
          "Critical and high are flagged for review. Scores measure misrepresentation and reuse, never "
          "nationality or name origin. " +
          std::to_string(summary.applications) + " applications, " + std::to_string(summary.personas) +
          " people, " + std::to_string(summary.networks) + " networks (" +
          std::to_string(summary.multi_persona_networks) + " of several people); " +
          "rows skipped: " + std::to_string(summary.rows_skipped) + ".</p>";
  RenderIssues(issues, html);
  html += "</section>";
}

// TriageRow is one line of the table of flagged networks: what a reviewer needs to pick one.
void RenderTriageRow(const ScanResult& result, const NetworkView& network, std::size_t rank, std::string& html) {
  const NetworkModel model = BuildNetworkModel(result, network, {.max_people = 0, .max_artifacts = 0});
  std::map<std::string, std::uint64_t> applications_by_level;
  for (std::size_t application_idx : network.applications) ++applications_by_level[result.applications[application_idx].level];
  std::map<std::string, std::size_t> kinds;
  for (const ReportArtifact& artifact : model.artifacts) ++kinds[artifact.kind];
  const std::string id = EscapeHtml(network.network_id);
  html += "<tr><td class=\"n\">" + std::to_string(rank) + "</td><td><a href=\"#network-" + id + "\">" + id +
          "</a></td><td>" + LevelScoreBadge(network.level, network.score) + "</td><td>";
  for (std::size_t person_idx = 0; person_idx < model.people.size() && person_idx < 3; ++person_idx) {
    html += (person_idx ? ", " : "") + EscapeHtml(model.people[person_idx].Label());
  }
  if (model.people.size() > 3) html += " <span class=\"muted\">+" + std::to_string(model.people.size() - 3) + "</span>";
  html += "</td><td class=\"n\">" + std::to_string(network.applications.size()) + "</td><td>";
  bool first = true;
  for (const char* level : kLevels) {
    auto found = applications_by_level.find(level);
    if (found == applications_by_level.end()) continue;
    html += (first ? "" : ", ") + std::to_string(found->second) + " " + level;
    first = false;
  }
  html += "</td><td class=\"n\">" + std::to_string(network.companies.size()) + "</td><td>";
  for (const auto& [kind, count] : kinds) html += internal::KindChip(kind, count);
  html += "</td></tr>";
}

void RenderTriage(const ScanResult& result, const std::vector<std::size_t>& order, std::string& html) {
  html += "<section><h2>Flagged networks, most severe first</h2>";
  if (order.empty()) {
    html += "<p>No network reached the high level.</p></section>";
    return;
  }
  html += "<table><tr><th class=\"n\">#</th><th>network</th><th>level</th><th>people</th><th class=\"n\">"
          "applications</th><th>by level</th><th class=\"n\">companies</th><th>shared artifacts</th></tr>";
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    RenderTriageRow(result, result.flagged_networks[order[rank]], rank + 1, html);
  }
  html += "</table></section>";
}

}  // namespace

std::string RenderReportHtml(const ScanResult& result, const IssueLog& issues) {
  std::string html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                     "<title>crosscheck report</title><style>";
  html += kStyle;
  html += internal::KindStyles();
  html += "</style></head><body><header><h1>crosscheck report</h1><p>";
  for (std::size_t input_idx = 0; input_idx < result.inputs.size(); ++input_idx) {
    html += (input_idx ? ", " : "") + EscapeHtml(result.inputs[input_idx]);
  }
  html += "</p></header><main>";
  RenderSummary(result, issues, html);
  const std::vector<std::size_t> order = TriageOrder(result);
  RenderTriage(result, order, html);
  for (std::size_t network_idx : order) RenderNetworkSection(result, result.flagged_networks[network_idx], html);
  html += "</main></body></html>\n";
  return html;
}

}  // namespace crosscheck::pipeline
