"""Changes made in the window: each one a named, undoable step.

The model runs a step in one transaction and journals it (model/editor.py); this keeps the
steps in a QUndoStack, so Edit › Undo names what it undoes and Edit › History lists them.
After every step, undo or redo, the controller brings the open timeline in step with the
rows the step touched, and every view refreshes from it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from PySide6 import QtCore, QtGui

from timeline_app.errors import TimelineError
from timeline_app.log import get_logger
from timeline_app.model.editor import Editor, Step
from timeline_app.model.edits import FieldErrors
from timeline_app.model.journal import Touched, UndoConflict
from timeline_app.ui.controller import READ_WAIT_MS, is_lock

if TYPE_CHECKING:
    from timeline_app.ui.controller import Controller

log = get_logger("ui.editing")
T = TypeVar("T")
# A change waits this long for readers to finish (the window's own background check of a
# big file among them) before it gives up; reads wait much less (controller.READ_WAIT_MS).
WRITE_WAIT_MS = 5000


class _StepCommand(QtGui.QUndoCommand):
    """One step on the stack. Pushing calls redo() at once: the step is already done then."""

    def __init__(self, session: EditSession, step: Step) -> None:
        super().__init__(step.name)
        self.session = session
        self.step = step
        self._just_done = True

    def redo(self) -> None:
        if self._just_done:
            self._just_done = False
            return
        self.session.replay(self.step, undo=False)

    def undo(self) -> None:
        self.session.replay(self.step, undo=True)


def _not_writable_now(name: str, exc: sqlite3.Error) -> str:
    if is_lock(exc):
        return (
            f"“{name}” is being written by another program, so it cannot be changed yet.\n\n"
            "Nothing was changed: try again once the other program has finished."
        )
    return f"“{name}” cannot be changed now.\n\n{exc}\n\nNothing was changed."


class EditSession(QtCore.QObject):
    """The undo stack of the open file; a new file starts a new, empty one."""

    def __init__(self, controller: Controller, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.stack = QtGui.QUndoStack(self)
        self.stack.setUndoLimit(0)  # unlimited: the images live in SQLite, not in memory
        self._editor: Editor | None = None
        # Asked before the first change to a read-only file: the window offers to save a copy
        # and opens it; the answer says whether the change may go on.
        self.make_writable: Callable[[], bool] = lambda: False
        controller.fileChanged.connect(self._file_changed)

    def _file_changed(self) -> None:
        """Another file (or a copy of this one) is open: its steps mean nothing there."""
        self.stack.clear()
        self._editor = None

    def editor(self) -> Editor | None:
        store = self.controller.store
        if store is None:
            return None
        if store.readonly and not self.make_writable():
            return None
        store = self.controller.store  # a copy may have been opened in its place
        if store is None or store.readonly:
            return None
        if self._editor is None or self._editor.store is not store:
            store.set_busy_timeout(WRITE_WAIT_MS)  # (it reads the file's tables)
            try:
                self._editor = Editor(store)
            except sqlite3.Error as exc:  # another program holds the file: say so
                log.warning("could not start editing %s: %s", store.path, exc)
                self.controller.errorRaised.emit(_not_writable_now(store.path.name, exc))
                return None
            finally:
                store.set_busy_timeout(READ_WAIT_MS)
        return self._editor

    def run(self, name: str, action: Callable[[sqlite3.Connection], T]) -> T | None:
        """Make one change. FieldErrors go back to the dialog that asked (it shows each
        reason next to its field); any other refusal is an error message; None then."""
        editor = self.editor()
        if editor is None:
            return None
        try:
            with self._patient(editor):
                result, step = editor.change(name, action)
        except FieldErrors:
            raise
        except (TimelineError, sqlite3.Error) as exc:
            log.warning("%s failed: %s", name, exc)
            self.controller.errorRaised.emit(f"Could not {name}.\n\n{exc}\n\nNothing was changed.")
            return None
        self.stack.push(_StepCommand(self, step))
        self._follow(step.touched)
        return result

    def replay(self, step: Step, *, undo: bool) -> None:
        editor = self._editor
        if editor is None:
            return
        try:
            with self._patient(editor):
                touched = editor.undo(step) if undo else editor.redo(step)
        except (UndoConflict, TimelineError, sqlite3.Error) as exc:
            verb = "undo" if undo else "redo"
            log.warning("%s of %s failed: %s", verb, step.name, exc)
            self.controller.errorRaised.emit(
                f"Could not {verb} “{step.name}”.\n\n{exc}\n\nThe file was not changed; the "
                "list of changes to undo has been cleared."
            )
            # Not from inside the stack's own undo(): clear it once that has returned.
            QtCore.QTimer.singleShot(0, self.stack.clear)
            return
        self._follow(touched)

    @staticmethod
    @contextlib.contextmanager
    def _patient(editor: Editor) -> Iterator[None]:
        editor.store.set_busy_timeout(WRITE_WAIT_MS)
        try:
            yield
        finally:
            editor.store.set_busy_timeout(READ_WAIT_MS)

    def _follow(self, touched: Touched) -> None:
        if touched.anything:
            self.controller.follow_edit(touched)
