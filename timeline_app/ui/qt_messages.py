"""Qt's own messages: passed on to stderr, except the offscreen plugin's harmless chatter,
so that a headless command prints only what the user needs."""

from __future__ import annotations

import sys

from PySide6 import QtCore

HARMLESS = ("does not support propagateSizeHints",)


def _forward(kind: QtCore.QtMsgType, context: QtCore.QMessageLogContext, message: str) -> None:
    if not any(text in message for text in HARMLESS):
        print(message, file=sys.stderr)


def quiet_harmless_messages() -> None:
    QtCore.qInstallMessageHandler(_forward)
