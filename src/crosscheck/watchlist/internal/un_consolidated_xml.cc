#include "crosscheck/watchlist/internal/un_consolidated_xml.h"

#include <optional>
#include <string>
#include <unordered_set>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/watchlist/internal/birth_date_clause.h"
#include "crosscheck/watchlist/internal/list_file.h"
#include "crosscheck/watchlist/internal/list_xml.h"

namespace crosscheck::watchlist::internal {
namespace {

// Values returns the text of every <VALUE> of node's <name> children (NATIONALITY, TITLE).
std::vector<std::string> Values(const xmlNode* node, const char* name) {
  std::vector<std::string> values;
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (!IsElement(child, name)) continue;
    for (const xmlNode* value = child->children; value != nullptr; value = value->next) {
      if (!IsElement(value, "VALUE")) continue;
      std::string text = NodeText(value);
      if (!text.empty()) values.push_back(std::move(text));
    }
  }
  return values;
}

// JoinParts joins the non-empty texts of node's children named in parts with separator.
std::string JoinParts(const xmlNode* node, std::initializer_list<const char*> parts, std::string_view separator) {
  std::string joined;
  for (const char* part : parts) {
    const std::string text = ChildText(node, part);
    if (text.empty()) continue;
    if (!joined.empty()) joined += separator;
    joined += text;
  }
  return joined;
}

// BirthDateClauseOf writes one INDIVIDUAL_DATE_OF_BIRTH as an SDN "DOB ..." clause, so that
// the UN's YEAR, APPROXIMATELY and FROM_YEAR/TO_YEAR mean what "DOB 1970", "DOB circa 1970"
// and "DOB 1960 to 1965" mean on the SDN list (birth_date_clause.h).
std::optional<std::string> BirthDateClauseOf(const xmlNode* node) {
  const std::string date = ChildText(node, "DATE");
  const std::string year = ChildText(node, "YEAR");
  const std::string from = ChildText(node, "FROM_YEAR");
  const std::string to = ChildText(node, "TO_YEAR");
  return BirthDateClause({.date = date,
                          .year = year,
                          .from_year = from,
                          .to_year = to,
                          .approximately = ToLowerAscii(ChildText(node, "TYPE_OF_DATE")) == "approximately"});
}

class UnReader {
 public:
  UnReader(std::string_view file_name, IssueLog& issues) : file_name_(file_name), issues_(issues) {}

  void Read(const xmlNode* node, SdnType type) {
    const long line = xmlGetLineNo(node);
    SanctionsEntry entry;
    entry.source = std::string(kUnSource);
    entry.type = type;
    const std::string data_id = ChildText(node, "DATAID");
    if (!ParseListId(data_id, entry.ent_num)) {
      Skip(line, "DATAID", "UN_BAD_DATAID", "DATAID is not a positive integer: '" + data_id + "'");
      return;
    }
    if (!seen_.insert(entry.ent_num).second) {
      Skip(line, "DATAID", "UN_DUPLICATE_DATAID", "DATAID " + data_id + " appears twice; the first is kept");
      return;
    }
    entry.name = JoinParts(node, {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}, " ");
    if (entry.name.empty()) {
      Skip(line, "FIRST_NAME", "UN_EMPTY_NAME", "entry " + data_id + " has no name");
      return;
    }
    entry.reference = ChildText(node, "REFERENCE_NUMBER");
    if (const std::string regime = ChildText(node, "UN_LIST_TYPE"); !regime.empty()) entry.programs.push_back(regime);
    for (const std::string& title : Values(node, "TITLE")) {
      entry.title += (entry.title.empty() ? "" : "; ") + title;
    }
    entry.remarks = ChildText(node, "COMMENTS1");
    entry.nationalities = Values(node, "NATIONALITY");
    const char* alias_tag = type == SdnType::kIndividual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS";
    const char* address_tag = type == SdnType::kIndividual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS";
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (IsElement(child, alias_tag)) {
        std::string name = ChildText(child, "ALIAS_NAME");
        if (!name.empty()) {
          entry.aliases.push_back({.alt_type = "aka", .name = std::move(name), .remarks = ChildText(child, "QUALITY")});
        }
      } else if (IsElement(child, address_tag)) {
        SanctionsAddress address{.address = ChildText(child, "STREET"),
                                 .city_state_zip = JoinParts(child, {"CITY", "STATE_PROVINCE", "ZIP_CODE"}, ", "),
                                 .country = ChildText(child, "COUNTRY"),
                                 .remarks = ChildText(child, "NOTE")};
        if (!address.address.empty() || !address.city_state_zip.empty() || !address.country.empty()) {
          entry.addresses.push_back(std::move(address));
        }
      } else if (IsElement(child, "INDIVIDUAL_PLACE_OF_BIRTH")) {
        std::string place = JoinParts(child, {"CITY", "STATE_PROVINCE", "COUNTRY"}, ", ");
        if (!place.empty()) entry.places_of_birth.push_back(std::move(place));
      } else if (IsElement(child, "INDIVIDUAL_DATE_OF_BIRTH")) {
        const std::optional<std::string> clause = BirthDateClauseOf(child);
        if (clause && clause->empty()) continue;
        if (!AddBirthDates(clause, entry.birth_dates)) {
          issues_.Add({.file = std::string(file_name_), .line = xmlGetLineNo(child), .field = "DATE_OF_BIRTH",
                       .code = "UN_BAD_DATE_OF_BIRTH",
                       .message = "entry " + data_id + ": unreadable date of birth '" +
                                  (clause ? clause->substr(4) : ChildText(child, "DATE")) + "'",
                       .severity = IssueSeverity::kFieldIgnored});
        }
      }
    }
    if (const std::string original = ChildText(node, "NAME_ORIGINAL_SCRIPT"); !original.empty()) {
      entry.aliases.push_back({.alt_type = "original script", .name = original});
    }
    entries_.push_back(std::move(entry));
  }

  std::vector<SanctionsEntry>& entries() { return entries_; }

 private:
  void Skip(long line, const char* field, const char* code, std::string message) {
    issues_.Add({.file = std::string(file_name_), .line = line, .field = field, .code = code,
                 .message = std::move(message), .severity = IssueSeverity::kRowSkipped});
  }

  std::string_view file_name_;
  IssueLog& issues_;
  std::vector<SanctionsEntry> entries_;
  std::unordered_set<std::int64_t> seen_;
};

}  // namespace

Result<std::vector<SanctionsEntry>> ParseUnConsolidatedXml(std::string_view text, std::string_view file_name,
                                                           IssueLog& issues) {
  CC_ASSIGN_OR_RETURN(ListXml xml, ParseListXml(text, file_name));
  const xmlNode* root = xml.root;
  if (!IsElement(root, "CONSOLIDATED_LIST")) {
    return InvalidInput(std::string(file_name) + ": root element is <" + reinterpret_cast<const char*>(root->name) +
                        ">, not the UN's <CONSOLIDATED_LIST>");
  }
  if (xml.errors.count > 0) {
    issues.Add({.file = std::string(file_name), .line = xml.errors.line, .code = "UN_XML_MALFORMED",
                .message = xml.errors.MalformedMessage(), .severity = IssueSeverity::kFileError});
  }
  UnReader reader(file_name, issues);
  for (const xmlNode* group = root->children; group != nullptr; group = group->next) {
    const bool individuals = IsElement(group, "INDIVIDUALS");
    if (!individuals && !IsElement(group, "ENTITIES")) continue;
    for (const xmlNode* node = group->children; node != nullptr; node = node->next) {
      if (IsElement(node, individuals ? "INDIVIDUAL" : "ENTITY")) {
        reader.Read(node, individuals ? SdnType::kIndividual : SdnType::kEntity);
      }
    }
  }
  if (reader.entries().empty()) {
    return InvalidInput("no UN entry could be read from " + std::string(file_name) + " (see the issues log)");
  }
  return std::move(reader.entries());
}

}  // namespace crosscheck::watchlist::internal
