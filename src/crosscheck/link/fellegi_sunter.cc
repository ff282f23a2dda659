#include "crosscheck/link/fellegi_sunter.h"

#include <algorithm>
#include <cmath>

namespace crosscheck::link {
namespace {

constexpr double kMinProbability = 1e-12;
constexpr double kMinTfAdjustment = -15.0;
constexpr double kMaxTfAdjustment = 3.0;

// ComparedPair holds one pair's comparison levels and exact-value hashes: on the stack for up
// to kStackFields fields (pair scoring is the hot loop), on the heap beyond.
class ComparedPair {
 public:
  ComparedPair(const PairComparator& comparator, std::size_t field_count, std::size_t left,
               std::size_t right) {
    if (field_count > kStackFields) {
      levels_heap_.resize(field_count);
      hashes_heap_.resize(field_count);
      levels = levels_heap_.data();
      hashes = hashes_heap_.data();
    }
    comparator.Compare(left, right, levels, hashes);
  }
  ComparedPair(const ComparedPair&) = delete;
  ComparedPair& operator=(const ComparedPair&) = delete;

 private:
  static constexpr std::size_t kStackFields = 64;
  std::uint8_t levels_stack_[kStackFields];
  std::uint32_t hashes_stack_[kStackFields];
  std::vector<std::uint8_t> levels_heap_;
  std::vector<std::uint32_t> hashes_heap_;

 public:
  std::uint8_t* levels = levels_stack_;
  std::uint32_t* hashes = hashes_stack_;
};

}  // namespace

int VetoLevel(FieldType type, std::size_t level_count) {
  // A full name whose tokens conflict ("alice okoro" / "ben okoro": one token shared, one
  // different) names another person of the same family; everything else vetoes only at
  // "else".
  if (type == FieldType::kFullName && level_count >= 4) return 3;
  return static_cast<int>(level_count) - 1;
}

Status CheckModelLevels(const LinkModel& model, const PairComparator& comparator) {
  for (std::size_t field_idx = 0; field_idx < model.fields.size() && field_idx < comparator.field_count(); ++field_idx) {
    if (comparator.level_labels(field_idx).size() != model.fields[field_idx].levels.size()) {
      return InvalidInput("model field '" + model.fields[field_idx].spec.name + "' has " +
                          std::to_string(model.fields[field_idx].levels.size()) + " levels where this version compares " +
                          std::to_string(comparator.level_labels(field_idx).size()) +
                          " (a model written by another crosscheck version: run `crosscheck link` again)");
    }
  }
  return Ok();
}

double MatchWeight(double m, double u) {
  return std::log2(std::max(m, kMinProbability) / std::max(u, kMinProbability));
}

double ProbabilityFromWeight(double weight) {
  if (weight >= 0) return 1.0 / (1.0 + std::exp2(-weight));
  const double odds = std::exp2(weight);
  return odds / (1.0 + odds);
}

MatchScorer::MatchScorer(const LinkModel& model, const PreparedTable& table,
                         const PairComparator& comparator)
    : model_(model), table_(table), comparator_(comparator) {
  const double lambda = std::clamp(model.lambda, kMinProbability, 1.0 - 1e-9);
  prior_weight_ = std::log2(lambda / (1.0 - lambda));
  for (const FieldParameters& field : model.fields) {
    std::vector<double> weights;
    for (const LevelParameters& level : field.levels) weights.push_back(MatchWeight(level.m, level.u));
    weights_.push_back(std::move(weights));
    veto_level_.push_back(field.veto ? VetoLevel(field.spec.type, field.levels.size()) : -1);
    const FieldType type = field.spec.type;
    kind_.push_back(type == FieldType::kDate                                          ? FieldKind::kDate
                    : (type == FieldType::kEmail || type == FieldType::kIdentifier) ? FieldKind::kPersonal
                    : type == FieldType::kPhone                                       ? FieldKind::kIdentifying
                                                                                      : FieldKind::kOther);
  }
}

double MatchScorer::TermFrequencyAdjustment(std::size_t field_idx, std::uint32_t value_id) const {
  if (value_id == 0) return 0.0;
  const PreparedColumn& column = table_.column(field_idx);
  // Splink's term-frequency adjustment (docs/topic_guides/comparisons/term-frequency.md)
  // replaces the exact level's average u by the value's own frequency. Measuring against the
  // mean frequency of the same table keeps the adjustment zero for a typical value whatever
  // how u was estimated.
  const double adjustment = std::log2(column.MeanFrequency() / column.Frequency(value_id));
  return std::clamp(adjustment, kMinTfAdjustment, kMaxTfAdjustment);
}

double MatchScorer::Weight(const std::uint8_t* levels, const std::uint32_t* exact_values,
                           bool* vetoed) const {
  double weight = prior_weight_;
  bool veto = false;
  for (std::size_t field_idx = 0; field_idx < weights_.size(); ++field_idx) {
    const std::uint8_t level = levels[field_idx];
    if (level == kNullLevel) continue;
    weight += weights_[field_idx][level];
    if (level == 0 && exact_values[field_idx] != 0) {
      weight += TermFrequencyAdjustment(field_idx, exact_values[field_idx]);
    }
    if (veto_level_[field_idx] >= 0 && static_cast<int>(level) >= veto_level_[field_idx]) veto = true;
  }
  weight += DependenceCorrection(model_.dependences, levels);
  if (veto && Overridden(levels)) veto = false;
  if (vetoed != nullptr) *vetoed = veto;
  return weight;
}

double MatchScorer::Score(std::size_t left, std::size_t right, bool* vetoed) const {
  ComparedPair pair(comparator_, weights_.size(), left, right);
  return Weight(pair.levels, pair.hashes, vetoed);
}

double MatchScorer::LinkProbability(std::size_t left, std::size_t right) const {
  bool vetoed = false;
  const double weight = Score(left, right, &vetoed);
  return vetoed ? 0.0 : ProbabilityFromWeight(weight);
}

bool MatchScorer::Overridden(const std::uint8_t* levels) const {
  int identifiers = 0;
  bool personal = false;
  for (std::size_t field_idx = 0; field_idx < weights_.size(); ++field_idx) {
    const std::uint8_t level = levels[field_idx];
    if (level == kNullLevel) continue;
    const bool last = level + 1U == weights_[field_idx].size();
    // Only a partial disagreement is forgiven: names that share nothing stay vetoed.
    if (veto_level_[field_idx] >= 0 && last) return false;
    if (kind_[field_idx] == FieldKind::kDate && last) return false;
    if (kind_[field_idx] == FieldKind::kIdentifying && level == 0) ++identifiers;
    if (kind_[field_idx] == FieldKind::kPersonal && level == 0) {
      ++identifiers;
      personal = true;
    }
  }
  return personal || identifiers >= 2;
}

bool MatchScorer::Contradicts(const std::uint8_t* levels, double weight, bool vetoed) const {
  if (!vetoed) return weight < prior_weight_;
  // A vetoed name is not by itself evidence of two people: a heavy applier's maiden name
  // ("chinedu okafor") and nickname ("chinny adeyemi") share no token, yet both records carry
  // the same e-mail or phone. Such a pair does not link (probability 0), but it must not
  // stop the nickname record from joining the cluster its own strong links point to. Vetoed
  // names with no exact e-mail, identifier or phone in common, or with birth dates that
  // disagree outright, do contradict. A relative on the household phone shares the phone but
  // never links (vetoed), so the merge still needs a strong edge of its own.
  bool shared = false;
  for (std::size_t field_idx = 0; field_idx < weights_.size(); ++field_idx) {
    const std::uint8_t level = levels[field_idx];
    if (level == kNullLevel) continue;
    const bool last = level + 1U == weights_[field_idx].size();
    if (kind_[field_idx] == FieldKind::kDate && last) return true;
    if (level == 0 &&
        (kind_[field_idx] == FieldKind::kPersonal || kind_[field_idx] == FieldKind::kIdentifying)) {
      shared = true;
    }
  }
  return !shared;
}

PairJudgement MatchScorer::Judge(std::size_t left, std::size_t right, double* weight_out) const {
  ComparedPair pair(comparator_, weights_.size(), left, right);
  bool vetoed = false;
  const double weight = Weight(pair.levels, pair.hashes, &vetoed);
  if (weight_out != nullptr) *weight_out = weight;
  return {vetoed ? 0.0F : static_cast<float>(ProbabilityFromWeight(weight)),
          Contradicts(pair.levels, weight, vetoed)};
}

PairExplanation MatchScorer::Explain(std::size_t left, std::size_t right) const {
  const std::size_t field_count = weights_.size();
  std::vector<std::uint8_t> levels(field_count);
  std::vector<std::uint32_t> hashes(field_count);
  comparator_.Compare(left, right, levels.data(), hashes.data());
  PairExplanation explanation;
  explanation.prior_weight = prior_weight_;
  double total = prior_weight_;
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    const FieldParameters& field = model_.fields[field_idx];
    WaterfallStep step;
    step.field = field.spec.name;
    auto [left_value, right_value] = comparator_.DescribeValues(field_idx, left, right);
    step.left_value = std::move(left_value);
    step.right_value = std::move(right_value);
    const std::uint8_t level = levels[field_idx];
    if (level == kNullLevel) {
      step.level = "null";
    } else {
      step.level = field.levels[level].label;
      step.m = field.levels[level].m;
      step.u = field.levels[level].u;
      step.weight = weights_[field_idx][level];
      if (level == 0) step.tf_adjustment = TermFrequencyAdjustment(field_idx, hashes[field_idx]);
      if (veto_level_[field_idx] >= 0 && static_cast<int>(level) >= veto_level_[field_idx]) {
        explanation.vetoed = !Overridden(levels.data());
      }
    }
    total += step.weight + step.tf_adjustment;
    explanation.steps.push_back(std::move(step));
  }
  for (const FieldDependence& dependence : model_.dependences) {
    const double correction = DependenceCorrection({dependence}, levels.data());
    if (correction == 0.0) continue;
    WaterfallStep step;
    step.field = model_.fields[dependence.first].spec.name + " & " + model_.fields[dependence.second].spec.name;
    step.level = "both agree: counted once (dependent fields)";
    step.weight = correction;
    total += correction;
    explanation.steps.push_back(std::move(step));
  }
  explanation.match_weight = total;
  explanation.match_probability = ProbabilityFromWeight(total);
  return explanation;
}

}  // namespace crosscheck::link
