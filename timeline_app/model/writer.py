"""Adding companies, sources, events and excerpts; shared by the dataset build, import and
the generator so that every path enforces the same rules and keeps search and caches in step.

Callers hold a Store.transaction(); nothing here commits.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from timeline_app.model import schema
from timeline_app.model.dates import DateSpan
from timeline_app.model.text_rules import name_key

if TYPE_CHECKING:
    from timeline_app.model.lanes import LaneIndex


@dataclass(frozen=True, slots=True)
class NewSource:
    title: str
    text: str
    publisher: str = ""
    url: str = ""
    published: str = ""


@dataclass(frozen=True, slots=True)
class NewExcerpt:
    source_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class NewEvent:
    company: str
    category: str
    title: str
    summary: str
    span: DateSpan
    approximate: bool
    excerpts: tuple[NewExcerpt, ...] = ()
    uid: str | None = None  # the stable identifier a file gave; else a new one is made


@dataclass
class WriteResult:
    added: int = 0
    already_present: int = 0  # stored already, exactly as the file gives them
    updated: int = 0  # stored already under the file's id, changed to what the file says
    excerpts_added_to_present: int = 0  # new quotes for events that were already stored
    eras_added: int = 0
    title: str = ""  # the timeline's title, when the import gave the timeline one
    new_companies: list[str] = field(default_factory=list)


def _ids_by_name(rows: Iterable[tuple[str, int]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for name, row_id in rows:  # oldest first: a file with both spellings keeps the first
        ids.setdefault(name_key(name), row_id)
    return ids


class Writer:
    """Remembers ids it has looked up, so bulk writes do one query per new name.

    With `bulk=True` the search index's triggers are set aside for the writer's transaction
    and finish() indexes what was written in one statement and puts them back: a trigger per
    row would index each event once per quote. finish() must then be called before commit
    (a rollback restores the triggers by itself)."""

    def __init__(self, conn: sqlite3.Connection, *, bulk: bool = False) -> None:
        import sqlite_utils  # here, not at the top: it adds 0.1 s to every start of the app

        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._companies = _ids_by_name(conn.execute("SELECT name, id FROM companies ORDER BY id"))
        self._categories = _ids_by_name(conn.execute("SELECT name, id FROM categories ORDER BY id"))
        self._first_new_event = (conn.execute("SELECT max(id) FROM events").fetchone()[0] or 0) + 1
        self.result = WriteResult()
        self._reindex: set[int] = set()  # stored events whose quotes changed
        self.bulk = bulk
        if bulk:
            schema.drop_row_triggers(conn)

    @property
    def first_new_event(self) -> int:
        """The id of the first event added in this writer's transaction."""
        return self._first_new_event

    def company(self, name: str, kind: str = "company") -> int:
        """ "IBM", "ibm" and "IBM " are one lane, named as first written."""
        key = name_key(name)
        if key not in self._companies:
            self._companies[key] = self._insert("companies", {"name": name, "kind": kind})
            self.result.new_companies.append(name)
        return self._companies[key]

    def category(self, name: str) -> int:
        key = name_key(name)
        if key not in self._categories:
            self._categories[key] = self._insert("categories", {"name": name})
        return self._categories[key]

    def source(self, source: NewSource) -> int:
        """The id of an identical source already stored, or of a newly added one."""
        key = (source.title, source.publisher, source.published, source.url)
        row = self.conn.execute(
            "SELECT id, text FROM sources WHERE title = ? AND publisher = ? AND published = ? "
            "AND url = ?",
            key,
        ).fetchone()
        if row:
            if row[1] != source.text:
                raise ValueError(f"source {source.title!r} is already stored with another text")
            return row[0]
        return self._insert(
            "sources",
            {
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "published": source.published,
                "text": source.text,
            },
        )

    def _insert(self, table: str, row: dict[str, object]) -> int:
        """One row of a small table, through sqlite-utils (inside our transaction)."""
        pk = self.db.table(table).insert(row).last_pk
        assert isinstance(pk, int)
        return pk

    def find_event(self, company: str, start: str, title: str) -> int | None:
        """The id of the event import would call the same: same company, start and title."""
        row = self.conn.execute(
            "SELECT id FROM events WHERE company_id = ? AND start_date = ? AND title = ?",
            (self.company(company), start, title),
        ).fetchone()
        return row[0] if row else None

    def events(self, events: Iterable[NewEvent]) -> None:
        """Insert events and their excerpts; an event already stored (same id, or else same
        company, start and title) is counted, or updated to what the file says when it has
        that id, never duplicated. Anything else the file refuses is an error: a row is
        never dropped in silence."""
        for event in events:
            span = event.span
            if event.uid is not None and self._update_by_uid(event):
                continue
            if self.find_event(event.company, span.start, event.title) is not None:
                self.result.already_present += 1
                self._add_new_excerpts(event)
                continue
            # Raw SQL: a million events a file, and each one's id is needed for its quotes
            # (sqlite-utils' insert() costs 18 times as much per row: 37 µs against 2).
            cur = self.conn.execute(
                "INSERT INTO events (company_id, category_id, title, summary, "
                "start_date, end_date, precision, approximate, uid) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*self._columns(event), event.uid or str(uuid.uuid4())),
            )
            self.result.added += 1
            self.conn.executemany(
                "INSERT INTO excerpts (event_id, source_id, start, end, text) "
                "VALUES (?, ?, ?, ?, ?)",
                [(cur.lastrowid, x.source_id, x.start, x.end, x.text) for x in event.excerpts],
            )

    def _columns(self, event: NewEvent) -> tuple[object, ...]:
        """company_id, category_id, title, summary, start_date, end_date, precision,
        approximate: an event as its row holds it."""
        span = event.span
        return (
            self.company(event.company),
            self.category(event.category),
            event.title,
            event.summary,
            span.start,
            span.end,
            span.precision.value,
            int(event.approximate),
        )

    def _update_by_uid(self, event: NewEvent) -> bool:
        """The stored event with the file's id, brought to the file's fields (a title
        corrected in a spreadsheet corrects the event); False when no event has that id."""
        row = self.conn.execute(
            "SELECT id, company_id, category_id, title, summary, start_date, end_date, "
            "precision, approximate FROM events WHERE uid = ?",
            (event.uid,),
        ).fetchone()
        if row is None:
            return False
        wanted = self._columns(event)
        if tuple(row[1:]) == wanted:
            self.result.already_present += 1
        else:
            self.conn.execute(
                "UPDATE events SET company_id = ?, category_id = ?, title = ?, summary = ?, "
                "start_date = ?, end_date = ?, precision = ?, approximate = ? WHERE id = ?",
                (*wanted, row[0]),
            )
            self.result.updated += 1
            self._reindex.add(row[0])
        self._add_new_excerpts(event)
        return True

    def _add_new_excerpts(self, event: NewEvent) -> None:
        """An event already stored keeps its fields, but quotes it did not have are added:
        re-importing adds nothing twice, and a file with more evidence is not ignored."""
        self.add_excerpts(event.company, event.span.start, event.title, event.excerpts)

    def add_excerpts(
        self, company: str, start: str, title: str, excerpts: Sequence[NewExcerpt]
    ) -> int:
        """Add the quotes an event (identified as import does) does not have yet."""
        if not excerpts:
            return 0
        event_id = self.find_event(company, start, title)
        if event_id is None:
            return 0
        have = set(
            self.conn.execute(
                "SELECT source_id, start, end FROM excerpts WHERE event_id = ?", (event_id,)
            )
        )
        new = [x for x in excerpts if (x.source_id, x.start, x.end) not in have]
        self.conn.executemany(
            "INSERT INTO excerpts (event_id, source_id, start, end, text) VALUES (?, ?, ?, ?, ?)",
            [(event_id, x.source_id, x.start, x.end, x.text) for x in new],
        )
        if new and event_id < self._first_new_event:  # new events are indexed by finish()
            self.result.excerpts_added_to_present += len(new)
            self._reindex.add(event_id)
        return len(new)

    def finish(self, lanes: LaneIndex | None = None) -> WriteResult:
        """Index what was written for search (bulk writes) and rebuild the lane cache, or
        store `lanes` as it when the caller made it from the arrays it wrote."""
        if self.bulk:
            schema.fill_search_index(self.conn, "e.id >= ?", (self._first_new_event,))
            for event_id in sorted(self._reindex):
                schema.fill_search_index(self.conn, "e.id = ?", (event_id,))
            schema.create_row_triggers(self.conn)
            self.bulk = False
        from timeline_app.model.lanes import store_lane_cache

        store_lane_cache(self.conn, lanes)
        return self.result
