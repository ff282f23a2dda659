// Header mapping: which column of an applications file fills which contract column
// (shared/spec/DATA.md). ATS and HRIS exports (Greenhouse, Lever, Workday, SmartRecruiters,
// BambooHR, iCIMS) name their columns their own way ("Email Address", "Phone Number", "Zip",
// "LinkedIn Profile", "Candidate ID", "First Name" + "Last Name"); they are recognized here
// with the shared header vocabulary (common/column_names.h), and a user's map file names the rest.
//
//   CC_ASSIGN_OR_RETURN(ColumnMap user, ReadColumnMap("map.csv"));
//   CC_ASSIGN_OR_RETURN(HeaderMapping mapping, MapApplicationHeader(header, user, "export.csv"));
//   Progress::Note(mapping.Describe("export.csv"));
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/ingest/read_options.h"

namespace crosscheck::ingest {

// HeaderMapping says, per file column, the kApplicationColumns index it fills (-1: none; the
// column then goes to ApplicationRecord::extra).
struct HeaderMapping {
  std::vector<int> contract_index;
  // First name and last name columns, joined ("given surname") into full_name when no column
  // gives the whole name; -1 when absent.
  int given_name_column = -1;
  int surname_column = -1;
  // True when the file has no company_id column and is a foreign export: every row then
  // belongs to the company named by the file's stem (company_default).
  std::string company_default;
  // mapped: "Email Address -> email" for each column not already named as in the contract;
  // ignored: the names of the columns that fill no contract column.
  std::vector<std::string> mapped;
  std::vector<std::string> ignored;

  // Describe renders one line for stderr: what was mapped and what is ignored; "" when the
  // file uses the contract's names only.
  std::string Describe(const std::string& file) const;
};

// MapApplicationHeader resolves `header` (names as in the file) in this order: the user's
// map (`user_map`, source name ignoring ASCII case -> contract column), the contract's own
// names (ignoring case), ATS aliases ("Candidate ID", "Date Applied", "Current Stage"...),
// then the kind the name announces ("Email Address" -> email). For each contract column the
// first of these wins; later claimants are reported as ignored. Errors (kInvalidInput):
// application_id is not found; company_id is not found and every column is named as in the
// contract (a contract file missing a required column); no column identifies a person (name,
// e-mail, phone, date of birth, address, profile, id or device) while some columns are not
// understood: the message names them and suggests --columns. `file` names the input.
Result<HeaderMapping> MapApplicationHeader(const std::vector<std::string>& header,
                                           const ColumnMap& user_map, const std::string& file);

// ReadColumnMap reads a map file of two columns, source_column,contract_column (a header row
// with those names first). Errors: kNotFound; kInvalidInput for a malformed file or a target
// that is not a contract column (nor given_name / surname, the parts of full_name).
Result<ColumnMap> ReadColumnMap(const std::filesystem::path& path);

}  // namespace crosscheck::ingest
