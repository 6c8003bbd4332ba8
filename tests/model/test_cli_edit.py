"""The editing commands scripts use: add-source, add-event, delete-event. Each prints what a
script needs (an id), says what is wrong in one line with exit status 1, never touches the
built-in dataset, and leaves the file passing `check` (its lane cache kept up to date)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from timeline_app import cli
from timeline_app.model.dataset import DATA_DIR, builtin_database_path

ARTICLE = DATA_DIR / "article.txt"
AMAZON = "Amazon on Wednesday said it would stop providing it to police for one year"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_timeline_built_by_a_script(tmp_path, capsys):
    db = tmp_path / "mine.db"
    code, out, _ = run(capsys, "add-source", str(ARTICLE), "--db", str(db),
                       "--title", "Microsoft follows", "--published", "2020-06-11")  # fmt: skip
    assert (code, out) == (0, "1")
    code, out, _ = run(capsys, "add-event", "--db", str(db), "--company", "Amazon",
                       "--title", "Amazon pauses police use", "--start", "2020-06-10",
                       "--end", "2021-06-10", "--category", "Sales halt",
                       "--source", "1", "--quote", AMAZON)  # fmt: skip
    assert (code, out) == (0, "1")
    text = ARTICLE.read_text(encoding="utf-8")
    at = text.index(AMAZON)
    assert rows(db, "SELECT source_id, start, end, text FROM excerpts") == [
        (1, at, at + len(AMAZON), AMAZON)
    ]
    assert rows(db, "SELECT start_date, end_date, precision, approximate FROM events") == [
        ("2020-06-10", "2021-06-10", "day", 0)
    ]
    code, out, _ = run(capsys, "add-event", "--db", str(db), "--company", "IBM", "--title",
                       "IBM quits", "--start", "2020-06", "--approximate")  # fmt: skip
    assert code == 0
    assert rows(db, f"SELECT precision, approximate FROM events WHERE id = {out}") == [("month", 1)]
    assert run(capsys, "check", "--db", str(db))[:2] == (0, f"{db}: ok")
    code, out, _ = run(capsys, "delete-event", "1", "--db", str(db))
    assert code == 0 and "Amazon pauses police use" in out
    assert rows(db, "SELECT count(*) FROM excerpts") == [(0,)]
    assert run(capsys, "check", "--db", str(db))[:2] == (0, f"{db}: ok")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--start", "2021-02-29"], "“2021-02-29” is not a real date"),
        (["--start", "2021-05-02", "--end", "2021-05-01"], "the end is before the start"),
        (["--start", "2021", "--quote", "Microsoft"], "--source and --quote go together"),
        (["--start", "2021", "--source", "1", "--quote", "Microsoft"], "occurs 11 times"),
        (["--start", "2021", "--source", "1", "--quote", "nowhere to be seen"], "not found"),
        (["--start", "2021", "--source", "7", "--quote", "Microsoft"], "no source 7"),
        (
            ["--start", "2021", "--title", "T" * 501],
            "title: 501 characters long; at most 500 are allowed",
        ),
    ],
)
def test_refusals_are_one_line_and_write_nothing(tmp_path, capsys, extra, message):
    db = tmp_path / "mine.db"
    run(capsys, "add-source", str(ARTICLE), "--db", str(db), "--published", "2020-06-11")
    before = db.read_bytes()
    code, _, err = run(capsys, "add-event", "--db", str(db), "--company", "Acme",
                       "--title", "Launch", *extra)  # fmt: skip
    assert code == 1
    assert len(err.splitlines()) == 1 and message in err
    assert db.read_bytes() == before


def test_the_built_in_dataset_is_never_changed(capsys):
    shipped = builtin_database_path()
    before = hashlib.sha256(shipped.read_bytes()).hexdigest()
    for argv in (
        ["add-event", "--db", str(shipped), "--company", "A", "--title", "T", "--start", "2020"],
        ["delete-event", "1", "--db", str(shipped)],
        ["add-source", str(ARTICLE), "--db", str(shipped)],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 1 and "built-in dataset" in err
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == before


def test_edits_keep_a_big_file_s_lane_cache_without_rebuilding_it(tmp_path, capsys):
    from timeline_app.generator import generate_database

    db = generate_database(tmp_path / "g.db", events=3_000, companies=20, seed=2)
    code, out, _ = run(capsys, "add-event", "--db", str(db), "--company", "Newco",
                       "--title", "Founded", "--start", "1999-01-01")  # fmt: skip
    assert code == 0
    assert run(capsys, "delete-event", "17", "--db", str(db))[0] == 0
    assert run(capsys, "check", "--db", str(db))[:2] == (0, f"{db}: ok")
