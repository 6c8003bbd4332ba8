"""Draw the application icon: `python resources/make_icon.py` writes
timeline_app/ui/icons/app.png (256 px), which the package ships. Three lanes of a timeline,
a marker on each, and a quotation mark: events tied to the words of their source."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

OUT = Path(__file__).resolve().parents[1] / "timeline_app" / "ui" / "icons" / "app.png"
SIZE = 256


def draw() -> QtGui.QImage:
    image = QtGui.QImage(SIZE, SIZE, QtGui.QImage.Format.Format_ARGB32)
    image.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(image)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setPen(QtCore.Qt.PenStyle.NoPen)
    painter.setBrush(QtGui.QColor("#1f3b57"))
    painter.drawRoundedRect(QtCore.QRectF(8, 8, SIZE - 16, SIZE - 16), 44, 44)
    lanes = [(74, "#4e9bd8", 70), (128, "#f2a541", 150), (182, "#5cbf8a", 105)]
    for y, colour, x in lanes:
        pen = QtGui.QPen(QtGui.QColor("#8fa6bd"), 6)
        pen.setCapStyle(QtCore.Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QtCore.QPointF(40, y), QtCore.QPointF(SIZE - 40, y))
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.setBrush(QtGui.QColor(colour))
        painter.drawEllipse(QtCore.QPointF(x, y), 20, 20)
    painter.setPen(QtGui.QColor("#ffffff"))
    font = QtGui.QFont("DejaVu Serif", 88, QtGui.QFont.Weight.Bold)
    painter.setFont(font)
    painter.drawText(QtCore.QRectF(150, 150, 100, 100), QtCore.Qt.AlignmentFlag.AlignCenter, "”")
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    if not draw().save(str(OUT)):
        raise SystemExit(f"could not write {OUT}")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
