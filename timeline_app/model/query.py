"""The questions the GUI, the export and the CLI ask of a timeline file."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from timeline_app.model.filters import FilterState, fts_query
from timeline_app.model.store import Store
from timeline_app.model.text_rules import RULES
from timeline_app.model.types import (
    Company,
    DatePrecision,
    Event,
    EventDetail,
    Excerpt,
    Source,
)

# Text is read no longer than the schema allows (plus one character, to tell that a crafted
# file held more): a view never waits on a megabyte "title".
_EVENT_COLUMNS = (
    f"e.id, e.company_id, substr(c.name, 1, {RULES['company'].max_chars + 1}), "
    f"substr(e.title, 1, {RULES['title'].max_chars + 1}), "
    f"substr(e.summary, 1, {RULES['summary'].max_chars + 1}), "
    f"substr(g.name, 1, {RULES['category'].max_chars + 1}), "
    "substr(e.start_date, 1, 20), substr(e.end_date, 1, 20), e.precision, e.approximate, "
    "e.start_ts, e.end_ts, "
    "(SELECT count(DISTINCT x.source_id) FROM excerpts x WHERE x.event_id = e.id), "
    f"(SELECT substr(s.title, 1, {RULES['source_title'].max_chars + 1}) FROM excerpts x "
    "JOIN sources s ON s.id = x.source_id WHERE x.event_id = e.id ORDER BY x.id LIMIT 1), "
    "substr(e.uid, 1, 40)"
)
_EVENT_FROM = (
    "events e JOIN companies c ON c.id = e.company_id JOIN categories g ON g.id = e.category_id"
)


def text_of(value: object, field: str | None = None) -> str:
    """A text value from the file, whatever it holds: None is "", bytes are decoded, and
    more than the field allows is cut with "…" (only a crafted file holds such values)."""
    if isinstance(value, str):
        text = value
    elif value is None:
        text = ""
    elif isinstance(value, bytes):
        text = value.decode("utf-8", "replace")
    else:
        text = str(value)
    if field is not None and len(text) > RULES[field].max_chars:
        text = text[: RULES[field].max_chars - 1] + "…"
    return text


def _precision(value: object) -> DatePrecision:
    try:
        return DatePrecision(str(value))
    except ValueError:  # the lane arrays refuse such rows; a row changed since shows as day
        return DatePrecision.DAY


def _event(row: Sequence) -> Event:
    return Event(
        id=row[0],
        company_id=row[1],
        company=text_of(row[2], "company"),
        title=text_of(row[3], "title"),
        summary=text_of(row[4], "summary"),
        category=text_of(row[5], "category"),
        start=text_of(row[6]),
        end=text_of(row[7]) or None,
        precision=_precision(row[8]),
        approximate=bool(row[9]),
        start_ts=row[10],
        end_ts=row[11],
        sources=row[12] or 0,
        source_title=text_of(row[13], "source_title"),
        uid=text_of(row[14]),
    )


def list_companies(store: Store, counts: bool = True) -> list[Company]:
    """Every company (lane), by name, with how many events it has (a scan of the events:
    without `counts` they are 0, for a caller that has them from the lane arrays)."""
    counted = (
        "(SELECT company_id, count(*) AS events FROM events GROUP BY company_id)"
        if counts
        else "(SELECT 0 AS company_id, 0 AS events WHERE 0)"
    )
    rows = store.conn.execute(
        f"SELECT c.id, substr(c.name, 1, {RULES['company'].max_chars + 1}), "
        f"substr(c.kind, 1, {RULES['company_kind'].max_chars + 1}), coalesce(n.events, 0) "
        f"FROM companies c LEFT JOIN {counted} n "
        "ON n.company_id = c.id ORDER BY c.name COLLATE NOCASE"
    )
    return [
        Company(
            id=r[0],
            name=text_of(r[1], "company"),
            kind=text_of(r[2], "company_kind"),
            event_count=r[3],
        )
        for r in rows
    ]


def list_categories(store: Store) -> list[tuple[int, str]]:
    rows = store.conn.execute(
        f"SELECT id, substr(name, 1, {RULES['category'].max_chars + 1}) FROM categories "
        "ORDER BY name COLLATE NOCASE"
    )
    return [(row_id, text_of(name, "category")) for row_id, name in rows]


def count_events(store: Store, state: FilterState | None = None) -> int:
    where, params = (state or FilterState()).to_sql()
    return store.conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]


def find_events(
    store: Store, state: FilterState | None = None, limit: int | None = None
) -> list[Event]:
    """Events the filter selects, in time order."""
    where, params = (state or FilterState()).to_sql()
    sql = f"SELECT {_EVENT_COLUMNS} FROM {_EVENT_FROM} WHERE {where} ORDER BY e.start_ts, e.id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_event(row) for row in store.conn.execute(sql, params)]


def events_by_ids(store: Store, ids: Sequence[int]) -> dict[int, Event]:
    """Events for a page of ids (table rows, labels on screen)."""
    found: dict[int, Event] = {}
    ids = [int(i) for i in ids]
    for chunk in range(0, len(ids), 900):
        part = ids[chunk : chunk + 900]
        rows = store.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM {_EVENT_FROM} WHERE e.id IN "
            f"({','.join('?' * len(part))})",
            part,
        )
        found.update((row[0], _event(row)) for row in rows)
    return found


def event_titles(store: Store, ids: Sequence[int]) -> dict[int, str]:
    titles: dict[int, str] = {}
    ids = [int(i) for i in ids]
    for chunk in range(0, len(ids), 900):
        part = ids[chunk : chunk + 900]
        rows = store.conn.execute(
            f"SELECT id, substr(title, 1, {RULES['title'].max_chars + 1}) FROM events "
            f"WHERE id IN ({','.join('?' * len(part))})",
            part,
        )
        titles.update((row_id, text_of(title, "title")) for row_id, title in rows)
    return titles


def ids_by_title(conn: sqlite3.Connection) -> np.ndarray:
    """Every event id in the event table's title order (letter case ignored, then id).
    SQLite's sort of a million titles takes seconds: the window asks it in the background."""
    (joined,) = conn.execute(
        "SELECT group_concat(id) FROM (SELECT id FROM events ORDER BY title COLLATE NOCASE, id)"
    ).fetchone()
    return np.fromstring(joined or "", dtype=np.int64, sep=",")


def search_event_ids(store: Store, text: str) -> np.ndarray | None:
    """Ids of events whose title, summary or excerpts contain every word typed, sorted;
    None when nothing was typed (no restriction)."""
    if not text.strip():
        return None
    query = fts_query(text)
    if not query:
        return np.zeros(0, dtype=np.int64)
    # One text of every id, parsed by numpy: a Python row per match was most of the cost
    # of a common word at a million events.
    (joined,) = store.conn.execute(
        "SELECT group_concat(rowid) FROM "
        "(SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid)",
        (query,),
    ).fetchone()
    return np.fromstring(joined or "", dtype=np.int64, sep=",")


def event_detail(store: Store, event_id: int) -> EventDetail | None:
    row = store.conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM {_EVENT_FROM} WHERE e.id = ?", (event_id,)
    ).fetchone()
    if row is None:
        return None
    rows = store.conn.execute(
        "SELECT x.id, x.start, x.end, "
        f"substr(x.text, 1, {RULES['excerpt'].max_chars + 1}), x.source_id, s.id, "
        f"substr(s.title, 1, {RULES['source_title'].max_chars + 1}), "
        f"substr(s.publisher, 1, {RULES['source_publisher'].max_chars + 1}), "
        f"substr(s.url, 1, {RULES['source_url'].max_chars + 1}), substr(s.published, 1, 20), "
        f"substr(s.text, 1, {RULES['source_text'].max_chars}) "
        "FROM excerpts x LEFT JOIN sources s ON s.id = x.source_id "
        "WHERE x.event_id = ? ORDER BY x.source_id, x.start",
        (event_id,),
    ).fetchall()
    return EventDetail(event=_event(row), excerpts=tuple(_excerpt(event_id, r) for r in rows))


def _excerpt(event_id: int, r: Sequence) -> Excerpt:
    quote = text_of(r[3], "excerpt")
    if r[5] is None:  # its source was deleted by a program that ignores foreign keys
        source = Source(
            id=-int(r[4]),
            title=f"(source {r[4]} is missing from the file: only the quoted words remain)",
            publisher="",
            url="",
            published="",
            text=quote,
        )
        return Excerpt(r[0], event_id, source, 0, len(quote), quote)
    source = Source(
        id=r[5],
        title=text_of(r[6], "source_title"),
        publisher=text_of(r[7], "source_publisher"),
        url=text_of(r[8], "source_url"),
        published=text_of(r[9]),
        text=text_of(r[10]),
    )
    start = r[1] if isinstance(r[1], int) else 0
    end = r[2] if isinstance(r[2], int) else start
    return Excerpt(r[0], event_id, source, start, end, quote)


def sources_behind(
    store: Store, state: FilterState | None = None, limit: int = 4
) -> tuple[list[tuple[str, str, str]], int]:
    """The first `limit` sources (title, publisher, published; oldest first) quoted by the
    selected events, and how many such sources there are: for footers and the About box."""
    state = state or FilterState()
    if state.is_default:  # every quoted source: one index probe per source, not per event
        quoted = (
            "SELECT s.id FROM sources s "
            "WHERE EXISTS (SELECT 1 FROM excerpts x WHERE x.source_id = s.id)"
        )
        params: list[object] = []
    else:  # driven by the selected events, through their indexes
        where, params = state.to_sql()
        quoted = (
            f"SELECT x.source_id FROM events e JOIN excerpts x ON x.event_id = e.id WHERE {where}"
        )
    rows = store.conn.execute(
        "SELECT title, publisher, published, count(*) OVER () FROM sources "
        f"WHERE id IN ({quoted}) ORDER BY published, title LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [(title, publisher, published) for title, publisher, published, _ in rows], (
        rows[0][3] if rows else 0
    )


class EventReader(Protocol):
    """What a timeline view reads while it draws: titles on screen, the event under the
    mouse. A StoreReader reads straight from a store; the window's controller waits out
    another program's write."""

    def event_titles(self, ids: Sequence[int]) -> dict[int, str]: ...

    def events_by_ids(self, ids: Sequence[int]) -> dict[int, Event]: ...


class StoreReader:
    """What a timeline view reads while it draws (titles on screen, the event under the
    mouse), straight from a store: the headless export's reader. The window's controller
    offers the same two methods, which wait out another program's write."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def event_titles(self, ids: Sequence[int]) -> dict[int, str]:
        return event_titles(self.store, ids)

    def events_by_ids(self, ids: Sequence[int]) -> dict[int, Event]:
        return events_by_ids(self.store, ids)
