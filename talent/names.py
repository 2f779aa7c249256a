"""Names across scripts: a Chinese personal name and its pinyin romanisations (于佳慧, Yu Jiahui,
Jiahui Yu, Jia-Hui Yu; with or without tones), and a surname-only mention of a fuller name
(扎克伯格 of 马克·扎克伯格, Shulman of John Schulman).

Only pinyin is generated: a Wade-Giles or Cantonese spelling (Chia-hui Yu, Chan Tai-man) matches
nothing rather than the wrong person."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import islice, product

from talent.lang import HAN_RANGE

# Two-character surnames: read as one surname, not surname plus first given character.
COMPOUND_SURNAMES = frozenset([
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "端木", "申屠", "西门", "独孤", "南宫", "闻人", "澹台", "公冶",
    "太史", "万俟", "呼延", "赫连", "拓跋",
])  # fmt: skip
# Surnames read otherwise than the character's most common reading.
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "仇": "qiu", "查": "zha", "朴": "piao",
    "翟": "zhai", "缪": "miao", "覃": "qin", "乐": "yue", "盖": "ge", "种": "chong", "秘": "bi",
    "召": "shao", "尉": "yu", "任": "ren", "华": "hua", "燕": "yan", "员": "yun", "句": "gou",
    "万俟": "moqi", "尉迟": "yuchi", "长孙": "zhangsun", "澹台": "tantai",
}  # fmt: skip
TRANSLITERATION_DOT = "·•・"  # 马克·扎克伯格: a foreign name written in characters
MAX_READINGS = 16  # heteronym combinations of one given name worth trying
SURNAME_TYPO_MIN = 5  # letters: Shulman for Schulman is one edit; Yu for Xu is not a typo

NameKey = tuple[str, str]  # (surname, given names run together), lower case, no tones


def is_han_name(name: str) -> bool:
    """A personal name written in Han characters as a Chinese name (2-4 characters, no dot)."""
    name = name.strip()
    return 2 <= len(name) <= 4 and all(HAN_RANGE[0] <= ch <= HAN_RANGE[1] for ch in name)


def split_han_name(name: str) -> tuple[str, str]:
    """(surname, given name) of a Chinese name."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def han_name_keys(name: str) -> set[NameKey]:
    """The (surname, given) pinyin keys a Chinese name may be romanised as."""
    from pypinyin import Style, lazy_pinyin, pinyin

    name = name.strip()
    if not is_han_name(name):
        return set()
    surname, given = split_han_name(name)
    family = SURNAME_READINGS.get(surname) or "".join(lazy_pinyin(surname))
    readings = {"".join(lazy_pinyin(given))}  # the phrase reading first
    choices = pinyin(given, style=Style.NORMAL, heteronym=True)
    readings.update("".join(combo) for combo in islice(product(*choices), MAX_READINGS))
    return {
        (surname_form, given_form)
        for surname_form in _u_variants(family)
        for reading in readings
        for given_form in _u_variants(reading)
    }


def _u_variants(syllables: str) -> set[str]:
    # pypinyin writes ü as v; people write lu, lyu or lü (which folds to lu).
    return {syllables, syllables.replace("v", "u"), syllables.replace("v", "yu")}


def latin_name_keys(name: str) -> set[NameKey]:
    """The (surname, given) keys a romanised name may stand for, in both orders; none unless
    every part is pinyin (so Western names and other romanisations are left alone)."""
    parts = [_pinyin_part(part) for part in name.split()]
    if not 2 <= len(parts) <= 4 or None in parts:
        return set()
    return {(parts[0], "".join(parts[1:])), (parts[-1], "".join(parts[:-1]))}


def _pinyin_part(part: str) -> str | None:
    """A name part as run-together pinyin (lower case, tones and diaeresis dropped), or None
    if it is not pinyin. Hyphenated pieces must be one syllable each (Jia-hui; Wade-Giles
    Chia-hui is not), and an apostrophe only parts syllables (Xi'an; Wade-Giles Ch'en is not)."""
    decomposed = unicodedata.normalize("NFD", part.casefold().strip(".,"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    hyphened = re.split(r"[-‐]", plain)
    pieces = [piece for chunk in hyphened for piece in re.split(r"['’]", chunk)]
    if not all(piece and is_pinyin(piece) for piece in pieces):
        return None
    if len(hyphened) > 1 and not all(chunk in _syllables() for chunk in hyphened):
        return None
    return "".join(pieces)


@cache
def _syllables() -> frozenset[str]:
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = to_normal(reading)
            found.update(_u_variants(plain))
    found.discard("")
    return frozenset(found)


@cache
def is_pinyin(word: str) -> bool:
    """Whether a lower-case word splits into pinyin syllables (jiahui, ouyang, lyu)."""
    syllables = _syllables()
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(
            reachable[start] and word[start:end] in syllables
            for start in range(max(0, end - 6), end)
        )
    return reachable[-1]


def name_keys(name: str) -> set[NameKey]:
    """Keys of a personal name in either script; two names share one when they are the same
    name written in characters and pinyin, or in pinyin in either order."""
    return han_name_keys(name) if is_han_name(name) else latin_name_keys(name)


def same_name(a: str, b: str) -> bool:
    """Whether two personal names are the same name across scripts or name orders."""
    return bool(name_keys(a) & name_keys(b))


def surnames_of(full: str) -> set[str]:
    """The parts a later mention may use alone: 扎克伯格 of 马克·扎克伯格, Schulman of John
    Schulman, Yu of Yu Jiahui or Jiahui Yu (pinyin goes in either order); none for a one-part
    name or a Chinese one (its surname alone is no mention)."""
    full = full.strip()
    if any(dot in full for dot in TRANSLITERATION_DOT):
        last = re.split(f"[{TRANSLITERATION_DOT}]", full)[-1].strip()
        return {last} if last else set()
    parts = full.split()
    if len(parts) < 2:
        return set()
    return {parts[0], parts[-1]} if latin_name_keys(full) else {parts[-1]}


def is_surname_mention(short: str, full: str) -> bool:
    """Whether `short` is `full` by its surname alone (one letter off allowed in a long Latin
    surname: Shulman for Schulman)."""
    short = short.strip()
    if not short or short == full.strip() or " " in short:
        return False
    for surname in surnames_of(full):
        if short.casefold() == surname.casefold():
            return True
        if (
            short.isascii()
            and surname.isascii()
            and min(len(short), len(surname)) >= SURNAME_TYPO_MIN
            and _one_edit_apart(short.casefold(), surname.casefold())
        ):
            return True
    return False


def _one_edit_apart(a: str, b: str) -> bool:
    """One insertion, deletion or substitution turns a into b."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            rest = index + 1 if len(a) == len(b) else index
            return a[rest:] == b[index + 1 :]
    return True


# What an organization's name may end in without being another organization.
_ORG_SUFFIXES = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团|公司|科技)$")


def org_key(name: str) -> str:
    """An organization name with case, spacing, punctuation and a company suffix dropped
    (Open AI, OpenAI Inc., openai; Meta公司, Meta)."""
    from cleanco import basename

    plain = basename(name.strip()) or name.strip()
    plain = _ORG_SUFFIXES.sub("", plain) or plain
    return "".join(ch for ch in plain.casefold() if ch.isalnum())


def same_organization(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two organizations, each given by its names and aliases, are one: a name in
    common once normalised, or one gazetteer entry knowing a name of each (英伟达, NVIDIA)."""
    from talent.recognize.gazetteer import entry_for

    keys_a, keys_b = {org_key(n) for n in a} - {""}, {org_key(n) for n in b} - {""}
    if keys_a & keys_b:
        return True
    entries_a = {entry.name for n in a if (entry := entry_for("ORG", n))}
    return bool(entries_a & {entry.name for n in b if (entry := entry_for("ORG", n))})
