#include "crosscheck/graph/network_builder.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "crosscheck/common/strings.h"
#include "crosscheck/graph/testing/hand_made_world.h"

namespace crosscheck::graph {
namespace {

// World is a hand-made set of applications with their persona ids.
struct World : testing::HandMadeWorld {
  NormalizedApplication& Add(const std::string& persona, const std::string& company,
                             std::int64_t day = 0) {
    return HandMadeWorld::Add(persona, company + "-" + std::to_string(applications.size()), company,
                              1'700'000'000 + day * 86400, "name of " + persona);
  }
  NetworkResult Build(const NetworkOptions& options = {}) const {
    return BuildNetworks(applications, records, personas, options);
  }
};

// NetworkOf returns the network id of a persona id.
std::string NetworkOf(const NetworkResult& result, const std::string& persona) {
  const auto it = std::lower_bound(result.persona_ids.begin(), result.persona_ids.end(), persona);
  return result.networks[result.network_of_persona[it - result.persona_ids.begin()]].network_id;
}

const SharedArtifact* FindArtifact(const NetworkResult& result, ArtifactKind kind) {
  for (const SharedArtifact& artifact : result.evidence.artifacts) {
    if (artifact.kind == kind) return &artifact;
  }
  return nullptr;
}

// A long resume body shared by an operation's personas (the template).
std::string TemplateResume() {
  std::string text;
  const char* words[] = {"built", "scalable", "microservices", "in", "go", "and", "kubernetes",
                         "led", "migration", "of", "payments", "platform", "to", "aws",
                         "reduced", "latency", "by", "forty", "percent", "mentored", "engineers"};
  for (int round = 0; round < 4; ++round) {
    for (const char* word : words) text += std::string(word) + (round % 2 ? " " : "  ");
    text += "project" + std::to_string(round) + " ";
  }
  return text;
}

TEST(CollectEvidence, FindsEachKindOfSharedArtifact) {
  struct Case {
    const char* name;
    ArtifactKind kind;
    void (*set)(World&, NormalizedApplication&, int);  // sets the shared value on member i
    double min_weight = 0.15;
  } cases[] = {
      {"phone", ArtifactKind::kPhone, [](World&, NormalizedApplication& a, int) { a.phone_e164 = "+12025550143"; }},
      {"device", ArtifactKind::kDevice, [](World&, NormalizedApplication& a, int) { a.device_id = "dev-77"; }},
      {"payout", ArtifactKind::kPayoutAccount, [](World&, NormalizedApplication& a, int) { a.payout_account = "GB29NWBK60161331926819"; }},
      {"shipping", ArtifactKind::kShippingAddress, [](World&, NormalizedApplication& a, int) { a.shipping_address_key = "12 elm st springfield 62701 us"; }},
      {"github", ArtifactKind::kGithub, [](World&, NormalizedApplication& a, int) { a.github = "devstar"; }},
      {"linkedin", ArtifactKind::kLinkedin, [](World&, NormalizedApplication& a, int) { a.linkedin = "devstar-1"; }},
      {"national id under different names", ArtifactKind::kNationalId, [](World&, NormalizedApplication& a, int) { a.national_id = "123456789"; }},
      {"photo within 3 bits", ArtifactKind::kPhoto, [](World&, NormalizedApplication& a, int member) { a.photo_hash = 0xf0f0a5a5c3c3117eULL ^ (member == 1 ? 0x8000000000000101ULL : 0); }},
      {"anonymizing ip within a day", ArtifactKind::kIp, [](World&, NormalizedApplication& a, int member) { a.ip_address = "198.51.100.9"; a.ip_info.is_anonymous = true; a.submitted_at = *a.submitted_at + member * 3600; }, 0.04},
      {"residential ip within a day", ArtifactKind::kIp, [](World&, NormalizedApplication& a, int member) { a.ip_address = "203.0.113.5"; a.submitted_at = *a.submitted_at + member * 3600; }},
      {"resume with names swapped", ArtifactKind::kResume, [](World& w, NormalizedApplication& a, int member) {
         w.records[a.index].resume_text = "Jane" + std::to_string(member) + " Doe jane@example.com +1 202 555 01" + std::to_string(member) + " " + TemplateResume();
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    World world;
    for (int member = 0; member < 3; ++member) {
      NormalizedApplication& application =
          world.Add("P" + std::to_string(member), "co" + std::to_string(member));
      c.set(world, application, member);
    }
    world.Add("P9", "co9").phone_e164 = "+447700900123";  // an unrelated bystander
    const NetworkResult result = world.Build();
    const SharedArtifact* artifact = FindArtifact(result, c.kind);
    ASSERT_NE(artifact, nullptr);
    EXPECT_EQ(artifact->personas.size(), 3u);
    EXPECT_EQ(artifact->company_count, 3u);
    EXPECT_GT(artifact->weight, c.min_weight);
    EXPECT_EQ(result.evidence.edges.size(), 3u);  // the triangle P0-P1-P2
    EXPECT_EQ(NetworkOf(result, "P0"), NetworkOf(result, "P2"));
    EXPECT_NE(NetworkOf(result, "P0"), NetworkOf(result, "P9"));
  }
}

TEST(CollectEvidence, CandidatesFoundOnceServeEveryPersonaAssignment) {
  // Three applicants share one value of every kind; a fourth is a bystander. The candidates are
  // found once and weighed under two persona assignments (as BuildSplitNetworks does), giving
  // what CollectEvidence finds on its own for each.
  World world;
  for (int member = 0; member < 3; ++member) {
    NormalizedApplication& a = world.Add("P" + std::to_string(member), "co" + std::to_string(member));
    a.phone_e164 = "+12025550143";
    a.device_id = "dev-77";
    a.payout_account = "GB29NWBK60161331926819";
    a.github = "devstar";
    a.national_id = "123456789";
    a.photo_hash = 0xf0f0a5a5c3c3117eULL ^ (member == 1 ? 0x8000000000000101ULL : 0);
    a.ip_address = "203.0.113.5";
    a.submitted_at = *a.submitted_at + member * 3600;
    world.records[a.index].resume_text = "Jane" + std::to_string(member) + " Doe " + TemplateResume();
  }
  world.Add("P9", "co9").phone_e164 = "+447700900123";
  const EvidenceOptions options;
  const std::vector<ArtifactCandidate> candidates = FindArtifactCandidates(world.applications, world.records, options);
  EXPECT_EQ(candidates.size(), 8u);  // phone, device, payout, github, national id, photo, resume, IP
  for (const std::vector<std::uint32_t>& persona_index :
       {std::vector<std::uint32_t>{0, 1, 2, 3}, std::vector<std::uint32_t>{0, 0, 1, 2}}) {
    const EvidenceSet alone = CollectEvidence(world.applications, world.records, persona_index, 4, options);
    const EvidenceSet reused =
        CollectEvidence(world.applications, world.records, persona_index, 4, options, nullptr, candidates);
    ASSERT_EQ(alone.artifacts.size(), reused.artifacts.size());
    for (std::size_t idx = 0; idx < alone.artifacts.size(); ++idx) {
      const SharedArtifact& left = alone.artifacts[idx];
      const SharedArtifact& right = reused.artifacts[idx];
      EXPECT_EQ(left.kind, right.kind);
      EXPECT_EQ(left.value, right.value);
      EXPECT_EQ(left.applications, right.applications);
      EXPECT_EQ(left.personas, right.personas);
      EXPECT_EQ(left.party_count, right.party_count);
      EXPECT_EQ(left.explained_by, right.explained_by);
      EXPECT_EQ(left.weight, right.weight);
    }
    ASSERT_EQ(alone.edges.size(), reused.edges.size());
    for (std::size_t idx = 0; idx < alone.edges.size(); ++idx) {
      EXPECT_EQ(alone.edges[idx].persona_left, reused.edges[idx].persona_left);
      EXPECT_EQ(alone.edges[idx].persona_right, reused.edges[idx].persona_right);
      EXPECT_EQ(alone.edges[idx].artifact, reused.edges[idx].artifact);
      EXPECT_EQ(alone.edges[idx].weight, reused.edges[idx].weight);
    }
  }
}

TEST(CollectEvidence, AnIpThatServesManyPeopleIsCorroborationOnly) {
  // The same three applicants, the same hour apart, from one address of each kind: only a
  // residential (or unknown) address keeps full weight; exits and NATs serve strangers.
  struct Case {
    const char* name;
    IpKind kind;
    bool anonymous;
    bool full_weight;
  } cases[] = {
      {"residential", IpKind::kResidential, false, true},
      {"unknown", IpKind::kUnknown, false, true},
      {"vpn exit", IpKind::kVpn, true, false},
      {"hosting", IpKind::kHosting, true, false},
      {"campus or office NAT", IpKind::kBusiness, false, false},
      {"mobile carrier NAT", IpKind::kMobile, false, false},
  };
  double residential_weight = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    World world;
    for (int member = 0; member < 3; ++member) {
      NormalizedApplication& a = world.Add("P" + std::to_string(member), "co" + std::to_string(member));
      a.ip_address = "203.0.113.5";
      a.ip_info.kind = c.kind;
      a.ip_info.is_anonymous = c.anonymous;
      a.submitted_at = *a.submitted_at + member * 3600;
    }
    const NetworkResult result = world.Build();
    const SharedArtifact* artifact = FindArtifact(result, ArtifactKind::kIp);
    ASSERT_NE(artifact, nullptr);
    if (c.kind == IpKind::kResidential) residential_weight = artifact->weight;
    if (c.full_weight) {
      EXPECT_DOUBLE_EQ(artifact->weight, residential_weight);
    } else {
      EXPECT_NEAR(artifact->weight, 0.3 * residential_weight, 1e-9);
    }
  }
}

TEST(CollectEvidence, IgnoresCoincidencesThatAreNotEvidence) {
  struct Case {
    const char* name;
    void (*set)(NormalizedApplication&, int);
  } cases[] = {
      {"same persona only", [](NormalizedApplication& a, int) { a.phone_e164 = "+12025550143"; }},
      {"residential ip months apart", [](NormalizedApplication& a, int member) { a.ip_address = "203.0.113.5"; a.submitted_at = *a.submitted_at + member * 60 * 86400; }},
      {"photo 20 bits apart", [](NormalizedApplication& a, int member) { a.photo_hash = member ? 0xfffff00000000000ULL : 0; }},
      {"vpn exit months apart", [](NormalizedApplication& a, int member) { a.ip_address = "198.51.100.9"; a.ip_info.is_anonymous = true; a.submitted_at = *a.submitted_at + member * 90 * 86400; }},
      {"national id under one name", [](NormalizedApplication& a, int) { a.national_id = "987654321"; a.name.full = "same name"; }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    World world;
    const bool same_persona = std::string(c.name) == "same persona only";
    for (int member = 0; member < 2; ++member) {
      c.set(world.Add(same_persona ? "P0" : "P" + std::to_string(member), "co" + std::to_string(member)),
            member);
    }
    const NetworkResult result = world.Build();
    EXPECT_TRUE(result.evidence.artifacts.empty());
    EXPECT_EQ(result.networks.size(), result.persona_ids.size());
  }
}

TEST(CollectEvidence, WeightFallsForGenericValuesAndRisesPastTwoSharers) {
  World world;
  // 300 strangers behind one campus address in a day, 5 personas on one payout account,
  // a couple sharing one home address; plus a background of 400 personas.
  for (int member = 0; member < 300; ++member) {
    NormalizedApplication& a = world.Add("S" + std::to_string(member), "co" + std::to_string(member % 7));
    a.ip_address = "192.0.2.1";
    a.submitted_at = *a.submitted_at + member * 60;
  }
  for (int member = 0; member < 5; ++member) {
    world.Add("F" + std::to_string(member), "co" + std::to_string(member)).payout_account = "ACC1";
  }
  for (int member = 0; member < 2; ++member) {
    world.Add("C" + std::to_string(member), "co" + std::to_string(member)).payout_account = "ACC2";
  }
  for (int member = 0; member < 400; ++member) {
    world.Add("B" + std::to_string(member), "co1").payout_account = "B" + std::to_string(member);
  }
  const NetworkResult result = world.Build();
  std::map<std::string, double> weight;
  for (const SharedArtifact& artifact : result.evidence.artifacts) weight[artifact.value] = artifact.weight;
  EXPECT_GT(weight.at("ACC1"), 0.8);
  EXPECT_LT(weight.at("ACC2"), weight.at("ACC1"));
  ASSERT_EQ(result.evidence.artifacts.back().kind, ArtifactKind::kIp);
  EXPECT_LT(result.evidence.artifacts.back().weight, 0.01);
  // The campus address glues nobody: each stranger stays alone.
  EXPECT_NE(NetworkOf(result, "S1"), NetworkOf(result, "S2"));
  EXPECT_EQ(NetworkOf(result, "F1"), NetworkOf(result, "F4"));
}

TEST(CollectEvidence, APersonasOwnNameVariantsAreOneIdentityInAnyOrder) {
  // One persona, one e-mail, three names of one woman: an adopted given name, her maiden and
  // her married family name. "amy wu" and "jie liu" share nothing; "jie wu" joins both.
  World world;
  const std::vector<std::vector<std::string>> names = {{"amy", "wu"}, {"jie", "liu"}, {"jie", "wu"}};
  for (std::size_t member = 0; member < names.size(); ++member) {
    NormalizedApplication& a = world.Add("P0", "co" + std::to_string(member));
    a.name.tokens = names[member];
    a.name.full = names[member][0] + " " + names[member][1];
    a.email = "jwu@mail.example";
  }
  world.Add("P9", "co9").email = "someone@mail.example";
  const NetworkResult result = world.Build();
  EXPECT_EQ(FindArtifact(result, ArtifactKind::kEmail), nullptr);
}

TEST(CollectEvidence, APersonSplitByLinkageStaysOneMemberOfTheHousehold) {
  // Four personas of one heavy applier (linkage kept them apart) and two relatives: one home
  // address, one family computer. Six personas, three people: still a household.
  World world;
  const std::vector<std::vector<std::string>> names = {
      {"jung", "minjun"}, {"jun", "jung", "min"}, {"jung", "minjun"}, {"jung", "minjun"},
      {"oh", "youngho"}, {"jung", "seoyeon"}};
  for (std::size_t member = 0; member < names.size(); ++member) {
    NormalizedApplication& a = world.Add("P" + std::to_string(member), "co" + std::to_string(member));
    a.name.tokens = names[member];
    a.name.full = names[member][0] + " " + names[member][1];
    a.address_key = "457 sejong-daero|04524|KR";
    a.device_id = "family-pc";
  }
  NetworkResult result = world.Build();
  for (const SharedArtifact& artifact : result.evidence.artifacts) {
    SCOPED_TRACE(ArtifactKindName(artifact.kind));
    EXPECT_EQ(artifact.party_count, 1u);
    EXPECT_EQ(artifact.weight, 0.0);
  }
  // One person's own payout account on three of his split personas is still one resident's.
  world.applications[0].payout_account = world.applications[1].payout_account =
      world.applications[2].payout_account = "US-RING-1";
  result = world.Build();
  ASSERT_NE(FindArtifact(result, ArtifactKind::kDevice), nullptr);
  EXPECT_EQ(FindArtifact(result, ArtifactKind::kDevice)->party_count, 1u);
  // Three different residents on one payout account is no household, whatever its size.
  world.applications[4].payout_account = world.applications[5].payout_account = "US-RING-1";
  world.Add("P9", "co9").name.tokens = {"grace", "okafor"};
  world.applications.back().name.full = "grace okafor";
  world.applications.back().address_key = "457 sejong-daero|04524|KR";
  world.applications.back().device_id = "family-pc";
  world.Add("P8", "co8").name.tokens = {"daniel", "reed"};
  world.applications.back().name.full = "daniel reed";
  world.applications.back().address_key = "457 sejong-daero|04524|KR";
  world.applications.back().device_id = "family-pc";
  result = world.Build();
  const SharedArtifact* device = FindArtifact(result, ArtifactKind::kDevice);
  ASSERT_NE(device, nullptr);
  EXPECT_GT(device->party_count, 1u);
  EXPECT_GT(device->weight, 0.0);
}

TEST(CollectEvidence, ExplainedSharingIsOneParty) {
  // Each case: what three holders share and why that is not an operation.
  struct Case {
    const char* name;
    const char* explained_by;
    void (*set)(NormalizedApplication&, int);  // member 0..2
  } cases[] = {
      // A household of three: the home address, a family computer, the home IP the same
      // evening, the parents' joint account. Nothing else.
      {"household", "household", [](NormalizedApplication& a, int member) {
         a.address_key = "12 elm st|62701|US";
         a.device_id = "family-pc";
         if (member < 2) a.payout_account = "US12345";
         a.ip_address = "203.0.113.5";
         a.submitted_at = *a.submitted_at + member * 3600;
         a.name.tokens = {member == 0 ? "john" : member == 1 ? "mary" : "lucas", "smith"};
       }},
      // A staffing agency submits its candidates with its own inbox.
      {"agency inbox", "agency", [](NormalizedApplication& a, int) {
         a.email = "submissions@agency.example";
         a.source = "agency:hays";
       }},
      // One person under a married and an adopted name: no name part in common, one birthday.
      {"one person, other names", "one name", [](NormalizedApplication& a, int member) {
         a.email = "amy.liu@mail.example";
         a.date_of_birth = CivilDate{1973, 2, 14};
         a.name.tokens = member == 0 ? std::vector<std::string>{"jie", "wu"}
                         : member == 1 ? std::vector<std::string>{"amy", "liu"}
                                       : std::vector<std::string>{"jie", "liu"};
       }},
      // One person writing his name in Kanji on one application: machine transliteration reads
      // 伊藤大輝 in Mandarin ("yi teng da hui"), which cannot be compared with "Daiki Ito".
      {"one person, two scripts", "one name", [](NormalizedApplication& a, int member) {
         a.email = "daiki.ito@mail.example";
         a.name.transliterated = member == 1;
         a.name.tokens = member == 1 ? std::vector<std::string>{"da", "hui", "teng", "yi"}
                                     : std::vector<std::string>{"daiki", "ito"};
       }},
      // One person that linkage split: the same e-mail under spellings of one name.
      {"one person split", "one name", [](NormalizedApplication& a, int member) {
         a.email = "mj.kim@mail.example";
         a.name.tokens = member == 0 ? std::vector<std::string>{"kim", "minjun"}
                                     : std::vector<std::string>{"jun", "kim", "min"};
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    World world;
    for (int member = 0; member < 3; ++member) {
      c.set(world.Add("P" + std::to_string(member), "co" + std::to_string(member)), member);
    }
    const NetworkResult result = world.Build();
    ASSERT_FALSE(result.evidence.artifacts.empty());
    for (const SharedArtifact& artifact : result.evidence.artifacts) {
      SCOPED_TRACE(ArtifactKindName(artifact.kind));
      EXPECT_EQ(artifact.party_count, 1u);
      EXPECT_EQ(artifact.explained_by, c.explained_by);
      EXPECT_EQ(artifact.weight, 0.0);
    }
    EXPECT_TRUE(result.evidence.edges.empty());
    EXPECT_NE(NetworkOf(result, "P0"), NetworkOf(result, "P1"));
  }
}

TEST(CollectEvidence, AnAgencyNeverExplainsWhatBelongsToTheCandidate) {
  // A front agency submits three personas who share its inbox (explained: the agency's) and one
  // payout account and one photo (the candidates' own: three parties, evidence).
  World world;
  for (int member = 0; member < 3; ++member) {
    NormalizedApplication& a = world.Add("P" + std::to_string(member), "co" + std::to_string(member));
    a.email = "submissions@frontagency.example";
    a.source = "agency:frontagency";
    a.payout_account = "GB29NWBK60161331926819";
    a.national_id = "M12345678";
  }
  const NetworkResult result = world.Build();
  const SharedArtifact* email = FindArtifact(result, ArtifactKind::kEmail);
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(email->party_count, 1u);
  EXPECT_EQ(email->explained_by, "agency");
  for (ArtifactKind kind : {ArtifactKind::kPayoutAccount, ArtifactKind::kNationalId}) {
    SCOPED_TRACE(ArtifactKindName(kind));
    const SharedArtifact* artifact = FindArtifact(result, kind);
    ASSERT_NE(artifact, nullptr);
    EXPECT_EQ(artifact->party_count, 3u);
    EXPECT_EQ(artifact->explained_by, "");
    EXPECT_GT(artifact->weight, 0.0);
  }
  EXPECT_EQ(NetworkOf(result, "P0"), NetworkOf(result, "P2"));
}

TEST(CollectEvidence, SharingBeyondAHouseholdCounts) {
  World world;
  // Six people claim one address and three of them one payout account: ring evidence, no
  // household. A couple at another address shares a device with a stranger: two parties, not
  // three.
  for (int member = 0; member < 6; ++member) {
    world.Add("F" + std::to_string(member), "co" + std::to_string(member)).address_key = "9 dock rd|07302|US";
  }
  for (int member = 0; member < 2; ++member) {
    NormalizedApplication& a = world.Add("C" + std::to_string(member), "co" + std::to_string(member));
    a.address_key = "1 oak st|10001|US";
    a.device_id = "dev-c";
  }
  world.Add("X", "co7").device_id = "dev-c";
  for (int member = 0; member < 3; ++member) world.applications[member].payout_account = "acct-ring";
  const NetworkResult result = world.Build();
  for (const SharedArtifact& artifact : result.evidence.artifacts) {
    SCOPED_TRACE(artifact.value);
    if (artifact.value == "9 dock rd|07302|US" || artifact.value == "acct-ring") {
      EXPECT_EQ(artifact.party_count, artifact.applications.size());
      EXPECT_GT(artifact.weight, 0.1);
    } else if (artifact.value == "dev-c") {
      EXPECT_EQ(artifact.party_count, 2u);  // the couple is one party, the stranger another
      EXPECT_GT(artifact.weight, 0.0);
    } else {
      EXPECT_EQ(artifact.explained_by, "household");
    }
  }
}

TEST(CollectEvidence, AResidenceWrittenWithAndWithoutItsPostalCodeIsJudgedWhole) {
  // Three people give one address with its postal code, and all three one payout account:
  // ring evidence. Two of them also write it without the postal code: judged key by key they
  // are a couple there, one household, and the payout account would have two parties.
  World world;
  const auto add = [&](const std::string& persona, const std::string& key, const std::string& postal_code) {
    NormalizedApplication& a = world.Add(persona, "co" + std::to_string(world.applications.size()));
    a.address_key = key;
    a.city = "phoenix";
    a.postal_code = postal_code;
    return &a;
  };
  for (const char* persona : {"J", "S", "T"}) add(persona, "138 willow way|85045|US", "85045")->payout_account = "acct-1";
  add("J", "138 willow way|phoenix|US", "");
  add("S", "138 willow way|phoenix|US", "");
  const NetworkResult result = world.Build();
  const SharedArtifact* payout = FindArtifact(result, ArtifactKind::kPayoutAccount);
  ASSERT_NE(payout, nullptr);
  EXPECT_EQ(payout->party_count, 3u);
  EXPECT_EQ(payout->explained_by, "");
  for (const SharedArtifact& artifact : result.evidence.artifacts) {
    if (artifact.kind == ArtifactKind::kHomeAddress) {
      EXPECT_EQ(artifact.explained_by, "") << artifact.value;
    }
  }
}

TEST(CollectEvidence, ALargeHouseholdIsOnePartyUnlessItsResidentsShareRingArtifacts) {
  // Eight distinct people at one address share it, a landline, the home IP and the family
  // computer: a large household, not a ring. Two of them on one photo, three on one work
  // history (a near-duplicate resume under their own names) or on one virtual number (which
  // belongs to no address), or a 13-person address, is no household; a couple's one resume
  // template or virtual number is.
  struct Case {
    const char* name;
    int people;
    bool shared_photo;
    int resume_sharers;
    int virtual_number_sharers;  // members giving one Google Voice-like number (nonFixedVoip); < 0: and
                                 // one more member gives it as a landline
    const char* explained_by;
  };
  for (const Case& c : {Case{"household of 8", 8, false, 0, 0, "household"}, Case{"8 with a shared photo", 8, true, 0, 0, ""},
                        Case{"8, two of them on one resume", 8, false, 2, 0, "household"},
                        Case{"8, three of them on one resume", 8, false, 3, 0, ""},
                        Case{"8, two of them on one virtual number", 8, false, 0, 2, "household"},
                        Case{"8, three of them on one virtual number", 8, false, 0, 3, ""},
                        Case{"8, three on a number a lookup once called virtual, another a landline", 8, false, 0,
                             -3, "household"},
                        Case{"13 people", 13, false, 0, 0, ""}}) {
    SCOPED_TRACE(c.name);
    World world;
    for (int member = 0; member < c.people; ++member) {
      NormalizedApplication& a = world.Add("H" + std::to_string(member), "co" + std::to_string(member));
      a.address_key = "77 palm ave|33101|US";
      a.phone_e164 = "+13055550150";
      a.device_id = "dev-family";
      if (member < c.resume_sharers) world.records[a.index].resume_text = a.name.full + " " + TemplateResume();
      if (member < std::abs(c.virtual_number_sharers)) {
        a.phone_e164 = "+13055550177";
        a.line_type = LineType::kNonFixedVoip;
      }
      if (c.virtual_number_sharers < 0 && member == 3) {  // the same number, called a landline
        a.phone_e164 = "+13055550177";
        a.line_type = LineType::kLandline;
      }
    }
    if (c.shared_photo) world.applications[0].photo_hash = world.applications[1].photo_hash = 0x0f0f0f0f0f0f0f0fULL;
    const NetworkResult result = world.Build();
    const SharedArtifact* device = FindArtifact(result, ArtifactKind::kDevice);
    ASSERT_NE(device, nullptr);
    EXPECT_EQ(device->explained_by, c.explained_by);
    EXPECT_EQ(device->weight > 0, std::string(c.explained_by).empty());
    if (c.resume_sharers > 0) {
      EXPECT_NE(FindArtifact(result, ArtifactKind::kResume), nullptr);
    }
  }
}

TEST(CollectEvidence, OnePhotoUnderANativeAndAnAdoptedEnglishNameIsNoRingEvidence) {
  // A Beijing family of four at one address, on the mother's mobile. One son applies as "Qiang
  // Gao" and as "David Gao" with one photo (linkage keeps the two names apart): one person, so
  // still a household. The same photo under the mother's name and the son's, or under two
  // given names with different birth dates, is two people: ring evidence.
  struct Case {
    const char* name;
    const char* second_holder;  // the name on the second application with the son's photo
    int second_birth_year;      // 0: not given
    const char* explained_by;
  };
  for (const Case& c : {Case{"an adopted English name", "David Gao", 0, "household"},
                        Case{"the same, one birth date", "David Gao", 2006, "household"},
                        Case{"another birth date", "David Gao", 1999, ""},
                        Case{"the mother's name", "Na Zhang", 0, ""}}) {
    SCOPED_TRACE(c.name);
    World world;
    const auto add = [&](const std::string& persona, const std::string& name, int birth_year) -> NormalizedApplication& {
      NormalizedApplication& a = world.Add(persona, "co" + std::to_string(world.applications.size()));
      a.name.full = name;
      std::istringstream words(ToLowerAscii(name));
      for (std::string word; words >> word;) a.name.tokens.push_back(word);
      std::sort(a.name.tokens.begin(), a.name.tokens.end());
      if (birth_year != 0) a.date_of_birth = CivilDate{birth_year, 4, 23};
      a.address_key = "102 zhongshan rd|100187|CN";
      a.phone_e164 = "+8613591852334";
      return a;
    };
    add("M", "Na Zhang", 0);
    add("Q", "Qiang Gao", 2006).photo_hash = 0x383b6ab30b752e8aULL;
    add("D", c.second_holder, c.second_birth_year).photo_hash = 0x383b6ab30b752e8aULL;
    add("W", "Wei Gao", 2003);
    const NetworkResult result = world.Build();
    const SharedArtifact* phone = FindArtifact(result, ArtifactKind::kPhone);
    ASSERT_NE(phone, nullptr);
    EXPECT_EQ(phone->explained_by, c.explained_by);
  }
}

TEST(CollectEvidence, AClearedApplicantExplainsOnlyWhatItSharedWithItsGroup) {
  World world;
  // Thirteen people at one address (too many for a household) share it and a landline; H0 was
  // cleared with H1..H12. H1 and H2 also share a payout account without H0. Later an outsider
  // uses the landline.
  for (int member = 0; member < 13; ++member) {
    NormalizedApplication& a = world.Add("H" + std::to_string(member), "co" + std::to_string(member));
    a.address_key = "9 dock rd|07302|US";
    a.phone_e164 = "+12025550100";
  }
  world.applications[1].payout_account = "acct-12";
  world.applications[2].payout_account = "acct-12";
  const std::vector<std::vector<std::size_t>> cleared{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}};
  NetworkOptions options;
  options.evidence.cleared_groups = &cleared;
  const NetworkResult before = world.Build(options);
  for (const SharedArtifact& artifact : before.evidence.artifacts) {
    SCOPED_TRACE(artifact.value);
    if (artifact.kind == ArtifactKind::kPayoutAccount) {
      EXPECT_EQ(artifact.party_count, 2u);  // H0 does not hold it: not what was cleared
      EXPECT_GT(artifact.weight, 0.0);
    } else {
      EXPECT_EQ(artifact.explained_by, "cleared");
      EXPECT_EQ(artifact.weight, 0.0);
    }
  }
  world.Add("X", "co9").phone_e164 = "+12025550100";
  const NetworkResult after = world.Build(options);
  const SharedArtifact* phone = FindArtifact(after, ArtifactKind::kPhone);
  ASSERT_NE(phone, nullptr);
  EXPECT_EQ(phone->explained_by, "");  // reaches beyond the group: evidence again
  EXPECT_GT(phone->weight, 0.0);
  EXPECT_EQ(world.Build().evidence.artifacts.front().explained_by, "");  // no decision: evidence
}

TEST(BuildNetworks, ARingTiedByAGenericValueStaysApartFromStrangers) {
  World world;
  // Ring: 6 personas, pairs share phones, all share a shipping address.
  for (int member = 0; member < 6; ++member) {
    NormalizedApplication& a = world.Add("R" + std::to_string(member), "co" + std::to_string(member));
    a.phone_e164 = "+1202555010" + std::to_string(member / 2);
    a.shipping_address_key = "9 dock rd";
    a.ip_address = "192.0.2.1";
    a.submitted_at = *a.submitted_at + member * 60;
  }
  // 200 strangers on the same NAT the same day.
  for (int member = 0; member < 200; ++member) {
    NormalizedApplication& a = world.Add("S" + std::to_string(member), "co" + std::to_string(member % 9));
    a.ip_address = "192.0.2.1";
    a.submitted_at = *a.submitted_at + 400 + member * 60;
  }
  const NetworkResult result = world.Build();
  const std::string ring = NetworkOf(result, "R0");
  std::size_t ring_size = 0;
  for (const std::string& persona : result.persona_ids) ring_size += NetworkOf(result, persona) == ring;
  EXPECT_EQ(ring_size, 6u);
  EXPECT_NE(NetworkOf(result, "S1"), NetworkOf(result, "S2"));
  EXPECT_NE(NetworkOf(result, "S1"), NetworkOf(result, "S150"));
}

TEST(BuildNetworks, IdsDoNotDependOnRowOrder) {
  World world;
  std::mt19937 random(3);
  for (int member = 0; member < 60; ++member) {
    NormalizedApplication& a = world.Add("P" + std::to_string(member), "co" + std::to_string(member % 5));
    a.phone_e164 = "+1202555" + std::to_string(1000 + member / 4);
    if (member % 3 == 0) a.device_id = "d" + std::to_string(member / 9);
  }
  const NetworkResult first = world.Build();
  World shuffled;
  std::vector<std::size_t> order(world.applications.size());
  for (std::size_t idx = 0; idx < order.size(); ++idx) order[idx] = idx;
  std::shuffle(order.begin(), order.end(), random);
  for (std::size_t idx : order) {
    shuffled.applications.push_back(world.applications[idx]);
    shuffled.records.push_back(world.records[idx]);
    shuffled.personas.push_back(world.personas[idx]);
  }
  const NetworkResult second = shuffled.Build();
  ASSERT_EQ(first.persona_ids, second.persona_ids);
  for (const std::string& persona : first.persona_ids) {
    SCOPED_TRACE(persona);
    EXPECT_EQ(NetworkOf(first, persona), NetworkOf(second, persona));
  }
  EXPECT_LT(first.networks.size(), 30u);
  EXPECT_EQ(first.evidence.artifacts.size(), second.evidence.artifacts.size());
}

TEST(MaskArtifactValue, HidesPersonalDataButKeepsEqualityVisible) {
  const std::string phone = MaskArtifactValue(ArtifactKind::kPhone, "+12025550143");
  EXPECT_EQ(phone.substr(0, 12), "+12*******43");
  EXPECT_EQ(phone, MaskArtifactValue(ArtifactKind::kPhone, "+12025550143"));
  EXPECT_NE(phone, MaskArtifactValue(ArtifactKind::kPhone, "+12025550743"));
  EXPECT_EQ(MaskArtifactValue(ArtifactKind::kNationalId, "123456789").find("1234"), std::string::npos);
  EXPECT_EQ(MaskArtifactValue(ArtifactKind::kIp, "198.51.100.9"), "198.51.100.9");
  EXPECT_EQ(MaskArtifactValue(ArtifactKind::kHomeAddress, "12 elm st|62701|US").find("elm"),
            std::string::npos);
}

}  // namespace
}  // namespace crosscheck::graph

namespace crosscheck::graph {
namespace {

TEST(TallyKinds, GroupsAddUpToTheWholeAndGiveItsStatistics) {
  // Two rings that share nothing with each other, and people of their own: group 0 is ring "a"
  // and its neighbours, group 1 ring "b".
  World world;
  for (int persona = 0; persona < 4; ++persona) {
    const std::string id = "a" + std::to_string(persona);
    NormalizedApplication& app = world.Add(id, "ca" + std::to_string(persona));
    app.phone_e164 = persona < 3 ? "+14155550100" : "+14155550199";
    app.device_id = "dev-a" + std::to_string(persona % 2);
  }
  for (int persona = 0; persona < 5; ++persona) {
    const std::string id = "b" + std::to_string(persona);
    NormalizedApplication& app = world.Add(id, "cb" + std::to_string(persona));
    app.payout_account = persona < 4 ? "ACCT-B" : "ACCT-OWN";
    app.phone_e164 = "+1212555010" + std::to_string(persona);
  }
  const NetworkResult result = world.Build();
  std::vector<std::uint32_t> group_of_persona;
  for (const std::string& persona : result.persona_ids) group_of_persona.push_back(persona[0] == 'a' ? 0 : 1);
  std::vector<std::uint32_t> persona_of(result.persona_of_application.begin(), result.persona_of_application.end());
  const std::vector<KindTally> whole = TallyKinds(world.applications, world.records, persona_of,
                                                  result.persona_ids.size(), nullptr, result.evidence.artifacts);
  const std::vector<KindTally> groups =
      TallyKinds(world.applications, world.records, persona_of, result.persona_ids.size(), nullptr,
                 result.evidence.artifacts, &group_of_persona, 2);
  ASSERT_EQ(whole.size(), kArtifactKindCount);
  ASSERT_EQ(groups.size(), 2 * kArtifactKindCount);
  for (std::size_t kind = 0; kind < kArtifactKindCount; ++kind) {
    SCOPED_TRACE(ArtifactKindName(static_cast<ArtifactKind>(kind)));
    const KindTally& first = groups[kind];
    const KindTally& second = groups[kArtifactKindCount + kind];
    EXPECT_EQ(first.personas_with_value + second.personas_with_value, whole[kind].personas_with_value);
    EXPECT_EQ(first.personas_sharing + second.personas_sharing, whole[kind].personas_sharing);
    std::vector<std::size_t> sizes = first.shared_party_counts;
    sizes.insert(sizes.end(), second.shared_party_counts.begin(), second.shared_party_counts.end());
    std::vector<std::size_t> expected = whole[kind].shared_party_counts;
    std::sort(sizes.begin(), sizes.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(sizes, expected);
    const KindStatistics stats = StatisticsOfTally(whole[kind]);
    EXPECT_EQ(stats.personas_with_value, result.evidence.kinds[kind].personas_with_value);
    EXPECT_EQ(stats.personas_sharing, result.evidence.kinds[kind].personas_sharing);
    EXPECT_EQ(stats.kind_factor, result.evidence.kinds[kind].kind_factor);
    EXPECT_EQ(stats.generic_scale, result.evidence.kinds[kind].generic_scale);
  }
  EXPECT_EQ(whole[static_cast<std::size_t>(ArtifactKind::kPhone)].personas_sharing, 3u);  // the a ring
  EXPECT_EQ(groups[kArtifactKindCount + static_cast<std::size_t>(ArtifactKind::kPayoutAccount)].personas_sharing, 4u);
}

TEST(DetectCommunities, PerComponentGivesEachPartTheCommunitiesItHasAlone) {
  // Two parts: a dense group of five with a weakly tied pair, and a chain of triangles.
  const std::vector<WeightedEdge> first = {{0, 1, 1.0}, {0, 2, 1.0}, {1, 2, 1.0}, {2, 3, 0.9}, {3, 4, 1.0},
                                           {1, 3, 0.8}, {4, 5, 0.05}, {5, 6, 1.0}};
  const std::vector<WeightedEdge> second = {{0, 1, 0.6}, {1, 2, 0.6}, {0, 2, 0.6}, {2, 3, 0.1},
                                            {3, 4, 0.7}, {4, 5, 0.7}, {3, 5, 0.7}};
  CommunityOptions options;
  options.per_component = true;
  // Together: the second part's nodes follow the first's (and an isolated node between).
  std::vector<WeightedEdge> together = first;
  for (WeightedEdge edge : second) together.push_back({edge.left + 8, edge.right + 8, edge.weight});
  const std::vector<std::uint32_t> whole = DetectCommunities(14, together, options);
  const std::vector<std::uint32_t> alone_first = DetectCommunities(7, first, options);
  const std::vector<std::uint32_t> alone_second = DetectCommunities(6, second, options);
  // Same partition within each part (numbers differ: they are dense over the whole graph).
  for (std::uint32_t left = 0; left < 7; ++left) {
    for (std::uint32_t right = 0; right < 7; ++right) {
      EXPECT_EQ(whole[left] == whole[right], alone_first[left] == alone_first[right]) << left << " " << right;
    }
  }
  for (std::uint32_t left = 0; left < 6; ++left) {
    for (std::uint32_t right = 0; right < 6; ++right) {
      EXPECT_EQ(whole[left + 8] == whole[right + 8], alone_second[left] == alone_second[right]) << left << " " << right;
    }
  }
  EXPECT_NE(whole[7], whole[6]);  // the isolated node is alone
  EXPECT_NE(whole[7], whole[8]);
}

}  // namespace
}  // namespace crosscheck::graph
