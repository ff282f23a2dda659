// The UN Security Council consolidated list in its published XML (scsanctions.un.org,
// consolidated.xml; schema sc-sanctions.xsd): <CONSOLIDATED_LIST> holding <INDIVIDUALS> and
// <ENTITIES>, each entry with DATAID, FIRST_NAME..FOURTH_NAME, UN_LIST_TYPE (the regime),
// REFERENCE_NUMBER ("QDi.123"), aliases, addresses, dates and places of birth, nationality.
// ParseUnConsolidatedXml turns it into entries of source kUnSource.
//
//   IssueLog issues;
//   auto entries = ParseUnConsolidatedXml(text, "consolidated.xml", issues);
#pragma once

#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/watchlist/sanctions_list.h"

namespace crosscheck::watchlist::internal {

inline constexpr std::string_view kUnSource = "UN SC";

// ParseUnConsolidatedXml returns every INDIVIDUAL and ENTITY of text: ent_num = DATAID,
// reference = REFERENCE_NUMBER, name = the name parts joined, programs = {UN_LIST_TYPE},
// aliases = ALIAS_NAMEs (alt_type "aka", remarks their QUALITY) and NAME_ORIGINAL_SCRIPT
// (alt_type "original script"). An entry without a positive DATAID (UN_BAD_DATAID), a
// repeated DATAID (UN_DUPLICATE_DATAID) or without a name (UN_EMPTY_NAME) is skipped with an
// Issue naming file_name and the entry's line; an unreadable date of birth is one
// UN_BAD_DATE_OF_BIRTH Issue, the entry kept. XML that is not well formed is read as far as
// libxml2 recovers it, with one UN_XML_MALFORMED Issue (line and parser message). Entity
// references are never expanded and nothing is fetched from the network. Errors:
// kInvalidInput when text is no XML at all, its root is not CONSOLIDATED_LIST, or it holds
// no readable entry.
Result<std::vector<SanctionsEntry>> ParseUnConsolidatedXml(std::string_view text, std::string_view file_name,
                                                           IssueLog& issues);

}  // namespace crosscheck::watchlist::internal
