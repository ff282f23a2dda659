#include "crosscheck/watchlist/internal/stix_pattern.h"

#include <cctype>

namespace crosscheck::watchlist::internal {
namespace {

// Parser is a small recursive-descent reader over the STIX pattern grammar
// (oasis-open/cti-stix2-json-schemas pattern_grammar/STIXPattern.g4), limited to
//   pattern     := observation ("OR" observation)*
//   observation := "[" clause ("OR" clause)* "]"
//   clause      := comparison ("AND" comparison)*          (one object type)
//   comparison  := object_type ":" property operator literal
//   operator    := "=" | "IN" "(" literal ("," literal)* ")" | "LIKE" | "MATCHES"
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::expected<std::vector<StixClause>, std::string> Parse() {
    std::vector<StixClause> clauses;
    while (true) {
      SkipSpaces();
      if (!Consume('['))
        return Fail(pos_ < text_.size() && text_[pos_] == '(' ? "parentheses are not supported"
                                                              : "expected '['");
      while (true) {
        auto clause = ParseClause();
        if (!clause) return std::unexpected(clause.error());
        clauses.push_back(std::move(*clause));
        SkipSpaces();
        if (Consume(']')) break;
        if (!ConsumeKeyword("OR")) return Fail("expected OR, AND or ']'");
      }
      SkipSpaces();
      if (pos_ == text_.size()) return clauses;
      if (ConsumeKeyword("AND")) {
        return Fail(
            "AND between observations ([...] AND [...]) needs both seen together; not supported");
      }
      if (!ConsumeKeyword("OR"))
        return Fail(
            "expected OR between observations (qualifiers and FOLLOWEDBY are not supported)");
    }
  }

 private:
  std::expected<StixClause, std::string> ParseClause() {
    StixClause clause;
    while (true) {
      auto comparison = ParseComparison();
      if (!comparison) return std::unexpected(comparison.error());
      if (clause.comparisons.empty()) clause.object_type = comparison->object_type;
      if (comparison->object_type != clause.object_type) {
        return Fail("AND across object types (" + clause.object_type + ", " +
                    comparison->object_type + ") is not supported");
      }
      clause.comparisons.push_back(std::move(*comparison));
      const std::size_t before = pos_;
      if (!ConsumeKeyword("AND")) {
        pos_ = before;
        return clause;
      }
    }
  }

  std::expected<StixComparison, std::string> ParseComparison() {
    StixComparison comparison;
    SkipSpaces();
    if (ConsumeKeyword("NOT")) return Fail("NOT is not supported");
    const std::size_t type_start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '-' || text_[pos_] == '_')) {
      ++pos_;
    }
    comparison.object_type = std::string(text_.substr(type_start, pos_ - type_start));
    if (comparison.object_type.empty()) return Fail("expected an object type");
    if (!Consume(':')) return Fail("expected ':' after the object type");
    const std::size_t property_start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ' ' && text_[pos_] != '=' && text_[pos_] != '!' &&
           text_[pos_] != '<' && text_[pos_] != '>' && text_[pos_] != ']') {
      if (text_[pos_] == '\'') {  // quoted path step: hashes.'SHA-256'
        ++pos_;
        while (pos_ < text_.size() && text_[pos_] != '\'') ++pos_;
      } else if (text_[pos_] == '[') {  // list index: resolves_to_refs[*].value
        while (pos_ < text_.size() && text_[pos_] != ']') ++pos_;
      }
      if (pos_ < text_.size()) ++pos_;
    }
    comparison.property = std::string(text_.substr(property_start, pos_ - property_start));
    if (comparison.property.empty()) return Fail("expected a property");
    SkipSpaces();
    auto parsed = ParseOperatorAndLiterals(comparison);
    if (!parsed) return std::unexpected(parsed.error());
    return comparison;
  }

  std::expected<void, std::string> ParseOperatorAndLiterals(StixComparison& comparison) {
    if (pos_ + 1 < text_.size() && text_[pos_] == '=' && text_[pos_ + 1] != '=') {
      ++pos_;
      comparison.op = StixOperator::kEqual;
    } else if (ConsumeKeyword("LIKE")) {
      comparison.op = StixOperator::kLike;
    } else if (ConsumeKeyword("MATCHES")) {
      comparison.op = StixOperator::kMatches;
    } else if (ConsumeKeyword("IN")) {
      comparison.op = StixOperator::kIn;
      if (!Consume('(')) return Fail("expected '(' after IN");
      while (true) {
        auto literal = ParseLiteral();
        if (!literal) return std::unexpected(literal.error());
        comparison.values.push_back(std::move(*literal));
        if (Consume(')')) return {};
        if (!Consume(',')) return Fail("expected ',' or ')' in the IN set");
      }
    } else {
      const std::size_t op_end = text_.find_first_of(" '", pos_);
      return Fail("comparison operator '" + std::string(text_.substr(pos_, op_end - pos_)) +
                  "' is not supported (supported: =, IN, LIKE, MATCHES)");
    }
    auto literal = ParseLiteral();
    if (!literal) return std::unexpected(literal.error());
    comparison.values.push_back(std::move(*literal));
    return {};
  }

  std::expected<std::string, std::string> ParseLiteral() {
    SkipSpaces();
    if (!Consume('\'')) return Fail("expected a quoted string literal");
    std::string value;
    while (true) {
      if (pos_ >= text_.size()) return Fail("string literal not closed");
      const char c = text_[pos_++];
      if (c == '\\') {
        // STIX 2.1 section 9.2: only \' and \\ are escapes in string literals.
        if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '\\')) {
          return Fail("bad escape in string literal");
        }
        value.push_back(text_[pos_++]);
      } else if (c == '\'') {
        return value;
      } else {
        value.push_back(c);
      }
    }
  }

  void SkipSpaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool Consume(char c) {
    SkipSpaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool ConsumeKeyword(std::string_view keyword) {
    SkipSpaces();
    if (text_.substr(pos_, keyword.size()) != keyword) return false;
    const std::size_t after = pos_ + keyword.size();
    if (after < text_.size() && !std::isspace(static_cast<unsigned char>(text_[after])) &&
        text_[after] != '[' && text_[after] != '(' && text_[after] != '\'') {
      return false;
    }
    pos_ = after;
    return true;
  }
  std::unexpected<std::string> Fail(const std::string& what) const {
    std::string found = std::string(text_.substr(pos_, 20));
    if (found.empty()) found = "end of pattern";
    return std::unexpected(what + " at offset " + std::to_string(pos_) + " (found '" + found +
                           "')");
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::expected<std::vector<StixClause>, std::string> ParsePattern(std::string_view pattern) {
  return Parser(pattern).Parse();
}

const char* OperatorName(StixOperator op) {
  switch (op) {
    case StixOperator::kEqual:
      return "=";
    case StixOperator::kIn:
      return "IN";
    case StixOperator::kLike:
      return "LIKE";
    case StixOperator::kMatches:
      return "MATCHES";
  }
  return "=";
}

bool LikeMatches(std::string_view pattern, std::string_view text) {
  // Greedy wildcard matching with one backtrack point (the last '%'): O(|text| * |pattern|).
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '_' || pattern[p] == text[t])) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '%') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

}  // namespace crosscheck::watchlist::internal
