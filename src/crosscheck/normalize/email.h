// E-mail addresses in comparable form: the canonical mailbox a provider delivers to (Gmail
// ignores dots and +tags, Yahoo -keywords are disposable aliases...), the ASCII (punycode)
// domain, and the domain's class (free-mail, disposable, corporate).
//
//   NormalizedEmail email = NormalizeEmail(" J.Smith+jobs@GoogleMail.com ");
//   email.canonical;  // "jsmith@gmail.com", email.cls == EmailClass::kFreeMail
#pragma once

#include <string>
#include <string_view>

#include "crosscheck/common/model.h"

namespace crosscheck::normalize {

// NormalizedEmail is one address after NormalizeEmail. When valid is false, canonical is empty
// and local/domain hold whatever could be split off (lower case), possibly empty.
struct NormalizedEmail {
  std::string canonical;  // local@domain, both canonical; empty when !valid
  std::string local;      // canonical local part (provider rules applied)
  std::string domain;     // lower-case ASCII domain (IDN as punycode), aliases folded
  bool valid = false;
  EmailClass cls = EmailClass::kUnknown;  // kUnknown exactly when !valid
};

// NormalizeEmail trims, strips a "mailto:" prefix or a "Name <addr>" wrapper, lower-cases,
// converts an internationalized domain to punycode (UTS #46), applies the provider's
// delivery rules (see email.cc for sources) and classifies the domain. Never throws; garbage
// (no '@', bad domain, spaces, over-long parts, malformed UTF-8) gives valid == false.
// Thread-safe.
NormalizedEmail NormalizeEmail(std::string_view raw);

// ClassifyEmailDomain classifies a lower-case ASCII domain: kDisposable for throw-away
// mailbox services, kFreeMail for consumer mail providers, kCorporate otherwise (kUnknown for
// an empty domain). Subdomains of a listed domain share its class.
EmailClass ClassifyEmailDomain(std::string_view domain);

// IsDisposableDomain / IsFreeMailDomain are ClassifyEmailDomain as predicates.
bool IsDisposableDomain(std::string_view domain);
bool IsFreeMailDomain(std::string_view domain);

// EmailClassName returns "free_mail", "disposable", "corporate" or "unknown".
const char* EmailClassName(EmailClass cls);

}  // namespace crosscheck::normalize
