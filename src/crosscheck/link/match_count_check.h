// A check of EM's count of matches against the pairs that agree on every field. EM fits two
// classes to the candidate pairs, and when true matches are few among them (sources that
// share a fifth of their people) the larger class it finds can be "same place" instead of
// "same person": on five voter rolls sharing a fifth of their records, EM counted 175,000
// matches among 25,000 records (the truth: 2,054 pairs) and linked everyone of one suburb.
// The pairs agreeing exactly on every field are nearly all true matches, and the model says
// what share of matches agree on everything (Π known share × m(exact)); their count divided
// by that share is the matches the model itself implies. That figure came within 0.6-2.1× of
// the truth on the project's generated data; the linker takes the smaller of it and EM's.
//
//   const double share = std::min(fit.match_share, MatchShareImpliedByFullAgreement(patterns, fit.m));
#pragma once

#include <vector>

#include "crosscheck/link/em_estimator.h"

namespace crosscheck::link {

// MatchShareImpliedByFullAgreement returns the share of matching pairs among `patterns` (the
// candidate pairs' level vectors and counts, or an even sample of them) that their fully
// agreeing pairs imply under m: the count of pairs exact on every field divided by the
// probability that a match is (each field known at the rate it is known among the patterns),
// over the count of all pairs. Returns +infinity when no pair agrees on every field or the
// model gives that no probability (no evidence, no bound).
double MatchShareImpliedByFullAgreement(const std::vector<PatternCount>& patterns,
                                     const std::vector<std::vector<double>>& m);

}  // namespace crosscheck::link
