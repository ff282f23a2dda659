// The UK's consolidated list in its two CSV layouts, read by header name:
//   - OFSI's ConList.csv: a first line "Last Updated,DD/MM/YYYY", then the header "Name 6,
//     Name 1, ..., Name 5, Title, ..., DOB, ..., Nationality, ..., Group Type, Alias Type,
//     Alias Quality, Regime, Listed On, ..., Group ID"; one row per name, the rows of one
//     designation sharing its Group ID; Name 6 is the surname (an entity's whole name).
//   - the FCDO's "UK Sanctions List" CSV: a first line "Report Date: ...", then "Last Updated,
//     Unique ID, OFSI Group ID, UN Reference Number, Name 6, Name 1, ..., Name type, Alias
//     strength, ..., Regime Name, Designation Type, ..., D.O.B, Nationality(/ies), ...", the
//     rows of one designation sharing its Unique ID.
//
//   IssueLog issues;
//   auto entries = ParseUkSanctionsCsv(text, "ConList.csv", issues);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/watchlist/sanctions_list.h"

namespace crosscheck::watchlist::internal {

inline constexpr std::string_view kUkSource = "UK";

// ParseUkSanctionsCsv returns one entry per designation (Group ID in ConList.csv, Unique ID in
// the UK Sanctions List), in the order they first appear: reference = that id, ent_num = the
// (OFSI) Group ID, name = the row whose Alias Type / Name type is "Primary name" (else the
// first row), written "NAME 6, Name 1 ... Name 5" for an individual and the parts joined for
// an entity or ship; every other row's name an alias (alt_type its Alias Type lower-cased,
// remarks its Alias Quality / strength) and "Name Non-Latin Script" an "original script" alias;
// type from Group Type / Designation Type (Individual, Entity, Ship); programs = Regime /
// Regime Name; dates of birth from DOB / D.O.B (DD/MM/YYYY, 00 for an unknown day or month:
// the year); nationalities, places and addresses as written, each distinct value once;
// remarks = Other Information. The first line is skipped when it is not the header. Issues
// name file_name and the row's line: a row without a Group ID number (UK_BAD_GROUP_ID) or
// Unique ID (UK_BAD_UNIQUE_ID), or without any name part (UK_EMPTY_NAME), is skipped; an
// unreadable date of birth (UK_BAD_DATE_OF_BIRTH) or type (UK_UNKNOWN_GROUP_TYPE, read as an
// entity) is reported once per designation; rows the CSV reader cannot read are skipped
// (UK_WRONG_FIELD_COUNT, ...). Errors: kInvalidInput when text is empty, has no Name 6 or
// no Group ID / Unique ID column (not this list), has a quote never closed, or yields no entry.
Result<std::vector<SanctionsEntry>> ParseUkSanctionsCsv(std::string text,
                                                        std::string_view file_name,
                                                        IssueLog& issues);

}  // namespace crosscheck::watchlist::internal
