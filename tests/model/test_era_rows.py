"""Eras and the title as another program may have left them: rows that break the rules
are left out of what is drawn and exported (text too long is cut), and named by `check`."""

from __future__ import annotations

import sqlite3

from timeline_app.cli import main
from timeline_app.model.eras import list_eras, timeline_title
from timeline_app.model.store import open_store


def crafted(path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(
        "INSERT INTO eras (name, start_date, end_date) VALUES ('Bad\u202eera', '2020-13-45', 'x')"
    )
    conn.execute(
        "INSERT INTO eras (name, start_date, end_date) VALUES (?, '2020-01-01', '2020-02-01')",
        ("A" * 100_000,),
    )
    conn.execute(
        "INSERT INTO eras (name, start_date, end_date) VALUES ('Fine', '2020-05-01', '2020-06-30')"
    )
    conn.execute("INSERT INTO meta (key, value) VALUES ('title', x'00ff')")
    conn.close()


def test_broken_eras_and_title_are_left_out_and_named_by_check(builtin_copy, tmp_path, capsys):
    crafted(builtin_copy)
    with open_store(builtin_copy, readonly=True) as store:
        shown = [era.name for era in list_eras(store.conn)]
        # an impossible date leaves the era out; a name too long is cut when shown
        assert shown == ["A" * 199 + "…", "Fine"]
        assert timeline_title(store.conn) == ""
    assert main(["export", "--db", str(builtin_copy), "--out", str(tmp_path / "x.png")]) == 0
    capsys.readouterr()
    assert main(["check", "--db", str(builtin_copy)]) == 1
    err = capsys.readouterr().err
    assert "eras 1: start_date '2020-13-45'" in err and "eras 2: name" in err
