#include "crosscheck/graph/identity_split.h"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crosscheck/graph/testing/hand_made_world.h"

namespace crosscheck::graph {
namespace {

// Theft is a ring of three personas sharing a device, a payout account and a phone, whose
// first persona ("R0") applies under a stolen identity — Margaret Long, born 1990-04-02 — and
// linkage joined the identity's owner to it: the owner's own applications are in R0 too.
struct Theft : testing::HandMadeWorld {
  NormalizedApplication& Add(const std::string& persona, std::vector<std::string> name, int day) {
    std::string full;
    for (const std::string& token : name) full += (full.empty() ? "" : " ") + token;
    const std::size_t next = applications.size();
    NormalizedApplication& application =
        HandMadeWorld::Add(persona, "co" + std::to_string(next) + "-" + persona, "co" + std::to_string(next),
                           1'700'000'000 + static_cast<std::int64_t>(day) * 86400, std::move(full));
    application.name.tokens = std::move(name);
    return application;
  }
  // The ring: R0 (the impostor under the stolen name), R1, R2.
  void AddRing() {
    const char* ring_names[][2] = {{"margaret", "long"}, {"kevin", "marsh"}, {"daniel", "reed"}};
    for (int persona = 0; persona < 3; ++persona) {
      for (int copy = 0; copy < 3; ++copy) {
        NormalizedApplication& a = Add("R" + std::to_string(persona), {ring_names[persona][0], ring_names[persona][1]},
                                       10 * persona + copy);
        a.device_id = "farm-laptop-1";
        a.payout_account = "US-CHASE-000111222";
        a.phone_e164 = "+12025550143";
        a.email = ring_names[persona][0] + std::string(".dev") + std::to_string(copy) + "@gmail.com";
        if (persona == 0) a.date_of_birth = CivilDate{1990, 4, 2};
      }
    }
  }
  // The owner's own history, in R0: one mailbox and phone, over two years.
  void AddOwner(int applications_count) {
    for (int copy = 0; copy < applications_count; ++copy) {
      NormalizedApplication& a = Add("R0", {"margaret", "long"}, 300 * copy);
      a.email = "mlong1990@gmail.com";
      a.phone_e164 = "+15035550199";
      a.date_of_birth = CivilDate{1990, 4, 2};
    }
  }
  NetworkResult Build() const { return BuildNetworks(applications, records, personas, {}); }
};

TEST(SplitStolenIdentities, GivesTheOwnerOfAStolenIdentityAPersonaOfTheirOwn) {
  Theft world;
  world.AddRing();
  world.AddOwner(3);
  const NetworkResult first = world.Build();
  const IdentitySplitResult split = SplitStolenIdentities(world.applications, first, world.personas, {});
  ASSERT_EQ(split.splits.size(), 1u);
  EXPECT_EQ(split.splits[0].persona_id, "R0");
  EXPECT_EQ(split.splits[0].owner_applications, (std::vector<std::size_t>{9, 10, 11}));
  EXPECT_GE(split.splits[0].ring_tie, 0.35);
  const std::string owner = split.splits[0].owner_persona_id;
  EXPECT_EQ(owner.size(), 17u);
  EXPECT_EQ(owner[0], 'p');
  for (std::size_t idx = 0; idx < world.applications.size(); ++idx) {
    EXPECT_EQ(split.persona_ids[idx], idx >= 9 ? owner : world.personas[idx]) << idx;
  }
  // Built again, the owner shares nothing with the ring: the impostor's name and date of
  // birth are the owner's, which explains sharing between the two halves, not ties them.
  const NetworkResult again = BuildNetworks(world.applications, world.records, split.persona_ids, {});
  const std::uint32_t owner_persona = again.persona_of_application[9];
  const std::uint32_t impostor = again.persona_of_application[0];
  EXPECT_NE(again.network_of_persona[owner_persona], again.network_of_persona[impostor]);
  for (const EvidenceEdge& edge : again.evidence.edges) {
    EXPECT_NE(edge.persona_left, owner_persona);
    EXPECT_NE(edge.persona_right, owner_persona);
  }
}

TEST(BuildNetworksWithIdentitySplit, BuildsTheNetworksOverTheSplitPersonas) {
  Theft world;
  world.AddRing();
  world.AddOwner(3);
  std::vector<IdentitySplit> splits;
  const NetworkResult networks =
      BuildNetworksWithIdentitySplit(world.applications, world.records, world.personas, {}, {}, &splits);
  ASSERT_EQ(splits.size(), 1u);
  EXPECT_EQ(networks.persona_ids[networks.persona_of_application[9]], splits[0].owner_persona_id);
  EXPECT_NE(networks.NetworkIdOfApplication(9), networks.NetworkIdOfApplication(0));
  EXPECT_EQ(networks.NetworkIdOfApplication(0), networks.NetworkIdOfApplication(3));  // the ring
  const NetworkResult whole = BuildNetworksWithIdentitySplit(world.applications, world.records, world.personas, {},
                                                             {.enabled = false}, &splits);
  EXPECT_TRUE(splits.empty());
  EXPECT_EQ(whole.NetworkIdOfApplication(9), whole.NetworkIdOfApplication(0));
}

TEST(SplitStolenIdentities, LeavesRingsAndOrdinaryPeopleWhole) {
  struct Case {
    const char* name;
    void (*make)(Theft&);
  } cases[] = {
      // A ring persona whose second mailbox and phone also use the ring's device: tied, not split.
      {"every part tied to the ring",
       [](Theft& world) {
         world.AddRing();
         NormalizedApplication& a = world.Add("R0", {"margaret", "long"}, 40);
         a.email = "m.long.other@proton.me";
         a.phone_e164 = "+13125550100";
         a.device_id = "farm-laptop-1";
       }},
      // A person who changed mailbox and phone between two job searches, tied to nobody.
      {"two contact parts, neither tied",
       [](Theft& world) {
         world.AddRing();
         for (int copy = 0; copy < 4; ++copy) {
           NormalizedApplication& a = world.Add("P", {"ana", "souza"}, 100 * copy);
           a.email = copy < 2 ? "ana.souza@gmail.com" : "asouza@outlook.com";
           a.phone_e164 = copy < 2 ? "+15035550101" : "+15035550102";
         }
       }},
      // A front agency submitted applications of the impostor's and of another persona's with
      // its own inbox and phone: untied (an agency's), but no owner's history.
      {"agency-submitted part",
       [](Theft& world) {
         world.AddRing();
         for (const char* persona : {"R0", "R1"}) {
           NormalizedApplication& a = world.Add(persona, {persona[1] == '0' ? "margaret" : "kevin",
                                                          persona[1] == '0' ? "long" : "marsh"}, 50);
           a.email = "submissions@harbor-talent.com";
           a.phone_e164 = "+14045550100";
           a.source = "agency:harbor talent partners";
         }
       }},
      // The owner's applications give no contact value at all: nothing tells them apart.
      {"owner without contact values",
       [](Theft& world) {
         world.AddRing();
         world.Add("R0", {"margaret", "long"}, 300).date_of_birth = CivilDate{1990, 4, 2};
       }},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    Theft world;
    test.make(world);
    const IdentitySplitResult split =
        SplitStolenIdentities(world.applications, world.Build(), world.personas, {});
    EXPECT_TRUE(split.splits.empty());
    EXPECT_EQ(split.persona_ids, world.personas);
  }
}

TEST(SplitStolenIdentities, OwnerWhoAppliedThroughAnAgencyWithTheirOwnMailbox) {
  Theft world;
  world.AddRing();
  // The agency's submission desk, also on another candidate's application.
  NormalizedApplication& other = world.Add("C", {"ana", "souza"}, 60);
  other.email = "submissions@harbor-talent.com";
  other.source = "agency:harbor talent partners";
  for (int copy = 0; copy < 2; ++copy) {
    NormalizedApplication& a = world.Add("R0", {"margaret", "long"}, 300 + copy);
    a.email = "mlong1990@gmail.com";
    a.source = "agency:aerotek";
  }
  const IdentitySplitResult split = SplitStolenIdentities(world.applications, world.Build(), world.personas, {});
  ASSERT_EQ(split.splits.size(), 1u);
  EXPECT_EQ(split.splits[0].owner_applications, (std::vector<std::size_t>{10, 11}));
}

TEST(SplitStolenIdentities, AnOwnerOnACampusNetworkIsStillTiedToNobody) {
  // The owner applies from a university's network, as do two students the same days: an IP is
  // where one connects from, not who one is, so the owner's part stays untied.
  Theft world;
  world.AddRing();
  world.AddOwner(3);
  for (std::size_t idx = 9; idx < 12; ++idx) world.applications[idx].ip_address = "198.51.100.7";
  for (int student = 0; student < 2; ++student) {
    NormalizedApplication& a = world.Add("S" + std::to_string(student), {student == 0 ? "ana" : "li", "souza"}, 0);
    a.ip_address = "198.51.100.7";
    a.email = "student" + std::to_string(student) + "@uni.example";
  }
  const IdentitySplitResult split = SplitStolenIdentities(world.applications, world.Build(), world.personas, {});
  ASSERT_EQ(split.splits.size(), 1u);
  EXPECT_EQ(split.splits[0].owner_applications, (std::vector<std::size_t>{9, 10, 11}));
}

TEST(SplitStolenIdentities, APartTiedByIpsAloneIsNeitherTheRingsNorTheOwners) {
  // One person with two mailboxes who applies from a university's network: both parts are tied
  // to the students by the IP only. Neither is a ring's part, so nothing is split.
  Theft world;
  for (int copy = 0; copy < 4; ++copy) {
    NormalizedApplication& a = world.Add("O", {"margaret", "long"}, copy);
    a.email = copy < 2 ? "mlong1990@gmail.com" : "margaret.long@uni.example";
    a.ip_address = "198.51.100.7";
  }
  for (int student = 0; student < 4; ++student) {
    NormalizedApplication& a = world.Add("S" + std::to_string(student), {"student", std::to_string(student)}, student);
    a.ip_address = "198.51.100.7";
  }
  const IdentitySplitResult split = SplitStolenIdentities(world.applications, world.Build(), world.personas, {});
  EXPECT_TRUE(split.splits.empty());
}

TEST(SplitStolenIdentities, ThresholdsAndSwitch) {
  Theft world;
  world.AddRing();
  world.AddOwner(2);
  const NetworkResult first = world.Build();
  struct Case {
    const char* name;
    IdentitySplitOptions options;
    bool splits;
  } cases[] = {
      {"defaults", {}, true},
      {"disabled", {.enabled = false}, false},
      {"owner history shorter than required", {.min_owner_applications = 3}, false},
      {"ring tie above what the ring shares", {.ring_min_tie = 10}, false},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    const IdentitySplitResult split = SplitStolenIdentities(world.applications, first, world.personas, test.options);
    EXPECT_EQ(split.splits.size(), test.splits ? 1u : 0u);
  }
}

TEST(SplitStolenIdentities, OwnerIdDoesNotDependOnRowOrder) {
  Theft world;
  world.AddRing();
  world.AddOwner(3);
  const IdentitySplitResult forward = SplitStolenIdentities(world.applications, world.Build(), world.personas, {});
  Theft reversed;
  for (std::size_t idx = world.applications.size(); idx-- > 0;) {
    reversed.applications.push_back(world.applications[idx]);
    reversed.applications.back().index = reversed.applications.size() - 1;
    reversed.records.push_back(world.records[idx]);
    reversed.personas.push_back(world.personas[idx]);
  }
  const IdentitySplitResult backward =
      SplitStolenIdentities(reversed.applications, reversed.Build(), reversed.personas, {});
  ASSERT_EQ(forward.splits.size(), 1u);
  ASSERT_EQ(backward.splits.size(), 1u);
  EXPECT_EQ(forward.splits[0].owner_persona_id, backward.splits[0].owner_persona_id);
}

}  // namespace
}  // namespace crosscheck::graph
