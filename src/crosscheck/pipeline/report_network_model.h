// NetworkModel: a flagged network as report.html shows it — its people (personas, named as
// their applications name them), each shared artifact once with everyone holding it, and
// which of them the drawing shows when the network is too big to draw whole.
//
//   NetworkModel model = BuildNetworkModel(result, result.flagged_networks[0], {});
//   for (const ReportPerson& person : model.people) ... person.Label() ...
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "crosscheck/pipeline/scan_result.h"

namespace crosscheck::pipeline {

// ReportPerson is one persona of a network with what the triage needs at a glance.
struct ReportPerson {
  std::string persona_id;
  std::vector<std::string> names;          // distinct names as given, in application order
  std::string level = "low";               // of its most severe application
  int score = 0;                           // of that application
  std::size_t top_application = 0;         // that application, index into ScanResult::applications
  std::vector<std::size_t> applications;   // indexes into ScanResult::applications
  std::size_t companies = 0;               // distinct companies applied to
  std::vector<std::size_t> neighbours;     // people (indexes into NetworkModel::people) it shares
                                           // an artifact with, sorted
  bool drawn = false;
  std::size_t hidden_neighbours = 0;       // neighbours the drawing leaves out

  // Label is the person's name for drawings and tables: one or two names joined by " / ", or
  // the first name and how many more; the persona id when no application names the person.
  std::string Label() const;
};

// ReportArtifact is one shared artifact (kind and value) with the people holding it.
struct ReportArtifact {
  std::string kind;
  std::string value;                 // masked, as report.json gives it
  std::string as_given;              // addresses: as written by an application (EdgeView::as_given)
  double weight = 0;                 // the strongest tie it makes
  std::vector<std::size_t> people;   // indexes into NetworkModel::people, sorted
  bool drawn = false;
};

// DrawingLimits caps a drawing so that a large network stays readable: the most severe people
// and the strongest artifacts among them are drawn, the rest are listed.
struct DrawingLimits {
  std::size_t max_people = 30;
  std::size_t max_artifacts = 70;
};

// NetworkModel is everything the network's section of the report shows.
struct NetworkModel {
  std::vector<ReportPerson> people;       // most severe first (level, score, applications, name)
  std::vector<ReportArtifact> artifacts;  // strongest first
  std::size_t drawn_people = 0;
  std::size_t drawn_artifacts = 0;
};

// LevelRank orders level names: low 0, medium 1, high 2, critical 3 (-1 for anything else).
int LevelRank(std::string_view level);

// BuildNetworkModel groups `network`'s applications by persona and its edges by artifact and
// picks what the drawing shows. Edges naming a persona outside the network are ignored.
NetworkModel BuildNetworkModel(const ScanResult& result, const NetworkView& network, const DrawingLimits& limits);

// TriageOrder returns the indexes of result.flagged_networks, most severe first: by level, then
// score, then how many applications are high or critical, then size; ties by network id.
std::vector<std::size_t> TriageOrder(const ScanResult& result);

}  // namespace crosscheck::pipeline
