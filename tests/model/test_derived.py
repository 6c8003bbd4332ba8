"""What the app draws and finds is the truth of the rows, whoever wrote them: the lane arrays
and the search index follow edits made with other SQLite tools (sqlite3, the sqlite-utils
Python API and its command line), a crafted cache is never believed, and `check` / `repair`
compare and rebuild every derived structure."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sqlite_utils
from bad_files import craft_rows, edit_with_sqlite  # noqa: E402 (a sibling test module)

from timeline_app.errors import DatabaseError
from timeline_app.model import derived, lanes, query, schema
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.dates import DatePrecision, validate_span
from timeline_app.model.filters import FilterState
from timeline_app.model.integrity import check_file, repair
from timeline_app.model.store import Store, open_store
from timeline_app.model.visible import VisibleEvents


@pytest.fixture
def db(tmp_path: Path) -> Path:
    target = tmp_path / "timeline.db"
    shutil.copyfile(builtin_database_path(), target)
    return target


def event_id(path: Path, title_part: str) -> int:
    conn = sqlite3.connect(path)
    try:
        (found,) = conn.execute(
            "SELECT id FROM events WHERE title LIKE ?", (f"%{title_part}%",)
        ).fetchone()
        return found
    finally:
        conn.close()


def opened(path: Path, readonly: bool = False) -> tuple[Store, derived.Opened]:
    store = open_store(path, readonly=readonly)
    return store, derived.open_derived(store)


def drawn(store: Store, index: lanes.LaneIndex, state: FilterState | None = None) -> dict:
    """What the timeline shows: per event id, its lane's company name, start and end."""
    visible = VisibleEvents(index, query.list_companies(store))
    state = state or FilterState()
    visible.apply(state, query.search_event_ids(store, state.text))
    names = {c.id: c.name for c in query.list_companies(store)}
    shown = {}
    for position in visible.shown_positions_by_time().tolist():
        lane = int(index.lane_of_position[position])
        shown[int(index.event_id[position])] = (
            names[int(index.company_ids[lane])],
            int(index.start[position]),
            int(index.end[position]),
        )
    return shown


def truth(store: Store, state: FilterState | None = None) -> dict:
    """The same, from the rows (what CSV export writes)."""
    return {e.id: (e.company, e.start_ts, e.end_ts) for e in query.find_events(store, state)}


def sqlite_utils_cli(path: Path, sql: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "query", str(path), sql],
        check=True,
        capture_output=True,
    )


def sqlite_utils_api(path: Path, sql: str) -> None:
    database = sqlite_utils.Database(path)
    with database.conn:
        database.execute(sql)
    database.close()


EDITORS = [
    pytest.param(edit_with_sqlite, id="sqlite3"),
    pytest.param(sqlite_utils_api, id="sqlite-utils-api"),
    pytest.param(sqlite_utils_cli, id="sqlite-utils-cli"),
]


# ------------------------------------------------------------------- the lane cache is used


def test_the_cache_written_with_the_rows_is_used(db, monkeypatch):
    def forbid(conn):
        raise AssertionError("the rows were read one by one although the cache was good")

    monkeypatch.setattr(lanes, "build_lane_index", forbid)
    store, found = opened(db, readonly=True)
    with store:
        assert found.notes == []
        assert drawn(store, found.index) == truth(store)


# ------------------------------------------------------ edits by other programs are followed


@pytest.mark.parametrize("edit", EDITORS)
def test_moving_a_date_moves_the_event_everywhere(db, edit):
    target = event_id(db, "IBM")
    edit(db, f"UPDATE events SET start_date = '2020-07-01', end_date = NULL WHERE id = {target}")
    store, found = opened(db)
    with store:
        assert any("out of date" in note for note in found.notes)
        shown = drawn(store, found.index)
        expected = validate_span("2020-07-01", None, DatePrecision.DAY)
        assert shown[target][1:] == (expected.start_ts, expected.end_ts)
        assert shown == truth(store)
        july = FilterState(date_from="2020-07-01", date_to="2020-07-01")
        in_july = set(drawn(store, found.index, july))
        assert in_july == set(truth(store, july)) and target in in_july
    assert check_file(open_store(db, readonly=True)) == []  # the rebuilt cache was saved


@pytest.mark.parametrize("edit", EDITORS)
def test_a_deleted_event_disappears_and_an_inserted_one_appears(db, edit):
    victim = event_id(db, "IBM")
    edit(db, f"DELETE FROM events WHERE id = {victim}")
    edit(
        db,
        "INSERT INTO events (company_id, category_id, title, start_date, precision) "
        "SELECT company_id, category_id, 'Inserted by hand', '2021-03-04', 'day' "
        "FROM events LIMIT 1",
    )
    new = event_id(db, "Inserted by hand")
    store, found = opened(db)
    with store:
        shown = drawn(store, found.index)
        assert victim not in shown and new in shown
        assert shown == truth(store)
        assert query.search_event_ids(store, "inserted hand").tolist() == [new]


@pytest.mark.parametrize("edit", EDITORS)
def test_an_event_moved_to_a_new_company_gets_a_lane(db, edit):
    target = event_id(db, "IBM")
    edit(db, "INSERT INTO companies (name) VALUES ('Newco')")
    edit(
        db,
        f"UPDATE events SET company_id = (SELECT id FROM companies WHERE name = 'Newco') "
        f"WHERE id = {target}",
    )
    store, found = opened(db)
    with store:
        shown = drawn(store, found.index)
        assert shown[target][0] == "Newco"
        assert shown == truth(store)


@pytest.mark.parametrize("edit", EDITORS)
def test_a_new_category_and_title_are_followed(db, edit):
    target = event_id(db, "IBM")
    edit(db, "INSERT INTO categories (name) VALUES ('Renamed kind')")
    edit(
        db,
        "UPDATE events SET title = 'Quokka announcement', category_id = "
        f"(SELECT id FROM categories WHERE name = 'Renamed kind') WHERE id = {target}",
    )
    store, found = opened(db)
    with store:
        category = next(cid for cid, name in query.list_categories(store) if name == "Renamed kind")
        only = FilterState(categories=frozenset({category}))
        assert set(drawn(store, found.index, only)) == {target}
        assert query.search_event_ids(store, "quokka").tolist() == [target]


def test_a_quote_added_by_hand_is_found_by_search(db):
    target = event_id(db, "IBM")
    edit_with_sqlite(
        db,
        "INSERT INTO excerpts (event_id, source_id, start, end, text) "
        f"SELECT {target}, id, 0, 5, substr(text, 1, 5) FROM sources LIMIT 1",
    )
    with open_store(db, readonly=True) as store:
        first_word = store.conn.execute("SELECT substr(text, 1, 5) FROM sources").fetchone()[0]
        assert target in query.search_event_ids(store, first_word).tolist()


# ------------------------------------------------------------------ the search index is checked


@pytest.mark.parametrize("readonly", [False, True], ids=["writable", "read-only"])
def test_search_index_rows_deleted_by_hand_are_noticed_and_rebuilt(db, readonly):
    target = event_id(db, "IBM")
    edit_with_sqlite(db, f"DELETE FROM events_fts WHERE rowid = {target}")
    with open_store(db, readonly=True) as store:
        assert target not in query.search_event_ids(store, "IBM").tolist()  # stale, before
    store, found = opened(db, readonly=readonly)
    with store:
        assert any("search index was out of date" in note for note in found.notes)
        assert target in query.search_event_ids(store, "IBM").tolist()
    with open_store(db, readonly=True) as again:
        fixed_in_file = target in query.search_event_ids(again, "IBM").tolist()
    assert fixed_in_file is not readonly  # read-only: rebuilt for the session only


# ----------------------------------------------------------------- crafted caches and rows


def write_blob(path: Path, blob: bytes) -> None:
    edit_with_sqlite(path, "DELETE FROM lane_cache")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO lane_cache (data) VALUES (?)", (blob,))
    conn.commit()
    conn.close()


def good_blob(path: Path) -> tuple[bytes, int, int]:
    conn = sqlite3.connect(path)
    blob = conn.execute("SELECT data FROM lane_cache").fetchone()[0]
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    companies = conn.execute("SELECT count(*) FROM companies").fetchone()[0]
    conn.close()
    return blob, events, companies


def patched(blob: bytes, offset: int, array: np.ndarray) -> bytes:
    raw = array.tobytes()
    return blob[:offset] + raw + blob[offset + len(raw) :]


def crafted_blobs(path: Path) -> dict[str, bytes]:
    blob, events, companies = good_blob(path)
    head = 32
    offsets_at = head + 8 * companies
    start_at = offsets_at + 8 * (companies + 1)
    end_at = start_at + 8 * events
    category_at = end_at + 8 * events
    ids_at = category_at + 8 * events
    precision_at = ids_at + 8 * events
    approx_at = precision_at + events
    return {
        "empty": b"",
        "garbage": b"\x00garbage",
        "an-old-zip": b"PK\x03\x04" + bytes(300),
        "claims-gigabytes": lanes._HEADER.pack(lanes.MAGIC, 10**9, 10**6, 0) + bytes(100),
        "right-size-wrong-magic": b"X" * 8 + blob[8:],
        "offsets-out-of-range": patched(blob, offsets_at + 8, np.array([10**12], "<i8")),
        "offsets-backwards": patched(blob, offsets_at + 8, np.array([events, 0], "<i8")),
        "year-99999": patched(blob, start_at, np.array([3_093_527_980_800], "<i8")),
        "negative-extreme": patched(blob, start_at, np.array([-(2**62)], "<i8")),
        "end-before-start": patched(blob, end_at, np.array([0], "<i8")),
        "unknown-category": patched(blob, category_at, np.array([2**40], "<i8")),
        "duplicate-ids": patched(blob, ids_at, np.array([1, 1], "<i8")),
        "precision-7": patched(blob, precision_at, np.array([7], "<i1")),
        "approximate-9": patched(blob, approx_at, np.array([9], "<u1")),
        "one-date-moved": patched(
            blob,
            start_at,
            np.frombuffer(blob, "<i8", 1, start_at) - 86_400 * 30,
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "empty", "garbage", "an-old-zip", "claims-gigabytes", "right-size-wrong-magic",
        "offsets-out-of-range", "offsets-backwards", "year-99999", "negative-extreme",
        "end-before-start", "unknown-category", "duplicate-ids", "precision-7",
        "approximate-9", "one-date-moved",
    ],
)  # fmt: skip
def test_a_crafted_cache_is_never_believed(db, name):
    write_blob(db, crafted_blobs(db)[name])
    store, found = opened(db, readonly=True)
    with store:
        assert found.notes and "out of date" in found.notes[0]
        assert drawn(store, found.index) == truth(store)


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        pytest.param(
            "UPDATE events SET start_date = '99999-01-01', start_ts = 3093527980800, "
            "end_ts = 3093528067200 WHERE id = 2",
            "outside the years 1 to 9999",
            id="year-99999",
        ),
        pytest.param(
            "UPDATE events SET start_ts = -9000000000000, end_ts = -8999999913600 WHERE id = 2",
            "outside the years 1 to 9999",
            id="before-year-1",
        ),
        pytest.param(
            "UPDATE events SET end_ts = start_ts - 10 WHERE id = 2",
            "ends before it starts",
            id="ends-before-it-starts",
        ),
        pytest.param(
            "UPDATE events SET start_ts = 'abc' WHERE id = 2", "not a real date", id="text-seconds"
        ),
        pytest.param("UPDATE events SET precision = 'week' WHERE id = 2", "precision", id="week"),
        pytest.param(
            "UPDATE events SET approximate = 7 WHERE id = 2", "approximate", id="approximate-7"
        ),
        pytest.param(
            "UPDATE events SET company_id = 999 WHERE id = 2", "company 999", id="no-company"
        ),
        pytest.param(
            "UPDATE events SET category_id = 999 WHERE id = 2", "category 999", id="no-category"
        ),
    ],
)
def test_rows_the_timeline_cannot_draw_are_refused_by_name(db, statement, words):
    craft_rows(db, statement)
    for readonly in (True, False):
        with pytest.raises(DatabaseError, match=words) as caught:
            opened(db, readonly=readonly)
        assert "event 2" in str(caught.value) and str(db) in str(caught.value)


# --------------------------------------------------------------------- schema objects


def test_a_trigger_added_by_another_program_opens_read_only_and_never_runs(db):
    edit_with_sqlite(
        db,
        "CREATE TABLE log (n)",
        "CREATE TRIGGER sneaky AFTER INSERT ON events BEGIN DELETE FROM events; END",
    )
    with open_store(db) as store:
        assert store.readonly and "sneaky" in store.readonly_reason
        with pytest.raises(DatabaseError, match="read-only"), store.transaction():
            pass
    found = [f.text for f in check_file(open_store(db, readonly=True, inspect=True))]
    assert any("sneaky" in text for text in found)
    done = repair(db)
    assert any("removed the trigger sneaky" in line for line in done)
    with open_store(db) as store:
        assert not store.readonly
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM log").fetchone() == (0,)  # their table is kept
    conn.close()


def test_a_column_added_by_another_program_is_accepted(db):
    edit_with_sqlite(db, "ALTER TABLE events ADD COLUMN my_notes TEXT")
    with open_store(db) as store:
        assert not store.readonly
        assert query.count_events(store) > 0


@pytest.mark.parametrize(
    ("statements", "words"),
    [
        pytest.param(
            ["DROP TRIGGER events_search_insert"], "events_search_insert", id="search-trigger"
        ),
        pytest.param(
            [
                "DROP TRIGGER excerpts_verbatim_insert",
                "CREATE TRIGGER excerpts_verbatim_insert BEFORE INSERT ON excerpts BEGIN "
                "SELECT 1; END",
            ],
            "excerpts_verbatim_insert",
            id="weakened-trigger",
        ),
        pytest.param(["DROP INDEX events_lane"], "events_lane", id="index"),
    ],
)
def test_our_own_objects_changed_by_another_program_are_named_and_repaired(db, statements, words):
    edit_with_sqlite(db, *statements)
    with pytest.raises(DatabaseError, match=words) as caught:
        open_store(db)
    assert "repair" in str(caught.value)
    repair(db)
    with open_store(db) as store:
        assert check_file(store) == []


# --------------------------------------------------------------------- check and repair


def test_check_names_each_stale_structure_and_repair_rebuilds_them(db):
    target = event_id(db, "IBM")
    edit_with_sqlite(
        db,
        f"UPDATE events SET title = 'Retitled by hand' WHERE id = {target}",
        "UPDATE lane_cache SET data = x'00'",
    )
    conn = sqlite3.connect(db)  # the index row no longer says what the event says
    conn.execute("DROP TRIGGER events_search_update")
    conn.execute(f"UPDATE events SET summary = 'changed quietly' WHERE id = {target}")
    conn.execute(schema.SEARCH_TRIGGERS["events_search_update"])
    conn.commit()
    conn.close()
    with open_store(db, readonly=True) as store:
        found = check_file(store)
    kinds = {f.what for f in found}
    assert kinds == {"lane cache", "search index"}, found
    assert all(f.repairable for f in found)
    repair(db)
    with open_store(db, readonly=True) as store:
        assert check_file(store) == []
        assert query.search_event_ids(store, "quietly").tolist() == [target]


def test_check_finds_rows_the_schema_would_refuse(db):
    craft_rows(db, "UPDATE events SET title = '' WHERE id = 3")
    with open_store(db, readonly=True, inspect=True) as store:
        found = check_file(store)
    assert any("events 3: title" in f.text for f in found), found
    with pytest.raises(DatabaseError, match="events 3"):
        repair(db)


# --------------------------------------------------------------------- format 1 files


def version_1_file(path: Path) -> Path:
    """A file as the first release wrote it, with one event and one quote."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in schema.split_statements(schema.SCHEMA_V1):
        conn.execute(statement)
    text = "IBM said on Monday it will stop."
    conn.execute("INSERT INTO companies (id, name) VALUES (1, 'IBM')")
    conn.execute("INSERT INTO categories (id, name) VALUES (1, 'Policy')")
    conn.execute("INSERT INTO sources (id, title, text) VALUES (1, 'Article', ?)", (text,))
    span = validate_span("2020-06-08", None, DatePrecision.DAY)
    conn.execute(
        "INSERT INTO events (id, company_id, category_id, title, start_date, precision, "
        "start_ts, end_ts) VALUES (1, 1, 1, 'IBM stops', '2020-06-08', 'day', ?, ?)",
        (span.start_ts, span.end_ts),
    )
    conn.execute(
        "INSERT INTO excerpts (event_id, source_id, start, end, text) VALUES (1, 1, 0, 18, ?)",
        (text[:18],),
    )
    conn.execute("PRAGMA user_version = 1")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.close()
    return path


def test_a_format_1_file_is_upgraded_with_its_rows(tmp_path):
    path = version_1_file(tmp_path / "old.db")
    store, found = opened(path)
    with store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        (event,) = query.find_events(store)
        assert (event.title, event.start) == ("IBM stops", "2020-06-08")
        assert query.event_detail(store, event.id).excerpts[0].text == "IBM said on Monday"
        assert query.search_event_ids(store, "monday").tolist() == [event.id]
        assert check_file(store) == []
        store.conn.execute("SELECT 1")
    edit_with_sqlite(path, "UPDATE events SET start_date = '2020-06-09'")  # now it follows
    store, found = opened(path)
    with store:
        assert drawn(store, found.index) == truth(store)


def test_a_format_1_file_with_a_row_the_new_rules_refuse_is_left_as_it_was(tmp_path):
    path = version_1_file(tmp_path / "old.db")
    edit_with_sqlite(path, "UPDATE events SET title = 'IBM' || char(27) || 'stops'")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="events 1: title") as caught:
        open_store(path)
    assert "not changed" in str(caught.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("edit", EDITORS)
def test_the_version_alone_tells_an_edit_by_another_program(db, edit, monkeypatch):
    """Without reading every row (the window's quick path), any change to an event made
    through SQLite moves events_version, so the cache is known to be stale at once."""

    def no_scan(conn):
        raise AssertionError("the rows were scanned")

    monkeypatch.setattr(lanes, "rows_fingerprint", no_scan)
    with open_store(db, readonly=True) as store:
        before = schema.events_version(store.conn)
        assert derived.open_derived(store, thorough=False).notes == []
    target = event_id(db, "IBM")
    edit(db, f"UPDATE events SET category_id = category_id WHERE id = {target}")
    edit(db, f"UPDATE events SET title = 'Retitled' WHERE id = {target}")  # not drawn: no bump
    store = open_store(db)
    with store:
        assert schema.events_version(store.conn) == before + 1
        found = derived.open_derived(store, thorough=False)
        assert found.notes and "another program changed the events" in found.notes[0]
        assert drawn(store, found.index) == truth(store)


def test_a_bulk_import_counts_as_one_change(db, tmp_path):
    from timeline_app.model.importer import import_file_into

    rows = tmp_path / "rows.csv"
    rows.write_text(
        "company,title,category,start\n"
        + "".join(f"Newco,Event {n},Statement,2021-01-{1 + n % 28:02d}\n" for n in range(50)),
        encoding="utf-8",
    )
    with open_store(db, readonly=True) as store:
        before = schema.events_version(store.conn)
    import_file_into(rows, db)
    with open_store(db, readonly=True) as store:
        assert schema.events_version(store.conn) == before + 1
        assert derived.open_derived(store, thorough=False).notes == []  # the cache is current
