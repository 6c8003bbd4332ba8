"""Importing events from CSV and JSON files; the file format is the one export writes.

File format
-----------

A **CSV** file is UTF-8 text (a byte-order mark is allowed) with a header row naming the
columns, then one row per event, or one row per excerpt of an event. Column names are
matched without regard to case or surrounding spaces; their order does not matter. Cells
are separated by commas (a file whose header is separated by semicolons or tabs is read
with that separator). Cells may be quoted and may then contain commas, quotes ("") and
line breaks. A cell that starts with an apostrophe followed by ``=``, ``+``, ``-`` or ``@``
loses that one apostrophe: export adds it so that spreadsheets do not run the cell as a
formula, and import takes it off again so that the round trip is exact.

A **JSON** file is a list of objects, or an object with an ``"events"`` list (other keys
are ignored), one object per event (or per excerpt). The keys are the CSV column names;
a value may also be ``null`` (empty), ``approximate`` may be ``true``/``false``, the
excerpt offsets may be numbers, and so may a year in start, end or source_published. An
object may carry its excerpts in an ``"excerpts"`` list instead of (or besides) the flat
excerpt columns; each entry is an object with the keys
``source_title``, ``source_publisher``, ``source_url``, ``source_published``,
``source_text``, ``excerpt`` (or ``text``), ``excerpt_start`` (or ``start``) and
``excerpt_end`` (or ``end``), meaning the same as the columns below. JSON cells are taken
as they are (no apostrophe is removed).

Columns
~~~~~~~

================  ========  ==================================================================
column            required  meaning
================  ========  ==================================================================
company           yes       the company or organisation (one timeline lane); created if new
company_kind      no        company (default), media, organisation, government, ... ; a
                            company keeps the kind it already has in the database
title             yes       the event's title
summary           no        a longer description
category          yes       e.g. Product launch, Policy, Statement; created if new
start             yes       ISO date: YYYY-MM-DD, YYYY-MM (a month) or YYYY (a year)
end               no        last day/month/year of a span, same shape as start, not before it
precision         no        day, month or year; inferred from the shape of start if empty,
                            and must match that shape if given
approximate       no        true/false, yes/no, 1/0 or empty (= false): the date is "c."
source_title      with      title of the document the excerpt quotes
                  excerpt
source_publisher  no        who published it
source_url        no        http:// or https:// address of it
source_published  no        its publication date (YYYY-MM-DD, YYYY-MM or YYYY)
source_text       with      the document's full text; the excerpt must be verbatim in it
                  excerpt
excerpt           no        the quoted words (exactly as in source_text); empty = no excerpt
excerpt_start     no        character offset (from 0) of the excerpt in source_text
excerpt_end       no        offset just after it: source_text[start:end] must equal the excerpt;
                            give both or neither; without them the first occurrence is used
================  ========  ==================================================================

Text values are stored exactly as written (no trimming); company and category names have
their spaces tidied (" Acme  Corp " is "Acme Corp"), and dates, precision, approximate,
company_kind and the offsets are trimmed. An event is identified by (company, start,
title): several rows with the same identity are one event with several excerpts, and they
must agree on its other columns. A source is identified by (source_title,
source_publisher, source_published, source_url) and must have the same source_text
wherever it appears, in the file and in the database. The source columns are only used
on rows with an excerpt. Events already in the database (same company, start and title)
are left unchanged and counted as already present, so importing a file twice adds
nothing the second time.

Checks
------

The whole file is checked before anything is written; if any row is bad, every problem is
reported with its line (CSV: the physical line where the row starts, the header being
line 1) or item number (JSON: 1-based position in the list) and nothing is written. An
exact duplicate row is a problem ("duplicate of line N"). Writing happens in one
transaction: a crash, kill or power cut while writing leaves the database as it was.

For tests, ``TIMELINE_APP_TEST_PAUSE_BEFORE_COMMIT=SECONDS`` makes every write (see
``store.Store.transaction``) print ``pausing before commit`` to stderr and sleep just before
it commits, so a test can kill the process at that point.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import os
import re
import sqlite3
import sys
import time
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

import numpy as np

from timeline_app.errors import DatabaseError, ImportProblems, TimelineError, ValidationError
from timeline_app.model import store as store_module
from timeline_app.model.cells import unneutralise
from timeline_app.model.dates import (
    DateSpan,
    infer_precision,
    parse_precision,
    period_start,
    validate_span,
)
from timeline_app.model.json_stream import JsonItems
from timeline_app.model.store import Store
from timeline_app.model.text_rules import problem_with
from timeline_app.model.writer import (
    NewEvent,
    NewExcerpt,
    NewSource,
    Writer,
    WriteResult,
    name_key,
)

COLUMNS = (
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
SOURCE_COLUMNS = (
    "source_title",
    "source_publisher",
    "source_url",
    "source_published",
    "source_text",
)
EXCERPT_COLUMNS = (*SOURCE_COLUMNS, "excerpt", "excerpt_start", "excerpt_end")
EXCERPT_ALIASES = {"text": "excerpt", "start": "excerpt_start", "end": "excerpt_end"}
TRUE_WORDS = frozenset({"true", "1", "yes"})
FALSE_WORDS = frozenset({"false", "0", "no", ""})
MAX_PROBLEMS = 1000  # kept for the message and the GUI; all are counted
MAX_REASON_CHARS = 400
_CALLBACK_EVERY = 256  # rows between progress callbacks
_SNIFF_BYTES = 8192

ProgressCallback = Callable[[int, int], object]


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportEvent:
    """One event as validate_file() found it: `event.excerpts[i].source_id` is an index into
    the sources list returned with it, not a database id."""

    line: int  # CSV line or JSON item where the event first appears
    company_kind: str  # "" when the file does not say
    event: NewEvent


class ValidatedFile(NamedTuple):
    sources: list[NewSource]
    events: list[ImportEvent]


def validate_file(
    path: str | os.PathLike[str], progress_callback: ProgressCallback | None = None
) -> ValidatedFile:
    """Check a whole file and return its contents, for a preview; raises ImportProblems
    (bad rows) or TimelineError (unreadable file). Holds everything in memory: to import,
    use import_into_store(), which streams."""
    plan = _validate(Path(path), _Progress(progress_callback, None, 1))
    sources: list[NewSource] = []
    source_index: dict[tuple[str, str, str, str], int] = {}
    events: dict[tuple[str, str, str], tuple[ImportEvent, list[NewExcerpt]]] = {}
    kinds = {name_key(name): kind for name, kind in plan.company_kinds.items()}
    for row in _reparsed_rows(plan, None):
        excerpts = []
        for excerpt in row.excerpts:
            source = excerpt.source
            key = (source.title, source.publisher, source.published, source.url)
            if key not in source_index:
                source_index[key] = len(sources)
                sources.append(source)
            excerpts.append(NewExcerpt(source_index[key], excerpt.start, excerpt.end, excerpt.text))
        ev_key = (name_key(row.company), row.span.start, row.title)
        if ev_key in events:
            events[ev_key][1].extend(excerpts)
            continue
        new = NewEvent(row.company, row.category, row.title, row.summary, row.span, row.approximate)
        events[ev_key] = (ImportEvent(row.where, kinds.get(ev_key[0], ""), new), excerpts)
    result = []
    for item, excerpts in events.values():
        event = item.event
        full = NewEvent(
            event.company,
            event.category,
            event.title,
            event.summary,
            event.span,
            event.approximate,
            tuple(excerpts),
        )
        result.append(ImportEvent(item.line, item.company_kind, full))
    return ValidatedFile(sources, result)


def import_into_store(
    store: Store,
    path: str | os.PathLike[str],
    progress_callback: ProgressCallback | None = None,
) -> WriteResult:
    """Validate `path`, then add its events to `store` in one transaction.

    progress_callback(done, total) is called every few hundred rows: `done` grows from 0 to
    `total` over checking and then writing. Raising an exception from it cancels the
    import; nothing is written. Raises ImportProblems if any row is bad.
    """
    progress = _Progress(progress_callback, None, 2)
    plan = _validate(Path(path), progress)
    return _write(store, plan, progress)


def import_file_into(
    path: str | os.PathLike[str], db: str | os.PathLike[str], progress: bool = False
) -> WriteResult:
    """The `timeline-app import FILE --db DB` command: a new DB file is made only once the
    whole import file has been found valid, and removed again if writing fails."""
    path, db = Path(path), Path(db)
    terminal = TerminalProgress() if progress else None
    tracker = _Progress(None, terminal, 2)
    try:
        plan = _validate(path, tracker)
        created = not db.exists()
        store = store_module.open_or_create(db)
        try:
            result = _write(store, plan, tracker)
        except BaseException:
            store.close()
            if created:
                for leftover in (db, db.with_name(db.name + "-journal")):
                    with contextlib.suppress(OSError):
                        leftover.unlink()
            raise
        store.close()
        return result
    finally:
        if terminal:
            terminal.clear()


# --------------------------------------------------------------------------------------------
# Progress
# --------------------------------------------------------------------------------------------


class TerminalProgress:
    """One status line on stderr, rewritten in place at most `per_second` times a second."""

    def __init__(self, stream: IO[str] | None = None, per_second: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.interval = 1.0 / per_second
        self._last = 0.0
        self._width = 0

    def show(self, text: str, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        pad = " " * max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write(f"\r{text}{pad}")
        self.stream.flush()

    def clear(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


class _Progress:
    """Feeds the GUI callback (done, total) and the terminal line from one place."""

    def __init__(
        self, callback: ProgressCallback | None, terminal: TerminalProgress | None, phases: int
    ) -> None:
        self.callback = callback
        self.terminal = terminal
        self.phases = phases
        self.scale = 1  # work units per phase (file bytes or JSON items)

    @property
    def active(self) -> bool:
        return self.callback is not None or self.terminal is not None

    def update(self, phase: int, label: str, done: int, rows: int, force: bool = False) -> None:
        done = min(done, self.scale)
        if self.callback is not None:
            self.callback(phase * self.scale + done, self.phases * self.scale)
        if self.terminal is not None:
            percent = 100 * done // max(self.scale, 1)
            self.terminal.show(f"{label} {percent}% ({rows:,} rows)", force)


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------


def _file_error(path: Path, problem: str) -> TimelineError:
    return TimelineError(f"{path}: {problem}")


def _check_import_file(path: Path) -> str:
    """The file's kind ('csv' or 'json') after checks that need only its name and size."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        shown = f"'{path.suffix}'" if path.suffix else "no extension"
        raise _file_error(path, f"unknown file type ({shown}); import reads .csv and .json files")
    if not path.exists():
        raise _file_error(path, "no such file")
    if path.is_dir():
        raise _file_error(path, "is a folder, not a CSV or JSON file")
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise _file_error(path, f"cannot be read ({exc.strerror})") from None
    if not head.strip():
        raise _file_error(path, f"is empty; it has no {suffix[1:].upper()} content")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _file_error(
            path, "is UTF-16 text, not UTF-8; save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')"
        )
    if _looks_binary(head):
        raise _file_error(path, f"is a binary file, not {suffix[1:].upper()} text")
    return suffix[1:]


def _looks_binary(head: bytes) -> bool:
    """Many NUL bytes, or bytes that are not UTF-8 along with a NUL: a picture or a
    program, not a text with one stray NUL (which its line's checks name)."""
    nuls = head.count(b"\x00")
    if not nuls:
        return False
    if nuls > 8:
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 4  # not merely a character cut by the 8 KB boundary
    return False


def _not_utf8(path: Path, offset: int, byte: int, line: int | None) -> TimelineError:
    where = f", line {line}" if line else ""
    return _file_error(
        path,
        f"is not UTF-8 text (byte 0x{byte:02X} at byte offset {offset:,}{where} cannot be "
        "decoded); save it as UTF-8 (in a spreadsheet: 'CSV UTF-8') and import it again",
    )


class _LineReader:
    """Decodes a binary file line by line, so an encoding error names its byte offset."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self.handle = handle
        self.offset = 0
        self.line = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self.handle:
            self.line += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _not_utf8(
                    self.path, self.offset + exc.start, raw[exc.start], self.line
                ) from None
            if self.line == 1 and text.startswith("\ufeff"):
                text = text[1:]
            self.offset += len(raw)
            yield text


def _delimiter(first_line: str) -> str:
    best, best_count = ",", -1
    for candidate in (",", ";", "\t"):
        names = {cell.strip().strip('"').lower() for cell in first_line.split(candidate)}
        count = len(names & set(COLUMNS))
        if count > best_count:
            best, best_count = candidate, count
    return best


def _csv_records(
    path: Path, problems: _Problems, on_progress: Callable[[int], None] | None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line, {column: value}) for each data row; header problems go to `problems`
    (missing required columns stop the reading)."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 28))
    with path.open("rb") as handle:
        lines = _LineReader(path, handle)
        line_iter = iter(lines)
        first = next(line_iter, None)
        while first is not None and not first.strip():
            first = next(line_iter, None)
        if first is None:
            raise _file_error(path, "is empty; it has no CSV content")
        header_line = lines.line
        delimiter = _delimiter(first)

        def all_lines() -> Iterator[str]:
            yield first
            yield from line_iter

        reader = csv.reader(all_lines(), delimiter=delimiter, strict=True)
        try:
            header_cells = next(reader)
        except csv.Error as exc:
            raise _file_error(
                path, f"line {header_line}: the header row is not valid CSV ({exc})"
            ) from None
        header, usable = _parse_header(header_cells, header_line, problems)
        if not usable:
            return  # rows cannot be read without their required columns
        width = len(header)
        previous_end = reader.line_num + header_line - 1
        rows_seen = 0
        while True:
            start_line = previous_end + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                reason = str(exc)
                if "unexpected end of data" in reason:
                    reason = 'a quoted cell is never closed (missing ")'
                problems.add(start_line, f"not valid CSV: {reason}")
                previous_end = reader.line_num + header_line - 1
                continue
            previous_end = reader.line_num + header_line - 1
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # blank line
            rows_seen += 1
            if on_progress is not None and rows_seen % _CALLBACK_EVERY == 0:
                on_progress(lines.offset)
            if len(cells) != width:
                problems.add(
                    start_line,
                    f"has {len(cells)} cells but the header has {width} columns "
                    "(a missing quote, or an unquoted comma?)",
                )
                continue
            record = {}
            for name, value in zip(header, cells, strict=True):
                if name is not None:
                    record[name] = unneutralise(value) if value[:1] == "'" else value
            yield start_line, record
        if on_progress is not None:
            on_progress(lines.offset)


def _parse_header(
    cells: list[str], line: int, problems: _Problems
) -> tuple[list[str | None], bool]:
    """The column of each cell position (None: ignored), and whether rows can be read."""
    names: list[str | None] = []
    seen: set[str] = set()
    unknown, twice = [], []
    for cell in cells:
        name = unneutralise(cell).strip().lower()
        if name in COLUMNS:
            if name in seen:
                twice.append(name)
                problems.add(line, f"column '{name}' appears twice in the header")
                names.append(None)
                continue
            seen.add(name)
            names.append(name)
        else:
            names.append(None)
            if name:
                unknown.append(name)
    missing = [name for name in REQUIRED if name not in seen]
    if missing:
        problems.add(
            line,
            f"missing required column(s): {', '.join(missing)} "
            f"(the header must name the columns: {', '.join(COLUMNS)})",
        )
    if unknown:
        shown = ", ".join(_show(u) for u in unknown[:10])
        more = f" and {len(unknown) - 10:,} more" if len(unknown) > 10 else ""
        problems.add(
            line, f"unknown column(s): {shown}{more} (known columns: {', '.join(COLUMNS)})"
        )
    return names, not missing and not twice


def _json_records(
    path: Path, problems: _Problems, on_progress: Callable[[int], None] | None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (item number, {field: value}), reading the file one item at a time."""
    reported_unknown: set[str] = set()
    known = (*COLUMNS, "excerpts")
    items = JsonItems(path)
    number = 0
    for number, item in enumerate(items, start=1):
        if on_progress is not None and number % _CALLBACK_EVERY == 0:
            on_progress(items.bytes_read)
        if not isinstance(item, dict):
            problems.add(number, f"is {_json_type(item)}, not an object with event fields")
            continue
        record = {}
        for key, value in item.items():
            name = str(key).strip().lower()
            if name in known:
                record[name] = value
            elif name not in reported_unknown:
                reported_unknown.add(name)
                problems.add(
                    number, f"unknown field {_show(key)} (known fields: {', '.join(known)})"
                )
        yield number, record
    if on_progress is not None:
        on_progress(items.bytes_read)


def _json_type(value: Any) -> str:
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


# --------------------------------------------------------------------------------------------
# Checking one row
# --------------------------------------------------------------------------------------------


class _Problems:
    """Every problem is counted; the first MAX_PROBLEMS are kept."""

    def __init__(self) -> None:
        self.items: list[tuple[int, str]] = []
        self.count = 0

    def add(self, where: int, reason: str) -> None:
        self.count += 1
        if len(self.items) < MAX_PROBLEMS:
            if len(reason) > MAX_REASON_CHARS:  # one line stays a line
                reason = reason[: MAX_REASON_CHARS - 1] + "…"
            self.items.append((where, reason))


def _show(value: object, limit: int = 50) -> str:
    """A value quoted for a one-line message."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


@dataclass(slots=True)
class _ParsedExcerpt:
    source: NewSource
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Row:
    where: int
    company: str
    kind: str
    title: str
    summary: str
    category: str
    span: DateSpan
    approximate: bool
    excerpts: list[_ParsedExcerpt]


_YEAR_FIELDS = frozenset({"start", "end", "source_published"})


# Free text checked against text_rules as it is read; names are checked once tidied.
_FREE_TEXT = frozenset(
    {"title", "summary", "source_title", "source_publisher", "source_url", "source_text",
     "excerpt"}
)  # fmt: skip
_SHORT = frozenset({"start", "end", "precision", "approximate", "source_published"})


def _text(record: dict[str, Any], name: str, errors: list[str], prefix: str = "") -> str:
    value = record.get(name)
    if value is None:
        return ""
    if isinstance(value, str):
        if name in _FREE_TEXT and (problem := problem_with(name, value)):
            errors.append(f"{prefix}{problem}")
            return ""
        if name in _SHORT and len(value) > 100:
            errors.append(f"{prefix}{name} is {len(value):,} characters long, not a date")
            return ""
        return value
    if name in _YEAR_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        return str(value) if 0 <= value <= 9999 else f"{value}"[:12]  # JSON {"start": 2020}
    errors.append(f"{prefix}{name} must be text, not {_json_type(value)}")
    return ""


def _name(record: dict[str, Any], field: str, errors: list[str]) -> str:
    """A company, category or kind: spaces tidied (" Acme  Corp " is "Acme Corp", so one
    lane is not split in look-alikes), then held to the rules of names."""
    name = " ".join(_text(record, field, errors).split())
    if problem := problem_with(field, name):
        errors.append(problem)
        return ""
    return name


def _approximate(record: dict[str, Any], errors: list[str]) -> bool:
    value = record.get("approximate")
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    word = value.strip().lower() if isinstance(value, str) else None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    errors.append(f"approximate must be true/false, yes/no, 1/0 or empty, not {_show(value)}")
    return False


def _offset(value: Any, name: str, errors: list[str], prefix: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        if not value.isascii() or not value.isdigit() or len(value) > 15:
            errors.append(f"{prefix}{name} must be a whole number ≥ 0, not {_show(value)}")
            return None
        number = int(value)
    else:
        errors.append(f"{prefix}{name} must be a whole number, not {_json_type(value)}")
        return None
    if number < 0:
        errors.append(f"{prefix}{name} must be ≥ 0, not {number}")
        return None
    return number


def _date_error(name: str, exc: ValidationError) -> str:
    return f"{name}: {exc}"


def _parse_span(record: dict[str, Any], errors: list[str]) -> DateSpan | None:
    start = _text(record, "start", errors).strip()
    end = _text(record, "end", errors).strip()
    given = _text(record, "precision", errors).strip()
    if not start:
        return None  # reported as an empty required field
    span = _span(start, end, given)
    if isinstance(span, str):
        errors.append(span)
        return None
    return span


@functools.lru_cache(maxsize=1 << 16)
def _span(start: str, end: str, given: str) -> DateSpan | str:
    """The checked dates of a row, or what is wrong with them (files repeat dates a lot)."""
    try:
        precision = parse_precision(given) if given else infer_precision(start)
    except ValidationError as exc:
        return _date_error("precision" if given else "start", exc)
    try:
        period_start(start, precision)
    except ValidationError as exc:
        return _date_error("start", exc)
    if end:
        try:
            period_start(end, precision)
        except ValidationError as exc:
            return _date_error("end", exc)
    try:
        return validate_span(start, end or None, precision)
    except ValidationError as exc:
        return str(exc)


def _parse_excerpt(
    record: dict[str, Any], errors: list[str], prefix: str = ""
) -> _ParsedExcerpt | None:
    """The excerpt a row (or an `excerpts` entry) gives, or None when it gives none."""
    quote = _text(record, "excerpt", errors, prefix)
    start = _offset(record.get("excerpt_start"), "excerpt_start", errors, prefix)
    end = _offset(record.get("excerpt_end"), "excerpt_end", errors, prefix)
    if not quote:
        if start is not None or end is not None:
            errors.append(f"{prefix}excerpt_start/excerpt_end are given but the excerpt is empty")
        return None
    title = _text(record, "source_title", errors, prefix)
    text = _text(record, "source_text", errors, prefix)
    publisher = _text(record, "source_publisher", errors, prefix)
    url = _text(record, "source_url", errors, prefix).strip()
    published = _text(record, "source_published", errors, prefix).strip()
    ok = True
    if not title.strip():
        errors.append(f"{prefix}source_title is empty (needed with an excerpt)")
        ok = False
    if not text:
        errors.append(f"{prefix}source_text is empty (needed with an excerpt)")
        return None
    if url and not url.lower().startswith(("http://", "https://")):
        errors.append(f"{prefix}source_url must start with http:// or https://, not {_show(url)}")
        ok = False
    if published:
        try:
            period_start(published, infer_precision(published))
        except ValidationError as exc:
            errors.append(f"{prefix}source_published: {exc}")
            ok = False
    if (start is None) != (end is None):
        errors.append(f"{prefix}give both excerpt_start and excerpt_end, or neither")
        return None
    if start is None or end is None:
        start = text.find(quote)
        if start < 0:
            errors.append(f"{prefix}excerpt not found in source_text: {_show(quote)}")
            return None
        end = start + len(quote)
    elif end > len(text) or start >= end:
        errors.append(
            f"{prefix}excerpt offsets {start}–{end} are outside the source text "
            f"({len(text):,} characters)"
            if end > len(text)
            else f"{prefix}excerpt_end ({end}) must be greater than excerpt_start ({start})"
        )
        return None
    elif text[start:end] != quote:
        errors.append(
            f"{prefix}source_text[{start}:{end}] is {_show(text[start:end], 40)}, "
            f"not the excerpt {_show(quote, 40)}"
        )
        return None
    if not ok:
        return None
    return _ParsedExcerpt(NewSource(title, text, publisher, url, published), start, end, quote)


def _parse_record(where: int, record: dict[str, Any], errors: list[str]) -> _Row | None:
    """One row, checked on its own; problems are appended to `errors`."""
    company = _name(record, "company", errors)
    title = _text(record, "title", errors)
    category = _name(record, "category", errors)
    for name in REQUIRED:
        value = record.get(name)
        if name not in record:
            errors.append(f"missing required field '{name}'")
        elif value is None or (isinstance(value, str) and not value.strip()):
            errors.append(f"{name} is empty")
    summary = _text(record, "summary", errors)
    kind = _name(record, "company_kind", errors)
    span = _parse_span(record, errors)
    approximate = _approximate(record, errors)
    excerpts = []
    if (excerpt := _parse_excerpt(record, errors)) is not None:
        excerpts.append(excerpt)
    extra = record.get("excerpts")
    if extra is not None:
        if not isinstance(extra, list):
            errors.append(f"excerpts must be a list of objects, not {_json_type(extra)}")
        else:
            for number, entry in enumerate(extra, start=1):
                prefix = f"excerpts[{number}]: "
                if not isinstance(entry, dict):
                    errors.append(f"{prefix}is {_json_type(entry)}, not an object")
                    continue
                fields = {}
                for key, value in entry.items():
                    name = EXCERPT_ALIASES.get(str(key).strip().lower(), str(key).strip().lower())
                    if name not in EXCERPT_COLUMNS:
                        errors.append(f"{prefix}unknown field {_show(key)}")
                    fields[name] = value
                if not fields.get("excerpt"):
                    errors.append(f"{prefix}has no excerpt text")
                    continue
                if (parsed := _parse_excerpt(fields, errors, prefix)) is not None:
                    excerpts.append(parsed)
    if errors or span is None:
        return None
    return _Row(where, company, kind, title, summary, category, span, approximate, excerpts)


# --------------------------------------------------------------------------------------------
# Checking the whole file (pass 1)
# --------------------------------------------------------------------------------------------


@dataclass
class _Plan:
    """What validation learnt that writing needs; small even for a huge file."""

    path: Path
    kind: str  # "csv" or "json"
    rows: int
    is_first: np.ndarray  # per row: the first row of its event in the file
    company_kinds: dict[str, str]  # companies whose kind the file states
    stat: tuple[int, int]


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _records(
    path: Path,
    kind: str,
    problems: _Problems,
    on_progress: Callable[[int], None] | None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    if kind == "json":
        return _json_records(path, problems, on_progress)
    return _csv_records(path, problems, on_progress)


def _validate(path: Path, progress: _Progress) -> _Plan:
    kind = _check_import_file(path)
    stat = _stat(path)
    unit = "item" if kind == "json" else "line"
    progress.scale = max(stat[0], 1)
    problems = _Problems()
    rows = 0

    def on_progress(done: int) -> None:
        progress.update(0, "validating", done, rows)

    # Per accepted row, hashes of what identifies it, to find duplicates and contradictions
    # afterwards with numpy (28 bytes a row, whatever the size of the file).
    where, event_hash, fields_hash, row_hash = array("i"), array("q"), array("q"), array("q")
    sources: dict[int, tuple[int, int, str]] = {}  # hash(key) -> (hash(text), where, title)
    kinds: dict[str, tuple[str, int, str]] = {}  # name_key -> (kind, where, name as written)
    errors: list[str] = []
    records = _records(path, kind, problems, on_progress if progress.active else None)
    for number, record in records:
        rows += 1
        errors.clear()
        row = _parse_record(number, record, errors)
        if row is None:
            for reason in errors:
                problems.add(number, reason)
            continue
        for excerpt in row.excerpts:
            source = excerpt.source
            key = hash((source.title, source.publisher, source.published, source.url))
            text_hash = hash(source.text)
            known = sources.setdefault(key, (text_hash, number, source.title))
            if known[0] != text_hash:
                errors.append(
                    f"source {_show(source.title, 40)} has a different source_text here "
                    f"than on {unit} {known[1]} (a source is identified by its title, "
                    "publisher, published date and url)"
                )
        if row.kind:
            known_kind = kinds.setdefault(name_key(row.company), (row.kind, number, row.company))
            if known_kind[0] != row.kind:
                errors.append(
                    f"company {_show(row.company, 40)} has company_kind {_show(row.kind)} "
                    f"here but {_show(known_kind[0])} on {unit} {known_kind[1]}"
                )
        if errors:
            for reason in errors:
                problems.add(number, reason)
            continue
        span = row.span
        company = name_key(row.company)  # "IBM" and "ibm " are one company, as when stored
        fields = (row.summary, name_key(row.category), span.end, span.precision.value,
                  row.approximate)  # fmt: skip
        excerpt_keys = tuple(
            (x.source.title, x.source.publisher, x.source.published, x.source.url, x.start, x.end)
            for x in row.excerpts
        )
        where.append(number)
        event_hash.append(hash((company, span.start, row.title)))
        fields_hash.append(hash(fields))
        row_hash.append(hash((company, span.start, row.title, fields, row.kind, excerpt_keys)))
    if progress.active:
        progress.update(0, "validating", progress.scale, rows, force=True)
    is_first, conflicts = _cross_check(where, event_hash, fields_hash, row_hash, problems, unit)
    if conflicts:
        _describe_conflicts(path, kind, conflicts, problems, unit)
    if problems.count:
        raise _problems_error(path, problems, unit)
    if _stat(path) != stat:
        raise _file_error(path, "changed while it was being checked; import it again")
    return _Plan(
        path=path,
        kind=kind,
        rows=len(where),
        is_first=is_first,
        company_kinds={name: kind for kind, _where, name in kinds.values()},
        stat=stat,
    )


def _first_equal(values: np.ndarray) -> np.ndarray:
    """For each position, the position of the first value equal to it (maybe itself)."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.ones(values.size, dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    del ordered
    first = np.empty_like(order)
    first[order] = order[starts][np.cumsum(starts) - 1]
    return first


def _cross_check(
    where: array,
    event_hash: array,
    fields_hash: array,
    row_hash: array,
    problems: _Problems,
    unit: str,
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Report duplicate rows; find rows that contradict an earlier row of the same event.
    Returns, per row, whether it is the first row of its event, and the contradicting
    (line, first line) pairs (at most MAX_PROBLEMS, all counted)."""
    count = len(where)
    if not count:
        return np.zeros(0, dtype=bool), []
    lines = np.frombuffer(where, dtype=np.int32)
    first_same = _first_equal(np.frombuffer(row_hash, dtype=np.int64))
    duplicates = np.flatnonzero(first_same != np.arange(count))
    for row in duplicates[:MAX_PROBLEMS].tolist():
        problems.add(int(lines[row]), f"duplicate of {unit} {int(lines[first_same[row]])}")
    problems.count += max(0, duplicates.size - MAX_PROBLEMS)
    del first_same
    kept = np.ones(count, dtype=bool)
    kept[duplicates] = False
    kept_rows = np.flatnonzero(kept)
    first_row = kept_rows[_first_equal(np.frombuffer(event_hash, dtype=np.int64)[kept_rows])]
    is_first = np.zeros(count, dtype=bool)
    is_first[kept_rows[first_row == kept_rows]] = True
    fields = np.frombuffer(fields_hash, dtype=np.int64)
    differ = np.flatnonzero(fields[kept_rows] != fields[first_row])
    problems.count += max(0, differ.size - MAX_PROBLEMS)
    pairs = [(int(lines[kept_rows[i]]), int(lines[first_row[i]])) for i in differ[:MAX_PROBLEMS]]
    return is_first, pairs


def _describe_conflicts(
    path: Path,
    kind: str,
    pairs: list[tuple[int, int]],
    problems: _Problems,
    unit: str,
) -> None:
    """Read the few rows involved again to say which columns disagree."""
    wanted = {line for pair in pairs for line in pair}
    rows: dict[int, _Row] = {}
    for number, record in _records(path, kind, _Problems(), None):
        if number in wanted and (row := _parse_record(number, record, [])) is not None:
            rows[number] = row
    for line, first in pairs:
        here, there = rows.get(line), rows.get(first)
        names = []
        if here is not None and there is not None:
            names = [
                name
                for name, a, b in (
                    ("summary", here.summary, there.summary),
                    ("category", here.category, there.category),
                    ("end", here.span.end, there.span.end),
                    ("precision", here.span.precision, there.span.precision),
                    ("approximate", here.approximate, there.approximate),
                )
                if a != b
            ]
        problems.add(
            line,
            f"same company, start and title as {unit} {first} but a different "
            f"{' and '.join(names) or 'description'} (rows of one event must agree)",
        )


def _problems_error(path: Path, problems: _Problems, unit: str) -> ImportProblems:
    items = sorted(problems.items, key=lambda item: item[0])
    return ImportProblems(str(path), items, unit=unit, total=problems.count)


# --------------------------------------------------------------------------------------------
# Writing (pass 2)
# --------------------------------------------------------------------------------------------


def _reparsed_rows(plan: _Plan, on_progress: Callable[[int], None] | None) -> Iterator[_Row]:
    """The rows again, parsed the same way; the file must not have changed since pass 1."""
    if _stat(plan.path) != plan.stat:
        raise _file_error(plan.path, "changed while it was being imported; nothing was imported")
    problems = _Problems()
    errors: list[str] = []
    count = 0
    for number, record in _records(plan.path, plan.kind, problems, on_progress):
        errors.clear()
        row = _parse_record(number, record, errors)
        if row is None or problems.count or count >= plan.rows:
            raise _file_error(
                plan.path, "changed while it was being imported; nothing was imported"
            )
        count += 1
        yield row
    if count != plan.rows or problems.count:
        raise _file_error(plan.path, "changed while it was being imported; nothing was imported")


def _write(store: Store, plan: _Plan, progress: _Progress) -> WriteResult:
    unit = "item" if plan.kind == "json" else "line"
    current = 0
    written = 0

    def on_progress(done: int) -> None:
        progress.update(1, "writing", done, written)

    try:
        with store.transaction() as conn:
            before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            writer = Writer(conn, bulk=True)
            for name, kind in plan.company_kinds.items():
                writer.company(name, kind)
            conflicts = _Problems()
            is_first = plan.is_first
            rows = _reparsed_rows(plan, on_progress if progress.active else None)
            for index, row in enumerate(rows):
                current = row.where
                excerpts = []
                for excerpt in row.excerpts:
                    try:
                        source_id = writer.source(excerpt.source)
                    except ValueError:
                        conflicts.add(
                            row.where,
                            f"source {_show(excerpt.source.title, 40)} is already in the "
                            "database with a different text (a source is identified by its "
                            "title, publisher, published date and url)",
                        )
                        continue
                    excerpts.append(NewExcerpt(source_id, excerpt.start, excerpt.end, excerpt.text))
                if conflicts.count:
                    continue
                if is_first[index]:
                    writer.events(
                        [
                            NewEvent(
                                row.company,
                                row.category,
                                row.title,
                                row.summary,
                                row.span,
                                row.approximate,
                                tuple(excerpts),
                            )
                        ]
                    )
                elif excerpts:  # a later row of the same event: its further quotes
                    writer.add_excerpts(row.company, row.span.start, row.title, excerpts)
                written += 1
            current = 0
            if conflicts.count:
                raise _problems_error(plan.path, conflicts, unit)
            if progress.terminal is not None:
                progress.terminal.show(f"writing 100% ({written:,} rows), indexing…", force=True)
            result = writer.finish()
            after = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            if after != before + result.added:  # nothing may add or remove rows behind us
                raise TimelineError(
                    f"{store.path}: {result.added:,} event(s) were written but the file now has "
                    f"{after - before:+,}; nothing was imported"
                )
    except sqlite3.IntegrityError as exc:
        where = (
            f"{unit} {current}: the database refused this row"
            if current
            else "the database refused the import"
        )
        raise TimelineError(
            f"{plan.path}: {where} ({refusal_reason(exc)}); nothing was imported"
        ) from None
    except sqlite3.OperationalError as exc:  # locked, input/output error
        raise DatabaseError(
            f"{store.path}: could not be written ({exc}); nothing was imported"
        ) from None
    return result


_CHECK_COLUMN = re.compile(r"CHECK constraint failed: \W*(?:typeof\()?(\w+)")


def refusal_reason(exc: sqlite3.IntegrityError) -> str:
    """SQLite names a failed CHECK by its whole expression; say which value it was."""
    text = str(exc)
    if match := _CHECK_COLUMN.match(text):
        return f"its {match.group(1)} breaks the file's rules"
    return text[:MAX_REASON_CHARS]
