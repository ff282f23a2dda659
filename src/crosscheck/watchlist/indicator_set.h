// IndicatorSet: known-bad e-mail addresses, IP addresses and networks, domains, URLs and
// user accounts loaded from a STIX 2.1 bundle (a partner's or a threat-intelligence feed),
// matched against what an application or a sign-in carries (KNOWN_BAD_INDICATOR in
// docs/INDICATORS.md).
//
//   IssueLog issues;
//   CC_ASSIGN_OR_RETURN(IndicatorSet set, IndicatorSet::LoadStix("feed.json", issues));
//   for (const IndicatorHit& hit : set.Match({.email = "a@b.com", .ip = "10.1.2.3"})) {
//     Report(hit.stix_id, hit.name, hit.matched);
//   }
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"

namespace crosscheck::watchlist {
namespace internal {
struct CompiledClause;
}  // namespace internal

// IndicatorKind is what a known-bad value describes.
enum class IndicatorKind : std::uint8_t { kEmail, kIp, kDomain, kUrl, kUserAccount };

// IndicatorKindName returns "email", "ip", "domain", "url" or "user_account".
const char* IndicatorKindName(IndicatorKind kind);

// IndicatorHit is one known-bad value that matched.
struct IndicatorHit {
  std::string stix_id;      // id of the indicator or observable object
  std::string name;         // the indicator's name; for an observable, its value
  std::string object_type;  // "indicator", "ipv4-addr", "email-addr", ...
  IndicatorKind kind = IndicatorKind::kEmail;
  std::string value;        // the listed value, e.g. "223.166.0.0/15", "evil.example"
  std::string matched;      // what in the query matched, e.g. "223.167.1.9", "mx.evil.example"
  // strength in (0, 1]: how specific the listed value is for this match. 1 for an exact value;
  // a network by its width (IPv4 /24 or narrower 1, /16 0.5, /8 0.25; IPv6 /48 1 .. /32 0.25);
  // a parent domain of the matched host 0.6.
  double strength = 1;
};

// IndicatorAccount is a profile handle of an applicant and the site it is on ("github",
// "linkedin"; empty = unknown), for account_type in MISP-style account indicators.
struct IndicatorAccount {
  IndicatorAccount(const char* login_text) : login(login_text) {}  // NOLINT: a bare login reads naturally
  IndicatorAccount(std::string login_text, std::string type_text = {})
      : login(std::move(login_text)), type(std::move(type_text)) {}
  std::string login;
  std::string type;
};

// IndicatorQuery holds what is known about one application or sign-in; empty = unknown.
struct IndicatorQuery {
  std::string email;                  // also checked by its domain against domain indicators
  std::string ip;                     // IPv4 or IPv6 text
  std::string domain;                 // a domain of its own (website, e-mail provider)
  std::vector<std::string> urls;      // profile, portfolio, resume links; hosts are checked too
  std::vector<IndicatorAccount> accounts;  // user names / handles (user-account login or user_id)
  std::string name;                   // the applicant's name as written, for display_name
};

// IndicatorImport counts what a bundle gave, for the one line a user reads after loading it.
struct IndicatorImport {
  std::size_t indicators_used = 0;    // indicator objects with at least one matchable clause
  std::size_t observables_used = 0;   // observables (2.1 top level, 2.0 inside observed-data)
  std::size_t skipped = 0;            // unsupported or unusable objects and clauses
  std::size_t expired = 0;
  std::size_t revoked = 0;
  std::string Summary() const;        // "12 indicators and 5 observables used; 3 skipped, ..."
};

// IndicatorSet is immutable after loading; Match may be called from many threads.
class IndicatorSet {
 public:
  // LoadStix reads a STIX 2.1 bundle (or a single STIX object) from path (at most 1 GiB).
  // Revoked objects and indicators past valid_until are left out (STIX_REVOKED, STIX_EXPIRED),
  // as are networks wider than IPv4 /8 or IPv6 /32 (STIX_NETWORK_TOO_WIDE); e-mail values are
  // canonicalized as the applications' are (normalize::NormalizeEmail). Kept: observables
  // email-addr, ipv4-addr, ipv6-addr (CIDR allowed), domain-name, url, user-account, and
  // indicator objects with pattern_type "stix" whose pattern is an OR of clauses over those
  // types (internal/stix_pattern.h: =, IN, LIKE, MATCHES, AND over one object). A clause keys
  // on the identifying property (value; account_login, else user_id) and checks what an
  // application shows (display_name against the applicant's name, account_type github or
  // linkedin against the handle's site); other properties are named as not checked in the hit,
  // which then weighs half. Everything else an indicator says (AND between observations or
  // objects, NOT, qualifiers, file hashes, other pattern types) is logged as one Issue per
  // indicator (STIX_UNSUPPORTED_PATTERN, STIX_UNSUPPORTED_PATTERN_TYPE), as are
  // objects with a missing or unparsable value (STIX_BAD_OBJECT); Issues carry the line of
  // the object's id in the file when it can be found. Errors: kNotFound when path does not
  // exist; kInvalidInput when it cannot be read, is not JSON (the message gives line and
  // column) or is not a STIX object or bundle.
  static Result<IndicatorSet> LoadStix(const std::filesystem::path& path, IssueLog& issues);

  // ParseStix is LoadStix on text already in memory; file_name is used in messages.
  static Result<IndicatorSet> ParseStix(std::string_view text, std::string_view file_name,
                                        IssueLog& issues);

  // Match returns every known-bad value query matches, in load order: e-mail addresses
  // equal ignoring case; IPs inside a listed address or network; domains equal or a
  // subdomain of a listed domain (the e-mail's domain, the URLs' hosts and query.domain);
  // URLs equal after lower-casing scheme and host and dropping a trailing '/'; accounts
  // equal ignoring case. O(number of listed networks + URLs + a few hash lookups).
  std::vector<IndicatorHit> Match(const IndicatorQuery& query) const;

  // size returns the number of known-bad values kept.
  std::size_t size() const { return values_.size(); }
  // import_counts says what the bundle gave (see IndicatorImport).
  const IndicatorImport& import_counts() const { return import_; }

 private:
  struct Value {
    IndicatorKind kind;
    std::string text;        // normalized value
    std::uint8_t ip[16];     // for kIp: network address, IPv4 mapped into ::ffff:0:0/96
    int prefix_length;       // for kIp: 0..128
    std::string stix_id;
    std::string name;
    std::string object_type;
    // From an indicator's pattern: the rest of its AND-clause (checks, unchecked properties);
    // pattern = the key is a LIKE or MATCHES (text is then the pattern as written).
    std::shared_ptr<const internal::CompiledClause> clause;
    bool pattern = false;
  };
  void Add(Value value);
  bool AddPattern(const std::string& id, const std::string& name,
                  std::shared_ptr<const internal::CompiledClause> clause, std::string* why);
  static double ClauseFactor(const Value& value);
  void Consider(std::size_t position, const std::string& subject, const std::string& matched,
                const IndicatorQuery& query, std::string_view account_type, std::set<std::size_t>& seen,
                std::vector<std::pair<std::size_t, std::string>>& found) const;
  static double StrengthOf(const Value& value, const std::string& matched);

  std::vector<Value> values_;
  // "<kind>:<normalized text>" -> positions in values_, for every kind but kIp.
  std::unordered_multimap<std::string, std::size_t> by_key_;
  std::vector<std::size_t> networks_;  // positions of kIp values
  std::vector<std::size_t> patterns_;  // positions of LIKE / MATCHES values
  IndicatorImport import_;
};

}  // namespace crosscheck::watchlist
