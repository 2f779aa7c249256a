"""Decoding of the encodings real Chinese and English files come in, and refusal of non-text."""

import codecs

import pytest

from talent.textio import DecodeError, normalise, read_text

SAMPLE = "扎克伯格以1亿美元年薪从OpenAI挖走于佳慧。\nMeta hired Jiahui Yu.\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-32"),
        codecs.BOM_UTF32_BE + SAMPLE.encode("utf-32-be"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf32le-bom",
        "utf32be-bom",
        "gb18030",
        "gbk",
    ],
)
def test_each_encoding_gives_the_same_text(data):
    assert read_text(data) == SAMPLE


def test_utf16_without_bom_is_not_taken_for_utf8_full_of_nuls():
    english = "OpenAI researchers joined Meta.\n" * 5
    assert read_text(english.encode("utf-16-le")) == english
    assert read_text(english.encode("utf-16-be")) == english


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (codecs.BOM_UTF8, "byte-order mark"),
        (codecs.BOM_UTF16_LE, "byte-order mark"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4, "binary"),
        (b"abc\x00\x01\x02\x03\xff\xfe\x00\x10" * 50, "binary"),
        (b"   \n\r\n\t ", "no text"),
    ],
    ids=["empty", "utf8-bom-only", "utf16-bom-only", "png", "nuls", "whitespace"],
)
def test_non_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        read_text(data)


def test_normalise_strips_bom_makes_lf_and_nfc():
    assert normalise("\ufeffa\r\nb\rc e\u0301") == "a\nb\nc \u00e9"
