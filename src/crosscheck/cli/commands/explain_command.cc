// `crosscheck explain`: the waterfall of one record pair under a model written by `link`.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/cli/commands/exit_codes.h"
#include "crosscheck/cli/commands/link_inputs.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/link/linker.h"
#include "crosscheck/link/model_io.h"
#include "crosscheck/link/source_alignment.h"

namespace crosscheck::cli {
namespace {

struct ExplainFlags {
  std::string model;
  std::vector<std::string> inputs;
  std::vector<std::string> records;
  bool json = false;
};

// FindReference resolves "source:id" (or a bare id when there is one source).
Result<std::size_t> FindReference(const link::LinkEngine& engine, const link::RecordTable& table,
                                  const std::string& reference) {
  const std::size_t colon = reference.find(':');
  if (colon != std::string::npos) {
    if (auto found = engine.FindRecord(reference.substr(0, colon), reference.substr(colon + 1))) return *found;
  }
  if (table.sources.size() == 1) {
    if (auto found = engine.FindRecord(table.sources[0], reference)) return *found;
  }
  return NotFound("record '" + reference + "' not found; write SOURCE:ID, SOURCE being the input "
                  "file's base name");
}

Status RunExplain(const ExplainFlags& flags) {
  CC_ASSIGN_OR_RETURN(link::LinkModel model, link::ReadModelFile(flags.model));
  const std::vector<std::string>& inputs = flags.inputs.empty() ? model.inputs : flags.inputs;
  if (inputs.empty()) return InvalidInput("the model names no inputs; give them with --input");
  IssueLog issues;
  CC_ASSIGN_OR_RETURN(std::vector<link::LinkSource> sources, ReadLinkSources(inputs, issues));
  // The model decides the fields: every other column is ignored, types are the model's.
  link::SchemaOptions schema;
  schema.id_column = model.id_column;
  std::unordered_set<std::string> modelled;
  for (const link::FieldParameters& field : model.fields) {
    // A field fed by several columns (source_alignment.h) is rebuilt the way `link` built it:
    // its columns' types inferred again, then aligned.
    const std::vector<std::string> columns = SplitString(field.spec.name, '/');
    if (columns.size() == 1) schema.field_overrides.push_back(field.spec);
    for (const std::string& column : columns) modelled.insert(ToLowerAscii(column));
  }
  std::unordered_set<std::string> ignored;
  for (const link::LinkSource& source : sources) {
    for (const std::string& column : source.header) {
      const std::string key = ToLowerAscii(TrimAscii(column));
      if (key != ToLowerAscii(model.id_column) && !modelled.contains(key) && ignored.insert(key).second) {
        schema.ignore.push_back(key);
      }
    }
  }
  CC_ASSIGN_OR_RETURN(link::RecordTable table, link::BuildRecordTable(sources, schema, issues));
  link::AlignFieldsAcrossSources(table);
  link::LinkOptions options;
  CC_ASSIGN_OR_RETURN(link::LinkEngine engine, link::LinkEngine::WithModel(table, std::move(model), options));
  CC_ASSIGN_OR_RETURN(std::size_t left, FindReference(engine, table, flags.records[0]));
  CC_ASSIGN_OR_RETURN(std::size_t right, FindReference(engine, table, flags.records[1]));
  const link::PairExplanation explanation = engine.Explain(left, right);
  if (flags.json) {
    std::printf("%s\n", link::ExplanationToJson(explanation).c_str());
  } else {
    std::printf("%s:%s vs %s:%s\n%s", table.sources[table.records[left].source].c_str(),
                table.records[left].id.c_str(), table.sources[table.records[right].source].c_str(),
                table.records[right].id.c_str(), link::FormatWaterfall(explanation).c_str());
  }
  return Ok();
}

}  // namespace

void RegisterExplainCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ExplainFlags>();
  auto* command = app.add_subcommand(
      "explain",
      "Print why two records do or do not match under a model from `crosscheck link`: the prior,\n"
      "each field's comparison level, weight and term-frequency adjustment, the final match\n"
      "weight and probability.\n"
      "Example: crosscheck explain --model out/model.json dataset4a.csv:rec-1-org "
      "dataset4b.csv:rec-1-dup-0");
  command->add_option("--model", flags->model, "model.json written by `crosscheck link`")->required();
  command->add_option("--input", flags->inputs,
                      "the CSV inputs the records are in (default: the inputs the model was\n"
                      "trained on, as recorded in model.json)");
  command->add_flag("--json", flags->json, "print the waterfall as JSON");
  command->add_option("records", flags->records,
                      "two records as SOURCE:ID (SOURCE = the input file's base name; a bare ID\n"
                      "when there is one input)")
      ->required()
      ->expected(2);
  command->callback([flags, exit_code] {
    Status status = RunExplain(*flags);
    *exit_code = status ? 0 : ReportError(status.error());
  });
}

}  // namespace crosscheck::cli
