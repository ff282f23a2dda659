// `crosscheck simulate-linkage`: linkage test data with truth (simulate/linkage_data.h).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/common/csv_writer.h"
#include "crosscheck/simulate/linkage_data.h"

namespace crosscheck::cli {
namespace {

struct SimulateLinkageFlags {
  std::string kind = "multiparty";
  std::string out;
  simulate::LinkageDataConfig config;
};

Status WriteTable(const std::filesystem::path& dir, const simulate::LinkageTable& table) {
  CC_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(dir / table.name));
  writer.WriteRow(table.header);
  for (const std::vector<std::string>& row : table.rows) writer.WriteRow(row);
  return writer.Close();
}

Status RunSimulateLinkage(SimulateLinkageFlags flags) {
  CC_ASSIGN_OR_RETURN(flags.config.kind, simulate::ParseLinkageKind(flags.kind));
  CC_ASSIGN_OR_RETURN(simulate::LinkageData data, simulate::GenerateLinkageData(flags.config));
  const std::filesystem::path dir(flags.out);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return InvalidInput("cannot create output directory " + flags.out + ": " + error.message());
  for (const simulate::LinkageTable& table : data.tables) CC_RETURN_IF_ERROR(WriteTable(dir, table));
  CC_RETURN_IF_ERROR(WriteTable(dir, data.truth));
  std::printf("%s (seed %llu)\nwritten: %zu source file(s) and truth.csv in %s\n", data.settings.c_str(),
              static_cast<unsigned long long>(flags.config.seed), data.tables.size(), dir.c_str());
  return Ok();
}

}  // namespace

void RegisterSimulateLinkageCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<SimulateLinkageFlags>();
  auto* command = app.add_subcommand(
      "simulate-linkage", "Generate record linkage test data with truth: multi-party voter-style sources or\n"
                          "historical records with heavy duplication (see docs/SIMULATION.md)");
  command->add_option("--kind", flags->kind, "multiparty | historical")->capture_default_str();
  command->add_option("--out", flags->out, "directory for the source CSVs (id column rec_id) and truth.csv\n"
                                           "(source,rec_id,entity_id)")->required();
  command->add_option("--seed", flags->config.seed, "random seed; the same seed gives identical files")
      ->capture_default_str();
  command->add_option("--sources", flags->config.sources, "multiparty: sources (default 5)");
  command->add_option("--records", flags->config.records_per_source,
                      "multiparty: records per source (default 5000)");
  command->add_option("--overlap", flags->config.overlap,
                      "multiparty: share of a source's records whose entity other sources may hold\n"
                      "(default: drawn from the seed in [0.3, 0.7])");
  command->add_option("--people", flags->config.people, "historical: distinct people (default 8500)");
  command->add_option("--historical-records", flags->config.records, "historical: records (default 50000)");
  command->add_option("--corruption", flags->config.corruption,
                      "chance a record carries one to three errors (default: drawn in [0.3, 0.7])");
  command->add_option("--missing", flags->config.missing, "chance a value is missing (default: drawn in [0.02, 0.1])");
  command->footer("Exit codes: 0 ok; 2 invalid input (bad flag value, unwritable directory).");
  command->callback([flags, exit_code] {
    const Status status = RunSimulateLinkage(*flags);
    *exit_code = status ? 0 : ReportError(status.error());
  });
}

}  // namespace crosscheck::cli
