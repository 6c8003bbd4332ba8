"""Exporting the timeline as an image (PNG, SVG, PDF) or its events as data (CSV, JSON).

Images are drawn by the same TimelineView the window shows, rendered off screen into the
chosen device, with a title, the category legend and a footer naming the sources, so that
an exported picture stands on its own in a report. Runs headless from the command line.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from timeline_app.errors import TimelineError
from timeline_app.files import check_ends_with, check_pdf, check_svg, written_atomically
from timeline_app.log import get_logger
from timeline_app.model import query
from timeline_app.model.cells import neutralise
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.dates import DatePrecision, format_date, period_start
from timeline_app.model.filters import FilterState
from timeline_app.model.lanes import LaneIndex
from timeline_app.model.store import Store, open_store
from timeline_app.model.text_rules import visible

log = get_logger("export")

IMAGE_FORMATS = {".png", ".svg", ".pdf"}
# What a whole file of each kind ends with or parses as; a full disk leaves less.
IMAGE_CHECKS = {".png": check_ends_with(b"IEND\xaeB`\x82"), ".svg": check_svg, ".pdf": check_pdf}
DATA_FORMATS = {".csv", ".json"}
MAX_SIDE_PX = 20_000  # past this, images become unusable in documents anyway
DATA_COLUMNS = [
    "company", "company_kind", "title", "summary", "category", "start", "end", "precision",
    "approximate", "source_title", "source_publisher", "source_url", "source_published",
    "source_text", "excerpt", "excerpt_start", "excerpt_end",
]  # fmt: skip


@dataclass(frozen=True)
class ImageOptions:
    width: int = 1600
    height: int = 0  # 0: as tall as the lanes need
    scale: float = 1.0
    title: str | None = None
    theme: str = "light"
    time_range: tuple[float, float] | None = None  # None: the whole filtered timeline


# ----- filters from names (CLI)
def filter_from_names(
    store: Store,
    companies: list[str],
    categories: list[str],
    text: str = "",
    date_from: str | None = None,
    date_to: str | None = None,
) -> FilterState:
    """Resolve names as a person types them (case-insensitive); unknown names are errors
    that list what exists, so a typo never exports an empty picture silently."""
    known = {c.name.casefold(): c.id for c in query.list_companies(store)}
    cats = {name.casefold(): cid for cid, name in query.list_categories(store)}
    for value, kind, table in ((companies, "company", known), (categories, "category", cats)):
        missing = [name for name in value if name.casefold() not in table]
        if missing:
            raise TimelineError(
                f"unknown {kind} {', '.join(map(repr, missing))}; known: "
                + ", ".join(sorted(table)[:20])
                + (" …" if len(table) > 20 else "")
            )
    for label, value in (("--from", date_from), ("--to", date_to)):
        if value:
            try:
                period_start(value, DatePrecision.DAY)
            except TimelineError as exc:
                if "real date" in str(exc):  # 2021-02-29: the reason says which part is wrong
                    raise TimelineError(f"{label}: {exc}") from None
                raise TimelineError(f"{label}: {value!r} is not a date (YYYY-MM-DD)") from None

    if date_from and date_to and date_to < date_from:
        raise TimelineError(f"--to {date_to} is before --from {date_from}")
    return FilterState(
        companies=frozenset(known[n.casefold()] for n in companies) if companies else None,
        categories=frozenset(cats[n.casefold()] for n in categories) if categories else None,
        text=text,
        date_from=date_from,
        date_to=date_to,
    )


# ----- data export
def data_rows(store: Store, state: FilterState) -> Iterator[dict[str, object]]:
    """The import format: one row per excerpt (one row for an event without any)."""
    kinds = {c.id: c.kind for c in query.list_companies(store)}
    for event in query.find_events(store, state):
        detail = query.event_detail(store, event.id)
        base = {
            "company": event.company,
            "company_kind": kinds.get(event.company_id, "company"),
            "title": event.title,
            "summary": event.summary,
            "category": event.category,
            "start": event.start,
            "end": event.end or "",
            "precision": event.precision.value,
            "approximate": "true" if event.approximate else "false",
        }
        excerpts = detail.excerpts if detail else ()
        if not excerpts:
            yield {**base, **{c: "" for c in DATA_COLUMNS if c not in base}}
        for excerpt in excerpts:
            source = excerpt.source
            yield {
                **base,
                "source_title": source.title,
                "source_publisher": source.publisher,
                "source_url": source.url,
                "source_published": source.published,
                "source_text": source.text,
                "excerpt": excerpt.text,
                "excerpt_start": excerpt.start,
                "excerpt_end": excerpt.end,
            }


def export_data(store: Store, state: FilterState, out: Path) -> int:
    """Write the filtered events; returns the number of rows."""
    rows = 0
    is_csv = out.suffix.lower() == ".csv"
    check = check_ends_with(b"\r\n" if is_csv else b"\n]}\n")
    with written_atomically(out, check) as partial:
        try:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                if is_csv:
                    writer = csv.DictWriter(handle, fieldnames=DATA_COLUMNS)
                    writer.writeheader()
                    for row in data_rows(store, state):
                        writer.writerow({k: neutralise(v) for k, v in row.items()})
                        rows += 1
                else:
                    handle.write('{"events": [\n')
                    for row in data_rows(store, state):
                        handle.write((",\n" if rows else "") + json.dumps(row, ensure_ascii=False))
                        rows += 1
                    handle.write("\n]}\n")
        except OSError as exc:
            raise TimelineError(f"{out}: cannot write ({exc.strerror})") from None
    return rows


# ----- image export
def _ensure_app() -> object:
    """A QApplication for off-screen drawing; without a display, use the offscreen platform."""
    from PySide6 import QtWidgets

    from timeline_app.ui.qt_messages import quiet_harmless_messages

    app = QtWidgets.QApplication.instance()
    if app is None:  # headless command line: ours to configure
        quiet_harmless_messages()
        if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QtWidgets.QApplication([sys.argv[0] if sys.argv else "timeline-app"])
    return app


def _describe_filter(store: Store, state: FilterState, shown: int, total: int) -> str:
    parts = [f"{shown:,} of {total:,} events"]
    if state.companies is not None:
        names = [visible(c.name) for c in query.list_companies(store) if c.id in state.companies]
        parts.append(
            ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        )
    if state.categories is not None:
        names = [visible(n) for cid, n in query.list_categories(store) if cid in state.categories]
        parts.append("categories: " + ", ".join(names))
    if state.text.strip():
        parts.append(f"matching “{state.text.strip()}”")
    if state.date_from or state.date_to:
        since = format_date(state.date_from, DatePrecision.DAY) if state.date_from else "…"
        until = format_date(state.date_to, DatePrecision.DAY) if state.date_to else "…"
        parts.append(f"{since} – {until}")
    return " · ".join(parts)


def _footer(store: Store, state: FilterState) -> str:
    sources, total = query.sources_behind(store, state, limit=4)
    if not sources:
        return "Sources: none recorded for these events."
    named = [
        visible(
            f"{title}"
            + (f", {publisher}" if publisher else "")
            + (f", {published}" if published else "")
        )
        for title, publisher, published in sources
    ]
    more = f" and {total - len(sources):,} more" if total > len(sources) else ""
    return "Sources: " + "; ".join(named) + more + "."


@dataclass(frozen=True)
class ExportResult:
    path: Path
    note: str = ""  # something the user should know, e.g. not every lane fitted


def render_image(
    store: Store,
    state: FilterState,
    out: Path,
    options: ImageOptions,
    index: LaneIndex | None = None,
) -> ExportResult:
    """Draw the filtered timeline into PNG, SVG or PDF at the requested size. `index` is
    the file's checked lane arrays when the caller has them (the window does)."""
    _ensure_app()
    from PySide6 import QtCore, QtGui

    from timeline_app.model.derived import open_derived
    from timeline_app.model.visible import VisibleEvents
    from timeline_app.ui.lane_heights import LANE_MAX_PX, LANE_MIN_PX
    from timeline_app.ui.qt_messages import captured, captured_c_stderr
    from timeline_app.ui.timeline_items import Theme
    from timeline_app.ui.timeline_view import TimelineView, paint_legend

    suffix = out.suffix.lower()
    if options.width < 300 or options.width > MAX_SIDE_PX:
        raise TimelineError(f"--width must be between 300 and {MAX_SIDE_PX:,} pixels")
    if options.height and not 200 <= options.height <= MAX_SIDE_PX:
        raise TimelineError(f"--height must be between 200 and {MAX_SIDE_PX:,} pixels")
    if not 0.25 <= options.scale <= 8:
        raise TimelineError("--scale must be between 0.25 and 8")

    index = index if index is not None else open_derived(store).index
    visible = VisibleEvents(index, query.list_companies(store))
    text_ids = query.search_event_ids(store, state.text)
    visible.apply(state, text_ids=text_ids)
    theme = Theme.named(options.theme)
    shown, total = visible.shown, visible.total
    title = options.title if options.title is not None else "Announcement timeline"
    subtitle = _describe_filter(store, state, shown, total)
    footer = _footer(store, state)

    width = options.width
    title_font = QtGui.QFont()
    title_font.setPointSizeF(16)
    title_font.setBold(True)
    body_font = QtGui.QFont()
    body_font.setPointSizeF(9.5)
    small_font = QtGui.QFont()
    small_font.setPointSizeF(8.5)
    margin = 16
    header_h = 64
    # Measure the legend and footer by painting them into a scratch image.
    scratch = QtGui.QImage(width, 400, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    scratch_painter = QtGui.QPainter(scratch)
    categories = query.list_categories(store)
    legend_h = paint_legend(
        scratch_painter, QtCore.QRectF(margin, 0, width - 2 * margin, 400), categories, theme,
        body_font,
    )  # fmt: skip
    footer_rect = scratch_painter.boundingRect(
        QtCore.QRectF(margin, 0, width - 2 * margin, 400),
        int(QtCore.Qt.TextFlag.TextWordWrap),
        footer,
    )
    scratch_painter.end()
    footer_h = footer_rect.height() + 14
    axis_h = 56  # tick labels and the period in view under them
    lanes = max(len(visible.lanes), 1)
    chrome_h = header_h + legend_h + footer_h + margin
    # Roomy lanes: few lanes get up to the window's largest lane height.
    roomy_plot_h = lanes * max(LANE_MIN_PX + 16, min(LANE_MAX_PX, 360 // lanes)) + axis_h
    view = TimelineView(theme=options.theme)
    view.legend.hide()
    view.overview.hide()
    view.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)

    def show_range() -> None:
        if options.time_range is not None:
            view.set_visible_range(*options.time_range)
        else:
            view.fit_all()

    def size_view(plot_h: int) -> None:
        view.resize(width - 2 * margin, plot_h)
        QtCore.QCoreApplication.processEvents()
        show_range()
        view._update_lane_geometry()

    try:
        view.show()
        size_view(max(int(options.height - chrome_h), 100) if options.height else int(roomy_plot_h))
        view.set_source(visible, query.StoreReader(store), categories)
        show_range()
        if options.height:
            height = options.height
        else:  # the picture grows with the lanes, within what documents can take
            busy_plot_h = view.lanes_natural_height() + axis_h  # busy lanes need sub-rows
            height = int(chrome_h + max(roomy_plot_h, busy_plot_h))
            if height > MAX_SIDE_PX:
                least_plot_h = lanes * LANE_MIN_PX + axis_h  # every lane at its least height
                height = int(chrome_h + max(min(least_plot_h, MAX_SIDE_PX - chrome_h), 0))
        plot_h = int(height - chrome_h)
        fit = int((plot_h - axis_h) // LANE_MIN_PX)
        note = ""
        if fit < 1:
            raise TimelineError(
                f"--height {height} leaves no room for the timeline; try a larger one"
            )
        if fit < lanes:  # never squash lanes into slivers: show the busiest, and say so
            busiest = sorted(visible.lanes, key=lambda lane: -visible.lane_total(lane))[:fit]
            narrowed = state.with_(companies=frozenset(lane.company.id for lane in busiest))
            visible.apply(narrowed, text_ids=text_ids)
            view.refresh()
            note = (
                f"the {fit} busiest of {lanes:,} companies are shown; leave out --height, or "
                "choose companies with --company, to see the others"
            )
            subtitle = (
                _describe_filter(store, state, visible.shown, total)
                + f" · the {fit} busiest of {lanes:,} companies"
            )
        size_view(plot_h)
    except BaseException:
        view.close()
        view.deleteLater()
        raise

    def paint(painter: QtGui.QPainter) -> None:
        painter.fillRect(QtCore.QRectF(0, 0, width, height), QtGui.QColor(theme.background))
        painter.setPen(QtGui.QColor(theme.text))
        painter.setFont(title_font)
        painter.drawText(QtCore.QRectF(margin, 10, width - 2 * margin, 30),
                         int(QtCore.Qt.AlignmentFlag.AlignLeft), title)  # fmt: skip
        painter.setFont(body_font)
        painter.setPen(QtGui.QColor(theme.muted))
        painter.drawText(QtCore.QRectF(margin, 40, width - 2 * margin, 20),
                         int(QtCore.Qt.AlignmentFlag.AlignLeft), subtitle)  # fmt: skip
        paint_legend(painter, QtCore.QRectF(margin, header_h, width - 2 * margin, legend_h),
                     categories, theme, body_font)  # fmt: skip
        target = QtCore.QRectF(margin, header_h + legend_h, width - 2 * margin, plot_h)
        view.plot.render(painter, target, view.plot.rect())
        painter.setFont(small_font)
        painter.setPen(QtGui.QColor(theme.muted))
        painter.drawText(
            QtCore.QRectF(margin, height - footer_h - margin / 2, width - 2 * margin, footer_h),
            int(QtCore.Qt.TextFlag.TextWordWrap),
            footer,
        )

    try:
        with (
            written_atomically(out, IMAGE_CHECKS[suffix]) as partial,
            captured() as said,
            captured_c_stderr() as printed,
        ):
            try:
                _draw_to(partial, suffix, paint, (width, height), options.scale, title, subtitle)
            except TimelineError as exc:
                raise TimelineError(f"{out}: {exc}; is the disk full?") from None
            finally:
                for line in said + printed:
                    log.info("while drawing %s: %s", out.name, line)
    finally:
        view.close()
        view.deleteLater()
    if not visible.shown:
        note = "no event matches the filters; the image shows empty lanes"
    return ExportResult(out, note)


def _draw_to(
    partial: Path,
    suffix: str,
    paint: Callable[[object], None],
    size: tuple[int, int],
    scale: float,
    title: str,
    subtitle: str,
) -> None:
    """Run `paint` on a PNG image, an SVG generator or a PDF page of `size` (logical px)."""
    from PySide6 import QtCore, QtGui, QtSvg

    width, height = size
    dpi = round(QtGui.QGuiApplication.primaryScreen().logicalDotsPerInch())
    if suffix == ".png":
        image = QtGui.QImage(
            round(width * scale), round(height * scale),
            QtGui.QImage.Format.Format_ARGB32_Premultiplied,
        )  # fmt: skip
        image.setDevicePixelRatio(scale)
        painter = QtGui.QPainter(image)
        paint(painter)
        painter.end()
        if not image.save(str(partial), "PNG"):
            raise TimelineError("the PNG could not be saved")
        return
    if suffix == ".svg":
        device = QtSvg.QSvgGenerator()
        device.setFileName(str(partial))
        device.setSize(QtCore.QSize(width, height))
        device.setViewBox(QtCore.QRect(0, 0, width, height))
        device.setTitle(title)
        device.setDescription(subtitle)
    else:
        device = QtGui.QPdfWriter(str(partial))
        device.setTitle(title)
        device.setCreator("Announcement Timeline")
        device.setPageSize(
            QtGui.QPageSize(QtCore.QSizeF(width, height), QtGui.QPageSize.Unit.Point)
        )
        device.setPageMargins(QtCore.QMarginsF(0, 0, 0, 0))
    # The axes replay pictures recorded at screen resolution; at another device resolution
    # (SVG's default is 72 dpi) they would shrink and drift off their ticks.
    device.setResolution(dpi)
    painter = QtGui.QPainter(device)
    if not painter.isActive():
        raise TimelineError(f"the {suffix[1:].upper()} file could not be started")
    if suffix == ".pdf":
        painter.scale(device.width() / width, device.height() / height)
    paint(painter)
    if not painter.end():
        raise TimelineError(f"the {suffix[1:].upper()} file could not be finished")


# ----- entry points
def check_target(out: Path) -> None:
    """Refuse an output the export could not write, before any work is done."""
    suffix = out.suffix.lower()
    if suffix not in IMAGE_FORMATS | DATA_FORMATS:
        raise TimelineError(
            f"{out}: unknown file type {suffix or '(none)'}; use .png, .svg, .pdf, .csv or .json"
        )
    if not out.parent.is_dir():
        raise TimelineError(f"{out}: the folder {out.parent} does not exist")
    if out.is_dir():
        raise TimelineError(f"{out}: is a folder; give a file name")


def export_file(
    store: Store,
    state: FilterState,
    out: Path,
    options: ImageOptions,
    index: LaneIndex | None = None,
) -> ExportResult:
    """Export the filtered events. Without `index`, the file is first checked as the
    window checks it (derived.open_derived), so an export never carries what the window
    would refuse to show."""
    check_target(out)
    if index is None:
        from timeline_app.model.derived import open_derived

        index = open_derived(store).index
    if out.suffix.lower() in DATA_FORMATS:
        rows = export_data(store, state, out)
        return ExportResult(out, "" if rows else "no event matches the filters; the file has "
                                                 "only its header")  # fmt: skip
    return render_image(store, state, out, options, index)


def export_from_cli(args: object) -> ExportResult:
    out = Path(args.out)
    check_target(out)
    db = args.db or builtin_database_path()
    with open_store(db, readonly=True) as store:
        state = filter_from_names(
            store, args.company, args.category, args.search, args.date_from, args.date_to
        )
        options = ImageOptions(
            width=args.width, height=args.height, scale=args.scale, title=args.title,
            theme=args.theme,
        )  # fmt: skip
        return export_file(store, state, out, options)


def show_export_dialog(window: object, controller: object) -> Path | None:
    """File > Export in the window (the dialog lives with the other widgets)."""
    from timeline_app.ui.export_dialog import run_export_dialog

    return run_export_dialog(window, controller)
