"""The window by keyboard alone: Tab reaches the timeline and a frame shows it, the View
keys work wherever the focus is (except in text fields), PgUp/PgDn and Shift+arrows pan,
Enter opens a counted badge, the lists show which entry has the focus, and a whole task
(filter, search, select, step, export) is done with keys only."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.ui.export_dialog import ExportDialog
from timeline_app.ui.theme import contrast, focus_colour

Key = QtCore.Qt.Key
SHIFT = QtCore.Qt.KeyboardModifier.ShiftModifier
LAPTOP = QtCore.QSize(1366, 768)


def press(qtbot, key: Key, modifier=QtCore.Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed wherever the focus is now, as a person would."""
    widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def tab_to(qtbot, target: QtWidgets.QWidget, most: int = 30) -> int:
    """Press Tab until `target` has the focus; how many presses it took."""
    for presses in range(1, most + 1):
        press(qtbot, Key.Key_Tab)
        if QtWidgets.QApplication.focusWidget() is target:
            return presses
    raise AssertionError(f"Tab never reached {target!r}")


def close_to(a: QtGui.QColor, b: QtGui.QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def frame_share(window, colour: QtGui.QColor) -> float:
    """How much of the line just inside the plot's edge is drawn in `colour`."""
    plot = window.timeline.plot
    image = window.timeline.grab().toImage()
    rect = plot.geometry()
    points = [QtCore.QPoint(x, y) for x in range(rect.left() + 4, rect.right() - 4, 3)
              for y in (rect.top(), rect.bottom())]  # fmt: skip
    points += [QtCore.QPoint(x, y) for y in range(rect.top() + 4, rect.bottom() - 4, 3)
               for x in (rect.left(), rect.right())]  # fmt: skip
    ratio = image.devicePixelRatio()
    hits = sum(
        close_to(image.pixelColor(int(p.x() * ratio), int(p.y() * ratio)), colour) for p in points
    )
    return hits / len(points)


def test_tab_reaches_the_timeline_and_a_frame_shows_it(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy, size=LAPTOP)
    colour = focus_colour(window.palette())
    assert frame_share(window, colour) < 0.2  # no frame while the table has the focus
    press(qtbot, Key.Key_F, QtCore.Qt.KeyboardModifier.ControlModifier)  # the search box
    tab_to(qtbot, window.timeline.plot)
    qtbot.waitUntil(lambda: frame_share(window, colour) > 0.9, timeout=2000)
    assert contrast(colour, QtGui.QColor(window.timeline.theme.background)) >= 3.0
    press(qtbot, Key.Key_Tab)  # and on, out of it: the frame goes
    assert QtWidgets.QApplication.focusWidget() is not window.timeline.plot
    qtbot.waitUntil(lambda: frame_share(window, colour) < 0.2, timeout=2000)


def test_view_keys_work_from_the_company_list_and_the_timeline(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    companies = window.filter_panel.companies.view
    companies.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
    span = lambda: window.timeline.visible_range()[1] - window.timeline.visible_range()[0]  # noqa: E731
    fitted = window.timeline.visible_range()
    press(qtbot, Key.Key_Plus)
    assert span() == pytest.approx((fitted[1] - fitted[0]) / 1.5, rel=0.01)
    t0, t1 = window.timeline.visible_range()
    press(qtbot, Key.Key_Right, SHIFT)  # pan later by a quarter of the view
    assert window.timeline.visible_range() == pytest.approx((t0 + span() / 4, t1 + span() / 4))
    press(qtbot, Key.Key_Left, SHIFT)
    assert window.timeline.visible_range() == pytest.approx((t0, t1))
    press(qtbot, Key.Key_Minus)
    press(qtbot, Key.Key_Home)
    assert window.timeline.visible_range() == pytest.approx(fitted)
    press(qtbot, Key.Key_Right)
    assert window.controller.selected_id is not None  # the first event in time
    assert QtWidgets.QApplication.focusWidget() is companies  # the focus stayed in the list

    window.focus_timeline()  # Ctrl+T
    assert QtWidgets.QApplication.focusWidget() is window.timeline.plot
    press(qtbot, Key.Key_Plus)
    t0, t1 = window.timeline.visible_range()
    press(qtbot, Key.Key_PageDown)
    assert window.timeline.visible_range() == pytest.approx((t0 + span() / 4, t1 + span() / 4))
    press(qtbot, Key.Key_PageUp)
    assert window.timeline.visible_range() == pytest.approx((t0, t1))


def test_text_fields_keep_their_keys(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    window.controller.select(5)
    search = window.filter_panel.search
    search.setFocus()
    range_before = window.timeline.visible_range()
    qtbot.keyClicks(search, "police")
    qtbot.keyClick(search, Key.Key_Left, SHIFT)  # selects a letter, does not pan
    assert search.selectedText() == "e"
    qtbot.keyClicks(search, "+-")
    assert search.text() == "polic+-"
    assert window.timeline.visible_range() == range_before
    panel = window.filter_panel
    qtbot.mouseClick(panel.from_check, QtCore.Qt.MouseButton.LeftButton)
    panel.from_edit.setFocus()
    qtbot.keyClick(panel.from_edit, Key.Key_Up)  # a day later
    qtbot.keyClick(panel.from_edit, Key.Key_Right, SHIFT)
    qtbot.keyClick(panel.from_edit, Key.Key_Home)
    assert window.timeline.is_fitted() or window.timeline.visible_range() != range_before
    assert window.controller.selected_id == 5  # arrows and Home stayed in the date field


def test_enter_on_a_ringed_badge_zooms_into_it(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy, size=LAPTOP)
    window.focus_timeline()
    badges = [hit for hit in window.timeline.hits() if hit.kind == "cluster"]
    assert badges, "the built-in timeline shows a counted badge when everything is in view"
    press(qtbot, Key.Key_Down)  # rings the first badge
    ringed = window.timeline.keys.focused_badge()
    assert ringed is not None and ringed.count == badges[0].count
    ring = window.timeline.grab().toImage()
    box = window.timeline.rect_of(ringed.box).toRect()
    corner = window.timeline.viewport_widget().mapTo(window.timeline, box.topLeft())
    colour = focus_colour(window.palette())
    ring_pixels = [ring.pixelColor(corner.x() + dx, corner.y() + box.height() // 2)
                   for dx in range(-6, 0)]  # fmt: skip
    assert any(close_to(p, colour) for p in ring_pixels)  # the ring shows which one
    before = window.timeline.visible_range()
    press(qtbot, Key.Key_Return)
    after = window.timeline.visible_range()
    assert after[1] - after[0] < (before[1] - before[0]) / 3
    assert ringed.count <= len(window.timeline.drawn_event_ids())  # now told apart
    assert window.timeline.keys.focused_badge() is None


def test_the_focused_entry_of_a_list_is_clearly_outlined(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    check_list = window.filter_panel.categories
    press(qtbot, Key.Key_F, QtCore.Qt.KeyboardModifier.ControlModifier)
    tab_to(qtbot, check_list.view)
    press(qtbot, Key.Key_Down)
    rect = check_list.view.visualRect(check_list.view.currentIndex())
    image = check_list.view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    base = check_list.view.palette().color(QtGui.QPalette.ColorRole.Base)
    border = [QtCore.QPoint(x, y) for x in range(rect.left() + 2, rect.right() - 2, 2)
              for y in (rect.top() + 1, rect.bottom() - 1)]  # fmt: skip
    colours = [image.pixelColor(int(p.x() * ratio), int(p.y() * ratio)) for p in border]
    strong = [c for c in colours if contrast(c, base) >= 3.0]
    assert len(strong) > 0.9 * len(colours)  # an unbroken outline, 3:1 against the list


def svg_texts(path) -> list[str]:
    tag = "{http://www.w3.org/2000/svg}text"
    return ["".join(n.itertext()) for n in ET.parse(path).getroot().iter(tag)]


def test_main_tasks_by_keyboard_alone(qtbot, make_window, builtin_copy, tmp_path, monkeypatch):
    out = tmp_path / "three.svg"
    monkeypatch.setattr(  # the file dialog is the system's: it answers with this name
        QtWidgets.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), "")
    )
    window = make_window(builtin_copy, size=LAPTOP)
    assert window.main_splitter.sizes()[2] == 0  # nothing selected yet: no empty pane
    ctrl = QtCore.Qt.KeyboardModifier.ControlModifier

    # Filter to three companies: Ctrl+F, Tab to "None", Space, Tab into the list, tick.
    press(qtbot, Key.Key_F, ctrl)
    tab_to(qtbot, window.filter_panel.companies.none_button)
    press(qtbot, Key.Key_Space)
    assert window.count_label.text() == "0 of 19 events"
    tab_to(qtbot, window.filter_panel.companies.view)
    for key in (Key.Key_Down, Key.Key_Space,  # Amazon
                Key.Key_Down, Key.Key_Down, Key.Key_Down, Key.Key_Space,  # IBM
                Key.Key_Down, Key.Key_Space):  # Microsoft  # fmt: skip
        press(qtbot, key)
    assert window.timeline.lane_names() == ["Amazon", "IBM", "Microsoft"]
    assert window.count_label.text() == "12 of 19 events"

    # Search.
    press(qtbot, Key.Key_F, ctrl)
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), "police")
    press(qtbot, Key.Key_Return)
    shown = window.controller.shown_count
    assert 0 < shown < 12 and window.count_label.text() == f"{shown} of 19 events"

    # To the timeline, and step through the events found.
    tab_to(qtbot, window.timeline.plot)
    press(qtbot, Key.Key_Right)
    first = window.controller.selected_id
    assert first is not None and window.main_splitter.sizes()[2] > 0  # the pane opened
    title = window.table.model().event_at(window.table.model().row_of(first)).title
    assert title in window.detail.plain_text()
    press(qtbot, Key.Key_Right)
    assert window.controller.selected_id != first
    press(qtbot, Key.Key_Left)
    assert window.controller.selected_id == first

    # Export: Ctrl+E, Enter in the dialog (its default button saves).
    def answer() -> None:
        dialog = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        qtbot.keyClick(dialog, Key.Key_Return)

    QtCore.QTimer.singleShot(200, answer)
    press(qtbot, Key.Key_E, ctrl)
    qtbot.waitUntil(out.exists, timeout=10_000)
    texts = " ".join(svg_texts(out))
    assert f"{shown} of 19 events" in texts
    assert "Microsoft" in texts and "Oakland" not in texts
