#include "crosscheck/serve/hub_server.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include "crosscheck/hub/hub_match.h"
#include "crosscheck/hub/incremental_match.h"
#include "crosscheck/serve/hub_taxii.h"
#include "crosscheck/serve/internal/http_support.h"
#include "crosscheck/serve/internal/taxii_routes.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/share/stix_bundle.h"
#include "crosscheck/share/submission_file.h"
#include "crosscheck/store/hub_store.h"

namespace crosscheck::serve {

using internal::NowIso;
using internal::SendError;
using internal::StatusFor;
using Json = nlohmann::json;

namespace {

// A match that failed (the store unavailable) is tried again after this pause.
constexpr std::chrono::seconds kRetryPause{5};

}  // namespace

// Member is a member's latest accepted submission, parsed, its stored version and when it was
// received.
struct Member {
  std::shared_ptr<const share::Submission> submission;
  std::int64_t version = 0;
  std::string received_at;
};

struct HubServer::Impl {
  explicit Impl(HubServerOptions opts)
      : options(std::move(opts)),
        hub_layer(options.hub_key.bytes),
        incremental(MatchOptions(options), options.incremental) {}

  static hub::HubOptions MatchOptions(const HubServerOptions& options) {
    hub::HubOptions match_options;
    match_options.k_threshold = options.k_threshold;
    match_options.identity_split.enabled = options.identity_split;
    return match_options;
  }

  HubServerOptions options;
  share::KeyedHasher hub_layer;
  std::unique_ptr<store::HubStore> store;
  class HubTaxii;
  std::unique_ptr<HubTaxii> taxii;        // before http: outlives the routes that call it
  std::unique_ptr<httplib::Server> http;  // an httplib::SSLServer with TLS

  // Pushes are stored and answered at once; one matcher thread re-matches the consortium in the
  // background, taking every push that arrived meanwhile in one run (a push never waits for a
  // match, and a burst of pushes costs one match, not one each).
  std::mutex mutex;                        // guards everything below
  std::condition_variable changed;         // a push arrived, a match ended, or stopping
  std::map<std::string, Member> members;   // by company
  bool match_wanted = false;               // a stored submission is newer than the findings
  bool matching = false;
  bool stopping = false;
  std::uint64_t matches_done = 0;
  double last_match_seconds = 0;
  hub::MatchSummary last_match;            // what the last match re-scored
  std::size_t last_findings_written = 0;   // members whose findings the last match stored
  std::thread matcher;
  // Each member's decoded records and the submission version they came from; matcher thread only.
  std::map<std::string, std::pair<std::int64_t, std::unique_ptr<const hub::DecodedMember>>> decoded;
  // The matcher (matcher thread only) and, per member, a hash of the findings JSON last stored
  // and the submission version it was stored with: only what changed is written again.
  hub::IncrementalMatcher incremental;
  std::map<std::string, std::pair<std::size_t, std::int64_t>> stored_findings;

  // Authenticate returns the company of the request's bearer token, or nullopt.
  std::optional<std::string> Authenticate(const httplib::Request& req) const {
    const std::optional<std::string> token = internal::BearerTokenSha256(req);
    if (!token) return std::nullopt;
    const auto found = options.members.find(*token);
    if (found == options.members.end()) return std::nullopt;
    return found->second;
  }

  // Audit appends a row; a failure to audit is reported on stderr but does not change the answer.
  void Audit(const std::string& company, const char* action, const std::string& detail) {
    if (auto written = store->AppendAudit({0, NowIso(), company, action, detail}); !written) {
      std::fprintf(stderr, "crosscheck: audit: %s\n", written.error().ToString().c_str());
    }
  }

  void Refuse(httplib::Response& res, const std::string& company, const char* action, int status, const char* code,
              const std::string& message) {
    Audit(company, action, "refused " + std::to_string(status) + " " + code + ": " + message);
    SendError(res, status, code, message);
  }

  // FormatCounts returns how many members' latest submissions are of each format. Holds `mutex`.
  std::map<int, std::size_t> FormatCounts() const {
    std::map<int, std::size_t> counts;
    for (const auto& [company, member] : members) ++counts[static_cast<int>(member.submission->format)];
    return counts;
  }

  // WarnOldFormat logs the members whose latest submission is format 1: their photos group only
  // with other format-1 photos, so the operator asks them to re-encode. Holds `mutex`.
  void WarnOldFormat() const {
    std::string names;
    std::size_t count = 0;
    for (const auto& [company, member] : members) {
      if (member.submission->format != share::SubmissionFormat::kV1) continue;
      names += (count++ == 0 ? "" : ", ") + company;
    }
    if (count == 0) return;
    std::fprintf(stderr,
                 "crosscheck: hub: %zu member(s) on submission format 1, their photos compared only with each "
                 "other's until they re-encode (share encode of this release writes format 2): %s\n",
                 count, names.c_str());
  }

  // ConsortiumMismatch names why `submission` cannot join the others (another consortium key or
  // epoch than the stored submissions of the other members), or returns "". Holds `mutex`.
  std::string ConsortiumMismatch(const share::Submission& submission) const {
    for (const auto& [other, member] : members) {
      if (other == submission.company_id) continue;
      if (member.submission->key_id != submission.key_id) {
        return "made under consortium key " + submission.key_id + ", the consortium's is " + member.submission->key_id;
      }
      if (member.submission->epoch != submission.epoch) {
        return "epoch " + submission.epoch + " differs from the consortium's epoch " + member.submission->epoch;
      }
    }
    return "";
  }

  void HandlePush(const httplib::Request& req, httplib::Response& res) {
    const std::optional<std::string> company = Authenticate(req);
    if (!company) return Refuse(res, "", "push", 401, "UNAUTHORIZED", "missing or unknown bearer token");
    Result<share::Submission> parsed = share::ParseSubmission(req.body, "the request body");
    if (!parsed) return Refuse(res, *company, "push", 400, "INVALID_SUBMISSION", parsed.error().message());
    if (parsed->company_id != *company) {
      return Refuse(res, *company, "push", 403, "FORBIDDEN",
                    "the submission is company " + parsed->company_id + "'s, the token is " + *company + "'s");
    }
    std::unique_lock lock(mutex);
    if (const std::string mismatch = ConsortiumMismatch(*parsed); !mismatch.empty()) {
      lock.unlock();
      return Refuse(res, *company, "push", 400, "INVALID_SUBMISSION", mismatch);
    }
    const std::int64_t records = static_cast<std::int64_t>(parsed->records.size());
    const int format = static_cast<int>(parsed->format);
    Result<std::int64_t> version =
        store->PutSubmission({*company, parsed->epoch, parsed->key_id, req.body, 0, NowIso()});
    if (!version) {
      lock.unlock();
      return Refuse(res, *company, "push", StatusFor(version.error().code()),
                    internal::CodeFor(version.error().code()),
                    version.error().message());
    }
    members[*company] = {std::make_shared<const share::Submission>(std::move(*parsed)), *version, NowIso()};
    if (format == static_cast<int>(share::SubmissionFormat::kV1)) WarnOldFormat();
    match_wanted = true;
    changed.notify_all();
    lock.unlock();
    Audit(*company, "push", "ok version " + std::to_string(*version) + ", " + std::to_string(records) +
                                " records, format " + std::to_string(format));
    res.status = 202;  // stored; the findings follow from the background match
    res.set_content(Json{{"company_id", *company}, {"version", *version}, {"records", records},
                         {"findings", "pending"}}.dump() + "\n",
                    "application/json");
  }

  // MatchOnce matches the members as they are now (hub::IncrementalMatcher: only the components
  // a changed submission can affect are re-scored, the findings equal a full match) and stores
  // the findings of the members whose findings or submission version changed. Runs on the
  // matcher thread without holding `mutex`. Only members whose submission changed since the
  // last match are decoded again (the hub's keyed layer is most of a full match's cost).
  Status MatchOnce(const std::map<std::string, Member>& snapshot) {
    std::vector<const hub::DecodedMember*> current;
    std::vector<std::int64_t> versions;
    for (const auto& [company, member] : snapshot) {
      auto& [version, cached] = decoded[company];
      if (cached == nullptr || version != member.version) {
        cached = std::make_unique<const hub::DecodedMember>(hub::DecodeMember(*member.submission, hub_layer));
        version = member.version;
      }
      current.push_back(cached.get());
      versions.push_back(member.version);
    }
    const hub::HubMatchResult result = incremental.Match(current, versions);
    std::vector<store::FindingsRow> findings;
    std::vector<std::pair<std::string, std::pair<std::size_t, std::int64_t>>> stored;
    for (const share::MemberFindings& member : result.findings) {
      std::string json = share::FindingsJson(member);
      const std::pair<std::size_t, std::int64_t> now{std::hash<std::string>{}(json),
                                                     snapshot.at(member.company_id).version};
      const auto found = stored_findings.find(member.company_id);
      if (found != stored_findings.end() && found->second == now) continue;
      stored.emplace_back(member.company_id, now);
      findings.push_back({member.company_id, 0, std::move(json), now.second});
    }
    if (!findings.empty()) {
      CC_RETURN_IF_ERROR(store->PutFindings(findings));
    }
    for (auto& [company, now] : stored) stored_findings[company] = now;
    std::lock_guard lock(mutex);
    last_match = incremental.last();
    last_findings_written = findings.size();
    return Ok();
  }

  // MatchLoop is the matcher thread: waits for pushes, matches, repeats until stopping. A failed
  // match (the store unavailable) is reported and retried after a pause.
  void MatchLoop() {
    std::unique_lock lock(mutex);
    while (true) {
      changed.wait(lock, [this] { return stopping || match_wanted; });
      if (stopping) return;
      match_wanted = false;
      matching = true;
      std::map<std::string, Member> snapshot = members;  // shared submissions, not copies
      lock.unlock();
      Status matched = Internal("internal error");
      const auto started = std::chrono::steady_clock::now();
      try {
        matched = MatchOnce(snapshot);
      } catch (const std::exception& error) {
        matched = Internal(std::string("internal error: ") + error.what());
      }
      if (!matched) {
        std::fprintf(stderr, "crosscheck: hub match failed, retrying: %s\n", matched.error().ToString().c_str());
        Audit("", "match", "failed: " + matched.error().message());
      }
      lock.lock();
      matching = false;
      ++matches_done;
      last_match_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (!matched) {
        match_wanted = true;
        changed.wait_for(lock, kRetryPause, [this] { return stopping; });
      }
      changed.notify_all();
    }
  }

  // PendingFor tells whether the member has a stored submission newer than `matched_version`
  // (the submission its findings were matched from).
  bool PendingFor(const std::string& company, std::int64_t matched_version) {
    std::lock_guard lock(mutex);
    const auto found = members.find(company);
    return found != members.end() && found->second.version > matched_version;
  }

  void HandlePull(const httplib::Request& req, httplib::Response& res) {
    const std::optional<std::string> company = Authenticate(req);
    if (!company) return Refuse(res, "", "pull", 401, "UNAUTHORIZED", "missing or unknown bearer token");
    Result<std::optional<store::FindingsRow>> row = store->Findings(*company);
    if (!row) {
      return Refuse(res, *company, "pull", StatusFor(row.error().code()),
                    internal::CodeFor(row.error().code()), row.error().message());
    }
    if (!row->has_value()) {
      if (PendingFor(*company, 0)) {
        res.set_header("Retry-After", "5");
        return Refuse(res, *company, "pull", 404, "NOT_YET_MATCHED",
                      "no findings for " + *company + " yet: its submission is being matched");
      }
      return Refuse(res, *company, "pull", 404, "NOT_FOUND", "no findings for " + *company + " yet");
    }
    const store::FindingsRow& findings = **row;
    const bool pending = PendingFor(*company, findings.submission_version);
    Audit(*company, "pull", "ok findings version " + std::to_string(findings.version) + (pending ? ", match pending" : ""));
    res.status = 200;
    res.set_header("X-Findings-Version", std::to_string(findings.version));
    res.set_header("X-Submission-Version", std::to_string(findings.submission_version));
    res.set_header("X-Match-Pending", pending ? "true" : "false");
    res.set_content(findings.json, "application/json");
  }

  // Guarded binds a handler; an exception becomes a 500 JSON error and an audit row.
  httplib::Server::Handler Guarded(void (Impl::*handler)(const httplib::Request&, httplib::Response&),
                                   const char* action) {
    return internal::Guarded([this, handler](const httplib::Request& req, httplib::Response& res) { (this->*handler)(req, res); },
                             [this, action](const std::string& what) { Audit("", action, what); });
  }

  // ReceivedAt is when the member's latest submission was received ("" for none).
  std::string ReceivedAt(const std::string& company) {
    std::lock_guard lock(mutex);
    const auto found = members.find(company);
    return found == members.end() ? "" : found->second.received_at;
  }

  void Route();
};

// HubTaxii is the hub's TAXII (internal/taxii_routes.h): every member, by its bearer token,
// reads one collection, its own findings as STIX (hub_taxii.h), and knows of no other; nothing
// is writable (what members give the hub are submissions).
class HubServer::Impl::HubTaxii final : public internal::TaxiiBackend {
 public:
  explicit HubTaxii(Impl& impl) : impl_(impl) {}

  std::optional<internal::TaxiiCaller> Admit(const httplib::Request& req, httplib::Response& res,
                                             const char* action) override {
    const std::optional<std::string> company = impl_.Authenticate(req);
    if (company) return internal::TaxiiCaller{*company, false};
    Audit("", action, "refused 401 UNAUTHORIZED");
    internal::SendTaxiiError(res, 401, "UNAUTHORIZED", "missing or unknown bearer token");
    return std::nullopt;
  }

  void Audit(const std::string& who, const char* action, const std::string& detail) override {
    impl_.Audit(who, action, detail);
  }

  std::vector<TaxiiCollectionInfo> Collections(const internal::TaxiiCaller& caller) override {
    return {{HubFindingsCollectionId(caller.name), "Consortium findings for " + caller.name,
             "What the hub's findings say of " + caller.name +
                 "'s own applications: the personas and networks the findings name (opaque ids), "
                 "its handles, the reasons' counts. Nothing of another member.",
             true, false}};
  }

  Result<internal::TaxiiObjects> Objects(const internal::TaxiiCaller& caller, const std::string&) override {
    CC_ASSIGN_OR_RETURN(std::optional<store::FindingsRow> row, impl_.store->Findings(caller.name));
    internal::TaxiiObjects objects;
    const std::string at = impl_.ReceivedAt(caller.name);
    if (!row || at.empty()) {
      objects.bundle = share::RenderConfirmedFraudBundle({}, kHubProducer, NowIso());
      objects.summary = "no findings yet";
      return objects;
    }
    CC_ASSIGN_OR_RETURN(objects.bundle, HubFindingsBundle(row->json, at));
    objects.summary = "findings version " + std::to_string(row->version);
    return objects;
  }

  Result<TaxiiStatus> AddObjects(const internal::TaxiiCaller&, const std::string&,
                                 const TaxiiEnvelopeObjects&) override {
    return Internal("the hub has no writable collection");  // the routes refuse first (403)
  }

  Result<std::string> StatusOf(const internal::TaxiiCaller&, const std::string& status_id) override {
    return NotFound("no status " + status_id + ": the hub takes no pushes");
  }

 private:
  Impl& impl_;
};

void HubServer::Impl::Route() {
  http->Post("/v1/submissions", Guarded(&Impl::HandlePush, "push"));
  http->Get("/v1/findings", Guarded(&Impl::HandlePull, "pull"));
  http->Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mutex);
    // Counts only: /healthz needs no token, and which companies are members is not public. The
    // names of the members on format 1 are in the log (WarnOldFormat) and the audit table.
    Json formats = Json::object();
    for (const auto& [format, count] : FormatCounts()) formats[std::to_string(format)] = count;
    res.set_content(Json{{"status", "ok"}, {"members", members.size()}, {"submission_formats", std::move(formats)},
                         {"matching", matching || match_wanted},
                         {"matches", matches_done},
                         {"last_match_seconds", std::round(last_match_seconds * 1000) / 1000},
                         {"last_match", {{"full", last_match.full},
                                         {"reason", last_match.reason},
                                         {"rescored_applications", last_match.rescored},
                                         {"applications", last_match.applications},
                                         {"members_touched", last_match.touched.size()},
                                         {"findings_written", last_findings_written}}}}.dump() + "\n",
                    "application/json");
  });
  taxii = std::make_unique<HubTaxii>(*this);
  internal::InstallTaxiiRoutes(*http, *taxii,
                               {.title = kHubProducer,
                                .description = "Each member's consortium findings as STIX 2.1, to that member only",
                                .max_content_length = options.max_body_bytes,
                                .tls = !options.tls_cert.empty()});
  internal::InstallJsonErrors(*http, options.max_body_bytes, [this](const httplib::Request& req) {
    if (req.path == "/v1/submissions") Audit(Authenticate(req).value_or(""), "push", "refused 413 PAYLOAD_TOO_LARGE");
  });
}

HubServer::HubServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HubServer::~HubServer() {
  Stop();
  if (impl_ != nullptr && impl_->matcher.joinable()) impl_->matcher.join();
}

Result<std::unique_ptr<HubServer>> HubServer::Create(HubServerOptions options) {
  CC_ASSIGN_OR_RETURN(std::unique_ptr<httplib::Server> http, internal::MakeServer(options.tls_cert, options.tls_key));
  auto impl = std::make_unique<Impl>(std::move(options));
  impl->http = std::move(http);
  CC_ASSIGN_OR_RETURN(impl->store, store::OpenHubStore(impl->options.store));
  CC_ASSIGN_OR_RETURN(std::vector<store::SubmissionRow> rows, impl->store->Submissions());
  for (store::SubmissionRow& row : rows) {
    Result<share::Submission> parsed = share::ParseSubmission(row.bytes, "stored submission of " + row.company_id);
    if (!parsed) return std::unexpected(Error(ErrorCode::kDataLoss, parsed.error().message()));
    impl->members[row.company_id] = {std::make_shared<const share::Submission>(std::move(*parsed)), row.version,
                                     row.received_at};
  }
  // A restart re-matches once: a push stored just before a crash may not have been matched.
  impl->match_wanted = !impl->members.empty();
  impl->WarnOldFormat();  // no lock needed yet: no other thread runs
  impl->Route();
  impl->matcher = std::thread([raw = impl.get()] { raw->MatchLoop(); });
  return std::unique_ptr<HubServer>(new HubServer(std::move(impl)));
}

Result<int> HubServer::Bind(const std::string& host, int port) { return internal::BindServer(*impl_->http, host, port); }

Status HubServer::Run() { return internal::RunServer(*impl_->http); }

void HubServer::Stop() {
  if (impl_ == nullptr) return;
  if (impl_->http != nullptr) impl_->http->stop();
  std::lock_guard lock(impl_->mutex);
  impl_->stopping = true;
  impl_->changed.notify_all();
}

bool HubServer::WaitUntilMatched(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  return impl_->changed.wait_for(lock, timeout, [this] {
    return impl_->stopping || (!impl_->match_wanted && !impl_->matching);
  });
}

void HubServer::WaitUntilRunning() { internal::WaitUntilRunning(*impl_->http); }

}  // namespace crosscheck::serve
