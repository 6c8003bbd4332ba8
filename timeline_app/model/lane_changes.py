"""The lane arrays after an edit, made from the arrays before it and the edited rows only.

An edit touches a handful of events; reading a million rows again, or sorting them again,
would make every save cost a second. Instead the touched events' old entries are cut out and
their current rows (read by id) are put in at their place in the (company, start, id) order,
found by binary search, each array rebuilt in one pass of block copies. What the window
derived from the old order (the events by id, the events by time) is carried over the same
way. The result equals building the arrays from all the rows (tests compare both after
random edits); a change of thousands of rows at once (a merge of big lanes) sorts instead,
and one that moves a single event (a new date, another lane) is carried through the arrays
in place (lane_shift.py).
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from timeline_app.model import lane_shift, lanes
from timeline_app.model.lanes import LaneIndex, Shift

# Above this many added rows, one sort of everything is cheaper than a search per row.
_SEARCH_LIMIT = 2_000
# Up to this many moved events, orders are carried by bisecting and comparing, not by
# reading every event's key.
_FEW = 64


@dataclass(frozen=True, slots=True)
class Moves:
    """How old positions map to new ones: `removed` (old positions, sorted) are gone, and
    the rows read were put before old positions `points` (sorted); `added` are their new
    positions. Or, after a full sort, `table` maps every old position (-1: removed). Or
    the arrays are the same ones, one event moved in them: `shift` says how."""

    removed: np.ndarray
    points: np.ndarray
    added: np.ndarray
    table: np.ndarray | None = None
    shift: Shift | None = None  # one event moved within the same arrays (lane_shift.py)

    def kept(self, old: np.ndarray) -> np.ndarray:
        """Old positions `old` (any order) without the removed ones, as new positions."""
        if self.table is not None:
            new = self.table[old]
            return new[new >= 0]
        if self.removed.size:
            at = np.searchsorted(self.removed, old)
            gone = self.removed[np.minimum(at, self.removed.size - 1)] == old
            old, at = old[~gone], at[~gone]
        else:
            at = np.zeros(old.size, dtype=np.int64)
        return old - at + np.searchsorted(self.points, old, side="right")

    def shifted(self, old: np.ndarray) -> np.ndarray:
        """Old positions known not to be removed, as new positions. For an edit of a few
        events, a comparison per moved event: a million binary searches cost more."""
        if self.table is not None:
            return self.table[old]
        if self.removed.size + self.points.size > _FEW:
            before = np.searchsorted(self.points, old, side="right")
            return old - np.searchsorted(self.removed, old) + before
        new = old.copy()
        for removed in self.removed.tolist():
            new -= old > removed
        for point in self.points.tolist():
            new += old >= point
        return new


def _rows(conn: sqlite3.Connection, ids: list[int]) -> np.ndarray:
    """The touched events still in the file, as rows of FIELDS."""
    found = []
    for at in range(0, len(ids), 500):  # SQLite's variable limit
        chunk = ids[at : at + 500]
        marks = ", ".join("?" * len(chunk))
        found += conn.execute(
            f"SELECT company_id, start_ts, end_ts, category_id, {lanes.PRECISION_SQL}, "
            f"approximate, id FROM events WHERE id IN ({marks})",
            chunk,
        ).fetchall()
    if not found:
        return np.zeros((0, len(lanes.FIELDS)), dtype=np.int64)
    return np.array(found, dtype=np.int64)


def _positions_of(index: LaneIndex, ids: np.ndarray) -> np.ndarray:
    if not index.size:
        return np.zeros(0, dtype=np.int64)
    at = np.clip(np.searchsorted(index.sorted_ids, ids), 0, index.size - 1)
    hit = index.sorted_ids[at] == ids
    return np.sort(index.id_order[at[hit]])


def _insertion_points(keys: tuple[np.ndarray, ...], new: tuple[np.ndarray, ...]) -> np.ndarray:
    """Where each new row goes in arrays sorted by `keys` (lexicographic, first key
    first), as positions before which it is put."""
    points = np.empty(new[0].size, dtype=np.int64)
    for row in range(new[0].size):
        lo, hi = 0, keys[0].size
        for key, values in zip(keys, new, strict=True):
            value = values[row]
            part = key[lo:hi]
            first = int(np.searchsorted(part, value, "left"))
            last = int(np.searchsorted(part, value, "right"))
            lo, hi = lo + first, lo + last
        points[row] = lo
    return points


def _lane_points(index: LaneIndex, rows: np.ndarray) -> np.ndarray:
    """Insertion points of rows (sorted by company, start, id) in the old arrays, searching
    only the row's own lane."""
    points = np.empty(rows.shape[0], dtype=np.int64)
    companies, offsets = index.company_ids, index.offsets
    for row, (company, start, event_id) in enumerate(rows[:, [0, 1, 6]].tolist()):
        lane = int(np.searchsorted(companies, company))
        lo = int(offsets[lane]) if lane < companies.size else index.size
        hi = int(offsets[lane + 1]) if lane < companies.size and companies[lane] == company else lo
        starts = index.start[lo:hi]
        first = lo + int(np.searchsorted(starts, start, "left"))
        last = lo + int(np.searchsorted(starts, start, "right"))
        points[row] = first + int(np.searchsorted(index.event_id[first:last], event_id))
    return points


def splice(
    old: np.ndarray, removed: np.ndarray, points: np.ndarray, values: np.ndarray
) -> np.ndarray:
    """`old` without positions `removed`, with values[i] put before old position points[i]
    (both sorted): one new array, filled by block copies."""
    out = np.empty(old.size - removed.size + points.size, dtype=old.dtype)
    cuts = sorted([(int(p), 0, i) for i, p in enumerate(points.tolist())]
                  + [(int(r), 1, -1) for r in removed.tolist()])  # fmt: skip
    read = write = 0
    for at, is_removal, which in cuts:
        size = at - read
        out[write : write + size] = old[read:at]
        write, read = write + size, at
        if is_removal:
            read += 1
        else:
            out[write] = values[which]
            write += 1
    out[write:] = old[read:]
    return out


def _already_held(
    index: LaneIndex, removed: np.ndarray, companies: np.ndarray, rows: np.ndarray
) -> bool:
    """Whether the arrays already say what the touched rows say: the same lanes, and the
    same events with the same lane, dates, category and precision (both in lane order)."""
    if removed.size != rows.shape[0] or not np.array_equal(companies, index.company_ids):
        return False
    lane = np.searchsorted(index.offsets, removed, side="right") - 1
    held = np.column_stack(
        (
            index.company_ids[lane], index.start[removed], index.end[removed],
            index.category[removed], index.precision[removed].astype(np.int64),
            index.approximate[removed].astype(np.int64), index.event_id[removed],
        )
    )  # fmt: skip
    return bool(np.array_equal(held, rows))


def apply_edit(
    index: LaneIndex, conn: sqlite3.Connection, event_ids: Iterable[int]
) -> tuple[LaneIndex, Moves]:
    """The arrays once the events `event_ids` (added, changed or deleted) are as the file
    now holds them; companies are read again (a lane may have come or gone). An edit that
    moves one event changes `index` itself (Moves.shift); others leave it as it was."""
    touched = np.unique(np.fromiter(event_ids, dtype=np.int64))
    rows = _rows(conn, touched.tolist())
    rows = rows[np.lexsort((rows[:, 6], rows[:, 1], rows[:, 0]))]
    companies = lanes.company_ids(conn)
    removed = _positions_of(index, touched)
    nothing = np.zeros(0, dtype=np.int64)
    if _already_held(index, removed, companies, rows):  # a title, a summary, a quote
        return index, Moves(nothing, nothing, nothing)
    if (
        removed.size == rows.shape[0] == 1
        and index.event_id[removed[0]] == rows[0, 6]
        and np.array_equal(companies, index.company_ids)
    ):  # one event moved (not one deleted and another added): in place
        point = int(_lane_points(index, rows)[0])
        shift = lane_shift.move_event(index, int(removed[0]), point, rows[0])
        return index, Moves(nothing, nothing, nothing, shift=shift)
    # Events per new lane: the old count, less what was removed, plus what is added.
    old_ids = index.company_ids
    old_lane = np.searchsorted(old_ids, companies)
    safe = np.minimum(old_lane, max(old_ids.size - 1, 0))
    known = (old_lane < old_ids.size) & (old_ids[safe] == companies) if old_ids.size else (
        np.zeros(companies.size, dtype=bool))  # fmt: skip
    lane_of_removed = np.searchsorted(index.offsets, removed, side="right") - 1
    left = np.diff(index.offsets) - np.bincount(lane_of_removed, minlength=old_ids.size)
    counts = np.where(known, left[safe] if left.size else 0, 0) + np.bincount(
        np.searchsorted(companies, rows[:, 0]), minlength=companies.size
    )
    gone = ~np.isin(old_ids, companies)
    if rows.shape[0] > _SEARCH_LIMIT or left[gone].any():
        return _rebuilt(index, removed, companies, rows)  # many rows; or (never) a lost lane
    points = _lane_points(index, rows)
    columns = {
        "start": (index.start, rows[:, 1]),
        "end": (index.end, rows[:, 2]),
        "category": (index.category, rows[:, 3]),
        "precision": (index.precision, rows[:, 4].astype(np.int8)),
        "approximate": (index.approximate, rows[:, 5].astype(bool)),
        "event_id": (index.event_id, rows[:, 6]),
    }
    new_arrays = {
        name: splice(old, removed, points, values) for name, (old, values) in columns.items()
    }
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    added = points - np.searchsorted(removed, points) + np.arange(points.size)
    new = LaneIndex(
        company_ids=companies,
        offsets=offsets,
        max_duration=_max_durations(
            index, companies, offsets, new_arrays, known, old_lane, lane_of_removed, rows
        ),  # fmt: skip
        start=new_arrays["start"],
        end=new_arrays["end"],
        category=new_arrays["category"],
        precision=new_arrays["precision"],
        approximate=new_arrays["approximate"],
        event_id=new_arrays["event_id"],
    )
    moves = Moves(removed, points, added)
    _carry_id_order(index, new, moves)
    return new, moves


def _max_durations(
    index: LaneIndex,
    companies: np.ndarray,
    offsets: np.ndarray,
    arrays: dict[str, np.ndarray],
    known: np.ndarray,
    old_lane: np.ndarray,
    lane_of_removed: np.ndarray,
    rows: np.ndarray,
) -> np.ndarray:
    """The longest event of each lane: the old value where the lane kept its events, and
    measured again over the lanes the edit touched."""
    result = np.zeros(companies.size, dtype=np.int64)
    if index.max_duration.size:
        result[known] = index.max_duration[old_lane[known]]
    touched_companies = set(index.company_ids[np.unique(lane_of_removed)].tolist())
    touched_companies |= set(rows[:, 0].tolist())
    for company in touched_companies:
        lane = int(np.searchsorted(companies, company))
        if lane < companies.size and companies[lane] == company:
            lo, hi = int(offsets[lane]), int(offsets[lane + 1])
            spans = arrays["end"][lo:hi] - arrays["start"][lo:hi]
            result[lane] = int(spans.max()) if spans.size else 0
    return result


def _rebuilt(
    index: LaneIndex, removed: np.ndarray, companies: np.ndarray, rows: np.ndarray
) -> tuple[LaneIndex, Moves]:
    """Many rows at once: one sort of the whole."""
    keep = np.ones(index.size, dtype=bool)
    keep[removed] = False
    old = np.column_stack(
        [
            np.repeat(index.company_ids, np.diff(index.offsets))[keep],
            index.start[keep],
            index.end[keep],
            index.category[keep],
            index.precision[keep].astype(np.int64),
            index.approximate[keep].astype(np.int64),
            index.event_id[keep],
        ]
    )
    data = np.concatenate([old, rows])
    order = np.lexsort((data[:, 6], data[:, 1], data[:, 0]))
    new = lanes.index_of_sorted(companies, data[order])
    where = np.empty(order.size, dtype=np.int64)
    where[order] = np.arange(order.size)
    table = np.full(index.size, -1, dtype=np.int64)
    table[keep] = where[: old.shape[0]]
    empty = np.zeros(0, dtype=np.int64)
    return new, Moves(removed, empty, np.sort(where[old.shape[0] :]), table)


def _carry_id_order(old: LaneIndex, new: LaneIndex, moves: Moves) -> None:
    """The by-id lookup of the new arrays from the old one, without sorting a million ids."""
    if "id_order" not in old.__dict__ or moves.table is not None:
        return  # never asked for, or everything moved: it is made when first needed
    added_ids = new.event_id[moves.added]
    order = np.argsort(added_ids)
    if moves.removed.size + moves.added.size <= _FEW:  # the ids that stay stay in order
        gone = np.searchsorted(old.sorted_ids, old.event_id[moves.removed])
        positions = moves.shifted(np.delete(old.id_order, gone))
        ids = np.delete(old.sorted_ids, gone)
    else:
        positions = moves.kept(old.id_order)
        ids = new.event_id[positions]
    at = np.searchsorted(ids, added_ids[order])
    new.__dict__["id_order"] = np.insert(positions, at, moves.added[order])
    new.__dict__["sorted_ids"] = np.insert(ids, at, added_ids[order])


@dataclass(frozen=True, slots=True)
class OrderSplice:
    """How a few events moved in the order by time: the entries at old places `gone` left,
    and the new positions `added` went in before places `points` of what was left. Anything
    kept in that order (ids, lanes) is carried the same way."""

    gone: list[int]
    points: list[int]
    added: np.ndarray

    def carry(self, old: np.ndarray, added_values: np.ndarray) -> np.ndarray:
        return np.insert(np.delete(old, self.gone), self.points, added_values)


def carry_time_order(
    old_order: np.ndarray, old: LaneIndex, new: LaneIndex, moves: Moves
) -> tuple[np.ndarray, OrderSplice | None]:
    """Every position by (start, id), from the old order: what the event table lists; and,
    when few events moved, how (else None)."""
    if moves.table is not None or moves.added.size > _SEARCH_LIMIT:
        return lanes.positions(np.lexsort((new.event_id, new.start))), None
    added = moves.added[np.lexsort((new.event_id[moves.added], new.start[moves.added]))]
    if moves.removed.size + moves.added.size > _FEW:
        kept = moves.kept(old_order)
        points = _insertion_points(
            (new.start[kept], new.event_id[kept]), (new.start[added], new.event_id[added])
        )
        return np.insert(kept, points, added), None
    gone = [_place(old_order, old, int(r)) for r in moves.removed.tolist()]
    kept = moves.shifted(np.delete(old_order, gone))
    splice = OrderSplice(gone, [_place(kept, new, int(a)) for a in added.tolist()], added)
    return np.insert(kept, splice.points, added), splice


def _place(order: np.ndarray, index: LaneIndex, position: int) -> int:
    """Where the event at `position` is (or goes) in `order`, positions by (start, id)."""
    start, event_id = index.start, index.event_id
    return bisect.bisect_left(
        range(order.size),
        (int(start[position]), int(event_id[position])),
        key=lambda at: (int(start[order[at]]), int(event_id[order[at]])),
    )
