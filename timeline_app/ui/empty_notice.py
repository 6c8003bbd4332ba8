"""A word over the timeline when the filters hide every event: an empty plot alone looks
like a broken window, so it says why and offers the way back (Reset filters)."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

MESSAGE = "No events match these filters"
LINK_TEXT = "Reset filters"


class EmptyNotice(QtWidgets.QFrame):
    """Shown centred over `over` (the timeline) while the open file has events but the
    filters show none; its link resets the filters."""

    def __init__(self, over: QtWidgets.QWidget, controller) -> None:
        super().__init__(over)
        self.setObjectName("emptyNotice")
        self.controller = controller
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
        self.link.setToolTip("Show every event again (Ctrl+R)")
        self.link.linkActivated.connect(lambda _href: controller.reset_filters())
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
        """Visible exactly when the file has events and the filters show none."""
        c = self.controller
        empty = c.store is not None and c.total_count > 0 and c.shown_count == 0
        self.setVisible(empty)
        if empty:
            self._place()
            self.raise_()

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
