"""The timeline by keyboard: a frame that shows it has focus, and the keys that only make
sense while it has it.

Zoom, fit and stepping through events are window-wide shortcuts (the View menu); here, with
the timeline focused, PgUp / PgDn pan, ↓ / ↑ ring the counted badges in view one after the
other, and Enter zooms into the ringed badge (or, with none ringed, edits the selected
event, as a double-click does).
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.ui.paint_guard import guarded_paint
from timeline_app.ui.theme import focus_colour
from timeline_app.ui.timeline.layout import Hit

PAN_FRACTION = 0.25  # of the range in view, per PgUp / PgDn or Shift+arrow
FRAME_PX = 2
Key = QtCore.Qt.Key


class TimelineView(Protocol):
    """What the keys ask of the view (view.py imports this module, not the reverse)."""

    plot: QtWidgets.QAbstractScrollArea
    layer: Any  # the EventLayer: its selected event
    eventActivated: Any  # signals
    visibleRangeChanged: Any

    def visible_range(self) -> tuple[float, float]: ...
    def set_visible_range(self, t0: float, t1: float) -> None: ...
    def hits(self) -> list[Hit]: ...
    def rect_of(self, box: Any) -> QtCore.QRectF: ...
    def viewport_widget(self) -> QtWidgets.QWidget: ...
    def zoom_into(self, hit: Hit) -> None: ...


class FocusOverlay(QtWidgets.QWidget):
    """Drawn over the plot, never in the way of the mouse: the focus frame around it and a
    ring around the badge that Enter would open."""

    def __init__(self, parent: QtWidgets.QWidget, view: TimelineView) -> None:
        super().__init__(parent)
        self.view = view
        self.framed = False
        self.ringed: QtCore.QRectF | None = None  # in the plot's viewport
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)

    def follow(self) -> None:
        """Cover the plot exactly (it moves when the legend wraps)."""
        self.setGeometry(self.view.plot.geometry())
        self.raise_()
        self.update()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 (Qt name)
        if not (self.framed or self.ringed is not None):
            return
        painter = QtGui.QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    @guarded_paint
    def _paint(self, painter: QtGui.QPainter) -> None:
        colour = focus_colour(self.palette())
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        if self.framed:
            painter.setPen(QtGui.QPen(colour, FRAME_PX))
            half = FRAME_PX / 2
            painter.drawRect(QtCore.QRectF(self.rect()).adjusted(half, half, -half, -half))
        if self.ringed is not None:
            viewport = self.view.viewport_widget()
            offset = viewport.mapTo(self.view.plot, QtCore.QPoint(0, 0))  # we cover the plot
            ring = self.ringed.translated(offset.x(), offset.y()).adjusted(-4, -4, 4, 4)
            painter.setPen(QtGui.QPen(colour, 2.5))
            painter.drawRoundedRect(ring, ring.height() / 2, ring.height() / 2)


class TimelineKeys(QtCore.QObject):
    """Watches the plot for focus and keys (the plot, not the view, takes the focus)."""

    def __init__(self, parent: QtWidgets.QWidget, view: TimelineView) -> None:
        super().__init__(parent)
        self.view = view
        self.overlay = FocusOverlay(parent, view)
        self.badge: Hit | None = None
        view.plot.installEventFilter(self)
        view.visibleRangeChanged.connect(self._range_changed)

    def has_focus(self) -> bool:
        return self.view.plot.hasFocus()

    def focused_badge(self) -> Hit | None:
        return self.badge

    def pan(self, fraction: float) -> None:
        """Move the range in view by `fraction` of its width (negative: earlier)."""
        t0, t1 = self.view.visible_range()
        step = (t1 - t0) * fraction
        self.view.set_visible_range(t0 + step, t1 + step)

    def ring_next_badge(self, step: int) -> bool:
        """Ring the next (step 1) or previous (-1) badge in view, top to bottom and left to
        right; False when there is none."""
        badges = sorted(
            (hit for hit in self.view.hits() if hit.kind == "cluster"),
            key=lambda hit: (hit.box.y, hit.box.x),
        )
        if not badges:
            self._ring(None)
            return False
        at = next((i for i, b in enumerate(badges) if self._same(b, self.badge)), None)
        first = 0 if step > 0 else len(badges) - 1
        at = first if at is None else (at + step) % len(badges)
        self._ring(badges[at])
        return True

    @staticmethod
    def _same(a: Hit, b: Hit | None) -> bool:
        return b is not None and (a.lane, a.t0, a.t1) == (b.lane, b.t0, b.t1)

    def _ring(self, badge: Hit | None) -> None:
        self.badge = badge
        self.overlay.ringed = self.view.rect_of(badge.box) if badge is not None else None
        self.overlay.update()

    def _range_changed(self, *_args: object) -> None:
        if self.badge is not None:  # badges are piled again at another zoom
            self._ring(None)
        self.overlay.update()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QtCore.QEvent.Type.FocusIn, QtCore.QEvent.Type.FocusOut):
            self.overlay.framed = kind == QtCore.QEvent.Type.FocusIn
            if not self.overlay.framed:
                self._ring(None)
            self.overlay.follow()
        elif kind in (QtCore.QEvent.Type.Resize, QtCore.QEvent.Type.Move):
            self.overlay.follow()
        elif kind == QtCore.QEvent.Type.KeyPress and isinstance(event, QtGui.QKeyEvent):
            return self._key(event)
        elif kind == QtCore.QEvent.Type.ShortcutOverride and self._drops_ring(event):
            event.accept()  # Esc drops the ring first, before it clears the selection
            return True
        return False

    def _drops_ring(self, event: QtCore.QEvent) -> bool:
        escape = isinstance(event, QtGui.QKeyEvent) and event.key() == Key.Key_Escape
        return escape and self.badge is not None

    def _key(self, event: QtGui.QKeyEvent) -> bool:
        key, plain = event.key(), not event.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier
        if key in (Key.Key_PageUp, Key.Key_PageDown) and plain:
            self.pan(-PAN_FRACTION if key == Key.Key_PageUp else PAN_FRACTION)
            return True
        if key in (Key.Key_Down, Key.Key_Up) and plain:
            self.ring_next_badge(1 if key == Key.Key_Down else -1)
            return True
        if key in (Key.Key_Return, Key.Key_Enter):
            if self.badge is not None:
                badge = self.badge
                self._ring(None)
                self.view.zoom_into(badge)
                return True
            if self.view.layer.selected is not None:
                self.view.eventActivated.emit(self.view.layer.selected)
                return True
        if key == Key.Key_Escape and self.badge is not None:
            self._ring(None)
            return True
        return False
