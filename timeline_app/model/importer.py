"""Importing events from a file of any readable format (formats.registry): the whole file
is checked first, every problem reported with its line or item, and nothing is written
unless every record is valid; then it is written in one transaction.

The importer knows no file syntax: a format's reader yields records (dicts of the import
columns, see formats/records.py and the README's table), row_checks checks each one, and
this module finds duplicates and contradictions across the file (with numpy, on hashes, so
a huge file costs little memory), then writes. An event is identified by its `id` when the
file gives one, else by (company, start, title): several records with the same identity are
one event with several quotes, and must agree on its other fields. A source is identified
by (title, publisher, published, url) and must have the same text wherever it appears, in
the file and in the database. An event stored under the file's id is updated to what the
file says (a title corrected in a spreadsheet corrects the event); other events already in
the database are left as they are (new quotes are added to them), so importing a file twice
adds nothing the second time.

For tests, ``TIMELINE_APP_TEST_PAUSE_BEFORE_COMMIT=SECONDS`` makes every write (see
``store.Store.transaction``) print ``pausing before commit`` to stderr and sleep just before
it commits, so a test can kill the process at that point.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from timeline_app.errors import DatabaseError, ImportProblems, TimelineError
from timeline_app.formats import registry
from timeline_app.formats.records import (
    MAX_PROBLEMS,
    MAX_REASON_CHARS,
    Problems,
    Record,
    file_error,
    show,
)
from timeline_app.model import appearance, bulk_import
from timeline_app.model import store as store_module
from timeline_app.model.batch_checks import BatchChecker
from timeline_app.model.edits import FieldErrors
from timeline_app.model.eras import (
    Era,
    add_missing_eras,
    check_era,
    set_timeline_title,
    timeline_title,
)
from timeline_app.model.row_checks import Row, parse_record
from timeline_app.model.source_book import SourceBook, source_records
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
from timeline_app.progress import Callback, Progress

_SNIFF_BYTES = 8192
PHASES = {"validating": 1.0, "writing": 1.0}
ONE_PASS_PHASES = {"validating and writing": 4.0, "indexing": 1.0}  # as measured at 1M events

ProgressCallback = Callback


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
    path: str | os.PathLike[str],
    progress_callback: ProgressCallback | None = None,
    sources_file: str | os.PathLike[str] | None = None,
) -> ValidatedFile:
    """Check a whole file and return its contents, for a preview; raises ImportProblems
    (bad rows) or TimelineError (unreadable file). Holds everything in memory: to import,
    use import_into_store(), which streams."""
    plan = _validate(
        Path(path),
        Progress("checking", {"validating": 1.0}, callback=progress_callback),
        Path(sources_file) if sources_file is not None else None,
    )
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
        ev_key = (row.uid or name_key(row.company), row.span.start if not row.uid else "",
                  row.title if not row.uid else "")  # fmt: skip
        if ev_key in events:
            events[ev_key][1].extend(excerpts)
            continue
        new = NewEvent(
            row.company, row.category, row.title, row.summary, row.span, row.approximate,
            uid=row.uid,
        )  # fmt: skip
        kind = kinds.get(name_key(row.company), "")
        events[ev_key] = (ImportEvent(row.where, kind, new), excerpts)
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
            event.uid,
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
    if (result := _import_in_one_pass(store, Path(path), progress_callback, None)) is not None:
        return result
    progress = Progress("importing", PHASES, callback=progress_callback)
    plan = _validate(Path(path), progress)
    return _write(store, plan, progress)


def import_file_into(
    path: str | os.PathLike[str],
    db: str | os.PathLike[str],
    progress: bool = False,
    sources_file: str | os.PathLike[str] | None = None,
) -> WriteResult:
    """The `timeline-app import FILE --db DB [--sources FILE]` command: a new DB file is
    made once the import file's first bytes are found readable, and removed again if the
    import fails."""
    path, db = Path(path), Path(db)
    sources = Path(sources_file) if sources_file is not None else None
    tracker = Progress.on_terminal("importing", PHASES, shown=progress)
    try:
        _check_import_file(path)  # before any file is made for it
        created = not db.exists()
        store = store_module.open_or_create(db)
        try:
            one_pass = Progress.on_terminal("importing", ONE_PASS_PHASES, shown=progress)
            try:
                result = _import_in_one_pass(store, path, None, sources, one_pass)
            finally:
                one_pass.clear()
            if result is None:  # the timeline holds events: check the file, then write
                plan = _validate(path, tracker, sources)
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
        tracker.clear()


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------


def _check_import_file(path: Path) -> registry.Format:
    """The format to read `path` with, after checks that need only its first bytes."""
    named = registry.by_extension(path, registry.readers())
    what = named.name.upper() if named else "event"
    if not path.exists():
        raise file_error(path, "no such file")
    if path.is_dir():
        raise file_error(path, f"is a folder, not a {registry.extensions(registry.readers())} file")
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise file_error(path, f"cannot be read ({exc.strerror})") from None
    if not head.strip():
        raise file_error(path, f"is empty; it has no {what} content")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise file_error(
            path, "is UTF-16 text, not UTF-8; save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')"
        )
    if _looks_binary(head):
        raise file_error(path, f"is a binary file, not {what} text")
    return registry.for_reading(path, head)


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


# --------------------------------------------------------------------------------------------
# Checking the whole file (pass 1)
# --------------------------------------------------------------------------------------------


@dataclass
class _Plan:
    """What validation learnt that writing needs; small even for a huge file."""

    path: Path
    fmt: registry.Format
    rows: int
    is_first: np.ndarray  # per row: the first row of its event in the file
    company_kinds: dict[str, str]  # companies whose kind the file states
    stat: tuple[int, int]
    sources: Path | None = None  # the file giving source texts, if any
    eras: list[Era] | None = None  # the file's eras, checked (TimelineJS)
    title: str = ""  # the file's title slide (TimelineJS)


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _records(
    path: Path,
    fmt: registry.Format,
    problems: Problems,
    on_progress: Callable[[int], None] | None,
    sources: Path | None = None,
) -> Iterator[tuple[int, Record]]:
    """The file's records, each quote given its source's text when the file (or the
    sources file) gave it once before."""
    assert fmt.read is not None
    book = _source_book(sources)
    for number, record in fmt.read(path, problems, on_progress):
        book.fill(record)
        yield number, record


def _source_book(sources: Path | None) -> SourceBook:
    """The texts of a sources file (rows of source_title, source_text and the other source
    columns); refused as a whole, like an import file, if a row names no text."""
    book = SourceBook()
    if sources is None:
        return book
    fmt = _check_import_file(sources)
    problems = Problems()
    for number, record in source_records(sources, fmt.name):
        title, text = record.get("source_title"), record.get("source_text")
        if not (isinstance(title, str) and title.strip()):
            problems.add(number, "source_title is empty")
        elif not (isinstance(text, str) and text):
            problems.add(number, f"source {show(title, 40)} has no source_text")
        else:
            book.add(record)
    if problems.count:
        raise _problems_error(sources, problems, fmt.unit)
    return book


BATCH_ROWS = 2048  # records checked (and, into an empty timeline, written) together

# Called with each batch of accepted rows and their event and name hashes, as long as no
# problem has been found (an import with any problem writes nothing).
BatchSink = Callable[[list[Row], list[int], list[int]], None]


def _batches(records: Iterator[tuple[int, Record]]) -> Iterator[list[tuple[int, Record]]]:
    batch: list[tuple[int, Record]] = []
    for item in records:
        batch.append(item)
        if len(batch) == BATCH_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch


def _validate(
    path: Path,
    progress: Progress,
    sources_file: Path | None = None,
    sink: BatchSink | None = None,
    phase: str = "validating",
) -> _Plan:
    fmt = _check_import_file(path)
    stat = _stat(path)
    unit = fmt.unit
    size = max(stat[0], 1)
    problems = Problems()
    rows = 0

    def on_progress(done: int) -> None:
        progress.show(phase, done / size, f"{rows:,} rows")

    # Per accepted row, hashes of what identifies it, to find duplicates and contradictions
    # afterwards with numpy (36 bytes a row, whatever the size of the file). An event is
    # identified by its id when it has one; its company, start and title must then still
    # name one event only.
    where, event_hash, fields_hash, row_hash = array("i"), array("q"), array("q"), array("q")
    name_hash = array("q")
    sources: dict[int, tuple[int, int, str]] = {}  # hash(key) -> (hash(text), where, title)
    kinds: dict[str, tuple[str, int, str]] = {}  # name_key -> (kind, where, name as written)
    errors: list[str] = []
    records = _records(path, fmt, problems, on_progress if progress.active else None, sources_file)
    checker = BatchChecker()
    for batch in _batches(records):
        rows += len(batch)
        accepted: list[Row] = []
        start = len(where)
        for row in checker.check(batch, problems.add):
            if row is None:
                continue
            number = row.where
            errors.clear()
            for excerpt in row.excerpts:
                source = excerpt.source
                key = hash((source.title, source.publisher, source.published, source.url))
                text_hash = hash(source.text)
                known = sources.setdefault(key, (text_hash, number, source.title))
                if known[0] != text_hash:
                    errors.append(
                        f"source {show(source.title, 40)} has a different source_text here "
                        f"than on {unit} {known[1]} (a source is identified by its title, "
                        "publisher, published date and url)"
                    )
            if row.kind:
                known_kind = kinds.setdefault(
                    name_key(row.company), (row.kind, number, row.company)
                )
                if known_kind[0] != row.kind:
                    errors.append(
                        f"company {show(row.company, 40)} has company_kind {show(row.kind)} "
                        f"here but {show(known_kind[0])} on {unit} {known_kind[1]}"
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
                (x.source.title, x.source.publisher, x.source.published, x.source.url,
                 x.start, x.end)
                for x in row.excerpts
            )  # fmt: skip
            named = hash((company, span.start, row.title))
            where.append(number)
            name_hash.append(named)
            if row.uid:
                event_hash.append(hash(("id", row.uid)))
                fields_hash.append(hash((fields, company, span.start, row.title)))
            else:
                event_hash.append(named)
                fields_hash.append(hash(fields))
            row_hash.append(hash((row.uid, company, span.start, row.title, fields, row.kind,
                                  excerpt_keys)))  # fmt: skip
            accepted.append(row)
        if sink is not None and not problems.count and accepted:
            sink(accepted, event_hash[start:].tolist(), name_hash[start:].tolist())
    if progress.active:
        progress.show(phase, 1.0, f"{rows:,} rows", force=True)
    is_first, conflicts = _cross_check(where, event_hash, fields_hash, row_hash, problems, unit)
    _one_id_per_event(where, name_hash, is_first, problems, unit)
    title, file_eras = _parts(path, fmt, problems)
    if conflicts:
        _describe_conflicts(path, fmt, conflicts, problems, unit)
    if problems.count:
        raise _problems_error(path, problems, unit)
    if _stat(path) != stat:
        raise file_error(path, "changed while it was being checked; import it again")
    return _Plan(
        path=path,
        fmt=fmt,
        rows=len(where),
        is_first=is_first,
        company_kinds={name: kind for kind, _where, name in kinds.values()},
        stat=stat,
        sources=sources_file,
        eras=file_eras,
        title=title,
    )


def _parts(path: Path, fmt: registry.Format, problems: Problems) -> tuple[str, list[Era]]:
    """The title and the eras a file holds besides its events, each era checked."""
    if fmt.parts is None:
        return "", []
    found = fmt.parts(path, problems)
    checked = []
    for name, start, end in found.eras:
        try:
            checked.append(check_era(name, start, end))
        except FieldErrors as exc:
            problems.add(0, f"era {show(name, 40)}: {exc}")
    if found.title and (problem := problem_with("timeline_title", found.title)):
        problems.add(0, f"the title slide: {problem}")
    return found.title, checked


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
    problems: Problems,
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


def _one_id_per_event(
    where: array, name_hash: array, is_first: np.ndarray, problems: Problems, unit: str
) -> None:
    """Two events of the file (told apart by their ids) with the same company, start and
    title would be one event in the file: the second id would be lost."""
    firsts = np.flatnonzero(is_first)
    if firsts.size < 2:
        return
    names = np.frombuffer(name_hash, dtype=np.int64)[firsts]
    first_same = _first_equal(names)
    clashes = np.flatnonzero(first_same != np.arange(firsts.size))
    lines = np.frombuffer(where, dtype=np.int32)
    for index in clashes[:MAX_PROBLEMS].tolist():
        problems.add(
            int(lines[firsts[index]]),
            f"same company, start and title as {unit} {int(lines[firsts[first_same[index]]])} "
            "but a different id (one event has one id)",
        )
    problems.count += max(0, clashes.size - MAX_PROBLEMS)


def _describe_conflicts(
    path: Path,
    fmt: registry.Format,
    pairs: list[tuple[int, int]],
    problems: Problems,
    unit: str,
) -> None:
    """Read the few rows involved again to say which columns disagree."""
    wanted = {line for pair in pairs for line in pair}
    rows: dict[int, Row] = {}
    for number, record in _records(path, fmt, Problems(), None):
        if number in wanted and (row := parse_record(number, record, [])) is not None:
            rows[number] = row
    for line, first in pairs:
        here, there = rows.get(line), rows.get(first)
        names = []
        if here is not None and there is not None:
            names = [
                name
                for name, a, b in (
                    ("company", name_key(here.company), name_key(there.company)),
                    ("start", here.span.start, there.span.start),
                    ("title", here.title, there.title),
                    ("summary", here.summary, there.summary),
                    ("category", here.category, there.category),
                    ("end", here.span.end, there.span.end),
                    ("precision", here.span.precision, there.span.precision),
                    ("approximate", here.approximate, there.approximate),
                )
                if a != b
            ]
        same = "id" if here is not None and here.uid else "company, start and title"
        problems.add(
            line,
            f"same {same} as {unit} {first} but a different "
            f"{' and '.join(names) or 'description'} (rows of one event must agree)",
        )


def _problems_error(path: Path, problems: Problems, unit: str) -> ImportProblems:
    items = sorted(problems.items, key=lambda item: item[0])
    rows = {at: problems.rows[at] for at, _reason in items if at in problems.rows}
    return ImportProblems(str(path), items, unit=unit, total=problems.count, rows=rows)


# --------------------------------------------------------------------------------------------
# Into an empty timeline: checked and written in one pass
# --------------------------------------------------------------------------------------------


def _import_in_one_pass(
    store: Store,
    path: Path,
    callback: ProgressCallback | None,
    sources_file: Path | None,
    progress: Progress | None = None,
) -> WriteResult | None:
    """Into a timeline with no events or sources yet: the file read once, each batch of rows
    written as soon as it is checked (bulk_import), everything rolled back if any row is
    bad. None when the timeline holds events or sources (nothing is done then)."""
    _check_import_file(path)  # a file that cannot be read is refused before any lock
    if store.readonly or not bulk_import.fits(store.conn):
        return None  # (a read-only file is refused by the two-pass import, as before)
    progress = progress or Progress("importing", ONE_PASS_PHASES, callback=callback)
    try:
        with store.transaction() as conn:
            if not bulk_import.fits(conn):  # another program added events meanwhile
                return None
            bulk = bulk_import.BulkImport(conn)
            try:
                plan = _validate(
                    path, progress, sources_file, sink=bulk.add, phase="validating and writing"
                )
                if bulk.stopped:  # cannot happen: the checks that stop it report a problem
                    raise TimelineError(f"{path}: a row could not be written; nothing was imported")
                result = bulk.finish(
                    plan.company_kinds,
                    lambda share: progress.show("indexing", share, force=True),
                )
            except BaseException:
                bulk.stop()  # its thread is done with the connection before the rollback
                raise
            _finish_write(store, conn, plan, result, before=0)
    except sqlite3.IntegrityError as exc:
        raise _refused(path, exc) from None
    except sqlite3.OperationalError as exc:  # locked, input/output error
        raise _not_written(store, exc) from None
    return result


# --------------------------------------------------------------------------------------------
# Writing (pass 2)
# --------------------------------------------------------------------------------------------


def _reparsed_rows(plan: _Plan, on_progress: Callable[[int], None] | None) -> Iterator[Row]:
    """The rows again, parsed the same way; the file must not have changed since pass 1."""
    if _stat(plan.path) != plan.stat:
        raise file_error(plan.path, "changed while it was being imported; nothing was imported")
    problems = Problems()
    count = 0
    checker = BatchChecker()
    records = _records(plan.path, plan.fmt, problems, on_progress, plan.sources)
    for batch in _batches(records):
        for row in checker.check(batch, problems.add):
            if row is None or problems.count or count >= plan.rows:
                raise file_error(
                    plan.path, "changed while it was being imported; nothing was imported"
                )
            count += 1
            yield row
    if count != plan.rows or problems.count:
        raise file_error(plan.path, "changed while it was being imported; nothing was imported")


def _write(store: Store, plan: _Plan, progress: Progress) -> WriteResult:
    unit = plan.fmt.unit
    current = 0
    written = 0
    size = max(plan.stat[0], 1)

    def on_progress(done: int) -> None:
        progress.show("writing", done / size, f"{written:,} rows")

    try:
        with store.transaction() as conn:
            before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            writer = Writer(conn, bulk=True)
            for name, kind in plan.company_kinds.items():
                writer.company(name, kind)
            conflicts = Problems()
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
                            f"source {show(excerpt.source.title, 40)} is already in the "
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
                                row.uid,
                            )
                        ]
                    )
                elif excerpts:  # a later row of the same event: its further quotes
                    writer.add_excerpts(row.company, row.span.start, row.title, excerpts)
                written += 1
            current = 0
            if conflicts.count:
                raise _problems_error(plan.path, conflicts, unit)
            progress.show("writing", 1.0, f"{written:,} rows, indexing", force=True)
            result = writer.finish()
            _finish_write(store, conn, plan, result, before)
    except sqlite3.IntegrityError as exc:
        where = f"{unit} {current}: the database refused this row" if current else None
        raise _refused(plan.path, exc, where) from None
    except sqlite3.OperationalError as exc:  # locked, input/output error
        raise _not_written(store, exc) from None
    return result


def _finish_write(
    store: Store, conn: sqlite3.Connection, plan: _Plan, result: WriteResult, before: int
) -> None:
    """What every import does once its events are in: the file's eras and title, the looks
    of new lanes, and a count of what was written."""
    result.eras_added = add_missing_eras(conn, plan.eras or [])
    if plan.title and not timeline_title(conn):
        set_timeline_title(conn, plan.title)
        result.title = plan.title
    after = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    appearance.store_missing(conn)  # new lanes and categories keep their looks
    if after != before + result.added:  # nothing may add or remove rows behind us
        raise TimelineError(
            f"{store.path}: {result.added:,} event(s) were written but the file now has "
            f"{after - before:+,}; nothing was imported"
        )


_CHECK_COLUMN = re.compile(r"CHECK constraint failed: \W*(?:typeof\()?(\w+)")


def refusal_reason(exc: sqlite3.IntegrityError) -> str:
    """SQLite names a failed CHECK by its whole expression; say which value it was."""
    text = str(exc)
    if match := _CHECK_COLUMN.match(text):
        return f"its {match.group(1)} breaks the file's rules"
    if text.startswith("UNIQUE constraint failed: events.company_id"):
        return "another stored event has the same company, start and title"
    return text[:MAX_REASON_CHARS]


def _refused(path: Path, exc: sqlite3.IntegrityError, where: str | None = None) -> TimelineError:
    """A row the file's rules refused, as both import paths say it: nothing was imported."""
    where = where or "the database refused the import"
    return TimelineError(f"{path}: {where} ({refusal_reason(exc)}); nothing was imported")


def _not_written(store: Store, exc: sqlite3.OperationalError) -> DatabaseError:
    """A write the file refused (locked, input/output error), as both import paths say it."""
    return DatabaseError(f"{store.path}: could not be written ({exc}); nothing was imported")
