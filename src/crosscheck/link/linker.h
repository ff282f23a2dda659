// LinkEngine: zero-configuration batch entity resolution over a RecordTable. It prepares the
// records, chooses blocking rules, learns a Fellegi–Sunter model without labels (u from
// random pairs, m and the prior by EM over the candidate pairs), scores every candidate pair
// on all cores, and clusters so that weak bridges do not chain (see clustering.h).
//
//   CC_ASSIGN_OR_RETURN(RecordTable table, BuildRecordTable(sources, schema, issues));
//   CC_ASSIGN_OR_RETURN(LinkEngine engine, LinkEngine::Run(table, LinkOptions{}));
//   for (std::size_t idx = 0; idx < table.records.size(); ++idx) Use(engine.cluster_ids()[idx]);
//   PairExplanation why = engine.Explain(left_idx, right_idx);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/link/blocking.h"
#include "crosscheck/link/clustering.h"
#include "crosscheck/link/fellegi_sunter.h"
#include "crosscheck/link/pair_comparator.h"
#include "crosscheck/link/prepared_table.h"
#include "crosscheck/link/record_table.h"
#include "crosscheck/link/source_structure.h"

namespace crosscheck::link {

// LinkOptions tune the engine; the defaults need no tuning.
struct LinkOptions {
  double threshold = 0.5;           // match probability for a pair to link
  unsigned threads = 0;             // 0 = all cores; results do not depend on it
  BlockingOptions blocking;
  std::size_t random_pairs = 200000;  // at most this many random pairs (10 per record) for u
  std::size_t max_em_pairs = 2000000;  // candidate pairs EM trains on (evenly spaced)
  std::uint64_t seed = 0x5eed;
  // Fields (by name) whose "else" level forbids a link: e.g. persona linkage vetoes a link
  // whose names disagree outright, however many identifiers are shared.
  std::vector<std::string> veto_fields;
  float keep_pairs_above = 0.01F;   // scored pairs kept in memory for clustering and output
  bool explain_links = true;        // LinkApplications: attach a waterfall to every linked pair
  // Link sources measured to be free of internal duplicates one-to-one (source_structure.h).
  bool one_to_one_sources = true;
  // Count the agreement of fields that agree together by construction (suburb and postcode)
  // once (field_dependence.h).
  bool correct_dependent_fields = true;
  // After clustering, attach a record left alone to a cluster whose members together agree
  // with it enough (lone_records.h).
  bool attach_lone_records = true;
};

// LinkStats: sizes and timings of a run, for logs and benchmarks.
struct LinkStats {
  std::size_t records = 0;
  std::size_t candidate_pairs = 0;
  std::size_t linked_pairs = 0;     // pairs with probability >= threshold
  std::size_t clusters = 0;         // including singletons
  std::size_t attached_lone_records = 0;  // records attached to a cluster by its members together
  double prepare_seconds = 0, blocking_seconds = 0, training_seconds = 0, scoring_seconds = 0,
         clustering_seconds = 0;
};

// LinkEngine holds a run's prepared records, model, scored pairs and clusters. Movable.
class LinkEngine {
 public:
  // Run trains and links. Errors: kInvalidInput when a veto field is unknown.
  static Result<LinkEngine> Run(const RecordTable& table, const LinkOptions& options);
  // Run on a table the caller no longer needs the records of: the same result, but each
  // record's raw values are freed as soon as it is prepared (peak memory holds the raw and
  // the prepared records only in part). Leaves table.records empty; table.fields and
  // table.sources stay. Record ids are then prepared().id(idx).
  static Result<LinkEngine> Run(RecordTable&& table, const LinkOptions& options);

  // WithModel prepares the records and scores them with an existing model (no training, no
  // blocking): for explaining pairs. Errors: kInvalidInput when the model's fields differ
  // from the table's.
  static Result<LinkEngine> WithModel(const RecordTable& table, LinkModel model,
                                      const LinkOptions& options);

  LinkEngine(LinkEngine&&) noexcept;
  LinkEngine& operator=(LinkEngine&&) noexcept;
  ~LinkEngine();

  const LinkModel& model() const;
  const PreparedTable& prepared() const;
  const MatchScorer& scorer() const;
  // pairs returns scored candidate pairs with probability >= threshold, ordered by (left, right).
  const std::vector<ScoredPair>& pairs() const;
  // cluster_ids returns each record's stable cluster id (canonical record order).
  const std::vector<std::string>& cluster_ids() const;
  // cluster_of returns each record's cluster as the index of its smallest member.
  const std::vector<std::uint32_t>& cluster_of() const;
  const LinkStats& stats() const;
  // source_structure returns which sources were measured duplicate-free (linked one-to-one
  // when LinkOptions::one_to_one_sources). Empty for WithModel engines.
  const SourceStructure& source_structure() const;
  // blocking_rules returns the rules the run used.
  const std::vector<BlockingRule>& blocking_rules() const;

  // FindRecord returns the canonical index of (source, id), or nullopt.
  std::optional<std::size_t> FindRecord(std::string_view source, std::string_view id) const;

  // Explain returns the waterfall of records left and right (canonical indices).
  PairExplanation Explain(std::size_t left, std::size_t right) const;

 private:
  struct State;
  explicit LinkEngine(std::unique_ptr<State> state);
  // RunImpl implements both Runs; `consumed` (== &table or null) is prepared destructively.
  static Result<LinkEngine> RunImpl(const RecordTable& table, RecordTable* consumed,
                                    const LinkOptions& options);
  std::unique_ptr<State> state_;
};

// SampleRandomPairs returns `count` deterministic pseudo-random distinct pairs (left < right)
// of [0, record_count) drawn with replacement from `seed`.
std::vector<std::pair<std::uint32_t, std::uint32_t>> SampleRandomPairs(std::size_t record_count,
                                                                       std::size_t count,
                                                                       std::uint64_t seed);

}  // namespace crosscheck::link
