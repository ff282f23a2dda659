#include "crosscheck/link/linker.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <map>
#include <unordered_map>

#include "crosscheck/common/strings.h"
#include "crosscheck/link/em_estimator.h"
#include "crosscheck/link/em_sessions.h"
#include "crosscheck/link/internal/parallel.h"
#include "crosscheck/link/internal/radix_sort.h"
#include "crosscheck/link/lone_records.h"
#include "crosscheck/link/match_count_check.h"

namespace crosscheck::link {
namespace {

constexpr std::size_t kChunkPairs = 16384;
// Pair loops prefetch the records of the pair this many steps ahead.
constexpr std::size_t kPrefetchAhead = 4;
// The least m of a field's "else" level (see training).
constexpr double kMinElseM = 0.003;

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::uint64_t SplitMix(std::uint64_t& state) {
  std::uint64_t value = (state += 0x9e3779b97f4a7c15ULL);
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

// ComparePairs fills field_count levels per pair, in parallel, in pair order.
std::vector<std::uint8_t> ComparePairs(const PairComparator& comparator,
                                       const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs,
                                       unsigned threads) {
  const std::size_t field_count = comparator.field_count();
  std::vector<std::uint8_t> levels(pairs.size() * field_count);
  internal::RunChunks(pairs.size(), kChunkPairs, threads,
                      [&](std::size_t, std::size_t begin, std::size_t end) {
                        std::vector<std::uint32_t> hashes(field_count);
                        for (std::size_t pair_idx = begin; pair_idx < end; ++pair_idx) {
                          if (pair_idx + kPrefetchAhead < end) {
                            comparator.Prefetch(pairs[pair_idx + kPrefetchAhead].first,
                                                pairs[pair_idx + kPrefetchAhead].second);
                          }
                          comparator.Compare(pairs[pair_idx].first, pairs[pair_idx].second,
                                             &levels[pair_idx * field_count], hashes.data());
                        }
                      });
  return levels;
}

// ExactValue recovers the id of the value two records share in a field at level 0.
std::uint32_t ExactValue(const PreparedColumn& column, std::size_t left, std::size_t right) {
  const std::size_t left_count = column.value_count(left);
  if (left_count == 1 && column.value_count(right) == 1) return column.value(left, 0).id;
  for (std::size_t left_value = 0; left_value < left_count; ++left_value) {
    const std::uint32_t id = column.value(left, left_value).id;
    for (std::size_t right_value = 0; right_value < column.value_count(right); ++right_value) {
      if (column.value(right, right_value).id == id) return id;
    }
  }
  return 0;
}

// SessionsFromRules turns each blocking rule into the training session of the pairs that
// agree on its fields: exact agreement for an exact key, any level but "else" for the
// fuzzy keys (a shared phonetic code, year or street token). Rules with the same conditions
// make one session.
std::vector<TrainingSession> SessionsFromRules(const std::vector<BlockingRule>& rules,
                                               const PreparedTable& prepared,
                                               const std::vector<std::size_t>& level_counts) {
  std::vector<TrainingSession> sessions;
  for (const BlockingRule& rule : rules) {
    TrainingSession session;
    session.description = rule.Describe(prepared);
    for (const KeyPart& part : rule.parts) {
      const auto max_level = static_cast<std::uint8_t>(
          part.kind == KeyKind::kExact ? 0 : std::max<std::size_t>(level_counts[part.field], 2) - 2);
      auto same_field = std::find_if(session.conditions.begin(), session.conditions.end(),
                                     [&](const SessionCondition& c) { return c.field == part.field; });
      if (same_field == session.conditions.end()) {
        session.conditions.push_back({part.field, max_level});
      } else {
        same_field->max_level = std::min(same_field->max_level, max_level);
      }
    }
    std::sort(session.conditions.begin(), session.conditions.end(),
              [](const SessionCondition& a, const SessionCondition& b) { return a.field < b.field; });
    const bool seen = std::any_of(sessions.begin(), sessions.end(), [&](const TrainingSession& other) {
      return other.conditions == session.conditions;
    });
    if (!seen) sessions.push_back(std::move(session));
  }
  return sessions;
}

// SilenceDependentFields leaves each session's fields that agree together with one it selects
// on out of its likelihood too (TrainingSession::silenced).
void SilenceDependentFields(const std::vector<FieldDependence>& dependences, std::vector<TrainingSession>& sessions) {
  for (TrainingSession& session : sessions) {
    for (const SessionCondition& condition : session.conditions) {
      for (const FieldDependence& dependence : dependences) {
        if (dependence.first != condition.field && dependence.second != condition.field) continue;
        const std::uint32_t partner = dependence.first == condition.field ? dependence.second : dependence.first;
        const bool selected = std::any_of(session.conditions.begin(), session.conditions.end(),
                                          [&](const SessionCondition& c) { return c.field == partner; });
        if (!selected && std::find(session.silenced.begin(), session.silenced.end(), partner) == session.silenced.end()) {
          session.silenced.push_back(partner);
        }
      }
    }
  }
}

}  // namespace

struct LinkEngine::State {
  LinkOptions options;
  std::unique_ptr<PreparedTable> prepared;
  std::unique_ptr<PairComparator> comparator;
  std::unique_ptr<LinkModel> model;
  std::unique_ptr<MatchScorer> scorer;
  std::vector<BlockingRule> rules;
  std::vector<ScoredPair> pairs;
  std::vector<std::uint32_t> cluster_of;
  std::vector<std::string> cluster_ids;
  std::vector<std::string> sources;
  SourceStructure structure;
  LinkStats stats;
};

LinkEngine::LinkEngine(std::unique_ptr<State> state) : state_(std::move(state)) {}
LinkEngine::LinkEngine(LinkEngine&&) noexcept = default;
LinkEngine& LinkEngine::operator=(LinkEngine&&) noexcept = default;
LinkEngine::~LinkEngine() = default;

const LinkModel& LinkEngine::model() const { return *state_->model; }
const PreparedTable& LinkEngine::prepared() const { return *state_->prepared; }
const MatchScorer& LinkEngine::scorer() const { return *state_->scorer; }
const std::vector<ScoredPair>& LinkEngine::pairs() const { return state_->pairs; }
const std::vector<std::string>& LinkEngine::cluster_ids() const { return state_->cluster_ids; }
const std::vector<std::uint32_t>& LinkEngine::cluster_of() const { return state_->cluster_of; }
const LinkStats& LinkEngine::stats() const { return state_->stats; }
const std::vector<BlockingRule>& LinkEngine::blocking_rules() const { return state_->rules; }
const SourceStructure& LinkEngine::source_structure() const { return state_->structure; }

std::optional<std::size_t> LinkEngine::FindRecord(std::string_view source, std::string_view id) const {
  const auto source_it = std::find(state_->sources.begin(), state_->sources.end(), source);
  if (source_it == state_->sources.end()) return std::nullopt;
  const auto source_idx = static_cast<std::uint32_t>(source_it - state_->sources.begin());
  const PreparedTable& prepared = *state_->prepared;
  // Records are sorted by (source, id): binary search.
  std::size_t low = 0;
  std::size_t high = prepared.size();
  while (low < high) {
    const std::size_t mid = (low + high) / 2;
    const bool less = prepared.source(mid) != source_idx ? prepared.source(mid) < source_idx
                                                         : prepared.id(mid) < id;
    if (less) low = mid + 1; else high = mid;
  }
  if (low < prepared.size() && prepared.source(low) == source_idx && prepared.id(low) == id) return low;
  return std::nullopt;
}

PairExplanation LinkEngine::Explain(std::size_t left, std::size_t right) const {
  return state_->scorer->Explain(left, right);
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> SampleRandomPairs(std::size_t record_count,
                                                                       std::size_t count,
                                                                       std::uint64_t seed) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  if (record_count < 2) return pairs;
  pairs.reserve(count);
  std::uint64_t state = seed;
  while (pairs.size() < count) {
    const auto a = static_cast<std::uint32_t>(SplitMix(state) % record_count);
    const auto b = static_cast<std::uint32_t>(SplitMix(state) % record_count);
    if (a == b) continue;
    pairs.emplace_back(std::min(a, b), std::max(a, b));
  }
  return pairs;
}

Result<LinkEngine> LinkEngine::WithModel(const RecordTable& table, LinkModel model,
                                         const LinkOptions& options) {
  if (model.fields.size() != table.fields.size()) {
    return InvalidInput("the model has " + std::to_string(model.fields.size()) +
                        " fields but the input has " + std::to_string(table.fields.size()));
  }
  for (std::size_t field_idx = 0; field_idx < table.fields.size(); ++field_idx) {
    if (ToLowerAscii(model.fields[field_idx].spec.name) != ToLowerAscii(table.fields[field_idx].name)) {
      return InvalidInput("model field '" + model.fields[field_idx].spec.name +
                          "' does not match input column '" + table.fields[field_idx].name + "'");
    }
  }
  auto state = std::make_unique<State>();
  state->options = options;
  state->sources = table.sources;
  state->prepared = std::make_unique<PreparedTable>(PreparedTable::FromRecords(table, options.threads));
  state->comparator = std::make_unique<PairComparator>(*state->prepared);
  CC_RETURN_IF_ERROR(CheckModelLevels(model, *state->comparator));
  state->model = std::make_unique<LinkModel>(std::move(model));
  state->scorer = std::make_unique<MatchScorer>(*state->model, *state->prepared, *state->comparator);
  state->stats.records = table.records.size();
  return LinkEngine(std::move(state));
}

Result<LinkEngine> LinkEngine::Run(const RecordTable& table, const LinkOptions& options) {
  return RunImpl(table, nullptr, options);
}

Result<LinkEngine> LinkEngine::Run(RecordTable&& table, const LinkOptions& options) {
  return RunImpl(table, &table, options);
}

Result<LinkEngine> LinkEngine::RunImpl(const RecordTable& table, RecordTable* consumed,
                                       const LinkOptions& options) {
  auto state = std::make_unique<State>();
  state->options = options;
  state->sources = table.sources;
  LinkStats& stats = state->stats;
  const unsigned threads = internal::ResolveThreads(options.threads);
  const std::size_t record_count = table.records.size();
  stats.records = record_count;

  auto start = std::chrono::steady_clock::now();
  state->prepared = std::make_unique<PreparedTable>(
      consumed != nullptr ? PreparedTable::FromRecords(std::move(*consumed), threads)
                          : PreparedTable::FromRecords(table, threads));
  state->comparator = std::make_unique<PairComparator>(*state->prepared);
  const PreparedTable& prepared = *state->prepared;
  const PairComparator& comparator = *state->comparator;
  const std::size_t field_count = comparator.field_count();
  stats.prepare_seconds = SecondsSince(start);

  // Model skeleton: fields, levels, veto flags.
  auto model = std::make_unique<LinkModel>();
  model->threshold = options.threshold;
  model->records = record_count;
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    FieldParameters field;
    field.spec = table.fields[field_idx];
    for (const std::string& label : comparator.level_labels(field_idx)) field.levels.push_back({label, 0.5, 0.5});
    model->fields.push_back(std::move(field));
  }
  for (const std::string& veto : options.veto_fields) {
    bool found = false;
    for (FieldParameters& field : model->fields) {
      if (ToLowerAscii(field.spec.name) == ToLowerAscii(veto)) field.veto = found = true;
    }
    if (!found) return InvalidInput("veto field '" + veto + "' is not a field of the input");
  }

  // Blocking.
  start = std::chrono::steady_clock::now();
  state->rules = ChooseBlockingRules(prepared, options.blocking);
  CandidatePairs candidates = GenerateCandidatePairs(prepared, state->rules, options.blocking, threads);
  for (const BlockingRule& rule : state->rules) model->blocking_rules.push_back(rule.Describe(prepared));
  stats.candidate_pairs = candidates.pairs.size();
  model->candidate_pairs = candidates.pairs.size();
  stats.blocking_seconds = SecondsSince(start);

  // Training. u: level frequencies over random pairs; EM over the candidate pairs' patterns.
  start = std::chrono::steady_clock::now();
  const double total_pairs = static_cast<double>(record_count) * static_cast<double>(record_count - (record_count > 0)) / 2.0;
  // u needs enough random pairs to see rare agreements, but not more than ~10 per record.
  const double wanted_random = std::min<double>(static_cast<double>(options.random_pairs),
                                                std::max(50000.0, 10.0 * static_cast<double>(record_count)));
  const std::size_t random_count =
      record_count < 2 ? 0 : static_cast<std::size_t>(std::min<double>(wanted_random, total_pairs));
  const auto random_pairs = SampleRandomPairs(record_count, random_count, options.seed);
  const std::vector<std::uint8_t> random_levels = ComparePairs(comparator, random_pairs, threads);
  const std::vector<PatternCount> random_patterns = CountPatterns(random_levels, field_count);
  std::vector<std::size_t> level_counts(field_count);
  std::vector<std::vector<double>> random_u(field_count);
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    level_counts[field_idx] = comparator.level_labels(field_idx).size();
    random_u[field_idx].assign(level_counts[field_idx], 0.5);
  }
  for (const PatternCount& pattern : random_patterns) {
    for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
      if (pattern.levels[field_idx] != kNullLevel) random_u[field_idx][pattern.levels[field_idx]] += pattern.count;
    }
  }
  for (auto& u : random_u) {
    double sum = 0.0;
    for (double count : u) sum += count;
    for (double& value : u) value /= sum;
  }
  std::vector<std::uint8_t> candidate_levels = ComparePairs(comparator, candidates.pairs, threads);
  std::vector<PatternCount> patterns;
  if (candidates.pairs.size() <= options.max_em_pairs) {
    patterns = CountPatterns(candidate_levels, field_count);
  } else {
    // EM trains on evenly spaced candidate pairs; their levels are already computed.
    std::vector<std::uint8_t> sampled;
    sampled.reserve(options.max_em_pairs * field_count);
    const double step = static_cast<double>(candidates.pairs.size()) / static_cast<double>(options.max_em_pairs);
    for (std::size_t idx = 0; idx < options.max_em_pairs; ++idx) {
      const auto pair_idx = static_cast<std::size_t>(static_cast<double>(idx) * step);
      sampled.insert(sampled.end(), candidate_levels.begin() + static_cast<std::ptrdiff_t>(pair_idx * field_count),
                     candidate_levels.begin() + static_cast<std::ptrdiff_t>((pair_idx + 1) * field_count));
    }
    patterns = CountPatterns(sampled, field_count);
  }
  // m: one EM over all candidate pairs, then per-rule sessions (em_sessions.h) for every
  // field some session estimates; the share of matches: EM again with that m held fixed.
  const EmResult joint_fit = EstimateMixture(patterns, level_counts, random_u, EmOptions{});
  std::vector<TrainingSession> sessions = SessionsFromRules(state->rules, prepared, level_counts);
  // Fields that agree together among random pairs (a suburb and its postcode), before EM: every
  // random pair counts as a non-match here, as nearly every one is.
  SilenceDependentFields(EstimateFieldDependences(random_patterns, std::vector<double>(random_patterns.size(), 1.0),
                                                  level_counts),
                         sessions);
  const SessionFit session_fit = EstimateMBySessions(patterns, level_counts, random_u, sessions, joint_fit.m);
  model->training_sessions = session_fit.sessions;
  EmOptions share_options;
  share_options.initial_m = session_fit.m;
  share_options.update_m = false;
  const EmResult fit = EstimateMixture(patterns, level_counts, random_u, share_options);
  model->em_iterations = joint_fit.iterations;
  model->em_converged = joint_fit.converged;
  // EM's share of matches, unless the pairs that agree on every field say there are fewer
  // (match_count_check.h).
  const double matches = std::min(fit.match_share, MatchShareImpliedByFullAgreement(patterns, fit.m)) *
                         static_cast<double>(candidates.pairs.size());
  const double lambda = total_pairs > 0 ? std::clamp(matches / total_pairs, 1e-12, 0.5) : 0.5;
  model->lambda = lambda;
  // u for scoring: the random pairs' level frequencies with the few true matches among them
  // weighed out by their posterior under the fitted m and the global prior (non-match u).
  std::vector<std::vector<double>> final_u(field_count);
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    final_u[field_idx].assign(level_counts[field_idx], 0.5 / static_cast<double>(level_counts[field_idx]));
  }
  std::vector<double> random_non_match;
  random_non_match.reserve(random_patterns.size());
  for (const PatternCount& pattern : random_patterns) {
    const double non_match = 1.0 - MatchPosterior(pattern.levels.data(), fit.m, random_u, lambda);
    random_non_match.push_back(non_match);
    for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
      if (pattern.levels[field_idx] != kNullLevel) {
        final_u[field_idx][pattern.levels[field_idx]] += non_match * pattern.count;
      }
    }
  }
  if (options.correct_dependent_fields) {
    model->dependences = EstimateFieldDependences(random_patterns, random_non_match, level_counts);
  }
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    double sum = 0.0;
    for (double count : final_u[field_idx]) sum += count;
    // A real entity's field disagrees outright now and then (a move, a new number, a
    // keying error). On candidate pairs where that is rare EM learns m ≈ 0 for "else", and
    // one disagreement (three, for street, city and postal code of one move) would then
    // outweigh every agreement. The floor bounds a disagreement's weight to about -8 bits.
    std::vector<double> m = fit.m[field_idx];
    const std::size_t last = level_counts[field_idx] - 1;
    const auto u_of = [&](std::size_t level) { return final_u[field_idx][level] / sum; };
    if (m[last] < kMinElseM) {
      const double scale = (1.0 - kMinElseM) / (1.0 - m[last]);
      for (std::size_t level = 0; level < last; ++level) m[level] *= scale;
      m[last] = kMinElseM;
    }
    // A partial agreement (a one-digit date typo, a near street) is never stronger evidence
    // against a match than outright disagreement, even when training saw none among matches.
    const double else_ratio = m[last] / u_of(last);
    double m_total = 0.0;
    for (std::size_t level = 0; level < last; ++level) {
      m[level] = std::max(m[level], u_of(level) * else_ratio);
      m_total += m[level];
    }
    m_total += m[last];
    for (double& value : m) value /= m_total;
    for (std::size_t level = 0; level < level_counts[field_idx]; ++level) {
      model->fields[field_idx].levels[level].m = m[level];
      model->fields[field_idx].levels[level].u = u_of(level);
    }
  }
  model->random_pairs = random_pairs.size();
  // TopValues scans every record of a column: one column per thread.
  std::vector<std::vector<std::pair<std::string, std::uint32_t>>> top_values(field_count);
  internal::RunTasks(field_count, threads,
                     [&](std::size_t field_idx) { top_values[field_idx] = prepared.column(field_idx).TopValues(10); });
  for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
    const PreparedColumn& column = prepared.column(field_idx);
    model->term_frequencies.push_back({column.spec().name, column.distinct_values(), std::move(top_values[field_idx])});
  }
  state->model = std::move(model);
  state->scorer = std::make_unique<MatchScorer>(*state->model, prepared, comparator);
  const MatchScorer& scorer = *state->scorer;
  stats.training_seconds = SecondsSince(start);

  // Scoring: weights from the stored levels plus TF adjustments; keep pairs worth keeping.
  // An exact agreement's TF adjustment depends only on the shared value, so for single-valued
  // cells it is looked up once per record instead of once per pair.
  start = std::chrono::steady_clock::now();
  std::vector<std::vector<float>> record_tf(field_count);
  internal::RunTasks(field_count, threads, [&](std::size_t field_idx) {
    const PreparedColumn& column = prepared.column(field_idx);
    record_tf[field_idx].assign(record_count, 0.0F);
    for (std::size_t record = 0; record < record_count; ++record) {
      if (column.value_count(record) == 1) {
        record_tf[field_idx][record] =
            static_cast<float>(scorer.TermFrequencyAdjustment(field_idx, column.value(record, 0).id));
      }
    }
  });
  const std::size_t chunk_count = (candidates.pairs.size() + kChunkPairs - 1) / kChunkPairs;
  std::vector<std::vector<ScoredPair>> kept(chunk_count);
  internal::RunChunks(candidates.pairs.size(), kChunkPairs, threads,
                      [&](std::size_t chunk_idx, std::size_t begin, std::size_t end) {
    std::vector<std::uint32_t> hashes(field_count, 0);
    for (std::size_t pair_idx = begin; pair_idx < end; ++pair_idx) {
      const auto [left, right] = candidates.pairs[pair_idx];
      const std::uint8_t* levels = &candidate_levels[pair_idx * field_count];
      // Weight without TF (hashes all 0), then the TF terms of exact agreements.
      bool vetoed = false;
      double weight = scorer.Weight(levels, hashes.data(), &vetoed);
      for (std::size_t field_idx = 0; field_idx < field_count; ++field_idx) {
        if (levels[field_idx] != 0) continue;
        const PreparedColumn& column = prepared.column(field_idx);
        if (column.value_count(left) == 1 && column.value_count(right) == 1) {
          weight += record_tf[field_idx][left];
        } else {
          weight += scorer.TermFrequencyAdjustment(field_idx, ExactValue(column, left, right));
        }
      }
      const double probability = vetoed ? 0.0 : ProbabilityFromWeight(weight);
      if (probability >= options.keep_pairs_above) {
        kept[chunk_idx].push_back({left, right, static_cast<float>(weight), static_cast<float>(probability),
                                   scorer.Contradicts(levels, weight, vetoed)});
      }
    }
  });
  std::vector<ScoredPair> scored;
  std::size_t kept_count = 0;
  for (const auto& chunk : kept) kept_count += chunk.size();
  scored.reserve(kept_count);  // sized once: growing it copied millions of pairs into fresh pages
  for (auto& chunk : kept) {
    scored.insert(scored.end(), chunk.begin(), chunk.end());
    std::vector<ScoredPair>().swap(chunk);
  }
  stats.scoring_seconds = SecondsSince(start);
  // Scored, the candidates' levels are read no more, and the candidates only by
  // AttachLoneRecords: freed here, they are not held beside clustering's tables (issue 19:
  // the 541k-application scan's peak RSS fell 0.2 GB).
  std::vector<std::uint8_t>().swap(candidate_levels);
  if (!options.attach_lone_records) std::vector<std::pair<std::uint32_t, std::uint32_t>>().swap(candidates.pairs);

  // Clustering.
  start = std::chrono::steady_clock::now();
  ClusterSet clusters(record_count);
  state->structure = MeasureSourceStructure(prepared, scored, table.sources.size(), options.threshold);
  if (options.one_to_one_sources) clusters.SetExclusiveSources(prepared.sources(), state->structure.exclusive_mask);
  const PairJudge judge = [&scorer](std::uint32_t a, std::uint32_t b) { return scorer.Judge(a, b); };
  ClusterEdges(scored, options.threshold, judge, clusters);
  if (options.attach_lone_records) {
    stats.attached_lone_records = AttachLoneRecords(candidates.pairs, scorer, options.threshold, threads, clusters);
  }
  state->cluster_of.resize(record_count);
  state->cluster_ids.resize(record_count);
  std::size_t cluster_count = 0;
  for (std::uint32_t record = 0; record < record_count; ++record) {
    const std::uint32_t cluster = clusters.cluster_of(record);
    state->cluster_of[record] = cluster;
    if (cluster == record) ++cluster_count;
  }
  // The smallest member in canonical order is the smallest (source, id). Cluster ids are
  // hashed for the clusters' first members, then copied to the others (in parallel: each
  // pass writes only its own records).
  internal::RunChunks(record_count, 1 << 16, threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t record = begin; record < end; ++record) {
      if (state->cluster_of[record] == record) {
        state->cluster_ids[record] = StableClusterId(table.sources[prepared.source(record)], prepared.id(record));
      }
    }
  });
  internal::RunChunks(record_count, 1 << 16, threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t record = begin; record < end; ++record) {
      const std::uint32_t cluster = state->cluster_of[record];
      if (cluster != record) state->cluster_ids[record] = state->cluster_ids[cluster];
    }
  });
  stats.clusters = cluster_count;
  std::erase_if(scored, [&](const ScoredPair& pair) { return pair.probability < options.threshold; });
  const int index_bits = std::bit_width(record_count);
  internal::RadixSortByKey(scored, [index_bits](const ScoredPair& pair) {
    return (static_cast<std::uint64_t>(pair.left) << index_bits) | pair.right;
  });
  stats.linked_pairs = scored.size();
  state->pairs = std::move(scored);
  stats.clustering_seconds = SecondsSince(start);
  return LinkEngine(std::move(state));
}

}  // namespace crosscheck::link
