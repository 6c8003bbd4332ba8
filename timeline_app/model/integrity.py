"""`timeline-app check` and `timeline-app repair`: every rule and every derived structure of a
file compared with its rows, and the derived structures rebuilt in one transaction.

check reads everything (slow for big files, by design): SQLite's own structure check, the
schema objects, every row against the schema's rules (which SQLite skips on read-only
connections), the generated timestamps against the dates, quotes against their sources,
references, the lane cache against the rows and the search index against the rows.

repair rebuilds what is derived and puts back the app's own triggers and indexes; it never
changes what a user wrote (rows that break the rules are listed, for the user to correct).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from timeline_app.errors import DatabaseError, ValidationError
from timeline_app.model import lanes, schema
from timeline_app.model.derived import category_ids
from timeline_app.model.store import Store, is_writable, open_store

LIMIT = 5  # examples named per kind of problem


@dataclass(frozen=True, slots=True)
class Finding:
    what: str  # "rows", "schema", "lane cache", "search index", "structure"
    text: str
    repairable: bool = False  # repair fixes it


def _structure(conn: sqlite3.Connection) -> list[Finding]:
    rows = conn.execute("PRAGMA integrity_check(20)").fetchall()
    if rows == [("ok",)]:
        return []
    return [Finding("structure", f"SQLite reports damage: {row[0]}") for row in rows[:LIMIT]]


def _schema(conn: sqlite3.Connection) -> list[Finding]:
    report = schema.compare_schema(conn, schema.SCHEMA_VERSION)
    found = [Finding("schema", f"{name} is missing", True) for name in report.missing]
    found += [
        Finding("schema", f"{name} is not as Announcement Timeline made it", True)
        for name in report.changed
    ]
    found += [
        Finding("schema", f"{name} was added by another program (it runs on every change)", True)
        for name in report.foreign_triggers
    ]
    return found


_START = schema._seconds(schema._period_start("start_date"))
_END = schema._seconds(schema._period_end("coalesce(end_date, start_date)"))


def _rows(conn: sqlite3.Connection) -> list[Finding]:
    found = [Finding("rows", text) for text in schema.rule_breaking_rows(conn, limit=LIMIT)]
    found += [Finding("rows", text) for text in lanes.unusable_rows(conn, limit=LIMIT)]
    stale = conn.execute(
        f"SELECT id FROM events WHERE start_ts IS NOT {_START} OR end_ts IS NOT {_END} LIMIT ?",
        (LIMIT,),
    ).fetchall()
    found += [
        Finding("rows", f"event {row[0]}: its stored seconds do not follow from its dates", True)
        for row in stale
    ]
    quotes = conn.execute(
        "SELECT x.id, CASE WHEN s.id IS NULL THEN 'its source ' || x.source_id || ' is missing' "
        "WHEN e.id IS NULL THEN 'its event ' || x.event_id || ' is missing' "
        "ELSE 'its text is not verbatim in its source at its offsets' END "
        "FROM excerpts x LEFT JOIN sources s ON s.id = x.source_id "
        "LEFT JOIN events e ON e.id = x.event_id "
        "WHERE s.id IS NULL OR e.id IS NULL "
        "OR substr(s.text, x.start + 1, x.end - x.start) IS NOT x.text "
        "OR x.end > length(s.text) LIMIT ?",
        (LIMIT,),
    ).fetchall()
    found += [Finding("rows", f"excerpt {row_id}: {why}") for row_id, why in quotes]
    return found


TEXT_COLUMNS = {
    "companies": ("name", "kind"),
    "categories": ("name",),
    "sources": ("title", "publisher", "url", "published", "text"),
    "events": ("title", "summary", "start_date", "end_date", "precision"),
    "excerpts": ("text",),
}


def _undecodable(conn: sqlite3.Connection) -> list[Finding]:
    """Text whose bytes are not UTF-8: damage on disk, which reading the row would meet."""
    found = []
    for table, columns in TEXT_COLUMNS.items():
        listed = ", ".join(f'CAST("{column}" AS BLOB)' for column in columns)
        for row in conn.execute(f"SELECT rowid, {listed} FROM {table}"):
            for column, raw in zip(columns, row[1:], strict=True):
                if raw is None:
                    continue
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    found.append(
                        Finding("rows", f"{table} {row[0]}: its {column} is damaged (not UTF-8)")
                    )
                    if len(found) >= LIMIT:
                        return found
    return found


def _lane_cache(conn: sqlite3.Connection) -> list[Finding]:
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    index, why = lanes.read_cached_index(conn, events, lanes.company_ids(conn), category_ids(conn))
    if index is not None:
        try:
            rebuilt = lanes.build_lane_index(conn)
        except ValidationError:
            return []  # the rows themselves are reported above
        same = all(
            np.array_equal(getattr(index, name), getattr(rebuilt, name))
            for name in ("company_ids", "offsets", "start", "end", "category", "event_id")
        )
        if same:
            return []
        why = "it differs from the rows"
    return [Finding("lane cache", f"the timeline's lane cache is out of date: {why}", True)]


def _search_index(conn: sqlite3.Connection) -> list[Finding]:
    """Every row of the index against what the triggers would have written."""
    expected = schema.EXCERPTS_OF.format(event="e.id")
    differ = conn.execute(
        "SELECT e.id FROM events e LEFT JOIN events_fts_content f ON f.id = e.id "
        "WHERE f.id IS NULL OR f.c0 IS NOT e.title OR f.c1 IS NOT e.summary "
        f"OR f.c2 IS NOT {expected} LIMIT ?",
        (LIMIT,),
    ).fetchall()
    extra = conn.execute(
        "SELECT f.id FROM events_fts_content f LEFT JOIN events e ON e.id = f.id "
        "WHERE e.id IS NULL LIMIT ?",
        (LIMIT,),
    ).fetchall()
    found = [
        Finding("search index", f"event {row[0]} is not indexed as it reads now", True)
        for row in differ
    ]
    found += [
        Finding("search index", f"it holds event {row[0]}, which is not in the file", True)
        for row in extra
    ]
    try:  # the index's words against its stored text (a command, not a write)
        conn.execute("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as exc:
        if "readonly" not in str(exc):
            found.append(Finding("search index", f"its word lists are damaged ({exc})", True))
    return found


def check_file(store: Store) -> list[Finding]:
    """Everything wrong with the file, most basic first; empty when it is sound."""
    conn = store.conn
    found = _structure(conn)
    if found:
        return found  # a damaged file: other checks would only repeat it
    found += _schema(conn)
    if any(f.what == "schema" and "table" in f.text and "missing" in f.text for f in found):
        return found
    found += _rows(conn)
    found += _undecodable(conn)
    found += _lane_cache(conn)
    found += _search_index(conn)
    return found


# ----------------------------------------------------------------------------- repair


def repair(path: Path) -> list[str]:
    """Rebuild every derived structure and the app's own triggers and indexes in one
    transaction; returns what was done. Raises DatabaseError when rows break the rules
    (those are the user's to correct: repair never changes what was written)."""
    with open_store(path, readonly=True, inspect=True) as store:
        if not is_writable(store.path):
            raise DatabaseError(f"{store.path}: is read-only; it cannot be repaired")
        conn = store.conn
        if found := _structure(conn):
            raise DatabaseError(
                f"{store.path}: is damaged ({found[0].text}); repair rebuilds what is derived "
                "from the rows, not the file itself: restore a backup"
            )
        broken = [f.text for f in _rows(conn) if not f.repairable]
        if broken:
            raise DatabaseError(
                f"{store.path}: cannot be repaired while rows break its rules ("
                + "; ".join(broken[:LIMIT])
                + "); correct them with an SQLite tool first"
            )
        report = schema.compare_schema(conn, schema.SCHEMA_VERSION)
        tables = [
            name
            for name in report.missing + report.changed
            if name.startswith("table ") and not name.startswith("table events_fts")
        ]
        if tables:
            raise DatabaseError(
                f"{store.path}: {', '.join(tables)} cannot be rebuilt in place (its rows are "
                "the user's): export its events and import them into a new file"
            )
    done: list[str] = []
    # Every trigger is dropped before anything is written, so that none of another
    # program's can run during the repair.
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("PRAGMA trusted_schema = OFF")
        writer.execute("BEGIN IMMEDIATE")
        try:
            for kind, name in writer.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index') "
                "AND name NOT LIKE 'sqlite_%'"
            ).fetchall():
                ours = schema.expected_objects(schema.SCHEMA_VERSION).get(name)
                if kind == "trigger" or ours is not None:
                    writer.execute(f'DROP {kind.upper()} "{name}"')
                    if ours is None:
                        done.append(f"removed the {kind} {name}, which another program added")
            fts = schema.expected_objects(schema.SCHEMA_VERSION)["events_fts"]
            writer.execute("DROP TABLE IF EXISTS events_fts")
            writer.execute(fts.sql)
            for obj in schema.expected_objects(schema.SCHEMA_VERSION).values():
                if obj.kind == "index":
                    writer.execute(obj.sql)
            writer.execute("PRAGMA trusted_schema = ON")
            stale = writer.execute(
                f"SELECT id FROM events WHERE start_ts IS NOT {_START} OR end_ts IS NOT {_END}"
            ).fetchall()
            for (event_id,) in stale:  # an UPDATE of the date recomputes the stored seconds
                writer.execute(
                    "UPDATE events SET start_date = start_date WHERE id = ?", (event_id,)
                )
            if stale:
                done.append(f"recomputed the seconds of {len(stale):,} event(s) from their dates")
            schema.fill_search_index(writer)
            done.append("rebuilt the search index")
            for obj in schema.expected_objects(schema.SCHEMA_VERSION).values():
                if obj.kind == "trigger":
                    writer.execute(obj.sql)
            done.append("put back the app's own triggers and indexes")
            lanes.store_lane_cache(writer)
            done.append("rebuilt the timeline's lane cache")
            writer.execute("COMMIT")
        except BaseException:
            if writer.in_transaction:
                writer.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: could not be repaired ({exc}); nothing was changed") from None
    finally:
        writer.close()
    open_store(path).close()  # it opens cleanly now
    return done
