// LinkPersonas: the hub's persona linkage over keyed name keys (docs/PRIVACY.md, "What the hub
// links"). Records are one person's when they share a whole-name key or enough part keys; for
// two records an agency submitted, part keys bound to the agency's own inbox, phone or computer
// say little, and such a tie may only attach a record with nothing of its own to the one
// persona it fits.
//
//   std::vector<std::string> ids = LinkPersonas(applications, name_words);  // "p" + handle
#pragma once

#include <string>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/hub/consortium_view.h"

namespace crosscheck::hub {

std::vector<std::string> LinkPersonas(const std::vector<const NormalizedApplication*>& apps,
                                      const std::vector<const std::vector<NameWord>*>& words);

}  // namespace crosscheck::hub
