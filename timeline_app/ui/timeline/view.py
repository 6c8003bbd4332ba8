"""The interactive timeline: one lane per company, a date axis, an overview strip below.

Wheel zooms time (never lanes), drag pans time, the scroll bar moves through lanes, which
keep a readable height however many there are. Double-click fits everything, zooms into
the badge or density column under the cursor, or (on an event) asks to edit it; keys.py
does the same by keyboard. Where everything goes is layout.py's work (cached per range,
size, lanes, filter and selection); the mouse is answered from it."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.model.dates import epoch_seconds
from timeline_app.model.eras import Era
from timeline_app.model.query import EventReader
from timeline_app.model.visible import VisibleEvents
from timeline_app.ui.palette import Colours, KnowsColours, Theme
from timeline_app.ui.shown_text import shown, tooltip
from timeline_app.ui.timeline import lane_heights
from timeline_app.ui.timeline.axes import (
    LABEL_AXIS_PX,
    LaneAxis,
    TimeAxis,
    TimeViewBox,
    describe_range,
)
from timeline_app.ui.timeline.eras import EraBands
from timeline_app.ui.timeline.hover import describe_hit
from timeline_app.ui.timeline.keys import TimelineKeys
from timeline_app.ui.timeline.lane_heights import LANE_MIN_PX, LaneSlot
from timeline_app.ui.timeline.layer import EventLayer
from timeline_app.ui.timeline.layout import Hit
from timeline_app.ui.timeline.layout_queries import LayoutQueries
from timeline_app.ui.timeline.legend import CategoryLegend
from timeline_app.ui.timeline.overview import Overview
from timeline_app.ui.timeline.packing import DAY, rows_needed

MIN_SPAN = 3 * DAY  # closest zoom
TITLE_CACHE_LIMIT = 50_000
LABEL_ROOM_MAX_EVENTS = 5_000


class TimelineView(QtWidgets.QWidget, LayoutQueries):
    eventClicked = QtCore.Signal(int)
    eventActivated = QtCore.Signal(int)  # a double-click on an event, or Enter: edit it
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
        self.plot.setMouseTracking(True)
        self.plot.setAccessibleName("Timeline")
        self.plot.getPlotItem().hideButtons()
        self.plot.getPlotItem().setMenuEnabled(False)
        self.layer = EventLayer(self._fetch_titles, self.theme)
        self.viewbox.addItem(self.layer)
        self.eras = EraBands(self.theme)
        self.viewbox.addItem(self.eras)
        self.scrollbar = QtWidgets.QScrollBar(QtCore.Qt.Orientation.Vertical)
        self.scrollbar.setSingleStep(1)
        # Hidden when every lane fits, it keeps its place: the plot and the overview keep
        # their width, so a filter that leaves a few lanes does not shift every date sideways
        # (nor make the overview count a million events again for its new columns).
        policy = self.scrollbar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.scrollbar.setSizePolicy(policy)
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
        self.keys = TimelineKeys(self, self)  # focus frame, PgUp/PgDn, badges by keyboard
        self.set_theme(self.theme)

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
        retitled: Collection[int] | None = None,
        colours: Colours | None = None,
    ) -> None:
        """Show other events; `keep_range` (the same file, changed) keeps the time in view.
        `retitled`: the only events whose titles may have changed (a step of ours names
        them; reading every drawn title again would cost more than the step), or None.
        `colours` by default are the reader's (the window's controller knows those chosen)."""
        kept = self.visible_range() if keep_range and self.visible is not None else None
        if colours is None and isinstance(reader, KnowsColours):
            colours = reader.colours
        self.visible = visible
        self.reader = reader
        self.categories = list(categories)
        if retitled is None:
            self._titles.clear()
        for event_id in retitled or ():
            self._titles.pop(event_id, None)
        self.layer.selected = None
        self.layer.set_source(visible, self.categories, colours)
        self.overview.set_source(visible)
        self.legend.set_categories(self.categories, colours)
        self.refresh()
        if kept is not None:
            self.set_visible_range(*kept)
        else:
            self.fit_all()

    def set_eras(self, eras: Sequence[Era]) -> None:
        """The named periods shaded across every lane, their names in a strip above."""
        strip = self.eras.strip_height()
        self.eras.set_eras(eras)
        if self.eras.strip_height() != strip and self.visible is not None:
            self._update_lane_geometry()

    def set_theme(self, theme: Theme) -> None:
        """Redraw everything in other colours (the window's theme changed)."""
        self.theme = theme
        self.plot.setBackground(theme.background)
        for axis in (self.axis_time, self.axis_lanes):
            axis.setPen(pg.mkPen(theme.muted)), axis.setTextPen(pg.mkPen(theme.text))
        for part in (self.layer, self.overview, self.legend, self.eras):
            part.set_theme(theme)

    def clear(self) -> None:
        """No file: nothing is drawn (and nothing stale stays on screen)."""
        self.visible = None
        self.reader = None
        self._titles.clear()
        self.layer.set_source(None, [])
        self.eras.set_eras([])
        self.overview.set_source(None)
        self.legend.set_categories([])
        self.axis_lanes.set_lanes([], [])
        self.layer.set_slots([])
        self.scrollbar.setVisible(False)

    def forget_titles(self) -> None:
        """Titles are read again (another program may have changed them)."""
        self._titles.clear()
        self.layer.titles_changed()

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
        visible = self.visible
        if visible is None:
            return False
        edges = np.array(self.visible_range())
        return any(visible.bucket_counts(lane, edges)[0] for lane in visible.lanes)

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
            if self.visible is not None:  # a file with no events yet: this year, not 1970
                year = datetime.date.today().year
                self.set_visible_range(
                    epoch_seconds(datetime.date(year, 1, 1)),
                    epoch_seconds(datetime.date(year + 1, 1, 1)),
                )
            return
        lo, hi = bounds
        assert self.visible is not None  # there are bounds
        t0, t1 = self.visible.state.time_range
        if t0 is not None or t1 is not None:  # a chosen date range is shown exactly
            start, end = (t0 if t0 is not None else lo), (t1 if t1 is not None else hi)
            if start > end:  # "From" after "To": the days between, where matches lie
                start, end = end, start
            self._fitting = True
            try:
                self.set_visible_range(start, end)
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
            assert self.visible is not None  # a row is asked only with lanes to show
            lane = self.visible.lanes[row]
            self._needs[row] = rows_needed(self.visible, lane, t0, t1, key[2], self.layer.packing)
        return self._needs[row]

    def _update_lane_geometry(self) -> None:
        """Lane heights for this zoom and size, then the scroll bar, names and bands."""
        lanes = len(self.visible.lanes) if self.visible else 0
        strip = self.eras.strip_height()  # the eras' names, above the lanes
        self.viewbox.setYRange(0, max(self.viewbox.height(), 1.0), padding=0)  # 1 unit = 1 px
        height = max(self.viewbox.height() - strip, 1.0)
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
        self.slots = [
            LaneSlot(slot.row, slot.top + strip, slot.height)
            for slot in lane_heights.stack(self._first_row, heights)
        ]
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

    # ----- drawing off screen (exports)
    def show_plot_only(self) -> None:
        """An export draws its own legend and needs no overview strip."""
        self.legend.hide()
        self.overview.hide()

    def show_off_screen(self, width: int, height: int) -> None:
        """Lay the view out at a size without showing it on any screen."""
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.resize(width, height)
        self.show()
        QtCore.QCoreApplication.processEvents()

    def frame(self, width: int, height: int, time_range: tuple[float, float] | None) -> None:
        """Size the view and show `time_range` (None: every filtered event), with the lane
        heights that size and range need, ready to be rendered."""
        self.resize(width, height)
        QtCore.QCoreApplication.processEvents()
        if time_range is not None:
            self.set_visible_range(*time_range)
        else:
            self.fit_all()
        self._update_lane_geometry()

    def render_plot(self, painter: QtGui.QPainter, target: QtCore.QRectF) -> None:
        """Draw the lanes, markers and axes into `target` of another paint device."""
        self.plot.render(painter, target, self.plot.rect())

    def lanes_natural_height(self) -> float:
        """What every lane needs at this zoom, stacked: how tall an export should be."""
        lanes = len(self.visible.lanes) if self.visible else 0
        needs = sum(max(LANE_MIN_PX, self._lane_need(row)) for row in range(lanes))
        return needs + self.eras.strip_height()

    def text_fonts(self) -> list[QtGui.QFont]:
        """Every font the plot writes in: an export scales the smallest to the size asked."""
        labels = self.layer.metrics.fonts.values()
        return [*labels, *self.axis_time.fonts(), *self.axis_lanes.fonts()]

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
        self.layer.select(event_id)
        if event_id is not None and self.visible is not None:
            self._bring_into_view(event_id)

    def _bring_into_view(self, event_id: int) -> None:
        visible = self.visible
        if visible is None:
            return
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
        return self.hit_at_viewport(QtCore.QPointF(self.plot.mapFromScene(scene_pos)))

    def _mouse_moved(self, scene_pos: QtCore.QPointF) -> None:
        hit = self._hit_at_scene(scene_pos)
        hovered = hit.event_id if hit is not None and hit.kind == "event" else None
        if hovered != self.layer.hovered:
            self.layer.hovered = hovered
            self.layer.update()
        text = describe_hit(hit, self.reader) if hit is not None else ""
        if text:
            global_pos = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos))
            QtWidgets.QToolTip.showText(global_pos, tooltip(text), self.plot)
        else:
            QtWidgets.QToolTip.hideText()
        self.plot.viewport().setCursor(
            QtCore.Qt.CursorShape.PointingHandCursor if hovered is not None
            else QtCore.Qt.CursorShape.ArrowCursor
        )  # fmt: skip

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
            else:
                self.eventActivated.emit(hit.event_id)
            return
        self.zoom_into(hit)

    def zoom_into(self, hit: Hit) -> None:
        """Show a badge's or a density column's events apart (double-click, or Enter)."""
        t0, t1 = hit.t0, hit.t1
        if hit.kind == "density":
            width = (t1 - t0) * 12
            middle = (t0 + t1) / 2
            t0, t1 = middle - width / 2, middle + width / 2
        pad = max((t1 - t0) * 0.15, DAY)
        self.set_visible_range(t0 - pad, t1 + pad)

    def viewport_widget(self) -> QtWidgets.QWidget:
        return self.plot.viewport()
