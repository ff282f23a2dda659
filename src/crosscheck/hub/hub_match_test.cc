#include "crosscheck/common/testing/test_dir.h"
#include "crosscheck/hub/hub_match.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/time.h"
#include "crosscheck/hub/testing/simulated_world.h"
#include "crosscheck/normalize/application_normalizer.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/findings_file.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::hub {
namespace {

using share::ConsortiumKey;
using share::SubmissionEncoder;

constexpr const char* kEpoch = "2026-12";
constexpr const char* kSharedArtifact = "CONSORTIUM_SHARED_ARTIFACT";

// The ring's shared infrastructure: one phone, one laptop, one payout account.
constexpr const char* kRingPhone = "(415) 555-0199";
constexpr const char* kRingDevice = "dev-ring-7731";
constexpr const char* kRingPayout = "GB29 NWBK 6016 1331 9268 19";

using test_world::CountingKey;

// Applicant is one hand-made application; `ring` marks the ring's.
struct Applicant {
  const char* company;
  const char* application_id;
  const char* name;
  const char* email;
  const char* phone;
  const char* date_of_birth;
  const char* street;
  const char* postal_code;
  const char* device;
  const char* payout;
  bool ring;
};

// Three ring personas with different names at four companies (Marcus applies twice), and two
// unrelated applicants at each of five companies.
const Applicant kApplicants[] = {
    {"acme-corp", "acme-r1", "Marcus Holloway", "marcus.h.dev@gmail.com", kRingPhone, "1988-03-14",
     "12 Harbor View Road", "94107", kRingDevice, kRingPayout, true},
    {"birch-labs", "birch-r1", "Marcus Holloway", "marcus.h.dev@gmail.com", kRingPhone,
     "1988-03-14", "12 Harbor View Road", "94107", kRingDevice, kRingPayout, true},
    {"cobalt-inc", "cobalt-r2", "Priya Raman", "priya.raman.codes@outlook.com", kRingPhone,
     "1991-09-02", "450 Mission Street", "94105", kRingDevice, kRingPayout, true},
    {"delta-works", "delta-r3", "Tomasz Kowalczyk", "t.kowalczyk.eng@proton.me", kRingPhone,
     "1985-11-27", "88 King Street", "94117", kRingDevice, kRingPayout, true},
    {"acme-corp", "acme-l1", "Hannah Lindqvist", "hannah.lindqvist@yahoo.com", "(206) 555-0114",
     "1993-02-08", "1501 Pike Place", "98101", "mbp-hl-2231", "DE89 3704 0044 0532 0130 00", false},
    {"acme-corp", "acme-l2", "Oluwaseun Adeyemi", "seun.adeyemi@gmail.com", "(312) 555-0170",
     "1990-06-19", "233 South Wacker Drive", "60606", "xps-oa-8812",
     "FR14 2004 1010 0505 0001 3M02 606", false},
    {"birch-labs", "birch-l1", "Beatriz Santos", "beatriz.santos@gmail.com", "(617) 555-0133",
     "1987-12-30", "1 Beacon Street", "02108", "surface-bs-4410", "NL91 ABNA 0417 1643 00", false},
    {"birch-labs", "birch-l2", "Gregory Whitaker", "greg.whitaker@icloud.com", "(512) 555-0161",
     "1979-04-05", "600 Congress Avenue", "78701", "thinkpad-gw-0077",
     "ES91 2100 0418 4502 0005 1332", false},
    {"cobalt-inc", "cobalt-l1", "Yuki Nakamura", "yuki.nakamura@outlook.com", "(503) 555-0128",
     "1996-08-11", "1120 Burnside Street", "97209", "mbair-yn-1919",
     "IT60 X054 2811 1010 0000 0123 456", false},
    {"cobalt-inc", "cobalt-l2", "Rafael Mendoza", "rafa.mendoza@gmail.com", "(305) 555-0149",
     "1984-01-23", "200 Biscayne Boulevard", "33131", "dell-rm-5150", "CH93 0076 2011 6238 5295 7",
     false},
    {"delta-works", "delta-l1", "Ingrid Solberg", "ingrid.solberg@gmail.com", "(303) 555-0102",
     "1992-10-17", "1701 Wynkoop Street", "80202", "hp-is-3003", "NO93 8601 1117 947", false},
    {"delta-works", "delta-l2", "Kwame Mensah", "kwame.mensah@yahoo.com", "(404) 555-0188",
     "1989-05-29", "191 Peachtree Street", "30303", "lenovo-km-6262", "BE68 5390 0754 7034", false},
    {"ember-llc", "ember-l1", "Sofia Rossi", "sofia.rossi@gmail.com", "(702) 555-0155",
     "1994-03-03", "3600 Las Vegas Boulevard", "89109", "asus-sr-7117", "AT61 1904 3002 3457 3201",
     false},
    {"ember-llc", "ember-l2", "Dmitri Volkov", "dmitri.volkov@outlook.com", "(615) 555-0119",
     "1983-07-14", "501 Broadway", "37203", "acer-dv-8448", "PL61 1090 1014 0000 0712 1981 2874",
     false},
};

const char* const kCompanies[] = {"acme-corp", "birch-labs", "cobalt-inc", "delta-works",
                                  "ember-llc"};

ApplicationRecord RecordOf(const Applicant& applicant) {
  ApplicationRecord record = test_world::HandMadeRecord(applicant.company, applicant.application_id, applicant.name,
                                                        applicant.email, applicant.phone, applicant.device,
                                                        applicant.payout);
  record.date_of_birth = applicant.date_of_birth;
  record.date_of_birth_parsed = ParseDate(applicant.date_of_birth);
  record.street = applicant.street;
  record.postal_code = applicant.postal_code;
  return record;
}

// Encode returns `company`'s submission of the given applicants under `key` and `epoch`.
share::Submission Encode(const std::vector<Applicant>& applicants, const std::string& company,
                         const ConsortiumKey& key, const std::string& epoch) {
  std::vector<ApplicationRecord> records;
  for (const Applicant& applicant : applicants) {
    if (applicant.company == company) records.push_back(RecordOf(applicant));
  }
  const std::vector<NormalizedApplication> apps = normalize::NormalizeApplications(
      records, normalize::NormalizeContext{.file = company + ".csv"}, nullptr);
  const SubmissionEncoder encoder(key, epoch);
  share::Submission submission{company, epoch, encoder.key_id(), {}};
  for (std::size_t idx = 0; idx < apps.size(); ++idx) {
    submission.records.push_back(encoder.Encode(apps[idx], records[idx]));
  }
  return submission;
}

std::vector<SourcedSubmission> CleanSubmissions() {
  const std::vector<Applicant> applicants(std::begin(kApplicants), std::end(kApplicants));
  std::vector<SourcedSubmission> out;
  for (const char* company : kCompanies) {
    out.push_back(
        {std::string(company) + ".ccsub", Encode(applicants, company, CountingKey(0), kEpoch)});
  }
  return out;
}

std::string HandleHex(const Applicant& applicant) {
  return share::TokenHex(SubmissionEncoder(CountingKey(0), kEpoch)
                             .Handle(applicant.company, applicant.application_id));
}

// HandlesOf maps each company to its applications' handles (hex).
std::map<std::string, std::set<std::string>> HandlesByCompany() {
  std::map<std::string, std::set<std::string>> out;
  for (const Applicant& applicant : kApplicants)
    out[applicant.company].insert(HandleHex(applicant));
  return out;
}

share::KeyedHasher HubLayer() {
  const ConsortiumKey hub_key = CountingKey(100);
  return share::KeyedHasher(hub_key.bytes);
}

HubMatchResult Match(std::vector<SourcedSubmission> submissions, std::size_t k) {
  HubOptions options;
  options.k_threshold = k;
  return MatchSubmissions(std::move(submissions), HubLayer(), options);
}

bool HasReason(const share::ApplicationFinding& finding, std::string_view code) {
  return std::any_of(finding.reasons.begin(), finding.reasons.end(),
                     [&](const share::ConsortiumReason& reason) { return reason.code == code; });
}

// FindingsText is the findings file as WriteFindings writes it.
std::string FindingsText(const share::MemberFindings& findings) {
  const std::filesystem::path dir = test::TestRoot();
  const std::filesystem::path path = dir / (findings.company_id + ".json");
  const Status written = share::WriteFindings(findings, path);
  EXPECT_TRUE(written.has_value()) << written.error().ToString();
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  std::filesystem::remove(path);
  return text.str();
}

// FindingsOf returns the findings of `company`, or null.
const share::MemberFindings* FindingsOf(const HubMatchResult& result, std::string_view company) {
  for (const share::MemberFindings& findings : result.findings) {
    if (findings.company_id == company) return &findings;
  }
  return nullptr;
}

TEST(HubMatch, FlagsTheRingAndOnlyTheRing) {
  const HubMatchResult result = Match(CleanSubmissions(), 2);
  EXPECT_TRUE(result.refused.empty());
  EXPECT_EQ(result.applications, std::size(kApplicants));
  ASSERT_EQ(result.findings.size(), std::size(kCompanies));
  std::size_t ring_size = 0;
  std::set<std::string> ring_companies;
  for (const Applicant& applicant : kApplicants) {
    if (applicant.ring) ++ring_size, ring_companies.insert(applicant.company);
  }
  for (const Applicant& applicant : kApplicants) {
    SCOPED_TRACE(std::string(applicant.company) + " " + applicant.application_id);
    const share::MemberFindings* findings = FindingsOf(result, applicant.company);
    ASSERT_NE(findings, nullptr);
    const std::string handle = HandleHex(applicant);
    const auto finding = std::find_if(findings->applications.begin(), findings->applications.end(),
                                      [&](const auto& entry) { return entry.handle == handle; });
    if (!applicant.ring) {
      EXPECT_EQ(finding, findings->applications.end()) << "a finding for a legitimate applicant";
      continue;
    }
    ASSERT_NE(finding, findings->applications.end()) << "no finding for a ring application";
    EXPECT_TRUE(HasReason(*finding, kSharedArtifact));
    // Each of the ring's three artifacts is on every ring application, at the other three
    // companies, under three independent names.
    for (const char* kind : {"phone", "device", "payout_account"}) {
      SCOPED_TRACE(kind);
      const auto count = std::find_if(finding->evidence.begin(), finding->evidence.end(),
                                      [&](const auto& entry) { return entry.kind == kind; });
      ASSERT_NE(count, finding->evidence.end());
      EXPECT_EQ(count->applications, ring_size);
      EXPECT_EQ(count->other_companies, ring_companies.size() - 1);
      EXPECT_EQ(count->names, 3u);
    }
    for (const share::SharedArtifactCount& count : finding->evidence) {
      EXPECT_GE(count.other_companies, 2u) << count.kind;
    }
  }
}

TEST(HubMatch, TellsEachMemberOnlyOfItsOwnApplications) {
  const HubMatchResult result = Match(CleanSubmissions(), 2);
  const std::map<std::string, std::set<std::string>> handles = HandlesByCompany();
  ASSERT_EQ(result.findings.size(), handles.size());
  std::size_t findings_seen = 0;
  for (const share::MemberFindings& findings : result.findings) {
    SCOPED_TRACE(findings.company_id);
    EXPECT_EQ(findings.epoch, kEpoch);
    EXPECT_EQ(findings.k_threshold, 2u);
    ASSERT_TRUE(handles.count(findings.company_id));
    for (const share::ApplicationFinding& finding : findings.applications) {
      EXPECT_TRUE(handles.at(findings.company_id).count(finding.handle)) << finding.handle;
      ++findings_seen;
    }
    // Nothing in the file names another member or another member's application; the search
    // does find the member's own id and handles.
    const std::string text = FindingsText(findings);
    EXPECT_NE(text.find(findings.company_id), std::string::npos);
    for (const share::ApplicationFinding& finding : findings.applications) {
      EXPECT_NE(text.find(finding.handle), std::string::npos);
    }
    for (const auto& [company, company_handles] : handles) {
      if (company == findings.company_id) continue;
      EXPECT_EQ(text.find(company), std::string::npos) << company;
      for (const std::string& handle : company_handles) {
        EXPECT_EQ(text.find(handle), std::string::npos) << company << " " << handle;
      }
    }
  }
  EXPECT_GT(findings_seen, 0u);
}

TEST(HubMatch, DisclosesOnlyArtifactsSpanningKOtherCompanies) {
  // Every ring artifact spans three other companies from each ring application's side.
  struct Case {
    std::size_t k;
    bool disclosed;
  } cases[] = {{1, true}, {2, true}, {3, true}, {4, false}, {10, false}};
  for (const Case& c : cases) {
    SCOPED_TRACE("k = " + std::to_string(c.k));
    const HubMatchResult result = Match(CleanSubmissions(), c.k);
    std::size_t shared = 0;
    for (const share::MemberFindings& findings : result.findings) {
      EXPECT_EQ(findings.k_threshold, c.k);
      for (const share::ApplicationFinding& finding : findings.applications) {
        if (HasReason(finding, kSharedArtifact)) ++shared;
        for (const share::SharedArtifactCount& count : finding.evidence) {
          EXPECT_GE(count.other_companies, c.k) << count.kind;
        }
      }
    }
    const auto ring = static_cast<std::size_t>(std::count_if(
        std::begin(kApplicants), std::end(kApplicants), [](const Applicant& a) { return a.ring; }));
    EXPECT_EQ(shared, c.disclosed ? ring : 0u);
  }
}

TEST(HubMatch, RefusesForeignKeyOtherEpochAndSecondSubmission) {
  const std::vector<Applicant> applicants(std::begin(kApplicants), std::end(kApplicants));
  // Submissions that each carry a ring application: had one been used, the ring would count
  // five applications.
  std::vector<Applicant> extra = {
      {"fox-partners", "fox-r4", "Lena Fischer", "lena.fischer.dev@gmail.com", kRingPhone,
       "1990-01-01", "9 Elm Street", "94110", kRingDevice, kRingPayout, true},
      {"gale-group", "gale-r5", "Omar Haddad", "omar.haddad.dev@gmail.com", kRingPhone,
       "1986-02-02", "77 Oak Street", "94102", kRingDevice, kRingPayout, true},
      {"acme-corp", "acme-r6", "Chen Wei", "chen.wei.dev@gmail.com", kRingPhone, "1992-03-03",
       "5 Pine Street", "94111", kRingDevice, kRingPayout, true},
  };
  struct Refusal {
    SourcedSubmission submission;
    const char* word;  // the reason must contain it
  } refusals[] = {
      {{"fox-partners.ccsub", Encode(extra, "fox-partners", CountingKey(1), kEpoch)}, "key"},
      {{"gale-group.ccsub", Encode(extra, "gale-group", CountingKey(0), "2027-01")}, "epoch"},
      // Sorted by source, "zz-..." comes after "acme-corp.ccsub": it is the second one.
      {{"zz-acme-corp-again.ccsub", Encode(extra, "acme-corp", CountingKey(0), kEpoch)},
       "second submission"},
  };
  std::vector<SourcedSubmission> submissions = CleanSubmissions();
  for (const Refusal& refusal : refusals) submissions.push_back(refusal.submission);
  const HubMatchResult result = Match(submissions, 2);
  const HubMatchResult clean = Match(CleanSubmissions(), 2);

  ASSERT_EQ(result.refused.size(), std::size(refusals));
  for (const Refusal& refusal : refusals) {
    SCOPED_TRACE(refusal.submission.source);
    const auto refused = std::find_if(
        result.refused.begin(), result.refused.end(),
        [&](const RefusedSubmission& entry) { return entry.source == refusal.submission.source; });
    ASSERT_NE(refused, result.refused.end());
    EXPECT_NE(refused->reason.find(refusal.word), std::string::npos) << refused->reason;
  }
  // The accepted submissions give the findings they give alone.
  EXPECT_EQ(result.applications, clean.applications);
  ASSERT_EQ(result.findings.size(), clean.findings.size());
  for (std::size_t member_idx = 0; member_idx < clean.findings.size(); ++member_idx) {
    SCOPED_TRACE(clean.findings[member_idx].company_id);
    EXPECT_EQ(FindingsText(result.findings[member_idx]), FindingsText(clean.findings[member_idx]));
  }
  EXPECT_EQ(FindingsOf(result, "fox-partners"), nullptr);
  EXPECT_EQ(FindingsOf(result, "gale-group"), nullptr);
  std::size_t shared = 0;
  for (const share::MemberFindings& findings : result.findings) {
    for (const share::ApplicationFinding& finding : findings.applications)
      shared += HasReason(finding, kSharedArtifact);
  }
  EXPECT_GT(shared, 0u);
}

TEST(HubMatch, IsIndependentOfSubmissionOrder) {
  std::vector<SourcedSubmission> submissions = CleanSubmissions();
  const HubMatchResult expected = Match(submissions, 2);
  std::vector<std::string> expected_text;
  for (const share::MemberFindings& findings : expected.findings)
    expected_text.push_back(FindingsText(findings));
  std::mt19937 random(7);
  for (int round = 0; round < 8; ++round) {
    SCOPED_TRACE("shuffle " + std::to_string(round));
    std::shuffle(submissions.begin(), submissions.end(), random);
    const HubMatchResult result = Match(submissions, 2);
    EXPECT_EQ(result.applications, expected.applications);
    EXPECT_EQ(result.personas, expected.personas);
    EXPECT_EQ(result.networks, expected.networks);
    EXPECT_EQ(result.flagged_applications, expected.flagged_applications);
    ASSERT_EQ(result.findings.size(), expected_text.size());
    for (std::size_t member_idx = 0; member_idx < expected_text.size(); ++member_idx) {
      EXPECT_EQ(FindingsText(result.findings[member_idx]), expected_text[member_idx]);
    }
  }
}

TEST(HubMatch, DecodedMembersMatchAsTheirSubmissions) {
  // The hub service decodes each member once and matches decoded members (MatchDecoded), in
  // any order: the findings must be those of the batch match.
  std::vector<SourcedSubmission> submissions = CleanSubmissions();
  const HubMatchResult expected = Match(submissions, 2);
  std::size_t with_findings = 0;
  for (const share::MemberFindings& findings : expected.findings) with_findings += findings.applications.size();
  ASSERT_GT(with_findings, 0u);  // the ring's applications have findings to compare
  std::vector<DecodedMember> decoded;
  for (const SourcedSubmission& entry : submissions) decoded.push_back(DecodeMember(entry.submission, HubLayer()));
  std::vector<const DecodedMember*> members;
  for (auto it = decoded.rbegin(); it != decoded.rend(); ++it) members.push_back(&*it);
  HubOptions options;
  options.k_threshold = 2;
  const HubMatchResult result = MatchDecoded(members, options);
  EXPECT_EQ(result.applications, expected.applications);
  EXPECT_EQ(result.personas, expected.personas);
  EXPECT_EQ(result.networks, expected.networks);
  EXPECT_EQ(result.flagged_applications, expected.flagged_applications);
  ASSERT_EQ(result.findings.size(), expected.findings.size());
  for (std::size_t member_idx = 0; member_idx < expected.findings.size(); ++member_idx) {
    EXPECT_EQ(FindingsText(result.findings[member_idx]), FindingsText(expected.findings[member_idx]));
  }
}

TEST(HubMatch, IsIndependentOfRecordOrder) {
  // Shuffled input gives the same personas and networks (house style), so the same findings;
  // only the order of a member's findings may follow its records.
  const auto sorted_text = [](share::MemberFindings findings) {
    std::sort(findings.applications.begin(), findings.applications.end(),
              [](const auto& left, const auto& right) { return left.handle < right.handle; });
    return FindingsText(findings);
  };
  std::vector<SourcedSubmission> submissions = CleanSubmissions();
  const HubMatchResult expected = Match(submissions, 2);
  std::mt19937 random(11);
  for (int round = 0; round < 8; ++round) {
    SCOPED_TRACE("shuffle " + std::to_string(round));
    for (SourcedSubmission& entry : submissions) {
      std::shuffle(entry.submission.records.begin(), entry.submission.records.end(), random);
    }
    const HubMatchResult result = Match(submissions, 2);
    EXPECT_EQ(result.personas, expected.personas);
    EXPECT_EQ(result.networks, expected.networks);
    ASSERT_EQ(result.findings.size(), expected.findings.size());
    for (std::size_t member_idx = 0; member_idx < expected.findings.size(); ++member_idx) {
      EXPECT_EQ(sorted_text(result.findings[member_idx]),
                sorted_text(expected.findings[member_idx]));
    }
  }
}

TEST(HubMatch, HandlesEmptyInput) {
  struct Case {
    const char* name;
    std::vector<SourcedSubmission> submissions;
    std::size_t members;
  } cases[] = {
      {"no submissions", {}, 0},
      {"one submission without records", {{"acme-corp.ccsub", {"acme-corp", kEpoch, "k", {}}}}, 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const HubMatchResult result = Match(c.submissions, 2);
    EXPECT_TRUE(result.refused.empty());
    EXPECT_EQ(result.applications, 0u);
    ASSERT_EQ(result.findings.size(), c.members);
    for (const share::MemberFindings& findings : result.findings) {
      EXPECT_TRUE(findings.applications.empty());
    }
  }
}

}  // namespace
}  // namespace crosscheck::hub
