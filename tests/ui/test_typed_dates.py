"""Dates typed into the filter panel: applied when the user has finished, never rewritten
under the cursor, and the timeline then shows the range chosen."""

from __future__ import annotations

from datetime import date

from PySide6 import QtCore, QtWidgets

from timeline_app.model.dates import epoch_seconds
from timeline_app.ui.filter_panel import DATE_DELAY_MS

DAY = 86_400


def select_day(qtbot, edit: QtWidgets.QDateEdit) -> None:
    """Double-click the day part of the field, as a person does to type over it."""
    line = edit.lineEdit()
    qtbot.mouseDClick(
        line, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(4, line.height() // 2)
    )
    assert edit.currentSection() == QtWidgets.QDateTimeEdit.Section.DaySection


def test_a_typed_day_is_applied_on_enter_as_typed(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    panel, controller = window.filter_panel, window.controller
    qtbot.mouseClick(panel.to_check, QtCore.Qt.MouseButton.LeftButton)
    assert panel.to_edit.text() == "10 Jun 2021"  # the last event's day
    select_day(qtbot, panel.to_edit)
    qtbot.keyClick(panel.to_edit, "2")
    # Half a date is not a filter: "2 Jun" is neither shown as applied nor redrawn.
    assert controller.state.date_to == "2021-06-10"
    qtbot.keyClick(panel.to_edit, "5")
    assert panel.to_edit.text() == "25 Jun 2021"
    qtbot.keyClick(panel.to_edit, QtCore.Qt.Key.Key_Return)
    assert controller.state.date_to == "2021-06-25"
    assert panel.to_edit.text() == "25 Jun 2021"
    qtbot.wait(DATE_DELAY_MS + 100)  # nothing rewrites it later either
    assert panel.to_edit.text() == "25 Jun 2021"
    assert controller.state.date_to == "2021-06-25"


def test_a_typed_date_applies_after_a_pause_and_comes_into_view(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    panel, controller = window.filter_panel, window.controller
    whole = window.timeline.visible_range()
    qtbot.mouseClick(panel.from_check, QtCore.Qt.MouseButton.LeftButton)
    assert panel.from_edit.text() == "1 Jan 2018"
    select_day(qtbot, panel.from_edit)
    qtbot.keyClicks(panel.from_edit, "30Jun2020")  # Qt moves on by itself
    assert panel.from_edit.text() == "30 Jun 2020"
    assert controller.state.date_from == "2018-01-01"  # still typing
    qtbot.waitUntil(lambda: controller.state.date_from == "2020-06-30", timeout=3000)
    assert panel.from_edit.text() == "30 Jun 2020"
    assert window.count_label.text() == "5 of 19 events"
    # The timeline now starts at the chosen day rather than 2018.
    start = epoch_seconds(date(2020, 6, 30))
    t0, t1 = window.timeline.visible_range()
    assert abs(t0 - start) < DAY and t1 > start
    assert t0 - whole[0] > 365 * DAY

    qtbot.mouseClick(panel.to_check, QtCore.Qt.MouseButton.LeftButton)
    select_day(qtbot, panel.to_edit)
    qtbot.keyClicks(panel.to_edit, "28")
    assert controller.state.date_to == "2021-06-10"  # still typing
    qtbot.mouseClick(panel.search, QtCore.Qt.MouseButton.LeftButton)  # leaving it applies it
    assert controller.state.date_to == "2021-06-28"
    t0, t1 = window.timeline.visible_range()
    assert abs(t0 - start) < DAY and abs(t1 - epoch_seconds(date(2021, 6, 29))) < DAY


def test_reset_while_typing_a_date_wins(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    panel, controller = window.filter_panel, window.controller
    qtbot.mouseClick(panel.to_check, QtCore.Qt.MouseButton.LeftButton)
    select_day(qtbot, panel.to_edit)
    qtbot.keyClicks(panel.to_edit, "2")
    qtbot.keyClick(panel.to_edit, QtCore.Qt.Key.Key_R, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert not panel.to_check.isChecked()
    qtbot.wait(DATE_DELAY_MS + 200)  # the half-typed date does not come back
    assert controller.state.date_to is None
    assert window.count_label.text() == "19 of 19 events"
