// ScanTuning: the thresholds and weights a scan decides with, by name, so they can be swept
// (bench/threshold_sweep.sh) and, where a team's data calls for it, set (`scan --tune
// NAME=VALUE`). The defaults are the documented ones (docs/INDICATORS.md, "Tunables"); a run
// that changes any says which in its summary and report.json.
//
//   ScanTuning tuning;
//   CC_RETURN_IF_ERROR(ApplyTuning("photo_max_hamming=4", tuning));
//   input.tuning = tuning;
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/graph/communities.h"
#include "crosscheck/graph/evidence_edge.h"
#include "crosscheck/graph/identity_split.h"
#include "crosscheck/score/risk_scorer.h"

namespace crosscheck::pipeline {

struct ScanTuning {
  graph::EvidenceOptions evidence;          // artifact collection and explain-away
  graph::CommunityOptions communities;      // networks from the evidence graph
  graph::IdentitySplitOptions identity_split;  // an identity's owner apart from its thief
  score::ScoreOptions score;                // indicator weights' thresholds and levels
};

// Tunable is one named numeric setting of ScanTuning.
struct Tunable {
  std::string_view name;     // the option's field name, e.g. "photo_max_hamming"
  std::string_view meaning;  // one line
  double min = 0;            // accepted range, inclusive
  double max = 0;
  bool integral = false;     // whole numbers only
  double (*get)(const ScanTuning&) = nullptr;
  void (*set)(ScanTuning&, double) = nullptr;
};

// Tunables lists every setting ApplyTuning accepts, in pipeline order.
std::span<const Tunable> Tunables();

// ApplyTuning sets one "name=value" in `tuning`. Errors: kInvalidInput naming what is wrong (no
// '=', an unknown name — the message lists the known ones —, a value that is not a number, not
// whole where it must be, or outside the setting's range).
Status ApplyTuning(std::string_view assignment, ScanTuning& tuning);

// ValidateTuning checks what one setting alone cannot: the levels' posteriors rise from medium
// to critical, an untied part's tie is below a ring part's, and the inheritance ties are
// ordered. Errors: kInvalidInput naming the settings.
Status ValidateTuning(const ScanTuning& tuning);

// ChangedTunings lists "name=value" for each setting of `tuning` that differs from the default.
std::vector<std::string> ChangedTunings(const ScanTuning& tuning);

}  // namespace crosscheck::pipeline
