"""An edit that moves one event (a new date, another lane), carried through the arrays in place.

Moving an event changes no array's length: the entries between its old and new place slide
over by one and it takes the freed slot. Doing that in the arrays themselves, rather than
into new ones as lane_changes does for other edits, spares the window holding the arrays
before and after the edit at once (about 80 MB at a million events, the peak of a session)
and costs what lies between the two places, not the whole file. Whatever is kept by
position (the by-id lookup, the long spans, the time order and what follows it) is carried
the same way, and LaneIndex.generation moves on so that caches of the arrays know.

A thread reading the arrays meanwhile (the window's background check) may see them half
moved: it must compare the generation before and after, and not trust what it computed
if the generation moved (the window starts the check again then).
"""

from __future__ import annotations

import bisect

import numpy as np

from timeline_app.model.lanes import SHORT_SPAN, LaneIndex, Shift

# Arrays the blob gives read-only (numpy views of its bytes): copied once, on the first move.
_OWN = ("offsets", "start", "end", "category", "precision", "approximate", "event_id")


def slide(array: np.ndarray, old: int, new: int, value: object) -> None:
    """The entry at `old` goes to `new` (its final place) as `value`; those between slide
    over by one (numpy copies overlapping slices as if through a buffer)."""
    if new > old:
        array[old:new] = array[old + 1 : new + 1]
    elif new < old:
        array[new + 1 : old + 1] = array[new:old]
    array[new] = value


def _own_arrays(index: LaneIndex) -> None:
    for name in _OWN:
        array = getattr(index, name)
        if not array.flags.writeable:
            object.__setattr__(index, name, array.copy())


def move_event(index: LaneIndex, old: int, point: int, row: np.ndarray) -> Shift:
    """Move the event at position `old` to where its row `row` (lanes.FIELDS, its company
    one of the arrays' lanes) goes: before old position `point`. In place."""
    company, start, end, category, precision, approximate, event_id = (int(v) for v in row)
    new = point - 1 if point > old else point
    counts = index.__dict__.get("category_counts")
    if counts is not None and int(index.category[old]) != category:
        before = int(index.category[old])
        counts[before] -= 1
        if not counts[before]:
            del counts[before]
        counts[category] = counts.get(category, 0) + 1
    shift = Shift(
        old=old,
        new=new,
        old_lane=int(np.searchsorted(index.offsets, old, side="right")) - 1,
        new_lane=int(np.searchsorted(index.company_ids, company)),
        old_start=int(index.start[old]),
        old_end=int(index.end[old]),
        event_id=event_id,
    )
    _carry_category_ranks(index, shift, int(index.category[old]), category)
    cache = index.__dict__
    if "id_order" in cache:
        _ = index.sorted_ids  # the same ids after the move: made now, while they agree
    _own_arrays(index)
    for array, value in (
        (index.start, start), (index.end, end), (index.category, category),
        (index.precision, precision), (index.approximate, bool(approximate)),
        (index.event_id, event_id),
    ):  # fmt: skip
        slide(array, old, new, value)
    a, b = shift.old_lane, shift.new_lane
    if b > a:
        index.offsets[a + 1 : b + 1] -= 1
    elif b < a:
        index.offsets[b + 1 : a + 1] += 1
    for lane in {a, b}:
        part = index.lane_slice(lane)
        spans = index.end[part] - index.start[part]
        index.max_duration[lane] = int(spans.max()) if spans.size else 0
    _carry_cached(index, shift, end - start)
    object.__setattr__(index, "generation", index.generation + 1)
    object.__setattr__(index, "last_move", shift)
    return shift


def _carry_category_ranks(index: LaneIndex, shift: Shift, before: int, after: int) -> None:
    """Each event's category rank and the (lane, category) counts, brought to the move (or
    let go, to be made again, when the event takes a category no event had)."""
    cache = index.__dict__
    ranks = cache.get("_category_ranks")
    if ranks is None:
        cache.pop("lane_category_counts", None)
        return
    ids, rank = ranks
    at = int(np.searchsorted(ids, after))
    if at >= ids.size or int(ids[at]) != after:
        cache.pop("_category_ranks", None)
        cache.pop("lane_category_counts", None)
        return
    was = int(np.searchsorted(ids, before))
    slide(rank, shift.old, shift.new, at)
    table = cache.get("lane_category_counts")
    if table is not None:
        table[shift.old_lane, was] -= 1
        table[shift.new_lane, at] += 1


def _carry_cached(index: LaneIndex, shift: Shift, duration: int) -> None:
    """What the index derived once from its arrays, brought to the moved arrays."""
    cache = index.__dict__
    lo, hi = shift.lo, shift.hi
    if "id_order" in cache:
        id_order = cache["id_order"]
        at = np.searchsorted(index.sorted_ids, index.event_id[lo : hi + 1])
        id_order[at] = np.arange(lo, hi + 1, dtype=id_order.dtype)
    if "lane_of_position" in cache and shift.old_lane != shift.new_lane:
        where = np.arange(lo, hi + 1)
        lanes = np.searchsorted(index.offsets, where, side="right") - 1
        cache["lane_of_position"][lo : hi + 1] = lanes
    if "_long_spans" in cache:
        spans, _cuts = cache["_long_spans"]
        spans = shift.moved(spans[spans != shift.old])
        if duration > SHORT_SPAN:
            spans = np.insert(spans, np.searchsorted(spans, shift.new), shift.new)
        cache["_long_spans"] = (spans, np.searchsorted(spans, index.offsets))
    bounds = cache.get("_bounds")
    if bounds is not None:
        if shift.old_start == bounds[0] or shift.old_end == bounds[1]:
            del cache["_bounds"]  # it may have been the first or the last: measured again
        else:
            start, end = int(index.start[shift.new]), int(index.end[shift.new])
            cache["_bounds"] = (min(bounds[0], start), max(bounds[1], end))


def time_rank_before(order: np.ndarray, index: LaneIndex, shift: Shift) -> int:
    """Where the moved event was in `order` (positions by start, then id, from before the
    move), found through the moved arrays."""
    start, ids = index.start, index.event_id

    def key(at: int) -> tuple[int, int]:
        position = int(order[at])
        if position == shift.old:
            return shift.old_start, shift.event_id
        moved = shift.moved_one(position)
        return int(start[moved]), int(ids[moved])

    return bisect.bisect_left(range(order.size), (shift.old_start, shift.event_id), key=key)


def time_rank_after(order: np.ndarray, index: LaneIndex, shift: Shift, before: int) -> int:
    """Where the moved event goes in `order` (its values already new positions), the
    entry at `before` (the event itself) left out."""
    start, ids = index.start, index.event_id

    def key(at: int) -> tuple[int, int]:
        position = int(order[at if at < before else at + 1])
        return int(start[position]), int(ids[position])

    wanted = (int(start[shift.new]), shift.event_id)
    return bisect.bisect_left(range(order.size - 1), wanted, key=key)


def carry_positions(order: np.ndarray, rank: np.ndarray | None, shift: Shift, at: int) -> None:
    """Old positions held in `order` become new ones, in place (the moved event's is at
    `at`): through `rank` (each old position's place in `order`) for just the positions
    that slid, else by one pass over the order."""
    lo, hi = shift.lo, shift.hi
    if rank is not None:
        old = np.arange(lo, hi + 1)
        order[rank[lo : hi + 1]] = shift.moved(old).astype(order.dtype)
        return
    if shift.new > shift.old:
        order[(order > shift.old) & (order <= shift.new)] -= 1
    elif shift.new < shift.old:
        order[(order >= shift.new) & (order < shift.old)] += 1
    order[at] = shift.new
