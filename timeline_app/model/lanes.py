"""Compact per-lane arrays of every event's time, category and precision.

The timeline needs, for each visible lane, the events (or their counts) in the visible time
range. Holding a few numpy arrays sorted by (lane, start) answers that with binary searches,
so the cost of a redraw follows the pixels on screen rather than the size of the database.
The arrays are saved in the file itself (lane_cache) by every write, so opening a file with
a million events reads one blob instead of a million rows.
"""

from __future__ import annotations

import functools
import io
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

PRECISION_CODES = {"day": 0, "month": 1, "year": 2}
FIELDS = ("company", "start", "end", "category", "precision", "approximate", "event_id")


@dataclass(frozen=True)
class LaneIndex:
    """Events sorted by (company, start). `offsets[c]` .. `offsets[c+1]` is lane of company c
    where c is a position in `company_ids`."""

    company_ids: np.ndarray  # int64, sorted ascending
    offsets: np.ndarray  # int64, len(company_ids) + 1
    start: np.ndarray  # int64 epoch seconds
    end: np.ndarray  # int64 epoch seconds (exclusive)
    category: np.ndarray  # int64 category id
    precision: np.ndarray  # int8, PRECISION_CODES
    approximate: np.ndarray  # bool
    event_id: np.ndarray  # int64
    max_duration: np.ndarray  # int64 per lane: longest end - start, to find spans that overlap

    @property
    def size(self) -> int:
        return int(self.start.size)

    def lane_of(self, company_id: int) -> int:
        pos = int(np.searchsorted(self.company_ids, company_id))
        if pos >= self.company_ids.size or self.company_ids[pos] != company_id:
            raise KeyError(company_id)
        return pos

    def lane_slice(self, lane: int) -> slice:
        return slice(int(self.offsets[lane]), int(self.offsets[lane + 1]))

    def visible(self, lane: int, t0: float, t1: float) -> slice:
        """Positions of lane events that overlap [t0, t1): a start before t1 and an end after
        t0. Long spans are caught by looking back by the lane's longest duration."""
        lane_range = self.lane_slice(lane)
        starts = self.start[lane_range]
        lo = int(np.searchsorted(starts, t0 - self.max_duration[lane], side="left"))
        hi = int(np.searchsorted(starts, t1, side="left"))
        return slice(lane_range.start + lo, lane_range.start + hi)

    @functools.cached_property
    def _bounds(self) -> tuple[int, int] | None:
        if not self.size:
            return None
        return int(self.start.min()), int(self.end.max())

    def time_bounds(self) -> tuple[int, int] | None:
        """First start and last end of all events (computed once: the arrays never change)."""
        return self._bounds


def build_lane_index(conn: sqlite3.Connection) -> LaneIndex:
    """Read every event's numbers once (slow for big files; the cache avoids it)."""
    cursor = conn.execute(
        "SELECT company_id, start_ts, end_ts, category_id, "
        "CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, approximate, id "
        "FROM events ORDER BY company_id, start_ts, id"
    )
    chunks = [np.zeros((0, len(FIELDS)), dtype=np.int64)]
    while rows := cursor.fetchmany(100_000):  # bounded memory: no list of a million tuples
        chunks.append(np.array(rows, dtype=np.int64))
    data = np.concatenate(chunks)
    return _index_of_sorted(_company_ids(conn), data)


def lane_index_from_columns(conn: sqlite3.Connection, columns: Sequence[np.ndarray]) -> LaneIndex:
    """The same index from arrays already in memory (one per FIELDS, in any order): a writer
    that just made them need not read them back from the file."""
    data = np.column_stack([np.asarray(column, dtype=np.int64) for column in columns])
    order = np.lexsort((data[:, 6], data[:, 1], data[:, 0]))  # company, start, id
    return _index_of_sorted(_company_ids(conn), data[order])


def _company_ids(conn: sqlite3.Connection) -> np.ndarray:
    return np.array(
        [row[0] for row in conn.execute("SELECT id FROM companies ORDER BY id")], dtype=np.int64
    )


def _index_of_sorted(companies: np.ndarray, data: np.ndarray) -> LaneIndex:
    """Rows of FIELDS sorted by company, start and id, as one LaneIndex."""
    company = data[:, 0]
    offsets = np.append(np.searchsorted(company, companies, side="left"), company.size)
    durations = data[:, 2] - data[:, 1]
    max_duration = np.zeros(companies.size, dtype=np.int64)
    filled = np.flatnonzero(np.diff(offsets) > 0)
    if filled.size:
        max_duration[filled] = np.maximum.reduceat(durations, offsets[filled])
    return LaneIndex(
        company_ids=companies,
        offsets=offsets.astype(np.int64),
        start=np.ascontiguousarray(data[:, 1]),
        end=np.ascontiguousarray(data[:, 2]),
        category=data[:, 3].astype(np.int32),
        precision=data[:, 4].astype(np.int8),
        approximate=data[:, 5].astype(bool),
        event_id=np.ascontiguousarray(data[:, 6]),
        max_duration=max_duration,
    )


_ARRAYS = (
    "company_ids", "offsets", "start", "end", "category", "precision", "approximate",
    "event_id", "max_duration",
)  # fmt: skip


def _serialise(index: LaneIndex) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **{name: getattr(index, name) for name in _ARRAYS})
    return buffer.getvalue()


def store_lane_cache(conn: sqlite3.Connection, index: LaneIndex | None = None) -> None:
    """Save the arrays for the current generation; called inside the writing transaction.
    Without `index`, they are read from the events table."""
    index = build_lane_index(conn) if index is None else index
    generation = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0]
    conn.execute("DELETE FROM lane_cache")
    conn.execute(
        "INSERT INTO lane_cache (generation, data) VALUES (?, ?)", (generation, _serialise(index))
    )


def load_lane_index(conn: sqlite3.Connection) -> LaneIndex:
    """The cached arrays when they match the file's generation and event count, else rebuilt
    from the rows (a file written by another program)."""
    generation = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    row = conn.execute("SELECT generation, data FROM lane_cache LIMIT 1").fetchone()
    if row and generation and row[0] == generation[0]:
        try:
            with np.load(io.BytesIO(row[1]), allow_pickle=False) as arrays:
                index = LaneIndex(**{name: arrays[name] for name in _ARRAYS})
        except Exception:  # any unreadable blob (empty, not a zip, a bare .npy): rebuild
            return build_lane_index(conn)
        count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        consistent = (
            index.start.size == count
            and index.offsets.size == index.company_ids.size + 1
            and all(getattr(index, name).size == count for name in _ARRAYS[2:8])
        )
        if consistent:
            return index
    return build_lane_index(conn)
