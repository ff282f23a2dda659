// Record corruption in the spirit of FEBRL's and GeCo's generators (Christen & Vatsalan 2013):
// the errors people and machines make when names and places are keyed, scanned or heard.
// Each corruptor takes a clean lower-case value and returns a corrupted copy; the caller
// decides how often (a rate per field) and how many errors a value gets.
//
//   Rng rng(seed);
//   std::string typed = CorruptValue("katherine", CorruptionMix{}, rng);  // "kathreine", ...
#pragma once

#include <string>
#include <string_view>

#include "crosscheck/simulate/random.h"

namespace crosscheck::simulate {

// CorruptionKind is one kind of error.
enum class CorruptionKind : std::uint8_t {
  kKeyboard,      // a neighbouring key replaces, or is added to, a letter (QWERTY)
  kOcr,           // a scanning confusion: m <-> rn, d <-> cl, h <-> li, w <-> vv, l <-> 1 ...
  kPhonetic,      // a spelling of the same sound: ph <-> f, ck <-> k, c <-> k, ie <-> y ...
  kEdit,          // a random insertion, deletion or transposition of adjacent letters
  kTruncate,      // the value cut short (a form's field too narrow), or an initial only
};

// CorruptionMix weighs the kinds of errors (relative, need not sum to 1).
struct CorruptionMix {
  double keyboard = 3;
  double ocr = 1;
  double phonetic = 2;
  double edit = 3;
  double truncate = 0.5;
};

// ApplyCorruption returns `value` with one error of `kind`; a value the kind cannot change
// (no confusable letters) gets a random edit instead, so the result differs when it can.
std::string ApplyCorruption(std::string_view value, CorruptionKind kind, Rng& rng);

// CorruptValue applies one error of a kind drawn from `mix`.
std::string CorruptValue(std::string_view value, const CorruptionMix& mix, Rng& rng);

// CorruptDigits returns a digit string with one digit replaced or two adjacent ones swapped.
std::string CorruptDigits(std::string_view digits, Rng& rng);

}  // namespace crosscheck::simulate
