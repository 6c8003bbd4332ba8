"""Eras drawn as shaded bands across every lane, each named in a strip above the lanes.

Drawn over the lanes (their stripes are opaque) with a light tint, so markers inside an
era stay readable. The view keeps a strip above the first lane for the names, a row for
each era that overlaps another in time (up to MAX_ROWS), so a name never covers an event
or its label. Like the event layer, it draws in the plot's pixels, whatever the painter
(screen, PNG, SVG, PDF) scales them to.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from timeline_app.model.eras import Era
from timeline_app.ui.paint_guard import guarded_paint
from timeline_app.ui.palette import Theme

TINTS = ("#8A6FB3", "#3F8F8A")  # alternate, so neighbouring eras are told apart
TINT_ALPHA = 0.10
EDGE_ALPHA = 0.55
LABEL_PAD_PX = 4
ROW_PX = 17
MAX_ROWS = 3


class EraBands(pg.GraphicsObject):
    """The eras of the open timeline, above the lane stripes and below nothing."""

    def __init__(self, theme: Theme | None = None) -> None:
        super().__init__()
        self.theme = theme or Theme()
        self.eras: list[Era] = []
        self._spans: list[tuple[float, float, str]] = []
        font = QtGui.QFont()
        font.setPointSizeF(9.0)
        font.setItalic(True)
        self.font = font
        self.setZValue(5)  # over the event layer's lane stripes
        self.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def strip_height(self) -> float:
        """The room the names need above the lanes: a row per era overlapping in time."""
        if not self._spans:
            return 0.0
        ends: list[float] = []
        most = 0
        for start, end, _name in sorted(self._spans):
            ends = [e for e in ends if e > start] + [end]
            most = max(most, len(ends))
        return min(most, MAX_ROWS) * ROW_PX + 3

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_eras(self, eras: Sequence[Era]) -> None:
        self.prepareGeometryChange()
        self.eras = list(eras)
        self._spans = [(era.start_ts, era.end_ts, era.name) for era in self.eras]
        self.update()

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802 (Qt name)
        view = self.getViewBox()
        if view is None or not self._spans:
            return QtCore.QRectF()
        return view.viewRect()

    def viewRangeChanged(self) -> None:  # noqa: N802 (pyqtgraph hook)
        self.prepareGeometryChange()
        self.update()

    def drawn(self) -> list[tuple[str, float, float]]:
        """(name, left, right) in the plot's pixels of each era in view: what a person
        sees, for tests."""
        view = self.getViewBox()
        if view is None:
            return []
        (t0, t1), _ = view.viewRange()
        width = view.width()
        shown = []
        for start, end, name in self._spans:
            if end <= t0 or start >= t1 or t1 <= t0:
                continue
            left = max(0.0, (start - t0) / (t1 - t0) * width)
            right = min(width, (end - t0) / (t1 - t0) * width)
            shown.append((name, left, right))
        return shown

    def name_boxes(self) -> list[tuple[str, QtCore.QRectF]]:
        """Each name drawn and its box in the plot's pixels: what a person reads, for tests."""
        view = self.getViewBox()
        if view is None:
            return []
        (_t0, _t1), (y0, y1) = view.viewRange()
        metrics = QtGui.QFontMetricsF(self.font)
        placed = self._labels(self.drawn(), metrics, view.width(), min(y0, y1))
        return [(text, box) for _index, text, box in placed]

    def _labels(
        self,
        drawn: list[tuple[str, float, float]],
        metrics: QtGui.QFontMetricsF,
        width: float,
        top: float,
    ) -> list[tuple[int, str, QtCore.QRectF]]:
        """Each era's name in the strip: at its left edge, in the first row where it
        overlaps no other name, or else just after the name that ends first, as long as
        that is still inside the era; cut only at the plot's right edge."""
        rows = [0.0] * max(1, round((self.strip_height() - 3) / ROW_PX))
        placed = []
        for index, (name, left, right) in enumerate(drawn):
            x = left + LABEL_PAD_PX
            row = next((i for i, end in enumerate(rows) if end + 4 <= x), None)
            if row is None:
                row = min(range(len(rows)), key=rows.__getitem__)
                x = rows[row] + 4
                if x > right - 24:
                    continue  # no room in its own span: its band is still shaded
            text = metrics.elidedText(
                name, QtCore.Qt.TextElideMode.ElideRight, max(width - x - 6, 0.0)
            )
            if not text or text == "…":
                continue
            w = metrics.horizontalAdvance(text) + 6
            rows[row] = x + w
            box = QtCore.QRectF(x, top + 1 + row * ROW_PX, w, ROW_PX - 2)
            placed.append((index, text, box))
        return placed

    @guarded_paint
    def paint(self, painter: QtGui.QPainter, option: object, widget: object = None) -> None:
        view = self.getViewBox()
        if view is None or not self._spans:
            return
        (t0, t1), (y0, y1) = view.viewRange()
        width = view.width()
        if t1 <= t0 or width <= 0:
            return
        painter.save()
        try:
            # From the plot's pixels to the item's (time, pixel row) coordinates.
            painter.setTransform(
                QtGui.QTransform((t1 - t0) / width, 0, 0, 1, t0, 0) * painter.transform()
            )
            painter.setFont(self.font)
            metrics = QtGui.QFontMetricsF(self.font)
            top, height = min(y0, y1), abs(y1 - y0)
            drawn = self.drawn()
            for index, (_name, left, right) in enumerate(drawn):
                tint = QtGui.QColor(TINTS[index % len(TINTS)])
                fill = QtGui.QColor(tint)
                fill.setAlphaF(TINT_ALPHA)
                painter.fillRect(QtCore.QRectF(left, top, right - left, height), fill)
                edge = QtGui.QColor(tint)
                edge.setAlphaF(EDGE_ALPHA)
                painter.setPen(QtGui.QPen(edge, 1, QtCore.Qt.PenStyle.DashLine))
                painter.drawLine(QtCore.QPointF(left, top), QtCore.QPointF(left, top + height))
                painter.drawLine(QtCore.QPointF(right, top), QtCore.QPointF(right, top + height))
            for index, text, box in self._labels(drawn, metrics, width, top):
                tint = QtGui.QColor(TINTS[index % len(TINTS)])
                chip = QtGui.QColor(self.theme.background)
                chip.setAlphaF(0.85)
                painter.fillRect(box, chip)
                light = QtGui.QColor(self.theme.background).lightness() > 128
                painter.setPen(tint.darker(150) if light else tint.lighter(170))
                painter.drawText(box, QtCore.Qt.AlignmentFlag.AlignCenter, text)
        finally:
            painter.restore()
