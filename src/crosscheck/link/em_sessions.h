// Training sessions for m (as Splink trains m, after Fellegi–Sunter practice): one EM run per
// blocking rule, over the candidate pairs that agree on the rule's fields, with those fields
// left out of the likelihood. A field's m then comes from sessions whose selection did not
// look at it. One EM over all candidate pairs at once is misled when non-matches cluster:
// thirty different people sharing one throwaway e-mail give 435 pairs that agree on it, and
// joint EM takes them for matches, learning that matches disagree on phone and birth date.
// Inside the e-mail session the e-mail is silent, so EM separates those pairs by phone and
// date instead.
//
//   std::vector<TrainingSession> sessions = {{{{email_field, 0}}, "email:exact"}};
//   SessionFit fit = EstimateMBySessions(patterns, level_counts, random_u, sessions, joint.m);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosscheck/link/em_estimator.h"

namespace crosscheck::link {

// SessionCondition: a pattern is in the session when this field is known and its level is
// at most max_level (0 = exact agreement).
struct SessionCondition {
  std::uint32_t field = 0;
  std::uint8_t max_level = 0;
  friend bool operator==(const SessionCondition&, const SessionCondition&) = default;
};

// TrainingSession: the conditions of one blocking rule and the rule's description.
struct TrainingSession {
  std::vector<SessionCondition> conditions;
  std::string description;
  // Fields also left out of the likelihood though not selected on: those that agree together
  // with a conditioned field by construction (a postcode when the session selects on the
  // suburb). Left in, they agree on nearly every pair of the session, matches or not, and EM
  // takes "same place" for "same person".
  std::vector<std::uint32_t> silenced;
};

// SessionSummary: what one session saw and whether its estimates were used.
struct SessionSummary {
  std::string description;
  double pairs = 0.0;
  double match_share = 0.0;
  bool used = false;
};

// SessionFit: m per field and level, and one summary per session.
struct SessionFit {
  std::vector<std::vector<double>> m;
  std::vector<SessionSummary> sessions;
};

// EstimateMBySessions runs one EM per session over the patterns that meet its conditions,
// with the conditioned fields treated as unknown, and averages each field's m over the used
// sessions that did not condition on it, weighted by the matches each saw with the field known. A session is used when it has at least
// kMinSessionPairs pairs and its EM finds at least 50 matches without taking every pair for one. A field
// no used session estimates keeps fallback_m. Deterministic.
inline constexpr double kMinSessionPairs = 200.0;
SessionFit EstimateMBySessions(const std::vector<PatternCount>& patterns,
                               const std::vector<std::size_t>& level_counts,
                               const std::vector<std::vector<double>>& initial_u,
                               const std::vector<TrainingSession>& sessions,
                               const std::vector<std::vector<double>>& fallback_m);

}  // namespace crosscheck::link
