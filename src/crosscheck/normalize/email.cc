#include "crosscheck/normalize/email.h"

#include <unicode/uidna.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <unordered_set>

#include "crosscheck/common/strings.h"
#include "crosscheck/normalize/internal/text_fold.h"

namespace crosscheck::normalize {
namespace {

// RFC 5321 section 4.5.3.1: local part up to 64 octets, domain up to 255 (253 in text form).
constexpr std::size_t kMaxLocalLength = 64;
constexpr std::size_t kMaxDomainLength = 253;

// Consumer mail providers where anyone can open a mailbox for free. Regional providers matter
// as much as the global ones: applicants write from wherever they (claim to) live.
constexpr std::string_view kFreeMailDomains[] = {
    // Global
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "hotmail.de",
    "hotmail.it",
    "hotmail.es",
    "live.com",
    "live.co.uk",
    "live.fr",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.fr",
    "yahoo.de",
    "yahoo.es",
    "yahoo.it",
    "yahoo.ca",
    "yahoo.com.au",
    "yahoo.co.in",
    "yahoo.co.jp",
    "yahoo.com.br",
    "yahoo.com.mx",
    "ymail.com",
    "rocketmail.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "proton.me",
    "protonmail.com",
    "protonmail.ch",
    "pm.me",
    "tutanota.com",
    "tutanota.de",
    "tuta.io",
    "tutamail.com",
    "zoho.com",
    "zohomail.com",
    "fastmail.com",
    "fastmail.fm",
    "gmx.com",
    "gmx.net",
    "gmx.de",
    "gmx.at",
    "gmx.ch",
    "mail.com",
    "hushmail.com",
    "mailfence.com",
    "mailbox.org",
    "posteo.de",
    "hey.com",
    // Europe
    "web.de",
    "t-online.de",
    "freenet.de",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "sfr.fr",
    "libero.it",
    "virgilio.it",
    "seznam.cz",
    "wp.pl",
    "o2.pl",
    "interia.pl",
    "onet.pl",
    "btinternet.com",
    "sky.com",
    // Russia / CIS
    "yandex.ru",
    "yandex.com",
    "ya.ru",
    "mail.ru",
    "bk.ru",
    "inbox.ru",
    "list.ru",
    "rambler.ru",
    "ukr.net",
    // East and South Asia
    "qq.com",
    "163.com",
    "126.com",
    "yeah.net",
    "sina.com",
    "sohu.com",
    "aliyun.com",
    "foxmail.com",
    "naver.com",
    "hanmail.net",
    "daum.net",
    "kakao.com",
    "nate.com",
    "rediffmail.com",
    "sify.com",
    // Latin America
    "uol.com.br",
    "bol.com.br",
    "terra.com.br",
};

// Throw-away mailbox services: an address there is readable by anyone or expires in minutes,
// which no real candidate uses for an employer to reach them. Well-known entries of the public
// disposable-email-domains lists (github.com/disposable-email-domains).
constexpr std::string_view kDisposableDomains[] = {
    "mailinator.com",
    "mailinator.net",
    "mailinator2.com",
    "guerrillamail.com",
    "guerrillamail.net",
    "guerrillamail.org",
    "guerrillamail.biz",
    "guerrillamail.de",
    "guerrillamailblock.com",
    "sharklasers.com",
    "grr.la",
    "pokemail.net",
    "spam4.me",
    "10minutemail.com",
    "10minutemail.net",
    "10minutemail.co.uk",
    "20minutemail.com",
    "temp-mail.org",
    "temp-mail.io",
    "tempmail.com",
    "tempmail.net",
    "tempmailo.com",
    "tempr.email",
    "tempail.com",
    "temp-mail.ru",
    "yopmail.com",
    "yopmail.fr",
    "yopmail.net",
    "cool.fr.nf",
    "jetable.fr.nf",
    "throwawaymail.com",
    "trashmail.com",
    "trashmail.de",
    "trashmail.net",
    "getnada.com",
    "nada.email",
    "dispostable.com",
    "maildrop.cc",
    "mintemail.com",
    "mohmal.com",
    "emailondeck.com",
    "fakeinbox.com",
    "mailnesia.com",
    "mailcatch.com",
    "spambox.us",
    "spamgourmet.com",
    "mytemp.email",
    "tempinbox.com",
    "burnermail.io",
    "discard.email",
    "getairmail.com",
    "moakt.com",
    "emailfake.com",
    "fakemail.net",
    "inboxkitten.com",
    "mailpoof.com",
    "33mail.com",
    "harakirimail.com",
};

const std::unordered_set<std::string_view>& FreeMailSet() {
  static const std::unordered_set<std::string_view> set(std::begin(kFreeMailDomains),
                                                        std::end(kFreeMailDomains));
  return set;
}

const std::unordered_set<std::string_view>& DisposableSet() {
  static const std::unordered_set<std::string_view> set(std::begin(kDisposableDomains),
                                                        std::end(kDisposableDomains));
  return set;
}

// InSetOrParent checks the domain and each parent domain ("eu.mailinator.com" ->
// "mailinator.com"), never the bare TLD.
bool InSetOrParent(std::string_view domain, const std::unordered_set<std::string_view>& set) {
  while (!domain.empty()) {
    if (set.contains(domain)) return true;
    const std::size_t dot = domain.find('.');
    if (dot == std::string_view::npos) return false;
    domain.remove_prefix(dot + 1);
    if (domain.find('.') == std::string_view::npos) return false;
  }
  return false;
}

// How a provider maps many addresses to one mailbox.
struct ProviderRule {
  std::string_view domain;
  std::string_view canonical_domain;  // alias domain folded to this
  bool ignore_dots;                   // dots in the local part are not significant
  char tag_separator;                 // 0 = no subaddressing; the tag starts at this char
};

// Sources, checked 2025:
// - Gmail ignores dots and everything after '+', and googlemail.com is the same mailbox
//   ("Dots don't matter in Gmail addresses", support.google.com/mail/answer/7436150;
//   "Create task-specific email addresses", support.google.com/a/users/answer/9308648).
// - Outlook.com/Hotmail/Live: plus addressing (Microsoft 365 "Plus addressing in Exchange
//   Online", learn.microsoft.com/exchange/recipients-in-exchange-online/plus-addressing-in-
//   exchange-online); consumer Outlook.com delivers +tags the same way.
// - iCloud Mail (icloud.com, me.com, mac.com) delivers user+tag; '+' cannot occur in an Apple
//   ID mailbox name, so cutting at '+' never merges two real accounts.
// - Fastmail: "Plus addressing and subdomain addressing" (fastmail.help/hc/en-us/articles/
//   360058753794).
// - Proton Mail: "Addresses and aliases", +tags delivered to the base address
//   (proton.me/support/addresses-and-aliases).
// - Yahoo Mail has no '+' tags; its "disposable addresses" are basename-keyword@yahoo.com
//   (help.yahoo.com, "Create disposable email addresses in Yahoo Mail"). Yahoo IDs cannot hold
//   '-', so cutting at '-' yields the account's basename, which is stable per account.
// - Yandex: user+tag@yandex.ru is delivered to user (yandex.com/support/mail).
constexpr ProviderRule kProviderRules[] = {
    {"gmail.com", "gmail.com", true, '+'},
    {"googlemail.com", "gmail.com", true, '+'},
    {"outlook.com", "outlook.com", false, '+'},
    {"hotmail.com", "hotmail.com", false, '+'},
    {"hotmail.co.uk", "hotmail.co.uk", false, '+'},
    {"hotmail.fr", "hotmail.fr", false, '+'},
    {"live.com", "live.com", false, '+'},
    {"msn.com", "msn.com", false, '+'},
    {"icloud.com", "icloud.com", false, '+'},
    {"me.com", "me.com", false, '+'},
    {"mac.com", "mac.com", false, '+'},
    {"fastmail.com", "fastmail.com", false, '+'},
    {"fastmail.fm", "fastmail.fm", false, '+'},
    {"proton.me", "proton.me", false, '+'},
    {"protonmail.com", "protonmail.com", false, '+'},
    {"protonmail.ch", "protonmail.ch", false, '+'},
    {"pm.me", "pm.me", false, '+'},
    {"yahoo.com", "yahoo.com", false, '-'},
    {"yahoo.co.uk", "yahoo.co.uk", false, '-'},
    {"yahoo.co.jp", "yahoo.co.jp", false, '-'},
    {"ymail.com", "ymail.com", false, '-'},
    {"yandex.ru", "yandex.ru", false, '+'},
    {"yandex.com", "yandex.com", false, '+'},
    {"ya.ru", "ya.ru", false, '+'},
    {"mailbox.org", "mailbox.org", false, '+'},
    {"zoho.com", "zoho.com", false, '+'},
};

const ProviderRule* FindProviderRule(std::string_view domain) {
  for (const ProviderRule& rule : kProviderRules) {
    if (rule.domain == domain) return &rule;
  }
  return nullptr;
}

bool IsAtext(char c) {
  // RFC 5322 section 3.2.3 atext, plus '.' handled by the caller. Bytes >= 0x80 are allowed
  // for internationalized local parts (RFC 6531).
  if (static_cast<unsigned char>(c) >= 0x80) return true;
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsValidLocal(std::string_view local) {
  if (local.empty() || local.size() > kMaxLocalLength) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  char previous = 0;
  for (const char c : local) {
    if (c == '.') {
      if (previous == '.') return false;
    } else if (!IsAtext(c)) {
      return false;
    }
    previous = c;
  }
  // Internationalized local parts (RFC 6531) may hold letters of any script, not symbols.
  return internal::AllNonAsciiAreWordCodePoints(local);
}

// IsValidAsciiDomain checks RFC 1035 host-name syntax: two or more labels of letters, digits
// and inner hyphens, each up to 63 characters, and a TLD that is not all digits.
bool IsValidAsciiDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > kMaxDomainLength) return false;
  std::size_t labels = 0;
  std::string_view last_label;
  for (std::size_t start = 0; start <= domain.size();) {
    const std::size_t dot = std::min(domain.find('.', start), domain.size());
    const std::string_view label = domain.substr(start, dot - start);
    start = dot + 1;
    if (label.empty() || label.size() > 63) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (const char c : label) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    ++labels;
  }
  last_label = domain.substr(domain.rfind('.') + 1);
  if (labels < 2) return false;
  bool all_digits = true;
  for (const char c : last_label) all_digits = all_digits && c >= '0' && c <= '9';
  return !all_digits;
}

const UIDNA* Uts46() {
  // A UIDNA object is immutable after opening and documented as thread-safe to share.
  static const UIDNA* idna = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* opened = uidna_openUTS46(
        UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ, &status);
    return U_FAILURE(status) ? nullptr : opened;
  }();
  return idna;
}

// ToAsciiDomain converts a Unicode domain to its punycode (A-label) form per UTS #46; empty
// when the conversion reports any error.
std::string ToAsciiDomain(std::string_view domain) {
  if (internal::IsAscii(domain)) return ToLowerAscii(domain);
  // UTS #46 maps emoji and symbols without complaint; host names are letters and digits.
  if (domain.size() > 1024 || !internal::AllNonAsciiAreWordCodePoints(domain)) return {};
  const UIDNA* idna = Uts46();
  if (idna == nullptr) return {};
  char buffer[512];
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length =
      uidna_nameToASCII_UTF8(idna, domain.data(), static_cast<int32_t>(domain.size()), buffer,
                             static_cast<int32_t>(sizeof(buffer)), &info, &status);
  if (U_FAILURE(status) || info.errors != 0 || length <= 0 ||
      length >= static_cast<int32_t>(sizeof(buffer))) {
    return {};
  }
  return std::string(buffer, static_cast<std::size_t>(length));
}

std::string_view StripWrappers(std::string_view text) {
  text = TrimAscii(text);
  // "Jane Doe <jane@example.com>" -> the part between the angle brackets.
  const std::size_t open = text.rfind('<');
  if (open != std::string_view::npos) {
    const std::size_t close = text.find('>', open);
    if (close != std::string_view::npos) text = TrimAscii(text.substr(open + 1, close - open - 1));
  }
  if (text.size() >= 7 && EqualsIgnoreCaseAscii(text.substr(0, 7), "mailto:")) {
    text = TrimAscii(text.substr(7));
  }
  return text;
}

}  // namespace

EmailClass ClassifyEmailDomain(std::string_view domain) {
  if (domain.empty()) return EmailClass::kUnknown;
  if (InSetOrParent(domain, DisposableSet())) return EmailClass::kDisposable;
  if (FreeMailSet().contains(domain)) return EmailClass::kFreeMail;
  return EmailClass::kCorporate;
}

bool IsDisposableDomain(std::string_view domain) {
  return ClassifyEmailDomain(domain) == EmailClass::kDisposable;
}

bool IsFreeMailDomain(std::string_view domain) {
  return ClassifyEmailDomain(domain) == EmailClass::kFreeMail;
}

const char* EmailClassName(EmailClass cls) {
  switch (cls) {
    case EmailClass::kFreeMail:
      return "free_mail";
    case EmailClass::kDisposable:
      return "disposable";
    case EmailClass::kCorporate:
      return "corporate";
    case EmailClass::kUnknown:
      break;
  }
  return "unknown";
}

NormalizedEmail NormalizeEmail(std::string_view raw) {
  NormalizedEmail out;
  const std::string_view text = StripWrappers(raw);
  const std::size_t at = text.rfind('@');
  if (at == std::string_view::npos) return out;
  std::string local = ToLowerAscii(text.substr(0, at));
  std::string domain_text = ToLowerAscii(text.substr(at + 1));
  // A trailing dot is the DNS root and names the same domain.
  if (!domain_text.empty() && domain_text.back() == '.') domain_text.pop_back();
  std::string domain = ToAsciiDomain(domain_text);
  out.local = local;
  out.domain = domain.empty() ? domain_text : domain;
  if (domain.empty() || !IsValidAsciiDomain(domain) || !IsValidLocal(local)) return out;

  if (const ProviderRule* rule = FindProviderRule(domain)) {
    domain = std::string(rule->canonical_domain);
    if (rule->tag_separator != 0) {
      const std::size_t tag = local.find(rule->tag_separator);
      // A mailbox name never starts with the separator ("+tag@gmail.com" is no mailbox).
      if (tag == 0) return out;
      if (tag != std::string::npos) local.resize(tag);
    }
    if (rule->ignore_dots) std::erase(local, '.');
    if (local.empty()) return out;
  }
  out.local = local;
  out.domain = domain;
  out.canonical = local + "@" + domain;
  out.valid = true;
  out.cls = ClassifyEmailDomain(domain);
  return out;
}

}  // namespace crosscheck::normalize
