// The records of the data contract (../shared/spec/DATA.md) as typed values. Readers in
// `ingest` produce them; `normalize` turns an ApplicationRecord into a NormalizedApplication,
// the form every later stage (link, graph, score) works on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/common/time.h"

namespace crosscheck {

// ApplicationRecord is one row of applications.csv, fields as given (trimmed). Empty means
// unknown. Parsed forms sit beside the text they came from.
struct ApplicationRecord {
  std::int64_t line = 0;  // 1-based line where the row starts in its file
  std::string application_id;
  std::string company_id;
  std::string submitted_at;
  std::optional<std::int64_t> submitted_at_unix;  // set when submitted_at parsed
  std::string stage;
  std::string full_name;
  std::string email;
  std::string phone;
  std::string phone_line_type;
  std::string date_of_birth;
  std::optional<CivilDate> date_of_birth_parsed;
  std::string street;
  std::string city;
  std::string region;
  std::string postal_code;
  std::string country;
  std::string shipping_address;
  std::string ip_address;
  std::string linkedin;
  std::string github;
  std::string resume_text;
  std::string photo_hash;
  std::string payout_account;
  std::string national_id;
  std::string device_id;
  std::string idv_status;
  std::string idv_document_country;
  std::string interview_flags;
  std::string referred_by;
  std::string source;
  // Columns the contract does not name, kept in file order as (header, value).
  std::vector<std::pair<std::string, std::string>> extra;
};

// EmployeeRecord is one row of employees.csv.
struct EmployeeRecord {
  std::int64_t line = 0;
  std::string login;
  std::string application_id;
  std::string company_id;
};

// SigninEvent is one Okta System Log event, the fields crosscheck uses. Missing values are
// empty / nullopt ("unknown"), never errors.
struct SigninEvent {
  std::int64_t line = 0;
  std::string uuid;
  std::string event_type;             // eventType, e.g. user.session.start
  std::string published;              // as given
  std::optional<std::int64_t> published_unix;
  std::string actor_login;            // actor.alternateId
  std::string actor_id;               // actor.id
  std::string ip_address;             // client.ipAddress
  std::string user_agent;             // client.userAgent.rawUserAgent
  std::string os;                     // client.userAgent.os
  std::string browser;                // client.userAgent.browser
  std::string device;                 // client.device
  std::string geo_country;            // client.geographicalContext.country
  std::string geo_state;              // client.geographicalContext.state
  std::string geo_city;               // client.geographicalContext.city
  std::optional<double> geo_latitude;   // client.geographicalContext.geolocation.lat
  std::optional<double> geo_longitude;  // client.geographicalContext.geolocation.lon
  std::optional<std::int64_t> as_number;  // securityContext.asNumber
  std::string as_org;                 // securityContext.asOrg
  std::string isp;                    // securityContext.isp
  std::string domain;                 // securityContext.domain
  std::optional<bool> is_proxy;       // securityContext.isProxy
  std::string outcome_result;         // outcome.result (SUCCESS, FAILURE, ...)
  std::string outcome_reason;         // outcome.reason
  std::string device_fingerprint;     // debugContext.debugData.deviceFingerprint when present
  std::string device_token_hash;      // debugContext.debugData.dtHash: Okta's device token hash
  std::string behaviors;              // debugContext.debugData.behaviors, "{New Device=POSITIVE, ...}"
};

// IpRangeRow is one row of the IP ranges CSV (`cidr,country,asn,as_org,kind`), as given.
struct IpRangeRow {
  std::int64_t line = 0;
  std::string cidr;
  std::string country;
  std::string asn;
  std::string as_org;
  std::string kind;
};

// EmailClass classifies an e-mail's domain.
enum class EmailClass : std::uint8_t { kUnknown, kFreeMail, kDisposable, kCorporate };

// LineType is a phone number's type, from the input or from libphonenumber.
enum class LineType : std::uint8_t {
  kUnknown,
  kMobile,
  kLandline,
  kFixedVoip,
  kNonFixedVoip,
  kTollFree,
  kFixedOrMobile,  // libphonenumber cannot tell (common for US/CA numbers)
  kOther,
};

// IpKind is what kind of network an IP address belongs to.
enum class IpKind : std::uint8_t {
  kUnknown, kResidential, kMobile, kBusiness, kHosting, kVpn, kProxy, kTor,
};

// IpInfo is what the reference data says of one address.
struct IpInfo {
  std::string country;  // ISO 3166-1 alpha-2, upper case; empty when unknown
  std::string city;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::optional<std::uint32_t> asn;
  std::string as_org;
  IpKind kind = IpKind::kUnknown;
  bool is_anonymous = false;  // VPN, proxy, Tor or hosting per any source
  std::string source;         // which reference data said so (file names)
};

// NormalizedName is a person name in comparable form (Latin script, case-folded, no accents).
struct NormalizedName {
  std::string full;                 // tokens in given-then-family order joined by spaces
  std::string given;                // first given name
  std::string middle;               // middle names / initials joined by spaces
  std::string family;               // family name (all family tokens joined by space)
  std::vector<std::string> tokens;  // all tokens, nicknames mapped to formal names, sorted
  bool transliterated = false;      // the input held a non-Latin script
  // keyed: the tokens are a consortium record's keyed name keys, not words (hub/keyed_names.h):
  // "f..." keys stand for a whole name, "p..." for one part, "s..." for a part's romanization
  // skeleton, each bound to one identifier the applicant gave ("w", "q", "k": the same, bound
  // to a date of birth or national id). Keyed names are compared by key
  // equality only (graph/name_match.h).
  bool keyed = false;
};

// NormalizedApplication is an application in the form later stages compare. Empty = unknown.
struct NormalizedApplication {
  std::size_t index = 0;            // position in the input vector of ApplicationRecords
  std::string application_id;
  std::string company_id;
  std::optional<std::int64_t> submitted_at;
  std::string stage;
  NormalizedName name;
  std::string email;                // canonical: lower case, provider dots/+tags removed
  EmailClass email_class = EmailClass::kUnknown;
  std::string email_domain;
  std::string phone_e164;           // empty when the number is not valid
  std::string phone_country;        // region libphonenumber assigned
  // phone_digits: the digits as written when the number did not parse (typically a national
  // number in a row that names no country); persona linkage compares their last nine with
  // other numbers'. Empty when phone_e164 is set or the digits cannot be a number.
  std::string phone_digits;
  LineType line_type = LineType::kUnknown;
  std::optional<CivilDate> date_of_birth;
  std::string street;               // normalized: lower case, standard abbreviations
  std::string city;
  std::string region;
  std::string postal_code;          // upper case, no spaces
  std::string country;              // ISO alpha-2 when recognised, else normalized text
  std::string address_key;          // street|postal|country key; empty without a street
  std::string shipping_address_key; // normalized full line; empty when none
  std::string ip_address;           // canonical text form
  std::string ip_prefix;            // /24 for IPv4, /48 for IPv6
  IpInfo ip_info;
  std::string linkedin;             // handle, lower case
  std::string github;               // handle, lower case
  std::optional<std::uint64_t> photo_hash;
  std::string payout_account;       // upper case, no spaces or dashes
  std::string national_id;          // digits/letters only, upper case
  std::string device_id;
  std::string idv_status;
  std::string idv_document_country;
  std::vector<std::string> interview_flags;  // upper case codes
  std::string source;
  // ships_elsewhere: set when the member company judged the ship-to address against the
  // claimed residence itself (a consortium record, whose addresses are keyed tokens).
  std::optional<bool> ships_elsewhere;
};

}  // namespace crosscheck
