"""One graphics item that draws every visible event of every visible lane.

Per lane it chooses a level of detail from what fits on screen: when more events fall in the
visible range than can be told apart, it draws a density strip of counts per pixel column;
otherwise it draws each event as a marker (a symbol for a day, a bar for a month or year),
packs markers that would collide into sub-rows, merges what still collides into a counted
cluster, and places title labels left to right wherever they do not overlap. Everything is
computed in device pixels from a few binary searches, so a redraw costs what is on screen.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6 import QtCore, QtGui

from timeline_app.model.dates import from_epoch_seconds
from timeline_app.model.lanes import PRECISION_CODES
from timeline_app.model.visible import Lane, VisibleEvents
from timeline_app.ui import palette
from timeline_app.ui.lane_heights import LANE_PAD_PX, ROW_PITCH_PX, LaneSlot, height_for_rows
from timeline_app.ui.paint_guard import guarded_paint

DAY = 86_400
MARKER_PX = 12  # symbol size
GAP_PX = 3  # minimum free space between two markers of one sub-row
BUCKET_PX = 3  # width of a density column
DENSITY_SHADES = 6
LABEL_GAP_PX = 5
MAX_SUBROWS = 6
MAX_PLOT_PX = 100_000  # lanes are laid out in pixels from the top: no plot is taller
SHAPE_SYMBOLS = {
    "circle": "o", "square": "s", "diamond": "d", "triangle": "t1", "triangle_down": "t",
    "hexagon": "h", "star": "star", "cross": "+",
}  # fmt: skip


# pyqtgraph's unit symbols differ in visual weight; these bring them to a similar size.
SYMBOL_SCALE = {"star": 1.5, "+": 1.15, "t": 1.1, "t1": 1.1, "d": 1.1}
MIN_ELIDED_LABEL_PX = 70  # below this, a cut title says too little to be worth showing


def symbol_path(shape: str) -> QtGui.QPainterPath:
    """The unit-size path of a category shape, scaled so every shape looks as big."""
    key = SHAPE_SYMBOLS.get(shape, "o")
    factor = SYMBOL_SCALE.get(key, 1.0)
    return QtGui.QTransform.fromScale(factor, factor).map(Symbols[key])


@dataclass(frozen=True)
class Theme:
    background: str = "#FFFFFF"
    lane_even: str = "#FFFFFF"
    lane_odd: str = "#F3F5F8"
    lane_line: str = "#DDE1E6"
    text: str = "#1F2328"
    muted: str = "#57606A"
    density: str = "#3B5B8C"
    cluster_fill: str = "#FFFFFF"
    selection: str = "#D7263D"

    @staticmethod
    def named(name: str) -> Theme:
        if name == "dark":
            return Theme(
                background="#15181D", lane_even="#15181D", lane_odd="#1C2027",
                lane_line="#2D333B", text="#E6EDF3", muted="#9DA7B3", density="#7FA7E0",
                cluster_fill="#22272E", selection="#FF6B7A",
            )  # fmt: skip
        return Theme()


@dataclass
class Hit:
    """Something drawn that the mouse can point at (device pixels)."""

    rect: QtCore.QRectF
    kind: str  # "event", "cluster", "density"
    event_id: int = 0
    count: int = 0
    t0: float = 0.0
    t1: float = 0.0
    lane: str = ""


@dataclass
class _Mark:
    position: int  # index position in the LaneIndex
    x0: float
    x1: float
    is_span: bool
    row: int = 0


@dataclass
class _Cluster:
    x0: float
    x1: float
    t0: float
    t1: float
    count: int = 0
    members: list[int] = field(default_factory=list)
    alone: _Mark | None = None  # the last event that started it, for a cluster of one


class EventLayer(pg.GraphicsObject):
    """Draws lanes, markers, spans, clusters, density and labels, in the lane slots the view
    chose (y in pixels from the top of the plot)."""

    def __init__(
        self,
        titles: Callable[[Sequence[int]], dict[int, str]],
        theme: Theme | None = None,
    ) -> None:
        super().__init__()
        self.visible: VisibleEvents | None = None
        self.category_position: dict[int, int] = {}
        self.titles = titles
        self.theme = theme or Theme()
        self.selected: int | None = None
        self._selected_position: int | None = None
        self.hovered: int | None = None
        self.slots: list[LaneSlot] = []
        self.hits: list[Hit] = []
        self.density_rows: list[tuple[QtCore.QRectF, np.ndarray, np.ndarray, str]] = []
        self.drawn_events: dict[int, QtCore.QPointF] = {}
        self.shown_labels: list[str] = []
        self._bounds = QtCore.QRectF(0, -0.5, 1, 1)
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self._font = QtGui.QFont()
        self._font.setPointSizeF(9.0)
        self._bold = QtGui.QFont(self._font)
        self._bold.setBold(True)
        self._widths: dict[tuple[str, bool], float] = {}

    # ----- data
    def set_source(
        self, visible: VisibleEvents | None, categories: Sequence[tuple[int, str]]
    ) -> None:
        self.visible = visible
        self.category_position = {cid: pos for pos, (cid, _name) in enumerate(categories)}
        self.data_changed()

    def data_changed(self) -> None:
        """Filters or lanes changed: recompute bounds and repaint."""
        self.prepareGeometryChange()
        self._bounds = self._data_bounds()
        self.update()
        self.informViewBoundsChanged()

    def _data_bounds(self) -> QtCore.QRectF:
        if self.visible is None or not self.visible.index.size:
            return QtCore.QRectF(0, -0.5, DAY, 1)
        lo, hi = self.visible.index.time_bounds()
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

    # ----- geometry helpers
    def _text_width(self, text: str, bold: bool) -> float:
        """Label widths, remembered: the same titles are measured on every redraw."""
        key = (text, bold)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > 20_000:
                self._widths.clear()
            metrics = QtGui.QFontMetricsF(self._bold if bold else self._font)
            width = self._widths[key] = metrics.horizontalAdvance(text)
        return width

    def _symbol(self, category_id: int) -> QtGui.QPainterPath:
        return symbol_path(palette.category_shape(self.category_position.get(category_id, 0)))

    def colour_of(self, category_id: int) -> QtGui.QColor:
        return palette.category_colour(self.category_position.get(category_id, 0))

    # ----- painting
    @guarded_paint
    def paint(self, painter: QtGui.QPainter, option: object, widget: object = None) -> None:
        self.hits = []
        self.density_rows = []
        self.drawn_events = {}
        self.shown_labels = []
        view = self.getViewBox()
        if self.visible is None or view is None:
            return
        to_device = painter.transform()  # item (time, lane) -> device pixels
        (t0, t1), _ = view.viewRange()
        sx, dx = to_device.m11(), to_device.m31()
        sy, dy = to_device.m22(), to_device.m32()
        if sx <= 0 or t1 <= t0:
            return
        self._selected_position = (
            self.visible.position_of(self.selected) if self.selected is not None else None
        )
        painter.save()
        try:
            self._paint_lanes(painter, t0, t1, sx, dx, sy, dy)
        finally:  # the painter goes back as it was, whatever happened
            painter.restore()

    def _paint_lanes(self, painter, t0, t1, sx, dx, sy, dy) -> None:
        painter.resetTransform()
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        left, right = t0 * sx + dx, t1 * sx + dx
        for slot in self.slots:
            if slot.row >= len(self.visible.lanes):
                break
            lane = self.visible.lanes[slot.row]
            top, bottom = slot.top * sy + dy, (slot.top + slot.height) * sy + dy
            band = QtCore.QRectF(left, min(top, bottom), right - left, abs(bottom - top))
            colour = self.theme.lane_odd if slot.row % 2 else self.theme.lane_even
            painter.fillRect(band, QtGui.QColor(colour))
            # The company's colour (as in the filter list and table) marks the lane's start.
            painter.fillRect(
                QtCore.QRectF(band.left(), band.top() + 3, 4, band.height() - 6),
                palette.company_colour(lane.company.id),
            )
            painter.setPen(QtGui.QPen(QtGui.QColor(self.theme.lane_line), 1))
            painter.drawLine(
                QtCore.QPointF(left, band.bottom()), QtCore.QPointF(right, band.bottom())
            )
            self._paint_lane(painter, lane, band, t0, t1, sx, dx)

    def _paint_lane(
        self,
        painter: QtGui.QPainter,
        lane: Lane,
        band: QtCore.QRectF,
        t0: float,
        t1: float,
        sx: float,
        dx: float,
    ) -> None:
        positions = self.visible.visible_positions(lane, t0, t1, marker_limit(band.width()))
        if positions is None:
            self._paint_density(painter, lane, band, t0, t1, sx, dx)
        else:
            self._paint_markers(painter, lane, band, positions, sx, dx)
        if self.selected is not None:
            self._paint_selected_if_hidden(painter, lane, band, t0, t1, sx, dx)

    def height_needed(self, lane: Lane, t0: float, t1: float, width_px: float) -> float:
        """The lane height that shows every sub-row of its markers at this zoom (the view
        asks before painting, so lane names and bands agree)."""
        if self.visible is None or t1 <= t0 or width_px <= 0:
            return height_for_rows(1)
        positions = self.visible.visible_positions(lane, t0, t1, marker_limit(width_px))
        if positions is None or not positions.size:
            return height_for_rows(1)
        sx = width_px / (t1 - t0)
        marks, _ = self._layout(positions, sx, -t0 * sx, MAX_SUBROWS)
        return height_for_rows(max((mark.row for mark in marks), default=0) + 1)

    def _paint_density(self, painter, lane, band, t0, t1, sx, dx) -> None:
        """Columns whose height and shade grow with the log of their count, batched by
        shade so a lane costs a few draw calls whatever its number of events."""
        buckets = max(1, int(band.width() / BUCKET_PX))
        edges = np.linspace(t0, t1, buckets + 1)
        counts = self.visible.bucket_counts(lane, edges)
        self.density_rows.append((band, edges, counts, lane.company.name))
        nonzero = np.flatnonzero(counts)
        if not nonzero.size:
            return
        peak = float(np.log1p(counts.max())) or 1.0
        strength = np.log1p(counts[nonzero]) / peak
        inner = band.adjusted(0, 4, 0, -4)
        heights = np.maximum(3.0, inner.height() * (0.25 + 0.75 * strength))
        xs = edges[nonzero] * sx + dx
        tops = inner.center().y() - heights / 2
        levels = np.minimum((strength * DENSITY_SHADES).astype(int), DENSITY_SHADES - 1)
        if painter.paintEngine().type() == QtGui.QPaintEngine.Type.Raster:
            self._blit_density(painter, inner, buckets, nonzero, tops, heights, levels)
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
        """The density shades as ARGB32 pixels, each channel scaled by alpha (the theme
        never changes for a layer)."""
        shades = np.array(
            [self._density_colour(level).rgba() for level in range(DENSITY_SHADES)],
            dtype=np.uint32,
        )
        alpha = (shades >> 24) & 0xFF
        premultiplied = alpha << 24
        for shift in (16, 8, 0):
            premultiplied |= (((shades >> shift) & 0xFF) * alpha // 255) << shift
        return premultiplied

    def _blit_density(self, painter, inner, buckets, nonzero, tops, heights, levels) -> None:
        """On screen and in PNGs the strip is one image built with numpy: one draw call per
        lane instead of one rectangle per column (the bulk of a zoomed-out redraw)."""
        rows = max(1, round(inner.height()))
        premultiplied = self._premultiplied_shades
        colour = np.zeros(buckets, dtype=np.uint32)
        top = np.zeros(buckets, dtype=np.int64)
        bottom = np.zeros(buckets, dtype=np.int64)
        colour[nonzero] = premultiplied[levels]
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
        target = QtCore.QRectF(inner.left(), inner.top(), inner.width(), rows)
        painter.drawImage(target, image)

    def _layout(
        self, positions: np.ndarray, sx: float, dx: float, max_rows: int
    ) -> tuple[list[_Mark], list[_Cluster]]:
        """Place markers in sub-rows; what does not fit in any sub-row joins a cluster."""
        index = self.visible.index
        order = np.lexsort((index.event_id[positions], index.start[positions]))
        positions = positions[order]
        starts, ends = index.start[positions], index.end[positions]
        # Geometry for all at once; the packing below is sequential by nature.
        spans = (index.precision[positions] != PRECISION_CODES["day"]) | (ends - starts > DAY)
        centres = (starts + DAY / 2) * sx + dx
        x0s = np.where(spans, starts * sx + dx, centres - MARKER_PX / 2)
        x1s = np.where(spans, np.maximum(ends * sx + dx, x0s + MARKER_PX), centres + MARKER_PX / 2)
        row_end = [-math.inf] * max_rows
        marks: list[_Mark] = []
        clusters: list[_Cluster] = []
        for position, x0, x1, is_span, start, end in zip(
            positions.tolist(), x0s.tolist(), x1s.tolist(), spans.tolist(), starts.tolist(),
            ends.tolist(), strict=True,
        ):  # fmt: skip
            for row in range(max_rows):
                if row_end[row] + GAP_PX <= x0:
                    row_end[row] = x1
                    marks.append(_Mark(position, x0, x1, is_span, row))
                    break
            else:
                if clusters and clusters[-1].x1 + GAP_PX >= x0:
                    cluster = clusters[-1]
                else:
                    cluster = _Cluster(x0, x1, float(start), float(end))
                    clusters.append(cluster)
                cluster.x1 = max(cluster.x1, x1)
                cluster.t1 = max(cluster.t1, float(end))
                cluster.count += 1
                cluster.members.append(position)
                cluster.alone = _Mark(position, x0, x1, is_span, max_rows - 1)
        # A cluster absorbs the markers it overlaps, so one badge tells the whole pile.
        if clusters:
            kept = []
            for mark in marks:
                short = not mark.is_span or mark.x1 - mark.x0 <= 3 * MARKER_PX
                owner = next((c for c in clusters if short and mark.x0 <= c.x1 + GAP_PX
                              and mark.x1 >= c.x0 - GAP_PX), None)  # fmt: skip
                if owner is None:
                    kept.append(mark)
                else:
                    owner.count += 1
                    owner.members.append(mark.position)
                    owner.t0 = min(owner.t0, float(index.start[mark.position]))
            marks = kept
        # A "pile" of one is just an event drawn over the long bars it did not fit between.
        marks += [c.alone for c in clusters if c.count == 1 and c.alone is not None]
        clusters = [c for c in clusters if c.count > 1]
        # Sub-rows emptied into a badge close up, so the lane is no taller than it shows.
        used = sorted({mark.row for mark in marks})
        if used != list(range(len(used))):
            renumber = {row: new for new, row in enumerate(used)}
            for mark in marks:
                mark.row = renumber[mark.row]
        return marks, clusters

    def _paint_markers(self, painter, lane, band, positions, sx, dx) -> None:
        if not positions.size:
            return
        index = self.visible.index
        fits = int((band.height() - 2 * LANE_PAD_PX) // ROW_PITCH_PX)
        marks, clusters = self._layout(positions, sx, dx, max(2, min(MAX_SUBROWS, fits)))
        rows_used = max([m.row for m in marks], default=0) + 1
        # Sub-rows keep together in the middle of a lane that has room to spare.
        row_h = min(band.height() / rows_used, ROW_PITCH_PX + 5)
        first_row_top = band.center().y() - row_h * rows_used / 2

        def row_centre(row: int) -> float:
            return first_row_top + row_h * (row + 0.5)

        ids = index.event_id[[m.position for m in marks]] if marks else np.zeros(0, np.int64)
        titles = self.titles(ids.tolist()) if marks else {}
        # Labels: greedily, left to right per sub-row, only where they fit before the next item.
        metrics = QtGui.QFontMetricsF(self._font)
        bold_metrics = QtGui.QFontMetricsF(self._bold)
        next_start: dict[int, list[float]] = {}
        for mark in marks:
            next_start.setdefault(mark.row, []).append(mark.x0)
        badges = [self._cluster_rect(cluster, band) for cluster in clusters]
        for badge in badges:  # a badge sits across every sub-row of the lane
            for row in range(rows_used):
                next_start.setdefault(row, []).append(badge.left())
        for starts in next_start.values():
            starts.sort()
        label_end: dict[int, float] = {}
        for mark, event_id in zip(marks, ids.tolist(), strict=True):
            category = int(index.category[mark.position])
            colour = self.colour_of(category)
            approximate = bool(index.approximate[mark.position])
            y = row_centre(mark.row)
            selected = event_id == self.selected
            hovered = event_id == self.hovered
            if mark.is_span:
                rect = self._paint_span(painter, mark, y, colour, approximate, selected, hovered,
                                        band)  # fmt: skip
                anchor = QtCore.QPointF(mark.x0 + min(MARKER_PX, rect.width()) / 2, y)
            else:
                centre = QtCore.QPointF((mark.x0 + mark.x1) / 2, y)
                rect = self._paint_symbol(painter, category, centre, colour, approximate,
                                          selected, hovered)  # fmt: skip
                anchor = centre
            self.hits.append(Hit(rect.adjusted(-2, -2, 2, 2), "event", event_id=event_id,
                                 lane=lane.company.name))  # fmt: skip
            self.drawn_events[event_id] = anchor
            title = titles.get(event_id, "")
            if not title:
                continue
            text = ("~ " if approximate else "") + title
            font_metrics = bold_metrics if selected else metrics
            later = [s for s in next_start.get(mark.row, []) if s > mark.x0 + 0.5]
            limit = (min(later) - LABEL_GAP_PX) if later else band.right() - 2
            limit = min(limit, band.right() - 2)
            after = max(mark.x1 + LABEL_GAP_PX, label_end.get(mark.row, -math.inf) + LABEL_GAP_PX)
            x, room, inside = after, limit - after, False
            if mark.is_span:  # over a long bar when the title fits there, or fits better
                bar_left, bar_right = max(mark.x0, band.left()), min(mark.x1, band.right())
                start = max(bar_left + 6, label_end.get(mark.row, -math.inf) + LABEL_GAP_PX)
                over = min(bar_right - 10, limit) - start
                wanted = self._text_width(text, selected)
                if over >= wanted or (room < wanted and over > room):
                    x, room, inside = start, over, True
            if self._text_width(text, selected) <= room:
                shown = text  # short titles ("IPO") fit whole in little room
            elif room >= MIN_ELIDED_LABEL_PX:
                shown = font_metrics.elidedText(text, QtCore.Qt.TextElideMode.ElideRight, room)
            else:
                continue
            width = self._text_width(shown, selected)
            painter.setFont(self._bold if selected else self._font)
            text_rect = QtCore.QRectF(x, y - font_metrics.height() / 2, width + 2,
                                      font_metrics.height())  # fmt: skip
            if inside:  # over its own bar: a backing pill keeps it readable
                pill = QtGui.QColor(self.theme.background)
                pill.setAlphaF(0.72)
                painter.setPen(QtCore.Qt.PenStyle.NoPen)
                painter.setBrush(pill)
                painter.drawRoundedRect(text_rect.adjusted(-3, 0, 3, 0), 3, 3)
            painter.setPen(QtGui.QColor(self.theme.selection if selected else self.theme.text))
            painter.drawText(text_rect, int(QtCore.Qt.AlignmentFlag.AlignVCenter), shown)
            label_end[mark.row] = x + width
            self.shown_labels.append(shown)
            self.hits.append(Hit(text_rect, "event", event_id=event_id, lane=lane.company.name))
        for cluster, badge in zip(clusters, badges, strict=True):
            self._paint_cluster(painter, cluster, badge, lane)

    def _paint_symbol(self, painter, category, centre, colour, approximate, selected, hovered):
        size = MARKER_PX + (3 if selected or hovered else 0)
        path = self._symbol(category)
        painter.save()
        painter.translate(centre)
        painter.scale(size, size)
        edge = self.theme.selection if selected else self.theme.background
        pen = QtGui.QPen(QtGui.QColor(edge), 0.22 if selected else 0.14)
        if approximate:
            pen.setStyle(QtCore.Qt.PenStyle.DotLine)
            pen.setColor(QtGui.QColor(self.theme.text))
            fill = QtGui.QColor(colour)
            fill.setAlphaF(0.55)
            painter.setBrush(fill)
        else:
            painter.setBrush(colour)
        painter.setPen(pen)
        painter.drawPath(path)
        painter.restore()
        rect = QtCore.QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
        if selected:
            ring = rect.adjusted(-4, -4, 4, 4)
            painter.setPen(QtGui.QPen(QtGui.QColor(self.theme.selection), 2.2))
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            painter.drawEllipse(ring)
        return rect

    def _paint_span(self, painter, mark, y, colour, approximate, selected, hovered, band):
        """Month/year-precise events and events with an end date are bars over their period;
        hatched when only the month or year is known, dotted outline when approximate."""
        height = MARKER_PX - 1 + (2 if selected or hovered else 0)
        rect = QtCore.QRectF(mark.x0, y - height / 2, max(mark.x1 - mark.x0, MARKER_PX), height)
        # Zoomed in, a year's bar can be a hundred screens wide: draw only what shows (its
        # ends, off screen, are never seen), which keeps antialiased outlines cheap.
        left, right = max(rect.left(), band.left() - 8), min(rect.right(), band.right() + 8)
        if right - left < rect.width():
            rect = QtCore.QRectF(left, rect.top(), max(right - left, 1.0), height)
        precision = int(self.visible.index.precision[mark.position])
        fill = QtGui.QColor(colour)
        fill.setAlphaF(0.28)
        painter.setBrush(fill)
        outline = QtGui.QPen(colour, 1.4)
        if approximate:
            outline.setStyle(QtCore.Qt.PenStyle.DashLine)
        if selected:
            outline = QtGui.QPen(QtGui.QColor(self.theme.selection), 2.4)
        painter.setPen(outline)
        painter.drawRoundedRect(rect, 3, 3)
        if precision != PRECISION_CODES["day"]:
            hatch = QtGui.QBrush(colour, QtCore.Qt.BrushStyle.BDiagPattern)
            painter.setPen(QtCore.Qt.PenStyle.NoPen)
            painter.setBrush(hatch)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 2, 2)
        else:
            # A day-precise start with an end date: a solid cap marks the exact start day.
            painter.setPen(QtCore.Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QtCore.QRectF(rect.left(), rect.top(), 4, rect.height()), 1, 1)
        return rect

    def _cluster_rect(self, cluster: _Cluster, band: QtCore.QRectF) -> QtCore.QRectF:
        metrics = QtGui.QFontMetricsF(self._bold)
        width = max(metrics.horizontalAdvance(f"{cluster.count:,}") + 10, 20)
        # In the middle of the part in view: a pile of long bars may reach far off screen.
        left, right = max(cluster.x0, band.left()), min(cluster.x1, band.right())
        centre_x = min(max((left + right) / 2, band.left() + width / 2 + 2),
                       band.right() - width / 2 - 2)  # fmt: skip
        height = min(18.0, band.height() - 4)
        return QtCore.QRectF(centre_x - width / 2, band.center().y() - height / 2, width, height)

    def _paint_cluster(self, painter, cluster: _Cluster, rect: QtCore.QRectF, lane: Lane) -> None:
        text = f"{cluster.count:,}"
        height = rect.height()
        painter.setPen(QtGui.QPen(QtGui.QColor(self.theme.density), 1.5))
        painter.setBrush(QtGui.QColor(self.theme.cluster_fill))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setFont(self._bold)
        painter.setPen(QtGui.QColor(self.theme.density))
        painter.drawText(rect, int(QtCore.Qt.AlignmentFlag.AlignCenter), text)
        self.hits.append(Hit(rect, "cluster", count=cluster.count, t0=cluster.t0, t1=cluster.t1,
                             lane=lane.company.name))  # fmt: skip

    def _paint_selected_if_hidden(self, painter, lane, band, t0, t1, sx, dx) -> None:
        """The selected event stays visible even inside a density strip or cluster."""
        if self.selected in self.drawn_events:
            return
        position = self._selected_position
        if position is None:
            return
        lane_slice = self.visible.index.lane_slice(lane.index_lane)
        if not lane_slice.start <= position < lane_slice.stop:
            return
        start = float(self.visible.index.start[position])
        if not t0 - DAY <= start <= t1:
            return
        centre = QtCore.QPointF((start + DAY / 2) * sx + dx, band.center().y())
        category = int(self.visible.index.category[position])
        approximate = bool(self.visible.index.approximate[position])
        colour = self.colour_of(category)
        rect = self._paint_symbol(painter, category, centre, colour, approximate, True, False)
        self.drawn_events[self.selected] = centre
        self.hits.append(Hit(rect, "event", event_id=self.selected, lane=lane.company.name))

    # ----- picking
    def hit_at(self, device_pos: QtCore.QPointF) -> Hit | None:
        """The topmost thing drawn under a device-pixel position (events before clusters,
        then the density column)."""
        best: Hit | None = None
        for hit in reversed(self.hits):
            if hit.rect.contains(device_pos):
                if hit.kind == "event":
                    return hit
                best = best or hit
        if best is not None:
            return best
        for band, edges, counts, name in self.density_rows:
            if not band.top() <= device_pos.y() <= band.bottom():
                continue
            sx = band.width() / (edges[-1] - edges[0])
            bucket = int((device_pos.x() - band.left()) / sx / (edges[1] - edges[0]))
            for near in (bucket, bucket - 1, bucket + 1):  # a pixel of slack either side
                if 0 <= near < counts.size and counts[near]:
                    t_lo, t_hi = float(edges[near]), float(edges[near + 1])
                    count = int(counts[near])
                    return Hit(QtCore.QRectF(), "density", count=count, t0=t_lo, t1=t_hi, lane=name)
        return None


def marker_limit(width_px: float) -> int:
    """Above this many events in view, a lane is a density strip: they could not be told apart."""
    return max(8, int(width_px / (MARKER_PX + GAP_PX)) * MAX_SUBROWS // 2)


def describe_period(t0: float, t1: float) -> str:
    """A short human range for tooltips: "3 Mar 2019 – 9 Apr 2019"."""
    first = from_epoch_seconds(t0)
    last = from_epoch_seconds(max(t0, t1 - 1))
    if first == last:
        return first.strftime("%-d %b %Y")
    return f"{first.strftime('%-d %b %Y')} – {last.strftime('%-d %b %Y')}"
