// SafeRegex: a regular expression from untrusted input (a STIX pattern's MATCHES from a
// partner's feed) that cannot hang the process: RE2 matches in time linear in the text, with no
// backtracking, and refuses back-references and look-around instead of trying them.
//
//   CC_ASSIGN_OR_RETURN(SafeRegex regex, SafeRegex::Compile("^dev[0-9]+@evil\\.example$"));
//   if (regex.Search("dev42@evil.example")) ...
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "crosscheck/common/error.h"

namespace crosscheck::normalize {

class SafeRegex {
 public:
  // Compile accepts RE2 syntax (PCRE without back-references and look-around), at most 1 KiB.
  // kInvalidInput with RE2's reason otherwise.
  static Result<SafeRegex> Compile(std::string_view pattern, bool case_insensitive = false);

  SafeRegex(SafeRegex&&) noexcept;
  SafeRegex& operator=(SafeRegex&&) noexcept;
  ~SafeRegex();

  // Search says whether the expression matches anywhere in text (anchors ^ $ as written), as
  // STIX's MATCHES does. Thread-safe.
  bool Search(std::string_view text) const;

 private:
  struct Compiled;
  explicit SafeRegex(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace crosscheck::normalize
