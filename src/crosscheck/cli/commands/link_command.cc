// `crosscheck link`: zero-configuration entity resolution over arbitrary CSV files.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/cli/commands/link_inputs.h"
#include "crosscheck/common/csv_writer.h"
#include "crosscheck/link/linker.h"
#include "crosscheck/link/model_io.h"

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
};

std::string FormatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.6g", value);
  return buffer;
}

Status RunLink(const LinkFlags& flags) {
  if (!(flags.threshold > 0.0 && flags.threshold < 1.0)) {
    return InvalidInput("--threshold must be a probability strictly between 0 and 1");
  }
  IssueLog issues;
  CC_ASSIGN_OR_RETURN(std::vector<link::LinkSource> sources, ReadLinkSources(flags.inputs, issues));
  CC_ASSIGN_OR_RETURN(std::vector<link::FieldSpec> overrides, ParseFieldOverrides(flags.fields));
  link::SchemaOptions schema{flags.id_column, std::move(overrides), flags.ignore};
  CC_ASSIGN_OR_RETURN(link::RecordTable table, link::BuildRecordTable(sources, schema, issues));
  sources.clear();
  link::LinkOptions options;
  options.threshold = flags.threshold;
  options.threads = flags.threads;
  CC_ASSIGN_OR_RETURN(link::LinkEngine engine, link::LinkEngine::Run(table, options));

  const std::filesystem::path out_dir(flags.out);
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) return InvalidInput("cannot create output directory " + flags.out + ": " + error.message());

  CC_ASSIGN_OR_RETURN(CsvWriter clusters, CsvWriter::Open(out_dir / "clusters.csv"));
  clusters.WriteRow({"source", "record_id", "cluster_id"});
  for (std::size_t record_idx = 0; record_idx < table.records.size(); ++record_idx) {
    const link::Record& record = table.records[record_idx];
    clusters.WriteRow({table.sources[record.source], record.id, engine.cluster_ids()[record_idx]});
  }
  CC_RETURN_IF_ERROR(clusters.Close());

  CC_ASSIGN_OR_RETURN(CsvWriter pairs, CsvWriter::Open(out_dir / "pairs.csv"));
  pairs.WriteRow({"source_l", "id_l", "source_r", "id_r", "match_probability", "match_weight"});
  for (const link::ScoredPair& pair : engine.pairs()) {
    const link::Record& left = table.records[pair.left];
    const link::Record& right = table.records[pair.right];
    pairs.WriteRow({table.sources[left.source], left.id, table.sources[right.source], right.id,
                    FormatNumber(pair.probability), FormatNumber(pair.weight)});
  }
  CC_RETURN_IF_ERROR(pairs.Close());

  link::LinkModel model = engine.model();
  model.id_column = flags.id_column;
  for (const std::string& input : flags.inputs) {
    model.inputs.push_back(std::filesystem::absolute(input, error).string());
  }
  CC_RETURN_IF_ERROR(link::WriteModelFile(out_dir / "model.json", model));

  const link::LinkStats& stats = engine.stats();
  std::fprintf(stderr,
               "crosscheck link: %zu records, %zu candidate pairs, %zu linked pairs, %zu clusters "
               "(prepare %.3fs, blocking %.3fs, training %.3fs, scoring %.3fs, clustering %.3fs)\n",
               stats.records, stats.candidate_pairs, stats.linked_pairs, stats.clusters,
               stats.prepare_seconds, stats.blocking_seconds, stats.training_seconds,
               stats.scoring_seconds, stats.clustering_seconds);
  if (!issues.empty()) {
    std::fprintf(stderr, "crosscheck link: %zu input issues (rows skipped: %zu)\n", issues.size(),
                 issues.CountBySeverity(IssueSeverity::kRowSkipped));
  }
  return Ok();
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
  command->callback([flags, exit_code] {
    Status status = RunLink(*flags);
    *exit_code = status ? 0 : ReportError(status.error());
  });
}

}  // namespace crosscheck::cli
