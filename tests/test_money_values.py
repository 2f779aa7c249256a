"""Sums of money get their value right in the forms news writes them: full-width digits and
decimal points, lower bounds (多, 余), spaced thousands, and currencies beyond the dollar.
The sentences come from development corpora (People's Daily dev, CoNLL-2003 train), some
with their digits set full width as printed Chinese news sets them; a few are our own."""

from __future__ import annotations

import pytest

from talent.recognize.figures import find_figures


def money(text: str) -> list[tuple[str, dict]]:
    return [(text[m.start : m.end], m.value) for m in find_figures(text) if m.label == "MONEY"]


def full_width(text: str) -> str:
    """Digits and the decimal point as printed Chinese news sets them (same length)."""
    return text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))


def usd(amount, **more) -> dict:
    return {"amount": amount, "currency": "USD", "per": None, **more}


def cny(amount, **more) -> dict:
    return {"amount": amount, "currency": "CNY", "per": None, **more}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # People's Daily dev: a full-width decimal point between half-width digits.
        (
            "项目由中国航天保险联合体承保，保险金额为2．35亿美元。",
            [("2．35亿美元", usd(235_000_000))],
        ),
        ("湘乡市公安局责令治安股将收取的1．3万元治安管理费", [("1．3万元", cny(13_000))]),
        # The same sentences with every digit full width.
        (full_width("保险金额为2.35亿美元。"), [(full_width("2.35亿美元"), usd(235_000_000))]),
        (full_width("财产险赔款金额276亿元"), [(full_width("276亿元"), cny(27_600_000_000))]),
        # People's Daily dev: 多 after the figure makes it a lower bound, never a sum of 0.
        (
            "1997年双边贸易额达1800多亿美元。",
            [("1800多亿美元", usd(180_000_000_000, at_least=True))],
        ),
        ("3天来营业额达40多万元。", [("40多万元", cny(400_000, at_least=True))]),
        (
            full_width("总负债达30多亿元。"),
            [(full_width("30多亿元"), cny(3_000_000_000, at_least=True))],
        ),
        ("投资三十多万元", [("三十多万元", cny(300_000, at_least=True))]),
    ],
)
def test_chinese_sums(text, expected):
    assert money(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CoNLL-2003 train.
        (
            "an estimated street value of about 300 million baht ( $ 12 million ) ,",
            [
                ("300 million baht", {"amount": 300_000_000, "currency": "THB", "per": None}),
                ("$ 12 million", usd(12_000_000)),
            ],
        ),
        (
            "a maximum fine of 5,000 ringgit ( $ 2000 ) .",
            [
                ("5,000 ringgit", {"amount": 5000, "currency": "MYR", "per": None}),
                ("$ 2000", usd(2000)),
            ],
        ),
        ("EPS 11.61 yen", [("11.61 yen", {"amount": 11.61, "currency": "JPY", "per": None})]),
        # "won" is a verb far more often than Korea's currency.
        ("Lennart Meri won 49 votes compared to 34 won by his rival", []),
        # Our own: South Africa's rand, India's rupee with lakh and crore, spaced thousands.
        (
            "signed a R3.5 billion contract",
            [("R3.5 billion", {"amount": 3_500_000_000, "currency": "ZAR", "per": None})],
        ),
        ("the R2-D2 robot", []),
        (
            "a budget of ₹1,200 crore",
            [("₹1,200 crore", {"amount": 12_000_000_000, "currency": "INR", "per": None})],
        ),
        (
            "a salary of Rs 80 lakh",
            [("Rs 80 lakh", {"amount": 8_000_000, "currency": "INR", "per": None})],
        ),
        (
            "fined N$15 000 on Monday",
            [("N$15 000", {"amount": 15_000, "currency": "NAD", "per": None})],
        ),
        ("a $100-million deal", [("$100-million", usd(100_000_000))]),
    ],
)
def test_sums_in_other_currencies_and_forms(text, expected):
    assert money(text) == expected


def test_full_width_figures_keep_their_offsets():
    text = "净利润为２．０７亿元，同比增长１２％。"
    found = {m.label: (m.start, m.end, m.value) for m in find_figures(text)}
    assert text[found["MONEY"][0] : found["MONEY"][1]] == "２．０７亿元"
    assert found["MONEY"][2]["amount"] == 207_000_000
    assert text[found["PERCENT"][0] : found["PERCENT"][1]] == "１２％"
