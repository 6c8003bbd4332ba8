"""Each category keeps a (shape, colour) pair of its own and each lane a colour, as the
window, the picture exports and the web page draw them: distinct, kept in the file, and left
alone when categories and companies are added."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.export.web_pages import export_page, page_data
from timeline_app.colours import COMPANY_COLOURS, ColourChoice
from timeline_app.model import appearance, edits
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.editor import Editor
from timeline_app.model.edits import EventFields
from timeline_app.model.importer import import_file_into
from timeline_app.model.store import create_store, open_store
from timeline_app.model.timeline import OpenedTimeline
from timeline_app.model.types import DatePrecision

NEW_CATEGORIES = ["Antitrust", "Lawsuit", "Hearing", "Research", "Partnership", "Recall"]


def looks(db: Path, readonly: bool = False) -> dict[str, tuple[str, str]]:
    """Category name -> (shape, colour) as the window and the picture exports draw it."""
    with OpenedTimeline.open(db, readonly=readonly) as timeline:
        colours = ColourChoice.of_timeline(timeline)
        return {
            name: (colours.shape(cid).name, colours.category_hex(cid).lower())
            for cid, name in timeline.categories
        }


def import_events(db: Path, tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    """(company, category) rows, one day-precise event each, through `timeline-app import`."""
    events = [
        {"company": company, "category": category, "title": f"{company} {category} {n}",
         "start": f"2021-03-{n % 28 + 1:02d}", "precision": "day"}
        for n, (company, category) in enumerate(rows)
    ]  # fmt: skip
    path = tmp_path / f"import-{len(rows)}-{rows[0][1]}.json"
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    import_file_into(path, db)


def test_thirteen_categories_get_thirteen_distinct_pairs_and_an_import_moves_none(tmp_path):
    db = tmp_path / "timeline.db"
    shutil.copyfile(builtin_database_path(), db)
    before = looks(db, readonly=True)  # as the shipped file is shown (nothing stored)
    assert len(set(before.values())) == len(before) == 7
    # "Antitrust" sorts first: it once moved every other category's shape and colour.
    import_events(db, tmp_path, [("IBM", name) for name in NEW_CATEGORIES])
    after = looks(db)
    assert len(after) == 13
    assert len(set(after.values())) == 13, after  # no two categories look alike
    assert {name: after[name] for name in before} == before  # nobody changed
    # The web page export draws the same pairs as the window.
    page = page_data(export_page(tmp_path / "t.html", "--db", str(db)))
    assert {row[0]: (row[4], row[1].lower()) for row in page["categories"]} == after
    # Stored in the file: a later category, even a first one by name, moves nobody.
    import_events(db, tmp_path, [("Amazon", "Aaa first")])
    again = looks(db)
    assert {name: again[name] for name in after} == after
    assert len(set(again.values())) == 14


def test_a_read_only_file_is_shown_with_the_pairs_a_write_would_store(tmp_path):
    db = tmp_path / "timeline.db"
    shutil.copyfile(builtin_database_path(), db)
    shown = looks(db, readonly=True)
    with open_store(db, readonly=True) as store:
        assert appearance.stored_shapes(store.conn) == {}  # nothing written for showing
    with open_store(db) as store:
        Editor(store).change("rename", lambda conn: edits.rename(conn, "company", 1, "IBM Corp"))
        assert len(appearance.stored_shapes(store.conn)) == 7
    assert looks(db) == shown


def test_neighbouring_lanes_never_share_a_colour_with_more_companies_than_colours(tmp_path):
    # Names sort so that ids 1, 11, 21 are neighbours: the palette's colour by id (the old
    # rule) gave them all the same colour.
    names = [f"{(k - 1) % 10:02d}-{(k - 1) // 10} Org" for k in range(1, 2 * len(COMPANY_COLOURS))]
    db = tmp_path / "many.db"
    create_store(db).close()
    import_events(db, tmp_path, [(name, "Policy") for name in names])
    with OpenedTimeline.open(db) as timeline:
        colours = ColourChoice.of_timeline(timeline)
        lanes = [lane.company for lane in timeline.visible.lanes]  # by name, as first shown
        assert len(lanes) > len(COMPANY_COLOURS) > 10
        drawn = [colours.company_hex(company.id) for company in lanes]
        assert all(a != b for a, b in zip(drawn, drawn[1:], strict=False)), drawn
        # The first twenty lanes all differ, whatever the order or filter.
        first = [colours.company_hex(cid) for cid in range(1, len(COMPANY_COLOURS) + 1)]
        assert len(set(first)) == len(COMPANY_COLOURS)
        kept = dict(timeline.colours["company"])
    # A company added later leaves every lane's colour as it was, and avoids its neighbours.
    import_events(db, tmp_path, [("00-05 Org", "Policy")])
    with OpenedTimeline.open(db) as timeline:
        colours = ColourChoice.of_timeline(timeline)
        assert {cid: timeline.colours["company"][cid] for cid in kept} == kept
        drawn = [colours.company_hex(lane.company.id) for lane in timeline.visible.lanes]
        assert all(a != b for a, b in zip(drawn, drawn[1:], strict=False)), drawn


def test_an_edit_that_adds_a_category_stores_its_pair_and_undo_takes_it_away(tmp_path):
    db = tmp_path / "new.db"
    with create_store(db) as store:
        editor = Editor(store)
        for n in range(13):
            fields = EventFields("Acme", f"Event {n}", f"2020-01-{n + 1:02d}",
                                 DatePrecision.DAY, category=f"Kind {n:02d}")  # fmt: skip
            _event, step = editor.change(
                "add", lambda conn, f=fields: edits.save_event(conn, None, f)
            )
        assert len(appearance.stored_shapes(store.conn)) == 13
        editor.undo(step)
        assert len(appearance.stored_shapes(store.conn)) == 12
    pairs = looks(db)
    assert len(set(pairs.values())) == len(pairs) == 12


def test_looks_a_file_lacked_are_stored_outside_the_first_edit_and_stay_after_its_undo(
    tmp_path,
):
    """The shipped file stores no looks: the first edit stores them, but they are not part
    of its step (undo would take away looks it did not give, and every edit and undo of a
    file with hundreds of lanes would write them all again)."""
    db = tmp_path / "timeline.db"
    shutil.copyfile(builtin_database_path(), db)
    shown = looks(db, readonly=True)
    with open_store(db) as store:
        editor = Editor(store)
        _, step = editor.change("retitle", lambda conn: conn.execute(
            "UPDATE events SET title = 'Renamed' WHERE id = 1"))  # fmt: skip
        assert not step.touched.meta  # the step changed a title, nothing else
        assert len(appearance.stored_shapes(store.conn)) == 7
        stored = appearance.stored_colours(store.conn, "company")
        assert not editor.undo(step).meta
        assert appearance.stored_colours(store.conn, "company") == stored
        assert len(appearance.stored_shapes(store.conn)) == 7
        assert not editor.redo(step).meta
    assert looks(db) == shown
