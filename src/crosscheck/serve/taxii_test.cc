// TAXII 2.1 on `crosscheck serve`: the paging and filters of taxii.h on a bundle, Add Objects
// bodies and status resources, and the endpoints over real HTTP on loopback (media types,
// 401/403/404/406/413/415 as TAXII error resources, paging across `next` to exactly the
// objects of GET /v1/export/stix, pushed indicators changing a score and surviving a restart,
// the audit log). The hub's TAXII is tested in hub_server_test.cc with the same client.
#include "crosscheck/serve/taxii.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "crosscheck/serve/company_server.h"
#include "crosscheck/serve/internal/running_server.h"
#include "crosscheck/serve/internal/taxii_test_client.h"
#include "crosscheck/serve/internal/test_node.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/share/stix_bundle.h"

namespace crosscheck::serve {
namespace {

using Json = nlohmann::json;
using Params = std::multimap<std::string, std::string>;

share::ConfirmedPersona Persona(const std::string& id, const std::string& at, const std::string& email) {
  share::ConfirmedPersona persona;
  persona.persona_id = id;
  persona.application_ids = {id + "-app"};
  persona.emails = {email};
  persona.ip_addresses = {"185.220.101.34"};
  persona.confirmed_by = "rita";
  persona.confirmed_at = at;
  return persona;
}

// Two personas confirmed a day apart, sharing an IP: the identity; per persona an actor, an
// e-mail indicator and 2 relationships; one IP indicator (10 objects).
std::string TwoDayBundle() {
  return share::RenderConfirmedFraudBundle(
      {Persona("P1", "2026-12-01T10:00:00Z", "a@example.com"), Persona("P2", "2026-12-02T10:00:00Z", "b@example.com")},
      "Acme", "2026-12-03T00:00:00Z");
}

TaxiiQuery Query(const Params& params) {
  Result<TaxiiQuery> query = ParseTaxiiQuery(params);
  EXPECT_TRUE(query) << query.error().ToString();
  return query.value_or(TaxiiQuery{});
}

TEST(Taxii, AcceptsTheTaxiiMediaTypeAndWildcardsOnly) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"", true},
      {"application/taxii+json;version=2.1", true},
      {"application/taxii+json", true},
      {"Application/TAXII+json; version=2.1; q=0.9", true},
      {"*/*", true},
      {"text/html, application/*;q=0.1", true},
      {"application/json", false},
      {"application/taxii+json;version=2.0", false},
      {"application/stix+json;version=2.1", false},
      {"text/html", false},
  };
  for (const auto& [accept, wanted] : cases) {
    SCOPED_TRACE(accept);
    EXPECT_EQ(AcceptsTaxii(accept), wanted);
  }
}

TEST(Taxii, RefusesBadFiltersByName) {
  const std::vector<std::pair<Params, std::string>> cases = {
      {{{"limit", "0"}}, "limit"},
      {{{"limit", "ten"}}, "limit"},
      {{{"limit", "-1"}}, "limit"},
      {{{"added_after", "yesterday"}}, "added_after"},
      {{{"next", "7"}}, "next"},
      {{{"match[colour]", "red"}}, "match[colour]"},
  };
  for (const auto& [params, named] : cases) {
    SCOPED_TRACE(named);
    Result<TaxiiQuery> query = ParseTaxiiQuery(params);
    ASSERT_FALSE(query);
    EXPECT_EQ(query.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(query.error().message().find(named), std::string::npos) << query.error().message();
  }
  EXPECT_EQ(Query({{"limit", "100000"}}).limit, kTaxiiMaxPage);
}

TEST(Taxii, PagesAcrossNextToEveryObjectOnceInDateAddedOrder) {
  const std::string bundle = TwoDayBundle();
  std::vector<std::string> expected;
  const Json parsed = Json::parse(bundle);  // named: a range-for over a temporary's member dangles
  for (const Json& object : parsed["objects"]) expected.push_back(object["id"]);
  std::vector<std::string> seen;
  std::string next;
  std::string last_added;
  for (int page_idx = 0; page_idx < 10; ++page_idx) {
    Params params{{"limit", "4"}};
    if (!next.empty()) params.emplace("next", next);
    Result<TaxiiPage> page = TaxiiObjectsPage(bundle, Query(params), TaxiiView::kObjects);
    ASSERT_TRUE(page) << page.error().ToString();
    const Json envelope = Json::parse(page->body);
    ASSERT_LE(envelope["objects"].size(), 4u);
    EXPECT_EQ(page->first_added, envelope["objects"].front()["created"]);
    EXPECT_EQ(page->last_added, envelope["objects"].back()["created"]);
    EXPECT_LE(last_added, page->first_added);  // ISO 8601 in one layout sorts as text
    last_added = page->last_added;
    for (const Json& object : envelope["objects"]) seen.push_back(object["id"]);
    if (!envelope["more"].get<bool>()) {
      EXPECT_FALSE(envelope.contains("next"));
      break;
    }
    next = envelope["next"];
  }
  EXPECT_EQ(expected.size(), 15u);  // 10, and per persona a sighting and a link to the scheme, and the scheme
  EXPECT_EQ(std::set<std::string>(expected.begin(), expected.end()).size(), expected.size());  // ids unique
  EXPECT_EQ(seen.size(), expected.size());  // in 4 pages
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), std::set<std::string>(expected.begin(), expected.end()));
}

TEST(Taxii, FiltersByAddedAfterTypeAndIdAndListsTheManifest) {
  const std::string bundle = TwoDayBundle();
  Result<TaxiiPage> later = TaxiiObjectsPage(bundle, Query({{"added_after", "2026-12-01T10:00:00Z"}}), TaxiiView::kObjects);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->count, 6u);  // P2's objects only (the IP indicator is P1's): added_after is exclusive
  EXPECT_EQ(later->first_added, "2026-12-02T10:00:00.000Z");

  Result<TaxiiPage> actors = TaxiiObjectsPage(bundle, Query({{"match[type]", "threat-actor,identity"}}), TaxiiView::kObjects);
  ASSERT_TRUE(actors);
  EXPECT_EQ(actors->count, 4u);  // the producer, the scheme, two personas
  const std::string actor_id = Json::parse(actors->body)["objects"][1]["id"];
  Result<TaxiiPage> one = TaxiiObjectsPage(bundle, Query({{"match[id]", actor_id}}), TaxiiView::kManifest);
  ASSERT_TRUE(one);
  const Json manifest = Json::parse(one->body);
  ASSERT_EQ(manifest["objects"].size(), 1u);
  EXPECT_EQ(manifest["objects"][0]["id"], actor_id);
  EXPECT_EQ(manifest["objects"][0]["media_type"], "application/stix+json;version=2.1");
  EXPECT_EQ(manifest["objects"][0]["version"], manifest["objects"][0]["date_added"]);

  Result<TaxiiPage> none = TaxiiObjectsPage(bundle, Query({{"match[type]", "malware"}}), TaxiiView::kObjects);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->count, 0u);
  EXPECT_EQ(Json::parse(none->body), Json({{"more", false}}));
  EXPECT_TRUE(none->first_added.empty());
}

// The node over HTTP: the ring of examples/applications.csv, one persona confirmed.
class TaxiiNode : public ::testing::Test {
 protected:
  void SetUp() override {
    options_ = internal::TestNodeOptions("taxii");
    options_.max_body_bytes = kMaxBody;
    server_ = std::make_unique<internal::RunningServer<CompanyServer>>(CompanyServer::Create(options_));
    httplib::Client client = Client();
    ASSERT_EQ(internal::PostExamplesAndConfirm(client), "");  // acme-0001 confirmed
    ASSERT_TRUE(server_->get()->WaitUntilResolved(std::chrono::seconds(60)));
  }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(60, 0);
    return client;
  }
  static httplib::Headers Headers(const std::string& token, const std::string& accept = kTaxiiMediaType) {
    return {{"Authorization", "Bearer " + token}, {"Accept", accept}};
  }
  std::string Root() const { return std::string("/taxii2/") + kTaxiiApiRoot + "/"; }
  std::string Collection() const { return Root() + "collections/" + TaxiiCollectionId("Acme") + "/"; }

  static constexpr std::size_t kMaxBody = std::size_t{1} << 20;
  CompanyServerOptions options_;
  std::unique_ptr<internal::RunningServer<CompanyServer>> server_;
};

// ExpectTaxiiError checks a refusal is a TAXII error resource with the status.
void ExpectTaxiiError(const httplib::Result& answer, int status) {
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, status) << answer->body;
  EXPECT_EQ(answer->get_header_value("Content-Type"), kTaxiiMediaType);
  const Json error = Json::parse(answer->body, nullptr, false);
  EXPECT_EQ(error.value("http_status", ""), std::to_string(status)) << answer->body;
  EXPECT_FALSE(error.value("title", "").empty());
}

TEST_F(TaxiiNode, DiscoveryRootAndCollectionAreServedInTheTaxiiMediaType) {
  httplib::Client client = Client();
  auto discovery = client.Get("/taxii2/", Headers("tok-review"));
  ASSERT_TRUE(discovery);
  ASSERT_EQ(discovery->status, 200) << discovery->body;
  EXPECT_EQ(discovery->get_header_value("Content-Type"), kTaxiiMediaType);
  const std::string root_url = Json::parse(discovery->body)["api_roots"][0];
  EXPECT_TRUE(root_url.ends_with(Root())) << root_url;
  auto root = client.Get(Root().c_str(), Headers("tok-admin"));
  ASSERT_TRUE(root);
  ASSERT_EQ(root->status, 200);
  EXPECT_EQ(Json::parse(root->body)["versions"][0], kTaxiiMediaType);
  auto collections = client.Get((Root() + "collections/").c_str(), Headers("tok-review"));
  ASSERT_TRUE(collections);
  const Json listed = Json::parse(collections->body)["collections"];
  ASSERT_EQ(listed.size(), 2u);  // the confirmed fraud; the known-bad indicators, not writable by a reviewer
  EXPECT_EQ(listed[0]["id"], TaxiiCollectionId("Acme"));
  EXPECT_TRUE(listed[0]["can_read"].get<bool>());
  EXPECT_FALSE(listed[0]["can_write"].get<bool>());
  EXPECT_FALSE(listed[1]["can_read"].get<bool>());
  EXPECT_FALSE(listed[1]["can_write"].get<bool>());
  auto collection = client.Get(Collection().c_str(), Headers("tok-review"));
  ASSERT_TRUE(collection);
  EXPECT_EQ(Json::parse(collection->body), listed[0]);
  auto openapi = client.Get("/openapi.json");
  ASSERT_TRUE(openapi);
  const Json paths = Json::parse(openapi->body)["paths"];
  for (const char* path : {"/taxii2/", "/taxii2/{api_root}/", "/taxii2/{api_root}/collections/",
                           "/taxii2/{api_root}/collections/{collection_id}/",
                           "/taxii2/{api_root}/collections/{collection_id}/objects/",
                           "/taxii2/{api_root}/collections/{collection_id}/manifest/",
                           "/taxii2/{api_root}/status/{status_id}/"}) {
    EXPECT_TRUE(paths.contains(path)) << path << " is served but not in openapi.json";
  }
}

TEST_F(TaxiiNode, RefusalsAreTaxiiErrorsAndAudited) {
  httplib::Client client = Client();
  ExpectTaxiiError(client.Get("/taxii2/", httplib::Headers{{"Accept", kTaxiiMediaType}}), 401);
  ExpectTaxiiError(client.Get((Collection() + "objects/").c_str(), Headers("tok-ingest")), 403);
  ExpectTaxiiError(client.Get((Collection() + "objects/").c_str(), Headers("tok-review", "application/json")), 406);
  ExpectTaxiiError(client.Get("/taxii2/other/collections/", Headers("tok-review")), 404);
  ExpectTaxiiError(client.Get((Root() + "collections/not-ours/objects/").c_str(), Headers("tok-review")), 404);
  ExpectTaxiiError(client.Get((Root() + "status/42/").c_str(), Headers("tok-review")), 404);
  ExpectTaxiiError(client.Get((Collection() + "objects/?limit=0").c_str(), Headers("tok-review")), 400);
  auto audit = client.Get("/v1/audit?limit=1000", Headers("tok-admin", "application/json"));
  ASSERT_TRUE(audit);
  std::set<std::string> lines;
  const Json rows = Json::parse(audit->body)["rows"];
  for (const Json& row : rows) {
    lines.insert(row["who"].get<std::string>() + " " + row["action"].get<std::string>() + " " +
                 row["detail"].get<std::string>().substr(0, 11));
  }
  for (const char* line : {" taxii_discovery refused 401", "ats-bot taxii_objects refused 403",
                           "rita taxii_objects refused 406", "rita taxii_collections refused 404",
                           "rita taxii_objects refused 400"}) {
    EXPECT_TRUE(lines.contains(line)) << line << " in " << Json(lines).dump();
  }
}

TEST_F(TaxiiNode, ObjectsPagedAcrossNextAreTheObjectsOfTheStixExport) {
  httplib::Client client = Client();
  auto exported = client.Get("/v1/export/stix", Headers("tok-review", "*/*"));
  ASSERT_TRUE(exported);
  ASSERT_EQ(exported->status, 200);
  std::multiset<std::string> expected;
  const Json bundle = Json::parse(exported->body);
  for (const Json& object : bundle["objects"]) expected.insert(object.dump());
  ASSERT_GT(expected.size(), 3u);  // the identity, the persona's actor, indicators, relationships

  const internal::TaxiiTestClient taxii(client, "tok-review");
  const std::vector<internal::TaxiiTestClient::Collection> collections = taxii.DiscoverCollections();
  ASSERT_EQ(collections.size(), 2u);
  std::multiset<std::string> seen;
  for (const Json& object : taxii.AllObjects(collections[0].objects_path, 2)) seen.insert(object.dump());
  EXPECT_EQ(seen, expected);

  auto manifest = client.Get((Collection() + "manifest/?match[type]=threat-actor").c_str(), Headers("tok-admin"));
  ASSERT_TRUE(manifest);
  ASSERT_EQ(manifest->status, 200) << manifest->body;
  EXPECT_EQ(Json::parse(manifest->body)["objects"].size(), 2u);  // the persona and the scheme
  auto audit = client.Get("/v1/audit?limit=1000", Headers("tok-admin", "application/json"));
  ASSERT_TRUE(audit);
  EXPECT_NE(audit->body.find("2 objects of 1 confirmed personas"), std::string::npos);
  auto metrics = client.Get("/metrics");  // one label for every TAXII path, whatever ids it holds
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find(R"(endpoint="GET /taxii2/...",status="200")"), std::string::npos) << metrics->body;
}

TEST(Taxii, ReadsEnvelopesAndBundlesAndNamesWhatIsWrong) {
  Result<TaxiiEnvelopeObjects> envelope = ParseTaxiiEnvelope(
      R"({"objects": [{"type": "indicator", "id": "indicator--1", "modified": "2026-12-01T00:00:00.000Z"},
                      {"type": "ipv4-addr", "id": "ipv4-addr--2", "value": "10.0.0.1"}, 7, {"id": "x--3"}]})", 32);
  ASSERT_TRUE(envelope) << envelope.error().ToString();
  ASSERT_EQ(envelope->accepted.size(), 2u);
  EXPECT_EQ(envelope->accepted[0].version, "2026-12-01T00:00:00.000Z");
  EXPECT_EQ(envelope->accepted[1].version, "");  // an observable has no version of its own
  ASSERT_EQ(envelope->failures.size(), 2u);
  EXPECT_EQ(envelope->failures[1].id, "x--3");
  EXPECT_EQ(Json::parse(envelope->objects).size(), 2u);
  EXPECT_TRUE(ParseTaxiiEnvelope(R"({"type": "bundle", "id": "bundle--1", "objects": []})", 32));

  const std::vector<std::pair<std::string, std::string>> refused = {
      {"{", "not JSON"}, {"[]", "envelope"}, {R"({"objects": {}})", "envelope"}, {std::string(40, '[') , "deeper"}};
  for (const auto& [body, named] : refused) {
    SCOPED_TRACE(body);
    Result<TaxiiEnvelopeObjects> parsed = ParseTaxiiEnvelope(body, 32);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(parsed.error().message().find(named), std::string::npos) << parsed.error().message();
  }

  const Json status = Json::parse(TaxiiStatusJson(
      {"s-1", "2026-12-07T08:00:00Z", envelope->accepted, envelope->failures, {{"imported", 1}}, "1 indicators used"}));
  EXPECT_EQ(status["status"], "complete");
  EXPECT_EQ(status["total_count"], 4);
  EXPECT_EQ(status["success_count"], 2);
  EXPECT_EQ(status["failure_count"], 2);
  EXPECT_EQ(status["pending_count"], 0);
  EXPECT_EQ(status["x_crosscheck_import"]["imported"], 1);
}

// An envelope of one e-mail indicator of initech-0043 (a bystander of the example ring), one
// revoked and one expired indicator, and an object without an id.
std::string PushedEnvelope() {
  return R"({"objects": [
    {"type": "indicator", "spec_version": "2.1", "id": "indicator--0b0c5a3e-8f1e-4a55-9a7e-3c1d2b4f5a60",
     "created": "2026-12-01T00:00:00.000Z", "modified": "2026-12-01T00:00:00.000Z", "name": "MISP e-mail",
     "pattern": "[email-addr:value = 'Priya.Sharma@gmail.com']", "pattern_type": "stix",
     "valid_from": "2026-12-01T00:00:00Z"},
    {"type": "indicator", "spec_version": "2.1", "id": "indicator--1b0c5a3e-8f1e-4a55-9a7e-3c1d2b4f5a61",
     "created": "2026-12-01T00:00:00.000Z", "modified": "2026-12-01T00:00:00.000Z", "revoked": true,
     "pattern": "[email-addr:value = 'minjun.kim@naver.com']", "pattern_type": "stix", "valid_from": "2026-12-01T00:00:00Z"},
    {"type": "indicator", "spec_version": "2.1", "id": "indicator--2b0c5a3e-8f1e-4a55-9a7e-3c1d2b4f5a62",
     "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z",
     "pattern": "[email-addr:value = 'bob.johnson@yahoo.com']", "pattern_type": "stix",
     "valid_from": "2020-01-01T00:00:00Z", "valid_until": "2020-02-01T00:00:00Z"},
    {"type": "indicator"}]})";
}

class TaxiiPush : public TaxiiNode {
 protected:
  std::string IndicatorsObjects() const {
    return Root() + "collections/" + TaxiiUuid("known-bad indicators|Acme") + "/objects/";
  }
  httplib::Result Push(const std::string& token, const std::string& body,
                       const std::string& content_type = kTaxiiMediaType) const {
    httplib::Client client = Client();
    return client.Post(IndicatorsObjects(), Headers(token), body, content_type);
  }
  // Reasons returns the reason codes of an application as the node scores it now.
  Json Application(const std::string& id) const {
    httplib::Client client = Client();
    auto answer = client.Get("/v1/applications/" + id, Headers("tok-review", "application/json"));
    EXPECT_TRUE(answer && answer->status == 200);
    return answer ? Json::parse(answer->body, nullptr, false) : Json();
  }
  static bool HasReason(const Json& application, const std::string& code) {
    for (const Json& reason : application.value("reasons", Json::array())) {
      if (reason.value("code", "") == code) return true;
    }
    return false;
  }
};

TEST_F(TaxiiPush, APushedIndicatorChangesAScoreAndSurvivesARestart) {
  const Json before = Application("initech-0043");
  ASSERT_FALSE(HasReason(before, "KNOWN_BAD_INDICATOR")) << before.dump();
  auto pushed = Push("tok-admin", PushedEnvelope());
  ASSERT_TRUE(pushed);
  ASSERT_EQ(pushed->status, 202) << pushed->body;
  EXPECT_EQ(pushed->get_header_value("Content-Type"), kTaxiiMediaType);
  const Json status = Json::parse(pushed->body);
  EXPECT_EQ(status["status"], "complete");
  EXPECT_EQ(status["success_count"], 3);
  EXPECT_EQ(status["failure_count"], 1);
  EXPECT_EQ(status["x_crosscheck_import"]["imported"], 1);
  EXPECT_EQ(status["x_crosscheck_import"]["revoked"], 1);
  EXPECT_EQ(status["x_crosscheck_import"]["expired"], 1);
  EXPECT_EQ(status["x_crosscheck_import"]["issues"].size(), 2u) << status.dump();  // STIX_REVOKED, STIX_EXPIRED

  httplib::Client client = Client();
  const std::string status_path = Root() + "status/" + status["id"].get<std::string>() + "/";
  auto again = client.Get(status_path, Headers("tok-admin"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(Json::parse(again->body), status);
  ExpectTaxiiError(client.Get(status_path, Headers("tok-review")), 404);  // not rita's push

  ASSERT_TRUE(server_->get()->WaitUntilResolved(std::chrono::seconds(60)));
  const Json after = Application("initech-0043");
  EXPECT_TRUE(HasReason(after, "KNOWN_BAD_INDICATOR")) << after.dump();
  EXPECT_GT(after["score"].get<int>(), before["score"].get<int>());
  EXPECT_FALSE(HasReason(Application("hooli-0009"), "KNOWN_BAD_INDICATOR"));   // revoked
  EXPECT_FALSE(HasReason(Application("umbrella-0301"), "KNOWN_BAD_INDICATOR"));  // expired

  // A restart on the same store scores with the pushed indicators again.
  server_.reset();
  server_ = std::make_unique<internal::RunningServer<CompanyServer>>(CompanyServer::Create(options_));
  EXPECT_TRUE(HasReason(Application("initech-0043"), "KNOWN_BAD_INDICATOR"));
  auto kept = Client().Get(status_path, Headers("tok-admin"));
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->status, 200);

  auto audit = Client().Get("/v1/audit?limit=1000", Headers("tok-admin", "application/json"));
  ASSERT_TRUE(audit);
  bool audited = false;
  const Json rows = Json::parse(audit->body)["rows"];  // named: a range-for over a temporary's member dangles
  for (const Json& row : rows) {
    audited = audited || (row["who"] == "ada" && row["action"] == "taxii_add_objects" &&
                          row["detail"].get<std::string>().starts_with("ok status " + status["id"].get<std::string>()));
  }
  EXPECT_TRUE(audited) << audit->body;
}

TEST_F(TaxiiPush, OnlyAnAdminPushesAndBadBodiesAreRefusedByName) {
  ExpectTaxiiError(Client().Post(IndicatorsObjects(), httplib::Headers{{"Accept", kTaxiiMediaType}}, PushedEnvelope(),
                                 kTaxiiMediaType),
                   401);
  ExpectTaxiiError(Push("tok-ingest", PushedEnvelope()), 403);
  ExpectTaxiiError(Push("tok-review", PushedEnvelope()), 403);
  ExpectTaxiiError(Client().Post(Collection() + "objects/", Headers("tok-admin"), PushedEnvelope(), kTaxiiMediaType),
                   403);  // the confirmed fraud is read-only
  ExpectTaxiiError(Push("tok-admin", PushedEnvelope(), "application/json"), 415);
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"{\"objects\": [", "not JSON"}, {"[1, 2]", "envelope"}, {std::string(100, '[') + std::string(100, ']'), "deeper"}};
  for (const auto& [body, named] : bad) {
    SCOPED_TRACE(named);
    auto refused = Push("tok-admin", body);
    ExpectTaxiiError(refused, 400);
    if (refused) {
      EXPECT_NE(refused->body.find(named), std::string::npos) << refused->body;
    }
  }
  ExpectTaxiiError(Push("tok-admin", std::string(kMaxBody + 1, ' ')), 413);
  auto health = Client().Get("/healthz");  // never crashed
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

}  // namespace
}  // namespace crosscheck::serve
