#include "crosscheck/normalize/safe_regex.h"

#include <re2/re2.h>

namespace crosscheck::normalize {

struct SafeRegex::Compiled {
  explicit Compiled(std::string_view pattern, const RE2::Options& options) : re(pattern, options) {}
  RE2 re;
};

Result<SafeRegex> SafeRegex::Compile(std::string_view pattern, bool case_insensitive) {
  constexpr std::size_t kMaxPatternBytes = 1024;
  if (pattern.size() > kMaxPatternBytes) {
    return InvalidInput("regular expression over " + std::to_string(kMaxPatternBytes) + " bytes");
  }
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!case_insensitive);
  options.set_max_mem(1 << 20);  // bounds the compiled program; RE2 fails rather than grows
  auto compiled = std::make_unique<Compiled>(pattern, options);
  if (!compiled->re.ok())
    return InvalidInput("not a usable regular expression: " + compiled->re.error());
  return SafeRegex(std::move(compiled));
}

SafeRegex::SafeRegex(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
SafeRegex::SafeRegex(SafeRegex&&) noexcept = default;
SafeRegex& SafeRegex::operator=(SafeRegex&&) noexcept = default;
SafeRegex::~SafeRegex() = default;

bool SafeRegex::Search(std::string_view text) const {
  return RE2::PartialMatch(text, compiled_->re);
}

}  // namespace crosscheck::normalize
