#include "crosscheck/hub/hub_match.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "crosscheck/common/stage_timer.h"
#include "crosscheck/score/indicator_catalog.h"
#include "crosscheck/score/risk_scorer.h"

namespace crosscheck::hub {
namespace {

using score::IndicatorFamily;

std::string MostCommon(const std::vector<SourcedSubmission>& submissions, std::string share::Submission::*field) {
  std::map<std::string, std::size_t> counts;
  for (const SourcedSubmission& entry : submissions) ++counts[entry.submission.*field];
  std::string best;
  std::size_t best_count = 0;
  for (const auto& [value, count] : counts) {
    if (count > best_count) best = value, best_count = count;
  }
  return best;
}

// Accept keeps one submission per company, of the expected epoch and consortium key.
std::vector<share::Submission> Accept(std::vector<SourcedSubmission> submissions, const HubOptions& options,
                                      std::vector<RefusedSubmission>* refused) {
  std::sort(submissions.begin(), submissions.end(),
            [](const SourcedSubmission& left, const SourcedSubmission& right) { return left.source < right.source; });
  const std::string epoch = options.epoch ? *options.epoch : MostCommon(submissions, &share::Submission::epoch);
  const std::string key_id = options.key_id ? *options.key_id : MostCommon(submissions, &share::Submission::key_id);
  std::set<std::string> companies;
  std::vector<share::Submission> accepted;
  for (SourcedSubmission& entry : submissions) {
    const share::Submission& submission = entry.submission;
    if (submission.key_id != key_id) {
      refused->push_back({entry.source, "encoded with another consortium key (key id " + submission.key_id +
                                            ", expected " + key_id + ")"});
    } else if (submission.epoch != epoch) {
      refused->push_back({entry.source, "epoch '" + submission.epoch + "', expected '" + epoch + "'"});
    } else if (!companies.insert(submission.company_id).second) {
      refused->push_back({entry.source, "a second submission for company '" + submission.company_id + "'"});
    } else {
      accepted.push_back(std::move(entry.submission));
    }
  }
  return accepted;
}

// Disclosure decides, for one application, which of the hub's reasons its member may hear:
// evidence spanning at least k other companies. Company sets are computed once per network,
// persona and artifact (a ring's network holds thousands of applications).
struct Disclosure {
  const ConsortiumView& view;
  const graph::NetworkResult& networks;
  std::size_t k;
  // persona -> artifact indexes: the scorer weighs what any of a persona's applications
  // shares for each of them (a persona's payout account counts on its every application).
  std::vector<std::vector<std::uint32_t>> artifacts_of;
  std::vector<std::vector<std::uint32_t>> network_members;  // network -> sorted member indexes
  std::vector<std::vector<std::uint32_t>> persona_members;  // persona -> sorted member indexes
  std::vector<std::vector<std::uint32_t>> artifact_members; // artifact -> sorted member indexes

  std::vector<std::uint32_t> MembersOf(const std::vector<std::size_t>& applications) const {
    std::vector<std::uint32_t> members;
    for (std::size_t app_idx : applications) members.push_back(static_cast<std::uint32_t>(view.member_of[app_idx]));
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    return members;
  }

  void Prepare() {
    for (const graph::Network& network : networks.networks) network_members.push_back(MembersOf(network.applications));
    for (const auto& applications : networks.applications_of_persona) persona_members.push_back(MembersOf(applications));
    for (const graph::SharedArtifact& artifact : networks.evidence.artifacts) {
      artifact_members.push_back(MembersOf(artifact.applications));
    }
  }

  static std::size_t OthersThan(const std::vector<std::uint32_t>& members, std::uint32_t own) {
    return members.size() - (std::binary_search(members.begin(), members.end(), own) ? 1 : 0);
  }
};

// PersonaLabel is the persona id a member hears: "P-" + 16 hex digits of the hub handle of the
// persona's first record. The data-order prefix of the hub's ids (consortium_view.cc) is left
// out: it is a hash of company and hour a member could guess. A persona the identity split made
// ("p" + 16 hex digits) is shown whole.
std::string PersonaLabel(const std::string& persona_id) {
  constexpr std::size_t kOrderDigits = 16;
  if (persona_id.size() <= 1 + kOrderDigits) return "P-" + persona_id.substr(1);
  return "P-" + persona_id.substr(1 + kOrderDigits, 16);
}

std::string Plural(std::size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::optional<share::ApplicationFinding> FindingFor(std::size_t app_idx, const score::RiskAssessment& assessment,
                                                    const Disclosure& disclosure) {
  const ConsortiumView& view = disclosure.view;
  const graph::NetworkResult& networks = disclosure.networks;
  const auto own = static_cast<std::uint32_t>(view.member_of[app_idx]);
  const std::uint32_t persona_idx = networks.persona_of_application[app_idx];
  const std::uint32_t network_idx = networks.network_of_persona[persona_idx];
  const graph::Network& network = networks.networks[network_idx];
  const std::size_t network_others = Disclosure::OthersThan(disclosure.network_members[network_idx], own);
  const std::size_t persona_others = Disclosure::OthersThan(disclosure.persona_members[persona_idx], own);

  // Artifacts the member may hear of, strongest (most holders) per kind.
  std::map<std::string, share::SharedArtifactCount> by_kind;
  std::set<std::string> disclosed_codes;
  for (std::uint32_t artifact_idx : disclosure.artifacts_of[persona_idx]) {
    const graph::SharedArtifact& artifact = networks.evidence.artifacts[artifact_idx];
    const std::size_t others = Disclosure::OthersThan(disclosure.artifact_members[artifact_idx], own);
    if (others < disclosure.k) continue;
    disclosed_codes.insert(score::ArtifactIndicatorCode(artifact.kind));
    share::SharedArtifactCount count{graph::ArtifactKindName(artifact.kind), artifact.applications.size(), others,
                                     artifact.party_count};
    auto [slot, inserted] = by_kind.emplace(count.kind, count);
    if (!inserted && count.applications > slot->second.applications) slot->second = count;
  }
  double shared = 0, network_risk = 0, persona = 0, withheld = 0;
  std::string persona_summary;
  for (const score::Reason& reason : assessment.reasons) {
    const score::Indicator* indicator = score::FindIndicator(reason.code);
    if (indicator == nullptr) continue;
    if (indicator->family == IndicatorFamily::kSharedInfrastructure) {
      (disclosed_codes.count(reason.code) ? shared : withheld) += reason.log_odds;
    } else if (reason.code == "NETWORK_RISK") {
      (network_others >= disclosure.k ? network_risk : withheld) += reason.log_odds;
    } else if (reason.code == "PERSONA_VARIANTS" || reason.code == "APPLICATION_VELOCITY") {
      if (persona_others >= disclosure.k) {
        persona += reason.log_odds;
        persona_summary += (persona_summary.empty() ? "" : "; ") + reason.summary;
      } else {
        withheld += reason.log_odds;
      }
    }
  }
  if (shared <= 0 && network_risk <= 0 && persona <= 0) return std::nullopt;
  share::ApplicationFinding finding;
  finding.handle = share::TokenHex(view.member_handle[app_idx]);
  finding.persona = PersonaLabel(networks.persona_ids[persona_idx]);
  finding.network = network.network_id;
  const double disclosed_log_odds = assessment.log_odds - withheld;
  finding.hub_score = score::ScoreOfLogOdds(disclosed_log_odds);
  finding.hub_level = score::RiskLevelName(score::LevelOfLogOdds(disclosed_log_odds, score::ScoreOptions{}));
  if (shared > 0) {
    std::string summary;
    for (const auto& [kind, count] : by_kind) {
      summary += (summary.empty() ? "" : "; ") + kind + " on " +
                 Plural(count.applications, "application", "applications") + " at " +
                 Plural(count.other_companies, "other company", "other companies") + " (" +
                 Plural(count.names, "independent party", "independent parties") + ")";
    }
    finding.reasons.push_back({"CONSORTIUM_SHARED_ARTIFACT", shared, summary});
  }
  if (network_risk > 0) {
    finding.reasons.push_back({"CONSORTIUM_NETWORK_RISK", network_risk,
                               "in a network of " + Plural(network.personas.size(), "persona", "personas") + " and " +
                                   Plural(network.applications.size(), "application", "applications") + " at " +
                                   std::to_string(network_others) + " other companies"});
  }
  if (persona > 0) {
    finding.reasons.push_back({"CONSORTIUM_PERSONA", persona,
                               "the persona applied at " + std::to_string(persona_others) + " other companies: " +
                                   persona_summary});
  }
  for (auto& [kind, count] : by_kind) finding.evidence.push_back(count);
  return finding;
}

}  // namespace

graph::NetworkOptions HubNetworkOptions(const std::vector<graph::KindStatistics>* population) {
  graph::NetworkOptions network_options;
  network_options.communities.per_component = true;
  network_options.evidence.population = population;
  return network_options;
}

ViewMatch MatchViewApplications(const ConsortiumView& view, const HubOptions& options, ViewStatistics statistics,
                                std::vector<std::pair<std::string, double>>* stage_seconds) {
  std::vector<std::pair<std::string, double>> ignored;
  StageTimer timer(stage_seconds != nullptr ? *stage_seconds : ignored);
  ViewMatch match;
  graph::SplitNetworks built =
      graph::BuildSplitNetworks(view.applications, view.records, view.persona_ids, HubNetworkOptions(statistics.split),
                                options.identity_split, &view.near_duplicates, statistics.linked);
  match.networks = std::move(built.networks);
  match.linked = std::move(built.linked);
  match.identity_splits = std::move(built.splits);
  timer.Mark("networks");
  const std::vector<score::RiskAssessment> assessments = score::ScoreApplications(
      view.applications, view.records, match.networks, score::ExternalEvidence{}, score::ScoreOptions{});
  timer.Mark("score");
  const graph::NetworkResult& networks = match.networks;
  Disclosure disclosure{view, networks, options.k_threshold, {}, {}, {}, {}};
  disclosure.Prepare();
  disclosure.artifacts_of.resize(networks.persona_ids.size());
  for (std::uint32_t artifact_idx = 0; artifact_idx < networks.evidence.artifacts.size(); ++artifact_idx) {
    const graph::SharedArtifact& artifact = networks.evidence.artifacts[artifact_idx];
    if (artifact.weight <= 0) continue;
    for (std::uint32_t persona_idx : artifact.personas) disclosure.artifacts_of[persona_idx].push_back(artifact_idx);
  }
  match.findings.resize(view.applications.size());
  match.flagged.resize(view.applications.size());
  for (std::size_t app_idx = 0; app_idx < view.applications.size(); ++app_idx) {
    const score::RiskAssessment& assessment = assessments[app_idx];
    match.flagged[app_idx] = assessment.level == score::RiskLevel::kHigh || assessment.level == score::RiskLevel::kCritical;
    match.findings[app_idx] = FindingFor(app_idx, assessment, disclosure);
  }
  timer.Mark("findings");
  return match;
}

namespace {

// MatchView links and scores a view and writes each member's findings; `members` names the
// view's member indexes (company, epoch).
// `result` holds the stages timed so far.
void MatchView(const ConsortiumView& view, const std::vector<std::pair<std::string, std::string>>& members,
               const HubOptions& options, HubMatchResult& result) {
  ViewMatch match = MatchViewApplications(view, options, {}, &result.stage_seconds);
  result.findings.resize(members.size());
  for (std::size_t member_idx = 0; member_idx < members.size(); ++member_idx) {
    result.findings[member_idx].company_id = members[member_idx].first;
    result.findings[member_idx].epoch = members[member_idx].second;
    result.findings[member_idx].k_threshold = options.k_threshold;
  }
  for (std::size_t app_idx = 0; app_idx < view.applications.size(); ++app_idx) {
    if (match.flagged[app_idx]) ++result.flagged_applications;
    if (match.findings[app_idx]) {
      result.findings[view.member_of[app_idx]].applications.push_back(std::move(*match.findings[app_idx]));
    }
  }
  std::sort(result.findings.begin(), result.findings.end(),
            [](const auto& left, const auto& right) { return left.company_id < right.company_id; });
  result.applications = view.applications.size();
  result.personas = match.networks.persona_ids.size();
  result.networks = match.networks.networks.size();
  result.identity_splits = match.identity_splits.size();
}

}  // namespace

HubMatchResult MatchSubmissions(std::vector<SourcedSubmission> submissions, const share::KeyedHasher& hub_layer,
                                const HubOptions& options) {
  std::vector<RefusedSubmission> refused;
  const std::vector<share::Submission> accepted = Accept(std::move(submissions), options, &refused);
  std::vector<std::pair<std::string, std::string>> members;
  for (const share::Submission& submission : accepted) members.emplace_back(submission.company_id, submission.epoch);
  HubMatchResult result;
  StageTimer timer(result.stage_seconds);
  const ConsortiumView view = BuildConsortiumView(accepted, hub_layer, options.view);
  timer.Mark("view");
  MatchView(view, members, options, result);
  result.refused = std::move(refused);
  return result;
}

HubMatchResult MatchDecoded(const std::vector<const DecodedMember*>& members, const HubOptions& options) {
  std::vector<std::pair<std::string, std::string>> names;
  for (const DecodedMember* member : members) names.emplace_back(member->company_id, member->epoch);
  HubMatchResult result;
  StageTimer timer(result.stage_seconds);
  const ConsortiumView view = AssembleView(members, options.view);
  timer.Mark("view");
  MatchView(view, names, options, result);
  return result;
}

}  // namespace crosscheck::hub
