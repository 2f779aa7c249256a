"""Normalised values of figures: numbers in Arabic or Chinese numerals, money, durations."""

from __future__ import annotations

import datetime
import re

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG_UNITS = {"万": 10**4, "亿": 10**8}
ZH_NUMERAL_CHARS = "".join(_ZH_DIGITS) + "".join(_ZH_SMALL_UNITS) + "".join(_ZH_BIG_UNITS) + "点"

# Multipliers written after a number, in both languages.
SCALE_WORDS = {
    "万": 10**4,
    "十万": 10**5,
    "百万": 10**6,
    "千万": 10**7,
    "亿": 10**8,
    "万亿": 10**12,
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    # India's: a lakh is a hundred thousand, a crore ten million.
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
}

CURRENCIES = {
    "美元": "USD",
    "美金": "USD",
    "元": "CNY",
    "人民币": "CNY",
    "块": "CNY",
    "欧元": "EUR",
    "英镑": "GBP",
    "日元": "JPY",
    "港元": "HKD",
    "港币": "HKD",
    "韩元": "KRW",
    "$": "USD",
    "us$": "USD",
    "hk$": "HKD",
    "nz$": "NZD",
    "au$": "AUD",
    "a$": "AUD",
    "ca$": "CAD",
    "c$": "CAD",
    "s$": "SGD",
    "nt$": "TWD",
    "n$": "NAD",
    "r$": "BRL",
    "mx$": "MXN",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "￥": "CNY",
    "rmb": "CNY",
    "yuan": "CNY",
    "dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "pounds": "GBP",
    "gbp": "GBP",
    "cny": "CNY",
    "泰铢": "THB",
    "卢比": "INR",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "rupees": "INR",
    "r": "ZAR",
    "rand": "ZAR",
    "yen": "JPY",
    "baht": "THB",
    "ringgit": "MYR",
    "naira": "NGN",
    "dirhams": "AED",
    "riyals": "SAR",
    **{code.lower(): code for code in ("JPY", "INR", "THB", "ZAR", "KRW", "HKD", "AUD", "CAD")},
    **{code.lower(): code for code in ("SGD", "CHF")},
}

SECONDS = {
    "秒": 1,
    "秒钟": 1,
    "分钟": 60,
    "分": 60,
    "小时": 3600,
    "个小时": 3600,
    "天": 86400,
    "日": 86400,
    "周": 604800,
    "星期": 604800,
    "个星期": 604800,
    "个月": 2592000,
    "月": 2592000,
    "年": 31536000,
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 604800,
    "month": 2592000,
    "year": 31536000,
}

_EN_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}


def _tidy(number: float) -> int | float:
    """Whole numbers as int, others rounded to remove float noise."""
    rounded = round(number, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def parse_zh_numeral(text: str) -> int | float | None:
    """Value of a Chinese numeral such as 四, 二十三, 三千五百万, 一点五; None if it is not one."""
    if not text or any(ch not in ZH_NUMERAL_CHARS for ch in text):
        return None
    if "点" in text:
        whole, _, fraction = text.partition("点")
        whole_value = parse_zh_numeral(whole) if whole else 0
        if whole_value is None or not fraction or any(ch not in _ZH_DIGITS for ch in fraction):
            return None
        return _tidy(whole_value + float("0." + "".join(str(_ZH_DIGITS[ch]) for ch in fraction)))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_SMALL_UNITS:
            section += (1 if digit is None else digit) * _ZH_SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * _ZH_BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> int | float | None:
    """Value of '1,200', '3.2', '四', '二十' or 'four'; None if the text is not a number."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return _tidy(float(cleaned))
    if cleaned.lower() in _EN_NUMBER_WORDS:
        return _EN_NUMBER_WORDS[cleaned.lower()]
    return parse_zh_numeral(cleaned)


def scaled(number: int | float, scale: str | None) -> int | float:
    """A number times its written scale (万, 亿, million, bn, ...)."""
    return _tidy(number * SCALE_WORDS.get((scale or "").lower(), 1))


def money_value(amount: int | float, currency: str | None, per: str | None) -> dict:
    """The normalised value of a MONEY span."""
    code = CURRENCIES.get((currency or "").lower()) if currency else None
    return {"amount": amount, "currency": code, "per": per}


def duration_value(number: int | float, unit: str) -> dict:
    """The normalised value of a DURATION span, in seconds."""
    key = unit.lower().rstrip("s") if unit.isascii() else unit
    return {"seconds": _tidy(number * SECONDS[key])}


def parse_date(text: str) -> str | None:
    """An ISO date as typed in a form: YYYY, YYYY-MM or YYYY-MM-DD, checked; None if not one."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return None
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None
    return text


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "HKD": "HK$"}
_SHORT_SCALES = ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K"))
# Words that make a sum a lower bound: 1.2亿美元以上, more than $120 million.
AT_LEAST = re.compile(
    r"以上|超过|逾|多于|不低于|至少|起|\+|more than|over|at least|upwards of|above", re.IGNORECASE
)


def format_money(value: dict) -> str:
    """A normalised sum of money, short: $400M, ≥$120M, ¥60B, $1.5M/yr, 3M (no currency)."""
    amount = value.get("amount") or 0
    code = value.get("currency")
    symbol = _SYMBOLS.get(code, f"{code} " if code else "")
    figure = f"{amount:,}"
    for size, suffix in _SHORT_SCALES:
        if abs(amount) >= size:
            figure = f"{_tidy(amount / size):g}{suffix}"
            break
    per = "/yr" if value.get("per") else ""
    return f"{'≥' if value.get('at_least') else ''}{symbol}{figure}{per}"


def same_money(a: dict, b: dict) -> bool:
    """Whether two sums agree: one currency, and equal amounts (a lower bound agrees with any
    sum at or above it: 1.2亿美元以上 and $150 million)."""
    if a.get("currency") != b.get("currency"):
        return False
    x, y = a.get("amount") or 0, b.get("amount") or 0
    if a.get("at_least") and y >= x or b.get("at_least") and x >= y:
        return True
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1)
