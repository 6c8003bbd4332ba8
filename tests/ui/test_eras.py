"""Eras and the timeline's title in the window, as a person uses them: Edit > Eras and
title…, type, OK; the band appears across the lanes at once; Ctrl+Z takes it away; a
refused date is explained under its field; exports draw the eras and use the title."""

from __future__ import annotations

import datetime
import sqlite3

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from timeline_app.model.dates import epoch_seconds
from timeline_app.ui.eras_dialog import ErasDialog

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier


def open_eras(qtbot, window) -> ErasDialog:
    window.eras_action.trigger()
    dialog = window.eras_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def type_era(qtbot, dialog: ErasDialog, name: str, start: str, end: str) -> None:
    qtbot.mouseClick(dialog.new_button, QtCore.Qt.MouseButton.LeftButton)
    form = dialog.form
    qtbot.waitUntil(form.isVisible)
    for field, text in ((form.name, name), (form.start, start), (form.end, end)):
        field.setFocus()
        qtbot.keyClicks(field, text)
    qtbot.keyClick(form.end, QtCore.Qt.Key.Key_Return)


def stored_eras(path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name, start_date, end_date FROM eras").fetchall()
    finally:
        conn.close()


def test_a_typed_era_is_shaded_across_the_lanes_and_undone_with_ctrl_z(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    window.timeline.set_visible_range(
        epoch_seconds(datetime.date(2020, 1, 1)),
        epoch_seconds(datetime.date(2021, 1, 1)),
    )
    dialog = open_eras(qtbot, window)
    assert dialog.empty.isVisible()

    type_era(qtbot, dialog, "California AB 2261 debate", "2020-05", "2020-08")

    assert not dialog.form.isVisible()
    assert stored_eras(builtin_copy) == [("California AB 2261 debate", "2020-05-01", "2020-08-31")]
    assert dialog.table.item(0, 0).text() == "California AB 2261 debate"
    ((name, left, right),) = window.timeline.eras.drawn()
    width = window.timeline.viewbox.width()
    assert name == "California AB 2261 debate"
    assert 0.3 * width < left < right < 0.7 * width  # May to August of a year in view
    ((text, box),) = window.timeline.eras.name_boxes()  # named above the lanes, on no event
    assert text == "California AB 2261 debate"
    assert box.bottom() <= window.timeline.slots[0].top < box.bottom() + 8
    picture = window.timeline.plot.grab().toImage()
    offset = window.timeline.viewbox.sceneBoundingRect().left()  # the lane names' width
    inside, outside = int(offset + (left + right) / 2), int(offset + left - 40)
    assert _green(picture, inside) < _green(picture, outside) - 5  # the violet tint

    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL)
    assert window.timeline.eras.drawn() == []
    assert stored_eras(builtin_copy) == []
    assert dialog.empty.isVisible()


def _green(picture: QtGui.QImage, x: int) -> float:
    """The median green of a column of pixels: the era's violet tint lowers it (the median,
    so that the events the column crosses, more or fewer as the layout shifts, count not)."""
    colours = [QtGui.QColor(picture.pixel(x, y)) for y in range(20, picture.height() - 60, 7)]
    return float(np.median([c.green() for c in colours]))


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        ("2020-06", "2019", "before the start 2020-06-01"),
        # a typo is refused, not stretched to the year 9999 (which broke every export)
        ("2020-01", "2020-31", "'2020-31' is not a real date"),
    ],
)
def test_a_refused_end_is_explained_and_nothing_is_stored(
    qtbot, make_window, builtin_copy, start, end, said
):
    window = make_window(builtin_copy)
    dialog = open_eras(qtbot, window)

    type_era(qtbot, dialog, "Typed era", start, end)

    form = dialog.form
    assert form.isVisible()  # kept open for a correction
    assert form.errors["end"].isVisible()
    assert said in form.errors["end"].text()
    assert stored_eras(builtin_copy) == []


def test_an_era_is_edited_and_deleted_from_the_list(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    dialog = open_eras(qtbot, window)
    type_era(qtbot, dialog, "Debate", "2020", "2020")
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.edit_button, QtCore.Qt.MouseButton.LeftButton)
    form = dialog.form
    assert form.name.text() == "Debate" and form.start.text() == "2020-01-01"
    form.name.selectAll()
    qtbot.keyClicks(form.name, "AB 2261 debate")
    qtbot.keyClick(form.name, QtCore.Qt.Key.Key_Return)
    assert stored_eras(builtin_copy) == [("AB 2261 debate", "2020-01-01", "2020-12-31")]
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.delete_button, QtCore.Qt.MouseButton.LeftButton)
    assert stored_eras(builtin_copy) == []
    assert window.undo_action.text() == "&Undo delete era “AB 2261 debate”"


def test_the_title_is_kept_in_the_file_and_heads_the_exports(
    qtbot, make_window, builtin_copy, tmp_path
):
    window = make_window(builtin_copy)
    dialog = open_eras(qtbot, window)
    dialog.title.setFocus()
    qtbot.keyClicks(dialog.title, "Big Tech and police face recognition, 2020")
    qtbot.keyClick(dialog.title, QtCore.Qt.Key.Key_Return)
    conn = sqlite3.connect(builtin_copy)
    (title,) = conn.execute("SELECT value FROM meta WHERE key = 'title'").fetchone()
    conn.close()
    assert title == "Big Tech and police face recognition, 2020"
    page = tmp_path / "page.html"
    from timeline_app.cli import main

    assert main(["export", "--db", str(builtin_copy), "--out", str(page)]) == 0
    assert '<h1 id="title">Big Tech and police face recognition, 2020</h1>' in page.read_text(
        encoding="utf-8"
    )


def test_an_era_is_added_with_the_keyboard_alone(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    dialog = open_eras(qtbot, window)
    dialog.new_button.setFocus()
    qtbot.keyClick(dialog.new_button, QtCore.Qt.Key.Key_Space)
    form = dialog.form
    qtbot.waitUntil(form.isVisible)
    qtbot.waitUntil(lambda: form.name.hasFocus() or form.focusWidget() is form.name)
    qtbot.keyClicks(form.name, "Moratoria")
    qtbot.keyClick(form.name, QtCore.Qt.Key.Key_Tab)
    qtbot.keyClicks(form.focusWidget(), "2020-06")
    qtbot.keyClick(form.focusWidget(), QtCore.Qt.Key.Key_Tab)
    qtbot.keyClicks(form.focusWidget(), "2020-12")
    qtbot.keyClick(form.focusWidget(), QtCore.Qt.Key.Key_Return)
    assert stored_eras(builtin_copy) == [("Moratoria", "2020-06-01", "2020-12-31")]


def test_an_era_that_runs_to_the_last_day_there_is_draws_and_exports(builtin_copy, tmp_path):
    from timeline_app.cli import main

    conn = sqlite3.connect(builtin_copy)
    with conn:
        conn.execute(
            "INSERT INTO eras (name, start_date, end_date) VALUES ('Ever after', '2020-01-01', "
            "'9999-12-31')"
        )
    conn.close()
    for name in ("eras.png", "eras.svg"):
        assert main(["export", "--db", str(builtin_copy), "--out", str(tmp_path / name)]) == 0
        assert (tmp_path / name).stat().st_size > 0
