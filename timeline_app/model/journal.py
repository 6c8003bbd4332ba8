"""What each change did to the rows, so it can be undone and redone exactly.

Temporary triggers (on this connection only: nothing is added to the user's file) note every
row a change inserts, updates or deletes, with its image before the change; at the end of the
change, the images after it are taken from the rows themselves. Undo writes the before
images back, redo the after images, each in one transaction: whatever a change did, through
whichever code path, cascades and all, is restored row for row, and the search index and
change counter follow through the file's own triggers. The images live in the connection's
temporary database, not in Python: a step that touched a million rows costs no memory here.

Before writing, the rows must still be as the step left them: if another program changed one
meanwhile, undo refuses (it would silently throw that change away) and says which.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from timeline_app.errors import TimelineError

# In the order inserts must follow (a quote needs its event and source); deletes go backwards.
TRACKED = ("companies", "categories", "sources", "events", "excerpts", "meta", "eras")
# Keys of meta that are bookkeeping, not content: the change counter moves forward always.
_UNTRACKED_META = ("events_version",)


class UndoConflict(TimelineError):
    """Another program changed rows a step touched; undoing it would overwrite that."""


@dataclass(frozen=True, slots=True)
class Touched:
    """What one step changed, for the in-memory views to follow."""

    step: int
    events: frozenset[int]  # ids of events inserted, changed or deleted
    excerpts_of: frozenset[int]  # events whose quotes changed
    companies: bool  # a company was added, renamed, recoloured or deleted
    categories: bool
    sources: bool
    meta: bool
    eras: bool = False  # an era was added, changed or deleted

    @property
    def anything(self) -> bool:
        return bool(
            self.events
            or self.excerpts_of
            or self.companies
            or self.categories
            or self.sources
            or self.meta
            or self.eras
        )


_ROW_NAMES = {
    "companies": "company",
    "categories": "category",
    "sources": "source",
    "events": "event",
    "excerpts": "quote",
    "meta": "setting",
    "eras": "era",
}


def _key(table: str) -> str:
    return "key" if table == "meta" else "id"


class Journal:
    """Records the row changes of this connection's steps; one per Store that edits."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._columns = {table: self._plain_columns(table) for table in TRACKED}
        self._step = 0
        self._install()

    def _plain_columns(self, table: str) -> list[str]:
        """Stored columns (generated ones follow from them), including any another program
        added: those are restored too."""
        rows = self.conn.execute(f'PRAGMA main.table_xinfo("{table}")').fetchall()
        return [row[1] for row in rows if row[6] == 0]

    def _install(self) -> None:
        conn = self.conn
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS journal_state (recording INTEGER, step INTEGER)"
        )
        conn.execute("DELETE FROM temp.journal_state")
        conn.execute("INSERT INTO temp.journal_state VALUES (0, 0)")
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS journal_rows (step INTEGER, tbl TEXT, key, "
            "inserted INTEGER, PRIMARY KEY (step, tbl, key)) WITHOUT ROWID"
        )
        for table in TRACKED:
            columns = ", ".join(f'"{c}"' for c in self._columns[table])
            for side in ("before", "after"):
                conn.execute(
                    f"CREATE TEMP TABLE IF NOT EXISTS journal_{side}_{table} AS "
                    f"SELECT 0 AS journal_step, {columns} FROM main.{table} WHERE 0"
                )
                conn.execute(
                    f"CREATE UNIQUE INDEX IF NOT EXISTS temp.journal_{side}_{table}_key "
                    f'ON journal_{side}_{table} (journal_step, "{_key(table)}")'
                )
            self._install_triggers(table)

    def _install_triggers(self, table: str) -> None:
        key = _key(table)
        old = ", ".join(f'OLD."{c}"' for c in self._columns[table])
        columns = ", ".join(f'"{c}"' for c in self._columns[table])
        when = "(SELECT recording FROM temp.journal_state)"
        if table == "meta":
            skipped = ", ".join(f"'{k}'" for k in _UNTRACKED_META)
            when_new = f"{when} AND NEW.key NOT IN ({skipped})"
            when_old = f"{when} AND OLD.key NOT IN ({skipped})"
        else:
            when_new = when_old = when
        step = "(SELECT step FROM temp.journal_state)"
        self.conn.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_insert AFTER INSERT "
            f"ON main.{table} WHEN {when_new} BEGIN "
            f"INSERT OR IGNORE INTO journal_rows VALUES ({step}, '{table}', NEW.\"{key}\", 1);"
            " END"
        )
        for action in ("UPDATE", "DELETE"):
            self.conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_{action.lower()} "
                f"BEFORE {action} ON main.{table} WHEN {when_old} BEGIN "
                f"INSERT OR IGNORE INTO journal_rows "
                f"VALUES ({step}, '{table}', OLD.\"{key}\", 0); "
                f"INSERT OR IGNORE INTO journal_before_{table} (journal_step, {columns}) "
                f"SELECT {step}, {old} WHERE NOT EXISTS (SELECT 1 FROM temp.journal_rows "
                f"WHERE step = {step} AND tbl = '{table}' AND key = OLD.\"{key}\" "
                "AND inserted = 1); END"
            )

    # ------------------------------------------------------------------ recording
    @contextmanager
    def recording(self) -> Iterator[int]:
        """Note what the caller writes (inside its transaction) as one new step; the step
        number is yielded. Call finish() after the writes, before the commit."""
        self._step += 1
        self.conn.execute("UPDATE temp.journal_state SET recording = 1, step = ?", (self._step,))
        try:
            yield self._step
        finally:
            self.conn.execute("UPDATE temp.journal_state SET recording = 0")

    def finish(self, step: int) -> Touched:
        """Take the after images of the rows `step` touched (still inside its transaction)."""
        self.conn.execute("UPDATE temp.journal_state SET recording = 0")
        for table in self._tables(step):
            columns = ", ".join(f'"{c}"' for c in self._columns[table])
            self.conn.execute(
                f"INSERT INTO temp.journal_after_{table} (journal_step, {columns}) "
                f'SELECT ?, {columns} FROM main.{table} WHERE "{_key(table)}" IN '
                f"(SELECT key FROM temp.journal_rows WHERE step = ? AND tbl = '{table}')",
                (step, step),
            )
        return self.touched(step)

    def _tables(self, step: int) -> list[str]:
        """The tables `step` touched, in TRACKED order: only those have images to take,
        check or write back (a statement per table and side is a millisecond or more on
        a big file, most of an edit's own time if all seven were run)."""
        rows = self.conn.execute(
            "SELECT DISTINCT tbl FROM temp.journal_rows WHERE step = ?", (step,)
        ).fetchall()
        touched = {row[0] for row in rows}
        return [table for table in TRACKED if table in touched]

    def touched(self, step: int) -> Touched:
        rows = self.conn.execute(
            "SELECT tbl, key FROM temp.journal_rows WHERE step = ?", (step,)
        ).fetchall()
        tables = {table for table, _key in rows}
        events = frozenset(key for table, key in rows if table == "events")
        quoted: set[int] = set()
        if "excerpts" in tables:
            for side in ("before", "after"):
                quoted.update(
                    row[0]
                    for row in self.conn.execute(
                        f"SELECT event_id FROM temp.journal_{side}_excerpts WHERE journal_step = ?",
                        (step,),
                    )
                )
        return Touched(
            step,
            events,
            frozenset(quoted),
            "companies" in tables,
            "categories" in tables,
            "sources" in tables,
            "meta" in tables,
            "eras" in tables,
        )

    def forget(self, steps: list[int]) -> None:
        """Drop the images of steps that can no longer be undone or redone."""
        for step in steps:
            tables = self._tables(step)
            self.conn.execute("DELETE FROM temp.journal_rows WHERE step = ?", (step,))
            for table in tables:
                for side in ("before", "after"):
                    self.conn.execute(
                        f"DELETE FROM temp.journal_{side}_{table} WHERE journal_step = ?",
                        (step,),
                    )

    # ------------------------------------------------------------------ undo and redo
    def undo(self, step: int) -> Touched:
        """Put back the rows as they were before `step` (caller holds the transaction)."""
        self._restore(step, target="before", expected="after")
        return self.touched(step)

    def redo(self, step: int) -> Touched:
        self._restore(step, target="after", expected="before")
        return self.touched(step)

    def _restore(self, step: int, target: str, expected: str) -> None:
        tables = self._tables(step)
        self._check_unchanged(step, expected, tables)
        conn = self.conn
        conn.execute("PRAGMA defer_foreign_keys = ON")  # rows come back in any order
        for table in reversed(tables):
            key = _key(table)
            conn.execute(
                f'DELETE FROM main.{table} WHERE "{key}" IN (SELECT key FROM temp.journal_rows '
                f'WHERE step = ? AND tbl = \'{table}\') AND "{key}" NOT IN (SELECT "{key}" '
                f"FROM temp.journal_{target}_{table} WHERE journal_step = ?)",
                (step, step),
            )
        for table in tables:
            key = _key(table)
            columns = [c for c in self._columns[table] if c != key]
            if columns:
                names = ", ".join(f'"{c}"' for c in columns)
                conn.execute(
                    f"UPDATE main.{table} SET ({names}) = (SELECT {names} FROM "
                    f"temp.journal_{target}_{table} AS image WHERE image.journal_step = ? AND "
                    f'image."{key}" = main.{table}."{key}") WHERE "{key}" IN (SELECT "{key}" '
                    f"FROM temp.journal_{target}_{table} WHERE journal_step = ?)",
                    (step, step),
                )
            everything = ", ".join(f'"{c}"' for c in self._columns[table])
            conn.execute(
                f"INSERT INTO main.{table} ({everything}) SELECT {everything} FROM "
                f'temp.journal_{target}_{table} WHERE journal_step = ? AND "{key}" NOT IN '
                f'(SELECT "{key}" FROM main.{table})',
                (step,),
            )

    def _check_unchanged(self, step: int, expected: str, tables: list[str]) -> None:
        """Every row the step touched must be as the step left it (or found it, for redo)."""
        for table in tables:
            key = _key(table)
            columns = ", ".join(f'"{c}"' for c in self._columns[table])
            touched = (
                f"SELECT key FROM temp.journal_rows WHERE step = {int(step)} AND tbl = '{table}'"
            )
            now = f'SELECT {columns} FROM main.{table} WHERE "{key}" IN ({touched})'
            then = f"SELECT {columns} FROM temp.journal_{expected}_{table} WHERE journal_step = "
            then += str(int(step))
            differs = self.conn.execute(
                f'SELECT "{key}" FROM ({now} EXCEPT {then}) UNION '
                f'SELECT "{key}" FROM ({then} EXCEPT {now}) LIMIT 1'
            ).fetchone()
            if differs is not None:
                what = _ROW_NAMES[table]
                raise UndoConflict(
                    f"{what} {differs[0]} was changed by another program since; "
                    "undo and redo would overwrite that change, so they are no longer possible"
                )
