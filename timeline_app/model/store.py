"""Opening timeline files safely, and writing to them in single transactions.

A file is checked before anything is written to it: a file that is not ours, is damaged, or
comes from a newer version of the app is refused with a message naming it and is left as it
was. Read-only files are opened read-only rather than refused.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from timeline_app.errors import DatabaseError, TimelineError
from timeline_app.model import schema

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 2000
PROGRESS_EVERY = 20_000  # SQLite virtual-machine steps between looks at the interrupt flag
# Files up to this size get a structural check on open (~30 ms at the limit, warm); bigger
# ones only have the first and last row of each table read, so opening stays fast.
QUICK_CHECK_MAX_BYTES = 16 * 1024 * 1024


PAUSE_ENV = "TIMELINE_APP_TEST_PAUSE_BEFORE_COMMIT"


def pause_before_commit_for_tests() -> None:
    """With TIMELINE_APP_TEST_PAUSE_BEFORE_COMMIT=SECONDS, say so on stderr and sleep just
    before a write commits, so a test can kill the process in the middle of a write."""
    value = os.environ.get(PAUSE_ENV)
    if not value:
        return
    try:
        seconds = float(value)
    except ValueError:
        return
    print(f"timeline-app: pausing before commit for {seconds:g} s ({PAUSE_ENV})", file=sys.stderr)
    sys.stderr.flush()
    time.sleep(seconds)


def _describe(path: Path, problem: str) -> DatabaseError:
    return DatabaseError(f"{path}: {problem}")


def _check_file(path: Path) -> None:
    """Catch files that are not SQLite or are cut short before SQLite sees them."""
    if not path.exists():
        raise _describe(path, "no such file")
    if path.is_dir():
        raise _describe(path, "is a folder, not a timeline database")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise _describe(path, f"cannot be read ({exc.strerror})") from None
    if not header:
        raise _describe(path, "is empty, not a timeline database")
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise _describe(path, "is not a timeline database (not an SQLite file)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    changes = int.from_bytes(header[24:28], "big")
    if pages and valid_for == changes and path.stat().st_size < pages * page_size:
        raise _describe(path, "is damaged: the file is shorter than its header says (truncated)")


def is_writable(path: Path) -> bool:
    """SQLite needs to write the file and create a journal beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


_interrupt = threading.Event()


def request_interrupt() -> None:
    """Stop the SQL statement running now, whatever it is (Ctrl+C, a Cancel button): it fails
    with "interrupted" and its transaction is rolled back."""
    _interrupt.set()


def clear_interrupt() -> None:
    _interrupt.clear()


def interrupt_requested() -> bool:
    return _interrupt.is_set()


def _progress() -> int:
    """Called by SQLite every PROGRESS_EVERY steps: a non-zero answer interrupts the statement.
    It is also the moment Python runs its signal handlers, so Ctrl+C stops any query."""
    return 1 if _interrupt.is_set() else 0


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # A file from elsewhere must not be able to run code through its schema.
    conn.execute("PRAGMA trusted_schema = OFF")
    if hasattr(conn, "setconfig"):  # Python 3.12+: SQLite's defensive mode as well
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)  # type: ignore[attr-defined]
    conn.execute("PRAGMA foreign_keys = ON")
    watch_for_interrupts(conn)
    return conn


def watch_for_interrupts(conn: sqlite3.Connection) -> None:
    """Let request_interrupt() and Ctrl+C stop the connection's statements (a Python call
    every PROGRESS_EVERY steps; a write on another thread sets it aside, see bulk_import)."""
    conn.set_progress_handler(_progress, PROGRESS_EVERY)


def _sqlite_problem(path: Path, exc: sqlite3.Error) -> DatabaseError:
    text = str(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return _describe(path, "could not be written: the disk is full; nothing was changed")
    if code == sqlite3.SQLITE_INTERRUPT or text == "interrupted":
        return Interrupted(f"{path}: interrupted; nothing was changed")
    if "locked" in text or "busy" in text:
        return _describe(path, "is locked by another program; close it there and try again")
    if any(word in text for word in ("not a database", "malformed", "corrupt", "decode")):
        return _describe(path, "is damaged or is not a timeline database")
    if getattr(exc, "sqlite_errorcode", None) == 776:  # SQLITE_READONLY_ROLLBACK
        return _describe(
            path,
            "was left half-written by an interrupted program; open it once with write "
            "access to recover it",
        )
    if "readonly" in text or "read-only" in text:
        return _describe(path, "is read-only; it cannot be changed")
    return _describe(path, f"cannot be used ({text})")


class Interrupted(DatabaseError):
    """A statement was stopped on request (Ctrl+C or Cancel); its transaction was undone."""


class Store:
    """An open timeline database. `readonly_reason` says why a file that could be written
    is opened read-only."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, readonly: bool, readonly_reason: str = ""
    ) -> None:
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.readonly_reason = readonly_reason

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def data_version(self) -> int:
        """Changes whenever another connection commits a change to the file."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a read waits for another program's write before failing with "locked"
        (short in the window, which retries rather than freezing)."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write, all or nothing; a crash part-way leaves the previous contents."""
        if self.readonly:
            why = f" ({self.readonly_reason})" if self.readonly_reason else ""
            raise _describe(self.path, f"is opened read-only{why}; it cannot be changed")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _sqlite_problem(self.path, exc) from None
        try:
            # Holding the write lock, nobody can change the schema now: if it is still ours,
            # its triggers may write to the search index (SQLite runs triggers that touch a
            # virtual table only with trusted_schema on).
            foreign = _check_schema(self.path, self.conn, schema.SCHEMA_VERSION)
            if foreign:
                raise _describe(
                    self.path,
                    f"was given trigger(s) {', '.join(foreign[:5])} by another program; "
                    "nothing was changed (`timeline-app repair` removes them)",
                )
            self.conn.execute("PRAGMA trusted_schema = ON")
            try:
                yield self.conn
            finally:
                self.conn.execute("PRAGMA trusted_schema = OFF")
            pause_before_commit_for_tests()
            self.conn.execute("COMMIT")
        except BaseException as exc:
            # SQLite has already undone the transaction after some errors (a full disk, an
            # interrupt): there is then nothing left to roll back.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error) and _is_environmental(exc):
                # After a full disk or an I/O error SQLite leaves the rollback to the next
                # read (its journal keeps the old pages safe); read now, so the file is back
                # to its last committed state before anyone looks at it.
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                raise _sqlite_problem(self.path, exc) from None
            raise

    def check_invariants(self) -> list[str]:
        """Rows that break the model's rules (possible only if another program wrote them)."""
        problems = []
        bad = self.conn.execute(
            "SELECT x.id FROM excerpts x JOIN sources s ON s.id = x.source_id "
            "WHERE substr(s.text, x.start + 1, x.end - x.start) IS NOT x.text LIMIT 5"
        ).fetchall()
        problems += [f"excerpt {row[0]} is not verbatim in its source" for row in bad]
        orphans = self.conn.execute(
            "SELECT e.id FROM events e LEFT JOIN companies c ON c.id = e.company_id "
            "WHERE c.id IS NULL LIMIT 5"
        ).fetchall()
        problems += [f"event {row[0]} belongs to no company" for row in orphans]
        return problems


def _is_environmental(exc: sqlite3.Error) -> bool:
    """Failures of the disk, a lock or an interrupt, as opposed to a refused row."""
    code = getattr(exc, "sqlite_errorcode", None)
    return (
        code
        in (
            sqlite3.SQLITE_FULL,
            sqlite3.SQLITE_INTERRUPT,
            sqlite3.SQLITE_IOERR,
            sqlite3.SQLITE_BUSY,
            sqlite3.SQLITE_LOCKED,
        )
        or str(exc) == "interrupted"
    )


def _check_tables(path: Path, conn: sqlite3.Connection, version: int) -> schema.SchemaReport:
    """Refuse a file that lacks one of our tables or one of their columns."""
    report = schema.compare_schema(conn, version)
    ours = schema.expected_objects(version)
    tables = [name.split(" ", 1)[1] for name in report.missing if name.startswith("table ")]
    if len(tables) >= len([name for name in schema.TABLES if name in ours]):
        raise _describe(path, "is an SQLite file of another application, not a timeline")
    if tables:
        raise _describe(path, f"is damaged: table(s) {', '.join(tables)} missing")
    for table in [name for name in schema.TABLES if name in ours]:
        wanted = schema.expected_columns(version, table)
        have = {row[1] for row in conn.execute(f'PRAGMA table_xinfo("{table}")')}
        if missing := sorted(wanted - have):
            raise _describe(path, f"is damaged: table {table} lacks column(s) {', '.join(missing)}")
    return report


def _check_schema(path: Path, conn: sqlite3.Connection, version: int) -> list[str]:
    """Refuse a file whose own tables, indexes or triggers are missing or were redefined;
    return the triggers another program added (they would run on our writes)."""
    report = _check_tables(path, conn, version)
    triggers = [name.split(" ", 1)[1] for name in report.missing if name.startswith("trigger ")]
    if triggers:
        raise _describe(
            path,
            f"is damaged: its safety trigger(s) {', '.join(triggers)} are missing; "
            "`timeline-app repair` puts them back",
        )
    if not report.intact:
        changed = report.missing + report.changed
        raise _describe(
            path,
            f"was changed by another program: {', '.join(changed)} "
            f"{'is' if len(changed) == 1 else 'are'} not as Announcement Timeline made "
            f"{'it' if len(changed) == 1 else 'them'}; `timeline-app repair` rebuilds them",
        )
    return [name.split(" ", 1)[1] for name in report.foreign_triggers]


def _check_pages(path: Path, conn: sqlite3.Connection) -> None:
    """Find damage now rather than on some later query, so it is reported at open."""
    if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
        rows = conn.execute("PRAGMA quick_check(3)").fetchall()
        # Rows that break a rule (which read-write connections also report) are not damage
        # of the file: what the timeline cannot draw is refused by name later, the rest is
        # shown as it is and listed by `timeline-app check`.
        rows = [row for row in rows if " constraint failed in " not in str(row[0])] or [("ok",)]
        if rows != [("ok",)]:
            detail = " ".join(str(row[0]) for row in rows).replace("\n", " ")
            raise _describe(path, f"is damaged ({detail[:200]})")


def _check_rows(path: Path, conn: sqlite3.Connection) -> None:
    """Read the first and last row of every table: cheap, and it touches the pages a
    damaged big file most often loses (the lane cache blob is not read, only its size)."""
    for table in schema.TABLES:
        columns = "length(data)" if table == "lane_cache" else "*"
        for order in ("ASC", "DESC"):
            conn.execute(f"SELECT {columns} FROM {table} ORDER BY rowid {order} LIMIT 1").fetchall()


def _recover_interrupted_write(path: Path) -> None:
    """A write killed part-way leaves a journal beside the file; SQLite rolls it back on the
    next read-write open, which a read-only open cannot do. Do that first, so the file is
    back to its last committed state before anyone reads it."""
    journal = path.with_name(path.name + "-journal")
    if not journal.exists() or journal.stat().st_size == 0:
        return
    try:
        conn = _connect(path, "rw")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from None


def open_store(
    path: str | os.PathLike[str], *, readonly: bool = False, inspect: bool = False
) -> Store:
    """Open an existing timeline file, migrating an older one if it may be written.
    `inspect` (for check and repair) opens a file of the current format whose own schema
    objects were changed, rather than refusing it."""
    path = Path(path)
    _check_file(path)
    writable = is_writable(path)
    readonly = readonly or not writable
    if readonly and writable:
        _recover_interrupted_write(path)
    conn = None
    reason = ""
    try:
        conn = _connect(path, "ro" if readonly else "rw")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != schema.APPLICATION_ID:  # before the version: other apps set theirs
            names = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if names:
                raise _describe(path, "is an SQLite file of another application, not a timeline")
            raise _describe(path, "is an empty SQLite file, not a timeline database")
        if version > schema.SCHEMA_VERSION:
            raise _describe(
                path,
                f"was written by a newer version of Announcement Timeline (file format "
                f"{version}, this app reads up to {schema.SCHEMA_VERSION}); it was not changed",
            )
        _check_pages(path, conn)
        if version < schema.SCHEMA_VERSION and not inspect:
            if readonly:
                raise _describe(
                    path, "uses an older file format and is read-only, so it cannot be upgraded"
                )
            if version > 0:
                _check_schema(path, conn, version)
            _upgrade(path, conn, version)
        if inspect:
            foreign = []
            if version < schema.SCHEMA_VERSION:
                raise _describe(path, "uses an older file format; open it once to upgrade it")
            _check_tables(path, conn, version)
        else:
            foreign = _check_schema(path, conn, schema.SCHEMA_VERSION)
        _check_rows(path, conn)
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise _sqlite_problem(path, exc) from None
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    if foreign and not readonly:
        reason = (
            f"it has trigger(s) {', '.join(foreign[:5])} that Announcement Timeline did not "
            "make, which would run on every change; `timeline-app repair` removes them"
        )
        conn.close()
        conn = _connect(path, "ro")
        readonly = True
    return Store(path, conn, readonly, reason)


def _upgrade(path: Path, conn: sqlite3.Connection, version: int) -> None:
    """Bring the file to the current format in one transaction; on any failure it is left
    exactly as it was. Foreign keys are off meanwhile, as tables are copied across."""
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN IMMEDIATE")
    try:
        try:
            schema.migrate(conn, version)
        except TimelineError as exc:
            raise _describe(
                path, f"cannot be upgraded to this version's file format: {exc}; it was not changed"
            ) from None
        if broken := conn.execute("PRAGMA foreign_key_check").fetchmany(5):
            raise _describe(
                path,
                "cannot be upgraded: rows refer to rows that are not there ("
                + "; ".join(f"{table} {row}" for table, row, *_ in broken)
                + "); it was not changed",
            )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # a failed upgrade leaves the file as it was
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def create_store(path: str | os.PathLike[str]) -> Store:
    """Make a new, empty timeline file; refuses to overwrite anything."""
    path = Path(path)
    if path.exists():
        raise _describe(path, "already exists")
    if not path.parent.exists():
        raise _describe(path, "its folder does not exist")
    try:
        conn = _connect(path, "rwc")
        conn.execute("BEGIN IMMEDIATE")
        schema.migrate(conn, 0)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from None
    return Store(path, conn, readonly=False)


def open_or_create(path: str | os.PathLike[str]) -> Store:
    path = Path(path)
    return open_store(path) if path.exists() else create_store(path)
