// Source alignment: inputs from different systems name the same attribute differently
// ("date_of_birth" here, "dob" there) or split it differently (given name and surname here,
// one full name there). Fields are unioned by column name, so without alignment the two
// sources' records would share no field to compare. AlignFieldsAcrossSources merges such
// columns into one field before linkage; inputs with one schema are left as they are.
//
//   CC_ASSIGN_OR_RETURN(RecordTable table, BuildRecordTable(sources, schema, issues));
//   std::vector<std::string> merges = AlignFieldsAcrossSources(table);  // for the log
#pragma once

#include <string>
#include <vector>

#include "crosscheck/link/record_table.h"

namespace crosscheck::link {

// AlignFieldsAcrossSources rewrites table in place and returns one line per merge:
// - Two fields of the same person-attribute type (name parts, full name, e-mail, phone,
//   date, postal code, street, city, state) that no source fills both of become one field
//   named "a/b", when their values overlap (a date column is not merged with an unrelated
//   one: at least 1% of the smaller column's distinct values, and 3, must occur in both).
// - When some sources have a full name and the others only given name and surname, the
//   parts are joined into the full name ("given surname") and the part fields are dropped;
//   the field is named "full/given/surname".
// A field's name thus lists the columns that feed it, '/'-separated (`explain` relies on it).
// Identifiers, categorical, text and free string fields are never merged: their names are
// all that tells them apart. Deterministic: depends only on the table.
std::vector<std::string> AlignFieldsAcrossSources(RecordTable& table);

}  // namespace crosscheck::link
