// Name comparison for the network and scoring stages: could two normalized names belong to one
// person? Used to tell a persona's own name variants (nickname, order, initials, romanization,
// native script, a typo) from different people behind one identifier, and to recognise an
// artifact "shared" by two personas of one name as a linkage miss rather than reuse.
//
//   if (!graph::NamesShareAPart(a.name, b.name)) ...  // different people
//   if (graph::NamesAreOnePerson(a.name, b.name)) ... // variants of one name
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/model.h"

namespace crosscheck::graph {

// NamesAreOnePerson returns true when `left` and `right` are spellings of one name: the same
// tokens in any order (normalization already maps nicknames to formal names and non-Latin
// scripts to their romanization), tokens joined or split ("min jun" = "minjun"), a dropped or
// added middle name or initial, one edit in a token of four or more letters (Choe/Choi,
// Dmitriy/Dmitry), or two romanizations of one sound (Jung/Chung/Jeong, Kim/Gim). Names without tokens are never one person. Reads only the name tokens:
// never script, origin or language. Symmetric; O(tokens^2). Keyed names (a consortium record's,
// NormalizedName::keyed) are one person when they share a whole-name key; a keyed and a plain
// name never are.
bool NamesAreOnePerson(const NormalizedName& left, const NormalizedName& right);

// NamesShareAPart returns true when at least one token of two or more letters of `left`
// matches one of `right` (equal, one edit for four or more letters, a short form of four or
// more letters at either end (Magda/Magdalena, Seun/Oluwaseun), or the same consonant skeleton across romanizations:
// Kim/Gim, Hyun/Hyeon), or NamesAreOnePerson.
// A person's legitimate variants (an adopted English given name, a maiden family name) keep
// one part; two names that share nothing are different people. Empty names share nothing.
// Keyed names share a part when they share any key (whole name, part or skeleton).
bool NamesShareAPart(const NormalizedName& left, const NormalizedName& right);

// NameParts returns the name's tokens split again at hyphens, apostrophes and dots, lower-cased
// ASCII: the parts every comparison above works on (and the consortium encoder keys).
std::vector<std::string> NameParts(const NormalizedName& name);

// RomanizationSkeleton reduces a romanized name part to the consonants that survive the common
// romanization systems of one sound (Kim/Gim, Park/Bak, Hyun/Hyeon, Jung/Chung, Zhou/Chou).
std::string RomanizationSkeleton(std::string_view part);

// WrittenInDifferentScripts returns true when exactly one of the names was written in a
// non-Latin script (NormalizedName::transliterated). Such a pair cannot be compared: machine
// transliteration reads Han characters in Mandarin, so 伊藤大輝 (Ito Daiki) becomes
// "yi teng da hui", and a person's own romanization differs from it. Callers treat the names
// as possibly one person and let other evidence (dates of birth) decide.
bool WrittenInDifferentScripts(const NormalizedName& left, const NormalizedName& right);

// SpellingsOfOneName says whether two applications give one person's name: written alike or
// NamesAreOnePerson, their dates of birth not disagreeing (not compared when !compare_births).
// Stricter than CouldBeOnePerson: a shared part is not enough.
bool SpellingsOfOneName(const NormalizedApplication& left, const NormalizedApplication& right,
                        bool compare_births = true);

// CouldBeOnePerson says whether two applications could be one person's: one known date of
// birth (a person under a married or adopted name: "Amy Wu", "Jie Liu"; strangers sharing an
// artifact and a birthday are rare, a ring's personas have their own), or, unless
// compare_births and both dates are known and differ, names that share a part or are written
// in different scripts. compare_births is false for profile handles, made from names and so
// typed alike by namesakes born on other days.
bool CouldBeOnePerson(const NormalizedApplication& left, const NormalizedApplication& right,
                      bool compare_births);

}  // namespace crosscheck::graph
