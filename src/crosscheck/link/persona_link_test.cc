#include "crosscheck/link/persona_link.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::link {
namespace {

const char* const kGiven[] = {"james", "maria", "wei", "olga", "ahmed", "sofia", "john", "li",
                              "anna", "david", "fatima", "ivan", "grace", "omar", "yuki", "pedro",
                              "emma", "raj", "nina", "carlos", "mei", "lucas", "sara", "tom"};
const char* const kFamily[] = {"smith", "garcia", "chen", "ivanova", "khan", "rossi", "kim", "nguyen",
                               "mueller", "silva", "patel", "kowalski", "tanaka", "brown", "lopez",
                               "novak", "haddad", "jensen", "okafor", "wright", "park", "dubois"};

struct World {
  std::vector<NormalizedApplication> apps;
  std::vector<int> person;  // truth per application
};

std::string Typo(std::string text, std::mt19937& random) {
  if (text.size() < 4) return text;
  const std::size_t at = 1 + random() % (text.size() - 2);
  text.erase(at, 1);
  return text;
}

// MakeWorld: 250 people with 1-4 applications each under typical variations, plus the two
// traps persona linkage must not fall into (a shared stolen national id, a family address).
World MakeWorld(unsigned seed) {
  std::mt19937 random(seed);
  World world;
  std::set<std::pair<int, int>> used_names;
  int next_app = 0;
  auto add = [&](int person, NormalizedApplication app) {
    app.application_id = "app-" + std::to_string(next_app++);
    app.company_id = "co-" + std::to_string(random() % 40);
    world.apps.push_back(std::move(app));
    world.person.push_back(person);
  };
  for (int person = 0; person < 250; ++person) {
    int given = 0, family = 0;
    do {
      given = static_cast<int>(random() % std::size(kGiven));
      family = static_cast<int>(random() % std::size(kFamily));
    } while (!used_names.emplace(given, family).second);
    const CivilDate dob{1960 + static_cast<int>(random() % 40), 1 + static_cast<int>(random() % 12),
                        1 + static_cast<int>(random() % 28)};
    const std::string phone = "+1555" + std::to_string(1000000 + random() % 9000000);
    const std::string street = std::to_string(1 + random() % 300) + " " + kFamily[random() % std::size(kFamily)] + " st";
    const int applications = 1 + static_cast<int>(random() % 4);
    for (int copy = 0; copy < applications; ++copy) {
      NormalizedApplication app;
      std::string first = kGiven[given];
      std::string last = kFamily[family];
      if (copy > 0 && random() % 4 == 0) first = Typo(first, random);
      if (copy > 0 && random() % 5 == 0) last = Typo(last, random);
      app.name.full = random() % 4 == 0 ? last + " " + first : first + " " + last;
      app.email = copy > 0 && random() % 3 == 0 ? first + "." + last + std::to_string(copy) + "@proton.me"
                                                : std::string(kGiven[given]) + "." + kFamily[family] + "@gmail.com";
      if (random() % 5 != 0) app.phone_e164 = phone;
      if (random() % 4 != 0) app.date_of_birth = dob;
      if (random() % 3 != 0) {
        app.street = street;
        app.city = "springfield";
        app.postal_code = std::to_string(10000 + person);
      }
      app.national_id = random() % 3 == 0 ? std::to_string(100000000 + person * 7919) : "";
      add(person, std::move(app));
    }
  }
  // Trap 1: a stolen national id used by two different people with nothing else in common.
  for (int thief = 0; thief < 2; ++thief) {
    NormalizedApplication app;
    app.name.full = thief == 0 ? "boris petrov" : "kenji watanabe";
    app.email = thief == 0 ? "bpetrov@mail.ru" : "kenji.w@yahoo.co.jp";
    app.national_id = "987654321";
    app.street = "12 harbour rd";
    app.postal_code = "99999";
    app.city = "springfield";
    add(1000 + thief, std::move(app));
  }
  // Trap 2: a family at one address sharing the family name and phone, different people.
  const char* const members[] = {"alice okoro", "ben okoro", "chidi okoro"};
  for (int member = 0; member < 3; ++member) {
    NormalizedApplication app;
    app.name.full = members[member];
    app.street = "7 elm st";
    app.postal_code = "55555";
    app.city = "springfield";
    app.phone_e164 = "+15550001111";
    app.date_of_birth = CivilDate{1970 + member * 12, 3 + member, 10 + member};
    app.email = std::string(members[member]).substr(0, 4) + "@okoro.family";
    add(2000 + member, std::move(app));
  }
  return world;
}

double PairwiseF1(const std::vector<std::string>& predicted, const std::vector<int>& truth) {
  std::size_t both = 0, predicted_pairs = 0, true_pairs = 0;
  for (std::size_t a = 0; a < truth.size(); ++a) {
    for (std::size_t b = a + 1; b < truth.size(); ++b) {
      const bool same_predicted = predicted[a] == predicted[b];
      const bool same_true = truth[a] == truth[b];
      predicted_pairs += same_predicted;
      true_pairs += same_true;
      both += same_predicted && same_true;
    }
  }
  const double precision = static_cast<double>(both) / static_cast<double>(std::max<std::size_t>(1, predicted_pairs));
  const double recall = static_cast<double>(both) / static_cast<double>(std::max<std::size_t>(1, true_pairs));
  return both == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
}

TEST(LinkApplications, FindsPersonasAndAvoidsSharedIdentifierTraps) {
  const World world = MakeWorld(5);
  auto result = LinkApplications(world.apps, LinkOptions{});
  ASSERT_TRUE(result) << result.error().ToString();
  ASSERT_EQ(result->persona_ids.size(), world.apps.size());
  const double f1 = PairwiseF1(result->persona_ids, world.person);
  std::printf("synthetic persona linkage F1 %.4f over %zu applications\n", f1, world.apps.size());
  EXPECT_GE(f1, 0.95);
  auto persona_of = [&](int person) {
    std::set<std::string> ids;
    for (std::size_t idx = 0; idx < world.apps.size(); ++idx) {
      if (world.person[idx] == person) ids.insert(result->persona_ids[idx]);
    }
    return ids;
  };
  EXPECT_NE(persona_of(1000), persona_of(1001)) << "a shared stolen national id merged two people";
  EXPECT_NE(persona_of(2000), persona_of(2001)) << "a family address merged two people";
  EXPECT_NE(persona_of(2001), persona_of(2002));
  // Linked pairs inside a persona carry their waterfall, and it adds up. A link between two
  // personas is a bridge clustering refused (it must stay rare).
  ASSERT_FALSE(result->links.empty());
  std::size_t bridges = 0;
  for (const PersonaLink& link : result->links) {
    ASSERT_LT(link.left, link.right);
    if (result->persona_ids[link.left] != result->persona_ids[link.right]) ++bridges;
  }
  // No persona here has 200 links: every link inside one is explained, once, in link order.
  EXPECT_EQ(result->explained.size(), result->links.size() - bridges);
  for (std::size_t explained_idx = 0; explained_idx < result->explained.size(); ++explained_idx) {
    const ExplainedLink& explained = result->explained[explained_idx];
    ASSERT_LT(explained.link, result->links.size());
    if (explained_idx > 0) {
      EXPECT_LT(result->explained[explained_idx - 1].link, explained.link);
    }
    const PersonaLink& link = result->links[explained.link];
    EXPECT_EQ(result->persona_ids[link.left], result->persona_ids[link.right]);
    double total = explained.explanation.prior_weight;
    for (const WaterfallStep& step : explained.explanation.steps) total += step.weight + step.tf_adjustment;
    EXPECT_NEAR(total, link.match_weight, 1e-3);
    EXPECT_FALSE(explained.explanation.vetoed);
  }
  EXPECT_LE(bridges * 100, result->links.size()) << bridges << " of " << result->links.size();
  // The stolen-id pair is explained as vetoed (names disagree).
  std::size_t thief_a = 0, thief_b = 0;
  for (std::size_t idx = 0; idx < world.apps.size(); ++idx) {
    if (world.person[idx] == 1000) thief_a = idx;
    if (world.person[idx] == 1001) thief_b = idx;
  }
  EXPECT_TRUE(result->Explain(thief_a, thief_b).vetoed);
}

TEST(LinkApplications, PersonaIdsDoNotDependOnInputOrder) {
  const World world = MakeWorld(9);
  auto baseline = LinkApplications(world.apps, LinkOptions{});
  ASSERT_TRUE(baseline);
  std::vector<std::size_t> order(world.apps.size());
  for (std::size_t idx = 0; idx < order.size(); ++idx) order[idx] = idx;
  std::mt19937 random(1);
  std::shuffle(order.begin(), order.end(), random);
  std::vector<NormalizedApplication> shuffled;
  for (std::size_t idx : order) shuffled.push_back(world.apps[idx]);
  auto again = LinkApplications(shuffled, LinkOptions{});
  ASSERT_TRUE(again);
  for (std::size_t position = 0; position < order.size(); ++position) {
    ASSERT_EQ(again->persona_ids[position], baseline->persona_ids[order[position]]);
  }
  EXPECT_TRUE(LinkApplications({}, LinkOptions{})->persona_ids.empty());
}

// A heavy applier files far more applications than a block may hold for all-pairs comparison
// (max_block_size 100) with one e-mail and phone; they must still form one persona, while the
// family sharing a phone stays apart.
TEST(LinkApplications, KeepsAHeavyApplierTogether) {
  World world = MakeWorld(7);
  std::mt19937 random(3);
  for (int copy = 0; copy < 250; ++copy) {
    NormalizedApplication app;
    app.application_id = "heavy-" + std::to_string(copy);
    app.name.full = copy % 7 == 0 ? "nowak, marta" : "marta nowak";
    app.email = copy % 5 == 0 ? "" : "marta.nowak@gmail.com";
    if (random() % 4 != 0) app.phone_e164 = "+48501234567";
    if (random() % 2 == 0) {
      app.street = "ul. polna 5";
      app.city = "krakow";
      app.postal_code = "30-001";
    }
    world.apps.push_back(std::move(app));
    world.person.push_back(3000);
  }
  auto result = LinkApplications(world.apps, LinkOptions{});
  ASSERT_TRUE(result) << result.error().ToString();
  std::map<std::string, int> heavy_personas;
  for (std::size_t idx = 0; idx < world.apps.size(); ++idx) {
    if (world.person[idx] == 3000) ++heavy_personas[result->persona_ids[idx]];
  }
  int largest = 0;
  for (const auto& [persona, count] : heavy_personas) largest = std::max(largest, count);
  // About 12 of the 250 have neither e-mail nor phone; only their name (a generic block here)
  // and sometimes the address tie them to the rest.
  EXPECT_GE(largest, 235) << heavy_personas.size() << " personas for one heavy applier";
  EXPECT_GE(PairwiseF1(result->persona_ids, world.person), 0.95);
}

// An agency office submits its candidates under its own inbox and office line (DATA.md's
// `source` "agency:<name>"): linked on those, its candidates become one heavy applier. Each
// candidate's own applications (one name, one date of birth) still link.
TEST(LinkApplications, AnAgencysInboxAndOfficeLineDoNotJoinItsCandidates) {
  World world = MakeWorld(7);
  const char* const given[] = {"wei", "jun", "min", "hui", "yan", "jing", "tao", "fang", "qiang", "xiu"};
  const char* const family[] = {"wang", "li", "zhang"};
  int candidate = 0;
  for (const char* family_name : family) {
    for (const char* given_name : given) {
      for (int copy = 0; copy < 1 + candidate % 3; ++copy) {
        NormalizedApplication app;
        app.application_id = "agency-" + std::to_string(candidate) + "-" + std::to_string(copy);
        app.company_id = "co-" + std::to_string(copy);
        app.source = copy == 2 ? "direct" : "agency:Randstad-Hangzhou";
        app.name.full = std::string(given_name) + " " + family_name;
        app.email = copy == 2 ? std::string(given_name) + "." + family_name + "@qq.com" : "submissions@randstad-talent.com";
        if (copy < 2) app.phone_e164 = "+8657188880000";
        app.date_of_birth = CivilDate{1970 + candidate, 1 + candidate % 12, 1 + (candidate * 7) % 28};
        app.city = "hangzhou";
        world.apps.push_back(std::move(app));
        world.person.push_back(4000 + candidate);
      }
      ++candidate;
    }
  }
  // A heavy applier who sometimes goes through the same agency under name variants: his own
  // mailbox and phone are on his direct applications too, so they are his, not the agency's.
  const char* const variants[] = {"anthony thomas allen", "anthonny allen", "allen anthony t", "tony allen"};
  for (int copy = 0; copy < 8; ++copy) {
    NormalizedApplication app;
    app.application_id = "allen-" + std::to_string(copy);
    app.source = copy % 2 == 0 ? "agency:Randstad-Hangzhou" : "direct";
    app.name.full = variants[copy % 4];
    app.email = "aallen.3336@hotmail.com";
    app.phone_e164 = "+19717801760";
    world.apps.push_back(std::move(app));
    world.person.push_back(4999);
  }
  auto result = LinkApplications(world.apps, LinkOptions{});
  ASSERT_TRUE(result) << result.error().ToString();
  std::map<std::string, std::set<int>> people_of_persona;
  std::map<int, std::set<std::string>> personas_of_person;
  for (std::size_t idx = 0; idx < world.apps.size(); ++idx) {
    if (world.person[idx] < 4000) continue;
    people_of_persona[result->persona_ids[idx]].insert(world.person[idx]);
    personas_of_person[world.person[idx]].insert(result->persona_ids[idx]);
  }
  for (const auto& [persona, people] : people_of_persona) EXPECT_EQ(people.size(), 1u) << persona;
  for (const auto& [person, personas] : personas_of_person) EXPECT_EQ(personas.size(), 1u) << person;
}

// A married name shares the given name but not the surname: with the same personal e-mail
// it is the same person. A relative who shares a surname and only the household phone is not.
TEST(LinkApplications, NameChangeLinksOnAPersonalEmailButARelativeOnAPhoneDoesNot) {
  World world = MakeWorld(7);
  struct Extra {
    const char* name;
    const char* email;
    int person;
  };
  const std::vector<Extra> extras = {
      {"karen white", "karen.w1987@gmail.com", 4000}, {"karen white", "karen.w1987@gmail.com", 4000},
      {"karen white", "karen.w1987@gmail.com", 4000}, {"karen smith", "karen.w1987@gmail.com", 4000},
      {"karen smith", "karen.w1987@gmail.com", 4000}, {"tom white", "tomwhite@yahoo.com", 4001},
      {"tom white", "tomwhite@yahoo.com", 4001},
  };
  for (std::size_t idx = 0; idx < extras.size(); ++idx) {
    NormalizedApplication app;
    app.application_id = "name-change-" + std::to_string(idx);
    app.name.full = extras[idx].name;
    app.email = extras[idx].email;
    // The new surname comes with a new phone number (none given): only the e-mail links it.
    if (std::string_view(extras[idx].name) != "karen smith") app.phone_e164 = "+13125550147";
    world.apps.push_back(std::move(app));
    world.person.push_back(extras[idx].person);
  }
  auto result = LinkApplications(world.apps, LinkOptions{});
  ASSERT_TRUE(result) << result.error().ToString();
  const std::size_t first = world.apps.size() - extras.size();
  for (std::size_t idx = first + 1; idx < first + 5; ++idx) {
    SCOPED_TRACE(world.apps[idx].name.full);
    EXPECT_EQ(result->persona_ids[idx], result->persona_ids[first]);
  }
  EXPECT_NE(result->persona_ids[first + 5], result->persona_ids[first]) << "a relative on the household phone merged";
  EXPECT_EQ(result->persona_ids[first + 5], result->persona_ids[first + 6]);
}

TEST(LinkApplications, NicknameSatelliteJoinsAHeavyApplierWithAMaidenName) {
  // One person files under her married name, her maiden name and a nickname, always with the
  // same e-mail and phone. "chinny adeyemi" and "chinedu okafor" share no name token: that
  // pair cannot link, but it must not keep the nickname record out of the persona. A relative
  // on the same household phone, with her own e-mail, stays apart.
  World world = MakeWorld(7);
  struct Extra {
    const char* name;
    const char* email;
    int person;
  };
  std::vector<Extra> extras;
  for (int idx = 0; idx < 12; ++idx)
    extras.push_back({"chinedu adeyemi", "chineduokafor5@yahoo.com", 5000});
  for (int idx = 0; idx < 4; ++idx)
    extras.push_back({"chinedu okafor", "chineduokafor5@yahoo.com", 5000});
  extras.push_back({"chinny adeyemi", "chineduokafor5@yahoo.com", 5000});
  extras.push_back({"ngozi adeyemi", "ngozi.adeyemi@gmail.com", 5001});
  extras.push_back({"ngozi adeyemi", "ngozi.adeyemi@gmail.com", 5001});
  for (std::size_t idx = 0; idx < extras.size(); ++idx) {
    NormalizedApplication app;
    app.application_id = "maiden-name-" + std::to_string(idx);
    app.name.full = extras[idx].name;
    app.email = extras[idx].email;
    app.phone_e164 = "+2348122796928";
    app.city = "lagos";
    app.country = "NG";
    world.apps.push_back(std::move(app));
    world.person.push_back(extras[idx].person);
  }
  auto result = LinkApplications(world.apps, LinkOptions{});
  ASSERT_TRUE(result) << result.error().ToString();
  const std::size_t first = world.apps.size() - extras.size();
  for (std::size_t idx = first; idx < world.apps.size(); ++idx) {
    SCOPED_TRACE(world.apps[idx].application_id + " " + world.apps[idx].name.full);
    if (world.person[idx] == 5000) {
      EXPECT_EQ(result->persona_ids[idx], result->persona_ids[first]);
    } else {
      EXPECT_NE(result->persona_ids[idx], result->persona_ids[first])
          << "a relative on the household phone merged";
      EXPECT_EQ(result->persona_ids[idx], result->persona_ids[world.apps.size() - 1]);
    }
  }
}

// A service links an arrival against its neighbourhood with the model of the last whole
// linkage: held-out applications must join their own person's persona and no other.
TEST(JoinPersonas, ArrivalsJoinTheirPersonaWithATrainedModel) {
  const World world = MakeWorld(11);
  // Hold out the last application of every person with several.
  std::vector<std::size_t> held_out, stored;
  for (std::size_t idx = 0; idx < world.apps.size(); ++idx) {
    const bool last_of_person = idx + 1 == world.apps.size() || world.person[idx + 1] != world.person[idx];
    const bool has_earlier = idx > 0 && world.person[idx - 1] == world.person[idx];
    (last_of_person && has_earlier && world.person[idx] < 1000 ? held_out : stored).push_back(idx);
  }
  ASSERT_GE(held_out.size(), 100u);
  std::vector<NormalizedApplication> resolved_apps;
  for (std::size_t idx : stored) resolved_apps.push_back(world.apps[idx]);
  auto resolved = LinkApplications(resolved_apps, LinkOptions{});
  ASSERT_TRUE(resolved) << resolved.error().ToString();
  std::map<int, std::set<std::string>> personas_of_person;
  for (std::size_t pos = 0; pos < stored.size(); ++pos) {
    personas_of_person[world.person[stored[pos]]].insert(resolved->persona_ids[pos]);
  }
  std::size_t joined_own = 0, joined_other = 0;
  for (std::size_t arrival : held_out) {
    std::vector<NormalizedApplication> around{world.apps[arrival]};
    std::vector<std::string> known{""};
    for (std::size_t pos = 0; pos < stored.size(); ++pos) {
      around.push_back(resolved_apps[pos]);
      known.push_back(resolved->persona_ids[pos]);
    }
    auto joined = JoinPersonas(around, 1, known, resolved->engine->model());
    ASSERT_TRUE(joined) << joined.error().ToString();
    ASSERT_EQ(joined->size(), around.size());
    EXPECT_TRUE(std::equal(joined->begin() + 1, joined->end(), known.begin() + 1)) << "resolved personas changed";
    const std::string& persona = joined->front();
    if (personas_of_person[world.person[arrival]].contains(persona)) {
      ++joined_own;
    } else {
      for (const auto& [person, ids] : personas_of_person) joined_other += ids.contains(persona);
    }
  }
  std::printf("held-out arrivals: %zu of %zu joined their own persona, %zu another's\n", joined_own,
              held_out.size(), joined_other);
  EXPECT_GE(joined_own * 100, held_out.size() * 90);
  EXPECT_EQ(joined_other, 0u);
}

TEST(JoinPersonas, NewPeopleGetOwnPersonaAndRelativesStayApart) {
  const World world = MakeWorld(13);
  auto resolved = LinkApplications(world.apps, LinkOptions{});
  ASSERT_TRUE(resolved);
  NormalizedApplication relative;  // the okoro family's fourth member: their phone and address
  relative.application_id = "new-okoro";
  relative.name.full = "dayo okoro";
  relative.street = "7 elm st";
  relative.postal_code = "55555";
  relative.city = "springfield";
  relative.phone_e164 = "+15550001111";
  NormalizedApplication stranger;  // twice, under two e-mails: one new person
  stranger.name.full = "zora vantongeren";
  stranger.phone_e164 = "+447700900123";
  stranger.date_of_birth = CivilDate{1991, 4, 2};
  std::vector<NormalizedApplication> around{relative, stranger, stranger};
  around[1].application_id = "new-z2";
  around[1].email = "zora@vantongeren.nl";
  around[2].application_id = "new-z1";
  around[2].email = "z.vantongeren@gmail.com";
  std::vector<std::string> known(3);
  for (std::size_t idx = 0; idx < world.apps.size(); ++idx) {
    around.push_back(world.apps[idx]);
    known.push_back(resolved->persona_ids[idx]);
  }
  auto joined = JoinPersonas(around, 3, known, resolved->engine->model());
  ASSERT_TRUE(joined) << joined.error().ToString();
  const std::string expected_relative = "p" + StableClusterId("applications", "new-okoro").substr(1);
  EXPECT_EQ((*joined)[0], expected_relative) << "a relative sharing phone and address joined the family's persona";
  EXPECT_EQ((*joined)[1], (*joined)[2]) << "one new person under two e-mails";
  EXPECT_EQ((*joined)[1], "p" + StableClusterId("applications", "new-z1").substr(1)) << "the smallest id names it";

  LinkModel foreign = resolved->engine->model();
  foreign.fields.front().spec.name = "shoe_size";
  auto refused = JoinPersonas(around, 3, known, foreign);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace crosscheck::link
