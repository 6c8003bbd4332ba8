"""The synthetic database generator: valid, realistic-looking, deterministic and safe."""

from __future__ import annotations

import re
import sqlite3
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from timeline_app import generator
from timeline_app.errors import TimelineError
from timeline_app.generator import CATEGORIES, generate_database, write
from timeline_app.model import lanes, query
from timeline_app.model.dates import DatePrecision, validate_span
from timeline_app.model.derived import lane_index
from timeline_app.model.filters import FilterState
from timeline_app.model.store import open_store

EVENTS, COMPANIES = 20_000, 40


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """(path, seconds); the speed itself is measured by benchmarks/bench_generate.py."""
    out = tmp_path_factory.mktemp("generated") / "synthetic.db"
    started = time.perf_counter()
    generate_database(out, events=EVENTS, companies=COMPANIES, seed=11)
    return out, time.perf_counter() - started


@pytest.fixture
def db(generated: tuple[Path, float]) -> Path:
    return generated[0]


def rows(path: Path, sql: str) -> list[tuple]:
    with open_store(path, readonly=True) as store:
        return store.conn.execute(sql).fetchall()


def test_exact_counts_valid_file_and_normal_journal(db: Path) -> None:
    assert rows(db, "SELECT count(*) FROM events") == [(EVENTS,)]
    assert rows(db, "SELECT count(*) FROM companies") == [(COMPANIES,)]
    assert rows(db, "SELECT count(DISTINCT company_id) FROM events") == [(COMPANIES,)]
    with open_store(db) as store:
        assert store.check_invariants() == []
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert store.conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]  # no journal, no leftovers


def test_every_precision_and_category_with_consistent_dates(db: Path) -> None:
    events = rows(
        db,
        "SELECT e.start_date, e.end_date, e.precision, e.approximate, e.start_ts, e.end_ts, "
        "g.name FROM events e JOIN categories g ON g.id = e.category_id",
    )
    precisions = Counter(row[2] for row in events)
    assert set(precisions) == {"day", "month", "year"}
    assert precisions["day"] > precisions["month"] > precisions["year"] > 0
    assert set(Counter(row[6] for row in events)) == set(CATEGORIES)
    assert 0 < sum(row[3] for row in events) < EVENTS * 0.2  # some approximate dates
    spans = [row for row in events if row[1] is not None]
    assert EVENTS * 0.03 < len(spans) < EVENTS * 0.2
    for start, end, precision, _, start_ts, end_ts, _ in events:
        span = validate_span(start, end, DatePrecision(precision))  # raises if inconsistent
        assert (span.start_ts, span.end_ts) == (start_ts, end_ts)


def test_excerpts_are_verbatim_substrings_of_realistic_sources(db: Path) -> None:
    assert rows(
        db,
        "SELECT count(*) FROM excerpts x JOIN sources s ON s.id = x.source_id "
        "WHERE substr(s.text, x.start + 1, x.end - x.start) IS NOT x.text",
    ) == [(0,)]
    per_event = Counter(n for (n,) in rows(db, "SELECT count(*) FROM excerpts GROUP BY event_id"))
    assert set(per_event) == {1, 2}
    assert sum(per_event.values()) == EVENTS  # every event has one or two
    sources = rows(db, "SELECT title, publisher, url, published, text FROM sources")
    assert COMPANIES <= len(sources) <= COMPANIES + 5000
    for title, publisher, url, published, text in sources:
        assert title and publisher
        assert re.fullmatch(r"https://[a-z0-9]+\.example/\d{4}/\d{2}/[a-z0-9-]+-\d+", url), url
        validate_span(published, None, DatePrecision.DAY)
        assert 900 <= len(text) <= 3500
    # Each excerpt quotes a source about the event's own company.
    assert rows(
        db,
        "SELECT count(*) FROM excerpts x JOIN events e ON e.id = x.event_id "
        "JOIN companies c ON c.id = e.company_id WHERE instr(x.text, c.name) = 0",
    ) == [(0,)]


def test_the_generated_file_still_refuses_a_quote_that_is_not_verbatim(
    db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    conn = sqlite3.connect(copy)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="verbatim"):
            conn.execute(
                "INSERT INTO excerpts (event_id, source_id, start, end, text) "
                "SELECT 1, id, 0, 5, 'not the words' FROM sources LIMIT 1"
            )
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda events: events.start_ts.__setitem__(0, events.start_ts[0] + 86_400), "disagree"),
        (lambda events: events.end_ts.__setitem__(1, events.start_ts[1]), "disagree"),
        (lambda events: events.calendar.day_text.__setitem__(3, "2001-02-30"), "not a real date"),
    ],
)
def test_generated_rows_that_break_the_date_rules_are_refused_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil, reason: str
) -> None:
    """The schema's per-row date checks are off while the generator writes its events, so
    its own check of every row must catch what they would have."""
    original = write.write_file

    def spoiled(path, bar, **parts):  # type: ignore[no-untyped-def]
        spoil(parts["events"])
        return original(path, bar, **parts)

    monkeypatch.setattr(write, "write_file", spoiled)
    out = tmp_path / "spoiled.db"
    with pytest.raises(TimelineError, match=reason):
        generate_database(out, events=2_000, companies=5, seed=3)
    assert not out.exists()


def test_company_sizes_are_uneven_and_names_unique(db: Path) -> None:
    sizes = np.array([n for (n,) in rows(db, "SELECT count(*) FROM events GROUP BY company_id")])
    assert sizes.max() > 10 * np.median(sizes)
    names = [name for (name,) in rows(db, "SELECT name FROM companies")]
    assert len(set(names)) == len(names) == COMPANIES
    assert all(re.fullmatch(r"[A-Z][A-Za-z.]*( [A-Za-z.]+)*", name) for name in names), names
    kinds = Counter(kind for (kind,) in rows(db, "SELECT kind FROM companies"))
    assert kinds["company"] > COMPANIES / 2 and len(kinds) >= 2


def test_dates_span_over_twenty_years_in_bursts(db: Path) -> None:
    (first, last), = rows(db, "SELECT min(start_ts), max(start_ts) FROM events")  # fmt: skip
    assert (last - first) / (365.25 * 86_400) > 20
    years = {int(y) for (y,) in rows(db, "SELECT DISTINCT substr(start_date, 1, 4) FROM events")}
    assert years == set(range(2001, 2026))
    # Several events for one company on one day happen often.
    assert (
        rows(
            db,
            "SELECT count(*) FROM (SELECT 1 FROM events WHERE precision = 'day' "
            "GROUP BY company_id, start_date HAVING count(*) > 1)",
        )[0][0]
        > 100
    )
    # Bursty: the biggest company's weekly counts vary far more than chance (Poisson: 1).
    starts = np.array(
        [
            ts
            for (ts,) in rows(
                db,
                "SELECT start_ts FROM events WHERE precision = 'day' AND company_id = "
                "(SELECT company_id FROM events GROUP BY company_id ORDER BY count(*) DESC "
                "LIMIT 1)",
            )
        ]
    )
    weekly = np.bincount((starts - starts.min()) // (7 * 86_400))
    assert weekly.var() / weekly.mean() > 3
    # Few announcements at weekends; a quieter August than September.
    day_events = "FROM events WHERE precision = 'day'"
    weekdays = Counter(d for (d,) in rows(db, f"SELECT strftime('%w', start_date) {day_events}"))
    assert (weekdays["0"] + weekdays["6"]) < 0.1 * sum(weekdays.values())
    months = Counter(m for (m,) in rows(db, f"SELECT substr(start_date, 6, 2) {day_events}"))
    assert months["08"] < months["09"]


def test_titles_and_summaries_read_like_announcements(db: Path) -> None:
    events = rows(
        db,
        "SELECT c.name, e.title, e.summary FROM events e JOIN companies c ON c.id = e.company_id",
    )
    assert all(title.strip() and summary.strip() for _, title, summary in events)
    assert sum(name in title for name, title, _ in events) > 0.95 * EVENTS
    assert len({title for _, title, _ in events}) > 0.5 * EVENTS  # varied
    assert (
        rows(db, "SELECT count(*) FROM events WHERE title LIKE '%(update %'")[0][0] < 0.05 * EVENTS
    )


def test_search_and_lane_cache_work(db: Path) -> None:
    with open_store(db) as store:
        biggest = max(query.list_companies(store), key=lambda c: c.event_count)
        found = query.count_events(store, FilterState(text=biggest.name))
        assert found >= biggest.event_count
        index, note = lane_index(store)
        assert note == ""  # the cache the generator wrote is taken as it is
        assert index.size == EVENTS
        # The cache the generator wrote from its arrays is what the rows themselves give.
        rebuilt = lanes.build_lane_index(store.conn)
        for name in ("company_ids", "offsets", "start", "end", "category", "precision",
                     "approximate", "event_id", "max_duration"):  # fmt: skip
            mine, theirs = getattr(index, name), getattr(rebuilt, name)
            assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), name


def _dump(path: Path) -> list[list[tuple]]:
    tables = ("companies", "categories", "sources", "events", "excerpts", "events_fts")
    return [rows(path, f"SELECT * FROM {table} ORDER BY rowid") for table in tables]


def test_same_seed_same_content_other_seed_other_content(tmp_path: Path) -> None:
    for name, seed in (("a.db", 5), ("b.db", 5), ("c.db", 6)):
        generate_database(tmp_path / name, events=3_000, companies=12, seed=seed)
    assert _dump(tmp_path / "a.db") == _dump(tmp_path / "b.db")
    assert _dump(tmp_path / "a.db") != _dump(tmp_path / "c.db")


def test_zero_events_gives_companies_only(tmp_path: Path) -> None:
    out = generate_database(tmp_path / "empty.db", events=0, companies=3)
    assert rows(out, "SELECT count(*) FROM companies") == [(3,)]
    assert rows(out, "SELECT count(*) FROM events") == [(0,)]


def test_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "keep.db"
    out.write_bytes(b"precious")
    with pytest.raises(TimelineError, match="exists; choose another path or delete it"):
        generate_database(out, events=10, companies=2)
    assert out.read_bytes() == b"precious"


@pytest.mark.parametrize(
    ("events", "companies", "seed", "message"),
    [
        (-1, 1, 1, "--events must be 0 or more"),
        (10, 0, 1, "--companies must be at least 1"),
        (10, 11, 1, "cannot be more than --events"),
        (1.5, 1, 1, "--events must be a whole number"),
        (True, 1, 1, "--events must be a whole number"),
        (10, 1, -3, "--seed must be 0 or more"),
        (generator.MAX_EVENTS + 1, 1, 1, "--events must be at most"),
        (10, generator.MAX_COMPANIES + 1, 1, "--companies must be at most"),
    ],
)
def test_bad_arguments_are_refused_clearly(
    events: object, companies: object, seed: object, message: str, tmp_path: Path
) -> None:
    with pytest.raises(TimelineError, match=re.escape(message)):
        generate_database(tmp_path / "x.db", events=events, companies=companies, seed=seed)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TimelineError, match="folder does not exist"):
        generate_database(tmp_path / "no" / "x.db", events=10, companies=2)


def test_an_interrupted_run_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(lanes, "store_lane_cache", interrupt)
    with pytest.raises(KeyboardInterrupt):
        generate_database(tmp_path / "x.db", events=500, companies=5)
    assert list(tmp_path.iterdir()) == []


def test_progress_is_one_updating_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate_database(tmp_path / "x.db", events=2_000, companies=5, progress=True)
    err = capsys.readouterr().err
    assert "generating" in err and "%" in err and "events/s" in err
    assert "\n" not in err and err.endswith("\r")
