"""MONEY, PERCENT, DATE, DURATION and NUMBER in Chinese and English, with normalised values."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from talent.recognize.base import Mention
from talent.values import (
    AT_LEAST,
    duration_value,
    money_value,
    parse_number,
    scaled,
)

ORIGIN = "rules"
_ZH_NUM = (
    r"(?:\d+(?:,\d{3})*(?:\.\d+)?"
    # A Chinese numeral starts with a digit or 十: 万 alone (80多万元's) counts nothing.
    r"|[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*(?:点[零一二三四五六七八九]+)?)"
)
# 80多万元, 1000余万美元: more than the figure, a lower bound.
_ZH_MORE = r"(?P<more>多|余)?"
_ZH_SCALE = r"(?:万亿|千万|百万|十万|万|亿)"
_ZH_CURRENCY = r"(?:美元|美金|人民币|欧元|英镑|日元|港元|港币|韩元|泰铢|卢比|元)"
_EN_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
# After a currency sign, thousands may be set apart by spaces too: N$2 000, R1 500 000.
_MONEY_NUM = rf"(?:\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?:\.\d+)?(?!\d)|{_EN_NUM})"
_EN_SCALE = r"(?:trillion|billion|million|thousand|crores?|lakhs?|tn|bn|mn|[mbk])"
# Currencies written after the sum, by name or code.
_EN_CURRENCY_WORDS = (
    # Not "won" (34 won by his rival): a verb far more often than Korea's currency.
    r"dollars|euros|pounds|yuan|yen|baht|rupees|rand|ringgit|naira|dirhams|riyals"
    r"|USD|EUR|GBP|CNY|RMB|JPY|INR|THB|ZAR|KRW|HKD|AUD|CAD|SGD|CHF"
)
_EN_PER_YEAR = r"(?:\s+(?:a|per|each)\s+year|\s+annually|\s+per\s+annum|\s*/\s*(?:yr|year))"
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# A bare 600亿 is money only where money is being talked about.
_MONEY_CUES = re.compile(
    r"投资|融资|估值|年薪|薪酬|薪资|资金|奖金|收入|营收|市值|花费|成本|预算|拨款|补贴|身价|报价|开价|收购|股权|期权|工资"
)
_PER_YEAR_BEFORE = re.compile(r"(?:年薪|每年|一年)[^。！？\n]{0,12}$")
_PER_YEAR_AFTER = re.compile(r"^(?:的(?:平均)?年薪|/年|每年|一年)")

_ZH_MONEY = re.compile(
    rf"(?P<num>{_ZH_NUM}){_ZH_MORE}\s*(?P<scale>{_ZH_SCALE})?\s*(?P<cur>{_ZH_CURRENCY})"
)
_ZH_BARE_MONEY = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?){_ZH_MORE}(?P<scale>{_ZH_SCALE})(?![\d美人名位个台块])"
)
# Dollars named by their country's letters (US$, HK$, N$ for Namibia's) are one currency sign.
_DOLLAR_PREFIXES = "US|HK|NZ|AU|A|CA|C|S|NT|N|R|MX"
_EN_SIGNS = rf"(?<![A-Za-z])(?:{_DOLLAR_PREFIXES})\$|\$|€|£|¥|￥|₹"
# South Africa's rand (R1.2 million) and India's Rs: letters, so never inside a word or a
# name (R2-D2).
_EN_LETTER_SIGNS = r"(?<![A-Za-z])(?:Rs\.?|R)(?=\s?\d)"
_EN_MONEY = re.compile(
    rf"(?P<cur>{_EN_SIGNS})\s?(?P<num>{_MONEY_NUM})(?:[\s-]?(?P<scale>{_EN_SCALE})\b)?(?P<per>{_EN_PER_YEAR})?"
    rf"|(?P<cur3>{_EN_LETTER_SIGNS})\s?(?P<num3>{_MONEY_NUM})(?:\s?(?P<scale3>{_EN_SCALE})\b)?(?![\w-])(?P<per3>{_EN_PER_YEAR})?"
    rf"|\b(?P<num2>{_EN_NUM})\s?(?P<scale2>{_EN_SCALE})?\s(?P<cur2>{_EN_CURRENCY_WORDS})\b(?P<per2>{_EN_PER_YEAR})?",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    rf"(?P<num>{_ZH_NUM})\s?(?:[%％]|percent\b|per\s+cent\b)|百分之(?P<zh>[零一二三四五六七八九十百点]+)",
    re.IGNORECASE,
)
_ZH_DATE = re.compile(
    r"(?:(?P<year>\d{4})年(?:(?P<m1>\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?P<d1>\d{1,2})[日号])?)?"
    r"|(?P<rel>今年|去年|明年|前年)(?:(?P<m2>\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?P<d2>\d{1,2})[日号])?)?"
    r"|(?P<m3>\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?P<d3>\d{1,2})[日号])?)"
    r"(?P<part>初|底|末|中旬|上旬|下旬)?"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A year alone is a date unless it counts something (2019 employees) or is part of a figure.
_COUNTED = (
    r"(?:percent|people|employees|staff|workers|members|users|researchers|engineers|scientists"
    r"|students|candidates|jobs|units|times|GPUs|chips|papers|patents|models|companies|startups)\b"
)
_EN_DATE = re.compile(
    rf"\b(?:(?P<part>early|mid|late)[- ])?(?P<month>{_MONTHS})\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b"
    rf"|\b(?P<weekday>{'|'.join(_WEEKDAYS)})\b"
    rf"|(?<![\d$.,])\b(?P<y2>(?:19|20)\d{{2}})\b(?![\d%]|[.,]\d|\s?{_COUNTED})"
)
_ZH_WEEKDAY = re.compile(
    r"(?:星期|礼拜)(?P<zh_weekday>[一二三四五六日天])"
    # 周一 only before a time of day or a stop: 周一鸣 is a name.
    r"|周(?P<zh_short>[一二三四五六日])(?=[上下晚早凌中午，。、；：\s]|$)"
)
_ZH_DURATION = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十半几数]+)\s*(?P<unit>个小时|小时|分钟|秒钟|秒|天|个星期|星期|周|个月|年)"
    r"(?!代|级|前|底|初|末|度|薪|龄|纪)"
)
_EN_DURATION = re.compile(
    r"\b(?P<num>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)"
    r"[\s-](?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
_ZH_NUMBER = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|[两三四五六七八九十百千]+|[一二两三四五六七八九十百千万亿]{2,})\s*(?P<scale>万|亿)?(?P<unit>位|名|个|家|款|项|人|台|篇|次|条|所|座|倍|强|年)"
    r"|(?P<digits>\d+(?:,\d{3})*(?:\.\d+)?)(?P<scale2>万|亿)?"
)
_EN_NUMBER = re.compile(
    rf"\b(?P<digits>{_EN_NUM})\b(?:\s(?P<scale>thousand|million|billion|trillion)\b)?"
)
_PARTS = {"初": "early", "上旬": "early", "中旬": "mid", "下旬": "late", "底": "late", "末": "late"}


def _month(text: str | None) -> int | None:
    return None if text is None else int(parse_number(text) or 0) or None


def _zh_money(match: re.Match, text: str) -> dict:
    number = parse_number(match["num"])
    amount = scaled(number, match["scale"]) if number is not None else None
    before = text[max(0, match.start() - 20) : match.start()]
    after = text[match.end() : match.end() + 6]
    per = "year" if _PER_YEAR_BEFORE.search(before) or _PER_YEAR_AFTER.match(after) else None
    value = money_value(amount, match.groupdict().get("cur"), per)
    return value | {"at_least": True} if match["more"] else value


def _zh_bare_money(match: re.Match, text: str) -> dict | None:
    before = text[max(0, match.start() - 8) : match.start()]
    if not _MONEY_CUES.search(before):
        return None
    return _zh_money(match, text)


def _en_money(match: re.Match, text: str) -> dict:
    def first(name: str) -> str | None:
        return match[name] or match[f"{name}2"] or match[f"{name}3"]

    number = parse_number(re.sub(r"[ \u00a0\u202f]", "", first("num")))
    per = "year" if first("per") else None
    return money_value(scaled(number, first("scale")), first("cur"), per)


def _percent(match: re.Match, text: str) -> dict:
    return {"percent": parse_number(match["num"] or match["zh"])}


def _zh_date(match: re.Match, text: str) -> dict | None:
    if not (match["year"] or match["rel"] or match["m3"]):
        return None
    month = _month(match["m1"] or match["m2"] or match["m3"])
    if month is not None and not 1 <= month <= 12:
        return None
    day = match["d1"] or match["d2"] or match["d3"]
    value = {"year": int(match["year"]) if match["year"] else None, "month": month}
    value["day"] = int(day) if day else None
    if match["rel"]:
        value["relative"] = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}[match["rel"]]
    value["part"] = _PARTS.get(match["part"] or "")
    return value


def _weekday_date(weekday: int) -> dict:
    return {"year": None, "month": None, "day": None, "part": None, "weekday": weekday}


def _zh_weekday(match: re.Match, text: str) -> dict:
    day = (match["zh_weekday"] or match["zh_short"]).replace("天", "日")
    return _weekday_date("一二三四五六日".index(day) + 1)


def _en_date(match: re.Match, text: str) -> dict:
    if match["weekday"]:
        return _weekday_date(_WEEKDAYS.index(match["weekday"]) + 1)
    if match["y2"]:
        return {"year": int(match["y2"]), "month": None, "day": None, "part": None}
    months = [m.lower()[:3] for m in _MONTHS.split("|")[:12]]
    return {
        "year": int(match["year"]) if match["year"] else None,
        "month": months.index(match["month"].lower()[:3]) + 1,
        "day": int(match["day"]) if match["day"] else None,
        "part": match["part"].lower() if match["part"] else None,
    }


def _duration(match: re.Match, text: str) -> dict | None:
    raw = match["num"]
    if raw and raw.isdigit() and len(raw) == 4 and match["unit"] == "年":
        return None  # 2025年 is a date
    number = {"半": 0.5, "an": 1, "a": 1}.get(raw.lower())
    number = number if number is not None else parse_number(raw)
    return {"seconds": None} if number is None else duration_value(number, match["unit"])


def _number(match: re.Match, text: str) -> dict | None:
    groups = match.groupdict()
    if groups.get("unit") == "年":
        return None
    number = parse_number(groups.get("digits") or groups.get("num") or "")
    if number is None:
        return None
    return {"number": scaled(number, groups.get("scale") or groups.get("scale2"))}


_Rule = tuple[str, re.Pattern, Callable[[re.Match, str], dict | None]]
# In priority order: a later rule never takes text an earlier one matched.
_RULES: tuple[_Rule, ...] = (
    ("MONEY", _ZH_MONEY, _zh_money),
    ("MONEY", _EN_MONEY, _en_money),
    ("MONEY", _ZH_BARE_MONEY, _zh_bare_money),
    ("PERCENT", _PERCENT, _percent),
    ("DATE", _ZH_DATE, _zh_date),
    ("DATE", _EN_DATE, _en_date),
    ("DATE", _ZH_WEEKDAY, _zh_weekday),
    ("DURATION", _ZH_DURATION, _duration),
    ("DURATION", _EN_DURATION, _duration),
    ("NUMBER", _ZH_NUMBER, _number),
    ("NUMBER", _EN_NUMBER, _number),
)


# Full-width digits, letters and the signs figures use, as their ASCII selves (１３．６亿元 is
# 13.6亿元): one character for one, so offsets stay the same. Not the ideographic comma "，",
# which separates clauses, never thousands.
_HALF_WIDTH = str.maketrans(
    "０１２３４５６７８９．％＄＋"
    + "".join(map(chr, range(0xFF21, 0xFF3B)))
    + "".join(map(chr, range(0xFF41, 0xFF5B))),
    "0123456789.%$+" + "".join(map(chr, range(0x41, 0x5B))) + "".join(map(chr, range(0x61, 0x7B))),
)


def find_figures(text: str) -> list[Mention]:
    """Every figure in the text, in both languages, with its normalised value."""
    text = text.translate(_HALF_WIDTH)
    taken = bytearray(len(text) + 1)
    found = []
    for label, pattern, value_of in _RULES:
        for start, end, value in _matches(pattern, value_of, text):
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Mention(start, end, label, ORIGIN, value, priority=2))
    return sorted(found, key=lambda m: m.start)


def _matches(
    pattern: re.Pattern, value_of: Callable[[re.Match, str], dict | None], text: str
) -> Iterator[tuple[int, int, dict]]:
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        value = value_of(match, text)
        if value is not None:
            yield match.start(), match.end(), value


def parse_amount(text: str) -> dict | None:
    """A sum of money as typed in a form (`8000万美元`, `$80 million`, `80000000`), normalised;
    None if it is not one."""
    text = text.strip()
    money = [m for m in find_figures(text) if m.label == "MONEY" and m.value]
    if money:
        value = dict(money[0].value)
    elif (number := parse_number(AT_LEAST.sub("", text).replace(",", ""))) is not None:
        value = money_value(number, None, None)
    else:
        return None
    if AT_LEAST.search(text):
        value["at_least"] = True
    return value
