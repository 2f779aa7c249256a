"""Reading the gold formats public corpora come in, and evaluating against them."""

from __future__ import annotations

import json

import pytest

from talent.gold import GoldError, read_gold

MSRA_STYLE = (
    "于 B-PER\n佳 I-PER\n慧 I-PER\n加 O\n入 O\n谷 B-ORG\n歌 I-ORG\n。 O\n\n北 B-LOC\n京 I-LOC\n"
)
CONLL_IOB1 = (
    "-DOCSTART- -X- O O\n\n"
    "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n. . O O\n\n"
    "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n"
    "-DOCSTART- -X- O O\n\nBRUSSELS NNP I-NP I-LOC\n"
)


def spans_text(gold):
    return [(gold.text[s:e], label) for s, e, label in gold.spans]


def test_character_rows_make_chinese_text_with_our_labels():
    (gold,) = read_gold(MSRA_STYLE, "msra.txt")
    assert gold.text == "于佳慧加入谷歌。\n北京" and gold.lang == "zh"
    assert spans_text(gold) == [("于佳慧", "PERSON"), ("谷歌", "ORG"), ("北京", "LOCATION")]


def test_conll_2003_rows_in_iob1_split_into_documents_and_skip_misc():
    first, second = read_gold(CONLL_IOB1, "train.txt")
    assert first.text == "EU rejects German call .\nPeter Blackburn" and first.lang == "en"
    assert spans_text(first) == [("EU", "ORG"), ("Peter Blackburn", "PERSON")]
    assert spans_text(second) == [("BRUSSELS", "LOCATION")]


@pytest.mark.parametrize(
    "rows",
    [
        "马 B-PER\n云 E-PER\n在 O\n杭 B-LOC\n州 M-LOC\n市 E-LOC\n阿 S-ORG\n",  # BMES
        "马 B-PER\n云 I-PER\n在 O\n杭 B-LOC\n州 I-LOC\n市 I-LOC\n阿 B-ORG\n",  # IOB2
    ],
)
def test_bioes_bmes_and_iob2_read_alike(rows):
    (gold,) = read_gold(rows, "x.bio")
    assert spans_text(gold) == [("马云", "PERSON"), ("杭州市", "LOCATION"), ("阿", "ORG")]


def test_cluener_lines_with_inclusive_ends():
    line = {
        "text": "浙商银行企业信贷部叶老桂博士则从另一个角度",
        "label": {"name": {"叶老桂": [[9, 11]]}, "company": {"浙商银行": [[0, 3]]}, "book": {}},
    }
    (gold,) = read_gold(json.dumps(line, ensure_ascii=False) + "\n", "train.json")
    assert sorted(spans_text(gold)) == [("叶老桂", "PERSON"), ("浙商银行", "ORG")]


def test_a_row_that_is_not_gold_names_its_line():
    with pytest.raises(GoldError, match="line 2: tag 'happily' is not O or B-"):
        read_gold("于 B-PER\nsaid happily\n", "x.txt")


def test_evaluate_scores_a_bio_corpus(tmp_path, capsys):
    from tui.cli.main import main

    corpus = tmp_path / "dev.bio"
    corpus.write_text(MSRA_STYLE, encoding="utf-8")
    assert main(["evaluate", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "dev.bio: 1 text(s)" in out
    assert "PERSON" in out and "LOCATION" in out and "micro" in out
