"""The one shape every event file is read into and written from: a record per row, keyed
by the import columns, and the problems found on the way, each with its line or item.

A record is a dict {column: value}; readers give values as the file holds them (text, or
for JSON also numbers, booleans, null and an "excerpts" list) and the importer checks them.
Writers receive the same dicts, values as text."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from timeline_app.errors import TimelineError

COLUMNS = (
    "id",
    "company",
    "company_kind",
    "title",
    "summary",
    "category",
    "start",
    "end",
    "precision",
    "approximate",
    "source_title",
    "source_publisher",
    "source_url",
    "source_published",
    "source_text",
    "excerpt",
    "excerpt_start",
    "excerpt_end",
)
REQUIRED = ("company", "title", "category", "start")
# Written by `propose` for the person reviewing the file; import reads and ignores them.
REVIEW_COLUMNS = ("date_phrase", "confidence")
SOURCE_COLUMNS = (
    "source_title",
    "source_publisher",
    "source_url",
    "source_published",
    "source_text",
)
EXCERPT_COLUMNS = (*SOURCE_COLUMNS, "excerpt", "excerpt_start", "excerpt_end")
EXCERPT_ALIASES = {"text": "excerpt", "start": "excerpt_start", "end": "excerpt_end"}
MAX_PROBLEMS = 1000  # kept for the message and the window; all are counted
MAX_REASON_CHARS = 400
CALLBACK_EVERY = 256  # records between progress calls

Record = dict[str, Any]
OnProgress = Callable[[int], None]  # bytes of the file read so far


class RowsByLine:
    """A CSV record's spreadsheet row by the line it starts on, where the two differ (after
    a cell with line breaks): messages name both. Kept as the lines where the difference
    changes, so a million records after one such cell cost one entry, not a million (a
    dict of them was a fifth of a big import's memory). Lines are given in order."""

    def __init__(self) -> None:
        self._lines: list[int] = []
        self._shifts: list[int] = []  # line - row from each of _lines on
        self._none: set[int] = set()  # lines that start no record (invalid CSV)

    def __setitem__(self, line: int, row: int) -> None:
        if (self._shifts[-1] if self._shifts else 0) != line - row:
            self._lines.append(line)
            self._shifts.append(line - row)

    def no_row(self, line: int) -> None:
        self._none.add(line)

    def _shift(self, line: int) -> int:
        at = bisect.bisect_right(self._lines, line) - 1
        return self._shifts[at] if at >= 0 and line not in self._none else 0

    def __contains__(self, line: object) -> bool:
        return isinstance(line, int) and self._shift(line) != 0

    def __getitem__(self, line: int) -> int:
        if line not in self:
            raise KeyError(line)
        return line - self._shift(line)


class Problems:
    """Every problem is counted; the first MAX_PROBLEMS are kept, each cut to one line."""

    def __init__(self) -> None:
        self.items: list[tuple[int, str]] = []
        self.count = 0
        self.rows = RowsByLine()

    def add(self, where: int, reason: str) -> None:
        self.count += 1
        if len(self.items) < MAX_PROBLEMS:
            if len(reason) > MAX_REASON_CHARS:
                reason = reason[: MAX_REASON_CHARS - 1] + "…"
            self.items.append((where, reason))


@dataclass
class TimelineParts:
    """What a file holds besides events (TimelineJS: a title slide and eras): eras as
    (name, start, end) with dates as written, YYYY[-MM[-DD]], their ends included."""

    title: str = ""
    eras: list[tuple[str, str, str]] = field(default_factory=list)


class Reader(Protocol):
    def __call__(
        self, path: Path, problems: Problems, on_progress: OnProgress | None
    ) -> Iterator[tuple[int, Record]]:
        """Yield (line or item number, record); problems of the file's own syntax go to
        `problems`, damage that stops the reading raises TimelineError."""
        ...


def file_error(path: Path, problem: str) -> TimelineError:
    return TimelineError(f"{path}: {problem}")


def show(value: object, limit: int = 50) -> str:
    """A value quoted for a one-line message."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)
