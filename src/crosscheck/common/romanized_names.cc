#include "crosscheck/common/romanized_names.h"

#include <array>
#include <cstdint>
#include <iterator>
#include <unordered_map>

namespace crosscheck {
namespace {

// Spellings of one Korean syllable that letter rules cannot join: the initial-sound law (ri,
// i, yi, lee), personal spellings (park, choi, rhee, noh) and vowel spellings (choe, chwe).
// The single letter I is left out: it collides with connectors such as the I of
// JAISH-I-MOHAMMED; O (the surname 오, written Oh in the South) is kept. See
// shared/research/screening-sharing-telemetry.md, section 1.2.
constexpr std::array<std::string_view, 38> kKoreanSyllables = {
    "kim gim",          "lee li ri yi rhee",      "park pak bak",
    "choi choe chwe",   "jeong jung chung chong jong cheong",
    "kang gang",        "cho jo joe",             "yoon yun",
    "jang chang",       "lim rim im",             "shin sin",
    "ryu yu yoo",       "seo so suh",
    "kwon gwon",        "jeon jon chon",          "ko go koh",
    "mun moon",         "bae pae",                "baek paek paik",
    "heo ho hur",       "noh no ro roh",          "kwak gwak",
    "cheol chol chul",  "hyeok hyok hyuk",        "yeong yong young",
    "myeong myong myung", "gwang kwang",          "seok sok suk",
    "eun un",           "hun hoon",               "jun joon",
    "su soo",           "hyeon hyon hyun",        "gyeong kyong kyung",
    "geum kum",         "deok tok dok",           "cheon chon",
    "oh o"};

// The most common Chinese surnames: pinyin first, then Cantonese, Wade-Giles and
// Hokkien/Teochew spellings in common use. A spelling may stand for several surnames.
constexpr std::string_view kChineseSurnames[] = {
    "chen chan tan",         "lin lam lim",          "huang wong ng wee hwang",
    "zhang cheung chang teo tsang", "li lee lei",    "wang wong ong",
    "liu lau low liew",      "wu ng goh woo",        "xu tsui hsu chui",
    "xu hui hsu koh khoo",   "he ho",                "zhou chow chau chou",
    "guo kwok kuo",          "yang yeung yeo",       "zhao chiu chao",
    "liang leung",           "xie tse hsieh chia",   "luo law lo lor",
    "zheng cheng tay",       "ye yip yap yeh",       "zeng tsang tseng chan",
    "deng tang teng",        "feng fung",            "cai choi tsai chua",
    "pan poon phua",         "zhu chu choo",         "hu wu woo",   
    "sun suen",              "ma mah",               "xiao siu hsiao",
    "zhong chung cheong",    "peng pang phang",      "su so soh",
    "yu yue yee",            "fu foo",               "yuan yuen",
    "han hon",               "gao ko kao",           "jiang kong chiang",
    "lu lo lou loh",         "mai mak",              "guan kwan kuan",
    "tang tong",             "tan tam",              "cao tso tsao",
    "wei ngai"};

using Groups = std::uint64_t;  // bit g: in group g of one table

static_assert(std::size(kChineseSurnames) <= 64 && kKoreanSyllables.size() <= 64, "one bit a group");

std::unordered_map<std::string_view, Groups> Index(const std::string_view* groups, std::size_t count) {
  std::unordered_map<std::string_view, Groups> index;
  for (std::size_t group = 0; group < count; ++group) {
    std::string_view spellings = groups[group];
    while (!spellings.empty()) {
      const std::size_t space = spellings.find(' ');
      index[spellings.substr(0, space)] |= Groups{1} << group;
      if (space == std::string_view::npos) break;
      spellings.remove_prefix(space + 1);
    }
  }
  return index;
}

Groups GroupsOf(const std::unordered_map<std::string_view, Groups>& index, std::string_view token) {
  const auto found = index.find(token);
  return found == index.end() ? 0 : found->second;
}

const std::unordered_map<std::string_view, Groups>& KoreanIndex() {
  static const auto* index = new auto(Index(kKoreanSyllables.data(), kKoreanSyllables.size()));
  return *index;
}

const std::unordered_map<std::string_view, Groups>& ChineseIndex() {
  static const auto* index = new auto(Index(kChineseSurnames, std::size(kChineseSurnames)));
  return *index;
}

}  // namespace

int KoreanSyllableGroup(std::string_view token) {
  const Groups groups = GroupsOf(KoreanIndex(), token);
  // A spelling in two groups (chon) answers with its first.
  return groups == 0 ? -1 : __builtin_ctzll(groups);
}

bool AreSurnameRomanizations(std::string_view left, std::string_view right) {
  if (left == right) return false;
  return (GroupsOf(KoreanIndex(), left) & GroupsOf(KoreanIndex(), right)) != 0 ||
         (GroupsOf(ChineseIndex(), left) & GroupsOf(ChineseIndex(), right)) != 0;
}

}  // namespace crosscheck
