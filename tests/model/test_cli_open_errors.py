"""The command line on files it cannot use: exit status 1, exactly one line on stderr naming
the file, and the file left as it was. `check` always; `export` once it exists."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline_app import cli
from timeline_app.model import schema
from timeline_app.model import store as store_module
from timeline_app.model.dataset import builtin_database_path

RUN_CLI = "import sys; from timeline_app.cli import main; sys.exit(main(sys.argv[1:]))"


def fingerprint(path: Path) -> tuple[str, int] | None:
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def copy_of_shipped(folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(builtin_database_path(), target)
    return target


def edit_with_sqlite(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()
    return path


def truncated(folder: Path) -> Path:
    path = copy_of_shipped(folder, "truncated.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupted(folder: Path) -> Path:
    """Garbage over the middle of the cells of an index page."""
    path = copy_of_shipped(folder, "corrupt.db")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'events_company_start'"
    ).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    offset = (root - 1) * page_size
    cells = int.from_bytes(path.read_bytes()[offset + 5 : offset + 7], "big")
    with path.open("r+b") as handle:
        handle.seek(offset + (cells + page_size) // 2)
        handle.write(b"\xa5" * 32)
    return path


def missing_column(folder: Path) -> Path:
    line = "    summary TEXT NOT NULL DEFAULT '',\n"
    path = folder / "no-summary.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in schema.split_statements(schema.SCHEMA_V1.replace(line, "")):
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.close()
    return path


def written(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


BAD_FILES = [
    pytest.param(written("empty.db", b""), id="empty"),
    pytest.param(written("notes.db", b"company,title\nAcme,Pause\n"), id="text-renamed"),
    pytest.param(truncated, id="truncated"),
    pytest.param(corrupted, id="corrupted"),
    pytest.param(
        lambda folder: edit_with_sqlite(folder / "other.db", "CREATE TABLE foo (x)"),
        id="other-app",
    ),
    pytest.param(
        lambda folder: edit_with_sqlite(
            copy_of_shipped(folder, "no-table.db"), "DROP TABLE excerpts"
        ),
        id="missing-table",
    ),
    pytest.param(missing_column, id="missing-column"),
    pytest.param(
        lambda folder: edit_with_sqlite(
            copy_of_shipped(folder, "newer.db"), "PRAGMA user_version = 99"
        ),
        id="newer-version",
    ),
    pytest.param(lambda folder: folder / "does-not-exist.db", id="missing-path"),
]


def export_available() -> bool:
    return importlib.util.find_spec("timeline_app.export") is not None


def command(name: str, db: Path, folder: Path) -> list[str]:
    if name == "import":
        rows = folder / "rows.csv"
        rows.write_text("company,title,category,start\nAcme,Launch,Product,2020-01-02\n")
        return ["import", str(rows), "--db", str(db)]
    if name == "export":
        if not export_available():
            pytest.skip("timeline-app export does not exist yet")
        return ["export", "--db", str(db), "--out", str(folder / "x.csv")]
    return ["check", "--db", str(db)]


def assert_one_line_naming(err: str, path: Path) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0], err


@pytest.mark.parametrize("name", ["check", "export", "import"])
@pytest.mark.parametrize("make", BAD_FILES)
def test_a_bad_file_gives_one_line_and_exit_status_1(tmp_path, capsys, name, make):
    path = make(tmp_path)
    if name == "import" and path.name == "does-not-exist.db":
        pytest.skip("import creates a database that does not exist yet (tested elsewhere)")
    before = fingerprint(path)
    status = cli.main(command(name, path, tmp_path))
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert_one_line_naming(err, path)
    assert fingerprint(path) == before
    assert not (tmp_path / "x.csv").exists()  # a failed export leaves no half-written file


@pytest.mark.parametrize("name", ["check", "export", "import"])
def test_a_locked_file_gives_one_line_saying_locked(tmp_path, capsys, monkeypatch, name):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)  # keep the test quick
    path = copy_of_shipped(tmp_path, "busy.db")
    argv = command(name, path, tmp_path)
    before = fingerprint(path)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        status = cli.main(argv)
    finally:
        holder.close()
    out, err = capsys.readouterr()
    assert status == 1
    assert_one_line_naming(err, path)
    assert "locked" in err
    assert fingerprint(path) == before


@pytest.mark.parametrize("name", ["check", "export", "import"])
def test_a_path_with_non_ascii_characters_works(tmp_path, capsys, name):
    folder = tmp_path / "dossier été"
    folder.mkdir()
    path = copy_of_shipped(folder, "données-été-时间.db")
    before = fingerprint(path)
    status = cli.main(command(name, path, tmp_path))
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == ""
    if name == "import":  # the one command here that is meant to change the file
        assert out.startswith("imported 1 event(s)")
        assert fingerprint(path) != before
        return
    assert fingerprint(path) == before
    if name == "check":
        assert out.strip() == f"{path}: ok"
    else:
        assert (tmp_path / "x.csv").read_text(encoding="utf-8-sig").count("\n") > 1


@pytest.mark.parametrize("name", ["check", "export", "import"])
def test_the_real_command_exits_non_zero_with_one_line(tmp_path, name):
    """The same through a separate process, as a user or a script runs it."""
    path = edit_with_sqlite(copy_of_shipped(tmp_path, "newer.db"), "PRAGMA user_version = 99")
    before = fingerprint(path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", RUN_CLI, *command(name, path, tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert_one_line_naming(result.stderr, path)
    assert "newer version" in result.stderr
    assert fingerprint(path) == before
