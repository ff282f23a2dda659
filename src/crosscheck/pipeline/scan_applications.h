// ScanApplications: the scan on rows in memory — normalize, persona linkage, networks,
// watchlists, post-hire monitoring, scoring — with no file read or written. RunScan (scan.h) is
// read files -> ScanApplications -> write files; the company service (`crosscheck serve`) calls
// it on the applications it stores, with the reference data loaded once in a ScanContext.
//
//   ScanContext context;                              // IP intel, SDN list, STIX indicators
//   CC_ASSIGN_OR_RETURN(context.intel, LoadIpIntel(mmdb_files, ip_ranges, {}, issues));
//   ScanInput input{.applications = &records, .source = "POST /v1/applications"};
//   CC_ASSIGN_OR_RETURN(ScanResult result, ScanApplications(context, input, issues));
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/graph/identity_split.h"
#include "crosscheck/link/fellegi_sunter.h"
#include "crosscheck/monitor/session_analyzer.h"
#include "crosscheck/normalize/ip_intel.h"
#include "crosscheck/pipeline/scan_result.h"
#include "crosscheck/pipeline/scan_tuning.h"
#include "crosscheck/score/risk_scorer.h"
#include "crosscheck/watchlist/indicator_set.h"
#include "crosscheck/watchlist/sanctions_list.h"
#include "crosscheck/watchlist/sanctions_sources.h"

namespace crosscheck::pipeline {

// ScanContext is the reference data a scan reads but never changes: IP intelligence (MaxMind
// DBs, ranges CSV), the OFAC SDN list and a STIX bundle of known-bad indicators. Load it once
// and share it: ScanApplications only reads it, so concurrent scans may use one context.
struct ScanContext {
  normalize::IpIntel intel;
  std::string default_region;  // checked ISO code of --default-region; "" = US
  std::optional<watchlist::SanctionsList> sanctions;  // --sdn and --sanctions-list, one index
  std::vector<watchlist::SanctionsListSummary> sanctions_lists;  // entries read per list
  std::optional<watchlist::IndicatorSet> indicators;  // --indicators
};

// ReferenceFiles names the files a ScanContext is loaded from (the flags --mmdb, --ip-ranges,
// --sdn and --indicators of `scan` and `serve`).
struct ReferenceFiles {
  std::vector<std::filesystem::path> mmdb_files;
  std::optional<std::filesystem::path> ip_ranges;
  std::optional<std::filesystem::path> sdn_dir;     // OFAC sdn.csv, alt.csv, add.csv
  std::vector<std::string> sanctions_lists;         // --sanctions-list [KIND:]FILE as given
  std::optional<std::filesystem::path> indicators;  // STIX 2.1 bundle
  std::string default_region;                       // --default-region as given
};

// LoadWatchlists loads the SDN list, the other sanctions lists (one index over all) and the STIX bundle named in `files` (when named) into
// `context` and appends the names a report shows to `inputs`. Bad rows are Issues. Errors:
// kNotFound, kInvalidInput (those of SanctionsList::Load and IndicatorSet::LoadStix).
Status LoadWatchlists(const ReferenceFiles& files, IssueLog& issues, ScanContext& context,
                      std::vector<std::string>& inputs);

// LoadScanContext loads everything `files` names: IP intelligence, then the watchlists.
// Errors: those of LoadIpIntel and LoadWatchlists.
Result<ScanContext> LoadScanContext(const ReferenceFiles& files, IssueLog& issues);

// ScanHooks lets a caller plug its own steps into a scan at fixed points. RunScan uses them to
// keep reading its reference files on a thread beside normalization and linkage and to keep
// its issue order; a service with everything in memory leaves them empty.
struct ScanHooks {
  // side_inputs_ready is called on the scan's side thread before the context's watchlists and
  // the input's employees and sign-ins are first read; its error ends the scan.
  std::function<Status()> side_inputs_ready;
  // side_inputs_read is called on the side thread once the watchlist and monitoring evidence
  // is made: the scan reads the input's employees and sign-ins no more, so a caller owning
  // them may free them (RunScan's 460k sign-ins held ~0.4 GiB until the scan ended, beside
  // linkage's and the networks' peaks).
  std::function<void()> side_inputs_read;
  // persona_ids, when set, is called after normalization and gives the persona of every
  // application (in order) instead of linking them; its issues go to the scan's log.
  std::function<Result<std::vector<std::string>>(IssueLog& issues)> persona_ids;
  // after_side_evidence is called once the watchlist and monitoring evidence is in, with the
  // side thread's status, before scoring; it may add evidence (consortium findings). Without it
  // a side failure ends the scan.
  std::function<Status(Status side_status, IssueLog& issues, score::ExternalEvidence& external)>
      after_side_evidence;
};

// ScanInput is what one scan looks at. Pointers are not owned and must outlive the call.
// ReviewDecisions are reviewers' decisions a scan takes into account (`crosscheck serve`).
// Ids not among the scanned applications are ignored.
struct ReviewDecisions {
  // confirmed_fraud: applications confirmed as fraud. Their personas get CONFIRMED_FRAUD and
  // whoever shares a specific artifact with them CONFIRMED_FRAUD_LINK.
  std::vector<std::string> confirmed_fraud;
  // cleared_groups: per cleared application, itself and the applications it shared evidence
  // with when it was cleared: one party from then on (graph::EvidenceOptions::cleared_groups).
  std::vector<std::vector<std::string>> cleared_groups;
};

// KnownPersonas: the applications after the first `arrivals` were resolved before (their
// personas in persona_ids, same indexes), and `model` is the persona model of that resolution
// (ScanResult::persona_model): the new ones are joined to them (link::JoinPersonas) instead of
// linking every application again. Not owned.
struct KnownPersonas {
  std::size_t arrivals = 0;
  const std::vector<std::string>* persona_ids = nullptr;
  const link::LinkModel* model = nullptr;
};

struct ScanInput {
  const std::vector<ApplicationRecord>* applications = nullptr;  // required
  std::string source = "applications.csv";  // names the rows in issues
  // Post-hire monitoring: with signins set (employees tie logins to applications), every
  // sign-in alert becomes a finding on the hired application.
  const std::vector<EmployeeRecord>* employees = nullptr;
  const std::vector<SigninEvent>* signins = nullptr;
  bool strict = false;  // any issue after normalization is fatal (kInvalidInput)
  // Kind statistics to weigh artifacts by instead of the input's own (ScanResult::population of
  // a scan of the whole store), for scoring a neighbourhood of it. Not owned.
  const std::vector<graph::KindStatistics>* population = nullptr;
  const ReviewDecisions* decisions = nullptr;  // not owned; none when null
  // monitoring: account reports a caller has already made from the sign-ins (a service keeps
  // one streaming analyzer); used instead of analyzing `signins`. Not owned.
  const monitor::MonitorReport* monitoring = nullptr;
  const KnownPersonas* known_personas = nullptr;  // link everything when null
  // indicators: known-bad indicators matched besides the context's (--indicators), e.g. those a
  // threat-intelligence platform pushed to a node over TAXII; they can change between scans,
  // the context cannot. Not owned; none when null.
  const watchlist::IndicatorSet* indicators = nullptr;
  // tuning: the thresholds the scan decides with (scan_tuning.h). Among them identity_split:
  // after networks, a persona whose contact-disjoint parts are one tied to other personas and
  // one tied to nobody (an identity's owner and its thief) is split in two and the networks are
  // built again (graph/identity_split.h).
  ScanTuning tuning;
  ScanHooks hooks;
};

// ScanApplications scans input.applications against the context and returns what it found,
// applications in input order (summary.stage_seconds holds normalize .. assemble; the caller
// adds its own stages). Issues (bad values found by normalization, the hooks' own) are
// appended to `issues`. Errors: kInvalidInput (strict, and an issue was found), those of the
// hooks, kInternal. Not thread-safe per `issues`; the context may be shared.
Result<ScanResult> ScanApplications(const ScanContext& context, const ScanInput& input, IssueLog& issues);

}  // namespace crosscheck::pipeline
