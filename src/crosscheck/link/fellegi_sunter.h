// The Fellegi–Sunter model (Fellegi & Sunter 1969): for each field and comparison level, m =
// P(level | same entity) and u = P(level | different entities); a pair's match weight is
// log2(λ/(1-λ)) + Σ log2(m/u) over its fields' levels, plus a term-frequency adjustment on
// exact agreements (a shared rare surname says more than a shared "smith"), and its match
// probability is 2^w / (1 + 2^w). MatchScorer scores and explains pairs of prepared records.
//
//   MatchScorer scorer(model, prepared, comparator);
//   double weight = scorer.Score(left_idx, right_idx);
//   PairExplanation why = scorer.Explain(left_idx, right_idx);   // the waterfall
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/link/clustering.h"
#include "crosscheck/link/em_sessions.h"
#include "crosscheck/link/field_dependence.h"
#include "crosscheck/link/pair_comparator.h"
#include "crosscheck/link/prepared_table.h"
#include "crosscheck/link/record_table.h"

namespace crosscheck::link {

// LevelParameters: one comparison level's label, m and u.
struct LevelParameters {
  std::string label;
  double m = 0.5;
  double u = 0.5;
};

// FieldParameters: one field's spec and its levels (strongest first, the last is "else").
struct FieldParameters {
  FieldSpec spec;
  std::vector<LevelParameters> levels;
  // When true, levels from VetoLevel() on forbid a link (LinkOptions::veto_fields), unless
  // (for a partial level) an e-mail or identifier field, or a phone and another such field,
  // agree exactly and no date disagrees outright (MatchScorer).
  bool veto = false;
};

// TermFrequencySummary lists a field's most common values, for people reading model.json.
struct TermFrequencySummary {
  std::string field;
  std::size_t distinct_values = 0;
  std::vector<std::pair<std::string, std::uint32_t>> top_values;  // value, records holding it
};

// LinkModel is what training learned; model.json is its serialized form.
struct LinkModel {
  std::vector<FieldParameters> fields;
  double lambda = 1e-4;  // prior: probability that two random records are the same entity
  double threshold = 0.5;             // match probability a pair needs to link
  std::vector<std::string> blocking_rules;  // human-readable rule descriptions
  std::vector<TermFrequencySummary> term_frequencies;
  std::vector<std::string> inputs;    // the input paths the model was trained on
  std::string id_column;
  std::size_t records = 0;
  std::size_t candidate_pairs = 0;
  std::size_t random_pairs = 0;
  int em_iterations = 0;
  bool em_converged = false;
  std::vector<SessionSummary> training_sessions;  // where m came from (em_sessions.h)
  // Field pairs that agree together by construction, and the weight that undoes the double
  // count when both agree (field_dependence.h).
  std::vector<FieldDependence> dependences;
};

// VetoLevel returns the first level of a veto field that forbids a link: "some tokens
// match" for full names (the other tokens conflict: a relative, not the person), else the
// last ("else") level.
int VetoLevel(FieldType type, std::size_t level_count);

// CheckModelLevels says whether every field of `model` has as many levels as `comparator`
// compares that field on. Errors: kInvalidInput naming the field (a model written by another
// crosscheck version, whose comparators graded a type on other levels: run `link` again).
Status CheckModelLevels(const LinkModel& model, const PairComparator& comparator);

// MatchWeight returns log2(m / u) guarded against zero.
double MatchWeight(double m, double u);

// ProbabilityFromWeight returns 2^w / (1 + 2^w), computed stably.
double ProbabilityFromWeight(double weight);

// WaterfallStep is one field's contribution to a pair's match weight.
struct WaterfallStep {
  std::string field;
  std::string level;        // the level's label, "null" when either side is unknown
  std::string left_value;   // normalized values, "; "-joined
  std::string right_value;
  double m = 0.0;           // 0 for null
  double u = 0.0;
  double weight = 0.0;          // log2(m/u); 0 for null
  double tf_adjustment = 0.0;   // term-frequency adjustment of an exact agreement
};

// PairExplanation is Splink's waterfall: prior weight, then each field's weight and TF
// adjustment; prior_weight + Σ (weight + tf_adjustment) == match_weight.
struct PairExplanation {
  double prior_weight = 0.0;
  std::vector<WaterfallStep> steps;
  double match_weight = 0.0;
  double match_probability = 0.0;
  bool vetoed = false;  // a veto field disagreed: the pair never links, whatever its weight
};

// MatchScorer scores pairs of records of one PreparedTable with one LinkModel (whose fields
// are the table's fields, in order). Thread-safe for concurrent calls while the table is not
// being appended to.
class MatchScorer {
 public:
  MatchScorer(const LinkModel& model, const PreparedTable& table, const PairComparator& comparator);

  // Weight returns the match weight of an already computed comparison vector. *vetoed is set
  // when a veto field is at its "else" level.
  double Weight(const std::uint8_t* levels, const std::uint32_t* exact_values, bool* vetoed) const;

  // Score compares two records and returns their match weight (vetoed pairs: see Probability).
  double Score(std::size_t left, std::size_t right, bool* vetoed) const;

  // LinkProbability returns the match probability, or 0 for a vetoed pair: what clustering uses.
  double LinkProbability(std::size_t left, std::size_t right) const;

  // Explain returns the waterfall of one pair.
  PairExplanation Explain(std::size_t left, std::size_t right) const;

  // TermFrequencyAdjustment returns the TF adjustment of an exact agreement on the value
  // with this id (ValueView::id; 0 = none: 0 bits) in field field_idx: log2(mean frequency /
  // this value's frequency), where the mean is the size-biased mean over the field's values,
  // clamped to [-15, 3] bits.
  double TermFrequencyAdjustment(std::size_t field_idx, std::uint32_t value_id) const;

  const PairComparator& comparator() const { return comparator_; }
  // prior_weight returns log2(λ / (1 - λ)): a match weight below it means the fields' evidence
  // is against a match (Bayes factor below 1).
  double prior_weight() const { return prior_weight_; }

  // Judge returns what clustering needs of a pair: probability and contradiction (and, when
  // weight is not null, the match weight).
  PairJudgement Judge(std::size_t left, std::size_t right, double* weight = nullptr) const;

  // Contradicts tells whether a compared pair is evidence of two entities: its Bayes factor
  // is below 1, or its name is vetoed and it shares no exact e-mail, identifier or phone or its
  // birth dates disagree outright. A vetoed pair that shares one (a maiden name or a nickname
  // with the same e-mail) does not link but does not argue against a merge either.
  bool Contradicts(const std::uint8_t* levels, double weight, bool vetoed) const;

 private:
  const LinkModel& model_;
  const PreparedTable& table_;
  const PairComparator& comparator_;
  double prior_weight_;
  std::vector<std::vector<double>> weights_;  // [field][level]
  std::vector<int> veto_level_;               // per field: the vetoing level, or -1
  // kPersonal: e-mail and identifier fields (one person's); kIdentifying: phones (a
  // household may share one).
  enum class FieldKind : std::uint8_t { kOther, kDate, kIdentifying, kPersonal };
  std::vector<FieldKind> kind_;               // per field
  // Overridden: a partial veto (names share some tokens: a married name, a dropped middle
  // name) is lifted when an e-mail or identifier field agrees exactly, or two identifying
  // fields do, and no date disagrees outright. A relative sharing only the household phone
  // stays vetoed; names sharing no token always do.
  bool Overridden(const std::uint8_t* levels) const;
};

}  // namespace crosscheck::link
