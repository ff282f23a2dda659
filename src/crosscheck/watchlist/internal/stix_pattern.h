// A parser for the subset of the STIX 2.1 patterning language (STIX 2.1 section 9) that
// names known-bad values: comparisons "object-type:property = 'literal'" joined by OR,
// inside one or several OR-joined observation brackets.
//
//   auto parsed = ParseEqualityPattern("[ipv4-addr:value = '10.0.0.0/8' OR url:value = 'x']");
//   if (parsed) for (const StixComparison& c : *parsed) Use(c.object_type, c.value);
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::watchlist::internal {

// StixComparison is one "object_type:property = 'value'" comparison, value unescaped.
struct StixComparison {
  std::string object_type;  // "ipv4-addr"
  std::string property;     // "value", "account_login", "hashes.'SHA-256'"
  std::string value;
};

// ParseEqualityPattern returns the comparisons of a pattern that is a disjunction of
// equality comparisons, whatever their object types. Anything else (AND, FOLLOWEDBY,
// operators other than "=", qualifiers such as WITHIN, parentheses, a malformed literal)
// gives an error message saying what was found and where. Pure.
std::expected<std::vector<StixComparison>, std::string> ParseEqualityPattern(
    std::string_view pattern);

}  // namespace crosscheck::watchlist::internal
