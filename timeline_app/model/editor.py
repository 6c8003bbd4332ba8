"""Changes as steps: each runs in one transaction, is named for the Undo menu and the
history, and can be undone and redone as long as the file stays open.

The list of steps (what Undo would undo next) belongs to whoever drives the editor: the
window keeps it in a QUndoStack, the command line makes one step per command and keeps none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from timeline_app.model.appearance import store_missing
from timeline_app.model.journal import Journal, Touched
from timeline_app.model.store import Store

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Step:
    number: int
    name: str  # "delete event “Amazon pauses police…”"
    touched: Touched


class Editor:
    """Runs changes on a writable store and keeps what is needed to undo them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.journal = Journal(store.conn)

    def change(self, name: str, action: Callable[[sqlite3.Connection], T]) -> tuple[T, Step]:
        """Run `action` as one step: all of it is written, or (on any error) none of it.

        Companies and categories already stored that have no look yet (a file written by
        another program, or by the generator) get it first, outside the step: undoing the
        step must not take away looks it did not give, and writing then deleting hundreds
        of them at every edit and undo would make each cost far more than the edit."""
        with self.store.transaction() as conn:
            store_missing(conn)
            with self.journal.recording() as number:
                result = action(conn)
                store_missing(conn)  # a company or category the step made: undone with it
            touched = self.journal.finish(number)
        return result, Step(number, name, touched)

    def undo(self, step: Step) -> Touched:
        with self.store.transaction():
            return self.journal.undo(step.number)

    def redo(self, step: Step) -> Touched:
        with self.store.transaction():
            return self.journal.redo(step.number)

    def forget(self, steps: list[Step]) -> None:
        """Let go of steps nobody can undo or redo any more."""
        self.journal.forget([step.number for step in steps])
