// TAXII 2.1 on `crosscheck serve`: the paging and filters of taxii.h on a bundle, and the
// endpoints over real HTTP on loopback (media types, 401/403/404/406 as TAXII error resources,
// paging across `next` to exactly the objects of GET /v1/export/stix, the audit log).
#include "crosscheck/serve/taxii.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "crosscheck/serve/company_server.h"
#include "crosscheck/serve/internal/running_server.h"
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
    server_ = std::make_unique<internal::RunningServer<CompanyServer>>(
        CompanyServer::Create(internal::TestNodeOptions("taxii")));
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
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], TaxiiCollectionId("Acme"));
  EXPECT_TRUE(listed[0]["can_read"].get<bool>());
  EXPECT_FALSE(listed[0]["can_write"].get<bool>());
  auto collection = client.Get(Collection().c_str(), Headers("tok-review"));
  ASSERT_TRUE(collection);
  EXPECT_EQ(Json::parse(collection->body), listed[0]);
  auto openapi = client.Get("/openapi.json");
  ASSERT_TRUE(openapi);
  const Json paths = Json::parse(openapi->body)["paths"];
  for (const char* path : {"/taxii2/", "/taxii2/{api_root}/", "/taxii2/{api_root}/collections/",
                           "/taxii2/{api_root}/collections/{collection_id}/",
                           "/taxii2/{api_root}/collections/{collection_id}/objects/",
                           "/taxii2/{api_root}/collections/{collection_id}/manifest/"}) {
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

  std::multiset<std::string> seen;
  std::string path = Collection() + "objects/?limit=2";
  for (int page_idx = 0; page_idx < 50 && !path.empty(); ++page_idx) {
    auto page = client.Get(path.c_str(), Headers("tok-review"));
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << page->body;
    EXPECT_EQ(page->get_header_value("Content-Type"), kTaxiiMediaType);
    const Json envelope = Json::parse(page->body);
    ASSERT_EQ(page->get_header_value("X-TAXII-Date-Added-First"), envelope["objects"].front()["created"]);
    ASSERT_EQ(page->get_header_value("X-TAXII-Date-Added-Last"), envelope["objects"].back()["created"]);
    for (const Json& object : envelope["objects"]) seen.insert(object.dump());
    path.clear();
    if (envelope["more"].get<bool>()) {
      path = Collection() + "objects/?limit=2&next=" + httplib::detail::encode_query_param(envelope["next"]);
    }
  }
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

}  // namespace
}  // namespace crosscheck::serve
