"""Which events of a lane get a marker, in which sub-row, and which pile up into a counted
badge: the one sequential step of the layout, done once per range, width and filter and
shared by the lane heights (how many sub-rows a lane needs) and the layout (where each goes).
Coordinates are pixels of the plot area, x from the start of the range in view.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from timeline_app.model.lanes import PRECISION_CODES
from timeline_app.model.visible import Lane, VisibleEvents
from timeline_app.ui.timeline.lane_heights import height_for_rows

DAY = 86_400
MARKER_PX = 12  # symbol size
GAP_PX = 3  # minimum free space between two markers of one sub-row
MAX_SUBROWS = 6


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def grown(self, by: float) -> Box:
        return Box(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)


@dataclass(slots=True)
class Marker:
    """One event drawn on its own: a symbol (day) or a bar (a period, or a span of days)."""

    event_id: int
    position: int  # in the LaneIndex
    x0: float
    x1: float
    row: int
    is_span: bool
    category: int = 0
    precision: int = 0
    approximate: bool = False
    y: float = 0.0  # centre of its sub-row
    box: Box = Box(0, 0, 0, 0)  # what is drawn (bars clipped to the lane, with a margin)

    @property
    def anchor(self) -> tuple[float, float]:
        """Where a person would point at it."""
        if self.is_span:
            return self.box.x + min(MARKER_PX, self.box.w) / 2, self.y
        return (self.x0 + self.x1) / 2, self.y


def marker_limit(width_px: float) -> int:
    """Above this many events in view, a lane is a density strip: they could not be told
    apart."""
    return max(8, int(width_px / (MARKER_PX + GAP_PX)) * MAX_SUBROWS // 2)


@dataclass(slots=True)
class Pile:
    x0: float
    x1: float
    t0: float
    t1: float
    count: int = 0
    members: list[int] = field(default_factory=list)
    alone: Marker | None = None  # the last event that started it, for a pile of one


def pack(
    visible: VisibleEvents, positions: np.ndarray, scale: float, t0: float, max_rows: int
) -> tuple[list[Marker], list[Pile]]:
    """Place markers in sub-rows; what does not fit in any sub-row joins a pile."""
    index = visible.index
    order = np.lexsort((index.event_id[positions], index.start[positions]))
    positions = positions[order]
    starts, ends = index.start[positions], index.end[positions]
    # Geometry for all at once; the packing below is sequential by nature.
    spans = (index.precision[positions] != PRECISION_CODES["day"]) | (ends - starts > DAY)
    centres = (starts - t0 + DAY / 2) * scale
    x0s = np.where(spans, (starts - t0) * scale, centres - MARKER_PX / 2)
    x1s = np.where(spans, np.maximum((ends - t0) * scale, x0s + MARKER_PX), centres + MARKER_PX / 2)
    ids = index.event_id[positions]
    row_end = [-math.inf] * max_rows
    marks: list[Marker] = []
    piles: list[Pile] = []
    for position, event_id, x0, x1, is_span, start, end in zip(
        positions.tolist(), ids.tolist(), x0s.tolist(), x1s.tolist(), spans.tolist(),
        starts.tolist(), ends.tolist(), strict=True,
    ):  # fmt: skip
        for row in range(max_rows):
            if row_end[row] + GAP_PX <= x0:
                row_end[row] = x1
                marks.append(Marker(event_id, position, x0, x1, row, is_span))
                break
        else:
            if piles and piles[-1].x1 + GAP_PX >= x0:
                pile = piles[-1]
            else:
                pile = Pile(x0, x1, float(start), float(end))
                piles.append(pile)
            pile.x1 = max(pile.x1, x1)
            pile.t1 = max(pile.t1, float(end))
            pile.count += 1
            pile.members.append(position)
            pile.alone = Marker(event_id, position, x0, x1, max_rows - 1, is_span)
    # A pile absorbs the markers it overlaps, so one badge tells the whole story.
    if piles:
        kept = []
        for mark in marks:
            short = not mark.is_span or mark.x1 - mark.x0 <= 3 * MARKER_PX
            owner = next((p for p in piles if short and mark.x0 <= p.x1 + GAP_PX
                          and mark.x1 >= p.x0 - GAP_PX), None)  # fmt: skip
            if owner is None:
                kept.append(mark)
            else:
                owner.count += 1
                owner.members.append(mark.position)
                owner.t0 = min(owner.t0, float(index.start[mark.position]))
        marks = kept
    # A "pile" of one is just an event drawn over the long bars it did not fit between.
    marks += [p.alone for p in piles if p.count == 1 and p.alone is not None]
    piles = [p for p in piles if p.count > 1]
    # Sub-rows emptied into a badge close up, so the lane is no taller than it shows.
    used = sorted({mark.row for mark in marks})
    if used != list(range(len(used))):
        renumber = {row: new for new, row in enumerate(used)}
        for mark in marks:
            mark.row = renumber[mark.row]
    return marks, piles


class Packing:
    """Each lane's markers and piles for one range, width and filter, packed once: the lane
    heights ask first, then the layout takes the same packing (unless a lane has less room
    than its markers need, and so fewer sub-rows)."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._lanes: dict[tuple[int, int], tuple[np.ndarray | None, list[Marker], list[Pile]]]
        self._lanes = {}

    def of(
        self, visible: VisibleEvents, lane: Lane, t0: float, t1: float, width: float,
        max_rows: int,
    ) -> tuple[np.ndarray | None, list[Marker], list[Pile]]:  # fmt: skip
        """(positions in view, or None for a density strip; markers; piles)."""
        key = (id(visible), visible.version, t0, t1, width)
        if key != self._key:
            self._key, self._lanes = key, {}
        found = self._lanes.get((lane.index_lane, max_rows))
        if found is None:
            positions = visible.visible_positions(lane, t0, t1, marker_limit(width))
            marks: list[Marker] = []
            piles: list[Pile] = []
            if positions is not None and positions.size:
                marks, piles = pack(visible, positions, width / (t1 - t0), t0, max_rows)
            found = self._lanes[(lane.index_lane, max_rows)] = (positions, marks, piles)
        return found


def rows_needed(
    visible: VisibleEvents,
    lane: Lane,
    t0: float,
    t1: float,
    width: float,
    packing: Packing | None = None,
) -> float:
    """The lane height that shows every sub-row of its markers at this zoom (the view asks
    before laying out, so lane names and bands agree)."""
    if t1 <= t0 or width <= 0:
        return height_for_rows(1)
    _positions, marks, _piles = (packing or Packing()).of(visible, lane, t0, t1, width, MAX_SUBROWS)
    return height_for_rows(max((mark.row for mark in marks), default=0) + 1)
