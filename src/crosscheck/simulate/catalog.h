// Catalog: the fixed reference tables the simulator draws from — countries with their names
// (Latin and native script), cities, streets, phone numbering, e-mail providers, ISPs, hosting
// and VPN networks, universities, staffing agencies, resume phrase banks and browsers.
//
//   const Catalog& catalog = GetCatalog();
//   const Locale& korea = catalog.locales[catalog.LocaleIndex("KR")];
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace crosscheck::simulate {

// NameEntry is one given or family name. `variants` holds '|'-separated alternative
// romanizations, spellings without accents or nicknames ("Robert" -> "Bob|Rob|Bobby").
struct NameEntry {
  std::string_view latin;
  std::string_view native;    // native script (Hangul, Han, Kana/Kanji, Cyrillic, diacritics); may be empty
  std::string_view variants;  // may be empty
  char gender = 'u';          // 'm', 'f' or 'u' (given names only)
};

// NameSet is the naming tradition of a population.
struct NameSet {
  std::string_view id;  // "anglo", "korean", ...
  std::vector<NameEntry> given;
  std::vector<NameEntry> family;
  bool native_family_first = false;   // native script writes family name first, no space (CJK)
  bool latin_family_first_often = false;  // Latin forms often keep family-first order (CN, KR, VN)
  bool female_family_suffix = false;  // Russian: Ivanov -> Ivanova / Иванов -> Иванова
};

// City is a place people live in, with its numbering and clock.
struct City {
  std::string_view name;
  std::string_view region;
  std::string_view postal;       // pattern: '#' digit, 'A' upper-case letter, others literal
  double latitude = 0;
  double longitude = 0;
  int utc_offset_minutes = 0;    // standard time
  std::string_view area_codes;   // '|'-separated area / mobile prefixes used for landlines (NANP)
};

// Locale is a country of residence.
struct Locale {
  std::string_view code;          // ISO 3166-1 alpha-2
  std::string_view country_name;  // English short name, as Okta geographicalContext writes it
  std::string_view calling_code;  // "1", "44", ...
  double population_weight = 0;   // share of the legitimate applicant population living here
  double company_weight = 0;      // share of companies based here
  int dst_rule = 0;               // 0 none, 1 North America, 2 Europe
  std::vector<City> cities;
  std::vector<std::string_view> streets;  // "{n} Main Street" ({n} = house number)
  std::vector<std::pair<std::string_view, double>> email_domains;
  std::vector<std::pair<std::string_view, double>> name_origins;  // NameSet id -> share
  std::string_view company_tld;   // ".com", ".co.uk", ...
};

// Network is an operator of IP space (ISP, mobile carrier, hosting company, VPN data centre).
struct Network {
  std::string_view country;  // alpha-2
  std::uint32_t asn = 0;
  std::string_view as_org;
  std::string_view isp;      // Okta securityContext.isp (lower case operator name)
  std::string_view domain;   // Okta securityContext.domain
  std::string_view kind;     // residential, mobile, business, hosting, vpn
};

// VpnBrand is a consumer VPN service and the data-centre networks its exits sit in.
struct VpnBrand {
  std::string_view name;
  std::vector<std::size_t> networks;  // indexes into Catalog::hosting
  bool labelled = true;  // IP intelligence knows its exits as `vpn` (else only as `hosting`)
};

// University is a campus whose students apply from a shared NAT.
struct University {
  std::string_view name;
  std::string_view domain;
  std::string_view country;
  std::string_view city;
};

// Catalog holds every table. Immutable after construction; safe to share between threads.
struct Catalog {
  std::vector<NameSet> name_sets;
  std::vector<Locale> locales;
  std::vector<Network> residential;  // includes national incumbents per country
  std::vector<Network> mobile;
  std::vector<Network> business;
  std::vector<Network> hosting;      // hosting and VPN data centres
  std::vector<VpnBrand> vpn_brands;
  std::vector<University> universities;
  std::vector<std::string_view> agency_names;
  std::vector<std::string_view> company_words_a;
  std::vector<std::string_view> company_words_b;
  std::vector<std::string_view> sectors;
  std::vector<std::string_view> user_agents;  // "raw|os|browser|device"
  std::vector<std::string_view> famous_employers;
  std::vector<std::string_view> english_given_names;  // adopted by some East Asian people

  // LocaleIndex returns the index of the locale with this alpha-2 code; CC_CHECKs it exists.
  std::size_t LocaleIndex(std::string_view code) const;
  // NameSetIndex returns the index of the name set with this id; CC_CHECKs it exists.
  std::size_t NameSetIndex(std::string_view id) const;
};

// GetCatalog returns the process-wide catalog (built on first use, thread-safe).
const Catalog& GetCatalog();

// ResumeBank holds the phrase banks resumes are assembled from, per field of work.
struct Field {
  std::string_view name;  // "software", "finance", ...
  std::vector<std::string_view> roles;
  std::vector<std::string_view> skills;
  std::vector<std::string_view> achievements;  // may contain {n} and {p}
  double share = 0;       // share of legitimate applicants in this field
};
struct ResumeBank {
  std::vector<Field> fields;
  std::vector<std::string_view> openers;         // "{role} with {y} years of experience in {s1}, {s2} and {s3}."
  std::vector<std::string_view> closers;
  std::vector<std::string_view> career_templates;  // shared career-centre boilerplate paragraphs
  std::vector<std::string_view> degrees;
};

// GetResumeBank returns the process-wide resume phrase banks.
const ResumeBank& GetResumeBank();

}  // namespace crosscheck::simulate
