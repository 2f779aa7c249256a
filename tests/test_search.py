"""Full-text search finds Chinese (trigram), short queries (scan) and Latin case-insensitively."""

from store.search import search_documents


def zh_text(db):
    return db.execute("SELECT text FROM documents WHERE lang = 'zh'").fetchone()[0]


def test_three_or_more_chinese_characters_use_the_index(db):
    hits = search_documents(db, "扎克伯格")
    assert len(hits) == zh_text(db).count("扎克伯格") > 5
    assert all(h.snippet and "扎克伯格" in h.snippet for h in hits)


def test_one_and_two_character_queries_still_find_text(db):
    assert len(search_documents(db, "美国")) == zh_text(db).count("美国") == 4
    assert search_documents(db, "華") == []  # traditional form is not in the seeds


def test_latin_queries_ignore_case_and_report_exact_offsets(db):
    hits = search_documents(db, "openai")
    assert hits
    for hit in hits:
        assert hit.end - hit.start == 6


def test_quotes_in_a_query_are_not_fts_syntax(db):
    assert search_documents(db, '"Meta') == []
    assert search_documents(db, "") == []
