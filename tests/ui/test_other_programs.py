"""The window while other programs use the same file: a write in progress is waited out
without an error, and whatever another program commits appears in the window with the
selection and the view kept. A change the timeline cannot show closes the file, saying why."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from timeline_app.model import query
from timeline_app.model.dates import DatePrecision, validate_span
from timeline_app.ui.controller import WATCH_MS
from timeline_app.ui.detail_pane import WAITING

WAIT = WATCH_MS * 5  # a few ticks of the watcher


def unexpected_errors() -> list[QtWidgets.QMessageBox]:
    return [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, QtWidgets.QMessageBox) and w.isVisible()
    ]


def other_program(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, timeout=5)


def event_titled(window, words: str) -> int:
    store = window.controller.store
    return next(e.id for e in query.find_events(store) if words in e.title)


def test_a_write_in_progress_is_waited_out_without_an_error(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    target = event_titled(window, "IBM")
    holder = other_program(builtin_copy)
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of a write
    try:
        window.controller.select(target)
        QtWidgets.QApplication.processEvents()
        assert window.detail.plain_text().strip() == WAITING
        assert "being written by another program" in window.statusBar().currentMessage()
        window.table.table_model.refetch()  # rows read now come back later
        window.grab()
        assert not unexpected_errors()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(lambda: "IBM" in window.detail.plain_text(), timeout=WAIT)
    assert window.table.titles()[0]  # the table reads its rows again
    assert not unexpected_errors()


def test_rows_another_program_adds_appear_with_selection_and_view_kept(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    assert window.count_label.text() == "19 of 19 events"
    target = event_titled(window, "IBM")
    window.controller.select(target)
    view = (window.timeline.visible_range()[0] + 86_400 * 30, window.timeline.visible_range()[1])
    window.timeline.set_visible_range(*view)
    conn = other_program(builtin_copy)
    conn.execute(
        "INSERT INTO events (company_id, category_id, title, start_date, precision) "
        "SELECT company_id, category_id, 'Added by another program', '2020-06-12', 'day' "
        "FROM events WHERE id = ?",
        (target,),
    )
    conn.close()
    qtbot.waitUntil(lambda: window.count_label.text() == "20 of 20 events", timeout=WAIT)
    assert window.controller.selected_id == target
    assert "IBM" in window.detail.plain_text()
    assert window.timeline.visible_range() == pytest.approx(view)
    assert "Added by another program" in window.table.titles()
    window.controller.set_text("another program")
    assert window.count_label.text() == "1 of 20 events"  # found by search too


def test_a_date_moved_by_another_program_moves_the_marker(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    target = event_titled(window, "IBM")
    other_program(builtin_copy).execute(
        "UPDATE events SET start_date = '2019-01-15', end_date = NULL, precision = 'day' "
        "WHERE id = ?",
        (target,),
    )
    moved = validate_span("2019-01-15", None, DatePrecision.DAY).start_ts

    def moved_in_window() -> bool:
        visible = window.controller.visible
        position = visible.position_of(target)
        return position is not None and int(visible.index.start[position]) == moved

    qtbot.waitUntil(moved_in_window, timeout=WAIT)
    window.controller.select(target)
    assert "15 January 2019" in window.detail.plain_text()


def test_an_import_from_the_command_line_while_the_window_is_open(
    qtbot, make_window, builtin_copy, tmp_path
):
    window = make_window(builtin_copy)
    rows = tmp_path / "rows.csv"
    lines = ["company,title,category,start"]
    lines += [f"Newco,Announcement {n},Statement,2021-01-{1 + n % 28:02d}" for n in range(300)]
    rows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", "from timeline_app.cli import main; raise SystemExit(main())",
         "import", str(rows), "--db", str(builtin_copy)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    while process.poll() is None:  # the window keeps reading while the import writes
        window.table.table_model.refetch()
        window.controller.check_for_changes()
        qtbot.wait(20)
    _out, err = process.communicate()
    assert process.returncode == 0, err
    qtbot.waitUntil(lambda: window.count_label.text() == "319 of 319 events", timeout=WAIT)
    assert "Newco" in window.timeline.lane_names()
    assert not unexpected_errors()


def test_a_change_the_timeline_cannot_show_closes_the_file_saying_why(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    conn = other_program(builtin_copy)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM companies WHERE name = 'IBM'")  # its event now has no lane
    conn.close()
    qtbot.waitUntil(lambda: window.controller.store is None, timeout=WAIT)
    (box,) = unexpected_errors()
    assert "can no longer be shown" in box.text() and "company" in box.informativeText()
    assert window.timeline.lane_names() == []
    assert window.count_label.text() == "No file open"
    box.close()


def test_the_watcher_costs_nothing_when_nothing_changed(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    before = window.controller.visible
    for _ in range(3):
        window.controller.check_for_changes()
    assert window.controller.visible is before  # nothing read again
    QtCore.QCoreApplication.processEvents()


def test_a_change_while_another_program_writes_is_refused_in_words_and_works_after(
    qtbot, make_window, builtin_copy, monkeypatch
):
    """The first change of a session reads the file's tables to keep its undo record: with
    another program in the middle of a write, Delete says so (no "unexpected error") and
    changes nothing; once that program is done, Delete works."""
    from timeline_app.ui import editing

    monkeypatch.setattr(editing, "WRITE_WAIT_MS", 50)  # (the real wait is seconds)
    window = make_window(builtin_copy)
    target = event_titled(window, "IBM")
    window.controller.select(target)
    said: list[str] = []
    window.controller.errorRaised.connect(said.append)
    holder = other_program(builtin_copy)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        window.table.setFocus()
        qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Delete)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(said) == 1 and "is being written by another program" in said[0]
    assert "Nothing was changed" in said[0]
    boxes = unexpected_errors()  # the message, shown as a person would read it
    assert len(boxes) == 1 and "being written by another program" in boxes[0].text()
    for box in boxes:
        box.close()
    assert window.count_label.text() == "19 of 19 events"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.controller.select(target)
    window.table.setFocus()
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.count_label.text() == "18 of 18 events", timeout=WAIT)
