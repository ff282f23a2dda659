// What reviewers' stored decisions mean for scoring: the latest decision on each application
// counts (a confirmed application later cleared is cleared).
//
//   resolver.SetDecisions(DecisionsOf(store->Decisions("").value()));
#pragma once

#include <vector>

#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/store/company_store.h"

namespace crosscheck::serve {

// DecisionsOf turns stored decisions (oldest first, as CompanyStore::Decisions returns them)
// into what a scan takes in: confirmed applications, and per cleared application the group of
// itself and the applications it shared evidence with when it was cleared.
pipeline::ReviewDecisions DecisionsOf(const std::vector<store::DecisionRow>& rows);

}  // namespace crosscheck::serve
