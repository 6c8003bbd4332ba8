"""Opening files that are not what they should be: every problem is a DatabaseError that names
the file and the problem, and the file is never changed by the attempt."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from bad_files import (  # noqa: E402 (a sibling test module)
    BAD_FILES,
    IS_ROOT,
    copy_of_shipped,
    corrupt_row,
    fingerprint,
    shipped_events,
)

from timeline_app.errors import DatabaseError
from timeline_app.model import query
from timeline_app.model import store as store_module
from timeline_app.model.dates import validate_span
from timeline_app.model.store import open_store
from timeline_app.model.types import DatePrecision
from timeline_app.model.writer import NewEvent, Writer


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
        with pytest.raises(sqlite3.OperationalError, match="readonly|unsafe"):
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
