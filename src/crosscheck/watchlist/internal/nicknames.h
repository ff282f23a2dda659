// Nicknames and diminutives of given names (Nick, Nic and Nicky for Nicholas; Bob for Robert),
// so that "Nic Maduro" meets MADURO MOROS, Nicolas. The table is carltonnorthern/nicknames'
// names.csv (Apache-2.0, vendored in watchlist/data with its provenance), embedded at build
// time. It is an equivalence between a given name and its own nicknames only: two nicknames
// of one name (Al and Bert, both Albert) are not equivalent, nor are two given names.
// A token spelt one letter from a given name of kMinSpellingVariantLength+ letters counts as
// that name, unless it is a given name of the table itself (Nicolas, Nikolas for Nicholas;
// Robert is not Roberta): the table lists one spelling per name, while
// lists write each in their own language. It applies to any token, whatever the name's
// origin: the table does not say which names are whose.
//
//   AreNicknames(MakeNicknameForm("nic"), MakeNicknameForm("nicolas"));  // true
//   AreNicknames(MakeNicknameForm("al"), MakeNicknameForm("albert"));     // false: too short
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace crosscheck::watchlist::internal {

// kMinNicknameLength: nicknames of one or two letters (Al, Ed, Jo) are left out: they are
// also particles and syllables of names of other origins (al-Zawahiri, Jo Myong Rok).
inline constexpr std::size_t kMinNicknameLength = 3;

// kMinSpellingVariantLength: a token at least this long and one edit from a given name of
// the table counts as that name; shorter ones (mary, mark) must be equal.
inline constexpr std::size_t kMinSpellingVariantLength = 6;

// kMaxNicknameGroups bounds the given names one token is a spelling of.
inline constexpr std::size_t kMaxNicknameGroups = 4;

// NicknameForm is what AreNicknames reads of one token, computed once per listed token and
// per query item: the ids of the given names it is (or spells), and of those it is a
// nickname of (a sorted view into the table, which lives as long as the program).
struct NicknameForm {
  std::array<std::uint16_t, kMaxNicknameGroups> names{};
  std::uint8_t name_count = 0;
  std::span<const std::uint16_t> nickname_of;

  std::span<const std::uint16_t> given_names() const { return {names.data(), name_count}; }
  bool empty() const { return name_count == 0 && nickname_of.empty(); }
};

// MakeNicknameForm returns the form of a lower-case ASCII token. Thread-safe (the table is
// read on first use). Tokens longer than kMaxNicknameTokenLength have an empty form.
NicknameForm MakeNicknameForm(std::string_view token);

// kMaxNicknameTokenLength: no given name of the table is longer than 13 letters, so longer
// tokens (one edit from none of them) are not looked up.
inline constexpr std::size_t kMaxNicknameTokenLength = 14;

// AreNicknames is true when one token is a nickname of a given name the other is. Inline
// for the common answer: it runs on every candidate token pair of the screening loop, and
// most tokens are neither.
bool AreNicknamesSlow(const NicknameForm& left, const NicknameForm& right);
inline bool AreNicknames(const NicknameForm& left, const NicknameForm& right) {
  if ((left.name_count == 0 || right.nickname_of.empty()) &&
      (right.name_count == 0 || left.nickname_of.empty())) {
    return false;
  }
  return AreNicknamesSlow(left, right);
}
bool AreNicknames(std::string_view left, std::string_view right);

// NicknameIndexKeys returns the keys under which a listed token is found by the query items
// that are its nicknames or its given name; NicknameQueryKeys the keys a query item looks up.
// A key is a given name's id times two, plus one for "is a nickname of".
std::vector<std::uint32_t> NicknameIndexKeys(const NicknameForm& form);
std::vector<std::uint32_t> NicknameQueryKeys(const NicknameForm& form);

// NicknameTableSize returns how many given names the table holds (0 if it could not be read).
std::size_t NicknameTableSize();

}  // namespace crosscheck::watchlist::internal
