"""Language detection by script: enough to tell Chinese from English and their neighbours."""

from __future__ import annotations


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


# The common Han block: what jieba segments and what the Chinese rules read.
HAN_RANGE = ("\u4e00", "\u9fff")


def has_han(text: str) -> bool:
    """Whether the text holds a common Han character (so it wants Chinese word boundaries)."""
    return any(HAN_RANGE[0] <= ch <= HAN_RANGE[1] for ch in text)


def detect_language(text: str) -> str:
    """Return 'zh', 'ja', 'ko', 'en' or 'und' from the scripts that dominate the text."""
    sample = text[:20000]
    han = kana = hangul = latin = 0
    for ch in sample:
        code = ord(ch)
        if _is_han(ch):
            han += 1
        elif 0x3040 <= code <= 0x30FF:
            kana += 1
        elif 0xAC00 <= code <= 0xD7AF:
            hangul += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    # A CJK character carries about as much as a four-letter Latin word.
    cjk = han + kana + hangul
    if cjk * 4 >= latin and cjk:
        if kana > 0.1 * cjk:
            return "ja"
        if hangul > 0.5 * cjk:
            return "ko"
        return "zh"
    return "en" if latin else "und"
