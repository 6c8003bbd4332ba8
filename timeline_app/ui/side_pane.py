"""The detail pane at the right of the main splitter, shown or collapsed.

On a laptop screen (1366 px wide) an empty detail pane took over a quarter of the width and
left the timeline about 470 px; so in a narrow window it starts collapsed and opens when an
event is selected, and View > Detail pane (F9) or dragging the splitter handle hides or
shows it at any time. A pane the person closed stays closed until they open it.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

NARROW_PX = 1400  # below this window width the pane starts collapsed
SHORTCUT = "F9"


class SidePane(QtCore.QObject):
    """The toggle action for the last widget of `splitter`, and its automatic collapse."""

    def __init__(self, window: QtWidgets.QMainWindow, splitter: QtWidgets.QSplitter) -> None:
        super().__init__(window)
        self.window = window
        self.splitter = splitter
        self.index = splitter.count() - 1
        self.width = 360  # the width to open at: the last one it had
        self.auto_collapsed = False  # closed by the app, not by the person: opens on select
        splitter.setCollapsible(self.index, True)
        self.action = QtGui.QAction("&Detail pane", window)
        self.action.setCheckable(True)
        self.action.setChecked(True)
        self.action.setShortcut(QtGui.QKeySequence(SHORTCUT))
        self.action.setStatusTip("Show or hide the selected event's detail and sources")
        self.action.toggled.connect(self._toggled)
        window.addAction(self.action)
        splitter.splitterMoved.connect(self._moved)

    def is_open(self) -> bool:
        return self.splitter.sizes()[self.index] > 0

    def open(self) -> None:
        self.auto_collapsed = False
        if self.is_open():
            return
        sizes = self.splitter.sizes()
        pane = self.splitter.widget(self.index)
        least = pane.minimumSizeHint().width() if pane is not None else 0
        width = max(self.width, least)
        middle = self.index - 1  # the timeline gives the room
        sizes[middle] = max(sizes[middle] - width, 1)
        sizes[self.index] = width
        self.splitter.setSizes(sizes)
        self.sync()

    def collapse(self, *, automatic: bool = False) -> None:
        sizes = self.splitter.sizes()
        if sizes[self.index] > 0:
            self.width = sizes[self.index]
            sizes[self.index - 1] += sizes[self.index]
            sizes[self.index] = 0
            self.splitter.setSizes(sizes)
        self.auto_collapsed = automatic
        self.sync()

    def fit_window(self, nothing_selected: bool) -> None:
        """At start: collapsed in a narrow window while there is nothing to show."""
        if nothing_selected and self.window.width() < NARROW_PX and self.is_open():
            self.collapse(automatic=True)

    def selection_changed(self, event_id: int | None) -> None:
        if event_id is not None and self.auto_collapsed:
            self.open()

    def _toggled(self, checked: bool) -> None:
        if checked and not self.is_open():
            self.open()
        elif not checked and self.is_open():
            self.collapse()

    def _moved(self, *_args: object) -> None:
        """Dragged: a pane dragged shut is the person's choice, like the toggle."""
        if self.is_open():
            self.width = self.splitter.sizes()[self.index]
        self.auto_collapsed = False
        self.sync()

    def sync(self) -> None:
        """The action says whether the pane is open (also after a restored layout)."""
        with QtCore.QSignalBlocker(self.action):
            self.action.setChecked(self.is_open())
