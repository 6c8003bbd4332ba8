"""The data derived from the rows, checked against them on every open and rebuilt when stale.

Two structures are derived: the lane arrays the timeline draws from (lanes.py) and the
full-text search index (events_fts). The schema's triggers keep the search index in step
with every write made through SQLite, by any program; the lane cache is written only by this
app, so its fingerprint is compared with the rows'. Whatever is found stale is rebuilt: into
the file when it may be written, else in memory for this session only, and the caller is
told, so the user knows why opening took longer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from timeline_app.errors import DatabaseError, ValidationError
from timeline_app.log import get_logger
from timeline_app.model import lanes, schema
from timeline_app.model.store import Store

log = get_logger("model.derived")

Progress = Callable[[str], object]  # called with what is being done, before long steps


@dataclass
class Opened:
    """What opening a file found: the lane arrays and what had to be rebuilt."""

    index: lanes.LaneIndex
    notes: list[str] = field(default_factory=list)


def category_ids(conn: sqlite3.Connection) -> np.ndarray:
    rows = conn.execute("SELECT id FROM categories").fetchall()
    return np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))


def _refused(store: Store, exc: ValidationError) -> DatabaseError:
    return DatabaseError(
        f"{store.path}: has events the timeline cannot show ({exc}); correct them with the "
        "program that wrote them, or run `timeline-app check` to list every problem"
    )


def lane_index(
    store: Store,
    progress: Progress | None = None,
    *,
    thorough: bool = True,
    rebuild: bool = False,
) -> tuple[lanes.LaneIndex, str]:
    """The lane arrays of the file's rows, and a note when the cache had to be rebuilt
    (see lanes.read_cached_index for `thorough`; `rebuild` ignores the cache)."""
    conn = store.conn
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    why = "it did not match the rows"
    if not rebuild:
        index, why = lanes.read_cached_index(
            conn, events, lanes.company_ids(conn), category_ids(conn), thorough=thorough
        )
        if index is not None:
            return index, ""
    log.info("%s: lane cache not used: %s", store.path, why)
    if progress is not None:
        progress("Reading every event (the file's saved copy of the timeline is out of date)")
    version = schema.events_version(conn)
    try:
        index = lanes.build_lane_index(conn)
    except ValidationError as exc:
        raise _refused(store, exc) from None
    # An empty timeline has nothing to rebuild worth telling (a new file has no index yet).
    note = (
        f"its saved copy of the timeline was out of date ({why}), so every event was read again"
        if events
        else ""
    )
    if store.readonly:
        if not note:
            return index, ""
        return index, note + " for this session (the file is read-only)"
    try:
        with store.transaction() as write:
            if schema.events_version(write) == version:  # nobody changed events meanwhile
                lanes.store_lane_cache(write, index)
    except DatabaseError as exc:  # locked by another program, disk full: next time, then
        log.warning("%s: could not save the rebuilt lane cache: %s", store.path, exc)
    return index, note


def search_index_problem(conn: sqlite3.Connection) -> str | None:
    """Cheap signs that the search index does not cover the rows: rows of it deleted or
    added by hand. (`check` compares it with every row.)"""
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    indexed = conn.execute("SELECT count(*) FROM events_fts_docsize").fetchone()[0]
    if events != indexed:
        return f"it covers {indexed:,} events, the file has {events:,}"
    if events:
        first = conn.execute("SELECT min(id), max(id) FROM events").fetchone()
        ends = conn.execute("SELECT min(id), max(id) FROM events_fts_docsize").fetchone()
        if first != ends:
            return "it covers other events than the file's"
    return None


def rebuild_search_index(store: Store) -> None:
    """Index every event again: in the file if it may be written, else in memory (a table
    of the same name in the connection's temp schema hides the stale one)."""
    conn = store.conn
    if store.readonly:
        conn.execute("DROP TABLE IF EXISTS temp.events_fts")
        conn.execute(
            "CREATE VIRTUAL TABLE temp.events_fts USING fts5("
            "title, summary, excerpts, tokenize = 'unicode61 remove_diacritics 2')"
        )
        schema.fill_search_index(conn)
        return
    with store.transaction() as write:
        write.execute("DELETE FROM events_fts")
        schema.fill_search_index(write)


def open_derived(
    store: Store,
    progress: Progress | None = None,
    *,
    thorough: bool = True,
    rebuild: bool = False,
) -> Opened:
    """Check (and where needed rebuild) everything derived from the rows of `store`.
    Without `thorough`, the checks that read every row (the arrays' fingerprint, the search
    index's coverage) are left to the caller, who runs them in the background."""
    index, note = lane_index(store, progress, thorough=thorough, rebuild=rebuild)
    opened = Opened(index, [note] if note else [])
    if thorough and (problem := search_index_problem(store.conn)):
        opened.notes.append(repair_search_index(store, problem, progress))
    return opened


def repair_search_index(store: Store, problem: str, progress: Progress | None = None) -> str:
    """Rebuild a search index found out of step; the note says what happened."""
    log.info("%s: search index stale: %s", store.path, problem)
    if progress is not None:
        progress("Rebuilding the search index (it is out of date)")
    try:
        rebuild_search_index(store)
    except DatabaseError as exc:
        log.warning("%s: could not rebuild the search index: %s", store.path, exc)
        return f"its search index is out of date ({problem}) and search may miss events"
    where = " for this session" if store.readonly else ""
    return f"its search index was out of date ({problem}) and was rebuilt{where}"
