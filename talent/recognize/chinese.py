"""Chinese names by rules over jieba words: surnames, transliterations, organization suffixes,
and jieba's dictionary tags, which alone are a start and not an answer."""

from __future__ import annotations

import re
from bisect import bisect_right

from talent.recognize.base import Mention

ORIGIN = "jieba"
HAN = r"\u4e00-\u9fff"

# The commonest single surnames; 和 从 对 把 在 and the like are left out as too often grammar.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳"
    "甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶"
    "解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵"
    "苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "尉迟",
    "长孙",
    "公孙",
}
# Characters that end a name rather than continue it: grammar, measure words, time words.
NOT_IN_GIVEN_NAME = set(
    "的了在是和与及等也都就而但被把将对从向为以于之其这那有个们来去说上下中不没很最更又还再已让给所年月日时分第些每各该本此"
    "并或且则即如若因由至到自曾仍均共全总多少大小新老前后内外里间位名家"
)
# Tags of words that are grammar, never a given name.
FUNCTION_TAGS = ("r", "p", "c", "u", "d", "m", "q", "f", "t", "v", "y", "e", "o")
TRANSLITERATION = set(
    "阿埃艾爱安昂奥巴拜班邦贝本比彼宾波伯博布达戴丹德登迪蒂丁杜顿多厄恩尔法范菲费芬弗福盖甘冈高戈格根古"
    "哈海汉豪赫亨胡霍基吉加贾杰金卡凯坎康柯科克肯库夸拉莱赖兰朗劳勒雷蕾里利莉林琳卢鲁路伦罗洛马玛迈麦曼"
    "梅门蒙米密摩莫默姆穆纳娜奈南内尼妮涅宁纽努诺欧帕派潘佩彭皮珀普奇齐乔切钦琼丘萨塞赛桑瑟森沙莎尚舍什"
    "史斯松苏索塔泰坦汤唐特提汀图托瓦旺威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因尤约泽扎詹朱兹佐茨卓"
)
NAME_DOTS = "·•・‧"
# Anchored on the dot, so the scan does not start at every Han character.
_DOTTED_NAME = re.compile(rf"(?<=[{HAN}])[{NAME_DOTS}][{HAN}]+(?:[{NAME_DOTS}][{HAN}]+)*")
_ORG_SUFFIX = "实验室|研究院|研究所|研究中心|大学|学院|集团|银行|基金会|科学院"
_QUOTED_ORG = re.compile(rf"[“\"「『]([^”\"」』\n]{{2,24}}?(?:{_ORG_SUFFIX}))[”\"」』]")
_LATIN_ORG = re.compile(rf"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9.&-]*[{HAN}]{{0,6}}(?:{_ORG_SUFFIX})")
_LATIN_BEFORE_COMPANY = re.compile(
    r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9.&-]*[A-Za-z0-9])(?=公司|集团|团队)"
)
TITLES_ZH = re.compile(
    "联合创始人|创始人|首席执行官|首席技术官|首席科学家|首席运营官|首席财务官|总裁|副总裁|董事长|"
    "总经理|副教授|助理教授|教授|研究员|科学家|工程师|负责人|主管|院长|所长|CEO|CTO|COO|CFO"
)
PLACE_SUFFIXES = tuple("国省市州县区岛洲")


def _is_given_char(word: str) -> bool:
    return len(word) == 1 and "\u4e00" <= word <= "\u9fff" and word not in NOT_IN_GIVEN_NAME


class Segmented:
    """A text cut into jieba words, with each word's text and dictionary tag worked out once."""

    def __init__(self, text: str, words: list[tuple[int, int]], tags: dict[str, str]) -> None:
        self.text = text
        self.words = words
        self.pieces = [text[s:e] for s, e in words]
        self.tags = [tags.get(piece, "") for piece in self.pieces]
        self.starts = [s for s, _ in words]
        self.tag_of = tags


def surname_names(seg: Segmented) -> list[Mention]:
    """Names a surname starts: 于/佳/慧 and 刘/鹏飞, which jieba's dictionary does not know."""
    found = []
    pieces, words, tags = seg.pieces, seg.words, seg.tags
    for index, word in enumerate(pieces):
        if not (word in SURNAMES or word in COMPOUND_SURNAMES):
            continue
        if index and pieces[index - 1] in COMPOUND_SURNAMES:
            continue
        following = pieces[index + 1 : index + 3]
        if following and _is_given_char(following[0]):
            length = 2 if len(following) > 1 and _is_given_char(following[1]) else 1
            if length == 1 and len(word) == 1 and not _two_char_name_context(seg, index):
                continue  # a surname and one loose character is too often just two words
            found.append(
                Mention(words[index][0], words[index + length][1], "PERSON", ORIGIN, None, 1)
            )
        elif following and len(following[0]) == 2 and len(word) == 1:
            given, tag = following[0], tags[index + 1] or "x"
            if tag.startswith(FUNCTION_TAGS) or any(ch in NOT_IN_GIVEN_NAME for ch in given):
                continue
            if tag.startswith(("nr", "nz", "zg", "ng")) or tag == "a":
                found.append(
                    Mention(words[index][0], words[index + 1][1], "PERSON", ORIGIN, None, 1)
                )
    return found


_PUNCTUATION = set('，。、；：！？,.;:!?“”"（）() \n')


def _two_char_name_context(seg: Segmented, index: int) -> bool:
    """张伟 needs support: after punctuation or a title, and before a verb or punctuation."""
    text, start = seg.text, seg.words[index][0]
    before_ok = (
        start == 0
        or text[start - 1] in _PUNCTUATION
        or bool(TITLES_ZH.search(text[max(0, start - 5) : start]))
    )
    if index + 2 >= len(seg.words):
        return before_ok
    after = seg.pieces[index + 2]
    return before_ok and (after[0] in _PUNCTUATION or seg.tags[index + 2].startswith("v"))


def tagged_names(seg: Segmented) -> list[Mention]:
    """Names from jieba's dictionary tags, kept only where the word has a name's shape."""
    found = []
    pieces, words, tags = seg.pieces, seg.words, seg.tags
    # Runs of transliteration syllables tagged as names: 扎克/伯格 is one person.
    transliterated = [
        t[:2] == "nr" and TRANSLITERATION.issuperset(p) for p, t in zip(pieces, tags, strict=True)
    ]
    index, count = 0, len(words)
    while index < count:
        if transliterated[index]:
            run_end = index
            while run_end < count and transliterated[run_end]:
                run_end += 1
            if run_end - index >= 2 and words[run_end - 1][1] - words[index][0] >= 3:
                found.append(
                    Mention(words[index][0], words[run_end - 1][1], "PERSON", ORIGIN, None, 1)
                )
                index = run_end
                continue
        tag = tags[index]
        if tag in ("nr", "nt", "ns"):
            word, (start, end) = pieces[index], words[index]
            if tag == "nr" and len(word) == 3 and word[0] in SURNAMES:
                found.append(Mention(start, end, "PERSON", ORIGIN, None, 1))
            elif tag == "nt" and len(word) >= 3:
                found.append(Mention(start, end, "ORG", ORIGIN, None, 1))
            elif tag == "ns" and len(word) >= 3 and word.endswith(PLACE_SUFFIXES):
                found.append(Mention(start, end, "LOCATION", ORIGIN, None, 1))
        index += 1
    return found


def dotted_names(seg: Segmented) -> list[Mention]:
    """马克·扎克伯格: names joined by a middle dot, trimmed to start at a word boundary."""
    text, starts, found = seg.text, seg.starts, []
    for match in _DOTTED_NAME.finditer(text):
        first_dot = match.start()
        # At most four characters before the first dot, starting where a jieba word starts.
        index = bisect_right(starts, max(0, first_dot - 4) - 1)
        start = starts[index] if index < len(starts) and starts[index] < first_dot else first_dot
        title = TITLES_ZH.match(text, start)
        if title and title.end() < first_dot:
            start = title.end()
        if start < first_dot:
            found.append(Mention(start, match.end(), "PERSON", ORIGIN, None, 2))
    return found


def organizations(text: str) -> list[Mention]:
    """Organizations by shape: a quoted or Latin name ending in 实验室, 大学, 研究院 and the like."""
    # As sure as the gazetteer, so the longer name wins over a known alias inside it.
    found = [
        Mention(m.start(1), m.end(1), "ORG", "rules", None, 3) for m in _QUOTED_ORG.finditer(text)
    ]
    found += [
        Mention(m.start(), m.end(), "ORG", "rules", None, 3) for m in _LATIN_ORG.finditer(text)
    ]
    found += [
        Mention(m.start(1), m.end(1), "ORG", "rules", None, 1)
        for m in _LATIN_BEFORE_COMPANY.finditer(text)
    ]
    return found


def titles(text: str) -> list[Mention]:
    """Job titles: 首席执行官, 创始人, 教授."""
    return [
        Mention(m.start(), m.end(), "TITLE", "rules", None, 1) for m in TITLES_ZH.finditer(text)
    ]


def inside_longer_word(seg: Segmented, start: int, end: int) -> bool:
    """Whether [start, end) lies strictly inside one jieba word (中国 in 中国籍)."""
    index = bisect_right(seg.starts, start) - 1
    if index < 0:
        return False
    word_start, word_end = seg.words[index]
    return word_start <= start and end <= word_end and (word_end - word_start) > (end - start)


_DATE_BEFORE = re.compile(r"[0-9０-９〇一二三四五六七八九十]$")


def place_name_used_otherwise(text: str, start: int, end: int) -> bool:
    """Whether a place's name here stands for something else: a time zone (北京时间), a
    language (日本語), or 日本 whose 日 ends a date (5月11日本报讯)."""
    return text.startswith(("时间", "语", "語"), end) or (
        text[start] in "日月年" and _DATE_BEFORE.search(text, 0, start) is not None
    )
