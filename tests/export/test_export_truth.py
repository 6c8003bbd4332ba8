"""An export either writes a whole, checked file or leaves the old one as it was: a full
disk gives a clear error (never "wrote …"), and files left by a killed run are cleaned up."""

from __future__ import annotations

import os

import pytest

from timeline_app import cli
from timeline_app.files import partial_path, remove_leftovers
from timeline_app.formats.cells import neutralise, unneutralise
from timeline_app.model.dataset import builtin_database_path


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf", "csv", "json", "html"])
def test_a_full_disk_keeps_the_old_file_and_says_so(tmp_path, small_disk, suffix):
    old = tmp_path / f"timeline.{suffix}"
    old.write_bytes(b"the picture from last week")
    # Room for the database copy and the old file, not for a new picture of 2400 px.
    size_kb = builtin_database_path().stat().st_size // 1024 + 24
    argv = ["export", "--db", "{disk}/timeline.db", "--out", f"{{disk}}/{old.name}",
            "--width", "2400"]  # fmt: skip
    report = small_disk(size_kb, argv, [builtin_database_path(), old])
    assert report["status"] == 1, report
    assert "wrote" not in report["stdout"]
    lines = report["stderr"].splitlines()
    assert len(lines) == 1, report["stderr"]
    (line,) = lines
    assert old.name in line and "Traceback" not in report["stderr"], line
    assert report["after"] == report["before"]  # the old file whole, nothing else left


def test_leftovers_of_a_killed_export_are_removed_by_the_next_one(tmp_path, capsys):
    out = tmp_path / "timeline.csv"
    dead = out.with_name(f".{out.name}.{2**22 + 12345}.partial")  # no such process
    dead.write_bytes(b"x" * 1000)
    living = out.with_name(f".{out.name}.{os.getppid()}.partial")  # a process that runs
    living.write_bytes(b"y")
    assert cli.main(["export", "--out", str(out)]) == 0
    assert out.exists() and not dead.exists()
    assert living.exists()  # another export may be writing it right now
    assert not partial_path(out).exists()


def test_leftovers_of_other_files_are_left_alone(tmp_path):
    out = tmp_path / "a.png"
    other = tmp_path / f".b.png.{2**22 + 12345}.partial"
    other.write_bytes(b"z")
    assert remove_leftovers(out) == []
    assert other.exists()


@pytest.mark.parametrize("text", ["\tTAB first", "\r=CR first", "\t=1+1", "'\t", "''\rtwice"])
def test_cells_starting_with_tab_or_carriage_return_are_guarded(text):
    guarded = str(neutralise(text))
    assert guarded.startswith("'")
    assert unneutralise(guarded) == text


@pytest.mark.parametrize("suffix", ["csv", "json", "png", "html"])
def test_an_export_refuses_what_the_window_refuses(tmp_path, builtin_copy, capsys, suffix):
    import sqlite3

    conn = sqlite3.connect(builtin_copy, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM categories WHERE name = 'Policy'")  # its events lose it
    conn.close()
    out = tmp_path / f"x.{suffix}"
    assert cli.main(["export", "--db", str(builtin_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "is not in the file" in err and "event" in err
    assert not out.exists()
