"""Editing in the window, the way a person does it: open the editor with Enter, F2 or a
double-click, type, save; Delete; Ctrl+Z and Ctrl+Shift+Z; the history list. What the
table, the timeline and the detail pane show follows every step at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.ui.event_editor import EventEditor

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
SHIFT = QtCore.Qt.KeyboardModifier.ShiftModifier
IBM = "IBM ends facial recognition sales and research"


# Which test is running: a wait from an earlier test (for a dialog that, as that test
# checks, never came) must not act on a later test's dialog.
TEST_ROUND = [0]


def when_shown(kind: type, act: Callable[[QtWidgets.QWidget], None], tries: int = 200) -> None:
    """Run `act` on the modal dialog of `kind` once it is shown (its exec() blocks the test
    until `act` closes it); stops waiting when the test ends."""
    round_ = TEST_ROUND[0]

    def poll(left: int = tries) -> None:
        if TEST_ROUND[0] != round_:
            return
        widget = QtWidgets.QApplication.activeModalWidget()
        if isinstance(widget, kind):
            try:
                act(widget)
            finally:  # a failed check must not leave the test waiting on the dialog
                if widget.isVisible() and isinstance(widget, QtWidgets.QDialog):
                    widget.reject()
        elif left:
            QtCore.QTimer.singleShot(25, lambda: poll(left - 1))
        elif widget is not None and isinstance(widget, QtWidgets.QDialog):
            widget.reject()  # another dialog than expected: close it, the test then fails

    QtCore.QTimer.singleShot(0, poll)


def back_to(qtbot, window: QtWidgets.QWidget) -> None:
    """The window is active again once a dialog closes (a window manager does that; the
    offscreen platform has none)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def event_id(path: Path, title: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id FROM events WHERE title = ?", (title,)).fetchone()[0]
    finally:
        conn.close()


def retype(qtbot, field: QtWidgets.QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, QtCore.Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_edit_with_enter_save_undo_and_redo_from_the_keyboard(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    window.controller.select(event_id(builtin_copy, IBM))
    window.table.setFocus()

    def change_title(editor: EventEditor) -> None:
        assert editor.title.text() == IBM
        assert editor.quotes.count() == 1  # its quote is listed
        retype(qtbot, editor.title, "IBM quits face recognition")
        qtbot.keyClick(editor.title, QtCore.Qt.Key.Key_Return)  # Enter saves

    when_shown(EventEditor, change_title)
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Return)
    back_to(qtbot, window)
    assert "IBM quits face recognition" in window.table.titles()
    assert IBM not in window.table.titles()
    assert "IBM quits face recognition" in window.detail.plain_text()
    assert window.undo_action.text() == "&Undo edit event “IBM quits face recognition”"

    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL)
    assert IBM in window.table.titles()
    assert IBM in window.detail.plain_text()  # the selection stayed on the event
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL | SHIFT)
    assert "IBM quits face recognition" in window.table.titles()


def test_a_refused_date_is_explained_next_to_its_field_and_nothing_is_written(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    window.controller.select(event_id(builtin_copy, IBM))
    before = builtin_copy.read_bytes()
    seen: dict[str, str] = {}

    def bad_date(editor: EventEditor) -> None:
        retype(qtbot, editor.start, "2020-02-30")
        qtbot.keyClick(editor.start, QtCore.Qt.Key.Key_Return)
        seen["start"] = editor.errors["start"].text() if editor.errors["start"].isVisible() else ""
        seen["open"] = str(editor.isVisible())
        label = editor.errors["start"]
        qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
        seen["whole"] = "yes"  # the reason's every line is shown, none cut off
        editor.reject()

    when_shown(EventEditor, bad_date)
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_F2)
    assert seen.get("whole") == "yes"
    assert "“2020-02-30” is not a real date of the form YYYY-MM-DD" in seen["start"]
    assert seen["open"] == "True"  # the editor stayed open for a correction
    assert builtin_copy.read_bytes() == before


def test_new_event_then_delete_then_undo_both(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    total = window.controller.total_count

    def fill(editor: EventEditor) -> None:
        editor.company.setFocus()
        qtbot.keyClicks(editor.company, "Clearview AI")
        assert editor.kind.isVisible()  # a new lane: its kind is asked
        retype(qtbot, editor.title, "Clearview AI sued in Illinois")
        editor.category.setEditText("Lawsuit")
        retype(qtbot, editor.start, "2020-05-28")
        editor.box.button(QtWidgets.QDialogButtonBox.StandardButton.Save).click()

    when_shown(EventEditor, fill)
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_N, CTRL)
    back_to(qtbot, window)
    assert window.controller.total_count == total + 1
    assert "Clearview AI" in window.timeline.lane_names()
    new_id = window.controller.selected_id
    assert new_id is not None and "Clearview AI sued in Illinois" in window.detail.plain_text()
    assert "NO SOURCE" in window.detail.plain_text()

    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Delete)
    assert window.controller.total_count == total
    assert "Clearview AI sued in Illinois" not in window.table.titles()
    assert window.controller.selected_id is None

    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL)  # the deletion
    assert "Clearview AI sued in Illinois" in window.table.titles()
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL)  # the addition
    assert window.controller.total_count == total
    assert "Clearview AI" not in window.timeline.lane_names()
    assert not window.undo_action.isEnabled()


def test_double_click_on_a_marker_opens_the_editor(qtbot, make_window, builtin_copy):
    from tests.ui.test_timeline_view import double_click

    window = make_window(builtin_copy)
    target = event_id(builtin_copy, IBM)
    window.controller.select(target)
    point = window.timeline.point_of_event(target)
    titles: list[str] = []

    def look(editor: EventEditor) -> None:
        titles.append(editor.title.text())
        editor.reject()

    when_shown(EventEditor, look)
    double_click(window.timeline.plot.viewport(), point)
    qtbot.waitUntil(lambda: titles == [IBM], timeout=3000)


def test_the_history_lists_every_change_and_goes_back_to_one(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    for title in (IBM, "California bill AB 2261 fails"):
        window.controller.select(event_id(builtin_copy, title))
        qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Delete)
    total = window.controller.total_count
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_H, CTRL)
    view = window.history_dialog.findChild(QtWidgets.QUndoView, "historyList")
    model = view.model()
    lines = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert lines[0] == "The file as it was opened"
    assert lines[1:] == [
        f"delete event “{IBM[:39]}…”",
        "delete event “California bill AB 2261 fails”",
    ]
    view.setCurrentIndex(model.index(0, 0))  # back to the start: both deletions undone
    assert window.controller.total_count == total + 2
    # undone steps look undone (redoable until a new change), and the status bar says what
    # the last undo did, not "Deleted …" any more
    shown = []
    for row in range(model.rowCount()):
        option = QtWidgets.QStyleOptionViewItem()
        view.itemDelegate().initStyleOption(option, model.index(row, 0))
        shown.append((option.text, option.font.italic()))
    assert shown == [
        ("The file as it was opened", False),
        (f"delete event “{IBM[:39]}…” (undone)", True),
        ("delete event “California bill AB 2261 fails” (undone)", True),
    ]
    assert window.statusBar().currentMessage() == f"Undone: delete event “{IBM[:39]}…”."
    view.setCurrentIndex(model.index(1, 0))  # redo the first again
    assert window.statusBar().currentMessage() == f"Redone: delete event “{IBM[:39]}…”."
    window.history_dialog.close()


@pytest.mark.parametrize("answer", [True, False])
def test_the_first_change_to_the_built_in_dataset_offers_a_copy(
    qtbot, make_window, tmp_path, monkeypatch, answer
):
    window = make_window()  # the built-in dataset, read-only
    assert window.controller.is_builtin
    copy = tmp_path / "mine.db"
    asked: list[str] = []
    monkeypatch.setattr(window, "ask", lambda title, text: asked.append(text) or answer)
    monkeypatch.setattr(window, "choose_save_path", lambda *a: (str(copy), ""))
    window.controller.select(window.controller.visible.shown_ids_by_time()[0])
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Delete)
    assert "cannot be changed" in asked[0]
    if answer:
        assert window.controller.path == copy
        assert window.controller.total_count == 18
    else:
        assert window.controller.is_builtin and window.controller.total_count == 19


def test_an_edit_waits_for_a_reader_of_the_file_instead_of_failing(
    qtbot, make_window, builtin_copy, open_boxes
):
    """The window's own background check reads a big file for a second after it opens; a
    change made meanwhile waits for it (another program's read alike)."""
    import threading

    window = make_window(builtin_copy)
    total = window.controller.total_count
    reader = sqlite3.connect(builtin_copy, check_same_thread=False, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM events").fetchone()  # holds a read lock
    timer = threading.Timer(0.6, lambda: reader.execute("COMMIT"))
    timer.start()
    window.controller.select(event_id(builtin_copy, IBM))
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Delete)
    timer.join()
    reader.close()
    assert open_boxes() == []
    assert window.controller.total_count == total - 1


def test_filter_lists_follow_edits_and_keep_what_the_person_unticked(
    qtbot, make_window, builtin_copy
):
    """A retitle leaves the lists as they are; a change of category recounts them; the
    company the person unticked stays unticked through both, and through undo."""
    from tests.ui.test_filter_panel import click, texts

    window = make_window(builtin_copy)
    panel = window.filter_panel
    click(qtbot, panel.companies, "Microsoft")  # hide Microsoft's lane
    assert window.count_label.text() == "10 of 19 events"
    window.controller.select(event_id(builtin_copy, IBM))

    def edit(change: Callable[[EventEditor], None]) -> None:
        def act(editor: EventEditor) -> None:
            change(editor)
            qtbot.mouseClick(
                editor.box.button(QtWidgets.QDialogButtonBox.StandardButton.Save),
                QtCore.Qt.MouseButton.LeftButton,
            )

        when_shown(EventEditor, act)
        qtbot.keyClick(window.table, QtCore.Qt.Key.Key_F2)
        back_to(qtbot, window)

    edit(lambda editor: retype(qtbot, editor.title, "IBM quits face recognition"))
    assert "IBM quits face recognition" in window.table.titles()
    assert "Legislation (5 / 6)" in texts(panel.categories)  # shown / total: Microsoft's hidden
    edit(lambda editor: retype(qtbot, editor.category.lineEdit(), "Withdrawal"))
    assert "Withdrawal (1 / 1)" in texts(panel.categories)
    microsoft = panel.companies.item_for_text("Microsoft")
    assert microsoft.checkState() == QtCore.Qt.CheckState.Unchecked
    assert window.count_label.text() == "10 of 19 events"
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL)
    assert not any(text.startswith("Withdrawal") for text in texts(panel.categories))
    assert panel.companies.item_for_text("Microsoft").checkState() == (
        QtCore.Qt.CheckState.Unchecked
    )
    assert window.count_label.text() == "10 of 19 events"


_QtKeySequence = QtGui.QKeySequence


class _X11KeySequence(_QtKeySequence):
    """Key sequences as on a Linux desktop, whose standard Redo key is Ctrl+Shift+Z (then
    Ctrl+Y); the offscreen platform's is Ctrl+Y."""

    _REDO = ("Ctrl+Shift+Z", "Ctrl+Y")

    def __init__(self, *args) -> None:  # type: ignore[no-untyped-def]
        if args and args[0] == _QtKeySequence.StandardKey.Redo:
            args = (self._REDO[0],)
        super().__init__(*args)

    @staticmethod
    def keyBindings(key):  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        if key == _QtKeySequence.StandardKey.Redo:
            return [_QtKeySequence(k) for k in _X11KeySequence._REDO]
        return _QtKeySequence.keyBindings(key)


@pytest.mark.parametrize("keys", [(QtCore.Qt.Key.Key_Z, CTRL | SHIFT), (QtCore.Qt.Key.Key_Y, CTRL)])
def test_redo_keys_work_where_the_platform_s_redo_key_is_ctrl_shift_z(
    qtbot, make_window, builtin_copy, monkeypatch, keys
):
    """Where the standard Redo key is Ctrl+Shift+Z, the window must not list it twice (Qt
    then calls the key ambiguous and does nothing); Ctrl+Y redoes too."""
    monkeypatch.setattr(QtGui, "QKeySequence", _X11KeySequence)
    window = make_window(builtin_copy)
    monkeypatch.undo()
    window.controller.select(event_id(builtin_copy, IBM))
    window.table.setFocus()
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Delete)
    assert IBM not in window.table.titles()
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL)
    assert IBM in window.table.titles()
    qtbot.keyClick(window.table, *keys)
    assert IBM not in window.table.titles()
    shortcuts = [k.toString() for k in window.redo_action.shortcuts()]
    assert len(shortcuts) == len(set(shortcuts))
