"""jieba, kept quiet and loaded once: word boundaries for Chinese, and words it learns."""

from __future__ import annotations

import logging
import threading
from functools import cache
from itertools import accumulate

_lock = threading.Lock()


@cache
def tokenizer():
    """The jieba tokenizer with its dictionary loaded; its log lines would garble a running TUI."""
    import jieba

    jieba.setLogLevel(logging.ERROR)
    jieba.default_logger.setLevel(logging.ERROR)
    with _lock:
        jieba.dt.initialize()
    return jieba.dt


@cache
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word (nr person, ns place, nt organization)."""
    tokenizer()
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each jieba word of the text, covering it end to end."""
    ends = list(accumulate(map(len, tokenizer().cut(text, HMM=False))))
    starts = [0, *ends[:-1]] if ends else []
    return list(zip(starts, ends, strict=True))


def learn_word(word: str, tag: str) -> None:
    """Teach jieba a word (say, an accepted name) so it segments as one token from now on."""
    tokenizer().add_word(word, freq=None, tag=tag)
    word_tags()[word] = tag
