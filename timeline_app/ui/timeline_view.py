"""The interactive timeline: one lane per company, a date axis, an overview strip below.

Wheel zooms time (never lanes), drag pans time, the scroll bar moves through lanes, which
keep a readable height however many there are. Double-click fits everything, or zooms into
the cluster or density column under the cursor.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import date

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import (
    DAY_SPACING,
    MONTH_SPACING,
    YEAR_SPACING,
    TickSpec,
    ZoomLevel,
    makeMStepper,
    makeSStepper,
    makeYStepper,
)
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.errors import TimelineError
from timeline_app.model.dates import (
    epoch_seconds,
    format_span,
    from_epoch_seconds,
)
from timeline_app.model.query import StoreReader as EventReader
from timeline_app.model.visible import VisibleEvents
from timeline_app.ui import lane_heights, palette
from timeline_app.ui.lane_heights import LANE_MIN_PX, LaneSlot
from timeline_app.ui.overview import Overview
from timeline_app.ui.paint_guard import guarded_paint, never_raises
from timeline_app.ui.shown_text import shown, tooltip
from timeline_app.ui.timeline_items import DAY, EventLayer, Hit, Theme, describe_period

MIN_SPAN = 3 * DAY  # closest zoom
LABEL_AXIS_PX = 170
TITLE_CACHE_LIMIT = 50_000
LABEL_ROOM_MAX_EVENTS = 5_000


def describe_range(t0: float, t1: float) -> str:
    """ "June 2020", "May – August 2020", "Dec 2019 – Feb 2020" or "2001 – 2025"."""
    first, last = from_epoch_seconds(t0), from_epoch_seconds(max(t0, t1 - 1))
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if first.year == last.year:
        return f"{first.strftime('%B')} – {last.strftime('%B %Y')}"
    if (last - first).days <= 2 * 366:
        return f"{first.strftime('%b %Y')} – {last.strftime('%b %Y')}"
    return f"{first.year} – {last.year}"


def month_start(seconds: float) -> float:
    day = from_epoch_seconds(seconds)
    return float(epoch_seconds(day.replace(day=1)))


def next_month_start(seconds: float) -> float:
    day = from_epoch_seconds(seconds)
    return float(epoch_seconds(date(day.year + day.month // 12, day.month % 12 + 1, 1)))


class TimeAxis(pg.DateAxisItem):
    """Dates in UTC, never finer than a day (no event is known to the hour), and always
    with the year in view: "Jun 2020" over day numbers, not a bare "Tue 09"."""

    def __init__(self) -> None:
        super().__init__("bottom", utcOffset=0)
        day, month, year = DAY_SPACING, MONTH_SPACING, YEAR_SPACING
        self.zoomLevels = OrderedDict(
            [
                (np.inf, ZoomLevel([
                    TickSpec(year, makeYStepper(1), "%Y", autoSkip=[1, 5, 10, 25]),
                    TickSpec(month, makeMStepper(1), "%b"),
                ], "YYYY")),
                (5 * day, ZoomLevel([
                    TickSpec(month, makeMStepper(1), "%b %Y"),
                    TickSpec(day, makeSStepper(day), "%d", autoSkip=[1, 5]),
                ], "MMM 0000")),
                (6 * 3600, ZoomLevel([
                    TickSpec(month, makeMStepper(1), "%B %Y"),
                    TickSpec(day, makeSStepper(day), "%a %d"),
                ], "Wed 00")),
            ]
        )  # fmt: skip

    @never_raises(fallback=lambda self, values, scale, spacing: [""] * len(values))
    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        strings = super().tickStrings(values, scale, spacing)
        if not strings or spacing != DAY_SPACING:
            return strings
        lo, hi = self.range
        px_per_second = self.width() / (hi - lo) if hi > lo else 0.0
        width = self.fontMetrics.horizontalAdvance
        month_format = self.zoomLevel.tickSpecs[0].format
        months_in_view = [m for m in (month_start(v) for v in values) if lo <= m <= hi] + [
            m for m in (next_month_start(v) for v in values[-1:]) if lo <= m <= hi
        ]
        label_at: list[tuple[float, float]] = []  # (centre, half width) of month labels
        for start in months_in_view:
            text = from_epoch_seconds(start).strftime(month_format)
            label_at.append((start, width(text) / 2))
        for i, value in enumerate(values):  # day numbers give way to the month labels
            half = width(strings[i]) / 2
            for centre, other in label_at:
                if value != centre and abs(value - centre) * px_per_second < half + other + 6:
                    strings[i] = ""
        return strings


class LaneAxis(pg.AxisItem):
    """Company names beside their lanes, elided to the axis width."""

    lanesScrolled = QtCore.Signal(int)

    def __init__(self) -> None:
        super().__init__("left")
        self.names: list[str] = []
        self.setWidth(LABEL_AXIS_PX)
        self.setStyle(tickLength=0, tickTextOffset=8, autoExpandTextSpace=False)
        font = QtGui.QFont()
        font.setPointSizeF(9.5)
        self.setTickFont(font)
        self._metrics = QtGui.QFontMetrics(font)
        self._elided_names: dict[str, str] = {}

    def wheelEvent(self, ev) -> None:  # noqa: N802 (Qt/pyqtgraph name)
        """The wheel over the company names scrolls the lanes."""
        ev.accept()
        self.lanesScrolled.emit(wheel_steps(ev.delta()))

    def set_lanes(self, names: list[str], slots: Sequence[LaneSlot]) -> None:
        """Elided names as fixed ticks at the middle of each lane in view."""
        self.names = names
        self.setTicks(
            [
                [
                    (slot.centre, self._elided(names[slot.row]))
                    for slot in slots
                    if slot.row < len(names)
                ]
            ]
        )

    def _elided(self, name: str) -> str:
        if name not in self._elided_names:
            room = LABEL_AXIS_PX - 16
            elide = QtCore.Qt.TextElideMode.ElideRight
            self._elided_names[name] = self._metrics.elidedText(name, elide, room)
        return self._elided_names[name]


def wheel_steps(delta: int) -> int:
    """Lanes per wheel notch (120 units), at least one in the wheel's direction."""
    notches = max(1, abs(delta) // 120)
    return -3 * notches if delta > 0 else 3 * notches


class TimeViewBox(pg.ViewBox):
    """Wheel and drag act on time only; double-click is handled by the view."""

    doubleClicked = QtCore.Signal(object)  # scene position
    lanesScrolled = QtCore.Signal(int)  # lanes to move down (negative: up)

    def __init__(self) -> None:
        super().__init__(enableMenu=False, invertY=True)
        self.setMouseEnabled(x=True, y=False)

    def wheelEvent(self, ev, axis=None) -> None:  # noqa: N802 (pyqtgraph API)
        if ev.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier:  # Shift+wheel: lanes
            ev.accept()
            self.lanesScrolled.emit(wheel_steps(ev.delta()))
            return
        super().wheelEvent(ev, axis)

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph API)
        if ev.double() and ev.button() == QtCore.Qt.MouseButton.LeftButton:
            ev.accept()
            self.doubleClicked.emit(ev.scenePos())
            return
        super().mouseClickEvent(ev)


class TimelineView(QtWidgets.QWidget):
    eventClicked = QtCore.Signal(int)
    visibleRangeChanged = QtCore.Signal(float, float)

    def __init__(self, parent: QtWidgets.QWidget | None = None, theme: str = "light") -> None:
        super().__init__(parent)
        self.visible: VisibleEvents | None = None
        self.reader: EventReader | None = None
        self.categories: list[tuple[int, str]] = []
        self._titles: dict[int, str] = {}
        self._first_row = 0
        self.slots: list[LaneSlot] = []
        self._lane_names: list[str] = []
        self._needs_key: tuple[float, float, float] | None = None
        self._needs: dict[int, float] = {}  # lane row -> height it needs at _needs_key
        self._fitting = False
        self._fitted = False

        self.theme = Theme.named(theme)
        self.axis_time = TimeAxis()
        self.axis_lanes = LaneAxis()
        self.viewbox = TimeViewBox()
        self.plot = pg.PlotWidget(
            viewBox=self.viewbox, axisItems={"bottom": self.axis_time, "left": self.axis_lanes}
        )
        self.plot.setBackground(self.theme.background)
        self.plot.setMouseTracking(True)
        self.plot.getPlotItem().hideButtons()
        self.plot.getPlotItem().setMenuEnabled(False)
        for axis in (self.axis_time, self.axis_lanes):
            axis.setPen(pg.mkPen(self.theme.muted))
            axis.setTextPen(pg.mkPen(self.theme.text))
        self.layer = EventLayer(self._fetch_titles, self.theme)
        self.viewbox.addItem(self.layer)
        self.scrollbar = QtWidgets.QScrollBar(QtCore.Qt.Orientation.Vertical)
        self.scrollbar.setSingleStep(1)
        self.overview = Overview(self.theme)
        self.legend = CategoryLegend(self.theme)

        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2)
        grid.addWidget(self.legend, 0, 0, 1, 2)
        grid.addWidget(self.plot, 1, 0)
        grid.addWidget(self.scrollbar, 1, 1)
        # Indented by the lane-label width so the strip lines up with the plot above it.
        overview_row = QtWidgets.QHBoxLayout()
        overview_row.setContentsMargins(LABEL_AXIS_PX, 0, 0, 0)
        overview_row.addWidget(self.overview)
        grid.addLayout(overview_row, 2, 0)
        grid.setRowStretch(1, 1)

        self.viewbox.sigXRangeChanged.connect(self._x_range_changed)
        self.viewbox.doubleClicked.connect(self._double_clicked)
        self.viewbox.lanesScrolled.connect(self.scroll_lanes)
        self.axis_lanes.lanesScrolled.connect(self.scroll_lanes)
        self.scrollbar.valueChanged.connect(self._scrolled)
        self.overview.rangeDragged.connect(self.set_visible_range)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._mouse_clicked)
        self.plot.viewport().installEventFilter(self)

    # ----- data
    def set_source(
        self,
        visible: VisibleEvents,
        reader: EventReader,
        categories: list[tuple[int, str]],
        *,
        keep_range: bool = False,
    ) -> None:
        """Show other events; `keep_range` (the same file, changed) keeps the time in view."""
        kept = self.visible_range() if keep_range and self.visible is not None else None
        self.visible = visible
        self.reader = reader
        self.categories = list(categories)
        self._titles.clear()
        self.layer.selected = None
        self.layer.set_source(visible, self.categories)
        self.overview.set_source(visible)
        self.legend.set_categories(self.categories)
        self.refresh()
        if kept is not None:
            self.set_visible_range(*kept)
        else:
            self.fit_all()

    def clear(self) -> None:
        """No file: nothing is drawn (and nothing stale stays on screen)."""
        self.visible = None
        self.reader = None
        self._titles.clear()
        self.layer.set_source(None, [])
        self.overview.set_source(None)
        self.legend.set_categories([])
        self.axis_lanes.set_lanes([], [])
        self.layer.set_slots([])
        self.scrollbar.setVisible(False)

    def forget_titles(self) -> None:
        """Titles are read again on the next paint (another program may have changed them)."""
        self._titles.clear()
        self.layer.update()

    def refresh(self) -> None:
        """Filters or lane order changed: new lanes, new counts, same time range."""
        if self.visible is None:
            return
        self._needs_key = None  # other lanes, or other events in them
        self._lane_names = [shown(lane.company.name) for lane in self.visible.lanes]
        self.layer.data_changed()
        self.overview.refresh()
        self._update_lane_geometry()
        if self.visible.shown and not self._shown_in_range():
            self.fit_all()  # nothing left on screen: show where the filtered events are

    def _shown_in_range(self) -> bool:
        t0, t1 = self.visible_range()
        edges = np.array([t0, t1])
        return any(self.visible.bucket_counts(lane, edges)[0] for lane in self.visible.lanes)

    def _fetch_titles(self, ids: Sequence[int]) -> dict[int, str]:
        missing = [i for i in ids if i not in self._titles]
        if missing and self.reader is not None:
            if len(self._titles) > TITLE_CACHE_LIMIT:
                self._titles.clear()
            self._titles.update(
                (event_id, shown(title))
                for event_id, title in self.reader.event_titles(missing).items()
            )
        return {i: self._titles.get(i, "") for i in ids}

    # ----- ranges
    def visible_range(self) -> tuple[float, float]:
        (t0, t1), _ = self.viewbox.viewRange()
        return float(t0), float(t1)

    def set_visible_range(self, t0: float, t1: float) -> None:
        if t1 - t0 < MIN_SPAN:
            middle = (t0 + t1) / 2
            t0, t1 = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
        self.viewbox.setXRange(t0, t1, padding=0)

    def fit_all(self) -> None:
        bounds = self._filtered_time_bounds()
        if bounds is None:
            return
        lo, hi = bounds
        t0, t1 = self.visible.state.time_range
        if t0 is not None or t1 is not None:  # a chosen date range is shown exactly
            self._fitting = True
            try:
                self.set_visible_range(t0 if t0 is not None else lo, t1 if t1 is not None else hi)
            finally:
                self._fitting = False
            self._fitted = True
            return
        hi = max(hi, lo + 2 * DAY)
        # Leave room on the right for the labels of the latest events, when there are few
        # enough events for labels to show at this zoom.
        width = max(self.viewbox.width(), 200.0)
        labelled = self.visible is not None and self.visible.shown <= LABEL_ROOM_MAX_EVENTS
        left_px, right_px = 16.0, min(260.0, 0.25 * width) if labelled else 16.0
        span = (hi - lo) * width / (width - left_px - right_px)
        start = lo - span * left_px / width
        self._fitting = True
        try:
            self.set_visible_range(start, start + span)
        finally:
            self._fitting = False
        self._fitted = True  # a resize keeps "everything" in view until the user moves

    def is_fitted(self) -> bool:
        """True while everything filtered is in view (no zoom or pan since fitting)."""
        return self._fitted

    def _filtered_time_bounds(self) -> tuple[float, float] | None:
        if self.visible is None:
            return None
        positions = self.visible.shown_positions_by_time()
        if not positions.size:
            return self.visible.index.time_bounds()
        index = self.visible.index
        lo, hi = float(index.start[positions[0]]), float(index.end[positions].max())
        t0, t1 = self.visible.state.time_range  # a chosen date range is what to show
        return (max(lo, t0) if t0 is not None else lo), (min(hi, t1) if t1 is not None else hi)

    def zoom(self, factor: float) -> None:
        t0, t1 = self.visible_range()
        middle, half = (t0 + t1) / 2, (t1 - t0) / 2 / factor
        self.set_visible_range(middle - half, middle + half)

    def _x_range_changed(self, *_args: object) -> None:
        if not self._fitting:
            self._fitted = False
        t0, t1 = self.visible_range()
        # Under the ticks, the period in view: ticks alone ("07 12 17") may not name it.
        self.axis_time.setLabel(describe_range(t0, t1))
        self.overview.show_window(t0, t1)
        self._update_lane_geometry()  # busy lanes need more sub-rows when zoomed out
        self.visibleRangeChanged.emit(t0, t1)

    # ----- lanes and vertical scrolling
    def _lane_need(self, row: int) -> float:
        """Remembered for this zoom and width: scrolling asks again for the same lanes."""
        t0, t1 = self.visible_range()
        key = (t0, t1, self.viewbox.width())
        if key != self._needs_key:
            self._needs_key, self._needs = key, {}
        if row not in self._needs:
            lane = self.visible.lanes[row]
            self._needs[row] = self.layer.height_needed(lane, t0, t1, key[2])
        return self._needs[row]

    def _update_lane_geometry(self) -> None:
        """Lane heights for this zoom and size, then the scroll bar, names and bands."""
        lanes = len(self.visible.lanes) if self.visible else 0
        height = max(self.viewbox.height(), 1.0)
        self.viewbox.setYRange(0, height, padding=0)  # one unit is one pixel, from the top
        scrolling = not lane_heights.all_fit(lanes, height)
        if not scrolling:
            self._first_row = 0
            heights = lane_heights.share_height([self._lane_need(r) for r in range(lanes)], height)
            self.scrollbar.setRange(0, 0)
        else:
            last = lane_heights.last_first_row(lanes, self._lane_need, height)
            self._first_row = max(0, min(self._first_row, last))
            heights = lane_heights.fill_down(self._first_row, lanes, self._lane_need, height)
            self.scrollbar.blockSignals(True)
            self.scrollbar.setRange(0, last)
            self.scrollbar.setValue(self._first_row)
            self.scrollbar.blockSignals(False)
            self.scrollbar.setPageStep(max(1, self._lanes_fully_in(heights, height)))
        self.scrollbar.setVisible(scrolling)
        self.slots = lane_heights.stack(self._first_row, heights)
        self.axis_lanes.set_lanes(self._lane_names, self.slots)
        self.layer.set_slots(self.slots)

    @staticmethod
    def _lanes_fully_in(heights: Sequence[float], available: float) -> int:
        return sum(1 for bottom in np.cumsum(heights) if bottom <= available + 0.5)

    def _scrolled(self, value: int) -> None:
        self._first_row = value
        self._update_lane_geometry()

    def scroll_to_lane(self, row: int) -> None:
        """Bring a lane into view, to the middle of the list, unless it is already whole."""
        height = max(self.viewbox.height(), 1.0)
        whole = [slot.row for slot in self.slots if slot.top + slot.height <= height + 0.5]
        if row not in whole:
            self.scrollbar.setValue(max(0, row - max(len(whole), 1) // 2))

    def lanes_natural_height(self) -> float:
        """What every lane needs at this zoom, stacked: how tall an export should be."""
        lanes = len(self.visible.lanes) if self.visible else 0
        return sum(max(LANE_MIN_PX, self._lane_need(row)) for row in range(lanes))

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        QtCore.QTimer.singleShot(0, self._after_resize)

    def _after_resize(self) -> None:
        self._update_lane_geometry()
        if self._fitted:
            self.fit_all()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if event.type() == QtCore.QEvent.Type.Resize:
            QtCore.QTimer.singleShot(0, self._update_lane_geometry)
        if event.type() == QtCore.QEvent.Type.Leave and self.layer.hovered is not None:
            self.layer.hovered = None
            self.layer.update()
        return False

    def scroll_lanes(self, steps: int) -> None:
        self.scrollbar.setValue(self.scrollbar.value() + steps)

    # ----- selection and picking
    def set_selected(self, event_id: int | None) -> None:
        self.layer.selected = event_id
        if event_id is not None and self.visible is not None:
            self._bring_into_view(event_id)
        self.layer.update()

    def _bring_into_view(self, event_id: int) -> None:
        visible = self.visible
        position = visible.position_of(event_id)
        if position is None:
            return
        company_id = int(
            visible.index.company_ids[
                int(np.searchsorted(visible.index.offsets, position, side="right")) - 1
            ]
        )
        row = visible.lane_for_company(company_id)
        start, end = float(visible.index.start[position]), float(visible.index.end[position])
        t0, t1 = self.visible_range()
        if end < t0 or start > t1:  # first time, then lanes: their heights follow the zoom
            half = (t1 - t0) / 2
            self.set_visible_range(start - half, start + half)
        if row is not None:
            self.scroll_to_lane(row)

    def _hit_at_scene(self, scene_pos: QtCore.QPointF) -> Hit | None:
        view = self.plot
        device = view.mapFromScene(scene_pos)
        return self.layer.hit_at(QtCore.QPointF(device))

    def _mouse_moved(self, scene_pos: QtCore.QPointF) -> None:
        hit = self._hit_at_scene(scene_pos)
        hovered = hit.event_id if hit is not None and hit.kind == "event" else None
        if hovered != self.layer.hovered:
            self.layer.hovered = hovered
            self.layer.update()
        text = self.tooltip_for(hit) if hit is not None else ""
        if text:
            global_pos = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos))
            QtWidgets.QToolTip.showText(global_pos, tooltip(text), self.plot)
        else:
            QtWidgets.QToolTip.hideText()
        self.plot.viewport().setCursor(
            QtCore.Qt.CursorShape.PointingHandCursor if hovered is not None
            else QtCore.Qt.CursorShape.ArrowCursor
        )  # fmt: skip

    def tooltip_for(self, hit: Hit) -> str:
        """The tooltip's text (shown escaped): company, date as precisely as known, title;
        or a count."""
        if hit.kind == "event" and self.reader is not None:
            events = self.reader.events_by_ids([hit.event_id])
            event = events.get(hit.event_id)
            if event is None:
                return ""
            try:
                when = format_span(event.start, event.end, event.precision, event.approximate)
            except TimelineError:  # a date another program wrote badly: shown as stored
                when = event.start
            return f"{shown(event.company)}\n{when}\n{shown(event.title)}"
        period = describe_period(hit.t0, hit.t1)
        return f"{shown(hit.lane)}\n{hit.count:,} events, {period}\nDouble-click to zoom in"

    def _mouse_clicked(self, ev) -> None:
        if ev.button() != QtCore.Qt.MouseButton.LeftButton or ev.double():
            return
        hit = self._hit_at_scene(ev.scenePos())
        if hit is not None and hit.kind == "event":
            ev.accept()
            self.eventClicked.emit(hit.event_id)

    def _double_clicked(self, scene_pos: QtCore.QPointF) -> None:
        hit = self._hit_at_scene(scene_pos)
        if hit is None or hit.kind == "event":
            if hit is None:
                self.fit_all()
            return
        t0, t1 = hit.t0, hit.t1
        if hit.kind == "density":
            width = (t1 - t0) * 12
            middle = (t0 + t1) / 2
            t0, t1 = middle - width / 2, middle + width / 2
        pad = max((t1 - t0) * 0.15, DAY)
        self.set_visible_range(t0 - pad, t1 + pad)

    # ----- introspection for tests and export
    def lane_names(self) -> list[str]:
        return [lane.company.name for lane in self.visible.lanes] if self.visible else []

    def drawn_event_ids(self) -> set[int]:
        self._paint_now()
        return set(self.layer.drawn_events)

    def label_texts(self) -> list[str]:
        self._paint_now()
        return list(self.layer.shown_labels)

    def point_of_event(self, event_id: int) -> QtCore.QPoint | None:
        self._paint_now()
        point = self.layer.drawn_events.get(event_id)
        if point is None:
            return None
        return QtCore.QPoint(round(point.x()), round(point.y()))

    def viewport_widget(self) -> QtWidgets.QWidget:
        return self.plot.viewport()

    def _paint_now(self) -> None:
        """Render once into a throwaway image so the layer's hit list matches the screen."""
        viewport = self.plot.viewport()
        image = QtGui.QImage(viewport.size(), QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        painter = QtGui.QPainter(image)
        self.plot.render(painter, QtCore.QRectF(image.rect()), viewport.rect())
        painter.end()


class CategoryLegend(QtWidgets.QWidget):
    """Category colours and shapes, plus how precision and approximation are drawn."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.categories: list[tuple[int, str]] = []
        font = QtGui.QFont()
        font.setPointSizeF(9.0)
        self.setFont(font)
        self.setMinimumHeight(24)

    def set_categories(self, categories: list[tuple[int, str]]) -> None:
        self.categories = categories
        self.update()

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt name)
        return QtCore.QSize(600, 24)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QtGui.QPainter(self)
        try:
            used = self._paint(painter)
        finally:  # a painter left open on an error would crash Qt later
            painter.end()
        if used is not None and abs(used - self.minimumHeight()) > 1:  # wrapped lines
            self.setMinimumHeight(int(used) + 2)

    @guarded_paint
    def _paint(self, painter: QtGui.QPainter) -> float:
        painter.fillRect(self.rect(), QtGui.QColor(self.theme.background))  # as the plot
        return paint_legend(
            painter, QtCore.QRectF(self.rect()), self.categories, self.theme, self.font()
        )


def paint_legend(
    painter: QtGui.QPainter,
    rect: QtCore.QRectF,
    categories: Sequence[tuple[int, str]],
    theme: Theme,
    font: QtGui.QFont,
) -> float:
    """Draw the legend left to right, wrapping lines; returns the height used."""
    from timeline_app.ui.timeline_items import MARKER_PX, symbol_path

    painter.save()
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    metrics = QtGui.QFontMetricsF(font)
    line_h = max(metrics.height() + 6, 20.0)
    x, y = rect.left() + 8, rect.top() + 2
    entries: list[tuple[str, object]] = [
        (shown(name), ("symbol", pos)) for pos, (_cid, name) in enumerate(categories)
    ]
    entries += [("known to the month/year", ("span", None)), ("~ approximate", ("approx", None)),
                ("N  several events", ("cluster", None))]  # fmt: skip
    for text, (kind, pos) in entries:
        width = MARKER_PX + 6 + metrics.horizontalAdvance(text) + 16
        if kind == "span":
            width += 14
        if x + width > rect.right() and x > rect.left() + 8:
            x, y = rect.left() + 8, y + line_h
        centre = QtCore.QPointF(x + MARKER_PX / 2, y + line_h / 2)
        if kind == "symbol":
            painter.save()
            painter.translate(centre)
            painter.scale(MARKER_PX, MARKER_PX)
            painter.setPen(QtGui.QPen(QtGui.QColor(theme.background), 0.14))
            painter.setBrush(palette.category_colour(pos))
            painter.drawPath(symbol_path(palette.category_shape(pos)))
            painter.restore()
            icon_w = MARKER_PX
        elif kind == "span":
            bar = QtCore.QRectF(x, centre.y() - 5, 24, 10)
            painter.setPen(QtGui.QPen(QtGui.QColor(theme.muted), 1.2))
            painter.setBrush(
                QtGui.QBrush(QtGui.QColor(theme.muted), QtCore.Qt.BrushStyle.BDiagPattern)
            )
            painter.drawRoundedRect(bar, 3, 3)
            icon_w = 24
        elif kind == "approx":
            pen = QtGui.QPen(QtGui.QColor(theme.text), 1.2, QtCore.Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, MARKER_PX / 2, MARKER_PX / 2)
            icon_w = MARKER_PX
            text = text[2:]
        else:
            badge = QtCore.QRectF(x, centre.y() - 8, 22, 16)
            painter.setPen(QtGui.QPen(QtGui.QColor(theme.density), 1.4))
            painter.setBrush(QtGui.QColor(theme.cluster_fill))
            painter.drawRoundedRect(badge, 8, 8)
            painter.setPen(QtGui.QColor(theme.density))
            painter.drawText(badge, int(QtCore.Qt.AlignmentFlag.AlignCenter), "N")
            icon_w = 22
            text = text[3:]
        painter.setPen(QtGui.QColor(theme.text))
        painter.drawText(
            QtCore.QRectF(x + icon_w + 5, y, width, line_h),
            int(QtCore.Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        x += icon_w + 5 + metrics.horizontalAdvance(text) + 18
    painter.restore()
    return y + line_h - rect.top()
