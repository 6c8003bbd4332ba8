"""What the window does with sources: add one (File › Add source…), edit its details or
delete it from the source reader, and make events from words selected in it. A part of
MainWindow, kept apart so that each file stays readable."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6 import QtGui, QtWidgets

from timeline_app.model import edits
from timeline_app.model.edits import EventFields, Quote, SourceFields, short
from timeline_app.progress import Progress
from timeline_app.ui.edit_actions import EditWindow
from timeline_app.ui.event_editor import QuoteItem
from timeline_app.ui.progress_dialog import cancellable_progress
from timeline_app.ui.source_reader import SourceReader

if TYPE_CHECKING:
    from timeline_app.ingest.proposals import Candidate

# Reading articles and proposing events (timeline_app.ingest, the source dialog and the
# review table) are imported when first used: a window that shows a timeline starts
# without them.

T = TypeVar("T")


class WorkCancelled(Exception):
    """Raised from a progress callback when the person clicks Cancel."""


class SourceWindow(EditWindow):
    """The main window's sources; MainWindow creates `reader` and `side_tabs`."""

    reader: SourceReader
    side_tabs: QtWidgets.QTabWidget

    def _create_source_actions(self) -> None:
        self.add_source_action = self._make_action(
            "Add &source…", self.add_source, ["Ctrl+Shift+O"],
            "Add an article (text, Markdown, web page or PDF) to make events from",
        )  # fmt: skip
        self.propose_action = self._make_action(
            "&Propose events from source…", self.propose_from_shown, ["Ctrl+Shift+P"],
            "Read the source shown in the Sources tab and propose its dated, quoted events "
            "for you to review",
        )  # fmt: skip
        reader = self.reader
        reader.proposeRequested.connect(self.propose_events)
        reader.newEventRequested.connect(self.new_event_from_selection)
        reader.addQuoteRequested.connect(self.add_selection_as_quote)
        reader.editSourceRequested.connect(self.edit_source)
        reader.deleteSourceRequested.connect(self.delete_source)

    def show_reader(self) -> None:
        self.side_tabs.setCurrentWidget(self.reader)

    # ------------------------------------------------------------------ sources
    def add_source(self) -> int | None:
        from timeline_app.ui.source_dialog import SourceDialog

        if not self._writable():
            return None

        def save(fields: SourceFields, text: str) -> int | None:
            return self.session.run(
                f"add source “{short(fields.title)}”",
                lambda c: edits.add_source(c, fields, text),
            )

        dialog = SourceDialog(self, save=save, start_dir=self._start_dir())
        self.source_dialog = dialog
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted or dialog.saved_id is None:
            return None
        self.reader.refresh()
        self.reader.show_source(dialog.saved_id)
        self.show_reader()
        self.reader.text.setFocus()
        return dialog.saved_id

    def edit_source(self, source_id: int) -> None:
        from timeline_app.ui.source_dialog import SourceDialog

        found = self.controller.source(source_id)
        if found is None or not self._writable():
            return
        details = SourceFields(found.title, found.publisher, found.url, found.published)

        def save(fields: SourceFields, _text: str) -> int | None:
            return self.session.run(
                f"edit source “{short(fields.title)}”",
                lambda c: edits.update_source(c, source_id, fields),
            )

        dialog = SourceDialog(self, save=save, fields=details, text=found.text)
        self.source_dialog = dialog
        dialog.exec()

    def delete_source(self, source_id: int) -> None:
        found = self.controller.source(source_id)
        use = self.controller.source_use(source_id)
        if found is None or use is None:
            return
        consequence = "No event quotes it."
        if use.events:
            consequence = (
                f"{use.events:,} event(s) lose a quote; {use.left_unsourced:,} of them are left "
                "with no quote at all (they are kept, marked “no source”)."
            )
        undo = self.undo_action.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)
        if not self.ask(
            "Delete source?",
            f"Delete “{found.title}” and the {use.quotes:,} quote(s) taken from it?\n\n"
            f"{consequence}\n\nUndo ({undo}) brings it all back.",
        ):
            return
        if not self._writable():
            return

        def delete(conn: sqlite3.Connection) -> bool:
            edits.delete_source(conn, source_id)
            return True

        self.session.run(f"delete source “{short(found.title)}”", delete)

    # ------------------------------------------------------------------ proposed events
    def propose_from_shown(self) -> int | None:
        shown = self.reader.source
        if shown is None:
            self.show_reader()
            self.show_message(
                QtWidgets.QMessageBox.Icon.Information, "No source to read",
                "Add an article first (File › Add source…), or choose one in the Sources tab.",
            )  # fmt: skip
            return None
        return self.propose_events(shown.id)

    def propose_events(self, source_id: int) -> int | None:
        """Propose the source's events, let the person review them, and add the accepted
        ones as one step. Returns how many were added."""
        from timeline_app.ingest.proposals import PHASES, propose
        from timeline_app.ui.proposal_review import ProposalReview

        found = self.controller.source(source_id)
        if found is None:
            return None
        try:
            published = date.fromisoformat(found.published)
        except ValueError:
            self.show_message(
                QtWidgets.QMessageBox.Icon.Information,
                "No publication date",
                f"“{found.title}” has no publication date, and dates such as “last year” are "
                "counted from it. Give it one (right-click the source › Edit details…), then "
                "propose again.",
            )
            return None
        categories = [name for _id, name in self.controller.categories]
        lanes = [c.name for c in self.controller.companies]

        def proposals(joint: bool) -> list[Candidate] | None:
            return self._with_progress(
                f"Reading “{short(found.title)}” for events…", PHASES,
                lambda progress: propose(
                    found.text, published, lanes, categories, joint=joint, progress=progress
                ),
            )  # fmt: skip

        def add(chosen: list[EventFields]) -> int | None:
            if not chosen or not self._writable():
                return None
            return self.session.run(
                f"add {len(chosen)} proposed event(s) from “{short(found.title)}”",
                lambda c: len([edits.save_event(c, None, fields) for fields in chosen]),
            )

        first = proposals(False)
        if first is None:
            self.statusBar().showMessage("Proposing events cancelled: nothing was added.", 8000)
            return None
        dialog = ProposalReview(
            self, source=found, candidates=first,
            stored=self.controller.quoted_events(source_id), categories=categories, add=add,
            repropose=proposals,
        )  # fmt: skip
        self.proposal_review = dialog
        dialog.exec()
        dialog.deleteLater()
        if dialog.added:
            self.statusBar().showMessage(
                f"Added {dialog.added} event(s) from “{found.title}”. Undo takes them all back.",
                8000,
            )
        return dialog.added

    def _with_progress(
        self, label: str, phases: Mapping[str, float], work: Callable[[Progress], T]
    ) -> T | None:
        """`work` with a progress dialog that shows after half a second and can cancel it
        (then None): reading a long report for events takes seconds."""
        over = QtWidgets.QApplication.activeModalWidget() or self  # the review, re-reading
        dialog = cancellable_progress(over, "Propose events", label, 500)
        dialog.setValue(0)  # starts the clock of the minimum duration

        def report(done: int, total: int) -> None:
            if dialog.wasCanceled():
                raise WorkCancelled()
            value = done * 100 // max(total, 1)
            if value != dialog.value():
                dialog.setValue(value)  # a modal dialog handles its events here
            elif dialog.isVisible():
                QtWidgets.QApplication.processEvents()

        try:
            return work(Progress(label, phases, callback=report))
        except WorkCancelled:
            return None
        finally:
            dialog.close()
            dialog.deleteLater()

    # ------------------------------------------------------------------ from selected words
    def new_event_from_selection(self, source_id: int, start: int, end: int) -> int | None:
        from timeline_app.ingest.selection import suggest_event

        found = self.controller.source(source_id)
        if found is None:
            return None
        suggestion = suggest_event(
            found.text, start, end, source_id=source_id, published=found.published,
            companies=[c.name for c in self.controller.companies],
            categories=[name for _id, name in self.controller.categories],
        )  # fmt: skip
        quote = suggestion.fields.quotes[0]
        item = QuoteItem(quote, found.text[quote.start : quote.end], found.title)
        return self.new_event(suggestion.fields, [item], suggestion.note)

    def add_selection_as_quote(self, source_id: int, start: int, end: int) -> None:
        from timeline_app.ingest.selection import trimmed

        event_id = self.controller.selected_id
        if event_id is None or not self._writable():
            return
        detail = self.controller.event_detail(event_id)
        title = short(detail.event.title) if detail else f"event {event_id}"
        found = self.controller.source(source_id)
        if found is None:
            return
        quote = Quote(source_id, *trimmed(found.text, start, end))
        if self.session.run(
            f"add quote to “{title}”", lambda c: edits.add_quote(c, event_id, quote)
        ):
            self.statusBar().showMessage(f"Added the selected words to “{title}”.", 6000)

    def show_quote(self, quote: Quote) -> None:
        self.show_reader()
        self.reader.show_quote(quote.source_id, quote.start, quote.end)
