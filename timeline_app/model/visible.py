"""Which events the current filter shows, lane by lane, as arrays over the LaneIndex.

Everything the window draws or lists asks this object: the visible lanes and their order,
the filtered count per lane and per time bucket, the events under the cursor, and the
previous/next event in time. Company toggles only change the lane list; categories, text
and dates change one boolean mask, whose running sum answers any count with two lookups.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from timeline_app.model.filters import FilterState
from timeline_app.model.lane_changes import Moves, carry_time_order
from timeline_app.model.lane_shift import (
    Shift,
    carry_positions,
    slide,
    time_rank_after,
    time_rank_before,
)
from timeline_app.model.lanes import LaneIndex, positions
from timeline_app.model.types import Company

LANE_ORDERS = ("name", "count", "first")
_MASK_VERSIONS = itertools.count(1)
_VERSIONS = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Lane:
    company: Company
    index_lane: int  # position of the company in LaneIndex.company_ids


class VisibleEvents:
    def __init__(self, index: LaneIndex, companies: Sequence[Company]) -> None:
        self.index = index
        by_id = {company.id: company for company in companies}
        self.all_lanes = [
            Lane(by_id[int(cid)], pos)
            for pos, cid in enumerate(index.company_ids)
            if int(cid) in by_id
        ]
        self._time_order: np.ndarray | None = None
        self._rank_of: tuple[np.ndarray, np.ndarray] | None = None  # (time order, its inverse)
        self._lane_by_time: np.ndarray | None = None  # lane of each event, in time order
        self._ids_by_time: np.ndarray | None = None
        self._mask_by_time: np.ndarray | None = None
        self._mask_by_time_version = -1
        self.state = FilterState()
        # Unique to every apply() of every view: caches of what is shown key on it alone.
        self.version = 0
        self.order = "name"
        self.mask: np.ndarray | None = None  # None: every event passes the non-company filters
        self.mask_version = 0  # unique per rebuilt mask (across instances), for caches on it
        self._cum: np.ndarray = np.zeros(1, dtype=np.int64)  # built by apply() below
        self._built = False
        self.lanes: list[Lane] = []
        self._lane_visible = np.zeros(len(index.company_ids), dtype=bool)
        self.apply(FilterState())

    # ----- filtering
    def apply(
        self, state: FilterState, text_ids: np.ndarray | None = None, order: str | None = None
    ) -> None:
        """Recompute what changed: the mask only when categories, dates or text change."""
        mask_changed = (
            state.categories != self.state.categories
            or state.time_range != self.state.time_range
            or state.text != self.state.text
            or (text_ids is not None and bool(state.text.strip()))
            or not self._built
        )
        self.state = state
        self.version = next(_VERSIONS)
        if order is not None:
            if order not in LANE_ORDERS:
                raise ValueError(f"lane order must be one of {LANE_ORDERS}")
            self.order = order
        if mask_changed:
            self._build_mask(state, text_ids)
        self._build_lanes()

    def _build_mask(self, state: FilterState, text_ids: np.ndarray | None) -> None:
        index = self.index
        mask: np.ndarray | None = None
        if state.categories is not None:
            mask = np.isin(index.category, np.fromiter(state.categories, dtype=np.int64))
        t0, t1 = state.time_range
        if t0 is not None:
            mask = (index.end > t0) if mask is None else mask & (index.end > t0)
        if t1 is not None:
            mask = (index.start < t1) if mask is None else mask & (index.start < t1)
        if state.text.strip():
            ids = text_ids if text_ids is not None else np.zeros(0, dtype=np.int64)
            hit = self._positions_mask(ids)
            mask = hit if mask is None else mask & hit
        self.mask = mask
        self._built = True
        self.mask_version = next(_MASK_VERSIONS)
        if mask is None:
            self._cum = np.arange(index.size + 1, dtype=np.int64)
        else:
            self._cum = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))

    def _positions_mask(self, ids: np.ndarray) -> np.ndarray:
        """True at the index position of each of these event ids (unknown ids ignored): a
        binary search per id into the sorted ids, not a sort of every id with them."""
        index = self.index
        sorted_ids = index.sorted_ids
        hit = np.zeros(index.size, dtype=bool)
        if not ids.size or not sorted_ids.size:
            return hit
        at = np.minimum(np.searchsorted(sorted_ids, ids), sorted_ids.size - 1)
        found = sorted_ids[at] == ids
        hit[index.id_order[at[found]]] = True
        return hit

    def _count(self, lo: int | np.ndarray, hi: int | np.ndarray) -> int | np.ndarray:
        return self._cum[hi] - self._cum[lo]

    def lane_total(self, lane: Lane) -> int:
        """Events of this lane that pass the category/date/text filters."""
        part = self.index.lane_slice(lane.index_lane)
        return int(self._count(part.start, part.stop))

    def _build_lanes(self) -> None:
        chosen = self.state.companies
        lanes = [lane for lane in self.all_lanes if chosen is None or lane.company.id in chosen]
        if self.mask is not None:  # searching or narrowing: lanes with nothing left give way
            lanes = [lane for lane in lanes if self.lane_total(lane)]
        if self.order == "name":
            lanes.sort(key=lambda lane: lane.company.name.casefold())
        elif self.order == "count":
            lanes.sort(key=lambda lane: (-self.lane_total(lane), lane.company.name.casefold()))
        else:
            lanes.sort(key=lambda lane: (self._first_start(lane), lane.company.name.casefold()))
        self.lanes = lanes
        self._lane_visible[:] = False
        for lane in lanes:
            self._lane_visible[lane.index_lane] = True
        # Filtered events per lane in one vector step: the status bar asks often.
        offsets = self.index.offsets
        per_lane = self._cum[offsets[1:]] - self._cum[offsets[:-1]]
        self._shown = int(per_lane[self._lane_visible].sum())

    def _first_start(self, lane: Lane) -> float:
        part = self.index.lane_slice(lane.index_lane)
        if self.mask is None:
            return float(self.index.start[part.start]) if part.stop > part.start else np.inf
        hits = np.flatnonzero(self.mask[part])
        return float(self.index.start[part.start + hits[0]]) if hits.size else np.inf

    # ----- counts
    @property
    def total(self) -> int:
        return self.index.size

    @property
    def shown(self) -> int:
        return self._shown

    def bucket_counts(self, lane: Lane, edges: np.ndarray) -> np.ndarray:
        """Filtered events of the lane starting in each [edges[i], edges[i+1]); binary
        searches only, so the cost follows the number of buckets, not of events."""
        part = self.index.lane_slice(lane.index_lane)
        cuts = np.searchsorted(self.index.start[part], edges) + part.start
        return np.diff(self._cum[cuts])

    def visible_positions(self, lane: Lane, t0: float, t1: float, limit: int) -> np.ndarray | None:
        """Index positions of filtered lane events overlapping [t0, t1), or None when there
        are more than `limit` (the caller then draws counts instead of markers)."""
        near, early = self.index.visible(lane.index_lane, t0, t1)
        if int(self._count(near.start, near.stop)) + early.size > limit * 4 + 64:
            return None
        positions = np.arange(near.start, near.stop)
        if self.mask is not None:
            positions = positions[self.mask[near]]
            early = early[self.mask[early]]
        positions = positions[self.index.end[positions] > t0]
        if early.size:
            positions = np.concatenate((early, positions))
        return None if positions.size > limit else positions

    def category_counts(self) -> dict[int, int]:
        """Shown events per category id. Under a company filter alone, a sum of the shown
        lanes' counts; other filters count the events they let through."""
        index = self.index
        if self.mask is None:
            counts = self._lane_visible.astype(np.int64) @ index.lane_category_counts
        else:
            # The positions the mask lets through first (a search leaves a few percent of a
            # million), then only those in shown lanes: no pass over every position's lane.
            shown = np.flatnonzero(self.mask)
            if not self._lane_visible.all():
                shown = shown[self._lane_visible[index.lane_of_position[shown]]]
            counts = np.bincount(index.category_rank[shown], minlength=index.category_ids.size)
        return {int(index.category_ids[k]): int(counts[k]) for k in np.flatnonzero(counts)}

    # ----- ids, order and navigation
    def adopt_time_order(self, before: VisibleEvents, moves: Moves) -> None:
        """Take the time order of the view before an edit, moved as the edit moved the
        events, instead of sorting every event again; with it, for an edit of a few
        events, the ids and lanes kept in that order (each a million-long gather)."""
        if before._time_order is None:
            return
        index = self.index
        self._time_order, splice = carry_time_order(before._time_order, before.index, index, moves)
        if splice is None:
            return
        if before._ids_by_time is not None:
            self._ids_by_time = splice.carry(before._ids_by_time, index.event_id[splice.added])
        same_lanes = np.array_equal(before.index.company_ids, index.company_ids)
        if before._lane_by_time is not None and same_lanes:
            lanes = np.searchsorted(index.offsets, splice.added, side="right") - 1
            self._lane_by_time = splice.carry(before._lane_by_time, lanes.astype(np.int32))

    def follow_shift(self, shift: Shift, companies: Sequence[Company]) -> None:
        """The index moved one event in place (lane_shift.py): carry the time order and
        what is kept in it the same way, in place too. A filter's mask is made again by the
        next apply(); with none, every count stays (no event came or went)."""
        index = self.index
        by_id = {company.id: company for company in companies}
        self.all_lanes = [
            Lane(by_id[int(cid)], pos)
            for pos, cid in enumerate(index.company_ids.tolist())
            if int(cid) in by_id
        ]
        if self.mask is not None:
            self._built = False  # made again from the moved arrays by apply()
        self._mask_by_time, self._mask_by_time_version = None, -1
        order = self._time_order
        if order is None:
            return
        rank = self._rank_of[1] if self._rank_of is not None and self._rank_of[0] is order else None
        before = int(rank[shift.old]) if rank is not None else time_rank_before(order, index, shift)
        carry_positions(order, rank, shift, before)
        after = time_rank_after(order, index, shift, before)
        slide(order, before, after, shift.new)
        if self._ids_by_time is not None:
            slide(self._ids_by_time, before, after, shift.event_id)
        if self._lane_by_time is not None:
            slide(self._lane_by_time, before, after, shift.new_lane)
        if rank is not None:
            slide(rank, shift.old, shift.new, after)
            lo, hi = min(before, after), max(before, after)
            rank[order[lo : hi + 1]] = np.arange(lo, hi + 1, dtype=rank.dtype)

    def time_order(self) -> np.ndarray:
        """Every index position, by start time (then id); computed once per file."""
        if self._time_order is None:
            self._time_order = positions(np.lexsort((self.index.event_id, self.index.start)))
        return self._time_order

    def _shown_in_time_order(self) -> np.ndarray:
        """One bool per event in time order: does the filter show it? Built from per-lane
        flags through a small lookup, so a company toggle costs no million-long gathers."""
        if self._lane_by_time is None:
            lane_of = np.repeat(
                np.arange(self.index.company_ids.size, dtype=np.int32),
                np.diff(self.index.offsets),
            )
            self._lane_by_time = lane_of[self.time_order()]
        keep = self._lane_visible[self._lane_by_time]
        if self.mask is not None:
            if self._mask_by_time_version != self.mask_version:
                self._mask_by_time = self.mask[self.time_order()]
                self._mask_by_time_version = self.mask_version
            keep &= self._mask_by_time
        return keep

    def shown_by_position(self) -> np.ndarray:
        """One bool per index position: does the filter show that event?"""
        keep = self._lane_visible[self.index.lane_of_position]
        return keep if self.mask is None else keep & self.mask

    def _shows_everything(self) -> bool:
        return self.mask is None and bool(self._lane_visible.all())

    def shown_positions_by_time(self) -> np.ndarray:
        """(Read only: it may be the view's own array.)"""
        if self._shows_everything():
            return self.time_order()
        return self.time_order()[self._shown_in_time_order()]

    def shown_ids_by_time(self) -> np.ndarray:
        """(Read only: it may be the view's own array.)"""
        if self._ids_by_time is None:
            self._ids_by_time = self.index.event_id[self.time_order()]
        if self._shows_everything():
            return self._ids_by_time
        return self._ids_by_time[self._shown_in_time_order()]

    def position_of(self, event_id: int) -> int | None:
        order = self.index.id_order
        sorted_ids = self.index.sorted_ids
        at = int(np.searchsorted(sorted_ids, event_id))
        if at < sorted_ids.size and sorted_ids[at] == event_id:
            return int(order[at])
        return None

    def place_in_time(self, event_id: int) -> int | None:
        """The event's place among the shown events in time order, when it is cheap to
        know: with nothing filtered out it is its place in the time order (else None)."""
        if not self._shows_everything():
            return None
        position = self.position_of(event_id)
        return None if position is None else int(self._time_rank()[position])

    def is_shown(self, event_id: int) -> bool:
        position = self.position_of(event_id)
        if position is None:
            return False
        lane = int(np.searchsorted(self.index.offsets, position, side="right")) - 1
        if not self._lane_visible[lane]:
            return False
        return self.mask is None or bool(self.mask[position])

    def neighbour(self, event_id: int | None, step: int) -> int | None:
        """The shown event just before (step=-1) or after (step=+1) this one in time (the
        first or last with none). Walks the time order from the event's place in growing
        chunks, so a step costs the events passed over, not a pass over every event."""
        order = self.time_order()
        if event_id is None:
            at = -1 if step > 0 else order.size
        else:
            position = self.position_of(event_id)
            if position is None:
                return None
            at = int(self._time_rank()[position])
        chunk = 64
        while True:
            lo, hi = (
                (at + 1, min(order.size, at + 1 + chunk)) if step > 0 else (max(0, at - chunk), at)
            )
            if lo >= hi:
                return None
            part = order[lo:hi]
            hits = np.flatnonzero(self._shown_at(part))
            if hits.size:
                return int(self.index.event_id[part[hits[0] if step > 0 else hits[-1]]])
            at = hi - 1 if step > 0 else lo
            chunk *= 4

    def _time_rank(self) -> np.ndarray:
        """Each index position's place in the time order (the inverse of time_order)."""
        order = self.time_order()
        if self._rank_of is None or self._rank_of[0] is not order:
            rank = np.empty(order.size, dtype=order.dtype)
            rank[order] = np.arange(order.size, dtype=order.dtype)
            self._rank_of = (order, rank)
        return self._rank_of[1]

    def _shown_at(self, where: np.ndarray) -> np.ndarray:
        """Does the filter show the events at these index positions?"""
        lanes = np.searchsorted(self.index.offsets, where, side="right") - 1
        keep = self._lane_visible[lanes]
        return keep if self.mask is None else keep & self.mask[where]

    def lane_for_company(self, company_id: int) -> int | None:
        for row, lane in enumerate(self.lanes):
            if lane.company.id == company_id:
                return row
        return None
