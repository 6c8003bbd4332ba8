"""Writing a generated timeline: one transaction of a store made by `store.create_store`,
through the model's Writer in bulk mode (it sets the search index's triggers aside and
fills the index once at the end), so every CHECK constraint and trigger of the schema still
applies to the file; the per-row checks the generator makes in numpy instead are restored
before commit.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

from timeline_app.errors import TimelineError
from timeline_app.generator.events import Events, Row, titled
from timeline_app.generator.sources import Excerpts
from timeline_app.generator.vocabulary import CATEGORIES
from timeline_app.model.lanes import lane_index_from_columns
from timeline_app.model.store import create_store
from timeline_app.model.writer import NewSource, Writer
from timeline_app.progress import Progress, TerminalProgress

# Each phase's share of a run, as measured.
PHASES = {
    "preparing": 0.15,
    "events": 0.22,
    "excerpts": 0.20,
    "indexes": 0.07,
    "lane cache": 0.05,
    "search index": 0.27,
    "saving": 0.04,
}


class GenerateProgress(Progress):
    """The generator's phases on one terminal line, with the number of events and the rate
    of the whole run so far."""

    def __init__(self, events: int, shown: bool) -> None:
        super().__init__("generating", PHASES, terminal=TerminalProgress() if shown else None)
        self.events = events

    def show(
        self, phase: str, fraction: float = 0.0, detail: str = "", force: bool = False
    ) -> None:
        if self.terminal is not None and not detail:
            elapsed = max(time.monotonic() - self.started, 1e-6)
            rate = self.events * self.fraction_done(phase, fraction) / elapsed
            detail = f"{self.events:,} events, {rate:,.0f} events/s"
        super().show(phase, fraction, detail, force)


def write_file(
    path: Path,
    progress: Progress,
    *,
    names: list[str],
    kinds: list[str],
    sources: list[NewSource],
    events: Events,
    excerpts: Excerpts,
    seed: int = 1,
) -> None:
    store = create_store(path)
    try:
        conn = store.conn
        # This connection writes a brand-new file nobody else sees: its journal can live in
        # memory and nothing needs syncing until the end (the file is synced before rename).
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("PRAGMA temp_store = MEMORY")
        with store.transaction() as conn:
            small = Writer(conn)  # the small tables, row by row
            company_ids = np.array(
                [small.company(name, kind) for name, kind in zip(names, kinds, strict=True)],
                dtype=np.int64,
            )
            category_ids = np.array([small.category(name) for name in CATEGORIES])
            source_ids = np.array([small.source(source) for source in sources], dtype=np.int64)
            count = events.company.size
            # The schema checks each row's dates as it goes in, with SQL date functions: a
            # third of the run. The generator's rows are checked all at once beforehand
            # instead (the same rules, in numpy), titles per batch, and the per-row checks
            # are off for this one statement only. `PRAGMA integrity_check` re-runs them.
            events.verify()
            # From here on in bulk: the search index is filled once by finish(), not by its
            # triggers row by row. (Set aside after the names are in, the triggers leave the
            # file's pages where earlier versions put them: a seed still gives the same bytes.)
            bulk = Writer(conn, bulk=True)
            first_id = bulk.first_new_event
            # Indexes are built once, after the rows are in, rather than kept up to date
            # through a million inserts (about a tenth of the run saved).
            indexes = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name IN ('events', 'excerpts')"
            ).fetchall()
            for name, _sql in indexes:
                conn.execute(f'DROP INDEX "{name}"')
            conn.execute("PRAGMA ignore_check_constraints = ON")
            try:
                _insert(
                    conn,
                    "INSERT INTO events (id, company_id, category_id, title, summary, "
                    "start_date, end_date, precision, approximate, uid) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _with_uids(
                        titled(events.batches(company_ids, category_ids, first_id)),
                        np.random.default_rng([seed, count]),
                    ),
                    count,
                    lambda fraction: progress.show("events", fraction),
                )
            finally:
                conn.execute("PRAGMA ignore_check_constraints = OFF")
            # Each quote is cut from its source text at its own offsets, so it is verbatim by
            # construction; the offsets are checked here in one vector step, and the schema's
            # per-row check (which reads the whole source text twice per quote, a seventh of
            # the run) is set aside for this one statement and restored before commit.
            lengths = np.array([len(text) for text in excerpts.texts], dtype=np.int64)
            if not np.all((excerpts.start >= 0) & (excerpts.end <= lengths[excerpts.source])):
                raise TimelineError("internal error: a generated quote runs past its source")
            (verbatim_check,) = conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name = 'excerpts_verbatim_insert'"
            ).fetchone()
            conn.execute("DROP TRIGGER excerpts_verbatim_insert")
            _insert(
                conn,
                "INSERT INTO excerpts (event_id, source_id, start, end, text) "
                "VALUES (?, ?, ?, ?, ?)",
                excerpts.batches(source_ids, first_id),
                excerpts.event.size,
                lambda fraction: progress.show("excerpts", fraction),
            )
            conn.execute(verbatim_check)
            progress.show("indexes", 0.0, force=True)
            for _name, sql in indexes:
                conn.execute(sql)
            # The lane cache from the arrays in memory, not read back from the rows.
            progress.show("lane cache", 0.0, force=True)
            lanes = lane_index_from_columns(
                conn,
                (
                    company_ids[events.company],
                    events.start_ts,
                    events.end_ts,
                    category_ids[events.category],
                    events.precision,
                    events.approximate,
                    first_id + np.arange(count),
                ),
            )
            # One long statement: keep the bar moving by the time it is expected to take.
            started = time.monotonic()
            expected = 1.0 + count * 9e-6
            progress.show("search index", 0.0, force=True)
            conn.set_progress_handler(
                lambda: progress.show("search index", (time.monotonic() - started) / expected),
                200_000,
            )
            bulk.finish(lanes)  # the search index, the triggers back, the lane cache
            conn.set_progress_handler(None, 0)
            progress.show("saving", 0.0, force=True)
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as exc:
        raise TimelineError(f"{path}: could not be written ({exc})") from None
    finally:
        store.close()
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _with_uids(batches: Iterable[list[Row]], rng: np.random.Generator) -> Iterator[list[Row]]:
    """Each row with a random identifier drawn from the seeded generator: the same seed
    still gives the same file."""
    for batch in batches:
        uids = uuid4_texts(rng.bytes(16 * len(batch)))
        yield [(*row, uid) for row, uid in zip(batch, uids, strict=True)]


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_GROUPS = ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32))  # 8-4-4-4-12 hex digits
_AT = (0, 9, 14, 19, 24)  # where each group goes, after the dashes before it


def uuid4_texts(raw: bytes) -> list[str]:
    """str(uuid.UUID(bytes=chunk, version=4)) for each 16 bytes of `raw`, in one vector
    step (a UUID object per row was a twentieth of generating a million events)."""
    data = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 16).copy()
    data[:, 6] = (data[:, 6] & 0x0F) | 0x40  # version 4
    data[:, 8] = (data[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
    digits = np.empty((data.shape[0], 32), dtype=np.uint8)
    digits[:, 0::2], digits[:, 1::2] = _HEX[data >> 4], _HEX[data & 0x0F]
    out = np.full((data.shape[0], 36), ord("-"), dtype=np.uint8)
    for (a, b), at in zip(_GROUPS, _AT, strict=True):
        out[:, at : at + b - a] = digits[:, a:b]
    return out.view("S36").ravel().astype("U36").tolist()


def _insert(
    conn: sqlite3.Connection,
    sql: str,
    batches: Iterable[list[Row]],
    total: int,
    report: Callable[[float], None],
) -> None:
    done = 0
    for batch in batches:
        # Not sqlite-utils' insert_all: measured twice as slow here (300k events 3.5 s vs 1.8 s).
        conn.executemany(sql, batch)
        done += len(batch)
        report(done / max(total, 1))
