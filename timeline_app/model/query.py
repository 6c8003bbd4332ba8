"""The questions the GUI, the export and the CLI ask of a timeline file."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from timeline_app.model.filters import FilterState, fts_query
from timeline_app.model.store import Store
from timeline_app.model.types import (
    Company,
    DatePrecision,
    Event,
    EventDetail,
    Excerpt,
    Source,
)

_EVENT_COLUMNS = (
    "e.id, e.company_id, c.name, e.title, e.summary, g.name, e.start_date, e.end_date, "
    "e.precision, e.approximate, e.start_ts, e.end_ts"
)
_EVENT_FROM = (
    "events e JOIN companies c ON c.id = e.company_id JOIN categories g ON g.id = e.category_id"
)


def _event(row: Sequence) -> Event:
    return Event(
        id=row[0],
        company_id=row[1],
        company=row[2],
        title=row[3],
        summary=row[4],
        category=row[5],
        start=row[6],
        end=row[7],
        precision=DatePrecision(row[8]),
        approximate=bool(row[9]),
        start_ts=row[10],
        end_ts=row[11],
    )


def list_companies(store: Store) -> list[Company]:
    """Every company (lane), with how many events it has, by name."""
    rows = store.conn.execute(
        "SELECT c.id, c.name, c.kind, coalesce(n.events, 0) FROM companies c "
        "LEFT JOIN (SELECT company_id, count(*) AS events FROM events GROUP BY company_id) n "
        "ON n.company_id = c.id ORDER BY c.name COLLATE NOCASE"
    )
    return [Company(id=r[0], name=r[1], kind=r[2], event_count=r[3]) for r in rows]


def list_categories(store: Store) -> list[tuple[int, str]]:
    return list(store.conn.execute("SELECT id, name FROM categories ORDER BY name COLLATE NOCASE"))


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
        titles.update(
            store.conn.execute(
                f"SELECT id, title FROM events WHERE id IN ({','.join('?' * len(part))})", part
            )
        )
    return titles


def search_event_ids(store: Store, text: str) -> np.ndarray | None:
    """Ids of events whose title, summary or excerpts contain every word typed, sorted;
    None when nothing was typed (no restriction)."""
    if not text.strip():
        return None
    query = fts_query(text)
    if not query:
        return np.zeros(0, dtype=np.int64)
    rows = store.conn.execute(
        "SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid", (query,)
    ).fetchall()
    return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))


def event_detail(store: Store, event_id: int) -> EventDetail | None:
    row = store.conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM {_EVENT_FROM} WHERE e.id = ?", (event_id,)
    ).fetchone()
    if row is None:
        return None
    excerpts = tuple(
        Excerpt(
            id=r[0],
            event_id=event_id,
            source=Source(
                id=r[5], title=r[6], publisher=r[7], url=r[8], published=r[9], text=r[10]
            ),
            start=r[1],
            end=r[2],
            text=r[3],
        )
        for r in store.conn.execute(
            "SELECT x.id, x.start, x.end, x.text, x.event_id, s.id, s.title, s.publisher, s.url, "
            "s.published, s.text FROM excerpts x JOIN sources s ON s.id = x.source_id "
            "WHERE x.event_id = ? ORDER BY x.source_id, x.start",
            (event_id,),
        )
    )
    return EventDetail(event=_event(row), excerpts=excerpts)


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
