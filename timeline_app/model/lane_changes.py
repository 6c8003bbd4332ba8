"""The lane arrays after an edit, made from the arrays before it and the edited rows only.

An edit touches a handful of events; reading a million rows again, or sorting them again,
would make every keystroke's save cost a second. Instead the touched events' old entries
are cut out and their current rows (read by id) are put in at their place in the (company,
start, id) order, found by binary search. What the window derived from the old order (the
events by id, the events by time) is carried over the same way. The result is the same as
building the arrays from all the rows (tests compare both after random edits).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from timeline_app.model import lanes
from timeline_app.model.lanes import LaneIndex

# Above this many added rows, one sort of everything is cheaper than a search per row.
_SEARCH_LIMIT = 2_000


@dataclass(frozen=True, slots=True)
class Moves:
    """Where the old positions went: new_of_old[p] is the new position of old position p,
    or -1 when that event was removed; `added` are the new positions of the rows read."""

    new_of_old: np.ndarray
    added: np.ndarray


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
    at = np.searchsorted(index.sorted_ids, ids)
    at = np.clip(at, 0, max(index.size - 1, 0))
    if not index.size:
        return np.zeros(0, dtype=np.int64)
    hit = index.sorted_ids[at] == ids
    return np.sort(index.id_order[at[hit]])


def _insertion_points(keys: tuple[np.ndarray, ...], new: tuple[np.ndarray, ...]) -> np.ndarray:
    """Where each new row goes in arrays sorted by `keys` (lexicographic, first key
    first), as np.insert wants them: positions in the arrays before insertion."""
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


def apply_edit(
    index: LaneIndex, conn: sqlite3.Connection, event_ids: Iterable[int]
) -> tuple[LaneIndex, Moves]:
    """The arrays once the events `event_ids` (added, changed or deleted) are as the file
    now holds them; companies are read again (a lane may have come or gone)."""
    touched = np.unique(np.fromiter(event_ids, dtype=np.int64))
    rows = _rows(conn, touched.tolist())
    companies = lanes.company_ids(conn)
    removed = _positions_of(index, touched)
    keep = np.ones(index.size, dtype=bool)
    keep[removed] = False
    company_of = np.repeat(index.company_ids, np.diff(index.offsets))[keep]
    start, end = index.start[keep], index.end[keep]
    category, precision = index.category[keep], index.precision[keep]
    approximate, event_id = index.approximate[keep], index.event_id[keep]
    order = np.lexsort((rows[:, 6], rows[:, 1], rows[:, 0]))
    rows = rows[order]
    if rows.shape[0] > _SEARCH_LIMIT:
        return _rebuilt(index, conn, keep, companies, rows)
    points = _insertion_points((company_of, start, event_id), (rows[:, 0], rows[:, 1], rows[:, 6]))
    company_of = np.insert(company_of, points, rows[:, 0])
    start = np.insert(start, points, rows[:, 1])
    end = np.insert(end, points, rows[:, 2])
    category = np.insert(category, points, rows[:, 3])
    precision = np.insert(precision, points, rows[:, 4].astype(np.int8))
    approximate = np.insert(approximate, points, rows[:, 5].astype(bool))
    event_id = np.insert(event_id, points, rows[:, 6])
    offsets = np.append(np.searchsorted(company_of, companies, side="left"), company_of.size)
    new = LaneIndex(
        company_ids=companies,
        offsets=offsets.astype(np.int64),
        start=start,
        end=end,
        category=category,
        precision=precision,
        approximate=approximate,
        event_id=event_id,
        max_duration=lanes.max_durations(offsets, start, end),
    )
    # Old position p kept as the r-th remaining row moves past every insertion at or before r.
    remaining = np.cumsum(keep) - 1
    shift = np.searchsorted(points, remaining, side="right")
    new_of_old = np.where(keep, remaining + shift, -1)
    added = points + np.arange(points.size)
    moves = Moves(new_of_old, added)
    _carry_id_order(index, new, moves)
    return new, moves


def _rebuilt(
    index: LaneIndex,
    conn: sqlite3.Connection,
    keep: np.ndarray,
    companies: np.ndarray,
    rows: np.ndarray,
) -> tuple[LaneIndex, Moves]:
    """Many rows at once (a merge of big lanes): one sort of the whole."""
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
    new_of_old = np.full(index.size, -1, dtype=np.int64)
    new_of_old[keep] = where[: old.shape[0]]
    return new, Moves(new_of_old, np.sort(where[old.shape[0] :]))


def _carry_id_order(old: LaneIndex, new: LaneIndex, moves: Moves) -> None:
    """The by-id lookup of the new arrays from the old one, without sorting a million ids."""
    if "id_order" not in old.__dict__:
        return  # never asked for: it will be made when first needed
    kept = moves.new_of_old[old.id_order]
    alive = kept >= 0
    positions, ids = kept[alive], old.sorted_ids[alive]
    added_ids = new.event_id[moves.added]
    order = np.argsort(added_ids)
    at = np.searchsorted(ids, added_ids[order])
    new.__dict__["id_order"] = np.insert(positions, at, moves.added[order])
    new.__dict__["sorted_ids"] = np.insert(ids, at, added_ids[order])


def carry_time_order(old_order: np.ndarray, new: LaneIndex, moves: Moves) -> np.ndarray:
    """Every position by (start, id), from the old order: what the event table lists."""
    kept = moves.new_of_old[old_order]
    kept = kept[kept >= 0]
    if moves.added.size > _SEARCH_LIMIT:
        return np.lexsort((new.event_id, new.start))
    added = moves.added[np.lexsort((new.event_id[moves.added], new.start[moves.added]))]
    points = _insertion_points(
        (new.start[kept], new.event_id[kept]), (new.start[added], new.event_id[added])
    )
    return np.insert(kept, points, added)
