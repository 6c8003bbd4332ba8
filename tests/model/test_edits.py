"""Every kind of change, its undo and its redo: each leaves the file's content exactly as
before (a canonical dump of every table), the search index and lane arrays in step with the
rows, and refuses bad input with a reason tied to the field before anything is written."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from timeline_app.errors import ValidationError
from timeline_app.model import appearance, edits, lanes, query
from timeline_app.model.editor import Editor
from timeline_app.model.edits import EventFields, FieldErrors, Quote, SourceFields
from timeline_app.model.filters import FilterState
from timeline_app.model.journal import UndoConflict
from timeline_app.model.store import open_store
from timeline_app.model.timeline import OpenedTimeline
from timeline_app.model.types import DatePrecision

DAY = DatePrecision.DAY


def dump(path: Path) -> dict[str, list[tuple]]:
    """The file's content, canonical: every row of every table the user's data lives in
    (the change counter is bookkeeping and only ever moves forward)."""
    conn = sqlite3.connect(path)
    try:
        found = {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("companies", "categories", "sources", "events", "excerpts")
        }
        found["meta"] = conn.execute(
            "SELECT * FROM meta WHERE key != 'events_version' ORDER BY 1"
        ).fetchall()
        found["search"] = conn.execute(
            "SELECT rowid, title, summary, excerpts FROM events_fts ORDER BY rowid"
        ).fetchall()
        return found
    finally:
        conn.close()


def same_arrays(a: lanes.LaneIndex, b: lanes.LaneIndex) -> bool:
    fields = ("company_ids", "offsets", "start", "end", "category", "precision")
    more = ("approximate", "event_id", "max_duration")
    return all(np.array_equal(getattr(a, f), getattr(b, f)) for f in fields + more)


@pytest.fixture
def opened(builtin_copy: Path):
    timeline = OpenedTimeline.open(builtin_copy)
    yield timeline, Editor(timeline.store)
    timeline.close()


def first_quote(conn: sqlite3.Connection, words: str) -> Quote:
    source_id, text = conn.execute("SELECT id, text FROM sources ORDER BY id").fetchone()
    at = text.index(words)
    return Quote(source_id, at, at + len(words))


def event_of(conn: sqlite3.Connection, title: str) -> int:
    return conn.execute("SELECT id FROM events WHERE title = ?", (title,)).fetchone()[0]


def company_of(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute("SELECT id FROM companies WHERE name = ?", (name,)).fetchone()[0]


def category_of(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute("SELECT id FROM categories WHERE name = ?", (name,)).fetchone()[0]


NEW = EventFields(
    company="Amazon", title="Amazon extends its pause", start="2021-05-18", precision=DAY,
    category="Policy", summary="Indefinitely.",
)  # fmt: skip

CHANGES: dict[str, Callable[[sqlite3.Connection], object]] = {
    "add event with a quote": lambda c: _with_quote(c),
    "add event of a new company": lambda c: edits.save_event(
        c,
        None,
        EventFields(
            "Clearview AI",
            "Sued",
            "2020-05",
            DatePrecision.MONTH,
            "Lawsuit",
            company_kind="company",
        ),  # fmt: skip
    ),
    "edit event": lambda c: edits.save_event(
        c,
        event_of(c, "IBM ends facial recognition sales and research"),
        EventFields("IBM", "IBM quits face recognition", "2020-06-08", DAY, "Sales halt"),
    ),
    "delete event": lambda c: edits.delete_event(c, event_of(c, "California bill AB 2261 fails")),
    "add quote": lambda c: edits.add_quote(
        c, event_of(c, "California bill AB 2261 fails"), first_quote(c, "Microsoft")
    ),
    "remove quote": lambda c: edits.remove_quote(
        c, c.execute("SELECT min(id) FROM excerpts").fetchone()[0]
    ),
    "rename company": lambda c: edits.rename(c, "company", company_of(c, "IBM"), "IBM Corp."),
    "recolour company": lambda c: edits.set_colour(c, "company", company_of(c, "IBM"), "#123abc"),
    "merge companies": lambda c: edits.merge(
        c, "company", company_of(c, "Oakland"), company_of(c, "San Francisco")
    ),
    "delete company": lambda c: edits.delete_named(c, "company", company_of(c, "Microsoft")),
    "rename category": lambda c: edits.rename(c, "category", category_of(c, "Policy"), "Rules"),
    "merge categories": lambda c: edits.merge(
        c, "category", category_of(c, "Policy"), category_of(c, "Statement")
    ),
    "delete category": lambda c: edits.delete_named(c, "category", category_of(c, "Legislation")),
    "add source": lambda c: edits.add_source(c, SourceFields("Notes", "Me"), "Amazon said so."),
    "edit source": lambda c: edits.update_source(
        c, 1, SourceFields("Renamed article", "A publisher", "https://example.org", "2020-06-12")
    ),
    "delete source": lambda c: edits.delete_source(c, 1),
}


def _with_quote(conn: sqlite3.Connection) -> int:
    quote = first_quote(conn, "Amazon on Wednesday said it would stop providing it to police")
    return edits.save_event(conn, None, EventFields(**{**_fields(NEW), "quotes": (quote,)}))


def _fields(fields: EventFields) -> dict:
    return {name: getattr(fields, name) for name in EventFields.__slots__}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_every_change_undoes_and_redoes_to_the_same_content(kind, opened, builtin_copy):
    timeline, editor = opened
    with timeline.store.transaction() as conn:  # looks the file lacks: stored before any step
        appearance.store_missing(conn)
    before = dump(builtin_copy)
    _result, step = editor.change(kind, CHANGES[kind])
    timeline.follow(step.touched)
    after = dump(builtin_copy)
    assert after != before, "the change changed something"
    assert same_arrays(timeline.index, lanes.build_lane_index(timeline.store.conn))

    timeline.follow(editor.undo(step))
    assert dump(builtin_copy) == before
    assert same_arrays(timeline.index, lanes.build_lane_index(timeline.store.conn))
    assert timeline.visible.shown == len(before["events"])

    timeline.follow(editor.redo(step))
    assert dump(builtin_copy) == after
    assert same_arrays(timeline.index, lanes.build_lane_index(timeline.store.conn))
    assert timeline.visible.shown == len(after["events"])


def test_deleting_a_source_keeps_its_events_without_quotes(opened):
    timeline, editor = opened
    conn = timeline.store.conn
    use = edits.source_use(conn, 1)
    assert use.quotes == conn.execute("SELECT count(*) FROM excerpts").fetchone()[0]
    assert use.events == use.left_unsourced == 19
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    editor.change("delete source", lambda c: edits.delete_source(c, 1))
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == events
    assert conn.execute("SELECT count(*) FROM excerpts").fetchone()[0] == 0


def test_search_finds_what_an_edit_wrote_and_forgets_what_undo_took_back(opened):
    timeline, editor = opened
    _, step = editor.change("add", lambda c: edits.save_event(c, None, NEW))
    timeline.follow(step.touched)
    found = query.search_event_ids(timeline.store, "extends")
    assert found.size == 1
    timeline.follow(editor.undo(step))
    assert query.search_event_ids(timeline.store, "extends").size == 0


def test_a_refused_change_writes_nothing(opened, builtin_copy):
    timeline, editor = opened
    before = dump(builtin_copy)

    def half_then_fail(conn: sqlite3.Connection) -> None:
        edits.save_event(conn, None, NEW)
        edits.delete_event(conn, 999_999)  # no such event: the whole step goes

    with pytest.raises(ValidationError, match="no event 999999"):
        editor.change("broken", half_then_fail)
    assert dump(builtin_copy) == before


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"title": "  "}, "title", "a title is needed"),
        ({"start": "2021-02-29"}, "start", "not a real date of the form YYYY-MM-DD"),
        ({"start": "2021-13", "precision": DatePrecision.MONTH}, "start", "YYYY-MM"),
        ({"end": "2021-05-01"}, "end", "the end is before the start"),
        ({"company": ""}, "company", "a company is needed"),
        ({"company": "A\u202eB"}, "company", "U+202E"),
        ({"title": "x" * 501}, "title", "at most 500"),
    ],
)
def test_the_editor_s_refusals_name_the_field(opened, builtin_copy, changes, field, reason):
    _timeline, editor = opened
    before = dump(builtin_copy)
    fields = EventFields(**{**_fields(NEW), **changes})
    with pytest.raises(FieldErrors) as caught:
        editor.change("add", lambda c: edits.save_event(c, None, fields))
    assert reason in caught.value.errors[field]
    assert dump(builtin_copy) == before


def test_renaming_onto_another_name_asks_for_a_merge_but_case_changes_are_fine(opened):
    timeline, editor = opened
    conn = timeline.store.conn
    ibm = company_of(conn, "IBM")
    with pytest.raises(FieldErrors, match="merge the two instead"):
        editor.change("rename", lambda c: edits.rename(c, "company", ibm, "  amazon "))
    editor.change("rename", lambda c: edits.rename(c, "company", ibm, "Ibm"))
    assert conn.execute("SELECT name FROM companies WHERE id = ?", (ibm,)).fetchone() == ("Ibm",)


def test_merging_companies_joins_twin_events_and_their_quotes(opened):
    timeline, editor = opened
    conn = timeline.store.conn
    source = first_quote(conn, "Amazon").source_id
    quote_a, quote_b = first_quote(conn, "IBM said"), first_quote(conn, "Amazon on Wednesday")
    twin = EventFields("Acme", "Same news", "2020-01-02", DAY, "Policy", quotes=(quote_a,))
    other = EventFields("Acme Inc", "Same news", "2020-01-02", DAY, "Policy", quotes=(quote_b,))
    editor.change("a", lambda c: edits.save_event(c, None, twin))
    editor.change("b", lambda c: edits.save_event(c, None, other))
    moved, _ = editor.change(
        "merge",
        lambda c: edits.merge(c, "company", company_of(c, "Acme Inc"), company_of(c, "Acme")),
    )
    assert moved == 1
    rows = conn.execute(
        "SELECT e.id, x.start FROM events e JOIN excerpts x ON x.event_id = e.id "
        "WHERE e.title = 'Same news' ORDER BY x.start"
    ).fetchall()
    assert len({event for event, _ in rows}) == 1
    assert [start for _, start in rows] == sorted([quote_a.start, quote_b.start])
    assert source == 1


def test_undo_refuses_when_another_program_changed_the_rows_since(opened, builtin_copy):
    timeline, editor = opened
    before = dump(builtin_copy)
    event_id, step = editor.change("add", lambda c: edits.save_event(c, None, NEW))
    other = sqlite3.connect(builtin_copy, isolation_level=None)
    other.execute("UPDATE events SET summary = 'Changed elsewhere' WHERE id = ?", (event_id,))
    other.close()
    with pytest.raises(UndoConflict, match=f"event {event_id} was changed by another program"):
        editor.undo(step)
    assert dump(builtin_copy) != before  # nothing undone: their change is kept


def test_incremental_lane_arrays_equal_rebuilt_ones_after_random_edits(tmp_path):
    """Many random adds, moves, retitles and deletes across lanes, a few per step (orders
    carried by comparison) or a hundred (by binary searches), undone step by step."""
    from timeline_app.generator import generate_database

    path = generate_database(tmp_path / "g.db", events=3_000, companies=12, seed=3)
    rng = random.Random(5)
    with open_store(path) as store:
        timeline = OpenedTimeline(store)
        editor = Editor(store)
        timeline.apply(FilterState(companies=frozenset(range(1, 13, 2))))  # half the lanes
        timeline.visible.time_order()  # made before, so it is carried over
        _ = timeline.index.id_order
        steps = []
        for round_ in range(40):
            ids = [r[0] for r in store.conn.execute("SELECT id FROM events")]
            names = [r[0] for r in store.conn.execute("SELECT name FROM companies")]

            def change(
                conn: sqlite3.Connection, round_: int = round_, ids: list = ids, names: list = names
            ) -> None:
                for _ in range(rng.randint(1, 6) if round_ % 10 else 120):
                    what = rng.random()
                    if what < 0.4:
                        day = f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                        edits.save_event(conn, None, EventFields(
                            rng.choice(names + ["Brand new"]), f"n{round_} {rng.random()}",
                            day, DAY, "Policy"))  # fmt: skip
                    elif what < 0.45:  # a lane with no events comes, or they go
                        conn.execute(
                            "INSERT INTO companies(name) VALUES (?)", (f"Empty {rng.random()}",)
                        ) if rng.random() < 0.5 else conn.execute(
                            "DELETE FROM companies WHERE id NOT IN (SELECT company_id FROM events)"
                        )  # fmt: skip
                    elif what < 0.5:  # nothing the arrays hold changes
                        conn.execute(
                            "UPDATE events SET title = ? WHERE id = ?",
                            (f"retitled {rng.random()}", rng.choice(ids)),
                        )
                    elif what < 0.7:
                        target = rng.choice(ids)
                        ids.remove(target)
                        edits.delete_event(conn, target)
                    else:
                        target = rng.choice(ids)
                        conn.execute(
                            "UPDATE events SET start_date = '2015-01-01', precision = 'day', "
                            "end_date = NULL, company_id = ? WHERE id = ?",
                            (rng.randint(1, 12), target),
                        )

            _, step = editor.change("random", change)
            steps.append(step)
            timeline.follow(step.touched)
            assert_follows_rows(timeline, store, f"round {round_}")
        for step in reversed(steps):
            timeline.follow(editor.undo(step))
            assert_follows_rows(timeline, store, f"undo of step {step.number}")


def test_a_step_that_changes_only_lanes_or_only_titles_is_followed(opened):
    """The arrays are kept as they are only when the rows say what they already say."""
    timeline, editor = opened
    store = timeline.store
    lanes_before = timeline.index.company_ids.size
    _, step = editor.change("a lane", lambda c: c.execute(
        "INSERT INTO companies(name) VALUES ('Nobody yet')"))  # fmt: skip
    timeline.follow(step.touched)
    assert timeline.index.company_ids.size == lanes_before + 1
    assert_follows_rows(timeline, store, "a lane with no events added")
    index = timeline.index
    _, step = editor.change("a title", lambda c: c.execute(
        "UPDATE events SET title = 'Renamed' WHERE id = 1"))  # fmt: skip
    timeline.follow(step.touched)
    assert timeline.index is index  # nothing to carry
    assert_follows_rows(timeline, store, "a title changed")
    _, step = editor.change("no lane", lambda c: c.execute(
        "DELETE FROM companies WHERE name = 'Nobody yet'"))  # fmt: skip
    timeline.follow(step.touched)
    assert timeline.index.company_ids.size == lanes_before
    assert_follows_rows(timeline, store, "the lane with no events deleted")


def assert_follows_rows(timeline: OpenedTimeline, store, when: str) -> None:
    """The arrays and both orders carried through edits equal those built from the rows."""
    rebuilt = lanes.build_lane_index(store.conn)
    assert same_arrays(timeline.index, rebuilt), when
    assert np.array_equal(timeline.index.id_order, np.argsort(rebuilt.event_id)), when
    by_time = np.lexsort((rebuilt.event_id, rebuilt.start))
    assert np.array_equal(timeline.visible.time_order(), by_time), when
    lane = np.repeat(rebuilt.company_ids, np.diff(rebuilt.offsets))[by_time]
    shown = timeline.state.companies
    expected = rebuilt.event_id[by_time]
    if shown is not None:
        expected = expected[np.isin(lane, list(shown))]
    assert np.array_equal(timeline.visible.shown_ids_by_time(), expected), when


def test_closing_after_edits_saves_the_arrays_so_the_next_opening_reads_no_rows(builtin_copy):
    timeline = OpenedTimeline.open(builtin_copy)
    editor = Editor(timeline.store)
    _, step = editor.change("add", lambda c: edits.save_event(c, None, NEW))
    timeline.follow(step.touched)
    timeline.close()
    with open_store(builtin_copy, readonly=True) as store:
        events = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        cached, why = lanes.read_cached_index(
            store.conn, events, lanes.company_ids(store.conn),
            np.array([r[0] for r in store.conn.execute("SELECT id FROM categories")]),
        )  # fmt: skip
        assert cached is not None, why
        assert same_arrays(cached, lanes.build_lane_index(store.conn))


def test_a_merge_of_big_lanes_sorts_once_and_still_equals_the_rows(tmp_path):
    from timeline_app.generator import generate_database

    path = generate_database(tmp_path / "big.db", events=12_000, companies=3, seed=4)
    with open_store(path) as store:
        timeline = OpenedTimeline(store)
        timeline.visible.time_order()
        _ = timeline.index.id_order
        editor = Editor(store)
        _, step = editor.change("merge", lambda c: edits.merge(c, "company", 1, 2))
        assert len(step.touched.events) > 2_000  # the path that sorts everything
        timeline.follow(step.touched)
        rebuilt = lanes.build_lane_index(store.conn)
        assert same_arrays(timeline.index, rebuilt)
        assert np.array_equal(
            timeline.visible.time_order(), np.lexsort((rebuilt.event_id, rebuilt.start))
        )
        timeline.follow(editor.undo(step))
        assert same_arrays(timeline.index, lanes.build_lane_index(store.conn))


def test_remembered_searches_are_forgotten_after_an_edit_and_its_undo(opened):
    """The timeline keeps the match sets of recent searches; a step makes them stale."""
    timeline, editor = opened
    assert timeline.search_ids("extends").size == 0
    before = timeline.search_ids("the")
    assert timeline.search_ids("extends").size == 0  # asked again: remembered, same answer
    assert timeline.search_ids("the") is before
    _, step = editor.change("add", lambda c: edits.save_event(c, None, NEW))
    timeline.follow(step.touched)
    assert timeline.search_ids("extends").size == 1
    timeline.follow(editor.undo(step))
    assert timeline.search_ids("extends").size == 0
    assert timeline.search_ids("the").tolist() == before.tolist()


@pytest.mark.parametrize(
    "state",
    [
        FilterState(),
        FilterState(companies=frozenset({1})),
        FilterState(text="the"),
        FilterState(categories=frozenset({7}), text="the"),
    ],  # fmt: skip
)
def test_the_table_order_by_title_is_sqlites_title_order_of_what_is_shown(opened, state):
    timeline, editor = opened
    _, step = editor.change("add", lambda c: edits.save_event(c, None, NEW))  # after a step
    timeline.follow(step.touched)
    timeline.apply(state)
    shown = set(timeline.visible.shown_ids_by_time().tolist())
    rows = timeline.store.conn.execute("SELECT id FROM events ORDER BY title COLLATE NOCASE, id")
    expected = [i for (i,) in rows if i in shown]
    assert timeline.shown_ids("title").tolist() == expected
    assert timeline.shown_ids("title", descending=True).tolist() == expected[::-1]
