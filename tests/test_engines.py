"""Suggestion engines: how a model's mentions combine with the rules', LAC's corrections, the
spaCy engine, painting before the model loads, and an engine upgrade that keeps decisions."""

from __future__ import annotations

import asyncio
import threading

import pytest

from store.actions import decide_span
from store.annotations import spans_for_document
from store.documents import list_documents
from store.suggestions import (
    engine_of,
    pending_documents,
    recognizer_for,
    refresh_pending,
    set_engine,
    store_suggestions,
    suggestion_stages,
)
from store.workspace import open_store
from talent.recognize import lac
from talent.recognize.base import Mention
from talent.recognize.engines import EngineError, ModelRecognizer, check_engine
from talent.recognize.lac import Word, entities
from talent.recognize.pipeline import RuleRecognizer


class Model:
    """A model that finds what it is given: the combination is under test, not a model."""

    name = "given"
    version = "1"

    def __init__(self, *found: tuple[str, str]) -> None:
        self.found = found

    def recognize(self, text: str, lang: str) -> list[Mention]:
        mentions = []
        for quote, label in self.found:
            start = text.index(quote)
            mentions.append(Mention(start, start + len(quote), label, "model", None, 1))
        return mentions


def combined(text: str, lang: str, *found: tuple[str, str], learned=()) -> set[tuple[str, str]]:
    recognizer = ModelRecognizer("test", RuleRecognizer(list(learned)), Model(*found))
    return {(text[m.start : m.end], m.label) for m in recognizer.recognize(text, lang)}


def test_a_gazetteer_alias_beats_the_model_reading_it_otherwise():
    found = combined("据报道，OpenAI的研究员离职。", "zh", ("OpenAI", "PERSON"))
    assert ("OpenAI", "ORG") in found and ("OpenAI", "PERSON") not in found


def test_a_model_name_holding_an_alias_whole_is_the_longer_name():
    found = combined("中国队赢了比赛。", "zh", ("中国队", "ORG"))
    assert ("中国队", "ORG") in found and ("中国", "LOCATION") not in found


def test_the_rules_own_money_and_titles():
    text = "他获得了1亿美元的薪酬，担任首席科学家。"
    found = combined(text, "zh", ("1亿美元", "LOCATION"), ("首席科学家", "PERSON"))
    assert ("1亿美元", "MONEY") in found and ("首席科学家", "TITLE") in found
    assert not {label for _, label in found} & {"LOCATION", "PERSON"}


def test_a_word_a_user_taught_overrides_both():
    text = "云帆智能挖走了两位研究员。"
    found = combined(text, "zh", ("云帆", "PERSON"), learned=[("云帆智能", "ORG")])
    assert ("云帆智能", "ORG") in found and ("云帆", "PERSON") not in found


def test_the_model_replaces_the_rules_guesses_at_names():
    # The rules read 张三 by its surname; the model's reading of the sentence stands instead.
    found = combined("张三丰在北京工作。", "zh", ("张三丰", "PERSON"))
    assert ("张三丰", "PERSON") in found
    english = combined("Mr. Smith joined Acme Corp. in Paris.", "en", ("Acme Corp.", "ORG"))
    assert ("Acme Corp.", "ORG") in english and ("Smith", "PERSON") not in english


def words(*pairs: tuple[str, str]) -> tuple[list[Word], str]:
    found, position = [], 0
    for text, tag in pairs:
        found.append(Word(position, position + len(text), text, tag))
        position += len(text)
    return found, "".join(text for text, _ in pairs)


def quoted(pairs) -> list[tuple[str, str]]:
    found, text = words(*pairs)
    return [(text[s:e], label) for s, e, label in entities(found, text)]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # Two countries paired are two places.
        ([("中美", "LOC"), ("关系", "n")], [("中", "LOCATION"), ("美", "LOCATION")]),
        # A visit to China, the Chinese side.
        ([("总统", "n"), ("访华", "v")], [("华", "LOCATION")]),
        ([("中方", "n"), ("表示", "v")], [("中", "LOCATION")]),
        # A weather report's city, without its weather.
        ([("兰州晴", "LOC")], [("兰州", "LOCATION")]),
        # A part of a place is the place.
        ([("东北地区", "LOC")], [("东北", "LOCATION")]),
        # A country's team is an organization; a government is its country acting.
        ([("巴西", "LOC"), ("足球队", "n")], [("巴西足球队", "ORG")]),
        ([("中国政府", "ORG")], [("中国", "LOCATION")]),
        ([("市政府", "ORG")], []),
        # A place or name followed by an organization's head is that organization.
        ([("斯里兰卡", "LOC"), ("议会", "n")], [("斯里兰卡议会", "ORG")]),
        # Pieces of one name cut apart are joined.
        ([("伯奇", "PER"), ("费尔", "PER")], [("伯奇费尔", "PERSON")]),
        ([("差猜", "PER"), ("·", "w"), ("春哈旺", "PER")], [("差猜·春哈旺", "PERSON")]),
        # A nationality is not a place; a Latin name keeps its own letters.
        ([("中国", "LOC"), ("籍", "n"), ("员工", "n")], []),
        ([("Meta公司", "ORG")], [("Meta", "ORG")]),
        # Countries written as one character: paired before what they share, or alone before
        # what a country has; a name the model read past them stays whole.
        ([("美", "LOC"), ("中", "f"), ("关系", "n")], [("美", "LOCATION"), ("中", "LOCATION")]),
        (
            [("中", "f"), ("、", "w"), ("阿", "nz"), ("建交", "v")],
            [("中", "LOCATION"), ("阿", "LOCATION")],
        ),
        ([("俄", "ORG"), ("政府", "n")], [("俄", "LOCATION")]),
        ([("遭到", "v"), ("巴方", "PER"), ("拒绝", "v")], [("巴", "LOCATION")]),
        ([("美军", "n")], [("美", "LOCATION")]),
        ([("俄政府新闻局", "ORG")], [("俄政府新闻局", "ORG")]),
        ([("新", "a"), ("政府", "n")], []),
        # ... but not a word of its own, a country's name, or grammar.
        ([("打击", "v"), ("非法", "a"), ("贸易", "vn")], []),
        ([("古巴", "LOC"), ("关系", "n")], [("古巴", "LOCATION")]),
        ([("以", "p"), ("政府", "n"), ("名义", "n")], []),
        ([("越", "d"), ("方便", "a")], []),
        # A minister's title names the ministry, with its country.
        (
            [("美国", "LOC"), ("财政", "n"), ("部长", "n"), ("鲁宾", "PER")],
            [("美国财政部", "ORG"), ("鲁宾", "PERSON")],
        ),
        ([("外交部长", "n")], [("外交部", "ORG")]),
        ([("副部长", "n")], []),
        # A time zone and a date's 日 are no places; a dateline's 电 is no organization.
        ([("北京", "LOC"), ("时间", "n")], []),
        ([("5月11", "TIME"), ("日本", "LOC"), ("报", "n")], []),
        ([("新华社", "ORG"), ("5月7日", "TIME"), ("电", "ORG")], [("新华社", "ORG")]),
        # A city's first character cut off, in a weather table or before the rest of its name.
        ([("开", "v"), ("罗晴", "PER"), ("20", "m")], [("开罗", "LOCATION")]),
        ([("塔", "LOC"), ("科马市", "LOC")], [("塔科马市", "LOCATION")]),
        # A surname with how one addresses its bearer: the name is the surname.
        ([("李老师", "PER"), ("看", "v")], [("李", "PERSON")]),
        ([("王某", "PER")], [("王", "PERSON")]),
        # A place before a factory is the factory's name.
        ([("济南", "LOC"), ("污水处理厂", "n")], [("济南污水处理厂", "ORG")]),
        # An institution a place heads is an organization, read as one place or as two words
        # (People's Daily dev); a place inside a verb (驻华) heads none.
        ([("斯特拉斯堡总领事馆", "LOC")], [("斯特拉斯堡总领事馆", "ORG")]),
        ([("常州市", "LOC"), ("公安局", "n")], [("常州市公安局", "ORG")]),
        (
            [("泰国", "LOC"), ("驻华", "v"), ("使馆", "n")],
            [("泰国", "LOCATION"), ("华", "LOCATION")],
        ),
        # A title or rank read into a name is left out (People's Daily dev).
        ([("费舍尔议长", "PER"), ("对", "p")], [("费舍尔", "PERSON")]),
        ([("郑弘九段", "PER"), ("执", "v")], [("郑弘", "PERSON")]),
        ([("明仁天皇", "PER")], [("明仁", "PERSON")]),
        # The person a verb of appointing swallowed, before the post (People's Daily dev).
        ([("立即", "d"), ("任命努里", "v"), ("为", "p")], [("努里", "PERSON")]),
        ([("任命", "v"), ("新", "a"), ("的", "u")], []),
        # Chinese names written side by side are as many people, read as one or as two (Weibo
        # train); a transliteration or two names of two characters each stay as read.
        ([("陆毅曹芙嘉", "PER")], [("陆毅", "PERSON"), ("曹芙嘉", "PERSON")]),
        (
            [("赵本山", "PER"), ("金庸", "PER"), ("李银河", "PER")],
            [("赵本山", "PERSON"), ("金庸", "PERSON"), ("李银河", "PERSON")],
        ),
        ([("安德雷斯", "PER")], [("安德雷斯", "PERSON")]),
        ([("周森古沙", "PER")], [("周森古沙", "PERSON")]),
        # An employer in Latin letters after a verb of joining or leaving, or nouns before the
        # post taken there; a generic employer is none.
        ([("跳槽", "v"), ("到", "v"), ("Reka", "nz")], [("Reka", "ORG")]),
        (
            [("加入", "v"), ("了", "u"), ("星尘", "n"), ("智能", "n"), ("担任", "v")],
            [("星尘智能", "ORG")],
        ),
        ([("加入", "v"), ("公司", "n"), ("担任", "v")], []),
        ([("离开", "v"), ("北京", "LOC")], [("北京", "LOCATION")]),
        ([("离开", "v"), ("Wuppertal", "nz"), ("回国", "v")], []),
        ([("离职", "v"), ("Reka", "nz"), ("后", "f")], [("Reka", "ORG")]),
    ],
)
def test_lac_corrections(pairs, expected):
    assert quoted(pairs) == expected


def test_lac_reads_chinese_and_leaves_other_languages_alone():
    recognizer = lac.LacRecognizer()
    text = "于佳慧离开OpenAI后加入了位于加州的Meta。\n张三在北京市工作"
    found = {(text[m.start : m.end], m.label) for m in recognizer.recognize(text, "zh")}
    assert {("于佳慧", "PERSON"), ("张三", "PERSON"), ("北京市", "LOCATION")} <= found
    assert recognizer.recognize("Yu Jiahui joined Meta.", "en") == []


def test_a_long_line_is_read_in_pieces_with_offsets_kept():
    text = "长" * 450 + "。张三在北京工作"
    found = {(text[m.start : m.end], m.label) for m in lac.LacRecognizer().recognize(text, "zh")}
    assert ("张三", "PERSON") in found
    assert all(len(piece) <= 200 for _, piece in lac.pieces(text))


def test_engines_are_checked_by_name():
    assert check_engine("rules") == "rules" and check_engine("lac") == "lac"
    with pytest.raises(EngineError, match="unknown engine 'bert'"):
        check_engine("bert")
    with pytest.raises(EngineError, match="no spaCy pipeline 'xx_missing'"):
        check_engine("spacy:xx_missing")


def test_a_spacy_pipeline_of_the_users_suggests_people_places_and_organizations(tmp_path):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Lucas Beyer"},
            {"label": "GPE", "pattern": "Zurich"},
            {"label": "MONEY", "pattern": "$100 million"},
        ]
    )
    folder = tmp_path / "pipeline"
    nlp.to_disk(folder)
    engine = f"spacy:{folder}"
    assert check_engine(engine) == engine
    db = open_store(tmp_path / "t.db", seed=False)
    set_engine(db, engine)
    text = "Lucas Beyer left Zurich for $100 million."
    found = {(text[m.start : m.end], m.label) for m in recognizer_for(db).recognize(text, "en")}
    # spaCy's people and places; the money stays the rules' (with its value).
    assert {("Lucas Beyer", "PERSON"), ("Zurich", "LOCATION"), ("$100 million", "MONEY")} <= found


def test_an_engine_upgrade_refreshes_suggestions_and_keeps_decisions(db, monkeypatch):
    assert engine_of(db) == "lac"
    doc = next(d for d in list_documents(db) if d.lang == "zh")
    spans = spans_for_document(db, doc.id)
    accepted = next(s for s in spans if s.quote == "于佳慧")
    rejected = next(s for s in spans if s.label == "LOCATION")
    decide_span(db, accepted.id, "accepted", "ana")
    decide_span(db, rejected.id, "rejected", "ana")
    assert pending_documents(db, recognizer_for(db)) == []
    monkeypatch.setattr(lac, "CORRECTIONS_VERSION", "upgraded")
    upgraded = recognizer_for(db)
    assert upgraded.version.endswith("+upgraded")
    assert doc.id in pending_documents(db, upgraded)
    refresh_pending(db)
    assert pending_documents(db, upgraded) == []
    after = {s.id: s for s in spans_for_document(db, doc.id)}
    assert after[accepted.id].status == "accepted" and after[rejected.id].status == "rejected"
    assert any(s.status == "suggested" and s.origin == "lac" for s in after.values())
    run = db.execute(
        "SELECT recognizer, version FROM suggestion_runs WHERE document_id = ?", [doc.id]
    ).fetchall()
    assert run == [("talent-rules+lac", upgraded.version)]


def test_a_suggestion_both_stages_agree_on_keeps_its_id(db):
    # The rules paint first and the model's suggestions follow, document after document: a span
    # the user is acting on must survive the second stage when the model suggests it too.
    documents = list_documents(db)
    zh = next(d for d in documents if d.lang == "zh")
    first = None
    for stage in suggestion_stages(db):
        for doc in documents:
            store_suggestions(db, doc.id, stage.recognize(doc.text, doc.lang), stage)
        first = first or {(s.start, s.end, s.label): s.id for s in spans_for_document(db, zh.id)}
    second = {(s.start, s.end, s.label): s for s in spans_for_document(db, zh.id)}
    agreed = set(first) & set(second)
    assert agreed and all(second[key].id == first[key] for key in agreed)
    yu = next(key for key in agreed if second[key].quote == "于佳慧")
    decide_span(db, first[yu], "accepted", "ana")
    assert {s.id: s for s in spans_for_document(db, zh.id)}[first[yu]].status == "accepted"


async def test_the_reader_paints_rule_suggestions_before_the_model_loads(tmp_path, monkeypatch):
    from tui.app import TalentApp

    loading, release = threading.Event(), threading.Event()
    load = lac._model

    def slow_model():
        loading.set()
        release.wait(60)
        return load()

    monkeypatch.setattr(lac, "_model", slow_model)
    db_path = tmp_path / "t.db"
    app = TalentApp(open_store(db_path, suggest=False), db_path)
    async with app.run_test(size=(160, 48)) as pilot:
        # The model is loading (held here): the article is on screen with the rules' suggestions.
        assert await asyncio.to_thread(loading.wait, 60)
        await pilot.pause()
        left, right = app.reader.panes
        shown = [pane.view.document for pane in (left, right)]
        assert all(shown)
        zh = next(pane for pane in (left, right) if pane.view.document.lang == "zh")
        origins = {s.origin for s in zh.view.spans}
        assert origins and "lac" not in origins
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "lac" in {s.origin for s in zh.view.spans}


async def test_the_palette_changes_the_engine_and_suggestions_follow(tmp_path):
    from tui.app import TalentApp

    db_path = tmp_path / "t.db"
    db = open_store(db_path)
    app = TalentApp(db, db_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+p")
        await pilot.press(*"engine: rules")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert engine_of(db) == "rules"
        assert "suggestions of rules stored for 2 document(s)" in str(
            app.reader.query_one("#status").render()
        )
        runs = {row[0] for row in db.execute("SELECT recognizer FROM suggestion_runs")}
        assert runs == {"talent-rules"}
        zh = next(p for p in app.reader.panes if p.view.document.lang == "zh")
        assert zh.view.spans and "lac" not in {s.origin for s in zh.view.spans}
