// Mutation harness over every reader of outside input (issue 14: "fuzz the readers ... in CI
// for a bounded time"): real seed files, each mutated many times by deterministic random byte
// edits (delete, insert, replace — NUL, quotes, separators, line breaks, invalid UTF-8 —
// duplicate a chunk, truncate), fed to the reader. A reader must answer with a value or an
// error with a message, never crash, hang or corrupt memory (the sanitizer build runs this
// too), and a value's issues must each say where and what.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "crosscheck/ingest/application_reader.h"
#include "crosscheck/ingest/employee_reader.h"
#include "crosscheck/ingest/signin_reader.h"
#include "crosscheck/pipeline/application_input.h"
#include "crosscheck/pipeline/share_encode.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/share/key_file.h"
#include "crosscheck/share/submission_file.h"
#include "crosscheck/watchlist/indicator_set.h"
#include "crosscheck/watchlist/internal/ofac_advanced_xml.h"
#include "crosscheck/watchlist/internal/ofac_entries.h"
#include "crosscheck/watchlist/internal/eu_financial_sanctions_csv.h"
#include "crosscheck/watchlist/internal/uk_sanctions_csv.h"
#include "crosscheck/watchlist/internal/un_consolidated_xml.h"
#include "crosscheck/watchlist/sanctions_list.h"
#include "crosscheck/source_paths.h"

namespace crosscheck::pipeline {
namespace {

constexpr int kMutationsPerSeed = 1000;

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Mutate applies 1-4 random edits to text.
std::string Mutate(std::string text, std::mt19937_64& rng) {
  using namespace std::string_literals;  // the NUL is one of the bytes
  static const std::string kNasty = "\0\"',;\r\n\t{}[]:\\\xff\xc3\xe2\x80"s;
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int edit = 0; edit < edits && !text.empty(); ++edit) {
    const std::size_t at = rng() % text.size();
    const char nasty = kNasty[rng() % kNasty.size()];
    switch (rng() % 6) {
      case 0: text.erase(at, 1 + rng() % 8); break;
      case 1: text.insert(at, 1, nasty); break;
      case 2: text[at] = nasty; break;
      case 3: text[at] = static_cast<char>(rng() & 0xff); break;
      case 4: text.insert(at, text.substr(rng() % text.size(), rng() % 64)); break;
      default: text.resize(at); break;
    }
  }
  return text;
}

void ExpectIssuesSayWhere(const IssueLog& issues) {
  for (const Issue& issue : issues.issues()) {
    EXPECT_FALSE(issue.code.empty());
    EXPECT_FALSE(issue.message.empty()) << issue.code;
  }
}

// Fuzz runs `read` on kMutationsPerSeed mutations of `seed` and returns how many were refused;
// read returns the error message when the input is refused, "" when it is read.
int Fuzz(const std::string& seed, std::uint64_t stream, const std::function<std::string(const std::string&)>& read) {
  EXPECT_FALSE(seed.empty());
  std::mt19937_64 rng(0x5eed0000 + stream);
  int refused = 0;
  for (int mutation = 0; mutation < kMutationsPerSeed && !seed.empty();) {
    const std::string mutated = Mutate(seed, rng);
    if (mutated == seed) continue;  // an edit that undid itself (a byte replaced by itself)
    const std::string error = read(mutated);
    if (!error.empty()) ++refused;
    ++mutation;
  }
  return refused;
}

// A tolerant reader must read some mutations (with issues) and refuse others, or the harness
// exercised only one of its answers.
void ExpectBothAnswers(int refused) {
  EXPECT_GT(refused, 0);
  EXPECT_LT(refused, kMutationsPerSeed);
}

std::string ErrorOf(const Error& error) {
  EXPECT_FALSE(error.message().empty());
  return error.message().empty() ? "?" : error.message();
}

TEST(ReaderMutation, ApplicationsCsv) {
  const std::string seed = Slurp(std::filesystem::path(CROSSCHECK_SOURCE_DIR) / "examples/applications.csv");
  ExpectBothAnswers(Fuzz(seed, 1, [](const std::string& text) {
    IssueLog issues;
    auto read = ingest::ReadApplicationsText(text, "applications.csv", {}, issues);
    if (!read) return ErrorOf(read.error());
    ExpectIssuesSayWhere(issues);
    // What was read goes on through normalization, as the scan does.
    (void)NormalizeWithIntel(*read, normalize::IpIntel{}, "", "applications.csv", issues);
    return std::string();
  }));
}

TEST(ReaderMutation, EmployeesCsv) {
  const std::string seed = "login,application_id,company_id\nann@acme.com,acme-1,acme\n\"b,o\"@x.com,x-2,x\n";
  ExpectBothAnswers(Fuzz(seed, 2, [](const std::string& text) {
    IssueLog issues;
    auto read = ingest::ReadEmployeesText(text, "employees.csv", {}, issues);
    if (!read) return ErrorOf(read.error());
    ExpectIssuesSayWhere(issues);
    return std::string();
  }));
}

TEST(ReaderMutation, OktaSignins) {
  const std::string seed = Slurp(std::filesystem::path(CROSSCHECK_SHARED_DIR) / "data/okta/elastic-system-events.jsonl");
  Fuzz(seed, 3, [](const std::string& text) {
    IssueLog issues;
    std::int64_t line_number = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) (void)ingest::ParseSigninLine(line, ++line_number, "s.jsonl", issues);
    ExpectIssuesSayWhere(issues);
    return std::string();
  });
}

TEST(ReaderMutation, StixBundles) {
  const std::filesystem::path examples = std::filesystem::path(CROSSCHECK_SHARED_DIR) / "data/stix/examples";
  std::uint64_t stream = 10;
  for (const char* name : {"indicator-for-c2-ip-address.json", "malicious-email-indicator-with-attachment.json",
                           "indicators-for-C2-with-COA.json"}) {
    SCOPED_TRACE(name);
    ExpectBothAnswers(Fuzz(Slurp(examples / name), stream++, [](const std::string& text) {
      IssueLog issues;
      auto set = watchlist::IndicatorSet::ParseStix(text, "feed.json", issues);
      if (!set) return ErrorOf(set.error());
      ExpectIssuesSayWhere(issues);
      (void)set->Match({.email = "a@b.example", .ip = "10.1.2.3", .urls = {"https://github.com/x"}, .name = "A B"});
      return std::string();
    }));
  }
}

// The sanctions list readers (issue 17) on their sample files: the UN's XML (libxml2 in
// recovery mode), OFAC's consolidated non-SDN CSV and advanced XML, and the EU and UK CSVs; what they read is
// indexed and screened.
TEST(ReaderMutation, SanctionsLists) {
  const std::filesystem::path lists = std::filesystem::path(CROSSCHECK_SOURCE_DIR) / "tests/fixtures/screening/lists";
  // A 250 KB seed makes each mutation slow under the sanitizers; its first entries suffice.
  std::string un = Slurp(lists / "un_consolidated.xml");
  const std::size_t tenth = un.find("<REFERENCE_NUMBER>CDi.011");
  ASSERT_NE(tenth, std::string::npos);
  un = un.substr(0, un.rfind("<INDIVIDUAL>", tenth)) + "</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n";
  ExpectBothAnswers(Fuzz(un, 20, [](const std::string& text) {
    IssueLog issues;
    auto entries = watchlist::internal::ParseUnConsolidatedXml(text, "consolidated.xml", issues);
    if (!entries) return ErrorOf(entries.error());
    ExpectIssuesSayWhere(issues);
    (void)watchlist::SanctionsList::FromEntries(std::move(*entries)).Screen("Eric Badege", {});
    return std::string();
  }));
  std::string prim = Slurp(lists / "ofac_consolidated/cons_prim.csv");
  prim.resize(prim.find('\n', 8000) + 1);
  const std::string alt = Slurp(lists / "ofac_consolidated/cons_alt.csv").substr(0, 4000);
  ExpectBothAnswers(Fuzz(prim, 21, [&alt](const std::string& text) {
    IssueLog issues;
    auto entries = watchlist::internal::ParseOfacEntries({.source = "OFAC non-SDN", .primary_name = "cons_prim.csv",
                                                          .primary = text, .alias_name = "cons_alt.csv",
                                                          .aliases = alt, .address_name = "cons_add.csv"},
                                                         issues);
    if (!entries) return ErrorOf(entries.error());
    ExpectIssuesSayWhere(issues);
    (void)watchlist::SanctionsList::FromEntries(std::move(*entries)).Screen("Ismail Haniya", {});
    return std::string();
  }));
  // The EU and UK CSV readers on their fixtures (rows written to the published layouts).
  ExpectBothAnswers(Fuzz(Slurp(lists / "eu_fsf.csv"), 22, [](const std::string& text) {
    IssueLog issues;
    auto entries = watchlist::internal::ParseEuFinancialSanctionsCsv(text, "eu_fsf.csv", issues);
    if (!entries) return ErrorOf(entries.error());
    ExpectIssuesSayWhere(issues);
    (void)watchlist::SanctionsList::FromEntries(std::move(*entries)).Screen("Yu Chol U", {});
    return std::string();
  }));
  for (const char* name : {"uk_conlist.csv", "uk_sanctions_list.csv"}) {
    SCOPED_TRACE(name);
    ExpectBothAnswers(Fuzz(Slurp(lists / name), 23, [name](const std::string& text) {
      IssueLog issues;
      auto entries = watchlist::internal::ParseUkSanctionsCsv(text, name, issues);
      if (!entries) return ErrorOf(entries.error());
      ExpectIssuesSayWhere(issues);
      (void)watchlist::SanctionsList::FromEntries(std::move(*entries)).Screen("Kim Yong Chol", {});
      return std::string();
    }));
  }  // OFAC's advanced XML, its fixture written from sdn.csv: ids resolved through reference
  // sets that a mutation may break.
  ExpectBothAnswers(Fuzz(Slurp(lists / "ofac_sdn_advanced.xml"), 24, [](const std::string& text) {
    IssueLog issues;
    auto entries = watchlist::internal::ParseOfacAdvancedXml(text, "sdn_advanced.xml", issues);
    if (!entries) return ErrorOf(entries.error());
    ExpectIssuesSayWhere(issues);
    (void)watchlist::SanctionsList::FromEntries(std::move(*entries)).Screen("Kim Jong Un", {});
    return std::string();
  }));
}

TEST(ReaderMutation, SubmissionsAndFindings) {
  IssueLog issues;
  auto records = ingest::ReadApplications(std::filesystem::path(CROSSCHECK_SOURCE_DIR) / "examples/applications.csv", {}, issues);
  ASSERT_TRUE(records) << records.error().ToString();
  const auto normalized = NormalizeWithIntel(*records, normalize::IpIntel{}, "", "applications.csv", issues);
  auto key = share::GenerateKey();
  ASSERT_TRUE(key);
  const share::SubmissionEncoder encoder(*key, "2026-12");
  const std::vector<share::Submission> submissions = EncodeSubmissions(*records, normalized, encoder);
  ASSERT_FALSE(submissions.empty());
  // A submission carries a checksum: every damaged one is refused, none read as another.
  EXPECT_EQ(Fuzz(share::SerializeSubmission(submissions.front()), 20, [](const std::string& bytes) {
              auto parsed = share::ParseSubmission(bytes, "acme.ccsub");
              return parsed ? std::string() : ErrorOf(parsed.error());
            }),
            kMutationsPerSeed);
  share::MemberFindings findings;
  findings.company_id = "acme";
  findings.epoch = "2026-12";
  findings.k_threshold = 2;
  share::ApplicationFinding finding;
  finding.handle = std::string(32, 'a');
  finding.persona = "P-0123";
  finding.network = "N-0456";
  finding.hub_score = 97;
  finding.hub_level = "critical";
  finding.reasons.push_back({"CONSORTIUM_SHARED_ARTIFACT", 3.2, "phone on 14 applications"});
  finding.evidence.push_back({"phone", 14, 11, 6});
  findings.applications.push_back(finding);
  ExpectBothAnswers(Fuzz(share::FindingsJson(findings), 21, [](const std::string& text) {
    auto parsed = share::ParseFindings(text, "acme.findings.json");
    return parsed ? std::string() : ErrorOf(parsed.error());
  }));
}

}  // namespace
}  // namespace crosscheck::pipeline
