"""The window-modal progress dialog of a long piece of work (an import, reading a source
for events): shown only if the work lasts, and cancelled by its button or by Escape."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets


def cancellable_progress(
    parent: QtWidgets.QWidget, title: str, label: str, after_ms: int
) -> QtWidgets.QProgressDialog:
    """A dialog with Cancel, shown once the work has run `after_ms`. Escape hides a dialog
    without cancelling it, so here it cancels as the button does."""
    dialog = QtWidgets.QProgressDialog(label, "Cancel", 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(after_ms)
    dialog.rejected.connect(dialog.cancel)
    return dialog
