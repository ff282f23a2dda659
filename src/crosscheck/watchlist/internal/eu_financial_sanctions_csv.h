// The EU consolidated financial sanctions list (the "Financial Sanctions Files", FSF) in its
// flattened CSV, format 1.1: semicolon separated, UTF-8, a header row of about 118 columns
// (fileGenerationDate, Entity_LogicalId, Entity_EU_ReferenceNumber, ..., NameAlias_WholeName,
// ..., BirthDate_BirthDate, ..., Citizenship_CountryIso2Code, ...), then one row per entity x
// name alias x date of birth x citizenship x address ..., the rows of one entity sharing its
// Entity_LogicalId. Columns are found by header name: their order has changed over time.
//
//   IssueLog issues;
//   auto entries = ParseEuFinancialSanctionsCsv(text, "eu_fsf.csv", issues);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/watchlist/sanctions_list.h"

namespace crosscheck::watchlist::internal {

inline constexpr std::string_view kEuSource = "EU FSF";

// ParseEuFinancialSanctionsCsv returns one entry per Entity_LogicalId, in the order the ids
// first appear: ent_num = Entity_LogicalId, reference = Entity_EU_ReferenceNumber (else the
// logical id), type from Entity_SubjectType or Entity_SubjectType_ClassificationCode (P or
// person: individual, E or enterprise: entity), programs = the distinct
// Entity_Regulation_Programme values, name = the first NameAlias_WholeName and every other
// distinct one an alias ("aka"), title = the NameAlias_Title values, remarks = Entity_Remark,
// dates of birth from BirthDate_BirthDate, else BirthDate_Year (BirthDate_Circa: +- 2 years),
// else BirthDate_YearRangeFrom/To; places of birth, citizenships (Citizenship_CountryDescription,
// else the ISO code) and addresses, each distinct value once. Issues name file_name and the
// row's line: a row whose logical id is not a positive integer is skipped (EU_BAD_LOGICAL_ID);
// an entity without any name is skipped (EU_EMPTY_NAME, at its first row); an unreadable date
// of birth (EU_BAD_DATE_OF_BIRTH) or subject type (EU_UNKNOWN_SUBJECT_TYPE, the entry kept as
// an entity) is reported once per entity; rows the CSV reader cannot read are skipped
// (EU_WRONG_FIELD_COUNT, EU_INVALID_UTF8, ...). Errors: kInvalidInput when text is empty, has
// no Entity_LogicalId or NameAlias_WholeName column (not this list), has a quote never
// closed, or yields no entry.
Result<std::vector<SanctionsEntry>> ParseEuFinancialSanctionsCsv(std::string text,
                                                                 std::string_view file_name,
                                                                 IssueLog& issues);

}  // namespace crosscheck::watchlist::internal
