#include "crosscheck/watchlist/internal/eu_financial_sanctions_csv.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/watchlist/internal/birth_date_clause.h"
#include "crosscheck/watchlist/internal/list_file.h"
#include "crosscheck/watchlist/internal/list_csv.h"

namespace crosscheck::watchlist::internal {
namespace {

// EuColumns are the columns read, found by name (-1 when the file lacks one).
struct EuColumns {
  explicit EuColumns(const ListCsv& csv)
      : logical_id(csv.Column({"Entity_LogicalId"})),
        reference(csv.Column({"Entity_EU_ReferenceNumber"})),
        subject_type(csv.Column({"Entity_SubjectType"})),
        subject_code(csv.Column({"Entity_SubjectType_ClassificationCode"})),
        programme(csv.Column({"Entity_Regulation_Programme"})),
        remark(csv.Column({"Entity_Remark"})),
        whole_name(csv.Column({"NameAlias_WholeName"})),
        title(csv.Column({"NameAlias_Title"})),
        birth_date(csv.Column({"BirthDate_BirthDate"})),
        birth_year(csv.Column({"BirthDate_Year"})),
        birth_from(csv.Column({"BirthDate_YearRangeFrom"})),
        birth_to(csv.Column({"BirthDate_YearRangeTo"})),
        birth_circa(csv.Column({"BirthDate_Circa"})),
        birth_city(csv.Column({"BirthDate_City"})),
        birth_place(csv.Column({"BirthDate_Place"})),
        birth_country(csv.Column({"BirthDate_CountryDescription"})),
        birth_country_iso(csv.Column({"BirthDate_CountryIso2Code"})),
        citizenship(csv.Column({"Citizenship_CountryDescription"})),
        citizenship_iso(csv.Column({"Citizenship_CountryIso2Code"})),
        street(csv.Column({"Address_Street"})),
        po_box(csv.Column({"Address_PoBox"})),
        city(csv.Column({"Address_City"})),
        zip(csv.Column({"Address_ZipCode"})),
        region(csv.Column({"Address_Region"})),
        address_country(csv.Column({"Address_CountryDescription"})),
        address_country_iso(csv.Column({"Address_CountryIso2Code"})),
        address_remark(csv.Column({"Address_Remark"})) {}

  int logical_id, reference, subject_type, subject_code, programme, remark, whole_name, title;
  int birth_date, birth_year, birth_from, birth_to, birth_circa, birth_city, birth_place,
      birth_country, birth_country_iso;
  int citizenship, citizenship_iso, street, po_box, city, zip, region, address_country,
      address_country_iso;
  int address_remark;
};

// TypeOf reads a subject type: the letter (P, E) or the classification code (person,
// enterprise); nullopt for anything else.
std::optional<SdnType> TypeOf(std::string_view letter, std::string_view code) {
  for (const std::string& value : {ToLowerAscii(letter), ToLowerAscii(code)}) {
    if (value == "p" || value == "person") return SdnType::kIndividual;
    if (value == "e" || value == "enterprise") return SdnType::kEntity;
  }
  return std::nullopt;
}

bool IsTrue(std::string_view flag) {
  const std::string value = ToLowerAscii(flag);
  return value == "1" || value == "true" || value == "y" || value == "yes";
}

class EuReader {
 public:
  EuReader(ListCsv& csv, std::string_view file_name, IssueLog& issues)
      : csv_(csv), columns_(csv), file_name_(file_name), issues_(issues) {}

  Status ReadAll() {
    if (columns_.logical_id < 0 || columns_.whole_name < 0) {
      return InvalidInput(std::string(file_name_) +
                          " is not the EU consolidated financial sanctions list (CSV 1.1): "
                          "it has no Entity_LogicalId or NameAlias_WholeName column");
    }
    while (true) {
      CC_ASSIGN_OR_RETURN(bool more, csv_.Next());
      if (!more) return Ok();
      ReadRow();
    }
  }

  // TakeEntries returns the entries read, without those that never got a name.
  std::vector<SanctionsEntry> TakeEntries() {
    std::vector<SanctionsEntry> kept;
    for (std::size_t entry_idx = 0; entry_idx < groups_.entries().size(); ++entry_idx) {
      SanctionsEntry& entry = groups_.entry(entry_idx);
      if (entry.name.empty()) {
        Report(groups_.first_line(entry_idx), "NameAlias_WholeName", "EU_EMPTY_NAME",
               "entity " + std::to_string(entry.ent_num) + " has no name on any row",
               IssueSeverity::kRowSkipped);
        continue;
      }
      kept.push_back(std::move(entry));
    }
    return kept;
  }

 private:
  void ReadRow() {
    const std::string_view id = csv_.Field(columns_.logical_id);
    std::int64_t logical_id = 0;
    if (!ParseListId(id, logical_id)) {
      Report(csv_.line(), "Entity_LogicalId", "EU_BAD_LOGICAL_ID",
             "Entity_LogicalId is not a positive integer: '" + std::string(id) + "'",
             IssueSeverity::kRowSkipped);
      return;
    }
    bool created = false;
    const std::size_t entry_idx = groups_.Slot(std::string(id), csv_.line(), created);
    SanctionsEntry& entry = groups_.entry(entry_idx);
    if (created) StartEntry(entry, entry_idx, logical_id);
    const std::string_view name = csv_.Field(columns_.whole_name);
    if (entry.name.empty()) {
      entry.name = std::string(name);
    } else {
      AddAlias(entry, "aka", name, "");
    }
    AddDistinct(entry.programs, csv_.Field(columns_.programme));
    groups_.AppendOnce(entry_idx, "title", csv_.Field(columns_.title), entry.title, "; ");
    AddDistinct(entry.nationalities, Either(columns_.citizenship, columns_.citizenship_iso));
    AddDistinct(entry.places_of_birth,
                JoinNonEmpty({csv_.Field(columns_.birth_city), csv_.Field(columns_.birth_place),
                              Either(columns_.birth_country, columns_.birth_country_iso)},
                             ", "));
    ReadBirthDate(entry, entry_idx);
    ReadAddress(entry_idx);
  }

  void StartEntry(SanctionsEntry& entry, std::size_t entry_idx, std::int64_t logical_id) {
    entry.source = std::string(kEuSource);
    entry.ent_num = logical_id;
    entry.reference = std::string(csv_.Field(columns_.reference));
    if (entry.reference.empty()) entry.reference = std::to_string(logical_id);
    entry.remarks = std::string(csv_.Field(columns_.remark));
    const std::string_view letter = csv_.Field(columns_.subject_type);
    const std::string_view code = csv_.Field(columns_.subject_code);
    const std::optional<SdnType> type = TypeOf(letter, code);
    entry.type = type.value_or(SdnType::kEntity);
    if (!type && groups_.FirstTime(entry_idx, "type")) {
      Report(csv_.line(), "Entity_SubjectType", "EU_UNKNOWN_SUBJECT_TYPE",
             "entity " + std::to_string(logical_id) + ": subject type '" + std::string(letter) +
                 "' / '" + std::string(code) +
                 "' is neither person nor enterprise; read as an entity",
             IssueSeverity::kFieldIgnored);
    }
  }

  void ReadBirthDate(SanctionsEntry& entry, std::size_t entry_idx) {
    const std::string_view date = csv_.Field(columns_.birth_date);
    const std::string_view year = csv_.Field(columns_.birth_year);
    const std::string_view from = csv_.Field(columns_.birth_from);
    const std::string_view to = csv_.Field(columns_.birth_to);
    const std::string written = JoinNonEmpty({date, year, from, to}, " ");
    if (written.empty() || !groups_.FirstTime(entry_idx, "dob:" + written)) return;
    const std::optional<std::string> clause =
        BirthDateClause({.date = date,
                         .year = year,
                         .from_year = from,
                         .to_year = to,
                         .approximately = IsTrue(csv_.Field(columns_.birth_circa))});
    if (!AddBirthDates(clause, entry.birth_dates)) {
      Report(csv_.line(), "BirthDate_BirthDate", "EU_BAD_DATE_OF_BIRTH",
             "entity " + std::to_string(entry.ent_num) + ": unreadable date of birth '" + written +
                 "'",
             IssueSeverity::kFieldIgnored);
    }
  }

  void ReadAddress(std::size_t entry_idx) {
    groups_.AddAddressOnce(entry_idx, {
        .address = JoinNonEmpty({csv_.Field(columns_.street), csv_.Field(columns_.po_box)}, ", "),
        .city_state_zip = JoinNonEmpty(
            {csv_.Field(columns_.city), csv_.Field(columns_.region), csv_.Field(columns_.zip)},
            ", "),
        .country = std::string(Either(columns_.address_country, columns_.address_country_iso)),
        .remarks = std::string(csv_.Field(columns_.address_remark))});
  }

  // Either returns the row's description of a country, else its ISO code.
  std::string_view Either(int description, int iso_code) const {
    const std::string_view written = csv_.Field(description);
    return written.empty() ? csv_.Field(iso_code) : written;
  }

  void Report(std::int64_t line, const char* field, const char* code, std::string message,
              IssueSeverity severity) {
    issues_.Add({.file = std::string(file_name_),
                 .line = line,
                 .field = field,
                 .code = code,
                 .message = std::move(message),
                 .severity = severity});
  }

  ListCsv& csv_;
  EuColumns columns_;
  std::string_view file_name_;
  IssueLog& issues_;
  EntryGroups groups_;
};

}  // namespace

Result<std::vector<SanctionsEntry>> ParseEuFinancialSanctionsCsv(std::string text,
                                                                 std::string_view file_name,
                                                                 IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(ListCsv csv,
                      ListCsv::Open(std::move(text), std::string(file_name), ';', "EU_", issues));
  EuReader reader(csv, file_name, issues);
  CC_RETURN_IF_ERROR(reader.ReadAll());
  std::vector<SanctionsEntry> entries = reader.TakeEntries();
  if (entries.empty()) {
    return InvalidInput("no EU entry could be read from " + std::string(file_name) +
                        " (see the issues log)");
  }
  return entries;
}

}  // namespace crosscheck::watchlist::internal
