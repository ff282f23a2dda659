// Risk scoring: every application gets a score 0..100, a level and the reasons behind it.
// Evidence combines as likelihood ratios (a log-odds sum from a prior, Good 1950 / naive
// Bayes), with caps per family of correlated indicators; personas inherit part of their
// network's strongest evidence (NETWORK_RISK). Every reason names its evidence.
//
//   graph::NetworkResult networks = graph::BuildNetworks(normalized, records, personas, {});
//   std::vector<score::RiskAssessment> risk =
//       score::ScoreApplications(normalized, records, networks, external, {});
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/graph/network_builder.h"

namespace crosscheck::score {

// RiskLevel is the reviewer-facing bucket of a posterior probability of fraud (see
// ScoreOptions for the thresholds; docs/INDICATORS.md for the expected precision).
enum class RiskLevel : std::uint8_t { kLow, kMedium, kHigh, kCritical };

// RiskLevelName returns "low", "medium", "high" or "critical".
const char* RiskLevelName(RiskLevel level);

// RiskLevelRank orders level names as RiskLevel does: low 0, medium 1, high 2, critical 3
// (ASCII case and surrounding spaces ignored); -1 for any other text.
int RiskLevelRank(std::string_view level);

// Reason is one indicator behind a score.
struct Reason {
  std::string code;                   // catalogue code (indicator_catalog.h)
  double log_odds = 0;                // contribution in nats, after caps; reasons sum to
                                      // RiskAssessment::log_odds - prior log-odds
  std::string summary;                // one line for a reviewer
  std::vector<std::string> evidence;  // masked values, related application/persona ids, IPs
};

// RiskAssessment is the score of one application.
struct RiskAssessment {
  int score = 0;           // floor(100 x posterior probability), 0..100
  RiskLevel level = RiskLevel::kLow;
  double log_odds = 0;     // posterior log-odds (prior + sum of reasons)
  std::vector<Reason> reasons;  // strongest first
};

// ExternalFinding is evidence computed elsewhere (sanctions screening, STIX matches,
// sign-in monitoring) about one application.
struct ExternalFinding {
  std::size_t application_index = 0;  // index into the applications vector
  std::string code;                   // a catalogue code, e.g. SANCTIONS_MATCH
  std::string evidence;               // what matched, already masked by the producer
  double strength = 1;                // in [0, 1]: match confidence; scales the log-LR
  // review_only: shown to the reviewer as a reason of weight 0; never changes the score or the
  // level (a sanctions hit on a name alone: common names sit near listed ones).
  bool review_only = false;
};

// ExternalEvidence bundles every external finding of a run.
struct ExternalEvidence {
  std::vector<ExternalFinding> findings;
};

// ScoreOptions tunes scoring. The defaults are documented in docs/INDICATORS.md.
struct ScoreOptions {
  double prior_probability = 0.02;       // share of applications from fake personas
  double medium_probability = 0.5;       // posterior thresholds of the levels; high and critical
  double high_probability = 0.99;        // sit above the nominal 0.95 / 0.995 because a sum of
  double critical_probability = 0.999;   // log-LRs over partly dependent evidence is overconfident
  double network_inherit_fraction = 0.5; // share of the strongest other member's evidence
  double network_full_tie = 1.0;         // own tie weight into the network for full inheritance
  double network_min_tie = 0.35;         // ties up to this (one VPN exit, a NAT) inherit nothing
  int variants_min_emails = 4;           // PERSONA_VARIANTS from contact counts alone ...
  int variants_min_phones = 4;
  double many_contacts_strength = 0.5;   // ... at this share of its log-LR
  std::int64_t velocity_window_seconds = 7 * 86400;
  int velocity_min_companies = 5;        // distinct companies within the window
  double min_reason_log_odds = 0.05;     // weaker contributions are left out
};

// ScoreOfLogOdds returns the 0..100 score of a posterior log-odds: floor(100 x probability).
int ScoreOfLogOdds(double log_odds);

// LevelOfLogOdds returns the level of a posterior log-odds under the options' thresholds.
RiskLevel LevelOfLogOdds(double log_odds, const ScoreOptions& options);

// ArtifactIndicatorCode returns the indicator a shared artifact of `kind` raises
// (SHARED_PHONE, NATIONAL_ID_REUSE, PHOTO_REUSE, ...).
const char* ArtifactIndicatorCode(graph::ArtifactKind kind);

// ShipsElsewhere says whether the ship-to address is somewhere other than the claimed residence
// (it lacks the residence's postcode or house number); false when either is unknown, and
// application.ships_elsewhere when set. Used by SHIPPING_NOT_RESIDENCE and by the consortium
// encoder, which sends the judgement instead of the addresses.
bool ShipsElsewhere(const NormalizedApplication& application);

// ScoreApplications scores each application (same order as `applications`). `records` are
// the raw applications (same order); `networks` comes from graph::BuildNetworks on the same
// applications; findings with unknown codes or out-of-range indexes are ignored.
// Deterministic; O(applications + shared artifacts x their personas).
std::vector<RiskAssessment> ScoreApplications(const std::vector<NormalizedApplication>& applications,
                                              const std::vector<ApplicationRecord>& records,
                                              const graph::NetworkResult& networks,
                                              const ExternalEvidence& external,
                                              const ScoreOptions& options);

}  // namespace crosscheck::score
