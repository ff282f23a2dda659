#include "crosscheck/simulate/identity.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "crosscheck/common/strings.h"

namespace crosscheck::simulate {
namespace {

std::vector<std::string_view> SplitBar(std::string_view text) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    const std::size_t bar = text.find('|');
    parts.push_back(text.substr(0, bar));
    if (bar == std::string_view::npos) break;
    text.remove_prefix(bar + 1);
  }
  return parts;
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string Digits(Rng& rng, int count) {
  std::string out;
  for (int idx = 0; idx < count; ++idx) out.push_back(static_cast<char>('0' + rng.Below(10)));
  return out;
}

// Romanization alternatives of a script-set name, or nicknames / spellings of a Latin one.
std::vector<std::string_view> Alternatives(const NameSet& set, const NameEntry& entry) {
  std::vector<std::string_view> alts = SplitBar(entry.variants);
  // In Latin name sets the "native" column holds the plain-ASCII spelling (José -> Jose).
  if (!IsScriptNameSet(set) && !entry.native.empty() && entry.native != entry.latin) {
    alts.push_back(entry.native);
  }
  return alts;
}

// FirstLetter returns the first UTF-8 character (a middle initial must not cut a code point).
std::string FirstLetter(std::string_view text) {
  if (text.empty()) return "";
  std::size_t len = 1;
  while (len < text.size() && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80) ++len;
  return std::string(text.substr(0, len));
}

std::string FemaleForm(const NameSet& set, std::string_view family, char gender) {
  std::string out(family);
  if (set.female_family_suffix && gender == 'f') out += IsAscii(family) ? "a" : "а";  // Cyrillic а
  return out;
}

struct PhoneStyle {
  std::string_view country;
  std::string_view national_prefix;
  std::vector<int> groups;  // digit groups of the NSN; the last group takes the rest
};

const PhoneStyle& StyleFor(std::string_view country) {
  static const std::vector<PhoneStyle> styles = {
      {"US", "1", {3, 3, 4}}, {"CA", "1", {3, 3, 4}},    {"GB", "0", {4, 6}},
      {"KR", "0", {2, 4, 4}}, {"IN", "0", {5, 5}},       {"DE", "0", {3, 8}},
      {"FR", "0", {1, 2, 2, 2, 2}}, {"CN", "", {3, 4, 4}}, {"JP", "0", {2, 4, 4}},
      {"RU", "8", {3, 3, 2, 2}}, {"UA", "0", {2, 3, 2, 2}}, {"BR", "", {2, 5, 4}},
      {"MX", "", {2, 4, 4}},  {"PH", "0", {3, 3, 4}},    {"NG", "0", {3, 3, 4}},
      {"AU", "0", {3, 3, 3}}, {"VN", "0", {2, 3, 4}},    {"PL", "", {3, 3, 3}},
      {"IT", "", {3, 3, 4}},  {"SG", "", {4, 4}},
  };
  for (const PhoneStyle& style : styles) {
    if (style.country == country) return style;
  }
  return styles[0];
}

std::vector<std::string> Group(std::string_view nsn, const std::vector<int>& groups) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (std::size_t idx = 0; idx < groups.size() && pos < nsn.size(); ++idx) {
    const std::size_t len = idx + 1 == groups.size() ? nsn.size() - pos : static_cast<std::size_t>(groups[idx]);
    out.emplace_back(nsn.substr(pos, len));
    pos += len;
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  return JoinStrings(parts, separator);
}

int Mod97(std::string_view digits_and_letters) {
  int remainder = 0;
  for (char c : digits_and_letters) {
    if (c >= '0' && c <= '9') {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      const int value = c - 'A' + 10;
      remainder = (remainder * 100 + value) % 97;
    }
  }
  return remainder;
}

std::string Iban(std::string_view country, const std::string& bban) {
  // ISO 13616: check digits make (BBAN + country + "00") mod 97 == 1 after adjustment.
  const std::string rearranged = bban + std::string(country) + "00";
  const int check = 98 - Mod97(rearranged);  // 2..98
  const char check_text[3] = {static_cast<char>('0' + check / 10), static_cast<char>('0' + check % 10), '\0'};
  return std::string(country) + check_text + bban;
}

// TextNameVariant writes a name outside the tables (no romanization table, no native script):
// family first as Korean and Chinese forms often have it, the hyphen dropped (Yong-min ->
// Yongmin), "Last, First", case, a typo, the English given name.
std::string TextNameVariant(const PersonName& name, Rng& rng, double variant_rate) {
  std::string given = name.given_text;
  const std::string& family = name.family_text;
  if (!rng.Chance(variant_rate)) {
    if (!name.english_given.empty() && rng.Chance(0.5)) return name.english_given + " " + family;
    return given + " " + family;
  }
  switch (rng.Below(5)) {
    case 0: return rng.Chance(0.5) ? family + " " + given : ToUpperAscii(family) + " " + given;
    case 1:
      given.erase(std::remove(given.begin(), given.end(), '-'), given.end());
      return given + " " + family;
    case 2: return family + ", " + given;
    case 3: {
      const std::string full = given + " " + family;
      return rng.Chance(0.6) ? ToUpperAscii(full) : ToLowerAscii(full);
    }
    default:
      if (!name.english_given.empty()) return name.english_given + " " + family;
      return Typo(given, rng) + " " + family;
  }
}

}  // namespace

bool IsScriptNameSet(const NameSet& set) {
  return set.id == "chinese" || set.id == "korean" || set.id == "japanese" || set.id == "russian" ||
         set.id == "ukrainian" || set.id == "vietnamese";
}

PersonName DrawName(const Catalog& catalog, std::size_t name_set, Rng& rng) {
  const NameSet& set = catalog.name_sets[name_set];
  PersonName name;
  name.name_set = name_set;
  name.gender = rng.Chance(0.5) ? 'm' : 'f';
  // Given names matching the gender; 'u' names fit both.
  for (int attempt = 0; attempt < 16; ++attempt) {
    name.given = rng.Skewed(set.given.size(), 1.6);
    const char gender = set.given[name.given].gender;
    if (gender == 'u' || gender == name.gender) break;
  }
  name.family = rng.Skewed(set.family.size(), 1.8);
  const bool western = !IsScriptNameSet(set) && set.id != "indian" && set.id != "nigerian";
  if (western && rng.Chance(0.45)) {
    // Middle names come from the same tradition's given names.
    for (int attempt = 0; attempt < 8; ++attempt) {
      const NameEntry& middle = set.given[rng.Below(set.given.size())];
      if (middle.latin != set.given[name.given].latin && (middle.gender == name.gender || middle.gender == 'u')) {
        name.middle = std::string(middle.latin);
        break;
      }
    }
  }
  if ((set.id == "chinese" && rng.Chance(0.3)) || (set.id == "korean" && rng.Chance(0.12)) ||
      (set.id == "vietnamese" && rng.Chance(0.2))) {
    name.english_given = std::string(rng.Pick(catalog.english_given_names));
  }
  const auto alts = SplitBar(set.given[name.given].variants);
  // Script names: some people settle on another romanization for good (Dmitriy, Jihoon).
  if (IsScriptNameSet(set) && !alts.empty() && !alts[0].empty() && rng.Chance(0.35)) {
    name.romanization = 1 + static_cast<int>(rng.Below(alts.size()));
  }
  return name;
}

std::string GivenLatin(const Catalog& catalog, const PersonName& name) {
  if (!name.given_text.empty()) return name.given_text;
  const NameSet& set = catalog.name_sets[name.name_set];
  const NameEntry& entry = set.given[name.given];
  if (name.romanization > 0) {
    const auto alts = SplitBar(entry.variants);
    if (static_cast<std::size_t>(name.romanization) <= alts.size()) {
      return std::string(alts[static_cast<std::size_t>(name.romanization) - 1]);
    }
  }
  return std::string(entry.latin);
}

std::string FamilyLatin(const Catalog& catalog, const PersonName& name) {
  if (!name.family_text.empty()) return name.family_text;
  const NameSet& set = catalog.name_sets[name.name_set];
  return FemaleForm(set, set.family[name.family].latin, name.gender);
}

std::string CanonicalName(const Catalog& catalog, const PersonName& name) {
  std::string out = GivenLatin(catalog, name);
  if (!name.middle.empty()) out += " " + name.middle;
  return out + " " + FamilyLatin(catalog, name);
}

std::string NameVariant(const Catalog& catalog, const PersonName& name, Rng& rng, double variant_rate,
                        bool allow_native) {
  if (!name.given_text.empty()) return TextNameVariant(name, rng, variant_rate);
  const NameSet& set = catalog.name_sets[name.name_set];
  const NameEntry& given_entry = set.given[name.given];
  const NameEntry& family_entry = set.family[name.family];
  std::string given = GivenLatin(catalog, name);
  std::string family = FamilyLatin(catalog, name);
  if (!name.maiden_family.empty() && rng.Chance(0.3)) family = name.maiden_family;
  if (!rng.Chance(variant_rate)) {
    if (!name.english_given.empty() && rng.Chance(0.5)) return name.english_given + " " + family;
    return name.middle.empty() ? given + " " + family : given + " " + name.middle + " " + family;
  }
  const std::uint64_t kind = rng.Below(10);
  switch (kind) {
    case 0: {  // nickname or other romanization of the given name
      const auto alts = Alternatives(set, given_entry);
      if (!alts.empty() && !alts[0].empty()) given = std::string(rng.Pick(alts));
      break;
    }
    case 1: {  // other romanization of the family name
      const auto alts = Alternatives(set, family_entry);
      if (!alts.empty() && !alts[0].empty()) family = FemaleForm(set, rng.Pick(alts), name.gender);
      break;
    }
    case 2:  // middle initial or no middle name
      if (!name.middle.empty()) {
        return rng.Chance(0.6) ? given + " " + FirstLetter(name.middle) + ". " + family : given + " " + family;
      }
      return given + " " + std::string(1, static_cast<char>('A' + rng.Below(26))) + " " + family;
    case 3:  // "Last, First" as many ATS forms and résumé headers have it
      return family + ", " + given + (name.middle.empty() ? "" : " " + FirstLetter(name.middle) + ".");
    case 4: {  // case
      const std::string full = given + " " + family;
      return rng.Chance(0.6) ? ToUpperAscii(full) : ToLowerAscii(full);
    }
    case 5:  // typo
      if (rng.Chance(0.5)) {
        given = Typo(given, rng);
      } else {
        family = Typo(family, rng);
      }
      break;
    case 6:
    case 7:
      if (allow_native && IsScriptNameSet(set) && !given_entry.native.empty() && !family_entry.native.empty()) {
        const std::string native_family = FemaleForm(set, family_entry.native, name.gender);
        if (set.native_family_first) {
          // CJK: family then given, no space; Vietnamese: with spaces.
          return set.id == "vietnamese" ? native_family + " " + std::string(given_entry.native)
                                        : native_family + std::string(given_entry.native);
        }
        return rng.Chance(0.6) ? std::string(given_entry.native) + " " + native_family
                               : native_family + " " + std::string(given_entry.native);
      }
      [[fallthrough]];
    case 8:
      if (set.latin_family_first_often) {
        return rng.Chance(0.5) ? family + " " + given : ToUpperAscii(family) + " " + given;
      }
      if (!name.english_given.empty()) return name.english_given + " " + family;
      break;
    default:
      if (!name.english_given.empty()) {
        return rng.Chance(0.5) ? given + " (" + name.english_given + ") " + family
                               : name.english_given + " " + given + " " + family;
      }
      {
        const auto alts = Alternatives(set, given_entry);
        if (!alts.empty() && !alts[0].empty()) given = std::string(rng.Pick(alts));
      }
      break;
  }
  return given + " " + family;
}

std::string AsciiFold(std::string_view text) {
  static const std::pair<std::string_view, std::string_view> kFolds[] = {
      {"á", "a"}, {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"ã", "a"}, {"å", "a"}, {"ą", "a"},
      {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"ę", "e"}, {"í", "i"}, {"ì", "i"},
      {"î", "i"}, {"ï", "i"}, {"ó", "o"}, {"ò", "o"}, {"ô", "o"}, {"ö", "o"}, {"õ", "o"},
      {"ø", "o"}, {"ú", "u"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"}, {"ñ", "n"}, {"ń", "n"},
      {"ç", "c"}, {"ć", "c"}, {"ß", "ss"}, {"ł", "l"}, {"Ł", "l"}, {"ś", "s"}, {"ź", "z"},
      {"ż", "z"}, {"đ", "d"}, {"Đ", "d"}, {"É", "e"}, {"Á", "a"}, {"Ó", "o"}, {"Ú", "u"},
      {"Ö", "o"}, {"Ü", "u"}, {"Ä", "a"}};
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      const char c = text[pos];
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
      if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c + 32));
      ++pos;
      continue;
    }
    bool folded = false;
    for (const auto& [from, to] : kFolds) {
      if (text.substr(pos, from.size()) == from) {
        out += to;
        pos += from.size();
        folded = true;
        break;
      }
    }
    if (!folded) ++pos;  // other scripts: dropped
  }
  return out;
}

std::string Typo(std::string_view text, Rng& rng) {
  std::string out(text);
  if (out.size() < 3 || !IsAscii(out)) return out;
  const std::size_t pos = 1 + rng.Below(out.size() - 2);
  switch (rng.Below(3)) {
    case 0:
      std::swap(out[pos], out[pos + 1]);
      break;
    case 1:
      out.erase(pos, 1);
      break;
    default:
      out.insert(pos, 1, out[pos]);
      break;
  }
  return out;
}

PhoneNumber MakeMobile(const Locale& locale, std::string_view area_codes, Rng& rng) {
  PhoneNumber number;
  number.country = std::string(locale.code);
  number.calling_code = std::string(locale.calling_code);
  const std::string_view code = locale.code;
  auto pick = [&rng](std::initializer_list<std::string_view> items) {
    return std::string(*(items.begin() + rng.Below(items.size())));
  };
  if (code == "US" || code == "CA") {
    const auto areas = SplitBar(area_codes);
    std::string exchange;
    do {
      exchange = std::string(1, static_cast<char>('2' + rng.Below(8))) + Digits(rng, 2);
    } while (exchange.substr(1) == "11" || exchange == "555");
    number.nsn = std::string(areas.empty() ? "212" : rng.Pick(areas)) + exchange + Digits(rng, 4);
  } else if (code == "GB") {
    number.nsn = pick({"7712", "7723", "7734", "7745", "7756", "7767", "7801", "7812", "7845", "7890",
                       "7904", "7915", "7956", "7967", "7988"}) + Digits(rng, 6);
  } else if (code == "KR") {
    number.nsn = "10" + std::string(1, static_cast<char>('2' + rng.Below(8))) + Digits(rng, 7);
  } else if (code == "IN") {
    number.nsn = pick({"98", "99", "97", "96", "94", "93", "91", "90", "88", "87", "81", "80", "70", "79"}) +
                 Digits(rng, 8);
  } else if (code == "DE") {
    const std::string prefix = pick({"151", "152", "160", "170", "171", "172", "176", "177"});
    const bool long_form = prefix == "151" || prefix == "152" || prefix == "176";
    number.nsn = prefix + std::string(1, static_cast<char>('1' + rng.Below(9))) + Digits(rng, long_form ? 7 : 6);
  } else if (code == "FR") {
    number.nsn = "6" + Digits(rng, 8);
  } else if (code == "CN") {
    number.nsn = pick({"138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "186", "187",
                       "188", "189"}) + Digits(rng, 8);
  } else if (code == "JP") {
    number.nsn = pick({"90", "80", "70"}) + std::string(1, static_cast<char>('1' + rng.Below(9))) + Digits(rng, 7);
  } else if (code == "RU") {
    number.nsn = pick({"903", "905", "906", "909", "910", "912", "915", "916", "917", "919", "925", "926",
                       "977", "985"}) + Digits(rng, 7);
  } else if (code == "UA") {
    number.nsn = pick({"50", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"}) + Digits(rng, 7);
  } else if (code == "BR") {
    const auto areas = SplitBar(area_codes);
    number.nsn = std::string(areas.empty() ? "11" : rng.Pick(areas)) + "9" +
                 std::string(1, static_cast<char>('6' + rng.Below(4))) + Digits(rng, 7);
  } else if (code == "MX") {
    const auto areas = SplitBar(area_codes);
    number.nsn = std::string(areas.empty() ? "55" : rng.Pick(areas)) +
                 std::string(1, static_cast<char>('1' + rng.Below(9))) + Digits(rng, 7);
  } else if (code == "PH") {
    number.nsn = pick({"917", "918", "919", "920", "921", "927", "928", "939", "945", "966", "977", "995"}) +
                 Digits(rng, 7);
  } else if (code == "NG") {
    number.nsn = pick({"803", "806", "813", "816", "703", "706", "805", "807", "815", "905", "802", "808",
                       "812"}) + Digits(rng, 7);
  } else if (code == "AU") {
    number.nsn = "4" + pick({"0", "1", "2", "3", "5", "6", "7", "8", "9"}) + Digits(rng, 7);
  } else if (code == "VN") {
    number.nsn = pick({"90", "91", "93", "94", "96", "97", "98", "86", "88", "89", "70", "77", "79", "81",
                       "83", "84", "85", "32", "33", "34", "35", "36", "37", "38", "39"}) + Digits(rng, 7);
  } else if (code == "PL") {
    number.nsn = pick({"50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"}) + Digits(rng, 7);
  } else if (code == "IT") {
    number.nsn = pick({"320", "324", "327", "328", "329", "330", "333", "334", "335", "338", "339", "340",
                       "342", "345", "346", "347", "348", "349", "366", "380", "388", "389", "391", "392",
                       "393"}) + Digits(rng, 7);
  } else if (code == "SG") {
    number.nsn = pick({"8", "9"}) + Digits(rng, 7);
  } else {
    number.nsn = Digits(rng, 9);
  }
  return number;
}

PhoneNumber MakeKoreanInternetPhone(Rng& rng) {
  // 070-4xxx/7xxx/8xxx-xxxx: the internet-phone (VoIP) range of the Korean numbering plan.
  static constexpr char kFirst[] = {'4', '7', '8'};
  return PhoneNumber{"KR", "82", "70" + std::string(1, kFirst[rng.Below(3)]) + Digits(rng, 7)};
}

std::optional<PhoneNumber> MakeHomeLine(const Locale& locale, std::string_view area_codes, Rng& rng,
                                        std::string* line_type) {
  *line_type = "landline";
  const std::string_view code = locale.code;
  if (code == "KR") {
    *line_type = "fixedVoip";
    return MakeKoreanInternetPhone(rng);
  }
  // NANP landlines look like mobiles: geographic area code, exchange 2xx-9xx.
  if (code == "US" || code == "CA") return MakeMobile(locale, area_codes, rng);
  // Capital-city geographic ranges: London 020 3/7/8, Berlin 030, Paris 01 4, Delhi 011 2/4,
  // Sydney 02 9.
  static constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"GB", "20"}, {"DE", "30"}, {"FR", "14"}, {"IN", "11"}, {"AU", "29"}};
  for (const auto& [country, prefix] : kPrefixes) {
    if (code != country) continue;
    std::string nsn(prefix);
    if (code == "GB") nsn.push_back("378"[rng.Below(3)]);
    if (code == "DE") nsn.push_back(static_cast<char>('1' + rng.Below(9)));
    if (code == "IN") nsn.push_back("24"[rng.Below(2)]);
    nsn += Digits(rng, 7);
    return PhoneNumber{std::string(code), std::string(locale.calling_code), nsn};
  }
  return std::nullopt;
}

std::string FormatPhone(const PhoneNumber& number, std::uint64_t style) {
  const std::string& cc = number.calling_code;
  const std::string& nsn = number.nsn;
  if (number.country == "US" || number.country == "CA") {
    const std::string a = nsn.substr(0, 3), e = nsn.substr(3, 3), l = nsn.substr(6);
    switch (style % 9) {
      case 0: return "(" + a + ") " + e + "-" + l;
      case 1: return a + "-" + e + "-" + l;
      case 2: return a + "." + e + "." + l;
      case 3: return "+1 " + a + "-" + e + "-" + l;
      case 4: return "1-" + a + "-" + e + "-" + l;
      case 5: return "+1" + nsn;
      case 6: return nsn;
      case 7: return "+1 (" + a + ") " + e + "-" + l;
      default: return "+1 " + a + " " + e + " " + l;
    }
  }
  const PhoneStyle& phone_style = StyleFor(number.country);
  const std::vector<std::string> groups = Group(nsn, phone_style.groups);
  const std::string prefix(phone_style.national_prefix);
  if (number.country == "BR" && style % 7 == 0) return "(" + groups[0] + ") " + groups[1] + "-" + groups[2];
  if (number.country == "RU" && style % 7 == 0) {
    return "8 (" + groups[0] + ") " + groups[1] + "-" + groups[2] + "-" + groups[3];
  }
  switch (style % 7) {
    case 0:
    case 1: return "+" + cc + " " + Join(groups, " ");
    case 2: return "+" + cc + nsn;
    case 3: return prefix + Join(groups, " ");
    case 4: return prefix + Join(groups, "-");
    case 5: return prefix + nsn;
    default: return "00" + cc + " " + Join(groups, " ");
  }
}

std::string MakeEmailLocal(std::string_view given_ascii, std::string_view family_ascii, int birth_year,
                           Rng& rng) {
  const std::string g(given_ascii.empty() ? "user" : given_ascii);
  const std::string f(family_ascii.empty() ? "mail" : family_ascii);
  const std::string yy = std::to_string(birth_year % 100 + 100).substr(1);
  switch (rng.Below(10)) {
    case 0: return g + "." + f;
    case 1: return g + f;
    case 2: return g.substr(0, 1) + f;
    case 3: return g + "_" + f;
    case 4: return g + f + std::to_string(rng.Range(1, 99));
    case 5: return g + "." + f + yy;
    case 6: return f + "." + g;
    case 7: return g + f.substr(0, 1) + std::to_string(rng.Range(100, 999));
    case 8: return g + std::to_string(birth_year);
    default: return f + g.substr(0, 1) + yy;
  }
}

std::string FillPattern(std::string_view pattern, Rng& rng) {
  std::string out;
  for (char c : pattern) {
    if (c == '#') {
      out.push_back(static_cast<char>('0' + rng.Below(10)));
    } else if (c == 'A') {
      out.push_back(static_cast<char>('A' + rng.Below(26)));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string StreetLine(const Locale& locale, Rng& rng) {
  std::string line(rng.Pick(locale.streets));
  const std::size_t slot = line.find("{n}");
  const std::string number = std::to_string(locale.code == "JP" ? rng.Range(1, 9) : rng.Range(1, 2400) / (rng.Chance(0.5) ? 10 : 1) + 1);
  if (slot != std::string::npos) line.replace(slot, 3, number);
  const bool unit_style = locale.code == "US" || locale.code == "CA" || locale.code == "AU" || locale.code == "SG";
  if (unit_style && rng.Chance(0.35)) {
    if (locale.code == "SG") {
      line += " #" + std::to_string(rng.Range(2, 25)) + "-" + std::to_string(rng.Range(10, 99));
    } else {
      line += " Apt " + std::to_string(rng.Range(1, 30)) + std::string(1, static_cast<char>('A' + rng.Below(6)));
    }
  } else if (locale.code == "GB" && rng.Chance(0.25)) {
    line = "Flat " + std::to_string(rng.Range(1, 40)) + ", " + line;
  }
  return line;
}

std::string StreetVariant(std::string_view street, Rng& rng) {
  static const std::pair<std::string_view, std::string_view> kAbbrev[] = {
      {"Street", "St"}, {"Avenue", "Ave"}, {"Road", "Rd"},  {"Drive", "Dr"}, {"Lane", "Ln"},
      {"Boulevard", "Blvd"}, {"straße", "str."}, {"Apt ", "#"}, {"Crescent", "Cres"}, {"Way", "Wy"}};
  std::string out(street);
  switch (rng.Below(4)) {
    case 0:
    case 1:
      for (const auto& [longer, shorter] : kAbbrev) {
        const std::size_t pos = out.find(longer);
        if (pos != std::string::npos) {
          out.replace(pos, longer.size(), shorter);
          if (rng.Chance(0.5) && shorter != "#" && shorter.back() != '.') out.insert(pos + shorter.size(), ".");
          break;
        }
      }
      return out;
    case 2:
      return ToUpperAscii(out);
    default: {
      const std::size_t apt = out.find(" Apt ");
      if (apt != std::string::npos) out.replace(apt, 5, ", Unit ");
      return out;
    }
  }
}

std::string MakeSsn(Rng& rng) {
  int area = 0;
  do {
    area = static_cast<int>(rng.Range(1, 899));
  } while (area == 666);
  char text[16];
  std::snprintf(text, sizeof text, "%03d-%02d-%04d", area, static_cast<int>(rng.Range(1, 99)),
                static_cast<int>(rng.Range(1, 9999)));
  return text;
}

std::string MakeBankAccount(std::string_view country, Rng& rng) {
  if (country == "US") {
    // ABA routing number: two-digit Federal Reserve prefix, checksum 3-7-1 weights mod 10.
    std::string routing = "0" + std::to_string(rng.Range(1, 9)) + Digits(rng, 6);
    const int w[8] = {3, 7, 1, 3, 7, 1, 3, 7};
    int sum = 0;
    for (int idx = 0; idx < 8; ++idx) sum += (routing[static_cast<std::size_t>(idx)] - '0') * w[idx];
    routing.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
    return routing + " " + Digits(rng, static_cast<int>(rng.Range(8, 12)));
  }
  if (country == "GB") {
    std::string bank;
    for (int idx = 0; idx < 4; ++idx) bank.push_back(static_cast<char>('A' + rng.Below(26)));
    return Iban("GB", bank + Digits(rng, 14));
  }
  if (country == "DE") return Iban("DE", Digits(rng, 18));
  if (country == "FR") return Iban("FR", Digits(rng, 23));
  if (country == "PL") return Iban("PL", Digits(rng, 24));
  if (country == "IT") return Iban("IT", std::string(1, static_cast<char>('A' + rng.Below(26))) + Digits(rng, 22));
  if (country == "UA") return Iban("UA", Digits(rng, 25));
  if (country == "IN") {
    static constexpr std::string_view kBanks[] = {"HDFC", "ICIC", "SBIN", "UTIB", "KKBK"};
    return std::string(kBanks[rng.Below(5)]) + "0" + Digits(rng, 6) + " " + Digits(rng, 14);
  }
  return Digits(rng, 3) + "-" + Digits(rng, static_cast<int>(rng.Range(8, 12)));
}

std::string HexId(Rng& rng, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int idx = 0; idx < digits; ++idx) out.push_back(kHex[rng.Below(16)]);
  return out;
}

std::string Hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace crosscheck::simulate
