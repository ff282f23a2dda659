// Folds the consortium hub's findings into a company's scan: each finding's reasons become
// CONSORTIUM_* evidence on the application whose handle it names (the company's key maps its
// keyed handles back to its applications; nobody else can).
//
//   CC_RETURN_IF_ERROR(AddConsortiumEvidence(findings_path, key_path, records, issues, external));
#pragma once

#include <filesystem>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/score/risk_scorer.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/findings_file.h"

namespace crosscheck::pipeline {

// ConsortiumFoldStats counts what a findings file contributed.
struct ConsortiumFoldStats {
  std::size_t findings = 0;        // applications the hub spoke of
  std::size_t matched = 0;         // ... found in this input
  std::size_t reasons = 0;         // evidence items added
};

// AddConsortiumEvidence reads the findings and the key file and appends one ExternalFinding
// per hub reason to `external`. A finding whose handle names no application of `records` is
// an Issue (HUB_FINDING_UNMATCHED: another input, key or epoch). Errors: those of ReadKeyFile
// (kNotFound, kInvalidInput: missing, short or world-readable key) and ReadFindings.
// AddConsortiumFindings is the same for findings in memory, with the member's encoder (which
// holds the handle key of the findings' epoch). `source` names the findings in issues.
ConsortiumFoldStats AddConsortiumFindings(const share::MemberFindings& findings, const share::SubmissionEncoder& encoder,
                                          const std::vector<ApplicationRecord>& records, const std::string& source,
                                          IssueLog& issues, score::ExternalEvidence& external);

Result<ConsortiumFoldStats> AddConsortiumEvidence(const std::filesystem::path& findings_path,
                                                  const std::filesystem::path& key_path,
                                                  const std::vector<ApplicationRecord>& records,
                                                  IssueLog& issues, score::ExternalEvidence& external);

}  // namespace crosscheck::pipeline
