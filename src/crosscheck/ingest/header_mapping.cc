#include "crosscheck/ingest/header_mapping.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "crosscheck/common/application_columns.h"
#include "crosscheck/common/column_names.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/ingest/csv_table.h"

namespace crosscheck::ingest {
namespace {

// Pseudo-targets for the two halves of a name (joined into full_name).
constexpr int kGivenName = -2;
constexpr int kSurname = -3;
constexpr int kNone = -1;

struct Alias {
  std::string_view key;  // the header's words run together, lower case
  std::string_view column;
};

// ATS / HRIS export names the person-attribute vocabulary does not settle: ids, dates and
// workflow fields. Earlier entries win ("Application ID" over "Candidate ID"). Sources:
// Greenhouse's application export (application_id, candidate_id, applied_at, status,
// referrer_name, sourced_from), Lever (opportunity id, createdAt, stage, origin), Workday
// (Candidate ID, Job Application Date), SmartRecruiters, BambooHR and iCIMS report fields.
constexpr std::array<Alias, 34> kAliases = {{
    {"applicationid", "application_id"}, {"jobapplicationid", "application_id"},
    {"opportunityid", "application_id"}, {"applicantid", "application_id"},
    {"candidateid", "application_id"}, {"personid", "application_id"},
    {"companyid", "company_id"}, {"tenantid", "company_id"}, {"organizationid", "company_id"},
    {"appliedat", "submitted_at"}, {"appliedon", "submitted_at"}, {"applieddate", "submitted_at"},
    {"dateapplied", "submitted_at"}, {"applicationdate", "submitted_at"},
    {"jobapplicationdate", "submitted_at"}, {"submittedat", "submitted_at"},
    {"submissiondate", "submitted_at"}, {"createdat", "submitted_at"},
    {"stage", "stage"}, {"currentstage", "stage"}, {"status", "stage"}, {"applicationstatus", "stage"},
    {"source", "source"}, {"sourcedfrom", "source"}, {"origin", "source"}, {"candidatesource", "source"},
    {"referrername", "referred_by"}, {"referredby", "referred_by"}, {"referrer", "referred_by"},
    {"ipaddress", "ip_address"}, {"shippingaddress", "shipping_address"}, {"mailingaddress", "shipping_address"},
    {"deviceid", "device_id"}, {"ssn", "national_id"},
}};

// Words that make a name describe someone or something other than the candidate ("Job
// Name", "Recruiter Email", "Hiring Manager"): such columns are never mapped by kind.
constexpr std::array<std::string_view, 17> kOtherParty = {
    "job", "requisition", "company", "employer", "recruiter", "hiring", "manager", "coordinator",
    "referrer", "referral", "department", "office", "school", "owner", "interviewer", "emergency",
    "reference"};

int ContractIndex(std::string_view name) {
  for (std::size_t idx = 0; idx < kApplicationColumns.size(); ++idx) {
    if (EqualsIgnoreCaseAscii(kApplicationColumns[idx].name, name)) return static_cast<int>(idx);
  }
  if (EqualsIgnoreCaseAscii(name, "given_name")) return kGivenName;
  if (EqualsIgnoreCaseAscii(name, "surname")) return kSurname;
  return kNone;
}

std::string_view KindColumn(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kEmail: return "email";
    case ColumnKind::kPhone: return "phone";
    case ColumnKind::kBirthDate: return "date_of_birth";
    case ColumnKind::kPostalCode: return "postal_code";
    case ColumnKind::kStreet: return "street";
    case ColumnKind::kCity: return "city";
    case ColumnKind::kRegion: return "region";
    case ColumnKind::kCountry: return "country";
    case ColumnKind::kFullName: return "full_name";
    case ColumnKind::kGivenName: return "given_name";
    case ColumnKind::kSurname: return "surname";
    case ColumnKind::kLinkedin: return "linkedin";
    case ColumnKind::kGithub: return "github";
    case ColumnKind::kResume: return "resume_text";
    default: return "";
  }
}

// Claim: one column's bid for a target; lower (tier, rank) wins, then file order.
struct Claim {
  int target = kNone;
  int tier = 0;  // 0 user map, 1 contract name, 2 alias, 3 kind
  int rank = 0;
};

Claim ClaimFor(std::string_view column, const ColumnMap& user_map) {
  for (const auto& [source, target] : user_map) {
    if (EqualsIgnoreCaseAscii(TrimAscii(source), TrimAscii(column))) return {ContractIndex(target), 0, 0};
  }
  if (const int index = ContractIndex(column); index != kNone) return {index, 1, 0};
  const std::vector<std::string> words = ColumnWords(column);
  std::string key;
  for (const auto& word : words) key += word;
  for (std::size_t rank = 0; rank < kAliases.size(); ++rank) {
    if (kAliases[rank].key == key) return {ContractIndex(kAliases[rank].column), 2, static_cast<int>(rank)};
  }
  for (const auto& word : words) {
    if (std::find(kOtherParty.begin(), kOtherParty.end(), word) != kOtherParty.end()) return {};
  }
  const std::optional<ColumnKind> kind = ClassifyColumnName(column);
  if (!kind || KindColumn(*kind).empty()) return {};
  return {ContractIndex(KindColumn(*kind)), 3, 0};
}

// Columns that let linkage tell people apart; a file with none of them cannot find a ring.
bool IsIdentifying(int target) {
  if (target == kGivenName || target == kSurname) return true;
  if (target < 0) return false;
  static constexpr std::array<std::string_view, 14> kIdentifying = {
      "full_name", "email", "phone", "date_of_birth", "street", "postal_code", "shipping_address",
      "ip_address", "linkedin", "github", "photo_hash", "payout_account", "national_id", "device_id"};
  const std::string_view name = kApplicationColumns[static_cast<std::size_t>(target)].name;
  return std::find(kIdentifying.begin(), kIdentifying.end(), name) != kIdentifying.end();
}

std::string TargetName(int target) {
  if (target == kGivenName) return "given_name";
  if (target == kSurname) return "surname";
  return std::string(kApplicationColumns[static_cast<std::size_t>(target)].name);
}

}  // namespace

std::string HeaderMapping::Describe(const std::string& file) const {
  if (mapped.empty() && company_default.empty()) return "";
  std::string line = file + ": columns mapped: " + JoinStrings(mapped, ", ");
  if (!company_default.empty()) line += "; no company_id column, company taken as '" + company_default + "'";
  if (!ignored.empty()) line += "; not used (kept as extra): " + JoinStrings(ignored, ", ");
  return line;
}

Result<HeaderMapping> MapApplicationHeader(const std::vector<std::string>& header,
                                           const ColumnMap& user_map, const std::string& file) {
  std::vector<Claim> claims;
  for (const std::string& column : header) claims.push_back(ClaimFor(column, user_map));
  // Winner per target: best (tier, rank), then the earliest column.
  auto better = [&](std::size_t a, std::size_t b) {
    return std::pair(claims[a].tier, claims[a].rank) < std::pair(claims[b].tier, claims[b].rank);
  };
  HeaderMapping mapping;
  mapping.contract_index.assign(header.size(), kNone);
  bool foreign = false, identifying = false;
  for (std::size_t column_idx = 0; column_idx < header.size(); ++column_idx) {
    const Claim& claim = claims[column_idx];
    bool wins = claim.target != kNone;
    for (std::size_t other = 0; wins && other < header.size(); ++other) {
      if (other == column_idx || claims[other].target != claim.target) continue;
      if (better(other, column_idx) || (!better(column_idx, other) && other < column_idx)) wins = false;
    }
    if (!wins) {
      mapping.ignored.push_back(header[column_idx]);
      continue;
    }
    identifying = identifying || IsIdentifying(claim.target);
    if (claim.tier != 1) {
      foreign = true;
      mapping.mapped.push_back(header[column_idx] + " -> " + TargetName(claim.target));
    }
    if (claim.target == kGivenName) mapping.given_name_column = static_cast<int>(column_idx);
    else if (claim.target == kSurname) mapping.surname_column = static_cast<int>(column_idx);
    else mapping.contract_index[column_idx] = claim.target;
  }
  auto has = [&](std::string_view name) {
    const int index = ContractIndex(name);
    return std::find(mapping.contract_index.begin(), mapping.contract_index.end(), index) !=
           mapping.contract_index.end();
  };
  const std::string seen = "; the header has: " + JoinStrings(header, ",");
  if (!has("application_id")) {
    return InvalidInput(file + ": missing required column" +
                        (has("company_id") ? " application_id" : "s application_id, company_id") + seen);
  }
  if (!identifying && !mapping.ignored.empty()) {
    return InvalidInput(file + ": no column identifies a person (name, email, phone, date of birth, "
                        "address, profile or id); columns not recognized: " +
                        JoinStrings(mapping.ignored, ", ") +
                        ". Name them with --columns map.csv (source_column,contract_column)");
  }
  if (!has("company_id")) {
    if (!foreign) return InvalidInput(file + ": missing required column company_id" + seen);
    mapping.company_default = std::filesystem::path(file).stem().string();
  }
  return mapping;
}

Result<ColumnMap> ReadColumnMap(const std::filesystem::path& path) {
  IssueLog issues;
  CC_ASSIGN_OR_RETURN(CsvTable table, ReadCsvTable(path, CsvOptions{.strict = true}, issues));
  if (table.header.size() != 2) {
    return InvalidInput(path.string() + ": expected two columns source_column,contract_column");
  }
  ColumnMap map;
  for (std::size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
    const auto& row = table.rows[row_idx];
    if (ContractIndex(row[1]) == kNone) {
      return InvalidInput(path.string() + ":" + std::to_string(table.lines[row_idx]) + ": '" + row[1] +
                          "' is not a column of applications.csv (see DATA.md)");
    }
    map.emplace_back(row[0], row[1]);
  }
  return map;
}

}  // namespace crosscheck::ingest
