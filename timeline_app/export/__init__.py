"""Exporting the filtered timeline: its events as data, through their format's writer
(formats.registry), as a picture drawn by the window's own timeline view (image.py), or as
one interactive web page (web_page.py). Every export writes a whole, checked file or
nothing (files.written_atomically)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from timeline_app.errors import TimelineError
from timeline_app.export.data import export_data
from timeline_app.export.options import ExportResult, ImageOptions
from timeline_app.formats import registry
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.filters import FilterState
from timeline_app.model.timeline import OpenedTimeline

__all__ = ["ExportResult", "ExportRequest", "ImageOptions", "check_target", "export", "run"]


def check_target(out: Path, format_name: str | None = None) -> registry.Format:
    """The format to write `out` in (by name, else by extension); refuses an output that
    could not be written, before any work is done."""
    fmt = registry.for_writing(out, format_name)
    if not out.parent.is_dir():
        raise TimelineError(f"{out}: the folder {out.parent} does not exist")
    if out.is_dir():
        raise TimelineError(f"{out}: is a folder; give a file name")
    return fmt


def export(
    timeline: OpenedTimeline,
    state: FilterState,
    out: Path,
    options: ImageOptions,
    format_name: str | None = None,
) -> ExportResult:
    """Export what `state` selects from an opened (and so checked) timeline."""
    fmt = check_target(out, format_name)
    if fmt.kind == "image":
        from timeline_app.export.image import render_image  # Qt, only when drawing

        return render_image(timeline, state, out, options, fmt)
    if fmt.kind == "page":
        from timeline_app.export.web_page import write_page

        return write_page(timeline, state, out, options, fmt)
    rows = export_data(timeline.store, state, out, fmt)
    note = "" if rows else "no event matches the filters; the file has only its header"
    return ExportResult(out, note)


@dataclass(frozen=True)
class ExportRequest:
    """What `timeline-app export` was asked, names as the user typed them."""

    out: Path
    db: Path | None = None
    companies: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    search: str = ""
    date_from: str | None = None
    date_to: str | None = None
    options: ImageOptions = ImageOptions()
    format_name: str | None = None  # e.g. "timelinejs"; default: by the extension


def run(request: ExportRequest) -> ExportResult:
    """`timeline-app export`: open the file read-only, check it as the window would, resolve
    the names and export."""
    out = Path(request.out)
    check_target(out, request.format_name)
    with OpenedTimeline.open(os.fspath(request.db or builtin_database_path()), readonly=True) as t:
        state = t.filter_by_names(
            list(request.companies),
            list(request.categories),
            request.search,
            request.date_from,
            request.date_to,
        )
        t.apply(state)
        return export(t, state, out, request.options, request.format_name)
