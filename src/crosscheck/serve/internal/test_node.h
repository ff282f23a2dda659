// For tests of `crosscheck serve` over HTTP (taxii_test, confirmed_export_test): a node's
// options on a fresh SQLite store with three tokens (tok-ingest: ats-bot, ingest; tok-review:
// rita, reviewer; tok-admin: ada, admin), and the examples/applications.csv ring to post.
//
//   internal::RunningServer<CompanyServer> node(CompanyServer::Create(TestNodeOptions("taxii")));
#pragma once

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <httplib.h>

#include "crosscheck/common/testing/test_dir.h"
#include "crosscheck/serve/company_server.h"
#include "crosscheck/share/keyed_hash.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::serve::internal {

// TestNodeOptions returns the options of a node named `name` (its store a fresh directory),
// producer "Acme", with no reference data.
inline CompanyServerOptions TestNodeOptions(const std::string& name) {
  CompanyServerOptions options;
  options.store = test::FreshTestDir("node_" + name).string();
  options.tokens = {{share::HexSha256("tok-ingest"), {"ats-bot", Role::kIngest}},
                    {share::HexSha256("tok-review"), {"rita", Role::kReviewer}},
                    {share::HexSha256("tok-admin"), {"ada", Role::kAdmin}}};
  options.context = std::make_shared<const pipeline::ScanContext>();
  options.organization = "Acme";
  options.resolver.quiet_period = std::chrono::milliseconds(20);
  return options;
}

// ExampleApplicationsCsv returns examples/applications.csv: a ring of two personas (acme-0001,
// globex-0107; initech-0042, umbrella-0300) among bystanders.
inline std::string ExampleApplicationsCsv() {
  std::ifstream in(std::string(CROSSCHECK_SOURCE_DIR) + "/examples/applications.csv");
  std::stringstream csv;
  csv << in.rdbuf();
  return csv.str();
}

// PostExamplesAndConfirm posts ExampleApplicationsCsv (as tok-ingest) and confirms acme-0001
// as fraud (as tok-review). Returns "" on success, else what went wrong.
inline std::string PostExamplesAndConfirm(httplib::Client& client) {
  auto posted = client.Post("/v1/applications", {{"Authorization", "Bearer tok-ingest"}}, ExampleApplicationsCsv(),
                            "text/csv");
  if (!posted || posted->status != 200) return "post: " + (posted ? posted->body : std::string("no answer"));
  auto decided = client.Post("/v1/decisions", {{"Authorization", "Bearer tok-review"}},
                             R"({"application_id":"acme-0001","decision":"confirmed_fraud"})", "application/json");
  if (!decided || decided->status != 200) return "decision: " + (decided ? decided->body : std::string("no answer"));
  return "";
}

}  // namespace crosscheck::serve::internal
