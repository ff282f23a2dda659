// Names close to listed DPRK individuals: ordinary Korean and Chinese names that share the family
// name and one given-name syllable with an individual of OFAC's DPRK sanctions programs (Kim
// Yong-min beside the listed KIM, Yong Chol). Legitimate people carry such names by the
// thousand; a screening rule must not treat them as hits. Never the listed name itself.
//
//   NearListedName name = DrawNearListedName(/*chinese=*/false, rng);  // {"Kim", "Cheol-su"}
#pragma once

#include <string>
#include <string_view>

#include "crosscheck/simulate/random.h"

namespace crosscheck::simulate {

// NearListedName is a family name and a given name in Latin script.
struct NearListedName {
  std::string family;
  std::string given;
};

// DrawNearListedName picks a listed individual of the tradition (Korean, or with `chinese`
// Chinese), keeps the family name (in the listed or the South Korean spelling) and one given
// syllable, and adds an ordinary syllable. The result is never a listed name or alias
// (IsListedDprkName is false for it).
NearListedName DrawNearListedName(bool chinese, Rng& rng);

// IsListedDprkName says whether family + given, compared on letters only and ignoring case,
// is the name or an alias of an individual of the DPRK programs in the OFAC SDN list (the
// table is taken from shared/data/ofac sdn.csv and alt.csv).
bool IsListedDprkName(std::string_view family, std::string_view given);

// IsNearListedDprkName says whether a name is what DrawNearListedName makes: not listed, but
// with the family name (either spelling) of a listed Korean or Chinese individual and one of
// that individual's given syllables. `given` is "Yong-min" / "Yong Min" (Korean) or "Dongwei".
bool IsNearListedDprkName(std::string_view family, std::string_view given);

}  // namespace crosscheck::simulate
