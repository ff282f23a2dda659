#include "crosscheck/pipeline/report_network_model.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

#include "crosscheck/score/risk_scorer.h"

namespace crosscheck::pipeline {
namespace {

// PeopleOf groups the network's applications by persona, in severity order.
std::vector<ReportPerson> PeopleOf(const ScanResult& result, const NetworkView& network) {
  std::vector<ReportPerson> people;
  std::unordered_map<std::string_view, std::size_t> index_of;
  for (const std::string& persona : network.personas) {
    index_of.emplace(persona, people.size());
    people.push_back({.persona_id = persona});
  }
  std::vector<std::set<std::string_view>> companies(people.size());
  for (std::size_t application_idx : network.applications) {
    const ApplicationResult& application = result.applications[application_idx];
    auto found = index_of.find(application.persona_id);
    if (found == index_of.end()) continue;
    ReportPerson& person = people[found->second];
    const bool first = person.applications.empty();
    person.applications.push_back(application_idx);
    companies[found->second].insert(application.company_id);
    if (!application.full_name.empty() &&
        std::find(person.names.begin(), person.names.end(), application.full_name) == person.names.end()) {
      person.names.push_back(application.full_name);
    }
    const int rank = LevelRank(application.level), held = LevelRank(person.level);
    if (first || rank > held || (rank == held && application.score > person.score)) {
      person.level = application.level;
      person.score = application.score;
      person.top_application = application_idx;
    }
  }
  for (std::size_t person_idx = 0; person_idx < people.size(); ++person_idx) {
    people[person_idx].companies = companies[person_idx].size();
  }
  std::stable_sort(people.begin(), people.end(), [](const ReportPerson& left, const ReportPerson& right) {
    return std::tuple(LevelRank(left.level), left.score, left.applications.size()) >
           std::tuple(LevelRank(right.level), right.score, right.applications.size());
  });
  return people;
}

// ArtifactsOf turns the network's pairwise edges back into artifacts: one per kind and value,
// held by every person of its edges, strongest first.
std::vector<ReportArtifact> ArtifactsOf(const NetworkView& network, const std::vector<ReportPerson>& people) {
  std::unordered_map<std::string_view, std::size_t> person_of;
  for (std::size_t person_idx = 0; person_idx < people.size(); ++person_idx) {
    person_of.emplace(people[person_idx].persona_id, person_idx);
  }
  std::map<std::pair<std::string, std::string>, ReportArtifact> by_value;
  for (const EdgeView& edge : network.edges) {
    auto left = person_of.find(edge.persona_left), right = person_of.find(edge.persona_right);
    if (left == person_of.end() || right == person_of.end()) continue;
    ReportArtifact& artifact = by_value[{edge.kind, edge.value}];
    artifact.kind = edge.kind;
    artifact.value = edge.value;
    if (artifact.as_given.empty()) artifact.as_given = edge.as_given;
    artifact.weight = std::max(artifact.weight, edge.weight);
    artifact.people.push_back(left->second);
    artifact.people.push_back(right->second);
  }
  std::vector<ReportArtifact> artifacts;
  for (auto& [key, artifact] : by_value) {
    std::sort(artifact.people.begin(), artifact.people.end());
    artifact.people.erase(std::unique(artifact.people.begin(), artifact.people.end()), artifact.people.end());
    artifacts.push_back(std::move(artifact));
  }
  std::stable_sort(artifacts.begin(), artifacts.end(), [](const ReportArtifact& left, const ReportArtifact& right) {
    return std::tuple(left.weight, left.people.size()) > std::tuple(right.weight, right.people.size());
  });
  return artifacts;
}

// LinkNeighbours fills each person's neighbours from the artifacts.
void LinkNeighbours(NetworkModel& model) {
  std::vector<std::set<std::size_t>> neighbours(model.people.size());
  for (const ReportArtifact& artifact : model.artifacts) {
    for (std::size_t holder : artifact.people) {
      for (std::size_t other : artifact.people) {
        if (other != holder) neighbours[holder].insert(other);
      }
    }
  }
  for (std::size_t person_idx = 0; person_idx < model.people.size(); ++person_idx) {
    model.people[person_idx].neighbours.assign(neighbours[person_idx].begin(), neighbours[person_idx].end());
  }
}

// ChooseDrawn draws the most severe people (they come first) and the strongest artifacts that
// tie two of them, then counts the neighbours each drawn person has outside the drawing.
void ChooseDrawn(NetworkModel& model, const DrawingLimits& limits) {
  for (ReportPerson& person : model.people) {
    if (model.drawn_people >= limits.max_people) break;
    person.drawn = true;
    ++model.drawn_people;
  }
  for (ReportArtifact& artifact : model.artifacts) {
    if (model.drawn_artifacts >= limits.max_artifacts) break;
    const auto holders_drawn = std::count_if(artifact.people.begin(), artifact.people.end(),
                                             [&](std::size_t person) { return model.people[person].drawn; });
    if (holders_drawn < 2) continue;
    artifact.drawn = true;
    ++model.drawn_artifacts;
  }
  for (ReportPerson& person : model.people) {
    person.hidden_neighbours = static_cast<std::size_t>(std::count_if(
        person.neighbours.begin(), person.neighbours.end(),
        [&](std::size_t other) { return !model.people[other].drawn; }));
  }
}

}  // namespace

std::string ReportPerson::Label() const {
  if (names.empty()) return persona_id;
  if (names.size() == 1) return names[0];
  if (names.size() == 2) return names[0] + " / " + names[1];
  return names[0] + " (+" + std::to_string(names.size() - 1) + " names)";
}

int LevelRank(std::string_view level) { return score::RiskLevelRank(level); }

NetworkModel BuildNetworkModel(const ScanResult& result, const NetworkView& network, const DrawingLimits& limits) {
  NetworkModel model;
  model.people = PeopleOf(result, network);
  model.artifacts = ArtifactsOf(network, model.people);
  LinkNeighbours(model);
  ChooseDrawn(model, limits);
  return model;
}

std::vector<std::size_t> TriageOrder(const ScanResult& result) {
  const auto& networks = result.flagged_networks;
  std::vector<std::size_t> flagged_applications(networks.size(), 0);
  for (std::size_t network_idx = 0; network_idx < networks.size(); ++network_idx) {
    for (std::size_t application_idx : networks[network_idx].applications) {
      if (LevelRank(result.applications[application_idx].level) >= 2) ++flagged_applications[network_idx];
    }
  }
  std::vector<std::size_t> order(networks.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t left, std::size_t right) {
    const NetworkView &a = networks[left], &b = networks[right];
    return std::tuple(-LevelRank(a.level), -a.score, -static_cast<std::ptrdiff_t>(flagged_applications[left]),
                      -static_cast<std::ptrdiff_t>(a.personas.size()), std::string_view(a.network_id)) <
           std::tuple(-LevelRank(b.level), -b.score, -static_cast<std::ptrdiff_t>(flagged_applications[right]),
                      -static_cast<std::ptrdiff_t>(b.personas.size()), std::string_view(b.network_id));
  });
  return order;
}

}  // namespace crosscheck::pipeline
