"""This app's JSON: a list of event objects, or an object whose "events" key holds that
list, one object per event or per quote of an event; a "sources" list before it may give
each source's text once (as exports write it), the events then naming their sources by
title (and publisher, date and link where titles repeat). Other keys are ignored.

The keys are the CSV column names; a value may also be null (empty), approximate may be
true/false, the excerpt offsets may be numbers, and so may a year in start, end or
source_published. An object may carry its quotes in an "excerpts" list of objects with the
source and excerpt keys (or text, start and end). Values are taken as they are (no
apostrophe is removed). The file is read one item at a time (json_stream), and problems
are reported by item number (1-based)."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from timeline_app.files import check_ends_with
from timeline_app.formats.json_stream import JsonItems
from timeline_app.formats.records import (
    CALLBACK_EVERY,
    COLUMNS,
    REVIEW_COLUMNS,
    SOURCE_COLUMNS,
    OnProgress,
    Problems,
    Record,
    json_type,
    show,
)
from timeline_app.model.source_book import SourceBook

complete = check_ends_with(b"\n]}\n")
KNOWN = (*COLUMNS, "excerpts")


def sniff(head: bytes) -> bool:
    """A JSON list, or an object with an "events" list whose items are not TimelineJS
    slides (which carry "start_date" objects)."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return True
    return text.startswith("{") and '"start_date"' not in text


def read(
    path: Path, problems: Problems, on_progress: OnProgress | None = None
) -> Iterator[tuple[int, Record]]:
    """Yield (item number, {field: value}), reading the file one item at a time."""
    reported_unknown: set[str] = set()
    items = JsonItems(path)
    book = SourceBook()
    for number, item in enumerate(items, start=1):
        if on_progress is not None and number % CALLBACK_EVERY == 0:
            on_progress(items.bytes_read)
        if number == 1:  # the keys before the events have been read by now
            book = _sources_list(items.extras.get("sources"), problems)
        if not isinstance(item, dict):
            problems.add(number, f"is {json_type(item)}, not an object with event fields")
            continue
        record = {}
        for key, value in item.items():
            name = str(key).strip().lower()
            if name in KNOWN:
                record[name] = value
            elif name in REVIEW_COLUMNS:
                continue
            elif name not in reported_unknown:
                reported_unknown.add(name)
                problems.add(
                    number, f"unknown field {show(key)} (known fields: {', '.join(KNOWN)})"
                )
        book.fill(record)
        yield number, record
    if on_progress is not None:
        on_progress(items.bytes_read)


def _sources_list(given: Any, problems: Problems) -> SourceBook:
    """The texts of a "sources" list that comes before the events."""
    book = SourceBook()
    if given is None:
        return book
    if not isinstance(given, list):
        problems.add(0, f"sources must be a list of source objects, not {json_type(given)}")
        return book
    for number, source in enumerate(given, start=1):
        if not isinstance(source, dict) or not isinstance(source.get("source_text"), str):
            problems.add(0, f"sources[{number}] is not an object with a source_text")
            continue
        book.add({str(key).strip().lower(): value for key, value in source.items()})
    return book


def write(rows: Iterable[Record], path: Path) -> int:
    """{"sources": [...], "events": [...]}: each source's text once, then one object per
    row, one row per line. The events go through a temporary file first (the sources they
    quote are known only at the end), so memory stays bounded."""
    count = 0
    sources: dict[tuple[str, ...], Record] = {}
    with tempfile.TemporaryFile("w+", encoding="utf-8", dir=path.parent) as events:
        for row in rows:
            if row.get("source_text"):
                key = tuple(str(row.get(name) or "") for name in _SOURCE_KEYS)
                sources.setdefault(key, {name: row.get(name) or "" for name in SOURCE_COLUMNS})
            row = {name: value for name, value in row.items() if name != "source_text"}
            events.write((",\n" if count else "") + json.dumps(row, ensure_ascii=False))
            count += 1
        events.seek(0)
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write('{"sources": [\n')
            handle.write(",\n".join(json.dumps(s, ensure_ascii=False) for s in sources.values()))
            handle.write('\n],\n"events": [\n')
            shutil.copyfileobj(events, handle)
            handle.write("\n]}\n")
    return count


_SOURCE_KEYS = ("source_title", "source_publisher", "source_published", "source_url")
