#include "crosscheck/serve/confirmed_export.h"

#include <map>
#include <string>

#include "crosscheck/pipeline/stix_personas.h"

namespace crosscheck::serve {
namespace {

share::ConfirmedPersona Describe(const Snapshot& snapshot, const std::string& persona_id,
                                 const store::DecisionRow& decision, const pipeline::ScanContext& context) {
  std::vector<ApplicationRecord> records;
  for (std::size_t index : snapshot.Persona(persona_id)) records.push_back(snapshot.record(index));
  share::ConfirmedPersona persona = pipeline::DescribePersona(persona_id, std::move(records), context);
  persona.confirmed_by = decision.who;
  persona.confirmed_at = decision.at;
  persona.note = decision.note;
  return persona;
}

}  // namespace

std::vector<share::ConfirmedPersona> ConfirmedPersonas(const Snapshot& snapshot,
                                                       const std::vector<store::DecisionRow>& decisions,
                                                       const pipeline::ScanContext& context) {
  std::map<std::string, const store::DecisionRow*> latest;  // by application
  for (const store::DecisionRow& row : decisions) latest[row.application_id] = &row;
  std::map<std::string, const store::DecisionRow*> confirmed;  // by persona: the first confirmation
  for (const auto& [application_id, row] : latest) {
    if (row->decision != "confirmed_fraud") continue;
    const std::optional<std::size_t> index = snapshot.IndexOf(application_id);
    if (!index) continue;
    auto [slot, inserted] = confirmed.emplace(snapshot.application(*index).persona_id, row);
    if (!inserted && row->id < slot->second->id) slot->second = row;
  }
  std::vector<share::ConfirmedPersona> personas;
  for (const auto& [persona_id, row] : confirmed) personas.push_back(Describe(snapshot, persona_id, *row, context));
  return personas;
}

}  // namespace crosscheck::serve
