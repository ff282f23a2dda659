#include "crosscheck/evaluate/country_fairness.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

namespace crosscheck::evaluate {

double CountryFairness::overall_rate() const {
  return legit == 0 ? 0.0 : static_cast<double>(flagged) / static_cast<double>(legit);
}

std::vector<const CountryRate*> CountryFairness::AboveGoal() const {
  std::vector<const CountryRate*> above;
  for (const CountryRate& rate : countries) {
    if (rate.ratio > options.max_ratio && rate.p_above < options.significance) above.push_back(&rate);
  }
  return above;
}

double BinomialUpperTail(std::uint64_t n, std::uint64_t k, double p) {
  if (k == 0) return 1.0;
  if (k > n || p <= 0.0) return 0.0;
  if (p >= 1.0) return 1.0;
  const double log_p = std::log(p), log_q = std::log1p(-p);
  const auto nd = static_cast<double>(n);
  const auto term = [&](std::uint64_t i) {
    const auto id = static_cast<double>(i);
    return std::exp(std::lgamma(nd + 1) - std::lgamma(id + 1) - std::lgamma(nd - id + 1) + id * log_p +
                    (nd - id) * log_q);
  };
  // Above the mean the terms fall from the first: the tail summed directly keeps tiny p values
  // (1 minus a lower tail near 1 would not). Below it, 1 minus the lower tail (k terms).
  if (static_cast<double>(k) > nd * p) {
    double upper = 0.0;
    for (std::uint64_t i = k; i <= n; ++i) {
      const double next = term(i);
      upper += next;
      if (next < upper * 1e-17) break;
    }
    return std::clamp(upper, 0.0, 1.0);
  }
  double lower = 0.0;
  for (std::uint64_t i = 0; i < k; ++i) lower += term(i);
  return std::clamp(1.0 - lower, 0.0, 1.0);
}

CountryFairness MeasureCountryFairness(const std::vector<LegitOutcome>& outcomes, const FairnessOptions& options) {
  CountryFairness fairness;
  fairness.options = options;
  std::map<std::string, CountryRate> by_country;
  for (const LegitOutcome& outcome : outcomes) {
    CountryRate& rate = by_country[outcome.country];
    rate.country = outcome.country;
    ++rate.legit;
    ++fairness.legit;
    if (outcome.flagged) {
      ++rate.flagged;
      ++fairness.flagged;
    }
  }
  const double overall = fairness.overall_rate();
  for (auto& [country, rate] : by_country) {
    if (rate.legit < options.min_legit) continue;
    const double own = static_cast<double>(rate.flagged) / static_cast<double>(rate.legit);
    rate.ratio = overall > 0 ? own / overall : 0.0;
    rate.p_above = BinomialUpperTail(rate.legit, rate.flagged, std::min(1.0, options.max_ratio * overall));
    fairness.countries.push_back(rate);
  }
  std::stable_sort(fairness.countries.begin(), fairness.countries.end(),
                   [](const CountryRate& left, const CountryRate& right) { return left.ratio > right.ratio; });
  return fairness;
}

std::string FormatFairnessText(const CountryFairness& fairness) {
  char line[256];
  std::snprintf(line, sizeof line,
                "fairness (claimed country, %llu+ legitimate applications): overall %.4f%% flagged at high "
                "(%llu of %llu); goal <= %.1fx\n",
                static_cast<unsigned long long>(fairness.options.min_legit), 100 * fairness.overall_rate(),
                static_cast<unsigned long long>(fairness.flagged), static_cast<unsigned long long>(fairness.legit),
                fairness.options.max_ratio);
  std::string out = line;
  const std::vector<const CountryRate*> above = fairness.AboveGoal();
  for (std::size_t idx = 0; idx < fairness.countries.size(); ++idx) {
    const CountryRate& rate = fairness.countries[idx];
    const bool is_above = std::find(above.begin(), above.end(), &rate) != above.end();
    if (idx >= 5 && !is_above) continue;
    std::snprintf(line, sizeof line, "  %-4s %6.2fx  %llu of %llu  p=%.3g against %.1fx%s\n", rate.country.c_str(),
                  rate.ratio, static_cast<unsigned long long>(rate.flagged), static_cast<unsigned long long>(rate.legit),
                  rate.p_above, fairness.options.max_ratio, is_above ? "  ABOVE THE GOAL" : "");
    out += line;
  }
  if (above.empty()) {
    std::snprintf(line, sizeof line, "  no country's rate is shown above %.1fx the overall (p < %.2g)\n",
                  fairness.options.max_ratio, fairness.options.significance);
    out += line;
  }
  return out;
}

}  // namespace crosscheck::evaluate
