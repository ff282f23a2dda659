#include "crosscheck/watchlist/internal/stix_pattern.h"

#include <cctype>

namespace crosscheck::watchlist::internal {
namespace {

// Parser is a small recursive-descent reader over the STIX pattern grammar
// (oasis-open/cti-stix2-json-schemas pattern_grammar/STIXPattern.g4), limited to
//   pattern     := observation ("OR" observation)*
//   observation := "[" comparison ("OR" comparison)* "]"
//   comparison  := object_type ":" property "=" string_literal
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::expected<std::vector<StixComparison>, std::string> Parse() {
    std::vector<StixComparison> comparisons;
    while (true) {
      SkipSpaces();
      if (!Consume('[')) return Fail("expected '['");
      while (true) {
        auto comparison = ParseComparison();
        if (!comparison) return std::unexpected(comparison.error());
        comparisons.push_back(std::move(*comparison));
        SkipSpaces();
        if (Consume(']')) break;
        if (!ConsumeKeyword("OR")) return Fail("expected OR or ']'");
      }
      SkipSpaces();
      if (pos_ == text_.size()) return comparisons;
      if (!ConsumeKeyword("OR")) return Fail("expected OR between observations");
    }
  }

 private:
  std::expected<StixComparison, std::string> ParseComparison() {
    StixComparison comparison;
    SkipSpaces();
    const std::size_t type_start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '-' || text_[pos_] == '_')) {
      ++pos_;
    }
    comparison.object_type = std::string(text_.substr(type_start, pos_ - type_start));
    if (comparison.object_type.empty()) return Fail("expected an object type");
    if (!Consume(':')) return Fail("expected ':' after the object type");
    const std::size_t property_start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ' ' && text_[pos_] != '=' &&
           text_[pos_] != '!' && text_[pos_] != '<' && text_[pos_] != '>' &&
           text_[pos_] != ']') {
      if (text_[pos_] == '\'') {  // quoted path step: hashes.'SHA-256'
        ++pos_;
        while (pos_ < text_.size() && text_[pos_] != '\'') ++pos_;
      }
      if (pos_ < text_.size()) ++pos_;
    }
    comparison.property = std::string(text_.substr(property_start, pos_ - property_start));
    if (comparison.property.empty()) return Fail("expected a property");
    SkipSpaces();
    if (pos_ + 1 < text_.size() && text_[pos_] == '=' && text_[pos_ + 1] != '=') {
      ++pos_;
    } else {
      const std::size_t op_end = text_.find_first_of(" '", pos_);
      return Fail("unsupported comparison operator '" +
                  std::string(text_.substr(pos_, op_end - pos_)) + "' (only '=' is supported)");
    }
    SkipSpaces();
    if (!Consume('\'')) return Fail("expected a quoted string literal");
    while (true) {
      if (pos_ >= text_.size()) return Fail("string literal not closed");
      const char c = text_[pos_++];
      if (c == '\\') {
        // STIX 2.1 section 9.2: only \' and \\ are escapes in string literals.
        if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '\\')) {
          return Fail("bad escape in string literal");
        }
        comparison.value.push_back(text_[pos_++]);
      } else if (c == '\'') {
        break;
      } else {
        comparison.value.push_back(c);
      }
    }
    return comparison;
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
        text_[after] != '[') {
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

std::expected<std::vector<StixComparison>, std::string> ParseEqualityPattern(
    std::string_view pattern) {
  return Parser(pattern).Parse();
}

}  // namespace crosscheck::watchlist::internal
