// Findings: what the hub tells one member about that member's own applications, and nothing
// about anyone else's. Written by `crosscheck hub match`, read by `crosscheck scan
// --hub-findings`. JSON:
//
//   {"format": "crosscheck-findings", "version": 1, "company_id": "acme", "epoch": "2026-12",
//    "k_threshold": 2, "applications": [
//      {"handle": "<32 hex>", "persona": "P-<16 hex>", "network": "N-<16 hex>",
//       "hub_score": 99, "hub_level": "critical",
//       "reasons": [{"code": "CONSORTIUM_SHARED_ARTIFACT", "log_odds": 6.2,
//                    "summary": "phone on 14 applications at 11 other companies under 6 names"}],
//       "evidence": [{"kind": "phone", "applications": 14, "other_companies": 11, "names": 6}]}]}
//
// Persona and network ids are opaque (keyed by the hub). Counts are over the consortium.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"

namespace crosscheck::share {

// ConsortiumReason is one reason the hub gives, as a consortium indicator code.
struct ConsortiumReason {
  std::string code;      // CONSORTIUM_SHARED_ARTIFACT, CONSORTIUM_NETWORK_RISK, CONSORTIUM_PERSONA
  double log_odds = 0;   // the hub's contribution in nats
  std::string summary;   // counts only
};

// SharedArtifactCount says how widely one of the application's artifacts is shared.
struct SharedArtifactCount {
  std::string kind;              // graph ArtifactKindName: phone, device, payout_account, photo ...
  std::size_t applications = 0;  // applications holding it, across the consortium
  std::size_t other_companies = 0;
  std::size_t names = 0;         // distinct identities (people) among the holders
};

// ApplicationFinding is the hub's word on one of the member's applications.
struct ApplicationFinding {
  std::string handle;   // 32 hex digits, as the member's encoder made it
  std::string persona;  // opaque
  std::string network;  // opaque
  int hub_score = 0;
  std::string hub_level;
  std::vector<ConsortiumReason> reasons;
  std::vector<SharedArtifactCount> evidence;
};

// MemberFindings is one findings file.
struct MemberFindings {
  std::string company_id;
  std::string epoch;
  std::size_t k_threshold = 2;
  std::vector<ApplicationFinding> applications;
};

// FindingsJson returns the findings as the JSON text WriteFindings writes (what the hub's
// GET /v1/findings answers). Deterministic; thread-safe.
std::string FindingsJson(const MemberFindings& findings);

// WriteFindings writes the JSON file (atomically). Errors: kInvalidInput if it cannot be written.
Status WriteFindings(const MemberFindings& findings, const std::filesystem::path& path);

// ReadFindings reads a findings file. Errors: kNotFound; kInvalidInput for a file that is not
// findings JSON of this version or has a field of the wrong type (the message names it).
Result<MemberFindings> ReadFindings(const std::filesystem::path& path);

// ParseFindings reads findings JSON in memory (what GET /v1/findings answers); `source` names it
// in messages. Errors: kInvalidInput as ReadFindings.
Result<MemberFindings> ParseFindings(std::string_view text, const std::string& source);

}  // namespace crosscheck::share
