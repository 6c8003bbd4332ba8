"""Writing an import file's rows while they are read, into a timeline that has no events and
no sources yet (a new file, the usual first import): one read of the file instead of two.

Every row is checked in Python before it is written (batch_checks, then the importer's
checks across rows), so the schema's per-row checks would only check it again: they are
turned off for this transaction's inserts and the quotes' verbatim trigger set aside, as the
generator does, and both are back in force before commit (`PRAGMA integrity_check` re-runs
the CHECKs). The secondary indexes are built once at the end; the search index is filled
as the rows go in from the texts in hand (with merging of its segments deferred and a larger
buffer; both settings put back), and the lane cache is made from arrays kept on the way.

Nothing an import finds wrong is ever committed: once a problem is found no further row is
written, and the importer raises, so the transaction is rolled back. An event is known by
its hash (as the importer's checks know it); a later row of the same event adds its quotes
to it, those an earlier row gave being skipped, as the two-pass import does.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from timeline_app.model import schema
from timeline_app.model.hash_lookup import HashLookup
from timeline_app.model.lanes import lane_index_from_columns, store_lane_cache
from timeline_app.model.row_checks import ParsedExcerpt, Row
from timeline_app.model.statement_thread import StatementThread
from timeline_app.model.store import watch_for_interrupts
from timeline_app.model.text_rules import name_key
from timeline_app.model.writer import NewSource, WriteResult

_PRECISION = {"day": 0, "month": 1, "year": 2}  # as lanes.PRECISION_SQL numbers them
_QUOTES_JOINED = " … "  # as schema.EXCERPTS_OF joins an event's quotes for the search index
# FTS5's settings while the index is filled: no merging of its segments as it grows, and a
# 16 MB buffer (1 MB by default) so there are fewer to merge; then its defaults again.
_FTS_LOADING = {"automerge": 0, "hashsize": 16 << 20}
_FTS_DEFAULTS = {"automerge": 4, "hashsize": 1 << 20}
_INSERT_EVENT = (
    "INSERT INTO events (id, company_id, category_id, title, summary, start_date, end_date, "
    "precision, approximate, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_EXCERPT = (
    "INSERT INTO excerpts (id, event_id, source_id, start, end, text) VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_SOURCE = (
    "INSERT INTO sources (id, title, publisher, url, published, text) VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_SEARCH = "INSERT INTO events_fts (rowid, title, summary, excerpts) VALUES (?, ?, ?, ?)"


def fits(conn: sqlite3.Connection) -> bool:
    """Whether this way applies: no event and no source is stored yet."""
    return not conn.execute(
        "SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM sources)"
    ).fetchone()[0]


@dataclass
class _Batch:
    """The statements' rows for one batch of the file."""

    companies: list[tuple] = field(default_factory=list)
    categories: list[tuple] = field(default_factory=list)
    sources: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    excerpts: list[tuple] = field(default_factory=list)
    search: list[tuple] = field(default_factory=list)


class BulkImport:
    """Rows in, as batches the importer has checked; finish() makes the file whole."""

    def __init__(self, conn: sqlite3.Connection, *, threaded: bool = True) -> None:
        self.conn = conn
        self._companies = {
            name_key(n): i for i, n in conn.execute("SELECT id, name FROM companies")
        }
        self._categories = {
            name_key(n): i for i, n in conn.execute("SELECT id, name FROM categories")
        }
        self._next_company = _next_id(conn, "companies")
        self._next_category = _next_id(conn, "categories")
        self.first_event = self._next_event = _next_id(conn, "events")
        self._next_source = _next_id(conn, "sources")
        self._next_excerpt = _next_id(conn, "excerpts")
        self._new_companies: dict[str, tuple[int, str]] = {}  # name_key -> (id, as written)
        self._sources: dict[tuple[str, str, str, str], int] = {}
        self._events = HashLookup()  # event hash (the importer's) -> event id
        self._names = HashLookup()  # hash of company, start and title -> event id
        self._quotes = HashLookup()  # hash of (event id, source id, start, end) -> 1
        self._touched: list[int] = []  # events given quotes after they were indexed
        # lanes.FIELDS of every event written, each as narrow as its values allow.
        self._lanes = [array(code) for code in ("q", "q", "q", "q", "b", "b", "q")]
        self.stopped = False  # a row that cannot be written: the import must fail
        self._indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('events', 'excerpts')"
        ).fetchall()
        (self._verbatim,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name = 'excerpts_verbatim_insert'"
        ).fetchone()
        schema.drop_row_triggers(conn)
        conn.execute("DROP TRIGGER excerpts_verbatim_insert")
        for name, _sql in self._indexes:
            conn.execute(f'DROP INDEX "{name}"')
        _fts_settings(conn, _FTS_LOADING)
        conn.execute("PRAGMA ignore_check_constraints = ON")
        # SQLite holds the connection's mutex through a statement, and the progress handler
        # needs Python's lock: with the statements on their own thread, the window reading
        # from the connection meanwhile (holding Python's lock, waiting for the mutex) would
        # wait forever for a handler waiting for it. Each batch is short; Cancel still works.
        conn.set_progress_handler(None, 0)
        self._thread = StatementThread(threaded=threaded)

    # ------------------------------------------------------------------ rows in
    def add(self, rows: list[Row], event_hashes: list[int], name_hashes: list[int]) -> None:
        """Write a batch of checked rows (event_hashes and name_hashes: the importer's, per
        row). A row that would make a second event of one company, start and title stops the
        writing: the importer reports that clash and the import fails."""
        if self.stopped:
            return
        hashes = np.array(event_hashes, dtype=np.int64)
        stored = self._events.get(hashes).tolist()
        given_before = self._quotes_given_before(rows, stored)
        batch = _Batch()
        new_ids: dict[int, int] = {}  # event hash -> id, for events new in this batch
        texts: dict[int, list[str]] = {}  # quotes of this batch's new events, for search
        quotes: set[int] = set()  # quote hashes of this batch's rows before the current one
        new_hashes: list[int] = []
        new_names: list[int] = []
        for row, event_hash, name_hash, known in zip(
            rows, event_hashes, name_hashes, stored, strict=True
        ):
            event_id = known if known >= 0 else new_ids.get(event_hash, -1)
            first = event_id < 0
            if first:
                event_id = self._next_event
                self._next_event += 1
                new_ids[event_hash] = event_id
                new_hashes.append(event_hash)
                new_names.append(name_hash)
                texts[event_id] = []
                self._event(row, event_id, batch)
            row_quotes = []
            for excerpt in row.excerpts:
                source_id = self._source(excerpt.source, batch)
                quote = _quote_hash(event_id, excerpt)
                if not first and (quote in quotes or quote in given_before):
                    continue  # an earlier row of this event gave this quote
                row_quotes.append(quote)
                batch.excerpts.append(
                    (self._next_excerpt, event_id, source_id, excerpt.start, excerpt.end,
                     excerpt.text)
                )  # fmt: skip
                self._next_excerpt += 1
                if event_id in texts:
                    texts[event_id].append(excerpt.text)
                else:
                    self._touched.append(event_id)
            quotes.update(row_quotes)
        if not self._new_names_are_free(np.array(new_names, dtype=np.int64)):
            self.stopped = True
            return
        self._events.add(np.array(new_hashes, dtype=np.int64), np.array(list(new_ids.values())))
        self._quotes.add(np.fromiter(quotes, dtype=np.int64), np.ones(len(quotes)))
        batch.search = [
            (event[0], event[3], event[4], _QUOTES_JOINED.join(texts[event[0]]))
            for event in batch.events
        ]
        self._thread.submit(lambda: self._write(batch))

    def _quotes_given_before(self, rows: list[Row], stored: list[int]) -> set[int]:
        """The quotes of rows whose event an earlier batch wrote that an earlier batch
        gave it already (one look-up for the whole batch)."""
        wanted = [
            _quote_hash(event_id, excerpt)
            for row, event_id in zip(rows, stored, strict=True)
            if event_id >= 0
            for excerpt in row.excerpts
        ]
        if not wanted:
            return set()
        keys = np.array(wanted, dtype=np.int64)
        return set(keys[self._quotes.get(keys) >= 0].tolist())

    def _new_names_are_free(self, names: np.ndarray) -> bool:
        """No two events of the file share a company, start and title (the stored events'
        unique key); the first clash stops the writing."""
        if np.unique(names).size != names.size or (self._names.get(names) >= 0).any():
            return False
        self._names.add(names, np.zeros(names.size, dtype=np.int64))
        return True

    def _event(self, row: Row, event_id: int, batch: _Batch) -> None:
        span = row.span
        company_id = self._company(row, batch)
        category_id = self._category(row.category, batch)
        batch.events.append(
            (event_id, company_id, category_id, row.title, row.summary, span.start, span.end,
             span.precision.value, int(row.approximate), row.uid or str(uuid.uuid4()))
        )  # fmt: skip
        for column, value in zip(
            self._lanes,
            (company_id, span.start_ts, span.end_ts, category_id,
             _PRECISION[span.precision.value], int(row.approximate), event_id),
            strict=True,
        ):  # fmt: skip
            column.append(value)

    def _company(self, row: Row, batch: _Batch) -> int:
        key = name_key(row.company)
        found = self._companies.get(key)
        if found is None:
            found = self._companies[key] = self._next_company
            self._next_company += 1
            self._new_companies[key] = (found, row.company)
            batch.companies.append((found, row.company, row.kind or "company"))
        return found

    def _category(self, name: str, batch: _Batch) -> int:
        key = name_key(name)
        found = self._categories.get(key)
        if found is None:
            found = self._categories[key] = self._next_category
            self._next_category += 1
            batch.categories.append((found, name))
        return found

    def _source(self, source: NewSource, batch: _Batch) -> int:
        key = (source.title, source.publisher, source.published, source.url)
        found = self._sources.get(key)
        if found is None:
            found = self._sources[key] = self._next_source
            self._next_source += 1
            batch.sources.append(
                (found, source.title, source.publisher, source.url, source.published,
                 source.text)
            )  # fmt: skip
        return found

    def _write(self, batch: _Batch) -> None:
        """On the statement thread: one batch's rows, parents first."""
        conn = self.conn
        conn.executemany("INSERT INTO companies (id, name, kind) VALUES (?, ?, ?)", batch.companies)
        conn.executemany("INSERT INTO categories (id, name) VALUES (?, ?)", batch.categories)
        conn.executemany(_INSERT_SOURCE, batch.sources)
        conn.executemany(_INSERT_EVENT, batch.events)
        conn.executemany(_INSERT_EXCERPT, batch.excerpts)
        conn.executemany(_INSERT_SEARCH, batch.search)

    # ------------------------------------------------------------------ the end
    def stop(self) -> None:
        """The import failed: wait for the statement under way; the caller rolls back."""
        self._thread.stop()
        watch_for_interrupts(self.conn)
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA ignore_check_constraints = OFF")

    def finish(self, company_kinds: dict[str, str], report: Callable[[float], None]) -> WriteResult:
        """Everything written: the companies' stated kinds, the rules, triggers and indexes
        back in force, the search index completed and the lane cache stored. report(share)
        moves a progress bar through these steps."""
        self._thread.join()
        report(0.0)
        conn = self.conn
        watch_for_interrupts(conn)
        conn.execute("PRAGMA ignore_check_constraints = OFF")
        result = WriteResult(added=self._next_event - self.first_event)
        stated = {name_key(name): (name, kind) for name, kind in company_kinds.items()}
        new = self._new_companies
        for key, (name, kind) in stated.items():
            if key in new:  # named as the row that states its kind writes it, as before
                update = "UPDATE companies SET name = ?, kind = ? WHERE id = ?"
                conn.execute(update, (name, kind, new[key][0]))
        # As the two-pass import lists them: those whose kind the file states first.
        result.new_companies = [name for key, (name, _kind) in stated.items() if key in new]
        result.new_companies += [name for key, (_id, name) in new.items() if key not in stated]
        conn.execute(self._verbatim)
        for number, (_name, sql) in enumerate(self._indexes):
            conn.execute(sql)
            report(0.7 * (number + 1) / len(self._indexes))
        if self._touched:
            touched = json.dumps(sorted(set(self._touched)))
            schema.fill_search_index(conn, "e.id IN (SELECT value FROM json_each(?))", (touched,))
        _fts_settings(conn, _FTS_DEFAULTS)
        schema.create_row_triggers(conn)
        report(0.8)
        # Every event of the file is one this import wrote (there were none before).
        self._events = self._names = self._quotes = HashLookup()  # memory for what follows
        columns = [np.frombuffer(column, dtype=column.typecode) for column in self._lanes]
        store_lane_cache(conn, lane_index_from_columns(conn, columns))
        report(1.0)
        return result


def _quote_hash(event_id: int, excerpt: ParsedExcerpt) -> int:
    """What makes two quotes of an event the same: their source and offsets."""
    source = excerpt.source
    return hash((event_id, source.title, source.publisher, source.published, source.url,
                 excerpt.start, excerpt.end))  # fmt: skip


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def _fts_settings(conn: sqlite3.Connection, settings: dict[str, int]) -> None:
    for name, value in settings.items():
        conn.execute("INSERT INTO events_fts (events_fts, rank) VALUES (?, ?)", (name, value))
