"""The command line on files it cannot use: exit status 1, exactly one line on stderr naming
the file, and the file left as it was. `check` always; `export` once it exists."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app import cli
from timeline_app.model import store as store_module

RUN_CLI = "import sys; from timeline_app.cli import main; sys.exit(main(sys.argv[1:]))"


from bad_files import BAD_FILES, copy_of_shipped, fingerprint, newer_version  # noqa: E402 (sibling module)


def command(name: str, db: Path, folder: Path) -> list[str]:
    if name == "import":
        rows = folder / "rows.csv"
        rows.write_text("company,title,category,start\nAcme,Launch,Product,2020-01-02\n")
        return ["import", str(rows), "--db", str(db)]
    if name == "export":
        return ["export", "--db", str(db), "--out", str(folder / "x.csv")]
    return ["check", "--db", str(db)]


def assert_one_line_naming(err: str, path: Path) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0], err


@pytest.mark.parametrize("name", ["check", "export", "import"])
@pytest.mark.parametrize(("make", "problem"), BAD_FILES)
def test_a_bad_file_gives_one_line_and_exit_status_1(tmp_path, capsys, name, make, problem):
    path = make(tmp_path)
    if name == "import" and not path.exists():
        pytest.skip("import creates a database that does not exist yet (tested elsewhere)")
    before = fingerprint(path)
    status = cli.main(command(name, path, tmp_path))
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    if name == "check" and "repair" in err:  # check lists each problem it can name
        assert all(str(path) in line for line in err.splitlines()), err
    else:
        assert_one_line_naming(err, path)
    assert re.search(problem, err), err
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
        assert out.startswith("imported into") and ": 1 event(s) added" in out
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
    path = newer_version(tmp_path)
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
