#include "crosscheck/serve/queue_filter.h"

#include <algorithm>
#include <cctype>

#include "crosscheck/common/strings.h"

namespace crosscheck::serve {
namespace {

std::string Digits(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  return digits;
}

bool Contains(const std::string& haystack, const std::string& lowered_needle) {
  return ToLowerAscii(haystack).find(lowered_needle) != std::string::npos;
}

// Matches says whether the record answers the search text.
bool Matches(const ApplicationRecord& record, const std::string& lowered, const std::string& digits) {
  if (ToLowerAscii(record.application_id) == lowered) return true;
  if (Contains(record.full_name, lowered) || Contains(record.email, lowered)) return true;
  return digits.size() >= 4 && Digits(record.phone).find(digits) != std::string::npos;
}

}  // namespace

bool IsDecisionState(const std::string& text) {
  return text.empty() || text == "none" || text == "confirmed_fraud" || text == "cleared";
}

std::vector<std::size_t> FilterQueue(const Snapshot& snapshot, const std::vector<std::size_t>& matching,
                                     const QueueFilter& filter,
                                     const std::map<std::string, std::string>& latest_decision) {
  const std::string lowered = ToLowerAscii(TrimAscii(filter.query));
  const std::string digits = Digits(filter.query);
  std::vector<std::size_t> kept;
  for (std::size_t index : matching) {
    const ApplicationRecord& record = snapshot.record(index);
    if (!filter.company_id.empty() && record.company_id != filter.company_id) continue;
    if (!filter.stage.empty() && !EqualsIgnoreCaseAscii(record.stage, filter.stage)) continue;
    if (!filter.decision.empty()) {
      const auto found = latest_decision.find(record.application_id);
      const std::string state = found == latest_decision.end() ? "none" : found->second;
      if (state != filter.decision) continue;
    }
    if (!lowered.empty() && !Matches(record, lowered, digits)) continue;
    kept.push_back(index);
  }
  return kept;
}

}  // namespace crosscheck::serve
