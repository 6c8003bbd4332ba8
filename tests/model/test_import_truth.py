"""Import tells the truth: every refused row is an error with its line or item, nothing is
dropped in silence, hostile values give one clear message, big files stay small in memory,
and a full disk or a file that would run foreign code leaves everything as it was."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from bad_files import edit_with_sqlite  # noqa: E402 (a sibling test module)
from test_importer import (  # noqa: E402 (a sibling test module)
    RUN_IMPORT,
    _big_csv,
    counts,
    digest,
    event_row,
    excerpt_row,
    write_csv,
)

from timeline_app import cli
from timeline_app.errors import ImportProblems
from timeline_app.formats.records import COLUMNS
from timeline_app.model import store as store_module
from timeline_app.model.importer import import_file_into
from timeline_app.model.store import create_store


def problems_of(path: Path, db: Path) -> list[tuple[int, str]]:
    with pytest.raises(ImportProblems) as caught:
        import_file_into(path, db)
    return caught.value.problems


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        pytest.param("title", "\x00Starts with NUL", "U+0000", id="nul-title"),
        pytest.param("title", "Bell\x07 inside", "U+0007", id="bell-title"),
        pytest.param("title", "Two\nlines", "line break", id="line-break-title"),
        pytest.param("summary", "Escape \x1b[31m red", "U+001B", id="escape-summary"),
        pytest.param("company", "IBM\u200b", "U+200B", id="zero-width-company"),
        pytest.param("company", "\u202eMBI", "U+202E", id="right-to-left-override-company"),
        pytest.param("category", "Po\u2066licy", "U+2066", id="isolate-category"),
        pytest.param("title", "x" * 501, "at most 500", id="long-title"),
        pytest.param("company", "C" * 201, "at most 200", id="long-company"),
        pytest.param("summary", "s" * 20_001, "at most 20,000", id="long-summary"),
    ],
)
def test_text_the_file_may_not_hold_is_refused_with_its_line(tmp_path, field, value, words):
    rows = [event_row(title="Fine"), event_row(**{"title": "Also fine", field: value})]
    csv_path = write_csv(tmp_path / "rows.csv", rows)
    db = tmp_path / "new.db"
    problems = problems_of(csv_path, db)
    assert [line for line, _ in problems] == [3], problems
    assert words in problems[0][1]
    assert not db.exists()  # a new file is made only for a valid import


def test_tabs_and_line_breaks_are_kept_in_summaries_and_quotes(tmp_path):
    text = "First paragraph.\n\n\tIndented words that matter.\r\nEnd."
    row = excerpt_row(
        "Indented words that matter", with_offsets=False, title="With breaks", summary="a\n\tb"
    )
    row["source_text"] = text
    db = tmp_path / "new.db"
    assert import_file_into(write_csv(tmp_path / "rows.csv", [row]), db).added == 1


def test_the_longest_allowed_values_are_accepted(tmp_path):
    row = event_row(title="t" * 500, summary="s " * 10_000, company="C" * 200)
    db = tmp_path / "new.db"
    assert import_file_into(write_csv(tmp_path / "rows.csv", [row]), db).added == 1


def test_a_title_refused_by_the_file_is_never_reported_as_already_present(tmp_path):
    """Before: INSERT OR IGNORE swallowed a CHECK failure, so the row vanished and was
    counted as a duplicate. Now the same event is recognised by a query, and anything else
    the file refuses is an error."""
    db = tmp_path / "new.db"
    import_file_into(write_csv(tmp_path / "a.csv", [event_row(title="Once")]), db)
    result = import_file_into(write_csv(tmp_path / "b.csv", [event_row(title="Once")]), db)
    assert (result.added, result.already_present) == (0, 1)
    assert counts(db)["events"] == 1


def json_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def run_cli(*argv: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", "from timeline_app.cli import main; raise SystemExit(main())",
         *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param(
            '[{"company": "A", "title": "\\ud800", "category": "C", "start": "2020"}]',
            "item 1: title is not valid Unicode text (a lone surrogate, U+D800",
            id="lone-surrogate",
        ),
        pytest.param(
            '[{"company": "A", "title": "T", "category": "C", "start": "2020",'
            ' "excerpt_start": ' + "9" * 5000 + "}]",
            "integer string conversion",
            id="5000-digit-number",
        ),
        pytest.param(
            '[{"company": "A", "title": "T", "category": "C", "start": 99999}]',
            "item 1: start",
            id="big-year",
        ),
        pytest.param(
            '[{"company": "A", "title": "T", "category": "C", "start": "2020",'
            ' "excerpt": "T", "source_title": "S", "source_text": "T",'
            ' "excerpt_start": 0, "excerpt_end": 1e400}]',
            "item 1",
            id="infinite-offset",
        ),
        pytest.param("[" * 100_000, "nested too deeply", id="deep-nesting"),
    ],
)
def test_hostile_json_gives_one_clear_line(tmp_path, text, words):
    path = json_file(tmp_path / "hostile.json", text)
    status, out, err = run_cli("import", str(path), "--db", str(tmp_path / "new.db"))
    assert status == 1, err
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert words in lines[0], lines[0]
    assert not (tmp_path / "new.db").exists()


def test_a_header_of_a_million_columns_gives_a_short_message_quickly(tmp_path):
    path = tmp_path / "wide.csv"
    header = ",".join(COLUMNS) + "," + ",".join(f"extra{i}" for i in range(1_000_000))
    path.write_text(header + "\n", encoding="utf-8")
    started = time.monotonic()
    status, _out, err = run_cli("import", str(path), "--db", str(tmp_path / "new.db"))
    assert status == 1
    assert len(err) < 3000, len(err)
    assert "and 999,990 more" in err
    assert time.monotonic() - started < 60  # a bound for hangs, not a speed target


def test_a_100_mb_json_imports_in_little_memory(tmp_path):
    big_csv = tmp_path / "big.csv"
    rows = _big_csv(big_csv, 60)
    import csv

    big = tmp_path / "big.json"
    with big_csv.open(newline="", encoding="utf-8") as source, big.open("w") as out:
        out.write('{"title": "Big", "events": [\n')
        for number, row in enumerate(csv.DictReader(source)):
            out.write((",\n" if number else "") + json.dumps(row))
        out.write("\n]}\n")
    assert big.stat().st_size >= 60_000_000
    db = tmp_path / "big.db"
    done = subprocess.run(
        [sys.executable, "-c", RUN_IMPORT, str(big), str(db)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    report = json.loads(done.stdout)
    assert report["added"] == rows
    # Held whole, the parsed file alone would take several times its 60 MB.
    assert report["peak_mb"] < 160, report


def test_a_full_disk_during_import_says_so_and_changes_nothing(builtin_copy, tmp_path, small_disk):
    """A real full disk: a tmpfs a little bigger than the file, in a private mount."""
    rows = tmp_path / "rows.csv"
    _big_csv(rows, 3)
    size_kb = builtin_copy.stat().st_size // 1024 + 160
    db = "{disk}/" + builtin_copy.name
    report = small_disk(size_kb, ["import", str(rows), "--db", db], [builtin_copy])
    assert report["status"] == 1, report
    err = report["stderr"]
    assert "disk is full" in err and "rollback" not in err, err
    assert len(err.splitlines()) == 1
    assert report["after"] == report["before"]


def test_a_file_whose_trigger_would_delete_rows_refuses_the_import(builtin_copy, tmp_path):
    edit_with_sqlite(
        builtin_copy,
        "CREATE TRIGGER vanish AFTER INSERT ON events BEGIN "
        "DELETE FROM events WHERE id = NEW.id; END",
    )
    before = digest(builtin_copy)
    rows = write_csv(tmp_path / "rows.csv", [event_row(title=f"Row {n}") for n in range(99)])
    status, out, err = run_cli("import", str(rows), "--db", str(builtin_copy))
    assert status == 1
    assert "vanish" in err and "cannot be changed" in err, err
    assert digest(builtin_copy) == before


def test_a_file_whose_trigger_never_ends_refuses_the_import_at_once(builtin_copy, tmp_path):
    edit_with_sqlite(
        builtin_copy,
        "CREATE TRIGGER forever AFTER INSERT ON events BEGIN "
        "SELECT count(*) FROM (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) "
        "SELECT i FROM r); END",
    )
    rows = write_csv(tmp_path / "rows.csv", [event_row(title="One")])
    status, _out, err = run_cli("import", str(rows), "--db", str(builtin_copy))
    assert status == 1 and "forever" in err


def test_long_sql_can_always_be_interrupted(tmp_path):
    store = create_store(tmp_path / "x.db")
    try:
        timer = threading.Timer(0.3, store_module.request_interrupt)
        timer.start()
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            store.conn.execute(
                "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) "
                "SELECT count(*) FROM r"
            ).fetchone()
        assert time.monotonic() - started < 30
    finally:
        store_module.clear_interrupt()
        store.close()


def test_ctrl_c_stops_a_command_inside_a_long_statement(tmp_path, monkeypatch):
    """The CLI's Ctrl+C handler asks SQLite to stop: the command ends with status 130."""
    store = create_store(tmp_path / "x.db")
    store.close()

    def slow_check(args):
        with store_module.open_store(args.db, readonly=True) as opened:
            opened.conn.execute(
                "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) "
                "SELECT count(*) FROM r"
            ).fetchone()
        return 0

    monkeypatch.setitem(cli.HANDLERS, "check", slow_check)
    threading.Timer(0.3, lambda: signal.raise_signal(signal.SIGINT)).start()
    assert cli.main(["check", "--db", str(tmp_path / "x.db")]) == 130
    assert not store_module.interrupt_requested()  # cleared for what comes next


def test_a_json_file_cut_inside_a_character_says_where(tmp_path):
    """Found by the fuzz test: the last bytes of a multi-byte character, cut off."""
    path = tmp_path / "cut.json"
    path.write_bytes('[{"company": "Zoë'.encode()[:-1])
    status, _out, err = run_cli("import", str(path), "--db", str(tmp_path / "new.db"))
    assert status == 1 and len(err.splitlines()) == 1, err
    assert "not UTF-8" in err and "byte 0xC3 at byte offset 16" in err, err
