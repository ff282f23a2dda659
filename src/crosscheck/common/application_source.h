// What an application's `source` column (DATA.md) says about who submitted it.
#pragma once

#include <string_view>

namespace crosscheck {

// IsAgencySource says whether an application's `source` names a staffing agency that submitted
// it ("agency:<name>", any case): the agency, not the applicant, is then the party behind the
// contact values an agency puts on its candidates' applications (its inbox, its office line).
// Linkage does not join candidates on them (link/persona_link), and the network stage explains
// their sharing (graph::AgencyMayShare).
bool IsAgencySource(std::string_view source);

}  // namespace crosscheck
