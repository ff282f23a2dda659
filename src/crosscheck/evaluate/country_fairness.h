// Country fairness of a scan: how often each claimed country's legitimate applications were
// flagged (high or above), against the overall legitimate rate. The goal is that no country's
// rate exceeds max_ratio × the overall one; at false-positive rates of a few in 10,000 a
// country's count is a handful of applications, so each row also says how surprising its
// count would be if the country's true rate were exactly max_ratio × overall (a one-sided
// binomial p): a ratio of 5× made of one application is not evidence of unfairness; p < 0.01
// is.
//
//   std::vector<LegitOutcome> outcomes = ...;   // one per legitimate application
//   CountryFairness fairness = MeasureCountryFairness(outcomes, {.max_ratio = 2.0});
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace crosscheck::evaluate {

// LegitOutcome: one legitimate application's claimed country (ISO code, "-" when none) and
// whether the scan flagged it.
struct LegitOutcome {
  std::string country;
  bool flagged = false;
};

struct FairnessOptions {
  double max_ratio = 2.0;          // the goal: no country above this × the overall rate
  std::uint64_t min_legit = 500;   // countries with fewer legitimate applications are not rated
  double significance = 0.01;      // p below this: the country's rate is above max_ratio
};

struct CountryRate {
  std::string country;
  std::uint64_t legit = 0;
  std::uint64_t flagged = 0;
  double ratio = 0;    // this country's rate / the overall rate (0 when nobody was flagged)
  double p_above = 1;  // P(this many flags or more | rate = max_ratio × overall)
};

struct CountryFairness {
  FairnessOptions options;
  std::uint64_t legit = 0;
  std::uint64_t flagged = 0;
  std::vector<CountryRate> countries;  // rated countries, highest ratio first (then by code)

  double overall_rate() const;
  // The rated countries whose rate is shown to exceed max_ratio × overall (p < significance).
  std::vector<const CountryRate*> AboveGoal() const;
};

CountryFairness MeasureCountryFairness(const std::vector<LegitOutcome>& outcomes, const FairnessOptions& options);

// FormatFairnessText renders the rated countries (the five highest ratios, and any above the
// goal) for a terminal.
std::string FormatFairnessText(const CountryFairness& fairness);

// BinomialUpperTail is P(X >= k) for X ~ Binomial(n, p).
double BinomialUpperTail(std::uint64_t n, std::uint64_t k, double p);

}  // namespace crosscheck::evaluate
