// `crosscheck link`: zero-configuration entity resolution over arbitrary CSV files.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/cli/commands/link_inputs.h"
#include "crosscheck/common/csv_writer.h"
#include "crosscheck/evaluate/pairwise_metrics.h"
#include "crosscheck/link/blocking_misses.h"
#include "crosscheck/link/linker.h"
#include "crosscheck/link/model_io.h"
#include "crosscheck/link/source_alignment.h"

namespace crosscheck::cli {
namespace {

struct LinkFlags {
  std::vector<std::string> inputs;
  std::string id_column;
  std::vector<std::string> fields;
  std::vector<std::string> ignore;
  double threshold = 0.5;
  unsigned threads = 0;
  std::string out;
  std::string truth;
  double min_f1 = 0;  // with --truth: exit kBelowFloorExit when the F1 is lower
  double min_pairs_completeness = 0;  // with --truth: the same for blocking's pairs completeness
  std::size_t missed_pairs = 0;  // with --truth: print the causes of missed true pairs and this many
};

// kBelowFloorExit is link's exit code when a floor (--min-f1, --min-pairs-completeness) is not
// met (as evaluate's floors).
constexpr int kBelowFloorExit = 3;

std::string FormatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.6g", value);
  return buffer;
}

// AppendRow appends one CSV row, as CsvWriter::WriteRow writes it, to out.
void AppendRow(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) out.push_back(',');
    first = false;
    CsvWriter::AppendField(out, field);
  }
  out.push_back('\n');
}

// WriteRowsInParallel writes rows [0, count), each formatted by format(row, out), in order.
// Rows are formatted on `threads` threads (0 = all cores) in batches, so only one batch of
// text is held at once: at 10M records the files are ~1 GB, and number formatting is most
// of their cost.
template <class Format>
void WriteRowsInParallel(CsvWriter& writer, std::size_t count, unsigned threads, const Format& format) {
  constexpr std::size_t kChunkRows = std::size_t{1} << 15;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t batch_chunks = 4 * static_cast<std::size_t>(threads);
  std::vector<std::string> texts(batch_chunks);
  for (std::size_t batch_begin = 0; batch_begin < count; batch_begin += batch_chunks * kChunkRows) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t chunk = next++; chunk < batch_chunks; chunk = next++) {
        texts[chunk].clear();
        const std::size_t begin = std::min(count, batch_begin + chunk * kChunkRows);
        const std::size_t end = std::min(count, begin + kChunkRows);
        for (std::size_t row = begin; row < end; ++row) format(row, texts[chunk]);
      }
    };
    std::vector<std::thread> workers;
    for (unsigned worker = 1; worker < threads; ++worker) workers.emplace_back(work);
    work();
    for (std::thread& worker : workers) worker.join();
    for (const std::string& text : texts) writer.WriteText(text);
  }
}

// PairsCompleteness returns the share of true pairs that blocking made candidates.
double PairsCompleteness(const link::CandidatePairs& candidates, const std::vector<std::string>& truth_labels,
                         std::uint64_t true_pairs) {
  if (true_pairs == 0) return 1.0;
  std::uint64_t found = 0;
  for (const auto& [left, right] : candidates.pairs) {
    found += !truth_labels[left].empty() && truth_labels[left] == truth_labels[right];
  }
  return static_cast<double>(found) / static_cast<double>(true_pairs);
}

// TruthScore is what --truth measures: the clusters' pairwise F1 and blocking's pairs
// completeness.
struct TruthScore {
  double f1 = 0.0;
  double pairs_completeness = 0.0;
};

// DescribeRecord renders a record as "source:id {field=value; ...}" (normalized values).
std::string DescribeRecord(const link::PreparedTable& table, const std::vector<std::string>& sources,
                           std::uint32_t record_idx) {
  std::string out = sources[table.source(record_idx)] + ":" + table.id(record_idx) + " {";
  for (std::size_t field_idx = 0; field_idx < table.field_count(); ++field_idx) {
    const link::PreparedColumn& column = table.column(field_idx);
    out += (field_idx == 0 ? "" : "; ") + column.spec().name + "=";
    for (std::size_t value_idx = 0; value_idx < column.value_count(record_idx); ++value_idx) {
      out += (value_idx == 0 ? "" : "|") + std::string(column.value(record_idx, value_idx).text);
    }
  }
  return out + "}";
}

// PrintBlockingMisses prints to stderr how many true pairs blocking missed by cause (and, for
// pairs sharing only over-cap blocks, by rule), then `sample` of them evenly spaced.
void PrintBlockingMisses(const link::LinkEngine& engine, const link::CandidatePairs& candidates,
                         const std::vector<std::string>& truth_labels, const std::vector<std::string>& sources,
                         std::size_t sample) {
  const link::PreparedTable& table = engine.prepared();
  const std::vector<link::BlockingMiss> misses =
      link::FindBlockingMisses(table, engine.blocking_rules(), candidates, truth_labels);
  std::size_t no_key = 0;
  std::map<std::size_t, std::size_t> over_cap_by_rule;
  for (const link::BlockingMiss& miss : misses) {
    if (miss.cause == link::MissCause::kNoSharedKey) ++no_key;
    else ++over_cap_by_rule[miss.rule];
  }
  std::string over_cap;
  for (const auto& [rule_idx, count] : over_cap_by_rule) {
    over_cap += (over_cap.empty() ? "" : ", ") + engine.blocking_rules()[rule_idx].Describe(table) + ": " +
                std::to_string(count);
  }
  std::fprintf(stderr, "crosscheck link: blocking missed %zu true pairs: %zu share no key, %zu only over-cap blocks (%s)\n",
               misses.size(), no_key, misses.size() - no_key, over_cap.c_str());
  const std::size_t shown = std::min(sample, misses.size());
  for (std::size_t shown_idx = 0; shown_idx < shown; ++shown_idx) {
    const link::BlockingMiss& miss = misses[shown_idx * misses.size() / shown];
    const std::string cause = miss.cause == link::MissCause::kNoSharedKey
                                  ? "no shared key"
                                  : "over-cap block of " + std::to_string(miss.block_size);
    std::fprintf(stderr, "missed (%s): %s  ~  %s\n", cause.c_str(), DescribeRecord(table, sources, miss.left).c_str(),
                 DescribeRecord(table, sources, miss.right).c_str());
  }
}

// PrintTruthScore prints the pairwise precision, recall and F1 of the clusters against a truth
// CSV (source,rec_id,entity_id; source = the input's base name) and blocking's pairs
// completeness. A record the truth does not list counts as an entity of its own and is counted
// in the message.
Result<TruthScore> PrintTruthScore(const std::string& path, const link::LinkEngine& engine,
                       const std::vector<std::string>& sources, std::size_t missed_sample, IssueLog& issues) {
  Result<ingest::CsvTable> truth = ingest::ReadCsvTable(path, ingest::CsvOptions{}, issues);
  if (!truth) return std::unexpected(std::move(truth).error().AddContext("reading " + path));
  if (truth->header.size() < 3) return InvalidInput(path + ": expected columns source,rec_id,entity_id");
  std::unordered_map<std::string, std::string> entity_of;
  for (const std::vector<std::string>& row : truth->rows) {
    if (row.size() >= 3) entity_of[row[0] + '\0' + row[1]] = row[2];
  }
  const link::PreparedTable& prepared = engine.prepared();
  std::vector<std::string> truth_labels(prepared.size());
  std::size_t unlisted = 0;
  for (std::size_t record = 0; record < prepared.size(); ++record) {
    auto it = entity_of.find(sources[prepared.source(record)] + '\0' + std::string(prepared.id(record)));
    if (it == entity_of.end()) ++unlisted;
    else truth_labels[record] = it->second;
  }
  const evaluate::PairCounts counts = evaluate::CountPairs(engine.cluster_ids(), truth_labels);
  // The engine keeps only linked pairs, so the candidates are generated again by its rules.
  const link::CandidatePairs candidates =
      link::GenerateCandidatePairs(prepared, engine.blocking_rules(), link::BlockingOptions{}, 0);
  const TruthScore score{counts.f1(), PairsCompleteness(candidates, truth_labels, counts.true_pairs)};
  std::printf("pairwise precision %.4f recall %.4f F1 %.4f (%zu records, %zu not in the truth file); "
              "blocking pairs completeness %.4f\n",
              counts.precision(), counts.recall(), counts.f1(), prepared.size(), unlisted,
              score.pairs_completeness);
  if (missed_sample > 0) PrintBlockingMisses(engine, candidates, truth_labels, sources, missed_sample);
  return score;
}

// RunLink links and writes the outputs; returns whether the F1 floor (if any) is met.
Result<bool> RunLink(const LinkFlags& flags) {
  if (!(flags.threshold > 0.0 && flags.threshold < 1.0)) {
    return InvalidInput("--threshold must be a probability strictly between 0 and 1");
  }
  IssueLog issues;
  CC_ASSIGN_OR_RETURN(std::vector<link::LinkSource> sources, ReadLinkSources(flags.inputs, issues));
  CC_ASSIGN_OR_RETURN(std::vector<link::FieldSpec> overrides, ParseFieldOverrides(flags.fields));
  link::SchemaOptions schema{flags.id_column, std::move(overrides), flags.ignore};
  CC_ASSIGN_OR_RETURN(link::RecordTable table, link::BuildRecordTable(std::move(sources), schema, issues));
  sources.clear();
  for (const std::string& merge : link::AlignFieldsAcrossSources(table)) {
    std::fprintf(stderr, "crosscheck link: inputs aligned: %s\n", merge.c_str());
  }
  link::LinkOptions options;
  options.threshold = flags.threshold;
  options.threads = flags.threads;
  // The engine frees the raw records as it prepares them; ids come from engine.prepared().
  CC_ASSIGN_OR_RETURN(link::LinkEngine engine, link::LinkEngine::Run(std::move(table), options));
  const link::PreparedTable& prepared = engine.prepared();

  const std::filesystem::path out_dir(flags.out);
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) return InvalidInput("cannot create output directory " + flags.out + ": " + error.message());

  CC_ASSIGN_OR_RETURN(CsvWriter clusters, CsvWriter::Open(out_dir / "clusters.csv"));
  clusters.WriteRow({"source", "record_id", "cluster_id"});
  WriteRowsInParallel(clusters, prepared.size(), flags.threads, [&](std::size_t record_idx, std::string& out) {
    AppendRow(out, {table.sources[prepared.source(record_idx)], prepared.id(record_idx),
                    engine.cluster_ids()[record_idx]});
  });
  CC_RETURN_IF_ERROR(clusters.Close());

  CC_ASSIGN_OR_RETURN(CsvWriter pairs, CsvWriter::Open(out_dir / "pairs.csv"));
  pairs.WriteRow({"source_l", "id_l", "source_r", "id_r", "match_probability", "match_weight"});
  WriteRowsInParallel(pairs, engine.pairs().size(), flags.threads, [&](std::size_t pair_idx, std::string& out) {
    const link::ScoredPair& pair = engine.pairs()[pair_idx];
    AppendRow(out, {table.sources[prepared.source(pair.left)], prepared.id(pair.left),
                    table.sources[prepared.source(pair.right)], prepared.id(pair.right),
                    FormatNumber(pair.probability), FormatNumber(pair.weight)});
  });
  CC_RETURN_IF_ERROR(pairs.Close());

  link::LinkModel model = engine.model();
  model.id_column = flags.id_column;
  for (const std::string& input : flags.inputs) {
    model.inputs.push_back(std::filesystem::absolute(input, error).string());
  }
  CC_RETURN_IF_ERROR(link::WriteModelFile(out_dir / "model.json", model));

  if (table.sources.size() > 1) {
    std::fprintf(stderr, "crosscheck link: sources: %s\n",
                 link::DescribeSourceStructure(engine.source_structure(), table.sources).c_str());
  }
  bool floor_met = true;
  if (!flags.truth.empty()) {
    CC_ASSIGN_OR_RETURN(const TruthScore score, PrintTruthScore(flags.truth, engine, table.sources, flags.missed_pairs, issues));
    if (score.f1 < flags.min_f1) {
      std::fprintf(stderr, "crosscheck: F1 %.4f is below the floor %.4f\n", score.f1, flags.min_f1);
      floor_met = false;
    }
    if (score.pairs_completeness < flags.min_pairs_completeness) {
      std::fprintf(stderr, "crosscheck: pairs completeness %.4f is below the floor %.4f\n",
                   score.pairs_completeness, flags.min_pairs_completeness);
      floor_met = false;
    }
  }
  const link::LinkStats& stats = engine.stats();
  std::fprintf(stderr,
               "crosscheck link: %zu records, %zu candidate pairs, %zu linked pairs, %zu clusters, "
               "%zu records joined by their cluster's evidence "
               "(prepare %.3fs, blocking %.3fs, training %.3fs, scoring %.3fs, clustering %.3fs)\n",
               stats.records, stats.candidate_pairs, stats.linked_pairs, stats.clusters, stats.attached_lone_records,
               stats.prepare_seconds, stats.blocking_seconds, stats.training_seconds,
               stats.scoring_seconds, stats.clustering_seconds);
  if (!issues.empty()) {
    std::fprintf(stderr, "crosscheck link: %zu input issues (rows skipped: %zu)\n", issues.size(),
                 issues.CountBySeverity(IssueSeverity::kRowSkipped));
  }
  return floor_met;
}

}  // namespace

void RegisterLinkCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<LinkFlags>();
  auto* command = app.add_subcommand(
      "link",
      "Find records of the same entity within and across CSV files (zero configuration: field\n"
      "types, blocking and a Fellegi-Sunter model are inferred and learned from the data)");
  command->add_option("--input", flags->inputs,
                      "CSV file with a header row; repeat to link several sources (a source is\n"
                      "named by the file's base name)")
      ->required();
  command->add_option("--id", flags->id_column, "column holding the record id (unique per input)")
      ->required();
  command->add_option("--field", flags->fields,
                      "COLUMN:TYPE, force a field's type: given_name surname full_name email phone\n"
                      "date postal_code street city state identifier categorical text string");
  command->add_option("--ignore", flags->ignore, "column to leave out of the comparison");
  command->add_option("--threshold", flags->threshold,
                      "match probability a pair needs to be linked (default 0.5)");
  command->add_option("--threads", flags->threads, "worker threads (default: all cores)");
  command->add_option("--out", flags->out,
                      "output directory: clusters.csv (source,record_id,cluster_id), pairs.csv\n"
                      "(source_l,id_l,source_r,id_r,match_probability,match_weight), model.json")
      ->required();
  command->add_option("--truth", flags->truth,
                      "CSV source,rec_id,entity_id (as simulate-linkage writes): print the clusters'\n"
                      "pairwise precision, recall and F1 against it");
  command->add_option("--min-f1", flags->min_f1, "with --truth: exit 3 when the F1 is below this floor");
  command->add_option("--min-pairs-completeness", flags->min_pairs_completeness,
                      "with --truth: exit 3 when blocking's pairs completeness (the share of true\n"
                      "pairs made candidates) is below this floor");
  command->add_option("--missed-pairs", flags->missed_pairs,
                      "with --truth: print why blocking missed true pairs (no shared key, or only\n"
                      "blocks over the cap) and this many of them");
  command->callback([flags, exit_code] {
    const char* needs_truth = flags->min_f1 > 0                   ? "--min-f1"
                              : flags->min_pairs_completeness > 0 ? "--min-pairs-completeness"
                              : flags->missed_pairs > 0           ? "--missed-pairs"
                                                                  : nullptr;
    if (needs_truth != nullptr && flags->truth.empty()) {
      *exit_code = ReportError(Error(ErrorCode::kInvalidInput, std::string(needs_truth) + " needs --truth"));
      return;
    }
    const Result<bool> floor_met = RunLink(*flags);
    *exit_code = !floor_met ? ReportError(floor_met.error()) : (*floor_met ? 0 : kBelowFloorExit);
  });
}

}  // namespace crosscheck::cli
