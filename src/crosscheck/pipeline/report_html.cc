#include "crosscheck/pipeline/report_html.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>
#include <set>

#include "crosscheck/pipeline/report_writer.h"

namespace crosscheck::pipeline {
namespace {

constexpr const char* kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{background:#1d2330;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#b8c0cc;font-size:14px}main{padding:24px 32px;max-width:1200px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:24px}
.card{background:#fff;border-radius:8px;padding:12px 18px;box-shadow:0 1px 2px rgba(0,0,0,.08);min-width:120px}
.card b{display:block;font-size:24px}.card span{color:#5b6575;font-size:13px}
section.network{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:24px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:18px;margin:0 0 8px}h3{font-size:15px;margin:16px 0 6px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e5e8ec;vertical-align:top}
th{background:#f0f2f5}.lvl{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
.critical{background:#7a1020;color:#fff}.high{background:#d9480f;color:#fff}.medium{background:#f0c000}.low{background:#d3f9d8}
code{background:#f0f2f5;padding:1px 4px;border-radius:3px;font-size:12px}.muted{color:#5b6575}
.svgwrap{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}.legend{font-size:12px}
.legend i{display:inline-block;width:14px;height:4px;margin-right:6px;vertical-align:middle}
)css";

const char* KindColour(const std::string& kind) {
  static const std::map<std::string, const char*> kColours = {
      {"phone", "#1971c2"},          {"device", "#9c36b5"},   {"payout_account", "#c92a2a"},
      {"shipping_address", "#e8590c"}, {"address", "#f08c00"}, {"national_id", "#5f3dc4"},
      {"photo", "#0c8599"},          {"resume", "#2b8a3e"},   {"ip", "#868e96"},
      {"email", "#364fc7"},          {"github", "#212529"},   {"linkedin", "#0b7285"},
      {"signin_ip", "#495057"}};
  auto found = kColours.find(kind);
  return found == kColours.end() ? "#495057" : found->second;
}

std::string LevelBadge(const std::string& level) {
  return "<span class=\"lvl " + EscapeHtml(level) + "\">" + EscapeHtml(level) + "</span>";
}

std::string Number(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

void RenderNetwork(const ScanResult& result, const NetworkView& network, std::string& html) {
  html += "<section class=\"network\" id=\"" + EscapeHtml(network.network_id) + "\">";
  html += "<h2>Network " + EscapeHtml(network.network_id) + " " + LevelBadge(network.level) +
          " <span class=\"muted\">score " + std::to_string(network.score) + "</span></h2>";
  html += "<p class=\"muted\">" + std::to_string(network.personas.size()) + " personas, " +
          std::to_string(network.applications.size()) + " applications at " +
          std::to_string(network.companies.size()) + " companies</p>";
  html += "<div class=\"svgwrap\">" + RenderNetworkSvg(network) + "</div>";

  html += "<h3>Members</h3><table><tr><th>application</th><th>company</th><th>name as given</th>"
          "<th>persona</th><th>score</th><th>reasons and evidence</th></tr>";
  constexpr std::size_t kMaxMembersShown = 200;
  std::size_t shown = 0;
  for (std::size_t application_idx : network.applications) {
    if (++shown > kMaxMembersShown) break;
    const ApplicationResult& application = result.applications[application_idx];
    html += "<tr><td><code>" + EscapeHtml(application.application_id) + "</code></td><td>" +
            EscapeHtml(application.company_id) + "</td><td>" + EscapeHtml(application.full_name) +
            "</td><td><code>" + EscapeHtml(application.persona_id) + "</code></td><td>" +
            std::to_string(application.score) + " " + LevelBadge(application.level) + "</td><td>";
    for (const auto& reason : application.reasons) {
      html += "<div><code>" + EscapeHtml(reason.code) + "</code> +" + Number(reason.log_odds, 2) +
              " " + EscapeHtml(reason.summary);
      if (!reason.evidence.empty()) {
        html += " <span class=\"muted\">(";
        for (std::size_t evidence_idx = 0; evidence_idx < reason.evidence.size() && evidence_idx < 6;
             ++evidence_idx) {
          if (evidence_idx > 0) html += "; ";
          html += EscapeHtml(reason.evidence[evidence_idx]);
        }
        if (reason.evidence.size() > 6) html += "; +" + std::to_string(reason.evidence.size() - 6) + " more";
        html += ")</span>";
      }
      html += "</div>";
    }
    html += "</td></tr>";
  }
  html += "</table>";
  if (network.applications.size() > kMaxMembersShown) {
    html += "<p class=\"muted\">" + std::to_string(network.applications.size() - kMaxMembersShown) +
            " more applications are listed in report.json and risk.csv.</p>";
  }
  if (network.omitted_edges > 0) {
    html += "<p class=\"muted\">The " + std::to_string(network.edges.size()) + " strongest shared-artifact ties are shown; " +
            std::to_string(network.omitted_edges) + " weaker ones are left out.</p>";
  }

  if (!network.edges.empty()) {
    html += "<h3>Shared artifacts</h3><table><tr><th>persona</th><th>persona</th><th>artifact</th>"
            "<th>value</th><th>weight</th></tr>";
    for (const auto& edge : network.edges) {
      html += "<tr><td><code>" + EscapeHtml(edge.persona_left) + "</code></td><td><code>" +
              EscapeHtml(edge.persona_right) + "</code></td><td>" + EscapeHtml(edge.kind) +
              "</td><td>" + EscapeHtml(edge.value) + "</td><td>" + Number(edge.weight, 2) + "</td></tr>";
    }
    html += "</table>";
  }
  if (!network.linked_pairs.empty()) {
    html += "<h3>Why applications were linked into one persona</h3><table><tr><th>pair</th>"
            "<th>probability</th><th>waterfall (prior, then each field's weight in bits)</th></tr>";
    for (const auto& pair : network.linked_pairs) {
      html += "<tr><td><code>" + EscapeHtml(pair.application_left) + "</code> ~ <code>" +
              EscapeHtml(pair.application_right) + "</code></td><td>" +
              Number(pair.match_probability, 4) + "</td><td>prior " + Number(pair.prior_weight, 2);
      for (const auto& term : pair.terms) {
        html += "; " + EscapeHtml(term.field) + " <span class=\"muted\">" + EscapeHtml(term.level) +
                "</span> " + (term.weight >= 0 ? "+" : "") + Number(term.weight, 2);
      }
      html += " = <b>" + Number(pair.match_weight, 2) + "</b></td></tr>";
    }
    html += "</table>";
  }
  html += "</section>";
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string RenderNetworkSvg(const NetworkView& network) {
  constexpr double kSize = 420, kCentre = kSize / 2, kRadius = 160;
  std::map<std::string, std::pair<double, double>> positions;
  const std::size_t persona_count = network.personas.size();
  for (std::size_t persona_idx = 0; persona_idx < persona_count; ++persona_idx) {
    const double angle = 2 * std::numbers::pi * persona_idx / std::max<std::size_t>(persona_count, 1) -
                         std::numbers::pi / 2;
    const double radius = persona_count == 1 ? 0 : kRadius;
    positions[network.personas[persona_idx]] = {kCentre + radius * std::cos(angle),
                                                kCentre + radius * std::sin(angle)};
  }
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Number(kSize, 0) +
                    "\" height=\"" + Number(kSize, 0) + "\" viewBox=\"0 0 " + Number(kSize, 0) + " " +
                    Number(kSize, 0) + "\" role=\"img\" aria-label=\"network " +
                    EscapeHtml(network.network_id) + "\">";
  std::set<std::string> kinds;
  for (const auto& edge : network.edges) {
    auto left = positions.find(edge.persona_left);
    auto right = positions.find(edge.persona_right);
    if (left == positions.end() || right == positions.end()) continue;
    kinds.insert(edge.kind);
    const double width = 1 + std::min(4.0, edge.weight / 2);
    svg += "<line x1=\"" + Number(left->second.first, 1) + "\" y1=\"" + Number(left->second.second, 1) +
           "\" x2=\"" + Number(right->second.first, 1) + "\" y2=\"" + Number(right->second.second, 1) +
           "\" stroke=\"" + KindColour(edge.kind) + "\" stroke-width=\"" + Number(width, 1) +
           "\" stroke-opacity=\"0.7\"><title>" + EscapeHtml(edge.kind + ": " + edge.value) + "</title></line>";
  }
  for (const auto& [persona, position] : positions) {
    svg += "<circle cx=\"" + Number(position.first, 1) + "\" cy=\"" + Number(position.second, 1) +
           "\" r=\"9\" fill=\"#1d2330\"><title>" + EscapeHtml(persona) + "</title></circle>";
    if (persona_count <= 24) {
      svg += "<text x=\"" + Number(position.first + 11, 1) + "\" y=\"" + Number(position.second + 4, 1) +
             "\" font-size=\"10\" fill=\"#1d2330\">" + EscapeHtml(persona) + "</text>";
    }
  }
  svg += "</svg>";
  std::string legend = "<div class=\"legend\"><b>shared artifacts</b><br>";
  for (const auto& kind : kinds) {
    legend += "<div><i style=\"background:" + std::string(KindColour(kind)) + "\"></i>" + EscapeHtml(kind) + "</div>";
  }
  legend += "</div>";
  return svg + legend;
}

std::string RenderReportHtml(const ScanResult& result, const IssueLog& issues) {
  const ScanSummary& summary = result.summary;
  std::string html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                     "<title>crosscheck report</title><style>";
  html += kStyle;
  html += "</style></head><body><header><h1>crosscheck report</h1><p>";
  for (std::size_t input_idx = 0; input_idx < result.inputs.size(); ++input_idx) {
    html += (input_idx ? ", " : "") + EscapeHtml(result.inputs[input_idx]);
  }
  html += "</p></header><main><div class=\"cards\">";
  auto card = [&](std::uint64_t value, const char* label) {
    html += "<div class=\"card\"><b>" + std::to_string(value) + "</b><span>" + label + "</span></div>";
  };
  auto level_count = [&](const char* level) -> std::uint64_t {
    auto found = summary.applications_by_level.find(level);
    return found == summary.applications_by_level.end() ? 0 : found->second;
  };
  card(summary.applications, "applications");
  card(summary.personas, "personas");
  card(summary.multi_persona_networks, "multi-persona networks");
  card(summary.flagged_networks, "flagged networks");
  card(summary.flagged_personas, "flagged personas");
  card(level_count("critical"), "critical applications");
  card(level_count("high"), "high applications");
  card(summary.rows_skipped, "rows skipped");
  card(summary.issues, "input issues");
  html += "</div>";
  html += "<p class=\"muted\">Levels: <b>critical</b> and <b>high</b> are flagged for review; every "
          "score lists the indicators behind it with the evidence a reviewer can check. Scores "
          "measure misrepresentation and reuse, never nationality or name origin.</p>";
  if (!issues.empty()) {
    html += "<p class=\"muted\">Input issues are listed in <code>issues.csv</code> (first ones below).</p><table>"
            "<tr><th>where</th><th>code</th><th>message</th></tr>";
    for (std::size_t issue_idx = 0; issue_idx < issues.size() && issue_idx < 10; ++issue_idx) {
      const Issue& issue = issues.issues()[issue_idx];
      html += "<tr><td>" + EscapeHtml(issue.file + ":" + std::to_string(issue.line)) + "</td><td><code>" +
              EscapeHtml(issue.code) + "</code></td><td>" + EscapeHtml(issue.message) + "</td></tr>";
    }
    html += "</table>";
  }
  if (result.flagged_networks.empty()) {
    html += "<p>No network reached the high level.</p>";
  } else {
    html += "<h2 style=\"margin:16px 0\">Flagged networks</h2><ul>";
    for (const auto& network : result.flagged_networks) {
      html += "<li><a href=\"#" + EscapeHtml(network.network_id) + "\">" + EscapeHtml(network.network_id) +
              "</a> " + LevelBadge(network.level) + " " + std::to_string(network.personas.size()) +
              " personas, " + std::to_string(network.applications.size()) + " applications</li>";
    }
    html += "</ul>";
  }
  for (const auto& network : result.flagged_networks) RenderNetwork(result, network, html);
  html += "</main></body></html>\n";
  return html;
}

}  // namespace crosscheck::pipeline
