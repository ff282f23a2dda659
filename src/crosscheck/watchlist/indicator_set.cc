#include "crosscheck/watchlist/indicator_set.h"

#include <arpa/inet.h>

#include <algorithm>
#include <optional>
#include <ctime>
#include <charconv>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/normalize/email.h"
#include "crosscheck/watchlist/internal/stix_clause.h"
#include "crosscheck/watchlist/internal/stix_pattern.h"

namespace crosscheck::watchlist {
namespace {

using nlohmann::json;

char KindKey(IndicatorKind kind) { return static_cast<char>('0' + static_cast<int>(kind)); }

std::string Key(IndicatorKind kind, std::string_view text) {
  std::string key(1, KindKey(kind));
  key += ':';
  key += text;
  return key;
}

std::string NormalizeDomain(std::string_view domain) {
  std::string out = ToLowerAscii(TrimAscii(domain));
  while (!out.empty() && out.back() == '.') out.pop_back();
  if (StartsWith(out, "*.")) out.erase(0, 2);
  return out;
}

// IsPlausibleDomain accepts host names (RFC 1123 letters, digits, hyphens; underscores seen
// in the wild) with at least one dot; real feeds hold typos such as "domain autuo.xicp.net".
bool IsPlausibleDomain(std::string_view domain) {
  if (domain.find('.') == std::string_view::npos) return false;
  return std::all_of(domain.begin(), domain.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
  });
}

// NormalizeUrl lower-cases scheme and host (RFC 3986 section 6.2.2.1: they are case-insensitive)
// and drops one trailing '/'. *host receives the host without user info or port.
std::string NormalizeUrl(std::string_view url, std::string* host) {
  std::string_view text = TrimAscii(url);
  std::string out;
  std::size_t authority_start = 0;
  const std::size_t scheme_end = text.find("://");
  if (scheme_end != std::string_view::npos) {
    out = ToLowerAscii(text.substr(0, scheme_end + 3));
    authority_start = scheme_end + 3;
  }
  std::size_t authority_end = text.find_first_of("/?#", authority_start);
  if (authority_end == std::string_view::npos) authority_end = text.size();
  const std::string authority =
      ToLowerAscii(text.substr(authority_start, authority_end - authority_start));
  out += authority;
  out += text.substr(authority_end);
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  if (host != nullptr) {
    std::string_view host_view = authority;
    const std::size_t at = host_view.rfind('@');
    if (at != std::string_view::npos) host_view.remove_prefix(at + 1);
    if (!host_view.empty() && host_view.front() == '[') {
      host_view = host_view.substr(1, host_view.find(']') - 1);
    } else {
      host_view = host_view.substr(0, host_view.find(':'));
    }
    *host = NormalizeDomain(host_view);
  }
  return out;
}

// ParseIpNetwork reads "1.2.3.4", "1.2.3.0/24", "2001:db8::1" or "2001:db8::/32" into a
// 16-byte address (IPv4 mapped into ::ffff:0:0/96, RFC 4291 section 2.5.5.2) with the host
// bits cleared, and a prefix length out of 128.
// Networks wider than these (IPv4 /8, IPv6 /32, as prefix lengths in the mapped 128-bit
// space) are refused: they would mark strangers.
constexpr int kNarrowestRefusedPrefix[2] = {96 + 8, 32};

bool ParseIpNetwork(std::string_view text, std::uint8_t address[16], int& prefix_length) {
  text = TrimAscii(text);
  std::string_view host = text;
  int prefix = -1;
  const std::size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    host = text.substr(0, slash);
    const std::string_view digits = text.substr(slash + 1);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || prefix < 0) return false;
  }
  const std::string host_text(host);
  std::memset(address, 0, 16);
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, host_text.c_str(), &v4) == 1) {
    if (prefix > 32) return false;
    address[10] = 0xff;
    address[11] = 0xff;
    std::memcpy(address + 12, &v4, 4);
    prefix_length = 96 + (prefix < 0 ? 32 : prefix);
  } else if (inet_pton(AF_INET6, host_text.c_str(), &v6) == 1) {
    if (prefix > 128) return false;
    std::memcpy(address, &v6, 16);
    prefix_length = prefix < 0 ? 128 : prefix;
  } else {
    return false;
  }
  for (int bit = prefix_length; bit < 128; ++bit) {
    address[bit / 8] = static_cast<std::uint8_t>(address[bit / 8] & ~(0x80 >> (bit % 8)));
  }
  return true;
}

bool InNetwork(const std::uint8_t address[16], const std::uint8_t network[16], int prefix) {
  const int full_bytes = prefix / 8;
  if (std::memcmp(address, network, full_bytes) != 0) return false;
  const int rest = prefix % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (address[full_bytes] & mask) == (network[full_bytes] & mask);
}

// LineOf returns the 1-based line of the first occurrence of needle in text, or 0.
std::int64_t LineOf(std::string_view text, std::string_view needle) {
  if (needle.empty()) return 0;
  const std::size_t at = text.find(needle);
  if (at == std::string_view::npos) return 0;
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
}

// KeyValues lists the literals of a clause's identifying comparison (one for =, the set for IN).
std::vector<std::string> KeyValues(const internal::StixClause& clause, const std::string& property) {
  for (const internal::StixComparison& comparison : clause.comparisons) {
    if (comparison.property == property) return comparison.values;
  }
  return {};
}

std::string StringField(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return {};
  return found->get<std::string>();
}

}  // namespace

const char* IndicatorKindName(IndicatorKind kind) {
  switch (kind) {
    case IndicatorKind::kEmail: return "email";
    case IndicatorKind::kIp: return "ip";
    case IndicatorKind::kDomain: return "domain";
    case IndicatorKind::kUrl: return "url";
    case IndicatorKind::kUserAccount: return "user_account";
  }
  return "email";
}

// ClauseFactor weighs what a pattern left open: a LIKE / MATCHES covers many values (as a
// parent domain does), and properties no application shows were not checked.
double IndicatorSet::ClauseFactor(const Value& value) {
  double factor = value.pattern ? 0.6 : 1.0;
  if (value.clause != nullptr && !value.clause->unchecked.empty()) factor *= 0.5;
  return factor;
}

double IndicatorSet::StrengthOf(const Value& value, const std::string& matched) {
  if (value.kind == IndicatorKind::kIp) {
    const bool mapped_v4 = value.prefix_length >= 96 && std::all_of(value.ip, value.ip + 10, [](std::uint8_t b) { return b == 0; }) &&
                           value.ip[10] == 0xff && value.ip[11] == 0xff;
    const int bits = mapped_v4 ? value.prefix_length - 96 : value.prefix_length;
    const int exact = mapped_v4 ? 24 : 48;  // a home or small office block
    const int widest = mapped_v4 ? 8 : 32;
    return ClauseFactor(value) * std::clamp(static_cast<double>(bits - widest) / (exact - widest), 0.25, 1.0);
  }
  if (value.kind == IndicatorKind::kDomain) {
    const std::size_t at = matched.rfind('@');
    const std::string host = at == std::string::npos ? matched : matched.substr(at + 1);
    return ClauseFactor(value) * (host == value.text ? 1.0 : 0.6);  // a parent domain of the host
  }
  return ClauseFactor(value);
}

void IndicatorSet::Add(Value value) {
  const std::size_t position = values_.size();
  if (value.kind == IndicatorKind::kIp) {
    networks_.push_back(position);
  } else {
    by_key_.emplace(Key(value.kind, value.text), position);
  }
  values_.push_back(std::move(value));
}

Result<IndicatorSet> IndicatorSet::LoadStix(const std::filesystem::path& path, IssueLog& issues) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return NotFound("STIX bundle not found: " + path.string());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidInput("cannot open " + path.string());
  // Read in blocks up to a bound: a device such as /dev/zero never ends.
  constexpr std::size_t kMaxBundleBytes = std::size_t{1} << 30;
  std::string text;
  std::vector<char> block(std::size_t{1} << 20);
  while (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0) {
    text.append(block.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxBundleBytes) {
      return InvalidInput(path.string() + " is over " + std::to_string(kMaxBundleBytes >> 20) +
                          " MiB: not a STIX bundle crosscheck reads whole (or an endless device)");
    }
  }
  if (in.bad()) return InvalidInput("cannot read " + path.string());
  return ParseStix(text, path.filename().string(), issues);
}

Result<IndicatorSet> IndicatorSet::ParseStix(std::string_view text, std::string_view file_name,
                                             IssueLog& issues) {
  // STIX 1.x is XML: say what it is rather than report a JSON syntax error.
  if (const std::string_view start = TrimAscii(text.substr(0, 4096)); !start.empty() && start.front() == '<') {
    return InvalidInput(std::string(file_name) +
                        " is XML (STIX 1.x or another XML format), not a STIX 2.x JSON bundle: convert it "
                        "first (e.g. OASIS stix2-elevator) or export STIX 2.1 from the source");
  }
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& parse_error) {
    // parse_error.byte is the 1-based offset of the last byte read.
    const std::size_t offset = std::min(parse_error.byte == 0 ? 0 : parse_error.byte - 1, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::int64_t line = 1 + std::count(before.begin(), before.end(), '\n');
    const std::size_t last_newline = before.rfind('\n');
    const std::size_t column =
        offset - (last_newline == std::string_view::npos ? 0 : last_newline + 1) + 1;
    std::string what = parse_error.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    const std::size_t colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    return InvalidInput(std::string(file_name) + " is not valid JSON: line " +
                        std::to_string(line) + ", column " + std::to_string(column) + ": " +
                        what);
  }

  std::vector<const json*> objects;
  if (document.is_object() && StringField(document, "type") == "bundle") {
    const auto found = document.find("objects");
    if (found != document.end() && !found->is_array()) {
      return InvalidInput(std::string(file_name) + ": the bundle's \"objects\" is not an array");
    }
    if (found != document.end()) {
      for (const json& object : *found) objects.push_back(&object);
    }
  } else if (document.is_object() && document.contains("type")) {
    objects.push_back(&document);
  } else if (document.is_array()) {
    for (const json& object : document) objects.push_back(&object);  // a list of objects, no bundle
  } else {
    return InvalidInput(std::string(file_name) +
                        " is not a STIX bundle (expected an object with \"type\": \"bundle\", one STIX "
                        "object, or an array of them)");
  }

  IndicatorSet set;
  auto add_issue = [&](const std::string& id, std::string field, std::string code,
                       std::string message) {
    issues.Add({.file = std::string(file_name),
                .line = LineOf(text, id.empty() ? std::string_view() : std::string_view(id)),
                .field = std::move(field),
                .code = std::move(code),
                .message = (id.empty() ? std::string("object") : id) + ": " + std::move(message),
                .severity = IssueSeverity::kRowSkipped});
  };
  bool too_wide = false;  // set by add_value for a network wider than kNarrowestRefusedPrefix
  // AddValue checks and stores one known-bad value of a STIX object.
  auto add_value = [&](const std::string& id, const std::string& name,
                       const std::string& object_type, const std::string& observable_type,
                       const std::string& raw,
                       std::shared_ptr<const internal::CompiledClause> clause = nullptr) -> bool {
    Value value{};
    value.clause = std::move(clause);
    value.stix_id = id;
    value.name = name.empty() ? raw : name;
    value.object_type = object_type;
    if (observable_type == "email-addr") {
      // The same canonical form as the applications' (provider rules: Gmail dots and +tags),
      // so a listed dan.walker.dev@gmail.com finds the applicant who wrote exactly that.
      value.kind = IndicatorKind::kEmail;
      const normalize::NormalizedEmail email = normalize::NormalizeEmail(raw);
      value.text = email.valid ? email.canonical : ToLowerAscii(TrimAscii(raw));
      if (value.text.find('@') == std::string::npos) return false;
    } else if (observable_type == "ipv4-addr" || observable_type == "ipv6-addr") {
      value.kind = IndicatorKind::kIp;
      value.text = std::string(TrimAscii(raw));
      if (!ParseIpNetwork(value.text, value.ip, value.prefix_length)) return false;
      if (value.prefix_length < kNarrowestRefusedPrefix[observable_type == "ipv4-addr" ? 0 : 1]) {
        too_wide = true;  // 0.0.0.0/0 would mark everyone
        return false;
      }
    } else if (observable_type == "domain-name") {
      value.kind = IndicatorKind::kDomain;
      value.text = NormalizeDomain(raw);
      if (!IsPlausibleDomain(value.text)) return false;
    } else if (observable_type == "url") {
      value.kind = IndicatorKind::kUrl;
      value.text = NormalizeUrl(raw, nullptr);
    } else if (observable_type == "user-account") {
      value.kind = IndicatorKind::kUserAccount;
      value.text = ToLowerAscii(TrimAscii(raw));
    } else {
      return false;
    }
    if (value.text.empty()) return false;
    set.Add(std::move(value));
    return true;
  };

  // AddAccount stores a user-account's login and user id (either may be missing), top-level
  // (STIX 2.1) or inside an observed-data (2.0); false when it holds neither.
  auto add_account = [&](const std::string& id, const json& account) {
    bool kept = false;
    for (const char* field : {"account_login", "user_id"}) {
      const std::string raw = StringField(account, field);
      if (!raw.empty()) kept = add_value(id, "", "user-account", "user-account", raw) || kept;
    }
    return kept;
  };

  const std::int64_t now = std::time(nullptr);
  for (const json* object_ptr : objects) {
    const json& object = *object_ptr;
    if (!object.is_object()) {
      add_issue("", "", "STIX_BAD_OBJECT", "not a STIX object: " + object.dump().substr(0, 80));
      continue;
    }
    const std::string type = StringField(object, "type");
    const std::string id = StringField(object, "id");
    // A revoked object, or an indicator past its valid_until, no longer indicates anything.
    if (const auto revoked = object.find("revoked"); revoked != object.end() && revoked->is_boolean() && revoked->get<bool>()) {
      add_issue(id, "revoked", "STIX_REVOKED", type + " is revoked; not used");
      ++set.import_.revoked;
      continue;
    }
    if (const std::string until = StringField(object, "valid_until"); !until.empty()) {
      const std::optional<std::int64_t> until_unix = ParseTimestamp(until);
      if (until_unix && *until_unix < now) {
        add_issue(id, "valid_until", "STIX_EXPIRED", type + " expired at " + until + "; not used");
        ++set.import_.expired;
        continue;
      }
    }
    too_wide = false;
    if (type == "indicator") {
      const std::string pattern_type = StringField(object, "pattern_type");
      const std::string pattern = StringField(object, "pattern");
      if (!pattern_type.empty() && pattern_type != "stix") {
        add_issue(id, "pattern_type", "STIX_UNSUPPORTED_PATTERN_TYPE",
                  "pattern_type '" + pattern_type + "' is not read (only 'stix')");
        ++set.import_.skipped;
        continue;
      }
      auto clauses = internal::ParsePattern(pattern);
      if (!clauses) {
        add_issue(id, "pattern", "STIX_UNSUPPORTED_PATTERN", clauses.error() + " in pattern " + pattern);
        ++set.import_.skipped;
        continue;
      }
      const std::string name = StringField(object, "name");
      std::vector<std::string> dropped;
      bool used = false;
      for (const internal::StixClause& clause : *clauses) {
        std::string why;
        if (auto compiled = internal::CompileClause(clause)) {
          auto shared = std::make_shared<const internal::CompiledClause>(std::move(*compiled));
          const bool pattern_key = shared->key.op == internal::StixOperator::kLike ||
                                   shared->key.op == internal::StixOperator::kMatches;
          if (pattern_key) {
            if (set.AddPattern(id, name.empty() ? id : name, shared, &why)) {
              used = true;
            } else {
              dropped.push_back(why);
            }
            continue;
          }
          for (const std::string& raw : KeyValues(clause, shared->key_property)) {
            if (add_value(id, name.empty() ? id : name, "indicator", clause.object_type, raw, shared)) {
              used = true;
            } else {
              dropped.push_back(clause.object_type + ":" + shared->key_property + " = '" + raw + "'" +
                                (too_wide ? " (a network wider than /8 (IPv4) or /32 (IPv6) would mark strangers)" : ""));
            }
          }
        } else {
          dropped.push_back(compiled.error());
        }
      }
      used ? ++set.import_.indicators_used : ++set.import_.skipped;
      // The kept clauses are still sound: each side of an OR indicates on its own.
      if (!dropped.empty()) {
        add_issue(id, "pattern", too_wide ? "STIX_NETWORK_TOO_WIDE" : "STIX_UNSUPPORTED_PATTERN",
                  std::string(used ? "part of the pattern not used: " : "pattern not used: ") + JoinStrings(dropped, "; "));
      }
      continue;
    }
    if (type == "email-addr" || type == "ipv4-addr" || type == "ipv6-addr" ||
        type == "domain-name" || type == "url") {
      const std::string raw = StringField(object, "value");
      const bool kept = add_value(id, "", type, type, raw);
      kept ? ++set.import_.observables_used : ++set.import_.skipped;
      if (!kept) {
        if (too_wide) {
          add_issue(id, "value", "STIX_NETWORK_TOO_WIDE",
                    type + " '" + raw + "' is wider than /8 (IPv4) or /32 (IPv6): it would mark strangers; not used");
        } else {
          add_issue(id, "value", "STIX_BAD_OBJECT", type + " without a usable value: '" + raw + "'");
        }
      }
      continue;
    }
    if (type == "observed-data") {
      // STIX 2.0 puts the observables inside the observed-data ("objects": {"0": {...}});
      // 2.1 lists them as top-level objects (object_refs), which the loop reads anyway.
      const auto inline_objects = object.find("objects");
      if (inline_objects == object.end() || !inline_objects->is_object()) continue;
      for (const auto& [key, observable] : inline_objects->items()) {
        if (!observable.is_object()) continue;
        const std::string observable_type = StringField(observable, "type");
        const std::string observable_id = id + "/" + key;
        bool kept = false;
        if (observable_type == "user-account") {
          kept = add_account(observable_id, observable);
        } else if (!StringField(observable, "value").empty()) {
          kept = add_value(observable_id, "", observable_type, observable_type, StringField(observable, "value"));
          if (!kept && too_wide) {
            add_issue(id, "objects", "STIX_NETWORK_TOO_WIDE",
                      observable_type + " '" + StringField(observable, "value") + "' is too wide; not used");
          }
        }
        if (kept) ++set.import_.observables_used;
      }
      continue;
    }
    if (type == "user-account") {
      const bool kept = add_account(id, object);
      kept ? ++set.import_.observables_used : ++set.import_.skipped;
      if (!kept) {
        add_issue(id, "account_login", "STIX_BAD_OBJECT",
                  "user-account without account_login or user_id");
      }
    }
    // Other objects (malware, relationship, identity...) carry no matchable value.
  }
  return set;
}

void IndicatorSet::Consider(std::size_t position, const std::string& subject, const std::string& matched,
                            const IndicatorQuery& query, std::string_view account_type, std::set<std::size_t>& seen,
                            std::vector<std::pair<std::size_t, std::string>>& found) const {
  const Value& value = values_[position];
  if (value.clause != nullptr && !value.clause->Holds(subject, query.name, account_type)) return;
  if (seen.insert(position).second) found.emplace_back(position, matched);
}

bool IndicatorSet::AddPattern(const std::string& id, const std::string& name,
                              std::shared_ptr<const internal::CompiledClause> clause, std::string* why) {
  Value value{};
  const std::string& type = clause->object_type;
  if (type == "email-addr") {
    value.kind = IndicatorKind::kEmail;
  } else if (type == "domain-name") {
    value.kind = IndicatorKind::kDomain;
  } else if (type == "url") {
    value.kind = IndicatorKind::kUrl;
  } else if (type == "user-account") {
    value.kind = IndicatorKind::kUserAccount;
  } else {
    *why = type + " " + internal::OperatorName(clause->key.op) + " is not supported (write networks as CIDR with =)";
    return false;
  }
  value.text = clause->key.values.front();
  value.stix_id = id;
  value.name = name;
  value.object_type = "indicator";
  value.pattern = true;
  value.clause = std::move(clause);
  patterns_.push_back(values_.size());
  values_.push_back(std::move(value));
  return true;
}

std::vector<IndicatorHit> IndicatorSet::Match(const IndicatorQuery& query) const {
  // What the query offers, per kind: (text compared, text reported, account type).
  struct Subject {
    std::string text, matched, account_type;
  };
  std::vector<Subject> emails, domains, urls, accounts;
  // A domain matches itself and every parent: mail.evil.example hits evil.example.
  auto add_domain = [&](const std::string& domain) {
    std::string_view rest = domain;
    while (!rest.empty()) {
      domains.push_back({std::string(rest), domain, ""});
      const std::size_t dot = rest.find('.');
      if (dot == std::string_view::npos) break;
      rest.remove_prefix(dot + 1);
    }
  };
  if (!query.email.empty()) {
    const std::string email = ToLowerAscii(TrimAscii(query.email));
    emails.push_back({email, email, ""});
    const std::size_t at = email.rfind('@');
    if (at != std::string::npos) add_domain(NormalizeDomain(email.substr(at + 1)));
  }
  if (!query.domain.empty()) add_domain(NormalizeDomain(query.domain));
  for (const std::string& url : query.urls) {
    std::string host;
    urls.push_back({NormalizeUrl(url, &host), std::string(TrimAscii(url)), ""});
    if (!host.empty()) add_domain(host);
  }
  for (const IndicatorAccount& account : query.accounts) {
    const std::string login = ToLowerAscii(TrimAscii(account.login));
    accounts.push_back({login, login, ToLowerAscii(account.type)});
  }
  const std::pair<IndicatorKind, const std::vector<Subject>*> by_kind[] = {
      {IndicatorKind::kEmail, &emails}, {IndicatorKind::kDomain, &domains},
      {IndicatorKind::kUrl, &urls}, {IndicatorKind::kUserAccount, &accounts}};

  std::set<std::size_t> seen;
  std::vector<std::pair<std::size_t, std::string>> found;  // position, what matched
  for (const auto& [kind, subjects] : by_kind) {
    for (const Subject& subject : *subjects) {
      if (subject.text.empty()) continue;
      const auto [begin, end] = by_key_.equal_range(Key(kind, subject.text));
      for (auto it = begin; it != end; ++it) {
        Consider(it->second, subject.text, subject.matched, query, subject.account_type, seen, found);
      }
    }
  }
  for (std::size_t position : patterns_) {
    const Value& value = values_[position];
    for (const auto& [kind, subjects] : by_kind) {
      if (kind != value.kind) continue;
      for (const Subject& subject : *subjects) {
        if (!subject.text.empty() && value.clause->key.Holds(subject.text)) {
          Consider(position, subject.text, subject.matched, query, subject.account_type, seen, found);
        }
      }
    }
  }
  if (!query.ip.empty()) {
    std::uint8_t address[16];
    int prefix = 0;
    if (ParseIpNetwork(query.ip, address, prefix) && (prefix == 128)) {
      const std::string ip(TrimAscii(query.ip));
      for (std::size_t position : networks_) {
        const Value& value = values_[position];
        if (InNetwork(address, value.ip, value.prefix_length)) Consider(position, ip, ip, query, "", seen, found);
      }
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<IndicatorHit> hits;
  hits.reserve(found.size());
  for (auto& [position, matched] : found) {
    const Value& value = values_[position];
    const double strength = StrengthOf(value, matched);
    if (value.clause != nullptr && !value.clause->unchecked.empty()) {
      matched += " (not checked: " + JoinStrings(value.clause->unchecked, ", ") + ")";
    }
    hits.push_back({value.stix_id, value.name, value.object_type, value.kind, value.text, matched, strength});
  }
  return hits;
}

std::string IndicatorImport::Summary() const {
  return std::to_string(indicators_used) + " indicator(s) and " + std::to_string(observables_used) +
         " observable(s) used; " + std::to_string(skipped) + " skipped (see issues), " + std::to_string(expired) +
         " expired, " + std::to_string(revoked) + " revoked";
}

}  // namespace crosscheck::watchlist
