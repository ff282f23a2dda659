// The identity split on the hub (graph/identity_split.h through MatchViewApplications): the
// owner of a stolen identity and the ring member using it share a name, a date of birth, a
// national id and an address — keyed tokens only — and must come apart in the batch match and in
// the service's incremental matcher alike.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "crosscheck/common/time.h"
#include "crosscheck/hub/hub_match.h"
#include "crosscheck/hub/incremental_match.h"
#include "crosscheck/hub/testing/simulated_world.h"
#include "crosscheck/normalize/application_normalizer.h"
#include "crosscheck/share/encoder.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::hub {
namespace {

constexpr const char* kEpoch = "2026-12";

// Applicant is one hand-made application of the theft world.
struct Applicant {
  std::string company, application_id, name, email, phone, device, payout;
  bool owner = false;  // the identity's real owner, not the ring
};

// StolenIdentity: a ring of three personas sharing a phone, a laptop and a payout account at
// four companies, whose first persona applies as Margaret Long (her date of birth, SSN and
// home address); the real Margaret Long applies at two other companies with her own mailbox,
// phone, laptop and account.
std::vector<Applicant> StolenIdentity() {
  const std::string phone = "(415) 555-0199", device = "dev-ring-7731", payout = "GB29 NWBK 6016 1331 9268 19";
  return {
      {"acme-corp", "acme-1", "Margaret Long", "margaret.long.dev@gmail.com", phone, device, payout},
      {"birch-labs", "birch-1", "Margaret Long", "margaret.long.dev@gmail.com", phone, device, payout},
      {"cobalt-inc", "cobalt-1", "Kevin Marsh", "kevin.marsh.codes@outlook.com", phone, device, payout},
      {"delta-works", "delta-1", "Daniel Reed", "d.reed.eng@proton.me", phone, device, payout},
      {"ember-llc", "ember-1", "Margaret Long", "mlong1990@yahoo.com", "(503) 555-0177", "mbp-ml-2231",
       "DE89 3704 0044 0532 0130 00", true},
      {"fjord-io", "fjord-1", "Margaret Long", "mlong1990@yahoo.com", "(503) 555-0177", "mbp-ml-2231",
       "DE89 3704 0044 0532 0130 00", true},
      {"fjord-io", "fjord-2", "Oluwaseun Adeyemi", "seun.adeyemi@gmail.com", "(312) 555-0170", "xps-oa-8812",
       "FR14 2004 1010 0505 0001 3M02 606"},
  };
}

ApplicationRecord RecordOf(const Applicant& applicant) {
  ApplicationRecord record = test_world::HandMadeRecord(applicant.company, applicant.application_id, applicant.name,
                                                        applicant.email, applicant.phone, applicant.device,
                                                        applicant.payout);
  if (applicant.name == "Margaret Long") {  // what the thief copied
    record.date_of_birth = "1990-04-02";
    record.date_of_birth_parsed = ParseDate(record.date_of_birth);
    record.national_id = "521-44-7613";
    record.street = "1501 Pike Place";
    record.postal_code = "98101";
  } else {
    record.street = applicant.application_id + " Main Street";
    record.postal_code = "60606";
  }
  return record;
}

// Members decodes every company's submission of `applicants` and of `background` (rows by
// company) under `key` (the hub's layer under a fixed key), in company order.
std::vector<std::unique_ptr<DecodedMember>> Members(
    const std::vector<Applicant>& applicants, const share::ConsortiumKey& key,
    std::map<std::string, std::vector<ApplicationRecord>> rows = {}) {
  for (const Applicant& applicant : applicants) rows[applicant.company].push_back(RecordOf(applicant));
  const share::SubmissionEncoder encoder(key, kEpoch);
  const share::KeyedHasher hub_layer(test_world::CountingKey(100).bytes);
  std::vector<std::unique_ptr<DecodedMember>> members;
  for (const auto& [company, records] : rows) {
    const std::vector<NormalizedApplication> apps =
        normalize::NormalizeApplications(records, normalize::NormalizeContext{.file = company + ".csv"}, nullptr);
    share::Submission submission{company, kEpoch, encoder.key_id(), {}};
    for (std::size_t idx = 0; idx < apps.size(); ++idx) submission.records.push_back(encoder.Encode(apps[idx], records[idx]));
    members.push_back(std::make_unique<DecodedMember>(DecodeMember(submission, hub_layer)));
  }
  return members;
}

std::vector<const DecodedMember*> Pointers(const std::vector<std::unique_ptr<DecodedMember>>& members) {
  std::vector<const DecodedMember*> out;
  for (const auto& member : members) out.push_back(member.get());
  return out;
}

// Flagged lists "company:handle" of every application with a finding.
std::set<std::string> WithFindings(const HubMatchResult& result) {
  std::set<std::string> out;
  for (const share::MemberFindings& findings : result.findings) {
    for (const share::ApplicationFinding& finding : findings.applications) out.insert(findings.company_id + ":" + finding.handle);
  }
  return out;
}

std::string HandleOf(const Applicant& applicant, const share::ConsortiumKey& key) {
  return applicant.company + ":" +
         share::TokenHex(share::SubmissionEncoder(key, kEpoch).Handle(applicant.company, applicant.application_id));
}

// Text is every member's findings written out, for comparing two matches whole.
std::string Text(const HubMatchResult& result) {
  std::string text;
  for (const share::MemberFindings& findings : result.findings) {
    for (const share::ApplicationFinding& finding : findings.applications) {
      text += findings.company_id + " " + finding.handle + " " + finding.persona + " " + finding.network + " " +
              finding.hub_level + " " + std::to_string(finding.hub_score);
      for (const share::ConsortiumReason& reason : finding.reasons) text += " " + reason.code + "=" + reason.summary;
      text += "\n";
    }
  }
  return text;
}

TEST(HubIdentitySplit, SplitsTheOwnerOffAndKeepsTheImpostorWithTheRing) {
  const std::vector<Applicant> applicants = StolenIdentity();
  const share::ConsortiumKey key = test_world::CountingKey(0);
  const auto members = Members(applicants, key);
  HubOptions whole;
  whole.identity_split.enabled = false;
  const HubMatchResult before = MatchDecoded(Pointers(members), whole);
  const HubMatchResult after = MatchDecoded(Pointers(members), HubOptions{});
  EXPECT_EQ(before.identity_splits, 0u);
  EXPECT_EQ(after.identity_splits, 1u);
  EXPECT_EQ(after.personas, before.personas + 1);
  const std::set<std::string> flagged_before = WithFindings(before), flagged_after = WithFindings(after);
  for (const Applicant& applicant : applicants) {
    SCOPED_TRACE(applicant.application_id);
    const std::string handle = HandleOf(applicant, key);
    const bool ring = applicant.phone == applicants.front().phone;
    if (ring) {
      EXPECT_EQ(flagged_after.count(handle), 1u) << "the ring, impostor included, is still reported";
    } else {
      EXPECT_EQ(flagged_after.count(handle), 0u) << "the owner and the bystander hear nothing";
    }
    // Without the split the hub joins the owner to the impostor (name bound to the copied
    // address) and reports the ring's evidence on her: what this test guards against.
    if (applicant.owner) {
      EXPECT_EQ(flagged_before.count(handle), 1u);
    }
  }
}

TEST(HubIdentitySplit, IncrementalMatchesAreTheBatchMatch) {
  // The theft inside a simulated world (~4,000 applications at 200 companies), so that a push
  // leaves the consortium's statistics as they were and takes the incremental path.
  Result<test_world::SimulatedWorld> world = test_world::SimulateWorld(11, 0.04, "identity_split_hub_world");
  ASSERT_TRUE(world) << world.error().ToString();
  std::map<std::string, std::vector<ApplicationRecord>> background;
  for (const ApplicationRecord& record : world->records) background[record.company_id].push_back(record);
  std::vector<Applicant> applicants = StolenIdentity();
  const share::ConsortiumKey key = test_world::CountingKey(0);
  IncrementalMatcher matcher(HubOptions{}, IncrementalOptions{.max_affected_share = 1.0});
  // Pushes in turn: everything; the owner's third application, at a new member; that member's
  // submission again, the application under another id (the statistics stay as they were).
  std::vector<std::vector<Applicant>> rounds = {applicants};
  applicants.push_back({"gale-co", "gale-1", "Margaret Long", "mlong1990@yahoo.com", "(503) 555-0177", "mbp-ml-2231",
                        "DE89 3704 0044 0532 0130 00", true});
  rounds.push_back(applicants);
  applicants.back().application_id = "gale-1b";
  rounds.push_back(applicants);
  std::map<std::string, std::int64_t> version;
  std::map<std::string, std::size_t> size;
  std::size_t incremental_matches = 0;
  for (std::size_t round = 0; round < rounds.size(); ++round) {
    SCOPED_TRACE(round);
    const auto members = Members(rounds[round], key, background);
    std::vector<std::int64_t> versions;
    for (const auto& member : members) {
      if (size[member->company_id] != member->applications.size() || member->company_id == "gale-co") {
        ++version[member->company_id];
      }
      size[member->company_id] = member->applications.size();
      versions.push_back(version[member->company_id]);
    }
    const HubMatchResult batch = MatchDecoded(Pointers(members), HubOptions{});
    const HubMatchResult incremental = matcher.Match(Pointers(members), versions);
    if (round == 0) {
      EXPECT_TRUE(matcher.last().full);
    }
    incremental_matches += matcher.last().full ? 0 : 1;
    std::printf("[identity split] round %zu: %s, %zu identities split\n", round, matcher.last().reason.c_str(),
                incremental.identity_splits);
    EXPECT_EQ(Text(incremental), Text(batch));
    EXPECT_EQ(incremental.identity_splits, batch.identity_splits);
    EXPECT_GE(batch.identity_splits, 1u);
    for (const Applicant& applicant : rounds[round]) {
      if (applicant.owner) {
        EXPECT_EQ(WithFindings(incremental).count(HandleOf(applicant, key)), 0u);
      }
    }
  }
  EXPECT_EQ(incremental_matches, 2u) << "the pushes after the first must take the incremental path";
}

}  // namespace
}  // namespace crosscheck::hub
