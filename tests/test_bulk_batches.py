"""Bulk suggestions read documents in chunks, and LAC tags a chunk's sentences together: the
same words and tags as one document at a time, only fewer runs of the network."""

from __future__ import annotations

from importlib import resources

from talent.recognize import lac
from talent.recognize.workers import chunks


def test_chunks_keep_the_order_take_every_document_once_and_feed_both_workers_alike():
    for count in (60, 170):  # 62,000 and 187,000 characters
        jobs = [(f"d{i}", "字" * (1000 + i), "zh") for i in range(count)]
        found = chunks(jobs, workers=2)
        assert [job for chunk in found for job in chunk] == jobs
        # As many chunks for each worker, at least two: they finish together.
        assert len(found) >= 4 and len(found) % 2 == 0
        sizes = [sum(len(text) for _, text, _ in chunk) for chunk in found]
        assert max(sizes) <= 40_000 and max(sizes) - min(sizes) < 2_500
    assert chunks(jobs[:1], workers=2) == [jobs[:1]]


def test_tagging_ahead_gives_the_words_of_one_document_at_a_time():
    article = resources.files("seeds").joinpath("001_d0394ddac6e6eddc.txt").read_text("utf-8")
    paragraphs = [p for p in article.split("\n") if p.strip()]
    alone = [lac.tagged_words(p) for p in paragraphs]
    lac.tag_ahead(paragraphs)
    try:
        assert [lac.tagged_words(p) for p in paragraphs] == alone
        assert lac._ahead  # the sentences were tagged ahead, not again
    finally:
        lac.tag_ahead([])


def test_batched_tagging_is_lac_onnxs_own_run_sentence_by_sentence():
    model = lac._model()
    article = resources.files("seeds").joinpath("001_d0394ddac6e6eddc.txt").read_text("utf-8")
    sentences = [piece for _, piece in lac.pieces(article) if piece]
    assert len(sentences) > 20
    assert lac.tag_sentences(model, sentences, lac._run) == [model.run(s) for s in sentences]
