"""The overview strip: density of every filtered event over all time, with a window showing
(and moving) the range visible in the timeline above (overview + detail)."""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.model.dates import from_epoch_seconds
from timeline_app.model.lane_shift import slide
from timeline_app.model.visible import VisibleEvents
from timeline_app.ui.paint_guard import guarded_paint
from timeline_app.ui.palette import Theme
from timeline_app.ui.timeline.packing import DAY

OVERVIEW_PX = 56
BUCKET_PX = 2


class Overview(QtWidgets.QWidget):
    rangeDragged = QtCore.Signal(float, float)

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.visible: VisibleEvents | None = None
        self.bounds: tuple[float, float] = (0.0, 1.0)
        self.data_bounds: tuple[float, float] = (0.0, 1.0)
        self.shown_range: tuple[float, float] = (0.0, 1.0)
        self.counts = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, 0))
        self._matrix_key: tuple | None = None
        # (the lane arrays, (columns, bounds, their generation), each event's cell) for _cells
        self._cells_of: tuple[object, tuple[int, tuple[float, float], int], np.ndarray] | None
        self._cells_of = None
        self._drag_offset: float | None = None
        self.setFixedHeight(OVERVIEW_PX)
        self.setMouseTracking(True)
        self.setToolTip("All filtered events over time. Drag the window to move the view.")

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_source(self, visible: VisibleEvents | None) -> None:
        self.visible = visible
        self.refresh()

    def refresh(self) -> None:
        """Counts per column of the shown lanes. Per-lane columns are computed once per
        filter mask and width; a company toggle then only adds up rows."""
        if self.visible is None or self.isHidden():  # hidden: an export, which draws none
            self.counts = np.zeros(0, dtype=np.int64)
            self._matrix_key = None
            self.update()
            return
        index = self.visible.index
        bounds = index.time_bounds()
        if bounds is None:
            self.counts = np.zeros(0, dtype=np.int64)
            self.update()
            return
        lo, hi = bounds
        self.data_bounds = bounds
        pad = max((hi - lo) * 0.02, 2 * DAY)
        self.bounds = (lo - pad, hi + pad)
        columns = max(1, self.width() // BUCKET_PX)
        key = (self.visible.mask_version, self.visible.index.generation, columns, self.bounds)
        if key != self._matrix_key:
            if not self._carry_move(key, columns):
                self._matrix = self._lane_columns(columns)
            self._matrix_key = key
        rows = [lane.index_lane for lane in self.visible.lanes]
        self.counts = self._matrix[rows].sum(axis=0) if rows else np.zeros(columns, np.int64)
        self.update()

    def _lane_columns(self, columns: int) -> np.ndarray:
        assert self.visible is not None
        index = self.visible.index
        lanes = index.company_ids.size
        cells = self._cells(columns)
        mask = self.visible.mask
        flat = np.bincount(cells if mask is None else cells[mask], minlength=lanes * columns)
        return flat.reshape(lanes, columns)

    def _cells(self, columns: int) -> np.ndarray:
        """Each event's (lane, column) cell as one number, kept while the file, the width
        and the bounds stay: a search or a category filter then only counts its events."""
        assert self.visible is not None
        index = self.visible.index
        cached = self._cells_of
        shape = (columns, self.bounds, index.generation)  # an event moved in place: stale
        if cached is not None and cached[0] is index and cached[1] == shape:
            return cached[2]
        lanes = index.company_ids.size
        lane_of = np.repeat(np.arange(lanes, dtype=np.int64), np.diff(index.offsets))
        cells = _cell_numbers(index.start, lane_of, self.bounds, columns)
        if lanes * columns < 2**31:
            cells = cells.astype(np.int32)
        self._cells_of = (index, shape, cells)
        return cells

    def _carry_move(self, key: tuple, columns: int) -> bool:
        """One event moved in the arrays in place since the counts were made, and nothing
        else changed (no filter mask, the same width and bounds): its old cell loses one
        and its new cell gains one, where counting every event again costs a pass over all."""
        assert self.visible is not None
        index = self.visible.index
        move, made, cached = index.last_move, self._matrix_key, self._cells_of
        if (
            move is None
            or made is None
            or cached is None
            or cached[0] is not index
            or self.visible.mask is not None
            or made != (key[0], key[1] - 1, *key[2:])
            or cached[1] != (columns, self.bounds, index.generation - 1)
        ):
            return False
        cells = cached[2]
        was = int(cells[move.old])
        lane = np.array([move.new_lane], dtype=np.int64)
        now = int(
            _cell_numbers(index.start[move.new : move.new + 1], lane, self.bounds, columns)[0]
        )
        slide(cells, move.old, move.new, now)
        self._cells_of = (index, (columns, self.bounds, index.generation), cells)
        self._matrix.flat[was] -= 1
        self._matrix.flat[now] += 1
        return True

    def show_window(self, t0: float, t1: float) -> None:
        self.shown_range = (t0, t1)
        self.update()

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self.counts.size:  # hidden until now: counted only when it is to be seen
            self.refresh()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.refresh()

    # ----- coordinates
    def _x_of(self, t: float) -> float:
        lo, hi = self.bounds
        return (t - lo) / (hi - lo) * self.width()

    def _t_of(self, x: float) -> float:
        lo, hi = self.bounds
        return lo + x / max(self.width(), 1) * (hi - lo)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QtGui.QPainter(self)
        try:
            self._paint(painter)
        finally:  # a painter left open on an error would crash Qt later
            painter.end()

    @guarded_paint
    def _paint(self, painter: QtGui.QPainter) -> None:
        paint_overview(painter, QtCore.QRectF(self.rect()), self.counts, self.theme)
        x0, x1 = self._x_of(self.shown_range[0]), self._x_of(self.shown_range[1])
        x1 = max(x1, x0 + 4)
        window = QtCore.QRectF(x0, 1, x1 - x0, self.height() - 2)
        shade = QtGui.QColor(self.theme.text)
        shade.setAlphaF(0.08)
        painter.fillRect(QtCore.QRectF(0, 0, max(x0, 0), self.height()), shade)
        painter.fillRect(QtCore.QRectF(x1, 0, self.width() - x1, self.height()), shade)
        tint = QtGui.QColor(self.theme.density)
        tint.setAlphaF(0.12)
        painter.setBrush(tint)
        painter.setPen(QtGui.QPen(QtGui.QColor(self.theme.density), 1.5))
        painter.drawRoundedRect(window.adjusted(1, 1, -1, -1), 3, 3)
        painter.setPen(QtGui.QColor(self.theme.muted))
        if self.counts.size:
            first, last = self.end_labels()
            painter.drawText(QtCore.QRectF(4, 0, 120, 14), first)
            painter.drawText(
                QtCore.QRectF(self.width() - 124, 0, 120, 14),
                int(QtCore.Qt.AlignmentFlag.AlignRight),
                last,
            )

    def end_labels(self) -> tuple[str, str]:
        """What the strip's two ends say: the first and last date of the events."""
        return end_labels(*self.data_bounds)

    # ----- dragging the window
    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 (Qt name)
        t = self._t_of(event.position().x())
        t0, t1 = self.shown_range
        if not t0 <= t <= t1:  # a click elsewhere centres the window there
            half = (t1 - t0) / 2
            t0, t1 = t - half, t + half
            self.rangeDragged.emit(t0, t1)
        self._drag_offset = t - t0

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 (Qt name)
        if self._drag_offset is None:
            return
        t0, t1 = self.shown_range
        start = self._t_of(event.position().x()) - self._drag_offset
        self.rangeDragged.emit(start, start + (t1 - t0))

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 (Qt name)
        self._drag_offset = None


def _cell_numbers(
    starts: np.ndarray, lanes: np.ndarray, bounds: tuple[float, float], columns: int
) -> np.ndarray:
    """Each event's (lane, column) cell as one number: lane * columns + column."""
    lo, hi = bounds
    column = ((starts - lo) * (columns / (hi - lo))).astype(np.int64)
    np.clip(column, 0, columns - 1, out=column)
    return lanes * columns + column


def end_labels(lo: float, hi: float) -> tuple[str, str]:
    """Years when the events span years ("2001" … "2025"), else months ("Jan 2023" …
    "Dec 2023"), else days ("3 Jun 2020" … "17 Jun 2020"): two ends never read the same
    unless every event is on one day."""
    first, last = from_epoch_seconds(lo), from_epoch_seconds(max(lo, hi - 1))
    if (last - first).days > 2 * 366:
        return str(first.year), str(last.year)
    if (first.year, first.month) != (last.year, last.month):
        return first.strftime("%b %Y"), last.strftime("%b %Y")
    return (f"{first.day} {first.strftime('%b %Y')}", f"{last.day} {last.strftime('%b %Y')}")


def paint_overview(
    painter: QtGui.QPainter, rect: QtCore.QRectF, counts: np.ndarray, theme: Theme
) -> None:
    """Log-scaled columns so one busy week does not flatten everything else."""
    painter.fillRect(rect, QtGui.QColor(theme.lane_odd))
    if not counts.size or not counts.max():
        return
    heights = np.log1p(counts) / np.log1p(counts.max()) * (rect.height() - 16)
    width = rect.width() / counts.size
    colour = QtGui.QColor(theme.density)
    rects = [
        QtCore.QRectF(rect.left() + i * width, rect.bottom() - h, max(width, 1.0), h)
        for i, h in enumerate(heights)
        if h > 0
    ]
    painter.setPen(QtCore.Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRects(rects)
