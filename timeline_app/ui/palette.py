"""Colours and marker shapes, chosen so categories stay distinct in print and on screen."""

from __future__ import annotations

from PySide6 import QtGui

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
# Marker shape per category, so colour is never the only cue.
CATEGORY_SHAPES = [
    "circle",
    "square",
    "diamond",
    "triangle",
    "triangle_down",
    "hexagon",
    "star",
    "cross",
]
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


def category_shape(position: int) -> str:
    return CATEGORY_SHAPES[position % len(CATEGORY_SHAPES)]


def company_colour(company_id: int) -> QtGui.QColor:
    return QtGui.QColor(COMPANY_COLOURS[(company_id - 1) % len(COMPANY_COLOURS)])
