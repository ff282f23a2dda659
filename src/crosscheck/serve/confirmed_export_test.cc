// GET /v1/export/stix?values=keyed: the confirmed persona's consortium tokens (the ones its
// submission holds) and no raw value; refused without the consortium key.
#include "crosscheck/serve/confirmed_export.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "crosscheck/serve/company_server.h"
#include "crosscheck/serve/internal/running_server.h"
#include "crosscheck/serve/internal/test_node.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::serve {
namespace {

using Json = nlohmann::json;

httplib::Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

TEST(ConfirmedExport, KeyedValuesNeedTheConsortiumKey) {
  internal::RunningServer<CompanyServer> node(CompanyServer::Create(internal::TestNodeOptions("export_unkeyed")));
  httplib::Client client("127.0.0.1", node.port());
  ASSERT_EQ(internal::PostExamplesAndConfirm(client), "");
  for (const char* query : {"?values=keyed", "?values=hashed"}) {
    SCOPED_TRACE(query);
    auto answer = client.Get((std::string("/v1/export/stix") + query).c_str(), Bearer("tok-review"));
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 400) << answer->body;
    EXPECT_NE(answer->body.find("INVALID_QUERY"), std::string::npos) << answer->body;
  }
  auto raw = client.Get("/v1/export/stix?values=raw", Bearer("tok-review"));
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 200);
  EXPECT_NE(raw->body.find("dan.walker.dev@gmail.com"), std::string::npos);
}

TEST(ConfirmedExport, KeyedBundleHoldsTheSubmissionTokensAndNoRawValue) {
  share::ConsortiumKey key;
  for (std::size_t idx = 0; idx < share::kKeyBytes; ++idx) key.bytes[idx] = static_cast<std::uint8_t>(3 * idx + 5);
  CompanyServerOptions options = internal::TestNodeOptions("export_keyed");
  // No hub listens there: the node's syncs fail, its key and epoch are what matters here.
  options.hub = HubSyncOptions{.url = "http://127.0.0.1:1", .token = "tok-acme", .key = key, .epoch = "2026-q4",
                               .company_id = "acme", .interval = std::chrono::seconds(3600)};
  internal::RunningServer<CompanyServer> node(CompanyServer::Create(options));
  httplib::Client client("127.0.0.1", node.port());
  ASSERT_EQ(internal::PostExamplesAndConfirm(client), "");
  auto answer = client.Get("/v1/export/stix?values=keyed", Bearer("tok-review"));
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body;
  for (const char* raw : {"dan.walker", "Walker", "+15125550143", "185.220.101", "dwalker-dev", "CHASE"}) {
    EXPECT_EQ(answer->body.find(raw), std::string::npos) << raw;
  }
  const std::filesystem::path file = test::FreshTestDir("export_keyed_file") / "bundle.json";
  std::ofstream(file) << answer->body;
  const std::string validate = std::string("python3 ") + CROSSCHECK_SOURCE_DIR + "/tests/tools/validate_stix.py " +
                               CROSSCHECK_SHARED_DIR + "/data/stix/schemas " + file.string();
  EXPECT_EQ(std::system(validate.c_str()), 0) << answer->body;
  const Json bundle = Json::parse(answer->body);
  const std::string token =
      share::TokenHex(share::TokenHasher(key, share::TokenKind::kEmail, "2026-q4").Hash("danwalkerdev@gmail.com"));
  std::size_t actors = 0;
  for (const Json& object : bundle["objects"]) {
    EXPECT_NE(object["type"], "indicator");
    if (object["type"] != "threat-actor" || !object.contains("x_crosscheck_persona_id")) continue;  // not the scheme
    ++actors;
    EXPECT_EQ(object["x_crosscheck_key_id"], share::KeyId(key));
    const Json emails = object["x_crosscheck_tokens"]["email"];
    EXPECT_NE(std::find(emails.begin(), emails.end(), token), emails.end()) << object.dump();
  }
  EXPECT_EQ(actors, 1u);
}

}  // namespace
}  // namespace crosscheck::serve
