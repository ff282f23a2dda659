#include "crosscheck/serve/hub_taxii.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "crosscheck/serve/taxii.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/share/stix_bundle.h"

namespace crosscheck::serve {
namespace {

// Severity orders the hub's levels, so a persona takes its most severe application's.
int Severity(const std::string& level) {
  static constexpr const char* kLevels[] = {"low", "medium", "high", "critical"};
  return static_cast<int>(std::find(std::begin(kLevels), std::end(kLevels), level) - std::begin(kLevels));
}

// Persona is what the findings say of one hub persona among the member's applications.
struct Persona {
  share::ConfirmedPersona persona;
  std::set<std::string> reasons;  // summaries, each once
};

}  // namespace

std::string HubFindingsCollectionId(const std::string& company) { return TaxiiUuid("hub findings|" + company); }

Result<std::string> HubFindingsBundle(std::string_view findings_json, const std::string& at) {
  Result<share::MemberFindings> findings = share::ParseFindings(findings_json, "stored findings");
  if (!findings) return std::unexpected(Error(ErrorCode::kDataLoss, findings.error().message()));
  std::map<std::string, Persona> by_persona;
  for (const share::ApplicationFinding& application : findings->applications) {
    if (application.persona.empty()) continue;
    Persona& entry = by_persona[application.persona];
    share::ConfirmedPersona& persona = entry.persona;
    persona.persona_id = application.persona;
    persona.application_ids.push_back(application.handle);
    persona.confirmed_at = at;
    persona.flagged_by = "the consortium hub";
    // A persona's level is its most severe application's; its network the first one named.
    if (persona.flagged_level.empty() || Severity(application.hub_level) > Severity(persona.flagged_level)) {
      persona.flagged_level = application.hub_level;
    }
    if (persona.network_id.empty()) persona.network_id = application.network;
    for (const share::ConsortiumReason& reason : application.reasons) entry.reasons.insert(reason.summary);
  }
  std::vector<share::ConfirmedPersona> personas;
  for (auto& [id, entry] : by_persona) {
    std::string reasons;
    for (const std::string& reason : entry.reasons) reasons += (reasons.empty() ? "" : "; ") + reason;
    entry.persona.note = std::move(reasons);
    personas.push_back(std::move(entry.persona));
  }
  return share::RenderConfirmedFraudBundle(personas, kHubProducer, at);
}

}  // namespace crosscheck::serve
