"""The category legend: each category's colour and shape, and how precision and
approximation are drawn. The window shows it above the timeline; exports paint it too."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.ui import palette
from timeline_app.ui.paint_guard import guarded_paint
from timeline_app.ui.palette import Theme
from timeline_app.ui.shown_text import shown
from timeline_app.ui.timeline.packing import MARKER_PX


class CategoryLegend(QtWidgets.QWidget):
    """Category colours and shapes, plus how precision and approximation are drawn."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.categories: list[tuple[int, str]] = []
        self.colours = palette.Colours()
        font = QtGui.QFont()
        font.setPointSizeF(9.0)
        self.setFont(font)
        self.setMinimumHeight(24)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_categories(
        self, categories: list[tuple[int, str]], colours: palette.Colours | None = None
    ) -> None:
        self.categories = categories
        self.colours = colours or palette.Colours.of(categories)
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
            painter, QtCore.QRectF(self.rect()), self.categories, self.theme, self.font(),
            self.colours,
        )  # fmt: skip


def paint_legend(
    painter: QtGui.QPainter,
    rect: QtCore.QRectF,
    categories: Sequence[tuple[int, str]],
    theme: Theme,
    font: QtGui.QFont,
    colours: palette.Colours | None = None,
) -> float:
    """Draw the legend left to right, wrapping lines; returns the height used. `colours`:
    the chosen ones; by default each category's is its list place's."""
    colours = colours or palette.Colours.of(categories)
    painter.save()
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    metrics = QtGui.QFontMetricsF(font)
    line_h = max(metrics.height() + 6, 20.0)
    x, y = rect.left() + 8, rect.top() + 2
    entries: list[tuple[str, tuple[str, int]]] = [
        (shown(name), ("symbol", cid)) for cid, name in categories
    ]
    entries += [("known to the month/year", ("span", -1)), ("~ approximate", ("approx", -1)),
                ("N  several events", ("cluster", -1))]  # fmt: skip
    for text, (kind, cid) in entries:
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
            painter.setBrush(colours.category(cid))
            painter.drawPath(palette.symbol_path(colours.shape(cid)))
            painter.restore()
            icon_w = MARKER_PX
        elif kind == "span":
            bar = QtCore.QRectF(x, centre.y() - 5, 24, 10)
            painter.setPen(QtGui.QPen(QtGui.QColor(theme.muted), 1.2))
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(bar, 3, 3)
            palette.paint_hatch(
                painter, bar.adjusted(1.5, 1.5, -1.5, -1.5), QtGui.QColor(theme.muted)
            )
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
