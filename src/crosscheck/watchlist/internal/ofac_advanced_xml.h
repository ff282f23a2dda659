// OFAC's "advanced" XML (sdn_advanced.xml, cons_advanced.xml; root <Sanctions> in the
// sanctionslistservice ADVANCED_XML namespace or any other): numeric ids everywhere, given
// meaning by <ReferenceValueSets> (AliasType, NamePartType, PartySubType/PartyType,
// FeatureType, Country, List, SanctionsType, Script, LocPartType); <Locations>; one
// <DistinctParty FixedRef> per listed party (FixedRef is the legacy CSV's ent_num) with its
// Profile -> Identity -> Alias -> DocumentedName -> NamePartValue and its Features (Birthdate,
// Place of Birth, Nationality Country, Location, Title); <SanctionsEntries> naming each
// profile's list and programmes. ParseOfacAdvancedXml turns it into the same entries the CSV
// files give.
//
//   IssueLog issues;
//   auto entries = ParseOfacAdvancedXml(text, "sdn_advanced.xml", issues);
#pragma once

#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/watchlist/sanctions_list.h"

namespace crosscheck::watchlist::internal {

// ParseOfacAdvancedXml returns one entry per DistinctParty: ent_num and reference = FixedRef;
// source kSdnSource, or kOfacConsolidatedSource when its SanctionsEntry's list is not the
// "SDN List"; type from the PartySubType (Vessel, Aircraft) or its PartyType (Individual,
// else entity); name = the primary alias's Latin name written as the CSV writes it (the
// Last Name parts, a comma, the other parts: "KIM, Jong Un"); every other name an alias
// (alt_type "aka", "fka", "nka" from its AliasType; a primary alias's name in another script
// "original script"; LowQuality ones, which the CSV writes only in the remarks as weak
// a.k.a.s, remarks "low quality"); programs = the Comments of its "Program" SanctionsMeasures;
// birth_dates from Birthdate DatePeriods (Approximate = "circa"); places_of_birth,
// nationalities (Nationality and Citizenship Country) and addresses from features and
// Locations; title from a Title feature. A party with a bad or repeated FixedRef
// (OFAC_ADV_BAD_FIXEDREF, OFAC_ADV_DUPLICATE_FIXEDREF) or without a name (OFAC_ADV_EMPTY_NAME)
// is skipped with an Issue naming file_name and the party's line; an id missing from the
// reference sets or Locations (OFAC_ADV_UNKNOWN_REFERENCE), an unreadable date of birth
// (OFAC_ADV_BAD_DATE_OF_BIRTH) and a profile no SanctionsEntry names
// (OFAC_ADV_NO_SANCTIONS_ENTRY: an SDN entry without programmes) are Issues on the line, the
// entry kept. XML that is not well
// formed is read up to the damage libxml2 cannot get past, with one OFAC_ADV_XML_MALFORMED
// Issue. The file is streamed, one party at a time (the published one is about 120 MB), so
// ReferenceValueSets and Locations are read where OFAC writes them, before DistinctParties; the
// SanctionsEntries may come anywhere. Errors: kInvalidInput when text is no XML, its root is
// not Sanctions, or it holds no readable party.
Result<std::vector<SanctionsEntry>> ParseOfacAdvancedXml(std::string_view text, std::string_view file_name,
                                                         IssueLog& issues);

}  // namespace crosscheck::watchlist::internal
