"""This app's CSV: UTF-8 (a byte-order mark is allowed), a header row naming the import
columns in any order and case, then one row per event or per quote of an event.

Cells are separated by commas; a file whose header is separated by semicolons or tabs is
read with that separator. Quoted cells may hold commas, quotes ("") and line breaks. A cell
starting with an apostrophe before =, +, -, @, a tab or a carriage return loses that one
apostrophe (cells.py): export adds it so spreadsheets do not run the cell as a formula.
Problems are reported by the physical line where a row starts, the header being line 1."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, cast

from timeline_app.errors import TimelineError
from timeline_app.files import check_ends_with
from timeline_app.formats.cells import neutralise, unneutralise
from timeline_app.formats.records import (
    CALLBACK_EVERY,
    COLUMNS,
    MAX_PROBLEMS,
    REQUIRED,
    REVIEW_COLUMNS,
    OnProgress,
    Problems,
    Record,
    file_error,
    show,
)

complete = check_ends_with(b"\r\n")  # a whole file ends with its last row's line break


def sniff(head: bytes) -> bool:
    """A header row naming at least the required columns, with any separator."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = _delimiter(first)
    names = {cell.strip().strip('"').lower() for cell in first.split(delimiter)}
    return set(REQUIRED) <= names


def not_utf8(path: Path, offset: int, byte: int, line: int | None) -> TimelineError:
    where = f", line {line}" if line else ""
    return file_error(
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
                raise not_utf8(
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


def read(
    path: Path, problems: Problems, on_progress: OnProgress | None = None
) -> Iterator[tuple[int, Record]]:
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
            raise file_error(path, "is empty; it has no CSV content")
        header_line = lines.line
        delimiter = _delimiter(first)

        def all_lines() -> Iterator[str]:
            yield first
            yield from line_iter

        reader = csv.reader(all_lines(), delimiter=delimiter, strict=True)
        try:
            header_cells = next(reader)
        except csv.Error as exc:
            raise file_error(
                path, f"line {header_line}: the header row is not valid CSV ({exc})"
            ) from None
        header, usable = _parse_header(header_cells, header_line, problems)
        if not usable:
            return  # rows cannot be read without their required columns
        width = len(header)
        every_column_named = None not in header
        previous_end = reader.line_num + header_line - 1
        rows_seen = 0
        row = header_line  # the spreadsheet's row: one per record, a cell may span lines
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
                if problems.count <= MAX_PROBLEMS:  # (only kept problems are shown)
                    problems.rows.no_row(start_line)
                previous_end = reader.line_num + header_line - 1
                continue
            previous_end = reader.line_num + header_line - 1
            row += 1
            if row != start_line:
                problems.rows[start_line] = row
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # blank line
            rows_seen += 1
            if on_progress is not None and rows_seen % CALLBACK_EVERY == 0:
                on_progress(lines.offset)
            if len(cells) != width:
                problems.add(
                    start_line,
                    f"has {len(cells)} cells but the header has {width} columns "
                    "(a missing quote, or an unquoted comma?)",
                )
                continue
            pairs = zip(header, cells, strict=True)
            record: Record = (
                cast(Record, dict(pairs)) if every_column_named
                else {name: value for name, value in pairs if name is not None}
            )  # fmt: skip
            joined = "\x00".join(cells)  # one C-level look for a cell opening with '
            if joined[:1] == "'" or "\x00'" in joined:
                for name, value in record.items():
                    if value[:1] == "'":
                        record[name] = unneutralise(value)
            yield start_line, record
        if on_progress is not None:
            on_progress(lines.offset)


def _parse_header(cells: list[str], line: int, problems: Problems) -> tuple[list[str | None], bool]:
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
            if name and name not in REVIEW_COLUMNS:
                unknown.append(name)
    missing = [name for name in REQUIRED if name not in seen]
    if missing:
        problems.add(
            line,
            f"missing required column(s): {', '.join(missing)} "
            f"(the header must name the columns: {', '.join(COLUMNS)})",
        )
    if unknown:
        listed = ", ".join(show(u) for u in unknown[:10])
        more = f" and {len(unknown) - 10:,} more" if len(unknown) > 10 else ""
        problems.add(
            line, f"unknown column(s): {listed}{more} (known columns: {', '.join(COLUMNS)})"
        )
    return names, not missing and not twice


def write(rows: Iterable[Record], path: Path) -> int:
    """Every row under a header of all the columns (and the review columns when the rows
    have them); cells a spreadsheet would run as a
    formula are guarded. Returns the number of rows."""
    count = 0
    rows = iter(rows)
    first = next(rows, None)
    review = tuple(c for c in REVIEW_COLUMNS if first is not None and c in first)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=(*COLUMNS, *review))
        writer.writeheader()
        for row in itertools.chain([first] if first is not None else [], rows):
            writer.writerow({key: neutralise(value) for key, value in row.items()})
            count += 1
    return count
