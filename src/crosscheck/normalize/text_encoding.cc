#include "crosscheck/normalize/text_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <cstddef>
#include <memory>

#include "crosscheck/common/strings.h"

namespace crosscheck::normalize {
namespace {

// MostlyUtf8: the sample is UTF-8 when it has no invalid sequence, or when its valid multi-byte
// characters outnumber the invalid bytes (a UTF-8 file with one stray Latin-1 byte is UTF-8 with
// a bad byte, which the CSV reader repairs; converting it as windows-1252 would garble every
// other accent). A sequence cut by the sample's end is not invalid.
bool MostlyUtf8(std::string_view sample) {
  auto cut_at_end = [](std::string_view text, std::size_t at) {
    if (text.size() - at >= 4 || static_cast<unsigned char>(text[at]) < 0xC2) return false;
    for (std::size_t idx = at + 1; idx < text.size(); ++idx) {
      if ((static_cast<unsigned char>(text[idx]) & 0xC0) != 0x80) return false;
    }
    return true;
  };
  std::size_t invalid = 0, multibyte = 0, bad = 0;
  while (true) {
    const bool valid = IsValidUtf8(sample, &bad);
    for (char c : valid ? sample : sample.substr(0, bad)) multibyte += static_cast<unsigned char>(c) >= 0xC2;
    if (valid || cut_at_end(sample, bad)) break;
    ++invalid;
    sample.remove_prefix(bad + 1);
  }
  return invalid == 0 || multibyte > invalid;
}

// Utf16ByNulls: ASCII text in UTF-16 has a NUL in every other byte (odd offsets for LE, even
// for BE); require that of most pairs so a binary file with scattered NULs is not taken.
const char* Utf16ByNulls(std::string_view sample) {
  std::size_t even = 0, odd = 0;
  const std::size_t pairs = sample.size() / 2;
  for (std::size_t idx = 0; idx + 1 < sample.size(); idx += 2) {
    even += sample[idx] == '\0' && sample[idx + 1] != '\0';
    odd += sample[idx] != '\0' && sample[idx + 1] == '\0';
  }
  if (pairs >= 2 && odd * 10 >= pairs * 8) return "UTF-16LE";
  if (pairs >= 2 && even * 10 >= pairs * 8) return "UTF-16BE";
  return nullptr;
}

struct DetectorCloser {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};

}  // namespace

Result<std::string> DetectCharset(std::string_view sample) {
  if (StartsWith(sample, "\xFF\xFE")) return std::string("UTF-16LE");
  if (StartsWith(sample, "\xFE\xFF")) return std::string("UTF-16BE");
  if (const char* utf16 = Utf16ByNulls(sample)) return std::string(utf16);
  if (MostlyUtf8(sample)) return std::string("UTF-8");
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  if (U_FAILURE(status)) return Internal(std::string("ICU charset detector: ") + u_errorName(status));
  ucsdet_setText(detector.get(), sample.data(), static_cast<std::int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return std::string("windows-1252");
  const char* name = ucsdet_getName(match, &status);
  // ucsdet calls text with no byte in 0x80-0x9F "ISO-8859-1"; windows-1252 is its superset
  // (curly quotes, euro sign) and what Excel on Windows writes. A multi-byte or UTF guess on a
  // sample that is not UTF-8 is not trusted: short samples fool it.
  // Below this confidence (0-100) a short sample's guess (a Cyrillic code page for one 'é') is
  // noise; Western exports are by far the common case.
  constexpr std::int32_t kMinConfidence = 50;
  if (U_FAILURE(status) || name == nullptr || ucsdet_getConfidence(match, &status) < kMinConfidence) {
    return std::string("windows-1252");
  }
  const std::string charset = name;
  if (charset == "ISO-8859-1" || StartsWith(charset, "UTF") || charset == "Shift_JIS" ||
      charset == "GB18030" || charset == "Big5" || StartsWith(charset, "EUC") || StartsWith(charset, "ISO-2022")) {
    return std::string("windows-1252");
  }
  return charset;
}

Result<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  // Preflight for the size, then convert; ucnv_convert replaces unmappable bytes with U+FFFD.
  const std::int32_t length = static_cast<std::int32_t>(bytes.size());
  const std::int32_t needed = ucnv_convert("UTF-8", charset.c_str(), nullptr, 0, bytes.data(), length, &status);
  if (status == U_FILE_ACCESS_ERROR || status == U_INVALID_TABLE_FORMAT) {
    return InvalidInput("unknown character set '" + charset + "'");
  }
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
    return Internal(std::string("ICU conversion from ") + charset + ": " + u_errorName(status));
  }
  std::string out(static_cast<std::size_t>(needed), '\0');
  status = U_ZERO_ERROR;
  ucnv_convert("UTF-8", charset.c_str(), out.data(), needed, bytes.data(), length, &status);
  if (U_FAILURE(status)) return Internal(std::string("ICU conversion from ") + charset + ": " + u_errorName(status));
  if (StartsWith(out, "\xEF\xBB\xBF")) out.erase(0, 3);
  return out;
}

}  // namespace crosscheck::normalize
