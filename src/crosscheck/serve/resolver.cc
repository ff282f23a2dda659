#include "crosscheck/serve/resolver.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "crosscheck/pipeline/application_input.h"

namespace crosscheck::serve {
namespace {

// Index fills the snapshot's look-up tables from its result.
void Index(Snapshot& snapshot) {
  const auto& applications = snapshot.result.applications;
  snapshot.by_severity.resize(applications.size());
  for (std::size_t idx = 0; idx < applications.size(); ++idx) {
    const pipeline::ApplicationResult& application = applications[idx];
    snapshot.by_application.emplace(application.application_id, idx);
    snapshot.by_persona[application.persona_id].push_back(idx);
    snapshot.by_network[application.network_id].push_back(idx);
    snapshot.by_severity[idx] = idx;
  }
  for (std::size_t idx = 0; idx < snapshot.result.flagged_networks.size(); ++idx) {
    snapshot.flagged_network.emplace(snapshot.result.flagged_networks[idx].network_id, idx);
  }
  // Most severe first: the level decides (a score is capped at 99 while levels keep rising), then
  // the score, then the id for a stable order.
  std::sort(snapshot.by_severity.begin(), snapshot.by_severity.end(), [&](std::size_t left, std::size_t right) {
    const pipeline::ApplicationResult& a = applications[left];
    const pipeline::ApplicationResult& b = applications[right];
    if (a.level != b.level) return LevelRank(a.level) > LevelRank(b.level);
    if (a.score != b.score) return a.score > b.score;
    return a.application_id < b.application_id;
  });
}

}  // namespace

int LevelRank(std::string_view level) {
  static constexpr std::string_view kLevels[] = {"low", "medium", "high", "critical"};
  for (int rank = 0; rank < 4; ++rank) {
    if (kLevels[rank] == level) return rank;
  }
  return -1;
}

const pipeline::ApplicationResult* Snapshot::Find(std::string_view application_id) const {
  const auto found = by_application.find(std::string(application_id));
  return found == by_application.end() ? nullptr : &result.applications[found->second];
}

Resolver::Resolver(std::shared_ptr<const pipeline::ScanContext> context)
    : context_(std::move(context)), current_(std::make_shared<const Snapshot>()) {}

Status Resolver::Load(std::vector<ApplicationRecord> records) {
  CC_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> resolved, Resolve(std::move(records)));
  (void)resolved;
  return Ok();
}

Result<std::shared_ptr<const Snapshot>> Resolver::Score(const std::vector<ApplicationRecord>& records,
                                                       IssueLog& issues) {
  // The posted rows alone are normalized again for their issues (with their own line numbers):
  // the whole re-resolution below reports every stored row's issues, already told when posted.
  (void)pipeline::NormalizeWithIntel(records, context_->intel, "body", issues);
  const std::shared_ptr<const Snapshot> current = snapshot();
  std::vector<ApplicationRecord> all = current->records;
  for (const ApplicationRecord& record : records) {
    const auto found = current->by_application.find(record.application_id);
    if (found != current->by_application.end()) {
      all[found->second] = record;
    } else {
      all.push_back(record);
    }
  }
  return Resolve(std::move(all));
}

std::shared_ptr<const Snapshot> Resolver::snapshot() const {
  std::lock_guard lock(mutex_);
  return current_;
}

Result<std::shared_ptr<const Snapshot>> Resolver::Resolve(std::vector<ApplicationRecord> records) {
  const auto start = std::chrono::steady_clock::now();
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->records = std::move(records);
  if (!snapshot->records.empty()) {
    IssueLog repeated;  // what each row's own POST already reported
    pipeline::ScanInput input{.applications = &snapshot->records, .source = "store"};
    CC_ASSIGN_OR_RETURN(snapshot->result, pipeline::ScanApplications(*context_, input, repeated));
  }
  Index(*snapshot);
  snapshot->resolve_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::shared_ptr<const Snapshot> published = std::move(snapshot);
  std::lock_guard lock(mutex_);
  current_ = published;
  return published;
}

}  // namespace crosscheck::serve
