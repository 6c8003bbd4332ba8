"""Telling the user: message boxes that show text as typed (never as HTML) and do not block
the caller, and notices in the status bar. The base of the main window."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

APP_TITLE = "Announcement Timeline"
ERROR_COLOUR = "#B3261E"  # the reason a dialog refuses a field, under that field


def grow_to_fit(dialog: QtWidgets.QWidget) -> None:
    """Taller, when reasons shown under fields need more room than the dialog has (a
    dialog keeps its size by itself, and the reasons would be cut)."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    wanted = dialog.sizeHint().height()
    if wanted > dialog.height():
        dialog.resize(dialog.width(), wanted)


def error_label() -> QtWidgets.QLabel:
    """A hidden line of plain text in the error colour, for the reason a field is refused."""
    label = QtWidgets.QLabel()
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.setVisible(False)
    return label


def plain_box(
    parent: QtWidgets.QWidget,
    icon: QtWidgets.QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    details: str = "",
) -> QtWidgets.QMessageBox:
    """A message box that shows file names and messages as typed, never as HTML."""
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Ok)
    return box


class MessageWindow(QtWidgets.QMainWindow):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.messages: list[QtWidgets.QMessageBox] = []  # non-blocking boxes shown, newest last
        self.last_message: tuple[str, str] | None = None  # (title, text) of the newest box
        self.notices: list[str] = []  # status-bar notices shown, oldest first

    def show_message(
        self,
        icon: QtWidgets.QMessageBox.Icon,
        title: str,
        text: str,
        informative: str = "",
        details: str = "",
    ) -> QtWidgets.QMessageBox:
        """A window-modal box that does not block the caller (tests find and close it)."""
        box = plain_box(self, icon, title, text, informative, details)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_a, b=box: self._forget_box(b))
        self.messages.append(box)
        self.last_message = (title, "\n\n".join(p for p in (text, informative) if p))
        box.open()
        return box

    def _forget_box(self, box: QtWidgets.QMessageBox) -> None:
        if box in self.messages:
            self.messages.remove(box)

    def show_error(self, message: str) -> QtWidgets.QMessageBox:
        """The controller's messages: the first paragraph says what failed."""
        text, _, rest = message.partition("\n\n")
        self.statusBar().showMessage(text, 10_000)
        return self.show_message(QtWidgets.QMessageBox.Icon.Warning, APP_TITLE, text, rest)

    def show_notice(self, text: str) -> None:
        """Something worth knowing that is not a failure: in the status bar, for a while
        (an empty notice clears it)."""
        if not text:
            self.statusBar().clearMessage()
            return
        self.statusBar().showMessage(text, 20_000)
        self.notices.append(text)

    def close_messages(self) -> None:
        for box in list(self.messages):
            box.close()
