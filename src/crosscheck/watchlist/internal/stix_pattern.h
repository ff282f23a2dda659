// A parser for the part of the STIX 2.1 patterning language (STIX 2.1 section 9) that names
// known-bad identifiers: comparisons "object-type:property OP literal" with OP one of =, IN,
// LIKE and MATCHES, joined by AND over one object (MISP writes accounts, e-mails and
// domain-IP pairs so) and by OR, inside one or several OR-joined observation brackets.
//
//   auto parsed = ParsePattern("[user-account:account_type = 'github' AND "
//                              "user-account:account_login = 'dev-wizard99'] OR [url:value =
//                              'x']");
//   if (parsed) for (const StixClause& clause : *parsed) Use(clause);
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::watchlist::internal {

enum class StixOperator : std::uint8_t { kEqual, kIn, kLike, kMatches };

// StixComparison is one "object_type:property OP literal" comparison, literals unescaped:
// one value for =, LIKE ('%' and '_' wildcards) and MATCHES (a regular expression), the set
// for IN.
struct StixComparison {
  std::string object_type;  // "ipv4-addr"
  std::string property;     // "value", "account_login", "hashes.'SHA-256'"
  StixOperator op = StixOperator::kEqual;
  std::vector<std::string> values;
};

// StixClause is comparisons joined by AND, all on one object: each must hold.
struct StixClause {
  std::string object_type;
  std::vector<StixComparison> comparisons;
};

// ParsePattern returns the OR-joined clauses of a pattern. Anything else — AND between
// observations or across object types, NOT, FOLLOWEDBY, other operators (!=, <, ISSUBSET...),
// qualifiers such as WITHIN, parentheses, a malformed literal — gives an error message that
// names what was found and where. Pure.
std::expected<std::vector<StixClause>, std::string> ParsePattern(std::string_view pattern);

// OperatorName returns "=", "IN", "LIKE" or "MATCHES".
const char* OperatorName(StixOperator op);

// LikeMatches applies a STIX LIKE pattern ('%' any run, '_' one character, as SQL) to text,
// byte by byte. Linear in text times pattern size, no backtracking blow-up.
bool LikeMatches(std::string_view pattern, std::string_view text);

}  // namespace crosscheck::watchlist::internal
