#include "crosscheck/link/model_io.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "crosscheck/common/output_file.h"

namespace crosscheck::link {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "crosscheck-link-model";

json ExplanationJson(const PairExplanation& explanation) {
  json steps = json::array();
  for (const WaterfallStep& step : explanation.steps) {
    steps.push_back({{"field", step.field},
                     {"level", step.level},
                     {"left", step.left_value},
                     {"right", step.right_value},
                     {"m", step.m},
                     {"u", step.u},
                     {"weight", step.weight},
                     {"tf_adjustment", step.tf_adjustment}});
  }
  return {{"prior_weight", explanation.prior_weight},
          {"steps", std::move(steps)},
          {"match_weight", explanation.match_weight},
          {"match_probability", explanation.match_probability},
          {"vetoed", explanation.vetoed}};
}

}  // namespace

std::string ModelToJson(const LinkModel& model) {
  json fields = json::array();
  for (const FieldParameters& field : model.fields) {
    json levels = json::array();
    for (const LevelParameters& level : field.levels) {
      levels.push_back({{"label", level.label},
                        {"m", level.m},
                        {"u", level.u},
                        {"weight", MatchWeight(level.m, level.u)}});
    }
    json entry = {{"name", field.spec.name}, {"type", FieldTypeName(field.spec.type)},
                  {"levels", std::move(levels)}};
    if (field.veto) entry["veto"] = true;
    fields.push_back(std::move(entry));
  }
  json term_frequencies = json::array();
  for (const TermFrequencySummary& summary : model.term_frequencies) {
    json top = json::array();
    for (const auto& [value, count] : summary.top_values) top.push_back({{"value", value}, {"records", count}});
    term_frequencies.push_back({{"field", summary.field},
                                {"distinct_values", summary.distinct_values},
                                {"most_common", std::move(top)}});
  }
  json sessions = json::array();
  for (const SessionSummary& session : model.training_sessions) {
    sessions.push_back({{"rule", session.description},
                        {"pairs", session.pairs},
                        {"match_share", session.match_share},
                        {"used", session.used}});
  }
  json dependences = json::array();
  for (const FieldDependence& dependence : model.dependences) {
    dependences.push_back({{"fields", {dependence.first, dependence.second}},
                           {"agreeing_levels", {dependence.first_level, dependence.second_level}},
                           {"names", model.fields[dependence.first].spec.name + " & " +
                                         model.fields[dependence.second].spec.name},
                           {"weight", dependence.weight},
                           {"exact_weight", dependence.exact_weight}});
  }
  const double lambda = model.lambda;
  json document = {
      {"format", kFormat},
      {"version", 1},
      {"id_column", model.id_column},
      {"inputs", model.inputs},
      {"lambda", lambda},
      {"prior_weight", std::log2(lambda / (1.0 - lambda))},
      {"threshold", model.threshold},
      {"fields", std::move(fields)},
      {"blocking_rules", model.blocking_rules},
      {"dependences", std::move(dependences)},
      {"term_frequencies", std::move(term_frequencies)},
      {"training",
       {{"records", model.records},
        {"candidate_pairs", model.candidate_pairs},
        {"random_pairs", model.random_pairs},
        {"em_iterations", model.em_iterations},
        {"em_converged", model.em_converged},
        {"m_sessions", std::move(sessions)}}},
  };
  return document.dump(2) + "\n";
}

Result<LinkModel> ModelFromJson(std::string_view text) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) return InvalidInput("model is not valid JSON");
  if (document.value("format", "") != kFormat) return InvalidInput("not a crosscheck link model");
  LinkModel model;
  try {
    model.lambda = document.at("lambda").get<double>();
    model.threshold = document.value("threshold", 0.5);
    model.id_column = document.value("id_column", "");
    if (document.contains("inputs")) model.inputs = document.at("inputs").get<std::vector<std::string>>();
    if (document.contains("blocking_rules")) {
      model.blocking_rules = document.at("blocking_rules").get<std::vector<std::string>>();
    }
    for (const json& entry : document.at("fields")) {
      FieldParameters field;
      field.spec.name = entry.at("name").get<std::string>();
      const std::string type = entry.at("type").get<std::string>();
      std::optional<FieldType> parsed = ParseFieldType(type);
      if (!parsed) return InvalidInput("model field '" + field.spec.name + "' has unknown type '" + type + "'");
      field.spec.type = *parsed;
      field.veto = entry.value("veto", false);
      for (const json& level : entry.at("levels")) {
        field.levels.push_back({level.at("label").get<std::string>(), level.at("m").get<double>(),
                                level.at("u").get<double>()});
      }
      model.fields.push_back(std::move(field));
    }
    for (const json& entry : document.value("dependences", json::array())) {
      FieldDependence dependence;
      dependence.first = entry.at("fields").at(0).get<std::uint32_t>();
      dependence.second = entry.at("fields").at(1).get<std::uint32_t>();
      dependence.first_level = entry.at("agreeing_levels").at(0).get<std::uint8_t>();
      dependence.second_level = entry.at("agreeing_levels").at(1).get<std::uint8_t>();
      dependence.weight = entry.at("weight").get<double>();
      dependence.exact_weight = entry.value("exact_weight", dependence.weight);  // older models: one weight
      if (dependence.first >= model.fields.size() || dependence.second >= model.fields.size()) {
        return InvalidInput("model dependence names a field index past the fields");
      }
      model.dependences.push_back(dependence);
    }
    if (document.contains("training")) {
      const json& training = document.at("training");
      model.records = training.value("records", std::size_t{0});
      model.candidate_pairs = training.value("candidate_pairs", std::size_t{0});
      model.random_pairs = training.value("random_pairs", std::size_t{0});
      model.em_iterations = training.value("em_iterations", 0);
      model.em_converged = training.value("em_converged", false);
      for (const json& session : training.value("m_sessions", json::array())) {
        model.training_sessions.push_back({session.at("rule").get<std::string>(), session.at("pairs").get<double>(),
                                           session.at("match_share").get<double>(), session.at("used").get<bool>()});
      }
    }
  } catch (const json::exception& error) {
    return InvalidInput(std::string("malformed model: ") + error.what());
  }
  if (!(model.lambda > 0.0 && model.lambda < 1.0)) return InvalidInput("model lambda must be in (0, 1)");
  return model;
}

Status WriteModelFile(const std::filesystem::path& path, const LinkModel& model) {
  return WriteFileAtomically(path, ModelToJson(model));
}

Result<LinkModel> ReadModelFile(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return NotFound("model file " + path.string() + " not found");
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  Result<LinkModel> model = ModelFromJson(buffer.str());
  if (!model) return std::unexpected(std::move(model).error().AddContext("reading " + path.string()));
  return model;
}

std::string FormatWaterfall(const PairExplanation& explanation) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof(line), "%-20s %-44s %9s %9s %9s\n", "field", "level", "weight",
                "tf adj", "total");
  out += line;
  double total = explanation.prior_weight;
  std::snprintf(line, sizeof(line), "%-20s %-44s %9.3f %9s %9.3f\n", "prior", "(two random records match)",
                explanation.prior_weight, "", total);
  out += line;
  for (const WaterfallStep& step : explanation.steps) {
    total += step.weight + step.tf_adjustment;
    std::snprintf(line, sizeof(line), "%-20.20s %-44.44s %9.3f %9.3f %9.3f   %s | %s\n", step.field.c_str(),
                  step.level.c_str(), step.weight, step.tf_adjustment, total,
                  step.left_value.empty() ? "-" : step.left_value.c_str(),
                  step.right_value.empty() ? "-" : step.right_value.c_str());
    out += line;
  }
  std::snprintf(line, sizeof(line), "match weight %.3f, match probability %.6f%s\n", explanation.match_weight,
                explanation.match_probability, explanation.vetoed ? " (vetoed: a veto field disagrees)" : "");
  out += line;
  return out;
}

std::string ExplanationToJson(const PairExplanation& explanation) {
  return ExplanationJson(explanation).dump();
}

}  // namespace crosscheck::link
