"""An edit that moves one event is carried through the arrays in place: the same arrays
(nothing held twice), equal afterwards to arrays built from the rows, with everything
derived from them (by-id lookup, long spans, bounds, time order and what follows it)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from timeline_app.model import edits, lanes
from timeline_app.model.editor import Editor
from timeline_app.model.filters import FilterState
from timeline_app.model.store import open_store
from timeline_app.model.timeline import OpenedTimeline
from timeline_app.model.types import DatePrecision

MOVE = (
    "UPDATE events SET start_date = ?, precision = ?, end_date = NULL, "
    "company_id = coalesce(?, company_id), category_id = coalesce(?, category_id) WHERE id = ?"
)


def warm(timeline: OpenedTimeline) -> None:
    """Everything the window derives from the arrays, made before the edits."""
    index = timeline.index
    _ = index.id_order, index.sorted_ids, index.lane_of_position, index.time_bounds()
    _ = index.category_counts, index.lane_category_counts
    index.visible(0, 0.0, 1.0)  # the long spans
    visible = timeline.visible
    visible.shown_ids_by_time()
    visible.shown_positions_by_time()
    visible.neighbour(None, 1)  # the time rank
    visible.neighbour(int(index.event_id[0]), 1)


def assert_same_as_rows(timeline: OpenedTimeline, when: str) -> None:
    index, rebuilt = timeline.index, lanes.build_lane_index(timeline.store.conn)
    for name in ("company_ids", "offsets", "start", "end", "category", "precision",
                 "approximate", "event_id", "max_duration"):  # fmt: skip
        assert np.array_equal(getattr(index, name), getattr(rebuilt, name)), (name, when)
    assert np.array_equal(index.id_order, rebuilt.id_order), when
    assert np.array_equal(index.sorted_ids, rebuilt.sorted_ids), when
    assert np.array_equal(index.lane_of_position, rebuilt.lane_of_position), when
    for mine, theirs in zip(index._long_spans, rebuilt._long_spans, strict=True):
        assert np.array_equal(mine, theirs), when
    assert index.time_bounds() == rebuilt.time_bounds(), when
    assert index.category_counts == rebuilt.category_counts, when
    assert np.array_equal(index.category_ids[index.category_rank], index.category), when
    by_lane = {
        (lane, int(category)): int(n)
        for lane, row in enumerate(index.lane_category_counts)
        for category, n in zip(index.category_ids, row, strict=True)
        if n
    }
    made = rebuilt.lane_category_counts
    assert by_lane == {
        (lane, int(category)): int(n)
        for lane, row in enumerate(made)
        for category, n in zip(rebuilt.category_ids, row, strict=True)
        if n
    }, when
    visible = timeline.visible
    by_time = np.lexsort((rebuilt.event_id, rebuilt.start))
    assert np.array_equal(visible.time_order(), by_time), when
    rank = np.empty_like(by_time)
    rank[by_time] = np.arange(by_time.size)
    assert np.array_equal(visible._time_rank(), rank), when
    fresh = timeline.visible_for(timeline.state)
    assert np.array_equal(visible.shown_ids_by_time(), fresh.shown_ids_by_time()), when
    assert np.array_equal(visible._shown_in_time_order(), fresh._shown_in_time_order()), when
    assert visible.shown == fresh.shown, when
    assert visible.category_counts() == fresh.category_counts(), when
    assert [lane.company for lane in visible.lanes] == [lane.company for lane in fresh.lanes]
    assert [visible.lane_total(lane) for lane in visible.lanes] == [
        fresh.lane_total(lane) for lane in fresh.lanes
    ], when


@pytest.mark.parametrize(
    "state",
    [FilterState(), FilterState(companies=frozenset({2, 3, 5}), categories=frozenset({1, 2}))],
)
def test_moves_of_one_event_are_carried_in_place_and_equal_the_rows(tmp_path, state):
    from timeline_app.generator import generate_database

    path = generate_database(tmp_path / "g.db", events=2_000, companies=6, seed=11)
    rng = random.Random(3)
    with open_store(path) as store:
        timeline = OpenedTimeline(store)
        timeline.apply(state)
        warm(timeline)
        editor = Editor(store)
        index, visible = timeline.index, timeline.visible
        arrays = {name: getattr(index, name) for name in ("start", "event_id", "offsets")}
        steps = []
        ids = [row[0] for row in store.conn.execute("SELECT id FROM events")]
        for round_ in range(60):
            target = rng.choice(ids)
            start = rng.choice(
                ["1990-01-01", "2050-12-31", f"20{rng.randint(0, 24):02d}-0{rng.randint(1, 9)}"]
            )
            precision = "month" if len(start) == 7 else "day"
            lane = rng.randint(1, 6) if round_ % 3 == 0 else None  # sometimes another lane
            category = rng.randint(1, 3) if round_ % 4 == 1 else None
            values = (start, precision, lane, category, target)
            _, step = editor.change("move", lambda c, v=values: c.execute(MOVE, v))
            timeline.follow(step.touched)
            steps.append(step)
            assert_same_as_rows(timeline, f"move {round_}")
        while steps:
            timeline.follow(editor.undo(steps.pop()))
            assert_same_as_rows(timeline, f"undo, {len(steps)} left")
        # One set of arrays throughout: every move was made in them, none in a copy.
        assert timeline.index is index and timeline.visible is visible
        assert index.generation == 120
        for name, array in arrays.items():
            if array.flags.writeable:  # (the blob's read-only ones are copied once)
                assert getattr(index, name) is array, name


def test_a_move_and_a_delete_and_add_are_told_apart(tmp_path):
    """One event deleted and another added is not a move: the ids differ."""
    from timeline_app.generator import generate_database

    path = generate_database(tmp_path / "g.db", events=300, companies=3, seed=2)
    with open_store(path) as store:
        timeline = OpenedTimeline(store)
        warm(timeline)
        editor = Editor(store)
        first = store.conn.execute("SELECT min(id) FROM events").fetchone()[0]
        company = store.conn.execute("SELECT name FROM companies ORDER BY id").fetchone()[0]
        fields = edits.EventFields(company, "Arrived", "2001-02-03", DatePrecision.DAY)

        def swap(conn):  # type: ignore[no-untyped-def]
            edits.delete_event(conn, first)
            edits.save_event(conn, None, fields)

        _, step = editor.change("swap", swap)
        timeline.follow(step.touched)
        assert_same_as_rows(timeline, "swap")
        timeline.follow(editor.undo(step))
        assert_same_as_rows(timeline, "undo of the swap")
