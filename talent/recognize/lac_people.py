"""People and employers in LAC's words: Chinese names written side by side, a person an
appointing verb swallowed, an employer after a verb of joining or leaving, and pieces of one
transliterated name joined."""

from __future__ import annotations

import re

from talent.recognize.chinese import HAN, NOT_IN_GIVEN_NAME, SURNAMES, TRANSLITERATION
from talent.recognize.lac_words import Span, Word

# Verbs of hiring and appointing the model read together with the unknown name after them
# (任命努里 为): the rest of the word, before 为 or a verb of taking a post, is the person.
_HIRING_VERB = re.compile(
    f"^(?:任命|聘请|聘任|委任|提名|邀请|推举|推选|选举)(?P<name>[{HAN}]{{2,4}})$"
)
_TAKES_POST = ("为", "担任", "出任", "接任", "继任", "兼任", "任")
# Verbs of joining or leaving an employer: an unknown name after them is the employer when it is
# written in Latin letters (加入 Sakana) or is nouns before a post taken there (加入了 星尘 智能
# 担任), which the model reads as common nouns.
_JOINS = ("加盟", "加入", "入职", "转投", "投奔", "离开", "离职", "跳槽到", "跳槽至")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.&\-]*")
_GENERIC_EMPLOYERS = ("公司", "团队", "部门", "小组", "行列", "队伍", "单位", "总部")
_NAME_JOINERS = ("", "·", "•", "—", "-")


def hired(word: Word, following: list[Word]) -> list[Span]:
    """任命努里 为 holds the person appointed."""
    found = _HIRING_VERB.match(word.text) if word.tag == "v" else None
    # 任命新的 is no name; a transliterated one may hold any character (努里).
    if (
        found
        and following
        and following[0].text in _TAKES_POST
        and found.group("name")[0] not in NOT_IN_GIVEN_NAME
    ):
        return [(word.start + found.start("name"), word.end, "PERSON")]
    return []


def employer_joined(words: list[Word], index: int) -> list[Span]:
    """The employer an unknown name after a verb of joining or leaving names."""
    verb = words[index].text
    following = words[index + 1 : index + 5]
    if verb == "跳槽" and following and following[0].text in ("到", "至"):
        verb, following = verb + following[0].text, following[1:]
    if verb not in _JOINS or words[index].tag != "v":
        return []
    if following and following[0].text == "了":
        following = following[1:]
    if not following:
        return []
    first = following[0]
    # 离开 takes places too (离开 Wuppertal): a Latin name after it is no employer by that alone.
    if first.tag == "nz" and _LATIN_NAME.fullmatch(first.text) and verb != "离开":
        return [(first.start, first.end, "ORG")]
    nouns = []
    for word in following:
        if word.tag not in ("n", "nz"):
            break
        nouns.append(word)
    taken_post = len(following) > len(nouns) and following[len(nouns)].text in _TAKES_POST[1:]
    name = "".join(word.text for word in nouns)
    if (
        taken_post
        and 1 <= len(nouns) <= 2
        and len(name) >= 3
        and not name.endswith(_GENERIC_EMPLOYERS)
    ):
        return [(nouns[0].start, nouns[-1].end, "ORG")]
    return []


def _chinese_name(name: str) -> bool:
    """Whether the name is a surname and a given name of one or two characters."""
    return 2 <= len(name) <= 3 and name[0] in SURNAMES


def name_list(name: str) -> list[int] | None:
    """The lengths of the Chinese names written side by side in the name (陆毅曹芙嘉 is 陆毅 and
    曹芙嘉; 李鹏 is one), when it reads as such names in exactly one way; None otherwise, as for
    a transliteration (科比乔丹, 安德雷斯) or 司马相如."""
    foreign = sum(ch in TRANSLITERATION for ch in name)
    if foreign * 2 >= len(name) or any(ch in NOT_IN_GIVEN_NAME for ch in name):
        return None
    readings = _name_readings(name)
    return readings[0] if len(readings) == 1 else None


def _name_readings(name: str) -> list[list[int]]:
    """Every way the name splits into Chinese names, each as its names' lengths."""
    if not name:
        return [[]]
    return [
        [size, *rest]
        for size in (2, 3)
        if size <= len(name) and _chinese_name(name[:size])
        for rest in _name_readings(name[size:])
    ]


def join_people(spans: list[Span], text: str) -> list[Span]:
    """Pieces of one transliterated name the model cut apart (伯奇 费尔, 差猜 · 春哈旺); Chinese
    names written side by side, which the model may read as one (汪啸风沙健 孙沈达), apart."""
    joined: list[Span] = []
    for start, end, label in spans:
        if joined and label == "PERSON" and joined[-1][2] == "PERSON":
            before = joined[-1]
            joiner = text[before[1] : start]
            # Chinese names side by side are as many people (任志强赵晓), not one.
            people = not joiner and all(
                _chinese_name(name) or name_list(name)
                for name in (text[before[0] : before[1]], text[start:end])
            )
            if joiner in _NAME_JOINERS and not people and end - before[0] <= 13:
                joined[-1] = (before[0], end, "PERSON")
                continue
        joined.append((start, end, label))
    return [piece for span in joined for piece in _names_apart(span, text)]


def _names_apart(span: Span, text: str) -> list[Span]:
    """A person span holding several Chinese names, as one span for each."""
    start, end, label = span
    sizes = name_list(text[start:end]) if label == "PERSON" and end - start >= 4 else None
    # Two names of two characters each read as well as one transliteration (周森古沙).
    if not sizes or 3 not in sizes:
        return [span]
    spans = []
    for size in sizes:
        spans.append((start, start + size, "PERSON"))
        start += size
    return spans
