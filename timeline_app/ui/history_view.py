"""The list of changes made since the file opened (Edit > History…), where a change that
has been undone looks undone, and the status bar says what an undo or a redo did."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from shiboken6 import isValid


class _UndoneLooksUndone(QtWidgets.QStyledItemDelegate):
    """Rows after the stack's current step (undone, redoable until a new change) are
    grey and italic, and say so."""

    def __init__(self, stack: QtGui.QUndoStack, parent: QtCore.QObject) -> None:
        super().__init__(parent)
        self.stack = stack

    def undone(self, row: int) -> bool:
        return row > self.stack.index()  # (row 0 is the file as opened)

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        if self.undone(index.row()):
            option.font.setItalic(True)
            option.text = f"{option.text} (undone)"
            grey = option.palette.brush(QtGui.QPalette.ColorRole.PlaceholderText)
            option.palette.setBrush(QtGui.QPalette.ColorRole.Text, grey)


def history_view(stack: QtGui.QUndoStack, parent: QtWidgets.QWidget) -> QtWidgets.QUndoView:
    view = QtWidgets.QUndoView(stack, parent)
    view.setObjectName("historyList")
    view.setEmptyLabel("The file as it was opened")
    view.setItemDelegate(_UndoneLooksUndone(stack, view))
    stack.indexChanged.connect(lambda _index: isValid(view) and view.viewport().update())
    return view


class UndoReport(QtCore.QObject):
    """Says in the status bar what Undo or Redo just did, so the message of the change
    before ("Deleted … Ctrl+Z brings it back") does not stay when it no longer holds."""

    def __init__(self, stack: QtGui.QUndoStack, status: QtWidgets.QStatusBar) -> None:
        super().__init__(stack)
        self.stack, self.status = stack, status
        self._index, self._count = stack.index(), stack.count()
        stack.indexChanged.connect(self._moved)

    def _moved(self, index: int) -> None:
        if not (isValid(self.stack) and isValid(self.status)):
            return  # (the window is closing: its stack empties as it goes)
        count = self.stack.count()
        if count == self._count and index != self._index:  # (a new change adds a step)
            if index < self._index:
                self.status.showMessage(f"Undone: {self.stack.text(index)}.")
            else:
                self.status.showMessage(f"Redone: {self.stack.text(index - 1)}.")
        self._index, self._count = index, count
