"""A word over the timeline when it shows no event: an empty plot alone looks like a broken
window, so it says why and offers the way on: Reset filters when the filters hide every
event, adding a source or importing events when the file has none yet."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6 import QtCore, QtWidgets

MESSAGE = "No events match these filters"
LINK_TEXT = "Reset filters"
NO_EVENTS = "This timeline has no events yet"
START_LINKS = (
    '<a href="source">Add a source…</a> and let the app propose its events, '
    'or <a href="import">import events…</a>'
)


class EmptyNotice(QtWidgets.QFrame):
    """Shown centred over `over` (the timeline) while it shows no event: its link resets
    the filters, or, in a file with no events, starts one of `starts` ("source", "import")."""

    def __init__(
        self,
        over: QtWidgets.QWidget,
        controller,
        starts: Mapping[str, Callable[[], object]] | None = None,
    ) -> None:
        super().__init__(over)
        self.setObjectName("emptyNotice")
        self.controller = controller
        self.starts = dict(starts or {})
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.Base)

        self.message = QtWidgets.QLabel(MESSAGE)
        self.message.setObjectName("emptyNoticeMessage")
        self.message.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.message.setFont(font)
        self.link = QtWidgets.QLabel(f'<a href="reset">{LINK_TEXT}</a>')
        self.link.setObjectName("emptyNoticeReset")
        self.link.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.link.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.LinksAccessibleByMouse
            | QtCore.Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.link.linkActivated.connect(self._follow)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(6)
        for label in (self.message, self.link):
            layout.addWidget(label, 0, QtCore.Qt.AlignmentFlag.AlignHCenter)

        over.installEventFilter(self)  # stay centred as the timeline resizes
        controller.filtersChanged.connect(self.refresh)
        controller.datasetChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Visible exactly when a file is open and the timeline shows none of its events."""
        c = self.controller
        empty = c.store is not None and c.shown_count == 0
        if empty and c.total_count == 0:
            self.message.setText(NO_EVENTS)
            self.link.setText(START_LINKS)
            self.link.setToolTip("File › Add source… or File › Import CSV/JSON…")
        elif empty:
            self.message.setText(MESSAGE)
            self.link.setText(f'<a href="reset">{LINK_TEXT}</a>')
            self.link.setToolTip("Show every event again (Ctrl+R)")
        self.setVisible(empty)
        if empty:
            self._place()
            self.raise_()

    def _follow(self, href: str) -> None:
        if href == "reset":
            self.controller.reset_filters()
        elif href in self.starts:
            self.starts[href]()

    def _place(self) -> None:
        over = self.parentWidget()
        if over is None:
            return
        self.adjustSize()
        self.move(
            max(0, (over.width() - self.width()) // 2),
            max(0, (over.height() - self.height()) // 2),
        )

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if watched is self.parentWidget() and event.type() == QtCore.QEvent.Type.Resize:
            self._place()
        return False
