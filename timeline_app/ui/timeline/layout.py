"""Where everything on the timeline goes, in plain numbers: no Qt, so it is computed once
per change of range, size, lanes, filter or selection (never while painting) and tested
directly. The layer only draws it, and the mouse is answered from it.

Per lane, a level of detail is chosen from what fits: when more events fall in the visible
range than can be told apart, the lane is a density strip of counts per column; otherwise
each event is a marker (a symbol for a day, a bar for a month or year), markers that would
collide are packed into sub-rows, what still collides becomes a counted badge, and titles
are placed left to right wherever they do not overlap: after the marker, else before it
(at the right edge), cut with "…" if need be; a marker whose title fits nowhere is counted
with its neighbour in a badge, so no marker is ever drawn without a name or a count.
Coordinates are pixels of the plot area: x from its left edge (the start of the range in
view), y from its top.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from timeline_app.model.visible import Lane, VisibleEvents
from timeline_app.ui.timeline.lane_heights import (
    LANE_PAD_PX,
    ROW_PITCH_PX,
    LaneSlot,
)
from timeline_app.ui.timeline.packing import (
    DAY,
    MARKER_PX,
    MAX_SUBROWS,
    Box,
    Marker,
    Packing,
    Pile,
)

BUCKET_PX = 3  # width of a density column
LABEL_GAP_PX = 5
MIN_ELIDED_LABEL_PX = 45  # a cut title this short ("Microsoft s…") still beats a badge
BADGE_MAX_PX = 18
SELECTED_GROWTH_PX = 3  # a selected symbol is drawn this much bigger


@dataclass(slots=True)
class Label:
    event_id: int
    text: str  # as shown, maybe cut with "…"
    box: Box
    inside: bool  # over its own bar (drawn on a backing pill)
    bold: bool  # the selected event's


@dataclass(slots=True)
class Badge:
    """Events that could not be told apart at this zoom, counted."""

    box: Box
    count: int
    t0: float
    t1: float
    members: list[int] = field(default_factory=list)  # index positions


@dataclass(slots=True)
class Strip:
    """A lane too dense for markers: events per column of BUCKET_PX."""

    band: Box
    edges: np.ndarray  # len(counts) + 1 times
    counts: np.ndarray


@dataclass(slots=True)
class Hit:
    """Something drawn that the mouse can point at."""

    kind: str  # "event", "cluster", "density"
    box: Box
    event_id: int = 0
    count: int = 0
    t0: float = 0.0
    t1: float = 0.0
    lane: str = ""


@dataclass(slots=True)
class LaneLayout:
    row: int
    band: Box
    company_id: int
    name: str
    markers: list[Marker] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    strip: Strip | None = None
    # The selected event when it is inside a strip or a badge: drawn over them anyway.
    selected: Marker | None = None


class TextMetrics(Protocol):
    """Measuring text is the one thing layout asks of a toolkit."""

    height: float

    def width(self, text: str, bold: bool) -> float: ...

    def elide(self, text: str, width: float, bold: bool) -> str: ...


@dataclass(slots=True)
class TimelineLayout:
    lanes: list[LaneLayout]
    hits: list[Hit]
    t0: float
    t1: float
    width: float

    @property
    def markers(self) -> dict[int, Marker]:
        found = {m.event_id: m for lane in self.lanes for m in lane.markers}
        found.update(
            {lane.selected.event_id: lane.selected for lane in self.lanes if lane.selected}
        )
        return found

    @property
    def label_texts(self) -> list[str]:
        return [label.text for lane in self.lanes for label in lane.labels]

    def hit_at(self, x: float, y: float) -> Hit | None:
        """The topmost thing drawn at (x, y): an event before a badge, then the column of a
        density strip (with a pixel of slack either side)."""
        best: Hit | None = None
        for hit in reversed(self.hits):
            if hit.box.contains(x, y):
                if hit.kind == "event":
                    return hit
                best = best or hit
        if best is not None:
            return best
        for lane in self.lanes:
            strip = lane.strip
            if strip is None or not strip.band.y <= y <= strip.band.bottom:
                continue
            step = strip.band.w / strip.counts.size if strip.counts.size else 1.0
            bucket = int((x - strip.band.x) / step)
            for near in (bucket, bucket - 1, bucket + 1):
                if 0 <= near < strip.counts.size and strip.counts[near]:
                    return Hit(
                        "density",
                        Box(strip.band.x + near * step, strip.band.y, step, strip.band.h),
                        count=int(strip.counts[near]),
                        t0=float(strip.edges[near]),
                        t1=float(strip.edges[near + 1]),
                        lane=lane.name,
                    )
        return None


# ----------------------------------------------------------------------------- the layout


def layout_timeline(
    visible: VisibleEvents,
    slots: Sequence[LaneSlot],
    t0: float,
    t1: float,
    width: float,
    titles: Callable[[list[int]], dict[int, str]],
    metrics: TextMetrics,
    selected: int | None = None,
    packing: Packing | None = None,
) -> TimelineLayout:
    """Everything drawn for the lanes in `slots` over [t0, t1) across `width` pixels."""
    result = TimelineLayout([], [], t0, t1, width)
    if t1 <= t0 or width <= 0:
        return result
    packing = packing or Packing()
    scale = width / (t1 - t0)
    selected_position = visible.position_of(selected) if selected is not None else None
    for slot in slots:
        if slot.row >= len(visible.lanes):
            break
        lane = visible.lanes[slot.row]
        band = Box(0.0, slot.top, width, slot.height)
        laid = LaneLayout(slot.row, band, lane.company.id, lane.company.name)
        fits = int((band.h - 2 * LANE_PAD_PX) // ROW_PITCH_PX)
        max_rows = max(2, min(MAX_SUBROWS, fits))
        positions, marks, piles = packing.of(visible, lane, t0, t1, width, max_rows)
        if positions is None:
            buckets = max(1, int(width / BUCKET_PX))
            edges = np.linspace(t0, t1, buckets + 1)
            laid.strip = Strip(band, edges, visible.bucket_counts(lane, edges))
        elif marks or piles:
            _place_markers(visible, laid, marks, piles, titles, metrics, selected, result)
        if selected_position is not None and selected not in {m.event_id for m in laid.markers}:
            laid.selected = _hidden_selected(visible, lane, laid, selected_position, scale, t0)
            if laid.selected is not None:
                result.hits.append(
                    Hit("event", laid.selected.box, laid.selected.event_id, lane=lane.company.name)
                )
        result.lanes.append(laid)
    return result


def _badge_box(pile: Pile, band: Box, metrics: TextMetrics) -> Box:
    width = max(metrics.width(f"{pile.count:,}", True) + 10, 20)
    # In the middle of the part in view: a pile of long bars may reach far off screen.
    left, right = max(pile.x0, band.x), min(pile.x1, band.right)
    centre = min(max((left + right) / 2, band.x + width / 2 + 2), band.right - width / 2 - 2)
    height = min(BADGE_MAX_PX, band.h - 4)
    return Box(centre - width / 2, band.y + band.h / 2 - height / 2, width, height)


def _marker_box(mark: Marker, band: Box, selected: bool) -> Box:
    if mark.is_span:
        height = MARKER_PX - 1 + (2 if selected else 0)
        x, w = mark.x0, max(mark.x1 - mark.x0, MARKER_PX)
        # Zoomed in, a year's bar can be a hundred screens wide: only what shows is drawn.
        left, right = max(x, band.x - 8), min(x + w, band.right + 8)
        if right - left < w:
            x, w = left, max(right - left, 1.0)
        return Box(x, mark.y - height / 2, w, height)
    size = MARKER_PX + (SELECTED_GROWTH_PX if selected else 0)
    centre = (mark.x0 + mark.x1) / 2
    return Box(centre - size / 2, mark.y - size / 2, size, size)


def _place_markers(
    visible: VisibleEvents,
    laid: LaneLayout,
    marks: list[Marker],
    piles: list[Pile],
    titles: Callable[[list[int]], dict[int, str]],
    metrics: TextMetrics,
    selected: int | None,
    result: TimelineLayout,
) -> None:
    index, band, name = visible.index, laid.band, laid.name
    marks = list(marks)  # the packing's own list stays whole: it is cached
    rows_used = max((m.row for m in marks), default=0) + 1
    # Sub-rows keep together in the middle of a lane that has room to spare.
    row_h = min(band.h / rows_used, ROW_PITCH_PX + 5)
    first_row_top = band.y + band.h / 2 - row_h * rows_used / 2
    names = titles([m.event_id for m in marks]) if marks else {}
    badges = [Badge(_badge_box(p, band, metrics), p.count, p.t0, p.t1, p.members) for p in piles]
    # Labels: greedily, left to right per sub-row, only where they fit between the items
    # either side: after the marker, else before it (at the right edge, or when the next
    # marker is close), cut with "…" on the roomier side when neither takes it whole.
    edges: dict[int, list[tuple[float, float]]] = {}  # per sub-row: (x0, x1) of every item
    for mark in marks:
        edges.setdefault(mark.row, []).append((mark.x0, mark.x1))
    for badge in badges:  # a badge sits across every sub-row of the lane
        for row in range(rows_used):
            edges.setdefault(row, []).append((badge.box.x, badge.box.right))
    for items in edges.values():
        items.sort()
    label_end: dict[int, float] = {}
    labels: dict[int, Label] = {}
    for mark in marks:
        position = mark.position
        mark.category = int(index.category[position])
        mark.precision = int(index.precision[position])
        mark.approximate = bool(index.approximate[position])
        mark.y = first_row_top + row_h * (mark.row + 0.5)
        is_selected = mark.event_id == selected
        mark.box = _marker_box(mark, band, is_selected)
        title = names.get(mark.event_id, "")
        if title:
            text = ("~ " if mark.approximate else "") + title
            label = _label_for(mark, text, edges.get(mark.row, []), label_end, band, metrics,
                               is_selected)  # fmt: skip
            if label is not None:
                labels[mark.event_id] = label
                label_end[mark.row] = max(label_end.get(mark.row, -math.inf), label.box.right)
    _count_unlabelled(visible, marks, labels, badges, band, metrics)
    for mark in marks:
        laid.markers.append(mark)
        result.hits.append(Hit("event", mark.box.grown(2), mark.event_id, lane=name))
        if (label := labels.get(mark.event_id)) is not None:
            laid.labels.append(label)
            result.hits.append(Hit("event", label.box, mark.event_id, lane=name))
    for badge in badges:
        laid.badges.append(badge)
        result.hits.append(
            Hit("cluster", badge.box, count=badge.count, t0=badge.t0, t1=badge.t1, lane=name)
        )


def _label_for(
    mark: Marker, text: str, items: list[tuple[float, float]], label_end: dict[int, float],
    band: Box, metrics: TextMetrics, bold: bool,
) -> Label | None:  # fmt: skip
    """Where the title of `mark` goes on its sub-row (items: every marker and badge there,
    by x), or None when it fits nowhere."""
    later = [x0 for x0, _x1 in items if x0 > mark.x0 + 0.5]
    earlier = [x1 for x0, x1 in items if x0 < mark.x0 - 0.5]
    limit = min((min(later) - LABEL_GAP_PX) if later else band.right - 2, band.right - 2)
    placed = label_end.get(mark.row, -math.inf) + LABEL_GAP_PX
    after = max(mark.x1 + LABEL_GAP_PX, placed)
    wanted = metrics.width(text, bold)
    # (x, room, inside) of each place, in order of preference
    places = [(after, limit - after, False)]
    if mark.is_span:  # over a long bar when the title fits there, or fits better
        bar_left, bar_right = max(mark.x0, band.x), min(mark.x1, band.right)
        start = max(bar_left + 6, placed)
        places.insert(0, (start, min(bar_right - 10, limit) - start, True))
    left = max([band.x + 2, placed, *(x1 + LABEL_GAP_PX for x1 in earlier)])
    room = mark.box.x - LABEL_GAP_PX - left
    places.append((mark.box.x - LABEL_GAP_PX - min(wanted, room), room, False))
    whole = next((place for place in places if place[1] >= wanted), None)
    if whole is not None:
        x, room, inside = whole
        shown = text  # short titles ("IPO") fit whole in little room
    else:
        x, room, inside = max(places, key=lambda place: place[1])
        if room < MIN_ELIDED_LABEL_PX:
            return None
        shown = metrics.elide(text, room, bold)
        if not inside and x < mark.box.x:  # before the marker: end next to it
            x = mark.box.x - LABEL_GAP_PX - metrics.width(shown, bold)
    width = metrics.width(shown, bold)
    box = Box(x, mark.y - metrics.height / 2, width + 2, metrics.height)
    return Label(mark.event_id, shown, box, inside, bold)


def _count_unlabelled(
    visible: VisibleEvents, marks: list[Marker], labels: dict[int, Label], badges: list[Badge],
    band: Box, metrics: TextMetrics,
) -> None:  # fmt: skip
    """A marker whose title fits nowhere is counted with its neighbour on the sub-row in a
    badge (double-click zooms in until they part), never left silently unnamed: the two
    markers and their labels give way to it. Changes `marks`, `labels` and `badges`."""
    lost = [m for m in marks if m.event_id not in labels]
    if not lost:
        return
    by_row: dict[int, list[Marker]] = {}
    for mark in marks:
        by_row.setdefault(mark.row, []).append(mark)
    gone: set[int] = set()
    for mark in lost:
        if mark.event_id in gone:
            continue
        row = sorted(by_row[mark.row], key=lambda m: m.x0)
        at = row.index(mark)
        nearby = [m for m in (row[at - 1] if at else None, row[at + 1] if at + 1 < len(row)
                              else None) if m is not None and m.event_id not in gone]  # fmt: skip
        if not nearby:
            continue  # alone on a sub-row too narrow for any title: its tooltip names it
        other = min(nearby, key=lambda m: (m.event_id in labels, abs(m.x0 - mark.x0)))
        pair = sorted((mark, other), key=lambda m: m.x0)
        left, right = pair[0].box.x, pair[1].box.right
        text_w = max(metrics.width("2", True) + 10, 20)
        centre = (left + right) / 2
        height = min(BADGE_MAX_PX, ROW_PITCH_PX)
        box = Box(centre - text_w / 2, mark.y - height / 2, text_w, height)
        starts = [float(visible.index.start[m.position]) for m in pair]
        ends = [float(visible.index.end[m.position]) for m in pair]
        badges.append(Badge(box, 2, min(starts), max(ends), [m.position for m in pair]))
        for m in pair:
            gone.add(m.event_id)
            labels.pop(m.event_id, None)
    marks[:] = [m for m in marks if m.event_id not in gone]


def _hidden_selected(
    visible: VisibleEvents, lane: Lane, laid: LaneLayout, position: int, scale: float, t0: float
) -> Marker | None:
    """The selected event stays visible even inside a density strip or a badge."""
    index = visible.index
    lane_slice = index.lane_slice(lane.index_lane)
    if not lane_slice.start <= position < lane_slice.stop:
        return None
    start = float(index.start[position])
    t1 = t0 + laid.band.w / scale
    if not t0 - DAY <= start <= t1:
        return None
    centre = (start - t0 + DAY / 2) * scale
    mark = Marker(
        int(index.event_id[position]),
        position,
        centre - MARKER_PX / 2,
        centre + MARKER_PX / 2,
        0,
        False,
        int(index.category[position]),
        int(index.precision[position]),
        bool(index.approximate[position]),
        laid.band.y + laid.band.h / 2,
    )
    mark.box = _marker_box(mark, laid.band, True)
    return mark
