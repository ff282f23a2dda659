#include "crosscheck/pipeline/report_network_html.h"

#include <algorithm>
#include <map>

#include "crosscheck/pipeline/internal/html_text.h"
#include "crosscheck/pipeline/report_network_svg.h"

namespace crosscheck::pipeline {
namespace {

using internal::EscapeHtml;
using internal::FixedNumber;
using internal::LevelScoreBadge;

constexpr std::size_t kEvidenceShown = 6;     // per reason
constexpr std::size_t kHoldersNamed = 8;      // per artifact
constexpr std::size_t kOtherNamesListed = 6;  // per person
constexpr std::size_t kArtifactsOpen = 25;    // per network; the rest folded

std::string PersonLink(const ReportPerson& person) {
  return "<a href=\"#person-" + EscapeHtml(person.persona_id) + "\">" + EscapeHtml(person.Label()) + "</a>";
}

// WithAddresses adds the address as written after each masked address an evidence line names,
// so a reviewer reads "address #4fc858 (88 Meadow Lane, Plano ...)" instead of a fingerprint.
std::string WithAddresses(const std::string& evidence, const NetworkModel& model) {
  std::string text = EscapeHtml(evidence);
  for (const ReportArtifact& artifact : model.artifacts) {
    if (artifact.as_given.empty() || evidence.find(artifact.value) == std::string::npos) continue;
    text += " <span class=\"addr\">" + EscapeHtml(artifact.as_given) + "</span>";
    break;
  }
  return text;
}

void RenderReasons(const ApplicationResult& application, const NetworkModel& model, std::string& html) {
  for (const ReasonView& reason : application.reasons) {
    html += "<div><code>" + EscapeHtml(reason.code) + "</code> +" + FixedNumber(reason.log_odds, 2) + " " +
            EscapeHtml(reason.summary);
    const std::size_t shown = std::min(reason.evidence.size(), kEvidenceShown);
    for (std::size_t evidence_idx = 0; evidence_idx < shown; ++evidence_idx) {
      html += "<div class=\"ev\">" + WithAddresses(reason.evidence[evidence_idx], model) + "</div>";
    }
    if (shown < reason.evidence.size()) {
      html += "<div class=\"ev\">+" + std::to_string(reason.evidence.size() - shown) + " more in report.json</div>";
    }
    html += "</div>";
  }
}

// AddressLines shows an application's own addresses as it gives them: the evidence of
// SHIPPING_NOT_RESIDENCE names them only by fingerprint.
std::string AddressLines(const ApplicationResult& application) {
  std::string lines;
  if (!application.home_address.empty()) {
    lines += "<div>lives at <span class=\"addr\">" + EscapeHtml(application.home_address) + "</span></div>";
  }
  if (!application.shipping_address.empty()) {
    lines += "<div>ships to <span class=\"addr\">" + EscapeHtml(application.shipping_address) + "</span></div>";
  }
  return lines;
}

std::string TiesCell(const ReportPerson& person) {
  std::string cell = std::to_string(person.neighbours.size()) + (person.neighbours.size() == 1 ? " person" : " people");
  if (!person.drawn) return cell + " <span class=\"muted\">(not drawn; " +
                             std::to_string(person.neighbours.size() - person.hidden_neighbours) + " of them drawn)</span>";
  if (person.hidden_neighbours > 0) cell += " <span class=\"muted\">(" + std::to_string(person.hidden_neighbours) + " not drawn)</span>";
  return cell;
}

void RenderPeople(const ScanResult& result, const NetworkModel& model, std::string& html) {
  html += "<h3>People</h3><table class=\"people\"><tr><th>person</th><th>level</th><th>applications</th>"
          "<th>shares artifacts with</th><th>reasons of the most severe application</th></tr>";
  for (const ReportPerson& person : model.people) {
    const ApplicationResult& top = result.applications[person.top_application];
    html += "<tr id=\"person-" + EscapeHtml(person.persona_id) + "\"><td><b>" + EscapeHtml(person.Label()) + "</b>";
    if (person.names.size() > 2) {
      html += "<div class=\"names\">also ";
      const std::size_t listed = std::min(person.names.size(), kOtherNamesListed + 1);
      for (std::size_t name_idx = 1; name_idx < listed; ++name_idx) {
        html += (name_idx > 1 ? ", " : "") + EscapeHtml(person.names[name_idx]);
      }
      if (listed < person.names.size()) html += ", +" + std::to_string(person.names.size() - listed) + " more";
      html += "</div>";
    }
    html += "<code>" + EscapeHtml(person.persona_id) + "</code></td><td>" +
            LevelScoreBadge(person.level, person.score) + "</td><td>" + std::to_string(person.applications.size()) +
            " at " + std::to_string(person.companies) + (person.companies == 1 ? " company" : " companies") +
            "</td><td>" + TiesCell(person) + "</td><td><details><summary>";
    for (std::size_t reason_idx = 0; reason_idx < top.reasons.size(); ++reason_idx) {
      html += (reason_idx ? " " : "") + ("<code>" + EscapeHtml(top.reasons[reason_idx].code) + "</code>");
    }
    html += "</summary><div class=\"muted\">" + EscapeHtml(top.application_id) + " at " + EscapeHtml(top.company_id) +
            "</div>" + AddressLines(top);
    RenderReasons(top, model, html);
    html += "</details></td></tr>";
  }
  html += "</table>";
}

void RenderArtifactRow(const ReportArtifact& artifact, const NetworkModel& model, std::string& html) {
  html += "<tr><td>" + internal::KindChip(artifact.kind) + "</td><td>";
  if (!artifact.as_given.empty()) html += "<span class=\"addr\">" + EscapeHtml(artifact.as_given) + "</span> ";
  html += "<span class=\"muted\">" + EscapeHtml(artifact.value) + "</span></td><td>" +
          std::to_string(artifact.people.size()) + ": ";
  const std::size_t named = std::min(artifact.people.size(), kHoldersNamed);
  for (std::size_t holder_idx = 0; holder_idx < named; ++holder_idx) {
    html += (holder_idx ? ", " : "") + PersonLink(model.people[artifact.people[holder_idx]]);
  }
  if (named < artifact.people.size()) html += ", +" + std::to_string(artifact.people.size() - named);
  html += "</td><td>" + FixedNumber(artifact.weight, 2) + "</td></tr>";
}

// RenderArtifacts lists every shared artifact, the strongest kArtifactsOpen open and the rest
// folded, so a ring with a hundred shared IPs does not push its applications pages away.
void RenderArtifacts(const NetworkView& network, const NetworkModel& model, std::string& html) {
  if (model.artifacts.empty()) return;
  constexpr const char* kHeader = "<table><tr><th>kind</th><th>value</th><th>held by</th><th>weight</th></tr>";
  html += "<h3>Shared artifacts (" + std::to_string(model.artifacts.size()) + ")</h3>" + kHeader;
  for (std::size_t artifact_idx = 0; artifact_idx < model.artifacts.size(); ++artifact_idx) {
    if (artifact_idx == kArtifactsOpen) {
      html += "</table><details><summary>" + std::to_string(model.artifacts.size() - kArtifactsOpen) +
              " weaker artifacts</summary>" + kHeader;
    }
    RenderArtifactRow(model.artifacts[artifact_idx], model, html);
  }
  html += model.artifacts.size() > kArtifactsOpen ? "</table></details>" : "</table>";
  if (network.omitted_edges > 0) {
    html += "<p class=\"muted\">" + std::to_string(network.omitted_edges) +
            " weaker pairwise ties are left out (report.json counts them).</p>";
  }
}

void RenderApplications(const ScanResult& result, const NetworkView& network, std::string& html) {
  html += "<details><summary>All " + std::to_string(network.applications.size()) +
          " applications</summary><table><tr><th>application</th><th>company</th><th>name as given</th>"
          "<th>level</th><th>reasons</th></tr>";
  for (std::size_t application_idx : network.applications) {
    const ApplicationResult& application = result.applications[application_idx];
    html += "<tr><td>" + EscapeHtml(application.application_id) + "</td><td>" + EscapeHtml(application.company_id) +
            "</td><td>" + EscapeHtml(application.full_name) + "</td><td>" +
            LevelScoreBadge(application.level, application.score) + "</td><td>";
    for (std::size_t reason_idx = 0; reason_idx < application.reasons.size(); ++reason_idx) {
      html += (reason_idx ? " " : "") + EscapeHtml(application.reasons[reason_idx].code);
    }
    html += "</td></tr>";
  }
  html += "</table></details>";
}

void RenderLinkedPairs(const NetworkView& network, std::string& html) {
  if (network.linked_pairs.empty()) return;
  const std::size_t shown = std::min(network.linked_pairs.size(), kMaxLinkedPairsShown);
  const std::size_t total = network.linked_pairs.size() + network.omitted_linked_pairs;
  html += "<details><summary>Why applications were linked into one person (" + std::to_string(shown) + " of " +
          std::to_string(total) + " pairs)</summary><table><tr><th>pair</th><th>probability</th>"
          "<th>waterfall (prior, then each field's weight in bits)</th></tr>";
  for (std::size_t pair_idx = 0; pair_idx < shown; ++pair_idx) {
    const LinkedPairView& pair = network.linked_pairs[pair_idx];
    html += "<tr><td>" + EscapeHtml(pair.application_left) + " ~ " + EscapeHtml(pair.application_right) +
            "</td><td>" + FixedNumber(pair.match_probability, 4) + "</td><td>prior " +
            FixedNumber(pair.prior_weight, 2);
    for (const PairTermView& term : pair.terms) {
      html += "; " + EscapeHtml(term.field) + " <span class=\"muted\">" + EscapeHtml(term.level) + "</span> " +
              (term.weight >= 0 ? "+" : "") + FixedNumber(term.weight, 2);
    }
    html += " = <b>" + FixedNumber(pair.match_weight, 2) + "</b></td></tr>";
  }
  html += "</table></details>";
}

std::string Facts(const NetworkView& network, const NetworkModel& model) {
  std::string facts = std::to_string(model.people.size()) + " people, " +
                      std::to_string(network.applications.size()) + " applications at " +
                      std::to_string(network.companies.size()) + " companies";
  if (model.drawn_people < model.people.size() || model.drawn_artifacts < model.artifacts.size()) {
    facts += "; drawn: the " + std::to_string(model.drawn_people) + " most severe people and the " +
             std::to_string(model.drawn_artifacts) + " strongest of " + std::to_string(model.artifacts.size()) +
             " artifacts among them (the rest are listed below)";
  }
  return facts;
}

}  // namespace

void RenderNetworkSection(const ScanResult& result, const NetworkView& network, std::string& html) {
  const NetworkModel model = BuildNetworkModel(result, network, {});
  const std::string id = EscapeHtml(network.network_id);
  html += "<section class=\"network\" id=\"network-" + id + "\"><h2><a href=\"#network-" + id + "\">Network " + id +
          "</a> " + LevelScoreBadge(network.level, network.score) + "</h2><p class=\"muted\">" +
          EscapeHtml(Facts(network, model)) + " · <a href=\"#top\">back to the summary</a></p>";
  html += "<div class=\"svgwrap\">" + RenderNetworkSvg(model, network.network_id) + "</div>";
  RenderPeople(result, model, html);
  RenderArtifacts(network, model, html);
  RenderApplications(result, network, html);
  RenderLinkedPairs(network, html);
  html += "</section>";
}

}  // namespace crosscheck::pipeline
