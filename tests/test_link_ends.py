"""Saving a link accepts both of its ends: a link to an organization that was only suggested
would fall out of every export that ties links to spans."""

from __future__ import annotations

from store.annotations import links_for_document, spans_for_document
from tests.test_annotate import open_link_form_to_meta
from tests.tui_helpers import make_app
from tui.cli import main


async def test_a_link_to_a_suggested_organization_accepts_its_mention(tmp_path, capsys):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = await open_link_form_to_meta(pilot, app)
        doc_id = view.document.id
        metas = [s for s in spans_for_document(app.db, doc_id) if s.quote == "Meta"]
        assert metas and all(s.status == "suggested" for s in metas)
        await pilot.press("enter")
        await pilot.pause()
    (link,) = links_for_document(app.db, doc_id)
    accepted = [
        s for s in spans_for_document(app.db, doc_id) if s.label == "ORG" and s.status == "accepted"
    ]
    assert len(accepted) == 1 and accepted[0].entity == link.org
    out = tmp_path / "brat"
    db_path = tmp_path / "talent.db"
    assert main(["export", "--format", "brat", "--out", str(out), "--db", str(db_path)]) == 0
    said = capsys.readouterr().out
    assert "link(s) left out" not in said
    ann = (out / f"{doc_id}.ann").read_text(encoding="utf-8")
    assert "\tjoined Arg1:" in ann
