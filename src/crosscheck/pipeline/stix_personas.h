// What a STIX export says about a persona: the identifiers its applications were made with,
// normalized (E.164 phones, profile handles as URLs). One implementation for both exports:
// `crosscheck serve` (GET /v1/export/stix, the TAXII collection: personas a reviewer confirmed)
// and `crosscheck scan --stix-out` (the personas of the scan's flagged networks); both render
// with share::RenderConfirmedFraudBundle.
//
//   std::vector<share::ConfirmedPersona> personas = FlaggedPersonas(result, records, context, now);
//   std::string bundle = share::RenderConfirmedFraudBundle(personas, "Acme", now);
#pragma once

#include <string>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/pipeline/scan_result.h"
#include "crosscheck/share/stix_bundle.h"

namespace crosscheck::pipeline {

// DescribePersona fills the identifiers of one persona from its application rows (each value
// once, in the order of the rows sorted by application id: the same rows in any order give the
// same description); the rows are normalized with the context's IP intelligence and default
// region, as the scan did. Who and why (confirmed_by, confirmed_at, note, flagged_level) are
// left to the caller. Thread-safe for a shared context.
share::ConfirmedPersona DescribePersona(const std::string& persona_id, std::vector<ApplicationRecord> records,
                                        const ScanContext& context);

// FlaggedPersonas describes every persona of the scan's flagged networks (level high or
// critical), ordered by persona id; `records` are the scanned rows (found by application id).
// Each is dated `now` (ISO 8601 UTC) and says its network, score and
// level in its note.
std::vector<share::ConfirmedPersona> FlaggedPersonas(const ScanResult& result,
                                                     const std::vector<ApplicationRecord>& records,
                                                     const ScanContext& context, const std::string& now);

}  // namespace crosscheck::pipeline
