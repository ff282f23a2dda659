#include "crosscheck/normalize/address.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/normalize/internal/text_fold.h"

namespace crosscheck::normalize {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool HasDigit(std::string_view text) {
  for (const char c : text) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

// WordList holds the words of one text as views into its own storage (or into static text
// for "#"). Streets, cities and regions are split on every application row; views into one
// buffer cost two allocations per text where a vector of strings cost one per word and more.
struct WordList {
  std::string storage;
  std::vector<std::string_view> words;
};

// Words folds text to lower-case ASCII words; '#' is kept as a word of its own because it is
// a unit designator ("#4B" -> "#", "4b"). Other punctuation separates words, except that
// apostrophes vanish ("St. John's" -> "st", "johns") and inner hyphens stay ("12-14").
void Words(std::string_view text, WordList& out) {
  static constexpr std::string_view kHash = "#";
  std::string folded = internal::FoldToAscii(text);
  internal::ToLowerAsciiInPlace(folded);
  out.words.clear();
  out.storage.clear();
  // Every stored byte comes from `folded`, so with this capacity the storage never moves and
  // the views stay valid.
  out.storage.reserve(folded.size());
  out.words.reserve(8);
  std::size_t word_start = 0;
  auto flush = [&] {
    while (out.storage.size() > word_start && out.storage.back() == '-') out.storage.pop_back();
    if (out.storage.size() > word_start) {
      out.words.emplace_back(out.storage.data() + word_start, out.storage.size() - word_start);
    }
    word_start = out.storage.size();
  };
  for (const char c : folded) {
    if (IsAsciiAlnum(c)) {
      out.storage.push_back(c);
    } else if (c == '\'' || c == '`') {
      continue;
    } else if (c == '-' && out.storage.size() > word_start) {
      out.storage.push_back(c);
    } else if (c == '#') {
      flush();
      out.words.push_back(kHash);
    } else {
      flush();
    }
  }
  flush();
}

// JoinViews joins `pieces` with `separator`.
std::string JoinViews(const std::vector<std::string_view>& pieces, std::string_view separator) {
  std::size_t size = 0;
  for (const std::string_view piece : pieces) size += piece.size() + separator.size();
  std::string out;
  out.reserve(size);
  for (std::size_t piece_idx = 0; piece_idx < pieces.size(); ++piece_idx) {
    if (piece_idx > 0) out += separator;
    out += pieces[piece_idx];
  }
  return out;
}

// Street suffixes and secondary unit designators after USPS Publication 28, appendix C1/C2,
// plus directions and ordinal words. Only the forms seen in real data; the abbreviation maps
// to itself implicitly.
const std::unordered_map<std::string_view, std::string_view>& StreetWords() {
  static const std::unordered_map<std::string_view, std::string_view> table = {
      {"street", "st"},
      {"str", "st"},
      {"avenue", "ave"},
      {"av", "ave"},
      {"avn", "ave"},
      {"road", "rd"},
      {"boulevard", "blvd"},
      {"boul", "blvd"},
      {"drive", "dr"},
      {"drv", "dr"},
      {"lane", "ln"},
      {"court", "ct"},
      {"place", "pl"},
      {"square", "sq"},
      {"terrace", "ter"},
      {"parkway", "pkwy"},
      {"highway", "hwy"},
      {"circle", "cir"},
      {"trail", "trl"},
      {"crescent", "cres"},
      {"expressway", "expy"},
      {"freeway", "fwy"},
      {"route", "rte"},
      {"mount", "mt"},
      {"mountain", "mtn"},
      {"heights", "hts"},
      {"point", "pt"},
      {"center", "ctr"},
      {"centre", "ctr"},
      {"plaza", "plz"},
      {"alley", "aly"},
      {"close", "cl"},
      {"gardens", "gdns"},
      {"grove", "grv"},
      {"park", "park"},
      {"wy", "way"},
      {"boulv", "blvd"},
      {"driv", "dr"},
      {"crt", "ct"},
      {"terr", "ter"},
      {"pky", "pkwy"},
      {"circ", "cir"},
      {"cntr", "ctr"},
      {"sqr", "sq"},
      // Secondary unit designators: all one "unit", the number is what identifies it.
      {"apartment", "unit"},
      {"apt", "unit"},
      {"suite", "unit"},
      {"ste", "unit"},
      {"#", "unit"},
      {"flat", "unit"},
      {"room", "unit"},
      {"rm", "unit"},
      {"unit", "unit"},
      {"no", "unit"},
      {"north", "n"},
      {"south", "s"},
      {"east", "e"},
      {"west", "w"},
      {"northeast", "ne"},
      {"northwest", "nw"},
      {"southeast", "se"},
      {"southwest", "sw"},
      {"first", "1st"},
      {"second", "2nd"},
      {"third", "3rd"},
      {"fourth", "4th"},
      {"fifth", "5th"},
      {"sixth", "6th"},
      {"seventh", "7th"},
      {"eighth", "8th"},
      {"ninth", "9th"},
      {"tenth", "10th"},
      {"eleventh", "11th"},
      {"twelfth", "12th"},
  };
  return table;
}

// StreetTokens returns the street's words with suffixes and designators in their standard
// form ("Street" -> "st", "Apt"/"#" -> "unit"); views into `words` or into StreetWords().
std::vector<std::string_view> StreetTokens(std::string_view street, WordList& words) {
  const auto& table = StreetWords();
  Words(street, words);
  const std::vector<std::string_view>& list = words.words;
  std::vector<std::string_view> tokens;
  tokens.reserve(list.size());
  for (std::size_t word_idx = 0; word_idx < list.size(); ++word_idx) {
    const std::string_view word = list[word_idx];
    const auto found = table.find(word);
    const std::string_view mapped = found == table.end() ? word : found->second;
    if (mapped == "unit") {
      // A designator names a unit only before its number: "No. 5" is unit 5, "No Name Rd" is
      // a name, and a trailing "#" carries nothing.
      std::size_t value_idx = word_idx + 1;
      while (value_idx < list.size() && list[value_idx] == "#") ++value_idx;
      const bool has_value = value_idx < list.size() && HasDigit(list[value_idx]);
      if (!has_value) {
        if (word != "#") tokens.push_back(word);
        continue;
      }
      // "Apt #4B" and "Suite # 200" name the unit once.
      if (!tokens.empty() && tokens.back() == "unit") continue;
    }
    tokens.push_back(mapped);
  }
  return tokens;
}

// US states and DC (USPS abbreviations), for region names and for telling "IL" the state
// from IL the country at the end of a line.
const std::unordered_map<std::string, std::string>& UsStates() {
  static const std::unordered_map<std::string, std::string> table = [] {
    static constexpr std::pair<std::string_view, std::string_view> kStates[] = {
        {"AL", "alabama"},        {"AK", "alaska"},         {"AZ", "arizona"},
        {"AR", "arkansas"},       {"CA", "california"},     {"CO", "colorado"},
        {"CT", "connecticut"},    {"DE", "delaware"},       {"DC", "district of columbia"},
        {"FL", "florida"},        {"GA", "georgia"},        {"HI", "hawaii"},
        {"ID", "idaho"},          {"IL", "illinois"},       {"IN", "indiana"},
        {"IA", "iowa"},           {"KS", "kansas"},         {"KY", "kentucky"},
        {"LA", "louisiana"},      {"ME", "maine"},          {"MD", "maryland"},
        {"MA", "massachusetts"},  {"MI", "michigan"},       {"MN", "minnesota"},
        {"MS", "mississippi"},    {"MO", "missouri"},       {"MT", "montana"},
        {"NE", "nebraska"},       {"NV", "nevada"},         {"NH", "new hampshire"},
        {"NJ", "new jersey"},     {"NM", "new mexico"},     {"NY", "new york"},
        {"NC", "north carolina"}, {"ND", "north dakota"},   {"OH", "ohio"},
        {"OK", "oklahoma"},       {"OR", "oregon"},         {"PA", "pennsylvania"},
        {"RI", "rhode island"},   {"SC", "south carolina"}, {"SD", "south dakota"},
        {"TN", "tennessee"},      {"TX", "texas"},          {"UT", "utah"},
        {"VT", "vermont"},        {"VA", "virginia"},       {"WA", "washington"},
        {"WV", "west virginia"},  {"WI", "wisconsin"},      {"WY", "wyoming"},
    };
    std::unordered_map<std::string, std::string> built;
    for (const auto& [code, name] : kStates) {
      built.emplace(ToLowerAscii(code), std::string(code));
      built.emplace(std::string(name), std::string(code));
    }
    return built;
  }();
  return table;
}

// CountryKey folds a country spelling to the key the table is indexed by: lower-case ASCII
// words, "&" as "and", a leading "the" dropped ("The Netherlands" -> "netherlands").
std::string CountryKey(std::string_view text) {
  std::string folded = internal::FoldToAscii(text);
  internal::ToLowerAsciiInPlace(folded);
  std::string key;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!(key.empty() && word == "the")) {
      if (!key.empty()) key.push_back(' ');
      key += word;
    }
    word.clear();
  };
  for (const char c : folded) {
    if (IsAsciiAlnum(c)) {
      word.push_back(c);
    } else if (c == '.' || c == '\'') {
      continue;  // "U.S.A." -> "usa", "Cote d'Ivoire" -> "cote divoire"
    } else if (c == '&') {
      flush();
      word = "and";
      flush();
    } else {
      flush();
    }
  }
  flush();
  return key;
}

const std::unordered_map<std::string, std::string>& CountryTable() {
  static const std::unordered_map<std::string, std::string> table = [] {
    std::unordered_map<std::string, std::string> built;
    // ICU's list is ISO 3166-1 alpha-2 from CLDR; English names from the same data.
    for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
      const std::string alpha2(*code);
      const icu::Locale locale("", *code);
      built.emplace(ToLowerAscii(alpha2), alpha2);
      const std::string alpha3 = locale.getISO3Country();
      if (!alpha3.empty()) built.emplace(ToLowerAscii(alpha3), alpha2);
      icu::UnicodeString display;
      locale.getDisplayCountry(icu::Locale::getEnglish(), display);
      std::string name;
      display.toUTF8String(name);
      if (!name.empty() && name != alpha2) built.emplace(CountryKey(name), alpha2);
    }
    // Aliases: ISO's official long forms ("Korea, Republic of"), UN names, and everyday usage.
    static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
        {"usa", "US"},
        {"united states of america", "US"},
        {"america", "US"},
        {"us of a", "US"},
        {"united states", "US"},
        {"uk", "GB"},
        {"great britain", "GB"},
        {"britain", "GB"},
        {"england", "GB"},
        {"scotland", "GB"},
        {"wales", "GB"},
        {"northern ireland", "GB"},
        {"united kingdom of great britain and northern ireland", "GB"},
        {"south korea", "KR"},
        {"korea", "KR"},
        {"korea republic of", "KR"},
        {"republic of korea", "KR"},
        {"korea south", "KR"},
        {"rok", "KR"},
        {"north korea", "KP"},
        {"dprk", "KP"},
        {"korea north", "KP"},
        {"democratic peoples republic of korea", "KP"},
        {"korea democratic peoples republic of", "KP"},
        {"russia", "RU"},
        {"russian federation", "RU"},
        {"china", "CN"},
        {"prc", "CN"},
        {"peoples republic of china", "CN"},
        {"mainland china", "CN"},
        {"taiwan", "TW"},
        {"taiwan province of china", "TW"},
        {"republic of china", "TW"},
        {"hong kong", "HK"},
        {"hong kong sar", "HK"},
        {"hong kong sar china", "HK"},
        {"macau", "MO"},
        {"macao", "MO"},
        {"vietnam", "VN"},
        {"viet nam", "VN"},
        {"iran", "IR"},
        {"iran islamic republic of", "IR"},
        {"syria", "SY"},
        {"syrian arab republic", "SY"},
        {"laos", "LA"},
        {"lao peoples democratic republic", "LA"},
        {"czech republic", "CZ"},
        {"czechia", "CZ"},
        {"holland", "NL"},
        {"netherlands", "NL"},
        {"uae", "AE"},
        {"emirates", "AE"},
        {"ivory coast", "CI"},
        {"cote divoire", "CI"},
        {"burma", "MM"},
        {"myanmar", "MM"},
        {"swaziland", "SZ"},
        {"eswatini", "SZ"},
        {"turkey", "TR"},
        {"turkiye", "TR"},
        {"moldova", "MD"},
        {"moldova republic of", "MD"},
        {"tanzania", "TZ"},
        {"tanzania united republic of", "TZ"},
        {"venezuela", "VE"},
        {"venezuela bolivarian republic of", "VE"},
        {"bolivia", "BO"},
        {"bolivia plurinational state of", "BO"},
        {"vatican", "VA"},
        {"holy see", "VA"},
        {"vatican city", "VA"},
        {"macedonia", "MK"},
        {"north macedonia", "MK"},
        {"palestine", "PS"},
        {"palestine state of", "PS"},
        {"cape verde", "CV"},
        {"cabo verde", "CV"},
        {"east timor", "TL"},
        {"timor leste", "TL"},
        {"drc", "CD"},
        {"congo democratic republic of the", "CD"},
        {"democratic republic of the congo", "CD"},
        {"congo kinshasa", "CD"},
        {"congo brazzaville", "CG"},
        {"republic of the congo", "CG"},
        {"micronesia", "FM"},
        {"brunei", "BN"},
        {"brunei darussalam", "BN"},
        {"ksa", "SA"},
        {"deutschland", "DE"},
        {"espana", "ES"},
        {"nippon", "JP"},
    };
    for (const auto& [alias, code] : kAliases) {
      built.insert_or_assign(std::string(alias), std::string(code));
    }
    return built;
  }();
  return table;
}

bool IsUsStateCode(std::string_view text) {
  return text.size() == 2 && UsStates().contains(ToLowerAscii(text));
}

std::vector<std::string> SplitWhitespace(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : text) {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

bool StartsWithUnitDesignator(std::string_view part) {
  WordList words;
  const std::vector<std::string_view> tokens = StreetTokens(part, words);
  return !tokens.empty() && tokens.front() == "unit";
}

}  // namespace

std::string NormalizeCity(std::string_view city) {
  WordList words;
  Words(city, words);
  std::erase(words.words, "#");
  return JoinViews(words.words, " ");
}

std::string NormalizeRegion(std::string_view region) {
  const std::string joined = NormalizeCity(region);
  const auto& states = UsStates();
  if (const auto found = states.find(joined); found != states.end()) return found->second;
  return ToUpperAscii(joined);
}

std::string NormalizeStreet(std::string_view street) {
  WordList words;
  return JoinViews(StreetTokens(street, words), " ");
}

void ParseStreetAndUnit(std::string_view street_line, std::string* street, std::string* unit,
                        std::string* normalized) {
  WordList words;
  const std::vector<std::string_view> tokens = StreetTokens(street_line, words);
  if (normalized != nullptr) *normalized = JoinViews(tokens, " ");
  // Tokens before the first "unit" are the street (joined by spaces), the others except
  // "unit" itself the unit (joined without separator).
  street->clear();
  unit->clear();
  bool in_unit = false;
  bool first_street_token = true;
  for (const std::string_view token : tokens) {
    if (token == "unit") {
      in_unit = true;
      continue;
    }
    if (in_unit) {
      *unit += token;
    } else {
      if (!first_street_token) *street += ' ';
      *street += token;
      first_street_token = false;
    }
  }
}

std::string NormalizePostalCode(std::string_view postal_code, std::string_view country) {
  return NormalizePostalCodeForIso(postal_code,
                                   country.empty() ? std::string() : NormalizeCountry(country));
}

std::string NormalizePostalCodeForIso(std::string_view postal_code, std::string_view iso) {
  std::string code;
  for (const char c : TrimAscii(postal_code)) {
    if (IsAsciiAlnum(c)) code.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  }
  // ZIP+4 (USPS Publication 28, section 23): the first five digits are the delivery area,
  // the +4 a block face that applicants give inconsistently.
  if ((iso.empty() || iso == "US") && code.size() == 9) {
    const std::string_view trimmed = TrimAscii(postal_code);
    bool zip_plus_four = trimmed.size() >= 9;
    for (const char c : code) zip_plus_four = zip_plus_four && c >= '0' && c <= '9';
    // Without a country only the written "NNNNN-NNNN" form is taken as ZIP+4.
    if (zip_plus_four && (iso == "US" || (trimmed.size() == 10 && trimmed[5] == '-'))) {
      code.resize(5);
    }
  }
  return code;
}

std::string NormalizeCountry(std::string_view country) {
  const std::string_view trimmed = TrimAscii(country);
  if (trimmed.empty() || trimmed.size() > 100) return {};
  const auto& table = CountryTable();
  // Fast path for the common case, an alpha-2 or alpha-3 code: no folding needed.
  if (trimmed.size() <= 3 && internal::IsAscii(trimmed)) {
    const auto found = table.find(ToLowerAscii(trimmed));
    if (found != table.end()) return found->second;
  }
  const auto found = table.find(CountryKey(trimmed));
  return found == table.end() ? std::string() : found->second;
}

ParsedAddress ParseAddressLine(std::string_view line) {
  ParsedAddress out;
  std::vector<std::string> parts;
  std::string unit_part;
  for (std::string& piece : SplitString(line, ',')) {
    for (std::string& sub : SplitString(piece, ';')) {
      const std::string_view trimmed = TrimAscii(sub);
      if (trimmed.empty()) continue;
      // A part of its own starting "Apt", "Suite", "#" is the unit ("1200 Elm St, Apt 4B").
      if (parts.size() <= 1 && StartsWithUnitDesignator(trimmed) && unit_part.empty()) {
        unit_part = std::string(trimmed);
        continue;
      }
      parts.emplace_back(trimmed);
    }
  }
  if (parts.empty() && unit_part.empty()) return out;

  // 1. A trailing country. "IL" after a city is Illinois, not Israel: a 2-letter US state code
  //    counts as a country only after a part that holds a postal code.
  if (parts.size() >= 2) {
    const std::string& last = parts.back();
    std::string iso = NormalizeCountry(last);
    if (!iso.empty() && IsUsStateCode(TrimAscii(last)) && !HasDigit(parts[parts.size() - 2])) {
      iso.clear();
    }
    if (!iso.empty()) {
      out.country = iso;
      parts.pop_back();
    }
  }

  // 2. The part with the postal code and/or region ("IL 62704", "ON M5V 2T6", "10115 Berlin").
  if (parts.size() >= 2) {
    std::vector<std::string> words = SplitWhitespace(parts.back());
    const bool postal_first = words.size() >= 2 && words.front().size() >= 4 &&
                              HasDigit(words.front()) && !HasDigit(words.back());
    if (postal_first) {
      out.postal_code = NormalizePostalCode(words.front(), out.country);
      words.erase(words.begin());
      out.city = NormalizeCity(JoinStrings(words, " "));
      parts.pop_back();
    } else if (!words.empty() && HasDigit(words.back())) {
      std::string postal = words.back();
      words.pop_back();
      // Two-word codes: UK "SW1A 1AA", Canada "M5V 2T6".
      if (!words.empty() && HasDigit(words.back()) && words.back().size() <= 4 &&
          postal.size() <= 4) {
        postal = words.back() + postal;
        words.pop_back();
      }
      out.postal_code = NormalizePostalCode(postal, out.country);
      if (!words.empty()) {
        const std::string rest = JoinStrings(words, " ");
        // With only a street before it, the rest is the city ("London SW1A 1AA").
        if (parts.size() == 2 && !(words.size() == 1 && IsUsStateCode(words.front()))) {
          out.city = NormalizeCity(rest);
        } else {
          out.region = NormalizeRegion(rest);
        }
      }
      parts.pop_back();
    } else if (parts.size() >= 3) {
      out.region = NormalizeRegion(parts.back());
      parts.pop_back();
    }
  }
  // 3. The city, when still open and something is left beside the street.
  if (out.city.empty() && parts.size() >= 2) {
    out.city = NormalizeCity(parts.back());
    parts.pop_back();
  }
  // 4. The street (first part; anything between street and city is joined to it).
  std::string street_line = JoinStrings(parts, " ");
  if (!unit_part.empty()) street_line += " " + unit_part;
  ParseStreetAndUnit(street_line, &out.street, &out.unit);
  return out;
}

std::string AddressKey(const ParsedAddress& address) {
  if (address.street.empty()) return {};
  std::string key = address.street;
  if (!address.unit.empty()) key += " unit " + address.unit;
  key += '|';
  key += address.postal_code.empty() ? address.city : address.postal_code;
  key += '|';
  key += address.country;
  return key;
}

}  // namespace crosscheck::normalize
