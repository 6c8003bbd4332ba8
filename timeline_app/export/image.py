"""The filtered timeline as a picture (PNG, SVG, PDF), drawn by the same TimelineView the
window shows, off screen, with a title, the line saying what the filters select, the
category legend and a footer naming the sources, so that it stands on its own in a report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtGui, QtSvg

from timeline_app.errors import TimelineError
from timeline_app.export.options import (
    DEFAULT_TITLE,
    FONT_PX_RANGE,
    MAX_SIDE_PX,
    ExportResult,
    ImageOptions,
)
from timeline_app.export.svg_tidy import tidy_svg
from timeline_app.files import written_atomically
from timeline_app.formats.registry import Format
from timeline_app.log import get_logger
from timeline_app.model.filters import FilterState
from timeline_app.model.query import StoreReader
from timeline_app.model.timeline import OpenedTimeline
from timeline_app.ui.application import ensure_application
from timeline_app.ui.palette import Colours, Theme
from timeline_app.ui.qt_messages import captured, captured_c_stderr
from timeline_app.ui.timeline.lane_heights import LANE_MAX_PX, LANE_MIN_PX
from timeline_app.ui.timeline.legend import paint_legend
from timeline_app.ui.timeline.view import TimelineView

log = get_logger("export")

MARGIN = 16
HEADER_PX = 64
AXIS_PX = 56  # tick labels and the period in view under them
MIN_LAYOUT_WIDTH = 300  # the view laid out narrower than this has no room for the lanes


def _check_options(options: ImageOptions) -> None:
    if options.width < 300 or options.width > MAX_SIDE_PX:
        raise TimelineError(f"--width must be between 300 and {MAX_SIDE_PX:,} pixels")
    if options.height and not 200 <= options.height <= MAX_SIDE_PX:
        raise TimelineError(f"--height must be between 200 and {MAX_SIDE_PX:,} pixels")
    if not 0.25 <= options.scale <= 8:
        raise TimelineError("--scale must be between 0.25 and 8")
    low, high = FONT_PX_RANGE
    if not low <= options.font_size <= high:
        raise TimelineError(f"--font-size must be between {low:g} and {high:g} pixels")


def _font(points: float, bold: bool = False) -> QtGui.QFont:
    font = QtGui.QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def screen_dpi() -> float:
    """The resolution fonts given in points are measured at (the window's layout uses it)."""
    screen = QtGui.QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInch() if screen is not None else 96.0


def pixels_of(font: QtGui.QFont, dpi: float) -> float:
    return font.pointSizeF() * dpi / 72 if font.pointSizeF() > 0 else float(font.pixelSize())


def zoom_for(options: ImageOptions, fonts: list[QtGui.QFont], dpi: float) -> float:
    """How much the drawing is enlarged so that its smallest text is `font_size` pixels of
    the picture, whatever the screen's resolution (a 72-dpi screen measures 9 pt as 9 px,
    a 96-dpi one as 12): PNG, SVG and PDF then agree, on any machine."""
    zoom = options.font_size / min(pixels_of(font, dpi) for font in fonts)
    if options.width / zoom < MIN_LAYOUT_WIDTH:
        most = options.font_size * options.width / zoom / MIN_LAYOUT_WIDTH
        raise TimelineError(
            f"--font-size {options.font_size:g} leaves no room for the lanes in an image "
            f"{options.width} pixels wide; choose at most {int(most)}, or a larger --width"
        )
    return zoom


def _discard(view: TimelineView) -> None:
    """Let go of the picture's copy of the filtered arrays now (the view itself goes when
    the event loop next runs): exports made one after another, by a script or the
    benchmark, would otherwise each keep tens of megabytes at a million events until then."""
    view.clear()
    view.close()
    view.deleteLater()


def render_image(
    timeline: OpenedTimeline, state: FilterState, out: Path, options: ImageOptions, fmt: Format
) -> ExportResult:
    """Draw what `state` selects into `out` at the requested size."""
    ensure_application(headless=True)
    _check_options(options)
    visible = timeline.visible_for(state)  # its own copy: the window's view is not touched
    theme = Theme.named(options.theme)
    colours = Colours.of_timeline(timeline)  # the colours chosen in the file, as the window's
    title = options.title if options.title is not None else (timeline.title or DEFAULT_TITLE)
    subtitle = timeline.describe_filter(state, visible)
    footer = timeline.sources_line(state)
    title_font, body_font, small_font = _font(16, bold=True), _font(9.5), _font(9)
    view = TimelineView(theme=options.theme)
    dpi = screen_dpi()
    try:  # the drawing is laid out at width / zoom, then enlarged by zoom on the page
        zoom = zoom_for(options, [*view.text_fonts(), title_font, body_font, small_font], dpi)
    except TimelineError:
        _discard(view)
        raise
    width = options.width / zoom

    # Measure the legend and footer by painting them into a scratch image.
    scratch = QtGui.QImage(round(width), 400, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    scratch_painter = QtGui.QPainter(scratch)
    inner = QtCore.QRectF(MARGIN, 0, width - 2 * MARGIN, 400)
    legend_h = paint_legend(scratch_painter, inner, timeline.categories, theme, body_font, colours)
    footer_rect = scratch_painter.boundingRect(inner, int(QtCore.Qt.TextFlag.TextWordWrap), footer)
    scratch_painter.end()
    footer_h = footer_rect.height() + 14
    lanes = max(len(visible.lanes), 1)
    chrome_h = HEADER_PX + legend_h + footer_h + MARGIN
    # Roomy lanes: few lanes get up to the window's largest lane height; compact ones
    # (a phone's narrow, long page) keep to the least that stays readable.
    lane_h = max(LANE_MIN_PX + 16, min(LANE_MAX_PX, 360 // lanes))
    roomy_plot_h = lanes * (LANE_MIN_PX if options.compact else lane_h) + AXIS_PX
    view.show_plot_only()
    plot_width = int(width - 2 * MARGIN)
    asked_h = options.height / zoom  # 0: as tall as the lanes need
    most_h = MAX_SIDE_PX / zoom
    note = ""
    try:
        first_h = max(int(asked_h - chrome_h), 100) if asked_h else int(roomy_plot_h)
        view.show_off_screen(plot_width, first_h)
        view.set_source(visible, StoreReader(timeline.store), timeline.categories, colours=colours)
        view.set_eras(timeline.eras)
        view.frame(plot_width, first_h, options.time_range)
        if asked_h:
            height = asked_h
        else:  # the picture grows with the lanes, within what documents can take
            busy_plot_h = view.lanes_natural_height() + AXIS_PX  # busy lanes need sub-rows
            height = int(chrome_h + max(roomy_plot_h, busy_plot_h))
            if height > most_h:
                least_plot_h = lanes * LANE_MIN_PX + AXIS_PX  # every lane at its least height
                height = int(chrome_h + max(min(least_plot_h, most_h - chrome_h), 0))
        plot_h = int(height - chrome_h)
        fit = int((plot_h - AXIS_PX) // LANE_MIN_PX)
        if fit < 1:
            raise TimelineError(
                f"--height {options.height} leaves no room for the timeline at this text "
                "size; try a larger one"
            )
        if fit < lanes:  # never squash lanes into slivers: show the busiest, and say so
            busiest = sorted(visible.lanes, key=lambda lane: -visible.lane_total(lane))[:fit]
            narrowed = state.with_(companies=frozenset(lane.company.id for lane in busiest))
            visible.apply(narrowed, timeline.search_ids(state.text))
            view.refresh()
            note = (
                f"the {fit} busiest of {lanes:,} companies are shown; leave out --height, or "
                "choose companies with --company, to see the others"
            )
            subtitle = (
                timeline.describe_filter(state, visible)
                + f" · the {fit} busiest of {lanes:,} companies"
            )
        view.frame(plot_width, plot_h, options.time_range)
    except BaseException:
        _discard(view)
        raise

    def paint(painter: QtGui.QPainter) -> None:
        painter.fillRect(QtCore.QRectF(0, 0, width + 1, height + 1), QtGui.QColor(theme.background))
        painter.setPen(QtGui.QColor(theme.text))
        painter.setFont(title_font)
        align_left = int(QtCore.Qt.AlignmentFlag.AlignLeft)
        painter.drawText(QtCore.QRectF(MARGIN, 10, plot_width, 30), align_left, title)
        painter.setFont(body_font)
        painter.setPen(QtGui.QColor(theme.muted))
        painter.drawText(QtCore.QRectF(MARGIN, 40, plot_width, 20), align_left, subtitle)
        legend = QtCore.QRectF(MARGIN, HEADER_PX, plot_width, legend_h)
        paint_legend(painter, legend, timeline.categories, theme, body_font, colours)
        view.render_plot(painter, QtCore.QRectF(MARGIN, HEADER_PX + legend_h, plot_width, plot_h))
        painter.setFont(small_font)
        painter.setPen(QtGui.QColor(theme.muted))
        painter.drawText(
            QtCore.QRectF(MARGIN, height - footer_h - MARGIN / 2, plot_width, footer_h),
            int(QtCore.Qt.TextFlag.TextWordWrap),
            footer,
        )

    try:
        with (
            written_atomically(out, fmt.complete) as partial,
            captured() as said,
            captured_c_stderr() as printed,
        ):
            try:
                size = (options.width, options.height or min(round(height * zoom), MAX_SIDE_PX))
                _draw_to(partial, fmt.name, paint, size, (options.scale, zoom, dpi), title,
                         subtitle)  # fmt: skip
            except TimelineError as exc:
                raise TimelineError(f"{out}: {exc}; is the disk full?") from None
            finally:
                for line in said + printed:
                    log.info("while drawing %s: %s", out.name, line)
    finally:
        _discard(view)
    if not visible.shown:
        note = "no event matches the filters; the image shows empty lanes"
    return ExportResult(out, note)


def _draw_to(
    partial: Path,
    kind: str,
    paint: Callable[[QtGui.QPainter], None],
    size: tuple[int, int],
    scales: tuple[float, float, float],
    title: str,
    subtitle: str,
) -> None:
    """Run `paint` on a PNG image, an SVG generator or a PDF page of `size` pixels (points
    in a PDF), enlarged by `zoom`; `scales` are the PNG's pixel scale, the zoom and the
    resolution the fonts were measured at, given to every device so text comes out as
    laid out."""
    width, height = size
    scale, zoom, dpi = scales
    if kind == "png":
        image = QtGui.QImage(
            round(width * scale), round(height * scale),
            QtGui.QImage.Format.Format_ARGB32_Premultiplied,
        )  # fmt: skip
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        image.setDevicePixelRatio(scale)
        painter = QtGui.QPainter(image)
        painter.scale(zoom, zoom)
        paint(painter)
        painter.end()
        if not image.save(str(partial), "PNG"):  # type: ignore[call-overload]
            raise TimelineError("the PNG could not be saved")
        return
    device: QtSvg.QSvgGenerator | QtGui.QPdfWriter
    if kind == "svg":
        svg = QtSvg.QSvgGenerator()
        svg.setFileName(str(partial))
        svg.setSize(QtCore.QSize(width, height))
        svg.setViewBox(QtCore.QRect(0, 0, width, height))
        svg.setTitle(title)
        svg.setDescription(subtitle)
        device = svg
    else:
        pdf = QtGui.QPdfWriter(str(partial))
        pdf.setTitle(title)
        pdf.setCreator("Announcement Timeline")
        pdf.setPageSize(QtGui.QPageSize(QtCore.QSizeF(width, height), QtGui.QPageSize.Unit.Point))
        pdf.setPageMargins(QtCore.QMarginsF(0, 0, 0, 0))
        device = pdf
    # The axes replay pictures recorded at screen resolution; at another device resolution
    # (SVG's default is 72 dpi) they would shrink and drift off their ticks.
    device.setResolution(round(dpi))
    painter = QtGui.QPainter(device)
    if not painter.isActive():
        raise TimelineError(f"the {kind.upper()} file could not be started")
    if kind == "pdf":
        painter.scale(device.width() / width * zoom, device.height() / height * zoom)
    else:
        painter.scale(zoom, zoom)
    paint(painter)
    if not painter.end():
        raise TimelineError(f"the {kind.upper()} file could not be finished")
    if kind == "svg":
        try:
            text = partial.read_text(encoding="utf-8")
            partial.write_text(tidy_svg(text, size, _family_drawn), encoding="utf-8")
        except OSError:
            raise TimelineError("the SVG file could not be finished") from None


def _family_drawn(asked: str) -> str:
    """The font Qt really draws for a family name (an alias such as "Sans Serif" is
    fontconfig's, unknown to browsers)."""
    return QtGui.QFontInfo(QtGui.QFont(asked)).family()
