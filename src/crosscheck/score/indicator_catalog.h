// The indicator catalogue: every risk reason crosscheck can give, with its stable code, what
// it means, what evidence it rests on, its weight as a likelihood ratio and where the red
// flag is documented. docs/INDICATORS.md is the same catalogue for people.
//
//   const score::Indicator* voip = score::FindIndicator("VOIP_PHONE");
//   double nats = std::log(voip->likelihood_ratio);
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace crosscheck::score {

// IndicatorFamily groups indicators that are correlated (one underlying fact tends to fire
// several of them); the scorer caps each family's total so correlated evidence is not
// counted as independent.
enum class IndicatorFamily : std::uint8_t {
  kAccessAnonymity,       // VoIP phone, anonymizing IP, IP country vs claimed residence
  kSharedInfrastructure,  // artifacts shared with other personas
  kPersonaBehaviour,      // variants, velocity, ship-to elsewhere
  kIdentityCheck,         // identity verification and interview observations
  kPostHire,              // sign-in monitoring (module monitor)
  kWatchlist,             // sanctions and known-bad indicators (module watchlist)
  kNetwork,               // risk inherited from the network
};

// IndicatorFamilyName returns the family's snake_case name.
const char* IndicatorFamilyName(IndicatorFamily family);

// FamilyLogOddsCap returns the most a family may add to an application's log-odds (nats).
double FamilyLogOddsCap(IndicatorFamily family);

// Indicator is one catalogue entry. Codes are UPPER_SNAKE, never renamed or reused.
struct Indicator {
  std::string_view code;
  IndicatorFamily family;
  double likelihood_ratio;    // P(evidence | fraud) / P(evidence | legitimate), full strength
  std::string_view meaning;   // one sentence for a reviewer
  std::string_view evidence;  // which data the indicator reads
  std::string_view source;    // where the red flag is documented (research/threat-domain.md)
};

// IndicatorCatalog returns every indicator, in documentation order. Thread-safe.
const std::vector<Indicator>& IndicatorCatalog();

// FindIndicator returns the indicator with `code`, or nullptr when there is none.
const Indicator* FindIndicator(std::string_view code);

}  // namespace crosscheck::score
