#include "crosscheck/watchlist/internal/ofac_advanced_xml.h"

#include <charconv>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "crosscheck/common/strings.h"
#include "crosscheck/watchlist/internal/birth_date_clause.h"
#include "crosscheck/watchlist/internal/list_entry.h"
#include "crosscheck/watchlist/internal/list_file.h"
#include "crosscheck/watchlist/internal/list_xml.h"
#include "crosscheck/watchlist/internal/ofac_entries.h"

namespace crosscheck::watchlist::internal {
namespace {

// The remarks of a LowQuality alias: the CSV publishes these only in the entry's remarks
// ("a.k.a. 'KOMID'"), OFAC's weak a.k.a.s; both readers index them as aliases.
constexpr std::string_view kLowQualityNote = "low quality";

// The texts of the reference values the reader acts on (OFAC's own wording in the file).
constexpr std::string_view kSdnListName = "SDN List";
constexpr std::string_view kProgramType = "Program";
constexpr std::string_view kLastNameType = "Last Name";

// ReferenceValue is one element of a <...Values> set: its text and, for a PartySubType, the
// PartyType it belongs to.
struct ReferenceValue {
  std::string text;
  std::string party_type_id;
};

// Location is one <Location> written out: the CSV's address columns, and the whole as a place.
struct Location {
  SanctionsAddress address;
  std::string place;  // "Pyongyang, Korea, North"
};

// ProfileRef is a read party's Profile ID and line, for its SanctionsEntry.
struct ProfileRef {
  std::string id;
  long line = 0;
};

// Listing is what the SanctionsEntries say of one profile.
struct Listing {
  std::string list;
  std::vector<std::string> programs;
};

// Number reads a Year, Month or Day: 0 when empty, -1 when not a number (refused later).
int Number(const std::string& text) {
  if (text.empty()) return 0;
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : -1;
}

BirthDatePoint PointOf(const xmlNode* node) {
  if (node == nullptr) return {};
  return {Number(ChildText(node, "Year")), Number(ChildText(node, "Month")), Number(ChildText(node, "Day"))};
}

// FirstOf returns the first of node's children named a or b that exists.
const xmlNode* FirstOf(const xmlNode* node, const char* a, const char* b) {
  if (node == nullptr) return nullptr;
  const xmlNode* found = ChildElement(node, a);
  return found != nullptr ? found : ChildElement(node, b);
}

// PeriodClause writes a Birthdate's DatePeriod as an SDN "DOB ..." clause: from the Start's
// From to the End's To (a missing end falls back to the other); nullopt when unreadable.
std::optional<std::string> PeriodClause(const xmlNode* period) {
  if (period == nullptr) return std::nullopt;
  const xmlNode* start = ChildElement(period, "Start");
  const xmlNode* end = ChildElement(period, "End");
  const xmlNode* first = FirstOf(start, "From", "To");
  if (first == nullptr) first = FirstOf(end, "From", "To");
  const xmlNode* last = FirstOf(end, "To", "From");
  if (last == nullptr) last = FirstOf(start, "To", "From");
  if (first == nullptr || last == nullptr) return std::nullopt;
  const bool approximately = (start != nullptr && Attribute(start, "Approximate") == "true") ||
                             (end != nullptr && Attribute(end, "Approximate") == "true");
  return BirthDatePeriodClause(PointOf(first), PointOf(last), approximately);
}

// AltType turns an AliasType ("A.K.A.", "F.K.A.", "N.K.A.") into alt.csv's alt_type ("aka").
std::string AltType(std::string_view alias_type) {
  std::string type;
  for (const char c : alias_type) {
    if (c != '.' && c != ' ') type += c;
  }
  type = ToLowerAscii(type);
  return type.empty() || type == "name" ? "aka" : type;
}

class AdvancedReader {
 public:
  AdvancedReader(std::string_view file_name, IssueLog& issues) : file_name_(file_name), issues_(issues) {}

  // ReadReferences keeps every value of every set: refs_["AliasType"]["1400"] = "A.K.A.".
  void ReadReferences(const xmlNode* sets) {
    for (const xmlNode* set = sets->children; set != nullptr; set = set->next) {
      if (set->type != XML_ELEMENT_NODE) continue;
      for (const xmlNode* value = set->children; value != nullptr; value = value->next) {
        if (value->type != XML_ELEMENT_NODE) continue;
        refs_[reinterpret_cast<const char*>(value->name)].emplace(
            Attribute(value, "ID"), ReferenceValue{NodeText(value), Attribute(value, "PartyTypeID")});
      }
    }
  }

  // ReadLocation keeps one <Location> for the features that name it: its parts as the CSV's
  // address columns (CITY, STATE/PROVINCE, POSTAL CODE in city_state_zip, the rest in address).
  void ReadLocation(const xmlNode* node) {
    std::string street;
    std::string city;
    for (const xmlNode* part = node->children; part != nullptr; part = part->next) {
      if (!IsElement(part, "LocationPart")) continue;
      const std::string value = PartValue(part);
      const ReferenceValue* type = Lookup("LocPartType", part, "LocPartTypeID", "location");
      const std::string type_name = type == nullptr ? "" : ToLowerAscii(type->text);
      std::string& into =
          type_name == "city" || type_name == "state/province" || type_name == "postal code" ? city : street;
      into = JoinNonEmpty({into, value}, ", ");
    }
    std::string country;
    if (const xmlNode* country_node = ChildElement(node, "LocationCountry"); country_node != nullptr) {
      if (const ReferenceValue* value = Lookup("Country", country_node, "CountryID", "location")) country = value->text;
    }
    Location location{.address = {.address = street, .city_state_zip = city, .country = country},
                      .place = JoinNonEmpty({street, city, country}, ", ")};
    locations_.emplace(Attribute(node, "ID"), std::move(location));
  }

  // ReadSanctionsEntry keeps a profile's list and its "Program" measures' Comments.
  void ReadSanctionsEntry(const xmlNode* node) {
    Listing& listing = listings_[Attribute(node, "ProfileID")];
    if (const ReferenceValue* list = Lookup("List", node, "ListID", "sanctions entry"); list && listing.list.empty()) {
      listing.list = list->text;
    }
    for (const xmlNode* measure = node->children; measure != nullptr; measure = measure->next) {
      if (!IsElement(measure, "SanctionsMeasure")) continue;
      const ReferenceValue* type = Lookup("SanctionsType", measure, "SanctionsTypeID", "sanctions entry");
      if (type != nullptr && type->text == kProgramType) AddDistinct(listing.programs, ChildText(measure, "Comment"));
    }
  }

  // ReadParty reads one DistinctParty into an entry, or skips it with an Issue.
  void ReadParty(const xmlNode* party) {
    const long line = xmlGetLineNo(party);
    SanctionsEntry entry;
    const std::string fixed_ref = Attribute(party, "FixedRef");
    if (!ParseListId(fixed_ref, entry.ent_num)) {
      Skip(line, "FixedRef", "OFAC_ADV_BAD_FIXEDREF", "FixedRef is not a positive integer: '" + fixed_ref + "'");
      return;
    }
    if (!seen_.insert(entry.ent_num).second) {
      Skip(line, "FixedRef", "OFAC_ADV_DUPLICATE_FIXEDREF", "FixedRef " + fixed_ref + " appears twice; the first is kept");
      return;
    }
    entry.reference = fixed_ref;
    const std::string what = "party " + fixed_ref;
    const xmlNode* profile = ChildElement(party, "Profile");
    if (profile != nullptr) {
      entry.type = TypeOf(profile, what);
      for (const xmlNode* child = profile->children; child != nullptr; child = child->next) {
        if (IsElement(child, "Identity")) ReadIdentity(child, what, entry);
      }
    }
    if (entry.name.empty()) {
      Skip(line, "DocumentedName", "OFAC_ADV_EMPTY_NAME", what + " has no primary name");
      return;
    }
    // Features sit in the Profile; some writers put them beside it.
    for (const xmlNode* holder : {profile, party}) {
      if (holder == nullptr) continue;
      for (const xmlNode* child = holder->children; child != nullptr; child = child->next) {
        if (IsElement(child, "Feature")) ReadFeature(child, what, entry);
      }
    }
    profiles_.push_back({.id = Attribute(profile, "ID"), .line = xmlGetLineNo(profile)});  // named: has a profile
    entries_.push_back(std::move(entry));
  }

  // Finish gives each entry its list and programmes: the published file writes the
  // SanctionsEntries after the parties.
  std::vector<SanctionsEntry>& Finish() {
    for (std::size_t idx = 0; idx < entries_.size(); ++idx) ReadListing(profiles_[idx], entries_[idx]);
    return entries_;
  }

 private:
  // Lookup resolves node's attribute in the reference set; an id the set lacks is an
  // OFAC_ADV_UNKNOWN_REFERENCE Issue on node's line (an absent attribute is no issue).
  const ReferenceValue* Lookup(const std::string& set, const xmlNode* node, const char* attribute,
                               std::string_view what) {
    const std::string id = Attribute(node, attribute);
    if (id.empty()) return nullptr;
    const auto values = refs_.find(set);
    if (values != refs_.end()) {
      const auto value = values->second.find(id);
      if (value != values->second.end()) return &value->second;
    }
    Unknown(node, attribute, id, set + "Values", what);
    return nullptr;
  }

  void Unknown(const xmlNode* node, const char* attribute, const std::string& id, const std::string& where,
               std::string_view what) {
    issues_.Add({.file = std::string(file_name_), .line = xmlGetLineNo(node), .field = attribute,
                 .code = "OFAC_ADV_UNKNOWN_REFERENCE",
                 .message = std::string(what) + ": " + attribute + " " + id + " is not in " + where,
                 .severity = IssueSeverity::kFieldIgnored});
  }

  void Skip(long line, const char* field, const char* code, std::string message) {
    issues_.Add({.file = std::string(file_name_), .line = line, .field = field, .code = code,
                 .message = std::move(message), .severity = IssueSeverity::kRowSkipped});
  }

  // PartValue returns a LocationPart's primary value (else its first).
  static std::string PartValue(const xmlNode* part) {
    std::string first;
    for (const xmlNode* value = part->children; value != nullptr; value = value->next) {
      if (!IsElement(value, "LocationPartValue")) continue;
      std::string text = ChildText(value, "Value");
      if (Attribute(value, "Primary") == "true") return text;
      if (first.empty()) first = std::move(text);
    }
    return first;
  }

  SdnType TypeOf(const xmlNode* profile, std::string_view what) {
    const ReferenceValue* sub_type = Lookup("PartySubType", profile, "PartySubTypeID", what);
    if (sub_type == nullptr) return SdnType::kEntity;
    if (sub_type->text == "Vessel") return SdnType::kVessel;
    if (sub_type->text == "Aircraft") return SdnType::kAircraft;
    const auto types = refs_.find("PartyType");
    if (types == refs_.end()) return SdnType::kEntity;
    const auto type = types->second.find(sub_type->party_type_id);
    return type != types->second.end() && type->second.text == "Individual" ? SdnType::kIndividual : SdnType::kEntity;
  }

  void ReadListing(const ProfileRef& profile, SanctionsEntry& entry) {
    const auto listing = listings_.find(profile.id);
    if (listing == listings_.end()) {
      issues_.Add({.file = std::string(file_name_), .line = profile.line, .field = "ID",
                   .code = "OFAC_ADV_NO_SANCTIONS_ENTRY",
                   .message = "party " + entry.reference + ": no SanctionsEntry names profile " + profile.id +
                              "; read as an SDN entry without programmes",
                   .severity = IssueSeverity::kFieldIgnored});
      return;
    }
    entry.programs = listing->second.programs;
    if (!listing->second.list.empty() && listing->second.list != kSdnListName) {
      entry.source = std::string(kOfacConsolidatedSource);
    }
  }

  // ReadIdentity reads the aliases of one Identity; its NamePartGroups say which name part
  // each NamePartValue is.
  void ReadIdentity(const xmlNode* identity, std::string_view what, SanctionsEntry& entry) {
    std::unordered_map<std::string, std::string> part_types;  // NamePartGroup ID -> "Last Name"
    if (const xmlNode* groups = ChildElement(identity, "NamePartGroups"); groups != nullptr) {
      for (const xmlNode* master = groups->children; master != nullptr; master = master->next) {
        if (!IsElement(master, "MasterNamePartGroup")) continue;
        for (const xmlNode* group = master->children; group != nullptr; group = group->next) {
          if (!IsElement(group, "NamePartGroup")) continue;
          const ReferenceValue* type = Lookup("NamePartType", group, "NamePartTypeID", what);
          part_types[Attribute(group, "ID")] = type == nullptr ? "" : type->text;
        }
      }
    }
    for (const xmlNode* alias = identity->children; alias != nullptr; alias = alias->next) {
      if (!IsElement(alias, "Alias")) continue;
      const bool primary = Attribute(alias, "Primary") == "true";
      const ReferenceValue* alias_type = Lookup("AliasType", alias, "AliasTypeID", what);
      const std::string alt_type = AltType(alias_type == nullptr ? "" : alias_type->text);
      const std::string remarks = Attribute(alias, "LowQuality") == "true" ? std::string(kLowQualityNote) : "";
      std::vector<std::pair<std::string, bool>> names;  // name, written in Latin script
      for (const xmlNode* name = alias->children; name != nullptr; name = name->next) {
        if (IsElement(name, "DocumentedName")) names.push_back(NameOf(name, part_types, what));
      }
      std::size_t primary_idx = names.size();
      if (primary && entry.name.empty()) {
        for (std::size_t idx = 0; idx < names.size() && primary_idx == names.size(); ++idx) {
          if (!names[idx].first.empty() && names[idx].second) primary_idx = idx;
        }
        for (std::size_t idx = 0; idx < names.size() && primary_idx == names.size(); ++idx) {
          if (!names[idx].first.empty()) primary_idx = idx;
        }
        if (primary_idx < names.size()) entry.name = names[primary_idx].first;
      }
      for (std::size_t idx = 0; idx < names.size(); ++idx) {
        if (idx == primary_idx) continue;
        AddAlias(entry, primary ? "original script" : alt_type, names[idx].first, remarks);
      }
    }
  }

  // NameOf writes a DocumentedName as the CSV does: the Last Name parts, a comma, the other
  // parts in the file's order ("KIM, Jong Un"); without a Last Name, the parts in order. The
  // bool says whether its script is Latin (or not given).
  std::pair<std::string, bool> NameOf(const xmlNode* name, const std::unordered_map<std::string, std::string>& part_types,
                                      std::string_view what) {
    std::string last;
    std::string rest;
    bool latin = true;
    bool first_part = true;
    for (const xmlNode* part = name->children; part != nullptr; part = part->next) {
      if (!IsElement(part, "DocumentedNamePart")) continue;
      const xmlNode* value = ChildElement(part, "NamePartValue");
      if (value == nullptr) continue;
      if (first_part) {
        const ReferenceValue* script = Lookup("Script", value, "ScriptID", what);
        latin = script == nullptr || script->text.find("Latin") != std::string::npos;
        first_part = false;
      }
      const std::string group = Attribute(value, "NamePartGroupID");
      const auto type = part_types.find(group);
      if (!group.empty() && type == part_types.end()) {
        Unknown(value, "NamePartGroupID", group, "the identity's NamePartGroups", what);
      }
      std::string& into = type != part_types.end() && type->second == kLastNameType ? last : rest;
      into = JoinNonEmpty({into, NodeText(value)}, " ");
    }
    return {JoinNonEmpty({last, rest}, ", "), latin};
  }

  // Place returns a feature version's value: its VersionDetail text, else its Location as a
  // place (country_only: the Location's country when it has one).
  std::string Place(const xmlNode* version, std::string_view what, bool country_only) {
    if (std::string detail = ChildText(version, "VersionDetail"); !detail.empty()) return detail;
    const xmlNode* location = ChildElement(version, "VersionLocation");
    if (location == nullptr) return "";
    const Location* found = LocationOf(location, what);
    if (found == nullptr) return "";
    return country_only && !found->address.country.empty() ? found->address.country : found->place;
  }

  const Location* LocationOf(const xmlNode* version_location, std::string_view what) {
    const std::string id = Attribute(version_location, "LocationID");
    const auto found = locations_.find(id);
    if (found != locations_.end()) return &found->second;
    if (!id.empty()) Unknown(version_location, "LocationID", id, "Locations", what);
    return nullptr;
  }

  void ReadFeature(const xmlNode* feature, std::string_view what, SanctionsEntry& entry) {
    const ReferenceValue* type = Lookup("FeatureType", feature, "FeatureTypeID", what);
    if (type == nullptr) return;
    const std::string& name = type->text;
    for (const xmlNode* version = feature->children; version != nullptr; version = version->next) {
      if (!IsElement(version, "FeatureVersion")) continue;
      if (name == "Birthdate") {
        const std::optional<std::string> clause = PeriodClause(ChildElement(version, "DatePeriod"));
        if (!AddBirthDates(clause, entry.birth_dates)) {
          issues_.Add({.file = std::string(file_name_), .line = xmlGetLineNo(version), .field = "DatePeriod",
                       .code = "OFAC_ADV_BAD_DATE_OF_BIRTH",
                       .message = std::string(what) + ": unreadable date of birth" +
                                  (clause ? " '" + clause->substr(4) + "'" : ""),
                       .severity = IssueSeverity::kFieldIgnored});
        }
      } else if (name == "Place of Birth") {
        AddDistinct(entry.places_of_birth, Place(version, what, false));
      } else if (name == "Nationality Country" || name == "Citizenship Country") {
        AddDistinct(entry.nationalities, Place(version, what, true));
      } else if (name == "Title") {
        const std::string title = ChildText(version, "VersionDetail");
        if (!title.empty()) entry.title = JoinNonEmpty({entry.title, title}, "; ");
      } else if (name == "Location") {
        const xmlNode* location = ChildElement(version, "VersionLocation");
        const Location* found = location == nullptr ? nullptr : LocationOf(location, what);
        if (found != nullptr && !found->place.empty()) entry.addresses.push_back(found->address);
      }
    }
  }

  std::string_view file_name_;
  IssueLog& issues_;
  std::unordered_map<std::string, std::unordered_map<std::string, ReferenceValue>> refs_;
  std::unordered_map<std::string, Location> locations_;
  std::unordered_map<std::string, Listing> listings_;  // by ProfileID
  std::vector<SanctionsEntry> entries_;
  std::vector<ProfileRef> profiles_;  // entries_[i]'s profile
  std::unordered_set<std::int64_t> seen_;
};

}  // namespace

Result<std::vector<SanctionsEntry>> ParseOfacAdvancedXml(std::string_view text, std::string_view file_name,
                                                         IssueLog& issues) {
  AdvancedReader reader(file_name, issues);
  // Streamed (the published file is about 120 MB): the reference sets and Locations come
  // before the parties in the published order and are kept; each party is read on its own.
  const auto visit = [&reader](const xmlNode* node) {
    const xmlNode* parent = node->parent;
    if (parent == nullptr) return;
    if (IsElement(node, "ReferenceValueSets")) {
      reader.ReadReferences(node);
    } else if (IsElement(node, "Location") && IsElement(parent, "Locations")) {
      reader.ReadLocation(node);
    } else if (IsElement(node, "DistinctParty") && IsElement(parent, "DistinctParties")) {
      reader.ReadParty(node);
    } else if (IsElement(node, "SanctionsEntry") && IsElement(parent, "SanctionsEntries")) {
      reader.ReadSanctionsEntry(node);
    }
  };
  CC_ASSIGN_OR_RETURN(const XmlErrors errors,
                      StreamListXml(text, file_name, "Sanctions",
                                    {"ReferenceValueSets", "Location", "DistinctParty", "SanctionsEntry"}, visit));
  if (errors.count > 0) {
    issues.Add({.file = std::string(file_name), .line = errors.line, .code = "OFAC_ADV_XML_MALFORMED",
                .message = errors.MalformedMessage(), .severity = IssueSeverity::kFileError});
  }
  std::vector<SanctionsEntry>& entries = reader.Finish();
  if (entries.empty()) {
    return InvalidInput("no OFAC party could be read from " + std::string(file_name) + " (see the issues log)");
  }
  return std::move(entries);
}

}  // namespace crosscheck::watchlist::internal
