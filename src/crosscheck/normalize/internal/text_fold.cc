#include "crosscheck/normalize/internal/text_fold.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utypes.h>

#include <array>
#include <memory>

namespace crosscheck::normalize::internal {
namespace {

// Russian-Latin/BGN comes first because ICU's generic Cyrillic-Latin follows ISO 9
// (Юрий -> Ûrij -> "Urij"), while passports and English-language CVs use BGN/PCGN-like
// spellings (Yuriy, Shchukin, Zhukov). Any-Latin then handles every other script; Latin-ASCII
// removes the accents and tone marks left behind (pinyin zhāng -> zhang, ß -> ss, ø -> o).
constexpr const char* kFoldTransform = "NFKC; Russian-Latin/BGN; Any-Latin; Latin-ASCII";

icu::Transliterator* ThreadTransliterator() {
  // createInstance parses rule sets and costs about a millisecond, and a Transliterator is not
  // safe to share between threads, so each thread builds one and reuses it.
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(kFoldTransform), UTRANS_FORWARD, status));
    if (U_FAILURE(status)) created.reset();
    return created;
  }();
  return transliterator.get();
}

}  // namespace

bool IsAscii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::u32string DecodeUtf8(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[pos]);
    int length = 0;
    char32_t cp = 0;
    if (lead < 0x80) {
      out.push_back(lead);
      ++pos;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      cp = lead & 0x07;
    } else {
      ++pos;  // stray continuation byte or invalid lead
      continue;
    }
    if (pos + length > utf8.size()) break;
    bool ok = true;
    for (int offset = 1; offset < length; ++offset) {
      const auto next = static_cast<unsigned char>(utf8[pos + offset]);
      if ((next & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (next & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF (RFC 3629 section 3).
    static constexpr char32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (!ok || cp < kMinForLength[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      ++pos;
      continue;
    }
    out.push_back(cp);
    pos += length;
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (const char32_t cp : text) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

namespace {

// The Latin letters with diacritics of Latin-1 Supplement and Latin Extended-A (U+00C0 to
// U+017F) are what nearly all non-ASCII names, streets and cities of Western, Central and
// Eastern European, Turkish and Vietnamese-without-tones applicants hold (97% of non-ASCII
// names and every non-ASCII street in the default world). ICU spends tens of microseconds
// on such a string; a table lookup gives the same answer.
constexpr char32_t kLatinTableFirst = 0xC0;
constexpr char32_t kLatinTableLast = 0x17F;

// LatinFoldTable maps each code point of the range to the one ASCII letter ICU's transform
// gives for it alone, or 0 when ICU gives anything else (several letters such as Æ -> AE or
// ß -> ss, whose case depends on the neighbours; symbols such as ×). Built once from ICU
// itself, so the table cannot drift from it; text_fold_test.cc checks every entry in many
// contexts against the ICU path.
const std::array<char, kLatinTableLast - kLatinTableFirst + 1>& LatinFoldTable() {
  static const auto table = [] {
    std::array<char, kLatinTableLast - kLatinTableFirst + 1> built{};
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> transliterator(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(kFoldTransform), UTRANS_FORWARD, status));
    if (U_FAILURE(status) || transliterator == nullptr) return built;  // all 0: ICU path
    for (char32_t cp = kLatinTableFirst; cp <= kLatinTableLast; ++cp) {
      if (!u_isalpha(static_cast<UChar32>(cp))) continue;
      icu::UnicodeString text(static_cast<UChar32>(cp));
      transliterator->transliterate(text);
      if (text.length() != 1) continue;
      const char16_t folded = text.charAt(0);
      const bool letter = (folded >= u'a' && folded <= u'z') || (folded >= u'A' && folded <= u'Z');
      if (letter) built[cp - kLatinTableFirst] = static_cast<char>(folded);
    }
    return built;
  }();
  return table;
}

// FoldLatinFast folds text made of ASCII and table letters only; false (and `out`
// unspecified) for anything else, which then goes to ICU.
bool FoldLatinFast(std::string_view utf8, std::string* out) {
  const auto& table = LatinFoldTable();
  out->clear();
  out->reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[pos]);
    if (lead < 0x80) {
      out->push_back(static_cast<char>(lead));
      ++pos;
      continue;
    }
    // U+00C0..U+017F are the two-byte sequences C3 80 .. C5 BF.
    if (lead < 0xC3 || lead > 0xC5 || pos + 1 >= utf8.size()) return false;
    const auto next = static_cast<unsigned char>(utf8[pos + 1]);
    if ((next & 0xC0) != 0x80) return false;
    const char32_t cp = (static_cast<char32_t>(lead & 0x1F) << 6) | (next & 0x3F);
    const char folded = table[cp - kLatinTableFirst];
    if (folded == 0) return false;
    out->push_back(folded);
    pos += 2;
  }
  return true;
}

}  // namespace

std::string FoldToAscii(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  std::string fast;
  if (FoldLatinFast(utf8, &fast)) return fast;
  return FoldToAsciiWithIcu(utf8);
}

std::string FoldToAsciiWithIcu(std::string_view utf8) {
  // Re-encoding drops malformed bytes, so ICU only ever sees well-formed text.
  const std::string clean = EncodeUtf8(DecodeUtf8(utf8));
  icu::Transliterator* transliterator = ThreadTransliterator();
  if (transliterator == nullptr) {
    std::string ascii;
    for (const char c : clean) {
      if (static_cast<unsigned char>(c) < 0x80) ascii.push_back(c);
    }
    return ascii;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(clean);
  transliterator->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

bool HasNonLatinLetters(std::string_view utf8) {
  if (IsAscii(utf8)) return false;
  for (const char32_t cp : DecodeUtf8(utf8)) {
    if (cp < 0x80 || !u_isalpha(static_cast<UChar32>(cp))) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &status);
    if (U_FAILURE(status)) continue;
    if (script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      return true;
    }
  }
  return false;
}

ScriptClass FirstLetterScript(std::string_view utf8) {
  if (IsAscii(utf8)) return ScriptClass::kOther;
  ScriptClass first = ScriptClass::kOther;
  bool seen_letter = false;
  bool has_kana = false;
  for (const char32_t cp : DecodeUtf8(utf8)) {
    if (!u_isalpha(static_cast<UChar32>(cp))) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &status);
    if (U_FAILURE(status)) continue;
    const bool kana = script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
    has_kana = has_kana || kana;
    if (!seen_letter) {
      seen_letter = true;
      if (script == USCRIPT_HANGUL) {
        first = ScriptClass::kHangul;
      } else if (script == USCRIPT_HAN) {
        first = ScriptClass::kHan;
      } else if (kana) {
        first = ScriptClass::kKana;
      }
    }
  }
  if (first == ScriptClass::kHan && has_kana) return ScriptClass::kKana;
  return first;
}

bool IsWordCodePoint(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

bool AllNonAsciiAreWordCodePoints(std::string_view utf8) {
  if (IsAscii(utf8)) return true;
  const std::u32string decoded = DecodeUtf8(utf8);
  if (EncodeUtf8(decoded).size() != utf8.size()) return false;  // malformed bytes dropped
  for (const char32_t cp : decoded) {
    if (cp >= 0x80 && !IsWordCodePoint(cp)) return false;
  }
  return true;
}

void ToLowerAsciiInPlace(std::string& text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

}  // namespace crosscheck::normalize::internal
