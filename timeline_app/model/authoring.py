"""The edits scripts make from the command line: add a source from a file, add an event
(with a quote given as its words), delete an event. Each is one transaction with the same
checks as the window's editor; the built-in dataset is never changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from timeline_app.errors import TimelineError, ValidationError
from timeline_app.model import appearance, derived, edits, lane_changes, lanes
from timeline_app.model.dataset import builtin_database_path, locate_quote
from timeline_app.model.edits import EventFields, FieldErrors, Quote, SourceFields
from timeline_app.model.store import Store, create_store, open_store


def _writable(db: Path, *, create: bool = False) -> Store:
    """The timeline to change; with `create`, a new one when there is no file yet."""
    if db.resolve() == builtin_database_path().resolve():
        raise TimelineError(
            f"{db}: is the built-in dataset, which stays as it was built; copy it and change "
            "the copy"
        )
    if create and not db.exists():
        return create_store(db)
    return open_store(db)


# Up to this many events, a missing or stale lane cache is simply rebuilt after an edit;
# beyond, it is left for the next opening of the file to rebuild (seconds, once).
REBUILD_LIMIT = 200_000


def _cached_index(conn: sqlite3.Connection) -> lanes.LaneIndex | None:
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    index, _why = lanes.read_cached_index(
        conn, events, lanes.company_ids(conn), derived.category_ids(conn), thorough=False
    )
    return index


def _keep_cache(conn: sqlite3.Connection, before: lanes.LaneIndex | None, ids: list[int]) -> None:
    """The lane cache after an edit, from the cache before it and the touched rows, so a
    script's next opening of the file reads one blob rather than every row."""
    if before is not None:
        lanes.store_lane_cache(conn, lane_changes.apply_edit(before, conn, ids)[0])
    elif conn.execute("SELECT count(*) FROM events").fetchone()[0] <= REBUILD_LIMIT:
        lanes.store_lane_cache(conn)


def _reasons(exc: FieldErrors) -> str:
    return "; ".join(f"{field}: {why}" for field, why in exc.errors.items())


def add_source_file(
    db: Path,
    path: Path,
    *,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> int:
    """Store an article's text (text, Markdown, HTML or PDF); details given here win over
    what the file's metadata says. Returns the new source's id."""
    from timeline_app.ingest.article import read_article

    article = read_article(path)
    fields = SourceFields(
        title if title is not None else (article.title or path.stem),
        publisher if publisher is not None else article.publisher,
        url if url is not None else article.url,
        published if published is not None else article.published,
    )
    with _writable(db, create=True) as store, store.transaction() as conn:
        before = _cached_index(conn)
        try:
            source_id = edits.add_source(conn, fields, article.text)
        except FieldErrors as exc:
            raise ValidationError(f"{path}: {_reasons(exc)}") from None
        _keep_cache(conn, before, [])
        return source_id


def add_event(
    db: Path,
    fields: EventFields,
    *,
    source_id: int | None = None,
    quote: str | None = None,
    occurrence: int = 1,
) -> int:
    """Add an event; with `quote`, those words of source `source_id` (its `occurrence`-th
    appearance when they occur more than once) become its quote. Returns its id."""
    if (quote is None) != (source_id is None):
        raise ValidationError("--source and --quote go together: the words, and where they are")
    with _writable(db, create=quote is None) as store, store.transaction() as conn:
        before = _cached_index(conn)
        if quote is not None and source_id is not None:
            row = conn.execute("SELECT text FROM sources WHERE id = ?", (source_id,)).fetchone()
            if row is None:
                raise ValidationError(f"{db}: there is no source {source_id}")
            try:
                at = locate_quote(row[0], quote, occurrence)
            except ValidationError as exc:
                raise ValidationError(f"source {source_id}: {exc}") from None
            fields = EventFields(**{
                **{name: getattr(fields, name) for name in EventFields.__slots__},
                "quotes": (Quote(source_id, at, at + len(quote)),),
            })  # fmt: skip
        try:
            event_id = edits.save_event(conn, None, fields)
        except FieldErrors as exc:
            raise ValidationError(_reasons(exc)) from None
        appearance.store_missing(conn)
        _keep_cache(conn, before, [event_id])
        return event_id


def delete_event(db: Path, event_id: int) -> str:
    """Delete an event and its quotes; returns its title."""
    with _writable(db) as store, store.transaction() as conn:
        before = _cached_index(conn)
        title = edits.event_title(conn, event_id)
        edits.delete_event(conn, event_id)
        _keep_cache(conn, before, [event_id])
        return title
