#include "crosscheck/common/column_names.h"

#include <initializer_list>

namespace crosscheck {

std::vector<std::string> ColumnWords(std::string_view column) {
  std::vector<std::string> words;
  std::string word;
  for (char c : column) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word.push_back(c);
    } else if (c >= 'A' && c <= 'Z') {
      word.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::optional<ColumnKind> ClassifyColumnName(std::string_view column) {
  const std::vector<std::string> words = ColumnWords(column);
  std::string joined;
  for (const auto& word : words) joined += word;
  // has: some word, or all words run together ("EmailAddress"), is one of `options`.
  auto has = [&](std::initializer_list<std::string_view> options) {
    for (std::string_view option : options) {
      if (joined == option) return true;
      for (const auto& word : words) {
        if (word == option) return true;
      }
    }
    return false;
  };
  // The order matters: "Email Address" is an e-mail, "Phone Number" a phone, "Date of Birth"
  // a date before anything else; the export names of Greenhouse, Lever, Workday,
  // SmartRecruiters, BambooHR and iCIMS are covered by these words (docs/INPUTS.md).
  if (has({"email", "mail", "emails", "emailaddress"})) return ColumnKind::kEmail;
  if (has({"phone", "mobile", "tel", "telephone", "cell", "phonenumber", "phones", "fax"})) {
    return ColumnKind::kPhone;
  }
  // "Place of birth" is a place, not a date.
  if (has({"place", "birthplace", "placeofbirth"})) return ColumnKind::kCity;
  if (has({"dob", "birth", "birthdate", "dateofbirth", "born", "birthday"})) return ColumnKind::kBirthDate;
  if (has({"date"})) return ColumnKind::kDate;
  if (has({"postcode", "zip", "zipcode", "postal", "postalcode", "plz"})) return ColumnKind::kPostalCode;
  if (has({"number", "num", "no", "nr", "streetnumber", "housenumber"})) return ColumnKind::kHouseNumber;
  if (has({"given", "first", "fname", "forename", "firstname", "givenname", "forenames"})) {
    return ColumnKind::kGivenName;
  }
  if (has({"surname", "last", "lname", "family", "lastname", "familyname"})) return ColumnKind::kSurname;
  if (has({"street", "address", "addr", "address1", "address2", "line1", "line2", "road"})) {
    return ColumnKind::kStreet;
  }
  if (has({"city", "town", "suburb", "locality", "municipality", "village"})) return ColumnKind::kCity;
  if (has({"country", "nation"})) return ColumnKind::kCountry;
  if (has({"state", "region", "province", "county", "territory"})) return ColumnKind::kRegion;
  if (has({"gender", "sex", "title", "salutation"})) return ColumnKind::kCategorical;
  if (has({"name", "fullname", "person", "names"})) return ColumnKind::kFullName;
  if (has({"linkedin", "linkedinurl", "linkedinprofile"})) return ColumnKind::kLinkedin;
  if (has({"github", "githuburl", "githubprofile"})) return ColumnKind::kGithub;
  if (has({"id", "ssn", "sin", "nin", "passport", "licence", "license", "account", "iban",
           "socsecid", "nationalid", "tax", "handle", "username"})) {
    return ColumnKind::kIdentifier;
  }
  if (has({"resume", "cv"})) return ColumnKind::kResume;
  if (has({"description", "notes", "comment", "comments", "bio", "text"})) return ColumnKind::kText;
  return std::nullopt;
}

}  // namespace crosscheck
