// Column names: what a header name says its column holds, for files whose columns are named
// by another system (ATS/HRIS exports, FEBRL, Splink test data). One vocabulary for every
// reader that aligns foreign headers: `link` turns the kind into a comparison type, ingest
// into a data-contract column (shared/spec/DATA.md).
//
//   ClassifyColumnName("Email Address");     // ColumnKind::kEmail
//   ClassifyColumnName("Date of Birth");     // ColumnKind::kBirthDate
//   ClassifyColumnName("LinkedIn Profile");  // ColumnKind::kLinkedin
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck {

// ColumnKind is the person attribute (or kind of value) a column name announces.
enum class ColumnKind : std::uint8_t {
  kEmail,        // e-mail address
  kPhone,        // phone, mobile, fax
  kBirthDate,    // date of birth
  kDate,         // any other date (applied, created, hired)
  kPostalCode,   // postcode / ZIP
  kHouseNumber,  // street or house number
  kGivenName,    // first / given name
  kSurname,      // last / family name
  kStreet,       // street or address line
  kCity,         // city, town, suburb
  kRegion,       // state, province, county
  kCountry,      // country
  kCategorical,  // gender, title, salutation
  kFullName,     // a whole name
  kLinkedin,     // a LinkedIn profile URL or handle
  kGithub,       // a GitHub profile URL or handle
  kIdentifier,   // any other id: SSN, passport, account, username
  kResume,       // a resume / CV (text or file name)
  kText,         // other free text: notes, comments, description
};

// ColumnWords splits a header into lower-case ASCII alphanumeric words ("Date_of_Birth" ->
// date, of, birth; "firstName" -> firstname). Other bytes separate words.
std::vector<std::string> ColumnWords(std::string_view column);

// ClassifyColumnName returns the kind a header name announces, or nullopt when it names none
// of them. Words are tried in a fixed order (e-mail first, so "Email Address" is an e-mail,
// not a street); case, spaces, '_' and '-' do not matter. Pure; thread-safe.
std::optional<ColumnKind> ClassifyColumnName(std::string_view column);

}  // namespace crosscheck
