"""Eras drawn as shaded bands across every lane, each named at its top left.

Drawn over the lanes (their stripes are opaque) with a light tint, so markers inside an
era stay readable; the name sits on a chip of the background colour so that it reads over
whatever lies beneath. Like the event layer, it draws in the plot's pixels, whatever the
painter (screen, PNG, SVG, PDF) scales them to.
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

    @staticmethod
    def _labels(
        drawn: list[tuple[str, float, float]],
        metrics: QtGui.QFontMetricsF,
        width: float,
        top: float,
    ) -> list[tuple[str, QtCore.QRectF]]:
        """Each era's name at its left edge, in the first row where it overlaps no other
        name (overlapping eras stack their names), cut only at the plot's right edge."""
        rows: list[float] = []  # the right end of the last name in each row
        placed = []
        for name, left, _right in drawn:
            x = left + LABEL_PAD_PX
            text = metrics.elidedText(
                name, QtCore.Qt.TextElideMode.ElideRight, max(width - x - 6, 0.0)
            )
            if not text or text == "…":
                placed.append(("", QtCore.QRectF()))
                continue
            w = metrics.horizontalAdvance(text) + 6
            row = next((i for i, end in enumerate(rows) if end + 4 <= x), len(rows))
            if row == len(rows):
                rows.append(0.0)
            rows[row] = x + w
            h = metrics.height() + 2
            placed.append((text, QtCore.QRectF(x, top + 2 + row * (h + 2), w, h)))
        return [(text, box) for text, box in placed if text]

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
            for index, (text, box) in enumerate(self._labels(drawn, metrics, width, top)):
                tint = QtGui.QColor(TINTS[index % len(TINTS)])
                chip = QtGui.QColor(self.theme.background)
                chip.setAlphaF(0.85)
                painter.fillRect(box, chip)
                light = QtGui.QColor(self.theme.background).lightness() > 128
                painter.setPen(tint.darker(150) if light else tint.lighter(170))
                painter.drawText(box, QtCore.Qt.AlignmentFlag.AlignCenter, text)
        finally:
            painter.restore()
