"""Proposing events from a source in the window, as a person does it: Ctrl+Shift+P on the
source shown, a table to review (what is already stored is unticked), cells changed by
typing, Space to untick, Add; the whole batch is one step that Ctrl+Z takes back."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from tests.ui.test_editing import CTRL, SHIFT, back_to, when_shown
from timeline_app.ui.proposal_review import ACTOR, ADD, START, TITLE, ProposalReview


def test_review_edit_and_add_proposed_events_then_undo_them(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    window.show_reader()
    before = window.count_label.text()
    assert before == "19 of 19 events"
    seen: dict[str, object] = {}

    def review(dialog: ProposalReview) -> None:
        table = dialog.table
        rows = table.rowCount()
        stored = [r for r in range(rows) if dialog.cell(r, ADD).text() == "stored"]
        seen["rows"], seen["stored"] = rows, len(stored)
        assert all(dialog.cell(r, ADD).checkState() == QtCore.Qt.CheckState.Unchecked
                   for r in stored)  # fmt: skip
        assert len(stored) >= 5  # the built-in events quote these very sentences
        fresh = [r for r in range(rows) if r not in stored]
        assert fresh
        # the preview shows the sentence of the current row with its dating words
        table.setCurrentCell(fresh[0], TITLE)
        assert dialog.candidates[fresh[0]].date_phrase in dialog.preview.toPlainText()
        qtbot.mouseClick(dialog.none_button, QtCore.Qt.MouseButton.LeftButton)
        assert not dialog.add_button.isEnabled()
        # tick the new one with Space, then retitle it by typing
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        table.setFocus()
        table.setCurrentCell(fresh[0], START)
        qtbot.keyClick(table, QtCore.Qt.Key.Key_Space)
        assert dialog.cell(fresh[0], ADD).checkState() == QtCore.Qt.CheckState.Checked
        table.setCurrentCell(fresh[0], TITLE)
        qtbot.keyClick(table, QtCore.Qt.Key.Key_F2)
        editor = table.indexWidget(table.currentIndex())  # the cell's open editor
        assert isinstance(editor, QtWidgets.QLineEdit) and editor.isVisible()
        editor.selectAll()
        qtbot.keyClicks(editor, "Microsoft restates its position")
        qtbot.keyClick(editor, QtCore.Qt.Key.Key_Tab)  # commits, goes to the next cell
        seen["adding"] = len(dialog.accepted_rows())
        assert dialog.add_button.text() == f"Add {seen['adding']} accepted"
        qtbot.mouseClick(dialog.add_button, QtCore.Qt.MouseButton.LeftButton)

    when_shown(ProposalReview, review)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_P, CTRL | SHIFT)
    back_to(qtbot, window)
    added = seen["adding"]
    assert isinstance(added, int) and added >= 1
    assert window.count_label.text() == f"{19 + added} of {19 + added} events"
    assert "Microsoft restates its position" in window.table.titles()
    assert window.undo_action.text().startswith(f"&Undo add {added} proposed event(s)")
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL)
    assert window.count_label.text() == before
    assert "Microsoft restates its position" not in window.table.titles()


def test_a_refused_row_is_named_and_nothing_is_added(qtbot, make_window, builtin_copy):
    window = make_window(builtin_copy)
    window.show_reader()
    said: list[str] = []

    def review(dialog: ProposalReview) -> None:
        row = dialog.accepted_rows()[0]
        dialog.cell(row, START).setText("2020-13-45")  # typed as a person would not notice

        def answer() -> None:
            box = QtWidgets.QApplication.activeModalWidget()
            assert isinstance(box, QtWidgets.QMessageBox)
            said.append(box.text())
            box.accept()

        QtCore.QTimer.singleShot(50, answer)
        qtbot.mouseClick(dialog.add_button, QtCore.Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.table.currentRow() == row  # still reviewing
        dialog.reject()

    when_shown(ProposalReview, review)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_P, CTRL | SHIFT)
    back_to(qtbot, window)
    assert said and "start" in said[0] and "Nothing was added" in said[0]
    assert window.count_label.text() == "19 of 19 events"


def test_from_an_empty_timeline_every_proposal_is_added_with_its_quote(
    qtbot, make_window, tmp_path
):
    from timeline_app.model import edits
    from timeline_app.model.dataset import DATA_DIR
    from timeline_app.model.edits import SourceFields

    window = make_window()
    assert window.controller.new_file(tmp_path / "mine.db")
    article = (DATA_DIR / "article.txt").read_text(encoding="utf-8")
    fields = SourceFields("Big tech and police", "Example News", "", "2020-06-11")
    window.session.run("add source", lambda c: edits.add_source(c, fields, article))
    window.reader.refresh()
    window.show_reader()
    proposed: list[int] = []

    def review(dialog: ProposalReview) -> None:
        assert not any(dialog.cell(r, ADD).text() for r in range(dialog.table.rowCount()))
        proposed.append(len(dialog.accepted_rows()))  # all ticked: nothing is stored yet
        qtbot.mouseClick(dialog.add_button, QtCore.Qt.MouseButton.LeftButton)

    when_shown(ProposalReview, review)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_P, CTRL | SHIFT)
    back_to(qtbot, window)
    assert proposed and proposed[0] >= 8
    assert window.count_label.text() == f"{proposed[0]} of {proposed[0]} events"
    model = window.table.table_model
    sources = [model.data(model.index(row, 4)) for row in range(model.rowCount())]
    assert sources and "no source" not in sources  # every event quotes the article
    assert len(window.controller.quoted_events(window.reader.source.id)) == proposed[0]


def test_joint_actors_get_an_event_each_when_the_person_ticks_it(qtbot, make_window, tmp_path):
    from timeline_app.model import edits
    from timeline_app.model.edits import SourceFields

    window = make_window()
    assert window.controller.new_file(tmp_path / "mine.db")
    text = "Halden Energy and Ostra Power signed a hydrogen deal on Monday.\n"
    fields = SourceFields("Hydrogen deal", "", "", "2021-01-13")
    window.session.run("add source", lambda c: edits.add_source(c, fields, text))
    window.reader.refresh()
    window.show_reader()
    actors: list[list[str]] = []

    def review(dialog: ProposalReview) -> None:
        def shown() -> list[str]:
            return [dialog.cell(r, ACTOR).text() for r in range(dialog.table.rowCount())]

        actors.append(shown())
        box = dialog.joint  # its tick box, at its left (the label may not span the row)
        qtbot.mouseClick(
            box, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(8, box.height() // 2)
        )
        actors.append(shown())
        assert dialog.add_button.text() == "Add 2 accepted"
        qtbot.mouseClick(dialog.add_button, QtCore.Qt.MouseButton.LeftButton)

    when_shown(ProposalReview, review)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_P, CTRL | SHIFT)
    back_to(qtbot, window)
    assert actors == [["Halden Energy"], ["Halden Energy", "Ostra Power"]]
    assert window.count_label.text() == "2 of 2 events"


def test_review_with_the_keyboard_alone(qtbot, make_window, tmp_path):
    from timeline_app.model import edits
    from timeline_app.model.edits import SourceFields

    window = make_window()
    assert window.controller.new_file(tmp_path / "mine.db")
    text = "Acme said on Monday it would stop. Bolt Motors said on Tuesday it would start.\n"
    fields = SourceFields("Two statements", "", "", "2021-01-13")
    window.session.run("add source", lambda c: edits.add_source(c, fields, text))
    window.reader.refresh()
    window.show_reader()
    chosen: list[str] = []

    def review(dialog: ProposalReview) -> None:
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        table = dialog.table
        table.setFocus()
        assert table.currentRow() == 0 and dialog.accepted_rows() == [0, 1]
        qtbot.keyClick(table, QtCore.Qt.Key.Key_Space)  # untick the first proposal
        qtbot.keyClick(table, QtCore.Qt.Key.Key_Down)
        chosen.extend(dialog.cell(r, ACTOR).text() for r in dialog.accepted_rows())
        qtbot.keyClick(table, QtCore.Qt.Key.Key_Return, CTRL)  # add the ticked one

    when_shown(ProposalReview, review)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_P, CTRL | SHIFT)
    back_to(qtbot, window)
    assert chosen == ["Bolt Motors"]
    assert window.count_label.text() == "1 of 1 events"
    assert "Bolt Motors" in " ".join(window.table.titles())


def test_a_long_source_shows_progress_and_cancel_adds_nothing(qtbot, make_window, tmp_path):
    from tests.ui.test_editing import when_shown
    from timeline_app.model import edits
    from timeline_app.model.dataset import DATA_DIR
    from timeline_app.model.edits import SourceFields

    window = make_window()
    assert window.controller.new_file(tmp_path / "mine.db")
    article = (DATA_DIR / "article.txt").read_text(encoding="utf-8")
    fields = SourceFields("A long report", "Example News", "", "2020-06-11")
    long_text = "\n\n".join([article] * 30)  # about 25,000 words: seconds of reading
    window.session.run("add source", lambda c: edits.add_source(c, fields, long_text))
    window.reader.refresh()
    window.show_reader()
    shown: list[str] = []
    reviewed: list[int] = []

    def cancel(dialog: QtWidgets.QProgressDialog) -> None:
        shown.append(dialog.labelText())
        button = next(b for b in dialog.findChildren(QtWidgets.QPushButton) if b.isVisible())
        assert button.text() == "Cancel"
        qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)

    when_shown(QtWidgets.QProgressDialog, cancel)
    when_shown(ProposalReview, lambda dialog: reviewed.append(dialog.table.rowCount()))
    qtbot.keyClick(window, QtCore.Qt.Key.Key_P, CTRL | SHIFT)
    back_to(qtbot, window)
    assert shown == ["Reading “A long report” for events…"]
    assert not reviewed  # cancelled before any table
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.count_label.text() == "0 of 0 events"


def test_cancelling_a_second_reading_keeps_the_rows_and_the_box(qtbot, make_window, tmp_path):
    """Ticking "one event per actor" reads the long source again; Cancel on its progress
    leaves the table as it was and the box unticked."""
    from timeline_app.model import edits
    from timeline_app.model.dataset import DATA_DIR
    from timeline_app.model.edits import SourceFields

    window = make_window()
    assert window.controller.new_file(tmp_path / "mine.db")
    article = (DATA_DIR / "article.txt").read_text(encoding="utf-8")
    fields = SourceFields("A long report", "Example News", "", "2020-06-11")
    window.session.run(
        "add source", lambda c: edits.add_source(c, fields, "\n\n".join([article] * 30))
    )
    window.reader.refresh()
    window.show_reader()
    seen: dict[str, object] = {}

    def review(dialog: ProposalReview) -> None:
        rows = dialog.table.rowCount()

        def cancel(progress: QtWidgets.QProgressDialog) -> None:
            seen["over"] = progress.parent() is dialog
            button = next(b for b in progress.findChildren(QtWidgets.QPushButton) if b.isVisible())
            qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)

        when_shown(QtWidgets.QProgressDialog, cancel)
        box = dialog.joint
        qtbot.mouseClick(
            box, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(8, box.height() // 2)
        )
        seen["rows"] = (rows, dialog.table.rowCount())
        seen["ticked"] = box.isChecked()

    # the first reading is let run to the end (its progress is left alone)
    when_shown(ProposalReview, review, tries=400)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_P, CTRL | SHIFT)
    back_to(qtbot, window)
    rows_before, rows_after = seen["rows"]
    assert rows_before > 0 and rows_after == rows_before
    assert seen["ticked"] is False and seen["over"] is True
    assert window.count_label.text() == "0 of 0 events"


def test_escape_cancels_the_reading_of_a_long_source(qtbot, make_window, tmp_path):
    """The keyboard alone: Ctrl+Shift+P, then Escape on the progress dialog."""
    from timeline_app.model import edits
    from timeline_app.model.dataset import DATA_DIR
    from timeline_app.model.edits import SourceFields

    window = make_window()
    assert window.controller.new_file(tmp_path / "mine.db")
    article = (DATA_DIR / "article.txt").read_text(encoding="utf-8")
    fields = SourceFields("A long report", "Example News", "", "2020-06-11")
    long_text = "\n\n".join([article] * 30)
    window.session.run("add source", lambda c: edits.add_source(c, fields, long_text))
    window.reader.refresh()
    window.show_reader()
    escaped: list[bool] = []

    def escape(dialog: QtWidgets.QProgressDialog) -> None:
        qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Escape)
        escaped.append(dialog.wasCanceled())

    reviewed: list[int] = []
    when_shown(QtWidgets.QProgressDialog, escape)
    when_shown(ProposalReview, lambda dialog: reviewed.append(dialog.table.rowCount()))
    qtbot.keyClick(window, QtCore.Qt.Key.Key_P, CTRL | SHIFT)
    back_to(qtbot, window)
    assert escaped == [True] and not reviewed  # not hidden while the reading went on
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.count_label.text() == "0 of 0 events"


def test_bad_cells_are_marked_as_they_are_typed_and_every_refused_row_is_listed(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    window.show_reader()
    seen: dict[str, object] = {}

    def review(dialog: ProposalReview) -> None:
        table = dialog.table
        first = dialog.accepted_rows()[0]
        second = next(row for row in range(table.rowCount()) if row != first)
        dialog.cell(second, ADD).setCheckState(QtCore.Qt.CheckState.Checked)
        adding = len(dialog.accepted_rows())
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        table.setFocus()
        # a date typed in the Start cell, as a person does: F2, type, Tab
        table.setCurrentCell(first, START)
        qtbot.keyClick(table, QtCore.Qt.Key.Key_F2)
        editor = table.indexWidget(table.currentIndex())
        assert isinstance(editor, QtWidgets.QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, "2021-02-30")
        qtbot.keyClick(editor, QtCore.Qt.Key.Key_Tab)
        start = dialog.cell(first, START)
        seen["typed"] = start.text()
        seen["marked"] = start.background().style() != QtCore.Qt.BrushStyle.NoBrush
        seen["tip"] = start.toolTip()
        seen["button"] = dialog.add_button.text()
        dialog.cell(second, TITLE).setText("")
        seen["button after two"] = dialog.add_button.text()
        # a corrected cell loses its mark
        dialog.cell(second, TITLE).setText("A title again")
        seen["cleared"] = (
            dialog.cell(second, TITLE).background().style() == QtCore.Qt.BrushStyle.NoBrush
        )
        dialog.cell(second, TITLE).setText("")
        seen["adding"] = adding

        def answer() -> None:
            box = QtWidgets.QApplication.activeModalWidget()
            assert isinstance(box, QtWidgets.QMessageBox)
            seen["said"] = box.text()
            box.accept()

        QtCore.QTimer.singleShot(50, answer)
        qtbot.mouseClick(dialog.add_button, QtCore.Qt.MouseButton.LeftButton)
        seen["still reviewing"] = dialog.isVisible() and table.currentRow() == min(first, second)
        dialog.reject()

    when_shown(ProposalReview, review)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_P, CTRL | SHIFT)
    back_to(qtbot, window)
    assert seen["typed"] == "2021-02-30" and seen["marked"] is True
    assert "“2021-02-30” is not a real date of the form YYYY-MM-DD" in str(seen["tip"])
    assert seen["button"] == f"Add {seen['adding']} accepted (1 to correct)"
    assert seen["button after two"] == f"Add {seen['adding']} accepted (2 to correct)"
    assert seen["cleared"] is True
    said = str(seen["said"])
    assert said.count("Row ") == 2 and "start: “2021-02-30”" in said and "title:" in said
    assert "Nothing was added" in said and seen["still reviewing"] is True
    assert window.count_label.text() == "19 of 19 events"
