// CompanyServer over real HTTP on loopback (httplib's client), plus the real `crosscheck serve`
// binary killed with SIGKILL for durability.
#include "crosscheck/common/testing/test_dir.h"
#include "crosscheck/serve/company_server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/pipeline/report_writer.h"
#include "crosscheck/pipeline/scan_applications.h"
#include "crosscheck/pipeline/application_input.h"
#include "crosscheck/pipeline/share_encode.h"
#include "crosscheck/serve/hub_client.h"
#include "crosscheck/serve/hub_server.h"
#include "crosscheck/serve/internal/running_server.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/store/internal/test_postgres_server.h"
#include "crosscheck/watchlist/indicator_set.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::serve {
namespace {

using Json = nlohmann::json;

// The ring of tests/cases/scan/example_ring.case: two personas sharing a payout account, a
// device, a photo and a resume template, beside bystanders (households, a transliterated name).
constexpr const char* kRingCsv =
    "application_id,company_id,submitted_at,stage,full_name,email,phone,phone_line_type,date_of_birth,street,city,region,postal_code,country,shipping_address,ip_address,linkedin,github,resume_text,photo_hash,payout_account,national_id,device_id,idv_status,interview_flags,source\n"
    "acme-0001,acme,2025-03-03T14:05:00Z,hired,Daniel R. Walker,dan.walker.dev@gmail.com,(512) 555-0143,nonFixedVoip,1991-04-12,4410 Burnet Rd,Austin,TX,78756,US,\"88 Meadow Lane, Plano, TX 75023, US\",185.220.101.34,linkedin.com/in/dwalker-dev,github.com/dwalker-dev,\"Senior full-stack engineer. 8 years React, Node.js, Go. Led migration of payments platform to microservices.\",c3a1f0e2b4d69781,US-CHASE-000111222,123-45-6789,dev-7f3a,passed,CAMERA_OFF,direct\n"
    "globex-0107,globex,2025-03-05T02:11:00Z,interviewed,\"Walker, Danny\",d.walker.codes@outlook.com,+1 512 555 0143,,1991-04-12,4410 Burnet Road,Austin,TX,78756,US,,185.220.101.35,,dwalker-dev,\"Senior full stack engineer, 8 years of React, Node.js and Go. Led the migration of a payments platform to microservices.\",c3a1f0e2b4d69783,,,dev-7f3a,review,READING_ANSWERS,platform:upwork\n"
    "initech-0042,initech,2025-03-07T01:40:00Z,hired,Kevin Marsh,kevin.marsh.eng@gmail.com,+1 (737) 555-0199,nonFixedVoip,1989-11-02,1200 Elm St Apt 4B,Springfield,IL,62704,US,\"88 Meadow Ln, Plano, TX 75023\",185.220.101.36,,kmarsh-eng,\"Senior full-stack engineer. 7 years React, Node.js, Go. Led migration of billing platform to microservices.\",c3a1f0e2b4d6978f,US-CHASE-000111222,123-45-6789,dev-7f3a,passed,CAMERA_OFF,direct\n"
    "umbrella-0300,umbrella,2025-03-09T03:15:00Z,hired,Kevin J Marsh,kmarsh.work@protonmail.com,737-555-0199,,1989-11-02,1200 Elm Street #4B,Springfield,IL,62704,US,\"88 Meadow Lane, Plano TX 75023\",45.83.220.12,,kmarsh-eng,\"Senior full-stack engineer with 7 years in React, Node.js and Go.\",c3a1f0e2b4d6978f,US-WISE-77881,,dev-91bc,passed,,direct\n"
    "hooli-0009,hooli,2025-02-20T16:30:00Z,applied,Min-jun Kim,minjun.kim@naver.com,+82 10-2345-6789,mobile,1994-07-21,22 Teheran-ro,Seoul,,06236,KR,,211.234.10.5,linkedin.com/in/minjunkim,,\"Backend developer. Java, Spring, Kafka. Built order pipeline at an e-commerce company.\",9a0b1c2d3e4f5061,,,dev-aa01,passed,,direct\n"
    "acme-0002,acme,2025-02-21T10:00:00Z,applied,김민준,minjun.kim@naver.com,010-2345-6789,,1994-07-21,,Seoul,,,KR,,211.234.10.5,,,\"Backend developer. Java, Spring, Kafka.\",9a0b1c2d3e4f5061,,,dev-aa01,,,direct\n"
    "globex-0110,globex,2025-02-25T09:12:00Z,screened,Wei Zhang,wei.zhang@qq.com,+86 138 0013 8000,mobile,1990-01-15,88 Zhongshan Rd,Shanghai,,200000,CN,,101.86.4.20,,weizhang,\"Data engineer. Spark, Flink, Python. Built streaming analytics at a logistics company.\",5b6c7d8e9f0a1b2c,,,dev-cc02,passed,,direct\n"
    "initech-0043,initech,2025-02-26T15:45:00Z,applied,Priya Sharma,priya.sharma@gmail.com,+91 98765 43210,mobile,1993-05-30,12 MG Road,Bengaluru,KA,560001,IN,,49.207.10.3,linkedin.com/in/priyasharma,,\"Frontend engineer. TypeScript, React, design systems.\",0f1e2d3c4b5a6978,,,dev-dd03,passed,,direct\n"
    "umbrella-0301,umbrella,2025-02-27T11:20:00Z,applied,Robert Johnson,bob.johnson@yahoo.com,(415) 555-0121,mobile,1985-09-09,500 Market St,San Francisco,CA,94105,US,,73.158.20.4,,,\"Engineering manager. 12 years. Python, AWS, team leadership.\",77e6d5c4b3a29180,,,dev-ee04,passed,,direct\n"
    "hooli-0010,hooli,2025-03-01T12:00:00Z,applied,Bob Johnson,robert.johnson.sf@gmail.com,415.555.0121,,1985-09-09,500 Market Street,San Francisco,CA,94105,US,,73.158.20.4,,,\"Engineering manager with 12 years of experience; Python, AWS.\",77e6d5c4b3a29180,,,dev-ee04,,,direct\n";

constexpr std::size_t kRingRows = 10;

// A new name and e-mail on the ring's payout account, device and phone.
constexpr const char* kNewRingMemberCsv =
    "application_id,company_id,submitted_at,full_name,email,phone,date_of_birth,country,ip_address,payout_account,device_id\n"
    "new-1,hooli,2025-03-12T10:00:00Z,Aaron Pike,aaron.pike.dev@gmail.com,(512) 555-0143,1993-08-19,US,73.21.4.9,"
    "US-CHASE-000111222,dev-7f3a\n";

std::filesystem::path FreshDir(const std::string& name) { return test::FreshTestDir("company_" + name); }

Tokens TestTokens() {
  return {{share::HexSha256("tok-ingest"), {"ats-bot", Role::kIngest}},
          {share::HexSha256("tok-review"), {"rita", Role::kReviewer}},
          {share::HexSha256("tok-admin"), {"ada", Role::kAdmin}}};
}

httplib::Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

CompanyServerOptions NodeOptions(const std::string& store, std::size_t max_body, int read_timeout_seconds = 30) {
  CompanyServerOptions options;
  options.read_timeout_seconds = read_timeout_seconds;
  options.store = store;
  options.tokens = TestTokens();
  options.context = std::make_shared<const pipeline::ScanContext>();
  options.max_body_bytes = max_body;
  options.resolver.quiet_period = std::chrono::milliseconds(20);  // tests wait for resolutions
  return options;
}

// RunningNode is a CompanyServer on 127.0.0.1 with a free port, served on a thread.
class RunningNode {
 public:
  // `store` is a directory or a postgresql:// URL.
  explicit RunningNode(const std::filesystem::path& store, std::size_t max_body = kDefaultMaxApplicationsBodyBytes,
                       int read_timeout_seconds = 30)
      : server_(CompanyServer::Create(NodeOptions(store.string(), max_body, read_timeout_seconds))) {}
  int port() const { return server_.port(); }
  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", server_.port());
    client.set_read_timeout(60, 0);
    return client;
  }
  // WaitUntilResolved waits for the background resolution to take every post in.
  bool WaitUntilResolved() const { return server_.get()->WaitUntilResolved(std::chrono::seconds(60)); }

 private:
  internal::RunningServer<CompanyServer> server_;
};

// BatchRiskCsv is risk.csv of a batch scan of `csv` (no reference data): what a node converges to.
std::string BatchRiskCsv(const std::string& csv) {
  IssueLog issues;
  Result<std::vector<ApplicationRecord>> records = ingest::ReadApplicationsText(csv, "ring.csv", {}, issues);
  if (!records) return "read: " + records.error().ToString();
  const pipeline::ScanContext context;
  pipeline::ScanInput input{.applications = &*records};
  Result<pipeline::ScanResult> batch = pipeline::ScanApplications(context, input, issues);
  return batch ? pipeline::RenderRiskCsv(*batch) : "scan: " + batch.error().ToString();
}

// PostCsv posts CSV text with a token and returns the answer (status 0 when none came).
std::pair<int, Json> PostCsv(httplib::Client& client, const std::string& token, const std::string& csv) {
  auto answer = client.Post("/v1/applications", Bearer(token), csv, "text/csv");
  if (!answer) return {0, Json()};
  return {answer->status, Json::parse(answer->body, nullptr, false)};
}

std::pair<int, Json> Get(httplib::Client& client, const std::string& token, const std::string& path) {
  auto answer = client.Get(path.c_str(), Bearer(token));
  if (!answer) return {0, Json()};
  return {answer->status, Json::parse(answer->body, nullptr, false)};
}

// AuditLines reads the audit log (as the admin) as "who action detail" lines.
std::vector<std::string> AuditLines(httplib::Client& client) {
  auto [status, audit] = Get(client, "tok-admin", "/v1/audit?limit=1000");
  EXPECT_EQ(status, 200);
  std::vector<std::string> lines;
  for (const Json& row : audit["rows"]) {
    lines.push_back(row["who"].get<std::string>() + " " + row["action"].get<std::string>() + " " + row["detail"].get<std::string>());
  }
  return lines;
}

// ExpectAudited checks that each of `wanted` is a whole line of the audit log.
void ExpectAudited(httplib::Client& client, std::initializer_list<const char*> wanted) {
  const std::vector<std::string> lines = AuditLines(client);
  for (const char* line : wanted) {
    EXPECT_NE(std::find(lines.begin(), lines.end(), line), lines.end()) << line << " in " << Json(lines).dump();
  }
}

const Json* ResultOf(const Json& answer, const std::string& id) {
  for (const Json& result : answer["results"]) {
    if (result["application_id"] == id) return &result;
  }
  return nullptr;
}

// NodeApi runs an API test against each store a node can have: SQLite in a directory, and a
// database on a real PostgreSQL 15 server the test starts itself (initdb + pg_ctl).
enum class StoreKind { kSqlite, kPostgres };

class NodeApi : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override {
    if (GetParam() != StoreKind::kPostgres) return;
    postgres_ = store::internal::TestPostgresServer::Start();
    if (postgres_ == nullptr) GTEST_SKIP() << "PostgreSQL: " << store::internal::TestPostgresServer::SkipReason();
  }

  // Store returns a fresh store named `name`: a directory, or a postgresql:// URL.
  std::string Store(const std::string& name) {
    if (GetParam() == StoreKind::kSqlite) return FreshDir(name).string();
    std::string database = name;
    std::replace(database.begin(), database.end(), '-', '_');
    const std::string url = postgres_->CreateDatabase(database);
    EXPECT_FALSE(url.empty());
    return url;
  }

 private:
  std::unique_ptr<store::internal::TestPostgresServer> postgres_;
};

INSTANTIATE_TEST_SUITE_P(Stores, NodeApi, ::testing::Values(StoreKind::kSqlite, StoreKind::kPostgres),
                         [](const ::testing::TestParamInfo<StoreKind>& info) {
                           return info.param == StoreKind::kSqlite ? std::string("Sqlite") : std::string("Postgres");
                         });

TEST_P(NodeApi, TokensAndRolesGate401And403) {
  RunningNode node(Store("auth"));
  httplib::Client client = node.Client();
  const std::string row = "application_id,company_id\na1,acme\n";
  struct Case {
    const char* method;
    std::string path;
    std::string token;
    int status;
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/applications", "", 401},          {"POST", "/v1/applications", "tok-wrong", 401},
      {"POST", "/v1/applications", "tok-review", 403}, {"GET", "/v1/queue", "tok-ingest", 403},
      {"GET", "/v1/audit", "tok-review", 403},        {"GET", "/v1/export/risk.csv", "tok-ingest", 403},
      {"GET", "/v1/applications/a1", "tok-ingest", 403}, {"POST", "/v1/decisions", "tok-ingest", 403},
      {"GET", "/v1/audit", "", 401},                  {"POST", "/v1/applications", "tok-ingest", 200},
      {"GET", "/v1/applications/a1", "tok-review", 200}, {"GET", "/v1/audit", "tok-admin", 200},
  };
  for (const Case& entry : cases) {
    SCOPED_TRACE(std::string(entry.method) + " " + entry.path + " " + entry.token);
    httplib::Headers headers = entry.token.empty() ? httplib::Headers{} : Bearer(entry.token);
    auto answer = std::string(entry.method) == "GET" ? client.Get(entry.path.c_str(), headers)
                                                     : client.Post(entry.path.c_str(), headers, row, "text/csv");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, entry.status) << answer->body;
    if (entry.status >= 400) {
      EXPECT_EQ(Json::parse(answer->body)["error"]["code"], entry.status == 401 ? "UNAUTHORIZED" : "FORBIDDEN");
    }
  }
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(Json::parse(health->body)["applications"], 1);
}

// SignIn posts a token to POST /v1/session; returns the answer (null when none came).
httplib::Result SignIn(httplib::Client& client, const std::string& token) {
  return client.Post("/v1/session", Json{{"token", token}}.dump(), "application/json");
}

// CookieOf returns "crosscheck_session=<id>" from a sign-in's Set-Cookie header.
std::string CookieOf(const httplib::Response& answer) {
  const std::string set_cookie = answer.get_header_value("Set-Cookie");
  return set_cookie.substr(0, set_cookie.find(';'));
}

TEST(CompanyServer, SignInSetsAStrictHttpOnlySessionCookie) {
  RunningNode node(FreshDir("session_cookie"));
  httplib::Client client = node.Client();
  auto signed_in = SignIn(client, "tok-review");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 200) << signed_in->body;
  const Json who = Json::parse(signed_in->body);
  EXPECT_EQ(who["name"], "rita");
  EXPECT_EQ(who["role"], "reviewer");
  EXPECT_FALSE(who["expires_at"].get<std::string>().empty());
  EXPECT_FALSE(who.contains("id"));  // the id lives in the HttpOnly cookie only
  const std::string set_cookie = signed_in->get_header_value("Set-Cookie");
  EXPECT_TRUE(set_cookie.starts_with("crosscheck_session=")) << set_cookie;
  EXPECT_EQ(CookieOf(*signed_in).size(), std::string("crosscheck_session=").size() + 64) << set_cookie;
  for (const char* flag : {"; HttpOnly", "; SameSite=Strict", "; Path=/"}) {
    EXPECT_NE(set_cookie.find(flag), std::string::npos) << flag << " in " << set_cookie;
  }
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << "plain HTTP: no Secure flag";
  // The cookie opens what the reviewer's bearer token opens, and no more.
  const httplib::Headers cookie{{"Cookie", CookieOf(*signed_in)}};
  ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
  const std::vector<std::pair<std::string, int>> reads = {
      {"/v1/queue", 200}, {"/v1/applications/acme-0001", 200}, {"/v1/networks/nope", 404}, {"/v1/audit", 403}};
  for (const auto& [path, status] : reads) {
    SCOPED_TRACE(path);
    auto answer = client.Get(path.c_str(), cookie);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, status) << answer->body;
  }
  auto session = client.Get("/v1/session", cookie);
  ASSERT_TRUE(session);
  EXPECT_EQ(Json::parse(session->body)["name"], "rita");
}

TEST(CompanyServer, SessionRefusalsAre400Or401Or403AndAudited) {
  RunningNode node(FreshDir("session_refusals"));
  httplib::Client client = node.Client();
  struct Case {
    std::string body;
    int status;
  };
  const std::vector<Case> cases = {
      {Json{{"token", "tok-ingest"}}.dump(), 403}, {Json{{"token", "tok-wrong"}}.dump(), 401},
      {Json{{"token", ""}}.dump(), 400},           {Json{{"token", 7}}.dump(), 400},
      {"not json", 400},                           {std::string(5000, '['), 400},
      {Json{{"token", "tok-admin"}}.dump(), 200},
  };
  for (const Case& entry : cases) {
    SCOPED_TRACE(entry.body.substr(0, 60));
    auto answer = client.Post("/v1/session", entry.body, "application/json");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, entry.status) << answer->body;
    EXPECT_EQ(answer->has_header("Set-Cookie"), entry.status == 200);
  }
  // Without a cookie, or with a made-up one: 401.
  for (const std::string& cookie : {std::string(), "crosscheck_session=" + std::string(64, 'a'), std::string("crosscheck_session=")}) {
    SCOPED_TRACE(cookie);
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    auto queue = client.Get("/v1/queue", headers);
    ASSERT_TRUE(queue);
    EXPECT_EQ(queue->status, 401);
    auto session = client.Get("/v1/session", headers);
    ASSERT_TRUE(session);
    EXPECT_EQ(session->status, 401);
  }
  ExpectAudited(client, {"ats-bot sign_in refused 403 FORBIDDEN (role ingest)", " sign_in refused 401 UNAUTHORIZED",
                         " sign_in refused 400 INVALID_BODY", "ada sign_in ok", " read_queue refused 401 UNAUTHORIZED"});
}

TEST(CompanyServer, CookieWritesNeedTheCsrfHeaderAndSignOutEndsTheSession) {
  RunningNode node(FreshDir("session_csrf"));
  httplib::Client client = node.Client();
  ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
  auto signed_in = SignIn(client, "tok-review");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 200);
  const std::string cookie = CookieOf(*signed_in);
  const std::string decision = Json{{"application_id", "acme-0001"}, {"decision", "cleared"}, {"note", "checked"}}.dump();
  // A cross-site form could send the cookie (were SameSite not honoured) but not this header.
  for (const std::string& header : {std::string(), std::string("XMLHttpRequest")}) {
    SCOPED_TRACE(header);
    httplib::Headers headers{{"Cookie", cookie}};
    if (!header.empty()) headers.emplace("X-Requested-With", header);
    auto refused = client.Post("/v1/decisions", headers, decision, "application/json");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    EXPECT_EQ(Json::parse(refused->body)["error"]["code"], "CSRF_HEADER_REQUIRED");
    auto not_signed_out = client.Delete("/v1/session", headers);
    ASSERT_TRUE(not_signed_out);
    EXPECT_EQ(not_signed_out->status, 403);
  }
  const httplib::Headers csrf{{"Cookie", cookie}, {"X-Requested-With", "crosscheck"}};
  auto decided = client.Post("/v1/decisions", csrf, decision, "application/json");
  ASSERT_TRUE(decided);
  ASSERT_EQ(decided->status, 200) << decided->body;
  EXPECT_EQ(Json::parse(decided->body)["who"], "rita");
  // A bearer token needs no CSRF header (no browser sends it on its own).
  auto bearer = client.Post("/v1/decisions", Bearer("tok-review"), decision, "application/json");
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->status, 200);
  // Signing out clears the cookie, and the old cookie no longer opens anything.
  auto signed_out = client.Delete("/v1/session", csrf);
  ASSERT_TRUE(signed_out);
  ASSERT_EQ(signed_out->status, 200) << signed_out->body;
  const std::string cleared = signed_out->get_header_value("Set-Cookie");
  EXPECT_TRUE(cleared.starts_with("crosscheck_session=;")) << cleared;
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << cleared;
  auto after = client.Get("/v1/queue", httplib::Headers{{"Cookie", cookie}});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
  auto again = client.Delete("/v1/session", csrf);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 401);
  ExpectAudited(client, {"rita sign_in ok", "rita decision refused 403 CSRF_HEADER_REQUIRED", "rita sign_out ok",
                         "rita decision acme-0001 cleared"});
}

TEST(CompanyServer, ServesTheEmbeddedUiWithAStrictContentSecurityPolicy) {
  RunningNode node(FreshDir("static_ui"));
  httplib::Client client = node.Client();
  auto index = client.Get("/");
  ASSERT_TRUE(index);
  if (index->status == 404) GTEST_SKIP() << "built without the web UI (CROSSCHECK_UI=OFF or no npm)";
  ASSERT_EQ(index->status, 200);
  EXPECT_TRUE(index->get_header_value("Content-Type").starts_with("text/html"));
  EXPECT_NE(index->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_NE(index->body.find("/ui/app.js"), std::string::npos);
  for (const char* path : {"/ui/app.js", "/ui/app.css"}) {
    SCOPED_TRACE(path);
    auto asset = client.Get(path);
    ASSERT_TRUE(asset);
    EXPECT_EQ(asset->status, 200);
    EXPECT_GT(asset->body.size(), 100u);
    EXPECT_EQ(asset->get_header_value("X-Content-Type-Options"), "nosniff");
    // Revalidation: the same ETag back is 304 without a body.
    const std::string etag = asset->get_header_value("ETag");
    ASSERT_FALSE(etag.empty());
    auto cached = client.Get(path, httplib::Headers{{"If-None-Match", etag}});
    ASSERT_TRUE(cached);
    EXPECT_EQ(cached->status, 304);
    EXPECT_TRUE(cached->body.empty());
  }
  // A browser accepts br; the script is not compressed on every load (nor are API answers).
  auto script = client.Get("/ui/app.js", httplib::Headers{{"Accept-Encoding", "br, gzip"}});
  ASSERT_TRUE(script);
  EXPECT_EQ(script->get_header_value("Content-Encoding"), "");
}

TEST_P(NodeApi, CsvAndJsonPostsAreScoredAndRepostsReplace) {
  RunningNode node(Store("posts"));
  httplib::Client client = node.Client();
  auto [status, answer] = PostCsv(client, "tok-ingest", kRingCsv);
  ASSERT_EQ(status, 200) << answer.dump();
  ASSERT_EQ(answer["results"].size(), kRingRows);
  EXPECT_TRUE(answer["provisional"]);  // scored against its neighbourhood, in the request
  const Json* ring = ResultOf(answer, "acme-0001");
  ASSERT_NE(ring, nullptr);
  EXPECT_EQ((*ring)["level"], "critical");  // as the batch scan of the same rows says
  EXPECT_FALSE((*ring)["reasons"].empty());
  const Json* bystander = ResultOf(answer, "initech-0043");
  ASSERT_NE(bystander, nullptr);
  EXPECT_EQ((*bystander)["level"], "low");
  EXPECT_EQ(ResultOf(answer, "acme-0001")->at("persona_id"), ResultOf(answer, "globex-0107")->at("persona_id"));

  // The same application as JSON, changed: it replaces the stored one and says so.
  const Json body = Json::array({{{"application_id", "initech-0043"}, {"company_id", "initech"},
                                  {"full_name", "Priya Sharma"}, {"email", "priya.s@example.org"}, {"phone", nullptr}},
                                 {{"application_id", "json-1"}, {"company_id", "acme"}, {"full_name", "Jo Bloggs"},
                                  {"employee_number", 42}}});
  auto json_answer = client.Post("/v1/applications", Bearer("tok-admin"), body.dump(), "application/json");
  ASSERT_TRUE(json_answer);
  ASSERT_EQ(json_answer->status, 200) << json_answer->body;
  const Json posted = Json::parse(json_answer->body);
  ASSERT_EQ(posted["results"].size(), 2u);
  EXPECT_TRUE(posted["results"][0]["replaced"]);
  EXPECT_FALSE(posted["results"][1]["replaced"]);
  auto [detail_status, detail] = Get(client, "tok-review", "/v1/applications/initech-0043");
  ASSERT_EQ(detail_status, 200);
  EXPECT_EQ(detail["application"]["email"], "priya.s@example.org");
  auto [extra_status, extra] = Get(client, "tok-review", "/v1/applications/json-1");
  ASSERT_EQ(extra_status, 200);
  EXPECT_EQ(extra["application"]["extra"]["employee_number"], "42");
  auto health = client.Get("/healthz");
  EXPECT_EQ(Json::parse(health->body)["applications"], kRingRows + 1);
  // Once the background resolution has run, nothing is provisional and the ring is still critical.
  ASSERT_TRUE(node.WaitUntilResolved());
  auto [resolved_status, resolved] = Get(client, "tok-review", "/v1/applications/acme-0001");
  ASSERT_EQ(resolved_status, 200);
  EXPECT_FALSE(resolved["provisional"]);
  EXPECT_EQ(resolved["level"], "critical");
  EXPECT_FALSE(Json::parse(client.Get("/healthz")->body)["resolving"]);
}

// Posted one at a time, each application is scored against its neighbourhood only; once the
// background resolution has caught up, the export equals a batch scan of the same rows.
TEST_P(NodeApi, ProvisionalScoresConvergeToTheBatchScan) {
  RunningNode node(Store("converge"));
  httplib::Client client = node.Client();
  const std::string ring = kRingCsv;
  const std::string header = ring.substr(0, ring.find('\n') + 1);
  std::string rest = ring.substr(header.size());
  while (!rest.empty()) {
    const std::string row = rest.substr(0, rest.find('\n') + 1);
    rest.erase(0, row.size());
    auto [status, answer] = PostCsv(client, "tok-ingest", header + row);
    ASSERT_EQ(status, 200) << answer.dump();
    EXPECT_TRUE(answer["results"][0]["provisional"]);
  }
  ASSERT_TRUE(node.WaitUntilResolved());
  auto exported = client.Get("/v1/export/risk.csv", Bearer("tok-review"));
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported->body, BatchRiskCsv(ring));
}

// Posts from concurrent clients are scored side by side and put in in stored order: every one is
// answered, and once resolved the export equals a batch scan of the same rows.
TEST_P(NodeApi, ConcurrentPostsAreAllScoredAndConvergeToTheBatchScan) {
  RunningNode node(Store("concurrent"));
  const std::string ring = kRingCsv;
  const std::string header = ring.substr(0, ring.find('\n') + 1);
  std::vector<std::string> rows;
  for (std::string rest = ring.substr(header.size()); !rest.empty();) {
    rows.push_back(rest.substr(0, rest.find('\n') + 1));
    rest.erase(0, rows.back().size());
  }
  constexpr std::size_t kClients = 4;
  std::vector<int> statuses(rows.size(), 0);
  std::vector<std::thread> clients;
  for (std::size_t client_idx = 0; client_idx < kClients; ++client_idx) {
    clients.emplace_back([&, client_idx] {
      httplib::Client client = node.Client();
      for (std::size_t row = client_idx; row < rows.size(); row += kClients) {
        statuses[row] = PostCsv(client, "tok-ingest", header + rows[row]).first;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(statuses, std::vector<int>(rows.size(), 200));
  ASSERT_TRUE(node.WaitUntilResolved());
  httplib::Client client = node.Client();
  auto exported = client.Get("/v1/export/risk.csv", Bearer("tok-review"));
  ASSERT_TRUE(exported);
  // The stored order is the order the posts won: compare the rows as sets.
  const auto sorted_lines = [](const std::string& csv) {
    std::vector<std::string> lines;
    for (std::size_t begin = 0; begin < csv.size();) {
      const std::size_t end = std::min(csv.find('\n', begin), csv.size());
      lines.push_back(csv.substr(begin, end - begin));
      begin = end + 1;
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  };
  EXPECT_EQ(sorted_lines(exported->body), sorted_lines(BatchRiskCsv(ring)));
}

TEST_P(NodeApi, MalformedBodiesAre400WithLineAndColumn) {
  RunningNode node(Store("malformed"));
  httplib::Client client = node.Client();
  struct Case {
    std::string body;
    std::string content_type;
    int line;
    int column;
  };
  const std::vector<Case> cases = {
      // An unterminated quote on line 3, column 11: everything after it would be one field.
      {"application_id,company_id,full_name\na1,acme,Ann\na2,acme,\"Bob\n", "text/csv", 3, 9},
      {"full_name,email\nAnn,ann@example.com\n", "text/csv", 1, 1},  // required columns missing
      {"[{\"application_id\": \"a1\",\n \"company_id\": }]", "application/json", 2, 16},
      {"[{\"application_id\": {\"nested\": 1}, \"company_id\": \"acme\"}]", "application/json", 1, 1},
      // Nesting is refused before parsing (each level would be a heap object).
      {std::string(100000, '[') + std::string(100000, ']'), "application/json", 1, 1},
  };
  for (const Case& entry : cases) {
    SCOPED_TRACE(entry.body.substr(0, 200));
    auto answer = client.Post("/v1/applications", Bearer("tok-ingest"), entry.body, entry.content_type);
    ASSERT_TRUE(answer);
    ASSERT_EQ(answer->status, 400) << answer->body;
    const Json error = Json::parse(answer->body)["error"];
    EXPECT_EQ(error["code"], "INVALID_BODY");
    EXPECT_EQ(error["line"], entry.line) << error.dump();
    EXPECT_EQ(error["column"], entry.column) << error.dump();
  }
  // Bad rows are skipped and counted; the good ones are stored.
  auto [status, answer] = PostCsv(client, "tok-ingest", "application_id,company_id,full_name\na1,acme,Ann\n,acme,Nobody\na1,acme,Twice\n");
  ASSERT_EQ(status, 200) << answer.dump();
  EXPECT_EQ(answer["results"].size(), 1u);
  EXPECT_EQ(answer["rows_skipped"], 2);
  ASSERT_EQ(answer["issues"].size(), 2u);
  EXPECT_EQ(answer["issues"][0]["code"], "MISSING_REQUIRED_FIELD");
  EXPECT_EQ(answer["issues"][0]["line"], 3);
  EXPECT_EQ(answer["issues"][1]["code"], "DUPLICATE_APPLICATION_ID");
  // Every row bad: nothing stored, 400 pointing at the first.
  auto [bad_status, bad] = PostCsv(client, "tok-ingest", "application_id,company_id\n,acme\n");
  ASSERT_EQ(bad_status, 400);
  EXPECT_EQ(bad["error"]["line"], 2);
  EXPECT_EQ(bad["error"]["rows_skipped"], 1);
  auto unsupported = client.Post("/v1/applications", Bearer("tok-ingest"), "a,b", "text/plain");
  ASSERT_TRUE(unsupported);
  EXPECT_EQ(unsupported->status, 415);
  EXPECT_EQ(Json::parse(client.Get("/healthz")->body)["applications"], 1);
}

TEST(CompanyServer, BodyOverTheLimitIs413) {
  RunningNode node(FreshDir("limit"), 1024);
  httplib::Client client = node.Client();
  std::string csv = "application_id,company_id,full_name\n";
  while (csv.size() <= 4096) csv += "a" + std::to_string(csv.size()) + ",acme,Some Body\n";
  auto answer = client.Post("/v1/applications", Bearer("tok-ingest"), csv, "text/csv");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 413);
  EXPECT_EQ(Json::parse(answer->body)["error"]["code"], "PAYLOAD_TOO_LARGE");
  EXPECT_EQ(client.Get("/healthz")->status, 200);
  EXPECT_EQ(Json::parse(client.Get("/healthz")->body)["applications"], 0);
}

TEST_P(NodeApi, QueueIsMostSevereFirstAndPages) {
  RunningNode node(Store("queue"));
  httplib::Client client = node.Client();
  ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
  // A high application scored 99 like the critical ones: the level must still put it after them.
  ASSERT_EQ(PostCsv(client, "tok-ingest", kNewRingMemberCsv).first, 200);
  const std::size_t stored = kRingRows + 1;
  // Pages are cut from the snapshot current at each request: wait until they all see one.
  ASSERT_TRUE(node.WaitUntilResolved());
  auto [status, all] = Get(client, "tok-review", "/v1/queue?min_level=low&limit=1000");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(all["total"], stored);
  ASSERT_EQ(all["items"].size(), stored);
  // Most severe first: by level, then score.
  auto rank = [](const Json& item) {
    const std::string level = item["level"];
    return level == "critical" ? 3 : level == "high" ? 2 : level == "medium" ? 1 : 0;
  };
  for (std::size_t idx = 1; idx < stored; ++idx) {
    const Json& before = all["items"][idx - 1];
    const Json& after = all["items"][idx];
    EXPECT_GE(rank(before), rank(after));
    if (rank(before) == rank(after)) {
      EXPECT_GE(before["score"].get<int>(), after["score"].get<int>());
    }
  }
  auto [high_status, high] = Get(client, "tok-review", "/v1/queue");  // min_level=high by default
  ASSERT_EQ(high_status, 200);
  ASSERT_GE(high["total"].get<int>(), 2);
  for (const Json& item : high["items"]) EXPECT_TRUE(item["level"] == "high" || item["level"] == "critical");
  // Pages of two put together give the whole list, in order.
  std::vector<std::string> paged;
  for (int offset = 0; offset < static_cast<int>(stored); offset += 2) {
    auto [page_status, page] =
        Get(client, "tok-review", "/v1/queue?min_level=low&limit=2&offset=" + std::to_string(offset));
    ASSERT_EQ(page_status, 200);
    for (const Json& item : page["items"]) paged.push_back(item["application_id"]);
  }
  ASSERT_EQ(paged.size(), stored);
  for (std::size_t idx = 0; idx < stored; ++idx) EXPECT_EQ(paged[idx], all["items"][idx]["application_id"]);
  EXPECT_EQ(Get(client, "tok-review", "/v1/queue?min_level=urgent").first, 400);
  EXPECT_EQ(Get(client, "tok-review", "/v1/queue?limit=0").first, 400);
  EXPECT_EQ(Get(client, "tok-review", "/v1/queue?offset=-1").first, 400);
}

TEST_P(NodeApi, DecisionsAreStoredAndAuditedWithWhoAndWhen) {
  RunningNode node(Store("decisions"));
  httplib::Client client = node.Client();
  ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
  const Json decision{{"application_id", "acme-0001"}, {"decision", "confirmed_fraud"}, {"note", "payout reused"}};
  auto stored = client.Post("/v1/decisions", Bearer("tok-review"), decision.dump(), "application/json");
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->status, 200) << stored->body;
  EXPECT_EQ(Json::parse(stored->body)["who"], "rita");
  for (const std::string& bad : {std::string("{\"application_id\":\"acme-0001\",\"decision\":\"maybe\"}"),
                                 std::string("not json"), std::string("[]"), std::string(100000, '{')}) {
    auto refused = client.Post("/v1/decisions", Bearer("tok-review"), bad, "application/json");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400) << bad.substr(0, 80);
  }
  auto unknown = client.Post("/v1/decisions", Bearer("tok-review"),
                             R"({"application_id":"nope","decision":"cleared"})", "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  auto [detail_status, detail] = Get(client, "tok-admin", "/v1/applications/acme-0001");
  ASSERT_EQ(detail_status, 200);
  ASSERT_EQ(detail["decisions"].size(), 1u);
  EXPECT_EQ(detail["decisions"][0]["decision"], "confirmed_fraud");
  EXPECT_EQ(detail["decisions"][0]["note"], "payout reused");
  EXPECT_FALSE(detail["decisions"][0]["at"].get<std::string>().empty());
  EXPECT_FALSE(detail["reasons"][0]["evidence"].empty());
  const std::vector<std::string> lines = AuditLines(client);
  auto has = [&](const std::string& wanted) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) { return line.starts_with(wanted); });
  };
  EXPECT_TRUE(has("ats-bot post_applications ok 10 applications")) << Json(lines).dump();
  EXPECT_TRUE(has("rita decision acme-0001 confirmed_fraud")) << Json(lines).dump();
  EXPECT_TRUE(has("ada read_application acme-0001")) << Json(lines).dump();
  EXPECT_TRUE(has("rita decision refused 404")) << Json(lines).dump();
  // Paging the audit log: after the first row's id comes the second row.
  auto [audit_status, audit] = Get(client, "tok-admin", "/v1/audit?limit=1000");
  ASSERT_EQ(audit_status, 200);
  auto [page_status, page] = Get(client, "tok-admin", "/v1/audit?limit=1&after_id=" + std::to_string(audit["rows"][0]["id"].get<int>()));
  ASSERT_EQ(page_status, 200);
  ASSERT_EQ(page["rows"].size(), 1u);
  EXPECT_EQ(page["rows"][0]["id"], audit["rows"][1]["id"]);
}

// Six flatmates at one address with one landline, one home IP, the house computer and a joint
// account: more people than a household is assumed to hold, so the scan takes them for a ring.
std::string SharedHouseCsv() {
  std::string csv = "application_id,company_id,submitted_at,full_name,email,phone,phone_line_type,street,city,region,"
                    "postal_code,country,ip_address,device_id,payout_account\n";
  const char* names[] = {"Maria Garcia", "Jose Lopez", "Lucia Perez", "Carlos Ruiz", "Ana Diaz", "Diego Moreno"};
  for (int member = 0; member < 6; ++member) {
    std::string mailbox = names[member];
    std::replace(mailbox.begin(), mailbox.end(), ' ', '.');
    csv += "fam-" + std::to_string(member) + ",co" + std::to_string(member) + ",2025-03-0" + std::to_string(member + 1) +
           "T10:00:00Z," + names[member] + "," + mailbox + ".home@gmail.com,(305) 555-0150,fixedLine,"
           "77 Palm Ave,Miami,FL,33101,US,73.44.12.9,dev-fam1,US-BOFA-5550001\n";
  }
  return csv;
}

bool Flagged(const Json& result) { return result["level"] == "high" || result["level"] == "critical"; }

bool HasReason(const Json& result, const std::string& code) {
  return std::any_of(result["reasons"].begin(), result["reasons"].end(),
                     [&](const Json& reason) { return reason["code"] == code; });
}

std::pair<int, Json> PostDecision(httplib::Client& client, const std::string& id, const std::string& decision) {
  const Json body{{"application_id", id}, {"decision", decision}, {"note", "reviewed"}};
  auto answer = client.Post("/v1/decisions", Bearer("tok-review"), body.dump(), "application/json");
  if (!answer) return {0, Json()};
  return {answer->status, Json::parse(answer->body, nullptr, false)};
}

TEST_P(NodeApi, QueueFiltersByCompanyStageAndDecisionAndSearchesNameEmailPhoneAndId) {
  RunningNode node(Store("queue_filters"));
  httplib::Client client = node.Client();
  ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
  const auto ids = [&](const std::string& query) {
    auto [status, answer] = Get(client, "tok-review", "/v1/queue?min_level=low&limit=100&" + query);
    EXPECT_EQ(status, 200) << query;
    std::set<std::string> found;
    for (const Json& item : answer["items"]) found.insert(item["application_id"]);
    EXPECT_EQ(answer["total"].get<std::size_t>(), found.size());
    return found;
  };
  EXPECT_EQ(ids("company_id=acme"), (std::set<std::string>{"acme-0001", "acme-0002"}));
  EXPECT_EQ(ids("stage=HIRED"), (std::set<std::string>{"acme-0001", "initech-0042", "umbrella-0300"}));
  EXPECT_EQ(ids("q=walker"), (std::set<std::string>{"acme-0001", "globex-0107"}));        // name
  EXPECT_EQ(ids("q=KMARSH.WORK"), (std::set<std::string>{"umbrella-0300"}));             // e-mail
  EXPECT_EQ(ids("q=737-555-0199"), (std::set<std::string>{"initech-0042", "umbrella-0300"}));  // phone digits
  EXPECT_EQ(ids("q=hooli-0010"), (std::set<std::string>{"hooli-0010"}));                 // id
  EXPECT_TRUE(ids("q=nobody-like-this").empty());
  ASSERT_EQ(PostDecision(client, "acme-0001", "confirmed_fraud").first, 200);
  EXPECT_EQ(ids("decision=confirmed_fraud"), (std::set<std::string>{"acme-0001"}));
  EXPECT_EQ(ids("decision=none&company_id=acme"), (std::set<std::string>{"acme-0002"}));
  EXPECT_EQ(Get(client, "tok-review", "/v1/queue?decision=maybe").first, 400);
  auto [audit_status, audit] = Get(client, "tok-admin", "/v1/audit?limit=1000");
  EXPECT_NE(audit.dump().find("search_queue"), std::string::npos);  // searches are audited
}

TEST_P(NodeApi, AClearedHouseStopsBeingSuspectUntilTheEvidenceChanges) {
  const std::string dir = Store("cleared");
  {
    RunningNode node(dir);
    httplib::Client client = node.Client();
    auto [posted_status, posted] = PostCsv(client, "tok-ingest", SharedHouseCsv());
    ASSERT_EQ(posted_status, 200);
    ASSERT_TRUE(node.WaitUntilResolved());
    auto [before_status, before] = Get(client, "tok-review", "/v1/applications/fam-3");
    ASSERT_EQ(before_status, 200);
    // The premise: the house looks like a ring (medium, on shared artifacts).
    ASSERT_NE(before["level"], "low") << before.dump();
    ASSERT_TRUE(HasReason(before, "SHARED_PAYOUT_ACCOUNT")) << before.dump();

    auto [cleared_status, cleared] = PostDecision(client, "fam-0", "cleared");
    ASSERT_EQ(cleared_status, 200) << cleared.dump();
    EXPECT_EQ(cleared["cleared_with"].size(), 5u) << cleared.dump();
    EXPECT_EQ(cleared["result"]["level"], "low") << cleared.dump();  // in the same request
    ASSERT_TRUE(node.WaitUntilResolved());
    for (int member = 0; member < 6; ++member) {
      auto [status, after] = Get(client, "tok-review", "/v1/applications/fam-" + std::to_string(member));
      ASSERT_EQ(status, 200);
      EXPECT_EQ(after["level"], "low") << after.dump();
      EXPECT_FALSE(HasReason(after, "SHARED_PAYOUT_ACCOUNT")) << after.dump();
      EXPECT_FALSE(after["provisional"].get<bool>());
    }
  }
  // The decision survives a restart; new evidence (a stranger on the family's landline) counts.
  RunningNode node(dir);
  httplib::Client client = node.Client();
  auto [status, after_restart] = Get(client, "tok-review", "/v1/applications/fam-3");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(after_restart["level"], "low") << after_restart.dump();
  const std::string stranger =
      "application_id,company_id,submitted_at,full_name,email,phone,country,street,city,postal_code\n"
      "str-1,co9,2025-03-04T10:00:00Z,Victor Lang,victor.lang@gmail.com,(305) 555-0150,US,4 Bay Rd,Tampa,33602\n";
  auto [posted_status, posted] = PostCsv(client, "tok-ingest", stranger);
  ASSERT_EQ(posted_status, 200);
  ASSERT_NE(ResultOf(posted, "str-1"), nullptr);
  EXPECT_TRUE(HasReason(*ResultOf(posted, "str-1"), "SHARED_PHONE")) << posted.dump();
}

TEST_P(NodeApi, ConfirmedFraudMarksItsPersonaAndWhoeverSharesItsArtifacts) {
  RunningNode node(Store("confirmed"));
  httplib::Client client = node.Client();
  ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
  auto [status, confirmed] = PostDecision(client, "acme-0001", "confirmed_fraud");
  ASSERT_EQ(status, 200) << confirmed.dump();
  EXPECT_TRUE(confirmed["cleared_with"].empty());
  EXPECT_EQ(confirmed["result"]["level"], "critical") << confirmed.dump();
  EXPECT_TRUE(HasReason(confirmed["result"], "CONFIRMED_FRAUD")) << confirmed.dump();
  // A newcomer on the confirmed persona's payout account alone: linked to confirmed fraud.
  const std::string newcomer =
      "application_id,company_id,submitted_at,full_name,email,country,payout_account\n"
      "new-2,hooli,2025-03-12T10:00:00Z,Nora Quinn,nora.quinn@gmail.com,US,US-CHASE-000111222\n";
  auto [posted_status, posted] = PostCsv(client, "tok-ingest", newcomer);
  ASSERT_EQ(posted_status, 200);
  ASSERT_NE(ResultOf(posted, "new-2"), nullptr);
  EXPECT_TRUE(HasReason(*ResultOf(posted, "new-2"), "CONFIRMED_FRAUD_LINK")) << posted.dump();
  // A bystander is untouched; the converged picture keeps the decision.
  ASSERT_TRUE(node.WaitUntilResolved());
  auto [bystander_status, bystander] = Get(client, "tok-review", "/v1/applications/globex-0110");
  ASSERT_EQ(bystander_status, 200);
  EXPECT_FALSE(HasReason(bystander, "CONFIRMED_FRAUD_LINK"));
  auto [detail_status, detail] = Get(client, "tok-review", "/v1/applications/new-2");
  ASSERT_EQ(detail_status, 200);
  EXPECT_TRUE(HasReason(detail, "CONFIRMED_FRAUD_LINK")) << detail.dump();
  EXPECT_TRUE(Flagged(detail)) << detail.dump();
}

TEST_P(NodeApi, ExportsConfirmedFraudAsAValidStixBundleThatScansReadBack) {
  RunningNode node(Store("stix"));
  httplib::Client client = node.Client();
  ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
  ASSERT_EQ(Get(client, "tok-ingest", "/v1/export/stix").first, 403);
  auto empty = client.Get("/v1/export/stix", Bearer("tok-review"));
  ASSERT_TRUE(empty);
  ASSERT_EQ(empty->status, 200);
  EXPECT_EQ(Json::parse(empty->body)["objects"].size(), 1u);  // the producer's identity alone
  ASSERT_EQ(PostDecision(client, "globex-0107", "confirmed_fraud").first, 200);
  auto exported = client.Get("/v1/export/stix", Bearer("tok-review"));
  ASSERT_TRUE(exported);
  ASSERT_EQ(exported->status, 200);
  EXPECT_EQ(exported->get_header_value("Content-Type"), "application/stix+json;version=2.1");
  const std::filesystem::path file = FreshDir("stix_file") / "bundle.json";
  std::ofstream(file) << exported->body;
  const std::string validate = std::string("python3 ") + CROSSCHECK_SOURCE_DIR + "/tests/tools/validate_stix.py " +
                               CROSSCHECK_SHARED_DIR + "/data/stix/schemas " + file.string();
  EXPECT_EQ(std::system(validate.c_str()), 0) << exported->body;
  // The whole persona is shared (globex-0107 and its linked application acme-0001), and a
  // scan that takes the bundle as --indicators recognizes its e-mail addresses.
  const Json bundle = Json::parse(exported->body);
  bool actor_found = false;
  for (const Json& object : bundle["objects"]) {
    if (object["type"] != "threat-actor" || !object.contains("x_crosscheck_persona_id")) continue;  // not the scheme
    actor_found = true;
    std::vector<std::string> ids = object["x_crosscheck_application_ids"];
    EXPECT_NE(std::find(ids.begin(), ids.end(), "acme-0001"), ids.end()) << object.dump();
    EXPECT_EQ(object["x_crosscheck_payout_accounts"][0], "USCHASE000111222") << object.dump();
  }
  EXPECT_TRUE(actor_found);
  IssueLog issues;
  Result<watchlist::IndicatorSet> indicators = watchlist::IndicatorSet::ParseStix(exported->body, "export.json", issues);
  ASSERT_TRUE(indicators) << indicators.error().ToString();
  EXPECT_TRUE(issues.empty()) << issues.issues().front().ToString();
  EXPECT_FALSE(indicators->Match({.email = "d.walker.codes@outlook.com"}).empty());
  EXPECT_TRUE(indicators->Match({.email = "wei.zhang@qq.com"}).empty());
  auto [audit_status, audit] = Get(client, "tok-admin", "/v1/audit?limit=1000");
  ASSERT_EQ(audit_status, 200);
  EXPECT_NE(audit.dump().find("1 confirmed personas"), std::string::npos);
}

// Okta System Log events: the hire behind acme-0001 (claimed Austin, US) signs in from China
// through a proxy on ten days; one line is broken. `separator` ends each line.
std::string AbroadSigninsNdjson(const std::string& separator) {
  std::string body;
  for (int day = 1; day <= 10; ++day) {
    if (day == 3) body += "{\"uuid\": \"broken\"" + separator;
    body += R"({"uuid":"ev-)" + std::to_string(day) + R"(","eventType":"user.session.start","published":"2025-04-)" +
            (day < 10 ? "0" : "") + std::to_string(day) +
            R"(T02:00:00.000Z","actor":{"alternateId":"Dan.Walker@acme.example"},"client":{"ipAddress":"101.86.4.)" +
            std::to_string(day) +
            R"(","geographicalContext":{"country":"China","city":"Shanghai"}},"securityContext":{"isProxy":true},)"
            R"("outcome":{"result":"SUCCESS"}})" + separator;
  }
  return body;
}

std::pair<int, Json> PostBody(httplib::Client& client, const std::string& path, const std::string& token,
                              const std::string& body, const char* type) {
  auto answer = client.Post(path.c_str(), Bearer(token), body, type);
  if (!answer) return {0, Json()};
  return {answer->status, Json::parse(answer->body, nullptr, false)};
}

TEST_P(NodeApi, SigninsRaiseAlertsThatReachTheHiresScoreAndSurviveARestart) {
  const std::string dir = Store("signins");
  {
    RunningNode node(dir);
    httplib::Client client = node.Client();
    ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
    auto [bad_status, bad] = PostBody(client, "/v1/employees", "tok-ingest", "login,company_id\nx,acme\n", "text/csv");
    EXPECT_EQ(bad_status, 400) << bad.dump();
    const std::string employees = "login,application_id,company_id\ndan.walker@acme.example,acme-0001,acme\n"
                                  "kim@hooli.example,hooli-0009,hooli\n,missing-login,hooli\n";
    auto [staff_status, staff] = PostBody(client, "/v1/employees", "tok-ingest", employees, "text/csv");
    ASSERT_EQ(staff_status, 200) << staff.dump();
    EXPECT_EQ(staff["accepted"], 2);
    EXPECT_EQ(staff["rows_skipped"], 1);

    auto [array_status, array] = PostBody(client, "/v1/signins", "tok-ingest", "[{}]", "application/x-ndjson");
    EXPECT_EQ(array_status, 400);
    EXPECT_NE(array.dump().find("NDJSON"), std::string::npos) << array.dump();
    EXPECT_EQ(PostBody(client, "/v1/signins", "tok-review", "{}", "application/x-ndjson").first, 403);

    // Lines ending in a lone CR (an old export) are lines too.
    auto [status, answer] = PostBody(client, "/v1/signins", "tok-ingest", AbroadSigninsNdjson("\r"), "application/x-ndjson");
    ASSERT_EQ(status, 200) << answer.dump();
    EXPECT_EQ(answer["accepted"], 10);
    EXPECT_EQ(answer["rows_skipped"], 1);
    ASSERT_FALSE(answer["issues"].empty());
    EXPECT_EQ(answer["issues"][0]["line"], 3);
    std::set<std::string> codes;
    for (const Json& alert : answer["alerts"]) {
      codes.insert(alert["code"]);
      EXPECT_EQ(alert["application_id"], "acme-0001") << alert.dump();
    }
    EXPECT_TRUE(codes.count("SIGNIN_FOREIGN_GEO")) << answer.dump();
    EXPECT_TRUE(codes.count("SIGNIN_ANONYMIZER")) << answer.dump();

    auto [alerts_status, alerts] = Get(client, "tok-review", "/v1/alerts?limit=1000");
    ASSERT_EQ(alerts_status, 200);
    EXPECT_EQ(alerts["alerts"].size(), answer["alerts"].size());
    EXPECT_EQ(Get(client, "tok-ingest", "/v1/alerts").first, 403);
    ASSERT_TRUE(node.WaitUntilResolved());
    auto [detail_status, detail] = Get(client, "tok-review", "/v1/applications/acme-0001");
    ASSERT_EQ(detail_status, 200);
    // The account's score terms become the hire's reasons (the monitor weighs them; a foreign
    // location seen through a proxy is the proxy's, so the anonymizer carries the weight).
    EXPECT_TRUE(HasReason(detail, "SIGNIN_ANONYMIZER")) << detail.dump();
    // The hire's page lists its own alerts, as GET /v1/alerts gives them; no hub, no finding.
    ASSERT_FALSE(detail["alerts"].empty()) << detail.dump();
    EXPECT_EQ(detail["alerts"].size(), answer["alerts"].size());
    EXPECT_EQ(detail["alerts"][0], alerts["alerts"][0]);
    EXPECT_TRUE(detail["consortium"].is_null()) << detail.dump();
    auto [other_status, other] = Get(client, "tok-review", "/v1/applications/hooli-0009");
    ASSERT_EQ(other_status, 200);
    EXPECT_FALSE(HasReason(other, "SIGNIN_ANONYMIZER"));
    EXPECT_TRUE(other["alerts"].empty()) << other.dump();
  }
  // The events were stored: a restart replays them into the same alerts and scores.
  RunningNode node(dir);
  httplib::Client client = node.Client();
  auto [alerts_status, alerts] = Get(client, "tok-review", "/v1/alerts?limit=1000");
  ASSERT_EQ(alerts_status, 200);
  EXPECT_FALSE(alerts["alerts"].empty());
  auto [detail_status, detail] = Get(client, "tok-review", "/v1/applications/acme-0001");
  ASSERT_EQ(detail_status, 200);
  EXPECT_TRUE(HasReason(detail, "SIGNIN_ANONYMIZER")) << detail.dump();
  auto [audit_status, audit] = Get(client, "tok-admin", "/v1/audit?limit=1000");
  EXPECT_NE(audit.dump().find("post_signins"), std::string::npos);
  EXPECT_NE(audit.dump().find("read_alerts"), std::string::npos);
}

// RingRecords reads the ring's rows, normalized, as the other companies' nodes hold them.
std::vector<ApplicationRecord> RingRecords() {
  IssueLog issues;
  Result<std::vector<ApplicationRecord>> records = ingest::ReadApplicationsText(kRingCsv, "ring.csv", {}, issues);
  EXPECT_TRUE(records.has_value());
  return records.value_or(std::vector<ApplicationRecord>{});
}

TEST_P(NodeApi, ANodeLinkedToTheHubPushesItsOwnRowsAndFoldsTheFindingsIn) {
  share::ConsortiumKey key;
  for (std::size_t idx = 0; idx < share::kKeyBytes; ++idx) key.bytes[idx] = static_cast<std::uint8_t>(7 * idx + 1);
  share::ConsortiumKey hub_key = key;
  hub_key.bytes[0] ^= 0x5a;
  HubServerOptions hub_options;
  hub_options.store = FreshDir("hub_store").string();
  hub_options.hub_key = hub_key;
  hub_options.k_threshold = 1;
  for (const char* company : {"acme", "globex", "initech", "umbrella", "hooli"}) {
    hub_options.members[share::HexSha256(std::string("tok-") + company)] = company;
  }
  internal::RunningServer<HubServer> hub(HubServer::Create(hub_options));
  const std::string hub_url = "http://127.0.0.1:" + std::to_string(hub.port());

  // The other companies push their own submissions (what their nodes or `share encode` make).
  const std::vector<ApplicationRecord> ring = RingRecords();
  const share::SubmissionEncoder encoder(key, "2026-12");
  IssueLog normalize_issues;
  const std::vector<NormalizedApplication> normalized =
      pipeline::NormalizeWithIntel(ring, normalize::IpIntel{}, /*default_region=*/"", "ring.csv", normalize_issues);
  std::string acme_rows = "application_id,company_id,submitted_at,stage,full_name,email,phone,phone_line_type,"
                          "date_of_birth,street,city,region,postal_code,country,shipping_address,ip_address,linkedin,"
                          "github,resume_text,photo_hash,payout_account,national_id,device_id,idv_status,"
                          "interview_flags,source\n";
  for (const share::Submission& submission : pipeline::EncodeSubmissions(ring, normalized, encoder)) {
    if (submission.company_id == "acme") continue;
    ASSERT_TRUE(PushSubmission(hub_url, "tok-" + submission.company_id, share::SerializeSubmission(submission)).has_value());
  }
  {
    const std::string csv = kRingCsv;
    std::size_t start = csv.find('\n') + 1;
    while (start < csv.size()) {
      const std::size_t end = csv.find('\n', start);
      if (csv.compare(start, 5, "acme-") == 0) acme_rows += csv.substr(start, end + 1 - start);
      start = end + 1;
    }
  }

  CompanyServerOptions options = NodeOptions(Store("hub_node"), kDefaultMaxApplicationsBodyBytes);
  options.hub = HubSyncOptions{.url = hub_url, .token = "tok-acme", .key = key, .epoch = "2026-12",
                               .company_id = "acme", .interval = std::chrono::seconds(3600)};
  internal::RunningServer<CompanyServer> node(CompanyServer::Create(options));
  httplib::Client client("127.0.0.1", node.port());
  ASSERT_EQ(PostCsv(client, "tok-ingest", acme_rows).first, 200);
  ASSERT_TRUE(node.get()->WaitUntilResolved(std::chrono::seconds(60)));
  auto [alone_status, alone] = Get(client, "tok-review", "/v1/applications/acme-0001");
  ASSERT_EQ(alone_status, 200);
  EXPECT_FALSE(HasReason(alone, "CONSORTIUM_SHARED_ARTIFACT"));  // acme alone sees no ring
  EXPECT_TRUE(alone["consortium"].is_null()) << alone.dump();

  ASSERT_TRUE(node.get()->SyncWithHub().has_value());  // pushes acme's rows
  ASSERT_TRUE(hub.get()->WaitUntilMatched(std::chrono::seconds(60)));
  const Status pulled = node.get()->SyncWithHub();      // pulls the findings
  ASSERT_TRUE(pulled.has_value()) << pulled.error().ToString();
  ASSERT_TRUE(node.get()->WaitUntilResolved(std::chrono::seconds(60)));
  auto [status, detail] = Get(client, "tok-review", "/v1/applications/acme-0001");
  ASSERT_EQ(status, 200);
  EXPECT_TRUE(HasReason(detail, "CONSORTIUM_SHARED_ARTIFACT")) << detail.dump();
  // The application's page carries the hub's finding itself: counts over the consortium.
  const Json& finding = detail["consortium"];
  ASSERT_TRUE(finding.is_object()) << detail.dump();
  EXPECT_TRUE(finding["hub_level"] == "high" || finding["hub_level"] == "critical") << finding.dump();
  ASSERT_FALSE(finding["evidence"].empty()) << finding.dump();
  EXPECT_GT(finding["evidence"][0]["other_companies"].get<int>(), 0) << finding.dump();
  EXPECT_EQ(finding["reasons"][0]["code"].get<std::string>().rfind("CONSORTIUM_", 0), 0u) << finding.dump();
  auto [health_status, health] = Get(client, "tok-review", "/healthz");
  ASSERT_EQ(health_status, 200);
  EXPECT_GT(health["hub"]["findings_version"].get<int>(), 0) << health.dump();
  EXPECT_GT(health["hub"]["pushed_version"].get<int>(), 0) << health.dump();
  EXPECT_EQ(health["hub"]["last_error"], "") << health.dump();
}

TEST_P(NodeApi, ExportsRiskCsvAndAuditsIt) {
  RunningNode node(Store("export"));
  httplib::Client client = node.Client();
  ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
  auto answer = client.Get("/v1/export/risk.csv", Bearer("tok-review"));
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200);
  EXPECT_EQ(std::count(answer->body.begin(), answer->body.end(), '\n'), static_cast<long>(kRingRows + 1));
  EXPECT_TRUE(answer->body.starts_with("application_id,persona_id,network_id,score,level,reasons,company_id\n"));
  EXPECT_NE(answer->body.find("acme-0001,"), std::string::npos);
  auto [audit_status, audit] = Get(client, "tok-admin", "/v1/audit");
  ASSERT_EQ(audit_status, 200);
  EXPECT_EQ(audit["rows"].back()["action"], "export_risk");
  auto openapi = client.Get("/openapi.json");
  ASSERT_TRUE(openapi);
  const Json document = Json::parse(openapi->body);
  EXPECT_EQ(document["openapi"], "3.0.3");
  for (const char* path : {"/v1/applications", "/v1/applications/{id}", "/v1/personas/{id}", "/v1/networks/{id}",
                           "/v1/queue", "/v1/decisions", "/v1/employees", "/v1/signins", "/v1/alerts", "/v1/audit",
                           "/v1/export/risk.csv", "/v1/export/stix", "/healthz", "/metrics"}) {
    EXPECT_TRUE(document["paths"].contains(path)) << path << " is served but not in openapi.json";
  }
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("crosscheck_http_requests_total{endpoint=\"POST /v1/applications\",status=\"200\"} 1"),
            std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("crosscheck_applications_stored 10"), std::string::npos);
  EXPECT_NE(metrics->body.find("crosscheck_last_arrival_neighbourhood 10\n"), std::string::npos) << metrics->body;
}

// CheckRestartResumes posts the ring, reads an application, restarts the node on the same store
// (a directory or a PostgreSQL database) and expects the same answer.
void CheckRestartResumes(const std::string& store) {
  Json before;
  {
    RunningNode node(store);
    httplib::Client client = node.Client();
    ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
    const Json decision{{"application_id", "initech-0042"}, {"decision", "cleared"}, {"note", "known contractor"}};
    ASSERT_EQ(client.Post("/v1/decisions", Bearer("tok-review"), decision.dump(), "application/json")->status, 200);
    before = Get(client, "tok-review", "/v1/applications/initech-0042").second;
  }
  RunningNode node(store);
  httplib::Client client = node.Client();
  auto [status, after] = Get(client, "tok-review", "/v1/applications/initech-0042");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(after["score"], before["score"]);
  EXPECT_EQ(after["persona_id"], before["persona_id"]);
  EXPECT_EQ(after["network_id"], before["network_id"]);
  ASSERT_EQ(after["decisions"].size(), 1u);
  EXPECT_EQ(after["decisions"][0]["note"], "known contractor");
  EXPECT_EQ(Json::parse(client.Get("/healthz")->body)["applications"], kRingRows);
  auto [audit_status, audit] = Get(client, "tok-admin", "/v1/audit?limit=1000");
  ASSERT_EQ(audit_status, 200);
  EXPECT_EQ(audit["rows"][0]["action"], "post_applications");
}

TEST(CompanyServer, RestartResumesWithTheStoredApplications) { CheckRestartResumes(FreshDir("restart").string()); }

TEST(CompanyServer, RestartResumesOnPostgres) {
  auto server = store::internal::TestPostgresServer::Start();
  if (server == nullptr) GTEST_SKIP() << "PostgreSQL: " << store::internal::TestPostgresServer::SkipReason();
  const std::string url = server->CreateDatabase("node");
  ASSERT_FALSE(url.empty());
  CheckRestartResumes(url);
}

TEST_P(NodeApi, NewApplicationReusingARingsArtifactsIsFlaggedInTheSameRequest) {
  RunningNode node(Store("ring"));
  httplib::Client client = node.Client();
  ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
  const std::string header = "application_id,company_id,submitted_at,full_name,email,phone,date_of_birth,country,ip_address,payout_account,device_id\n";
  auto [status, answer] = PostCsv(client, "tok-ingest", kNewRingMemberCsv);
  ASSERT_EQ(status, 200) << answer.dump();
  const Json& result = answer["results"][0];
  EXPECT_TRUE(result["level"] == "high" || result["level"] == "critical") << result.dump();
  // The control: the same kind of applicant with artifacts of their own stays low.
  auto [control_status, control] = PostCsv(client, "tok-ingest",
                                           header + "new-2,hooli,2025-03-12T10:05:00Z,Erin Cole,erin.cole.dev@gmail.com,(303) 555-0187,"
                                                    "1992-02-11,US,73.21.8.17,US-BOFA-000999111,dev-5e21\n");
  ASSERT_EQ(control_status, 200) << control.dump();
  EXPECT_EQ(control["results"][0]["level"], "low") << control.dump();
}

// GET /v1/networks/{id}?view=graph is the full answer without each member's reasons and the
// linked pairs (what the network page draws); both forms are audited; another view is 400.
TEST_P(NodeApi, NetworkGraphViewDropsReasonsAndLinkedPairsAndIsAudited) {
  RunningNode node(Store("graph-view"));
  httplib::Client client = node.Client();
  ASSERT_EQ(PostCsv(client, "tok-ingest", kRingCsv).first, 200);
  ASSERT_TRUE(node.WaitUntilResolved());  // a flagged network's edges and pairs come with resolution
  auto [detail_status, detail] = Get(client, "tok-review", "/v1/applications/acme-0001");
  ASSERT_EQ(detail_status, 200);
  const std::string network_path = "/v1/networks/" + detail["network_id"].get<std::string>();
  auto [full_status, full] = Get(client, "tok-review", network_path);
  auto [graph_status, graph] = Get(client, "tok-review", network_path + "?view=graph");
  ASSERT_EQ(full_status, 200);
  ASSERT_EQ(graph_status, 200) << graph.dump();
  ASSERT_TRUE(full["flagged"].get<bool>()) << full.dump();
  EXPECT_TRUE(full.contains("linked_pairs"));
  EXPECT_FALSE(graph.contains("linked_pairs"));
  for (const char* key : {"network_id", "flagged", "score", "level", "personas", "companies", "edges", "omitted_edges"}) {
    EXPECT_EQ(graph[key], full[key]) << key;
  }
  ASSERT_EQ(graph["applications"].size(), full["applications"].size());
  for (std::size_t member = 0; member < full["applications"].size(); ++member) {
    Json expected = full["applications"][member];
    ASSERT_TRUE(expected.contains("reasons"));
    expected.erase("reasons");
    EXPECT_EQ(graph["applications"][member], expected);
  }
  EXPECT_LT(graph.dump().size(), full.dump().size());
  auto [bad_status, bad] = Get(client, "tok-review", network_path + "?view=everything");
  EXPECT_EQ(bad_status, 400);
  EXPECT_EQ(bad["error"]["code"], "INVALID_QUERY") << bad.dump();
  const std::vector<std::string> lines = AuditLines(client);
  const std::string id = full["network_id"];
  for (const std::string& wanted : {"rita read_network " + id, "rita read_network " + id + " (view=graph)",
                                    std::string("rita read_network refused 400 INVALID_QUERY: view is full or graph")}) {
    EXPECT_EQ(std::ranges::count(lines, wanted), 1) << wanted << " in " << Json(lines).dump();
  }
}

// A client that sends half a request and stalls is cut off after the read timeout, and the node
// keeps answering everyone else meanwhile.
TEST(CompanyServer, AStalledClientIsCutOffAndOthersAreServed) {
  RunningNode node(FreshDir("slow"), kDefaultMaxApplicationsBodyBytes, /*read_timeout_seconds=*/1);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(node.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  const std::string partial = "POST /v1/applications HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                              "Content-Length: 1000\r\n\r\napplication_id,company_id\n";
  ASSERT_EQ(::send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  httplib::Client client = node.Client();
  auto health = client.Get("/healthz");  // served while the stalled request waits
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  timeval wait{30, 0};  // far past the 1 s timeout: the server must close first
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  char buffer[512];
  ssize_t got = 0;
  while ((got = ::recv(fd, buffer, sizeof buffer, 0)) > 0) {
  }
  ::close(fd);
  EXPECT_EQ(got, 0) << "the server did not close the stalled connection within 30 s";
  EXPECT_EQ(Get(client, "tok-review", "/v1/queue").first, 200);
}

// Fuzz: random bytes and mutations of valid bodies to both POST endpoints; every answer is 2xx
// or 4xx, and the node still answers afterwards.
TEST(CompanyServer, FuzzedBodiesGetAnAnswerAndTheNodeStaysUp) {
  RunningNode node(FreshDir("fuzz"), 1 << 16);
  httplib::Client client = node.Client();
  ASSERT_EQ(PostCsv(client, "tok-ingest", "application_id,company_id,full_name,phone\nseed-1,acme,Ann Lee,+1 415 555 0100\n").first, 200);
  std::mt19937 random(20261206);
  const std::vector<std::string> seeds = {
      std::string(kRingCsv).substr(0, 900),
      R"([{"application_id":"j1","company_id":"acme","full_name":"Jo","email":"jo@example.com"}])",
      R"({"application_id":"acme-0001","decision":"cleared","note":"ok"})",
      "login,application_id,company_id\nann@acme.example,seed-1,acme\n",
      R"({"uuid":"f1","eventType":"user.session.start","published":"2025-04-01T02:00:00.000Z","actor":{"alternateId":"ann@acme.example"},"client":{"ipAddress":"101.86.4.1","geographicalContext":{"country":"China"}}})"
      "\n",
  };
  // Each endpoint that takes a body, with a token allowed to post there.
  const std::pair<const char*, const char*> endpoints[] = {{"/v1/applications", "tok-ingest"},
                                                           {"/v1/decisions", "tok-review"},
                                                           {"/v1/employees", "tok-ingest"},
                                                           {"/v1/signins", "tok-ingest"}};
  const char* types[] = {"text/csv", "application/json"};
  auto mutate = [&](std::string text) {
    const int edits = 1 + static_cast<int>(random() % 8);
    for (int edit = 0; edit < edits && !text.empty(); ++edit) {
      const std::size_t at = random() % text.size();
      switch (random() % 4) {
        case 0: text[at] = static_cast<char>(random() % 256); break;
        case 1: text.erase(at, 1 + random() % 16); break;
        case 2: text.insert(at, 1, "\",\n\r\0{}[]:"[random() % 10]); break;
        default: text.insert(at, text.substr(random() % text.size(), random() % 64)); break;
      }
    }
    return text;
  };
  int answered = 0;
  for (int round = 0; round < 300; ++round) {
    std::string body;
    if (round % 3 == 0) {
      body.resize(random() % 512);
      for (char& byte : body) byte = static_cast<char>(random() % 256);
    } else {
      body = mutate(seeds[random() % seeds.size()]);
    }
    const auto& [path, token] = endpoints[round % 4];
    auto answer = client.Post(path, Bearer(token), body, types[random() % 2]);
    ASSERT_TRUE(answer) << "no answer to round " << round << " on " << path;
    EXPECT_TRUE(answer->status / 100 == 2 || answer->status / 100 == 4) << path << " " << answer->status << " " << answer->body;
    EXPECT_TRUE(Json::accept(answer->body)) << answer->body;
    ++answered;
  }
  EXPECT_EQ(answered, 300);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

#ifdef CROSSCHECK_BINARY
// Durability: the real binary acknowledges a post, is killed with SIGKILL, and the restarted
// node has the row.
class ServeProcess {
 public:
  ServeProcess(const std::filesystem::path& dir) {
    int pipe_fds[2];
    EXPECT_EQ(pipe(pipe_fds), 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(pipe_fds[1], STDOUT_FILENO);
      close(pipe_fds[0]);
      const std::string data = (dir / "data").string();
      const std::string tokens = (dir / "tokens.csv").string();
      execl(CROSSCHECK_BINARY, CROSSCHECK_BINARY, "serve", "--data", data.c_str(), "--listen", "127.0.0.1:0", "--tokens",
            tokens.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(pipe_fds[1]);
    // The first line says where it serves: "serving http://127.0.0.1:PORT ...".
    std::string line;
    char ch = 0;
    while (read(pipe_fds[0], &ch, 1) == 1 && ch != '\n') line += ch;
    close(pipe_fds[0]);
    const std::size_t colon = line.find("127.0.0.1:");
    if (colon != std::string::npos) port_ = std::atoi(line.c_str() + colon + 10);
    EXPECT_GT(port_, 0) << "first line: " << line;
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  ~ServeProcess() { Kill(); }
  void Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

TEST(CompanyServer, AcknowledgedPostSurvivesKill9) {
  const auto dir = FreshDir("kill9");
  std::filesystem::create_directories(dir / "data");
  std::ofstream(dir / "tokens.csv") << "name,role,token_sha256\nats-bot,ingest," << share::HexSha256("tok-ingest")
                                    << "\nrita,reviewer," << share::HexSha256("tok-review") << "\n";
  {
    ServeProcess serve(dir);
    ASSERT_GT(serve.port(), 0);
    httplib::Client client("127.0.0.1", serve.port());
    client.set_read_timeout(60, 0);
    auto [status, answer] = PostCsv(client, "tok-ingest", "application_id,company_id,full_name\nk9-1,acme,Kim Nine\n");
    ASSERT_EQ(status, 200) << answer.dump();
    serve.Kill();  // SIGKILL right after the acknowledgement: no clean shutdown
  }
  ServeProcess serve(dir);
  ASSERT_GT(serve.port(), 0);
  httplib::Client client("127.0.0.1", serve.port());
  auto [status, detail] = Get(client, "tok-review", "/v1/applications/k9-1");
  ASSERT_EQ(status, 200) << detail.dump();
  EXPECT_EQ(detail["application"]["full_name"], "Kim Nine");
}
#endif

}  // namespace
}  // namespace crosscheck::serve
