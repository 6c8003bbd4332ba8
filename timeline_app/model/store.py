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
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from timeline_app.errors import DatabaseError
from timeline_app.model import schema

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 2000
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


def _writable(path: Path) -> bool:
    """SQLite needs to write the file and create a journal beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # A file from elsewhere must not be able to run code through its schema.
    conn.execute("PRAGMA trusted_schema = OFF")
    if hasattr(conn, "setconfig"):  # Python 3.12+: SQLite's defensive mode as well
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _sqlite_problem(path: Path, exc: sqlite3.Error) -> DatabaseError:
    text = str(exc)
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


class Store:
    """An open timeline database; `db` is the sqlite-utils view of the same connection."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool) -> None:
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.db = sqlite_utils.Database(conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def generation(self) -> int:
        """Bumped by every write, so derived caches know when they are stale."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write, all or nothing; a crash part-way leaves the previous contents."""
        if self.readonly:
            raise _describe(self.path, "is opened read-only; it cannot be changed")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _sqlite_problem(self.path, exc) from None
        try:
            # Bumped first, so caches written inside the transaction carry the new number.
            self.conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
            yield self.conn
            pause_before_commit_for_tests()
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
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


def _check_schema(path: Path, conn: sqlite3.Connection) -> None:
    tables = {
        row[0]: row[1]
        for row in conn.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table')")
    }
    missing_tables = [name for name in schema.EXPECTED_COLUMNS if name not in tables]
    if len(missing_tables) == len(schema.EXPECTED_COLUMNS):
        raise _describe(path, "is an SQLite file of another application, not a timeline")
    if missing_tables:
        raise _describe(path, f"is damaged: table(s) {', '.join(missing_tables)} missing")
    for table, wanted in schema.EXPECTED_COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_xinfo({table})")}
        if missing := sorted(wanted - have):
            raise _describe(path, f"is damaged: table {table} lacks column(s) {', '.join(missing)}")
    triggers = {
        row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    if missing := sorted(schema.EXPECTED_TRIGGERS - triggers):
        raise _describe(path, f"is damaged: its safety trigger(s) {', '.join(missing)} are missing")


def _check_pages(path: Path, conn: sqlite3.Connection) -> None:
    """Find damage now rather than on some later query, so it is reported at open."""
    if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
        rows = conn.execute("PRAGMA quick_check(3)").fetchall()
        if rows != [("ok",)]:
            detail = " ".join(str(row[0]) for row in rows).replace("\n", " ")
            raise _describe(path, f"is damaged ({detail[:200]})")


def _check_rows(path: Path, conn: sqlite3.Connection) -> None:
    """Read the first and last row of every table: cheap, and it touches the pages a
    damaged big file most often loses (the lane cache blob is not read, only its number)."""
    for table in schema.EXPECTED_COLUMNS:
        columns = "generation" if table == "lane_cache" else "*"
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


def open_store(path: str | os.PathLike[str], *, readonly: bool = False) -> Store:
    """Open an existing timeline file, migrating an older one if it may be written."""
    path = Path(path)
    _check_file(path)
    writable = _writable(path)
    readonly = readonly or not writable
    if readonly and writable:
        _recover_interrupted_write(path)
    conn = None
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
        if version < schema.SCHEMA_VERSION:
            if readonly:
                raise _describe(
                    path, "uses an older file format and is read-only, so it cannot be upgraded"
                )
            conn.execute("BEGIN IMMEDIATE")
            try:
                schema.migrate(conn, version)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # a failed upgrade leaves the file as it was
                    conn.execute("ROLLBACK")
                raise
        _check_schema(path, conn)
        _check_rows(path, conn)
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise _sqlite_problem(path, exc) from None
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return Store(path, conn, readonly)


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
