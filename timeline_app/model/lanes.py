"""Compact per-lane arrays of every event's time, category and precision.

The timeline needs, for each visible lane, the events (or their counts) in the visible time
range. Holding a few numpy arrays sorted by (lane, start) answers that with binary searches,
so the cost of a redraw follows the pixels on screen rather than the size of the database.

The arrays are saved in the file (table lane_cache) so that opening a million events reads
one blob instead of a million rows. The blob is a cache, never trusted: it is a fixed layout
of raw little-endian arrays whose size must match the file's counts before a byte is read
(nothing is unpacked, so no blob can ask for more memory than its own size), every value is
range-checked, and a fingerprint of the rows, computed by SQLite from the rows themselves,
must equal the one computed from the arrays. Any difference, whoever made it, means the rows
are read again.
"""

from __future__ import annotations

import functools
import sqlite3
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from timeline_app.errors import ValidationError
from timeline_app.model import schema
from timeline_app.model.dates import MAX_SECONDS, MIN_SECONDS
from timeline_app.model.lane_categories import category_ranks, category_totals, counts_by_lane

PRECISION_CODES = {"day": 0, "month": 1, "year": 2}
SHORT_SPAN = 86_400  # events at most this long are found by their start alone
FIELDS = ("company", "start", "end", "category", "precision", "approximate", "event_id")
MAGIC = b"ATLANES2"
_HEADER = struct.Struct("<8sQQq")  # magic, events, companies, events_version built at
PRECISION_SQL = "CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END"
# One number per row mixing every value the timeline draws with, kept well inside 64 bits
# (each term below 2**17, the product below 2**37) so ten million rows cannot overflow; the
# same arithmetic runs in SQLite (C remainder: the sign of the dividend) and in numpy (fmod).
_MODULI = (65521, 65519, 65497, 65479, 65449)
_ROW_MIX_SQL = (
    f"(id % {_MODULI[0]} + 1) * (start_ts % {_MODULI[1]} + (end_ts % {_MODULI[2]}) * 2 "
    f"+ (company_id % {_MODULI[3]}) * 3 + (category_id % {_MODULI[4]}) * 5 + approximate * 7 "
    f"+ ({PRECISION_SQL}) * 11)"
)
FINGERPRINT_SQL = f"SELECT count(*), sum({_ROW_MIX_SQL}), sum(start_ts), sum(end_ts) FROM events"


def positions(order: np.ndarray) -> np.ndarray:
    """Positions into the arrays as int32 where they fit: half the memory to carry through
    an edit, and still a valid index everywhere."""
    return order.astype(np.int32) if order.size < 2**31 else order


@dataclass(frozen=True, slots=True)
class Shift:
    """A move carried in place (lane_shift.py): one event went from position `old` to
    position `new` (and from lane `old_lane` to `new_lane`); the positions between slid
    over by one to make room."""

    old: int
    new: int
    old_lane: int
    new_lane: int
    old_start: int
    old_end: int
    event_id: int

    @property
    def lo(self) -> int:
        return min(self.old, self.new)

    @property
    def hi(self) -> int:
        return max(self.old, self.new)

    def moved(self, positions: np.ndarray) -> np.ndarray:
        """Old positions as new ones (the moved event's own included)."""
        out = positions.copy()
        if self.new > self.old:
            out[(positions > self.old) & (positions <= self.new)] -= 1
        elif self.new < self.old:
            out[(positions >= self.new) & (positions < self.old)] += 1
        out[positions == self.old] = self.new
        return out

    def moved_one(self, position: int) -> int:
        if position == self.old:
            return self.new
        if self.old < position <= self.new:
            return position - 1
        if self.new <= position < self.old:
            return position + 1
        return position


@dataclass(frozen=True)
class LaneIndex:
    """Events sorted by (company, start). `offsets[c]` .. `offsets[c+1]` is lane of company c
    where c is a position in `company_ids`. Frozen, but for an edit that moves one event:
    lane_shift.py carries that through the arrays in place and counts it in `generation`."""

    company_ids: np.ndarray  # int64, sorted ascending
    offsets: np.ndarray  # int64, len(company_ids) + 1
    start: np.ndarray  # int64 epoch seconds
    end: np.ndarray  # int64 epoch seconds (exclusive)
    category: np.ndarray  # int64 category id
    precision: np.ndarray  # int8, PRECISION_CODES
    approximate: np.ndarray  # bool
    event_id: np.ndarray  # int64
    max_duration: np.ndarray  # int64 per lane: longest end - start, to find spans that overlap
    # Edits carried through these arrays in place (lane_shift.py, the only code that changes
    # them): what was computed from the arrays before is stale when this has moved on.
    generation: int = field(default=0, compare=False)
    last_move: Shift | None = field(default=None, compare=False)  # the move that made it

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

    def visible(self, lane: int, t0: float, t1: float) -> tuple[slice, np.ndarray]:
        """Positions of lane events that may overlap [t0, t1): a slice of those starting from
        a day before t0 until t1 (their ends still to compare with t0), and an array of the
        longer ones that started earlier and end after t0. Those are looked up among the
        lane's events longer than a day only, so a lane of a hundred thousand day events
        with one ten-year span costs what is in view, not ten years of events."""
        lane_range = self.lane_slice(lane)
        starts = self.start[lane_range]
        lo = int(np.searchsorted(starts, t0 - SHORT_SPAN, side="left"))
        hi = int(np.searchsorted(starts, t1, side="left"))
        near = slice(lane_range.start + lo, lane_range.start + hi)
        spans, cuts = self._long_spans
        mine = spans[cuts[lane] : cuts[lane + 1]]
        since = self.start[mine]
        first = int(np.searchsorted(since, t0 - self.max_duration[lane], side="left"))
        last = int(np.searchsorted(since, t0 - SHORT_SPAN, side="left"))
        early = mine[first:last]
        return near, early[self.end[early] > t0]

    @functools.cached_property
    def _long_spans(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the events longer than a day (in position order, so by lane and start),
        and where each lane's begin among them."""
        spans = np.flatnonzero(self.end - self.start > SHORT_SPAN)
        return spans, np.searchsorted(spans, self.offsets)

    @functools.cached_property
    def _bounds(self) -> tuple[int, int] | None:
        if not self.size:
            return None
        return int(self.start.min()), int(self.end.max())

    def time_bounds(self) -> tuple[int, int] | None:
        """First start and last end of all events (computed once; a move carries it)."""
        return self._bounds

    @functools.cached_property
    def id_order(self) -> np.ndarray:
        """Positions sorted by event id: finding an event by id is a binary search."""
        return positions(np.argsort(self.event_id, kind="stable"))

    @functools.cached_property
    def sorted_ids(self) -> np.ndarray:
        return self.event_id[self.id_order]

    @functools.cached_property
    def _category_ranks(self) -> tuple[np.ndarray, np.ndarray]:
        """Every category id that an event has, sorted, and each event's place among them."""
        return category_ranks(self.category)

    @property
    def category_ids(self) -> np.ndarray:
        return self._category_ranks[0]

    @property
    def category_rank(self) -> np.ndarray:
        """Each event's place in `category_ids`."""
        return self._category_ranks[1]

    @functools.cached_property
    def lane_category_counts(self) -> np.ndarray:
        """Events per (lane, category): with it, counting the categories of the events in
        some lanes is a sum over lanes, not a pass over the events."""
        return counts_by_lane(
            self.lane_of_position, self.category_rank, self.company_ids.size, self.category_ids.size
        )

    @functools.cached_property
    def category_counts(self) -> dict[int, int]:
        """Events per category id (a move carries it: a pass over every event per edit
        would cost more than the edit). Read only: callers copy it to keep it."""
        return category_totals(self.category)

    @functools.cached_property
    def lane_of_position(self) -> np.ndarray:
        """The lane (position in company_ids) of every event."""
        return np.repeat(np.arange(self.company_ids.size, dtype=np.int32), np.diff(self.offsets))


# ----------------------------------------------------------------------------- from rows


def _event_label(conn: sqlite3.Connection, event_id: object) -> str:
    row = conn.execute(
        "SELECT substr(CAST(title AS TEXT), 1, 60), CAST(start_date AS TEXT) FROM events "
        "WHERE id = ?",
        (event_id,),
    ).fetchone()
    if row is None:
        return f"event {event_id}"
    return f"event {event_id} (“{row[0]}”, {row[1]})"


def unusable_rows(conn: sqlite3.Connection, limit: int = 5) -> list[str]:
    """Events whose numbers the timeline cannot draw: possible only in a crafted file or one
    another program wrote with the schema's checks turned off."""
    rows = conn.execute(
        "SELECT id, CASE "
        "WHEN typeof(id) != 'integer' THEN 'its id is not a whole number' "
        "WHEN typeof(start_ts) != 'integer' OR typeof(end_ts) != 'integer' "
        "  THEN 'its date ' || quote(substr(CAST(start_date AS TEXT), 1, 20)) || "
        "       ' is not a real date' "
        f"WHEN start_ts < {MIN_SECONDS} OR end_ts > {MAX_SECONDS} "
        "  THEN 'its date ' || quote(substr(CAST(start_date AS TEXT), 1, 20)) || "
        "       ' is outside the years 1 to 9999' "
        "WHEN end_ts <= start_ts THEN 'it ends before it starts' "
        "WHEN precision NOT IN ('day', 'month', 'year') OR typeof(precision) != 'text' "
        "  THEN 'its precision ' || quote(substr(precision, 1, 20)) || "
        "       ' is not day, month or year' "
        "WHEN approximate NOT IN (0, 1) OR typeof(approximate) != 'integer' "
        "  THEN 'its approximate flag is not 0 or 1' "
        "WHEN typeof(company_id) != 'integer' OR NOT EXISTS "
        "  (SELECT 1 FROM companies c WHERE c.id = events.company_id) "
        "  THEN 'it belongs to company ' || quote(company_id) || ', which is not in the file' "
        "WHEN typeof(category_id) != 'integer' OR NOT EXISTS "
        "  (SELECT 1 FROM categories g WHERE g.id = events.category_id) "
        "  THEN 'its category ' || quote(category_id) || ' is not in the file' "
        "END AS problem FROM events WHERE problem IS NOT NULL LIMIT ?",
        (limit,),
    ).fetchall()
    return [f"{_event_label(conn, event_id)}: {problem}" for event_id, problem in rows]


def build_lane_index(conn: sqlite3.Connection) -> LaneIndex:
    """Read every event's numbers (slow for big files: the cache avoids it). Raises
    ValidationError naming the events whose numbers cannot be drawn."""
    if problems := unusable_rows(conn):
        raise ValidationError("; ".join(problems))
    cursor = conn.execute(
        f"SELECT company_id, start_ts, end_ts, category_id, {PRECISION_SQL}, approximate, id "
        "FROM events ORDER BY company_id, start_ts, id"
    )
    chunks = [np.zeros((0, len(FIELDS)), dtype=np.int64)]
    while rows := cursor.fetchmany(100_000):  # bounded memory: no list of a million tuples
        chunks.append(np.array(rows, dtype=np.int64))
    data = np.concatenate(chunks)
    return index_of_sorted(company_ids(conn), data)


def lane_index_from_columns(conn: sqlite3.Connection, columns: Sequence[np.ndarray]) -> LaneIndex:
    """The same index from arrays already in memory (one per FIELDS, in any order): a writer
    that just made them need not read them back from the file."""
    company, start, end, category, precision, approximate, event_id = columns
    order = np.lexsort((event_id, start, company))  # company, start, id
    # Column by column: a million events never stand as one 7-column table (twice, sorted).
    return index_of_columns(company_ids(conn), *(np.asarray(column)[order] for column in columns))


def company_ids(conn: sqlite3.Connection) -> np.ndarray:
    rows = conn.execute("SELECT id FROM companies ORDER BY id").fetchall()
    return np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))


def max_durations(offsets: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    lanes = offsets.size - 1
    max_duration = np.zeros(lanes, dtype=np.int64)
    filled = np.flatnonzero(np.diff(offsets) > 0)
    if filled.size:
        max_duration[filled] = np.maximum.reduceat(end - start, offsets[filled])
    return max_duration


def index_of_sorted(companies: np.ndarray, data: np.ndarray) -> LaneIndex:
    """Rows of FIELDS sorted by company, start and id, as one LaneIndex."""
    return index_of_columns(companies, *(data[:, k] for k in range(len(FIELDS))))


def index_of_columns(companies: np.ndarray, *sorted_columns: np.ndarray) -> LaneIndex:
    """The columns of FIELDS, sorted by company, start and id, as one LaneIndex."""
    company, start, end, category, precision, approximate, event_id = sorted_columns
    offsets = np.append(np.searchsorted(company, companies, side="left"), company.size)
    start = np.ascontiguousarray(start, dtype=np.int64)
    end = np.ascontiguousarray(end, dtype=np.int64)
    return LaneIndex(
        company_ids=companies,
        offsets=offsets.astype(np.int64),
        start=start,
        end=end,
        category=np.ascontiguousarray(category, dtype=np.int64),
        precision=precision.astype(np.int8),
        approximate=approximate.astype(bool),
        event_id=np.ascontiguousarray(event_id, dtype=np.int64),
        max_duration=max_durations(offsets, start, end),
    )


# ----------------------------------------------------------------------------- fingerprint


def rows_fingerprint(conn: sqlite3.Connection) -> tuple[int, ...] | None:
    """The fingerprint of the events table, computed by SQLite; None when a value is not an
    integer or a sum overflows (only a file with odd rows: the rows are then read one by one)."""
    try:
        row = conn.execute(FINGERPRINT_SQL).fetchone()
    except sqlite3.OperationalError as exc:
        if "overflow" in str(exc):
            return None
        raise
    if any(value is not None and not isinstance(value, int) for value in row):
        return None
    return tuple(value or 0 for value in row)


def index_fingerprint(index: LaneIndex) -> tuple[int, ...]:
    """The same fingerprint from the arrays (values already range-checked)."""
    company = np.repeat(index.company_ids, np.diff(index.offsets))
    mix = (np.fmod(index.event_id, _MODULI[0]) + 1) * (
        np.fmod(index.start, _MODULI[1])
        + np.fmod(index.end, _MODULI[2]) * 2
        + np.fmod(company, _MODULI[3]) * 3
        + np.fmod(index.category, _MODULI[4]) * 5
        + index.approximate.astype(np.int64) * 7
        + index.precision.astype(np.int64) * 11
    )
    return (
        index.size,
        int(mix.sum()),
        int(index.start.sum()),
        int(index.end.sum()),
    )


# ----------------------------------------------------------------------------- the blob


def blob_size(events: int, companies: int) -> int:
    return _HEADER.size + 8 * companies + 8 * (companies + 1) + 34 * events


def serialise(index: LaneIndex, version: int | None) -> bytes:
    parts = [
        _HEADER.pack(MAGIC, index.size, index.company_ids.size, -1 if version is None else version),
        index.company_ids.astype("<i8").tobytes(),
        index.offsets.astype("<i8").tobytes(),
        index.start.astype("<i8").tobytes(),
        index.end.astype("<i8").tobytes(),
        index.category.astype("<i8").tobytes(),
        index.event_id.astype("<i8").tobytes(),
        index.precision.astype("<i1").tobytes(),
        index.approximate.astype("<u1").tobytes(),
    ]
    return b"".join(parts)


def built_at(blob: bytes) -> int | None:
    """The events_version a blob was built at (None: unknown)."""
    if len(blob) < _HEADER.size:
        return None
    version = _HEADER.unpack_from(blob)[3]
    return None if version < 0 else version


def deserialise(blob: bytes, events: int, companies: np.ndarray) -> LaneIndex:
    """Arrays over the blob's own bytes (no copy, nothing unpacked); raises ValueError when
    the layout does not match the counts."""
    count = companies.size
    if len(blob) != blob_size(events, count):
        raise ValueError("size does not match the file's counts")
    magic, stored_events, stored_companies, _version = _HEADER.unpack_from(blob)
    if (magic, stored_events, stored_companies) != (MAGIC, events, count):
        raise ValueError("header does not match the file's counts")
    at = _HEADER.size

    def take(dtype: str, length: int) -> np.ndarray:
        nonlocal at
        array = np.frombuffer(blob, dtype=dtype, count=length, offset=at)
        at += array.nbytes
        return array.astype(array.dtype.newbyteorder("="), copy=False)

    stored_ids = take("<i8", count)
    offsets = take("<i8", count + 1)
    start, end = take("<i8", events), take("<i8", events)
    category, event_id = take("<i8", events), take("<i8", events)
    precision = take("<i1", events)
    approximate = take("<u1", events)
    if not np.array_equal(stored_ids, companies):
        raise ValueError("its lanes are not the file's companies")
    if offsets[0] != 0 or offsets[-1] != events or np.any(np.diff(offsets) < 0):
        raise ValueError("its lane offsets are out of range")
    return LaneIndex(
        company_ids=companies,
        offsets=offsets,
        start=start,
        end=end,
        category=category,
        precision=precision,
        approximate=approximate.view(bool) if np.all(approximate <= 1) else approximate,
        event_id=event_id,
        max_duration=max_durations(offsets, start, end),
    )


def check_values(index: LaneIndex, category_ids: np.ndarray) -> str | None:
    """What is wrong with the arrays' values, or None. Every range the drawing code relies
    on is checked here, so crafted numbers can never reach it."""
    if index.approximate.dtype != bool:
        return "an approximate flag is not 0 or 1"
    if index.size == 0:
        return None
    if index.start.min() < MIN_SECONDS or index.end.max() > MAX_SECONDS:
        return "a date is outside the years 1 to 9999"
    if np.any(index.end <= index.start):
        return "an event ends before it starts"
    if index.precision.min() < 0 or index.precision.max() > 2:
        return "a precision code is unknown"
    if not np.all(np.isin(index.category, category_ids)):
        return "an event's category is not in the file"
    # Within each lane, sorted by (start, id); lanes are contiguous by construction.
    same_lane = np.ones(index.size - 1, dtype=bool)
    boundaries = index.offsets[1:-1]
    same_lane[boundaries[(boundaries > 0) & (boundaries < index.size)] - 1] = False
    later = (index.start[1:] > index.start[:-1]) | (
        (index.start[1:] == index.start[:-1]) & (index.event_id[1:] > index.event_id[:-1])
    )
    if not np.all(later | ~same_lane):
        return "events are out of order"
    ids = index.sorted_ids
    if ids.size > 1 and np.any(ids[1:] == ids[:-1]):
        return "an event appears twice"
    return None


def read_cached_index(
    conn: sqlite3.Connection,
    events: int,
    companies: np.ndarray,
    category_ids: np.ndarray,
    *,
    thorough: bool = True,
) -> tuple[LaneIndex | None, str]:
    """The cached arrays if they are the rows' numbers, else (None, why not).

    The cache must have been built at the file's events_version (every change to an event,
    by any program, moves it) and its every value must be in range. `thorough` also
    compares a fingerprint of all the rows, computed by SQLite (a scan: about a third of a
    second per million events), which only a crafted file could fail after the version
    matched; the window runs that part in the background instead."""
    sizes = conn.execute("SELECT length(data) FROM lane_cache").fetchall()
    if not sizes:
        return None, "there is none"
    if len(sizes) > 1 or sizes[0][0] != blob_size(events, companies.size):
        return None, "it does not match the number of events"
    (blob,) = conn.execute("SELECT data FROM lane_cache").fetchone()
    if not isinstance(blob, bytes):
        return None, "it is not binary data"
    current = schema.events_version(conn)
    if current is None or built_at(blob) != current:
        return None, "another program changed the events since it was made"
    try:
        index = deserialise(blob, events, companies)
    except ValueError as exc:
        return None, str(exc)
    if problem := check_values(index, category_ids):
        return None, problem
    if thorough and rows_fingerprint(conn) != index_fingerprint(index):
        return None, "it does not match the rows"
    return index, ""


def store_lane_cache(conn: sqlite3.Connection, index: LaneIndex | None = None) -> LaneIndex:
    """Save the arrays; called inside the writing transaction. Without `index`, they are
    read from the events table."""
    index = build_lane_index(conn) if index is None else index
    conn.execute("DELETE FROM lane_cache")
    conn.execute(
        "INSERT INTO lane_cache (data) VALUES (?)",
        (serialise(index, schema.events_version(conn)),),
    )
    return index
