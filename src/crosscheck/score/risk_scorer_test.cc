#include "crosscheck/score/risk_scorer.h"

#include <cmath>
#include <optional>
#include <set>

#include <gtest/gtest.h>

#include "crosscheck/graph/testing/hand_made_world.h"
#include "crosscheck/normalize/person_name.h"
#include "crosscheck/score/indicator_catalog.h"

namespace crosscheck::score {
namespace {

struct World : graph::testing::HandMadeWorld {
  NormalizedApplication& Add(const std::string& persona, const std::string& company,
                             const std::string& given, const std::string& family,
                             const std::string& country) {
    const std::size_t next = applications.size();
    NormalizedApplication& a =
        HandMadeWorld::Add(persona, company + "-" + std::to_string(next), company,
                           1'700'000'000 + static_cast<std::int64_t>(next) * 86400 * 3, given + " " + family);
    a.name.given = given;
    a.name.family = family;
    a.name.tokens = {family, given};
    std::sort(a.name.tokens.begin(), a.name.tokens.end());
    a.country = country;
    a.ip_address = "198.51.100." + std::to_string(next % 250);
    a.ip_info.country = country;
    a.ip_info.kind = IpKind::kResidential;
    a.line_type = LineType::kMobile;
    a.idv_status = "passed";
    return a;
  }
  std::vector<RiskAssessment> Score(const ExternalEvidence& external = {},
                                    graph::NetworkResult* networks_out = nullptr) const {
    graph::NetworkResult networks = graph::BuildNetworks(applications, records, personas, {});
    auto result = ScoreApplications(applications, records, networks, external, {});
    if (networks_out != nullptr) *networks_out = std::move(networks);
    return result;
  }
};

const Reason* FindReason(const RiskAssessment& assessment, std::string_view code) {
  for (const Reason& reason : assessment.reasons) {
    if (reason.code == code) return &reason;
  }
  return nullptr;
}

std::string DebugReasons(const RiskAssessment& assessment) {
  std::string text;
  for (const Reason& reason : assessment.reasons) text += reason.code + " " + std::to_string(reason.log_odds) + " " + reason.summary + "\n";
  return text;
}

// AddBackground adds `count` legitimate applicants, each with values of every kind of their
// own: how specific a shared value is gets learned from the population, and a real one is
// mostly people who share nothing.
void AddBackground(World& world, int count) {
  for (int member = 0; member < count; ++member) {
    const std::string id = std::to_string(member);
    NormalizedApplication& a =
        world.Add("L" + id, "co" + std::to_string(member % 40), "legit", "person" + id, "US");
    a.payout_account = "L" + id;
    a.phone_e164 = "+1303555" + std::to_string(1000 + member);
    a.device_id = "ldev-" + id;
    a.shipping_address_key = id + " main st us";
    a.address_key = id + " main st|80000|US";
    a.photo_hash = (static_cast<std::uint64_t>(member) + 1) * 0x9e3779b97f4a7c15ULL;
  }
}

double Prior() { return std::log(ScoreOptions{}.prior_probability / (1 - ScoreOptions{}.prior_probability)); }

TEST(RiskScorer, NameOriginNationalityAndScriptDoNotChangeTheScore) {
  // Each pair: the same legitimate applicant, once with a Korean / Chinese / Indian name and
  // residence, once with an English name in the US; everything else identical.
  struct Case {
    const char* given;
    const char* family;
    const char* country;
    bool transliterated;
  } cases[] = {
      {"ji-hoon", "kim", "KR", true}, {"wei", "zhang", "CN", true},
      {"priya", "raghunathan", "IN", false}, {"min-jun", "park", "US", true},
      {"john", "smith", "US", false},
  };
  std::set<int> scores;
  std::set<double> log_odds;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.family);
    World world;
    NormalizedApplication& a = world.Add("P1", "acme", c.given, c.family, c.country);
    a.name.transliterated = c.transliterated;
    a.phone_e164 = "+15550100";
    a.email = std::string(c.given) + "@mail.example";
    a.interview_flags = {"CAMERA_OFF"};
    world.Add("P2", "globex", "other", "person", "US");
    const auto result = world.Score();
    scores.insert(result[0].score);
    log_odds.insert(std::round(result[0].log_odds * 1e9));
    EXPECT_EQ(result[0].level, RiskLevel::kLow);
  }
  EXPECT_EQ(scores.size(), 1u);
  EXPECT_EQ(log_odds.size(), 1u);
}

TEST(RiskScorer, FlagsARingAndExplainsEveryReason) {
  World world;
  // Five personas at five companies share a payout account and a shipping address; their
  // phones are VoIP and they apply through a VPN. One more member shares only a device with
  // one of them. Ten legitimate applicants around them.
  for (int member = 0; member < 5; ++member) {
    const char* families[] = {"reed", "okafor", "lindqvist", "moreau", "tanaka"};
    const char* givens[] = {"daniel", "grace", "oscar", "chloe", "kenji"};
    NormalizedApplication& a = world.Add("R" + std::to_string(member), "co" + std::to_string(member),
                                         givens[member], families[member], "US");
    a.address_key = "street " + std::to_string(member) + "|0000" + std::to_string(member) + "|US";
    a.payout_account = "US000111222333";
    a.shipping_address_key = "77 harbor way 07302 us";
    a.line_type = LineType::kNonFixedVoip;
    a.phone_e164 = "+1202555010" + std::to_string(member);
    a.ip_info.is_anonymous = true;
    a.ip_info.kind = IpKind::kVpn;
    a.device_id = member == 4 ? "dev-x" : "dev-r" + std::to_string(member);
  }
  world.Add("R5", "co9", "quiet", "member", "US").device_id = "dev-x";
  AddBackground(world, 200);
  graph::NetworkResult networks;
  const auto result = world.Score({}, &networks);
  for (int member = 0; member < 5; ++member) {
    SCOPED_TRACE(member);
    EXPECT_GE(result[member].level, RiskLevel::kHigh) << DebugReasons(result[member]);
    const Reason* payout = FindReason(result[member], "SHARED_PAYOUT_ACCOUNT");
    ASSERT_NE(payout, nullptr);
    EXPECT_EQ(payout->evidence.front().find("US000111222333"), std::string::npos);  // masked
    EXPECT_NE(payout->evidence[1].find("R" + std::to_string((member + 1) % 5)), std::string::npos);
    // Reasons add up to the score's log-odds: nothing unexplained.
    double sum = Prior();
    for (const Reason& reason : result[member].reasons) sum += reason.log_odds;
    EXPECT_NEAR(sum, result[member].log_odds, 1e-9);
  }
  // The quiet member has no red flag of its own but sits in the ring's network.
  EXPECT_EQ(networks.NetworkIdOfApplication(5), networks.NetworkIdOfApplication(0));
  const Reason* inherited = FindReason(result[5], "NETWORK_RISK");
  ASSERT_NE(inherited, nullptr);
  EXPECT_GT(inherited->log_odds, 1.0);
  for (std::size_t legit = 6; legit < result.size(); ++legit) {
    EXPECT_EQ(result[legit].level, RiskLevel::kLow);
    EXPECT_TRUE(result[legit].reasons.empty());
  }
}

TEST(RiskScorer, CapsCorrelatedAccessIndicators) {
  World world;
  NormalizedApplication& a = world.Add("P1", "acme", "a", "b", "US");
  a.line_type = LineType::kNonFixedVoip;
  a.ip_info.is_anonymous = true;
  a.shipping_address_key = "somewhere else 99999";
  a.postal_code = "10001";
  a.street = "5 main st";
  const auto result = world.Score();
  double access = 0;
  for (const Reason& reason : result[0].reasons) {
    if (FindIndicator(reason.code)->family == IndicatorFamily::kAccessAnonymity) access += reason.log_odds;
  }
  EXPECT_NEAR(access, std::log(4.0) + std::log(5.0), 1e-9);  // under the cap of ln 30
  EXPECT_NE(FindReason(result[0], "SHIPPING_NOT_RESIDENCE"), nullptr);
  EXPECT_EQ(FindReason(result[0], "IP_COUNTRY_MISMATCH"), nullptr);  // VPN location means nothing
}

TEST(RiskScorer, GeographyComparesClaimsWithEvidenceOnly) {
  struct Case {
    const char* claimed;
    const char* ip_country;
    bool mismatch;
  } cases[] = {{"US", "US", false}, {"KR", "KR", false}, {"US", "CN", true},
               {"IN", "RU", true}, {"", "CN", false}, {"US", "", false}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.claimed) + "/" + c.ip_country);
    World world;
    NormalizedApplication& a = world.Add("P1", "acme", "a", "b", c.claimed);
    a.ip_info.country = c.ip_country;
    const auto result = world.Score();
    EXPECT_EQ(FindReason(result[0], "IP_COUNTRY_MISMATCH") != nullptr, c.mismatch);
  }
}

TEST(RiskScorer, ExternalFindingsCountWithTheirStrength) {
  World world;
  world.Add("P1", "acme", "a", "b", "US");
  world.Add("P2", "acme", "c", "d", "US");
  world.Add("P3", "acme", "e", "f", "US");
  ExternalEvidence external;
  external.findings.push_back({0, "SANCTIONS_MATCH", "sdn entry 12345 (score 0.97)", 1.0});
  external.findings.push_back({1, "SIGNIN_FOREIGN_GEO", "signins from KP", 0.5});
  external.findings.push_back({2, "NOT_A_CODE", "ignored", 1.0});
  external.findings.push_back({99, "SANCTIONS_MATCH", "out of range", 1.0});
  const auto result = world.Score(external);
  EXPECT_GE(result[0].level, RiskLevel::kHigh);
  ASSERT_NE(FindReason(result[0], "SANCTIONS_MATCH"), nullptr);
  EXPECT_EQ(FindReason(result[0], "SANCTIONS_MATCH")->evidence.front(), "sdn entry 12345 (score 0.97)");
  EXPECT_NEAR(FindReason(result[1], "SIGNIN_FOREIGN_GEO")->log_odds, 0.5 * std::log(6.0), 1e-9);
  EXPECT_TRUE(result[2].reasons.empty());
}

TEST(RiskScorer, OnlyAVirtualNumberIsVoipRisk) {
  // A fixed VoIP line is an address-bound home phone (Korea's 070, Japan's 050, a cable
  // company's): no reason; a virtual number (Google Voice) is the indicator.
  for (LineType type : {LineType::kFixedVoip, LineType::kNonFixedVoip, LineType::kMobile, LineType::kLandline}) {
    World world;
    NormalizedApplication& a = world.Add("P1", "acme", "a", "b", "KR");
    a.phone_e164 = "+827012345678";
    a.line_type = type;
    const auto result = world.Score();
    EXPECT_EQ(FindReason(result[0], "VOIP_PHONE") != nullptr, type == LineType::kNonFixedVoip)
        << static_cast<int>(type);
  }
}

TEST(RiskScorer, AReviewOnlyFindingIsShownButNeverChangesTheScore) {
  // Identical applicants, one of whom has a name-only sanctions hit: same score, same level,
  // and the hit is a reason of weight 0 the reviewer sees.
  World world;
  for (const char* persona : {"P1", "P2"}) {
    NormalizedApplication& a = world.Add(persona, "acme", "a", "b", "US");
    a.line_type = LineType::kNonFixedVoip;
    a.ip_info.is_anonymous = true;
  }
  ExternalEvidence external;
  external.findings.push_back({0, "SANCTIONS_MATCH", "'Kim Chol' ~ SDN 12345 score 0.93; name only", 0.93, true});
  const auto result = world.Score(external);
  EXPECT_EQ(result[0].score, result[1].score);
  EXPECT_EQ(result[0].level, result[1].level);
  EXPECT_DOUBLE_EQ(result[0].log_odds, result[1].log_odds);
  const Reason* review = FindReason(result[0], "SANCTIONS_MATCH");
  ASSERT_NE(review, nullptr);
  EXPECT_EQ(review->log_odds, 0.0);
  EXPECT_NE(review->summary.find("review"), std::string::npos) << review->summary;
  EXPECT_EQ(review->evidence.front(), "'Kim Chol' ~ SDN 12345 score 0.93; name only");
  EXPECT_EQ(FindReason(result[1], "SANCTIONS_MATCH"), nullptr);
}

TEST(RiskScorer, PersonaVariantsMeansDifferentPeopleBehindOneIdentifier) {
  // One persona, one phone, names as typed on two applications (through the real normalizer).
  struct Case {
    const char* first;
    const char* second;
    bool variants;
  } cases[] = {
      {"Robert Smith", "Bob Smith", false},            // nickname
      {"Kim Min-jun", "Minjun Kim", false},            // order and hyphen
      {"김민준", "Minjun Kim", false},                 // Hangul and its romanization: one name
      {"王芳", "Fang Wang", false},                    // Han and pinyin
      {"伊藤大輝", "Daiki Ito", false},                // Kanji, read in Mandarin by ICU
      {"Wei Zhang", "Kevin Zhang", false},             // adopted English name
      {"Karen Smith", "Karen E. White", false},        // maiden name
      {"Dmitriy Ivanov", "Dmitry Ivanov", false},      // romanization
      {"John Smith", "Maria Garcia", true},            // two people, one phone
      {"Emily Chen", "Oleksandr Bondarenko", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.first) + " / " + c.second);
    World world;
    for (const char* raw : {c.first, c.second}) {
      NormalizedApplication& a = world.Add("P1", "co" + std::to_string(world.applications.size()), "x", "y", "US");
      a.name = normalize::NormalizePersonName(raw);
      a.phone_e164 = "+12025550143";
    }
    const auto result = world.Score();
    EXPECT_EQ(FindReason(result[0], "PERSONA_VARIANTS") != nullptr, c.variants);
    EXPECT_EQ(result[0].level, RiskLevel::kLow);  // alone, never enough to flag
  }
}

TEST(RiskScorer, PersonaVariantsFollowsNamesStepByStep) {
  // Three names on one phone. A nickname, the married name and the maiden name are one woman
  // when each step shares a part; two names with nothing between them are two people; one
  // known date of birth joins names that share nothing, two different ones part them.
  struct Case {
    std::vector<const char*> names;
    std::vector<std::optional<CivilDate>> births;
    bool variants;
  } cases[] = {
      {{"Chinny Adeyemi", "Chinedu Adeyemi", "Chinedu Okafor"}, {{}, {}, {}}, false},
      {{"Chinny Adeyemi", "Chinedu Okafor"}, {{}, {}}, true},
      {{"Amy Liu", "Jie Wu"}, {CivilDate{1973, 2, 14}, CivilDate{1973, 2, 14}}, false},
      {{"Jie Liu", "Jie Wu"}, {CivilDate{1973, 2, 14}, CivilDate{1980, 5, 1}}, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.names.front()) + " ... " + c.names.back());
    World world;
    for (std::size_t idx = 0; idx < c.names.size(); ++idx) {
      NormalizedApplication& a = world.Add("P1", "co" + std::to_string(idx), "x", "y", "US");
      a.name = normalize::NormalizePersonName(c.names[idx]);
      a.date_of_birth = c.births[idx];
      a.phone_e164 = "+12025550143";
    }
    const auto result = world.Score();
    EXPECT_EQ(FindReason(result[0], "PERSONA_VARIANTS") != nullptr, c.variants) << DebugReasons(result[0]);
  }
}

TEST(RiskScorer, VelocityAloneIsWeak) {
  World world;
  for (int idx = 0; idx < 12; ++idx) {
    NormalizedApplication& a = world.Add("P1", "co" + std::to_string(idx), "alex", "morgan", "US");
    a.submitted_at = 1'700'000'000 + idx * 3600;
  }
  world.Add("P2", "co1", "robert", "lee", "US");
  const auto result = world.Score();
  ASSERT_NE(FindReason(result[0], "APPLICATION_VELOCITY"), nullptr);
  EXPECT_EQ(FindReason(result[0], "PERSONA_VARIANTS"), nullptr);
  EXPECT_LE(result[0].level, RiskLevel::kMedium);
  EXPECT_TRUE(result[12].reasons.empty());
}

TEST(RiskScorer, HouseholdsAreNotFlagged) {
  // Households of 2-4 personas: one address, the home IP the same evening, a family computer,
  // the couple's joint account, a family phone, VPN use by one member. None is flagged, and
  // nothing they share with each other is a reason. (One payout account among three or more
  // residents is ring evidence: CollectEvidence tests.)
  for (int size = 2; size <= 4; ++size) {
    SCOPED_TRACE(size);
    World world;
    const char* givens[] = {"john", "mary", "lucas", "emma"};
    for (int member = 0; member < size; ++member) {
      NormalizedApplication& a = world.Add("H" + std::to_string(member), "co" + std::to_string(member),
                                           givens[member], member == 3 ? "jones" : "smith", "US");
      a.address_key = "12 elm st|62701|US";
      a.ip_address = "203.0.113.5";
      a.submitted_at = 1'700'000'000 + member * 3600;
      a.device_id = "family-pc";
      a.payout_account = member < 2 ? "US0001112223" : "US000999000" + std::to_string(member);
      a.phone_e164 = "+12175550100";
      if (member == 0) {
        a.ip_info.is_anonymous = true;
        a.ip_info.kind = IpKind::kVpn;
      }
    }
    const auto result = world.Score();
    for (int member = 0; member < size; ++member) {
      SCOPED_TRACE(member);
      EXPECT_LT(result[member].level, RiskLevel::kHigh);
      for (const char* code : {"SHARED_HOME_ADDRESS", "SHARED_DEVICE", "SHARED_PAYOUT_ACCOUNT",
                               "SHARED_PHONE", "SHARED_IP", "NETWORK_RISK"}) {
        EXPECT_EQ(FindReason(result[member], code), nullptr) << code;
      }
    }
  }
}

// A bystander who used the ring's VPN exit on the same day may land in the ring's network (one
// weak tie to every member), but a shared exit is corroboration only: he inherits next to
// nothing and is not flagged.
TEST(RiskScorer, ARingSharingSeveralArtifactsIsFlaggedAndABystanderIsNot) {
  World world;
  // Six personas with different names and residences: a phone pool (pairs), two devices, one
  // resume template, a shipping address for the hires, a payout account. One legitimate
  // stranger used the same VPN exit as one of them on the same day.
  const char* families[] = {"reed", "okafor", "lindqvist", "moreau", "tanaka", "novak"};
  const char* givens[] = {"daniel", "grace", "oscar", "chloe", "kenji", "petra"};
  for (int member = 0; member < 6; ++member) {
    NormalizedApplication& a = world.Add("R" + std::to_string(member), "co" + std::to_string(member),
                                         givens[member], families[member], "US");
    a.address_key = "street " + std::to_string(member) + "|1000" + std::to_string(member) + "|US";
    a.phone_e164 = "+1202555010" + std::to_string(member / 2);
    a.device_id = "dev-" + std::to_string(member % 2);
    a.photo_hash = 0xf0f0a5a5c3c3117eULL ^ (member == 3 ? 0x3ULL : 0);
    if (member < 3) {
      a.shipping_address_key = "77 harbor way 07302 us";
      a.payout_account = "US000111222333";
    }
    a.ip_address = "198.51.100.9";
    a.ip_info.is_anonymous = true;
    a.ip_info.kind = IpKind::kVpn;
  }
  NormalizedApplication& stranger = world.Add("S", "co9", "pat", "quinn", "US");
  stranger.ip_address = "198.51.100.9";
  stranger.ip_info.is_anonymous = true;
  stranger.ip_info.kind = IpKind::kVpn;
  // Added after the stranger is set up: Add() may reallocate and invalidate the reference.
  AddBackground(world, 200);
  graph::NetworkResult networks;
  const auto result = world.Score({}, &networks);
  for (int member = 0; member < 6; ++member) {
    SCOPED_TRACE(member);
    EXPECT_GE(result[member].level, RiskLevel::kHigh);
    EXPECT_EQ(networks.NetworkIdOfApplication(member), networks.NetworkIdOfApplication(0));
  }
  EXPECT_LT(result[6].level, RiskLevel::kHigh);
  for (const Reason& reason : result[6].reasons) {
    SCOPED_TRACE(reason.code);
    if (reason.code == "NETWORK_RISK" || reason.code == "SHARED_IP") {
      EXPECT_LT(reason.log_odds, 0.6);
    }
  }
}

TEST(IndicatorCatalog, HasEveryRequiredCodeOnceWithSourceAndWeight) {
  std::set<std::string_view> codes;
  for (const Indicator& indicator : IndicatorCatalog()) {
    SCOPED_TRACE(indicator.code);
    EXPECT_TRUE(codes.insert(indicator.code).second);
    for (char c : indicator.code) EXPECT_TRUE((c >= 'A' && c <= 'Z') || c == '_');
    EXPECT_GT(indicator.likelihood_ratio, 1);
    EXPECT_NE(indicator.source.find("threat-domain.md"), std::string_view::npos);
    EXPECT_FALSE(indicator.meaning.empty());
  }
  for (const char* required :
       {"VOIP_PHONE", "ANONYMIZING_IP", "IP_COUNTRY_MISMATCH", "SHARED_PHONE", "SHARED_DEVICE",
        "SHARED_PAYOUT_ACCOUNT", "SHARED_SHIPPING_ADDRESS", "SHIPPING_NOT_RESIDENCE",
        "NATIONAL_ID_REUSE", "RESUME_REUSE", "PHOTO_REUSE", "PERSONA_VARIANTS",
        "APPLICATION_VELOCITY", "SANCTIONS_MATCH", "KNOWN_BAD_INDICATOR", "NETWORK_RISK",
        "SIGNIN_ANONYMIZER", "SIGNIN_FOREIGN_GEO", "IMPOSSIBLE_TRAVEL", "SIGNIN_OFF_HOURS",
        "SHARED_SIGNIN_IP", "NEW_DEVICE_BURST", "IDV_FAILED", "INTERVIEW_FLAGS"}) {
    SCOPED_TRACE(required);
    EXPECT_NE(FindIndicator(required), nullptr);
  }
  EXPECT_EQ(FindIndicator("NOPE"), nullptr);
}

}  // namespace
}  // namespace crosscheck::score
