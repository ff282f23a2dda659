// Text encoding: exports from Excel and older HR systems arrive as Windows-1252, Latin-1 or
// UTF-16 rather than the UTF-8 the data contract asks for. DetectCharset names the charset of
// a sample (ICU's ucsdet, after BOM and NUL-pattern checks for UTF-16); ConvertToUtf8
// converts the whole text. ICU stays inside this module (house style: one owner per library).
//
//   CC_ASSIGN_OR_RETURN(std::string charset, DetectCharset(first_64k));
//   if (charset != "UTF-8") CC_ASSIGN_OR_RETURN(text, ConvertToUtf8(text, charset));
#pragma once

#include <string>
#include <string_view>

#include "crosscheck/common/error.h"

namespace crosscheck::normalize {

// DetectCharset returns "UTF-8" for a sample that is valid UTF-8 (a sequence cut at the end
// of the sample allowed) or mostly so (its multi-byte characters outnumber its bad bytes), "UTF-16LE" / "UTF-16BE" for a byte order mark or the NUL pattern of
// ASCII text in UTF-16, else ICU's best single-byte guess (e.g. "ISO-8859-1",
// "windows-1252"); "windows-1252" when ICU has no guess. Never fails on content: kInternal
// only when ICU cannot run. Linear in the sample.
Result<std::string> DetectCharset(std::string_view sample);

// ConvertToUtf8 converts `bytes` from `charset` (an ICU converter name) to UTF-8; a byte
// order mark is dropped, unmappable bytes become U+FFFD. Errors: kInvalidInput for an
// unknown charset name, kInternal for an ICU failure.
Result<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset);

}  // namespace crosscheck::normalize
