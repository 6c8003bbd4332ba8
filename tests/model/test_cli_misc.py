"""Command-line behaviour a user meets first: a bad file named for the window, and the
built-in dataset protected from imports."""

from __future__ import annotations

import contextlib
import hashlib

from timeline_app import cli
from timeline_app.model.dataset import builtin_database_path


def test_opening_a_bad_file_from_the_command_line_says_why_in_one_line(tmp_path, capsys):
    notes = tmp_path / "notes.db"
    notes.write_text("not a database", encoding="utf-8")
    for path, reason in ((tmp_path / "missing.db", "no such file"),
                         (notes, "not a timeline database")):  # fmt: skip
        assert cli.main([str(path)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and str(path) in err[0] and reason in err[0]


def test_import_never_changes_the_built_in_dataset(tmp_path, capsys):
    rows = tmp_path / "rows.csv"
    rows.write_text("company,title,category,start\nAcme,Launch,Product,2020-01-02\n")
    shipped = builtin_database_path()
    before = hashlib.sha256(shipped.read_bytes()).hexdigest()
    assert cli.main(["import", str(rows), "--db", str(shipped)]) == 1
    assert "built-in dataset" in capsys.readouterr().err
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == before


def test_help_describes_every_command_and_export_option(capsys):
    for command in cli.COMMANDS:
        try:
            cli.main([command, "--help"])
        except SystemExit as done:
            assert done.code == 0
        out = capsys.readouterr().out
        assert out.startswith("usage: timeline-app")
    with contextlib.suppress(SystemExit):
        cli.main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    options = ["--company NAME", "--category NAME", "--search TEXT", "--from DATE", "--to DATE",
               "--width", "--height", "--scale", "--title", "--theme"]  # fmt: skip
    for option in options:
        assert option in text
    assert "any letter case" in text
