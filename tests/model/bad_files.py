"""Damaged, foreign and odd files, made fresh in a folder, shared by the store and CLI tests.

Each BAD_FILES entry is (make(folder) -> path, the words the refusal must contain).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline_app.model import query, schema
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.store import open_store

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def fingerprint(path: Path) -> tuple[str, int, int] | None:
    if not path.is_file():
        return None
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size


def shipped_events() -> int:
    with open_store(builtin_database_path(), readonly=True) as shipped:
        return query.count_events(shipped)


def copy_of_shipped(folder: Path, name: str = "timeline.db") -> Path:
    target = folder / name
    shutil.copyfile(builtin_database_path(), target)
    return target


def edit_with_sqlite(path: Path, *statements: str) -> None:
    """Change a file as another program would (no foreign keys, no checks of ours)."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()


def overwrite(path: Path, offset: int, size: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(b"\xa5" * size)


def page_of(path: Path, name: str) -> tuple[int, int]:
    """(offset of the first page of table or index `name`, page size)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    return (root - 1) * page_size, page_size


# ----------------------------------------------------------------------------- bad files


def empty_file(folder: Path) -> Path:
    path = folder / "empty.db"
    path.write_bytes(b"")
    return path


def text_file(folder: Path) -> Path:
    path = folder / "notes.db"
    path.write_text("company,title\nAcme,Pauses sales\n", encoding="utf-8")
    return path


def tiny_file(folder: Path) -> Path:
    path = folder / "tiny.db"
    path.write_bytes(builtin_database_path().read_bytes()[:60])
    return path


def truncated_file(folder: Path) -> Path:
    path = copy_of_shipped(folder, "truncated.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_index_page(folder: Path) -> Path:
    """Garbage over the middle of the cells of an index page."""
    path = copy_of_shipped(folder, "corrupt-index.db")
    offset, page_size = page_of(path, "events_lane")
    cells = int.from_bytes(path.read_bytes()[offset + 5 : offset + 7], "big")
    overwrite(path, offset + (cells + page_size) // 2, 32)
    return path


def corrupt_table_page(folder: Path) -> Path:
    """Garbage over the page header of the events table, in the middle of the file."""
    path = copy_of_shipped(folder, "corrupt-events.db")
    offset, _ = page_of(path, "events")
    overwrite(path, offset, 12)
    return path


def corrupt_row(folder: Path) -> Path:
    """Garbage in the middle of the article's text: not a structural error, bad UTF-8."""
    path = copy_of_shipped(folder, "corrupt-text.db")
    offset, page_size = page_of(path, "sources")
    cells = int.from_bytes(path.read_bytes()[offset + 5 : offset + 7], "big")
    overwrite(path, offset + (cells + page_size) // 2, 32)
    return path


def other_application(folder: Path, user_version: int = 0) -> Path:
    path = folder / f"other-{user_version}.db"
    edit_with_sqlite(
        path,
        "CREATE TABLE foo (id INTEGER PRIMARY KEY, bar TEXT)",
        "INSERT INTO foo (bar) VALUES ('baz')",
        f"PRAGMA user_version = {user_version}",
    )
    return path


def empty_sqlite(folder: Path) -> Path:
    path = folder / "blank.db"
    edit_with_sqlite(path, "CREATE TABLE t (x)", "DROP TABLE t")
    return path


def missing_table(table: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = copy_of_shipped(folder, f"no-{table}.db")
        edit_with_sqlite(path, f"DROP TABLE {table}")
        return path

    return make


def missing_trigger(folder: Path) -> Path:
    path = copy_of_shipped(folder, "no-trigger.db")
    edit_with_sqlite(path, "DROP TRIGGER sources_text_frozen")
    return path


def missing_column(folder: Path) -> Path:
    """Our schema, built by hand with one column of events left out."""
    line = "    summary TEXT NOT NULL DEFAULT '',\n"
    line = next(row for row in schema.SCHEMA.splitlines(keepends=True) if "summary TEXT" in row)
    assert schema.SCHEMA.count(line) == 1
    script = schema.SCHEMA.replace(line, "")
    path = folder / "no-summary.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in schema.split_statements(script):
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.close()
    return path


def newer_version(folder: Path) -> Path:
    path = copy_of_shipped(folder, "from-the-future.db")
    edit_with_sqlite(path, "PRAGMA user_version = 99")
    return path


def no_such_file(folder: Path) -> Path:
    return folder / "never-saved.db"


def a_folder(folder: Path) -> Path:
    path = folder / "looks-like-a-file.db"
    path.mkdir()
    return path


BAD_FILES = [
    pytest.param(empty_file, "is empty", id="empty"),
    pytest.param(text_file, "not an SQLite file", id="text-renamed"),
    pytest.param(tiny_file, "not an SQLite file", id="shorter-than-header"),
    pytest.param(truncated_file, "truncated", id="truncated"),
    pytest.param(corrupt_index_page, "damaged", id="corrupt-index-page"),
    pytest.param(corrupt_table_page, "damaged", id="corrupt-table-page"),
    pytest.param(corrupt_row, "damaged", id="corrupt-text"),
    pytest.param(other_application, "another application", id="other-app"),
    pytest.param(
        lambda folder: other_application(folder, user_version=7),
        "another application",
        id="other-app-with-its-own-version",
    ),
    pytest.param(empty_sqlite, "empty SQLite file", id="empty-sqlite"),
    pytest.param(missing_table("excerpts"), "excerpts missing", id="missing-excerpts"),
    pytest.param(missing_table("lane_cache"), "lane_cache missing", id="missing-lane-cache"),
    pytest.param(missing_column, "events lacks column.*summary", id="missing-column"),
    pytest.param(missing_trigger, "trigger.*sources_text_frozen", id="missing-trigger"),
    pytest.param(newer_version, "newer version", id="newer-version"),
    pytest.param(no_such_file, "no such file", id="missing-path"),
    pytest.param(a_folder, "folder", id="folder"),
]


# ----------------------------------------------------------------------------- crafted rows

_GENERATED = re.compile(r"GENERATED ALWAYS AS\s*\(.*?\)\s*STORED", re.S)


def craft_rows(path: Path, *statements: str) -> None:
    """Store what the schema refuses, as a hostile file would hold it: the events table's
    definition is swapped for one without its rules (its stored columns keep their layout),
    the statements run with checks off, and the real definition is put back."""
    conn = sqlite3.connect(path, isolation_level=None)
    (real,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()
    plain = (
        "CREATE TABLE events (id INTEGER PRIMARY KEY, company_id, category_id, title, summary, "
        "start_date, end_date, precision, approximate, start_ts, end_ts, uid, "
        "UNIQUE (company_id, start_date, title))"
    )
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'events'", (plain,))
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for trigger in [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
    )]:  # fmt: skip
        conn.execute(f"DROP TRIGGER {trigger}")
    for statement in statements:
        conn.execute(statement)
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'events'", (real,))
    conn.close()
    ours = schema.expected_objects(schema.SCHEMA_VERSION)
    conn = sqlite3.connect(path, isolation_level=None)
    for obj in ours.values():  # the triggers, as they were
        if obj.kind == "trigger" and obj.table == "events":
            conn.execute(obj.sql)
    conn.close()
    assert _GENERATED.search(real)
