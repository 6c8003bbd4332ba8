"""TimelineJS's JSON ({"title": …, "events": [slides], "eras": […]}), read one slide at a
time and written one slide per line; see timelinejs.py for what a slide becomes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from timeline_app.files import check_ends_with
from timeline_app.formats import timelinejs
from timeline_app.formats.json_stream import JsonItems
from timeline_app.formats.records import (
    CALLBACK_EVERY,
    OnProgress,
    Problems,
    Record,
    TimelineParts,
    json_type,
)

complete = check_ends_with(b"\n]}\n")


def sniff(head: bytes) -> bool:
    """An object whose slides carry "start_date" objects."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    return text.startswith("{") and '"start_date"' in text


def read(
    path: Path, problems: Problems, on_progress: OnProgress | None = None
) -> Iterator[tuple[int, Record]]:
    """Yield (slide number, record) for each quote of each event slide."""
    items = JsonItems(path)

    def slides() -> Iterator[tuple[int, dict]]:
        for number, slide in enumerate(items, start=1):
            if on_progress is not None and number % CALLBACK_EVERY == 0:
                on_progress(items.bytes_read)
            if isinstance(slide, dict):
                yield number, slide
            else:
                problems.add(number, f"is {json_type(slide)}, not a TimelineJS slide")

    yield from timelinejs.read_slides(slides(), problems)
    if on_progress is not None:
        on_progress(items.bytes_read)


def parts(path: Path, problems: Problems) -> TimelineParts:
    """The file's title slide and eras (read past its events, which stay unread)."""
    items = JsonItems(path)
    for _slide in items:
        pass
    found = TimelineParts()
    title = items.extras.get("title")
    if isinstance(title, dict):
        found.title = timelinejs.title_of(title)
    eras = items.extras.get("eras")
    if eras is not None and not isinstance(eras, list):
        problems.add(0, f"eras must be a list of era slides, not {json_type(eras)}")
        return found
    for number, slide in enumerate(eras or [], start=1):
        era = timelinejs.era_of(slide)
        if isinstance(era, str):
            problems.add(0, f"eras[{number}] {era}")
        else:
            found.eras.append(era)
    return found


def write(rows: Iterable[Record], path: Path, parts: TimelineParts | None = None) -> int:
    """{"title": …, "eras": […], "events": [...]}, one slide per event, one per line.
    Returns the number of slides."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("{")
        if parts is not None and parts.title:
            title = json.dumps(timelinejs.title_slide(parts.title), ensure_ascii=False)
            handle.write(f'"title": {title},\n')
        if parts is not None and parts.eras:
            eras = [timelinejs.era_slide(*era) for era in parts.eras]
            handle.write(f'"eras": {json.dumps(eras, ensure_ascii=False)},\n')
        handle.write('"events": [\n')
        for slide in timelinejs.slides(rows):
            handle.write((",\n" if count else "") + json.dumps(slide, ensure_ascii=False))
            count += 1
        handle.write("\n]}\n")
    return count
