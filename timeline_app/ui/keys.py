"""Keyboard shortcuts as the platform binds them, with the keys people try anyway."""

from __future__ import annotations

from PySide6 import QtGui


def standard_keys(
    standard: QtGui.QKeySequence.StandardKey, *extra: str
) -> list[QtGui.QKeySequence]:
    """Every key the platform binds to a standard action, then `extra`, each once.
    QKeySequence(standard) is only the first binding (Redo: Ctrl+Shift+Z on a Linux
    desktop, Ctrl+Y elsewhere), and a key an action lists twice is ambiguous to Qt, which
    then does nothing when it is pressed."""
    keys = [*QtGui.QKeySequence.keyBindings(standard), *map(QtGui.QKeySequence, extra)]
    distinct: dict[str, QtGui.QKeySequence] = {}
    for key in keys:
        distinct.setdefault(key.toString(), key)
    distinct.pop("", None)
    return list(distinct.values())
