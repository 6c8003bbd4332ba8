"""The TimelineJS spreadsheet (Knight Lab's Google Sheets template) saved as CSV: a header
row of Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date,
Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group,
Background (and, in newer templates, Alt Text and Tag). Each row is a slide; see
timelinejs.py for what it becomes. Problems name the spreadsheet row (the header is row 1)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from timeline_app.files import check_ends_with
from timeline_app.formats import timelinejs
from timeline_app.formats.cells import neutralise
from timeline_app.formats.records import (
    OnProgress,
    Problems,
    Record,
    TimelineParts,
    file_error,
)

COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
           "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
           "Media Thumbnail", "Type", "Group", "Background", "Alt Text", "Tag")  # fmt: skip
complete = check_ends_with(b"\r\n")


def sniff(head: bytes) -> bool:
    """A header row with the sheet's Year and Headline columns."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    names = {cell.strip().strip('"').lower() for cell in first.split(",")}
    return {"year", "headline"} <= names


def _slide(row: dict[str, str]) -> dict[str, Any]:
    def get(name: str) -> str:
        return (row.get(name.lower()) or "").strip()

    slide: dict[str, Any] = {
        "start_date": {"year": get("Year"), "month": get("Month"), "day": get("Day")},
        "display_date": get("Display Date"),
        "text": {"headline": get("Headline"), "text": get("Text")},
        "group": get("Group"),
        "type": get("Type"),
        "tag": get("Tag"),
        "media": {
            "url": get("Media"),
            "credit": get("Media Credit"),
            "caption": get("Media Caption"),
        },  # fmt: skip
    }
    if get("End Year"):
        slide["end_date"] = {"year": get("End Year"), "month": get("End Month"),
                             "day": get("End Day")}  # fmt: skip
    return slide


def read(
    path: Path, problems: Problems, on_progress: OnProgress | None = None
) -> Iterator[tuple[int, Record]]:
    """Yield (spreadsheet row, record) for each quote of each event row."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise file_error(path, f"is not UTF-8 text (byte offset {exc.start:,})") from None
    except OSError as exc:
        raise file_error(path, f"cannot be read ({exc.strerror})") from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(rows, [])]
    if "year" not in header or "headline" not in header:
        problems.add(1, "the header has no Year and Headline columns of the TimelineJS sheet")
        return
    yield from timelinejs.read_slides(_numbered(header, rows), problems)
    if on_progress is not None:
        on_progress(len(data))


def _numbered(header: list[str], rows: Iterator[list[str]]) -> Iterator[tuple[int, dict]]:
    return (
        (number, _slide(dict(zip(header, cells, strict=False))))
        for number, cells in enumerate(rows, start=2)
        if any(cell.strip() for cell in cells)
    )


def parts(path: Path, problems: Problems) -> TimelineParts:
    """The sheet's title row and era rows (Type "title" and "era")."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (UnicodeDecodeError, OSError):
        return TimelineParts()  # read() has said why already
    rows = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(rows, [])]
    return timelinejs.parts_of_slides(_numbered(header, rows), problems)


def write(rows: Iterable[Record], path: Path, parts: TimelineParts | None = None) -> int:
    """The sheet's columns: the title row and era rows first, then one row per event
    (cells a spreadsheet would run as a formula guarded). Returns the number of events."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        if parts is not None and parts.title:
            headline = timelinejs.title_slide(parts.title)["text"]["headline"]
            title = {"Type": "title", "Headline": headline}
            writer.writerow([neutralise(title.get(name, "")) for name in COLUMNS])
        for era_name, first, last in parts.eras if parts is not None else []:
            era = timelinejs.era_slide(era_name, first, last)
            begin, finish = era["start_date"], era["end_date"]
            cells = {
                "Year": begin["year"], "Month": begin["month"], "Day": begin["day"],
                "End Year": finish["year"], "End Month": finish["month"],
                "End Day": finish["day"], "Headline": era["text"]["headline"], "Type": "era",
            }  # fmt: skip
            writer.writerow([neutralise(cells.get(column, "")) for column in COLUMNS])
        for slide in timelinejs.slides(rows):
            start, end = slide["start_date"], slide.get("end_date") or {}
            cells = {
                "Year": start.get("year", ""), "Month": start.get("month", ""),
                "Day": start.get("day", ""), "End Year": end.get("year", ""),
                "End Month": end.get("month", ""), "End Day": end.get("day", ""),
                "Display Date": slide["display_date"], "Headline": slide["text"]["headline"],
                "Text": slide["text"]["text"], "Group": slide["group"],
                "Tag": slide.get("tag", ""),
            }  # fmt: skip
            writer.writerow([neutralise(cells.get(name, "")) for name in COLUMNS])
            count += 1
    return count
