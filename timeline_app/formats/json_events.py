"""This app's JSON: a list of event objects, or an object whose "events" key holds that
list (other keys are ignored), one object per event or per quote of an event.

The keys are the CSV column names; a value may also be null (empty), approximate may be
true/false, the excerpt offsets may be numbers, and so may a year in start, end or
source_published. An object may carry its quotes in an "excerpts" list of objects with the
source and excerpt keys (or text, start and end). Values are taken as they are (no
apostrophe is removed). The file is read one item at a time (json_stream), and problems
are reported by item number (1-based)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from timeline_app.files import check_ends_with
from timeline_app.formats.json_stream import JsonItems
from timeline_app.formats.records import (
    CALLBACK_EVERY,
    COLUMNS,
    REVIEW_COLUMNS,
    OnProgress,
    Problems,
    Record,
    json_type,
    show,
)

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
    for number, item in enumerate(items, start=1):
        if on_progress is not None and number % CALLBACK_EVERY == 0:
            on_progress(items.bytes_read)
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
        yield number, record
    if on_progress is not None:
        on_progress(items.bytes_read)


def write(rows: Iterable[Record], path: Path) -> int:
    """{"events": [...]} with one object per row, one row per line."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write('{"events": [\n')
        for row in rows:
            handle.write((",\n" if count else "") + json.dumps(row, ensure_ascii=False))
            count += 1
        handle.write("\n]}\n")
    return count
