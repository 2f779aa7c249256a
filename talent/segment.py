"""jieba, kept quiet and loaded once: word boundaries for Chinese, and words it learns."""

from __future__ import annotations

import logging
import re
import threading
from functools import cache
from math import log
from pathlib import Path

import platformdirs

from talent.imports import import_hiding

_lock = threading.Lock()


def jieba_cache_folder() -> Path:
    """Where jieba keeps its dictionary cache: the user's own cache folder, readable by the user
    only. jieba's default is a fixed name in the shared temporary folder, which another user
    could plant a file at (and jieba reads it with `marshal`, which trusts its input)."""
    folder = platformdirs.user_cache_path("talent-tui")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


@cache
def tokenizer():
    """The jieba tokenizer with its dictionary loaded; its log lines would garble a running TUI."""
    # pkg_resources hidden: jieba only finds its data files with it, as its fallback (a path
    # beside the module) does too, and it costs 0.08 s of every process that segments (the
    # app's warm-up, each bulk worker).
    jieba = import_hiding("jieba", ["pkg_resources"])
    jieba.setLogLevel(logging.ERROR)
    jieba.default_logger.setLevel(logging.ERROR)
    with _lock:
        # jieba writes the cache through mkstemp (mode 0600) and renames it into place.
        jieba.dt.tmp_dir = str(jieba_cache_folder())
        jieba.dt.initialize()
    return jieba.dt


def tokenizer_ready() -> bool:
    """Whether jieba's dictionary is loaded (so word motions need not wait for it)."""
    return tokenizer.cache_info().currsize > 0


@cache
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word (nr person, ns place, nt organization)."""
    tokenizer()
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


# jieba's own block pattern: runs of Han, Latin, digits and a few joiners are segmented.
_BLOCK = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+")
_ASCII_ALNUM = re.compile("[a-zA-Z0-9]")


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each jieba word of the text, covering it end to end: exactly the words of
    jieba's cut(HMM=False), found by the same dictionary search written for speed (it is most
    of the recognizer's time)."""
    spans: list[tuple[int, int]] = []
    position = 0
    freq, total = tokenizer().FREQ, log(tokenizer().total)
    for block in _BLOCK.finditer(text):
        _gap_words(text, position, block.start(), spans)
        _block_words(block.group(), block.start(), freq, total, spans)
        position = block.end()
    _gap_words(text, position, len(text), spans)
    return spans


def _gap_words(text: str, start: int, end: int, spans: list) -> None:
    """Between blocks jieba yields every character alone, except CRLF as one."""
    i = start
    while i < end:
        step = 2 if text.startswith("\r\n", i) and i + 1 < end else 1
        spans.append((i, i + step))
        i += step


def _block_words(
    block: str, offset: int, freq: dict[str, int], logtotal: float, spans: list
) -> None:
    """The most probable path through the block's dictionary words, as jieba computes it."""
    n = len(block)
    # route[i]: (best log probability of block[i:], end of the first word); ties go to the later end.
    route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for k in range(n - 1, -1, -1):
        best_score, best_end = None, k
        i, fragment = k, block[k]
        found = False
        while i < n and fragment in freq:
            count = freq[fragment]
            if count:
                found = True
                score = log(count) - logtotal + route[i + 1][0]
                if best_score is None or score >= best_score:
                    best_score, best_end = score, i
            i += 1
            fragment = block[k : i + 1]
        if not found:
            best_score, best_end = -logtotal + route[k + 1][0], k
        route[k] = (best_score, best_end)
    x, single_run = 0, -1
    while x < n:
        y = route[x][1] + 1
        if y - x == 1 and _ASCII_ALNUM.match(block, x):
            # jieba joins consecutive single Latin letters and digits into one word.
            if single_run < 0:
                single_run = x
        else:
            if single_run >= 0:
                spans.append((offset + single_run, offset + x))
                single_run = -1
            spans.append((offset + x, offset + y))
        x = y
    if single_run >= 0:
        spans.append((offset + single_run, offset + n))


def learn_word(word: str, tag: str) -> None:
    """Teach jieba a word (say, an accepted name) so it segments as one token from now on."""
    tokenizer().add_word(word, freq=None, tag=tag)
    word_tags()[word] = tag
