#include "crosscheck/serve/resolver.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "crosscheck/common/check.h"
#include "crosscheck/common/stage_timer.h"
#include "crosscheck/common/thread_priority.h"
#include "crosscheck/pipeline/application_input.h"
#include "crosscheck/pipeline/consortium_fold.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::serve {
namespace {

// A resolution that failed is tried again after this pause.
constexpr std::chrono::seconds kRetryPause{5};
// Retired resolutions are freed at least this often.
constexpr std::chrono::seconds kFreeRetiredPause{1};
// A post is joined to its neighbourhood's personas pair by pair up to this many comparisons
// (well under a millisecond each thousand); a bigger one is linked from scratch.
constexpr std::size_t kMaxJoinedPairs = 500000;

// LatestPosted keeps the last of each application id in `records` (a body may repeat one).
std::vector<std::size_t> LatestPosted(const std::vector<ApplicationRecord>& records) {
  std::unordered_set<std::string_view> seen;
  std::vector<std::size_t> latest;
  for (std::size_t idx = records.size(); idx-- > 0;) {
    if (seen.insert(records[idx].application_id).second) latest.push_back(idx);
  }
  return {latest.rbegin(), latest.rend()};
}

}  // namespace

Resolver::Resolver(std::shared_ptr<const pipeline::ScanContext> context, ResolverOptions options)
    : context_(std::move(context)), options_(options), current_(std::make_shared<const Snapshot>()) {
  worker_ = std::thread([this] { ResolveLoop(); });
}

Resolver::~Resolver() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

Status Resolver::Load(std::vector<ApplicationRecord> records) {
  IssueLog told;  // each stored row's issues were reported when it was posted
  const std::vector<NormalizedApplication> normalized = pipeline::NormalizeWithIntel(records, context_->intel, context_->default_region, "store", told);
  std::unique_lock index_lock(index_mutex_);
  for (std::size_t idx = 0; idx < records.size(); ++idx) {
    neighbours_.Add(records[idx].application_id, ArtifactKeys(normalized[idx], records[idx]));
  }
  std::uint64_t sequence = 0;
  {
    std::lock_guard lock(mutex_);
    sequence = sequence_;
  }
  CC_ASSIGN_OR_RETURN(std::shared_ptr<const Resolution> resolution, Resolve(std::move(records), sequence, judgements()));
  std::lock_guard lock(mutex_);
  auto loaded = std::make_shared<Snapshot>();
  loaded->base = std::move(resolution);
  current_ = std::move(loaded);
  loaded_ = true;
  changed_.notify_all();
  return Ok();
}

std::vector<std::size_t> Resolver::PersonaMates(const Snapshot& current, std::size_t index) const {
  const auto persona = current.base->by_persona.find(current.application(index).persona_id);
  if (persona == current.base->by_persona.end()) return {};
  // The latest stored: an arrival is scored on what the persona did lately (its velocity).
  const std::size_t count = std::min(persona->second.size(), options_.max_persona);
  return {persona->second.end() - static_cast<std::ptrdiff_t>(count), persona->second.end()};
}

std::optional<std::size_t> Resolver::IndexOfOrdinal(const Snapshot& current, std::uint32_t ordinal) const {
  // Load indexes the stored rows in stored order and Commit appends new ids as the snapshot
  // does, so the base row at the ordinal is almost always the one: one string compare instead
  // of two map look-ups (a million ids: cache misses). Otherwise, by id.
  const std::string& id = neighbours_.IdOf(ordinal);
  const std::vector<pipeline::ApplicationResult>& base = current.base->result.applications;
  if (ordinal < base.size() && base[ordinal].application_id == id) {
    if (current.provisional_of.empty()) return ordinal;
    const auto latest = current.provisional_of.find(id);
    return latest == current.provisional_of.end() ? ordinal : base.size() + latest->second;
  }
  return current.IndexOf(id);
}

std::optional<std::uint32_t> Resolver::OrdinalOfIndex(const Snapshot& current, std::size_t index) const {
  const std::string& id = current.application(index).application_id;
  if (index < neighbours_.size() && neighbours_.IdOf(static_cast<std::uint32_t>(index)) == id) {
    return static_cast<std::uint32_t>(index);
  }
  return neighbours_.OrdinalOf(id);
}

Resolver::NeighbourhoodRows Resolver::Neighbourhood(const Snapshot& current,
                                                    const std::vector<ApplicationRecord>& records,
                                                    const std::vector<std::size_t>& latest,
                                                    const std::vector<std::vector<ArtifactKey>>& keys) const {
  NeighbourhoodRows around;
  // Each application once, by its ordinal (an id has one); a posted row's new id has none, and
  // no stored row can carry it.
  // A bit per indexed application (128 KiB at a million, cleared in microseconds): a hash set
  // of the thousands taken was a fifth of the gathering (perf, 32k stored).
  std::vector<bool> taken(neighbours_.size());
  const auto take_ordinal = [&taken](std::uint32_t ordinal) {
    if (taken[ordinal]) return false;
    taken[ordinal] = true;
    return true;
  };
  const std::size_t cap = latest.size() + options_.max_neighbourhood;
  around.records.reserve(cap);
  around.persona_ids.reserve(cap);
  around.ordinals.reserve(options_.max_neighbourhood);
  for (std::size_t idx : latest) {
    around.records.push_back(records[idx]);
    around.persona_ids.emplace_back();
    around.posted_keys.push_back(&keys[idx]);
    if (const auto ordinal = neighbours_.OrdinalOf(records[idx].application_id)) take_ordinal(*ordinal);
  }
  // Load and Commit index every row they put in: every stored row has an ordinal.
  const auto take = [&](std::size_t index, std::uint32_t ordinal) {
    if (around.records.size() < cap && take_ordinal(ordinal)) {
      around.records.push_back(current.record(index));
      around.persona_ids.push_back(current.application(index).persona_id);
      around.ordinals.push_back(ordinal);
    }
  };
  std::vector<std::string> own;
  for (const ApplicationRecord& record : records) own.push_back(record.application_id);
  // Each holder brings itself at least: no more holders than places are needed.
  for (std::uint32_t holder : neighbours_.Around(keys, own, options_.max_holders, options_.max_neighbourhood)) {
    if (around.records.size() >= cap) break;
    const std::optional<std::size_t> index = IndexOfOrdinal(current, holder);
    if (!index) continue;
    take(*index, holder);
    // The persona's other applications: its velocity and name variants count.
    for (std::size_t mate : PersonaMates(current, *index)) {
      if (around.records.size() >= cap) break;
      const std::optional<std::uint32_t> ordinal = OrdinalOfIndex(current, mate);
      CC_CHECK(ordinal.has_value()) << current.application(mate).application_id;
      take(mate, *ordinal);
    }
  }
  KeepCompleteArtifacts(around);
  return around;
}

void Resolver::KeepCompleteArtifacts(NeighbourhoodRows& around) const {
  const std::size_t posted = around.posted();
  // The neighbourhood's stored rows, and the stored versions of posted rows that replace one:
  // those are indexed under their old keys until Score re-adds them, and those holders are the
  // rows themselves, not applications missing from the neighbourhood.
  std::vector<std::uint32_t> inside = around.ordinals;
  for (std::size_t idx = 0; idx < posted; ++idx) {
    if (const auto ordinal = neighbours_.OrdinalOf(around.records[idx].application_id)) inside.push_back(*ordinal);
  }
  // How many of the neighbourhood's rows hold each key someone else holds too (a key its row
  // alone holds is complete wherever the row is), by key id: sorted ids, not a hash map, and
  // each distinct key's holder count read by id (prefetched: a million rows' keys miss the cache).
  std::vector<std::uint32_t> present;
  for (std::uint32_t ordinal : inside) {
    for (const IndexedKey& key : neighbours_.KeysAt(ordinal)) {
      if (key.shared) present.push_back(key.id);
    }
  }
  std::sort(present.begin(), present.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> runs;  // each distinct key: id, rows inside
  for (auto run = present.begin(); run != present.end();) {
    const auto run_end = std::upper_bound(run, present.end(), *run);
    runs.emplace_back(*run, static_cast<std::uint32_t>(run_end - run));
    run = run_end;
  }
  constexpr std::size_t kPrefetchAhead = 8;
  std::vector<std::pair<std::uint32_t, bool>> outside;  // each distinct key: is a holder outside?
  outside.reserve(runs.size());
  for (std::size_t idx = 0; idx < runs.size(); ++idx) {
    if (idx + kPrefetchAhead < runs.size()) neighbours_.PrefetchHolders(runs[idx + kPrefetchAhead].first);
    outside.emplace_back(runs[idx].first, runs[idx].second < neighbours_.HolderCount(runs[idx].first));
  }
  std::sort(inside.begin(), inside.end());
  const auto held_outside = [&](std::uint32_t key_id) {  // by an application not in the neighbourhood
    const auto found = std::lower_bound(outside.begin(), outside.end(), std::make_pair(key_id, false));
    if (found != outside.end() && found->first == key_id) return found->second;
    // No row inside shares it: it is outside unless its one holder is a row inside.
    const std::vector<std::uint32_t>& holders = neighbours_.HoldersById(key_id);
    return holders.size() > 1 || (holders.size() == 1 && !std::binary_search(inside.begin(), inside.end(), holders.front()));
  };
  for (std::size_t idx = 0; idx < posted; ++idx) {
    for (const ArtifactKey& key : *around.posted_keys[idx]) {
      const std::optional<std::uint32_t> key_id = neighbours_.IdOfKey(key);
      if (key_id && held_outside(*key_id)) ClearArtifact(key.kind, around.records[idx]);
    }
  }
  for (std::size_t row = 0; row < around.ordinals.size(); ++row) {
    for (const IndexedKey& key : neighbours_.KeysAt(around.ordinals[row])) {
      if (key.shared && held_outside(key.id)) ClearArtifact(key.kind, around.records[posted + row]);
    }
  }
}

Result<Resolver::Arrival> Resolver::Prepare(const std::vector<ApplicationRecord>& records, IssueLog& issues) const {
  Arrival arrival;
  arrival.records = &records;
  arrival.started = std::chrono::steady_clock::now();
  StageTimer timer(arrival.stages);
  // The posted rows alone are normalized for their issues (with their own line numbers).
  const std::vector<NormalizedApplication> normalized =
      pipeline::NormalizeWithIntel(records, context_->intel, context_->default_region, "body", issues);
  for (std::size_t idx = 0; idx < records.size(); ++idx) {
    arrival.keys.push_back(ArtifactKeys(normalized[idx], records[idx]));
  }
  arrival.latest = LatestPosted(records);
  timer.Mark("arrivals");
  // The index and the snapshot are read together: Commit changes both under index_mutex_.
  std::shared_ptr<const Snapshot> current;
  NeighbourhoodRows around;
  {
    std::shared_lock index_lock(index_mutex_);
    current = snapshot();
    around = Neighbourhood(*current, records, arrival.latest, arrival.keys);
  }
  timer.Mark("neighbourhood");
  const std::vector<ApplicationRecord>& subset = around.records;
  IssueLog repeated;  // the posted rows' issues are in `issues` already
  const Judgements judged = judgements();
  pipeline::ScanInput input = ScanInputFor(subset, "body", judged);
  if (!current->base->result.population.empty()) input.population = &current->base->result.population;
  // The stored rows keep their resolved personas; the posted ones are joined to them with the
  // resolution's model (a bulk post is linked whole: it holds most of its own neighbourhood).
  const pipeline::KnownPersonas known{around.posted(), &around.persona_ids, current->base->result.persona_model.get()};
  if (known.model != nullptr && around.posted() * subset.size() <= kMaxJoinedPairs) input.known_personas = &known;
  CC_ASSIGN_OR_RETURN(pipeline::ScanResult scanned, pipeline::ScanApplications(*context_, input, repeated));
  arrival.stages.insert(arrival.stages.end(), scanned.summary.stage_seconds.begin(),
                        scanned.summary.stage_seconds.end());
  arrival.neighbourhood = subset.size();
  // The subset starts with them, in order.
  scanned.applications.erase(scanned.applications.begin() + static_cast<std::ptrdiff_t>(arrival.latest.size()),
                             scanned.applications.end());
  arrival.results = std::move(scanned.applications);
  return arrival;
}

std::shared_ptr<const Snapshot> Resolver::Commit(Arrival arrival) {
  const std::vector<ApplicationRecord>& records = *arrival.records;
  std::unique_lock index_lock(index_mutex_);
  for (std::size_t idx = 0; idx < records.size(); ++idx) neighbours_.Add(records[idx].application_id, arrival.keys[idx]);
  std::lock_guard lock(mutex_);
  // Built on the snapshot current now: a resolution may have been published meanwhile.
  auto next = std::make_shared<Snapshot>(*current_);
  for (std::size_t idx = 0; idx < arrival.latest.size(); ++idx) {
    const ApplicationRecord& record = records[arrival.latest[idx]];
    next->provisional_of[record.application_id] = next->provisional.size();
    next->provisional.push_back(
        std::make_shared<const Provisional>(Provisional{record, std::move(arrival.results[idx]), ++sequence_}));
  }
  current_ = next;
  last_arrival_ = {arrival.neighbourhood,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - arrival.started).count(),
                   std::move(arrival.stages)};
  WantLocked();
  return next;
}

Result<std::shared_ptr<const Snapshot>> Resolver::Score(const std::vector<ApplicationRecord>& records,
                                                       IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(Arrival arrival, Prepare(records, issues));
  return Commit(std::move(arrival));
}

void Resolver::SetDecisions(pipeline::ReviewDecisions decisions) {
  std::lock_guard lock(mutex_);
  judgements_.decisions = std::make_shared<const pipeline::ReviewDecisions>(std::move(decisions));
}

void Resolver::SetMonitoring(std::shared_ptr<const monitor::MonitorReport> report) {
  std::lock_guard lock(mutex_);
  judgements_.monitoring = std::move(report);
}

void Resolver::SetConsortium(std::shared_ptr<const share::MemberFindings> findings,
                             std::shared_ptr<const share::SubmissionEncoder> encoder) {
  std::lock_guard lock(mutex_);
  judgements_.consortium = std::move(findings);
  judgements_.encoder = std::move(encoder);
  WantLocked();  // every application the findings name may change: resolve the whole store
}

void Resolver::SetIndicators(std::shared_ptr<const watchlist::IndicatorSet> indicators) {
  std::lock_guard lock(mutex_);
  judgements_.indicators = std::move(indicators);
  if (loaded_) WantLocked();  // before Load, Load's own resolution takes them in
}

void Resolver::WantLocked() {
  const auto now = std::chrono::steady_clock::now();
  if (!wanted_) first_wanted_at_ = now;
  wanted_ = true;
  last_arrival_at_ = now;
  changed_.notify_all();
}

pipeline::ScanInput Resolver::ScanInputFor(const std::vector<ApplicationRecord>& records, const char* source,
                                           const Judgements& judgements) {
  pipeline::ScanInput input{.applications = &records,
                            .source = source,
                            .decisions = judgements.decisions.get(),
                            .monitoring = judgements.monitoring.get(),
                            .indicators = judgements.indicators.get()};
  if (judgements.consortium != nullptr && judgements.encoder != nullptr) {
    // Findings about applications outside `records` (a neighbourhood scan) are not this scan's.
    input.hooks.after_side_evidence = [&records, judgements](Status side, IssueLog&,
                                                             score::ExternalEvidence& external) -> Status {
      CC_RETURN_IF_ERROR(side);
      IssueLog unmatched;
      pipeline::AddConsortiumFindings(*judgements.consortium, *judgements.encoder, records, "hub findings", unmatched,
                                      external);
      return Ok();
    };
  }
  return input;
}

std::optional<share::ApplicationFinding> Resolver::ConsortiumFindingOf(const std::string& company_id,
                                                                       const std::string& application_id) const {
  const Judgements judged = judgements();
  if (judged.consortium == nullptr || judged.encoder == nullptr) return std::nullopt;
  const std::string handle = share::TokenHex(judged.encoder->Handle(company_id, application_id));
  for (const share::ApplicationFinding& finding : judged.consortium->applications) {
    if (finding.handle == handle) return finding;
  }
  return std::nullopt;
}

Resolver::Judgements Resolver::judgements() const {
  std::lock_guard lock(mutex_);
  return judgements_;
}

std::vector<std::string> Resolver::SharingWith(const std::string& application_id) const {
  std::shared_lock index_lock(index_mutex_);
  const std::shared_ptr<const Snapshot> current = snapshot();
  const std::optional<std::size_t> index = current->IndexOf(application_id);
  if (!index) return {};
  std::vector<std::string> own;
  for (std::size_t mate : PersonaMates(*current, *index)) own.push_back(current->application(mate).application_id);
  if (std::find(own.begin(), own.end(), application_id) == own.end()) own.push_back(application_id);
  std::vector<std::vector<ArtifactKey>> keys;
  for (const std::string& id : own) {
    const std::vector<IndexedKey>* held = neighbours_.KeysOf(id);
    if (held == nullptr) continue;
    keys.emplace_back();
    for (const IndexedKey& key : *held) {
      if (key.kind != 'N') keys.back().push_back(key.key());  // a shared name is no shared artifact
    }
  }
  std::vector<std::string> sharing;
  for (std::uint32_t holder : neighbours_.Around(keys, own, options_.max_holders, options_.max_neighbourhood)) {
    sharing.push_back(neighbours_.IdOf(holder));
  }
  for (const std::string& id : own) {
    if (id != application_id) sharing.push_back(id);
  }
  std::sort(sharing.begin(), sharing.end());
  sharing.erase(std::unique(sharing.begin(), sharing.end()), sharing.end());
  return sharing;
}

Result<std::shared_ptr<const Snapshot>> Resolver::Rescore(const std::vector<std::string>& affected) {
  const std::shared_ptr<const Snapshot> current = snapshot();
  std::vector<ApplicationRecord> records;
  for (const std::string& id : affected) {
    if (const std::optional<std::size_t> index = current->IndexOf(id)) records.push_back(current->record(*index));
  }
  IssueLog told;  // each row's issues were reported when it was posted
  return Score(records, told);
}

Resolver::ArrivalStats Resolver::last_arrival() const {
  std::lock_guard lock(mutex_);
  return last_arrival_;
}

std::shared_ptr<const Snapshot> Resolver::snapshot() const {
  std::lock_guard lock(mutex_);
  return current_;
}

bool Resolver::resolving() const {
  std::lock_guard lock(mutex_);
  return wanted_ || running_;
}

bool Resolver::WaitUntilResolved(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return !wanted_ && !running_; });
}

Result<std::shared_ptr<const Resolution>> Resolver::Resolve(std::vector<ApplicationRecord> records,
                                                            std::uint64_t sequence,
                                                            const Judgements& judgements) const {
  const auto start = std::chrono::steady_clock::now();
  // Freed on the resolution thread, whoever lets go of it last (Retired).
  std::shared_ptr<Resolution> resolution(new Resolution, [retired = retired_](Resolution* done) {
    std::lock_guard lock(retired->mutex);
    retired->resolutions.emplace_back(done);
  });
  resolution->records = std::move(records);
  resolution->sequence = sequence;
  if (!resolution->records.empty()) {
    IssueLog repeated;  // what each row's own POST already reported
    const pipeline::ScanInput input = ScanInputFor(resolution->records, "store", judgements);
    CC_ASSIGN_OR_RETURN(resolution->result, pipeline::ScanApplications(*context_, input, repeated));
  }
  resolution->Index();
  resolution->resolve_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::shared_ptr<const Resolution>(std::move(resolution));
}

void Resolver::Publish(std::shared_ptr<const Resolution> resolution) {
  auto next = std::make_shared<Snapshot>();
  next->base = std::move(resolution);
  for (const std::shared_ptr<const Provisional>& entry : current_->provisional) {
    const bool latest = current_->provisional_of.at(entry->record.application_id) ==
                        static_cast<std::size_t>(&entry - current_->provisional.data());
    if (!latest || entry->sequence <= next->base->sequence) continue;  // the resolution has it
    next->provisional_of[entry->record.application_id] = next->provisional.size();
    next->provisional.push_back(entry);
  }
  current_ = std::move(next);
}

void Resolver::FreeRetired() {
  std::vector<std::unique_ptr<const Resolution>> done;
  {
    std::lock_guard lock(retired_->mutex);
    done.swap(retired_->resolutions);
  }
}  // freed here, outside every lock

void Resolver::ResolveLoop() {
  if (options_.background_nice > 0) {
    if (const Status lowered = LowerThisThreadsPriority(options_.background_nice); !lowered) {
      std::fprintf(stderr, "crosscheck: background resolution at normal priority: %s\n", lowered.error().ToString().c_str());
    }
  }
  std::unique_lock lock(mutex_);
  while (true) {
    // Wakes now and then to free what readers let go of since.
    changed_.wait_for(lock, kFreeRetiredPause, [this] { return stopping_ || wanted_; });
    lock.unlock();
    FreeRetired();
    lock.lock();
    if (stopping_) return;
    if (!wanted_) continue;
    // Debounce: let a burst of arrivals finish first, within the staleness bound.
    while (!stopping_) {
      const auto due = std::min(last_arrival_at_ + options_.quiet_period, first_wanted_at_ + options_.max_staleness);
      if (std::chrono::steady_clock::now() >= due) break;
      changed_.wait_until(lock, due);
    }
    if (stopping_) return;
    wanted_ = false;
    running_ = true;
    const std::shared_ptr<const Snapshot> current = current_;
    const Judgements judged = judgements_;
    lock.unlock();
    std::uint64_t sequence = current->base->sequence;
    for (const auto& entry : current->provisional) sequence = std::max(sequence, entry->sequence);
    Result<std::shared_ptr<const Resolution>> resolved = Internal("internal error");
    try {
      resolved = Resolve(current->Records(), sequence, judged);
    } catch (const std::exception& error) {
      resolved = Internal(std::string("internal error: ") + error.what());
    }
    lock.lock();
    running_ = false;
    if (resolved) {
      Publish(std::move(*resolved));
    } else {
      std::fprintf(stderr, "crosscheck: resolution failed, retrying: %s\n", resolved.error().ToString().c_str());
      wanted_ = true;
      changed_.wait_for(lock, kRetryPause, [this] { return stopping_; });
    }
    changed_.notify_all();
  }
}

}  // namespace crosscheck::serve
