#!/usr/bin/env python3
"""Writes the DPRK screening development set (tests/fixtures/screening/dprk_*.tsv).

Variants of every DPRK-program individual on the 2021 OFAC SDN list, written the ways people
and other systems write Korean names, against ordinary Korean and Chinese names. The rules
here are this generator's own (they do not import crosscheck's matcher), so the test that
reads the files checks the matcher against an independent description of the variation:

  order    given name first ("Yong Chol Kim")
  hyphen   given syllables hyphenated ("Kim Yong-chol"), Korean names only
  joined   given syllables written as one word ("Kim Yongchol"), Korean names only
  rr       a Revised Romanization reading of the McCune-Reischauer spelling: the surname in
           its usual South Korean spelling (Ri -> Lee, Pak -> Park, Choe -> Choi, ...);
           in given syllables k/t/p at the start become g/d/b, the aspirate marks th/ph/kh
           become t/p/k, and o in a closed syllable becomes eo (MR o-breve, which OFAC
           writes as a plain o, is RR eo: Chol -> Cheol, Yong -> Yeong, Hyok -> Hyeok)
  typo     one letter of the longest token replaced by its left neighbour on a QWERTY keyboard

Ordinary names: the 20 most common Korean surnames (Statistics Korea, 2015 census) with 32
common given names of several generations, and the 20 most common Chinese surnames (Ministry
of Public Security, 2019) with 32 common given names, each in both orders. An ordinary name
that equals a listed name (primary or alias, any program; the same tokens once surnames are
reduced to one spelling, given syllables in McCune-Reischauer consonants and joined), or one
letter away from one (what the
typo variants are), is not ordinary: no name-only screen can tell it from the listed
person. It is left out and named in the file header. Listed names shared by two entries are left out of
the variants (no single entity can rank first).

Usage: tests/tools/make_dprk_screening_set.py ../shared/data/ofac tests/fixtures/screening
"""
import csv
import re
import sys
from pathlib import Path

SURNAME_RR = {"ri": "Lee", "rim": "Lim", "pak": "Park", "choe": "Choi", "jong": "Jeong",
              "chong": "Jeong", "o": "Oh", "ryu": "Yoo", "ro": "Noh", "kim": "Gim",
              "kang": "Kang", "jo": "Cho", "cho": "Cho", "pang": "Bang", "ku": "Koo",
              "ko": "Ko", "mun": "Moon", "paek": "Baek", "han": "Han", "hwang": "Hwang",
              "yun": "Yoon", "sin": "Shin", "so": "Seo", "kwak": "Kwak", "chu": "Joo"}
# One spelling per surname for the "is this ordinary name really listed?" check.
SURNAME_KEY = {"lee": "ri", "li": "ri", "yi": "ri", "i": "ri", "rhee": "ri", "park": "pak",
               "bak": "pak", "choi": "choe", "gim": "kim", "jung": "jong", "jeong": "jong",
               "chung": "jong", "chong": "jong", "lim": "rim", "im": "rim", "oh": "o",
               "yoo": "ryu", "yu": "ryu", "noh": "ro", "roh": "ro", "cho": "jo", "yoon": "yun",
               "shin": "sin", "seo": "so", "suh": "so", "kwon": "kwon", "jeon": "jon",
               "chon": "jon", "kang": "kang", "gang": "kang", "jang": "chang"}
# Personal spellings of given-name syllables next to their McCune-Reischauer form (the vowel
# written u or eo for o-breve, oo for u, ee for i), for the "is this ordinary name really
# listed?" check only.
GIVEN_KEY = {"jung": "jong", "jeong": "jong", "chung": "chong", "cheol": "chol", "chul": "chol",
             "sung": "song", "seong": "song", "young": "yong", "yeong": "yong", "hyun": "hyon",
             "hyeon": "hyon", "kyung": "kyong", "gyeong": "kyong", "myung": "myong",
             "myeong": "myong", "hoon": "hun", "joon": "jun", "soo": "su", "woo": "u",
             "eun": "un", "seok": "sok", "suk": "sok", "hyuk": "hyok", "hyeok": "hyok"}
QWERTY_LEFT = dict(zip("qwertyuiopasdfghjklzxcvbnm", "pqwertyuiolasdfghjkmzxcvbn"))

KOREAN_SURNAMES = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
                   "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong"]
KOREAN_GIVEN = ["Min-jun", "Seo-jun", "Do-yun", "Ye-jun", "Si-woo", "Ha-jun", "Ji-ho",
                "Ju-won", "Ji-hoon", "Jun-seo", "Seo-yeon", "Seo-yun", "Ji-woo", "Seo-hyun",
                "Min-seo", "Ha-eun", "Ha-yun", "Yun-seo", "Chae-won", "Su-ah", "Young-ho",
                "Sung-ho", "Jung-hoon", "Dong-hyun", "Sang-hoon", "Jae-hyun", "Eun-ji",
                "Hye-jin", "Mi-kyung", "Soo-jin", "Young-mi", "Kyung-hee"]
CHINESE_SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",
                    "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo"]
CHINESE_GIVEN = ["Wei", "Fang", "Na", "Min", "Jing", "Qiang", "Lei", "Jun", "Yang", "Yong",
                 "Yan", "Jie", "Tao", "Ming", "Chao", "Xiuying", "Xiulan", "Guiying", "Hui",
                 "Jian", "Ping", "Gang", "Hua", "Hong", "Xin", "Xiaoming", "Jianguo",
                 "Haiyan", "Zhiqiang", "Lihua", "Yuxuan", "Zihan"]


def tokens(text):
    return [t for t in re.split(r"[^a-z0-9']+", text.lower()) if t]


def name_key(text):
    """Tokens with one spelling per surname and given syllables joined, as a sorted tuple."""
    if "," in text:
        surname, given = text.split(",", 1)
    else:
        parts = text.split()
        surname, given = parts[0], " ".join(parts[1:])
    sur = [SURNAME_KEY.get(t, t) for t in tokens(surname.replace("'", ""))]
    giv = "".join(mr_syllable(GIVEN_KEY.get(t, t)) for t in tokens(given.replace("'", "")))
    return tuple(sorted(sur + ([giv] if giv else [])))


def mr_syllable(syllable):
    """A syllable's McCune-Reischauer consonants without apostrophes (RR j, g, d, b are MR
    ch, k, t, p), so that Min-jun and Min Chun are one given name."""
    for rr, mr in (("j", "ch"), ("g", "k"), ("d", "t"), ("b", "p")):
        if syllable.startswith(rr):
            return mr + syllable[len(rr):]
    return syllable


def rr_syllable(syllable):
    s = syllable.lower().replace("'", "")
    for aspirate, plain in (("th", "t"), ("ph", "p"), ("kh", "k")):
        if s.startswith(aspirate):
            s = plain + s[2:]
    if s[:1] in "ktp" and not s.startswith("kk"):
        s = {"k": "g", "t": "d", "p": "b"}[s[0]] + s[1:]
    s = re.sub(r"(?<!e)o(ng|l|k|n|m|p)$", r"eo\1", s)
    return s


def typo(name):
    parts = name.split(" ")
    longest = max(range(len(parts)), key=lambda idx: (len(parts[idx]), -idx))
    word = parts[longest]
    pos = len(word) // 2
    letter = word[pos].lower()
    if letter not in QWERTY_LEFT:
        return None
    replacement = QWERTY_LEFT[letter]
    replacement = replacement.upper() if word[pos].isupper() else replacement
    parts[longest] = word[:pos] + replacement + word[pos + 1:]
    return " ".join(parts)


def variants(sdn_name):
    if "," not in sdn_name:
        return []
    surname, given = (part.strip() for part in sdn_name.split(",", 1))
    syllables = [s for s in re.split(r"[ -]+", given) if s]
    if not syllables:
        return []
    sur = surname.title()
    giv_space = " ".join(s.title() for s in syllables)
    out = [("order", f"{giv_space} {sur}")]
    korean = all(re.fullmatch(r"[A-Za-z']{1,7}", s) for s in syllables + [surname])
    if korean and len(syllables) > 1:
        out.append(("hyphen", f"{sur} {syllables[0].title()}-{'-'.join(s.lower() for s in syllables[1:])}"))
        out.append(("joined", f"{sur} {''.join(syllables).title()}"))
    if korean and surname.lower().replace("'", "") in SURNAME_RR:
        rr = [rr_syllable(s) for s in syllables]
        out.append(("rr", f"{SURNAME_RR[surname.lower().replace(chr(39), '')]} "
                          f"{rr[0].title()}{'-' + '-'.join(rr[1:]) if len(rr) > 1 else ''}"))
    typoed = typo(f"{sur} {giv_space}")
    if typoed:
        out.append(("typo", typoed))
    return out


def read_list(ofac_dir):
    entries, names = [], []
    with open(ofac_dir / "sdn.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 12:
                continue
            names.append((int(row[0]), row[1]))
            if row[2].strip() == "individual" and "DPRK" in row[3]:
                entries.append((int(row[0]), row[1]))
    with open(ofac_dir / "alt.csv", encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 4:
                names.append((int(row[0]), row[3]))
    return entries, names


def deletions(text):
    return {text[:pos] + text[pos + 1:] for pos in range(len(text))}


def listed_neighbourhood(keys):
    """Each listed key with one token replaced by itself or one of its one-letter deletions,
    the other tokens kept: a name sharing an entry is within one edit (substitution,
    insertion or deletion in one token) of a listed name."""
    near = set()
    for key in keys:
        for idx, token in enumerate(key):
            others = key[:idx] + key[idx + 1:]
            for variant in deletions(token) | {token}:
                near.add((others, variant))
    return near


def near_listed(key, near):
    for idx, token in enumerate(key):
        others = key[:idx] + key[idx + 1:]
        if any((others, variant) in near for variant in deletions(token) | {token}):
            return True
    return False


def main():
    ofac_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    entries, names = read_list(ofac_dir)
    by_key = {}
    for ent_num, name in names:
        by_key.setdefault(name_key(name), set()).add(ent_num)
    rows = []
    for ent_num, name in entries:
        if len(by_key.get(name_key(name), ())) > 1:
            continue
        rows += [(kind, query, ent_num) for kind, query in variants(name)]
    near = listed_neighbourhood(by_key)
    ordinary, dropped = [], []
    for origin, surnames, givens in (("ko", KOREAN_SURNAMES, KOREAN_GIVEN),
                                     ("zh", CHINESE_SURNAMES, CHINESE_GIVEN)):
        for surname in surnames:
            for given in givens:
                for query in (f"{surname} {given}", f"{given} {surname}"):
                    key = name_key(f"{surname}, {given}")
                    (dropped if near_listed(key, near) else ordinary).append((origin, query))
    header = "# generated by tests/tools/make_dprk_screening_set.py from the 2021 SDN files\n"
    with open(out_dir / "dprk_variants.tsv", "w", encoding="utf-8") as f:
        f.write(header + "# kind\tquery\tent_num\n")
        f.writelines(f"{kind}\t{query}\t{ent_num}\n" for kind, query, ent_num in rows)
    with open(out_dir / "ordinary_names.tsv", "w", encoding="utf-8") as f:
        f.write(header + f"# {len(dropped)} generated names are a listed name or one letter from one, left out: "
                + ", ".join(q for _, q in dropped[::2]) + "\n# origin\tquery\n")
        f.writelines(f"{origin}\t{query}\n" for origin, query in ordinary)
    print(f"{len(rows)} variants of {len(entries)} listed persons, {len(ordinary)} ordinary "
          f"names ({len(dropped)} left out as listed)")


if __name__ == "__main__":
    main()
