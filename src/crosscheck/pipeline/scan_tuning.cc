#include "crosscheck/pipeline/scan_tuning.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <utility>

namespace crosscheck::pipeline {
namespace {

// Setting binds a Tunable to the field `kField` of the option group `kGroup` of ScanTuning.
template <auto kGroup, auto kField>
constexpr Tunable Setting(std::string_view name, std::string_view meaning, double min, double max) {
  using Field = std::remove_cvref_t<decltype(std::declval<ScanTuning&>().*kGroup.*kField)>;
  return Tunable{
      .name = name,
      .meaning = meaning,
      .min = min,
      .max = max,
      .integral = std::is_integral_v<Field>,
      .get = [](const ScanTuning& tuning) { return static_cast<double>(tuning.*kGroup.*kField); },
      .set = [](ScanTuning& tuning, double value) { tuning.*kGroup.*kField = static_cast<Field>(value); },
  };
}

using T = ScanTuning;
using E = graph::EvidenceOptions;
using C = graph::CommunityOptions;
using I = graph::IdentitySplitOptions;
using S = score::ScoreOptions;

constexpr std::array kTunables{
    Setting<&T::evidence, &E::ip_window_seconds>("ip_window_seconds", "IPs tie applications submitted within this many seconds", 0, 365.0 * 86400),
    Setting<&T::evidence, &E::photo_max_hamming>("photo_max_hamming", "photos are near-duplicates within this many pHash bits", 0, 7),
    Setting<&T::evidence, &E::resume_min_jaccard>("resume_min_jaccard", "resumes are near-duplicates from this shingle Jaccard", 0.05, 1),
    Setting<&T::evidence, &E::resume_shingle_words>("resume_shingle_words", "words per resume shingle", 1, 16),
    Setting<&T::evidence, &E::resume_min_shingles>("resume_min_shingles", "fewest shingles a compared resume has", 1, 1000),
    Setting<&T::evidence, &E::max_group_for_edges>("max_group_for_edges", "groups of more personas give no pairwise edges", 2, 100000),
    Setting<&T::evidence, &E::household_max_personas>("household_max_personas", "people at one home address that are a household", 1, 100000),
    Setting<&T::evidence, &E::household_ring_evidence>("household_ring_evidence", "1: a shared photo, id or payout account ends the household", 0, 1),
    Setting<&T::communities, &C::resolution>("resolution", "CPM resolution of the network communities", 1e-4, 10),
    Setting<&T::communities, &C::attach_max_size>("attach_max_size", "communities this small join the one they are most tied to", 0, 1000),
    Setting<&T::communities, &C::attach_min_weight>("attach_min_weight", "... when that tie totals at least this", 0, 100),
    Setting<&T::identity_split, &I::enabled>("identity_split", "1: split a stolen identity's owner from its thief", 0, 1),
    Setting<&T::identity_split, &I::ring_min_tie>("ring_min_tie", "a persona part tied this much to others is the ring's", 0, 100),
    Setting<&T::identity_split, &I::untied_max_tie>("untied_max_tie", "a part tied less than this (IPs left out) is nobody's", 0, 100),
    Setting<&T::identity_split, &I::min_owner_applications>("min_owner_applications", "applications the owner's untied parts hold", 1, 100000),
    Setting<&T::score, &S::prior_probability>("prior_probability", "share of applications from fake personas", 1e-6, 0.5),
    Setting<&T::score, &S::medium_probability>("medium_probability", "posterior from which an application is medium", 0.01, 0.999999),
    Setting<&T::score, &S::high_probability>("high_probability", "posterior from which it is high", 0.01, 0.999999),
    Setting<&T::score, &S::critical_probability>("critical_probability", "posterior from which it is critical", 0.01, 0.999999),
    Setting<&T::score, &S::network_inherit_fraction>("network_inherit_fraction", "share of the strongest other member's evidence inherited", 0, 1),
    Setting<&T::score, &S::network_full_tie>("network_full_tie", "own tie into the network for full inheritance", 0.01, 100),
    Setting<&T::score, &S::network_min_tie>("network_min_tie", "ties up to this inherit nothing", 0, 100),
    Setting<&T::score, &S::variants_min_emails>("variants_min_emails", "e-mails of one persona from which contact counts alone are PERSONA_VARIANTS", 2, 1000),
    Setting<&T::score, &S::variants_min_phones>("variants_min_phones", "... phones", 2, 1000),
    Setting<&T::score, &S::many_contacts_strength>("many_contacts_strength", "share of PERSONA_VARIANTS' log-LR from contact counts alone", 0, 1),
    Setting<&T::score, &S::velocity_window_seconds>("velocity_window_seconds", "APPLICATION_VELOCITY's window", 3600, 365.0 * 86400),
    Setting<&T::score, &S::velocity_min_companies>("velocity_min_companies", "distinct companies within the window for APPLICATION_VELOCITY", 2, 100000),
    Setting<&T::score, &S::min_reason_log_odds>("min_reason_log_odds", "weaker contributions are left out of the reasons", 0, 10),
};

std::string FormatValue(const Tunable& tunable, double value) {
  char text[32];
  std::snprintf(text, sizeof text, tunable.integral ? "%.0f" : "%g", value);
  return text;
}

std::string KnownNames() {
  std::string names;
  for (const Tunable& tunable : kTunables) {
    if (!names.empty()) names += ", ";
    names += tunable.name;
  }
  return names;
}

}  // namespace

std::span<const Tunable> Tunables() { return kTunables; }

Status ApplyTuning(std::string_view assignment, ScanTuning& tuning) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos) {
    return InvalidInput("--tune wants NAME=VALUE, got '" + std::string(assignment) + "'");
  }
  const std::string_view name = assignment.substr(0, equals);
  const std::string_view text = assignment.substr(equals + 1);
  const Tunable* tunable = nullptr;
  for (const Tunable& candidate : kTunables) {
    if (candidate.name == name) tunable = &candidate;
  }
  if (tunable == nullptr) {
    return InvalidInput("--tune: no setting '" + std::string(name) + "'; known: " + KnownNames());
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return InvalidInput("--tune " + std::string(name) + ": '" + std::string(text) + "' is not a number");
  }
  if (tunable->integral && value != std::floor(value)) {
    return InvalidInput("--tune " + std::string(name) + ": wants a whole number, got " + std::string(text));
  }
  if (value < tunable->min || value > tunable->max) {
    return InvalidInput("--tune " + std::string(name) + ": " + std::string(text) + " is outside " +
                        FormatValue(*tunable, tunable->min) + ".." + FormatValue(*tunable, tunable->max));
  }
  tunable->set(tuning, value);
  return Ok();
}

Status ValidateTuning(const ScanTuning& tuning) {
  const score::ScoreOptions& score = tuning.score;
  if (!(score.medium_probability < score.high_probability && score.high_probability < score.critical_probability)) {
    return InvalidInput("--tune: medium_probability < high_probability < critical_probability must hold");
  }
  if (tuning.identity_split.untied_max_tie > tuning.identity_split.ring_min_tie) {
    return InvalidInput("--tune: untied_max_tie must not exceed ring_min_tie");
  }
  if (score.network_min_tie >= score.network_full_tie) {
    return InvalidInput("--tune: network_min_tie must be below network_full_tie");
  }
  return Ok();
}

std::vector<std::string> ChangedTunings(const ScanTuning& tuning) {
  const ScanTuning defaults;
  std::vector<std::string> changed;
  for (const Tunable& tunable : kTunables) {
    const double value = tunable.get(tuning);
    if (value != tunable.get(defaults)) changed.push_back(std::string(tunable.name) + "=" + FormatValue(tunable, value));
  }
  return changed;
}

}  // namespace crosscheck::pipeline
