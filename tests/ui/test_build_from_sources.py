"""Building a timeline from an article only through the window, as a person does: a new
file, File › Add source… with the article, words selected in the source reader with the
mouse (click, then shift-click), Ctrl+Shift+N, the suggested date accepted, Save. The
events that result are the built-in dataset's: same companies, dates, precisions and quote
offsets. Also: the reader's highlights select events, and deleting a source keeps its
events, marked "no source"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from tests.ui.test_editing import back_to, retype, when_shown
from timeline_app.model.dataset import DATA_DIR, builtin_database_path
from timeline_app.ui.event_editor import EventEditor
from timeline_app.ui.source_dialog import SourceDialog

ARTICLE = DATA_DIR / "article.txt"
CTRL, SHIFT = QtCore.Qt.KeyboardModifier.ControlModifier, QtCore.Qt.KeyboardModifier.ShiftModifier
QUOTES = [  # (words selected, company typed when the file has no such lane yet)
    ("Last year, Microsoft denied California law enforcement access to its facial "
     "recognition tech out of concern for human rights violations.", "Microsoft"),
    ("IBM said earlier in the day this week it will outright cease all sales, development, "
     "and research of the controversial tech.", "IBM"),
    ("It also announced it could no longer purchase third-party firms developing the tech "
     "in March", None),  # Microsoft is a lane by then: the editor guesses it
]  # fmt: skip


def point_at(view: QtWidgets.QPlainTextEdit, offset: int) -> QtCore.QPoint:
    """Where character `offset` is on screen, scrolled into view first."""
    cursor = QtGui.QTextCursor(view.document())
    cursor.setPosition(offset)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    return view.cursorRect(cursor).center()


def select_with_mouse(qtbot, view: QtWidgets.QPlainTextEdit, start: int, end: int) -> None:
    """Click before the first word, shift-click after the last, as a reader would."""
    left = QtCore.Qt.MouseButton.LeftButton
    first = point_at(view, start)
    qtbot.mouseClick(view.viewport(), left, QtCore.Qt.KeyboardModifier.NoModifier, first)
    last = view.cursorRect(_cursor_at(view, end)).center()
    qtbot.mouseClick(view.viewport(), left, SHIFT, last)


def _cursor_at(view: QtWidgets.QPlainTextEdit, offset: int) -> QtGui.QTextCursor:
    cursor = QtGui.QTextCursor(view.document())
    cursor.setPosition(offset)
    return cursor


def builtin_rows(title_quote: str) -> tuple:
    """(company, start, end, precision, approximate, quote start, quote end) of the built-in
    event whose first quote is these words."""
    conn = sqlite3.connect(f"file:{builtin_database_path()}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT c.name, e.start_date, e.end_date, e.precision, e.approximate, x.start, x.end "
            "FROM events e JOIN companies c ON c.id = e.company_id "
            "JOIN excerpts x ON x.event_id = e.id WHERE x.text = ? ORDER BY e.id LIMIT 1",
            (title_quote,),
        ).fetchone()
    finally:
        conn.close()


def made_rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT c.name, e.start_date, e.end_date, e.precision, e.approximate, x.start, x.end "
            "FROM events e JOIN companies c ON c.id = e.company_id "
            "JOIN excerpts x ON x.event_id = e.id ORDER BY e.id"
        ).fetchall()
    finally:
        conn.close()


def test_three_events_of_the_built_in_dataset_made_by_selecting_their_words(
    qtbot, make_window, tmp_path, monkeypatch
):
    window = make_window()
    mine = tmp_path / "mine.db"
    monkeypatch.setattr(window, "choose_save_path", lambda *a: (str(mine), ""))
    monkeypatch.setattr(
        QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(ARTICLE), "")
    )
    window.new_timeline_action.trigger()
    assert window.controller.path == mine and window.controller.total_count == 0

    def add_article(dialog: SourceDialog) -> None:
        qtbot.mouseClick(dialog.choose, QtCore.Qt.MouseButton.LeftButton)
        assert "words" in dialog.summary.text()
        retype(qtbot, dialog.title, "Microsoft follows Amazon and IBM")
        retype(qtbot, dialog.publisher, "An online article")
        retype(qtbot, dialog.published, "2020-06-11")
        qtbot.keyClick(dialog.published, QtCore.Qt.Key.Key_Return)

    when_shown(SourceDialog, add_article)
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_O, CTRL | SHIFT)
    back_to(qtbot, window)
    reader = window.reader
    assert reader.source_titles() == ["Microsoft follows Amazon and IBM — An online article"]
    text = ARTICLE.read_text(encoding="utf-8")
    notes: list[str] = []

    for words, company in QUOTES:
        start = text.index(words)
        select_with_mouse(qtbot, reader.text, start, start + len(words))
        assert reader.selection() == (start, start + len(words))

        def accept(editor: EventEditor, company: str | None = company) -> None:
            notes.append(editor.note.text())
            if company:
                assert editor.company.currentText() == ""  # no lane names it yet
                editor.company.setFocus()
                qtbot.keyClicks(editor.company, company)
            retype(qtbot, editor.title, f"{editor.company.currentText()} statement")
            editor.box.button(QtWidgets.QDialogButtonBox.StandardButton.Save).click()

        when_shown(EventEditor, accept)
        reader.text.setFocus()
        qtbot.keyClick(reader.text, QtCore.Qt.Key.Key_N, CTRL | SHIFT)
        back_to(qtbot, window)

    assert notes[0].startswith("Date from “Last year”")
    assert "Company from “Microsoft”" in notes[2]
    expected = [builtin_rows(words) for words, _company in QUOTES]
    assert made_rows(mine) == expected
    assert window.controller.total_count == 3
    assert len(reader.quotes) == 3  # each highlighted in the reader


def test_clicking_a_highlight_selects_its_event_and_selecting_scrolls_to_it(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    window.show_reader()
    reader = window.reader
    amazon = next(span for span in reader.quotes if "Amazon on Wednesday" in
                  reader.source.text[span.start : span.end])  # fmt: skip
    spot = point_at(reader.text, amazon.start + 3)
    qtbot.mouseClick(reader.text.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=spot)
    assert window.controller.selected_id == amazon.event_id
    assert "Amazon pauses police" in window.table.titles()[window.table.currentIndex().row()]

    last = max(reader.quotes, key=lambda span: span.start)
    reader.text.verticalScrollBar().setValue(0)
    window.controller.select(last.event_id)
    shown = reader.text.viewport().rect()
    assert shown.contains(reader.text.cursorRect(_cursor_at(reader.text, last.start)).center())


def test_deleting_a_source_asks_with_counts_keeps_events_marked_no_source_and_undoes(
    qtbot, make_window, builtin_copy, monkeypatch
):
    window = make_window(builtin_copy)
    window.side_tabs.setCurrentWidget(window.reader)  # the Sources tab, clicked
    asked: list[str] = []
    monkeypatch.setattr(window, "ask", lambda title, text: asked.append(text) or True)
    window.delete_source(window.reader.source.id)
    assert "19 event(s) lose a quote; 19 of them are left with no quote at all" in asked[0]
    assert window.controller.total_count == 19
    model = window.table.table_model
    assert {model.data(model.index(row, 4)) for row in range(model.rowCount())} == {"no source"}
    assert window.reader.source_titles() == []
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Z, CTRL)
    assert len(window.reader.source_titles()) == 1
    assert model.data(model.index(0, 4)).startswith("Microsoft follows Amazon")


@pytest.mark.parametrize("kind", ["text", "html"])
def test_pasted_text_becomes_a_source(qtbot, make_window, builtin_copy, kind):
    window = make_window(builtin_copy)
    pasted = "Acme said on Monday it will stop.\n\nMore words follow here."
    if kind == "html":
        pasted = f"<html><body><nav>Home | News</nav><p>{pasted}</p><footer>© Acme</footer>"

    def paste(dialog: SourceDialog) -> None:
        QtWidgets.QApplication.clipboard().setText(pasted)
        dialog.paste.setFocus()
        qtbot.keyClick(dialog.paste, QtCore.Qt.Key.Key_V, CTRL)  # pasted, as its name says
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        qtbot.mouseClick(dialog.use_paste, QtCore.Qt.MouseButton.LeftButton)
        retype(qtbot, dialog.title, "Acme note")
        dialog.box.button(QtWidgets.QDialogButtonBox.StandardButton.Save).click()

    when_shown(SourceDialog, paste)
    window.add_source_action.trigger()
    assert "Acme note" in window.reader.source_titles()
    assert "Acme said on Monday it will stop." in window.reader.text.toPlainText()
    assert "Home | News" not in window.reader.text.toPlainText()


def test_a_title_too_long_is_explained_under_the_title_in_words_a_person_knows(
    qtbot, make_window, builtin_copy
):
    window = make_window(builtin_copy)
    before = builtin_copy.read_bytes()
    shown: dict[str, str] = {}

    def paste(dialog: SourceDialog) -> None:
        QtWidgets.QApplication.clipboard().setText("Acme said on Monday it will stop.")
        dialog.paste.setFocus()
        qtbot.keyClick(dialog.paste, QtCore.Qt.Key.Key_V, CTRL)
        qtbot.mouseClick(dialog.use_paste, QtCore.Qt.MouseButton.LeftButton)
        dialog.title.setText("T" * 1200)
        dialog.box.button(QtWidgets.QDialogButtonBox.StandardButton.Save).click()
        shown.update({k: v.text() for k, v in dialog.errors.items() if not v.isHidden()})
        dialog.reject()

    when_shown(SourceDialog, paste)
    window.add_source_action.trigger()
    assert shown == {"title": "1,200 characters long; at most 1,000 are allowed"}
    assert builtin_copy.read_bytes() == before
