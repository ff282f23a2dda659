#include "crosscheck/serve/hub_sync.h"

#include <set>
#include <utility>
#include <vector>

#include "crosscheck/pipeline/application_input.h"
#include "crosscheck/pipeline/share_encode.h"
#include "crosscheck/serve/hub_client.h"
#include "crosscheck/serve/internal/http_support.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/share/submission_file.h"

namespace crosscheck::serve {
namespace {

// OwnRecords returns the stored applications of `company_id` (the only company stored when
// empty).
Result<std::vector<ApplicationRecord>> OwnRecords(const Snapshot& snapshot, std::string company_id) {
  std::vector<ApplicationRecord> records = snapshot.Records();
  if (company_id.empty()) {
    std::set<std::string> companies;
    for (const ApplicationRecord& record : records) companies.insert(record.company_id);
    if (companies.size() > 1) {
      return InvalidInput("the store holds " + std::to_string(companies.size()) +
                          " companies' applications: give --company-id to say which is this node's");
    }
    if (companies.empty()) return NotFound("no application stored yet: nothing to push to the hub");
    company_id = *companies.begin();
  }
  std::erase_if(records, [&](const ApplicationRecord& record) { return record.company_id != company_id; });
  if (records.empty()) return NotFound("no application of company " + company_id + " stored yet");
  return records;
}

}  // namespace

HubSync::HubSync(HubSyncOptions options, Resolver& resolver, const pipeline::ScanContext& context)
    : options_(std::move(options)),
      resolver_(resolver),
      context_(context),
      encoder_(std::make_shared<const share::SubmissionEncoder>(options_.key, options_.epoch)) {
  thread_ = std::thread([this] { Loop(); });
}

HubSync::~HubSync() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Status HubSync::SyncNow() {
  std::lock_guard round(round_mutex_);
  Status done = [&]() -> Status {
    CC_ASSIGN_OR_RETURN(std::vector<ApplicationRecord> records, OwnRecords(*resolver_.snapshot(), options_.company_id));
    IssueLog told;  // reported when each row was posted
    const std::vector<NormalizedApplication> normalized =
        pipeline::NormalizeWithIntel(records, context_.intel, context_.default_region, "store", told);
    const std::string bytes = share::SerializeSubmission(pipeline::EncodeSubmissions(records, normalized, *encoder_).front());
    if (bytes != last_pushed_) {
      CC_ASSIGN_OR_RETURN(PushReply pushed, PushSubmission(options_.url, options_.token, bytes, options_.ca_file));
      last_pushed_ = bytes;
      std::lock_guard lock(mutex_);
      status_.pushed_version = pushed.version;
    }
    Result<PulledFindings> pulled = PullFindings(options_.url, options_.token, options_.ca_file);
    if (!pulled && pulled.error().code() == ErrorCode::kNotFound) return Ok();  // not matched yet
    if (!pulled) return std::unexpected(std::move(pulled).error());
    {
      std::lock_guard lock(mutex_);
      if (pulled->version == status_.findings_version) return Ok();
    }
    CC_ASSIGN_OR_RETURN(share::MemberFindings findings, share::ParseFindings(pulled->json, "the hub's findings"));
    const std::size_t count = findings.applications.size();
    resolver_.SetConsortium(std::make_shared<const share::MemberFindings>(std::move(findings)), encoder_);
    std::lock_guard lock(mutex_);
    status_.findings_version = pulled->version;
    status_.findings = count;
    return Ok();
  }();
  std::lock_guard lock(mutex_);
  ++status_.syncs;
  status_.last_sync_at = internal::NowIso();
  status_.last_error = done ? "" : done.error().ToString();
  return done;
}

HubSyncStatus HubSync::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void HubSync::Loop() {
  while (true) {
    if (Status synced = SyncNow(); !synced) {
      std::fprintf(stderr, "crosscheck: hub sync: %s\n", synced.error().ToString().c_str());
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, options_.interval, [this] { return stopping_; })) return;
  }
}

}  // namespace crosscheck::serve
