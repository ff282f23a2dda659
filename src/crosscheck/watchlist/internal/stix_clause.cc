#include "crosscheck/watchlist/internal/stix_clause.h"

#include <algorithm>

#include "crosscheck/common/strings.h"

namespace crosscheck::watchlist::internal {
namespace {

bool IsValueType(std::string_view type) {
  return type == "email-addr" || type == "ipv4-addr" || type == "ipv6-addr" ||
         type == "domain-name" || type == "url";
}

std::expected<Test, std::string> MakeTest(const StixComparison& comparison) {
  Test test;
  test.op = comparison.op;
  if (comparison.op == StixOperator::kMatches) {
    auto regex = normalize::SafeRegex::Compile(comparison.values.front());
    if (!regex)
      return std::unexpected("MATCHES '" + comparison.values.front() +
                             "': " + regex.error().message());
    test.regex = std::make_shared<const normalize::SafeRegex>(std::move(*regex));
  }
  for (const std::string& value : comparison.values)
    test.values.push_back(ToLowerAscii(TrimAscii(value)));
  return test;
}

// The profiles an application names, by the account_type STIX and MISP use for them.
bool IsKnownAccountType(std::string_view type) { return type == "github" || type == "linkedin"; }

}  // namespace

bool Test::Holds(std::string_view subject) const {
  if (op == StixOperator::kMatches) return regex->Search(subject);
  const std::string folded = ToLowerAscii(TrimAscii(subject));
  if (op == StixOperator::kLike) return LikeMatches(values.front(), folded);
  return std::find(values.begin(), values.end(), folded) != values.end();
}

bool CompiledClause::Holds(std::string_view value, std::string_view name,
                           std::string_view account_type) const {
  return std::all_of(checks.begin(), checks.end(), [&](const FieldCheck& check) {
    switch (check.field) {
      case CheckedField::kValue:
        return check.test.Holds(value);
      case CheckedField::kName:
        return !name.empty() && check.test.Holds(name);
      case CheckedField::kAccountType:
        return !account_type.empty() && check.test.Holds(account_type);
    }
    return false;
  });
}

std::expected<CompiledClause, std::string> CompileClause(const StixClause& clause) {
  CompiledClause compiled;
  compiled.object_type = clause.object_type;
  const bool account = clause.object_type == "user-account";
  if (!account && !IsValueType(clause.object_type)) {
    return std::unexpected(clause.object_type + " is not an identifier applications carry");
  }
  // The identifying property: value; for an account its login, else its id.
  auto has = [&](std::string_view property) {
    return std::any_of(clause.comparisons.begin(), clause.comparisons.end(),
                       [&](const StixComparison& c) { return c.property == property; });
  };
  compiled.key_property = !account ? "value" : has("account_login") ? "account_login" : "user_id";
  bool key_set = false;
  for (const StixComparison& comparison : clause.comparisons) {
    auto test = MakeTest(comparison);
    if (!test) return std::unexpected(test.error());
    if (comparison.property == compiled.key_property) {
      if (!key_set) {
        compiled.key = std::move(*test);
        key_set = true;
      } else {
        compiled.checks.push_back({CheckedField::kValue, std::move(*test)});
      }
    } else if (comparison.property == "display_name") {
      compiled.checks.push_back({CheckedField::kName, std::move(*test)});
    } else if (account && comparison.property == "account_type") {
      if (comparison.op != StixOperator::kMatches && comparison.op != StixOperator::kLike &&
          std::none_of(test->values.begin(), test->values.end(),
                       [](const std::string& type) { return IsKnownAccountType(type); })) {
        return std::unexpected("account_type '" + comparison.values.front() +
                               "' is not a profile applications name (github, linkedin)");
      }
      compiled.checks.push_back({CheckedField::kAccountType, std::move(*test)});
    } else {
      compiled.unchecked.push_back(comparison.property);
    }
  }
  if (!key_set) {
    return std::unexpected("no " + std::string(account ? "account_login or user_id" : "value") +
                           " comparison in [" + clause.object_type + "...]");
  }
  std::sort(compiled.unchecked.begin(), compiled.unchecked.end());
  compiled.unchecked.erase(std::unique(compiled.unchecked.begin(), compiled.unchecked.end()),
                           compiled.unchecked.end());
  return compiled;
}

}  // namespace crosscheck::watchlist::internal
