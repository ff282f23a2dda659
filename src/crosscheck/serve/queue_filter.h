// The review queue's filters and search (GET /v1/queue?company_id=&stage=&decision=&q=): which of
// the applications at or above a level a reviewer wants to see.
//
//   QueueFilter filter{.company_id = "acme", .query = "walker"};
//   std::vector<std::size_t> shown = FilterQueue(*snapshot, snapshot->BySeverity(2), filter, latest);
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "crosscheck/serve/snapshot.h"

namespace crosscheck::serve {

struct QueueFilter {
  std::string company_id;  // exact; empty: any
  std::string stage;       // ignoring ASCII case; empty: any
  std::string decision;    // "none" (undecided), "confirmed_fraud" or "cleared"; empty: any
  // query: the application id, a part of the name or e-mail (ignoring ASCII case), or 4+ digits
  // of the phone number as written; empty: any.
  std::string query;
};

// IsDecisionState tells whether `text` is a value QueueFilter::decision accepts.
bool IsDecisionState(const std::string& text);

// FilterQueue keeps the entries of `matching` (snapshot indexes, in order) that pass `filter`;
// `latest_decision` maps an application id to its latest decision.
std::vector<std::size_t> FilterQueue(const Snapshot& snapshot, const std::vector<std::size_t>& matching,
                                     const QueueFilter& filter,
                                     const std::map<std::string, std::string>& latest_decision);

}  // namespace crosscheck::serve
