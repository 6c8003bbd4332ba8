"""The timeline's axes and its view box: dates along the bottom, company names down the
side, and what the wheel and mouse do to them."""

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
from PySide6 import QtCore, QtGui

from timeline_app.model.dates import epoch_seconds, from_epoch_seconds
from timeline_app.ui.paint_guard import never_raises
from timeline_app.ui.timeline.lane_heights import LaneSlot

LABEL_AXIS_PX = 170


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


def day_label(seconds: float, weekday: bool = False) -> str:
    """ "7 Jun" (or "Sun 7 Jun"): a day tick names its month, so that a reader of a few
    ticks, or of a picture cut from the timeline, still knows which days they are."""
    day = from_epoch_seconds(seconds)
    text = f"{day.day} {day.strftime('%b')}"
    return f"{day.strftime('%a')} {text}" if weekday else text


class TimeAxis(pg.DateAxisItem):
    """Dates in UTC, never finer than a day (no event is known to the hour), and always
    with the year in view: "Jun 2020" over "7 Jun", "12 Jun", not bare "07 12 17"."""

    def __init__(self) -> None:
        super().__init__("bottom", utcOffset=0)
        font = QtGui.QFont()
        font.setPointSizeF(9.0)
        self.setTickFont(font)  # said, not inherited: an export scales the fonts it knows
        day, month, year = DAY_SPACING, MONTH_SPACING, YEAR_SPACING
        self.zoomLevels = OrderedDict(
            [
                (np.inf, ZoomLevel([
                    TickSpec(year, makeYStepper(1), "%Y", autoSkip=[1, 5, 10, 25]),
                    TickSpec(month, makeMStepper(1), "%b"),
                ], "YYYY")),
                (5 * day, ZoomLevel([
                    TickSpec(month, makeMStepper(1), "%b %Y"),
                    TickSpec(day, makeSStepper(day), "%d %b", autoSkip=[1, 2, 5]),
                ], "MMM 0000")),
                (6 * 3600, ZoomLevel([
                    TickSpec(month, makeMStepper(1), "%B %Y"),
                    TickSpec(day, makeSStepper(day), "%a %d %b"),
                ], "Wed 00 MMM")),
            ]
        )  # fmt: skip

    def fonts(self) -> list[QtGui.QFont]:
        """The fonts of the ticks and of the period named under them."""
        return [self.style["tickFont"], self.label.font()]

    @never_raises(fallback=lambda self, values, scale, spacing: [""] * len(values))
    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        strings = super().tickStrings(values, scale, spacing)
        if not strings or spacing != DAY_SPACING:
            return strings
        weekday = "%a" in self.zoomLevel.tickSpecs[-1].format
        strings = [day_label(value, weekday) if text else "" for value, text in zip(
            values, strings, strict=True)]  # fmt: skip
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

    def fonts(self) -> list[QtGui.QFont]:
        """The font of the company names."""
        return [self.style["tickFont"]]

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


def describe_period(t0: float, t1: float) -> str:
    """A short human range for tooltips: "3 Mar 2019 – 9 Apr 2019"."""
    first = from_epoch_seconds(t0)
    last = from_epoch_seconds(max(t0, t1 - 1))
    if first == last:
        return first.strftime("%-d %b %Y")
    return f"{first.strftime('%-d %b %Y')} – {last.strftime('%-d %b %Y')}"
