"""VisibleEvents over the lane arrays: the lanes, counts, markers and navigation the window
shows must agree with the database queries for the same filter; the lane cache saved by
writes is used, and a stale one is not."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from timeline_app.model import query
from timeline_app.model.dates import epoch_seconds, validate_span
from timeline_app.model.derived import lane_index
from timeline_app.model.filters import FilterState
from timeline_app.model.lanes import index_of_sorted
from timeline_app.model.store import Store, create_store
from timeline_app.model.types import Company, DatePrecision
from timeline_app.model.visible import VisibleEvents
from timeline_app.model.writer import NewEvent, NewExcerpt, NewSource, Writer

WORDS = ["pause", "ban", "review", "police", "sales", "research", "law", "résumé"]
CATEGORIES = ["Statement", "Sales halt", "Investment"]
# lane name -> number of events; "empty lane" has none, "Zulu" starts earliest
COMPANIES = {"Acme": 30, "beta": 12, "Charlie": 20, "Zulu": 6, "empty lane": 0}


def ts(iso: str) -> int:
    return epoch_seconds(date.fromisoformat(iso))


def synthetic_events(source_id: int, text: str) -> list[NewEvent]:
    rng = random.Random(7)
    events = []
    for company, count in COMPANIES.items():
        for number in range(count):
            day = date(2019, 1, 1) + timedelta(days=rng.randrange(700))
            if company == "Zulu":
                day -= timedelta(days=800)
            kind = number % 6
            if kind == 4:  # month precision, sometimes a span of months
                end_month = day + timedelta(days=62) if number % 12 == 4 else None
                span = validate_span(
                    day.strftime("%Y-%m"),
                    end_month.strftime("%Y-%m") if end_month else None,
                    DatePrecision.MONTH,
                )
            elif kind == 5:  # year precision, sometimes two years
                span = validate_span(
                    str(day.year),
                    str(day.year + 1) if number % 12 == 5 else None,
                    DatePrecision.YEAR,
                )
            elif kind == 3:  # a span of days
                span = validate_span(
                    day.isoformat(), (day + timedelta(days=40)).isoformat(), DatePrecision.DAY
                )
            else:
                span = validate_span(day.isoformat(), None, DatePrecision.DAY)
            word = WORDS[(number + len(company)) % len(WORDS)]
            at = text.index(word)
            events.append(
                NewEvent(
                    company,
                    CATEGORIES[number % len(CATEGORIES)],
                    f"{company} {word} {number}",
                    "",
                    span,
                    number % 7 == 0,
                    (NewExcerpt(source_id, at, at + len(word), word),),
                )
            )
    # same-day events in one lane and across lanes
    for company in ("Acme", "Acme", "beta", "Charlie"):
        span = validate_span("2020-06-10", None, DatePrecision.DAY)
        title = f"{company} same day {len(events)}"
        events.append(NewEvent(company, "Statement", title, "", span, False))
    return events


def build(path: Path) -> Store:
    store = create_store(path)
    text = " ".join(WORDS)
    with store.transaction() as conn:
        writer = Writer(conn)
        for company in COMPANIES:
            writer.company(company)
        source_id = writer.source(NewSource("Source", text))
        writer.events(synthetic_events(source_id, text))
        writer.finish()
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = build(tmp_path_factory.mktemp("visible") / "visible.db")
    yield store
    store.close()


def visible(store: Store, state: FilterState | None = None, order: str | None = None):
    events = VisibleEvents(lane_index(store)[0], query.list_companies(store))
    if state is not None or order is not None:
        apply(store, events, state or FilterState(), order)
    return events


def apply(store: Store, events: VisibleEvents, state: FilterState, order=None) -> None:
    events.apply(state, text_ids=query.search_event_ids(store, state.text), order=order)


def ids_of(store: Store, *names: str) -> frozenset[int]:
    return frozenset(c.id for c in query.list_companies(store) if c.name in names)


def category_ids(store: Store, *names: str) -> frozenset[int]:
    return frozenset(i for i, name in query.list_categories(store) if name in names)


def states(store: Store) -> list[FilterState]:
    return [
        FilterState(),
        FilterState(companies=ids_of(store, "Acme", "Zulu")),
        FilterState(companies=frozenset()),
        FilterState(categories=category_ids(store, "Sales halt")),
        FilterState(categories=frozenset()),
        FilterState(text="pau"),
        FilterState(text="RESUME"),
        FilterState(text="?!"),
        FilterState(date_from="2019-06-01", date_to="2019-06-30"),
        FilterState(date_from="2020-06-10", date_to="2020-06-10"),
        FilterState(date_to="2018-12-31"),
        FilterState(date_from="2020-01-01"),
        FilterState(
            companies=ids_of(store, "Acme", "beta", "Charlie"),
            categories=category_ids(store, "Statement", "Investment"),
            text="police",
            date_from="2019-03-01",
            date_to="2020-09-30",
        ),
    ]


# ----------------------------------------------------------------------------- agreement


def test_shown_events_match_the_database_for_every_filter(store):
    events = visible(store)
    for state in states(store):
        apply(store, events, state)
        found = [e.id for e in query.find_events(store, state)]
        assert events.shown == query.count_events(store, state) == len(found), state
        assert events.shown_ids_by_time().tolist() == found, state
        assert all(events.is_shown(i) for i in found)
        hidden = set(events.index.event_id.tolist()) - set(found)
        assert not any(events.is_shown(i) for i in hidden)


def test_the_same_filter_gives_the_same_result_on_a_fresh_object(store):
    events = visible(store)
    for state in states(store):  # applied one after the other, only changes recomputed
        apply(store, events, state)
        assert (
            events.shown_ids_by_time().tolist()
            == visible(store, state).shown_ids_by_time().tolist()
        )


def test_totals(store):
    events = visible(store)
    assert events.total == sum(COMPANIES.values()) + 4 == query.count_events(store)
    assert events.shown == events.total


# ----------------------------------------------------------------------------- lanes


def lane_names(events: VisibleEvents) -> list[str]:
    return [lane.company.name for lane in events.lanes]


def test_lanes_by_name_ignore_case(store):
    assert lane_names(visible(store, order="name")) == [
        "Acme",
        "beta",
        "Charlie",
        "empty lane",
        "Zulu",
    ]


def test_lanes_by_count_put_the_busiest_first(store):
    events = visible(store, order="count")
    assert lane_names(events) == ["Acme", "Charlie", "beta", "Zulu", "empty lane"]
    totals = [events.lane_total(lane) for lane in events.lanes]
    assert totals == sorted(totals, reverse=True)
    assert totals[0] == COMPANIES["Acme"] + 2


def test_lanes_by_first_event(store):
    events = visible(store, order="first")
    names = lane_names(events)
    assert names[0] == "Zulu"  # its events start two years earlier
    assert names[-1] == "empty lane"  # no event: last
    firsts = [
        min(e.start_ts for e in query.find_events(store, FilterState(companies=ids_of(store, n))))
        for n in names[:-1]
    ]
    assert firsts == sorted(firsts)


def test_lane_order_follows_the_filter(store):
    """Ordered by count, the lanes follow what is shown, not what is stored."""
    state = FilterState(text="same day")
    events = visible(store, state, order="count")
    assert lane_names(events)[0] == "Acme"  # two same-day events against one
    assert {events.lane_total(lane) for lane in events.lanes} <= {2, 1, 0}


def test_unknown_lane_order_is_refused(store):
    with pytest.raises(ValueError):
        visible(store).apply(FilterState(), order="colour")


def test_unticking_a_company_removes_its_lane_and_its_events(store):
    events = visible(store)
    acme = next(iter(ids_of(store, "Acme")))
    acme_events = {e.id for e in query.find_events(store, FilterState(companies=frozenset({acme})))}
    everyone = frozenset(c.id for c in query.list_companies(store))
    apply(store, events, FilterState(companies=everyone - {acme}))
    assert "Acme" not in lane_names(events)
    assert events.lane_for_company(acme) is None
    assert events.shown == events.total - len(acme_events)
    assert not acme_events & set(events.shown_ids_by_time().tolist())
    assert not any(events.is_shown(i) for i in acme_events)
    apply(store, events, FilterState(companies=everyone))  # ticked again: back
    assert "Acme" in lane_names(events)
    assert events.lane_for_company(acme) == lane_names(events).index("Acme")
    assert events.shown == events.total


@pytest.mark.parametrize(
    "state",
    [
        FilterState(text="police"),
        FilterState(date_from="2019-01-01", date_to="2019-12-31"),
    ],
    ids=["text", "dates"],
)
def test_category_text_and_date_filters_change_what_is_shown(store, state):
    events = visible(store)
    apply(store, events, state)
    assert 0 < events.shown < events.total
    by_lane = {lane.company.name: events.lane_total(lane) for lane in events.lanes}
    for name, total in by_lane.items():
        lane_state = state.with_(companies=ids_of(store, name))
        assert total == query.count_events(store, lane_state), name
    names_with_events = {e.company for e in query.find_events(store, state)}
    assert names_with_events <= set(by_lane)


# ----------------------------------------------------------------------------- counts


def month_edges(first: str, months: int) -> np.ndarray:
    day = date.fromisoformat(first)
    edges = []
    for _ in range(months + 1):
        edges.append(epoch_seconds(day))
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return np.array(edges, dtype=np.int64)


@pytest.mark.parametrize("text", ["", "police"])
def test_bucket_counts_add_up_to_the_lane_total(store, text):
    events = visible(store, FilterState(text=text))
    edges = month_edges("2016-01-01", 12 * 8)
    for lane in events.lanes:
        counts = events.bucket_counts(lane, edges)
        assert counts.shape == (edges.size - 1,)
        assert int(counts.sum()) == events.lane_total(lane)


def test_bucket_counts_count_the_events_starting_in_each_bucket(store):
    events = visible(store)
    (acme,) = [lane for lane in events.lanes if lane.company.name == "Acme"]
    edges = np.array([ts("2020-06-10"), ts("2020-06-11")], dtype=np.int64)
    expected = query.count_events(
        store,
        FilterState(companies=ids_of(store, "Acme"), date_from="2020-06-10", date_to="2020-06-10"),
    )
    starting = [
        e
        for e in query.find_events(store, FilterState(companies=ids_of(store, "Acme")))
        if ts("2020-06-10") <= e.start_ts < ts("2020-06-11")
    ]
    assert events.bucket_counts(acme, edges).tolist() == [len(starting)]
    assert len(starting) >= 2 and expected >= len(starting)  # the two same-day events


# ----------------------------------------------------------------------------- markers


@pytest.mark.parametrize(
    ("first", "last"),
    [("2019-06-01", "2019-07-01"), ("2020-06-10", "2020-06-11"), ("2010-01-01", "2030-01-01")],
)
def test_visible_positions_are_the_events_overlapping_the_window(store, first, last):
    events = visible(store, FilterState(categories=category_ids(store, "Statement", "Sales halt")))
    t0, t1 = ts(first), ts(last)
    index = events.index
    for lane in events.lanes:
        part = index.lane_slice(lane.index_lane)
        expected = [
            p
            for p in range(part.start, part.stop)
            if index.start[p] < t1 and index.end[p] > t0 and events.mask[p]
        ]
        positions = events.visible_positions(lane, t0, t1, limit=1000)
        assert sorted(positions.tolist()) == expected, lane.company.name


def test_a_long_span_that_started_before_the_window_is_visible(store):
    events = visible(store)
    # a year-precise two-year span covers a window long after its start
    long_ones = [e for e in query.find_events(store) if e.end_ts - e.start_ts > 400 * 86_400]
    assert long_ones
    event = long_ones[0]
    t0 = event.end_ts - 86_400
    lane = events.lanes[lane_names(events).index(event.company)]
    positions = events.visible_positions(lane, t0, event.end_ts, limit=1000)
    assert event.id in events.index.event_id[positions].tolist()


def test_visible_positions_give_none_above_the_limit(store):
    events = visible(store)
    (acme,) = [lane for lane in events.lanes if lane.company.name == "Acme"]
    t0, t1 = ts("2010-01-01"), ts("2030-01-01")
    assert events.visible_positions(acme, t0, t1, limit=5) is None
    total = events.lane_total(acme)
    assert events.visible_positions(acme, t0, t1, limit=total).size == total
    assert events.visible_positions(acme, t0, t1, limit=total - 1) is None


# ----------------------------------------------------------------------------- navigation


def walk(events: VisibleEvents, step: int) -> list[int]:
    seen, current = [], events.neighbour(None, step)
    while current is not None:
        seen.append(current)
        assert len(seen) <= events.total, "the walk does not end"
        current = events.neighbour(current, step)
    return seen


@pytest.mark.parametrize("index_of_state", range(13))
def test_neighbour_walks_every_shown_event_in_time_order(store, index_of_state):
    state = states(store)[index_of_state]
    events = visible(store, state)
    expected = [e.id for e in query.find_events(store, state)]
    assert walk(events, +1) == expected
    assert walk(events, -1) == expected[::-1]


def test_neighbour_of_a_hidden_event_skips_to_the_next_shown(store):
    state = FilterState(categories=category_ids(store, "Statement"))
    events = visible(store, state)
    all_events = query.find_events(store)
    shown = [e.id for e in query.find_events(store, state)]
    order = [e.id for e in all_events]
    hidden = [i for i in order if i not in shown]
    assert hidden
    for event_id in hidden:
        at = order.index(event_id)
        after = next((i for i in order[at + 1 :] if i in shown), None)
        before = next((i for i in reversed(order[:at]) if i in shown), None)
        assert events.neighbour(event_id, +1) == after
        assert events.neighbour(event_id, -1) == before


def test_neighbour_orders_same_day_events_and_stops_at_the_ends(store):
    events = visible(store)
    same_day = [
        e.id for e in query.find_events(store) if e.start == "2020-06-10" and "same day" in e.title
    ]
    assert len(same_day) == 4
    for first, second in zip(same_day, same_day[1:], strict=False):
        assert events.neighbour(first, +1) == second
        assert events.neighbour(second, -1) == first
    everything = walk(events, +1)
    assert events.neighbour(everything[-1], +1) is None
    assert events.neighbour(everything[0], -1) is None
    assert events.neighbour(999_999, +1) is None


def test_nothing_shown_means_no_neighbour(store):
    events = visible(store, FilterState(companies=frozenset()))
    assert events.shown == 0
    assert events.neighbour(None, +1) is None
    assert events.shown_ids_by_time().size == 0


def test_a_dense_lane_with_one_long_span_still_shows_markers_zoomed_in():
    """Ten events a day for ten years and one ten-year span: a day in view holds eleven
    events, not the ten years the span reaches back (it was drawn as counts at any zoom)."""
    day = 86_400
    starts = np.repeat(np.arange(3650, dtype=np.int64) * day, 10)
    rows = np.zeros((starts.size + 2, 7), dtype=np.int64)
    rows[:, 0] = 1  # one company
    rows[:-2, 1], rows[:-2, 2] = starts, starts + day
    rows[-2, 1], rows[-2, 2] = 0, 3650 * day  # the long span, from the first day
    rows[-1, 1], rows[-1, 2] = 100 * day, 101 * day + 1  # just over a day, ended long ago
    rows[:, 6] = np.arange(rows.shape[0]) + 1
    rows = rows[np.lexsort((rows[:, 6], rows[:, 1], rows[:, 0]))]
    index = index_of_sorted(np.array([1]), rows)
    events = VisibleEvents(index, [Company(1, "Dense")])
    (lane,) = events.lanes
    t0, t1 = 2000 * day + 3600, 2001 * day - 3600
    positions = events.visible_positions(lane, t0, t1, limit=100)
    assert positions is not None
    expected = np.flatnonzero((index.start < t1) & (index.end > t0))
    assert positions.tolist() == expected.tolist()
    assert len(expected) == 11
    # the same under a filter that hides half of them
    events.apply(FilterState(text="half"), text_ids=index.event_id[::2])
    positions = events.visible_positions(lane, t0, t1, limit=100)
    assert positions is not None
    shown = expected[np.isin(index.event_id[expected], index.event_id[::2])]
    assert positions.tolist() == shown.tolist()


def test_neighbour_steps_over_long_runs_of_hidden_events():
    """Three lanes of 20,000 events where the filter shows one in 997: every step lands on
    the next shown event in time, as a walk through the whole shown list would."""
    rng = np.random.default_rng(3)
    size = 60_000
    rows = np.zeros((size, 7), dtype=np.int64)
    rows[:, 0] = np.repeat([1, 2, 3], size // 3)
    rows[:, 1] = rng.integers(0, 400, size) * 86_400  # many events share a day
    rows[:, 2] = rows[:, 1] + 86_400
    rows[:, 6] = rng.permutation(size) + 1
    rows = rows[np.lexsort((rows[:, 6], rows[:, 1], rows[:, 0]))]
    index = index_of_sorted(np.array([1, 2, 3]), rows)
    events = VisibleEvents(index, [Company(1, "A"), Company(2, "B"), Company(3, "C")])
    events.apply(
        FilterState(companies=frozenset({1, 3}), text="rare"), text_ids=np.arange(1, size, 997)
    )
    shown = events.shown_ids_by_time().tolist()
    assert 30 < len(shown) < 60
    walked, current = [], events.neighbour(None, +1)
    while current is not None:
        walked.append(current)
        current = events.neighbour(current, +1)
    assert walked == shown
    assert events.neighbour(None, -1) == shown[-1]
    assert [events.neighbour(i, -1) for i in shown[1:]] == shown[:-1]
    hidden = int(index.event_id[0])  # not shown: its neighbours are the shown ones around it
    later = [i for i in shown if (index.start[events.position_of(i)], i) > (index.start[0], hidden)]
    assert events.neighbour(hidden, +1) == (later[0] if later else None)


def test_category_counts_match_the_database_for_every_filter(store):
    """The filter list's "shown / total" per category, under every kind of filter."""
    events = visible(store)
    names = dict(query.list_categories(store))
    for state in states(store):
        apply(store, events, state)
        expected: dict[int, int] = {}
        for event in query.find_events(store, state):
            key = next(i for i, name in names.items() if name == event.category)
            expected[key] = expected.get(key, 0) + 1
        assert events.category_counts() == expected, state


@pytest.mark.parametrize("ids", [[-5, 7, 2**40], [3, 2**62, -(2**62)]])
def test_category_counts_with_any_ids_another_program_stored(ids):
    """Huge or negative category ids (a file written elsewhere) are counted, not used as
    the size of a table."""
    rows = np.zeros((9, 7), dtype=np.int64)
    rows[:, 0] = np.repeat([1, 2, 3], 3)
    rows[:, 1] = np.arange(9) * 86_400
    rows[:, 2] = rows[:, 1] + 86_400
    rows[:, 3] = [ids[0], ids[1], ids[2], ids[1], ids[1], ids[0], ids[2], ids[2], ids[2]]
    rows[:, 6] = np.arange(9) + 1
    index = index_of_sorted(np.array([1, 2, 3]), rows)
    events = VisibleEvents(index, [Company(1, "A"), Company(2, "B"), Company(3, "C")])
    assert events.category_counts() == {ids[0]: 2, ids[1]: 3, ids[2]: 4}
    events.apply(FilterState(companies=frozenset({2})))
    assert events.category_counts() == {ids[0]: 1, ids[1]: 2}
    events.apply(FilterState(companies=frozenset({2}), text="x"), text_ids=np.array([5, 6]))
    assert events.category_counts() == {ids[0]: 1, ids[1]: 1}
