"""The graphics item that draws the timeline's lanes as layout.py placed them.

The layout is computed when the range in view, the plot's size, the lanes, the filter or
the selection change (layout() keeps it until then); paint() only draws it, in the plot's
pixels, whatever the painter (screen, PNG, SVG or PDF) scales them to.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from timeline_app.model.lanes import PRECISION_CODES
from timeline_app.model.visible import VisibleEvents
from timeline_app.ui import palette
from timeline_app.ui.paint_guard import guarded_paint
from timeline_app.ui.palette import Theme
from timeline_app.ui.timeline.lane_heights import LaneSlot
from timeline_app.ui.timeline.layout import (
    BUCKET_PX,
    Badge,
    LaneLayout,
    TimelineLayout,
    layout_timeline,
)
from timeline_app.ui.timeline.packing import DAY, Box, Marker, Packing

DENSITY_SHADES = 6
STRIPS_KEPT = 64  # density strip images kept for the next paint (a screenful of lanes)
MAX_PLOT_PX = 100_000  # lanes are laid out in pixels from the top: no plot is taller
HOVER_GROWTH_PX = 3


class QtTextMetrics:
    """layout.TextMetrics with Qt's font metrics; widths are remembered, since the same
    titles are measured on every change of range."""

    def __init__(self, font: QtGui.QFont) -> None:
        self.fonts = {False: font, True: QtGui.QFont(font)}
        self.fonts[True].setBold(True)
        self._metrics = {bold: QtGui.QFontMetricsF(f) for bold, f in self.fonts.items()}
        self.height = self._metrics[False].height()
        self._widths: dict[tuple[str, bool], float] = {}

    def width(self, text: str, bold: bool) -> float:
        key = (text, bold)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > 20_000:
                self._widths.clear()
            width = self._widths[key] = self._metrics[bold].horizontalAdvance(text)
        return width

    def elide(self, text: str, width: float, bold: bool) -> str:
        return self._metrics[bold].elidedText(text, QtCore.Qt.TextElideMode.ElideRight, width)


def _qrect(box: Box) -> QtCore.QRectF:
    return QtCore.QRectF(box.x, box.y, box.w, box.h)


class EventLayer(pg.GraphicsObject):
    """Draws lanes, markers, spans, badges, density and labels in the lane slots the view
    chose (y in pixels from the top of the plot)."""

    def __init__(
        self,
        titles: Callable[[list[int]], dict[int, str]],
        theme: Theme | None = None,
    ) -> None:
        super().__init__()
        self.visible: VisibleEvents | None = None
        self.colours = palette.Colours()
        self.titles = titles
        self.theme = theme or Theme()
        self.selected: int | None = None
        self.hovered: int | None = None
        self.slots: list[LaneSlot] = []
        self._bounds = QtCore.QRectF(0, -0.5, 1, 1)
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        font = QtGui.QFont()
        font.setPointSizeF(9.0)
        self.metrics = QtTextMetrics(font)
        self._layout: TimelineLayout | None = None
        self._layout_key: tuple | None = None
        self._titles_version = 0
        self.packing = Packing()  # shared with the view's lane heights: packed once
        # Density strips drawn lately, by (counts, their type, height): (image, its pixels).
        self._strip_images: OrderedDict[tuple, tuple[QtGui.QImage, np.ndarray]] = OrderedDict()

    # ----- data
    def set_source(
        self,
        visible: VisibleEvents | None,
        categories: Sequence[tuple[int, str]],
        colours: palette.Colours | None = None,
    ) -> None:
        """`colours`: the chosen ones; by default each category's is its list place's."""
        self.visible = visible
        self.colours = colours or palette.Colours.of(categories)
        self.data_changed()

    def data_changed(self) -> None:
        """Filters or lanes changed: recompute bounds and the layout, then repaint."""
        self.prepareGeometryChange()
        self._bounds = self._data_bounds()
        self._layout_key = None
        self.update()
        self.informViewBoundsChanged()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.__dict__.pop("_premultiplied_shades", None)  # density shades of the old theme
        self._strip_images.clear()
        self.update()

    def titles_changed(self) -> None:
        self._titles_version += 1
        self._layout_key = None
        self.update()

    def select(self, event_id: int | None) -> None:
        if event_id != self.selected:
            self.selected = event_id
            self._layout_key = None  # its label is bold, so wider
        self.update()

    def _data_bounds(self) -> QtCore.QRectF:
        bounds = self.visible.index.time_bounds() if self.visible is not None else None
        if bounds is None:
            return QtCore.QRectF(0, -0.5, DAY, 1)
        lo, hi = bounds
        margin = 200 * 365 * DAY
        return QtCore.QRectF(lo - margin, 0, hi - lo + 2 * margin, MAX_PLOT_PX)

    def set_slots(self, slots: list[LaneSlot]) -> None:
        if slots != self.slots:
            self.slots = slots
            self.update()

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802 (Qt name)
        # Lane bands span the whole visible width at any zoom; the view box clips.
        return self._bounds

    def viewRangeChanged(self) -> None:  # noqa: N802 (pyqtgraph hook)
        self.update()

    # ----- the layout
    def _view_geometry(self) -> tuple[float, float, float] | None:
        view = self.getViewBox()
        if self.visible is None or view is None:
            return None
        (t0, t1), _ = view.viewRange()
        width = view.width()
        if t1 <= t0 or width <= 0:
            return None
        return float(t0), float(t1), float(width)

    def layout(self) -> TimelineLayout | None:
        """The layout for the range, size, lanes and selection now; computed again only
        when one of them changed."""
        geometry = self._view_geometry()
        if geometry is None or self.visible is None:
            return None
        key = (
            geometry,
            tuple(self.slots),
            id(self.visible),
            self.visible.version,
            self.selected,
            self._titles_version,
        )
        if key != self._layout_key or self._layout is None:
            t0, t1, width = geometry
            self._layout = layout_timeline(
                self.visible, self.slots, t0, t1, width, self.titles, self.metrics,
                self.selected, self.packing,
            )  # fmt: skip
            self._layout_key = key
        return self._layout

    def to_plot_pixels(self) -> QtGui.QTransform:
        """From the layout's pixels to the item's (time, lane) coordinates."""
        geometry = self._view_geometry()
        if geometry is None:
            return QtGui.QTransform()
        t0, t1, width = geometry
        return QtGui.QTransform((t1 - t0) / width, 0, 0, 1, t0, 0)

    def colour_of(self, category_id: int) -> QtGui.QColor:
        return self.colours.category(category_id)

    def _shape(self, category_id: int) -> palette.Shape:
        return self.colours.shape(category_id)

    # ----- painting
    @guarded_paint
    def paint(self, painter: QtGui.QPainter, option: object, widget: object = None) -> None:
        layout = self.layout()
        if layout is None:
            return
        to_device = painter.transform()  # item (time, lane) -> device
        painter.save()
        try:
            # Draw in the layout's pixels, scaled as the painter scales the plot (1:1 on
            # screen, by the page's scale in a PDF), so text and shapes keep their size.
            painter.setTransform(self.to_plot_pixels() * to_device)
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
            for lane in layout.lanes:
                self._paint_lane(painter, lane)
        finally:  # the painter goes back as it was, whatever happened
            painter.restore()

    def _paint_lane(self, painter: QtGui.QPainter, lane: LaneLayout) -> None:
        band = _qrect(lane.band)
        colour = self.theme.lane_odd if lane.row % 2 else self.theme.lane_even
        painter.fillRect(band, QtGui.QColor(colour))
        # The company's colour (as in the filter list and table) marks the lane's start.
        painter.fillRect(
            QtCore.QRectF(band.left(), band.top() + 3, 4, band.height() - 6),
            self.colours.company(lane.company_id),
        )
        painter.setPen(QtGui.QPen(QtGui.QColor(self.theme.lane_line), 1))
        painter.drawLine(band.bottomLeft(), band.bottomRight())
        if lane.strip is not None:
            self._paint_density(painter, lane)
        for mark in lane.markers:
            self._paint_marker(painter, mark)
        for label in lane.labels:
            self._paint_label(painter, label.text, _qrect(label.box), label.inside, label.bold)
        for badge in lane.badges:
            self._paint_badge(painter, badge)
        if lane.selected is not None:
            self._paint_marker(painter, lane.selected)

    def _paint_marker(self, painter: QtGui.QPainter, mark: Marker) -> None:
        colour = self.colour_of(mark.category)
        selected = mark.event_id == self.selected
        hovered = mark.event_id == self.hovered
        if mark.is_span:
            self._paint_span(painter, mark, colour, selected, hovered)
        else:
            self._paint_symbol(painter, mark, colour, selected, hovered)

    def _paint_symbol(self, painter, mark: Marker, colour, selected: bool, hovered: bool) -> None:
        size = mark.box.w + (HOVER_GROWTH_PX if hovered and not selected else 0)
        centre = QtCore.QPointF(*mark.box.centre)
        painter.save()
        painter.translate(centre)
        painter.scale(size, size)
        edge = self.theme.selection if selected else self.theme.background
        pen = QtGui.QPen(QtGui.QColor(edge), 0.22 if selected else 0.14)
        if mark.approximate:
            pen.setStyle(QtCore.Qt.PenStyle.DotLine)
            pen.setColor(QtGui.QColor(self.theme.text))
            fill = QtGui.QColor(colour)
            fill.setAlphaF(0.55)
            painter.setBrush(fill)
        else:
            painter.setBrush(colour)
        painter.setPen(pen)
        painter.drawPath(palette.symbol_path(self._shape(mark.category)))
        painter.restore()
        if selected:
            ring = QtCore.QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
            painter.setPen(QtGui.QPen(QtGui.QColor(self.theme.selection), 2.2))
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            painter.drawEllipse(ring.adjusted(-4, -4, 4, 4))

    def _paint_span(self, painter, mark: Marker, colour, selected: bool, hovered: bool) -> None:
        """Month/year-precise events and events with an end date are bars over their period;
        hatched when only the month or year is known, dotted outline when approximate."""
        rect = _qrect(mark.box)
        if hovered and not selected:
            rect.adjust(0, -1, 0, 1)
        fill = QtGui.QColor(colour)
        fill.setAlphaF(0.28)
        painter.setBrush(fill)
        outline = QtGui.QPen(colour, 1.4)
        if mark.approximate:
            outline.setStyle(QtCore.Qt.PenStyle.DashLine)
        if selected:
            outline = QtGui.QPen(QtGui.QColor(self.theme.selection), 2.4)
        painter.setPen(outline)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        if mark.precision != PRECISION_CODES["day"]:
            palette.paint_hatch(painter, rect.adjusted(1.5, 1.5, -1.5, -1.5), colour)
        else:
            # A day-precise start with an end date: a solid cap marks the exact start day.
            painter.setBrush(colour)
            painter.drawRoundedRect(QtCore.QRectF(rect.left(), rect.top(), 4, rect.height()), 1, 1)

    def _paint_label(self, painter, text: str, rect, inside: bool, bold: bool) -> None:
        if inside:  # over its own bar: a backing pill keeps it readable
            pill = QtGui.QColor(self.theme.background)
            pill.setAlphaF(0.72)
            painter.setPen(QtCore.Qt.PenStyle.NoPen)
            painter.setBrush(pill)
            painter.drawRoundedRect(rect.adjusted(-3, 0, 3, 0), 3, 3)
        painter.setFont(self.metrics.fonts[bold])
        painter.setPen(QtGui.QColor(self.theme.selection if bold else self.theme.text))
        painter.drawText(rect, int(QtCore.Qt.AlignmentFlag.AlignVCenter), text)

    def _paint_badge(self, painter: QtGui.QPainter, badge: Badge) -> None:
        rect = _qrect(badge.box)
        height = rect.height()
        painter.setPen(QtGui.QPen(QtGui.QColor(self.theme.density), 1.5))
        painter.setBrush(QtGui.QColor(self.theme.cluster_fill))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setFont(self.metrics.fonts[True])
        painter.setPen(QtGui.QColor(self.theme.density))
        painter.drawText(rect, int(QtCore.Qt.AlignmentFlag.AlignCenter), f"{badge.count:,}")

    # ----- density
    def _paint_density(self, painter: QtGui.QPainter, lane: LaneLayout) -> None:
        """Columns whose height and shade grow with the log of their count, batched by
        shade so a lane costs a few draw calls whatever its number of events."""
        strip = lane.strip
        assert strip is not None
        counts = strip.counts
        inner = _qrect(strip.band).adjusted(0, 4, 0, -4)
        raster = painter.paintEngine().type() == QtGui.QPaintEngine.Type.Raster
        key = (counts.tobytes(), counts.dtype.str, inner.height())
        if raster and (known := self._strip_images.get(key)) is not None:
            self._strip_images.move_to_end(key)  # the same counts at the same height
            self._draw_strip(painter, inner, known[0])
            return
        nonzero = np.flatnonzero(counts)
        if not nonzero.size:
            return
        peak = float(np.log1p(counts.max())) or 1.0
        strength = np.log1p(counts[nonzero]) / peak
        heights = np.maximum(3.0, inner.height() * (0.25 + 0.75 * strength))
        xs = nonzero * (strip.band.w / counts.size)
        tops = inner.center().y() - heights / 2
        levels = np.minimum((strength * DENSITY_SHADES).astype(int), DENSITY_SHADES - 1)
        if raster:
            made = self._blit_density(inner, counts.size, nonzero, tops, heights, levels)
            self._strip_images[key] = made
            while len(self._strip_images) > STRIPS_KEPT:
                self._strip_images.popitem(last=False)
            self._draw_strip(painter, inner, made[0])
            return
        painter.setPen(QtCore.Qt.PenStyle.NoPen)  # SVG and PDF: rectangles, as vectors
        for level in np.unique(levels):
            chosen = levels == level
            painter.setBrush(self._density_colour(int(level)))
            painter.drawRects(
                [
                    QtCore.QRectF(x, top, BUCKET_PX - 0.5, h)
                    for x, top, h in zip(
                        xs[chosen].tolist(), tops[chosen].tolist(), heights[chosen].tolist(),
                        strict=True,
                    )
                ]
            )  # fmt: skip

    def _density_colour(self, level: int) -> QtGui.QColor:
        colour = QtGui.QColor(self.theme.density)
        colour.setAlphaF(0.35 + 0.65 * (level + 1) / DENSITY_SHADES)
        return colour

    @functools.cached_property
    def _premultiplied_shades(self) -> np.ndarray:
        """The density shades as ARGB32 pixels, each channel scaled by alpha (forgotten
        when the theme changes)."""
        shades = np.array(
            [self._density_colour(level).rgba() for level in range(DENSITY_SHADES)],
            dtype=np.uint32,
        )
        alpha = (shades >> 24) & 0xFF
        premultiplied = alpha << 24
        for shift in (16, 8, 0):
            premultiplied |= (((shades >> shift) & 0xFF) * alpha // 255) << shift
        return premultiplied

    @staticmethod
    def _draw_strip(painter: QtGui.QPainter, inner: QtCore.QRectF, image: QtGui.QImage) -> None:
        target = QtCore.QRectF(inner.left(), inner.top(), inner.width(), image.height())
        painter.drawImage(target, image)

    def _blit_density(
        self, inner, buckets, nonzero, tops, heights, levels
    ) -> tuple[QtGui.QImage, np.ndarray]:
        """On screen and in PNGs the strip is one image built with numpy: one draw call per
        lane instead of one rectangle per column (the bulk of a zoomed-out redraw). The
        image is kept with its pixels (it reads them in place) for the next paint: a
        selection or a company toggle repaints the same strips."""
        rows = max(1, round(inner.height()))
        colour = np.zeros(buckets, dtype=np.uint32)
        top = np.zeros(buckets, dtype=np.int64)
        bottom = np.zeros(buckets, dtype=np.int64)
        colour[nonzero] = self._premultiplied_shades[levels]
        top[nonzero] = np.rint(tops - inner.top())
        bottom[nonzero] = top[nonzero] + np.maximum(1, np.rint(heights)).astype(np.int64)
        y = np.arange(rows)[:, None]
        pixels = np.where((y >= top) & (y < bottom), colour, np.uint32(0))
        pixels = np.repeat(pixels, BUCKET_PX, axis=1)
        pixels[:, BUCKET_PX - 1 :: BUCKET_PX] = 0  # a pixel of air between columns
        pixels = np.ascontiguousarray(pixels)
        image = QtGui.QImage(
            pixels.data, pixels.shape[1], rows, pixels.shape[1] * 4,
            QtGui.QImage.Format.Format_ARGB32_Premultiplied,
        )  # fmt: skip
        return image, pixels
