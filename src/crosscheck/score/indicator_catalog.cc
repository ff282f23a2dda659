#include "crosscheck/score/indicator_catalog.h"

#include <cmath>

namespace crosscheck::score {

const char* IndicatorFamilyName(IndicatorFamily family) {
  switch (family) {
    case IndicatorFamily::kAccessAnonymity: return "access_anonymity";
    case IndicatorFamily::kSharedInfrastructure: return "shared_infrastructure";
    case IndicatorFamily::kPersonaBehaviour: return "persona_behaviour";
    case IndicatorFamily::kIdentityCheck: return "identity_check";
    case IndicatorFamily::kPostHire: return "post_hire";
    case IndicatorFamily::kWatchlist: return "watchlist";
    case IndicatorFamily::kNetwork: return "network";
  }
  return "unknown";
}

double FamilyLogOddsCap(IndicatorFamily family) {
  // A VPN, a VoIP line and a foreign IP are often one fact (the person is elsewhere); they may
  // add at most a likelihood ratio of 30 together. Shared infrastructure is the strongest
  // cheap signal (threat-domain.md section 5.1) and may reach 10^4.
  switch (family) {
    case IndicatorFamily::kAccessAnonymity: return std::log(30.0);
    case IndicatorFamily::kSharedInfrastructure: return std::log(1e4);
    case IndicatorFamily::kPersonaBehaviour: return std::log(30.0);
    case IndicatorFamily::kIdentityCheck: return std::log(100.0);
    case IndicatorFamily::kPostHire: return std::log(300.0);
    case IndicatorFamily::kWatchlist: return std::log(1e4);
    case IndicatorFamily::kNetwork: return std::log(300.0);
  }
  return 0;
}

const std::vector<Indicator>& IndicatorCatalog() {
  using F = IndicatorFamily;
  // Likelihood ratios are engineering estimates from the public case material cited in
  // `source`, set once for all data (not fitted to a test world); see docs/INDICATORS.md.
  static const std::vector<Indicator> catalog = {
      {"VOIP_PHONE", F::kAccessAnonymity, 4,
       "The phone number is a virtual (non-fixed VoIP) number, not a carrier mobile, landline or "
       "address-bound (fixed) VoIP home line.",
       "phone_line_type or libphonenumber line type",
       "threat-domain.md 2.4 A3 (Mandiant; Sardine)"},
      {"ANONYMIZING_IP", F::kAccessAnonymity, 5,
       "The application or interview came from a VPN, proxy, Tor or hosting address.",
       "ip_address with IP intelligence (MaxMind Anonymous IP, ranges CSV)",
       "threat-domain.md 2.6 C6, 2.8 E1 (DTEX; Mandiant; Red Canary)"},
      {"IP_COUNTRY_MISMATCH", F::kAccessAnonymity, 4,
       "The non-anonymizing IP is located in a different country than the claimed residence.",
       "country (claim) vs IP geolocation (evidence)",
       "threat-domain.md 2.5 B4, 2.6 C6 (SEAL; DTEX)"},
      {"SHARED_PHONE", F::kSharedInfrastructure, 30,
       "The phone number is used by other personas.", "phone (E.164)",
       "threat-domain.md 2.4 A2 (FBI PSA250123)"},
      {"SHARED_EMAIL", F::kSharedInfrastructure, 30,
       "The e-mail address is used by other personas.", "email (canonical)",
       "threat-domain.md 2.4 A2 (FBI PSA250123)"},
      {"SHARED_DEVICE", F::kSharedInfrastructure, 40,
       "The device fingerprint is used by other personas.", "device_id",
       "threat-domain.md 2.8 E4 (State/FBI 2022; DOJ laptop farms)"},
      {"SHARED_PAYOUT_ACCOUNT", F::kSharedInfrastructure, 100,
       "The payout account receives salary for other personas.", "payout_account",
       "threat-domain.md 2.7 D4 (FBI; Secureworks)"},
      {"SHARED_SHIPPING_ADDRESS", F::kSharedInfrastructure, 30,
       "Equipment for other personas ships to the same address (laptop farm).",
       "shipping_address", "threat-domain.md 2.7 D2 (DOJ Chapman, June 2025 action)"},
      {"SHARED_HOME_ADDRESS", F::kSharedInfrastructure, 8,
       "Other personas claim the same residence.", "street, postal_code, country",
       "threat-domain.md 2.4 A2, 2.7 D2"},
      {"SHARED_PROFILE", F::kSharedInfrastructure, 30,
       "The GitHub or LinkedIn handle is given by other personas.", "github, linkedin",
       "threat-domain.md 2.4 A2, A10 (FBI PSA250123; SEAL)"},
      {"SHARED_IP", F::kSharedInfrastructure, 6,
       "Other personas applied from the same IP (within the window, or an anonymizing exit).",
       "ip_address, submitted_at", "threat-domain.md 2.8 E4 (State/FBI 2022)"},
      {"NATIONAL_ID_REUSE", F::kSharedInfrastructure, 200,
       "The national id is given under different names.", "national_id, full_name",
       "threat-domain.md 2.5 B1 (KnowBe4; DOJ Chapman)"},
      {"RESUME_REUSE", F::kSharedInfrastructure, 30,
       "The resume is a near-duplicate of other personas' resumes once names and contact "
       "details are removed.",
       "resume_text (MinHash over word shingles)",
       "threat-domain.md 2.4 A1 (State 2022; FBI PSA250123; Mandiant)"},
      {"PHOTO_REUSE", F::kSharedInfrastructure, 50,
       "The profile photo is a near-duplicate of other personas' photos.",
       "photo_hash (64-bit pHash, Hamming distance)", "threat-domain.md 2.4 A9 (FBI PSA231018)"},
      {"SHIPPING_NOT_RESIDENCE", F::kPersonaBehaviour, 3,
       "Equipment is to be shipped somewhere other than the claimed residence.",
       "shipping_address vs street, postal_code",
       "threat-domain.md 2.7 D1 (State 2022; FBI 2023; Unit 42)"},
      {"PERSONA_VARIANTS", F::kPersonaBehaviour, 6,
       "One persona's phone, e-mail or national id carries names that share no part or "
       "different dates of birth (different people behind one identifier); half weight for "
       "four or more e-mails or phones.",
       "full_name, email, phone across the persona's applications",
       "threat-domain.md 2.5 B3 (State 2022; OFSI)"},
      {"APPLICATION_VELOCITY", F::kPersonaBehaviour, 2,
       "One persona applied to many companies within a few days.", "company_id, submitted_at",
       "threat-domain.md 2.4 A12 (Okta; SEAL)"},
      {"IDV_FAILED", F::kIdentityCheck, 15,
       "The identity-verification vendor check failed.", "idv_status",
       "threat-domain.md 2.5 B2 (State 2022; Microsoft)"},
      {"INTERVIEW_FLAGS", F::kIdentityCheck, 3,
       "Interviewers recorded integrity observations (camera off, reading answers, ...).",
       "interview_flags", "threat-domain.md 2.6 C1, C3 (FBI PSA231018; SEAL)"},
      {"INTERVIEW_IDENTITY_MISMATCH", F::kIdentityCheck, 20,
       "Interviewers suspected a deepfake or a different person than the one who applied.",
       "interview_flags DEEPFAKE_SUSPECTED, DIFFERENT_PERSON",
       "threat-domain.md 2.6 C2, C8 (FBI PSA250723)"},
      {"SIGNIN_ANONYMIZER", F::kPostHire, 5,
       "The employee signs in through a VPN, proxy or hosting network.",
       "signins.jsonl securityContext, IP intelligence",
       "threat-domain.md 2.8 E1 (Mandiant; LevelBlue)"},
      {"SIGNIN_FOREIGN_GEO", F::kPostHire, 6,
       "The employee signs in from a country other than the claimed residence.",
       "signins.jsonl geographicalContext", "threat-domain.md 2.8 E2 (Microsoft; SEAL)"},
      {"IMPOSSIBLE_TRAVEL", F::kPostHire, 4,
       "Consecutive sign-ins are too far apart for the time between them.",
       "signins.jsonl geolocation, published", "threat-domain.md 2.8 E3 (State 2022; Panther)"},
      {"SIGNIN_OFF_HOURS", F::kPostHire, 2,
       "Sign-in hours fit another time zone than the claimed residence.",
       "signins.jsonl published", "threat-domain.md 2.8 E6 (SEAL; KnowBe4)"},
      {"SHARED_SIGNIN_IP", F::kPostHire, 20,
       "Several employees sign in from one IP address.", "signins.jsonl client.ipAddress",
       "threat-domain.md 2.8 E4 (State 2022)"},
      {"NEW_DEVICE_BURST", F::kPostHire, 3,
       "Many new devices or fingerprints appear for the account in a short time.",
       "signins.jsonl device fingerprint", "threat-domain.md 2.8 E7 (LevelBlue; Okta)"},
      {"SANCTIONS_MATCH", F::kWatchlist, 10000,
       "The name matches an entry of the OFAC SDN list and the listed date of birth agrees "
       "(name only: a reason for review with no weight; a listed date of birth that disagrees: "
       "no match).",
       "full_name, date_of_birth vs sdn.csv",
       "threat-domain.md 2.9 F3 (OFAC)"},
      {"KNOWN_BAD_INDICATOR", F::kWatchlist, 300,
       "An e-mail, IP, domain, URL or account matches a known-bad STIX indicator.",
       "email, ip_address, linkedin, github vs STIX 2.1 bundle",
       "threat-domain.md 3.1 (DPRK IT-worker IOC repositories)"},
      // Reviewers' decisions (`crosscheck serve`, POST /v1/decisions): a confirmed persona is
      // ground truth for what it holds; what it shares with others is scaled by how specific
      // the artifact is (SharedArtifact::weight), so a VPN exit or a template marks nobody.
      {"CONFIRMED_FRAUD", F::kWatchlist, 1e4,
       "A reviewer confirmed an application of this persona as fraud.",
       "decisions (POST /v1/decisions: confirmed_fraud)",
       "reviewer decision; threat-domain.md 3.1 (confirmed cases become IOCs)"},
      {"CONFIRMED_FRAUD_LINK", F::kWatchlist, 300,
       "The persona shares an artifact (phone, device, payout account, ...) with a persona a "
       "reviewer confirmed as fraud.",
       "decisions, shared artifacts (graph module)", "reviewer decision; threat-domain.md 2.4 A2, 2.7 D4"},
      {"NETWORK_RISK", F::kNetwork, 300,
       "The persona belongs to a network whose other members carry strong evidence.",
       "networks (graph module), other members' reasons",
       "threat-domain.md 2.9 F1 (FBI PSA240516, PSA250723)"},
      // Consortium findings (`scan --hub-findings`): the hub's evidence about this company's
      // applications, from every member's keyed submissions. The likelihood ratio is the
      // family's cap; a finding's strength is the hub's own log-odds over it, so the hub's
      // weighing carries over unchanged and the family caps still bound local + consortium.
      {"CONSORTIUM_SHARED_ARTIFACT", F::kSharedInfrastructure, 1e4,
       "Artifacts of this application (phone, device, payout account, photo, resume, ...) are "
       "held by other personas at other companies of the consortium.",
       "hub findings: artifact kinds and counts (never other companies' data)",
       "threat-domain.md 2.4 A2, 2.7 D4; consortium-service-scale.md 1.6"},
      {"CONSORTIUM_NETWORK_RISK", F::kNetwork, 300,
       "Across the consortium, the persona belongs to a network whose other members carry "
       "strong evidence.",
       "hub findings: network size and company count",
       "threat-domain.md 2.9 F1; consortium-service-scale.md 1.6"},
      {"CONSORTIUM_PERSONA", F::kPersonaBehaviour, 30,
       "Across the consortium, the persona shows different people behind one identifier, "
       "many contacts or applications to many companies within days.",
       "hub findings: the persona's counts at other companies",
       "threat-domain.md 2.4 A12, 2.5 B3"},
  };
  return catalog;
}

const Indicator* FindIndicator(std::string_view code) {
  for (const Indicator& indicator : IndicatorCatalog()) {
    if (indicator.code == code) return &indicator;
  }
  return nullptr;
}

}  // namespace crosscheck::score
