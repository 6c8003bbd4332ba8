"""Every file format the app reads or writes, in one table: the command line's help, the
import and export dialogs' file filters and the choice of a reader or writer all come from
it. Adding a format is one module and one line in FORMATS (or a register() call).

A file to import is recognised by its content (its first bytes), its extension deciding
only between formats whose content fits: a .json file says which JSON it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from timeline_app.errors import TimelineError
from timeline_app.files import Check, check_ends_with, check_pdf, check_svg
from timeline_app.formats import csv_events, json_events, timelinejs_csv, timelinejs_json
from timeline_app.formats.records import Problems, Reader, TimelineParts

Writer = Callable[..., int]  # (records, path[, parts]) -> rows written; raises OSError
PartsReader = Callable[[Path, Problems], TimelineParts]


@dataclass(frozen=True)
class Format:
    name: str  # what --format and messages call it
    label: str  # for file dialogs: "CSV data, one row per event"
    extensions: tuple[str, ...]  # lower case, with the dot; the first is the usual one
    kind: str  # "events": records in and/or out; "image" or "page": made by the export package
    unit: str = "line"  # where an import problem is: "line" (physical) or "item"
    read: Reader | None = None
    write: Writer | None = None
    sniff: Callable[[bytes], bool] | None = None  # does a file's start look like this?
    complete: Check | None = None  # what is wrong with a written file, or None
    # A file that holds a title and eras besides its events: how to read them, and
    # whether `write` takes them as its third argument.
    parts: PartsReader | None = None
    writes_parts: bool = False

    @property
    def pattern(self) -> str:
        return " ".join(f"*{extension}" for extension in self.extensions)


FORMATS: list[Format] = [
    Format(
        "csv", "CSV data, one row per event", (".csv",), "events", "line",
        csv_events.read, csv_events.write, csv_events.sniff, csv_events.complete,
    ),
    Format(
        "json", "JSON data", (".json",), "events", "item",
        json_events.read, json_events.write, json_events.sniff, json_events.complete,
    ),
    Format(
        "timelinejs", "TimelineJS JSON", (".json",), "events", "item",
        timelinejs_json.read, timelinejs_json.write, timelinejs_json.sniff,
        timelinejs_json.complete, timelinejs_json.parts, True,
    ),
    Format(
        "timelinejs-csv", "TimelineJS spreadsheet (CSV)", (".csv",), "events", "line",
        timelinejs_csv.read, timelinejs_csv.write, timelinejs_csv.sniff,
        timelinejs_csv.complete, timelinejs_csv.parts, True,
    ),
    Format("png", "PNG image", (".png",), "image", complete=check_ends_with(b"IEND\xaeB`\x82")),
    Format("svg", "SVG vector image", (".svg",), "image", complete=check_svg),
    Format("pdf", "PDF document", (".pdf",), "image", complete=check_pdf),
    Format(
        "html", "Interactive web page (HTML)", (".html", ".htm"), "page",
        complete=check_ends_with(b"</html>\n"),
    ),
]  # fmt: skip
DRAWN = ("image", "page")  # kinds the export package makes from the timeline itself


def register(fmt: Format) -> None:
    """Add a format (a plug-in, or a test); a format of the same name is replaced."""
    unregister(fmt.name)
    FORMATS.append(fmt)


def unregister(name: str) -> None:
    FORMATS[:] = [fmt for fmt in FORMATS if fmt.name != name]


def readers() -> list[Format]:
    return [fmt for fmt in FORMATS if fmt.read is not None]


def writers() -> list[Format]:
    return [fmt for fmt in FORMATS if fmt.write is not None or fmt.kind in DRAWN]


def extensions(formats: Iterable[Format]) -> str:
    """ ".csv, .json": for help texts and messages (each extension once)."""
    return ", ".join(dict.fromkeys(extension for fmt in formats for extension in fmt.extensions))


def dialog_filter(formats: Iterable[Format], everything: str | None = None) -> str:
    """A Qt file-dialog filter: "All of these (*.csv *.json);;CSV data (*.csv);;…"."""
    formats = list(formats)
    entries = [f"{fmt.label} ({fmt.pattern})" for fmt in formats]
    if everything:
        entries.insert(0, f"{everything} ({' '.join(fmt.pattern for fmt in formats)})")
    return ";;".join(entries)


def by_extension(path: Path, formats: Iterable[Format]) -> Format | None:
    suffix = "".join(path.suffixes[-1:]).lower()
    return next((fmt for fmt in formats if suffix in fmt.extensions), None)


def by_name(name: str) -> Format | None:
    return next((fmt for fmt in FORMATS if fmt.name == name.strip().lower()), None)


def for_writing(path: Path, name: str | None = None) -> Format:
    """The format to write `path` in: `name` when given (its extension must be one of the
    format's), else the first writer of the extension."""
    if name:
        fmt = by_name(name)
        if fmt is None or fmt not in writers():
            raise TimelineError(
                f"unknown format {name!r}; use one of " + ", ".join(f.name for f in writers())
            )
        if path.suffix.lower() not in fmt.extensions:
            raise TimelineError(f"{path}: {fmt.label} is written as a {fmt.extensions[0]} file")
        return fmt
    fmt = by_extension(path, writers())
    if fmt is None:
        raise TimelineError(
            f"{path}: unknown file type {path.suffix or '(none)'}; use "
            + extensions(writers()).replace(", .", ", .")
        )
    return fmt


def for_reading(path: Path, head: bytes) -> Format:
    """The reader for a file, chosen by what its first bytes look like; where several
    formats could read them, or none recognises them, its extension decides."""
    fitting = [fmt for fmt in readers() if fmt.sniff is None or fmt.sniff(head)]
    named = by_extension(path, readers())
    if named is not None and (named in fitting or not fitting):
        return named  # its own reader then says what is wrong with it
    if fitting:
        return fitting[0]
    shown = f"'{path.suffix}'" if path.suffix else "no extension"
    raise TimelineError(
        f"{path}: unknown file type ({shown}); import reads {extensions(readers())} files"
    )
