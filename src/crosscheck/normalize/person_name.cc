#include "crosscheck/normalize/person_name.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/normalize/internal/text_fold.h"
#include "crosscheck/normalize/nickname_table.h"

namespace crosscheck::normalize {
namespace {

// Longer input is not a name; cutting keeps the cost of garbage bounded.
constexpr std::size_t kMaxNameBytes = 512;

const std::unordered_set<std::string_view>& Titles() {
  static const std::unordered_set<std::string_view> titles = {
      "mr",   "mrs",  "ms",   "miss",   "mx",       "dr",     "prof",   "professor", "sir",
      "dame", "lord", "lady", "rev",    "reverend", "fr",     "father", "hon",       "capt",
      "col",  "gen",  "lt",   "sgt",    "maj",      "mme",    "mlle",   "herr",      "frau",
      "dott", "ing",  "eng",  "mister", "madam",    "doctor",
  };
  return titles;
}

const std::unordered_set<std::string_view>& Suffixes() {
  static const std::unordered_set<std::string_view> suffixes = {
      "jr",  "jnr", "sr",  "snr", "ii",  "iii", "iv", "2nd", "3rd", "4th", "phd", "md",  "dds",
      "dmd", "esq", "mba", "cpa", "cfa", "pmp", "rn", "dvm", "jd",  "llm", "msc", "bsc", "meng",
  };
  return suffixes;
}

// Particles that start a family name in European and Arabic names.
const std::unordered_set<std::string_view>& Particles() {
  static const std::unordered_set<std::string_view> particles = {
      "van", "von", "der", "den", "de",  "del", "della", "dello", "di",  "da",    "du",
      "des", "la",  "le",  "dos", "das", "do",  "ter",   "ten",   "bin", "binti", "bint",
      "ibn", "al",  "el",  "st",  "zu",  "ap",  "af",    "ben",   "abu",
  };
  return particles;
}

bool IsPatronymic(std::string_view word) {
  for (const std::string_view ending : {"ovich", "evich", "ovna", "evna", "ichna", "inichna"}) {
    if (word.size() > ending.size() + 1 && EndsWith(word, ending)) return true;
  }
  return false;
}

// Usual Latin spellings of common Korean surnames (passports and English CVs), which Revised
// Romanization spells differently (김 gim, 이 i, 박 bak). Source: Statistics Korea surname
// census 2015 ranks and the National Institute of Korean Language survey of passport
// spellings (2009).
const std::unordered_map<char32_t, std::string_view>& KoreanSurnames() {
  static const std::unordered_map<char32_t, std::string_view> table = {
      {U'김', "kim"},   {U'이', "lee"},   {U'박', "park"}, {U'최', "choi"},  {U'정', "jung"},
      {U'강', "kang"},  {U'조', "cho"},   {U'윤', "yoon"}, {U'장', "jang"},  {U'임', "lim"},
      {U'한', "han"},   {U'오', "oh"},    {U'서', "seo"},  {U'신', "shin"},  {U'권', "kwon"},
      {U'황', "hwang"}, {U'안', "ahn"},   {U'송', "song"}, {U'류', "ryu"},   {U'유', "yoo"},
      {U'홍', "hong"},  {U'전', "jeon"},  {U'고', "ko"},   {U'문', "moon"},  {U'양', "yang"},
      {U'손', "son"},   {U'배', "bae"},   {U'백', "baek"}, {U'허', "heo"},   {U'노', "noh"},
      {U'남', "nam"},   {U'심', "shim"},  {U'하', "ha"},   {U'곽', "kwak"},  {U'성', "sung"},
      {U'차', "cha"},   {U'주', "joo"},   {U'우', "woo"},  {U'구', "koo"},   {U'민', "min"},
      {U'진', "jin"},   {U'나', "na"},    {U'지', "ji"},   {U'엄', "eom"},   {U'채', "chae"},
      {U'원', "won"},   {U'천', "cheon"}, {U'방', "bang"}, {U'공', "kong"},  {U'현', "hyun"},
      {U'함', "ham"},   {U'변', "byun"},  {U'염', "yeom"}, {U'여', "yeo"},   {U'추', "choo"},
      {U'도', "do"},    {U'석', "seok"},  {U'선', "sun"},  {U'설', "seol"},  {U'마', "ma"},
      {U'길', "gil"},   {U'연', "yeon"},  {U'표', "pyo"},  {U'명', "myung"}, {U'기', "ki"},
      {U'반', "ban"},   {U'왕', "wang"},  {U'금', "keum"}, {U'옥', "ok"},    {U'육', "yook"},
      {U'인', "in"},    {U'맹', "maeng"}, {U'제', "je"},   {U'모', "mo"},    {U'탁', "tak"},
      {U'국', "kook"},  {U'은', "eun"},   {U'편', "pyun"}, {U'용', "yong"},  {U'봉', "bong"},
  };
  return table;
}

// Two-character surnames; the first character alone would misplace the split.
const std::unordered_set<std::u32string_view>& CompoundSurnames() {
  static const std::unordered_set<std::u32string_view> table = {
      // Korean
      U"남궁",
      U"황보",
      U"제갈",
      U"선우",
      U"독고",
      U"사공",
      U"서문",
      // Chinese, simplified and traditional
      U"欧阳",
      U"歐陽",
      U"司马",
      U"司馬",
      U"诸葛",
      U"諸葛",
      U"上官",
      U"司徒",
      U"东方",
      U"東方",
      U"皇甫",
      U"尉迟",
      U"尉遲",
      U"公孙",
      U"公孫",
      U"慕容",
      U"夏侯",
      U"令狐",
      U"长孙",
      U"長孫",
      U"宇文",
      U"澹台",
      U"南宫",
      U"南宮",
      U"西门",
      U"西門",
      U"轩辕",
      U"軒轅",
      U"端木",
      U"独孤",
      U"獨孤",
  };
  return table;
}

// Word is one word of a name: the lower-case ASCII text, hyphens kept inside.
using Words = std::vector<std::string>;

// SplitWords cuts lower-case ASCII at anything but letters, digits and inner hyphens;
// apostrophes vanish (O'Brien -> obrien), and a quoted or parenthesised nickname is dropped
// ('Robert "Bob" Smith').
Words SplitWords(std::string_view text) {
  Words words;
  std::string word;
  auto flush = [&] {
    while (!word.empty() && word.back() == '-') word.pop_back();
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  char skip_until = 0;
  for (const char c : text) {
    if (skip_until != 0) {
      if (c == skip_until) skip_until = 0;
      continue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word.push_back(c);
    } else if (c == '\'' || c == '`') {
      continue;
    } else if (c == '-' && !word.empty()) {
      word.push_back(c);
    } else if (c == '"' || c == '(') {
      flush();
      skip_until = c == '"' ? '"' : ')';
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::string AlnumOnly(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    }
  }
  return out;
}

void AddTokens(std::string_view word, bool map_nicknames, std::vector<std::string>* tokens) {
  while (!word.empty()) {
    const std::size_t hyphen = word.find('-');
    const std::string_view piece = word.substr(0, hyphen);
    if (!piece.empty()) tokens->emplace_back(map_nicknames ? FormalGivenName(piece) : piece);
    if (hyphen == std::string_view::npos) break;
    word.remove_prefix(hyphen + 1);
  }
}

NormalizedName Assemble(const Words& given_words, const Words& family_words) {
  NormalizedName name;
  if (!given_words.empty()) name.given = given_words.front();
  if (given_words.size() > 1) {
    name.middle = JoinStrings(Words(given_words.begin() + 1, given_words.end()), " ");
  }
  name.family = JoinStrings(family_words, " ");
  Words all = given_words;
  all.insert(all.end(), family_words.begin(), family_words.end());
  name.full = JoinStrings(all, " ");
  for (const std::string& word : given_words) AddTokens(word, true, &name.tokens);
  for (const std::string& word : family_words) AddTokens(word, false, &name.tokens);
  std::sort(name.tokens.begin(), name.tokens.end());
  return name;
}

// Words with digits are not name words, except the ordinal suffixes ("3rd").
Words CleanWords(Words words) {
  std::erase_if(words, [](const std::string& word) {
    const bool has_digit = word.find_first_of("0123456789") != std::string::npos;
    return has_digit && !Suffixes().contains(word);
  });
  return words;
}

void DropTitles(Words* words) {
  while (!words->empty() && Titles().contains(words->front())) words->erase(words->begin());
}

// DropSuffixes removes trailing suffixes while more than `keep` words would remain.
void DropSuffixes(Words* words, std::size_t keep) {
  while (words->size() > keep && Suffixes().contains(words->back())) words->pop_back();
}

NormalizedName ParseLatin(std::string_view ascii_lower) {
  std::vector<Words> segments;
  for (const std::string& piece : SplitString(ascii_lower, ',')) {
    Words words = CleanWords(SplitWords(piece));
    DropTitles(&words);
    if (!words.empty()) segments.push_back(std::move(words));
  }
  // "John Smith, Jr." and "Smith, John, PhD": a segment of suffixes only is no name part.
  std::erase_if(segments, [](const Words& words) {
    return std::all_of(words.begin(), words.end(),
                       [](const std::string& word) { return Suffixes().contains(word); });
  });
  if (segments.empty()) return {};

  if (segments.size() >= 2) {
    // "Family, Given Middle": the comma puts the family name first.
    Words family = segments[0];
    DropSuffixes(&family, 1);
    Words given;
    for (std::size_t segment_idx = 1; segment_idx < segments.size(); ++segment_idx) {
      Words words = segments[segment_idx];
      DropSuffixes(&words, 1);
      given.insert(given.end(), words.begin(), words.end());
    }
    return Assemble(given, family);
  }

  Words words = segments[0];
  DropSuffixes(&words, 2);
  if (words.size() == 1) return Assemble(words, {});
  // Russian order "Ivanov Ivan Ivanovich" (family given patronymic) vs "Ivan Ivanovich Ivanov".
  if (words.size() == 3 && IsPatronymic(words[2]) && !IsPatronymic(words[1])) {
    return Assemble({words[1], words[2]}, {words[0]});
  }
  std::size_t family_start = words.size() - 1;
  for (std::size_t word_idx = 1; word_idx + 1 < words.size(); ++word_idx) {
    if (Particles().contains(words[word_idx])) {
      family_start = word_idx;
      break;
    }
  }
  return Assemble(Words(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(family_start)),
                  Words(words.begin() + static_cast<std::ptrdiff_t>(family_start), words.end()));
}

bool IsNameSeparator(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == U'\u3000' || cp == U'\u00B7' || cp == U'\u30FB' ||
         cp == U',' || cp == U'\uFF0C' || cp == U'\u3001' || cp == U'\u00A0';
}

// RomanizeCjkPart transliterates one native-script name part and joins its syllables
// ("xiǎo míng" -> "xiaoming"), as pinyin and Korean given names are written in Latin.
std::string RomanizeCjkPart(std::u32string_view part, bool is_family,
                            internal::ScriptClass script) {
  if (is_family && script == internal::ScriptClass::kHangul && part.size() == 1) {
    const auto& surnames = KoreanSurnames();
    if (const auto found = surnames.find(part.front()); found != surnames.end()) {
      return std::string(found->second);
    }
  }
  return AlnumOnly(internal::FoldToAscii(internal::EncodeUtf8(part)));
}

NormalizedName ParseCjk(std::string_view utf8, internal::ScriptClass script) {
  std::vector<std::u32string> parts;
  std::u32string current;
  for (const char32_t cp : internal::DecodeUtf8(utf8)) {
    if (IsNameSeparator(cp)) {
      if (!current.empty()) parts.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(cp);
    }
  }
  if (!current.empty()) parts.push_back(std::move(current));
  if (parts.empty()) return {};

  std::u32string family;
  std::u32string given;
  if (parts.size() >= 2) {
    family = parts[0];
    for (std::size_t part_idx = 1; part_idx < parts.size(); ++part_idx) given += parts[part_idx];
  } else if (script == internal::ScriptClass::kKana) {
    given = parts[0];  // no reliable split point in an unspaced Japanese name
  } else {
    const std::u32string& whole = parts[0];
    std::size_t family_length = 1;
    if (whole.size() >= 3 && CompoundSurnames().contains(std::u32string_view(whole).substr(0, 2))) {
      family_length = 2;
    } else if (script == internal::ScriptClass::kHan && whole.size() == 4) {
      family_length = 2;
    }
    if (whole.size() <= family_length) {
      family = whole;
    } else {
      family = whole.substr(0, family_length);
      given = whole.substr(family_length);
    }
  }
  Words given_words;
  Words family_words;
  if (std::string romanized = RomanizeCjkPart(given, false, script); !romanized.empty()) {
    given_words.push_back(std::move(romanized));
  }
  if (std::string romanized = RomanizeCjkPart(family, true, script); !romanized.empty()) {
    family_words.push_back(std::move(romanized));
  }
  return Assemble(given_words, family_words);
}

}  // namespace

NormalizedName NormalizePersonName(std::string_view raw) {
  std::string_view text = TrimAscii(raw);
  if (text.size() > kMaxNameBytes) text = text.substr(0, kMaxNameBytes);
  if (text.empty()) return {};
  if (internal::IsAscii(text)) return ParseLatin(ToLowerAscii(text));

  const bool non_latin = internal::HasNonLatinLetters(text);
  NormalizedName name;
  const internal::ScriptClass script = internal::FirstLetterScript(text);
  if (script != internal::ScriptClass::kOther) {
    name = ParseCjk(text, script);
  } else {
    std::string folded = internal::FoldToAscii(text);
    internal::ToLowerAsciiInPlace(folded);
    name = ParseLatin(folded);
  }
  name.transliterated = non_latin && !name.full.empty();
  return name;
}

}  // namespace crosscheck::normalize
