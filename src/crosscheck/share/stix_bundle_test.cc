#include "crosscheck/share/stix_bundle.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crosscheck/common/testing/test_dir.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::share {
namespace {

using Json = nlohmann::json;

ConfirmedPersona Ring() {
  ConfirmedPersona persona;
  persona.persona_id = "P1a2b";
  persona.application_ids = {"acme-0001", "initech-0042"};
  persona.names = {"Daniel R. Walker", "Kevin Marsh"};
  persona.emails = {"dan.walker.dev@gmail.com", "o'brien\\x@example.com"};
  persona.ip_addresses = {"185.220.101.34", "2001:db8::7"};
  persona.profile_urls = {"https://github.com/dwalker-dev"};
  persona.phones = {"+15125550143"};
  persona.payout_accounts = {"US-CHASE-000111222"};
  persona.device_ids = {"dev-7f3a"};
  persona.confirmed_by = "rita";
  persona.confirmed_at = "2026-12-06T17:00:00Z";
  persona.note = "payout reused";
  return persona;
}

TEST(StixBundle, IdsAreStableUuidsAndPatternsAreEscaped) {
  EXPECT_EQ(StixId("indicator", "x"), StixId("indicator", "x"));
  EXPECT_NE(StixId("indicator", "x"), StixId("indicator", "y"));
  const std::string id = StixId("threat-actor", "P1");
  ASSERT_EQ(id.size(), std::string("threat-actor--").size() + 36);
  EXPECT_EQ(id[std::string("threat-actor--").size() + 14], '5');  // version 5 layout

  const Json bundle = Json::parse(RenderConfirmedFraudBundle({Ring()}, "Acme Corp", "2026-12-06T18:00:00Z"));
  EXPECT_EQ(bundle["type"], "bundle");
  std::set<std::string> types, patterns, ids;
  for (const Json& object : bundle["objects"]) {
    types.insert(object["type"]);
    EXPECT_TRUE(ids.insert(object["id"]).second) << object["id"];
    if (object["type"] == "indicator") patterns.insert(object["pattern"]);
  }
  EXPECT_EQ(types, (std::set<std::string>{"identity", "threat-actor", "indicator", "relationship", "sighting"}));
  EXPECT_TRUE(patterns.count("[email-addr:value = 'o\\'brien\\\\x@example.com']")) << Json(patterns).dump();
  EXPECT_TRUE(patterns.count("[ipv6-addr:value = '2001:db8::7']"));
  EXPECT_TRUE(patterns.count("[url:value = 'https://github.com/dwalker-dev']"));
  EXPECT_EQ(patterns.size(), 5u);
  EXPECT_EQ(RenderConfirmedFraudBundle({Ring()}, "Acme Corp", "2026-12-06T18:00:00Z"), bundle.dump(2) + "\n");
}

// The producer sights the persona once per application, and the persona is related to the
// scheme's public cluster as suspected, under the MISP galaxy's uuid.
TEST(StixBundle, SightsEachPersonaAndRelatesItToTheSchemeAsSuspected) {
  const ConfirmedPersona ring = Ring();
  const Json bundle = Json::parse(RenderConfirmedFraudBundle({ring}, "Acme Corp", "2026-12-06T18:00:00Z"));
  const std::string producer = StixId("identity", "Acme Corp");
  std::string persona_actor, scheme_actor;
  for (const Json& object : bundle["objects"]) {
    if (object["type"] != "threat-actor") continue;
    (object.contains("x_crosscheck_persona_id") ? persona_actor : scheme_actor) = object["id"];
  }
  ASSERT_FALSE(persona_actor.empty());
  EXPECT_EQ(scheme_actor, "threat-actor--09aa3edb-e956-43f0-9fcb-a3154b47d202");
  std::size_t sightings = 0, scheme_links = 0;
  for (const Json& object : bundle["objects"]) {
    if (object["type"] == "sighting") {
      ++sightings;
      EXPECT_EQ(object["sighting_of_ref"], persona_actor);
      EXPECT_EQ(object["where_sighted_refs"], Json::array({producer}));
      EXPECT_EQ(object["count"], ring.application_ids.size());
    }
    if (object["type"] == "relationship" && object["relationship_type"] == "related-to") {
      ++scheme_links;
      EXPECT_EQ(object["source_ref"], persona_actor);
      EXPECT_EQ(object["target_ref"], scheme_actor);
      EXPECT_NE(object["description"].get<std::string>().find("Suspected"), std::string::npos);
    }
  }
  EXPECT_EQ(sightings, 1u);
  EXPECT_EQ(scheme_links, 1u);
  // No persona, no claim about the scheme.
  const Json empty = Json::parse(RenderConfirmedFraudBundle({}, "Acme Corp", "2026-12-06T18:00:00Z"));  // named: a
  for (const Json& object : empty["objects"]) EXPECT_EQ(object["type"], "identity");  // temporary's member dangles
}

TEST(StixBundle, IsValidAgainstTheOfficialSchemas) {
  const std::filesystem::path dir = test::FreshTestDir("stix_bundle");
  const std::filesystem::path file = dir / "bundle.json";
  std::ofstream(file) << RenderConfirmedFraudBundle({Ring()}, "Acme Corp", "2026-12-06T18:00:00Z");
  const std::string command = std::string("python3 ") + CROSSCHECK_SOURCE_DIR + "/tests/tools/validate_stix.py " +
                              CROSSCHECK_SHARED_DIR + "/data/stix/schemas " + file.string();
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  // The validator itself can fail: a broken timestamp is caught.
  std::string broken = RenderConfirmedFraudBundle({Ring()}, "Acme Corp", "2026-12-06T18:00:00Z");
  broken.replace(broken.find("2026-12-06T17:00:00.000Z"), 24, "yesterday");
  std::ofstream(file) << broken;
  EXPECT_NE(std::system((command + " > /dev/null").c_str()), 0);
}

}  // namespace
}  // namespace crosscheck::share
