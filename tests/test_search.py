"""Full-text search finds Chinese (trigram), short queries (scan) and Latin case-insensitively."""

from store.search import search_documents


def zh_text(db):
    return db.execute("SELECT text FROM documents WHERE lang = 'zh'").fetchone()[0]


def test_three_or_more_chinese_characters_use_the_index(db):
    hits = search_documents(db, "扎克伯格").hits
    assert len(hits) == zh_text(db).count("扎克伯格") > 5
    assert all(h.snippet and "扎克伯格" in h.snippet for h in hits)


def test_one_and_two_character_queries_still_find_text(db):
    assert search_documents(db, "美国").total == zh_text(db).count("美国") == 4
    assert search_documents(db, "華").hits == []  # traditional form is not in the seeds


def test_latin_queries_ignore_case_and_report_exact_offsets(db):
    hits = search_documents(db, "openai").hits
    assert hits
    for hit in hits:
        assert hit.end - hit.start == 6


def test_quotes_in_a_query_are_not_fts_syntax(db):
    assert search_documents(db, '"Meta').hits == []
    assert search_documents(db, "").hits == []


def test_every_hit_is_counted_but_only_the_first_are_kept(db):
    found = search_documents(db, "a", limit=10)
    assert len(found.hits) == 10 and found.capped
    assert found.total == sum(
        text.lower().count("a") for (text,) in db.execute("SELECT text FROM documents")
    )
    for hit in found.hits:
        assert hit.match.lower() == "a" and len(hit.before) <= 40 and "\n" not in hit.snippet
