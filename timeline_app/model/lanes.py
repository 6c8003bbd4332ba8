"""Compact per-lane arrays of every event's time, category and precision.

The timeline needs, for each visible lane, the events (or their counts) in the visible time
range. Holding a few numpy arrays sorted by (lane, start) answers that with binary searches,
so the cost of a redraw follows the pixels on screen rather than the size of the database.
The arrays are saved in the file itself (lane_cache) by every write, so opening a file with
a million events reads one blob instead of a million rows.
"""

from __future__ import annotations

import io
import sqlite3
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

    def time_bounds(self) -> tuple[int, int] | None:
        if not self.size:
            return None
        return int(self.start.min()), int(self.end.max())


def build_lane_index(conn: sqlite3.Connection) -> LaneIndex:
    """Read every event's numbers once (slow for big files; the cache avoids it)."""
    rows = conn.execute(
        "SELECT company_id, start_ts, end_ts, category_id, "
        "CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, approximate, id "
        "FROM events ORDER BY company_id, start_ts, id"
    ).fetchall()
    data = np.array(rows, dtype=np.int64).reshape(-1, len(FIELDS))
    companies = np.array(
        [row[0] for row in conn.execute("SELECT id FROM companies ORDER BY id")], dtype=np.int64
    )
    return _from_columns(companies, data)


def _from_columns(companies: np.ndarray, data: np.ndarray) -> LaneIndex:
    company = data[:, 0]
    offsets = np.searchsorted(company, companies, side="left")
    offsets = np.append(offsets, company.size).astype(np.int64)
    durations = data[:, 2] - data[:, 1]
    max_duration = np.zeros(companies.size, dtype=np.int64)
    for lane in range(companies.size):
        segment = durations[offsets[lane] : offsets[lane + 1]]
        if segment.size:
            max_duration[lane] = segment.max()
    return LaneIndex(
        company_ids=companies,
        offsets=offsets,
        start=np.ascontiguousarray(data[:, 1]),
        end=np.ascontiguousarray(data[:, 2]),
        category=np.ascontiguousarray(data[:, 3]),
        precision=data[:, 4].astype(np.int8),
        approximate=data[:, 5].astype(bool),
        event_id=np.ascontiguousarray(data[:, 6]),
        max_duration=max_duration,
    )


def _serialise(index: LaneIndex) -> bytes:
    buffer = io.BytesIO()
    np.savez(
        buffer,
        company_ids=index.company_ids,
        data=np.column_stack(
            [
                np.repeat(index.company_ids, np.diff(index.offsets)),
                index.start,
                index.end,
                index.category,
                index.precision.astype(np.int64),
                index.approximate.astype(np.int64),
                index.event_id,
            ]
        )
        if index.size
        else np.zeros((0, len(FIELDS)), dtype=np.int64),
    )
    return buffer.getvalue()


def store_lane_cache(conn: sqlite3.Connection) -> None:
    """Save the arrays for the current generation; called inside the writing transaction."""
    index = build_lane_index(conn)
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
                companies, data = arrays["company_ids"], arrays["data"]
        except (ValueError, KeyError, OSError):
            return build_lane_index(conn)
        count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        if data.ndim == 2 and data.shape == (count, len(FIELDS)):
            return _from_columns(companies.astype(np.int64), data.astype(np.int64))
    return build_lane_index(conn)
