#include "crosscheck/watchlist/internal/uk_sanctions_csv.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/watchlist/internal/birth_date_clause.h"
#include "crosscheck/watchlist/internal/list_file.h"
#include "crosscheck/watchlist/internal/list_csv.h"

namespace crosscheck::watchlist::internal {
namespace {

// UkColumns are the columns read, found by their ConList.csv or UK Sanctions List name (-1
// when the file lacks one). names holds Name 1 .. Name 5, then Name 6.
struct UkColumns {
  explicit UkColumns(const ListCsv& csv)
      : unique_id(csv.Column({"Unique ID"})),
        group_id(csv.Column({"Group ID", "OFSI Group ID"})),
        names{csv.Column({"Name 1"}), csv.Column({"Name 2"}), csv.Column({"Name 3"}),
              csv.Column({"Name 4"}), csv.Column({"Name 5"}), csv.Column({"Name 6"})},
        name_type(csv.Column({"Alias Type", "Name type"})),
        quality(csv.Column({"Alias Quality", "Alias strength"})),
        title(csv.Column({"Title"})),
        non_latin(csv.Column({"Name Non-Latin Script"})),
        dob(csv.Column({"DOB", "D.O.B"})),
        town_of_birth(csv.Column({"Town of Birth"})),
        country_of_birth(csv.Column({"Country of Birth"})),
        nationality(csv.Column({"Nationality", "Nationality(/ies)"})),
        address{csv.Column({"Address 1", "Address Line 1"}),
                csv.Column({"Address 2", "Address Line 2"}),
                csv.Column({"Address 3", "Address Line 3"}),
                csv.Column({"Address 4", "Address Line 4"}),
                csv.Column({"Address 5", "Address Line 5"}),
                csv.Column({"Address 6", "Address Line 6"})},
        postcode(csv.Column({"Post/Zip Code", "Address Postal Code"})),
        country(csv.Column({"Country", "Address Country"})),
        other_information(csv.Column({"Other Information"})),
        regime(csv.Column({"Regime", "Regime Name"})),
        type(csv.Column({"Group Type", "Designation Type"})) {}

  int unique_id, group_id;
  std::array<int, 6> names;
  int name_type, quality, title, non_latin, dob, town_of_birth, country_of_birth, nationality;
  std::array<int, 6> address;
  int postcode, country, other_information, regime, type;
};

std::optional<SdnType> TypeOf(std::string_view written) {
  const std::string value = ToLowerAscii(written);
  if (value == "individual") return SdnType::kIndividual;
  if (value == "entity") return SdnType::kEntity;
  if (value == "ship") return SdnType::kVessel;
  return std::nullopt;
}

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// UkBirthDateClause reads "DD/MM/YYYY" (OFSI writes 00 for an unknown day or month, which
// leaves the year) or "YYYY" as an SDN clause; nullopt when it is neither.
std::optional<std::string> UkBirthDateClause(std::string_view dob) {
  if (dob.size() == 4 && AllDigits(dob)) return BirthDateClause({.year = dob});
  if (dob.size() != 10 || dob[2] != '/' || dob[5] != '/') return std::nullopt;
  const std::string_view day = dob.substr(0, 2);
  const std::string_view month = dob.substr(3, 2);
  const std::string_view year = dob.substr(6, 4);
  if (!AllDigits(day) || !AllDigits(month) || !AllDigits(year)) return std::nullopt;
  if (day == "00" || month == "00") return BirthDateClause({.year = year});
  const std::string iso = std::string(year) + "-" + std::string(month) + "-" + std::string(day);
  return BirthDateClause({.date = iso});
}

class UkReader {
 public:
  UkReader(ListCsv& csv, std::string_view file_name, IssueLog& issues)
      : csv_(csv), columns_(csv), file_name_(file_name), issues_(issues) {}

  Status ReadAll() {
    if (columns_.names[5] < 0 || (columns_.unique_id < 0 && columns_.group_id < 0)) {
      return InvalidInput(
          std::string(file_name_) +
          " is not the UK consolidated list (OFSI ConList.csv or the "
          "UK Sanctions List CSV): it has no Name 6 column or no Group ID / Unique ID column");
    }
    while (true) {
      CC_ASSIGN_OR_RETURN(bool more, csv_.Next());
      if (!more) return Ok();
      ReadRow();
    }
  }

  std::vector<SanctionsEntry> TakeEntries() { return std::move(groups_.entries()); }

 private:
  // Id returns the designation's id and its Group ID number (0 in the UK Sanctions List when
  // it has none); nullopt, with the row reported, when the row has no usable id.
  std::optional<std::pair<std::string, std::int64_t>> Id() {
    const std::string_view group = csv_.Field(columns_.group_id);
    std::int64_t group_id = 0;
    const bool numeric = ParseListId(group, group_id);
    if (columns_.unique_id >= 0) {
      const std::string_view unique = csv_.Field(columns_.unique_id);
      if (!unique.empty()) return std::pair{std::string(unique), numeric ? group_id : 0};
      Report("Unique ID", "UK_BAD_UNIQUE_ID", "the row has no Unique ID",
             IssueSeverity::kRowSkipped);
      return std::nullopt;
    }
    if (numeric) return std::pair{std::string(group), group_id};
    Report("Group ID", "UK_BAD_GROUP_ID",
           "Group ID is not a positive integer: '" + std::string(group) + "'",
           IssueSeverity::kRowSkipped);
    return std::nullopt;
  }

  // Name writes the row's name: "NAME 6, Name 1 ... Name 5" for an individual, the parts in
  // order otherwise.
  std::string Name(SdnType type) const {
    const auto field = [&](std::size_t part) { return csv_.Field(columns_.names[part]); };
    const std::string given = JoinNonEmpty({field(0), field(1), field(2), field(3), field(4)}, " ");
    if (type == SdnType::kIndividual && !given.empty() && !field(5).empty()) {
      return std::string(field(5)) + ", " + given;
    }
    return JoinNonEmpty({given, field(5)}, " ");
  }

  void ReadRow() {
    const auto id = Id();
    if (!id) return;
    const std::optional<SdnType> type = TypeOf(csv_.Field(columns_.type));
    const std::string name = Name(type.value_or(SdnType::kEntity));
    if (name.empty()) {
      Report("Name 6", "UK_EMPTY_NAME", "designation " + id->first + ": the row has no name",
             IssueSeverity::kRowSkipped);
      return;
    }
    bool created = false;
    const std::size_t entry_idx = groups_.Slot(id->first, csv_.line(), created);
    SanctionsEntry& entry = groups_.entry(entry_idx);
    if (created) {
      entry.source = std::string(kUkSource);
      entry.reference = id->first;
      entry.ent_num = id->second;
      entry.type = type.value_or(SdnType::kEntity);
    }
    if (!type && groups_.FirstTime(entry_idx, "type")) {
      Report("Group Type", "UK_UNKNOWN_GROUP_TYPE",
             "designation " + id->first + ": type '" + std::string(csv_.Field(columns_.type)) +
                 "' is none of Individual, Entity, Ship; read as an entity",
             IssueSeverity::kFieldIgnored);
    }
    AddName(entry, entry_idx, name);
    ReadDetails(entry, entry_idx);
  }

  // AddName makes name the entry's name when it is the first, or the first "Primary name"
  // (what came before becomes an alias); an alias otherwise.
  void AddName(SanctionsEntry& entry, std::size_t entry_idx, const std::string& name) {
    const std::string name_type = ToLowerAscii(csv_.Field(columns_.name_type));
    const bool primary = name_type == "primary name" && groups_.FirstTime(entry_idx, "primary");
    if (entry.name.empty() || (primary && entry.name != name)) {
      std::string before = std::exchange(entry.name, name);
      std::erase_if(entry.aliases, [&](const SanctionsAlias& alias) { return alias.name == name; });
      AddAlias(entry, "aka", before, "");
    } else {
      AddAlias(entry, name_type.empty() ? "aka" : name_type, name, csv_.Field(columns_.quality));
    }
    AddAlias(entry, "original script", csv_.Field(columns_.non_latin), "");
  }

  void ReadDetails(SanctionsEntry& entry, std::size_t entry_idx) {
    AddDistinct(entry.programs, csv_.Field(columns_.regime));
    groups_.AppendOnce(entry_idx, "title", csv_.Field(columns_.title), entry.title, "; ");
    groups_.AppendOnce(entry_idx, "other", csv_.Field(columns_.other_information), entry.remarks, " ");
    AddDistinct(entry.nationalities, csv_.Field(columns_.nationality));
    AddDistinct(entry.places_of_birth, JoinNonEmpty({csv_.Field(columns_.town_of_birth),
                                                     csv_.Field(columns_.country_of_birth)},
                                                    ", "));
    ReadBirthDate(entry, entry_idx);
    ReadAddress(entry_idx);
  }

  void ReadBirthDate(SanctionsEntry& entry, std::size_t entry_idx) {
    const std::string_view dob = csv_.Field(columns_.dob);
    if (dob.empty() || !groups_.FirstTime(entry_idx, "dob:" + std::string(dob))) return;
    const std::optional<std::string> clause = UkBirthDateClause(dob);
    if (!AddBirthDates(clause, entry.birth_dates)) {
      Report("DOB", "UK_BAD_DATE_OF_BIRTH",
             "designation " + entry.reference + ": unreadable date of birth '" + std::string(dob) +
                 "'",
             IssueSeverity::kFieldIgnored);
    }
  }

  void ReadAddress(std::size_t entry_idx) {
    const auto line = [&](std::size_t part) { return csv_.Field(columns_.address[part]); };
    groups_.AddAddressOnce(entry_idx, {
        .address = JoinNonEmpty({line(0), line(1), line(2), line(3)}, ", "),
        .city_state_zip = JoinNonEmpty({line(4), line(5), csv_.Field(columns_.postcode)}, ", "),
        .country = std::string(csv_.Field(columns_.country))});
  }

  void Report(const char* field, const char* code, std::string message, IssueSeverity severity) {
    issues_.Add({.file = std::string(file_name_),
                 .line = csv_.line(),
                 .field = field,
                 .code = code,
                 .message = std::move(message),
                 .severity = severity});
  }

  ListCsv& csv_;
  UkColumns columns_;
  std::string_view file_name_;
  IssueLog& issues_;
  EntryGroups groups_;
};

// BlankBanner empties the line above the header ("Last Updated,..." or "Report Date: ...")
// and keeps its line break, so that the CSV reader skips it and line numbers stay the file's.
void BlankBanner(std::string& text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  const std::size_t end = text.find('\n');
  const std::string_view first = std::string_view(text).substr(0, end);
  if (end == std::string::npos || first.find("Name 6") != std::string_view::npos) return;
  text.erase(0, end);
}

}  // namespace

Result<std::vector<SanctionsEntry>> ParseUkSanctionsCsv(std::string text,
                                                        std::string_view file_name,
                                                        IssueLog& issues) {
  BlankBanner(text);
  CC_ASSIGN_OR_RETURN(ListCsv csv,
                      ListCsv::Open(std::move(text), std::string(file_name), ',', "UK_", issues));
  UkReader reader(csv, file_name, issues);
  CC_RETURN_IF_ERROR(reader.ReadAll());
  std::vector<SanctionsEntry> entries = reader.TakeEntries();
  if (entries.empty()) {
    return InvalidInput("no UK entry could be read from " + std::string(file_name) +
                        " (see the issues log)");
  }
  return entries;
}

}  // namespace crosscheck::watchlist::internal
