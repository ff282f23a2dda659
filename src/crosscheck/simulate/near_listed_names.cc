#include "crosscheck/simulate/near_listed_names.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

namespace crosscheck::simulate {
namespace {

// "FAMILY|Given" of every name and alias of an individual in a DPRK program (DPRK, DPRK2,
// DPRK3, DPRK4, DPRK-NKSPEA) of the OFAC SDN list, from shared/data/ofac sdn.csv and alt.csv.
constexpr std::string_view kListed =
    "AMTCHENTSEV|Vladlen;BAK|Gwang Hun;BURLOVA|Irina;CH'A|Su'ng-chun;CH'OE|Ch'un-yo'ng;"
    "CH'OE|Pu-il;CH'OE|Ryong-hae;CH'OE|So'k-min;CH'OE|So'ng-nam;CHANG|Chang-ha;"
    "CHANG|Kyong-hwa;CHA|Sung Jun;CHEN|Mei Hsiang;CHEN|Mei-Hsiang;CHI|Sang-chun;CHI|Yupeng;"
    "CHO'NG|Kyo'ng-t'aek;CHO'NG|Man-pok;CHOE|Chang Pong;CHOE|Chun Yong;CHOE|Hwi;CHOE|Pu Il;"
    "CHOE|Ryong Hae;CHOE|Song Nam;CHOI|Bu-il;CHO|Ch'o'l;CHO|Chun-ryong;CHO|Il Woo;CHO|Il-U;"
    "CHO|Kyo'ng-ch'o'l;CHO|Yon Chun;CHO|Yong Chol;CHO|Yongwon;CHU|Hyo'k;CULHA|Erhan;"
    "DAVID|Andoson;HAN|Ko'n-u;HAN|Kon U;HAN|Kwo'n-u;HAN|Kwon U;HENNY|Watson;HO'|Yo'ng-il;"
    "HO|Yong Il;HUANG|Wan Ken;HUANG|Wan-Ken;HUANG|Wang Ken;HUANG|Wang-gen;"
    "HUISH|Irina Igorevna;HUSSAIN|Mavungal;HWANG|Kyong Nam;HWANG|Pyo'ng-so';HWANG|Pyong So;"
    "HWANG|Su Man;JANG|Chang Ha;JANG|Kyong Hwa;JANG|Song Chol;JANG|Yong Son;JI|Sang Jun;"
    "JONG|Kyong Thaek;JONG|Man Bok;JONG|Song Hwa;JONG|Yong Su;JO|Chol;JO|Chun Ryong;"
    "JO|Kyong-Chol;JO|Yon Jun;JO|Yong Chol;JO|Yong-Won;JU|Hyok;KANG|Min;KANG|P'il-Hun;"
    "KANG|Phil Hun;KANG|Pil Hoon;KANG|Ryong;KANG|Song Nam;KIL|Jong Hun;KIM|Ch'o'l;"
    "KIM|Cho'ng-man;KIM|Cho'ng-sik;KIM|Chol;KIM|Ho Gyu;KIM|Ho Kyu;KIM|Ho'-kyu;KIM|Ho-Kyu;"
    "KIM|Hyo'k-ch'o'l;KIM|Hyok Chol;KIM|Hyon U;KIM|Hyon Woo;KIM|Hyon Wu;KIM|Il Nam;"
    "KIM|Il-Nam;KIM|Jong Man;KIM|Jong Sik;KIM|Jong Un;KIM|Kang Jin;KIM|Kang-chin;KIM|Ki Nam;"
    "KIM|Kwang Chun;KIM|Kwang Hyok;KIM|Kwang Yon;KIM|Kyo'ng-hak;KIM|Kyo'ng-hyo'k;"
    "KIM|Kyo'ng-il;KIM|Kyong Hak;KIM|Kyong Hyok;KIM|Kyong Il;KIM|Kyong Ok;KIM|Kyu;"
    "KIM|Man Chun;KIM|Man-ch'un;KIM|Min Chol;KIM|Mun Chol;KIM|Mun-ch'o'l;KIM|Nam Ung;"
    "KIM|Pyo'ng-ch'an;KIM|Pyong Chan;KIM|Sang-ho;KIM|So'ng;KIM|Sok Chol;KIM|Son-gwang;"
    "KIM|Son-kwang;KIM|Song;KIM|Sou-gwang;KIM|Sou-kwang;KIM|Su Il;KIM|Su-Kwang;KIM|Su-gwang;"
    "KIM|Tong Chol;KIM|Tong-ch'o'l;KIM|Tong-chol;KIM|Tong-ho;KIM|Wo'n-hong;KIM|Won Hong;"
    "KIM|Yo Jong;KIM|Yo'-cho'ng;KIM|Yo'ng-su;KIM|Yong Chol;KIM|Yong Su;KIM|Yong-Chol;"
    "KIM|Young-Cheol;KIM|Young-Chol;KIM|Young-Chul;KOLCHANOV|Vasili Aleksandrovich;"
    "KOLCHANOV|Vasiliy Aleksandrovich;KOLCHANOV|Vasily;KO|Ch'o'l-man;KO|Chol Man;KO|Il Hwan;"
    "KO|Il-hwan;KU|Cha-hyo'ng;KU|Ja Hyong;KU|Seung Sub;KU|Su'ng-so'p;KU|Sung Sop;"
    "KU|Young Hyok;KWAK|Chong-chol;KWAK|Jong-chol;LAI|Leonard;LAI|Yong Chian;LI|Cheng He;"
    "LI|Hong Ri;LI|Hongri;LI|Jiadong;LUI|Wai Ming;MIN|Byong Chol;MIN|Byong Chun;"
    "MIN|Byong-chol;MIN|Pyo'ng-ch'o'l;MUN|Kyo'ng-hwan;MUN|Kyong Hwan;O|Chong Euk;O|Chong Ok;"
    "O|Chong-kuk;O|Ku'k-ryo'l;O|Kuk-Ryol;PAEK|Chong-sam;PAEK|Jong Sam;PAE|Wo'n-uk;PAE|Won Uk;"
    "PAK|Bong Nam;PAK|Ch'in-hyo'k;PAK|Ch'o'l-nam;PAK|Chol Nam;PAK|Chun Il;PAK|Gwang Hun;"
    "PAK|Jin Hek;PAK|Jin Hyok;PAK|Kwang Ho;PAK|Kwang Hun;PAK|Kwang-ho;PAK|Kwang-hun;"
    "PAK|Mun Il;PAK|Mun-il;PAK|Pong Nam;PAK|Pong-nam;PAK|Tong Sok;PAK|Tong-So'k;"
    "PAK|Yo'ng-sik;PAK|Yong Sik;PANG|So-nam;PANG|Su Nam;PANG|Sunam;PARK|Aleksei;"
    "PARK|Jin Hyok;PISKLIN|Mikhail Yur'evich;RI|Ch'un-hwan;RI|Ch'un-so'ng;RI|Chae-Il;"
    "RI|Cho'ng-Wo'n;RI|Chong Chol;RI|Chun Hwan;RI|Chun Song;RI|Eun Song;RI|Ho Nam;RI|Ho-nam;"
    "RI|Hong-il;RI|Jae Il;RI|Jong Chol;RI|Jong Won;RI|Jung Won;RI|Man Gon;RI|Myo'ng-hun;"
    "RI|Myong Hun;RI|Pyo'ng-ch'o'l;RI|Pyong Chol;RI|So'ng-ch'o'l;RI|Song Chol;RI|Song Un;"
    "RI|Song-hyok;RI|T'ae-Ch'o'l;RI|Tae-Chol;RI|Thae Chol;RI|To'k-chin;RI|Tok Jin;"
    "RI|U'n-so'ng;RI|Un Song;RI|Won Ho;RI|Yong Mu;RI|Yong-Mu;RYANG|Tae Chol;RYANG|Tae-ch'o'l;"
    "RYO'M|Hu'i-pong;RYOM|Hui-bong;RYU|Jin;SAHIN|Huseyin;SERBIN|Andrey;SHIN|Yong Il;"
    "SIN|Yo'ng Il;SIN|Yong Il;SUN|Sidong;TAN|Wee Beng;TIAN|Yinyin;TSANG|Neil;TSANG|Niel;"
    "TSANG|Yun Yuan;TSANG|Yung Yuan;YU|Chol U;YU|Kwang Ho;";

// Ordinary given-name syllables (South Korean romanization; pinyin).
constexpr std::string_view kKoreanSyllables[] = {
    "min", "su", "ho", "jun", "woo", "jin", "hee", "young", "hyun", "sung", "ji", "eun",
    "seo", "yeon", "tae", "dong", "sang", "hoon", "jae", "won", "kyung", "mi", "hye", "seok"};
constexpr std::string_view kChineseSyllables[] = {
    "wei", "ming", "hui", "lin", "xin", "hao", "jie", "fang", "ting", "qiang", "lei", "yang",
    "xiao", "jun", "tao", "yan", "hua", "bo"};

// Listed Korean surnames and how people in the South and abroad usually write them.
struct Surname {
  std::string_view listed;
  std::string_view usual;
};
constexpr Surname kKoreanSurnames[] = {
    {"KIM", "Kim"}, {"RI", "Lee"}, {"PAK", "Park"}, {"CHOE", "Choi"}, {"JO", "Cho"}, {"CHO", "Cho"},
    {"KANG", "Kang"}, {"JANG", "Jang"}, {"JONG", "Jung"}, {"HWANG", "Hwang"}, {"HAN", "Han"},
    {"KO", "Ko"}, {"MUN", "Moon"}, {"SIN", "Shin"}, {"MIN", "Min"}, {"RYU", "Ryu"}, {"YU", "Yoo"},
    {"O", "Oh"}, {"HO", "Heo"}, {"PAE", "Bae"}, {"KU", "Koo"}, {"JI", "Ji"}, {"CHA", "Cha"}};
// Listed Chinese individuals: family name and given syllables.
struct ChineseEntry {
  std::string_view family;
  std::string_view syllables[2];
};
constexpr ChineseEntry kChineseListed[] = {{"Sun", {"si", "dong"}}, {"Chi", {"yu", "peng"}},
                                           {"Tian", {"yin", "yin"}}, {"Li", {"jia", "dong"}},
                                           {"Li", {"hong", "ri"}},  {"Li", {"cheng", "he"}},
                                           {"Huang", {"wang", "ken"}}, {"Chen", {"mei", "hsiang"}}};
// North Korean spellings of syllables and their South Korean form.
constexpr std::pair<std::string_view, std::string_view> kSouthSpelling[] = {
    {"chol", "cheol"}, {"hyok", "hyeok"}, {"kyong", "kyung"}, {"yong", "young"}, {"song", "sung"},
    {"pyong", "byung"}, {"tong", "dong"}, {"thae", "tae"}, {"jong", "jung"}, {"hyon", "hyun"}};

std::string LettersLower(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c + 32));
    if (c >= 'a' && c <= 'z') out.push_back(c);
  }
  return out;
}

std::string Capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

std::vector<std::string_view> Split(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t pos = 0; pos <= text.size(); ++pos) {
    if (pos == text.size() || separators.find(text[pos]) != std::string_view::npos) {
      if (pos > start) parts.push_back(text.substr(start, pos - start));
      start = pos + 1;
    }
  }
  return parts;
}

// ListedKorean is a listed individual with a surname of kKoreanSurnames and a plain given name.
struct ListedKorean {
  const Surname* surname;
  std::vector<std::string> syllables;  // lower case
};

const std::vector<ListedKorean>& KoreanListed() {
  static const std::vector<ListedKorean> listed = [] {
    std::vector<ListedKorean> out;
    for (std::string_view entry : Split(kListed, ";")) {
      const auto fields = Split(entry, "|");
      if (fields.size() != 2 || fields[1].find('\'') != std::string_view::npos) continue;
      const auto surname = std::find_if(std::begin(kKoreanSurnames), std::end(kKoreanSurnames),
                                        [&](const Surname& s) { return s.listed == fields[0]; });
      if (surname == std::end(kKoreanSurnames)) continue;
      ListedKorean person{&*surname, {}};
      for (std::string_view syllable : Split(fields[1], " -")) person.syllables.push_back(LettersLower(syllable));
      out.push_back(std::move(person));
    }
    return out;
  }();
  return listed;
}

std::string SouthSpelling(const std::string& syllable) {
  for (const auto& [north, south] : kSouthSpelling) {
    if (syllable == north) return std::string(south);
  }
  return syllable;
}

NearListedName DrawOnce(bool chinese, Rng& rng) {
  const bool listed_first = rng.Chance(0.5);
  if (chinese) {
    const ChineseEntry& entry = rng.Pick(kChineseListed);
    const std::string kept(entry.syllables[rng.Below(2)]);
    const std::string other(rng.Pick(kChineseSyllables));
    return {std::string(entry.family), Capitalized(listed_first ? kept + other : other + kept)};
  }
  const ListedKorean& person = rng.Pick(KoreanListed());
  std::string kept = person.syllables[rng.Below(person.syllables.size())];
  if (rng.Chance(0.5)) kept = SouthSpelling(kept);
  const std::string other(rng.Pick(kKoreanSyllables));
  const std::string family(rng.Chance(0.6) ? person.surname->usual : person.surname->listed);
  return {Capitalized(LettersLower(family)), Capitalized(listed_first ? kept + "-" + other : other + "-" + kept)};
}

}  // namespace

bool IsListedDprkName(std::string_view family, std::string_view given) {
  static const std::unordered_set<std::string> keys = [] {
    std::unordered_set<std::string> out;
    for (std::string_view entry : Split(kListed, ";")) {
      const auto fields = Split(entry, "|");
      if (fields.size() == 2) out.insert(LettersLower(fields[0]) + "|" + LettersLower(fields[1]));
    }
    return out;
  }();
  return keys.count(LettersLower(family) + "|" + LettersLower(given)) > 0;
}

bool IsNearListedDprkName(std::string_view family, std::string_view given) {
  if (IsListedDprkName(family, given)) return false;
  const std::string family_key = LettersLower(family);
  const std::string given_key = LettersLower(given);
  for (const ChineseEntry& entry : kChineseListed) {
    if (LettersLower(entry.family) != family_key) continue;
    for (std::string_view syllable : entry.syllables) {
      if (given_key.starts_with(syllable) || given_key.ends_with(syllable)) return true;
    }
  }
  std::vector<std::string> syllables;
  for (std::string_view part : Split(given, " -")) syllables.push_back(LettersLower(part));
  for (const ListedKorean& person : KoreanListed()) {
    if (family_key != LettersLower(person.surname->listed) && family_key != LettersLower(person.surname->usual)) continue;
    for (const std::string& listed : person.syllables) {
      for (const std::string& syllable : syllables) {
        if (syllable == listed || syllable == SouthSpelling(listed)) return true;
      }
    }
  }
  return false;
}

NearListedName DrawNearListedName(bool chinese, Rng& rng) {
  for (;;) {
    NearListedName name = DrawOnce(chinese, rng);
    // Rare: the ordinary syllable completes a listed name (KIM + Yong + su = KIM, Yong Su).
    if (!IsListedDprkName(name.family, name.given)) return name;
  }
}

}  // namespace crosscheck::simulate
