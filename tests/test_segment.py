"""Our word boundaries are exactly jieba's cut(HMM=False), learned words included."""

import random
from pathlib import Path

from talent.segment import learn_word, tokenizer, words

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def jieba_words(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for word in tokenizer().cut(text, HMM=False):
        spans.append((position, position + len(word)))
        position += len(word)
    return spans


def test_same_words_as_jieba_on_the_seeds_and_odd_text():
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    texts += [
        "",
        " ",
        "a",
        "中",
        "abc 12 x-y 3.5% C++ 华为a1b2 仅于佳慧的 \r\n tab\there ，。！AI人工智能 ab",
    ]
    pick = random.Random(7)
    alphabet = "的了是人工智能美国OpenAI于佳慧abc 12.-%#&\n\r，。"
    texts += [
        "".join(pick.choice(alphabet) for _ in range(pick.randint(0, 80))) for _ in range(2000)
    ]
    for text in texts:
        assert words(text) == jieba_words(text), text


def test_a_learned_word_is_one_word_in_both():
    text = "据悉峰峦智算挖走了两位研究员"
    learn_word("峰峦智算", "nt")
    assert (2, 6) in words(text)
    assert words(text) == jieba_words(text)
