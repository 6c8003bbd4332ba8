"""The timeline layout without a window: every event in view is accounted for exactly once
(a marker, a badge's count or a density strip), nothing drawn overlaps, and the packing
shared by lane heights and layout is redone whenever the range, the width or the filter
changes, so a cached packing never shows events that are filtered out."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline_app.model import query
from timeline_app.model.dates import epoch_seconds, period_start
from timeline_app.model.derived import lane_index
from timeline_app.model.filters import FilterState
from timeline_app.model.store import open_store
from timeline_app.model.types import DatePrecision
from timeline_app.model.visible import VisibleEvents
from timeline_app.ui.timeline.lane_heights import height_for_rows, stack
from timeline_app.ui.timeline.layout import TimelineLayout, layout_timeline
from timeline_app.ui.timeline.packing import GAP_PX, MAX_SUBROWS, Packing, rows_needed


class FixedWidthText:
    """Seven pixels a character, as a monospaced font would measure."""

    height = 14.0

    def width(self, text: str, bold: bool) -> float:
        return 7.0 * len(text)

    def elide(self, text: str, width: float, bold: bool) -> str:
        if self.width(text, bold) <= width:
            return text
        keep = max(0, int(width // 7) - 1)
        return text[:keep] + "…" if keep else ""


titles: list[Callable[[list[int]], dict[int, str]]] = [lambda ids: {}]


def day(text: str) -> int:
    return epoch_seconds(period_start(text, DatePrecision.DAY))


@pytest.fixture
def visible_of(tmp_path: Path, write_db):
    stores = []

    def make(events: list[dict]) -> VisibleEvents:
        store = open_store(write_db(tmp_path / f"t{len(stores)}.db", events), readonly=True)
        stores.append(store)
        titles[0] = functools.partial(query.event_titles, store)
        return VisibleEvents(lane_index(store)[0], query.list_companies(store))

    yield make
    for store in stores:
        store.close()


def lay_out(visible: VisibleEvents, t0: float, t1: float, width: float = 1000) -> TimelineLayout:
    """Every lane as tall as it asks, plus room to spare."""
    slots = stack(0, [rows_needed(visible, lane, t0, t1, width) + 40 for lane in visible.lanes])
    return layout_timeline(visible, slots, t0, t1, width, titles[0], FixedWidthText())


def accounted(layout: TimelineLayout, visible: VisibleEvents) -> list[int]:
    """Event ids drawn as markers plus those counted in badges, one entry per event."""
    index = visible.index
    ids = [m.event_id for lane in layout.lanes for m in lane.markers]
    for lane in layout.lanes:
        for badge in lane.badges:
            assert badge.count == len(badge.members)
            ids += [int(index.event_id[p]) for p in badge.members]
    return ids


def test_a_crowded_day_becomes_sub_rows_then_one_counted_badge(visible_of) -> None:
    events = [{"company": "Acme", "title": f"News {n}", "start": "2020-06-10"} for n in range(3)]
    events += [{"company": "Busy", "title": f"Item {n}", "start": "2020-06-10"} for n in range(20)]
    visible = visible_of(events)
    layout = lay_out(visible, day("2020-06-01"), day("2020-06-20"))
    acme, busy = layout.lanes
    assert len(acme.markers) == 3 and not acme.badges
    assert len({m.row for m in acme.markers}) == 3  # stacked, not drawn on top of each other
    assert not busy.markers and [b.count for b in busy.badges] == [20]
    assert sorted(accounted(layout, visible)) == sorted(range(1, 24))


def test_markers_of_a_sub_row_and_all_labels_keep_apart(visible_of) -> None:
    weekly = itertools.product(range(1, 13), (3, 10, 17, 24))
    events = [
        {
            "company": "Acme",
            "title": f"Announcement {n}, long title",
            "start": f"2020-{m:02}-{d:02}",
        }
        for n, (m, d) in enumerate(weekly)
    ]
    visible = visible_of(events)
    for t0, t1, labelled in (
        (day("2020-01-01"), day("2021-01-01"), 0),  # a week is 19 px: no title fits
        (day("2020-01-01"), day("2020-03-01"), 8),  # each marker has 120 px for its title
    ):
        layout = lay_out(visible, t0, t1)
        (lane,) = layout.lanes
        in_view = [n + 1 for n, e in enumerate(events) if t0 <= day(e["start"]) < t1]
        assert sorted(accounted(layout, visible)) == in_view
        for a, b in itertools.combinations(lane.markers, 2):
            if a.row == b.row:
                assert a.x1 + GAP_PX <= b.x0 or b.x1 + GAP_PX <= a.x0
        drawn = [label.box for label in lane.labels] + [m.box for m in lane.markers]
        for a, b in itertools.combinations(drawn, 2):
            assert a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
        assert len(lane.labels) == labelled
        for label in lane.labels:
            assert lane.band.contains(label.box.x, label.box.y)
            assert lane.band.contains(label.box.right, label.box.bottom)
            whole = events[label.event_id - 1]["title"]
            assert label.text == whole or whole.startswith(label.text.removesuffix("…"))


def test_more_events_than_can_be_told_apart_make_a_density_strip(visible_of) -> None:
    events = [
        {"company": "Acme", "title": f"N{n}", "start": f"2020-{1 + n % 12:02d}-{1 + n % 28:02d}"}
        for n in range(2000)
    ]
    visible = visible_of(events)
    layout = lay_out(visible, day("2020-01-01"), day("2021-01-01"), width=300)
    (lane,) = layout.lanes
    assert lane.strip is not None and not lane.markers
    assert int(lane.strip.counts.sum()) == 2000


def test_the_packing_is_shared_until_range_width_or_filter_change(visible_of) -> None:
    events = [{"company": "Acme", "title": f"N{n}", "start": "2020-06-10",
               "category": "Policy" if n % 2 else "Statement"} for n in range(6)]  # fmt: skip
    visible = visible_of(events)
    (lane,) = visible.lanes
    t0, t1 = day("2020-06-01"), day("2020-06-20")
    packing = Packing()
    first = packing.of(visible, lane, t0, t1, 1000, MAX_SUBROWS)
    assert packing.of(visible, lane, t0, t1, 1000, MAX_SUBROWS) is first
    assert packing.of(visible, lane, t0, t1, 900, MAX_SUBROWS) is not first
    assert rows_needed(visible, lane, t0, t1, 1000, packing) == height_for_rows(6)

    one = min(int(c) for c in visible.index.category)
    visible.apply(FilterState(categories=frozenset({one})))
    _positions, marks, piles = packing.of(visible, lane, t0, t1, 1000, MAX_SUBROWS)
    assert len(marks) == 3 and not piles  # only the events still shown
    assert {int(visible.index.category[m.position]) for m in marks} == {one}
    assert rows_needed(visible, lane, t0, t1, 1000, packing) == height_for_rows(3)


def unnamed_markers(layout: TimelineLayout) -> list[int]:
    """Markers drawn (at least partly in view) with neither a label nor a badge's count."""
    return [
        mark.event_id
        for lane in layout.lanes
        for mark in lane.markers
        if mark.box.right > 0 and mark.box.x < layout.width
        and mark.event_id not in {label.event_id for label in lane.labels}
    ]  # fmt: skip


def overlaps(layout: TimelineLayout) -> list[tuple[str, str]]:
    """Labels over other labels, markers or badges of their lane."""
    found = []
    for lane in layout.lanes:
        things = [(f"label {x.text}", x.box) for x in lane.labels]
        things += [(f"marker {m.event_id}", m.box) for m in lane.markers if not m.is_span]
        things += [(f"badge {b.count}", b.box) for b in lane.badges]
        for (a, box_a), (b, box_b) in itertools.combinations(things, 2):
            if "label" not in a + b:
                continue
            if box_a.x < box_b.right - 0.5 and box_b.x < box_a.right - 0.5 \
                    and box_a.y < box_b.bottom - 0.5 and box_b.y < box_a.bottom - 0.5:  # fmt: skip
                found.append((a, b))
    return found


def test_every_marker_of_the_builtin_timeline_is_named_or_counted_at_every_zoom() -> None:
    """At the right edge, after zooming into a badge (June 2020: Amazon, IBM, Washington
    Post Live) and in the exported picture (Microsoft's two March 2020 markers), markers were
    drawn with no label and no count."""
    from timeline_app.model.dataset import builtin_database_path

    with open_store(builtin_database_path(), readonly=True) as store:
        visible = VisibleEvents(lane_index(store)[0], query.list_companies(store))
        names = functools.partial(query.event_titles, store)
        low, high = visible.index.time_bounds()
        span = high - low
        ranges = [(day("2020-05-25"), day("2020-06-20")), (day("2020-02-15"), day("2020-04-15"))]
        for fraction, centre in itertools.product((1.05, 0.4, 0.1, 0.03), (0.2, 0.6, 0.95, 1.0)):
            middle = low + centre * span
            ranges.append((middle - span * fraction / 2, middle + span * fraction / 2))
        checked = 0
        for width, (t0, t1) in itertools.product((500, 900, 1600), ranges):
            slots = stack(0, [rows_needed(visible, lane, t0, t1, width) for lane in visible.lanes])
            layout = layout_timeline(visible, slots, t0, t1, width, names, FixedWidthText())
            assert unnamed_markers(layout) == [], (width, t0, t1)
            assert overlaps(layout) == [], (width, t0, t1)
            checked += sum(len(lane.markers) for lane in layout.lanes)
        assert checked > 300
