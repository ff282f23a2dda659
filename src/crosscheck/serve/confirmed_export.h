// What GET /v1/export/stix (and the TAXII collection) shares: every persona with an
// application whose latest decision is confirmed_fraud, described by pipeline::DescribePersona
// (the one description `scan --stix-out` uses too), with who confirmed it when.
//
//   std::string bundle = share::RenderConfirmedFraudBundle(
//       ConfirmedPersonas(*snapshot, store->Decisions("").value(), *context), "Acme", now);
#pragma once

#include <vector>

#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/serve/snapshot.h"
#include "crosscheck/share/stix_bundle.h"
#include "crosscheck/store/company_store.h"

namespace crosscheck::serve {

// ConfirmedPersonas lists the confirmed personas of `snapshot`, ordered by persona id; each
// value once, in stored order. `decisions` as CompanyStore::Decisions returns them.
std::vector<share::ConfirmedPersona> ConfirmedPersonas(const Snapshot& snapshot,
                                                       const std::vector<store::DecisionRow>& decisions,
                                                       const pipeline::ScanContext& context);

}  // namespace crosscheck::serve
