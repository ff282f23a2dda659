#include "crosscheck/serve/hub_server.h"

#include <atomic>
#include <chrono>
#include <ctime>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "crosscheck/hub/hub_match.h"
#include "crosscheck/serve/internal/http_support.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/share/submission_file.h"
#include "crosscheck/store/hub_store.h"

namespace crosscheck::serve {

using internal::NowIso;
using internal::SendError;
using internal::StatusFor;
using Json = nlohmann::json;

struct HubServer::Impl {
  explicit Impl(HubServerOptions opts) : options(std::move(opts)), hub_layer(options.hub_key.bytes) {}

  HubServerOptions options;
  share::KeyedHasher hub_layer;
  std::unique_ptr<store::HubStore> store;
  std::mutex push_mutex;                                 // one push (and re-match) at a time
  std::map<std::string, share::Submission> submissions;  // by company; guarded by push_mutex
  std::unique_ptr<httplib::Server> http;  // an httplib::SSLServer with TLS

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

  void HandlePush(const httplib::Request& req, httplib::Response& res) {
    const std::optional<std::string> company = Authenticate(req);
    if (!company) return Refuse(res, "", "push", 401, "UNAUTHORIZED", "missing or unknown bearer token");
    Result<share::Submission> parsed = share::ParseSubmission(req.body, "the request body");
    if (!parsed) return Refuse(res, *company, "push", 400, "INVALID_SUBMISSION", parsed.error().message());
    if (parsed->company_id != *company) {
      return Refuse(res, *company, "push", 403, "FORBIDDEN",
                    "the submission is company " + parsed->company_id + "'s, the token is " + *company + "'s");
    }
    std::lock_guard lock(push_mutex);
    // One epoch and one consortium key: the other members' stored submissions set them.
    for (const auto& [other, stored] : submissions) {
      if (other == *company) continue;
      if (stored.key_id != parsed->key_id) {
        return Refuse(res, *company, "push", 400, "INVALID_SUBMISSION",
                      "made under consortium key " + parsed->key_id + ", the consortium's is " + stored.key_id);
      }
      if (stored.epoch != parsed->epoch) {
        return Refuse(res, *company, "push", 400, "INVALID_SUBMISSION",
                      "epoch " + parsed->epoch + " differs from the consortium's epoch " + stored.epoch);
      }
    }
    // Whole re-match over every stored submission with the new one in place of the member's old
    // one; nothing is written until it has succeeded.
    std::vector<hub::SourcedSubmission> all;
    for (const auto& [other, stored] : submissions) {
      if (other != *company) all.push_back({other, stored});
    }
    all.push_back({*company, *parsed});
    hub::HubOptions match_options;
    match_options.k_threshold = options.k_threshold;
    match_options.epoch = parsed->epoch;
    match_options.key_id = parsed->key_id;
    const hub::HubMatchResult result = hub::MatchSubmissions(std::move(all), hub_layer, match_options);
    if (!result.refused.empty()) {
      const hub::RefusedSubmission& refused = result.refused.front();
      return Refuse(res, *company, "push", 400, "INVALID_SUBMISSION", refused.source + ": " + refused.reason);
    }
    std::vector<store::FindingsRow> findings;
    for (const share::MemberFindings& member : result.findings) {
      findings.push_back({member.company_id, 0, share::FindingsJson(member)});
    }
    const std::int64_t records = static_cast<std::int64_t>(parsed->records.size());
    store::SubmissionRow row{*company, parsed->epoch, parsed->key_id, req.body, 0, NowIso()};
    Result<std::int64_t> version = store->CommitPush(row, findings);
    if (!version) {
      return Refuse(res, *company, "push", StatusFor(version.error().code()),
                    version.error().code() == ErrorCode::kUnavailable ? "UNAVAILABLE" : "INTERNAL",
                    version.error().message());
    }
    submissions[*company] = std::move(*parsed);
    Audit(*company, "push", "ok version " + std::to_string(*version) + ", " + std::to_string(records) + " records");
    res.status = 200;
    res.set_content(Json{{"company_id", *company}, {"version", *version}, {"records", records}}.dump() + "\n",
                    "application/json");
  }

  void HandlePull(const httplib::Request& req, httplib::Response& res) {
    const std::optional<std::string> company = Authenticate(req);
    if (!company) return Refuse(res, "", "pull", 401, "UNAUTHORIZED", "missing or unknown bearer token");
    Result<std::optional<store::FindingsRow>> row = store->Findings(*company);
    if (!row) {
      return Refuse(res, *company, "pull", StatusFor(row.error().code()),
                    row.error().code() == ErrorCode::kUnavailable ? "UNAVAILABLE" : "INTERNAL", row.error().message());
    }
    if (!row->has_value()) return Refuse(res, *company, "pull", 404, "NOT_FOUND", "no findings for " + *company + " yet");
    Audit(*company, "pull", "ok findings version " + std::to_string((*row)->version));
    res.status = 200;
    res.set_header("X-Findings-Version", std::to_string((*row)->version));
    res.set_content((*row)->json, "application/json");
  }

  // Guarded binds a handler; an exception becomes a 500 JSON error and an audit row.
  httplib::Server::Handler Guarded(void (Impl::*handler)(const httplib::Request&, httplib::Response&),
                                   const char* action) {
    return internal::Guarded([this, handler](const httplib::Request& req, httplib::Response& res) { (this->*handler)(req, res); },
                             [this, action](const std::string& what) { Audit("", action, what); });
  }

  void Route() {
    http->Post("/v1/submissions", Guarded(&Impl::HandlePush, "push"));
    http->Get("/v1/findings", Guarded(&Impl::HandlePull, "pull"));
    http->Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("{\"status\":\"ok\"}\n", "application/json");
    });
    internal::InstallJsonErrors(*http, options.max_body_bytes, [this](const httplib::Request& req) {
      if (req.path == "/v1/submissions") Audit(Authenticate(req).value_or(""), "push", "refused 413 PAYLOAD_TOO_LARGE");
    });
  }
};

HubServer::HubServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HubServer::~HubServer() { Stop(); }

Result<std::unique_ptr<HubServer>> HubServer::Create(HubServerOptions options) {
  CC_ASSIGN_OR_RETURN(std::unique_ptr<httplib::Server> http, internal::MakeServer(options.tls_cert, options.tls_key));
  auto impl = std::make_unique<Impl>(std::move(options));
  impl->http = std::move(http);
  CC_ASSIGN_OR_RETURN(impl->store, store::OpenHubStore(impl->options.store));
  CC_ASSIGN_OR_RETURN(std::vector<store::SubmissionRow> rows, impl->store->Submissions());
  for (store::SubmissionRow& row : rows) {
    Result<share::Submission> parsed = share::ParseSubmission(row.bytes, "stored submission of " + row.company_id);
    if (!parsed) return std::unexpected(Error(ErrorCode::kDataLoss, parsed.error().message()));
    impl->submissions.emplace(row.company_id, std::move(*parsed));
  }
  impl->Route();
  return std::unique_ptr<HubServer>(new HubServer(std::move(impl)));
}

Result<int> HubServer::Bind(const std::string& host, int port) { return internal::BindServer(*impl_->http, host, port); }

Status HubServer::Run() { return internal::RunServer(*impl_->http); }

void HubServer::Stop() {
  if (impl_ != nullptr && impl_->http != nullptr) impl_->http->stop();
}

void HubServer::WaitUntilRunning() { internal::WaitUntilRunning(*impl_->http); }

}  // namespace crosscheck::serve
