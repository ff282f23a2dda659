#include "crosscheck/common/testing/test_dir.h"
#include "crosscheck/serve/hub_server.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "crosscheck/common/time.h"
#include "crosscheck/hub/testing/simulated_world.h"
#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/normalize/application_normalizer.h"
#include "crosscheck/serve/hub_client.h"
#include "crosscheck/serve/hub_taxii.h"
#include "crosscheck/serve/internal/running_server.h"
#include "crosscheck/serve/internal/taxii_test_client.h"
#include "crosscheck/serve/members_file.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/share/submission_file.h"
#include "crosscheck/store/hub_store.h"
#include "crosscheck/store/internal/test_postgres_server.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::serve {
namespace {

using Json = nlohmann::json;
constexpr const char* kEpoch = "2026-12";

using hub::test_world::CountingKey;

std::filesystem::path FreshDir(const std::string& name) { return test::FreshTestDir("serve_" + name); }

ApplicationRecord Record(const char* company, const char* id, const char* name, const char* email,
                         const char* phone, const char* device) {
  ApplicationRecord record;
  record.line = 2;
  record.application_id = id;
  record.company_id = company;
  record.submitted_at = "2026-11-10T10:00:00Z";
  record.full_name = name;
  record.email = email;
  record.phone = phone;
  record.date_of_birth = "1988-03-14";
  record.date_of_birth_parsed = ParseDate("1988-03-14");
  record.country = "US";
  record.device_id = device;
  record.payout_account = "GB29 NWBK 6016 1331 9268 19";
  record.stage = "interview";
  return record;
}

// EncodeSubmission encodes one company's applications as a .ccsub file.
std::string EncodeSubmission(const std::string& company, const std::vector<ApplicationRecord>& records,
                             const share::ConsortiumKey& key) {
  const std::vector<NormalizedApplication> apps =
      normalize::NormalizeApplications(records, normalize::NormalizeContext{.file = company + ".csv"}, nullptr);
  const share::SubmissionEncoder encoder(key, kEpoch);
  share::Submission submission{company, kEpoch, encoder.key_id(), {}};
  for (std::size_t idx = 0; idx < apps.size(); ++idx) submission.records.push_back(encoder.Encode(apps[idx], records[idx]));
  return share::SerializeSubmission(submission);
}

// SubmissionBytes encodes one company's application (it shares the ring's phone, device and
// payout account with the other company's) as a .ccsub file.
std::string SubmissionBytes(const std::string& company, const share::ConsortiumKey& key) {
  if (company == "acme-corp") {
    return EncodeSubmission(company, {Record("acme-corp", "a1", "Marcus Holloway", "marcus.h.dev@gmail.com",
                                             "(415) 555-0199", "dev-ring-7731")}, key);
  }
  return EncodeSubmission(company, {Record(company.c_str(), "b1", "Priya Raman", "priya.raman.codes@outlook.com",
                                           "(415) 555-0199", "dev-ring-7731")}, key);
}

// ExampleSubmission encodes examples/applications.csv's rows of acme and initech as acme-corp's
// submission, the others (globex, umbrella, hooli) as birch-labs': each of the example's two
// rings then spans both members, and the hub flags them.
std::string ExampleSubmission(const std::string& company, const share::ConsortiumKey& key) {
  IssueLog issues;
  Result<std::vector<ApplicationRecord>> read =
      ingest::ReadApplications(std::string(CROSSCHECK_SOURCE_DIR) + "/examples/applications.csv", {}, issues);
  EXPECT_TRUE(read) << read.error().ToString();
  std::vector<ApplicationRecord> records;
  for (ApplicationRecord& record : read.value_or(std::vector<ApplicationRecord>{})) {
    const bool acme = record.company_id == "acme" || record.company_id == "initech";
    if (acme != (company == "acme-corp")) continue;
    record.company_id = company;
    records.push_back(std::move(record));
  }
  return EncodeSubmission(company, records, key);
}

// HubOptions are a test hub's options on `store` (a directory or a postgresql:// URL).
HubServerOptions HubOptions(const std::string& store, std::size_t max_body, const std::string& tls_cert,
                            const std::string& tls_key) {
  HubServerOptions options;
  options.tls_cert = tls_cert;
  options.tls_key = tls_key;
  options.store = store;
  options.members = {{share::HexSha256("tok-acme"), "acme-corp"}, {share::HexSha256("tok-birch"), "birch-labs"}};
  options.hub_key = CountingKey(100);
  options.k_threshold = 1;
  options.max_body_bytes = max_body;
  return options;
}

// RunningHub is a hub on 127.0.0.1 with a free port, served on a thread.
class RunningHub {
 public:
  explicit RunningHub(const std::string& store, std::size_t max_body = kDefaultMaxBodyBytes,
                      const std::string& tls_cert = "", const std::string& tls_key = "")
      : tls_(!tls_cert.empty()), server_(HubServer::Create(HubOptions(store, max_body, tls_cert, tls_key))) {}
  std::string url() const { return (tls_ ? "https" : "http") + std::string("://127.0.0.1:") + std::to_string(port()); }
  int port() const { return server_.port(); }
  void WaitUntilMatched() { EXPECT_TRUE(server_.get()->WaitUntilMatched(std::chrono::seconds{60})); }

 private:
  bool tls_ = false;
  internal::RunningServer<HubServer> server_;
};

std::int64_t FindingsVersion(const std::string& dir, const std::string& company) {
  auto store = store::OpenHubStore(dir);
  EXPECT_TRUE(store.has_value());
  auto row = (*store)->Findings(company);
  EXPECT_TRUE(row.has_value());
  return row->has_value() ? (**row).version : 0;
}

// CheckPushPullRefusalsAuditAndRestart runs a hub on the store `dir` (a fresh directory or
// database) through pushes, pulls, a refusal and a restart.
void CheckPushPullRefusalsAuditAndRestart(const std::string& dir) {
  const std::string acme = SubmissionBytes("acme-corp", CountingKey(0));
  const std::string birch = SubmissionBytes("birch-labs", CountingKey(0));
  std::string acme_findings;
  int old_port = 0;
  {
    RunningHub hub(dir);
    old_port = hub.port();
    httplib::Client raw(hub.url());
    ASSERT_EQ(raw.Get("/healthz")->status, 200);
    // 401 without a token and with a wrong one.
    auto anonymous = raw.Post("/v1/submissions", acme, "application/octet-stream");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401);
    EXPECT_EQ(Json::parse(anonymous->body)["error"]["code"], "UNAUTHORIZED");
    auto wrong = PushSubmission(hub.url(), "tok-nobody", acme);
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(wrong.error().message().find("401"), std::string::npos);
    // 403: acme's token, birch's submission.
    auto forbidden = PushSubmission(hub.url(), "tok-acme", birch);
    ASSERT_FALSE(forbidden.has_value());
    EXPECT_NE(forbidden.error().message().find("403"), std::string::npos) << forbidden.error().message();
    // 400: garbage bytes.
    auto garbage = PushSubmission(hub.url(), "tok-acme", "not a submission");
    ASSERT_FALSE(garbage.has_value());
    EXPECT_NE(garbage.error().message().find("INVALID_SUBMISSION"), std::string::npos) << garbage.error().message();
    // 404 before any push.
    auto none = PullFindings(hub.url(), "tok-acme");
    ASSERT_FALSE(none.has_value());
    EXPECT_EQ(none.error().code(), ErrorCode::kNotFound);

    auto first = PushSubmission(hub.url(), "tok-acme", acme);
    ASSERT_TRUE(first.has_value()) << first.error().ToString();
    EXPECT_EQ(first->company_id, "acme-corp");
    EXPECT_EQ(first->version, 1);
    EXPECT_EQ(first->records, 1);
    auto second = PushSubmission(hub.url(), "tok-birch", birch);
    ASSERT_TRUE(second.has_value()) << second.error().ToString();
    auto again = PushSubmission(hub.url(), "tok-acme", acme);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->version, 2);

    // Pushes are answered before their match; a pull that waits gets the findings of acme's
    // latest submission.
    auto pulled = PullFindings(hub.url(), "tok-acme", "", std::chrono::seconds{60});
    ASSERT_TRUE(pulled.has_value()) << pulled.error().ToString();
    EXPECT_FALSE(pulled->match_pending);
    EXPECT_EQ(pulled->submission_version, 2);
    EXPECT_GE(pulled->version, 1);
    const Json findings = Json::parse(pulled->json);
    EXPECT_EQ(findings["company_id"], "acme-corp");
    EXPECT_EQ(findings["format"], "crosscheck-findings");
    EXPECT_TRUE(findings["applications"].is_array());
    acme_findings = pulled->json;
    hub.WaitUntilMatched();
    const std::int64_t settled = FindingsVersion(dir, "acme-corp");
    // Pushing the same submission again re-matches to the same findings: the version stays.
    ASSERT_TRUE(PushSubmission(hub.url(), "tok-acme", acme).has_value());
    hub.WaitUntilMatched();
    EXPECT_EQ(FindingsVersion(dir, "acme-corp"), settled);
    auto third = PullFindings(hub.url(), "tok-acme");
    ASSERT_TRUE(third.has_value());
    EXPECT_EQ(third->submission_version, 3);
    EXPECT_EQ(third->json, acme_findings);

    // A foreign-key submission is refused and nothing stored changes.
    const std::int64_t version_before = FindingsVersion(dir, "acme-corp");
    auto foreign = PushSubmission(hub.url(), "tok-birch", SubmissionBytes("birch-labs", CountingKey(50)));
    ASSERT_FALSE(foreign.has_value());
    EXPECT_NE(foreign.error().message().find("INVALID_SUBMISSION"), std::string::npos);
    EXPECT_NE(foreign.error().message().find("consortium key"), std::string::npos) << foreign.error().message();
    EXPECT_EQ(FindingsVersion(dir, "acme-corp"), version_before);
    auto still = PullFindings(hub.url(), "tok-acme");
    ASSERT_TRUE(still.has_value());
    EXPECT_EQ(still->json, acme_findings);
  }
  // The audit log holds every push and pull, refused ones included.
  {
    auto store = store::OpenHubStore(dir);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    auto audit = (*store)->Audit();
    ASSERT_TRUE(audit.has_value());
    EXPECT_GE(audit->size(), 10u);
    EXPECT_NE((*audit)[0].detail.find("refused 401"), std::string::npos) << (*audit)[0].detail;
    auto submissions = (*store)->Submissions();
    ASSERT_TRUE(submissions.has_value());
    EXPECT_EQ(submissions->size(), 2u);
  }
  // Durability across a restart: the same findings, and pushes go on from the stored state.
  RunningHub hub(dir);
  auto pulled = PullFindings(hub.url(), "tok-acme");
  ASSERT_TRUE(pulled.has_value()) << pulled.error().ToString();
  EXPECT_EQ(pulled->json, acme_findings);
  hub.WaitUntilMatched();  // the restart's re-match changes nothing
  EXPECT_EQ(PullFindings(hub.url(), "tok-acme").value().json, acme_findings);
  auto foreign = PushSubmission(hub.url(), "tok-birch", SubmissionBytes("birch-labs", CountingKey(50)));
  EXPECT_FALSE(foreign.has_value());
  if (old_port != hub.port()) {
    auto refused = PullFindings("http://127.0.0.1:" + std::to_string(old_port), "tok-acme");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code(), ErrorCode::kUnavailable);
  }
}

// RunOnPostgres runs `check` on a fresh database `name` of a test PostgreSQL server; skips the
// test where none can be started.
void RunOnPostgres(const std::string& name, void (*check)(const std::string&)) {
  auto server = store::internal::TestPostgresServer::Start();
  if (server == nullptr) GTEST_SKIP() << "PostgreSQL: " << store::internal::TestPostgresServer::SkipReason();
  const std::string url = server->CreateDatabase(name);
  ASSERT_FALSE(url.empty());
  check(url);
}

TEST(HubServer, PushPullRefusalsAuditAndRestart) { CheckPushPullRefusalsAuditAndRestart(FreshDir("main")); }

TEST(HubServer, PushPullRefusalsAuditAndRestartOnPostgres) {
  RunOnPostgres("hub", CheckPushPullRefusalsAuditAndRestart);
}

TEST(HubServer, APushStoredButNeverMatchedIsMatchedAfterARestart) {
  const auto dir = FreshDir("resume");
  {
    // As if the hub died between storing the pushes and matching them.
    auto store = store::OpenHubStore(dir.string());
    ASSERT_TRUE(store.has_value());
    for (const std::string company : {"acme-corp", "birch-labs"}) {
      const std::string bytes = SubmissionBytes(company, CountingKey(0));
      ASSERT_TRUE((*store)->PutSubmission({company, kEpoch, share::ParseSubmission(bytes, "t")->key_id, bytes, 0,
                                           "2026-12-06T00:00:00Z"}).has_value());
    }
  }
  RunningHub hub(dir.string());
  auto pulled = PullFindings(hub.url(), "tok-birch", "", std::chrono::seconds{60});
  ASSERT_TRUE(pulled.has_value()) << pulled.error().ToString();
  EXPECT_FALSE(pulled->match_pending);
  EXPECT_EQ(pulled->submission_version, 1);
  EXPECT_EQ(Json::parse(pulled->json)["company_id"], "birch-labs");
  httplib::Client raw(hub.url());
  const Json health = Json::parse(raw.Get("/healthz")->body);
  EXPECT_EQ(health["members"], 2);
  EXPECT_EQ(health["matching"], false);
  EXPECT_GE(health["matches"].get<int>(), 1);
}

// FixtureBytes returns a submission file of the last format-1 build (tests/fixtures/submission_v1:
// examples/applications.csv's rows of `company` under CountingKey(0)).
std::string FixtureBytes(const std::string& company) {
  std::ifstream in(std::filesystem::path(CROSSCHECK_SOURCE_DIR) / "tests/fixtures/submission_v1" / (company + ".ccsub"),
                   std::ios::binary);
  EXPECT_TRUE(in) << company;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// CheckFormat1StoreOpens stores two members' format-1 submissions as an older hub did (same
// schema: the raw bytes), then runs today's hub on `store` (a fresh directory or database):
// it opens, matches them, counts them on /healthz, and a member's format-2 push replaces its
// format-1 submission, across a restart.
void CheckFormat1StoreOpens(const std::string& store_dir) {
  {
    auto store = store::OpenHubStore(store_dir);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    for (const std::string company : {"acme", "globex"}) {
      const std::string bytes = FixtureBytes(company);
      ASSERT_TRUE(bytes.starts_with("crosscheck-submission 1\n"));
      ASSERT_TRUE((*store)->PutSubmission({company, kEpoch, share::ParseSubmission(bytes, "t")->key_id, bytes, 0,
                                           "2026-12-01T00:00:00Z"}).has_value());
    }
  }
  HubServerOptions options = HubOptions(store_dir, kDefaultMaxBodyBytes, "", "");
  options.members = {{share::HexSha256("tok-acme"), "acme"}, {share::HexSha256("tok-globex"), "globex"}};
  const auto formats = [](int port) {
    httplib::Client raw("127.0.0.1", port);
    const Json health = Json::parse(raw.Get("/healthz")->body);
    return health["submission_formats"];
  };
  {
    internal::RunningServer<HubServer> hub(HubServer::Create(options));
    ASSERT_TRUE(hub.get()->WaitUntilMatched(std::chrono::seconds{60}));
    const std::string url = "http://127.0.0.1:" + std::to_string(hub.port());
    auto pulled = PullFindings(url, "tok-globex");
    ASSERT_TRUE(pulled.has_value()) << pulled.error().ToString();
    EXPECT_EQ(Json::parse(pulled->json)["company_id"], "globex");
    EXPECT_EQ(pulled->submission_version, 1);
    EXPECT_EQ(formats(hub.port()), (Json{{"1", 2}}));
    // acme re-encodes: format 2 replaces its format-1 submission.
    IssueLog issues;
    Result<std::vector<ApplicationRecord>> read =
        ingest::ReadApplications(std::string(CROSSCHECK_SOURCE_DIR) + "/examples/applications.csv", {}, issues);
    ASSERT_TRUE(read) << read.error().ToString();
    std::vector<ApplicationRecord> acme;
    for (const ApplicationRecord& record : *read) {
      if (record.company_id == "acme") acme.push_back(record);
    }
    auto pushed = PushSubmission(url, "tok-acme", EncodeSubmission("acme", acme, CountingKey(0)));
    ASSERT_TRUE(pushed.has_value()) << pushed.error().ToString();
    EXPECT_EQ(pushed->version, 2);
    EXPECT_TRUE(hub.get()->WaitUntilMatched(std::chrono::seconds{60}));
    EXPECT_EQ(formats(hub.port()), (Json{{"1", 1}, {"2", 1}}));
  }
  auto store = store::OpenHubStore(store_dir);
  ASSERT_TRUE(store.has_value());
  auto rows = (*store)->Submissions();
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_TRUE((*rows)[0].bytes.starts_with("crosscheck-submission 2\n"));  // acme, sorted by company
  EXPECT_TRUE((*rows)[1].bytes.starts_with("crosscheck-submission 1\n"));
  auto audit = (*store)->Audit();
  ASSERT_TRUE(audit.has_value());
  ASSERT_FALSE(audit->empty());
  EXPECT_NE(audit->back().detail.find("format 2"), std::string::npos) << audit->back().detail;
  store->reset();
  internal::RunningServer<HubServer> restarted(HubServer::Create(options));
  EXPECT_EQ(formats(restarted.port()), (Json{{"1", 1}, {"2", 1}}));
}

TEST(HubServer, OpensAStoreOfFormat1SubmissionsAndCountsThem) { CheckFormat1StoreOpens(FreshDir("format1").string()); }

TEST(HubServer, OpensAStoreOfFormat1SubmissionsAndCountsThemOnPostgres) {
  RunOnPostgres("hub_format1", CheckFormat1StoreOpens);
}

TEST(HubServer, StoresOnlyTheFindingsThatChangedAndReportsTheMatch) {
  const auto dir = FreshDir("incremental");
  RunningHub hub(dir.string());
  ASSERT_TRUE(PushSubmission(hub.url(), "tok-acme", SubmissionBytes("acme-corp", CountingKey(0))).has_value());
  ASSERT_TRUE(PushSubmission(hub.url(), "tok-birch", SubmissionBytes("birch-labs", CountingKey(0))).has_value());
  hub.WaitUntilMatched();
  httplib::Client raw(hub.url());
  Json health = Json::parse(raw.Get("/healthz")->body);
  EXPECT_EQ(health["last_match"]["full"], true) << health.dump();
  EXPECT_EQ(health["last_match"]["applications"], 2);
  EXPECT_EQ(health["last_match"]["rescored_applications"], 2);
  const std::int64_t birch_version = FindingsVersion(dir.string(), "birch-labs");
  ASSERT_GE(birch_version, 1);
  // acme pushes the same records again: its findings are re-made from the new submission version
  // (stored with it, the JSON and so its findings version unchanged); birch's are not rewritten.
  ASSERT_TRUE(PushSubmission(hub.url(), "tok-acme", SubmissionBytes("acme-corp", CountingKey(0))).has_value());
  hub.WaitUntilMatched();
  health = Json::parse(raw.Get("/healthz")->body);
  EXPECT_EQ(health["last_match"]["findings_written"], 1) << health.dump();
  EXPECT_EQ(health["last_match"]["rescored_applications"], 2);  // acme's record and the ring it is tied to
  EXPECT_EQ(health["last_match"]["reason"], "affected part over the share");
  auto pulled = PullFindings(hub.url(), "tok-acme");
  ASSERT_TRUE(pulled.has_value()) << pulled.error().ToString();
  EXPECT_EQ(pulled->submission_version, 2);
  EXPECT_EQ(pulled->version, 1);
  EXPECT_EQ(FindingsVersion(dir.string(), "birch-labs"), birch_version);
}

// TAXII on the hub, with the client written against the spec: each member discovers one
// collection, its own findings as STIX, paged; it learns nothing of the other member's — not
// its collection, not its handles — and the hub takes no pushes.
TEST(HubServer, ServesEachMemberItsOwnFindingsOverTaxiiAndNothingElse) {
  RunningHub hub(FreshDir("taxii").string());
  ASSERT_TRUE(PushSubmission(hub.url(), "tok-acme", ExampleSubmission("acme-corp", CountingKey(0))).has_value());
  ASSERT_TRUE(PushSubmission(hub.url(), "tok-birch", ExampleSubmission("birch-labs", CountingKey(0))).has_value());
  hub.WaitUntilMatched();
  auto birch_findings = PullFindings(hub.url(), "tok-birch");
  ASSERT_TRUE(birch_findings.has_value()) << birch_findings.error().ToString();
  const Json birch_applications = Json::parse(birch_findings->json)["applications"];
  ASSERT_FALSE(birch_applications.empty());
  httplib::Client client(hub.url());
  const internal::TaxiiTestClient acme(client, "tok-acme");
  const std::vector<internal::TaxiiTestClient::Collection> collections = acme.DiscoverCollections();
  ASSERT_EQ(collections.size(), 1u);
  EXPECT_EQ(collections[0].resource["id"], HubFindingsCollectionId("acme-corp"));
  EXPECT_FALSE(collections[0].resource["can_write"].get<bool>());
  const std::vector<Json> objects = acme.AllObjects(collections[0].objects_path, 2);
  std::size_t actors = 0;
  for (const Json& object : objects) {
    if (object["type"] != "threat-actor" || !object.contains("x_crosscheck_application_ids")) continue;
    ++actors;
    EXPECT_NE(object["description"].get<std::string>().find("consortium hub"), std::string::npos) << object.dump();
  }
  const std::string served = Json(objects).dump();
  EXPECT_GE(actors, 2u) << served;  // at least a persona of each ring (acme-0001's, initech-0042's)
  for (const Json& application : birch_applications) {
    EXPECT_EQ(served.find(application["handle"].get<std::string>()), std::string::npos) << "birch's handle";
  }
  EXPECT_EQ(served.find("birch"), std::string::npos);

  // birch's collection does not exist for acme; nor does a push or a status.
  const std::string birch_objects = std::string("/taxii2/") + kTaxiiApiRoot + "/collections/" +
                                    HubFindingsCollectionId("birch-labs") + "/objects/";
  auto foreign = acme.Get(birch_objects);
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 404) << foreign->body;
  EXPECT_EQ(foreign->get_header_value("Content-Type"), kTaxiiMediaType);
  auto pushed = client.Post(collections[0].objects_path, {{"Authorization", "Bearer tok-acme"}}, R"({"objects": []})",
                            kTaxiiMediaType);
  ASSERT_TRUE(pushed);
  EXPECT_EQ(pushed->status, 403) << pushed->body;
  auto anonymous = client.Get("/taxii2/", {{"Accept", kTaxiiMediaType}});
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  const internal::TaxiiTestClient birch(client, "tok-birch");
  EXPECT_EQ(birch.DiscoverCollections().at(0).resource["id"], HubFindingsCollectionId("birch-labs"));
}

TEST(HubServer, BodyOverTheLimitIs413) {
  const auto dir = FreshDir("limit");
  RunningHub hub(dir, 1024);
  httplib::Client raw(hub.url());
  auto answer = raw.Post("/v1/submissions", {{"Authorization", "Bearer tok-acme"}}, std::string(4096, 'x'),
                         "application/octet-stream");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 413);
  EXPECT_NE(answer->body.find("larger than 1024 bytes"), std::string::npos) << answer->body;
  // A body sent as a form (curl --data-binary's default type) meets httplib's form limit first:
  // the answer says so rather than blaming the size limit.
  RunningHub roomy(FreshDir("limit_form"));
  httplib::Client form(roomy.url());
  auto as_form = form.Post("/v1/submissions", {{"Authorization", "Bearer tok-acme"}}, std::string(20000, 'x'),
                           "application/x-www-form-urlencoded");
  ASSERT_TRUE(as_form);
  EXPECT_EQ(as_form->status, 413);
  EXPECT_NE(as_form->body.find("application/octet-stream"), std::string::npos) << as_form->body;
}

// SelfSignedCertificate writes DIR/cert.pem and DIR/key.pem for CN=127.0.0.1 (subjectAltName
// IP:127.0.0.1) with the openssl command; false when it cannot.
bool SelfSignedCertificate(const std::filesystem::path& dir) {
  const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
                              "-addext subjectAltName=IP:127.0.0.1 -keyout '" + (dir / "key.pem").string() +
                              "' -out '" + (dir / "cert.pem").string() + "' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0 && std::filesystem::exists(dir / "cert.pem");
}

TEST(HubServer, ServesHttpsAndClientsVerifyTheCertificate) {
  const auto dir = FreshDir("tls");
  if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no openssl command";
  ASSERT_TRUE(SelfSignedCertificate(dir));
  const std::string cert = (dir / "cert.pem").string();
  const std::string key = (dir / "key.pem").string();
  std::filesystem::create_directories(dir / "store");
  RunningHub hub((dir / "store").string(), kDefaultMaxBodyBytes, cert, key);
  ASSERT_TRUE(hub.url().starts_with("https://"));
  const std::string acme = SubmissionBytes("acme-corp", CountingKey(0));
  const std::string birch = SubmissionBytes("birch-labs", CountingKey(0));

  // Trusting the self-signed certificate: push and pull work.
  auto pushed = PushSubmission(hub.url(), "tok-acme", acme, cert);
  ASSERT_TRUE(pushed.has_value()) << pushed.error().ToString();
  EXPECT_EQ(pushed->version, 1);
  ASSERT_TRUE(PushSubmission(hub.url(), "tok-birch", birch, cert).has_value());
  auto pulled = PullFindings(hub.url(), "tok-acme", cert, std::chrono::seconds{60});
  ASSERT_TRUE(pulled.has_value()) << pulled.error().ToString();
  EXPECT_EQ(Json::parse(pulled->json)["company_id"], "acme-corp");
  // The hub's refusals still come through TLS.
  auto unknown = PullFindings(hub.url(), "tok-nobody", cert);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_NE(unknown.error().message().find("401"), std::string::npos) << unknown.error().message();

  // Without the CA file the system's CAs do not vouch for it: a verification error, exit 2.
  auto unverified_push = PushSubmission(hub.url(), "tok-acme", acme);
  auto unverified_pull = PullFindings(hub.url(), "tok-acme");
  ASSERT_FALSE(unverified_push.has_value());
  ASSERT_FALSE(unverified_pull.has_value());
  for (const Error& failed : {unverified_push.error(), unverified_pull.error()}) {
    EXPECT_EQ(failed.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(failed.message().find("certificate could not be verified"), std::string::npos) << failed.message();
  }
  // A CA file that does not hold the hub's certificate fails the same way.
  std::ofstream(dir / "other.pem") << "not a certificate\n";
  auto wrong_ca = PullFindings(hub.url(), "tok-acme", (dir / "other.pem").string());
  ASSERT_FALSE(wrong_ca.has_value());
  EXPECT_EQ(wrong_ca.error().code(), ErrorCode::kInvalidInput) << wrong_ca.error().ToString();
  // --ca-file makes no sense with http://.
  auto plain_ca = PullFindings("http://127.0.0.1:" + std::to_string(hub.port()), "tok-acme", cert);
  ASSERT_FALSE(plain_ca.has_value());
  EXPECT_NE(plain_ca.error().message().find("only to an https://"), std::string::npos);

  // Plain HTTP against the TLS port fails cleanly (no answer, no crash), and the hub goes on.
  auto plain = PullFindings("http://127.0.0.1:" + std::to_string(hub.port()), "tok-acme");
  ASSERT_FALSE(plain.has_value());
  EXPECT_EQ(plain.error().code(), ErrorCode::kUnavailable) << plain.error().ToString();
  httplib::Client raw("http://127.0.0.1:" + std::to_string(hub.port()));
  raw.set_read_timeout(5, 0);
  EXPECT_FALSE(raw.Get("/healthz"));
  auto again = PullFindings(hub.url(), "tok-acme", cert);
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(again->json, pulled->json);
}

TEST(HubServer, RefusesHalfOrUnloadableTlsSettings) {
  const auto dir = FreshDir("tls_bad");
  std::filesystem::create_directories(dir / "store");
  const auto create = [&](const std::string& cert, const std::string& key) {
    HubServerOptions options;
    options.store = (dir / "store").string();
    options.members = {{share::HexSha256("tok-acme"), "acme-corp"}};
    options.hub_key = CountingKey(100);
    options.tls_cert = cert;
    options.tls_key = key;
    return HubServer::Create(std::move(options));
  };
  std::ofstream(dir / "junk.pem") << "junk\n";
  const std::string junk = (dir / "junk.pem").string();
  auto half = create(junk, "");
  ASSERT_FALSE(half.has_value());
  EXPECT_EQ(half.error().code(), ErrorCode::kInvalidInput);
  auto bad_cert = create(junk, junk);
  ASSERT_FALSE(bad_cert.has_value());
  EXPECT_EQ(bad_cert.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(bad_cert.error().message().find("certificate " + junk), std::string::npos) << bad_cert.error().message();
  auto missing = create((dir / "absent.pem").string(), junk);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message().find("absent.pem"), std::string::npos) << missing.error().message();
  if (std::system("openssl version >/dev/null 2>&1") != 0) return;
  ASSERT_TRUE(SelfSignedCertificate(dir));
  auto bad_key = create((dir / "cert.pem").string(), junk);
  ASSERT_FALSE(bad_key.has_value());
  EXPECT_NE(bad_key.error().message().find("private key " + junk), std::string::npos) << bad_key.error().message();
}

TEST(MembersFile, ReadsRowsAndNamesTheBadLine) {
  const auto dir = FreshDir("members");
  const std::string hash(64, 'a');
  struct Case {
    std::string text;
    std::string error;  // empty: valid
  };
  const std::vector<Case> cases = {
      {"company_id,token_sha256\nacme," + hash + "\r\n\nbirch," + std::string(64, 'B') + "\n", ""},
      {"company,token\nacme," + hash + "\n", "line 1: the header"},
      {"company_id,token_sha256\nacme,abc\n", "line 2: token_sha256 must be 64 hex digits"},
      {"company_id,token_sha256\nacme," + hash + "\nbirch," + hash + "\n", "line 3: token_sha256 listed twice"},
      {"company_id,token_sha256\n," + hash + "\n", "line 2: empty company_id"},
      {"company_id,token_sha256\nacme," + hash + ",x\n", "line 2: expected two fields"},
      {"company_id,token_sha256\n", "no members"},
  };
  for (const Case& entry : cases) {
    SCOPED_TRACE(entry.text);
    std::ofstream(dir / "members.csv", std::ios::trunc) << entry.text;
    auto members = ReadMembersFile(dir / "members.csv");
    if (entry.error.empty()) {
      ASSERT_TRUE(members.has_value()) << members.error().ToString();
      EXPECT_EQ(members->size(), 2u);
      EXPECT_EQ(members->at(std::string(64, 'b')), "birch");
    } else {
      ASSERT_FALSE(members.has_value());
      EXPECT_EQ(members.error().code(), ErrorCode::kInvalidInput);
      EXPECT_NE(members.error().message().find(entry.error), std::string::npos) << members.error().message();
    }
  }
  EXPECT_EQ(ReadMembersFile(dir / "absent.csv").error().code(), ErrorCode::kNotFound);
}

TEST(TokenFile, RefusesAFileReadableByOthers) {
  const auto dir = FreshDir("token");
  std::ofstream(dir / "t") << "  secret-token\n";
  std::filesystem::permissions(dir / "t", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto token = ReadTokenFile(dir / "t");
  ASSERT_TRUE(token.has_value()) << token.error().ToString();
  EXPECT_EQ(*token, "secret-token");
  std::filesystem::permissions(dir / "t", std::filesystem::perms::others_read, std::filesystem::perm_options::add);
  auto open = ReadTokenFile(dir / "t");
  ASSERT_FALSE(open.has_value());
  EXPECT_NE(open.error().message().find("chmod 600"), std::string::npos);
}

}  // namespace
}  // namespace crosscheck::serve
