// scan --stix-out: the bundle of a scan's flagged networks validates against the official
// STIX 2.1 schemas and, read back as --indicators, flags exactly the applications it came from.
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crosscheck/common/testing/test_dir.h"
#include "crosscheck/pipeline/scan.h"
#include "crosscheck/pipeline/stix_personas.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/key_file.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::pipeline {
namespace {

using Json = nlohmann::json;

const std::filesystem::path kExamples = std::filesystem::path(CROSSCHECK_SOURCE_DIR) / "examples/applications.csv";

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// IsValidStix runs the schema validator shared with the serve and share tests.
bool IsValidStix(const std::filesystem::path& bundle) {
  const std::string command = std::string("python3 ") + CROSSCHECK_SOURCE_DIR + "/tests/tools/validate_stix.py " +
                              CROSSCHECK_SHARED_DIR + "/data/stix/schemas " + bundle.string();
  return std::system(command.c_str()) == 0;
}

ScanOptions Options(const std::filesystem::path& dir) {
  ScanOptions options;
  options.applications = kExamples;
  options.out_dir = dir / "out";
  options.progress = false;
  options.stix_out = dir / "flagged.json";
  return options;
}

std::set<std::string> WithReason(const ScanResult& result, const std::string& code) {
  std::set<std::string> ids;
  for (const ApplicationResult& application : result.applications) {
    for (const ReasonView& reason : application.reasons) {
      if (reason.code == code) ids.insert(application.application_id);
    }
  }
  return ids;
}

TEST(ScanStixOut, ValidatesAndReimportsToTheSameApplications) {
  const std::filesystem::path dir = test::FreshTestDir("scan_stix_out");
  IssueLog issues;
  Result<ScanResult> scanned = RunScan(Options(dir), issues);
  ASSERT_TRUE(scanned) << scanned.error().ToString();
  std::set<std::string> flagged;
  for (const NetworkView& network : scanned->flagged_networks) {
    ASSERT_TRUE(network.level == "high" || network.level == "critical") << network.level;
    for (std::size_t index : network.applications) flagged.insert(scanned->applications[index].application_id);
  }
  ASSERT_EQ(flagged, (std::set<std::string>{"acme-0001", "globex-0107", "initech-0042", "umbrella-0300"}));
  EXPECT_TRUE(IsValidStix(dir / "flagged.json"));
  const Json bundle = Json::parse(ReadText(dir / "flagged.json"));
  std::size_t actors = 0;
  for (const Json& object : bundle["objects"]) {
    if (object["type"] != "threat-actor" || !object.contains("x_crosscheck_persona_id")) continue;  // not the scheme
    ++actors;
    EXPECT_NE(object["description"].get<std::string>().find("Flagged critical by a crosscheck scan"), std::string::npos)
        << object.dump();
  }
  EXPECT_EQ(actors, 2u);  // the ring's two personas
  std::set<std::string> ids;
  for (const Json& object : bundle["objects"]) ids.insert(object["id"]);
  std::size_t reports = 0;
  for (const Json& object : bundle["objects"]) {
    if (object["type"] != "report") continue;
    ++reports;  // the ring's network: both personas and every object they brought
    EXPECT_EQ(object["name"], "Network " + scanned->flagged_networks.front().network_id);
    EXPECT_EQ(object["object_refs"].size(), bundle["objects"].size() - 2) << object.dump();  // not the identity, not itself
    for (const Json& ref : object["object_refs"]) EXPECT_TRUE(ids.contains(ref)) << ref;
  }
  EXPECT_EQ(reports, 1u);

  // Round trip: the same rows scanned with the bundle as --indicators.
  ScanOptions again = Options(dir);
  again.out_dir = dir / "again";
  again.stix_out.reset();
  again.indicators = dir / "flagged.json";
  IssueLog again_issues;
  Result<ScanResult> rescanned = RunScan(again, again_issues);
  ASSERT_TRUE(rescanned) << rescanned.error().ToString();
  EXPECT_EQ(WithReason(*rescanned, "KNOWN_BAD_INDICATOR"), flagged);
  EXPECT_NE(rescanned->summary.indicators.find("; 0 skipped"), std::string::npos) << rescanned->summary.indicators;
}

TEST(ScanStixOut, KeyedBundleHoldsSubmissionTokensAndNoRawValue) {
  const std::filesystem::path dir = test::FreshTestDir("scan_stix_keyed");
  Result<share::ConsortiumKey> key = share::GenerateKey();
  ASSERT_TRUE(key);
  ASSERT_TRUE(share::WriteKeyFile(dir / "consortium.key", *key));
  ScanOptions options = Options(dir);
  options.stix_keyed = true;
  options.key_file = dir / "consortium.key";
  IssueLog issues;
  Result<ScanResult> refused = RunScan(options, issues);  // no epoch
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(refused.error().message().find("--epoch"), std::string::npos) << refused.error().ToString();
  EXPECT_FALSE(std::filesystem::exists(dir / "flagged.json"));

  options.stix_epoch = "2026-q4";
  Result<ScanResult> scanned = RunScan(options, issues);
  ASSERT_TRUE(scanned) << scanned.error().ToString();
  EXPECT_TRUE(IsValidStix(dir / "flagged.json"));
  const std::string text = ReadText(dir / "flagged.json");
  for (const char* raw : {"dan.walker.dev", "+15125550143", "Kevin Marsh", "185.220.101", "dwalker-dev", "CHASE"}) {
    EXPECT_EQ(text.find(raw), std::string::npos) << raw;
  }
  const Json bundle = Json::parse(text);
  const std::string dan = share::TokenHex(share::TokenHasher(*key, share::TokenKind::kEmail, "2026-q4").Hash("danwalkerdev@gmail.com"));
  bool found = false;
  std::size_t reports = 0;
  for (const Json& object : bundle["objects"]) {
    EXPECT_NE(object["type"], "indicator");
    if (object["type"] == "report") ++reports;
    if (object["type"] != "threat-actor" || !object.contains("x_crosscheck_persona_id")) continue;  // not the scheme
    EXPECT_EQ(object["x_crosscheck_epoch"], "2026-q4");
    EXPECT_EQ(object["x_crosscheck_key_id"], share::KeyId(*key));
    for (const Json& token : object["x_crosscheck_tokens"].value("email", Json::array())) found = found || token == dan;
  }
  EXPECT_TRUE(found) << "the canonical e-mail's submission token\n" << text;
  EXPECT_EQ(reports, 1u);  // the network's report still lists its two threat-actors
}

// An epoch only keys values: given alone it would be ignored and raw values written.
TEST(ScanStixOut, AnEpochWithoutKeyedValuesIsAUsageError) {
  const std::filesystem::path dir = test::FreshTestDir("scan_stix_epoch_alone");
  ScanOptions options = Options(dir);
  options.stix_epoch = "2026-q4";
  IssueLog issues;
  Result<ScanResult> refused = RunScan(options, issues);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidInput);  // exit 2, as every usage error
  EXPECT_NE(refused.error().message().find("--stix-values keyed"), std::string::npos) << refused.error().ToString();
  EXPECT_FALSE(std::filesystem::exists(dir / "flagged.json"));
}

TEST(ScanStixOut, APersonaReadsTheSameWhateverTheOrderOfItsRows) {
  ApplicationRecord first;
  first.application_id = "acme-0001";
  first.full_name = "Daniel R. Walker";
  first.email = "dan.walker.dev@gmail.com";
  ApplicationRecord second;
  second.application_id = "globex-0107";
  second.full_name = "Walker, Danny";
  second.email = "d.walker.codes@outlook.com";
  const ScanContext context;
  const share::ConfirmedPersona forward = DescribePersona("p1", {first, second}, context);
  const share::ConfirmedPersona backward = DescribePersona("p1", {second, first}, context);
  EXPECT_EQ(forward.application_ids, (std::vector<std::string>{"acme-0001", "globex-0107"}));
  EXPECT_EQ(share::RenderConfirmedFraudBundle({forward}, "Acme", "2026-12-07T00:00:00Z"),
            share::RenderConfirmedFraudBundle({backward}, "Acme", "2026-12-07T00:00:00Z"));
}

}  // namespace
}  // namespace crosscheck::pipeline
