#include "crosscheck/serve/review_decisions.h"

#include <map>
#include <string>

namespace crosscheck::serve {

pipeline::ReviewDecisions DecisionsOf(const std::vector<store::DecisionRow>& rows) {
  std::map<std::string, const store::DecisionRow*> latest;  // by application; ordered: deterministic
  for (const store::DecisionRow& row : rows) latest[row.application_id] = &row;
  pipeline::ReviewDecisions decisions;
  for (const auto& [application_id, row] : latest) {
    if (row->decision == "confirmed_fraud") {
      decisions.confirmed_fraud.push_back(application_id);
    } else if (row->decision == "cleared") {
      std::vector<std::string> group{application_id};
      group.insert(group.end(), row->cleared_with.begin(), row->cleared_with.end());
      decisions.cleared_groups.push_back(std::move(group));
    }
  }
  return decisions;
}

}  // namespace crosscheck::serve
