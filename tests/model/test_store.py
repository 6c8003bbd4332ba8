"""Opening files that are not what they should be: every problem is a DatabaseError that names
the file and the problem, and the file is never changed by the attempt."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline_app.errors import DatabaseError
from timeline_app.model import query, schema
from timeline_app.model import store as store_module
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.dates import validate_span
from timeline_app.model.store import open_store
from timeline_app.model.types import DatePrecision
from timeline_app.model.writer import NewEvent, Writer

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
    offset, page_size = page_of(path, "events_company_start")
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
    assert schema.SCHEMA_V1.count(line) == 1
    script = schema.SCHEMA_V1.replace(line, "")
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


def listing(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()}


@pytest.mark.parametrize(("make", "problem"), BAD_FILES)
@pytest.mark.parametrize("readonly", [False, True], ids=["rw", "ro"])
def test_a_bad_file_is_refused_by_name_and_left_as_it_was(tmp_path, make, problem, readonly):
    path = make(tmp_path)
    before, files = fingerprint(path), listing(tmp_path)
    with pytest.raises(DatabaseError, match=problem) as caught:
        open_store(path, readonly=readonly)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message
    assert fingerprint(path) == before
    assert listing(tmp_path) == files  # no journal left behind, no file created


def test_damage_found_by_the_row_check_on_a_big_file(tmp_path, monkeypatch):
    """Files above the quick_check limit still get their first and last rows read."""
    monkeypatch.setattr(store_module, "QUICK_CHECK_MAX_BYTES", 0)
    path = corrupt_row(tmp_path)
    before = fingerprint(path)
    with pytest.raises(DatabaseError, match="damaged") as caught:
        open_store(path)
    assert str(path) in str(caught.value)
    assert fingerprint(path) == before


def test_a_good_file_opened_and_read_is_not_modified(builtin_copy):
    before = fingerprint(builtin_copy)
    with open_store(builtin_copy) as store:
        assert not store.readonly
        assert query.count_events(store) == shipped_events() > 0
        assert query.list_companies(store)
    assert fingerprint(builtin_copy) == before


def test_opened_files_cannot_run_code_through_their_schema(builtin_copy):
    with open_store(builtin_copy) as store:
        assert store.conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize(
    "name",
    ["données-été-时间.db", "with space #1?.db", "percent%20and'quote.db"],
)
def test_a_path_with_unusual_characters_opens(tmp_path, name):
    folder = tmp_path / "dossier été 时间"
    folder.mkdir()
    path = copy_of_shipped(folder, name)
    with open_store(path) as store:
        assert query.count_events(store) == shipped_events()
        with store.transaction() as conn:
            conn.execute("UPDATE companies SET kind = kind")
    assert listing(folder) == {name}  # the write went to this file, not a mangled name


# ----------------------------------------------------------------------------- read-only


def add_event(store) -> None:
    with store.transaction() as conn:
        writer = Writer(conn)
        span = validate_span("2021-01-01", None, DatePrecision.DAY)
        writer.events([NewEvent("Microsoft", "Statement", "New", "", span, False)])
        writer.finish()


def assert_read_but_not_written(path: Path, store) -> None:
    assert store.readonly
    assert query.count_events(store) == shipped_events()
    assert query.event_detail(store, query.find_events(store, limit=1)[0].id).excerpts
    with pytest.raises(DatabaseError, match="read-only") as caught:
        add_event(store)
    assert str(path) in str(caught.value)


def test_readonly_open_reads_and_refuses_writes(builtin_copy):
    before = fingerprint(builtin_copy)
    with open_store(builtin_copy, readonly=True) as store:
        assert_read_but_not_written(builtin_copy, store)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("DELETE FROM events")  # even a stray write cannot land
    assert fingerprint(builtin_copy) == before


@pytest.fixture
def restore_modes(tmp_path):
    yield
    for path in [tmp_path, *tmp_path.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.skipif(IS_ROOT, reason="root writes files whatever their mode bits say")
def test_a_read_only_file_is_opened_read_only(builtin_copy, restore_modes):
    builtin_copy.chmod(0o444)
    before = fingerprint(builtin_copy)
    with open_store(builtin_copy) as store:
        assert_read_but_not_written(builtin_copy, store)
    assert fingerprint(builtin_copy) == before


@pytest.mark.skipif(IS_ROOT, reason="root writes into folders whatever their mode bits say")
def test_a_file_in_a_read_only_folder_is_opened_read_only(builtin_copy, restore_modes):
    builtin_copy.parent.chmod(0o555)
    before = fingerprint(builtin_copy)
    with open_store(builtin_copy) as store:
        assert_read_but_not_written(builtin_copy, store)
    assert fingerprint(builtin_copy) == before


@pytest.mark.parametrize("denied", ["file", "folder"])
def test_no_write_permission_means_read_only(builtin_copy, monkeypatch, denied):
    """What the two tests above check for real, with the permission answer faked (so it runs
    as root too): SQLite needs the folder writable for its journal."""
    target = builtin_copy if denied == "file" else builtin_copy.parent
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if Path(path) == target and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    before = fingerprint(builtin_copy)
    with open_store(builtin_copy) as store:
        assert_read_but_not_written(builtin_copy, store)
    assert fingerprint(builtin_copy) == before


# ----------------------------------------------------------------------------- locks


@pytest.fixture
def other_writer(builtin_copy):
    """Another program's connection to the same file."""
    conn = sqlite3.connect(builtin_copy, isolation_level=None)
    yield conn
    conn.close()


def test_a_file_locked_by_another_writer_is_refused_quickly(builtin_copy, other_writer):
    before = fingerprint(builtin_copy)
    other_writer.execute("BEGIN EXCLUSIVE")
    started = time.monotonic()
    with pytest.raises(DatabaseError, match="locked") as caught:
        open_store(builtin_copy)
    assert time.monotonic() - started < 5
    assert str(builtin_copy) in str(caught.value)
    other_writer.execute("ROLLBACK")
    assert fingerprint(builtin_copy) == before
    with open_store(builtin_copy) as store:  # works again once the other program lets go
        assert query.count_events(store) == shipped_events()


def test_a_write_while_another_program_writes_fails_with_locked(builtin_copy, other_writer):
    with open_store(builtin_copy) as store:
        other_writer.execute("BEGIN IMMEDIATE")
        assert query.count_events(store) == shipped_events()  # reading still works
        started = time.monotonic()
        with pytest.raises(DatabaseError, match="locked") as caught:
            add_event(store)
        assert time.monotonic() - started < 5
        assert str(builtin_copy) in str(caught.value)
        other_writer.execute("ROLLBACK")
        add_event(store)
        assert query.count_events(store) == shipped_events() + 1
