// What the consortium hub serves over TAXII 2.1: each member one collection, readable by that
// member alone, holding as STIX 2.1 what the hub's findings already tell it about its own
// applications (the personas and networks the findings name, by the hub's
// opaque ids, its own handles, the reasons' counts). No value, token or handle of another
// member is in it: the bundle is rendered from the member's findings and nothing else.
//
//   CC_ASSIGN_OR_RETURN(std::string bundle, HubFindingsBundle(findings_row.json, submitted_at));
#pragma once

#include <string>
#include <string_view>

#include "crosscheck/common/error.h"

namespace crosscheck::serve {

// kHubProducer names the hub as the producer of what it serves (the STIX identity).
inline constexpr char kHubProducer[] = "crosscheck consortium hub";

// HubFindingsCollectionId returns the id of `company`'s findings collection (stable: derived
// from the company id).
std::string HubFindingsCollectionId(const std::string& company);

// HubFindingsBundle renders a member's findings JSON (share::FindingsJson) as a STIX bundle
// (share::RenderConfirmedFraudBundle): a threat-actor per hub persona the findings name (the
// hub names only applications it has something to say of), flagged at its most severe
// application's level, its applications (the member's handles), the hub's reasons as its
// note, its network's report, a sighting and the link to the scheme; no indicator (the hub
// holds no value). Objects are dated `at` (ISO 8601 UTC: when the member's submission was
// received). Errors: kDataLoss when the stored findings do not parse.
Result<std::string> HubFindingsBundle(std::string_view findings_json, const std::string& at);

}  // namespace crosscheck::serve
