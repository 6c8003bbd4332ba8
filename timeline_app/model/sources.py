"""The sources of a timeline as the source reader lists and shows them: each with how many
events quote it, its text, and where in the text each quote is (with its event's company,
whose colour highlights it). Values are read as defensively as everything else from the
file: a crafted file may hold anything."""

from __future__ import annotations

from dataclasses import dataclass

from timeline_app.model.query import text_of
from timeline_app.model.store import Store
from timeline_app.model.text_rules import RULES
from timeline_app.model.types import Source


@dataclass(frozen=True, slots=True)
class SourceEntry:
    id: int
    title: str
    publisher: str
    published: str
    events: int  # events that quote it


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quote inside the source shown: text[start:end] backs event `event_id`."""

    excerpt_id: int
    event_id: int
    start: int
    end: int
    company_id: int


def list_sources(store: Store) -> list[SourceEntry]:
    """Every source, newest publication first, then by title."""
    rows = store.conn.execute(
        f"SELECT s.id, substr(s.title, 1, {RULES['source_title'].max_chars + 1}), "
        f"substr(s.publisher, 1, {RULES['source_publisher'].max_chars + 1}), "
        "substr(s.published, 1, 20), "
        "(SELECT count(DISTINCT x.event_id) FROM excerpts x WHERE x.source_id = s.id) "
        "FROM sources s ORDER BY s.published DESC, s.title COLLATE NOCASE, s.id"
    )
    return [
        SourceEntry(
            int(row[0]),
            text_of(row[1], "source_title"),
            text_of(row[2], "source_publisher"),
            text_of(row[3]),
            int(row[4] or 0),
        )
        for row in rows
        if isinstance(row[0], int)
    ]


def source(store: Store, source_id: int) -> Source | None:
    row = store.conn.execute(
        f"SELECT id, substr(title, 1, {RULES['source_title'].max_chars + 1}), "
        f"substr(publisher, 1, {RULES['source_publisher'].max_chars + 1}), "
        f"substr(url, 1, {RULES['source_url'].max_chars + 1}), substr(published, 1, 20), "
        f"substr(text, 1, {RULES['source_text'].max_chars}) FROM sources WHERE id = ?",
        (source_id,),
    ).fetchone()
    if row is None:
        return None
    return Source(
        id=int(row[0]),
        title=text_of(row[1], "source_title"),
        publisher=text_of(row[2], "source_publisher"),
        url=text_of(row[3], "source_url"),
        published=text_of(row[4]),
        text=text_of(row[5]),
    )


def quotes_in(store: Store, source_id: int) -> list[QuoteSpan]:
    """The quotes taken from a source, in text order (only sound offsets)."""
    rows = store.conn.execute(
        "SELECT x.id, x.event_id, x.start, x.end, e.company_id FROM excerpts x "
        "JOIN events e ON e.id = x.event_id WHERE x.source_id = ? ORDER BY x.start, x.id",
        (source_id,),
    )
    return [
        QuoteSpan(*row)
        for row in rows
        if all(isinstance(value, int) for value in row) and 0 <= row[2] < row[3]
    ]


def quotes_of_event(store: Store, event_id: int) -> list[tuple[int, int, int]]:
    """(source id, start, end) of each quote of an event, in the order they were added."""
    rows = store.conn.execute(
        "SELECT source_id, start, end FROM excerpts WHERE event_id = ? ORDER BY id", (event_id,)
    )
    return [row for row in rows if all(isinstance(value, int) for value in row)]


@dataclass(frozen=True, slots=True)
class QuotedEvent:
    """An event stored with a quote from a given source: what a proposal is compared with."""

    event_id: int
    company: str
    start: str
    start_quote: int
    end_quote: int


def quoted_events(store: Store, source_id: int) -> list[QuotedEvent]:
    rows = store.conn.execute(
        "SELECT e.id, c.name, e.start_date, x.start, x.end FROM excerpts x "
        "JOIN events e ON e.id = x.event_id JOIN companies c ON c.id = e.company_id "
        "WHERE x.source_id = ? ORDER BY x.start",
        (source_id,),
    )
    return [
        QuotedEvent(row[0], text_of(row[1]), text_of(row[2]), row[3], row[4])
        for row in rows
        if isinstance(row[3], int) and isinstance(row[4], int)
    ]


def quoted_events_of_text(store: Store, text: str) -> list[QuotedEvent]:
    """The events quoting any source whose text is exactly `text` (the same article added
    before, whatever its details)."""
    found: list[QuotedEvent] = []
    for (source_id,) in store.conn.execute("SELECT id FROM sources WHERE text = ?", (text,)):
        found += quoted_events(store, source_id)
    return found
