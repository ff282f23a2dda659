// Is an artifact shared by several personas really one person's? Linkage can leave one
// person in several personas (name variants, a phone that did not parse); what those
// personas share is not reuse by different people. Internal to graph (evidence_edge).
//
//   if (internal::HeldByOnePerson(apps, identity, artifact)) artifact.party_count = 1;
#pragma once

#include <cstdint>
#include <vector>

#include "crosscheck/common/model.h"
#include "crosscheck/graph/evidence_edge.h"

namespace crosscheck::graph::internal {

// HeldByOnePerson says whether the artifact's holders (identity units, by `holder_of` per
// application) are one person, judged by the names and dates of birth on the applications
// that hold the artifact:
// - one name throughout: some name of the first holder could be a name of every other holder
//   (CouldBeOnePerson; dates of birth are not compared for profile handles, which namesakes
//   type alike), or
// - one holder uses every name: every name of every other holder is a spelling of a name the
//   one holder itself uses (NamesAreOnePerson, dates of birth not disagreeing). A heavy
//   applier under an English given name, his own and his maiden family name whom linkage left
//   in a dozen pieces is one person; a ring's personas each have names nobody else uses.
// An unnamed holder is never shown to be the same person.
bool HeldByOnePerson(const std::vector<NormalizedApplication>& applications,
                     const std::vector<std::uint32_t>& holder_of, const SharedArtifact& artifact);

}  // namespace crosscheck::graph::internal
