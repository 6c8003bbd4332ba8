"""Every event's stable identifier (file format 3): made for every row whoever inserts it,
written as `id` by exports, and matched by import so that a corrected file updates its
events instead of doubling them."""

from __future__ import annotations

import csv
import re
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from bad_files import edit_with_sqlite  # noqa: E402 (a sibling test module)

from timeline_app.errors import ImportProblems, TimelineError
from timeline_app.model import query, schema
from timeline_app.model.importer import import_into_store
from timeline_app.model.store import open_store

CLI = "from timeline_app.cli import main; raise SystemExit(main())"
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
HEADER = ["id", "company", "title", "category", "start"]


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, *map(str, args)], capture_output=True, text=True, timeout=120
    )


def uids(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT title, uid FROM events"))
    finally:
        conn.close()


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------- in the file


def test_every_event_of_the_built_in_dataset_has_its_own_identifier(builtin_copy):
    ids = uids(builtin_copy)
    assert len(ids) == 19 and len(set(ids.values())) == 19
    assert all(UUID_TEXT.fullmatch(value) for value in ids.values())


def test_a_row_another_program_inserts_gets_an_identifier_and_keeps_it(builtin_copy):
    edit_with_sqlite(
        builtin_copy,
        "INSERT INTO events (company_id, category_id, title, start_date, precision) "
        "VALUES (1, 1, 'Added elsewhere', '2021-03-04', 'day')",
        "UPDATE events SET uid = NULL WHERE title LIKE 'IBM%'",
    )
    ids = uids(builtin_copy)
    assert UUID_TEXT.fullmatch(ids["Added elsewhere"])
    assert all(value and UUID_TEXT.fullmatch(value) for value in ids.values())
    with open_store(builtin_copy) as store:  # the file is still ours, intact
        assert not store.readonly


@pytest.mark.parametrize("bad", ["not-a-uuid", "ABCDEF00-0000-4000-8000-000000000000", "7"])
def test_an_identifier_not_in_canonical_form_is_refused_by_the_file(builtin_copy, bad):
    conn = sqlite3.connect(builtin_copy)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE events SET uid = ? WHERE id = 1", (bad,))
    conn.close()


def test_two_events_cannot_share_an_identifier(builtin_copy):
    conn = sqlite3.connect(builtin_copy)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute("UPDATE events SET uid = (SELECT uid FROM events WHERE id = 1) WHERE id = 2")
    conn.close()


def version_2_file(path: Path) -> Path:
    """A file as format 2 wrote it, with two events."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in schema.split_statements(schema.SCHEMA_V2):
        conn.execute(statement)
    conn.execute("INSERT INTO companies (id, name) VALUES (1, 'IBM')")
    conn.execute("INSERT INTO categories (id, name) VALUES (1, 'Policy')")
    for title, day in (("IBM stops", "2020-06-08"), ("IBM writes", "2020-06-09")):
        conn.execute(
            "INSERT INTO events (company_id, category_id, title, start_date, precision) "
            "VALUES (1, 1, ?, ?, 'day')",
            (title, day),
        )
    conn.execute("PRAGMA user_version = 2")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.close()
    return path


def test_a_format_2_file_is_upgraded_and_its_events_get_identifiers(tmp_path):
    path = version_2_file(tmp_path / "old.db")
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 3
        events = query.find_events(store)
        assert [e.title for e in events] == ["IBM stops", "IBM writes"]
        assert len({e.uid for e in events}) == 2
        assert all(UUID_TEXT.fullmatch(e.uid) for e in events)
        assert query.search_event_ids(store, "writes").tolist() == [events[1].id]
        assert store.conn.execute("SELECT count(*) FROM eras").fetchone() == (0,)


# --------------------------------------------------------------------- export, import


def test_a_title_corrected_in_the_exported_sheet_updates_that_event(builtin_copy, tmp_path):
    sheet = tmp_path / "events.csv"
    assert run("export", "--db", builtin_copy, "--out", sheet).returncode == 0
    rows = read_csv(sheet)
    assert all(UUID_TEXT.fullmatch(row["id"]) for row in rows)
    target = next(row for row in rows if row["title"].startswith("IBM"))
    old_title = target["title"]
    for row in rows:  # every row of that event (one per quote) carries the new title
        if row["id"] == target["id"]:
            row["title"] = "IBM leaves the facial recognition business"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    done = run("import", sheet, "--db", builtin_copy)

    assert done.returncode == 0, done.stderr
    assert ": 0 event(s) added, 1 updated, 18 unchanged" in done.stdout
    ids = uids(builtin_copy)
    assert len(ids) == 19 and old_title not in ids
    assert ids["IBM leaves the facial recognition business"] == target["id"]
    with open_store(builtin_copy, readonly=True) as store:  # search follows the new title
        found = query.search_event_ids(store, "leaves")
        assert [query.event_detail(store, int(i)).event.uid for i in found] == [target["id"]]
    again = run("import", sheet, "--db", builtin_copy)
    assert ": 0 event(s) added, 0 updated, 19 unchanged" in again.stdout


def test_an_event_with_a_new_id_is_stored_under_it_and_found_again(builtin_copy, tmp_path):
    given = str(uuid.uuid4())
    sheet = write_csv(tmp_path / "new.csv", [[given.upper(), "IBM", "Later", "Policy", "2021"]])
    with open_store(builtin_copy) as store:
        first = import_into_store(store, sheet)
        second = import_into_store(store, sheet)
        (event,) = [e for e in query.find_events(store) if e.title == "Later"]
    assert (first.added, first.updated, first.already_present) == (1, 0, 0)
    assert (second.added, second.updated, second.already_present) == (0, 0, 1)
    assert event.uid == given  # kept in its canonical, lower-case form


def test_a_date_and_company_moved_in_the_file_move_the_stored_event(builtin_copy, tmp_path):
    given = str(uuid.uuid4())
    with open_store(builtin_copy) as store:
        import_into_store(
            store, write_csv(tmp_path / "a.csv", [[given, "IBM", "Moves", "Policy", "2021-05"]])
        )
        result = import_into_store(
            store,
            write_csv(tmp_path / "b.csv", [[given, "Amazon", "Moves", "Policy", "2022-07-01"]]),
        )
        (event,) = [e for e in query.find_events(store) if e.title == "Moves"]
    assert result.updated == 1
    assert (event.company, event.start, event.precision.value) == ("Amazon", "2022-07-01", "day")


def test_rows_of_one_id_that_disagree_are_named(builtin_copy, tmp_path):
    given = str(uuid.uuid4())
    sheet = write_csv(
        tmp_path / "x.csv",
        [
            [given, "IBM", "One title", "Policy", "2021"],
            [given, "IBM", "Another", "Policy", "2021"],
        ],
    )
    with open_store(builtin_copy) as store, pytest.raises(ImportProblems) as caught:
        import_into_store(store, sheet)
    assert "same id as line 2 but a different title" in str(caught.value)


def test_two_ids_for_one_company_start_and_title_are_refused(builtin_copy, tmp_path):
    rows = [[str(uuid.uuid4()), "IBM", "Twice", "Policy", "2021"] for _ in range(2)]
    with open_store(builtin_copy) as store, pytest.raises(ImportProblems) as caught:
        import_into_store(store, write_csv(tmp_path / "x.csv", rows))
    assert "line 3: same company, start and title as line 2 but a different id" in str(caught.value)


def test_an_id_that_is_not_a_uuid_is_refused_with_its_line(builtin_copy, tmp_path):
    sheet = write_csv(tmp_path / "x.csv", [["event-7", "IBM", "Later", "Policy", "2021"]])
    before = builtin_copy.read_bytes()
    with open_store(builtin_copy) as store, pytest.raises(ImportProblems) as caught:
        import_into_store(store, sheet)
    assert "line 2: id must be a UUID" in str(caught.value)
    assert builtin_copy.read_bytes() == before


def test_an_update_that_would_clash_with_another_event_is_refused_whole(builtin_copy, tmp_path):
    with open_store(builtin_copy, readonly=True) as store:
        one, other = query.find_events(store)[:2]
    sheet = write_csv(
        tmp_path / "x.csv",
        [[one.uid, other.company, other.title, other.category, other.start]],
        HEADER,
    )
    before = uids(builtin_copy)
    with open_store(builtin_copy) as store, pytest.raises(TimelineError) as caught:
        import_into_store(store, sheet)
    assert "line 2" in str(caught.value) and "same company, start and title" in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert uids(builtin_copy) == before
