"""One line to type in a dialog of its own (a new name, a company's kind), kept open with
the reason until the text is taken: the names dialog's Rename… and Kind…."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from timeline_app.model.edits import FieldErrors
from timeline_app.ui.messages import error_label, grow_to_fit


class TextDialog(QtWidgets.QDialog):
    """One line to type (a new name, a kind), with the reason it was refused under it;
    the dialog stays open until `save` takes the text (True) or the user cancels."""

    def __init__(
        self, parent: QtWidgets.QWidget, title: str, label: str, text: str,
        save: Callable[[str], bool], suggestions: list[str] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("nameTextDialog")
        self._save = save
        plain = QtCore.Qt.TextFormat.PlainText
        caption = QtWidgets.QLabel(label, textFormat=plain, wordWrap=True)
        self.field = QtWidgets.QLineEdit(text)
        self.field.selectAll()
        caption.setBuddy(self.field)
        if suggestions:
            completer = QtWidgets.QCompleter(suggestions, self)
            completer.setCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
            self.field.setCompleter(completer)
        self.error = error_label()
        answers = QtWidgets.QDialogButtonBox.StandardButton
        buttons = QtWidgets.QDialogButtonBox(answers.Ok | answers.Cancel)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        for widget in (caption, self.field, self.error, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(380)

    def try_save(self) -> None:
        try:
            done = self._save(self.field.text())
        except FieldErrors as exc:
            self.error.setText("; ".join(exc.errors.values()))
            self.error.setVisible(True)
            grow_to_fit(self)
            self.field.setFocus()
            return
        if done:
            self.accept()
