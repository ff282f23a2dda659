// CompileClause turns one AND-clause of a STIX pattern into what IndicatorSet can match: the
// identifying comparison (the value of an e-mail, IP, domain or URL; a user account's login or
// id) and the constraints an application can show (a display name against the applicant's
// name, an account type against which profile the handle is). Properties an application never
// carries (MISP's x_misp_*, a domain's resolves_to_refs) are listed as not checked: the match
// says so and weighs less, rather than the indicator being dropped or over-trusted.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/normalize/safe_regex.h"
#include "crosscheck/watchlist/internal/stix_pattern.h"

namespace crosscheck::watchlist::internal {

enum class CheckedField : std::uint8_t { kValue, kName, kAccountType };

// Test is one comparison ready to evaluate: = IN and LIKE compare ignoring ASCII case (the
// values they meet are lower-cased identifiers and names as written); MATCHES runs the
// regular expression as written.
struct Test {
  StixOperator op = StixOperator::kEqual;
  std::vector<std::string> values;                    // lower-cased for = IN LIKE
  std::shared_ptr<const normalize::SafeRegex> regex;  // MATCHES
  bool Holds(std::string_view subject) const;
};

struct FieldCheck {
  CheckedField field = CheckedField::kValue;
  Test test;
};

struct CompiledClause {
  std::string object_type;
  std::string key_property;            // "value", "account_login" or "user_id"
  Test key;                            // the identifying comparison
  std::vector<FieldCheck> checks;      // all must hold for a match
  std::vector<std::string> unchecked;  // properties no application carries
  // Holds evaluates the checks for a candidate whose key matched `value`.
  bool Holds(std::string_view value, std::string_view name, std::string_view account_type) const;
};

// CompileClause compiles one clause; an error says why it cannot be matched (no identifying
// property, a bad regular expression, an account type no application has...).
std::expected<CompiledClause, std::string> CompileClause(const StixClause& clause);

}  // namespace crosscheck::watchlist::internal
