// Resolver: a company node's current picture of every stored application — personas, networks,
// scores and reasons — and the one place that changes it. Two paths:
//  - on arrival (Score, in the request): the new applications are normalized and joined to the
//    stored applications they share an artifact with (NeighbourIndex) and those applications'
//    personas; that neighbourhood is scanned with the whole store's artifact statistics, keeping
//    as evidence only artifacts whose every holder is in it (others are cleared, so a value
//    shared beyond the neighbourhood never looks rarer than it is); the new applications'
//    results are published at once, marked provisional. Score is Prepare (read only: concurrent
//    posts run it at once) then Commit (one at a time, in stored order);
//  - in the background: a resolution scans the whole store (batch linkage, network statistics,
//    communities) whenever anything arrived, and replaces the provisional results with results
//    equal to a batch `scan` of the same rows.
//
//   Resolver resolver(context);
//   CC_RETURN_IF_ERROR(resolver.Load(store->Applications().value()));   // at start-up
//   CC_ASSIGN_OR_RETURN(auto snapshot, resolver.Score(new_records, issues));
//   const pipeline::ApplicationResult* found = snapshot->Find("a-17");
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"
#include "crosscheck/common/stage_timer.h"
#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/serve/neighbourhood.h"
#include "crosscheck/serve/snapshot.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/findings_file.h"

namespace crosscheck::serve {

struct ResolverOptions {
  // An artifact held by more stored applications than this is generic (a VPN exit, a common
  // name): its holders are not brought into a neighbourhood, and it is no evidence there.
  std::size_t max_holders = 256;
  // The most stored applications an arrival is scored against.
  std::size_t max_neighbourhood = 2000;
  // The most applications a persona brings into a neighbourhood.
  std::size_t max_persona = 200;
  // The background resolution waits until no arrival came for quiet_period (a bulk load's posts
  // are not slowed by whole-store rescans between them), but never lets a provisional result
  // wait longer than max_staleness from the first arrival it has not taken in.
  std::chrono::milliseconds quiet_period{1000};
  std::chrono::milliseconds max_staleness{30000};
  // The background resolution (and the worker threads it starts) runs at this nice value: a
  // request's scoring takes a core from it at once instead of sharing it, while the resolution
  // still gets a share by weight under load (common/thread_priority.h). 0 = the requests' own.
  int background_nice = 10;
};

// Resolver owns the current Snapshot. Load, Score, Rescore and Commit must be called by one
// writer at a time, in stored order (the server orders them with its store writes, so the
// stored order and the resolved order agree); Prepare, SharingWith, snapshot(), resolving() and
// WaitUntilResolved() may be called from any thread, Prepare beside a commit.
class Resolver {
 public:
  // The context (IP intel, watchlists) is shared, read-only, by every resolution.
  explicit Resolver(std::shared_ptr<const pipeline::ScanContext> context, ResolverOptions options = {});
  ~Resolver();  // waits for a background resolution under way
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // Load replaces everything with `records` (the store's, in stored order) and resolves them
  // before returning. Errors: those of pipeline::ScanApplications (kInternal).
  Status Load(std::vector<ApplicationRecord> records);

  // Arrival is a post scored against its neighbourhood (Prepare) and not yet put in (Commit).
  struct Arrival {
    const std::vector<ApplicationRecord>* records = nullptr;  // the posted ones; not owned
    std::vector<std::vector<ArtifactKey>> keys;               // per posted record
    std::vector<std::size_t> latest;                          // the last of each id, in order
    std::vector<pipeline::ApplicationResult> results;         // latest's, same order
    std::size_t neighbourhood = 0;
    std::chrono::steady_clock::time_point started;
    StageTimer::Stages stages;
  };

  // Prepare is the read half of Score: it normalizes `records`, gathers their neighbourhood
  // and scans it, against the index and the snapshot as the last Commit left them, and changes
  // nothing. Thread-safe: any number run at once, beside a Commit or a background resolution.
  // `records` must outlive the Arrival. Issues and errors as Score's.
  Result<Arrival> Prepare(const std::vector<ApplicationRecord>& records, IssueLog& issues) const;

  // Commit is the write half: it indexes the arrival's records and publishes the snapshot
  // holding their provisional results (a background resolution follows). One at a time, in
  // the order the records were stored (the caller orders them; Score and Load are commits
  // too). An arrival prepared while others committed was scored without them: each one is
  // scored against what was committed when its Prepare began. Short: no scan.
  std::shared_ptr<const Snapshot> Commit(Arrival arrival);

  // Score puts `records` in (a known application_id replaces the stored record, a new one goes
  // last), scores them against their neighbourhood and publishes the snapshot holding their
  // provisional results; a background resolution follows. What normalization finds wrong in
  // `records` goes to `issues` (file "body", the records' lines). Errors: those of
  // pipeline::ScanApplications; the current snapshot is then kept.
  Result<std::shared_ptr<const Snapshot>> Score(const std::vector<ApplicationRecord>& records, IssueLog& issues);

  // SetDecisions makes reviewers' decisions count in every scan from now on (call before Load
  // at start-up; then Rescore what the decision touches).
  void SetDecisions(pipeline::ReviewDecisions decisions);

  // SharingWith returns the stored applications that share an artifact value (not a name) with
  // an application of `application_id`'s persona, at most max_neighbourhood: what a reviewer
  // who clears it declares explained.
  std::vector<std::string> SharingWith(const std::string& application_id) const;

  // SetMonitoring makes the sign-in monitor's account reports count in every scan from now on
  // (findings on the hired applications). Null: none.
  void SetMonitoring(std::shared_ptr<const monitor::MonitorReport> report);

  // SetConsortium makes the consortium hub's findings count in every scan from now on (folded as
  // CONSORTIUM_* evidence; the encoder maps the findings' handles back to applications), and asks
  // for a background resolution. Null findings: none.
  void SetConsortium(std::shared_ptr<const share::MemberFindings> findings,
                     std::shared_ptr<const share::SubmissionEncoder> encoder);

  // SetIndicators makes a set of known-bad indicators count in every scan from now on besides
  // the context's (--indicators): those threat-intelligence platforms pushed over TAXII. Any
  // stored application may match one, so a background resolution of the whole store follows
  // (after Load; before it, Load's resolution takes them in). Null: none. The context stays as it was loaded: IP intelligence and the SDN list are large
  // and never change while the node runs; indicators do, so they travel with the decisions.
  void SetIndicators(std::shared_ptr<const watchlist::IndicatorSet> indicators);

  // ConsortiumFindingOf returns the hub's finding on one of this node's applications, as the
  // last SetConsortium gave it; nullopt when the node has no findings or none names it. Linear
  // in the findings. Thread-safe.
  std::optional<share::ApplicationFinding> ConsortiumFindingOf(const std::string& company_id,
                                                               const std::string& application_id) const;

  // Rescore is Score of the stored applications `affected` (ids; unknown ones are skipped), after
  // what scoring takes besides the rows changed (SetDecisions, SetMonitoring), so the change
  // shows at once; a background resolution follows. Errors: those of Score.
  Result<std::shared_ptr<const Snapshot>> Rescore(const std::vector<std::string>& affected);

  // snapshot returns the current snapshot (never null: empty before Load). Thread-safe.
  std::shared_ptr<const Snapshot> snapshot() const;

  // resolving says whether provisional results wait for a resolution (or one is running).
  bool resolving() const;

  // WaitUntilResolved waits until no result is provisional; false on timeout.
  bool WaitUntilResolved(std::chrono::milliseconds timeout) const;

  // ArrivalStats describes the last Score: how many applications its neighbourhood scan held
  // (the posted ones included) and how long Score took. Thread-safe.
  struct ArrivalStats {
    std::size_t neighbourhood = 0;
    double seconds = 0;
    // Score's stages: the arrivals' keys, the neighbourhood, then the neighbourhood scan's own.
    std::vector<std::pair<std::string, double>> stage_seconds;
  };
  ArrivalStats last_arrival() const;

 private:
  // What scans take besides the rows; replaced whole, read under mutex_.
  struct Judgements {
    std::shared_ptr<const pipeline::ReviewDecisions> decisions = std::make_shared<const pipeline::ReviewDecisions>();
    std::shared_ptr<const monitor::MonitorReport> monitoring;
    std::shared_ptr<const share::MemberFindings> consortium;
    std::shared_ptr<const share::SubmissionEncoder> encoder;  // of the consortium findings' epoch
    std::shared_ptr<const watchlist::IndicatorSet> indicators;  // pushed over TAXII
  };
  // ScanInputFor is the scan of `records` with everything judged besides them.
  static pipeline::ScanInput ScanInputFor(const std::vector<ApplicationRecord>& records, const char* source,
                                          const Judgements& judgements);

  Result<std::shared_ptr<const Resolution>> Resolve(std::vector<ApplicationRecord> records, std::uint64_t sequence,
                                                    const Judgements& judgements) const;
  Judgements judgements() const;
  // PersonaMates lists the applications of `index`'s persona in the last resolution: the
  // latest max_persona in stored order (`index` itself only if among them).
  std::vector<std::size_t> PersonaMates(const Snapshot& current, std::size_t index) const;
  // NeighbourhoodRows is what an arrival is scored against: the posted rows first (the last of
  // each id), then the stored applications around them with their resolved personas.
  struct NeighbourhoodRows {
    std::vector<ApplicationRecord> records;
    std::vector<std::string> persona_ids;  // empty for the posted rows
    std::vector<const std::vector<ArtifactKey>*> posted_keys;  // the posted rows', as Score made them
    std::vector<std::uint32_t> ordinals;  // the stored rows' in the NeighbourIndex (after the posted)
    std::size_t posted() const { return posted_keys.size(); }  // how many rows come first
  };
  // IndexOfOrdinal is the snapshot index of the application at a NeighbourIndex ordinal (its
  // latest version), nullopt when the snapshot does not hold it; OrdinalOfIndex the reverse.
  std::optional<std::size_t> IndexOfOrdinal(const Snapshot& current, std::uint32_t ordinal) const;
  std::optional<std::uint32_t> OrdinalOfIndex(const Snapshot& current, std::size_t index) const;
  // Neighbourhood gathers the posted rows `latest` (LatestPosted of `records`) and what they touch.
  NeighbourhoodRows Neighbourhood(const Snapshot& current, const std::vector<ApplicationRecord>& records,
                                  const std::vector<std::size_t>& latest,
                                  const std::vector<std::vector<ArtifactKey>>& keys) const;
  void KeepCompleteArtifacts(NeighbourhoodRows& around) const;
  void Publish(std::shared_ptr<const Resolution> resolution);
  void ResolveLoop();
  // Want marks that a resolution is wanted (holding mutex_) and wakes the loop.
  void WantLocked();

  // Retired resolutions. The last reader of a whole-store resolution may be a request; freeing
  // a million rows there stalls it for a second, so the resolution's deleter puts it here and
  // the resolution thread frees it (FreeRetired). Shared: a snapshot may outlive the resolver.
  struct Retired {
    std::mutex mutex;
    std::vector<std::unique_ptr<const Resolution>> resolutions;
  };
  void FreeRetired();

  std::shared_ptr<Retired> retired_ = std::make_shared<Retired>();
  std::shared_ptr<const pipeline::ScanContext> context_;
  ResolverOptions options_;
  // The NeighbourIndex: read under a shared lock (Prepare, SharingWith), changed under an
  // exclusive one (Load, Commit) together with the snapshot, so a reader sees both as one.
  mutable std::shared_mutex index_mutex_;
  NeighbourIndex neighbours_;

  mutable std::mutex mutex_;               // guards everything below
  mutable std::condition_variable changed_;
  std::shared_ptr<const Snapshot> current_;
  Judgements judgements_;
  bool loaded_ = false;                    // Load has published its resolution
  bool wanted_ = false;                    // provisional results wait for a resolution
  std::chrono::steady_clock::time_point last_arrival_at_;   // of the last Score / Set*
  std::chrono::steady_clock::time_point first_wanted_at_;   // since wanted_ became true
  bool running_ = false;                   // a resolution is under way
  bool stopping_ = false;
  ArrivalStats last_arrival_;
  std::uint64_t sequence_ = 0;             // arrivals committed so far
  std::thread worker_;                     // the background resolution, started by Load
};

}  // namespace crosscheck::serve
