#include "crosscheck/score/risk_scorer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "crosscheck/common/check.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/common/union_find.h"
#include "crosscheck/graph/name_match.h"
#include "crosscheck/score/indicator_catalog.h"

namespace crosscheck::score {

const char* RiskLevelName(RiskLevel level) {
  switch (level) {
    case RiskLevel::kLow: return "low";
    case RiskLevel::kMedium: return "medium";
    case RiskLevel::kHigh: return "high";
    case RiskLevel::kCritical: return "critical";
  }
  return "low";
}

int RiskLevelRank(std::string_view level) {
  level = TrimAscii(level);
  for (RiskLevel candidate : {RiskLevel::kLow, RiskLevel::kMedium, RiskLevel::kHigh, RiskLevel::kCritical}) {
    if (EqualsIgnoreCaseAscii(level, RiskLevelName(candidate))) return static_cast<int>(candidate);
  }
  return -1;
}

namespace {

using graph::ArtifactKind;

// Several artifacts of one code (two shared phones) are correlated: the strongest counts in
// full, the next half, the next a quarter...; one code never exceeds 1.5 x its own weight.
constexpr double kRepeatDecay = 0.5;
constexpr double kPerCodeCapFactor = 1.5;
constexpr std::size_t kMaxListed = 8;

std::string Fixed(double value, int digits) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

// ListIds renders at most kMaxListed ids, then "and N more".
std::string ListIds(const std::vector<std::string>& ids) {
  std::string text;
  for (std::size_t idx = 0; idx < ids.size() && idx < kMaxListed; ++idx) {
    if (idx > 0) text += ", ";
    text += ids[idx];
  }
  if (ids.size() > kMaxListed) text += " and " + std::to_string(ids.size() - kMaxListed) + " more";
  return text;
}

// Contribution is one piece of evidence before caps.
struct Contribution {
  const Indicator* indicator = nullptr;
  double log_odds = 0;
  std::string summary;
  std::vector<std::string> evidence;
};

// Combine turns contributions into capped reasons and returns their total.
double Combine(std::vector<Contribution> contributions, std::vector<Reason>* reasons) {
  std::map<std::string_view, std::vector<Contribution>> by_code;
  for (Contribution& contribution : contributions) {
    by_code[contribution.indicator->code].push_back(std::move(contribution));
  }
  std::map<IndicatorFamily, std::vector<std::pair<Reason, IndicatorFamily>>> by_family;
  for (auto& [code, items] : by_code) {
    std::stable_sort(items.begin(), items.end(), [](const Contribution& a, const Contribution& b) {
      return a.log_odds > b.log_odds;
    });
    const Indicator& indicator = *items.front().indicator;
    Reason reason;
    reason.code = std::string(code);
    double factor = 1;
    for (Contribution& item : items) {
      reason.log_odds += factor * item.log_odds;
      factor *= kRepeatDecay;
      if (!reason.summary.empty()) reason.summary += "; ";
      reason.summary += item.summary;
      for (std::string& line : item.evidence) reason.evidence.push_back(std::move(line));
    }
    reason.log_odds = std::min(reason.log_odds, kPerCodeCapFactor * std::log(indicator.likelihood_ratio));
    by_family[indicator.family].emplace_back(std::move(reason), indicator.family);
  }
  double total = 0;
  for (auto& [family, family_reasons] : by_family) {
    double family_total = 0;
    for (const auto& entry : family_reasons) family_total += entry.first.log_odds;
    const double cap = FamilyLogOddsCap(family);
    // Over the cap, every member shrinks in proportion so the reasons still add up.
    const double scale = family_total > cap ? cap / family_total : 1.0;
    for (auto& entry : family_reasons) {
      entry.first.log_odds *= scale;
      total += entry.first.log_odds;
      reasons->push_back(std::move(entry.first));
    }
  }
  return total;
}

std::string CompactLower(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '-' && c != ',') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

const Indicator& Catalogued(std::string_view code) {
  const Indicator* indicator = FindIndicator(code);
  CC_CHECK(indicator != nullptr) << code;
  return *indicator;
}

// DifferentPeopleBehindIdentifier looks for two applications of one persona that give the same
// phone, e-mail or national id under names that share no part, or under different dates of
// birth: one identifier, two people (threat-domain.md 2.5 B3). A person's own variants
// (nicknames, order, initials, romanization, native script, an adopted given name, a maiden
// name) keep a part of the name and are not counted.
bool DifferentPeopleBehindIdentifier(const std::vector<NormalizedApplication>& applications,
                                     const std::vector<std::size_t>& members, std::string* pair) {
  std::map<std::string, std::vector<std::size_t>> by_identifier;
  for (std::size_t app_idx : members) {
    const NormalizedApplication& a = applications[app_idx];
    if (!a.phone_e164.empty()) by_identifier["p:" + a.phone_e164].push_back(app_idx);
    if (!a.email.empty()) by_identifier["e:" + a.email].push_back(app_idx);
    if (!a.national_id.empty()) by_identifier["n:" + a.national_id].push_back(app_idx);
  }
  for (const auto& [identifier, holders] : by_identifier) {
    // Distinct (name, date of birth) forms only: a persona repeats itself many times.
    std::vector<std::size_t> forms;
    for (std::size_t app_idx : holders) {
      const NormalizedApplication& a = applications[app_idx];
      const bool seen = std::any_of(forms.begin(), forms.end(), [&](std::size_t other) {
        return applications[other].name.full == a.name.full &&
               applications[other].date_of_birth == a.date_of_birth;
      });
      if (!seen) forms.push_back(app_idx);
      if (forms.size() > 16) break;
    }
    // Forms are one person when linked through shared name parts or one known date of birth,
    // step by step: "Chinny Adeyemi" - "Chinedu Adeyemi" - "Chinedu Okafor" is one woman under
    // a nickname and a maiden name. Two known dates of birth that differ are two people.
    UnionFind component(forms.size());
    for (std::size_t left = 0; left < forms.size(); ++left) {
      for (std::size_t right = left + 1; right < forms.size(); ++right) {
        const NormalizedApplication& a = applications[forms[left]];
        const NormalizedApplication& b = applications[forms[right]];
        if (a.date_of_birth && b.date_of_birth && *a.date_of_birth != *b.date_of_birth) {
          *pair = a.application_id + " (" + a.name.full + ") vs " + b.application_id + " (" +
                  b.name.full + "), different dates of birth";
          return true;
        }
        const bool unnamed = a.name.tokens.empty() || b.name.tokens.empty();
        if (unnamed || graph::CouldBeOnePerson(a, b, /*compare_births=*/true)) {
          component.Union(static_cast<std::uint32_t>(left), static_cast<std::uint32_t>(right));
        }
      }
    }
    for (std::size_t idx = 1; idx < forms.size(); ++idx) {
      if (component.Find(static_cast<std::uint32_t>(idx)) != component.Find(0)) {
        *pair = applications[forms[0]].application_id + " (" + applications[forms[0]].name.full + ") vs " +
                applications[forms[idx]].application_id + " (" + applications[forms[idx]].name.full + ")";
        return true;
      }
    }
  }
  return false;
}

// PersonaBehaviour adds PERSONA_VARIANTS and APPLICATION_VELOCITY for one persona.
void AddPersonaBehaviour(const std::vector<NormalizedApplication>& applications,
                         const std::vector<std::size_t>& members, const ScoreOptions& options,
                         std::vector<Contribution>* out) {
  if (members.size() < 2) return;
  std::set<std::string> emails, phones;
  for (std::size_t app_idx : members) {
    if (!applications[app_idx].email.empty()) emails.insert(applications[app_idx].email);
    if (!applications[app_idx].phone_e164.empty()) phones.insert(applications[app_idx].phone_e164);
  }
  std::string name_pair;
  const bool different_people = DifferentPeopleBehindIdentifier(applications, members, &name_pair);
  // Job seekers commonly keep two or three addresses (a personal one, a university one, an
  // old one) and change phones; only more than that is unusual, and weakly so.
  const bool many_contacts = emails.size() >= static_cast<std::size_t>(options.variants_min_emails) ||
                             phones.size() >= static_cast<std::size_t>(options.variants_min_phones);
  if (different_people || many_contacts) {
    Contribution variants{&Catalogued("PERSONA_VARIANTS"), 0, "", {}};
    variants.log_odds = std::log(variants.indicator->likelihood_ratio) *
                        (different_people ? 1.0 : options.many_contacts_strength);
    variants.summary = std::string(different_people ? "different people behind one identifier; " : "") +
                       "persona used " + std::to_string(emails.size()) + " e-mails and " +
                       std::to_string(phones.size()) + " phones across " +
                       std::to_string(members.size()) + " applications";
    if (different_people) variants.evidence.push_back("one identifier, different people: " + name_pair);
    out->push_back(std::move(variants));
  }
  std::vector<std::pair<std::int64_t, std::string_view>> timed;
  for (std::size_t app_idx : members) {
    if (applications[app_idx].submitted_at) {
      timed.emplace_back(*applications[app_idx].submitted_at, applications[app_idx].company_id);
    }
  }
  std::sort(timed.begin(), timed.end());
  std::map<std::string_view, int> in_window;
  std::size_t best = 0;
  std::int64_t best_start = 0;
  for (std::size_t begin = 0, end = 0; end < timed.size(); ++end) {
    ++in_window[timed[end].second];
    while (timed[end].first - timed[begin].first > options.velocity_window_seconds) {
      if (--in_window[timed[begin].second] == 0) in_window.erase(timed[begin].second);
      ++begin;
    }
    if (in_window.size() > best) {
      best = in_window.size();
      best_start = timed[begin].first;
    }
  }
  if (best >= static_cast<std::size_t>(options.velocity_min_companies)) {
    Contribution velocity{&Catalogued("APPLICATION_VELOCITY"), 0, "", {}};
    velocity.log_odds = std::log(velocity.indicator->likelihood_ratio);
    velocity.summary = "applied to " + std::to_string(best) + " companies within " +
                       std::to_string(options.velocity_window_seconds / 86400) + " days";
    velocity.evidence.push_back("window starts " + FormatTimestamp(best_start));
    out->push_back(std::move(velocity));
  }
}

// ConsortiumFamilies returns the families of an application's consortium (CONSORTIUM_*)
// findings.
std::set<IndicatorFamily> ConsortiumFamilies(const std::vector<Contribution>& external) {
  std::set<IndicatorFamily> families;
  for (const Contribution& item : external) {
    if (item.indicator->code.starts_with("CONSORTIUM_")) families.insert(item.indicator->family);
  }
  return families;
}

// ApplicationEvidence adds the indicators read from one application's own fields.
void AddApplicationEvidence(const NormalizedApplication& a, std::vector<Contribution>* out) {
  auto add = [&](std::string_view code, std::string summary, std::vector<std::string> evidence,
                 double strength = 1) {
    const Indicator& indicator = Catalogued(code);
    out->push_back(Contribution{&indicator, strength * std::log(indicator.likelihood_ratio),
                                std::move(summary), std::move(evidence)});
  };
  // A virtual number (Google Voice, TextNow: nonFixedVoip) is the documented indicator. A fixed
  // VoIP line is tied to an address: the ordinary home phone in several numbering plans (Korea's
  // 070, Japan's 050, cable-company home phones), so it says nothing about the applicant.
  if (a.line_type == LineType::kNonFixedVoip) {
    add("VOIP_PHONE", "phone is a virtual (non-fixed VoIP) number",
        {"phone " + graph::MaskArtifactValue(ArtifactKind::kPhone, a.phone_e164)});
  }
  if (a.ip_info.is_anonymous) {
    add("ANONYMIZING_IP", "IP " + a.ip_address + " is an anonymizing network",
        {"ip " + a.ip_address, "as " + a.ip_info.as_org, "source " + a.ip_info.source});
  } else if (!a.ip_info.country.empty() && a.country.size() == 2 &&
             ToUpperAscii(a.country) != a.ip_info.country) {
    // Claim against evidence only: the claimed residence vs where the IP is. Never the
    // applicant's name, nationality or document country.
    add("IP_COUNTRY_MISMATCH",
        "claims residence in " + a.country + " but the IP is in " + a.ip_info.country,
        {"ip " + a.ip_address, "ip country " + a.ip_info.country, "claimed country " + a.country});
  }
  if (ShipsElsewhere(a)) {
    add("SHIPPING_NOT_RESIDENCE", "ship-to address is not the claimed residence",
        {"shipping " + graph::MaskArtifactValue(ArtifactKind::kShippingAddress, a.shipping_address_key),
         "residence " + graph::MaskArtifactValue(ArtifactKind::kHomeAddress, a.address_key)});
  }
  if (ToLowerAscii(a.idv_status) == "failed") {
    add("IDV_FAILED", "identity verification failed", {"idv_status failed"});
  }
  std::vector<std::string> soft, identity;
  for (const std::string& flag : a.interview_flags) {
    (flag == "DEEPFAKE_SUSPECTED" || flag == "DIFFERENT_PERSON" ? identity : soft).push_back(flag);
  }
  if (!identity.empty()) {
    add("INTERVIEW_IDENTITY_MISMATCH", "interview flags " + JoinStrings(identity, ", "),
        {"interview_flags " + JoinStrings(identity, ";")});
  }
  if (!soft.empty()) {
    // Each further observation adds less: they are often one bad interview.
    const double strength = std::min(2.0, 1.0 + 0.5 * static_cast<double>(soft.size() - 1));
    add("INTERVIEW_FLAGS", "interview flags " + JoinStrings(soft, ", "),
        {"interview_flags " + JoinStrings(soft, ";")}, strength);
  }
}

}  // namespace

int ScoreOfLogOdds(double log_odds) {
  const double probability = 1 / (1 + std::exp(-log_odds));
  return std::clamp(static_cast<int>(std::floor(100 * probability)), 0, 100);
}

RiskLevel LevelOfLogOdds(double log_odds, const ScoreOptions& options) {
  const double probability = 1 / (1 + std::exp(-log_odds));
  return probability >= options.critical_probability ? RiskLevel::kCritical
         : probability >= options.high_probability   ? RiskLevel::kHigh
         : probability >= options.medium_probability ? RiskLevel::kMedium
                                                     : RiskLevel::kLow;
}

const char* ArtifactIndicatorCode(ArtifactKind kind) {
  switch (kind) {
    case ArtifactKind::kPhone: return "SHARED_PHONE";
    case ArtifactKind::kEmail: return "SHARED_EMAIL";
    case ArtifactKind::kDevice: return "SHARED_DEVICE";
    case ArtifactKind::kPayoutAccount: return "SHARED_PAYOUT_ACCOUNT";
    case ArtifactKind::kShippingAddress: return "SHARED_SHIPPING_ADDRESS";
    case ArtifactKind::kHomeAddress: return "SHARED_HOME_ADDRESS";
    case ArtifactKind::kNationalId: return "NATIONAL_ID_REUSE";
    case ArtifactKind::kGithub:
    case ArtifactKind::kLinkedin: return "SHARED_PROFILE";
    case ArtifactKind::kPhoto: return "PHOTO_REUSE";
    case ArtifactKind::kResume: return "RESUME_REUSE";
    case ArtifactKind::kIp: return "SHARED_IP";
  }
  return "SHARED_IP";
}

// ShipsElsewhere compares the ship-to line with the claimed residence: the same place has the
// residence's postcode and house number in it. Unknown residence -> not judged.
bool ShipsElsewhere(const NormalizedApplication& application) {
  if (application.ships_elsewhere) return *application.ships_elsewhere;  // judged by the member
  if (application.shipping_address_key.empty()) return false;
  if (application.postal_code.empty() && application.street.empty()) return false;
  const std::string shipping = CompactLower(application.shipping_address_key);
  if (!application.postal_code.empty() &&
      shipping.find(CompactLower(application.postal_code)) == std::string::npos) {
    return true;
  }
  const std::vector<std::string> street_words = SplitString(application.street, ' ');
  if (!street_words.empty() && !street_words.front().empty() &&
      std::isdigit(static_cast<unsigned char>(street_words.front().front())) &&
      shipping.find(CompactLower(street_words.front())) == std::string::npos) {
    return true;
  }
  return false;
}

std::vector<RiskAssessment> ScoreApplications(const std::vector<NormalizedApplication>& applications,
                                              const std::vector<ApplicationRecord>& records,
                                              const graph::NetworkResult& networks,
                                              const ExternalEvidence& external,
                                              const ScoreOptions& options) {
  CC_CHECK(applications.size() == records.size() &&
           applications.size() == networks.persona_of_application.size());
  const std::size_t persona_count = networks.persona_ids.size();
  const graph::EvidenceSet& evidence = networks.evidence;

  // Persona-level contributions: shared artifacts and behaviour across applications.
  std::vector<std::vector<Contribution>> persona_contributions(persona_count);
  for (const graph::SharedArtifact& artifact : evidence.artifacts) {
    const Indicator& indicator = Catalogued(ArtifactIndicatorCode(artifact.kind));
    const double log_odds = std::log(indicator.likelihood_ratio) * artifact.weight;
    if (log_odds < options.min_reason_log_odds) continue;
    for (std::uint32_t persona_idx : artifact.personas) {
      std::vector<std::string> others, other_applications;
      for (std::uint32_t other : artifact.personas) {
        if (other != persona_idx) others.push_back(networks.persona_ids[other]);
      }
      // Other personas' applications; when linkage put every holder in this persona (several
      // people under one persona), all of them.
      for (std::size_t app_idx : artifact.applications) {
        if (others.empty() || networks.persona_of_application[app_idx] != persona_idx) {
          other_applications.push_back(applications[app_idx].application_id);
        }
      }
      Contribution contribution{&indicator, log_odds, "", {}};
      std::string value = graph::MaskArtifactValue(artifact.kind, artifact.value);
      contribution.summary = std::string(graph::ArtifactKindName(artifact.kind)) + " " + value +
                             " held by " + std::to_string(artifact.party_count) +
                             " independent parties (" + std::to_string(others.size()) +
                             " other persona(s)) in " + std::to_string(artifact.company_count) +
                             " companies (specificity " + Fixed(artifact.weight, 2) + ")";
      contribution.evidence.push_back(std::string(graph::ArtifactKindName(artifact.kind)) + " " + value);
      if (artifact.similarity < 1) {
        contribution.evidence.push_back("similarity " + Fixed(artifact.similarity, 2));
      }
      contribution.evidence.push_back("personas " + ListIds(others));
      contribution.evidence.push_back("applications " + ListIds(other_applications));
      persona_contributions[persona_idx].push_back(std::move(contribution));
    }
  }
  for (std::size_t persona_idx = 0; persona_idx < persona_count; ++persona_idx) {
    AddPersonaBehaviour(applications, networks.applications_of_persona[persona_idx], options,
                        &persona_contributions[persona_idx]);
  }

  std::vector<std::vector<Contribution>> external_of(applications.size());
  std::vector<std::vector<Reason>> review_of(applications.size());
  for (const ExternalFinding& finding : external.findings) {
    const Indicator* indicator = FindIndicator(finding.code);
    if (indicator == nullptr || finding.application_index >= applications.size()) continue;
    if (finding.review_only) {
      review_of[finding.application_index].push_back(
          Reason{std::string(indicator->code), 0, std::string(indicator->meaning) + " For review only: no weight.",
                 {finding.evidence}});
      continue;
    }
    const double strength = std::clamp(finding.strength, 0.0, 1.0);
    external_of[finding.application_index].push_back(
        Contribution{indicator, strength * std::log(indicator->likelihood_ratio),
                     std::string(indicator->meaning), {finding.evidence}});
  }

  // Own evidence of every application, then the network stage.
  std::vector<RiskAssessment> result(applications.size());
  std::vector<double> persona_own(persona_count, 0);
  std::vector<std::size_t> persona_best_application(persona_count, 0);
  std::vector<double> persona_own_shared(persona_count, 0);  // its shared-artifact part
  std::vector<char> consortium_network(applications.size(), 0);  // a CONSORTIUM_NETWORK_RISK finding
  for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
    const std::uint32_t persona_idx = networks.persona_of_application[app_idx];
    std::vector<Contribution> contributions = persona_contributions[persona_idx];
    // The consortium hub saw this company's rows too: where it speaks of a family of
    // cross-record evidence (shared artifacts, persona behaviour), its reason replaces the
    // local view of that family instead of counting what the company's own rows share twice.
    const std::set<IndicatorFamily> consortium = ConsortiumFamilies(external_of[app_idx]);
    consortium_network[app_idx] = consortium.count(IndicatorFamily::kNetwork) > 0;
    std::erase_if(contributions, [&](const Contribution& item) { return consortium.count(item.indicator->family) > 0; });
    AddApplicationEvidence(applications[app_idx], &contributions);
    for (const Contribution& item : external_of[app_idx]) contributions.push_back(item);
    std::erase_if(contributions, [&](const Contribution& item) {
      return item.log_odds < options.min_reason_log_odds;
    });
    RiskAssessment& assessment = result[app_idx];
    assessment.log_odds = Combine(std::move(contributions), &assessment.reasons);
    for (Reason& review : review_of[app_idx]) assessment.reasons.push_back(std::move(review));
    if (assessment.log_odds > persona_own[persona_idx]) {
      persona_own[persona_idx] = assessment.log_odds;
      persona_best_application[persona_idx] = app_idx;
      persona_own_shared[persona_idx] = 0;
      for (const Reason& reason : assessment.reasons) {
        if (Catalogued(reason.code).family == IndicatorFamily::kSharedInfrastructure) {
          persona_own_shared[persona_idx] += reason.log_odds;
        }
      }
    }
  }

  // NETWORK_RISK: a persona inherits a share of the strongest other member's own evidence.
  // Taking the strongest other member (not the persona itself) keeps the inheritance from
  // echoing a persona's own evidence back to it.
  const Indicator& network_indicator = Catalogued("NETWORK_RISK");
  std::vector<double> inherited(persona_count, 0);
  std::vector<std::uint32_t> inherited_from(persona_count, 0);
  // A member inherits in proportion to its own ties into the network (edge weights to other
  // members, from options.network_min_tie up to options.network_full_tie): a persona glued on by
  // one weak value (a VPN exit, a campus NAT) is not a ring member, and must not take a ring's
  // score.
  // The tie of a persona is its strongest partner in the network, where a partner's strength
  // sums the strongest artifact of each kind they share: independent kinds co-occurring (a
  // phone and a device and a resume) mark a ring; fifty VPN-exit coincidences do not.
  std::vector<double> tie(persona_count, 0);
  // What a member passes on must not count twice what the heir already holds: the artifacts
  // both hold are in the heir's own score. The member's shared-artifact evidence passes on in
  // the share of its artifacts the heir does not hold; everything else (anonymizers, identity
  // checks, watchlists, sign-ins) in full. A person split by linkage, whose pieces share only
  // each other's e-mail and phone, passes nothing on; a ring's payout account reaches a
  // member tied to the ring by a device.
  std::vector<std::uint32_t> artifacts_held(persona_count, 0);
  for (const graph::SharedArtifact& artifact : evidence.artifacts) {
    if (artifact.weight <= 0) continue;
    for (std::uint32_t persona_idx : artifact.personas) ++artifacts_held[persona_idx];
  }
  std::unordered_map<std::uint64_t, std::uint32_t> held_together;  // persona pair -> artifacts
  auto pair_key = [](std::uint32_t left, std::uint32_t right) {
    if (left > right) std::swap(left, right);
    return (static_cast<std::uint64_t>(left) << 32) | right;
  };
  for (const graph::EvidenceEdge& edge : evidence.edges) ++held_together[pair_key(edge.persona_left, edge.persona_right)];
  auto inheritable = [&](std::uint32_t source, std::uint32_t heir) {
    double shared_part = persona_own_shared[source];
    if (artifacts_held[source] > 0) {
      const auto found = held_together.find(pair_key(source, heir));
      const double overlap = found == held_together.end()
                                 ? 0.0
                                 : std::min(1.0, static_cast<double>(found->second) / artifacts_held[source]);
      shared_part *= overlap;
    }
    return std::max(0.0, persona_own[source] - shared_part);
  };
  for (std::size_t begin = 0; begin < evidence.edges.size();) {
    const graph::EvidenceEdge& head = evidence.edges[begin];
    std::size_t end = begin;
    std::array<double, graph::kArtifactKindCount> best_of_kind{};
    while (end < evidence.edges.size() && evidence.edges[end].persona_left == head.persona_left &&
           evidence.edges[end].persona_right == head.persona_right) {
      const graph::EvidenceEdge& edge = evidence.edges[end];
      double& best = best_of_kind[static_cast<std::size_t>(evidence.artifacts[edge.artifact].kind)];
      best = std::max(best, edge.weight);
      ++end;
    }
    begin = end;
    if (networks.network_of_persona[head.persona_left] != networks.network_of_persona[head.persona_right]) {
      continue;
    }
    double strength = 0;
    for (double weight : best_of_kind) strength += weight;
    tie[head.persona_left] = std::max(tie[head.persona_left], strength);
    tie[head.persona_right] = std::max(tie[head.persona_right], strength);
  }
  for (const graph::Network& network : networks.networks) {
    if (network.personas.size() < 2) continue;
    std::uint32_t first = network.personas.front(), second = network.personas.front();
    double first_value = -1, second_value = -1;
    for (std::uint32_t persona_idx : network.personas) {
      if (persona_own[persona_idx] > first_value) {
        second = first;
        second_value = first_value;
        first = persona_idx;
        first_value = persona_own[persona_idx];
      } else if (persona_own[persona_idx] > second_value) {
        second = persona_idx;
        second_value = persona_own[persona_idx];
      }
    }
    for (std::uint32_t persona_idx : network.personas) {
      const std::uint32_t source = persona_idx == first ? second : first;
      // Linear between the corroboration-only tie (nothing) and a full tie (everything).
      const double membership =
          std::clamp((tie[persona_idx] - options.network_min_tie) /
                         (options.network_full_tie - options.network_min_tie),
                     0.0, 1.0);
      inherited[persona_idx] = inheritable(source, persona_idx) * options.network_inherit_fraction * membership;
      inherited_from[persona_idx] = source;
    }
  }

  const double prior = std::log(options.prior_probability / (1 - options.prior_probability));
  for (std::size_t app_idx = 0; app_idx < applications.size(); ++app_idx) {
    const std::uint32_t persona_idx = networks.persona_of_application[app_idx];
    RiskAssessment& assessment = result[app_idx];
    // A consortium network reason replaces the local network's, as above.
    const double inherit = consortium_network[app_idx]
                               ? 0.0
                               : std::min(inherited[persona_idx], FamilyLogOddsCap(network_indicator.family));
    if (inherit >= options.min_reason_log_odds) {
      const std::uint32_t source = inherited_from[persona_idx];
      const graph::Network& network =
          networks.networks[networks.network_of_persona[persona_idx]];
      Reason reason;
      reason.code = std::string(network_indicator.code);
      reason.log_odds = inherit;
      reason.summary = "network " + network.network_id + " of " +
                       std::to_string(network.personas.size()) + " personas; member " +
                       networks.persona_ids[source] + " carries log-odds " +
                       Fixed(persona_own[source], 1) + "; own ties " + Fixed(tie[persona_idx], 2);
      reason.evidence.push_back("network " + network.network_id);
      reason.evidence.push_back("member " + networks.persona_ids[source]);
      reason.evidence.push_back(
          "application " + applications[persona_best_application[source]].application_id);
      assessment.reasons.push_back(std::move(reason));
      assessment.log_odds += inherit;
    }
    std::stable_sort(assessment.reasons.begin(), assessment.reasons.end(),
                     [](const Reason& a, const Reason& b) {
                       if (a.log_odds != b.log_odds) return a.log_odds > b.log_odds;
                       return a.code < b.code;
                     });
    assessment.log_odds += prior;
    assessment.score = ScoreOfLogOdds(assessment.log_odds);
    assessment.level = LevelOfLogOdds(assessment.log_odds, options);
  }
  return result;
}

}  // namespace crosscheck::score
