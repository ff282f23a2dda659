#include "crosscheck/serve/confirmed_export.h"

#include <algorithm>
#include <map>
#include <string>

#include "crosscheck/common/strings.h"
#include "crosscheck/pipeline/application_input.h"

namespace crosscheck::serve {
namespace {

// AddOnce appends a non-empty value not listed yet.
void AddOnce(std::vector<std::string>& values, std::string value) {
  if (!value.empty() && std::find(values.begin(), values.end(), value) == values.end()) values.push_back(std::move(value));
}

share::ConfirmedPersona Describe(const Snapshot& snapshot, const std::string& persona_id,
                                 const store::DecisionRow& decision, const pipeline::ScanContext& context) {
  share::ConfirmedPersona persona;
  persona.persona_id = persona_id;
  persona.confirmed_by = decision.who;
  persona.confirmed_at = decision.at;
  persona.note = decision.note;
  std::vector<ApplicationRecord> records;
  for (std::size_t index : snapshot.Persona(persona_id)) records.push_back(snapshot.record(index));
  IssueLog told;  // reported when each was posted
  const std::vector<NormalizedApplication> normalized = pipeline::NormalizeWithIntel(records, context.intel, context.default_region, "store", told);
  for (std::size_t idx = 0; idx < records.size(); ++idx) {
    const ApplicationRecord& record = records[idx];
    const NormalizedApplication& application = normalized[idx];
    AddOnce(persona.application_ids, record.application_id);
    AddOnce(persona.names, std::string(TrimAscii(record.full_name)));
    AddOnce(persona.emails, ToLowerAscii(TrimAscii(record.email)));
    AddOnce(persona.ip_addresses, application.ip_address);
    if (!application.linkedin.empty()) AddOnce(persona.profile_urls, "https://www.linkedin.com/in/" + application.linkedin);
    if (!application.github.empty()) AddOnce(persona.profile_urls, "https://github.com/" + application.github);
    AddOnce(persona.phones, application.phone_e164);
    AddOnce(persona.payout_accounts, application.payout_account);
    AddOnce(persona.device_ids, application.device_id);
  }
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
