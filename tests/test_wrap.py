"""Line breaking of mixed Chinese and Latin text: Latin words stay whole, no line starts with
closing punctuation or ends with opening punctuation, and every line fits its width."""

import re

import pytest

from tui.widgets.wrap import text_width, wrap

MIXED = (
    "近期，张三在担任Seed团队负责人。他说：“我们将加入OpenAI’s 团队。”这是3.2亿美元的交易，"
    "非常重大（据Bloomberg报道）。Meta的Superintelligence Labs由Alexandr Wang领导，"
    "年薪超过1亿美元！"
)
CLOSING = "。，、；：？！）」』】〉》”’"
OPENING = "（「『【〈《“‘"


@pytest.mark.parametrize("width", [8, 10, 13, 16, 20, 27, 34, 41, 60])
def test_mixed_text_breaks_by_the_rules_at_every_width(width):
    lines = [MIXED[start:end] for start, end in wrap(MIXED, width)]
    assert all(text_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == MIXED.replace(" ", "")
    assert not [line for line in lines[1:] if line[0] in CLOSING]
    assert not [line for line in lines[:-1] if line[-1] in OPENING]
    words = {w for w in re.findall(r"[A-Za-z0-9’.]+", MIXED) if text_width(w) <= width}
    for before, after in zip(lines, lines[1:], strict=False):
        # A Latin word that fits is never split across two lines.
        joined = re.findall(r"[A-Za-z0-9’.]+$", before.rstrip())
        if joined and not before.endswith(" ") and re.match(r"[A-Za-z0-9’.]", after):
            assert joined[0] + re.match(r"[A-Za-z0-9’.]+", after)[0] not in words


def test_a_word_longer_than_the_line_is_cut_rather_than_overflowing():
    text = "模型" + "x" * 30 + "完成"
    lines = wrap(text, 10)
    assert all(text_width(text[start:end]) <= 10 for start, end in lines)
