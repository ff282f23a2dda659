// Reading and writing a LinkModel as model.json (meant for people too: per field, per level
// m, u and weight; the prior; blocking rules; term-frequency summaries), and rendering a
// PairExplanation as a text waterfall or JSON.
//
//   CC_RETURN_IF_ERROR(WriteModelFile(out / "model.json", engine.model()));
//   CC_ASSIGN_OR_RETURN(LinkModel model, ReadModelFile("model.json"));
//   std::printf("%s", FormatWaterfall(explanation).c_str());
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "crosscheck/common/error.h"
#include "crosscheck/link/fellegi_sunter.h"

namespace crosscheck::link {

// ModelToJson renders the model as indented JSON (format "crosscheck-link-model", version 1).
std::string ModelToJson(const LinkModel& model);

// ModelFromJson parses ModelToJson's output. kInvalidInput on malformed JSON, a different
// format, an unknown field type or a level without m and u.
Result<LinkModel> ModelFromJson(std::string_view text);

// WriteModelFile / ReadModelFile: the same through a file. kInvalidInput when the file cannot
// be written; kNotFound when it does not exist.
Status WriteModelFile(const std::filesystem::path& path, const LinkModel& model);
Result<LinkModel> ReadModelFile(const std::filesystem::path& path);

// FormatWaterfall renders a pair's waterfall as an aligned text table, one line per field,
// with the running total, ending in the match weight and probability.
std::string FormatWaterfall(const PairExplanation& explanation);

// ExplanationToJson renders a waterfall as a JSON object (for report.json).
std::string ExplanationToJson(const PairExplanation& explanation);

}  // namespace crosscheck::link
