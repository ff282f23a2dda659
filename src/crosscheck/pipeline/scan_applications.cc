#include "crosscheck/pipeline/scan_applications.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "crosscheck/common/check.h"
#include "crosscheck/common/stage_timer.h"
#include "crosscheck/graph/network_builder.h"
#include "crosscheck/link/persona_link.h"
#include "crosscheck/monitor/employee_map.h"
#include "crosscheck/monitor/session_analyzer.h"
#include "crosscheck/pipeline/application_input.h"
#include "crosscheck/score/indicator_catalog.h"
#include "crosscheck/watchlist/birth_dates.h"

namespace crosscheck::pipeline {
namespace {


// Report size bounds: a flagged network lists at most this many artifact edges and linked
// pairs (strongest first); the counts left out are stated in the report.
constexpr std::size_t kMaxEdgesPerNetwork = 300;
constexpr std::size_t kMaxLinkedPairsPerNetwork = 200;

// AddMonitoringEvidence reads the hires' sign-ins and turns each post-hire alert into a
// finding on the hired application (employees.csv ties a login to its application).
void AddMonitoringEvidence(const ScanInput& input, const normalize::IpIntel& intel,
                           score::ExternalEvidence& external) {
  if (input.signins == nullptr && input.monitoring == nullptr) return;
  const std::vector<ApplicationRecord>& records = *input.applications;
  monitor::MonitorReport analyzed;
  if (input.monitoring == nullptr) {
    static const std::vector<EmployeeRecord> kNoEmployees;
    const std::vector<monitor::EmployeeMapping> mappings =
        monitor::BuildEmployeeMappings(input.employees != nullptr ? *input.employees : kNoEmployees, records);
    analyzed = monitor::AnalyzeSignins(*input.signins, mappings, intel.empty() ? nullptr : &intel);
  }
  const monitor::MonitorReport& report = input.monitoring != nullptr ? *input.monitoring : analyzed;
  std::unordered_map<std::string_view, std::size_t> index_of_application;
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    index_of_application.emplace(records[record_idx].application_id, record_idx);
  }
  for (const auto& account : report.accounts) {
    auto found = index_of_application.find(account.application_id);
    if (found == index_of_application.end()) continue;
    // One finding per scored term: the monitor weighs how habitual the evidence is (a VPN on
    // 2 % of sign-ins or on 90 %), and that weight carries over as the finding's strength.
    for (const monitor::ScoreTerm& term : account.terms) {
      const score::Indicator* indicator = score::FindIndicator(term.code);
      if (indicator == nullptr || term.log_odds <= 0) continue;
      std::string evidence = account.login + ": " + term.summary;
      for (const auto& alert : account.alerts) {
        if (alert.code == term.code) {
          evidence += "; " + alert.message;
          break;
        }
      }
      external.findings.push_back({found->second, term.code, std::move(evidence),
                                   term.log_odds / std::log(indicator->likelihood_ratio)});
    }
  }
}

// AddIndicatorEvidence matches every application's e-mail, IP and profile handles against one
// set of known-bad indicators.
void AddIndicatorEvidence(const watchlist::IndicatorSet& indicators, const std::vector<ApplicationRecord>& records,
                          const std::vector<NormalizedApplication>& normalized, score::ExternalEvidence& external) {
  for (std::size_t record_idx = 0; record_idx < normalized.size(); ++record_idx) {
    const NormalizedApplication& application = normalized[record_idx];
    watchlist::IndicatorQuery query;
    query.email = application.email;
    query.ip = application.ip_address;
    if (!application.github.empty()) query.accounts.emplace_back(application.github, "github");
    if (!application.linkedin.empty()) query.accounts.emplace_back(application.linkedin, "linkedin");
    query.name = records[record_idx].full_name;
    if (!records[record_idx].linkedin.empty()) query.urls.push_back(records[record_idx].linkedin);
    if (!records[record_idx].github.empty()) query.urls.push_back(records[record_idx].github);
    for (const auto& hit : indicators.Match(query)) {
      external.findings.push_back({record_idx, "KNOWN_BAD_INDICATOR",
                                   hit.object_type + " " + hit.value + " (" + hit.stix_id + ") matched " + hit.matched,
                                   hit.strength});
    }
  }
}

// AddWatchlistEvidence screens every applicant's name against the sanctions lists (--sdn,
// --sanctions-list; the evidence names the list and the entry's reference on it) and
// their e-mail, IP and profile handles against a STIX bundle (--indicators) and against
// `more_indicators` (ScanInput::indicators) when given.
void AddWatchlistEvidence(const ScanContext& side, const watchlist::IndicatorSet* more_indicators,
                          const std::vector<ApplicationRecord>& records,
                          const std::vector<NormalizedApplication>& normalized, score::ExternalEvidence& external) {
  if (side.sanctions) {
    const watchlist::SanctionsList& sanctions = *side.sanctions;
    // A person applies to many companies under one name: each distinct name is screened once
    // (Screen is a function of the name).
    std::vector<std::string> names;
    std::vector<std::uint32_t> name_of_record(records.size());
    std::unordered_map<std::string_view, std::uint32_t> name_index;
    name_index.reserve(records.size());
    for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
      const auto [found, added] =
          name_index.try_emplace(records[record_idx].full_name, static_cast<std::uint32_t>(names.size()));
      if (added) names.push_back(records[record_idx].full_name);
      name_of_record[record_idx] = found->second;
    }
    watchlist::ScreenOptions screen_options;
    screen_options.max_results = 5;
    screen_options.include_entities = false;
    const auto matches = sanctions.ScreenMany(names, screen_options, 2);
    for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
      if (records[record_idx].full_name.empty()) continue;
      // The best listed person whose published dates of birth do not exclude the applicant.
      for (const watchlist::SanctionsMatch& match : matches[name_of_record[record_idx]]) {
        const watchlist::SanctionsEntry& entry = sanctions.entries()[match.entry_index];
        const auto fit = watchlist::CompareBirthDate(entry.birth_dates, normalized[record_idx].date_of_birth);
        if (fit == watchlist::BirthDateFit::kContradicts) continue;
        const bool corroborated = fit == watchlist::BirthDateFit::kAgrees;
        std::string programs;
        for (const auto& program : match.programs) programs += (programs.empty() ? "" : ",") + program;
        external.findings.push_back(
            {record_idx, "SANCTIONS_MATCH",
             "'" + records[record_idx].full_name + "' ~ " + match.source + " " + match.reference + " '" +
                 match.listed_name + "' [" + programs + "] score " + std::to_string(match.score).substr(0, 4) +
                 ": " + match.explanation +
                 (corroborated ? "; date of birth agrees with the listing" : "; name only (no date of birth to compare)"),
             match.score,
             // A hit on the name alone is a potential match for review, not a finding: common
             // names ("Wei Zhang", "Hyun-woo Kim") sit within an edit of listed people, and
             // weighing them would score applicants for their name's origin. A listed date of
             // birth that agrees makes it the full indicator; one that disagrees drops it.
             /*review_only=*/!corroborated});
        break;
      }
    }
  }
  for (const watchlist::IndicatorSet* indicators : {side.indicators ? &*side.indicators : nullptr, more_indicators}) {
    if (indicators != nullptr) AddIndicatorEvidence(*indicators, records, normalized, external);
  }
}

// AttachLinkedPairs puts the waterfall of every linked pair inside a flagged network into the
// report, so a reviewer sees why applications were taken for one persona.
// DecisionIndexes maps the decisions' application ids to indexes of `records`.
struct DecisionIndexes {
  std::vector<std::size_t> confirmed_fraud;
  std::vector<std::vector<std::size_t>> cleared_groups;  // groups of 2+ scanned applications
};

DecisionIndexes IndexDecisions(const std::vector<ApplicationRecord>& records, const ReviewDecisions* decisions) {
  DecisionIndexes indexes;
  if (decisions == nullptr) return indexes;
  std::unordered_map<std::string_view, std::size_t> index_of;
  for (std::size_t idx = 0; idx < records.size(); ++idx) index_of.emplace(records[idx].application_id, idx);
  for (const std::string& id : decisions->confirmed_fraud) {
    if (const auto found = index_of.find(id); found != index_of.end()) indexes.confirmed_fraud.push_back(found->second);
  }
  for (const std::vector<std::string>& group : decisions->cleared_groups) {
    std::vector<std::size_t> members;
    for (const std::string& id : group) {
      if (const auto found = index_of.find(id); found != index_of.end()) members.push_back(found->second);
    }
    if (members.size() >= 2) indexes.cleared_groups.push_back(std::move(members));
  }
  return indexes;
}

// AddDecisionEvidence turns confirmed fraud into findings: CONFIRMED_FRAUD on every application
// of a confirmed persona, CONFIRMED_FRAUD_LINK (strength: the artifact's weight, its
// specificity) on the applications of personas sharing an artifact with one.
void AddDecisionEvidence(const std::vector<ApplicationRecord>& records, const graph::NetworkResult& networks,
                         const std::vector<std::size_t>& confirmed, score::ExternalEvidence& external) {
  if (confirmed.empty()) return;
  const std::size_t persona_count = networks.persona_ids.size();
  std::vector<const std::string*> confirmed_by(persona_count, nullptr);  // a confirmed application id
  for (std::size_t app_idx : confirmed) {
    const std::uint32_t persona = networks.persona_of_application[app_idx];
    if (confirmed_by[persona] == nullptr) confirmed_by[persona] = &records[app_idx].application_id;
  }
  std::vector<double> link_strength(persona_count, 0);
  std::vector<std::string> link_evidence(persona_count);
  for (const graph::SharedArtifact& artifact : networks.evidence.artifacts) {
    if (artifact.weight <= 0) continue;
    const auto source = std::find_if(artifact.personas.begin(), artifact.personas.end(),
                                     [&](std::uint32_t persona) { return confirmed_by[persona] != nullptr; });
    if (source == artifact.personas.end()) continue;
    for (std::uint32_t persona : artifact.personas) {
      if (confirmed_by[persona] != nullptr || artifact.weight <= link_strength[persona]) continue;
      link_strength[persona] = artifact.weight;
      link_evidence[persona] = std::string(graph::ArtifactKindName(artifact.kind)) + " shared with confirmed fraud " +
                               *confirmed_by[*source];
    }
  }
  for (std::size_t app_idx = 0; app_idx < records.size(); ++app_idx) {
    const std::uint32_t persona = networks.persona_of_application[app_idx];
    if (confirmed_by[persona] != nullptr) {
      external.findings.push_back({app_idx, "CONFIRMED_FRAUD", "confirmed by a reviewer: " + *confirmed_by[persona], 1});
    } else if (link_strength[persona] > 0) {
      external.findings.push_back({app_idx, "CONFIRMED_FRAUD_LINK", link_evidence[persona], link_strength[persona]});
    }
  }
}

void AttachLinkedPairs(const std::vector<ApplicationRecord>& records, const link::PersonaLinkResult& links,
                       ScanResult& result) {
  std::unordered_map<std::string_view, std::size_t> network_of;
  for (std::size_t network_idx = 0; network_idx < result.flagged_networks.size(); ++network_idx) {
    network_of.emplace(result.flagged_networks[network_idx].network_id, network_idx);
  }
  for (const auto& pair : links.links) {
    const auto& left = result.applications[pair.left];
    if (left.persona_id != result.applications[pair.right].persona_id) continue;
    auto found = network_of.find(left.network_id);
    if (found == network_of.end()) continue;
    NetworkView& network = result.flagged_networks[found->second];
    if (network.linked_pairs.size() >= kMaxLinkedPairsPerNetwork) {
      ++network.omitted_linked_pairs;
      continue;
    }
    // Waterfalls are computed here, for the pairs a reviewer will see, not for every link.
    const link::PairExplanation explanation = links.Explain(pair.left, pair.right);
    LinkedPairView view{records[pair.left].application_id, records[pair.right].application_id,
                        pair.match_probability, pair.match_weight, explanation.prior_weight, {}};
    for (const auto& step : explanation.steps) {
      view.terms.push_back({step.field, step.level, step.weight + step.tf_adjustment});
    }
    network.linked_pairs.push_back(std::move(view));
  }
}

// HomeAddressText joins the claimed residence's parts as the application gives them.
std::string HomeAddressText(const ApplicationRecord& record) {
  std::string text;
  for (const std::string* part : {&record.street, &record.city, &record.region, &record.postal_code, &record.country}) {
    if (part->empty()) continue;
    if (!text.empty()) text += ", ";
    text += *part;
  }
  return text;
}

// AddressAsGiven returns an address artifact as its first holder wrote it; empty for other kinds.
std::string AddressAsGiven(const graph::SharedArtifact& artifact, const std::vector<ApplicationRecord>& records) {
  if (artifact.applications.empty()) return {};
  const ApplicationRecord& record = records[artifact.applications.front()];
  if (artifact.kind == graph::ArtifactKind::kShippingAddress) return record.shipping_address;
  if (artifact.kind == graph::ArtifactKind::kHomeAddress) return HomeAddressText(record);
  return {};
}

// AssembleResult turns the graph and score modules' output into the report's shape: one
// ApplicationResult per record and a NetworkView per flagged network.
void AssembleResult(const std::vector<ApplicationRecord>& records, const graph::NetworkResult& networks,
                    std::vector<score::RiskAssessment> assessments, ScanResult& result) {
  result.applications.reserve(records.size());
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    score::RiskAssessment& assessment = assessments[record_idx];
    ApplicationResult application;
    application.application_id = records[record_idx].application_id;
    application.company_id = records[record_idx].company_id;
    application.full_name = records[record_idx].full_name;
    application.persona_id = networks.persona_ids[networks.persona_of_application[record_idx]];
    application.network_id = networks.NetworkIdOfApplication(record_idx);
    application.score = assessment.score;
    application.level = score::RiskLevelName(assessment.level);
    application.reasons.reserve(assessment.reasons.size());
    for (auto& reason : assessment.reasons) {
      application.reasons.push_back({std::move(reason.code), reason.log_odds, std::move(reason.summary),
                                     std::move(reason.evidence)});
    }
    result.applications.push_back(std::move(application));
  }

  ScanSummary& summary = result.summary;
  summary.personas = networks.persona_ids.size();
  summary.networks = networks.networks.size();
  for (const auto& application : result.applications) ++summary.applications_by_level[application.level];

  // Edges grouped by network, for the flagged networks' drawings and evidence tables.
  std::vector<std::vector<std::uint32_t>> edges_of_network(networks.networks.size());
  for (std::uint32_t edge_idx = 0; edge_idx < networks.evidence.edges.size(); ++edge_idx) {
    const auto& edge = networks.evidence.edges[edge_idx];
    const auto left = networks.network_of_persona[edge.persona_left];
    if (left == networks.network_of_persona[edge.persona_right]) edges_of_network[left].push_back(edge_idx);
  }
  for (std::size_t network_idx = 0; network_idx < networks.networks.size(); ++network_idx) {
    const graph::Network& network = networks.networks[network_idx];
    if (network.personas.size() > 1) ++summary.multi_persona_networks;
    const ApplicationResult* top = nullptr;
    for (std::size_t application_idx : network.applications) {
      const ApplicationResult& application = result.applications[application_idx];
      if (!top || application.score > top->score) top = &application;
    }
    if (!top || (top->level != "high" && top->level != "critical")) continue;
    NetworkView view;
    view.network_id = network.network_id;
    view.score = top->score;
    view.level = top->level;
    view.applications = network.applications;
    for (std::size_t application_idx : network.applications) {
      result.applications[application_idx].home_address = HomeAddressText(records[application_idx]);
      result.applications[application_idx].shipping_address = records[application_idx].shipping_address;
    }
    for (auto persona_idx : network.personas) view.personas.push_back(networks.persona_ids[persona_idx]);
    std::vector<std::string> companies;
    for (std::size_t application_idx : network.applications) companies.push_back(records[application_idx].company_id);
    std::sort(companies.begin(), companies.end());
    companies.erase(std::unique(companies.begin(), companies.end()), companies.end());
    view.companies = std::move(companies);
    for (std::uint32_t edge_idx : edges_of_network[network_idx]) {
      const auto& edge = networks.evidence.edges[edge_idx];
      const graph::SharedArtifact& artifact = networks.evidence.artifacts[edge.artifact];
      view.edges.push_back({networks.persona_ids[edge.persona_left], networks.persona_ids[edge.persona_right],
                            graph::ArtifactKindName(artifact.kind),
                            graph::MaskArtifactValue(artifact.kind, artifact.value), edge.weight,
                            AddressAsGiven(artifact, records)});
    }
    // The report shows the strongest evidence; a network's every edge is rarely readable.
    std::stable_sort(view.edges.begin(), view.edges.end(),
                     [](const EdgeView& left, const EdgeView& right) { return left.weight > right.weight; });
    if (view.edges.size() > kMaxEdgesPerNetwork) {
      view.omitted_edges = view.edges.size() - kMaxEdgesPerNetwork;
      view.edges.resize(kMaxEdgesPerNetwork);
    }
    ++summary.flagged_networks;
    summary.flagged_personas += view.personas.size();
    result.flagged_networks.push_back(std::move(view));
  }
  std::stable_sort(result.flagged_networks.begin(), result.flagged_networks.end(),
                   [](const NetworkView& left, const NetworkView& right) { return left.score > right.score; });
}


// LinkPersonas gives each application its persona: from the caller's hook (the user's own
// ids, then no waterfalls) or from the linkage engine.
Result<link::PersonaLinkResult> LinkPersonas(const ScanInput& input, const std::vector<NormalizedApplication>& normalized,
                                             IssueLog& issues) {
  link::PersonaLinkResult persona_links;
  if (input.hooks.persona_ids) {
    CC_ASSIGN_OR_RETURN(persona_links.persona_ids, input.hooks.persona_ids(issues));
    if (input.strict && !issues.empty()) {
      return InvalidInput(issues.issues().front().ToString() + " (--strict)");
    }
    return persona_links;
  }
  if (const KnownPersonas* known = input.known_personas) {
    CC_ASSIGN_OR_RETURN(persona_links.persona_ids,
                        link::JoinPersonas(normalized, known->arrivals, *known->persona_ids, *known->model));
    return persona_links;
  }
  link::LinkOptions link_options;
  link_options.explain_links = false;  // AttachLinkedPairs explains the pairs it shows
  return link::LinkApplications(normalized, link_options);
}

}  // namespace

Status LoadWatchlists(const ReferenceFiles& files, IssueLog& issues, ScanContext& context,
                      std::vector<std::string>& inputs) {
  if (files.sdn_dir || !files.sanctions_lists.empty()) {
    CC_ASSIGN_OR_RETURN(watchlist::LoadedSanctions loaded,
                        watchlist::LoadSanctionsArguments(files.sdn_dir, files.sanctions_lists, issues));
    context.sanctions = std::move(loaded.list);
    context.sanctions_lists = std::move(loaded.summaries);
    if (files.sdn_dir) inputs.push_back(files.sdn_dir->filename().string() + "/sdn.csv");
    for (std::size_t list_idx = files.sdn_dir ? 1 : 0; list_idx < context.sanctions_lists.size(); ++list_idx) {
      inputs.push_back(context.sanctions_lists[list_idx].file);
    }
  }
  if (files.indicators) {
    CC_ASSIGN_OR_RETURN(context.indicators, watchlist::IndicatorSet::LoadStix(*files.indicators, issues));
    inputs.push_back(files.indicators->filename().string());
  }
  return Ok();
}

Result<ScanContext> LoadScanContext(const ReferenceFiles& files, IssueLog& issues) {
  ScanContext context;
  CC_ASSIGN_OR_RETURN(context.default_region, CheckedRegion(files.default_region));
  CC_ASSIGN_OR_RETURN(context.intel, LoadIpIntel(files.mmdb_files, files.ip_ranges, ingest::ReadOptions{}, issues));
  std::vector<std::string> inputs;
  CC_RETURN_IF_ERROR(LoadWatchlists(files, issues, context, inputs));
  return context;
}

Result<ScanResult> ScanApplications(const ScanContext& context, const ScanInput& input, IssueLog& issues) {
  CC_CHECK(input.applications != nullptr) << "ScanApplications needs applications";
  const std::vector<ApplicationRecord>& records = *input.applications;
  ScanResult result;
  StageTimer timer(result.summary.stage_seconds);
  const std::vector<NormalizedApplication> normalized =
      NormalizeWithIntel(records, context.intel, context.default_region, input.source, issues);
  if (input.strict && !issues.empty()) {
    return InvalidInput(issues.issues().front().ToString() + " (--strict)");
  }
  timer.Mark("normalize");

  // Screening and sign-in analysis do not depend on personas: they run on a thread of their
  // own while linkage and networks run (which leave a core idle much of the time).
  score::ExternalEvidence external;
  std::future<Status> side_evidence = std::async(std::launch::async, [&]() -> Status {
    if (input.hooks.side_inputs_ready) CC_RETURN_IF_ERROR(input.hooks.side_inputs_ready());
    AddWatchlistEvidence(context, input.indicators, records, normalized, external);
    AddMonitoringEvidence(input, context.intel, external);
    if (input.hooks.side_inputs_read) input.hooks.side_inputs_read();
    return Ok();
  });
  // The side thread must be joined on every path: it reads `normalized` and `external`.
  Result<link::PersonaLinkResult> linked = LinkPersonas(input, normalized, issues);
  if (!linked) {
    (void)side_evidence.get();
    return std::unexpected(std::move(linked).error());
  }
  const link::PersonaLinkResult& persona_links = *linked;
  timer.Mark("link");

  const DecisionIndexes decisions = IndexDecisions(records, input.decisions);
  graph::NetworkOptions network_options{.evidence = input.tuning.evidence, .communities = input.tuning.communities};
  network_options.evidence.population = input.population;
  network_options.evidence.cleared_groups = &decisions.cleared_groups;
  // A stolen identity whose owner also applies: linkage joins the owner to the impostor, so
  // the owner's contact-disjoint, untied applications get a persona of their own.
  std::vector<graph::IdentitySplit> identity_splits;
  const graph::NetworkResult networks = graph::BuildNetworksWithIdentitySplit(
      normalized, records, persona_links.persona_ids, network_options, input.tuning.identity_split, &identity_splits);
  result.summary.identity_splits = identity_splits.size();
  result.summary.tuning = ChangedTunings(input.tuning);
  timer.Mark("networks");

  Status side_status = side_evidence.get();
  if (input.hooks.after_side_evidence) {
    CC_RETURN_IF_ERROR(input.hooks.after_side_evidence(std::move(side_status), issues, external));
  } else {
    CC_RETURN_IF_ERROR(side_status);
  }
  AddDecisionEvidence(records, networks, decisions.confirmed_fraud, external);
  // Only the wait beyond linkage and networks: the stages' times add up to the wall time.
  timer.Mark("watchlists+monitor");
  std::vector<score::RiskAssessment> assessments =
      score::ScoreApplications(normalized, records, networks, external, input.tuning.score);
  timer.Mark("score");

  AssembleResult(records, networks, std::move(assessments), result);
  result.population = networks.evidence.kinds;
  if (persona_links.engine) result.persona_model = std::make_shared<const link::LinkModel>(persona_links.engine->model());
  AttachLinkedPairs(records, persona_links, result);
  timer.Mark("assemble");
  ScanSummary& summary = result.summary;
  summary.applications = records.size();
  summary.rows_skipped = issues.CountBySeverity(IssueSeverity::kRowSkipped);
  summary.input_rows = summary.applications + summary.rows_skipped;
  summary.issues = issues.size();
  return result;
}

}  // namespace crosscheck::pipeline
