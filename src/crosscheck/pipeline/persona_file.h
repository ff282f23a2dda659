// Persona assignments from a file: `scan --personas F` takes the persona of every application
// from an entity-resolution system the user already trusts (or from a simulated world's truth,
// to judge the network and scoring stages apart from linkage) instead of linking them.
//
//   CC_ASSIGN_OR_RETURN(std::vector<std::string> personas,
//                       ReadPersonaAssignments("personas.csv", records, issues));
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/common/model.h"

namespace crosscheck::pipeline {

// ReadPersonaAssignments reads a CSV with the columns application_id and persona_id
// (person_id is accepted for persona_id; other columns are ignored) and returns one persona id
// per record, in record order. An application the file does not name keeps a persona of its
// own and is reported (PERSONA_NOT_ASSIGNED, field ignored); a row naming an unknown
// application or repeating one is reported and skipped. Errors: kNotFound, kInvalidInput (not
// a CSV, or a required column missing).
Result<std::vector<std::string>> ReadPersonaAssignments(const std::filesystem::path& path,
                                                        const std::vector<ApplicationRecord>& records,
                                                        IssueLog& issues);

}  // namespace crosscheck::pipeline
