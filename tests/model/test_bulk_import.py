"""Importing into an empty timeline in one pass (bulk_import): the same stored timeline as
the two-pass import gives, the schema's rules back in force afterwards, and nothing stored
when any row is bad, wherever it sits in its batch."""

from __future__ import annotations

import csv
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.errors import ImportProblems, TimelineError
from timeline_app.formats.records import COLUMNS, RowsByLine
from timeline_app.model import bulk_import, importer, integrity
from timeline_app.model.importer import import_file_into, import_into_store
from timeline_app.model.store import create_store, open_store

TEXT_A = "Acme said on Monday it would stop. It also said the pause would last a year."
TEXT_B = "Beta Labs announced a partnership. Beta Labs said it was pleased."


def row(title: str, **fields: object) -> dict[str, object]:
    values: dict[str, object] = {"company": "Acme Corp", "category": "Statement",
                                 "start": "2021-03-04", "title": title}  # fmt: skip
    values.update(fields)
    return values


def quoting(title: str, quote: str, text: str = TEXT_A, source: str = "A", **fields: object):
    return row(title, source_title=source, source_text=text, excerpt=quote, **fields)


def write_csv(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for values in rows:
            out.writerow([values.get(column, "") for column in COLUMNS])
    return path


# Rows of one event far apart and in several batches (BATCH_ROWS is made 2 below), a quote
# given again by a later row of its event, a kind stated only on a later row under another
# spelling, a source named by its title alone, events with and without ids.
TRICKY = [
    quoting("Acme stops", "it would stop", summary="First words."),
    row(
        "Beta partners",
        company="Beta Labs",
        category="Deal",
        start="2020-05",
        id="3F2504E0-4F89-41D3-9D2A-0C04FD4F9C2C",
    ),  # fmt: skip
    quoting(
        "Beta partners",
        "Beta Labs announced a partnership",
        TEXT_B,
        "B",
        company="Beta Labs",
        category="Deal",
        start="2020-05",
        id="{3f2504e0-4f89-41d3-9d2a-0c04fd4f9c2c}",
    ),  # fmt: skip
    quoting("Acme pause", "the pause would last a year", "", start="2021", precision="year"),
    quoting("Acme stops", "it would stop", summary="First words.", company_kind="company"),
    quoting("Acme stops", "It also said", summary="First words."),
    row("Gamma opens", company="gamma  inc", category="statement", approximate="yes"),
    row(
        "Gamma again",
        company="Gamma Inc",
        company_kind="regulator",
        start="2019-01-02",
        end="2019-02-03",
    ),  # fmt: skip
    quoting("Beta pleased", "Beta Labs said it was pleased", "", "B", company="Beta Labs"),
]


def stored(db: Path) -> dict[str, list[tuple]]:
    """Everything an import stores, by what it says rather than by row ids."""
    conn = sqlite3.connect(db)
    try:
        return {
            "events": conn.execute(
                "SELECT c.name, c.kind, g.name, e.title, e.summary, e.start_date, e.end_date, "
                "e.precision, e.approximate, e.start_ts, e.end_ts, f.c0, f.c1, f.c2 FROM events e "
                "JOIN companies c ON c.id = e.company_id JOIN categories g ON g.id = "
                "e.category_id JOIN events_fts_content f ON f.id = e.id ORDER BY e.title"
            ).fetchall(),
            "quotes": conn.execute(
                "SELECT e.title, s.title, x.start, x.end, x.text FROM excerpts x JOIN events e "
                "ON e.id = x.event_id JOIN sources s ON s.id = x.source_id ORDER BY x.id"
            ).fetchall(),
            "ids": conn.execute(
                "SELECT title, uid FROM events WHERE title = 'Beta partners'"
            ).fetchall(),
            "sources": conn.execute("SELECT title, text FROM sources ORDER BY id").fetchall(),
            "companies": conn.execute("SELECT name, kind FROM companies ORDER BY name").fetchall(),
        }
    finally:
        conn.close()


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "BATCH_ROWS", 2)


def test_one_pass_stores_what_two_passes_store(tmp_path: Path, small_batches: None) -> None:
    path = write_csv(tmp_path / "tricky.csv", TRICKY)
    one = import_file_into(path, tmp_path / "one.db")
    two_db = tmp_path / "two.db"
    with create_store(two_db) as store, pytest.MonkeyPatch.context() as patch:
        patch.setattr(bulk_import, "fits", lambda conn: False)  # as into a stored timeline
        two = import_into_store(store, path)
    assert stored(tmp_path / "one.db") == stored(two_db)
    assert (one.added, one.already_present, one.updated) == (two.added, 0, 0) == (6, 0, 0)
    assert one.new_companies == two.new_companies
    assert [q[4] for q in stored(two_db)["quotes"]].count("it would stop") == 1


def test_the_rules_are_back_in_force_after_a_one_pass_import(tmp_path: Path) -> None:
    db = tmp_path / "one.db"
    import_file_into(write_csv(tmp_path / "e.csv", TRICKY), db)
    with open_store(db) as store:
        assert integrity.check_file(store) == []
        conn = store.conn
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA ignore_check_constraints").fetchone() == (0,)
        config = dict(conn.execute("SELECT k, v FROM events_fts_config"))
        assert config.get("automerge", 4) == 4 and config.get("hashsize", 1 << 20) == 1 << 20
        with pytest.raises(sqlite3.IntegrityError), store.transaction() as write:
            write.execute("UPDATE events SET start_date = '2021-02-30' WHERE precision = 'day'")
        with pytest.raises(sqlite3.IntegrityError), store.transaction() as write:
            write.execute("UPDATE excerpts SET start = start + 1")  # no longer verbatim


def _many(count: int, bad_at: int | None = None, bad: dict[str, object] | None = None):
    rows = [quoting(f"Event {n}", "it would stop", start=f"20{n % 20:02d}-0{n % 9 + 1}-1{n % 9}")
            for n in range(count)]  # fmt: skip
    if bad_at is not None:
        rows[bad_at].update(bad or {})
    return rows


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"start": "2021-02-30"}, "not a real date"),
        ({"title": "Hidden\u202eevil"}, "U+202E"),
        ({"excerpt": "not in the text"}, "excerpt not found in source_text"),
        ({"excerpt_start": "3", "excerpt_end": "9"}, "is 'e said', not the excerpt"),
    ],
)
def test_one_bad_row_deep_in_a_batch_is_named_and_nothing_is_stored(
    tmp_path: Path, bad: dict[str, object], reason: str
) -> None:
    rows = _many(5000, bad_at=4321, bad=bad)
    path = write_csv(tmp_path / "e.csv", rows)
    db = tmp_path / "t.db"
    create_store(db).close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with open_store(db) as store, pytest.raises(ImportProblems) as caught:
        import_into_store(store, path)
    assert [where for where, _reason in caught.value.problems] == [4323]  # header is line 1
    assert reason in caught.value.problems[0][1]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    with open_store(db) as store:  # the file is whole and still takes an import
        assert store.conn.execute("SELECT count(*) FROM events").fetchone() == (0,)
        assert store.conn.execute("PRAGMA ignore_check_constraints").fetchone() == (0,)
        assert import_into_store(store, write_csv(tmp_path / "ok.csv", _many(10))).added == 10
        assert integrity.check_file(store) == []


def test_a_new_file_is_removed_when_its_one_pass_import_fails(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "e.csv", _many(3000, bad_at=2999, bad={"category": ""}))
    with pytest.raises(ImportProblems, match="category is empty"):
        import_file_into(path, tmp_path / "new.db")
    assert not (tmp_path / "new.db").exists()


def test_two_ids_for_one_company_start_and_title_in_other_batches_are_refused(
    tmp_path: Path, small_batches: None
) -> None:
    rows = _many(7)
    rows.append(dict(rows[1], id="3f2504e0-4f89-41d3-9d2a-0c04fd4f9c2c"))
    db = tmp_path / "t.db"
    create_store(db).close()
    with open_store(db) as store, pytest.raises(ImportProblems) as caught:
        import_into_store(store, write_csv(tmp_path / "e.csv", rows))
    assert caught.value.problems == [
        (9, "same company, start and title as line 3 but a different id (one event has one id)")
    ]
    with open_store(db) as store:
        assert store.conn.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_cancelling_a_one_pass_import_stores_nothing(tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    calls = []

    def cancel(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 3:
            raise Cancelled

    db = tmp_path / "t.db"
    create_store(db).close()
    path = write_csv(tmp_path / "e.csv", _many(20_000))
    with open_store(db) as store:
        with pytest.raises(Cancelled):
            import_into_store(store, path, cancel)
        assert store.conn.execute("SELECT count(*) FROM events").fetchone() == (0,)
        assert import_into_store(store, path).added == 20_000  # and then it can be done


def test_a_timeline_with_events_is_imported_into_in_two_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "t.db"
    import_file_into(write_csv(tmp_path / "a.csv", _many(3)), db)

    def no_bulk(*args: object, **kwargs: object) -> None:
        raise AssertionError("the one-pass import was used")

    monkeypatch.setattr(bulk_import.BulkImport, "__init__", no_bulk)
    again = import_file_into(write_csv(tmp_path / "b.csv", _many(5)), db)
    assert (again.added, again.already_present) == (2, 3)


def test_a_statement_the_database_refuses_rolls_the_one_pass_import_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: bulk_import.BulkImport, batch: object) -> None:
        raise sqlite3.IntegrityError("UNIQUE constraint failed: events.uid")

    monkeypatch.setattr(bulk_import.BulkImport, "_write", refuse)
    db = tmp_path / "t.db"
    create_store(db).close()
    with open_store(db) as store:
        with pytest.raises(TimelineError, match="the database refused the import"):
            import_into_store(store, write_csv(tmp_path / "e.csv", _many(5000)))
        assert store.conn.execute("SELECT count(*) FROM events").fetchone() == (0,)
        assert store.conn.execute("PRAGMA ignore_check_constraints").fetchone() == (0,)


def test_rows_are_named_after_cells_with_line_breaks_without_a_map_of_every_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        "company,title,category,start,summary\n"
        'Acme,One,Policy,2020,"two\nlines"\n'  # lines 2-3, row 2
        'Acme,Two,Policy,2020-13,\n'  # line 4, row 3: a bad date
        'Acme,"Three,Policy,2020\n'  # line 5: a quote never closed, no row
    , encoding="utf-8")  # fmt: skip
    with pytest.raises(ImportProblems) as caught:
        import_file_into(path, tmp_path / "t.db")
    assert [where for where, _reason in caught.value.problems] == [4, 5]
    assert caught.value.rows == {4: 3}
    many = RowsByLine()
    for line in range(100, 200_100):
        many[line] = line - 1  # one line break before them all
    assert 99 not in many and many[150_000] == 149_999
    assert len(many._lines) == 1  # one entry, not 200,000


_READS_WHILE_IMPORTING = """
import sys
from pathlib import Path
from timeline_app.model.importer import import_into_store
from timeline_app.model.store import create_store
store = create_store(Path(sys.argv[2]))
def read(done, total):  # as the window's repaints may, while the statements run
    store.conn.execute("SELECT count(*) FROM events WHERE title LIKE ?", ("%7%",)).fetchone()
print(import_into_store(store, sys.argv[1], read).added)
"""


def test_the_window_may_read_the_file_while_its_import_writes_it(tmp_path: Path) -> None:
    """The statements run on their own thread: a read from the main one must not wait for
    them forever (SQLite's progress handler needs Python's lock while SQLite's is held)."""
    path = write_csv(tmp_path / "e.csv", _many(60_000))
    done = subprocess.run(
        [sys.executable, "-c", _READS_WHILE_IMPORTING, str(path), str(tmp_path / "t.db")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["60000"]
