"""Colours, marker shapes and themes, chosen so categories stay distinct in print and on
screen. One table of shapes serves the timeline, the legend, the filter list's icons, the
table and the detail pane, so a category looks the same everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols
from PySide6 import QtCore, QtGui

# Okabe–Ito, distinguishable with the common colour-vision deficiencies.
CATEGORY_COLOURS = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#6B6B00",
]


@dataclass(frozen=True)
class Shape:
    name: str  # as the filter list names it: "triangle down"
    symbol: str  # pyqtgraph's unit path
    scale: float  # pyqtgraph's unit symbols differ in weight; this evens them out
    glyph: str  # the same shape as a character, for text (the detail pane)


# Marker shape per category, so colour is never the only cue.
SHAPES = [
    Shape("circle", "o", 1.0, "●"),
    Shape("square", "s", 1.0, "■"),
    Shape("diamond", "d", 1.1, "◆"),
    Shape("triangle", "t1", 1.1, "▲"),
    Shape("triangle down", "t", 1.1, "▼"),
    Shape("hexagon", "h", 1.0, "⬢"),
    Shape("star", "star", 1.5, "★"),
    Shape("cross", "+", 1.15, "✚"),
]
SQUARE = SHAPES[1]  # companies are squares of their colour
# Softer tints for lane swatches and lane backgrounds.
COMPANY_COLOURS = [
    "#4E79A7",
    "#F28E2B",
    "#E15759",
    "#76B7B2",
    "#59A14F",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#BAB0AC",
]


def category_colour(position: int) -> QtGui.QColor:
    return QtGui.QColor(CATEGORY_COLOURS[position % len(CATEGORY_COLOURS)])


def category_shape(position: int) -> Shape:
    return SHAPES[position % len(SHAPES)]


def company_colour(company_id: int) -> QtGui.QColor:
    return QtGui.QColor(COMPANY_COLOURS[(company_id - 1) % len(COMPANY_COLOURS)])


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
