"""What the window does to change a timeline: the Edit menu (undo, redo, history, new, edit
and delete events) and the dialogs behind it. A part of MainWindow, kept apart so that each
file stays readable; every change goes through the EditSession as one undoable step."""

from __future__ import annotations

import sqlite3

from PySide6 import QtGui, QtWidgets

from timeline_app.model import edits
from timeline_app.model.edits import EventFields, short
from timeline_app.model.types import DatePrecision, EventDetail
from timeline_app.ui.editing import EditSession
from timeline_app.ui.eras_dialog import ErasDialog
from timeline_app.ui.event_editor import EventEditor, QuoteItem
from timeline_app.ui.file_actions import FileWindow
from timeline_app.ui.history_view import UndoReport, history_view
from timeline_app.ui.keys import standard_keys
from timeline_app.ui.names_dialog import NameActions


def quote_items(detail: EventDetail) -> list[QuoteItem]:
    return [
        QuoteItem(edits.Quote(x.source.id, x.start, x.end), x.text, x.source.title)
        for x in detail.excerpts
    ]


def fields_of(detail: EventDetail) -> EventFields:
    event = detail.event
    return EventFields(
        company=event.company,
        title=event.title,
        start=event.start,
        precision=event.precision,
        category=event.category,
        summary=event.summary,
        end=event.end,
        approximate=event.approximate,
        quotes=tuple(item.quote for item in quote_items(detail)),
    )


class EditWindow(FileWindow):
    """The main window's editing; MainWindow sets `session` up through _create_edit_actions."""

    session: EditSession

    def _create_edit_actions(self) -> None:
        keys = QtGui.QKeySequence.StandardKey
        self.session = EditSession(self.controller, self)
        self.session.make_writable = lambda: self._make_writable_copy("change")
        stack = self.session.stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(standard_keys(keys.Undo, "Ctrl+Z"))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(standard_keys(keys.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
        self.undo_report = UndoReport(stack, self.statusBar())
        self.history_action = self._make_action(
            "&History…", self.show_history, ["Ctrl+H"], "Every change made since the file opened"
        )
        self.new_event_action = self._make_action(
            "&New event…", lambda: self.new_event(), ["Ctrl+N"], "Add an event by hand"
        )
        self.edit_event_action = self._make_action(
            "&Edit event…", self.edit_selected_event, ["F2"], "Change the selected event"
        )
        self.delete_event_action = self._make_action(
            "&Delete event", self.delete_selected_event, [QtGui.QKeySequence(keys.Delete)],
            "Delete the selected event (Undo brings it back)",
        )  # fmt: skip
        self.eras_action = self._make_action(
            "E&ras and title…", self.show_eras, [],
            "Named periods shaded across every lane, and the timeline's own title",
        )  # fmt: skip
        self.controller.selectionChanged.connect(self._update_edit_actions)
        self.controller.datasetChanged.connect(self._update_edit_actions)
        self._update_edit_actions()
        self.names = NameActions(self, self.session)  # also the filter lists' context menus
        self.names_action = self._make_action(
            "Companies and &categories…", self.names.show_dialog, [],
            "Rename, recolour, merge or delete companies and categories",
        )  # fmt: skip

    def _make_action(
        self, text: str, slot, shortcuts: list[QtGui.QKeySequence | str], tip: str
    ) -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        action.setShortcuts([QtGui.QKeySequence(s) for s in shortcuts])
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _fill_edit_menu(self, menu: QtWidgets.QMenu) -> None:
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addAction(self.history_action)
        menu.addSeparator()
        menu.addAction(self.new_event_action)
        menu.addAction(self.edit_event_action)
        menu.addAction(self.delete_event_action)
        menu.addSeparator()
        menu.addAction(self.names_action)
        menu.addAction(self.eras_action)

    def _update_edit_actions(self, *_args: object) -> None:
        has_file = self.controller.store is not None
        selected = self.controller.selected_id is not None
        self.new_event_action.setEnabled(has_file)
        self.eras_action.setEnabled(has_file)
        self.edit_event_action.setEnabled(selected)
        self.delete_event_action.setEnabled(selected)

    def show_history(self) -> None:
        dialog = QtWidgets.QDialog(self)
        dialog.setWindowTitle("History of changes")
        dialog.setObjectName("historyDialog")
        view = history_view(self.session.stack, dialog)
        hint = QtWidgets.QLabel(
            "Click a line to bring the file back to how it was after that change; later "
            "changes can be redone until a new change is made."
        )
        hint.setWordWrap(True)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(dialog.reject)
        layout = QtWidgets.QVBoxLayout(dialog)
        layout.addWidget(hint)
        layout.addWidget(view)
        layout.addWidget(close)
        dialog.resize(460, 380)
        self.history_dialog = dialog
        dialog.show()

    def show_eras(self) -> None:
        if not self._writable():
            return
        self.eras_dialog = ErasDialog(self, self.controller, self.session)
        self.eras_dialog.show()

    # ------------------------------------------------------------------ events
    def _writable(self) -> bool:
        """The open file can take a change, if need be by saving a copy first (asked)."""
        if self.controller.store is None:
            return False
        return self.session.editor() is not None

    def _names(self) -> tuple[list, list[str]]:
        return list(self.controller.companies), [name for _id, name in self.controller.categories]

    def new_event(
        self,
        fields: EventFields | None = None,
        quotes: list[QuoteItem] | None = None,
        note: str = "",
    ) -> int | None:
        """Open the editor for a new event (prefilled when it comes from a selection)."""
        if not self._writable():
            return None
        fields = fields or EventFields("", "", "", DatePrecision.DAY, "")
        companies, categories = self._names()

        def save(new: EventFields) -> int | None:
            return self.session.run(
                f"add event “{short(new.title)}”", lambda c: edits.save_event(c, None, new)
            )

        editor = EventEditor(
            self, heading="New event", fields=fields, companies=companies,
            categories=categories, quotes=quotes or [], note=note, save=save,
        )  # fmt: skip
        return self._run_editor(editor)

    def edit_event(self, event_id: int) -> int | None:
        detail = self.controller.event_detail(event_id)
        if detail is None or not self._writable():
            return None
        detail = self.controller.event_detail(event_id) or detail  # a copy may be open now
        companies, categories = self._names()

        def save(changed: EventFields) -> int | None:
            return self.session.run(
                f"edit event “{short(changed.title)}”",
                lambda c: edits.save_event(c, event_id, changed),
            )

        editor = EventEditor(
            self, heading="Edit event", fields=fields_of(detail), companies=companies,
            categories=categories, quotes=quote_items(detail), save=save,
        )  # fmt: skip
        return self._run_editor(editor)

    def _run_editor(self, editor: EventEditor) -> int | None:
        self.event_editor = editor
        editor.showQuote.connect(self.show_quote)
        if editor.exec() != QtWidgets.QDialog.DialogCode.Accepted or editor.saved_id is None:
            return None
        saved = editor.saved_id
        self.controller.select(saved)
        if self.controller.selected_id != saved:
            self.statusBar().showMessage(
                "Saved; the event is hidden by the filters in force.", 8000
            )
        return saved

    def edit_selected_event(self) -> None:
        if self.controller.selected_id is not None:
            self.edit_event(self.controller.selected_id)

    def delete_selected_event(self) -> None:
        event_id = self.controller.selected_id
        if event_id is None or not self._writable():
            return
        detail = self.controller.event_detail(event_id)
        title = short(detail.event.title) if detail else f"event {event_id}"

        def delete(conn: sqlite3.Connection) -> bool:
            edits.delete_event(conn, event_id)
            return True

        if self.session.run(f"delete event “{title}”", delete):
            self.statusBar().showMessage(
                f"Deleted “{title}”. {self.undo_action.shortcut().toString()} brings it back.",
                8000,
            )

    def show_quote(self, quote: edits.Quote) -> None:
        """Show a quote in its source (the window with a source reader does)."""
