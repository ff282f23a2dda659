#include "crosscheck/pipeline/consortium_fold.h"

#include <cmath>
#include <unordered_map>

#include "crosscheck/score/indicator_catalog.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/share/key_file.h"

namespace crosscheck::pipeline {

ConsortiumFoldStats AddConsortiumFindings(const share::MemberFindings& findings, const share::SubmissionEncoder& encoder,
                                          const std::vector<ApplicationRecord>& records, const std::string& source,
                                          IssueLog& issues, score::ExternalEvidence& external) {
  std::unordered_map<std::string, std::size_t> record_of_handle;
  for (std::size_t record_idx = 0; record_idx < records.size(); ++record_idx) {
    const ApplicationRecord& record = records[record_idx];
    record_of_handle.emplace(share::TokenHex(encoder.Handle(record.company_id, record.application_id)), record_idx);
  }
  ConsortiumFoldStats stats;
  for (const share::ApplicationFinding& finding : findings.applications) {
    ++stats.findings;
    auto found = record_of_handle.find(finding.handle);
    if (found == record_of_handle.end()) {
      issues.Add(Issue{source, 0, 0, "handle", "HUB_FINDING_UNMATCHED",
                       "finding for handle " + finding.handle.substr(0, 12) +
                           "... matches no application of this input (other input, key or epoch '" +
                           findings.epoch + "')",
                       IssueSeverity::kFieldIgnored});
      continue;
    }
    ++stats.matched;
    for (const share::ConsortiumReason& reason : finding.reasons) {
      const score::Indicator* indicator = score::FindIndicator(reason.code);
      if (indicator == nullptr || reason.log_odds <= 0) continue;
      // Strength carries the hub's weight: log-odds over the code's full log-LR (the family cap).
      const double strength = std::min(1.0, reason.log_odds / std::log(indicator->likelihood_ratio));
      external.findings.push_back({found->second, reason.code,
                                   "consortium " + finding.network + ": " + reason.summary, strength});
      ++stats.reasons;
    }
  }
  return stats;
}

Result<ConsortiumFoldStats> AddConsortiumEvidence(const std::filesystem::path& findings_path,
                                                  const std::filesystem::path& key_path,
                                                  const std::vector<ApplicationRecord>& records,
                                                  IssueLog& issues, score::ExternalEvidence& external) {
  CC_ASSIGN_OR_RETURN(share::ConsortiumKey key, share::ReadKeyFile(key_path));
  CC_ASSIGN_OR_RETURN(share::MemberFindings findings, share::ReadFindings(findings_path));
  const share::SubmissionEncoder encoder(key, findings.epoch);
  return AddConsortiumFindings(findings, encoder, records, findings_path.filename().string(), issues, external);
}

}  // namespace crosscheck::pipeline
