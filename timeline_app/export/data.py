"""The filtered events as records of the import columns, written by their format's writer:
an export can always be imported again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from timeline_app.errors import TimelineError
from timeline_app.files import written_atomically
from timeline_app.formats.records import COLUMNS, Record, TimelineParts
from timeline_app.formats.registry import Format
from timeline_app.model import eras, query
from timeline_app.model.filters import FilterState
from timeline_app.model.store import Store


def data_rows(store: Store, state: FilterState) -> Iterator[Record]:
    """One record per quote (one for an event without any), in time order. A source's
    full text is written once, on the first row that quotes it; later rows name it by its
    title, publisher, date and link (import fills the text in)."""
    kinds = {c.id: c.kind for c in query.list_companies(store)}
    written: set[tuple[str, str, str, str]] = set()
    for event in query.find_events(store, state):
        detail = query.event_detail(store, event.id)
        base: Record = {
            "id": event.uid,
            "company": event.company,
            "company_kind": kinds.get(event.company_id, "company"),
            "title": event.title,
            "summary": event.summary,
            "category": event.category,
            "start": event.start,
            "end": event.end or "",
            "precision": event.precision.value,
            "approximate": "true" if event.approximate else "false",
        }
        excerpts = detail.excerpts if detail else ()
        if not excerpts:
            yield {**base, **{c: "" for c in COLUMNS if c not in base}}
        for excerpt in excerpts:
            source = excerpt.source
            identity = (source.title, source.publisher, source.published, source.url)
            first = identity not in written
            written.add(identity)
            yield {
                **base,
                "source_title": source.title,
                "source_publisher": source.publisher,
                "source_url": source.url,
                "source_published": source.published,
                "source_text": source.text if first else "",
                "excerpt": excerpt.text,
                "excerpt_start": excerpt.start,
                "excerpt_end": excerpt.end,
            }


def timeline_parts(store: Store, state: FilterState) -> TimelineParts:
    """The title and the eras that overlap the exported range (all of them unfiltered)."""
    t0, t1 = state.time_range
    return TimelineParts(
        eras.timeline_title(store.conn),
        [
            (era.name, era.start, era.end)
            for era in eras.list_eras(store.conn)
            if (t1 is None or era.start_ts < t1) and (t0 is None or era.end_ts > t0)
        ],
    )


def export_data(store: Store, state: FilterState, out: Path, fmt: Format) -> int:
    """Write the filtered events in `fmt` (and the title and eras, where it holds them);
    returns the number of records."""
    if fmt.write is None:
        raise TimelineError(f"{out}: {fmt.label} cannot hold events")
    with written_atomically(out, fmt.complete) as partial:
        try:
            if fmt.writes_parts:
                return fmt.write(data_rows(store, state), partial, timeline_parts(store, state))
            return fmt.write(data_rows(store, state), partial)
        except OSError as exc:
            raise TimelineError(f"{out}: cannot write ({exc.strerror})") from None
