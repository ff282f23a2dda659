#include "crosscheck/link/link_index.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace crosscheck::link {

struct LinkIndex::State {
  LinkOptions options;
  std::unique_ptr<LinkModel> model;
  std::vector<BlockingRule> rules;
  std::unique_ptr<PreparedTable> prepared;
  std::unique_ptr<PairComparator> comparator;
  std::unique_ptr<MatchScorer> scorer;
  ClusterSet clusters;
  // Blocking key -> records holding it; a block stops growing past max_block_size + 1 and
  // is then generic: it yields no candidates, as in the batch run.
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> blocks;
  std::vector<std::string> sources;
  std::unordered_map<std::string, std::uint32_t> source_index;
  std::unordered_set<std::string> keys;  // "source\0id" of every record
};

LinkIndex::LinkIndex(std::unique_ptr<State> state) : state_(std::move(state)) {}
LinkIndex::LinkIndex(LinkIndex&&) noexcept = default;
LinkIndex& LinkIndex::operator=(LinkIndex&&) noexcept = default;
LinkIndex::~LinkIndex() = default;

std::size_t LinkIndex::size() const { return state_->prepared->size(); }
const LinkModel& LinkIndex::model() const { return *state_->model; }

PairExplanation LinkIndex::Explain(std::uint32_t left, std::uint32_t right) const {
  return state_->scorer->Explain(left, right);
}

Result<LinkIndex> LinkIndex::Create(LinkModel model, std::vector<BlockingRule> rules,
                                    const LinkOptions& options) {
  for (const BlockingRule& rule : rules) {
    for (const KeyPart& part : rule.parts) {
      if (part.field >= model.fields.size()) return InvalidInput("blocking rule names an unknown field");
    }
  }
  auto state = std::make_unique<State>();
  state->options = options;
  state->model = std::make_unique<LinkModel>(std::move(model));
  // A nearest-neighbour rule ranks a whole block's members against each other, which an index
  // that adds one record at a time cannot do: the index keeps the rules that pair in full.
  std::erase_if(rules, [](const BlockingRule& rule) { return rule.nearest > 0; });
  state->rules = std::move(rules);
  std::vector<FieldSpec> fields;
  for (const FieldParameters& field : state->model->fields) fields.push_back(field.spec);
  state->prepared = std::make_unique<PreparedTable>(fields);
  state->comparator = std::make_unique<PairComparator>(*state->prepared);
  CC_RETURN_IF_ERROR(CheckModelLevels(*state->model, *state->comparator));
  state->scorer = std::make_unique<MatchScorer>(*state->model, *state->prepared, *state->comparator);
  return LinkIndex(std::move(state));
}

Result<LinkIndex> LinkIndex::CreateFromModel(LinkModel model, const LinkOptions& options) {
  std::vector<FieldSpec> fields;
  for (const FieldParameters& field : model.fields) fields.push_back(field.spec);
  std::vector<BlockingRule> rules;
  for (const std::string& description : model.blocking_rules) {
    std::optional<BlockingRule> rule = ParseBlockingRule(description, fields);
    if (!rule) return InvalidInput("cannot parse blocking rule '" + description + "'");
    rules.push_back(std::move(*rule));
  }
  return Create(std::move(model), std::move(rules), options);
}

std::string LinkIndex::cluster_id(std::uint32_t record) const {
  const PreparedTable& prepared = *state_->prepared;
  std::uint32_t smallest = record;
  for (std::uint32_t member : state_->clusters.members(record)) {
    const std::string& member_source = state_->sources[prepared.source(member)];
    const std::string& best_source = state_->sources[prepared.source(smallest)];
    if (member_source < best_source || (member_source == best_source && prepared.id(member) < prepared.id(smallest))) {
      smallest = member;
    }
  }
  return StableClusterId(state_->sources[prepared.source(smallest)], prepared.id(smallest));
}

Result<AddedRecord> LinkIndex::Add(std::string_view source, std::string_view id,
                                   const std::vector<std::string>& values) {
  State& state = *state_;
  std::string key(source);
  key.push_back('\0');
  key.append(id);
  if (state.keys.contains(key)) {
    return InvalidInput("record " + std::string(source) + ":" + std::string(id) + " is already indexed");
  }
  auto [source_it, inserted] = state.source_index.emplace(std::string(source), state.sources.size());
  if (inserted) state.sources.emplace_back(source);
  state.keys.insert(std::move(key));
  const auto record = static_cast<std::uint32_t>(state.prepared->Append(source_it->second, std::string(id), values));
  state.clusters.AddRecord();

  // Candidates: members of the record's blocks under every rule, generic blocks excepted.
  const std::size_t cap = state.options.blocking.max_block_size;
  std::vector<std::uint32_t> candidates;
  std::vector<std::uint64_t> rule_keys;
  for (std::uint32_t rule_idx = 0; rule_idx < state.rules.size(); ++rule_idx) {
    rule_keys.clear();
    ComputeRuleKeys(*state.prepared, state.rules[rule_idx], rule_idx, record, rule_keys);
    for (std::uint64_t block_key : rule_keys) {
      std::vector<std::uint32_t>& members = state.blocks[block_key];
      if (members.size() <= cap) {
        if (members.size() < cap) candidates.insert(candidates.end(), members.begin(), members.end());
        members.push_back(record);
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  // Score, then join clusters from the strongest link down, each join as ClusterSet::TryMerge decides.
  AddedRecord added;
  added.record = record;
  KnownPairs known;
  for (std::uint32_t candidate : candidates) {
    double weight = 0.0;
    const PairJudgement judgement = state.scorer->Judge(candidate, record, &weight);
    known.Add(PairKey(candidate, record), judgement);
    if (judgement.probability >= state.options.threshold) {
      added.links.push_back({candidate, record, static_cast<float>(weight), judgement.probability,
                             judgement.contradicts});
    }
  }
  std::sort(added.links.begin(), added.links.end(), [](const ScoredPair& a, const ScoredPair& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.left < b.left;
  });
  const MatchScorer& scorer = *state.scorer;
  const PairJudge judge = [&scorer](std::uint32_t a, std::uint32_t b) { return scorer.Judge(a, b); };
  for (const ScoredPair& link : added.links) {
    state.clusters.TryMerge(record, link.left, state.options.threshold, judge, &known);
  }
  added.cluster_id = cluster_id(record);
  return added;
}

}  // namespace crosscheck::link
