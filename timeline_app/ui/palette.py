"""Colours, marker shapes and themes, chosen so categories stay distinct in print and on
screen. One table of shapes serves the timeline, the legend, the filter list's icons, the
table and the detail pane, so a category looks the same everywhere; a Colours lookup adds
the colours a person chose (kept in the file) over the palette's. The tables themselves are
plain data in timeline_app/colours.py (the web page export reads them without Qt); this
module makes them Qt colours, paths and icons."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6 import QtCore, QtGui

from timeline_app.colours import (
    CATEGORY_COLOURS,
    COMPANY_COLOURS,
    SHAPES,
    SQUARE,
    ColourChoice,
    Shape,
    Theme,
    category_colour_hex,
    category_shape,
    company_colour_hex,
)

__all__ = [
    "CATEGORY_COLOURS", "COMPANY_COLOURS", "SHAPES", "SQUARE", "Colours", "KnowsColours",
    "Shape", "Theme", "category_colour", "category_shape", "company_colour", "marker_icon",
    "symbol_path",
]  # fmt: skip


def category_colour(position: int) -> QtGui.QColor:
    return QtGui.QColor(category_colour_hex(position))


def company_colour(company_id: int) -> QtGui.QColor:
    return QtGui.QColor(company_colour_hex(company_id))


_PATHS: dict[str, QtGui.QPainterPath] = {}


def symbol_path(shape: Shape) -> QtGui.QPainterPath:
    """The unit-size path of a shape, centred on (0, 0), scaled so every shape looks as big."""
    if shape.name not in _PATHS:
        factor = shape.scale
        _PATHS[shape.name] = QtGui.QTransform.fromScale(factor, factor).map(Symbols[shape.symbol])
    return _PATHS[shape.name]


_ICONS: dict[tuple[str, str, int], QtGui.QIcon] = {}


def marker_icon(colour: QtGui.QColor, shape: Shape = SQUARE, size: int = 14) -> QtGui.QIcon:
    """A small picture of a timeline marker: the shape's own path, in its colour."""
    key = (colour.name(), shape.name, size)
    if key in _ICONS:
        return _ICONS[key]
    ratio = 2
    pixmap = QtGui.QPixmap(size * ratio, size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.translate(size / 2, size / 2)
    painter.scale(size - 4, size - 4)
    painter.setPen(QtGui.QPen(colour.darker(130), 1 / (size - 4)))
    painter.setBrush(colour)
    painter.drawPath(symbol_path(shape))
    painter.end()
    icon = QtGui.QIcon(pixmap)
    _ICONS[key] = icon
    return icon


class Colours(ColourChoice):
    """How each company and category is drawn (see ColourChoice), as Qt colours and icons.
    Made from an opened timeline and handed to whatever draws (the window's widgets, an
    export), so all of them agree and no colour is kept anywhere else."""

    def company(self, company_id: int) -> QtGui.QColor:
        return QtGui.QColor(self.company_hex(company_id))

    def category(self, category: int | str) -> QtGui.QColor:
        """By id or name; an unknown category is drawn as the first one is by default."""
        return QtGui.QColor(self.category_hex(category))

    def company_icon(self, company_id: int, size: int = 14) -> QtGui.QIcon:
        return marker_icon(self.company(company_id), SQUARE, size)

    def category_icon(self, category: int | str, size: int = 14) -> QtGui.QIcon:
        return marker_icon(self.category(category), self.shape(category), size)

    def colour(self, kind: str, row_id: int) -> QtGui.QColor:
        """A company's or a category's ("company", "category"), by id."""
        return self.company(row_id) if kind == "company" else self.category(row_id)

    def icon(self, kind: str, row_id: int) -> QtGui.QIcon:
        return self.company_icon(row_id) if kind == "company" else self.category_icon(row_id)


@runtime_checkable
class KnowsColours(Protocol):
    """Something that can say how things are drawn now (the window's controller)."""

    @property
    def colours(self) -> Colours: ...


HATCH_SPACING_PX = 6.0


def paint_hatch(painter: QtGui.QPainter, rect: QtCore.QRectF, colour: QtGui.QColor) -> None:
    """Diagonal lines ("/") across `rect`, each cut to it: a month or year known, not the
    day. Plain lines, not a pattern brush, so that every SVG and PDF reader shows them as
    the window does (a brush pattern becomes an SVG mask that some renderers leave out)."""
    left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    lines = []
    c = left + top + HATCH_SPACING_PX / 2  # along x + y = c, which rises to the right
    while c < right + bottom:
        x0, x1 = max(left, c - bottom), min(right, c - top)
        if x1 > x0:
            lines.append(QtCore.QLineF(x0, c - x0, x1, c - x1))
        c += HATCH_SPACING_PX
    painter.save()
    painter.setPen(QtGui.QPen(colour, 1.0))
    painter.drawLines(lines)
    painter.restore()
