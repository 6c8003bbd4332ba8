"""The database itself enforces the model's rules, whoever writes to it; indexes and search
serve the app's queries; older files are upgraded in one transaction."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from timeline_app.errors import DatabaseError
from timeline_app.model import query, schema
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.dates import validate_span
from timeline_app.model.filters import FilterState
from timeline_app.model.store import Store, create_store, open_store
from timeline_app.model.types import DatePrecision
from timeline_app.model.writer import NewEvent, NewExcerpt, NewSource, Writer

DATA = Path(__file__).resolve().parents[2] / "data"
# Characters that take 2, 3 and 4 bytes in UTF-8: SQLite's substr() counts characters, as
# Python does, so offsets computed in Python must hold inside the database too.
TEXT = "Microsoft’s “ban” — données été 时间 🙂 Amazon paused Rekognition on Wednesday."
QUOTE = "时间 🙂 Amazon paused Rekognition"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A new file with one source, one company, one category and one quoted event."""
    store = create_store(tmp_path / "schema.db")
    with store.transaction() as conn:
        writer = Writer(conn)
        source_id = writer.source(NewSource("Article", TEXT, "Publisher", "", "2020-06-11"))
        writer.source(NewSource("Unquoted", "nobody quotes this", "Publisher", "", "2020-06-11"))
        start = TEXT.index(QUOTE)
        writer.events(
            [
                NewEvent(
                    "Amazon",
                    "Statement",
                    "Amazon pauses police sales",
                    "A one-year moratorium",
                    validate_span("2020-06-10", "2021-06-10", DatePrecision.DAY),
                    False,
                    (NewExcerpt(source_id, start, start + len(QUOTE), QUOTE),),
                )
            ]
        )
        writer.finish()
    yield store
    store.close()


def other(store: Store) -> sqlite3.Connection:
    """Another program writing to the file: plain sqlite3, foreign keys on, each statement
    committed at once."""
    conn = getattr(store, "_other", None)
    if conn is None:
        conn = sqlite3.connect(store.path, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        store._other = conn  # type: ignore[attr-defined]
    return conn


def ids(store: Store) -> tuple[int, int, int, int]:
    """(source, unquoted source, event, company) ids of the fixture's rows."""
    source = store.conn.execute("SELECT id FROM sources WHERE title = 'Article'").fetchone()[0]
    other = store.conn.execute("SELECT id FROM sources WHERE title = 'Unquoted'").fetchone()[0]
    event, company = store.conn.execute("SELECT id, company_id FROM events ORDER BY id").fetchone()
    return source, other, event, company


def add_excerpt(store: Store, source_id: int, start: int, end: int, text: str) -> None:
    event_id = ids(store)[2]
    other(store).execute(
        "INSERT INTO excerpts (event_id, source_id, start, end, text) VALUES (?, ?, ?, ?, ?)",
        (event_id, source_id, start, end, text),
    )


def add_event(store: Store, **changes: object) -> None:
    _, _, _, company = ids(store)
    category = store.conn.execute("SELECT id FROM categories").fetchone()[0]
    span = validate_span("2020-06", None, DatePrecision.MONTH)
    row = {
        "company_id": company,
        "category_id": category,
        "title": "A month-precise event",
        "start_date": span.start,
        "end_date": None,
        "precision": "month",
    }
    row.update(changes)
    other(store).execute(
        f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )


# ---------------------------------------------------------------------------------- excerpts


def test_a_verbatim_non_ascii_excerpt_is_accepted(store):
    source, *_ = ids(store)
    start = TEXT.index("données été")
    add_excerpt(store, source, start, start + len("données été"), "données été")
    stored = store.conn.execute(
        "SELECT substr(s.text, x.start + 1, x.end - x.start), x.text FROM excerpts x "
        "JOIN sources s ON s.id = x.source_id"
    ).fetchall()
    assert all(cut == text for cut, text in stored)


@pytest.mark.parametrize(
    "shift",
    [
        pytest.param(lambda s, e, t: (s, e, t.upper()), id="other-text"),
        pytest.param(lambda s, e, t: (s + 1, e + 1, t), id="offsets-one-off"),
        pytest.param(lambda s, e, t: (s, e - 1, t), id="too-short"),
        # where the words would be if offsets counted UTF-8 bytes instead of characters
        pytest.param(
            lambda s, e, t: (len(TEXT[:s].encode()), len(TEXT[:s].encode()) + e - s, t),
            id="byte-offsets",
        ),
    ],
)
def test_an_excerpt_not_verbatim_at_its_offsets_is_refused(store, shift):
    source, *_ = ids(store)
    start = TEXT.index(QUOTE)
    new_start, new_end, text = shift(start, start + len(QUOTE), QUOTE)
    with pytest.raises(sqlite3.IntegrityError, match="verbatim"):
        add_excerpt(store, source, new_start, new_end, text)


def test_excerpts_of_the_real_article_with_curly_quotes(store, tmp_path):
    article = (DATA / "article.txt").read_text(encoding="utf-8")
    quote = "“stronger regulations to govern the ethical use of facial recognition technology.”"
    start = article.index(quote)
    assert any(ord(char) > 127 for char in article[:start])  # curly quotes come before it
    with store.transaction() as conn:
        source = Writer(conn).source(NewSource("Real article", article))
    add_excerpt(store, source, start, start + len(quote), quote)
    with pytest.raises(sqlite3.IntegrityError):
        add_excerpt(store, source, start, start + len(quote), quote.replace("“", '"'))


def test_offsets_beyond_the_text_are_refused(store):
    source, *_ = ids(store)
    tail = TEXT[-3:]
    # substr() would return the same three characters; the length check must catch it
    with pytest.raises(sqlite3.IntegrityError, match="verbatim"):
        add_excerpt(store, source, len(TEXT) - 3, len(TEXT) + 2, tail)
    with pytest.raises(sqlite3.IntegrityError):
        add_excerpt(store, source, len(TEXT) + 1, len(TEXT) + 5, "")
    with pytest.raises(sqlite3.IntegrityError):
        add_excerpt(store, source, -1, 3, TEXT[:3])
    with pytest.raises(sqlite3.IntegrityError):
        add_excerpt(store, source, 3, 3, "")


def test_an_excerpt_of_a_missing_source_is_refused(store):
    with pytest.raises(sqlite3.IntegrityError):
        add_excerpt(store, 999, 0, 3, TEXT[:3])


def test_changing_an_excerpt_to_other_words_is_refused(store):
    with pytest.raises(sqlite3.IntegrityError, match="verbatim"):
        other(store).execute("UPDATE excerpts SET text = 'something else'")
    with pytest.raises(sqlite3.IntegrityError, match="verbatim"):
        other(store).execute("UPDATE excerpts SET start = start + 1, end = end + 1")
    text = store.conn.execute("SELECT text FROM excerpts").fetchone()[0]
    assert text == QUOTE


def test_the_text_of_a_quoted_source_cannot_change(store):
    source, unquoted, *_ = ids(store)
    with pytest.raises(sqlite3.IntegrityError, match="cannot change"):
        other(store).execute("UPDATE sources SET text = 'rewritten' WHERE id = ?", (source,))
    # an unquoted source may still be corrected, and other columns of a quoted one too
    other(store).execute("UPDATE sources SET text = 'corrected' WHERE id = ?", (unquoted,))
    other(store).execute("UPDATE sources SET title = 'Renamed' WHERE id = ?", (source,))
    assert store.conn.execute("SELECT text FROM sources WHERE id = ?", (source,)).fetchone() == (
        TEXT,
    )


# ---------------------------------------------------------------------------------- events


def test_a_well_formed_event_is_accepted(store):
    add_event(store)
    assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == 2


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"start_date": "2020-06-11"}, id="day-shape-for-month"),
        pytest.param({"precision": "day"}, id="month-shape-for-day"),
        pytest.param({"precision": "year"}, id="month-shape-for-year"),
        pytest.param({"precision": "week"}, id="unknown-precision"),
        pytest.param({"start_date": "2020-13"}, id="month-13"),
        pytest.param({"start_date": "2020-6"}, id="short-month"),
        pytest.param({"end_date": "2020-07-01"}, id="end-of-other-shape"),
        pytest.param({"end_date": "2020-05"}, id="end-before-start"),
    ],
)
def test_a_date_not_matching_its_precision_is_refused(store, changes):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK|NOT NULL"):
        add_event(store, **changes)


@pytest.mark.parametrize("day", ["2020-02-30", "2021-02-29", "2020-06-31", "2020-06-1x"])
def test_an_impossible_day_is_refused(store, day):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK|NOT NULL"):
        add_event(store, start_date=day, precision="day")


@pytest.mark.parametrize("column", ["start_ts", "end_ts"])
def test_timestamps_are_computed_from_the_dates_never_given(store, column):
    with pytest.raises(sqlite3.OperationalError, match="generated column"):
        add_event(store, **{column: 0})
    with pytest.raises(sqlite3.OperationalError, match="generated column"):
        other(store).execute(f"UPDATE events SET {column} = 0")


def stamps(store: Store, title: str) -> tuple[int, int]:
    return store.conn.execute(
        "SELECT start_ts, end_ts FROM events WHERE title = ?", (title,)
    ).fetchone()


@pytest.mark.parametrize(
    ("changes", "start", "end", "precision"),
    [
        pytest.param("start_date = '2020-07-01'", "2020-07-01", "2021-06-10", "day", id="new-day"),
        pytest.param(
            "start_date = '2019-05', end_date = NULL, precision = 'month'",
            "2019-05",
            None,
            "month",
            id="to-month",
        ),
        pytest.param(
            "start_date = '2018', end_date = '2019', precision = 'year'",
            "2018",
            "2019",
            "year",
            id="to-years",
        ),
        pytest.param("end_date = '2020-12-31'", "2020-06-10", "2020-12-31", "day", id="new-end"),
    ],
)
def test_another_program_moving_a_date_moves_the_event(store, changes, start, end, precision):
    """An UPDATE of the dates alone, as any SQLite tool would make it, is consistent: the
    seconds the timeline draws with follow."""
    other(store).execute(f"UPDATE events SET {changes} WHERE title = 'Amazon pauses police sales'")
    expected = validate_span(start, end, DatePrecision(precision))
    assert stamps(store, "Amazon pauses police sales") == (expected.start_ts, expected.end_ts)


def test_an_event_without_a_company_or_category_is_refused(store):
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        add_event(store, company_id=999)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        add_event(store, category_id=999)
    with pytest.raises(sqlite3.IntegrityError):
        add_event(store, title="   ")


def test_deleting_a_company_with_events_is_refused(store):
    *_, company = ids(store)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        other(store).execute("DELETE FROM companies WHERE id = ?", (company,))


def test_deleting_an_event_removes_its_excerpts(store):
    _, _, event, _ = ids(store)
    other(store).execute("DELETE FROM events WHERE id = ?", (event,))
    assert store.conn.execute("SELECT count(*) FROM excerpts").fetchone()[0] == 0


# ---------------------------------------------------------------------------------- indexes


@pytest.fixture
def many_events(tmp_path: Path) -> Store:
    store = create_store(tmp_path / "many.db")
    with store.transaction() as conn:
        writer = Writer(conn)
        source = writer.source(NewSource("S", "word " * 10))
        events = []
        for number in range(2000):
            day = f"20{10 + number % 10}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            events.append(
                NewEvent(
                    f"Company {number % 40}",
                    f"Category {number % 5}",
                    f"Event {number}",
                    "",
                    validate_span(day, None, DatePrecision.DAY),
                    False,
                    (NewExcerpt(source, 0, 4, "word"),),
                )
            )
        writer.events(events)
        writer.finish()
    yield store
    store.close()


def plan_of_find_events(store: Store, state: FilterState) -> list[str]:
    """The plan of the very SQL query.find_events runs (captured with its values)."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        found = query.find_events(store, state)
    finally:
        store.conn.set_trace_callback(None)
    assert found, "the filter should select some events"
    (sql,) = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    return [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql)]


def company_ids(store: Store, *names: str) -> frozenset[int]:
    marks = ",".join("?" * len(names))
    rows = store.conn.execute(f"SELECT id FROM companies WHERE name IN ({marks})", names)
    return frozenset(row[0] for row in rows)


@pytest.mark.parametrize(
    "dates",
    [
        pytest.param({"date_from": "2014-01-01", "date_to": "2014-12-31"}, id="range"),
        pytest.param({"date_to": "2013-12-31"}, id="until"),
        pytest.param({}, id="all-time"),
    ],
)
def test_events_of_some_companies_between_dates_use_an_index(many_events, dates):
    state = FilterState(companies=company_ids(many_events, "Company 3", "Company 4"), **dates)
    plan = plan_of_find_events(many_events, state)
    event_steps = [step for step in plan if " e " in f" {step} "]
    assert event_steps, plan
    assert all(step.startswith("SEARCH e USING") for step in event_steps), plan
    assert any(
        "INDEX events_lane" in step or "INDEX events_start" in step for step in event_steps
    ), plan
    assert not any(step.startswith("SCAN e") for step in plan), plan


def test_events_between_dates_use_the_start_index(many_events):
    plan = plan_of_find_events(
        many_events, FilterState(date_from="2011-01-01", date_to="2011-03-31")
    )
    assert any(step.startswith("SEARCH e USING INDEX events_start") for step in plan), plan
    assert not any(step.startswith("SCAN e") for step in plan), plan


# ---------------------------------------------------------------------------------- search


def fts(store: Store, words: str) -> set[int]:
    rows = store.conn.execute("SELECT rowid FROM events_fts WHERE events_fts MATCH ?", (words,))
    return {row[0] for row in rows}


def test_full_text_search_finds_words_of_title_summary_and_excerpts(store):
    _, _, event, _ = ids(store)
    assert fts(store, "police") == {event}  # title
    assert fts(store, "moratorium") == {event}  # summary
    assert fts(store, "rekognition") == {event}  # excerpt (case-insensitive)
    assert fts(store, "amaz*") == {event}
    assert fts(store, "wednesday") == set()  # in the source, outside the excerpt


def test_full_text_search_ignores_diacritics(store):
    source, *_ = ids(store)
    start = TEXT.index("données été")
    add_excerpt(store, source, start, start + len("données été"), "données été")
    # Quoted by another program: its search triggers index the quote at once.
    assert fts(store, "donnees") == {ids(store)[2]}
    with store.transaction() as conn:
        writer = Writer(conn)
        span = validate_span("2020", None, DatePrecision.YEAR)
        writer.events(
            [
                NewEvent(
                    "Amazon",
                    "Statement",
                    "Résumé of the été",
                    "",
                    span,
                    False,
                    (NewExcerpt(source, start, start + 7, "données"),),
                )
            ]
        )
        writer.finish()
    new = store.conn.execute("SELECT id FROM events WHERE title LIKE 'R%'").fetchone()[0]
    assert fts(store, "resume") == {new}
    assert fts(store, "donnees") == {ids(store)[2], new}


# ---------------------------------------------------------------------------------- versions


def test_a_new_file_carries_the_version_and_application_id(store):
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert store.conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID


def test_the_shipped_file_carries_the_version_and_application_id():
    with open_store(builtin_database_path(), readonly=True) as shipped:
        assert shipped.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert shipped.conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID


def test_a_new_file_has_exactly_the_schema_objects_of_its_version(store):
    report = schema.compare_schema(store.conn, schema.SCHEMA_VERSION)
    assert report.intact and not report.foreign_triggers and not report.foreign_other
    names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
    assert set(schema.TABLES) | set(schema.our_triggers(schema.SCHEMA_VERSION)) <= names


def version_zero_file(path: Path) -> Path:
    """What an interrupted first save leaves: our application id, no version, no tables."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.close()
    return path


def test_a_version_zero_file_is_upgraded_on_open(tmp_path):
    path = version_zero_file(tmp_path / "old.db")
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert query.count_events(store) == 0
        with store.transaction() as conn:
            writer = Writer(conn)
            span = validate_span("2020-06-11", None, DatePrecision.DAY)
            writer.events([NewEvent("Microsoft", "Statement", "Pledge", "", span, False)])
            writer.finish()
    with open_store(path, readonly=True) as again:
        assert [e.title for e in query.find_events(again)] == ["Pledge"]


def failing_migration(error: BaseException):
    def migration(conn: sqlite3.Connection) -> None:
        schema.MIGRATIONS_ORIGINAL[0](conn)  # creates every table, then fails
        raise error

    return migration


@pytest.fixture
def broken_migration(monkeypatch):
    def install(error: BaseException) -> None:
        monkeypatch.setattr(schema, "MIGRATIONS_ORIGINAL", dict(schema.MIGRATIONS), raising=False)
        monkeypatch.setitem(schema.MIGRATIONS, 0, failing_migration(error))

    return install


@pytest.mark.parametrize(
    "error",
    [sqlite3.OperationalError("disk I/O error"), RuntimeError("bug in a migration")],
    ids=["sqlite-error", "python-error"],
)
def test_a_failed_migration_leaves_the_file_untouched(tmp_path, broken_migration, error):
    path = version_zero_file(tmp_path / "old.db")
    before = (sha256(path), path.stat().st_mtime_ns)
    broken_migration(error)
    expected = DatabaseError if isinstance(error, sqlite3.Error) else type(error)
    with pytest.raises(expected) as caught:
        open_store(path)
    if expected is DatabaseError:
        assert str(path) in str(caught.value)
    assert (sha256(path), path.stat().st_mtime_ns) == before
    check = sqlite3.connect(path, timeout=0)
    assert check.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    assert check.execute("PRAGMA user_version").fetchone()[0] == 0
    check.execute("BEGIN EXCLUSIVE")  # the failed open let go of the file
    check.execute("ROLLBACK")
    check.close()


def test_a_read_only_old_file_is_refused_not_upgraded(tmp_path):
    path = version_zero_file(tmp_path / "old.db")
    before = (sha256(path), path.stat().st_mtime_ns)
    with pytest.raises(DatabaseError, match="older file format") as caught:
        open_store(path, readonly=True)
    assert str(path) in str(caught.value)
    assert (sha256(path), path.stat().st_mtime_ns) == before
