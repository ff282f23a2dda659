// Snapshot: what a company node shows at one moment — the last whole-store resolution (a scan
// of every stored application) plus the applications scored on arrival since, which are
// provisional until the next resolution takes them in. Immutable once published: readers keep
// one alive as long as they use it while the resolver builds the next beside it.
//
//   std::shared_ptr<const Snapshot> snapshot = resolver.snapshot();
//   if (std::optional<std::size_t> index = snapshot->IndexOf("a-17")) Show(snapshot->application(*index));
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/pipeline/scan_result.h"

namespace crosscheck::serve {

// Resolution is one scan of every stored application, with its look-up tables.
struct Resolution {
  std::vector<ApplicationRecord> records;  // stored order; records[i] is result.applications[i]
  pipeline::ScanResult result;
  double resolve_seconds = 0;              // wall time of the scan that made it
  std::uint64_t sequence = 0;              // the last arrival it includes (Provisional::sequence)
  std::unordered_map<std::string, std::size_t> by_application;
  std::unordered_map<std::string, std::vector<std::size_t>> by_persona;
  std::unordered_map<std::string, std::vector<std::size_t>> by_network;
  std::unordered_map<std::string, std::size_t> flagged_network;  // network id -> flagged_networks index
  std::vector<std::size_t> by_severity;    // highest level, then score, then id

  // Index fills the look-up tables from records and result.
  void Index();
};

// Provisional is one application scored on arrival against the applications it shares
// artifacts with (not the whole store), kept until a resolution includes it.
struct Provisional {
  ApplicationRecord record;
  pipeline::ApplicationResult result;
  std::uint64_t sequence = 0;  // arrival order, from 1
};

// Snapshot indexes run over the base's applications, then the provisional ones: index i <
// base size is base->result.applications[i], else provisional[i - base size]. A base index
// whose application has a provisional entry, and a provisional entry replaced by a later one,
// are superseded: IndexOf, Group and BySeverity never return them.
struct Snapshot {
  std::shared_ptr<const Resolution> base = std::make_shared<const Resolution>();
  std::vector<std::shared_ptr<const Provisional>> provisional;  // arrival order
  std::unordered_map<std::string, std::size_t> provisional_of;  // id -> its latest entry

  std::size_t size() const;  // distinct applications
  std::size_t provisional_count() const { return provisional_of.size(); }
  std::optional<std::size_t> IndexOf(std::string_view application_id) const;
  const pipeline::ApplicationResult* Find(std::string_view application_id) const;
  const pipeline::ApplicationResult& application(std::size_t index) const;
  const ApplicationRecord& record(std::size_t index) const;
  bool is_provisional(std::size_t index) const { return index >= base->records.size(); }
  // Persona or Network lists the applications of a persona or network id (base, then provisional).
  std::vector<std::size_t> Persona(const std::string& persona_id) const;
  std::vector<std::size_t> Network(const std::string& network_id) const;
  // BySeverity lists every application at `min_rank` or above, most severe first.
  std::vector<std::size_t> BySeverity(int min_rank) const;
  // FlaggedNetwork returns the resolution's view of a flagged network, or nullptr.
  const pipeline::NetworkView* FlaggedNetwork(const std::string& network_id) const;
  // Records lists every current record in stored order (base order, new ones last): what the
  // next resolution scans.
  std::vector<ApplicationRecord> Records() const;
  // Merged returns the resolution's result with the provisional results in place (export).
  pipeline::ScanResult Merged() const;

 private:
  bool Superseded(std::size_t index) const;
  std::vector<std::size_t> Group(const std::unordered_map<std::string, std::vector<std::size_t>>& groups,
                                 std::string pipeline::ApplicationResult::*field, const std::string& id) const;
};

}  // namespace crosscheck::serve
