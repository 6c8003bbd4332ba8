"""A file may be crafted: what it holds is shown as text and can neither hide, reorder nor
restyle what is around it, no value it holds can crash or hang the window, and an event the
timeline cannot place is refused by name."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6 import QtGui, QtWidgets

from timeline_app.ui import app as app_module
from timeline_app.ui.shown_text import tooltip
from timeline_app.ui.timeline.layer import EventLayer


def sneak(path: Path, *statements: str) -> None:
    """Write what the schema refuses, as another program can with its checks turned off."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for statement in statements:
        conn.execute(statement)
    conn.close()


def plain(html: str) -> str:
    return QtGui.QTextDocumentFragment.fromHtml(html).toPlainText()


def test_a_tooltip_shows_markup_as_typed():
    for text in ("<b>Evil</b> & Co", "a <img src=x> b", "line one\nline two"):
        assert plain(tooltip(text)) == text


def test_hovering_a_company_with_markup_shows_its_name_as_typed(
    qtbot, make_window, write_db, tmp_path
):
    db = write_db(
        tmp_path / "markup.db",
        [{"company": "<b>Evil</b> & Co", "title": "<i>Launch</i>", "start": "2021-05-04"}],
    )
    window = make_window(db)
    (event_id,) = [int(i) for i in window.controller.shown_ids()]
    point = window.timeline.point_of_event(event_id)
    viewport = window.timeline.viewport_widget()
    qtbot.mouseMove(viewport, point)
    qtbot.waitUntil(QtWidgets.QToolTip.isVisible, timeout=2000)
    assert plain(QtWidgets.QToolTip.text()).splitlines()[0] == "<b>Evil</b> & Co"
    assert "<i>Launch</i>" in plain(QtWidgets.QToolTip.text())
    item = window.filter_panel.companies.item_for_text("<b>Evil</b>")
    assert plain(item.toolTip()).startswith("<b>Evil</b> & Co:")


def test_invisible_and_direction_characters_are_shown_not_obeyed(
    qtbot, make_window, write_db, tmp_path
):
    db = write_db(
        tmp_path / "lookalikes.db",
        [
            {"company": "IBM", "title": "Real", "start": "2021-05-04"},
            {"company": "Other", "title": "Fake one", "start": "2021-05-05"},
            {"company": "Third", "title": "Fake two", "start": "2021-05-06"},
        ],
    )
    sneak(
        db,
        "UPDATE companies SET name = 'IBM' || char(8203) WHERE name = 'Other'",
        "UPDATE companies SET name = char(8238) || 'MBI' WHERE name = 'Third'",
        "UPDATE events SET title = 'Fake ' || char(8238) || 'owt' WHERE title = 'Fake two'",
    )
    window = make_window(db)
    lanes = {name for _, name in window.timeline.axis_lanes._tickLevels[0]}
    assert {"IBM", "IBM<U+200B>", "<U+202E>MBI"} <= lanes
    entries = [item.text() for item in map(window.filter_panel.companies.model.item, range(3))]
    assert "IBM<U+200B> (1)" in entries and "<U+202E>MBI (1)" in entries
    titles = window.table.titles()
    assert "Fake <U+202E>owt" in titles
    target = [e for e in window.controller.events_by_ids(window.controller.shown_ids()).values()
              if e.title.startswith("Fake \u202e")][0]  # fmt: skip
    window.controller.select(target.id)
    text = window.detail.plain_text()
    assert "<U+202E>MBI" in text and "Fake <U+202E>owt" in text
    assert window.timeline.label_texts() and all(
        "\u202e" not in label and "\u200b" not in label for label in window.timeline.label_texts()
    )


def test_text_longer_than_the_rules_allow_is_cut_not_waited_on(
    qtbot, make_window, write_db, tmp_path
):
    db = write_db(
        tmp_path / "huge.db", [{"company": "Acme", "title": "Short", "start": "2021-05-04"}]
    )
    huge = "word" * 1_250_000  # five million characters, no space
    sneak(db, f"UPDATE events SET title = '{huge}', summary = '{huge}'")
    window = make_window(db)
    (event_id,) = [int(i) for i in window.controller.shown_ids()]
    window.controller.select(event_id)
    QtWidgets.QApplication.processEvents()
    window.grab()
    assert len(window.detail.plain_text()) < 25_000
    (title,) = window.table.titles()
    assert len(title) == 500 and title.endswith("…")


def test_a_title_stored_as_bytes_is_shown_not_crashed_on(qtbot, make_window, write_db, tmp_path):
    db = write_db(tmp_path / "blob.db", [{"company": "Acme", "title": "T", "start": "2021-05-04"}])
    sneak(db, "UPDATE events SET title = x'4869ff'")
    window = make_window(db)
    (event_id,) = [int(i) for i in window.controller.shown_ids()]
    window.controller.select(event_id)
    window.grab()
    assert window.table.titles() == ["Hi\ufffd"]


def test_an_event_the_timeline_cannot_place_is_refused_by_name(
    qtbot, make_window, write_db, builtin_copy, tmp_path
):
    evil = write_db(
        tmp_path / "evil.db", [{"company": "Acme", "title": "Far", "start": "2021-05-04"}]
    )
    conn = sqlite3.connect(evil, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE events SET company_id = 999")
    conn.close()
    window = make_window(builtin_copy)
    assert not window.open_path(evil)
    box = window.messages[-1]
    assert "event" in box.informativeText() and "Far" in box.informativeText()
    assert "company 999" in box.informativeText()
    assert window.count_label.text() == "19 of 19 events"  # the open file is kept
    box.close()


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("where", ["layer", "overview"])
def test_an_error_while_painting_is_reported_once_and_survived(
    qtbot, make_window, builtin_copy, monkeypatch, where
):
    """PySide6 can crash outright when an exception leaves a paint method: it never does."""
    reported = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: reported.append(info[1]))

    def broken(*_args, **_kwargs):
        raise ValueError(f"broken {where} painting")

    if where == "layer":
        monkeypatch.setattr(EventLayer, "_paint_lane", broken)
    else:
        monkeypatch.setattr("timeline_app.ui.timeline.overview.paint_overview", broken)
    window = make_window(builtin_copy)
    for _ in range(3):
        window.grab()
        window.timeline.zoom(1.5)
        qtbot.wait(10)
    assert [str(exc) for exc in reported] == [f"broken {where} painting"]
    monkeypatch.undo()
    window.grab()
    assert window.timeline.drawn_event_ids()  # painting again once the fault is gone


def test_the_command_line_names_an_event_it_cannot_show(write_db, tmp_path):
    evil = write_db(
        tmp_path / "evil.db", [{"company": "Acme", "title": "Far", "start": "2021-02-03"}]
    )
    conn = sqlite3.connect(evil, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE events SET category_id = 999")
    conn.close()
    done = subprocess.run(
        [sys.executable, "-c", "from timeline_app.cli import main; raise SystemExit(main())",
         str(evil), "--screenshot", str(tmp_path / "x.png")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "category 999" in errors[0] and str(evil) in errors[0]
    assert not (tmp_path / "x.png").exists()


def test_an_event_given_on_the_command_line_is_selected_with_its_sources(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    window.controller.set_text("nothing matches this")
    assert app_module.select_on_start(window, 5)
    assert window.controller.selected_id == 5
    assert "WHAT THE SOURCE SAYS" in window.detail.plain_text()
    assert not app_module.select_on_start(window, 99_999)


def test_screenshot_of_an_event_from_the_command_line(tmp_path, builtin_copy):
    out = tmp_path / "event.png"
    done = subprocess.run(
        [sys.executable, "-c", "from timeline_app.cli import main; raise SystemExit(main())",
         str(builtin_copy), "--event", "5", "--screenshot", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    image = QtGui.QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600
    missing = subprocess.run(
        [sys.executable, "-c", "from timeline_app.cli import main; raise SystemExit(main())",
         str(builtin_copy), "--event", "99999", "--screenshot", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert missing.returncode == 1 and "has no event 99999" in missing.stderr


def test_a_crafted_timeline_cache_is_found_out_and_rebuilt(qtbot, make_window, builtin_copy):
    """The cache says it was built at the file's current events_version, but its dates are
    not the rows': the window's background check compares it with every row."""
    from dataclasses import replace

    import numpy as np

    from timeline_app.model import lanes
    from timeline_app.model.store import open_store

    with open_store(builtin_copy, readonly=True) as store:
        true = lanes.build_lane_index(store.conn)
        version = store.conn.execute(
            "SELECT value FROM meta WHERE key = 'events_version'"
        ).fetchone()[0]
    moved = replace(true, start=true.start - 86_400 * 30, end=true.end - 86_400 * 30)
    conn = sqlite3.connect(builtin_copy, isolation_level=None)
    conn.execute("UPDATE lane_cache SET data = ?", (lanes.serialise(moved, version),))
    conn.close()
    window = make_window(builtin_copy)
    qtbot.waitUntil(
        lambda: any("did not match its events" in notice for notice in window.notices),
        timeout=10_000,
    )
    index = window.controller.lane_index
    assert np.array_equal(np.sort(index.start), np.sort(true.start))


def test_a_search_index_emptied_by_hand_is_found_out_and_search_finds_again(
    qtbot, make_window, builtin_copy
):
    """Deleting the search index's rows does not touch the events, so only the window's
    background check can see it; a search typed meanwhile is run again once it is rebuilt."""
    conn = sqlite3.connect(builtin_copy, isolation_level=None)
    conn.execute("DELETE FROM events_fts")
    conn.close()
    window = make_window(builtin_copy)
    qtbot.waitUntil(
        lambda: any("search index was out of date" in notice for notice in window.notices),
        timeout=10_000,
    )
    window.filter_panel.search.setFocus()
    qtbot.keyClicks(window.filter_panel.search, "Amazon")
    qtbot.waitUntil(lambda: 0 < window.controller.shown_count < window.controller.total_count)
