#include "crosscheck/serve/company_server.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "crosscheck/common/turns.h"
#include "crosscheck/pipeline/report_writer.h"
#include "crosscheck/score/risk_scorer.h"
#include "crosscheck/serve/application_body.h"
#include "crosscheck/serve/company_json.h"
#include "crosscheck/serve/confirmed_export.h"
#include "crosscheck/serve/internal/http_support.h"
#include "crosscheck/serve/internal/openapi.h"
#include "crosscheck/serve/internal/static_ui.h"
#include "crosscheck/serve/internal/taxii_routes.h"
#include "crosscheck/serve/metrics.h"
#include "crosscheck/serve/monitoring_body.h"
#include "crosscheck/serve/pushed_indicators.h"
#include "crosscheck/serve/queue_filter.h"
#include "crosscheck/serve/resolver.h"
#include "crosscheck/serve/review_decisions.h"
#include "crosscheck/serve/session_store.h"
#include "crosscheck/serve/signin_monitor.h"
#include "crosscheck/serve/taxii.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/store/company_store.h"

namespace crosscheck::serve {
namespace {

using Json = nlohmann::json;
using internal::SendError;

// Largest page of the queue and the audit log.
constexpr std::size_t kMaxPage = 1000;

// ParseCount reads a non-negative query parameter; `fallback` when absent, nullopt when bad.
std::optional<std::size_t> ParseCount(const httplib::Request& req, const char* name, std::size_t fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The charset parameter also keeps httplib from compressing the answer: for a browser (which
// accepts br) httplib 0.11 would brotli it at quality 11, seconds for a network of a few MB.
void SendJson(httplib::Response& res, std::string body) {
  res.status = 200;
  res.set_content(std::move(body), "application/json; charset=utf-8");
}

// SessionJson is a session as the web UI sees it: {name, role, expires_at} (never the id).
std::string SessionJson(const Session& session) {
  return internal::JsonText(Json{{"name", session.holder.name},
                                 {"role", RoleName(session.holder.role)},
                                 {"expires_at", internal::IsoTime(session.expires_at)}});
}

}  // namespace

struct CompanyServer::Impl {
  explicit Impl(CompanyServerOptions opts)
      : options(std::move(opts)),
        resolver(options.context, options.resolver),
        monitor(options.context->intel.empty() ? nullptr : &options.context->intel) {}

  CompanyServerOptions options;
  std::unique_ptr<store::CompanyStore> store;
  Resolver resolver;
  SigninMonitor monitor;
  std::unique_ptr<HubSync> hub_sync;  // declared after the resolver it feeds: stopped first
  Metrics metrics;
  // Writes (store, then resolve) are ordered: write_mutex is held to store and take a turn;
  // a post scores its rows with neither held (Resolver::Prepare, beside other posts) and waits
  // for its turn only to commit them, so the stored order is the resolved order. Other writes
  // take a turn and wait for it at once: the posts stored before them are in.
  std::mutex write_mutex;
  Turns turns;
  PushedIndicators pushed;        // known-bad indicators pushed over TAXII
  std::uint64_t pushes_made = 0;  // stored pushes (under write_mutex): makes each status id unique
  class CompanyTaxii;
  std::unique_ptr<CompanyTaxii> taxii;  // before http: outlives the routes that call it
  std::unique_ptr<httplib::Server> http;
  SessionStore sessions;  // the web UI's signed-in browsers (memory only)

  // Audit appends a row; a failure to audit is reported on stderr but does not change the answer.
  void Audit(const std::string& who, const std::string& action, const std::string& detail) {
    if (auto written = store->AppendAudit({0, internal::NowIso(), who, action, detail}); !written) {
      std::fprintf(stderr, "crosscheck: audit: %s\n", written.error().ToString().c_str());
    }
  }

  // Authorize returns the caller when the bearer token — or, without an Authorization header,
  // the web UI's session cookie — is known and its role is in `roles`; otherwise answers 401 or
  // 403 (audited) and returns nullopt. A cookie-authenticated POST or DELETE must also carry
  // X-Requested-With: crosscheck (a cross-site form cannot set it): 403 CSRF_HEADER_REQUIRED.
  // `send` writes the refusal (TAXII answers with its own error resource).
  using ErrorSender = void (*)(httplib::Response&, int, const char*, const std::string&);
  std::optional<TokenHolder> Authorize(const httplib::Request& req, httplib::Response& res,
                                       std::initializer_list<Role> roles, const char* action,
                                       ErrorSender send = &SendError) {
    std::optional<TokenHolder> caller;
    if (req.has_header("Authorization")) {
      const std::optional<std::string> token = internal::BearerTokenSha256(req);
      const auto found = token ? options.tokens.find(*token) : options.tokens.end();
      if (found != options.tokens.end()) caller = found->second;
    } else if (std::optional<Session> session = SessionOf(req)) {
      if (req.method != "GET" && req.method != "HEAD" && req.get_header_value("X-Requested-With") != "crosscheck") {
        Audit(session->holder.name, action, "refused 403 CSRF_HEADER_REQUIRED");
        send(res, 403, "CSRF_HEADER_REQUIRED", "a request signed in by cookie must send X-Requested-With: crosscheck");
        return std::nullopt;
      }
      caller = session->holder;
    }
    if (!caller) {
      Audit("", action, "refused 401 UNAUTHORIZED");
      send(res, 401, "UNAUTHORIZED", "missing or unknown bearer token or session");
      return std::nullopt;
    }
    if (std::find(roles.begin(), roles.end(), caller->role) == roles.end()) {
      Audit(caller->name, action, std::string("refused 403 FORBIDDEN (role ") + RoleName(caller->role) + ")");
      send(res, 403, "FORBIDDEN", std::string("role ") + RoleName(caller->role) + " may not " + action);
      return std::nullopt;
    }
    return caller;
  }

  // SessionOf returns the open session named by the request's crosscheck_session cookie.
  std::optional<Session> SessionOf(const httplib::Request& req) {
    const std::string cookies = req.get_header_value("Cookie");
    const std::string_view id = SessionCookieOf(cookies);
    if (id.empty()) return std::nullopt;
    return sessions.Find(id, std::chrono::system_clock::now());
  }

  // Fail answers a failed operation with its ErrorCode's status.
  void Fail(httplib::Response& res, const std::string& who, const char* action, const Error& error) {
    Audit(who, action, "failed: " + error.ToString());
    SendError(res, internal::StatusFor(error.code()), internal::CodeFor(error.code()), error.message());
  }

  void HandlePostApplications(const httplib::Request& req, httplib::Response& res);
  void RefuseBody(httplib::Response& res, const std::string& who, const char* action, const BodyError& error,
                  const IssueLog& issues);
  // RefuseEmptyBody answers a body whose every row was bad (or that had none) with the first issue.
  void RefuseEmptyBody(httplib::Response& res, const std::string& who, const char* action, const IssueLog& issues);
  void HandlePostEmployees(const httplib::Request& req, httplib::Response& res);
  void HandlePostSignins(const httplib::Request& req, httplib::Response& res);
  void HandleGetAlerts(const httplib::Request& req, httplib::Response& res);
  // RebuildMonitor replays every stored sign-in against the stored employees (their claimed
  // residences from the current applications) and hands the accounts to the resolver.
  Status RebuildMonitor(const std::vector<ApplicationRecord>& applications);
  void HandleGetApplication(const httplib::Request& req, httplib::Response& res);
  // GroupKind is what GET /v1/personas/{id} and /v1/networks/{id} list: both are groups of
  // applications, read the same way.
  enum class GroupKind : std::uint8_t { kPersona, kNetwork };
  void HandleGetGroup(const httplib::Request& req, httplib::Response& res, GroupKind kind);
  void HandleGetPersona(const httplib::Request& req, httplib::Response& res);
  void HandleGetNetwork(const httplib::Request& req, httplib::Response& res);
  void HandleQueue(const httplib::Request& req, httplib::Response& res);
  void HandlePostDecision(const httplib::Request& req, httplib::Response& res);
  void HandleAudit(const httplib::Request& req, httplib::Response& res);
  void HandleExportRisk(const httplib::Request& req, httplib::Response& res);
  void HandleExportStix(const httplib::Request& req, httplib::Response& res);
  // ConfirmedBundle renders what GET /v1/export/stix and the TAXII collection share (keyed with
  // `keying`); `summary` gets "<n> confirmed personas, <m> applications" for the audit log.
  Result<std::string> ConfirmedBundle(std::string& summary, const share::BundleKeying* keying = nullptr);
  // PushIndicators stores a TAXII push of known-bad indicators (audited) and has them count in
  // scoring. Errors: kInvalidInput (not STIX), those of the store.
  Result<TaxiiStatus> PushIndicators(const std::string& who, const TaxiiEnvelopeObjects& objects);
  void HandleHealth(const httplib::Request& req, httplib::Response& res);
  void HandleMetrics(const httplib::Request& req, httplib::Response& res);
  void HandleSignIn(const httplib::Request& req, httplib::Response& res);
  void HandleSession(const httplib::Request& req, httplib::Response& res);
  void HandleSignOut(const httplib::Request& req, httplib::Response& res);
  void Route();
};

void CompanyServer::Impl::RefuseBody(httplib::Response& res, const std::string& who, const char* action,
                                     const BodyError& error, const IssueLog& issues) {
  Audit(who, action, "refused 400 INVALID_BODY: " + error.message);
  res.status = 400;
  res.set_content(InvalidBodyJson(error, issues), "application/json");
}

void CompanyServer::Impl::RefuseEmptyBody(httplib::Response& res, const std::string& who, const char* action,
                                          const IssueLog& issues) {
  BodyError error{"nothing usable in the body", 1, 1};
  if (!issues.empty()) {
    const Issue& first = issues.issues().front();
    error = {first.ToString(), first.line, first.column};
  }
  RefuseBody(res, who, action, error, issues);
}

void CompanyServer::Impl::HandlePostApplications(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Authorize(req, res, {Role::kIngest, Role::kAdmin}, "post_applications");
  if (!caller) return;
  const BodyFormat format = FormatOfContentType(req.get_header_value("Content-Type"));
  if (format == BodyFormat::kUnsupported) {
    Audit(caller->name, "post_applications", "refused 415 UNSUPPORTED_MEDIA_TYPE");
    return SendError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "send text/csv or application/json");
  }
  IssueLog issues;
  auto body = ParseApplicationBody(req.body, format, issues);
  if (!body) return RefuseBody(res, caller->name, "post_applications", body.error(), issues);
  // Every row bad (or none): nothing to store; the first issue says where.
  if (body->records.empty()) return RefuseEmptyBody(res, caller->name, "post_applications", issues);
  std::unique_lock lock(write_mutex);
  const std::string detail = std::to_string(body->records.size()) + " applications, " +
                             std::to_string(issues.CountBySeverity(IssueSeverity::kRowSkipped)) + " rows skipped";
  Result<std::vector<bool>> replaced =
      store->PutApplications(body->records, internal::NowIso(), {0, internal::NowIso(), caller->name, "post_applications", "ok " + detail});
  if (!replaced) return Fail(res, caller->name, "post_applications", replaced.error());
  // Stored and committed: from here on the post is acknowledged even if scoring fails.
  Turns::Turn turn = turns.Take();
  lock.unlock();
  Result<Resolver::Arrival> arrival = resolver.Prepare(body->records, issues);
  turn.Wait();
  if (!arrival) return Fail(res, caller->name, "post_applications", arrival.error());
  const std::shared_ptr<const Snapshot> snapshot = resolver.Commit(std::move(*arrival));
  turn.Done();
  std::vector<PostedResult> posted;
  for (std::size_t idx = 0; idx < body->records.size(); ++idx) {
    posted.push_back({*snapshot->IndexOf(body->records[idx].application_id), (*replaced)[idx]});
  }
  SendJson(res, ApplicationsAnswerJson(*snapshot, posted, issues));
}

void CompanyServer::Impl::HandleGetApplication(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Authorize(req, res, {Role::kReviewer, Role::kAdmin}, "read_application");
  if (!caller) return;
  const std::string id = req.matches[1];
  const std::shared_ptr<const Snapshot> snapshot = resolver.snapshot();
  const std::optional<std::size_t> found = snapshot->IndexOf(id);
  if (!found) {
    Audit(caller->name, "read_application", "not found " + id);
    return SendError(res, 404, "NOT_FOUND", "no application " + id);
  }
  Result<std::vector<store::DecisionRow>> decisions = store->Decisions(id);
  if (!decisions) return Fail(res, caller->name, "read_application", decisions.error());
  const pipeline::ApplicationResult& application = snapshot->application(*found);
  const ApplicationContext context{std::move(*decisions), monitor.AlertsOf(id),
                                   resolver.ConsortiumFindingOf(application.company_id, id)};
  Audit(caller->name, "read_application", id);
  SendJson(res, ApplicationDetailJson(*snapshot, *found, context));
}

void CompanyServer::Impl::HandleGetGroup(const httplib::Request& req, httplib::Response& res, GroupKind kind) {
  const char* action = kind == GroupKind::kPersona ? "read_persona" : "read_network";
  const auto caller = Authorize(req, res, {Role::kReviewer, Role::kAdmin}, action);
  if (!caller) return;
  const std::string id = req.matches[1];
  // ?view=graph (networks only): the members without their reasons, for the network page.
  const std::string view = req.has_param("view") ? req.get_param_value("view") : "full";
  if (kind == GroupKind::kNetwork && view != "full" && view != "graph") {
    Audit(caller->name, action, "refused 400 INVALID_QUERY: view is full or graph");
    return SendError(res, 400, "INVALID_QUERY", "view is full or graph");
  }
  const bool graph = kind == GroupKind::kNetwork && view == "graph";
  const std::shared_ptr<const Snapshot> snapshot = resolver.snapshot();
  const std::vector<std::size_t> members = kind == GroupKind::kPersona ? snapshot->Persona(id) : snapshot->Network(id);
  if (members.empty()) {
    return SendError(res, 404, "NOT_FOUND", std::string(kind == GroupKind::kPersona ? "no persona " : "no network ") + id);
  }
  Audit(caller->name, action, graph ? id + " (view=graph)" : id);
  SendJson(res, kind == GroupKind::kPersona
                    ? PersonaJson(*snapshot, id, members)
                    : NetworkJson(*snapshot, id, members, graph ? NetworkView::kGraph : NetworkView::kFull));
}

void CompanyServer::Impl::HandleGetPersona(const httplib::Request& req, httplib::Response& res) {
  HandleGetGroup(req, res, GroupKind::kPersona);
}

void CompanyServer::Impl::HandleGetNetwork(const httplib::Request& req, httplib::Response& res) {
  HandleGetGroup(req, res, GroupKind::kNetwork);
}

void CompanyServer::Impl::HandleQueue(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Authorize(req, res, {Role::kReviewer, Role::kAdmin}, "read_queue");
  if (!caller) return;
  const std::string min_level = req.has_param("min_level") ? req.get_param_value("min_level") : "high";
  const int min_rank = score::RiskLevelRank(min_level);
  const std::optional<std::size_t> limit = ParseCount(req, "limit", 50);
  const std::optional<std::size_t> offset = ParseCount(req, "offset", 0);
  if (min_rank < 0 || !limit || !offset || *limit == 0 || *limit > kMaxPage) {
    return SendError(res, 400, "INVALID_QUERY",
                     "min_level is low, medium, high or critical; limit 1.." + std::to_string(kMaxPage) + "; offset >= 0");
  }
  QueueFilter filter{req.get_param_value("company_id"), req.get_param_value("stage"), req.get_param_value("decision"),
                     req.get_param_value("q")};
  if (!IsDecisionState(filter.decision)) {
    return SendError(res, 400, "INVALID_QUERY", "decision is none, confirmed_fraud or cleared");
  }
  const std::shared_ptr<const Snapshot> snapshot = resolver.snapshot();
  std::vector<std::size_t> matching = snapshot->BySeverity(min_rank);
  if (!filter.company_id.empty() || !filter.stage.empty() || !filter.decision.empty() || !filter.query.empty()) {
    std::map<std::string, std::string> latest;
    if (!filter.decision.empty()) {
      Result<std::vector<store::DecisionRow>> decisions = store->Decisions("");
      if (!decisions) return Fail(res, caller->name, "read_queue", decisions.error());
      for (const store::DecisionRow& row : *decisions) latest[row.application_id] = row.decision;
    }
    // A search by name, e-mail or phone is a look-up of personal data: audited with what was asked.
    if (!filter.query.empty()) Audit(caller->name, "search_queue", filter.query);
    matching = FilterQueue(*snapshot, matching, filter, latest);
  }
  const std::size_t begin = std::min(*offset, matching.size());
  const std::size_t end = std::min(begin + *limit, matching.size());
  const std::vector<std::size_t> page(matching.begin() + static_cast<std::ptrdiff_t>(begin),
                                      matching.begin() + static_cast<std::ptrdiff_t>(end));
  SendJson(res, QueueJson(*snapshot, page, matching.size(), *offset, *limit));
}

void CompanyServer::Impl::HandlePostDecision(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Authorize(req, res, {Role::kReviewer, Role::kAdmin}, "decision");
  if (!caller) return;
  const Json body = internal::JsonNestsDeeperThan(req.body, internal::kMaxJsonDepth)
                        ? Json()
                        : Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  const bool well_formed = body.is_object() && body.contains("application_id") && body["application_id"].is_string() &&
                           body.contains("decision") && body["decision"].is_string() &&
                           (!body.contains("note") || body["note"].is_string());
  if (!well_formed || !store::IsDecision(body["decision"].get<std::string>())) {
    Audit(caller->name, "decision", "refused 400 INVALID_DECISION");
    return SendError(res, 400, "INVALID_DECISION",
                     "expected {\"application_id\": \"...\", \"decision\": \"confirmed_fraud\" or \"cleared\", \"note\": \"...\"}");
  }
  store::DecisionRow decision{0, body["application_id"], body["decision"], body.value("note", ""), caller->name, ""};
  // Decisions change scoring: one at a time with posts, like them (the resolver's one writer).
  std::lock_guard lock(write_mutex);
  const Turns::Turn turn = turns.TakeAndWait();
  if (resolver.snapshot()->Find(decision.application_id) == nullptr) {
    Audit(caller->name, "decision", "refused 404 NOT_FOUND " + decision.application_id);
    return SendError(res, 404, "NOT_FOUND", "no application " + decision.application_id);
  }
  const std::vector<std::string> sharing = resolver.SharingWith(decision.application_id);
  if (decision.decision == "cleared") decision.cleared_with = sharing;
  const store::AuditRow audit{0, internal::NowIso(), caller->name, "decision",
                              decision.application_id + " " + decision.decision};
  Result<std::int64_t> id = store->PutDecision(decision, audit);
  if (!id) return Fail(res, caller->name, "decision", id.error());
  decision.id = *id;
  decision.at = audit.at;
  // Stored: the decision stands even if rescoring fails (the next resolution takes it in).
  Result<std::vector<store::DecisionRow>> all = store->Decisions("");
  if (!all) return Fail(res, caller->name, "decision", all.error());
  std::vector<std::string> affected = sharing;
  affected.push_back(decision.application_id);
  resolver.SetDecisions(DecisionsOf(*all));
  Result<std::shared_ptr<const Snapshot>> rescored = resolver.Rescore(affected);
  if (!rescored) return Fail(res, caller->name, "decision", rescored.error());
  SendJson(res, DecisionJson(decision, **rescored));
}

void CompanyServer::Impl::HandleAudit(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Authorize(req, res, {Role::kAdmin}, "read_audit");
  if (!caller) return;
  const std::optional<std::size_t> after = ParseCount(req, "after_id", 0);
  const std::optional<std::size_t> limit = ParseCount(req, "limit", 100);
  if (!after || !limit || *limit == 0 || *limit > kMaxPage) {
    return SendError(res, 400, "INVALID_QUERY", "after_id >= 0; limit 1.." + std::to_string(kMaxPage));
  }
  Result<std::vector<store::AuditRow>> rows = store->Audit(static_cast<std::int64_t>(*after), *limit);
  if (!rows) return Fail(res, caller->name, "read_audit", rows.error());
  SendJson(res, AuditJson(*rows, static_cast<std::int64_t>(*after)));
}

void CompanyServer::Impl::HandleExportRisk(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Authorize(req, res, {Role::kReviewer, Role::kAdmin}, "export_risk");
  if (!caller) return;
  const std::shared_ptr<const Snapshot> snapshot = resolver.snapshot();
  const pipeline::ScanResult merged = snapshot->Merged();
  Audit(caller->name, "export_risk", std::to_string(merged.applications.size()) + " applications");
  res.status = 200;
  res.set_content(pipeline::RenderRiskCsv(merged), "text/csv");
}

Result<std::string> CompanyServer::Impl::ConfirmedBundle(std::string& summary, const share::BundleKeying* keying) {
  CC_ASSIGN_OR_RETURN(std::vector<store::DecisionRow> decisions, store->Decisions(""));
  const std::vector<share::ConfirmedPersona> personas =
      ConfirmedPersonas(*resolver.snapshot(), decisions, *options.context);
  std::size_t applications = 0;
  for (const share::ConfirmedPersona& persona : personas) applications += persona.application_ids.size();
  summary = std::to_string(personas.size()) + " confirmed personas, " + std::to_string(applications) + " applications";
  return share::RenderConfirmedFraudBundle(personas, options.organization, internal::NowIso(), keying);
}

void CompanyServer::Impl::HandleExportStix(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Authorize(req, res, {Role::kReviewer, Role::kAdmin}, "export_stix");
  if (!caller) return;
  // ?values=keyed: consortium tokens instead of raw values (as `scan --stix-values keyed`),
  // under the key and epoch the node shares with its hub.
  const std::string values = req.has_param("values") ? req.get_param_value("values") : "raw";
  std::optional<share::BundleKeying> keying;
  if (values == "keyed" && options.hub) {
    keying = share::BundleKeying{options.hub->key, options.hub->epoch};
  } else if (values != "raw") {
    const std::string why = values == "keyed" ? "keyed values need the consortium key: serve --hub ... --key-file K --epoch E"
                                              : "values is raw or keyed";
    Audit(caller->name, "export_stix", "refused 400 INVALID_QUERY: " + why);
    return SendError(res, 400, "INVALID_QUERY", why);
  }
  std::string summary;
  Result<std::string> bundle = ConfirmedBundle(summary, keying ? &*keying : nullptr);
  if (!bundle) return Fail(res, caller->name, "export_stix", bundle.error());
  Audit(caller->name, "export_stix", summary + (keying ? ", keyed" : ""));
  res.status = 200;
  res.set_content(std::move(*bundle), "application/stix+json;version=2.1");
}

// CompanyTaxii is the node's TAXII (internal/taxii_routes.h): reviewers and admins read the
// confirmed fraud (the objects of GET /v1/export/stix); admins push known-bad indicators into
// the indicators collection, which count in scoring once stored (write-only: what was pushed is
// the pusher's to keep, and each push's status tells what was made of it).
class CompanyServer::Impl::CompanyTaxii final : public internal::TaxiiBackend {
 public:
  explicit CompanyTaxii(Impl& impl) : impl_(impl) {}

  std::optional<internal::TaxiiCaller> Admit(const httplib::Request& req, httplib::Response& res,
                                             const char* action) override {
    const auto caller = impl_.Authorize(req, res, {Role::kReviewer, Role::kAdmin}, action, &internal::SendTaxiiError);
    if (!caller) return std::nullopt;
    return internal::TaxiiCaller{caller->name, caller->role == Role::kAdmin};
  }

  void Audit(const std::string& who, const char* action, const std::string& detail) override {
    impl_.Audit(who, action, detail);
  }

  std::vector<TaxiiCollectionInfo> Collections(const internal::TaxiiCaller& caller) override {
    const std::string& organization = impl_.options.organization;
    return {{TaxiiCollectionId(organization), "Confirmed fraud",
             "Applicant personas confirmed as fraud by " + organization +
                 "'s reviewers: the objects of GET /v1/export/stix",
             true, false},
            {IndicatorsCollectionId(organization), "Known-bad indicators",
             "Push STIX 2.1 indicators and observables (admins): they count as KNOWN_BAD_INDICATOR in every score",
             false, caller.writer}};
  }

  Result<internal::TaxiiObjects> Objects(const internal::TaxiiCaller&, const std::string&) override {
    internal::TaxiiObjects objects;
    CC_ASSIGN_OR_RETURN(objects.bundle, impl_.ConfirmedBundle(objects.summary));
    return objects;
  }

  Result<TaxiiStatus> AddObjects(const internal::TaxiiCaller& caller, const std::string&,
                                 const TaxiiEnvelopeObjects& objects) override {
    return impl_.PushIndicators(caller.name, objects);
  }

  Result<std::string> StatusOf(const internal::TaxiiCaller& caller, const std::string& status_id) override {
    std::optional<std::string> status = impl_.pushed.StatusOf(status_id, caller.name);
    if (!status) return NotFound("no status " + status_id + " of a push by " + caller.name);
    return std::move(*status);
  }

  // IndicatorsCollectionId is the writable collection's id, derived from the organization.
  static std::string IndicatorsCollectionId(const std::string& organization) {
    return TaxiiUuid("known-bad indicators|" + organization);
  }

 private:
  Impl& impl_;
};

Result<TaxiiStatus> CompanyServer::Impl::PushIndicators(const std::string& who, const TaxiiEnvelopeObjects& objects) {
  // Pushes change scoring: one at a time with posts and decisions (the resolver's one writer).
  std::lock_guard lock(write_mutex);
  const Turns::Turn turn = turns.TakeAndWait();
  const std::string at = internal::NowIso();
  const std::string status_id = TaxiiUuid("push|" + at + "|" + who + "|" + std::to_string(++pushes_made));
  CC_ASSIGN_OR_RETURN(PreparedPush push, pushed.Prepare(objects, who, at, status_id));
  const store::AuditRow audit{0, at, who, "taxii_add_objects",
                              "ok status " + status_id + ": " + push.status.import_summary};
  CC_RETURN_IF_ERROR(store->PutIndicatorPush(push.row, audit));
  TaxiiStatus status = push.status;
  // Stored: the indicators count from here on; every stored application may match one, so the
  // whole store is resolved again in the background.
  resolver.SetIndicators(pushed.Commit(std::move(push)));
  return status;
}

Status CompanyServer::Impl::RebuildMonitor(const std::vector<ApplicationRecord>& applications) {
  CC_ASSIGN_OR_RETURN(std::vector<EmployeeRecord> employees, store->Employees());
  CC_ASSIGN_OR_RETURN(std::vector<std::string> signins, store->Signins());
  monitor.Reset(employees, applications, ParseStoredSignins(signins));
  resolver.SetMonitoring(monitor.Report());
  return Ok();
}

void CompanyServer::Impl::HandlePostEmployees(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Authorize(req, res, {Role::kIngest, Role::kAdmin}, "post_employees");
  if (!caller) return;
  if (FormatOfContentType(req.get_header_value("Content-Type")) != BodyFormat::kCsv) {
    Audit(caller->name, "post_employees", "refused 415 UNSUPPORTED_MEDIA_TYPE");
    return SendError(res, 415, "UNSUPPORTED_MEDIA_TYPE", "send employees.csv as text/csv");
  }
  IssueLog issues;
  auto body = ParseEmployeesBody(req.body, issues);
  if (!body) return RefuseBody(res, caller->name, "post_employees", body.error(), issues);
  if (body->empty()) return RefuseEmptyBody(res, caller->name, "post_employees", issues);
  std::lock_guard lock(write_mutex);
  const Turns::Turn turn = turns.TakeAndWait();
  const std::string detail = std::to_string(body->size()) + " employees, " +
                             std::to_string(issues.CountBySeverity(IssueSeverity::kRowSkipped)) + " rows skipped";
  const store::AuditRow audit{0, internal::NowIso(), caller->name, "post_employees", "ok " + detail};
  if (Status stored = store->PutEmployees(*body, audit); !stored) return Fail(res, caller->name, "post_employees", stored.error());
  // A hire's claimed residence is the baseline of its sign-ins: replay them all against it.
  if (Status rebuilt = RebuildMonitor(resolver.snapshot()->Records()); !rebuilt) {
    return Fail(res, caller->name, "post_employees", rebuilt.error());
  }
  std::vector<std::string> hired;
  for (const EmployeeRecord& employee : *body) hired.push_back(employee.application_id);
  if (auto rescored = resolver.Rescore(hired); !rescored) return Fail(res, caller->name, "post_employees", rescored.error());
  SendJson(res, EmployeesAnswerJson(body->size(), issues));
}

void CompanyServer::Impl::HandlePostSignins(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Authorize(req, res, {Role::kIngest, Role::kAdmin}, "post_signins");
  if (!caller) return;
  IssueLog issues;
  auto body = ParseSigninsBody(req.body, issues);
  if (!body) return RefuseBody(res, caller->name, "post_signins", body.error(), issues);
  if (body->events.empty()) return RefuseEmptyBody(res, caller->name, "post_signins", issues);
  std::lock_guard lock(write_mutex);
  const Turns::Turn turn = turns.TakeAndWait();
  const std::string detail = std::to_string(body->events.size()) + " events, " +
                             std::to_string(issues.CountBySeverity(IssueSeverity::kRowSkipped)) + " lines skipped";
  const store::AuditRow audit{0, internal::NowIso(), caller->name, "post_signins", "ok " + detail};
  if (Status stored = store->PutSignins(body->lines, audit.at, audit); !stored) {
    return Fail(res, caller->name, "post_signins", stored.error());
  }
  // Stored: the events count from here on even if rescoring fails (a restart replays them).
  const std::vector<NumberedAlert> raised = monitor.Observe(body->events);
  resolver.SetMonitoring(monitor.Report());
  std::vector<std::string> alerted;
  for (const NumberedAlert& alert : raised) {
    if (!alert.alert.application_id.empty()) alerted.push_back(alert.alert.application_id);
  }
  std::sort(alerted.begin(), alerted.end());
  alerted.erase(std::unique(alerted.begin(), alerted.end()), alerted.end());
  if (!alerted.empty()) {
    if (auto rescored = resolver.Rescore(alerted); !rescored) return Fail(res, caller->name, "post_signins", rescored.error());
  }
  SendJson(res, SigninsAnswerJson(body->events.size(), raised, issues));
}

void CompanyServer::Impl::HandleGetAlerts(const httplib::Request& req, httplib::Response& res) {
  const auto caller = Authorize(req, res, {Role::kReviewer, Role::kAdmin}, "read_alerts");
  if (!caller) return;
  const std::optional<std::size_t> after = ParseCount(req, "after_id", 0);
  const std::optional<std::size_t> limit = ParseCount(req, "limit", 100);
  if (!after || !limit || *limit == 0 || *limit > kMaxPage) {
    return SendError(res, 400, "INVALID_QUERY", "after_id >= 0; limit 1.." + std::to_string(kMaxPage));
  }
  const std::vector<NumberedAlert> alerts = monitor.Alerts(static_cast<std::int64_t>(*after), *limit);
  Audit(caller->name, "read_alerts", std::to_string(alerts.size()) + " alerts after " + std::to_string(*after));
  SendJson(res, AlertsJson(alerts, static_cast<std::int64_t>(*after)));
}

void CompanyServer::Impl::HandleHealth(const httplib::Request&, httplib::Response& res) {
  const std::shared_ptr<const Snapshot> snapshot = resolver.snapshot();
  Json health{{"status", "ok"},
              {"applications", snapshot->size()},
              {"provisional", snapshot->provisional_count()},
              {"resolving", resolver.resolving()},
              {"last_resolve_seconds", snapshot->base->resolve_seconds}};
  if (hub_sync != nullptr) {
    const HubSyncStatus hub = hub_sync->status();
    health["hub"] = Json{{"syncs", hub.syncs},
                         {"pushed_version", hub.pushed_version},
                         {"findings_version", hub.findings_version},
                         {"findings", hub.findings},
                         {"last_sync_at", hub.last_sync_at},
                         {"last_error", hub.last_error}};
  }
  SendJson(res, internal::JsonText(health));
}

void CompanyServer::Impl::HandleMetrics(const httplib::Request&, httplib::Response& res) {
  const std::shared_ptr<const Snapshot> snapshot = resolver.snapshot();
  res.status = 200;
  const Resolver::ArrivalStats arrival = resolver.last_arrival();
  res.set_content(metrics.Render({
                      {"crosscheck_applications_stored", "Applications in the store.", static_cast<double>(snapshot->size())},
                      {"crosscheck_applications_provisional", "Applications scored on arrival, waiting for a resolution.",
                       static_cast<double>(snapshot->provisional_count())},
                      {"crosscheck_last_resolve_seconds", "Wall time of the last resolution of all stored applications.",
                       snapshot->base->resolve_seconds},
                      {"crosscheck_last_arrival_seconds", "Wall time of the last post's scoring in the request, waiting for its turn to commit included.",
                       arrival.seconds},
                      {"crosscheck_last_arrival_neighbourhood", "Applications the last post was scored against.",
                       static_cast<double>(arrival.neighbourhood)},
                  }),
                  "text/plain; version=0.0.4");
}

// POST /v1/session: a reviewer's or admin's token buys a session cookie for the web UI.
void CompanyServer::Impl::HandleSignIn(const httplib::Request& req, httplib::Response& res) {
  const Json body = internal::JsonNestsDeeperThan(req.body, internal::kMaxJsonDepth)
                        ? Json()
                        : Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("token") || !body["token"].is_string() || body["token"].get<std::string>().empty()) {
    Audit("", "sign_in", "refused 400 INVALID_BODY");
    return SendError(res, 400, "INVALID_BODY", "expected {\"token\": \"...\"}");
  }
  const auto found = options.tokens.find(share::HexSha256(body["token"].get<std::string>()));
  if (found == options.tokens.end()) {
    Audit("", "sign_in", "refused 401 UNAUTHORIZED");
    return SendError(res, 401, "UNAUTHORIZED", "unknown token");
  }
  const TokenHolder& holder = found->second;
  if (holder.role != Role::kReviewer && holder.role != Role::kAdmin) {
    Audit(holder.name, "sign_in", std::string("refused 403 FORBIDDEN (role ") + RoleName(holder.role) + ")");
    return SendError(res, 403, "FORBIDDEN", std::string("role ") + RoleName(holder.role) + " may not use the web UI");
  }
  Result<Session> session = sessions.Open(holder, std::chrono::system_clock::now());
  if (!session) return Fail(res, holder.name, "sign_in", session.error());
  Audit(holder.name, "sign_in", "ok");
  res.set_header("Set-Cookie", SessionCookieHeader(session->id, kDefaultSessionIdle, !options.tls_cert.empty()));
  res.set_header("Cache-Control", "no-store");
  SendJson(res, SessionJson(*session));
}

// GET /v1/session: who the session cookie signs in (the UI asks on load); not audited.
void CompanyServer::Impl::HandleSession(const httplib::Request& req, httplib::Response& res) {
  const std::optional<Session> session = SessionOf(req);
  if (!session) return SendError(res, 401, "UNAUTHORIZED", "not signed in");
  res.set_header("Cache-Control", "no-store");
  SendJson(res, SessionJson(*session));
}

// DELETE /v1/session: signs out; the session is dropped and the cookie cleared.
void CompanyServer::Impl::HandleSignOut(const httplib::Request& req, httplib::Response& res) {
  const std::string cookies = req.get_header_value("Cookie");
  const std::string id(SessionCookieOf(cookies));
  const auto caller = Authorize(req, res, {Role::kReviewer, Role::kAdmin}, "sign_out");
  if (!caller) return;
  if (id.empty() || !sessions.Close(id)) {
    Audit(caller->name, "sign_out", "refused 400 NO_SESSION");
    return SendError(res, 400, "NO_SESSION", "sign out with the session cookie, not a bearer token");
  }
  Audit(caller->name, "sign_out", "ok");
  res.set_header("Set-Cookie", SessionCookieHeader("", kDefaultSessionIdle, !options.tls_cert.empty()));
  SendJson(res, internal::JsonText(Json{{"signed_out", true}}));
}

void CompanyServer::Impl::Route() {
  using Method = void (Impl::*)(const httplib::Request&, httplib::Response&);
  auto guarded = [this](Method handler, const char* action) {
    return internal::Guarded([this, handler](const httplib::Request& req, httplib::Response& res) { (this->*handler)(req, res); },
                             [this, action](const std::string& what) { Audit("", action, what); });
  };
  http->Post("/v1/applications", guarded(&Impl::HandlePostApplications, "post_applications"));
  http->Get(R"(/v1/applications/([^/]+))", guarded(&Impl::HandleGetApplication, "read_application"));
  http->Get(R"(/v1/personas/([^/]+))", guarded(&Impl::HandleGetPersona, "read_persona"));
  http->Get(R"(/v1/networks/([^/]+))", guarded(&Impl::HandleGetNetwork, "read_network"));
  http->Get("/v1/queue", guarded(&Impl::HandleQueue, "read_queue"));
  http->Post("/v1/decisions", guarded(&Impl::HandlePostDecision, "decision"));
  http->Post("/v1/employees", guarded(&Impl::HandlePostEmployees, "post_employees"));
  http->Post("/v1/signins", guarded(&Impl::HandlePostSignins, "post_signins"));
  http->Get("/v1/alerts", guarded(&Impl::HandleGetAlerts, "read_alerts"));
  http->Get("/v1/audit", guarded(&Impl::HandleAudit, "read_audit"));
  http->Get("/v1/export/risk.csv", guarded(&Impl::HandleExportRisk, "export_risk"));
  http->Get("/v1/export/stix", guarded(&Impl::HandleExportStix, "export_stix"));
  taxii = std::make_unique<CompanyTaxii>(*this);
  internal::InstallTaxiiRoutes(*http, *taxii,
                               {.title = "crosscheck node of " + options.organization,
                                .description = "Confirmed fraudulent applicant personas as STIX 2.1; "
                                               "known-bad indicators pushed in",
                                .max_content_length = options.max_body_bytes,
                                .tls = !options.tls_cert.empty()});
  http->Post("/v1/session", guarded(&Impl::HandleSignIn, "sign_in"));
  http->Get("/v1/session", guarded(&Impl::HandleSession, "read_session"));
  http->Delete("/v1/session", guarded(&Impl::HandleSignOut, "sign_out"));
  http->Get("/healthz", guarded(&Impl::HandleHealth, "healthz"));
  http->Get("/metrics", guarded(&Impl::HandleMetrics, "metrics"));
  http->Get("/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(internal::kOpenApiJson, "application/json");
  });
  internal::InstallStaticUi(*http);
  internal::InstallJsonErrors(*http, options.max_body_bytes, [this](const httplib::Request& req) {
    const std::optional<std::string> token = internal::BearerTokenSha256(req);
    const auto found = token ? options.tokens.find(*token) : options.tokens.end();
    Audit(found == options.tokens.end() ? "" : found->second.name, EndpointOf(req.method, req.path), "refused 413 PAYLOAD_TOO_LARGE");
  });
  http->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    metrics.CountRequest(req.method, req.path, res.status);
  });
  http->set_read_timeout(options.read_timeout_seconds, 0);
}

CompanyServer::CompanyServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CompanyServer::~CompanyServer() { Stop(); }

Result<std::unique_ptr<CompanyServer>> CompanyServer::Create(CompanyServerOptions options) {
  if (options.context == nullptr) return Internal("CompanyServer needs a scan context");
  CC_ASSIGN_OR_RETURN(std::unique_ptr<httplib::Server> http, internal::MakeServer(options.tls_cert, options.tls_key));
  auto impl = std::make_unique<Impl>(std::move(options));
  impl->http = std::move(http);
  CC_ASSIGN_OR_RETURN(impl->store, store::OpenCompanyStore(impl->options.store));
  CC_ASSIGN_OR_RETURN(std::vector<ApplicationRecord> stored, impl->store->Applications());
  CC_ASSIGN_OR_RETURN(std::vector<store::DecisionRow> decisions, impl->store->Decisions(""));
  impl->resolver.SetDecisions(DecisionsOf(decisions));
  CC_RETURN_IF_ERROR(impl->RebuildMonitor(stored));
  CC_ASSIGN_OR_RETURN(std::vector<store::IndicatorPushRow> pushes, impl->store->IndicatorPushes());
  CC_RETURN_IF_ERROR(impl->pushed.Load(pushes));
  impl->pushes_made = pushes.size();
  impl->resolver.SetIndicators(impl->pushed.indicators());
  CC_RETURN_IF_ERROR(impl->resolver.Load(std::move(stored)));
  if (impl->options.hub) {
    impl->hub_sync = std::make_unique<HubSync>(*impl->options.hub, impl->resolver, *impl->options.context);
  }
  impl->Route();
  return std::unique_ptr<CompanyServer>(new CompanyServer(std::move(impl)));
}

Result<int> CompanyServer::Bind(const std::string& host, int port) { return internal::BindServer(*impl_->http, host, port); }

Status CompanyServer::Run() { return internal::RunServer(*impl_->http); }

void CompanyServer::Stop() {
  if (impl_ != nullptr && impl_->http != nullptr) impl_->http->stop();
}

void CompanyServer::WaitUntilRunning() { internal::WaitUntilRunning(*impl_->http); }

std::size_t CompanyServer::applications() const { return impl_->resolver.snapshot()->size(); }

Status CompanyServer::SyncWithHub() {
  if (impl_->hub_sync == nullptr) return InvalidInput("this node is not linked to a hub (--hub)");
  return impl_->hub_sync->SyncNow();
}

bool CompanyServer::WaitUntilResolved(std::chrono::milliseconds timeout) {
  return impl_->resolver.WaitUntilResolved(timeout);
}

}  // namespace crosscheck::serve
