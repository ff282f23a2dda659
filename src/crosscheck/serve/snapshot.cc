#include "crosscheck/serve/snapshot.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "crosscheck/score/risk_scorer.h"

namespace crosscheck::serve {
namespace {

// MoreSevere orders results for the queue: the level decides (a score is capped at 99 while
// levels keep rising), then the score, then the id for a stable order.
bool MoreSevere(const pipeline::ApplicationResult& a, const pipeline::ApplicationResult& b) {
  if (a.level != b.level) return score::RiskLevelRank(a.level) > score::RiskLevelRank(b.level);
  if (a.score != b.score) return a.score > b.score;
  return a.application_id < b.application_id;
}

}  // namespace

void Resolution::Index() {
  const auto& applications = result.applications;
  by_severity.resize(applications.size());
  for (std::size_t idx = 0; idx < applications.size(); ++idx) {
    const pipeline::ApplicationResult& application = applications[idx];
    by_application.emplace(application.application_id, idx);
    by_persona[application.persona_id].push_back(idx);
    by_network[application.network_id].push_back(idx);
    by_severity[idx] = idx;
  }
  for (std::size_t idx = 0; idx < result.flagged_networks.size(); ++idx) {
    flagged_network.emplace(result.flagged_networks[idx].network_id, idx);
  }
  std::sort(by_severity.begin(), by_severity.end(),
            [&](std::size_t left, std::size_t right) { return MoreSevere(applications[left], applications[right]); });
}

std::size_t Snapshot::size() const {
  std::size_t replaced = 0;
  for (const auto& [id, entry] : provisional_of) replaced += base->by_application.count(id);
  return base->records.size() + provisional_of.size() - replaced;
}

bool Snapshot::Superseded(std::size_t index) const {
  const std::size_t base_size = base->records.size();
  const std::string& id = application(index).application_id;
  const auto latest = provisional_of.find(id);
  if (index < base_size) return latest != provisional_of.end();
  return latest == provisional_of.end() || latest->second != index - base_size;
}

std::optional<std::size_t> Snapshot::IndexOf(std::string_view application_id) const {
  const std::string id(application_id);
  if (const auto found = provisional_of.find(id); found != provisional_of.end()) {
    return base->records.size() + found->second;
  }
  if (const auto found = base->by_application.find(id); found != base->by_application.end()) return found->second;
  return std::nullopt;
}

const pipeline::ApplicationResult* Snapshot::Find(std::string_view application_id) const {
  const std::optional<std::size_t> index = IndexOf(application_id);
  return index ? &application(*index) : nullptr;
}

const pipeline::ApplicationResult& Snapshot::application(std::size_t index) const {
  const std::size_t base_size = base->records.size();
  return index < base_size ? base->result.applications[index] : provisional[index - base_size]->result;
}

const ApplicationRecord& Snapshot::record(std::size_t index) const {
  const std::size_t base_size = base->records.size();
  return index < base_size ? base->records[index] : provisional[index - base_size]->record;
}

std::vector<std::size_t> Snapshot::Group(const std::unordered_map<std::string, std::vector<std::size_t>>& groups,
                                         std::string pipeline::ApplicationResult::*field, const std::string& id) const {
  std::vector<std::size_t> members;
  if (const auto found = groups.find(id); found != groups.end()) {
    for (std::size_t index : found->second) {
      if (!Superseded(index)) members.push_back(index);
    }
  }
  const auto from_base = static_cast<std::ptrdiff_t>(members.size());
  for (const auto& [application_id, entry] : provisional_of) {
    if (provisional[entry]->result.*field == id) members.push_back(base->records.size() + entry);
  }
  std::sort(members.begin() + from_base, members.end());  // arrival order
  return members;
}

std::vector<std::size_t> Snapshot::Persona(const std::string& persona_id) const {
  return Group(base->by_persona, &pipeline::ApplicationResult::persona_id, persona_id);
}

std::vector<std::size_t> Snapshot::Network(const std::string& network_id) const {
  return Group(base->by_network, &pipeline::ApplicationResult::network_id, network_id);
}

std::vector<std::size_t> Snapshot::BySeverity(int min_rank) const {
  std::vector<std::size_t> fresh;
  for (const auto& [id, entry] : provisional_of) {
    if (score::RiskLevelRank(provisional[entry]->result.level) >= min_rank) {
      fresh.push_back(base->records.size() + entry);
    }
  }
  const auto more_severe = [this](std::size_t left, std::size_t right) {
    return MoreSevere(application(left), application(right));
  };
  std::sort(fresh.begin(), fresh.end(), more_severe);
  // by_severity is most severe first, so the entries at min_rank or above are a prefix: found by
  // binary search, and copied whole when nothing is provisional (a million stored: checking each
  // id against the provisional entries was most of a queue page's time).
  const std::vector<std::size_t>& order = base->by_severity;
  const auto end = std::partition_point(order.begin(), order.end(), [this, min_rank](std::size_t index) {
    return score::RiskLevelRank(base->result.applications[index].level) >= min_rank;
  });
  std::vector<std::size_t> ordered;
  if (provisional_of.empty()) {
    ordered.assign(order.begin(), end);
  } else {
    std::copy_if(order.begin(), end, std::back_inserter(ordered), [this](std::size_t index) { return !Superseded(index); });
  }
  if (fresh.empty()) return ordered;
  std::vector<std::size_t> merged(ordered.size() + fresh.size());
  std::merge(ordered.begin(), ordered.end(), fresh.begin(), fresh.end(), merged.begin(), more_severe);
  return merged;
}

const pipeline::NetworkView* Snapshot::FlaggedNetwork(const std::string& network_id) const {
  const auto found = base->flagged_network.find(network_id);
  return found == base->flagged_network.end() ? nullptr : &base->result.flagged_networks[found->second];
}

std::vector<ApplicationRecord> Snapshot::Records() const {
  std::vector<ApplicationRecord> records = base->records;
  for (std::size_t entry = 0; entry < provisional.size(); ++entry) {
    const ApplicationRecord& record = provisional[entry]->record;
    if (provisional_of.at(record.application_id) != entry) continue;  // replaced again later
    const auto in_base = base->by_application.find(record.application_id);
    if (in_base != base->by_application.end()) {
      records[in_base->second] = record;
    } else {
      records.push_back(record);
    }
  }
  return records;
}

pipeline::ScanResult Snapshot::Merged() const {
  pipeline::ScanResult merged = base->result;
  for (std::size_t entry = 0; entry < provisional.size(); ++entry) {
    const pipeline::ApplicationResult& result = provisional[entry]->result;
    if (provisional_of.at(result.application_id) != entry) continue;
    const auto in_base = base->by_application.find(result.application_id);
    if (in_base != base->by_application.end()) {
      merged.applications[in_base->second] = result;
    } else {
      merged.applications.push_back(result);
    }
  }
  return merged;
}

}  // namespace crosscheck::serve
